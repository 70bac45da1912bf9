"""Pages for reading away from the screen: a section's documents in full, and the Data page.

A reader makes a PDF of a section from the browser's print dialog: its printable page gives each
document with its header, its text and its notes, one after another (the print stylesheet starts
each on a new sheet). A section can hold thousands of documents, so its printable page is paged
like every list, at :data:`PRINT_PAGE` documents a page: a document of a thousand words with its
notes weighs some fifteen rows of a list, so ten of them weigh about what a list's page of a hundred
rows does.

Several documents share one page, so each document's ids (``p4``, ``fn:1``) are made its own
(``<id>-p4``) and its relative links are made to work from the printable page's address.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace

from ..cite.formatter import CitationFormatter
from ..cite.notes import format_notes
from ..model import urls
from ..model.index import EditionIndex
from ..model.records import Document
from ..model.settings import EditionSettings
from .cite_this import page_work
from .data import DataLinks
from .pages import PageView, render_reading

__all__ = ["PRINT_PAGE", "DataView", "PrintView", "print_views"]

PRINT_PAGE = 10
# An attribute as the HTML serialiser writes it, after a space: beginning with a literal space, the
# pattern is searched for at the text's spaces alone (a word boundary would be tried at every character).
_ATTRIBUTE = re.compile(r' (id|href)="([^"]*)"')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def localise(html: str, document_id: str, from_url: str, to_url: str) -> str:
    """A document's HTML (written for its own page, ``from_url``) made to stand on the page at
    ``to_url`` among others: its ids and in-page links prefixed with its id, its relative links rebased."""
    def swap(match: re.Match[str]) -> str:
        attribute, value = match.groups()
        if attribute == "id":
            return f' id="{document_id}-{value}"'
        if value.startswith("#"):
            return f' href="#{document_id}-{value[1:]}"'
        if not value or value.startswith("/") or _SCHEME.match(value):
            return match.group(0)
        path, hash_, fragment = value.partition("#")
        target = posixpath.normpath(posixpath.join("/" + from_url, path)).lstrip("/")
        target += "/" if path.endswith("/") else ""
        return f' href="{urls.relative(to_url, target + hash_ + fragment)}"'

    return _ATTRIBUTE.sub(swap, html)


@dataclass(slots=True)
class PrintView(PageView):
    """A page of a section's documents in full: neither in the navigation nor in search, which find
    the documents themselves."""

    site_url: str = ""

    @property
    def in_nav(self) -> bool:
        return False

    @property
    def searchable(self) -> bool:
        return False

    @property
    def is_record(self) -> bool:
        return False

    @property
    def first_number(self) -> int:
        """The place in the section of this page's first document, from 1."""
        return (self.page - 1) * PRINT_PAGE + 1

    @property
    def total(self) -> int:
        return len(self.index.by_section.get(self.record.id, []))

    def printable(self, document: Document) -> str:
        """The document's text with its notes, as its page has it, made to stand on this page."""
        reading = document.reading
        if not reading.html:
            return ""
        notes = format_notes(reading, self.citations) if self.citations is not None else []
        html = render_reading(reading, notes, self.index.edition.anchors.get(document.id))
        return localise(html, document.id, urls.page_url("document", document.id), self.address)

    def permanent_url(self, document: Document) -> str:
        """The document's address, printed with it, so that a reader can cite what they hold."""
        return urls.absolute(self.site_url, urls.page_url("document", document.id))

    def data(self) -> DataLinks:
        return DataLinks()


@dataclass(slots=True)
class DataView(PageView):
    """The Data page: every download, what it holds, and how its CSV reads."""

    @property
    def in_nav(self) -> bool:
        return True

    @property
    def searchable(self) -> bool:
        return False

    @property
    def is_record(self) -> bool:
        return False

    def data(self) -> DataLinks:
        return DataLinks()

    def counts(self) -> dict[str, int]:
        edition = self.index.edition
        return {"documents": len(edition.documents), "people": len(edition.people), "events": len(edition.events),
                "bibliography": len(edition.bibliography)}

    @staticmethod
    def kinds() -> tuple[str, ...]:
        return urls.DATA_KINDS


def print_views(index: EditionIndex, citations: CitationFormatter | None,
                settings: EditionSettings) -> list[PageView]:
    """The Data page, and each section's printable pages."""
    views: list[PageView] = []
    data = DataView(urls.DATA_PAGE, "data", "Data", "edition/data.html", index, citations=citations)
    data.work = page_work(data.title, settings, urls.absolute(settings.site_url, data.address))
    views.append(data)
    for section in index.edition.sections:
        documents = index.by_section.get(section.id, [])
        if not documents:
            continue
        src = urls.print_src(section.id)
        chunks = [documents[i: i + PRINT_PAGE] for i in range(0, len(documents), PRINT_PAGE)]
        first = PrintView(src, "print", f"{section.title}: the documents in full", "edition/print-section.html",
                          index, section, citations=citations, items=chunks[0], pages=len(chunks), first_src=src,
                          site_url=settings.site_url)
        pages = [first] + [replace(first, src_uri=urls.continuation_src(src, number), items=chunk, page=number,
                                   title=f"{first.title} (page {number})")
                           for number, chunk in enumerate(chunks[1:], start=2)]
        for view in pages:
            view.work = page_work(view.title, settings, urls.absolute(settings.site_url, view.address))
        views += pages
    return views
