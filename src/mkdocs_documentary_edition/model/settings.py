"""The edition's settings, and the one declaration of the plugin's options.

The options are declared once, here: ``sources.config`` validates ``mkdocs.yml`` against this
declaration, the MkDocs adapter derives its config class from it, and the README's reference of
options is written from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .records import Section

__all__ = ["CONFIG_FILE", "OPTIONS", "EditionSettings", "Option"]

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True, slots=True)
class Option:
    """One option of the ``edition`` plugin in ``mkdocs.yml``."""

    name: str
    type: str  # as a reader of the reference would say it
    default: Any
    meaning: str
    example: str


OPTIONS: tuple[Option, ...] = (
    Option("enabled", "true or false", True, "Build the edition's pages; false leaves a plain MkDocs site.",
           "enabled: true"),
    Option("sections", "list of sections", [], "The edition's sections in date order, each with an `id` (its URL), "
           "a `title`, `dates` (an EDTF interval; sections must not overlap) and an `intro` in Markdown.",
           "sections:\n  - id: open-faction\n    title: The open faction\n    dates: 1920-12-18/1921-03-16\n"
           "    intro: The months in which ..."),
    Option("editors", "list of names", [], "Who edits the edition, as they are to be cited.",
           "editors: [Barbara C. Allen]"),
    Option("publisher", "text", "", "Who publishes the edition: a project or an institution.",
           "publisher: The Workers' Opposition project"),
    Option("year", "year", "", "The year of the edition's release, for its citations.", "year: 2026"),
    Option("csl_style", "path", "", "A CSL style file, relative to mkdocs.yml; by default Chicago notes and "
           "bibliography, 16th edition.", "csl_style: styles/my-style.csl"),
    Option("language", "language code", "en", "The language of the edition's text, as a BCP 47 code.",
           "language: en"),
    Option("allow_raw_html", "true or false", False, "Let the editors' own front pages in the docs folder hold any "
           "HTML. Documents, people and events never may: they keep to the few elements the policy allows.",
           "allow_raw_html: true"),
)


@dataclass(frozen=True, slots=True)
class EditionSettings:
    """What ``mkdocs.yml`` says of the edition: the plugin's options and the site settings they need."""

    sections: tuple[Section, ...] = ()
    editors: tuple[str, ...] = ()
    publisher: str = ""
    year: str = ""
    csl_style: str = ""
    language: str = "en"
    allow_raw_html: bool = False
    site_name: str = ""
    site_url: str = ""
    docs_dir: str = "docs"
    # Python-Markdown's extensions and their settings, as the build uses them: the edition's text is
    # read with exactly these, so the check sees what the site publishes.
    markdown_extensions: tuple[str, ...] = ()
    markdown_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Ids of sections given in mkdocs.yml that could not be read: they were reported there, and a
    # document filed under one is not reported again.
    claimed_sections: frozenset[str] = frozenset()

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)
