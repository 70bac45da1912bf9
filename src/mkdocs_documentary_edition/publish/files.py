"""The one list of files the edition adds to a site: its pages, the citation downloads and redirects."""

from __future__ import annotations

from dataclasses import dataclass

from ..cite.formatter import CitationFormatter
from ..model import urls
from ..model.index import EditionIndex
from ..model.settings import EditionSettings
from .cite_this import CitedWork, edition_work
from .pages import PageView, page_views
from .redirects import redirect_page

__all__ = ["GeneratedFile", "downloads", "generated_files"]


def downloads(work: CitedWork) -> dict[str, str]:
    """A work's citation as files, by suffix (see ``urls.DOWNLOADS``)."""
    return {"bib": work.bibtex(), "ris": work.ris(), "json": work.csl_json()}


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    """One file the edition adds to the site: a page (with its view) or a finished file."""

    src_uri: str
    view: PageView | None = None
    content: str = ""


def generated_files(index: EditionIndex, citations: CitationFormatter | None,
                    settings: EditionSettings) -> list[GeneratedFile]:
    """Every file the edition adds to the site: pages, citation downloads and redirects."""
    files = []
    for src_uri, view in page_views(index, citations, settings).items():
        files.append(GeneratedFile(src_uri, view))
        if view.work is not None and view.work.kind == "bookSection":
            files += [GeneratedFile(urls.download_src(view.record.id, suffix), content=text)
                      for suffix, text in downloads(view.work).items()]
    edition = edition_work(settings, urls.absolute(settings.site_url, ""))
    files += [GeneratedFile(urls.edition_download_src(suffix), content=text)
              for suffix, text in downloads(edition).items()]
    for document in index.edition.documents:
        for former in document.former_ids:
            old, new = urls.page_url("document", former), urls.page_url("document", document.id)
            files.append(GeneratedFile(urls.redirect_src(former), content=redirect_page(old, new, settings.site_url)))
    return files
