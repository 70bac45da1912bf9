"""Search that costs a reader only what a query needs: Pagefind, run over the built site.

Pagefind splits its index into chunks and a reader's browser fetches the few a query touches,
instead of one index of the whole edition. Record pages (documents, people, events) mark their
text with ``data-pagefind-body`` and their filters (section, genre, decade, author, language) and
date sort with ``data-pagefind-*`` attributes; lists are left out.

Pagefind stems each page in its language: the pages are English, and the Russian forms of names
and titles (Cyrillic variants, original titles) go into a second, Russian index, of records that
lead to the same pages, so that a Russian query is stemmed as Russian. The search page asks both.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from ..model import urls
from ..model.index import EditionIndex
from ..model.labels import genre_label, language_name
from ..model.records import Document

__all__ = ["RUSSIAN_BUNDLE", "SEARCH_BUNDLE", "SearchRecord", "document_filters", "index_site", "russian_records"]

SEARCH_BUNDLE = "pagefind"
RUSSIAN_BUNDLE = "pagefind-ru"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """A record of the Russian index: Cyrillic text that leads to a page of the edition."""

    url: str  # relative to the site's root, as Pagefind gives URLs: "/people/<id>/"
    content: str
    title: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


def decade(document: Document) -> str:
    year = document.date.earliest.year
    return f"{year - year % 10}s"


def document_filters(document: Document, index: EditionIndex) -> dict[str, list[str]]:
    """What a document can be narrowed by, in search and in the list of documents."""
    filters = {"section": [s.title for s in index.edition.sections if s.id == document.section],
               "decade": [decade(document)],
               "author": [index.people[a].name for a in document.authors if a in index.people],
               "genre": [genre_label(document.genre)], "language": [language_name(document.language)]}
    return {key: [v for v in values if v] for key, values in filters.items() if any(values)}


def russian_records(index: EditionIndex) -> list[SearchRecord]:
    """The Cyrillic forms of the edition's names and titles, each leading to its page."""
    records = []
    for person in index.people.values():
        forms = [form for form in (person.name, person.sort_name, *person.variants) if _CYRILLIC.search(form)]
        if forms:
            records.append(SearchRecord(f"/{urls.page_url('person', person.id)}", " ".join(forms), person.name,
                                        meta={"kind": "person"}))
    for document in index.documents.values():
        if document.withdrawn is None and document.original_title and _CYRILLIC.search(document.original_title):
            records.append(SearchRecord(
                f"/{urls.page_url('document', document.id)}", document.original_title, document.title,
                filters=document_filters(document, index),
                meta={"kind": "document", "date": document.date.words()},
                sort={"date": document.date.earliest.isoformat()}))
    return records


def index_site(site: Path, records: Iterable[SearchRecord]) -> None:
    """Write the search bundles into the built site: ``pagefind/`` for its pages, ``pagefind-ru/`` for
    the Russian forms."""
    coroutine = _index(site, list(records))
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    # The caller already runs an event loop in this thread (a browser driver, say): Pagefind's own
    # loop runs in a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


async def _index(site: Path, records: list[SearchRecord]) -> None:
    # The ¶ links of headings and paragraphs, and the notes' back-links, are not words of the text.
    pages: IndexConfig = {"output_path": str(site / SEARCH_BUNDLE),
                          "exclude_selectors": [".headerlink", ".edition-pilcrow", ".footnote-backref"]}
    async with PagefindIndex(config=pages) as index:
        # One page at a time, in a fixed order: Pagefind numbers records as they come, and its own
        # directory walk is concurrent, which would make two builds of one edition differ.
        for path in sorted(site.rglob("*.html")):
            html = path.read_text(encoding="utf-8")
            if "data-pagefind-body" in html:
                url = "/" + path.relative_to(site).as_posix().removesuffix("index.html")
                await index.add_html_file(content=html, url=url)
    russian: IndexConfig = {"output_path": str(site / RUSSIAN_BUNDLE), "force_language": "ru"}
    async with PagefindIndex(config=russian) as index:
        for record in records:
            await index.add_custom_record(url=record.url, content=record.content, language="ru",
                                          meta={"title": record.title, **record.meta}, filters=record.filters,
                                          sort=record.sort)
        if not records:
            # An empty bundle still answers, so that the search page need not know whether it exists.
            await index.add_custom_record(url="/", content="", language="ru", meta={"title": ""})
