"""The edition's typed records: what every later stage reads, never the raw files."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import HistoricalDate
from .frontmatter import FrontMatter

# Where each kind of record lives, in the sources and in the site's URLs.
FOLDERS = {"document": "documents", "person": "people", "event": "events"}

__all__ = [
    "FOLDERS", "BibEntry", "Citation", "Document", "Edition", "Event", "Person", "Reference", "Section", "Withdrawal",
]


@dataclass(frozen=True, slots=True)
class Reference:
    """An inline link from text to a person or event: ``[Zinoviev](person:zinoviev-grigorii)``."""

    kind: str  # "person" or "event"
    target: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited work inside a Pandoc-style citation: ``[see @allen2021, 45]``."""

    key: str
    line: int
    column: int
    prefix: str = ""
    label: str = ""
    locator: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    dates: HistoricalDate
    intro: str = ""


@dataclass(frozen=True, slots=True)
class Withdrawal:
    date: HistoricalDate
    reason: str


@dataclass(slots=True)
class Document:
    id: str
    title: str
    date: HistoricalDate
    authors: tuple[str, ...]
    venue: str
    section: str
    path: str
    body: str
    body_line: int
    genre: str | None = None
    language: str | None = None
    original_title: str | None = None
    translator: str | None = None
    source: str | None = None
    summary: str | None = None
    text: str = "full"
    people: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    former_ids: tuple[str, ...] = ()
    withdrawn: Withdrawal | None = None
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    front_matter: FrontMatter | None = field(default=None, repr=False, compare=False)


@dataclass(slots=True)
class Person:
    id: str
    name: str
    path: str
    body: str
    body_line: int
    sort_name: str = ""
    kind: str = "person"
    variants: tuple[str, ...] = ()
    born: HistoricalDate | None = None
    died: HistoricalDate | None = None
    wikidata: str | None = None
    summary: str | None = None
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    front_matter: FrontMatter | None = field(default=None, repr=False, compare=False)

    @property
    def is_group(self) -> bool:
        return self.kind == "group"


@dataclass(slots=True)
class Event:
    id: str
    name: str
    start: HistoricalDate
    path: str
    body: str
    body_line: int
    end: HistoricalDate | None = None
    place: str | None = None
    summary: str | None = None
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    front_matter: FrontMatter | None = field(default=None, repr=False, compare=False)

    @property
    def earliest(self):  # noqa: ANN201 - a datetime.date
        return self.start.earliest

    @property
    def latest(self):  # noqa: ANN201
        return (self.end or self.start).latest


@dataclass(frozen=True, slots=True)
class BibEntry:
    """A bibliography entry: fields as written (LaTeX kept) and the line it starts on."""

    key: str
    entry_type: str
    fields: dict[str, str]
    line: int


@dataclass(slots=True)
class Edition:
    """Every record of an edition, as read and validated from its files."""

    sections: tuple[Section, ...]
    documents: list[Document]
    people: list[Person]
    events: list[Event]
    bibliography: dict[str, BibEntry]
    bibliography_path: str = "bibliography.bib"
    # Citations on the front pages (docs/), by page: they resolve and count like any other.
    front_citations: dict[str, tuple[Citation, ...]] = field(default_factory=dict)
