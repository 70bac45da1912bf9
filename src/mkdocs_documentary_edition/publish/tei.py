"""A document as TEI P5, the lingua franca of documentary editing: ``documents/<id>/<id>.xml``.

The header is built from the document's records (its front-matter, the edition's settings), and the
text from its one reading, the HTML the page shows, element by element: headings open divisions,
paragraphs keep their permanent anchors as ``xml:id``, block quotes are quotations, notes stand
where the reader meets them, typed as ``editorial`` or ``source`` (a note that only cites), and each
citation is a ``bibl`` pointing to its work in the document's ``listBibl`` with its locator as a
``citedRange``. People, groups and events are ``persName``, ``orgName`` and ``name`` whose ``ref``
holds the permanent page and the authority records (Wikidata, VIAF, GND).

Everything is built with lxml's element tree, never by joining strings: text from front-matter,
BibTeX and ``mkdocs.yml`` is text in the XML by construction. The output is valid against TEI P5's
``tei_all`` (the tests validate every file of an edition with lxml's RELAX NG).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from typing import Any

import lxml.html
from lxml import etree

from ..cite.formatter import CitationFormatter
from ..model import urls
from ..model.authorities import authority_uris
from ..model.dates import EdtfDate, HistoricalDate
from ..model.index import EditionIndex
from ..model.locators import LOCATOR_LABELS
from ..model.records import CITE_TAG, PILCROW, CitationGroup, Document, Person
from ..model.settings import EditionSettings
from .pages import render_reading

__all__ = ["TEI_NS", "TEI_SCHEMA", "tei_document", "tei_files", "work_id"]

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TEI_SCHEMA = "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
_XML_ID = f"{{{XML_NS}}}id"
_XML_LANG = f"{{{XML_NS}}}lang"
_W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_ANCHOR = re.compile(r"^p\d+$")
BASIS = {
    "full": "This edition gives the full text of the document.",
    "excerpt": "This edition gives passages of the document, not its full text.",
    "summary": "This edition gives a summary of the document, not its text.",
    "none": "This document is known only from mentions; this edition gives no text of it.",
}
# Inline HTML -> TEI: (element, its attributes)
_HIGHLIGHT = {"em": "italic", "i": "italic", "strong": "bold", "b": "bold", "sup": "superscript",
              "sub": "subscript", "mark": "highlight", "small": "small", "u": "underline", "s": "strikethrough"}


def _tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str | None) -> etree._Element:
    """A TEI element under ``parent``; attributes without a value are left out (``xml_lang`` is ``xml:lang``)."""
    names = {"xml_lang": _XML_LANG, "xml_id": _XML_ID}
    element = etree.SubElement(parent, _tei(tag), {names.get(k, k): v for k, v in attributes.items() if v})
    if text:
        element.text = text
    return element


def _append_text(parent: etree._Element, text: str | None) -> None:
    """Text after the last child of ``parent`` (or as its first text)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def work_id(key: str) -> str:
    """A bibliography key as an ``xml:id`` (an XML name): ``bib-`` and the key, ``_``, ``:`` and ``+``
    spelt out so that two keys never share an id."""
    return "bib-" + key.replace("_", "__").replace(":", "_c").replace("+", "_p")


def _single(date: HistoricalDate) -> EdtfDate | None:
    return None if date.is_interval else date  # type: ignore[return-value]


def _w3c(date: EdtfDate, latest: bool = False) -> tuple[str, str]:
    """(attribute kind, value): a plain date as itself ("when"), else the day it can mean at most or
    least ("bound": a season, or unspecified digits)."""
    text = date.text.rstrip("?~%")
    if _W3C_DATE.match(text) and date.season is None:
        return "when", text
    return "bound", (date.latest if latest else date.earliest).isoformat()


def date_attributes(date: HistoricalDate) -> dict[str, str]:
    """A historical date as TEI's dating attributes: ``when``, or ``from``/``to`` for an interval,
    ``notBefore``/``notAfter`` for what is known only by its bounds; ``cert="low"`` when it is
    uncertain and ``precision="low"`` when it is approximate."""
    attributes: dict[str, str] = {}
    single = _single(date)
    if single is not None:
        kind, value = _w3c(single)
        if kind == "when":
            attributes["when"] = value
        else:
            attributes["notBefore"], attributes["notAfter"] = value, single.latest.isoformat()
        qualified = [single]
    else:
        start, end = date.start, date.end  # type: ignore[union-attr]
        if start is not None:
            kind, value = _w3c(start)
            attributes["from" if kind == "when" and end is not None else "notBefore"] = value
        if end is not None:
            kind, value = _w3c(end, latest=True)
            attributes["to" if kind == "when" and start is not None else "notAfter"] = value
        if "from" in attributes and "to" not in attributes:
            attributes["notBefore"] = attributes.pop("from")
        if "to" in attributes and "from" not in attributes:
            attributes["notAfter"] = attributes.pop("to")
        qualified = [d for d in (start, end) if d is not None]
    if any(d.uncertain for d in qualified):
        attributes["cert"] = "low"
    if any(d.approximate for d in qualified):
        attributes["precision"] = "low"
    return attributes


def _date(parent: etree._Element, date: HistoricalDate, tag: str = "date") -> etree._Element:
    return _add(parent, tag, date.words(), **date_attributes(date))


class _Writer:
    """One document's TEI."""

    def __init__(self, document: Document, index: EditionIndex, settings: EditionSettings,
                 citations: CitationFormatter | None) -> None:
        self.document, self.index, self.settings, self.citations = document, index, settings, citations
        self.page = urls.page_url("document", document.id)
        self.notes: dict[str, lxml.html.HtmlElement] = {}
        self.cited: list[str] = []

    def absolute(self, url: str) -> str:
        return urls.absolute(self.settings.site_url, url)

    def person_refs(self, person_id: str) -> str:
        refs = [self.absolute(urls.page_url("person", person_id))]
        person = self.index.people.get(person_id)
        if person is not None:
            refs += authority_uris(person.authorities)
        return " ".join(refs)

    # -- the header

    def header(self, root: etree._Element) -> None:
        document, settings = self.document, self.settings
        header = _add(root, "teiHeader")
        file_desc = _add(header, "fileDesc")
        title_stmt = _add(file_desc, "titleStmt")
        _add(title_stmt, "title", document.title, type="main")
        for person in self.authors():
            _add(title_stmt, "author", person.name, ref=self.person_refs(person.id))
        for editor in settings.editors:
            if editor.role == "editor":
                _add(title_stmt, "editor", editor.name, role="editor")
        contributors = [("translation", document.translator), ("transcription", document.transcriber)]
        contributors += [("translation" if e.role == "translator" else "contribution", e.name)
                         for e in settings.editors if e.role != "editor"]
        for resp, name in contributors:
            if name:
                statement = _add(title_stmt, "respStmt")
                _add(statement, "resp", resp)
                _add(statement, "name", name)
        if settings.version:
            edition_stmt = _add(file_desc, "editionStmt")
            _add(edition_stmt, "edition", f"version {settings.version}" + (
                f" ({settings.version_date})" if settings.version_date else ""), n=settings.version)
        publication = _add(file_desc, "publicationStmt")
        if settings.publisher:
            _add(publication, "publisher", settings.publisher)
        else:
            _add(publication, "authority", settings.site_name)
        release = settings.release or settings.year
        if release and _W3C_DATE.match(str(release)):
            _add(publication, "date", str(release), when=str(release))
        _add(publication, "idno", self.absolute(self.page), type="URI")
        if settings.licence:
            availability = _add(publication, "availability")
            _add(availability, "licence", settings.licence_name, target=settings.licence_link)
        series = _add(file_desc, "seriesStmt")
        _add(series, "title", settings.site_name, level="s")
        for editor in settings.editors:
            if editor.role == "editor":
                _add(series, "editor", editor.name, role="editor")
        _add(series, "idno", self.absolute(""), type="URI")
        self.source_desc(file_desc)
        encoding = _add(header, "encodingDesc")
        sampling = _add(encoding, "samplingDecl", n=document.text)
        _add(sampling, "p", BASIS.get(document.text, BASIS["full"]))
        self.profile(header)
        if document.changes:
            revisions = _add(header, "revisionDesc")
            for change in document.changes:
                _add(revisions, "change", change.note, **{k: v for k, v in date_attributes(change.date).items()
                                                          if k not in ("precision",)})

    def authors(self) -> list[Person]:
        return [self.index.people[a] for a in self.document.authors if a in self.index.people]

    def source_desc(self, file_desc: etree._Element) -> None:
        document = self.document
        source = _add(file_desc, "sourceDesc")
        bibl = _add(source, "bibl")
        title = document.original_title or document.title
        _add(bibl, "title", title, xml_lang=document.language if document.original_title else None)
        for person in self.authors():
            _add(bibl, "author", person.name, ref=self.person_refs(person.id))
        _date(bibl, document.date)
        _add(bibl, "note", document.venue, type="venue")
        if document.source:
            _add(bibl, "note", document.source, type="source")
        first = document.first_published
        if first is not None:
            related = _add(bibl, "relatedItem", type="firstPublication")
            printed = _add(related, "bibl")
            _add(printed, "title", first.title, level="j" if first.periodical else "m")
            if first.issue:
                _add(printed, "biblScope", first.issue, unit="issue")
            if first.date is not None:
                _date(printed, first.date)
            if first.pages:
                _add(printed, "biblScope", first.pages, unit="page")
        archive = document.archive
        if archive is not None:
            manuscript = _add(source, "msDesc")
            identifier = _add(manuscript, "msIdentifier")
            if archive.repository:
                _add(identifier, "repository", archive.repository)
            for unit in ("fond", "opis", "delo"):
                if getattr(archive, unit):
                    _add(identifier, "idno", getattr(archive, unit), type=unit)
            if archive.reference:
                _add(identifier, "idno", archive.reference, type="reference")
            if archive.folios:
                item = _add(_add(manuscript, "msContents"), "msItem")
                _add(item, "locus", archive.folios)
                _add(item, "title", document.title)

    def profile(self, header: etree._Element) -> None:
        document = self.document
        profile = _add(header, "profileDesc")
        creation = _add(profile, "creation")
        _date(creation, document.date)
        _append_text(creation, f", {document.venue}")
        languages = _add(profile, "langUsage")
        text_language = self.settings.language or "en"
        if document.language and document.language != text_language:
            _add(languages, "language", "the language of the original", ident=document.language)
            _add(languages, "language", "the language of the text given here", ident=text_language)
        else:
            _add(languages, "language", "the language of the original and of the text given here",
                 ident=document.language or text_language)
        if document.genre:
            keywords = _add(_add(profile, "textClass"), "keywords")
            _add(keywords, "term", document.genre)

    # -- the text

    def text(self, root: etree._Element) -> None:
        document = self.document
        text = _add(root, "text", xml_lang=self.settings.language or "en")
        body = _add(text, "body")
        reading = document.reading if document.withdrawn is None else None
        if reading is None or not reading.html:
            _add(body, "p", document.withdrawn.reason if document.withdrawn else BASIS.get(document.text, ""))
            return
        identity = [f'<{CITE_TAG} data-n="{n}"></{CITE_TAG}>' for n in range(len(reading.groups))]
        html = render_reading(reading, identity, self.index.edition.anchors.get(document.id))
        container = lxml.html.fragment_fromstring(html, create_parent="div")
        for note in container.xpath("//div[contains(concat(' ', @class, ' '), ' footnote ')]"):
            for item in note.iter("li"):
                self.notes[item.get("id", "")] = item
            note.drop_tree()
        self.blocks(container, body)
        if not len(body):
            _add(body, "p")
        if self.cited:
            back = _add(text, "back")
            listing = _add(back, "listBibl")
            _add(listing, "head", "Works cited")
            entries = self.citations.standalone_entries() if self.citations is not None else {}
            for key in self.cited:
                bibl = _add(listing, "bibl", xml_id=work_id(key), n=key)
                if key in entries:
                    self.inline(lxml.html.fragment_fromstring(entries[key], create_parent="span"), bibl)
                else:
                    bibl.text = key

    def blocks(self, source: lxml.html.HtmlElement, body: etree._Element) -> None:
        """The text's blocks, in divisions that its headings open (a deeper heading, a division within)."""
        stack: list[tuple[int, etree._Element]] = [(0, body)]
        stray: etree._Element | None = None
        for child in source:
            if not isinstance(child.tag, str):
                continue
            if child.tag in _HEADINGS:
                level = int(child.tag[1])
                while stack[-1][0] >= level:
                    stack.pop()
                division = _add(stack[-1][1], "div", type=child.get("id") or None)
                self.inline(child, _add(division, "head"))
                stack.append((level, division))
                stray = None
                continue
            parent = stack[-1][1]
            if parent is body:
                # Text before the first heading: a division of its own, as a body holds divisions.
                parent = _add(body, "div")
                stack.append((1, parent))
            if self.block(child, parent) is None:
                if stray is None:
                    stray = _add(parent, "ab")
                self.inline_element(child, stray)
            else:
                stray = None

    def block(self, element: lxml.html.HtmlElement, parent: etree._Element) -> etree._Element | None:
        """One block of the text as TEI, or None when it is not a block (then it is text of one)."""
        tag = element.tag
        if tag == "p":
            paragraph = _add(parent, "p")
            anchor = element.get("id") or ""
            if _ANCHOR.match(anchor):
                paragraph.set(_XML_ID, anchor)
                paragraph.set("n", anchor[1:])
            self.inline(element, paragraph)
            return paragraph
        if tag == "blockquote":
            quote = _add(parent, "quote")
            for child in element:
                if isinstance(child.tag, str) and self.block(child, quote) is None:
                    self.inline_element(child, _add(quote, "p"))
            if not len(quote):
                _add(quote, "p", element.text_content().strip())
            return quote
        if tag in ("ul", "ol"):
            listing = _add(parent, "list", rend="numbered" if tag == "ol" else "bulleted")
            for child in element:
                if child.tag == "li":
                    item = _add(listing, "item")
                    if any(isinstance(c.tag, str) and c.tag in ("p", "ul", "ol", "blockquote") for c in child):
                        for grandchild in child:
                            if isinstance(grandchild.tag, str) and self.block(grandchild, item) is None:
                                self.inline_element(grandchild, item)
                    else:
                        self.inline(child, item)
            return listing
        if tag == "table":
            table = _add(parent, "table")
            for row in element.iter("tr"):
                tei_row = _add(table, "row")
                for cell in row:
                    if cell.tag in ("td", "th"):
                        self.inline(cell, _add(tei_row, "cell", role="label" if cell.tag == "th" else None))
            return table
        if tag == "pre":
            return _add(parent, "eg", element.text_content())
        if tag == "hr":
            return _add(parent, "milestone", unit="section")
        if tag == "div":
            division = _add(parent, "div")
            for child in element:
                if isinstance(child.tag, str) and self.block(child, division) is None:
                    self.inline_element(child, _add(division, "ab"))
            if not len(division):
                _add(division, "ab", element.text_content().strip())
            return division
        return None

    def inline(self, source: lxml.html.HtmlElement, target: etree._Element) -> None:
        """The content of ``source`` (its text and elements) as TEI inside ``target``."""
        _append_text(target, source.text)
        for child in source:
            self.inline_element(child, target)

    def inline_element(self, element: Any, target: etree._Element) -> None:
        if not isinstance(element.tag, str):  # a comment or a processing instruction: nothing a reader sees
            _append_text(target, element.tail)
            return
        tag, classes = element.tag, (element.get("class") or "").split()
        made: etree._Element | None = None
        if tag == "a" and (PILCROW in classes or "headerlink" in classes or "footnote-backref" in classes):
            pass  # the page's own apparatus
        elif tag == "sup" and element.find("a[@class='footnote-ref']") is not None:
            self.note(element.find("a"), target)
        elif tag == CITE_TAG:
            self.citation(int(element.get("data-n", "0")), target)
        elif tag == "a":
            made = self.link(element, classes, target)
        elif tag in _HIGHLIGHT:
            made = _add(target, "hi", rend=_HIGHLIGHT[tag])
        elif tag == "code":
            made = _add(target, "code")
        elif tag == "br":
            _add(target, "lb")
        elif tag == "del":
            made = _add(target, "del")
        elif tag == "ins":
            made = _add(target, "add")
        elif tag == "q":
            made = _add(target, "q")
        elif tag == "cite":
            made = _add(target, "title")
        elif tag == "abbr" and element.get("title"):
            choice = _add(target, "choice")
            self.inline(element, _add(choice, "abbr"))
            _add(choice, "expan", element.get("title"))
        elif tag == "span" and element.get("id") and not element.text_content():
            identifier = element.get("id")
            _add(target, "anchor", xml_id=identifier if _ANCHOR.match(identifier) else None)
        elif tag == "span" and element.get("lang"):
            made = _add(target, "foreign", xml_lang=element.get("lang"))
        elif tag == "time":
            when = element.get("datetime") or ""
            made = _add(target, "date", when=when if _W3C_DATE.match(when) else None)
        elif tag == "img":
            figure = _add(target, "figure")
            _add(figure, "graphic", url=element.get("src") or "")
            if element.get("alt"):
                _add(figure, "figDesc", element.get("alt"))
        else:
            made = target  # an element TEI has no need of: its content stays, in its place
        if made is not None:
            if made is not target and element.get("lang"):
                made.set(_XML_LANG, element.get("lang"))
            self.inline(element, made)
        _append_text(target, element.tail)

    def link(self, element: lxml.html.HtmlElement, classes: list[str], target: etree._Element) -> etree._Element:
        href = element.get("href") or ""
        kinds = [c.removeprefix("edition-ref--") for c in classes if c.startswith("edition-ref--")]
        if kinds and not href.startswith("#"):
            path, _, anchor = href.partition("#")
            record_id = posixpath.normpath(posixpath.join("/" + self.page, path)).rstrip("/").rpartition("/")[2]
            kind = kinds[0]
            if kind == "person":
                person = self.index.people.get(record_id)
                tag = "orgName" if person is not None and person.is_group else "persName"
                return _add(target, tag, ref=self.person_refs(record_id))
            if kind == "event":
                event = self.index.events.get(record_id)
                refs = [self.absolute(urls.page_url("event", record_id))]
                if event is not None:
                    refs += authority_uris(event.authorities)
                return _add(target, "name", type="event", ref=" ".join(refs))
            url = self.absolute(urls.page_url("document", record_id)) + (f"#{anchor}" if anchor else "")
            return _add(target, "ref", type="document", target=url)
        return _add(target, "ref", target=href)

    def note(self, marker: lxml.html.HtmlElement, target: etree._Element) -> None:
        """A note, where its marker stands; its text from the notes at the end of the reading."""
        definition = self.notes.get((marker.get("href") or "").lstrip("#"))
        note = _add(target, "note", place="foot", n=marker.text_content().strip())
        if definition is None:
            return
        blocks = [c for c in definition if isinstance(c.tag, str)]
        if len(blocks) == 1 and blocks[0].tag == "p":
            self.inline(blocks[0], note)
        else:
            for block in blocks:
                if self.block(block, note) is None:
                    self.inline_element(block, note)
        self.strip_end(note)
        only_citations = all(child.tag == _tei("bibl") for child in note) and len(note) > 0 and \
            not re.sub(r"[\s.,;:()\[\]]+", "", "".join([note.text or "", *(child.tail or "" for child in note)]))
        note.set("type", "source" if only_citations else "editorial")

    @staticmethod
    def strip_end(note: etree._Element) -> None:
        """Python-Markdown leaves a non-breaking space before the note's return link, which is gone."""
        last = note[-1] if len(note) else None
        if last is not None:
            last.tail = (last.tail or "").rstrip("\xa0 ") or None
        elif note.text:
            note.text = note.text.rstrip("\xa0 ")

    def citation(self, number: int, target: etree._Element) -> None:
        groups = self.document.reading.groups
        if number >= len(groups):
            return
        group: CitationGroup = groups[number]
        for position, citation in enumerate(group.citations):
            if position:
                _append_text(target, "; ")
            bibl = _add(target, "bibl")
            if citation.prefix:
                bibl.text = f"{citation.prefix} "
            if citation.key in self.index.edition.bibliography:
                _add(bibl, "ptr", target=f"#{work_id(citation.key)}")
                if citation.key not in self.cited:
                    self.cited.append(citation.key)
            else:
                _append_text(bibl, f"@{citation.key}")
            if citation.locator:
                _append_text(bibl, ", ")
                # The locator's unit as CSL names it (page, chapter, folio, ...), as TEI's citedRange takes it.
                _add(bibl, "citedRange", citation.locator, unit=LOCATOR_LABELS.get(citation.label.lower(), "page"))
            if citation.suffix:
                _append_text(bibl, f", {citation.suffix}")


def tei_document(document: Document, index: EditionIndex, settings: EditionSettings,
                 citations: CitationFormatter | None = None) -> bytes:
    """The document as a TEI P5 file (UTF-8, with its XML declaration and the schema it follows)."""
    writer = _Writer(document, index, settings, citations)
    root = etree.Element(_tei("TEI"), nsmap={None: TEI_NS})  # type: ignore[dict-item]
    root.set(_XML_LANG, settings.language or "en")
    writer.header(root)
    writer.text(root)
    tree = etree.ElementTree(root)
    root.addprevious(etree.ProcessingInstruction(
        "xml-model", f'href="{TEI_SCHEMA}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"'))
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def tei_files(index: EditionIndex, settings: EditionSettings,
              citations: CitationFormatter | None) -> list[tuple[str, Callable[[], bytes]]]:
    """Each document's TEI file by its source path, with what writes it (when the site is written)."""
    def maker(document: Document) -> Callable[[], bytes]:
        return lambda: tei_document(document, index, settings, citations)

    return [(urls.tei_src(d.id), maker(d)) for d in index.documents.values() if d.withdrawn is None]
