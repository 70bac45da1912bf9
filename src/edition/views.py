"""What each generated page shows: its source, its template, and the records its template reads.

Pages are described here without MkDocs; the plugin turns each :class:`PageView` into a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from .citations import CitationFormatter, resolve_citations
from .citing import DocumentCitation
from .dates import EdtfInterval
from .index import EditionIndex, letter_of
from .records import FOLDERS, Document, Event, Person, Section
from .settings import EditionSettings

__all__ = ["PageView", "page_views"]

PAGE_FOLDERS = {**FOLDERS, "section": "sections"}
LANGUAGE_NAMES = {
    "ru": "Russian", "en": "English", "de": "German", "fr": "French", "uk": "Ukrainian", "pl": "Polish",
    "it": "Italian", "es": "Spanish", "nl": "Dutch", "no": "Norwegian", "sv": "Swedish", "yi": "Yiddish",
}
CITED_IN_SHOWN = 5  # citing documents listed under an entry on the bibliography page
# Rows on one page of any list. Lists longer than this continue on further pages, so that no page
# grows with the edition: a section of 1,500 documents is 15 pages of 100, not one of 1,500.
LIST_PAGE = 100
_CALENDAR_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
GENRE_LABELS = {"diary": "diary entry", "statistics": "statistical return"}
TEXT_LABELS = {
    "excerpt": "This edition gives passages of this document, not its full text.",
    "none": "This document is known only from mentions; this edition gives no text of it.",
}


@dataclass(slots=True)
class PageView:
    """One generated page: its source URI, title, template, Markdown body and the record it shows."""

    src_uri: str
    kind: str
    title: str
    template: str
    markdown: str
    index: EditionIndex
    record: Any = None
    description: str = ""
    citations: CitationFormatter | None = None
    citation: DocumentCitation | None = None
    items: list[Any] = field(default_factory=list)  # this page's share of the page's list
    page: int = 1
    pages: int = 1
    first_src: str = ""

    def page_url(self, number: int) -> str:
        """The URL (relative to the site) of page ``number`` of this page's list."""
        src = self.first_src if number == 1 else _continuation(self.first_src, number)
        return _url_of(src)

    def preview(self, items: list[Any]) -> list[Any]:
        """The first page's worth of a list shown in full elsewhere."""
        return items[:LIST_PAGE]

    @property
    def in_nav(self) -> bool:
        return self.page == 1 and self.kind in ("section", "people-index", "events-index", "chronology",
                                                "bibliography")

    @property
    def searchable(self) -> bool:
        """Search finds documents, people, events and works; lists of them would only echo those hits."""
        return self.page == 1 and self.kind not in ("listing", "work", "chronology", "people-index", "events-index")

    def letters(self) -> list[tuple[str, list[Person]]]:
        """This page's people grouped by the first letter of their sort name."""
        groups: dict[str, list[Person]] = {}
        for person in self.items:
            groups.setdefault(letter_of(person), []).append(person)
        return list(groups.items())

    @staticmethod
    def event_dates(event: Event) -> str:
        """ "8-16 March 1921" rather than "8 March 1921 - 16 March 1921"."""
        if event.end is None or event.end.text == event.start.text:
            return event.start.words()
        if event.start.is_interval or event.end.is_interval:
            return f"{event.start.words()} - {event.end.words()}"
        return EdtfInterval(f"{event.start.text}/{event.end.text}", event.start, event.end, False, False).words()

    def search_terms(self) -> list[str]:
        """Names and titles a reader may search for that only the page's header shows: name
        variants in any script, original titles, venues."""
        record = self.record
        if isinstance(record, Person):
            return [record.name, record.sort_name, *record.variants]
        if isinstance(record, Document):
            return [t for t in (record.original_title, record.venue, record.date.words()) if t]
        if isinstance(record, Event):
            return [t for t in (record.place, record.start.words()) if t]
        return []

    def works_cited(self) -> list[tuple[str, str]]:
        """The works this page's record cites, in bibliography form and the bibliography's order."""
        if self.citations is None or self.record is None:
            return []
        keys = {c.key for c in getattr(self.record, "citations", ())}
        return [(key, text) for key, text in self.citations.bibliography_entries().items() if key in keys]

    def bibliography(self) -> list[tuple[str, str, list[Document], list[Person | Event]]]:
        """Every work with the documents, and the person and event pages, that cite it."""
        if self.citations is None:
            return []
        return [(key, text, self.index.citing.get(key, []), self.index.cited_on.get(key, []))
                for key, text in self.citations.bibliography_entries().items()]

    def entry(self, key: str) -> str:
        return self.citations.bibliography_entries().get(key, "") if self.citations else ""

    @property
    def cited_in_shown(self) -> int:
        return CITED_IN_SHOWN

    def kind_of(self, record: Any) -> str:
        return "person" if isinstance(record, Person) else "event" if isinstance(record, Event) else "document"

    # Lookups for templates: they take ids and give records, in the order the index keeps.

    def url(self, kind: str, record_id: str) -> str:
        return f"{PAGE_FOLDERS[kind]}/{record_id}/"

    def work_url(self, key: str) -> str:
        return f"bibliography/{key}/"

    def people_of(self, ids: Iterable[str]) -> list[Person]:
        return [self.index.people[i] for i in ids if i in self.index.people]

    def events_of(self, ids: Iterable[str]) -> list[Event]:
        return [self.index.events[i] for i in ids if i in self.index.events]

    def section_of(self, document: Document) -> Section | None:
        return next((s for s in self.index.edition.sections if s.id == document.section), None)

    @staticmethod
    def machine_date(document: Document) -> str:
        """The date for a ``<time datetime>`` attribute, when it is a plain calendar date."""
        text = document.date.text
        return text if _CALENDAR_DATE.match(text) else ""

    def language(self, document: Document) -> str:
        return LANGUAGE_NAMES.get(document.language or "", document.language or "")

    def section_number(self, section: Section) -> str:
        """The section's place in the edition as a Roman numeral, for compact tables."""
        position = self.index.edition.sections.index(section)
        return ROMAN[position] if position < len(ROMAN) else str(position + 1)

    def genre(self, document: Document) -> str:
        return GENRE_LABELS.get(document.genre or "", document.genre or "")

    def text_note(self, document: Document) -> str:
        return TEXT_LABELS.get(document.text, "")

    def mentioned_people(self, document: Document) -> list[Person]:
        inline = [r.target for r in document.references if r.kind == "person"]
        ids = [i for i in dict.fromkeys((*document.people, *inline)) if i not in document.authors]
        return sorted(self.people_of(ids), key=lambda p: p.sort_name.casefold())

    def linked_events(self, document: Document) -> list[Event]:
        inline = [r.target for r in document.references if r.kind == "event"]
        events = self.events_of(dict.fromkeys((*document.events, *inline)))
        return sorted(events, key=lambda e: (e.earliest, e.latest))


def _url_of(src_uri: str) -> str:
    stem = src_uri[: -len(".md")]
    if stem == "index":
        return ""
    return (stem[: -len("index")] if stem.endswith("/index") else stem + "/").lstrip("/")


def _continuation(src_uri: str, number: int) -> str:
    return f"{src_uri[: -len('.md')]}/{number}.md"


def _paginate(first: PageView, items: list[Any]) -> list[PageView]:
    chunks = [items[i: i + LIST_PAGE] for i in range(0, len(items), LIST_PAGE)] or [[]]
    first.items, first.pages, first.first_src = chunks[0], len(chunks), first.src_uri
    later = [replace(first, src_uri=_continuation(first.src_uri, number), items=chunk, page=number, markdown="",
                     description="", title=f"{first.title} (page {number})")
             for number, chunk in enumerate(chunks[1:], start=2)]
    return [first, *later]


def _listing(index: EditionIndex, src_uri: str, title: str, record: Any, documents: list[Document]) -> list[PageView]:
    view = PageView(src_uri, "listing", title, "edition/listing.html", "", index, record)
    return _paginate(view, documents) if len(documents) > LIST_PAGE else []


def page_views(index: EditionIndex, citations: CitationFormatter | None = None,
               settings: EditionSettings | None = None) -> dict[str, PageView]:
    """Every page the edition adds to the site, by source URI, its citations resolved."""
    settings = settings or EditionSettings(sections=index.edition.sections)
    views: list[PageView] = []
    for section in index.edition.sections:
        views += _paginate(PageView(f"sections/{section.id}.md", "section", section.title, "edition/section.html",
                                    section.intro, index, section, f"{section.title}, {section.dates.words()}"),
                           index.by_section.get(section.id, []))
    for document in index.documents.values():
        # A withdrawn document keeps its URL but not its text: neither the page nor search shows it.
        body = "" if document.withdrawn else document.body
        views.append(PageView(f"documents/{document.id}.md", "document", document.title, "edition/document.html",
                              body, index, document, document.summary or ""))
    for person in index.people.values():
        views.append(PageView(f"people/{person.id}.md", "person", person.name, "edition/person.html",
                              person.body, index, person, person.summary or ""))
        views += _listing(index, f"people/{person.id}/authored.md", f"Documents by {person.name}", person,
                          index.authored.get(person.id, []))
        views += _listing(index, f"people/{person.id}/named.md", f"Documents that name {person.name}", person,
                          index.mentioned.get(person.id, []))
    for event in index.events.values():
        views += _paginate(PageView(f"events/{event.id}.md", "event", event.name, "edition/event.html",
                                    event.body, index, event, event.summary or ""),
                           index.event_documents.get(event.id, []))
    views += _paginate(PageView("chronology.md", "chronology", "Chronology", "edition/chronology.html", "", index),
                       index.chronology())
    people = sorted(index.people.values(), key=lambda p: (p.sort_name.casefold(), p.id))
    views += _paginate(PageView("people/index.md", "people-index", "People", "edition/people-index.html", "",
                                index), people)
    views += _paginate(PageView("events/index.md", "events-index", "Events", "edition/events-index.html", "",
                                index), index.ordered_events())
    if index.edition.bibliography:
        views.append(PageView("bibliography.md", "bibliography", "Bibliography", "edition/bibliography.html", "",
                              index))
        # A work cited by many documents gets a page of its own for the full list, so that the
        # bibliography stays readable (and its size in proportion to the works, not the citations).
        for key in index.edition.bibliography:
            citing = index.citing.get(key, [])
            if len(citing) > CITED_IN_SHOWN:
                views += _paginate(PageView(f"bibliography/{key}.md", "work", f"Documents citing {key}",
                                            "edition/work.html", "", index, key), citing)
    base = settings.site_url.rstrip("/")
    for view in views:
        view.citations = citations
        if view.kind == "document" and view.record.withdrawn is None:
            url = f"{base}/documents/{view.record.id}/"
            view.citation = DocumentCitation(view.record, index, settings, url)
        if citations is not None and view.markdown:
            view.markdown = resolve_citations(view.markdown, citations).markdown
    return {view.src_uri: view for view in views}
