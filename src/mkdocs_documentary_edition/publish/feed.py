"""The Atom feed of documents as they are added to the edition (``feed.xml``, RFC 4287).

Readers follow an edition as it grows, as Founders Online lets them. A document's place in the feed
is the day the edition first published it, never its historical date: ``edition urls --update``
records that day beside the document's URL in ``published-urls.txt`` when it records the URL, and
every later build reads it from there, so the feed is the same whoever builds the site and whenever.
A document published before the record kept days, or not yet recorded, has no day and is not in
the feed. The feed holds the latest :data:`FEED_ENTRIES` documents, newest first: it stays the same
size however large the edition grows.

Atom needs absolute, permanent ids, so a feed is written only for an edition with a ``site_url``.
Built with lxml: every title, name and summary is text in the XML by construction.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from ..model import urls
from ..model.index import EditionIndex, document_order
from ..model.records import Document
from ..model.settings import EditionSettings

__all__ = ["ATOM_NS", "FEED_ENTRIES", "atom_feed", "feed_documents"]

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50


def _atom(tag: str) -> str:
    return f"{{{ATOM_NS}}}{tag}"


def _add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _atom(tag), {k: v for k, v in attributes.items() if v})
    if text:
        element.text = text
    return element


def _timestamp(day: str) -> str:
    """A day as an RFC 3339 date-time: its start, in UTC."""
    return f"{day}T00:00:00Z"


def feed_documents(index: EditionIndex) -> list[tuple[str, Document]]:
    """(day first published, document) for the newest documents, newest first; documents of one day
    in the edition's order."""
    added = index.edition.added
    dated = [d for d in sorted(index.documents.values(), key=document_order)
             if d.withdrawn is None and d.id in added]
    dated.sort(key=lambda d: added[d.id], reverse=True)  # stable: a day's documents keep their order
    return [(added[d.id], d) for d in dated[:FEED_ENTRIES]]


def _updated(day: str, document: Document) -> str:
    """When the entry last changed: the day it was added, or a later correction's."""
    corrected = [c.date.earliest.isoformat() for c in document.changes if not c.date.is_interval]
    return max([day, *corrected])


def atom_feed(index: EditionIndex, settings: EditionSettings) -> bytes:
    """The feed as an Atom document (UTF-8); ``settings.site_url`` must be set."""
    site = urls.absolute(settings.site_url, "")
    entries = feed_documents(index)
    feed = etree.Element(_atom("feed"), nsmap={None: ATOM_NS})  # type: ignore[dict-item]
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", settings.language or "en")
    _add(feed, "id", site)
    _add(feed, "title", settings.site_name or "Documentary edition", type="text")
    _add(feed, "subtitle", "Documents as they are added to the edition", type="text")
    days = [_updated(day, document) for day, document in entries]
    latest = max(days, default="") or settings.version_date or str(settings.release or "") or \
        dt.datetime.now(dt.UTC).date().isoformat()
    _add(feed, "updated", _timestamp(latest[:10]) if len(latest) >= 10 else _timestamp(f"{latest[:4]}-01-01"))
    _add(feed, "link", rel="self", type="application/atom+xml", href=urls.absolute(settings.site_url, urls.feed_src()))
    _add(feed, "link", rel="alternate", type="text/html", href=site)
    names = [e.name for e in settings.editors if e.role == "editor"] or [settings.publisher or settings.site_name]
    for name in names:
        _add(_add(feed, "author"), "name", name or "The editors")
    if settings.licence:
        _add(feed, "rights", settings.licence_name, type="text")
    _add(feed, "generator", "mkdocs-documentary-edition")
    sections = {s.id: s for s in index.edition.sections}
    for day, document in entries:
        entry = _add(feed, "entry")
        url = urls.absolute(settings.site_url, urls.page_url("document", document.id))
        _add(entry, "id", url)
        _add(entry, "title", document.title, type="text")
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(entry, "link", rel="alternate", type="application/tei+xml",
             href=urls.absolute(settings.site_url, urls.tei_src(document.id)))
        _add(entry, "published", _timestamp(day))
        _add(entry, "updated", _timestamp(_updated(day, document)))
        for author in (index.people[a] for a in document.authors if a in index.people):
            person = _add(entry, "author")
            _add(person, "name", author.name)
            _add(person, "uri", urls.absolute(settings.site_url, urls.page_url("person", author.id)))
        section = sections.get(document.section)
        if section is not None:
            _add(entry, "category", term=section.id, label=section.title)
        summary = document.summary or f"{document.date.words()}, {document.venue}"
        _add(entry, "summary", summary, type="text")
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True))
