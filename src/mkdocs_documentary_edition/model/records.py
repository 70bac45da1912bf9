"""The edition's typed records: what every later stage reads, never the raw files.

Each record carries its :class:`Origin` (the file, and where each key and value stands in it) so
that a problem found anywhere later can point at the line a contributor must change, and the
:class:`Reading` of its Markdown: the one parse of the text that the check validates and the
site publishes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .dates import HistoricalDate, span_words

__all__ = [
    "CITE_PLACEHOLDER",
    "CITE_TAG",
    "EMPTY_READING",
    "NO_AUTHORITIES",
    "PARAGRAPH_TOKEN",
    "PILCROW",
    "PILCROW_PLACEHOLDER",
    "Archive",
    "Authorities",
    "BibEntry",
    "Change",
    "Citation",
    "CitationGroup",
    "Document",
    "Edition",
    "Event",
    "FirstPublication",
    "KeyPath",
    "Loose",
    "Origin",
    "ParagraphAnchors",
    "Person",
    "Position",
    "Reading",
    "Record",
    "Reference",
    "Section",
    "Withdrawal",
    "paragraph_token",
]

Position = tuple[int, int]
KeyPath = tuple[str | int, ...]

# How a Reading's HTML marks what is filled in when its page is written: each citation group as
# <edition-cite data-n="N"></edition-cite> (N counts groups in reading order), and each numbered
# paragraph's anchor as U+E0F0, its position, U+E0F1.
CITE_TAG = "edition-cite"
CITE_PLACEHOLDER = re.compile(r'<edition-cite data-n="(\d+)"></edition-cite>(\.?)')
PARAGRAPH_TOKEN = re.compile("\ue0f0(\\d+)\ue0f1")
PILCROW = "edition-pilcrow"  # the class of a paragraph's link to itself
PILCROW_PLACEHOLDER = re.compile(f'<a class="{PILCROW}" href="#{PARAGRAPH_TOKEN.pattern}"')


def paragraph_token(position: int) -> str:
    """The placeholder of the anchor of the numbered paragraph at ``position`` (from 1)."""
    return f"\ue0f0{position}\ue0f1"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from: its file, and the line and column of each key and value in it."""

    path: str
    start: Position = (1, 1)
    keys: Mapping[KeyPath, Position] = field(default_factory=dict)
    values: Mapping[KeyPath, Position] = field(default_factory=dict)
    # Keys whose values were already reported as wrong: later checks leave them alone, so that one
    # mistake is reported once.
    reported: frozenset[str] = frozenset()

    def key_at(self, path: KeyPath) -> Position:
        """Where a key stands; for a missing key, the opening ``---``."""
        return self.keys.get(path) or self.start

    def value_at(self, path: KeyPath) -> Position:
        """Where a value stands: the item itself, else the value that holds it, else its key."""
        for length in range(len(path), 0, -1):
            found = self.values.get(path[:length])
            if found:
                return found
        return self.key_at(path[:1])


# -- what a Markdown text refers to and cites


@dataclass(frozen=True, slots=True)
class Reference:
    """A link from text to a record of the edition: ``[Zinoviev](person:zinoviev-grigorii)``,
    ``[the Theses](document:1921-theses#p4)``."""

    kind: str  # "person", "event" or "document"
    target: str
    line: int
    column: int
    anchor: str = ""


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
    suppress_author: bool = False
    in_text: bool = False  # ``@key [45]``: the author's name stands in the sentence, the rest in a note


@dataclass(frozen=True, slots=True)
class CitationGroup:
    """One bracketed citation, ``[see @a, 45; @b]``, as it stands in the reader's order of notes."""

    citations: tuple[Citation, ...]
    note: int  # the note it belongs to, counted from 1 in reading order
    opens_note: bool  # nothing comes before it in its note ("Ibid." then takes a capital)
    closes_note: bool  # nothing follows it in its note (the style's closing period goes after it)
    running: bool = False  # written in the running text, where it became a note of its own


@dataclass(frozen=True, slots=True)
class Reading:
    """The one parse of a Markdown text, by the same Python-Markdown set-up that publishes it.

    ``html`` is the rendered text, in which each citation group stands as a placeholder element
    (the CSL processor formats it when the page is written) and each numbered paragraph's anchor as
    a placeholder (its permanent name comes from the record of published URLs).
    """

    html: str = ""
    toc: tuple[Any, ...] = ()
    references: tuple[Reference, ...] = ()
    groups: tuple[CitationGroup, ...] = ()
    notes: int = 0
    paragraphs: tuple[str, ...] = ()  # a fingerprint of each numbered paragraph's text, in order
    openings: tuple[str, ...] = ()  # the first words of each numbered paragraph, for messages
    paragraph_lines: tuple[int, ...] = ()  # the line each numbered paragraph starts on

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(citation for group in self.groups for citation in group.citations)


EMPTY_READING = Reading()


# -- the records


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    dates: HistoricalDate
    intro_markdown: str = ""
    intro: Reading = EMPTY_READING
    origin: Origin = Origin("mkdocs.yml")


@dataclass(frozen=True, slots=True)
class Withdrawal:
    date: HistoricalDate
    reason: str


@dataclass(frozen=True, slots=True)
class Change:
    """A correction made to a published document: when, and what."""

    date: HistoricalDate
    note: str


@dataclass(frozen=True, slots=True)
class Archive:
    """Where the original is kept: a repository's file cited by fond, opis, delo and folios, or a free
    reference for archives that cite otherwise."""

    repository: str = ""
    fond: str = ""
    opis: str = ""
    delo: str = ""
    folios: str = ""
    reference: str = ""

    def words(self) -> str:
        """ "RGASPI, f. 17, op. 2, d. 61, ll. 12-14", as Russian archives are cited."""
        parts = [self.repository] if self.repository else []
        parts += [f"{label} {value}" for label, value in (("f.", self.fond), ("op.", self.opis), ("d.", self.delo),
                                                          ("ll.", self.folios)) if value]
        if self.reference:
            parts.append(self.reference)
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class FirstPublication:
    """Where a document first appeared in print: a periodical's issue or a book, its date and pages."""

    periodical: str = ""
    book: str = ""
    issue: str = ""
    date: HistoricalDate | None = None
    pages: str = ""

    @property
    def title(self) -> str:
        return self.periodical or self.book

    def words(self) -> str:
        """ "Pravda, no. 14, 18 January 1924, p. 2"."""
        return ", ".join(part for part in (self.title, self.details()) if part)

    def details(self) -> str:
        """What follows the title: "no. 14, 18 January 1924, p. 2"."""
        parts = []
        if self.issue:
            parts.append(f"no. {self.issue}")
        if self.date is not None:
            parts.append(self.date.words())
        if self.pages:
            parts.append(f"{'pp.' if '-' in self.pages or ',' in self.pages else 'p.'} {self.pages}")
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class Authorities:
    """A person's or an event's identifiers in the authority files that catalogues and other editions use."""

    wikidata: str | None = None
    viaf: str | None = None
    gnd: str | None = None

    def __bool__(self) -> bool:
        return bool(self.wikidata or self.viaf or self.gnd)


NO_AUTHORITIES = Authorities()


@dataclass(slots=True)
class Document:
    id: str
    title: str
    date: HistoricalDate
    authors: tuple[str, ...]
    venue: str
    section: str
    origin: Origin
    genre: str | None = None
    language: str | None = None
    original_title: str | None = None
    translator: str | None = None
    transcriber: str | None = None
    source: str | None = None  # a free note on the source, beside or instead of the structured keys
    archive: Archive | None = None
    first_published: FirstPublication | None = None
    summary: str | None = None
    text: str = "full"  # the text's basis: full, excerpt, summary, or none (known only from mentions)
    people: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    former_ids: tuple[str, ...] = ()
    retired_anchors: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()
    withdrawn: Withdrawal | None = None
    reading: Reading = EMPTY_READING

    @property
    def path(self) -> str:
        return self.origin.path

    @property
    def references(self) -> tuple[Reference, ...]:
        return self.reading.references

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self.reading.citations


@dataclass(slots=True)
class Person:
    id: str
    name: str
    origin: Origin
    sort_name: str = ""
    kind: str = "person"
    variants: tuple[str, ...] = ()
    born: HistoricalDate | None = None
    died: HistoricalDate | None = None
    authorities: Authorities = NO_AUTHORITIES
    summary: str | None = None
    reading: Reading = EMPTY_READING

    @property
    def path(self) -> str:
        return self.origin.path

    @property
    def wikidata(self) -> str | None:
        return self.authorities.wikidata

    @property
    def is_group(self) -> bool:
        return self.kind == "group"

    @property
    def references(self) -> tuple[Reference, ...]:
        return self.reading.references

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self.reading.citations


@dataclass(slots=True)
class Event:
    id: str
    name: str
    start: HistoricalDate
    origin: Origin
    end: HistoricalDate | None = None
    place: str | None = None
    summary: str | None = None
    authorities: Authorities = NO_AUTHORITIES
    reading: Reading = EMPTY_READING

    @property
    def path(self) -> str:
        return self.origin.path

    @property
    def earliest(self) -> dt.date:
        return self.start.earliest

    @property
    def latest(self) -> dt.date:
        return (self.end or self.start).latest

    def date_words(self) -> str:
        """The event's dates in words, as every page, download and figure gives them."""
        return span_words(self.start, self.end)

    @property
    def references(self) -> tuple[Reference, ...]:
        return self.reading.references

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self.reading.citations


Record = Document | Person | Event


@dataclass(frozen=True, slots=True)
class BibEntry:
    """A bibliography entry: fields as written (LaTeX kept) and the line it starts on."""

    key: str
    entry_type: str
    fields: dict[str, str]
    line: int


@dataclass(frozen=True, slots=True)
class ParagraphAnchors:
    """The permanent anchor of each numbered paragraph of a document (``p1``, ``p2``, ...), and the
    retired anchors that now lead to the paragraph standing where theirs stood."""

    names: tuple[str, ...]
    retired: Mapping[int, tuple[str, ...]] = field(default_factory=dict)  # paragraph position -> anchors

    @property
    def all(self) -> frozenset[str]:
        return frozenset(self.names) | {name for names in self.retired.values() for name in names}


@dataclass(frozen=True, slots=True)
class Loose:
    """A file that could not become a record. Its text was still read, so that what it names counts
    as named and nothing is reported twice."""

    path: str
    reading: Reading
    named: tuple[tuple[str, str], ...] = ()  # (kind, id) from whatever front-matter could be read


@dataclass(slots=True)
class Edition:
    """Every record of an edition, as read and validated from its files."""

    sections: tuple[Section, ...]
    documents: list[Document]
    people: list[Person]
    events: list[Event]
    bibliography: dict[str, BibEntry]
    bibliography_path: str = "bibliography.bib"
    # The edition's front pages (docs/), by path: their citations and links count like any other.
    front_pages: dict[str, Reading] = field(default_factory=dict)
    # Ids and keys whose file or entry could not be read into a record: they exist, so nothing that
    # names them is reported again, and their published URLs are not "disappearing".
    claimed: dict[str, set[str]] = field(default_factory=dict)
    anchors: dict[str, ParagraphAnchors] = field(default_factory=dict)
    # The day the edition first published each document (ISO 8601), from the record of published URLs.
    added: dict[str, str] = field(default_factory=dict)
    loose: list[Loose] = field(default_factory=list)
    claimed_sections: frozenset[str] = frozenset()

    def known(self, kind: str) -> set[str]:
        """The ids of a kind (document, person, event, bibliography) that exist, read or not."""
        records: dict[str, Any] = {"document": self.documents, "person": self.people, "event": self.events}
        ids = set(self.bibliography) if kind == "bibliography" else {r.id for r in records[kind]}
        return ids | self.claimed.get(kind, set())
