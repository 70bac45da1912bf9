"""edition: turn a repository of Markdown documents, people and events into a scholarly edition."""

from __future__ import annotations

from .dates import EdtfError, HistoricalDate, parse_date
from .loading import LoadedEdition, load_edition
from .problems import Problem, Severity, format_problems
from .records import BibEntry, Citation, Document, Edition, Event, Person, Reference, Section
from .settings import EditionSettings, load_settings

__all__ = [
    "BibEntry", "Citation", "Document", "Edition", "EditionSettings", "EdtfError", "Event", "HistoricalDate",
    "LoadedEdition", "Person", "Problem", "Reference", "Section", "Severity", "format_problems",
    "load_edition", "load_settings", "parse_date",
]
