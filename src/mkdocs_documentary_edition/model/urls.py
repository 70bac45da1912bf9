"""The edition's one URL scheme: where every page, list, download and redirect lives.

A record's URL comes from its kind and id alone, never from its file name, title or section, so
that a URL once published can be kept. Page sources (``src``) are the paths MkDocs builds pages
from; URLs are relative to the site's root and end in ``/``. Everything that names a path of the
site asks this module.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from .records import Edition

__all__ = [
    "BIBLIOGRAPHY_PLACES",
    "DATA_FORMATS",
    "DATA_KINDS",
    "DATA_PAGE",
    "DOWNLOADS",
    "FOLDERS",
    "INDEX_PAGES",
    "absolute",
    "continuation_src",
    "data_schema_src",
    "data_src",
    "document_of",
    "download_src",
    "edition_download_src",
    "feed_src",
    "listing_src",
    "page_src",
    "page_url",
    "permanent_urls",
    "print_src",
    "redirect_src",
    "redirects",
    "relative",
    "tei_src",
    "url_of_src",
    "work_src",
    "year_src",
]

# Where each kind of record lives, in the sources and in the site.
FOLDERS = {"document": "documents", "person": "people", "event": "events", "section": "sections"}
# The edition's lists, by the kind of page that shows them.
INDEX_PAGES = {"people-index": "people/index.md", "events-index": "events/index.md",
               "chronology": "chronology.md", "bibliography": "bibliography.md",
               "documents-index": "documents/index.md", "sections-index": "sections/index.md",
               "search": "search.md"}
YEARS = "years"  # the documents of each year: years/1921/
# Which page of the bibliography lists each work, as JSON (key -> URL relative to the site's root):
# the first page reads it to send a reader who follows an old /bibliography/#key to that page.
BIBLIOGRAPHY_PLACES = "bibliography/places.json"
# What a document's citation can be downloaded as: file suffix -> what it is.
DOWNLOADS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}


def page_src(kind: str, record_id: str) -> str:
    """``documents/<id>.md``: the source of a record's page."""
    return f"{FOLDERS[kind]}/{record_id}.md"


def page_url(kind: str, record_id: str) -> str:
    """``documents/<id>/``: a record's permanent URL, relative to the site's root."""
    return f"{FOLDERS[kind]}/{record_id}/"


def listing_src(kind: str, record_id: str, listing: str) -> str:
    """``people/<id>/named.md``: the full list of a record's documents of one kind."""
    return f"{FOLDERS[kind]}/{record_id}/{listing}.md"


def year_src(year: int) -> str:
    """``years/1921.md``: the documents of one year."""
    return f"{YEARS}/{year}.md"


def work_src(key: str) -> str:
    """``bibliography/<key>.md``: every document that cites one work."""
    return f"bibliography/{key}.md"


def continuation_src(src: str, number: int) -> str:
    """Page ``number`` of a list that starts on ``src``: ``sections/late.md`` -> ``sections/late/2.md``.

    A folder's own list keeps its ``index`` (``people/index/2.md``), so that its pages can never take
    the URL of a record whose id is a number: ``index`` is the one id no record may have.
    """
    return f"{src.removesuffix('.md')}/{number}.md"


def download_src(document_id: str, suffix: str) -> str:
    """``documents/<id>/<id>.bib``: a document's citation as a file."""
    return f"{page_url('document', document_id)}{document_id}.{suffix}"


def edition_download_src(suffix: str) -> str:
    """``citation.bib``: the edition's own citation as a file, beside its home page."""
    return f"citation.{suffix}"


def redirect_src(former_id: str) -> str:
    """The page left at a former id's URL."""
    return f"{page_url('document', former_id)}index.html"


def absolute(site_url: str, url: str) -> str:
    """A URL of the site (``documents/<id>/``) as the full address a citation gives."""
    return f"{site_url.rstrip('/')}/{url}" if site_url else f"/{url}"


def document_of(path: str) -> str:
    """The id of the document a URL path (``/documents/<id>/``, with or without an anchor) names, or ""."""
    prefix = f"/{FOLDERS['document']}/"
    page = path.partition("#")[0]
    if page.startswith(prefix) and page.count("/") == 3 and page.endswith("/"):
        return page[len(prefix):-1]
    return ""


def url_of_src(src: str) -> str:
    """The URL of the page built from ``src``: ``people/index.md`` -> ``people/``, ``index.md`` -> ``""``."""
    if src.endswith(".html"):
        return src.removesuffix("index.html")
    stem = src.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url``, both relative to the site's root.

    Relative links keep working wherever the site is served from (a domain's root or a folder).
    """
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    path, _, fragment = to_url.partition("#")
    link = posixpath.relpath("/" + path, "/" + base)
    if path.endswith("/") and not link.endswith("/"):
        link += "/"
    if link == "./" and fragment:
        link = ""
    return link + (f"#{fragment}" if fragment else "")


def redirects(edition: Edition) -> dict[str, str]:
    """Old document URL -> current document URL, for every declared former id (both as ``/path/``)."""
    return {f"/{page_url('document', old)}": f"/{page_url('document', d.id)}"
            for d in edition.documents for old in d.former_ids}


def permanent_urls(edition: Edition, front_pages: Iterable[str] = ()) -> set[str]:
    """Every URL the edition promises to keep, as ``/path/`` or ``/path/#anchor``.

    These are the pages that a build writes and that never change their meaning: front pages,
    every document (withdrawn ones too), person, event and section, the indexes, the bibliography
    with an anchor per work, the redirects of former ids, and every paragraph anchor. Pages of long
    lists (``/sections/late/2/``) are not among them: their rows move as the edition grows.
    """
    urls = {f"/{url}" for url in front_pages}
    for kind, records in (("document", edition.documents), ("person", edition.people), ("event", edition.events),
                          ("section", edition.sections)):
        urls.update(f"/{page_url(kind, r.id)}" for r in records)
    urls.update(f"/{url_of_src(INDEX_PAGES[kind])}" for kind in ("people-index", "events-index", "chronology",
                                                                     "documents-index", "sections-index", "search"))
    urls.update(f"/{url_of_src(year_src(year))}" for year in {d.date.earliest.year for d in edition.documents
                                                               if d.withdrawn is None})
    urls.add(f"/{url_of_src(DATA_PAGE)}")
    if edition.bibliography:
        urls.add(f"/{url_of_src(INDEX_PAGES['bibliography'])}")
        urls.update(f"/{url_of_src(INDEX_PAGES['bibliography'])}#{key}" for key in edition.bibliography)
    urls.update(redirects(edition))
    for document_id, anchors in edition.anchors.items():
        urls.update(f"/{page_url('document', document_id)}#{name}" for name in anchors.all)
    return urls


# -- the edition as data: downloads of every record, TEI per document, the feed, printable sections

DATA_PAGE = "data/index.md"  # the page that lists the downloads
DATA_KINDS = ("documents", "people", "events", "bibliography")
DATA_FORMATS = ("json", "csv")


def data_src(kind: str, suffix: str) -> str:
    """``data/documents.csv``: every record of one kind as one file."""
    return f"data/{kind}.{suffix}"


def data_schema_src() -> str:
    """``data/schema.json``: the JSON Schema that the JSON downloads follow."""
    return "data/schema.json"


def tei_src(document_id: str) -> str:
    """``documents/<id>/<id>.xml``: a document as TEI P5, beside its page."""
    return f"{page_url('document', document_id)}{document_id}.xml"


def feed_src() -> str:
    """``feed.xml``: the Atom feed of documents as they are added to the edition."""
    return "feed.xml"


def print_src(section_id: str) -> str:
    """``sections/<id>/print.md``: a section's documents in full, for printing (continued on further pages)."""
    return f"{FOLDERS['section']}/{section_id}/print.md"
