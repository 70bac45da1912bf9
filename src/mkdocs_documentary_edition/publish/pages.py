"""What the site is made of: every generated page with the records its template reads, every
download and every redirect, in one list.

Pages are described here without MkDocs; the adapter turns each :class:`GeneratedFile` into a
file of the site. A page's text is its record's :class:`Reading`, with its notes formatted and its
paragraph anchors named when the page is written, so that no page's HTML is held longer than
its own writing needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..cite.formatter import CitationFormatter, ends_with_period
from ..cite.notes import format_notes
from ..model import urls
from ..model.index import EditionIndex, initial, letter_of
from ..model.labels import genre_label, language_name, written_in_cyrillic
from ..model.records import (
    CITE_PLACEHOLDER,
    EMPTY_READING,
    PARAGRAPH_TOKEN,
    PILCROW,
    PILCROW_PLACEHOLDER,
    Document,
    Event,
    ParagraphAnchors,
    Person,
    Reading,
    Section,
)
from ..model.settings import EditionSettings
from .charts import Chart, overview
from .cite_this import CitedWork, document_work, page_work
from .data import DataLinks, linked_data
from .search import document_filters
from .timeline import Timeline, timeline

__all__ = ["LIST_PAGE", "PageView", "home_view", "page_views", "render_reading"]

CITED_IN_SHOWN = 5  # citing documents (and other pages) listed under an entry on the bibliography page
# Rows on one page of any list. Lists longer than this continue on further pages, so that no page
# grows with the edition: a section of 1,500 documents is 15 pages of 100, not one of 1,500.
LIST_PAGE = 100
# Figures drawn, by figure and page: Matplotlib takes a tenth of a second a chart, and each save under
# `mkdocs serve` writes the pages of the navigation again, charts and all, most of them unchanged.
DRAWN_KEPT = 256
_DRAWN: dict[tuple[Any, str], str] = {}
PAGER_AROUND = 3  # pages linked either side of the current one, besides the first and the last
_MARKUP = re.compile(r"<[^>]*>")
_CALENDAR_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
TEXT_LABELS = {
    "excerpt": "This edition gives passages of this document, not its full text.",
    "summary": "This edition gives a summary of this document, not its text.",
    "none": "This document is known only from mentions; this edition gives no text of it.",
}


def render_reading(reading: Reading, notes: list[str], anchors: ParagraphAnchors | None = None) -> str:
    """A reading's HTML with its notes filled in and its paragraph anchors named."""
    def note(match: re.Match[str]) -> str:
        text = notes[int(match.group(1))]
        # "n.d." and then the sentence's own period: one is enough.
        return text if match.group(2) and ends_with_period(text) else text + match.group(2)

    html = CITE_PLACEHOLDER.sub(note, reading.html) if reading.groups else reading.html
    if anchors is None or not reading.paragraphs:
        return html

    def pilcrow(match: re.Match[str]) -> str:
        # Retired anchors lead to the paragraph now where theirs stood: marks before its ¶ link.
        position = int(match.group(1)) - 1
        retired = "".join(f'<span id="{name}"></span>' for name in anchors.retired.get(position, ()))
        return f'{retired}<a class="{PILCROW}" href="#{anchors.names[position]}"'

    html = PILCROW_PLACEHOLDER.sub(pilcrow, html)
    return PARAGRAPH_TOKEN.sub(lambda m: anchors.names[int(m.group(1)) - 1], html)


@dataclass(slots=True)
class PageView:
    """One generated page: its source URI, title, template, the record it shows and its text."""

    src_uri: str
    kind: str
    title: str
    template: str
    index: EditionIndex
    record: Any = None
    description: str = ""
    reading: Reading = EMPTY_READING
    citations: CitationFormatter | None = None
    work: CitedWork | None = None  # what the page is cited as (a document's page: the document)
    items: list[Any] = field(default_factory=list)  # this page's share of the page's list
    page: int = 1
    pages: int = 1
    first_src: str = ""
    language_code: str = "en"  # the language of the edition's own text (its translations, notes, pages)
    # Which page of the bibliography lists each work (shared by every view): the bibliography is
    # read in pages of LIST_PAGE entries, so that its size does not grow with the edition.
    bibliography_places: dict[str, str] = field(default_factory=dict)
    # Each initial of the bibliography's works with the key of the first work under it (shared too).
    bibliography_letters: list[tuple[str, str]] = field(default_factory=list)

    @property
    def address(self) -> str:
        """This page's URL, relative to the site's root."""
        return urls.url_of_src(self.src_uri)

    def content(self) -> str:
        """The page's text as HTML: its reading with notes formatted and paragraph anchors named."""
        if not self.reading.html:
            return ""
        notes = format_notes(self.reading, self.citations) if self.citations is not None else []
        anchors = self.index.edition.anchors.get(self.record.id) if self.kind == "document" else None
        return render_reading(self.reading, notes, anchors)

    def pager_numbers(self) -> list[int | None]:
        """The page numbers the pager links, ``None`` standing for a run left out: the first and last
        pages and those around this one, so that the pager of a list of 500 pages stays short."""
        shown = sorted({1, self.pages, *range(max(1, self.page - PAGER_AROUND),
                                              min(self.pages, self.page + PAGER_AROUND) + 1)})
        numbers: list[int | None] = []
        for number in shown:
            gap = number - (numbers[-1] or 0) if numbers else 1
            if gap == 2:
                numbers.append(number - 1)  # a run of one page: its number takes no more room than "…"
            elif gap > 2:
                numbers.append(None)
            numbers.append(number)
        return numbers

    def page_url(self, number: int) -> str:
        """The URL (relative to the site) of page ``number`` of this page's list."""
        src = self.first_src if number == 1 else urls.continuation_src(self.first_src, number)
        return urls.url_of_src(src)

    def preview(self, items: list[Any]) -> list[Any]:
        """The first page's worth of a list shown in full elsewhere."""
        return items[:LIST_PAGE]

    @property
    def in_nav(self) -> bool:
        return self.page == 1 and self.kind in ("section", "people-index", "events-index", "chronology",
                                                "bibliography", "documents-index", "sections-index", "search")

    @property
    def wide(self) -> bool:
        """A page that needs the screen's width: the chronology, whose timeline is drawn to scale."""
        return self.kind == "chronology" and self.page == 1

    @property
    def is_record(self) -> bool:
        """A page search finds: a document, a person or an event (lists only echo them)."""
        return self.page == 1 and self.kind in ("document", "person", "event") and \
            getattr(self.record, "withdrawn", None) is None

    def search_filters(self) -> dict[str, list[str]]:
        """What this page can be narrowed by in search (a document's section, genre, decade, ...)."""
        return document_filters(self.record, self.index) if self.kind == "document" else {}

    def search_date(self) -> tuple[str, str]:
        """The date search results show and sort by: (in words, ISO), or empty."""
        date = self.record.date if self.kind == "document" else self.record.start if self.kind == "event" else None
        return (date.words(), date.earliest.isoformat()) if date is not None else ("", "")

    def document_filters(self, document: Document) -> dict[str, list[str]]:
        """A document's filters, for the rows of the list of documents (filtered in the browser)."""
        return document_filters(document, self.index)

    def years(self) -> list[tuple[int, int]]:
        """Each year that has documents, with their number."""
        return [(year, len(documents)) for year, documents in self.index.by_year.items()]

    def year_url(self, year: int) -> str:
        return urls.url_of_src(urls.year_src(year))

    def index_url(self, kind: str) -> str:
        return urls.url_of_src(urls.INDEX_PAGES[kind])

    def overview(self) -> list[Chart]:
        """How this page's documents spread over years, genres and authors: the whole edition's on
        the home and sections pages, a section's on its first page."""
        if self.kind in ("home", "sections-index"):
            return overview(self.index.ordered, self.index, "edition")
        if self.kind == "section" and self.page == 1:
            return overview(self.index.by_section.get(self.record.id, []), self.index, "section")
        return []

    def timeline(self) -> Timeline | None:
        """The chronology drawn, on its first page."""
        if self.kind != "chronology" or self.page != 1:
            return None
        return timeline(self.index.ordered_events(), self.index.ordered)

    def draw(self, figure: Chart | Timeline) -> str:
        """A chart or the timeline as SVG for this page, its links relative to the page."""
        try:
            key = (figure, self.address)
            drawn = _DRAWN.get(key)
        except TypeError:  # a figure that cannot be a key is drawn each time
            return figure.svg(lambda url: urls.relative(self.address, url))
        if drawn is None:
            if len(_DRAWN) >= DRAWN_KEPT:
                _DRAWN.clear()
            drawn = _DRAWN[key] = figure.svg(lambda url: urls.relative(self.address, url))
        return drawn

    def at_a_glance(self) -> dict[str, int]:
        """The edition's size, for the home page: so that no editor's sentence has to keep count."""
        documents = self.index.ordered
        mentioned = sum(1 for d in documents if d.text == "none")
        years = [d.date.earliest.year for d in documents]
        return {"documents": len(documents), "sections": len(self.index.edition.sections),
                "with_text": len(documents) - mentioned, "mentioned": mentioned,
                "people": len(self.index.people), "events": len(self.index.events),
                "first": min(years, default=0), "last": max(years, default=0)}

    @property
    def searchable(self) -> bool:
        """Search finds documents, people and events; lists of them would only echo those hits."""
        return self.is_record

    def letters(self) -> list[tuple[str, list[Person]]]:
        """This page's people grouped by the first letter of their sort name."""
        groups: dict[str, list[Person]] = {}
        for person in self.items:
            groups.setdefault(letter_of(person), []).append(person)
        return list(groups.items())

    @staticmethod
    def event_dates(event: Event) -> str:
        return event.date_words()

    def search_terms(self) -> list[str]:
        """Names and titles a reader may search for that only the page's header shows: name
        variants in any script, original titles, venues."""
        record = self.record
        if isinstance(record, Person):
            return [record.name, record.sort_name, *record.variants]
        if isinstance(record, Document):
            authors = [person.name for person in self.people_of(record.authors)]
            return [t for t in (record.original_title, *authors, record.venue, record.date.words()) if t]
        if isinstance(record, Event):
            return [t for t in (record.place, record.start.words()) if t]
        return []

    def works_cited(self) -> list[tuple[str, str]]:
        """The works this page's record cites, in bibliography form and the bibliography's order."""
        if self.citations is None or self.record is None:
            return []
        keys = {c.key for c in self.reading.citations}
        return [(key, text) for key, text in self.citations.standalone_entries().items() if key in keys]

    def bibliography(self) -> list[tuple[str, str, list[Document], list[Person | Event]]]:
        """This page's works, each with the documents, and the person and event pages, that cite it."""
        if self.citations is None:
            return []
        entries = self.citations.bibliography_entries(page=LIST_PAGE)
        return [(key, entries.get(key, ""), self.index.citing.get(key, []), self.index.cited_on.get(key, []))
                for key in self.items]

    def entry(self, key: str) -> str:
        return self.citations.standalone_entries().get(key, "") if self.citations else ""

    @property
    def cited_in_shown(self) -> int:
        return CITED_IN_SHOWN

    @property
    def items_per_page(self) -> int:
        return LIST_PAGE

    def kind_of(self, record: Any) -> str:
        return "person" if isinstance(record, Person) else "event" if isinstance(record, Event) else "document"

    # Lookups for templates: they take ids and give records, in the order the index keeps.

    def url(self, kind: str, record_id: str) -> str:
        return urls.page_url(kind, record_id)

    def work_url(self, key: str) -> str:
        return urls.url_of_src(urls.work_src(key))

    def bibliography_url(self, key: str = "") -> str:
        """The bibliography, at the entry for ``key`` (on the page that lists it) when one is given."""
        src = self.bibliography_places.get(key, urls.INDEX_PAGES["bibliography"])
        return urls.url_of_src(src) + (f"#{key}" if key else "")

    @property
    def bibliography_places_url(self) -> str:
        return urls.BIBLIOGRAPHY_PLACES

    def download_url(self, suffix: str) -> str:
        """This document's citation as a file: ``bib``, ``ris`` or ``json``."""
        return urls.download_src(self.record.id, suffix)

    def listing_url(self, kind: str, record_id: str, listing: str) -> str:
        return urls.url_of_src(urls.listing_src(kind, record_id, listing))

    def people_of(self, ids: Iterable[str]) -> list[Person]:
        return [self.index.people[i] for i in ids if i in self.index.people]

    def section_of(self, document: Document) -> Section | None:
        return next((s for s in self.index.edition.sections if s.id == document.section), None)

    @staticmethod
    def machine_date(document: Document) -> str:
        """The date for a ``<time datetime>`` attribute, when it is a plain calendar date."""
        text = document.date.text
        return text if _CALENDAR_DATE.match(text) else ""

    def language(self, document: Document) -> str:
        return language_name(document.language)

    def text_language(self, document: Document) -> str:
        """The language of the text on the page, where it is not the original's: "English translation"."""
        own = self.language_code.partition("-")[0]
        if document.text == "none" or not document.language or document.language.partition("-")[0] == own:
            return ""
        return f"{language_name(own)} translation"

    def lang_of(self, text: str) -> str:
        """The ``lang`` a name or title needs when its script is not the page's: Cyrillic's language."""
        return self.index.cyrillic_language if written_in_cyrillic(text) else ""

    def section_number(self, section: Section) -> str:
        """The section's place in the edition as a Roman numeral, for compact tables."""
        position = self.index.edition.sections.index(section)
        return ROMAN[position] if position < len(ROMAN) else str(position + 1)

    def numbered_title(self, section: Section) -> str:
        """The section's title led by its numeral, unless the editors' title already begins with it."""
        number = self.section_number(section)
        return section.title if section.title.startswith(f"{number}.") else f"{number}. {section.title}"

    def genre(self, document: Document) -> str:
        return genre_label(document.genre)

    def data(self) -> DataLinks:
        """What the page links to of the edition as data: its record's downloads, TEI, authority records."""
        return DataLinks(self.record)

    def text_note(self, document: Document) -> str:
        return TEXT_LABELS.get(document.text, "")


def _letters(entries: dict[str, str]) -> list[tuple[str, str]]:
    """Each initial of the bibliography's works with the key of the first work under it, for a reader
    who knows the author's name but not the page; none where the style does not file works by name."""
    letters: dict[str, str] = {}
    last = ""
    for key, text in entries.items():
        letter = initial(_MARKUP.sub("", text))
        if letter != last and letter in letters:
            return []  # a letter comes back: the works are not in alphabetical order
        letters.setdefault(letter, key)
        last = letter
    return list(letters.items()) if len(letters) > 1 else []


def _paginate(first: PageView, items: list[Any]) -> list[PageView]:
    chunks = [items[i: i + LIST_PAGE] for i in range(0, len(items), LIST_PAGE)] or [[]]
    first.items, first.pages, first.first_src = chunks[0], len(chunks), first.src_uri
    later = [replace(first, src_uri=urls.continuation_src(first.src_uri, number), items=chunk, page=number,
                     reading=EMPTY_READING, description="", title=f"{first.title} (page {number})")
             for number, chunk in enumerate(chunks[1:], start=2)]
    return [first, *later]


def _listing(index: EditionIndex, kind: str, record: Document | Person, listing: str, title: str,
             documents: list[Document]) -> list[PageView]:
    view = PageView(urls.listing_src(kind, record.id, listing), "listing", title, "edition/listing.html", index, record)
    return _paginate(view, documents) if len(documents) > LIST_PAGE else []


def home_view(index: EditionIndex, title: str) -> PageView:
    """The editors' home page, as far as the edition adds to it: its figures."""
    return PageView("index.md", "home", title, "edition/home.html", index)


def page_views(index: EditionIndex, citations: CitationFormatter | None = None,
               settings: EditionSettings | None = None) -> dict[str, PageView]:
    """Every page the edition adds to the site, by source URI."""
    settings = settings or EditionSettings(sections=index.edition.sections)
    views: list[PageView] = []
    for section in index.edition.sections:
        views += _paginate(PageView(urls.page_src("section", section.id), "section", section.title,
                                    "edition/section.html", index, section, f"{section.title}, {section.dates.words()}",
                                    section.intro), index.by_section.get(section.id, []))
    for document in index.documents.values():
        # A withdrawn document keeps its URL but not its text: neither the page nor search shows it.
        reading = EMPTY_READING if document.withdrawn else document.reading
        views.append(PageView(urls.page_src("document", document.id), "document", document.title,
                              "edition/document.html", index, document, document.summary or "", reading))
        views += _listing(index, "document", document, "referred", f"Documents that refer to {document.title}",
                          index.referred_by.get(document.id, []))
    for person in index.people.values():
        views.append(PageView(urls.page_src("person", person.id), "person", person.name, "edition/person.html",
                              index, person, person.summary or "", person.reading))
        views += _listing(index, "person", person, "authored", f"Documents by {person.name}",
                          index.authored.get(person.id, []))
        views += _listing(index, "person", person, "named", f"Documents that name {person.name}",
                          index.mentioned.get(person.id, []))
    for event in index.events.values():
        views += _paginate(PageView(urls.page_src("event", event.id), "event", event.name, "edition/event.html",
                                    index, event, event.summary or "", event.reading),
                           index.event_documents.get(event.id, []))
    views.append(PageView(urls.INDEX_PAGES["search"], "search", "Search", "edition/search.html", index))
    views += _paginate(PageView(urls.INDEX_PAGES["documents-index"], "documents-index", "Documents",
                                "edition/documents.html", index), index.ordered)
    views.append(PageView(urls.INDEX_PAGES["sections-index"], "sections-index", "Sections", "edition/sections.html",
                          index))
    for year, documents in index.by_year.items():
        views += _paginate(PageView(urls.year_src(year), "year", f"Documents of {year}", "edition/documents.html",
                                    index, year), documents)
    views += _paginate(PageView(urls.INDEX_PAGES["chronology"], "chronology", "Chronology", "edition/chronology.html",
                                index), index.chronology())
    people = sorted(index.people.values(), key=lambda p: (p.sort_name.casefold(), p.id))
    views += _paginate(PageView(urls.INDEX_PAGES["people-index"], "people-index", "People",
                                "edition/people-index.html", index), people)
    views += _paginate(PageView(urls.INDEX_PAGES["events-index"], "events-index", "Events",
                                "edition/events-index.html", index), index.ordered_events())
    places: dict[str, str] = {}
    letters: list[tuple[str, str]] = []
    if index.edition.bibliography:
        keys = list(citations.bibliography_entries(page=LIST_PAGE)) if citations is not None \
            else list(index.edition.bibliography)
        letters = _letters(citations.standalone_entries()) if citations is not None else []
        bibliography = _paginate(PageView(urls.INDEX_PAGES["bibliography"], "bibliography", "Bibliography",
                                          "edition/bibliography.html", index), keys)
        places.update((key, view.src_uri) for view in bibliography for key in view.items)
        views += bibliography
        # A work cited by many documents or pages gets a page of its own for the full lists, so that
        # an entry of the bibliography stays the same size however often the work is cited.
        for key in index.edition.bibliography:
            citing = index.citing.get(key, [])
            if len(citing) > CITED_IN_SHOWN or len(index.cited_on.get(key, [])) > CITED_IN_SHOWN:
                views += _paginate(PageView(urls.work_src(key), "work", f"Documents citing {key}",
                                            "edition/work.html", index, key), citing)
    for view in views:
        view.citations = citations
        view.bibliography_places, view.bibliography_letters = places, letters
        view.language_code = settings.language
        url = urls.absolute(settings.site_url, view.address)
        if view.kind == "document" and view.record.withdrawn is None:
            view.work = document_work(view.record, index, settings, url)
            view.work = replace(view.work, extra={**view.work.extra, **linked_data(view.record, url)})
        else:
            view.work = page_work(view.title, settings, url)
            if view.kind in ("person", "event") and view.page == 1:
                view.work = replace(view.work, extra=linked_data(view.record, url))
    return {view.src_uri: view for view in views}
