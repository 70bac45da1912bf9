"""The edition's settings, and the one declaration of the plugin's options.

The options are declared once, here: ``sources.config`` validates ``mkdocs.yml`` against this
declaration, the MkDocs adapter derives its config class from it, and the README's reference of
options is written from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .records import Section

__all__ = ["CACHE_DIR", "CONFIG_FILE", "LICENCES", "OPTIONS", "EditionSettings", "Editor", "Option"]

# Licences an edition is likely to choose, by SPDX identifier: their names and where they can be read.
LICENCES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0 International",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC-BY-NC-4.0": ("Creative Commons Attribution-NonCommercial 4.0 International",
                     "https://creativecommons.org/licenses/by-nc/4.0/"),
    "CC-BY-NC-SA-4.0": ("Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
                        "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
    "CC-BY-ND-4.0": ("Creative Commons Attribution-NoDerivatives 4.0 International",
                     "https://creativecommons.org/licenses/by-nd/4.0/"),
    "CC0-1.0": ("CC0 1.0 Universal (public domain dedication)", "https://creativecommons.org/publicdomain/zero/1.0/"),
}


@dataclass(frozen=True, slots=True)
class Editor:
    """A person who edits the edition, in a role a citation names."""

    name: str  # as displayed: "Barbara C. Allen"
    sort_name: str  # surname first: "Allen, Barbara C."
    role: str = "editor"  # editor, translator or contributor


CONFIG_FILE = "mkdocs.yml"
# What a run keeps for the next (formatted citations, the files' reads): only ever a faster next run.
CACHE_DIR = ".cache/edition"


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
    Option("editors", "list of people", [], "The people who edit the edition, as they are to be cited: each a name, "
           "or a mapping with `name`, `sort_name` (surname first) and `role` (editor, translator or contributor). "
           "Only people: a project or institution is the publisher.",
           "editors:\n  - name: Barbara C. Allen\n    sort_name: Allen, Barbara C."),
    Option("publisher", "text", "", "Who publishes the edition: a project or an institution.",
           "publisher: The Workers' Opposition project"),
    Option("release", "date", "", "The date of this release of the edition (YYYY-MM-DD, YYYY-MM or YYYY): the "
           "date its documents are cited with.", "release: 2026-12-01"),
    Option("year", "year", "", "The year of the release, when `release` is not given.", "year: 2026"),
    Option("licence", "text", "", "The licence of the edition's texts, as an SPDX identifier (CC-BY-4.0, "
           "CC-BY-SA-4.0, CC0-1.0, ...) or a name; shown in every page's footer and in every citation download.",
           "licence: CC-BY-4.0"),
    Option("licence_url", "URL", "", "Where the licence can be read; known for the Creative Commons licences.",
           "licence_url: https://creativecommons.org/licenses/by/4.0/"),
    Option("csl_style", "path", "", "A CSL style file, relative to mkdocs.yml; by default Chicago notes and "
           "bibliography, 16th edition.", "csl_style: styles/my-style.csl"),
    Option("language", "language code", "en", "The language of the edition's text, as a BCP 47 code.",
           "language: en"),
    Option("allow_raw_html", "true or false", False, "Let the editors' own front pages in the docs folder hold any "
           "HTML. Documents, people and events never may: they keep to the few elements the policy allows.",
           "allow_raw_html: true"),
)


def options_reference() -> str:
    """The reference of every option, in Markdown, as the README gives it: written from :data:`OPTIONS`."""
    parts = []
    for option in OPTIONS:
        default = option.default if option.default not in ("", [], None) else "none"
        if isinstance(default, bool):
            default = str(default).lower()
        example = "\n".join(f"      {line}" for line in option.example.splitlines())
        parts.append(f"### `{option.name}`\n\n{option.type}; default: {default}. {option.meaning}\n\n"
                     f"```yaml\nplugins:\n  - edition:\n{example}\n```\n")
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class EditionSettings:
    """What ``mkdocs.yml`` says of the edition: the plugin's options and the site settings they need."""

    sections: tuple[Section, ...] = ()
    editors: tuple[Editor, ...] = ()
    publisher: str = ""
    year: str = ""  # of the release: from `release`, else from `year`
    release: str = ""  # an ISO date, as precise as it was given
    licence: str = ""
    licence_url: str = ""
    # What this build is: a release tag, else a commit and its date (from Git, where there is one).
    version: str = ""
    version_date: str = ""
    csl_style: str = ""
    # The class of that CSL style, from its file: "note" (citations become notes) or "in-text"
    # (citations stay in the running text, in the style's brackets).
    citation_class: str = "note"
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

    @property
    def licence_name(self) -> str:
        return LICENCES.get(self.licence, (self.licence, ""))[0]

    @property
    def licence_link(self) -> str:
        return self.licence_url or LICENCES.get(self.licence, ("", ""))[1]
