"""A documentary edition from a repository of Markdown files: documents, people, events and their
citations, checked and published as a static site by MkDocs.

The package reads in one direction: ``model`` (records, dates, problems, settings, URLs, the
index) <- ``sources`` (files to records and problems) and ``cite`` (notes and bibliography) <-
``publish`` (pages and their files) <- ``mkdocs`` (the only code that imports MkDocs).
"""

from __future__ import annotations

from .model.dates import EdtfError, HistoricalDate, parse_date
from .model.problems import Problem, Severity, format_problems
from .model.records import BibEntry, Citation, Document, Edition, Event, Person, Reading, Reference, Section
from .model.settings import EditionSettings
from .sources.config import load_settings
from .sources.load import LoadedEdition, load_edition

__all__ = [
    "BibEntry", "Citation", "Document", "Edition", "EditionSettings", "EdtfError", "Event", "HistoricalDate",
    "LoadedEdition", "Person", "Problem", "Reading", "Reference", "Section", "Severity", "format_problems",
    "load_edition", "load_settings", "parse_date",
]
