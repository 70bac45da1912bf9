"""The one list of files the edition adds to a site: its pages, the citation downloads, redirects,
and the edition as data (the downloads of its records, TEI per document, the feed)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from ..cite.formatter import CitationFormatter
from ..model import urls
from ..model.index import EditionIndex
from ..model.settings import EditionSettings
from .cite_this import CitedWork, edition_work
from .data import WrittenRecords, data_files
from .feed import atom_feed
from .pages import PageView, page_views
from .printable import print_views
from .redirects import redirect_page
from .tei import tei_files

__all__ = ["GeneratedFile", "downloads", "generated_files"]


def downloads(work: CitedWork) -> dict[str, str]:
    """A work's citation as files, by suffix (see ``urls.DOWNLOADS``)."""
    return {suffix: download(work, suffix) for suffix in urls.DOWNLOADS}


def download(work: CitedWork, suffix: str) -> str:
    """A work's citation as one file: ``bib``, ``ris`` or ``json``."""
    return {"bib": work.bibtex, "ris": work.ris, "json": work.csl_json}[suffix]()


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    """One file the edition adds to the site: a page (with its view), a finished file, or a file
    made when the site is written (``make``), so that thousands of them are never held at once."""

    src_uri: str
    view: PageView | None = None
    content: str = ""
    make: Callable[[], str | bytes] | None = None

    def text(self) -> str | bytes:
        return self.make() if self.make is not None else self.content


def _maker(work: CitedWork, suffix: str) -> Callable[[], str]:
    return lambda: download(work, suffix)


def generated_files(index: EditionIndex, citations: CitationFormatter | None, settings: EditionSettings,
                    kept: WrittenRecords | None = None) -> list[GeneratedFile]:
    """Every file the edition adds to the site: pages, citation downloads and redirects. ``kept``: the
    data downloads' records as the last build wrote them (``mkdocs serve``)."""
    files = []
    views = page_views(index, citations, settings)
    places = next((view.bibliography_places for view in views.values()), {})
    for src_uri, view in views.items():
        files.append(GeneratedFile(src_uri, view))
        if view.work is not None and view.work.kind == "bookSection":
            # Made when written, as the data are: a preview writes only those of the documents it changed.
            files += [GeneratedFile(urls.download_src(view.record.id, suffix), make=_maker(view.work, suffix))
                      for suffix in urls.DOWNLOADS]
    files += [GeneratedFile(view.src_uri, view) for view in print_views(index, citations, settings)]
    if places:
        files.append(GeneratedFile(urls.BIBLIOGRAPHY_PLACES, content=json.dumps(
            {key: urls.url_of_src(src) for key, src in places.items()}, ensure_ascii=False, separators=(",", ":"))))
    files += [GeneratedFile(src, make=make) for src, make in data_files(index, settings, citations,
                                                                        index.edition.added, kept)]
    files += [GeneratedFile(src, make=make) for src, make in tei_files(index, settings, citations)]
    if settings.site_url:  # Atom's ids are absolute: without the edition's address there is no feed
        files.append(GeneratedFile(urls.feed_src(), make=lambda: atom_feed(index, settings)))
    edition = edition_work(settings, urls.absolute(settings.site_url, ""))
    files += [GeneratedFile(urls.edition_download_src(suffix), content=text)
              for suffix, text in downloads(edition).items()]
    for document in index.edition.documents:
        for former in document.former_ids:
            old, new = urls.page_url("document", former), urls.page_url("document", document.id)
            files.append(GeneratedFile(urls.redirect_src(former), content=redirect_page(old, new, settings.site_url)))
    return files
