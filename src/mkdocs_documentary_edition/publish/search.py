"""Search that costs a reader only what a query needs: Pagefind, run over the built site.

Pagefind splits its index into chunks and a reader's browser fetches the few a query touches,
instead of one index of the whole edition. Record pages (documents, people, events) mark their
text with ``data-pagefind-body`` and their filters (section, genre, decade, author, language) and
date sort with ``data-pagefind-*`` attributes; lists are left out.

Pagefind stems each page in its language: the pages are English, and the Russian forms of names
and titles (Cyrillic variants, original titles) go into a second, Russian index, of records that
lead to the same pages, so that a Russian query is stemmed as Russian. The search page asks both.

Pagefind keeps what it reads of every page until it writes its index, so its memory grows with the
edition. An edition whose pages are more than Pagefind can index within a bounded memory is indexed
in several English bundles, each of a span of dates and made by a run of its own; the reader's
browser merges them, asking them in turn for results in date order.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from ..model import urls
from ..model.index import EditionIndex
from ..model.labels import genre_label, language_name
from ..model.records import Document

__all__ = ["BUNDLES_FILE", "PART_CHARACTERS", "RUSSIAN_BUNDLE", "SEARCH_BUNDLE", "SearchCopies", "SearchIndexError",
           "SearchRecord", "complete", "document_filters", "index_site", "russian_records", "search_copy"]

SEARCH_BUNDLE = "pagefind"
RUSSIAN_BUNDLE = "pagefind-ru"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Pagefind's HTML parser reads attribute names in any case.
_BODY = re.compile(r"data-pagefind-body", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"data-pagefind-", re.IGNORECASE)
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(r"<title>.*?</title>", re.IGNORECASE | re.DOTALL)
# The date a record's page is sorted by (theme/edition/_macros.html), as Pagefind reads it.
_SORT_DATE = re.compile(r"""data-pagefind-sort=["']?date["']?[^>]*>([^<]*)<""", re.IGNORECASE)
# Pagefind needs about 22 bytes of memory for each character of the pages it indexes (558 MB for the
# 25 million characters of the search copies of 1,000 synthetic documents), whatever their number.
# Past this many characters the English pages are indexed in several bundles, which bounds
# Pagefind's memory at about 4 GB a run (measured on 50,000 synthetic documents). Each bundle costs
# a reader's query its own index chunk (about 26 KB) as well, so the bound is set where the pages
# of 5,000 documents are still one bundle.
PART_CHARACTERS = 160_000_000
# In the English bundle: the site-relative folders of all English bundles, in date order, and how many
# of them, from the first, hold dated pages.
BUNDLES_FILE = "edition-bundles.json"
# Pagefind's Python API stops its binary as soon as the binary answers that the files are written;
# now and then a file is still being written then, and a bundle with an empty entry file finds
# nothing. Each bundle is checked, and indexed again if it is incomplete.
ATTEMPTS = 3


class SearchIndexError(RuntimeError):
    """Pagefind did not write a complete bundle."""


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


def search_copy(page: str) -> str | None:
    """What Pagefind reads of a built page: its language, its title, and everything from the first
    element marked ``data-pagefind-body`` on; None for a page with nothing to index.

    Pagefind parses each page it is given whole, and the part of a record's page before its text (the
    head, the header, the navigation) is about half the page; Pagefind reads no word of it. A page with
    Pagefind's attributes before its text is kept whole."""
    marker = _BODY.search(page)
    if marker is None:
        return None
    start = page.rfind("<", 0, marker.start())
    before = page[:start]
    html_tag = _HTML_TAG.search(before)
    if html_tag is None or _ATTRIBUTE.search(before):
        return page
    title = _TITLE.search(before)
    head = f'<meta charset="utf-8">{title.group(0) if title else ""}'
    return f"<!DOCTYPE html>{html_tag.group(0)}<head>{head}</head><body>{page[start:]}"


@dataclass(frozen=True, slots=True)
class _Copy:
    path: str  # relative to the site
    date: str | None  # what Pagefind sorts the page by, if anything
    characters: int


class SearchCopies:
    """The search copies of a build's pages (``search_copy``), in a folder of their own that Pagefind
    indexes in place of the site: it reads neither the pages' navigation nor the pages without text to
    index (lists, sections, the bibliography). They are written as the pages are, and removed when
    the index is made or the build fails."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.copies: dict[str, _Copy] = {}

    def add(self, path: str, page: str) -> None:
        """Keep the copy of the page written at ``path`` (relative to the site), if it has text to index."""
        copy = search_copy(page)
        if copy is None:
            return
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="edition-search-"))
        target = self.folder / "all" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(copy, encoding="utf-8")
        date = _SORT_DATE.search(copy)
        self.copies[path] = _Copy(path, date.group(1).strip() if date else None, len(copy))

    def parts(self, limit: int) -> list[tuple[Path, bool]]:
        """The copies in folders of at most ``limit`` characters each (or of one page, if that is more),
        by date, the pages without one last; each with whether it holds a dated page."""
        if self.folder is None:
            return []
        ordered = sorted(self.copies.values(), key=lambda c: (c.date is None, c.date or "", c.path))
        groups: list[list[_Copy]] = [[]]
        characters = 0
        for copy in ordered:
            if groups[-1] and characters + copy.characters > limit:
                groups.append([])
                characters = 0
            groups[-1].append(copy)
            characters += copy.characters
        everything = self.folder / "all"
        if len(groups) == 1:
            return [(everything, any(copy.date is not None for copy in groups[0]))]
        parts = []
        for number, group in enumerate(groups, start=1):
            folder = self.folder / f"part-{number}"
            for copy in group:
                target = folder / copy.path
                target.parent.mkdir(parents=True, exist_ok=True)
                (everything / copy.path).replace(target)
            parts.append((folder, any(copy.date is not None for copy in group)))
        return parts

    def discard(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
        self.copies = {}


def index_site(site: Path, records: Iterable[SearchRecord], pages: SearchCopies | None = None) -> None:
    """Write the search bundles into the built site: ``pagefind/`` for its pages (and, for an edition
    of more than ``PART_CHARACTERS`` characters of them, ``pagefind/part-2/`` and on), ``pagefind-ru/`` for
    the Russian forms. ``pages`` are the pages' search copies; without them Pagefind reads the site
    itself, in one bundle."""
    parts = (pages.parts(PART_CHARACTERS) if pages is not None else []) or [(site, True)]
    coroutine = _index(site, parts, list(records))
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    # The caller already runs an event loop in this thread (a browser driver, say): Pagefind's own
    # loop runs in a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


async def _index(site: Path, parts: list[tuple[Path, bool]], records: list[SearchRecord]) -> None:
    # The ¶ links of headings and paragraphs, and the notes' back-links, are not words of the text; nor
    # is a record's list of particulars, whose labels Pagefind would run into their values ("Date22
    # September"): what a reader searches for in it is in the page's search terms.
    excluded = [".headerlink", ".edition-pilcrow", ".footnote-backref", ".edition-meta"]
    # Pagefind reads every page of the folder; with data-pagefind-body on the records' pages, it
    # indexes those alone. (Page by page, each page would be a message to its binary, answered
    # a tenth of a second apart; its output would be no more reproducible for it, its filter
    # tables being written in a hash map's order either way.) The first part's bundle is written
    # first: each attempt at a bundle begins by emptying its folder, which holds the others.
    bundles = [SEARCH_BUNDLE, *(f"{SEARCH_BUNDLE}/part-{n}" for n in range(2, len(parts) + 1))]
    for bundle, (folder, _) in zip(bundles, parts, strict=True):
        await _bundle({"output_path": str(site / bundle), "exclude_selectors": excluded}, folder)
    # A bundle with no dated page has no date order, and Pagefind gives its results unsorted in a
    # search in date order (one bundle of a whole edition gives only the dated pages): the browser
    # asks the bundles of dated pages alone.
    dated = sum(1 for _, has_dates in parts if has_dates)
    (site / SEARCH_BUNDLE / BUNDLES_FILE).write_text(
        json.dumps({"bundles": [f"{b}/" for b in bundles], "dated": dated}), encoding="utf-8")
    russian: IndexConfig = {"output_path": str(site / RUSSIAN_BUNDLE), "force_language": "ru"}
    # The Russian records are written as small pages and read as one folder: Pagefind's Python API
    # answers one message a tenth of a second, so a record at a time would cost minutes at scale.
    with tempfile.TemporaryDirectory(prefix="edition-search-") as temporary:
        for record in records or [SearchRecord("/", "", "")]:  # an empty bundle still answers
            page = Path(temporary, record.url.strip("/"), "index.html")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(_record_page(record), encoding="utf-8")
        await _bundle(russian, Path(temporary))


async def _bundle(config: IndexConfig, pages: Path) -> None:
    """One Pagefind bundle of the pages under ``pages``, written whole or not at all."""
    output = Path(str(config["output_path"]))
    for _ in range(ATTEMPTS):
        # Pagefind adds its files to what the folder holds: under `mkdocs serve --dirty`, a rebuild's bundle would
        # lie among the last one's files, and an incomplete attempt's among the next one's.
        shutil.rmtree(output, ignore_errors=True)
        async with PagefindIndex(config=config) as index:
            await index.add_directory(str(pages))
        if complete(output):
            return
    raise SearchIndexError(f"Pagefind wrote an incomplete search index in {output.name}/ {ATTEMPTS} times; "
                           "build again, and if it persists, reinstall the pagefind package")


def complete(bundle: Path) -> bool:
    """Whether a bundle's entry file, which the reader's browser reads first, is whole."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(entry, dict) and isinstance(entry.get("languages"), dict)


def _record_page(record: SearchRecord) -> str:
    """A Russian record as a page for Pagefind: its text the body, its title, kind, filters and date
    outside it (so that they are not words of the record), every value as text."""
    def tag(attribute: str, key: str, value: str) -> str:
        return f'<span data-pagefind-{attribute}="{html.escape(key)}">{html.escape(value)}</span>'

    tags = [tag("meta", "title", record.title), *(tag("meta", k, v) for k, v in record.meta.items()),
            *(tag("filter", k, v) for k, values in record.filters.items() for v in values),
            *(tag("sort", k, v) for k, v in record.sort.items())]
    return (f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{html.escape(record.title)}'
            f'</title></head><body><div hidden>{"".join(tags)}</div>'
            f'<main data-pagefind-body>{html.escape(record.content)}</main></body></html>')
