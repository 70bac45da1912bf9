"""The one reading of the edition's Markdown: Python-Markdown, set up exactly as the build sets it up.

Every text of the edition (a document's body, a biography, an event's description, a section's
introduction, a front page) is parsed once, by the extensions ``mkdocs.yml`` names plus this
module's :class:`EditionExtension`. That parse yields both what the check validates (links to
people, events and documents, inline or reference-style; citations; footnote references and
definitions; paragraphs) and the HTML the site publishes. Nothing inside code is ever a link or a
citation, because Python-Markdown never looks for them there.

Python-Markdown keeps no source positions, so each thing found is located afterwards in the text
by what was written (the link's target, the citation's ``@key``): the parse decides what a thing
is, the search only says on which line it stands.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import html
import itertools
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import markdown
from markdown import Extension, Markdown
from markdown.blockprocessors import BlockQuoteProcessor
from markdown.extensions.footnotes import (
    FN_BACKLINK_TEXT,
    NBSP_PLACEHOLDER,
    FootnoteExtension,
    FootnoteInlineProcessor,
)
from markdown.inlinepatterns import HtmlInlineProcessor, InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.serializers import to_html_string
from markdown.treeprocessors import Treeprocessor

from ..model import urls
from ..model.locators import LOCATOR_LABELS
from ..model.problems import Problem, Severity, did_you_mean
from ..model.records import CITE_TAG, PILCROW, Citation, CitationGroup, Reading, Reference, paragraph_token
from . import rawhtml

__all__ = [
    "BUILTIN_EXTENSIONS", "EditionExtension", "MarkdownReader", "TextKind",
    "parse_citation_group", "required_extensions",
]

# MkDocs always loads these; the plugin adds the rest, which the edition's pages need.
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
REQUIRED_EXTENSIONS = ("footnotes", "attr_list", "md_in_html")
OUR_SCHEMES = ("person", "event", "document")
WEB_SCHEMES = ("http", "https", "mailto", "ftp", "tel")
UNSAFE_SCHEMES = rawhtml.UNSAFE_SCHEMES
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "background")
_DANGEROUS_TAGS = ("script", "style", "iframe", "object", "embed", "form", "input", "button", "link", "meta", "base",
                   "svg", "math", "frame", "frameset", "applet", "template", "textarea", "select")
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?P<rest>.*)$", re.DOTALL)
_SCHEME_SPELLINGS = {"people": "person", "persons": "person", "events": "event", "documents": "document",
                     "doc": "document", "docs": "document"}
_TARGET = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# A bracketed group holding at least one @key that is not inside a word (so no e-mail address).
CITATION_GROUP = r"(?<![\]\\!])\[(?P<inner>[^\[\]]*?(?:^|(?<=[\s\[;-]))-?@[^\[\]]*)\](?!\()"
_KEY = r"[\w][\w:.#$%&+?<>~/-]*?"
# Pandoc's author-in-text citation, ``@key`` or ``@key [45]``: an @ that no word, address or path
# runs into (so no e-mail address and no "/@user" in a link), a key that ends in a letter or digit.
AUTHOR_IN_TEXT = (r"(?<![\w@.:/\\\]\[-])@(?P<key>[\w](?:[\w:.#$%&+?<>~/-]*[\w])?)"
                  r"(?:\s?\[(?P<inner>[^\[\]^]*)\](?![(\[]))?")
_CITATION_ITEM = re.compile(
    rf"^(?P<prefix>.*?)(?:(?<=\s)|^)(?P<suppress>-?)@(?P<key>{_KEY}|\{{[^}}]+\}})(?=[\s,;]|$)(?P<rest>.*)$",
    re.DOTALL,
)
_LOCATOR = re.compile(
    r"^\s*,?\s*(?:(?P<label>[^\d\s,;]+)\s+)?(?P<locator>[\dIVXLCivxlc][^,;]*?)(?P<suffix>(?:,\s.*)?)\s*$", re.DOTALL
)
_UNCLOSED = re.compile(r"\[-?@[\w][\w:.#$%&+?<>~/-]*")
# Python-Markdown takes time in the square of the brackets ('[', '<') that one paragraph opens and
# never closes. No real text comes near these; a text that does is refused before it is parsed.
MARKS_PER_PARAGRAPH = 1_000
MARKS_PER_TEXT = 10_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_ALIGNMENT = re.compile(r"text-align:\s*(left|right|center);?")
# What Python-Markdown leaves in text while it works: a stashed inline node, an escaped character,
# a piece of raw HTML.
_STASHED = re.compile("\x02klzzwxh:(\\d+)\x03")
_ESCAPED = re.compile("\x02(\\d+)\x03")
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
_WORDS = re.compile(r"\w+")

TextKind = str  # "document", "person", "event", "section" or "page" (a front page)


def required_extensions(configured: Sequence[str]) -> tuple[str, ...]:
    """The extensions a build uses: MkDocs' own, the edition's ``markdown_extensions``, and ours."""
    names = list(BUILTIN_EXTENSIONS)
    names += [name for name in configured if name not in names]
    names += [name for name in REQUIRED_EXTENSIONS if name not in names]
    return tuple(names)


# -- what a parse finds, before it is placed in the text


@dataclass(slots=True)
class _Item:
    """A citation found by the parse: its parts, and the ``@key`` that locates it in the source."""

    key: str
    prefix: str
    label: str
    locator: str
    suffix: str
    suppress_author: bool
    in_text: bool = False  # ``@key [45]``: the author's name stands in the sentence


@dataclass(frozen=True, slots=True)
class _Placed:
    """A citation group as the reader meets it: which group, in which note, and where in that note."""

    group: int  # its place in _Found.groups
    note: int
    opens: bool
    closes: bool
    running: bool
    label: str  # the note's footnote label, whose definition holds the group's text


@dataclass(slots=True)
class _Found:
    groups: list[list[_Item]] = field(default_factory=list)  # in the order the inline pass met them
    ordered: list[_Placed] = field(default_factory=list)  # the groups in reading order
    notes: int = 0
    links: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # kind, target, anchor, as written, note
    fragments: list[str] = field(default_factory=list)
    problems: list[tuple[str | re.Pattern[str], Severity, str, str]] = field(default_factory=list)
    footnotes_defined: list[str] = field(default_factory=list)
    footnotes_used: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    openings: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    raw_html: list[int] = field(default_factory=list)  # the entries of the HTML stash that the text wrote

    def problem(self, needle: str | re.Pattern[str], message: str, severity: Severity = Severity.ERROR,
                within: str = "") -> None:
        """Note a problem at the thing written as ``needle``, inside the note labelled ``within`` if any."""
        self.problems.append((needle, severity, message, within))


class EditionExtension(Extension):
    """Reads citations, links to the edition's records, notes and paragraphs, and renders them.

    The same instance serves :class:`MarkdownReader` (every text of the edition, for the check and
    the site) and MkDocs' own conversion of the front pages; :meth:`begin` tells it which text comes next.
    """

    def __init__(self) -> None:
        super().__init__()
        self.page_url = ""
        self.kind: TextKind = "page"
        self.trusted = False  # an editor's own front page, allowed any HTML
        # The CSL style is an in-text style: citations in the running text stay there, in the style's
        # brackets, instead of becoming notes.
        self.in_text = False
        self.found = _Found()
        self.footnotes: FootnoteExtension | None = None

    def begin(self, page_url: str, kind: TextKind, trusted: bool = False) -> None:
        self.page_url, self.kind, self.found = page_url, kind, _Found()
        self.trusted = trusted and kind == "page"

    def reset(self) -> None:
        self.found = _Found()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        footnotes = next((e for e in md.registeredExtensions if isinstance(e, FootnoteExtension)), None)
        if footnotes is None:
            footnotes = FootnoteExtension()
            footnotes.extendMarkdown(md)
        self.footnotes = footnotes
        _record_definitions(footnotes, self)
        md.inlinePatterns.register(_CitationPattern(CITATION_GROUP, md, self), "edition_citation", 174)
        md.inlinePatterns.register(_AuthorInTextPattern(AUTHOR_IN_TEXT, md, self), "edition_author_in_text", 173)
        md.inlinePatterns.register(_FootnoteReference(r"\[\^([^\]]*)\]", footnotes, self), "footnote", 175)
        # Notes are numbered in the order a reader meets them, running-text citations included;
        # this replaces the footnotes extension's own reordering.
        if "footnote-reorder" in md.treeprocessors:
            md.treeprocessors.deregister("footnote-reorder")
        md.treeprocessors.register(_Notes(md, self), "edition_notes", 19)
        md.treeprocessors.register(_Links(md, self), "edition_links", 18)
        # After the notes have their div, and before MkDocs collects anchors (5).
        md.treeprocessors.register(_ParagraphAnchors(md, self), "edition_paragraphs", 6)
        md.treeprocessors.register(_Inventory(md, self), "edition_inventory", 1)
        # Python-Markdown sets raw HTML aside in one stash with what extensions render (code blocks,
        # say): note which entries the text itself wrote, and vet those before they go back (30).
        md.preprocessors.register(_RawBlocks(md, md.preprocessors["html_block"], self), "html_block", 20)
        md.inlinePatterns.register(_RawInline(md.inlinePatterns["html"].pattern, md, self), "html", 90)
        md.postprocessors.register(_RawHtml(md, self), "edition_raw_html", 35)
        md.parser.blockprocessors.register(_SeparateBlockQuotes(md.parser), "quote", 20)


def _record_definitions(footnotes: FootnoteExtension, extension: EditionExtension) -> None:
    """Note every footnote definition, so that one defined twice is reported (the parser keeps the last)."""
    if getattr(footnotes, "_edition_recording", False):
        return
    original = footnotes.setFootnote

    def set_footnote(label: str, text: str) -> None:
        extension.found.footnotes_defined.append(label)
        original(label, text)

    setattr(footnotes, "setFootnote", set_footnote)  # noqa: B010 - an instance's method, replaced on purpose
    setattr(footnotes, "_edition_recording", True)  # noqa: B010


class _CitationPattern(InlineProcessor):
    """``[see @key, 45; @other]``: a placeholder element that the notes step places and the CSL
    processor later fills."""

    def __init__(self, pattern: str, md: Markdown, extension: EditionExtension) -> None:
        super().__init__(pattern, md)
        self.extension = extension

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        items, problems = parse_citation_group(self._plain(m.group("inner")))
        found = self.extension.found
        for needle, message in problems:
            found.problem(needle, message)
        element = etree.Element(CITE_TAG, {"data-i": str(len(found.groups))})
        found.groups.append(items)
        return element, m.start(0), m.end(0)

    def _plain(self, text: str) -> str:
        """The group as written: code and escaped characters that earlier patterns set aside put back."""
        inline = self.md.treeprocessors["inline"]

        def stashed(match: re.Match[str]) -> str:
            node = getattr(inline, "stashed_nodes", {}).get(match.group(1))
            return "".join(node.itertext()) if isinstance(node, etree.Element) else str(node or "")

        text = _ESCAPED.sub(lambda m: chr(int(m.group(1))), _STASHED.sub(stashed, text))
        return html.unescape(_PLACEHOLDER.sub("", text))


class _AuthorInTextPattern(_CitationPattern):
    """``@key`` and ``@key [45]``: the author's name in the sentence, the rest a note of its own (in a
    note style) or in the style's brackets after the name (in an in-text style), as Pandoc renders it."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        inner = m.group("inner")
        written = f"@{m.group('key')}" + (f", {self._plain(inner)}" if inner and inner.strip() else "")
        items, problems = parse_citation_group(written)
        found = self.extension.found
        for needle, message in problems:
            found.problem(needle, message)
        element = etree.Element(CITE_TAG, {"data-i": str(len(found.groups)), "data-t": "1"})
        found.groups.append([dataclasses.replace(item, in_text=True) for item in items])
        return element, m.start(0), m.end(0)


class _FootnoteReference(FootnoteInlineProcessor):
    """The footnotes extension's ``[^label]``, noting each use and each label that is never defined."""

    def __init__(self, pattern: str, footnotes: FootnoteExtension, extension: EditionExtension) -> None:
        super().__init__(pattern, footnotes)
        self.extension = extension

    def handleMatch(self, m: re.Match[str],  # type: ignore[override]
                    data: str) -> tuple[etree.Element | str | None, int | None, int | None]:
        label = m.group(1)
        found = self.extension.found
        if label in self.footnotes.footnotes:
            found.footnotes_used.append(label)
        else:
            found.problem(re.compile(re.escape(f"[^{label}]") + r"(?!:)"),
                          f"footnote [^{label}] is not defined: add a line '[^{label}]: ...' with the note's text, "
                          "or remove the marker")
        return super().handleMatch(m, data)


def _walk(element: etree.Element, skip: etree.Element | None = None) -> Iterator[etree.Element]:
    """Elements in document order, never inside code or ``skip``."""
    for child in element:
        if child is skip or child.tag in ("pre", "code"):
            continue
        yield child
        yield from _walk(child, skip)


def _stream(element: etree.Element) -> Iterator[str | etree.Element]:
    """An element's text and sub-elements in reading order."""
    if element.text:
        yield element.text
    for child in element:
        yield child
        if child.tag != CITE_TAG and not (child.tag == "a" and child.get("class") == "footnote-backref"):
            yield from _stream(child)
        if child.tail:
            yield child.tail


def _around(note: etree.Element, target: etree.Element) -> tuple[bool, bool]:
    """Whether ``target`` opens and whether it closes its note: no text, and no other citation, before
    or after (but a period)."""
    before: list[str] = []
    after: list[str] = []
    passed = False
    for piece in _stream(note):
        if piece is target:
            passed = True
            continue
        text = piece if isinstance(piece, str) else ("x" if piece.tag == CITE_TAG else "")
        (after if passed else before).append(text)
    rest = "".join(after).replace(NBSP_PLACEHOLDER, "").strip()
    # "[@key]." closes its note too: the writer's period is the style's, placed as the style places
    # it (inside the quotation marks that end a title, in American English).
    return not "".join(before).strip(), rest in ("", ".")


class _Notes(Treeprocessor):
    """Numbers every note in reading order, footnotes and running-text citations alike.

    A citation in the running text becomes a note of its own: its marker follows the word before it,
    as in Pandoc. Each citation group is then numbered in the order a reader meets it, which is the
    order the CSL processor needs for first, short and "Ibid." notes. A note referred to only from
    inside another note comes after the notes of the text.
    """

    def __init__(self, md: Markdown, extension: EditionExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        footnotes = self.extension.footnotes
        assert footnotes is not None
        found = self.extension.found
        div = next((e for e in root.iter("div") if e.get("class") == "footnote"), None)
        old_list = div.find("ol") if div is not None else None
        items = {li.get("id", ""): li for li in old_list.findall("li")} if old_list is not None else {}
        labels = {footnotes.makeFootnoteId(label): label for label in footnotes.footnotes}
        parents = {child: parent for parent in root.iter() for child in parent}
        superscript = footnotes.getConfig("SUPERSCRIPT_TEXT")

        notes: list[tuple[etree.Element, str, etree.Element | None]] = []  # note, its label, its running citation
        numbers: dict[str, int] = {}
        # What the reader meets, in order: a note (its index in ``notes``), or a citation that stays
        # in the sentence (with the index of the note that holds the rest of it, or -1).
        sequence: list[tuple[int, etree.Element | None]] = []

        def meet(element: etree.Element, inside_note: bool) -> None:
            if element.tag == "a" and element.get("class") == "footnote-ref":
                note_id = element.get("href", "").lstrip("#")
                label = labels.get(note_id, "")
                if label not in numbers and note_id in items:
                    notes.append((items.pop(note_id), label, None))
                    numbers[label] = len(notes)
                    sequence.append((len(notes) - 1, None))
                if label in numbers:
                    element.text = superscript.format(numbers[label])
            elif element.tag == CITE_TAG and not inside_note:
                if self.extension.in_text:
                    sequence.append((-1, element))
                    return
                running = element
                if element.get("data-t"):
                    # The author's name stays in the sentence; the rest, author left out, is the note.
                    rest = [dataclasses.replace(item, in_text=False, suppress_author=True)
                            for item in found.groups[int(element.get("data-i", "0"))]]
                    running = etree.Element(CITE_TAG, {"data-i": str(len(found.groups))})
                    found.groups.append(rest)
                    parent = parents[element]
                    parent.insert(list(parent).index(element) + 1, running)
                    running.tail, element.tail = element.tail, ""
                    parents[running] = parent
                    sequence.append((len(notes), element))
                label = self._label(len(notes) + 1)
                notes.append((self._running_note(running, parents[running], len(notes) + 1, label), label, running))
                sequence.append((len(notes) - 1, None))

        for element in list(_walk(root, skip=div)):
            meet(element, inside_note=False)
        position = 0
        while position < len(notes):  # notes grow as a note refers to another
            note, _, running = notes[position]
            if running is None:
                for element in list(_walk(note)):
                    meet(element, inside_note=True)
            position += 1
        for note_id, li in items.items():  # never referred to
            notes.append((li, labels.get(note_id, ""), None))
            sequence.append((len(notes) - 1, None))

        def place(cite: etree.Element, placed: _Placed) -> None:
            found.ordered.append(placed)
            cite.attrib.pop("data-i", None)
            cite.attrib.pop("data-t", None)
            cite.set("data-n", str(len(found.ordered) - 1))

        for index, inline in sequence:
            if inline is not None:
                place(inline, _Placed(int(inline.get("data-i", "0")), index + 1, False, False, True, ""))
                continue
            note, label, running = notes[index]
            backref = note.find(".//a[@class='footnote-backref']")
            if backref is not None:
                backref.set("title", footnotes.getConfig("BACKLINK_TITLE").format(index + 1))
            cites = [running] if running is not None else list(note.iter(CITE_TAG))
            for cite in cites:
                opens, closes = _around(note, cite)
                place(cite, _Placed(int(cite.get("data-i", "0")), index + 1, opens, closes, running is not None,
                                    label))
        found.notes = len(notes)
        if not notes:
            return
        if div is None:
            div = etree.SubElement(root, "div", {"class": "footnote"})
            etree.SubElement(div, "hr")
        if old_list is not None:
            div.remove(old_list)
        new_list = etree.SubElement(div, "ol")
        new_list.extend(note for note, _, _ in notes)

    def _label(self, number: int) -> str:
        """A label for a running-text citation's note that no footnote of the text uses."""
        footnotes = self.extension.footnotes
        assert footnotes is not None
        label = f"cite-{number}"
        while label in footnotes.footnotes:
            label = f"{label}-{number}"
        return label

    def _running_note(self, cite: etree.Element, parent: etree.Element, number: int, label: str) -> etree.Element:
        footnotes = self.extension.footnotes
        assert footnotes is not None
        index = list(parent).index(cite)
        # The marker follows the word before it directly, as in Pandoc: "as Figes shows.¹"
        if index == 0:
            parent.text = (parent.text or "").rstrip(" \t")
        else:
            parent[index - 1].tail = (parent[index - 1].tail or "").rstrip(" \t")
        marker = etree.Element("sup", {"id": footnotes.makeFootnoteRefId(label)})
        link = etree.SubElement(marker, "a", {"href": "#" + footnotes.makeFootnoteId(label), "class": "footnote-ref"})
        link.text = footnotes.getConfig("SUPERSCRIPT_TEXT").format(number)
        marker.tail = cite.tail
        parent.insert(index, marker)
        parent.remove(cite)
        note = etree.Element("li", {"id": footnotes.makeFootnoteId(label)})
        paragraph = etree.SubElement(note, "p")
        paragraph.append(cite)
        cite.tail = NBSP_PLACEHOLDER
        back = etree.SubElement(paragraph, "a", {"href": "#" + footnotes.makeFootnoteRefId(label),
                                                 "class": "footnote-backref"})
        back.text = FN_BACKLINK_TEXT
        return note


class _Links(Treeprocessor):
    """Links to the edition's records become links to their pages; every other target is vetted."""

    def __init__(self, md: Markdown, extension: EditionExtension) -> None:
        super().__init__(md)
        self.extension = extension
        self.within = ""  # the label of the note being read, so that problems are placed inside it

    def run(self, root: etree.Element) -> None:
        found = self.extension.found
        notes: dict[int, str] = {}
        footnotes = self.extension.footnotes
        div = next((e for e in root.iter("div") if e.get("class") == "footnote"), None)
        if div is not None and footnotes is not None:
            labels = {footnotes.makeFootnoteId(label): label for label in footnotes.footnotes}
            for note in div.iter("li"):
                notes.update((id(e), labels.get(note.get("id", ""), "")) for e in note.iter())
        for element in root.iter():
            self.within = notes.get(id(element), "")
            if element.tag == "a" and element.get("class") not in ("footnote-ref", "footnote-backref"):
                self._link(element, "href", found)
            elif element.tag == "img":
                self._image(element, found)

    def _link(self, element: etree.Element, attribute: str, found: _Found) -> None:
        href = element.get(attribute)
        if href is None:
            return
        match = _SCHEME.match(href.strip())
        if href.startswith("#"):
            fragment = href[1:]
            if self.extension.kind == "document" and re.fullmatch(r"p\d+", fragment):
                found.links.append(("document", "", fragment, href, self.within))
            else:
                found.fragments.append(fragment)
            return
        if match is None:
            if self.extension.kind != "page":
                found.problem(href, f"link to '{href}': a text of the edition links to its pages as "
                              "'document:<id>', 'person:<id>' or 'event:<id>', and to other sites by a full "
                              "address starting https://", within=self.within)
            return
        scheme, rest = match.group("scheme").lower(), match.group("rest")
        if scheme in OUR_SCHEMES:
            target, _, anchor = rest.partition("#")
            if not _TARGET.match(target):
                found.problem(href, f"'{href}' does not name a {scheme}: write '{scheme}:' and then an id of "
                              "lowercase letters, digits and hyphens", within=self.within)
                return
            found.links.append((scheme, target, anchor, href, self.within))
            url = urls.page_url(scheme, target) + (f"#{anchor}" if anchor else "")
            element.set(attribute, urls.relative(self.extension.page_url, url))
            element.set("class", f"edition-ref edition-ref--{scheme}")
        elif scheme in UNSAFE_SCHEMES:
            found.problem(href, f"'{scheme}:' links are not allowed: they can run code in a reader's browser; "
                          "link to a page by its https:// address instead", within=self.within)
        elif scheme not in WEB_SCHEMES:
            near = _SCHEME_SPELLINGS.get(scheme) or next(iter(difflib.get_close_matches(scheme, OUR_SCHEMES, 1, 0.5)),
                                                         None)
            hint = f"; did you mean '{near}:'?" if near else \
                "; link to the edition's records as document:, person: or event:, and to other sites with https://"
            found.problem(href, f"unknown link scheme '{scheme}:' in '{href}'{hint}", within=self.within)

    def _image(self, element: etree.Element, found: _Found) -> None:
        source = element.get("src") or ""
        match = _SCHEME.match(source.strip())
        if match is not None and match.group("scheme").lower() in UNSAFE_SCHEMES:
            found.problem(source, f"'{match.group('scheme').lower()}:' images are not allowed: give the image "
                          "by its https:// address", within=self.within)
        elif match is None and self.extension.kind != "page":
            found.problem(source, f"image '{source}': give images in the edition's texts by a full https:// "
                          "address", within=self.within)


def _paragraphs(root: etree.Element) -> Iterator[etree.Element]:
    """The paragraphs of the text: under a "Text" heading when there is one, else all of them, so
    that editing a headnote or an editorial note never renumbers the text's paragraphs."""
    headings = [child for child in root if child.tag == "h2"]
    text_heading = next((h for h in headings if "".join(h.itertext()).strip().lower() == "text"), None)
    inside = text_heading is None
    for child in root:
        if child.tag == "h2" and text_heading is not None:
            inside = child is text_heading
        elif inside:
            yield from _block_paragraphs(child)


def _block_paragraphs(element: etree.Element) -> Iterator[etree.Element]:
    if element.tag == "div" and "footnote" in (element.get("class") or "").split():
        return  # notes are numbered by the notes, never as paragraphs of the text
    if element.tag == "p":
        yield element
    elif element.tag in ("blockquote", "ol", "ul", "li", "div"):
        for child in element:
            yield from _block_paragraphs(child)


def _plain_text(element: etree.Element) -> str:
    """A paragraph's words, without note markers (their numbers change as notes are added) and without
    Python-Markdown's placeholders (their numbers change as raw HTML is added anywhere before)."""
    return _PLACEHOLDER.sub(" ", _text_of(element))


def _text_of(element: etree.Element) -> str:
    parts: list[str] = []
    if element.text:
        parts.append(element.text)
    for child in element:
        if child.tag not in ("sup", CITE_TAG):
            parts.append(_text_of(child))
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


class _ParagraphAnchors(Treeprocessor):
    """Give every paragraph of a document's text an anchor and a ¶ link to it, so that a passage can
    be cited. The anchor's permanent name is filled in when the page is written."""

    def __init__(self, md: Markdown, extension: EditionExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if self.extension.kind != "document":
            return
        found = self.extension.found
        for number, paragraph in enumerate(_paragraphs(root), start=1):
            words = _WORDS.findall(_plain_text(paragraph).casefold())
            found.paragraphs.append(hashlib.blake2b(" ".join(words).encode(), digest_size=4).hexdigest())
            found.openings.append(" ".join(_WORDS.findall(_plain_text(paragraph))[:6]))
            token = paragraph_token(number)
            if paragraph.get("id"):
                # The contributor named the paragraph ({: #name }): the anchor goes on a mark inside it.
                mark = etree.Element("span", {"id": token})
                mark.tail, paragraph.text = paragraph.text, None
                paragraph.insert(0, mark)
            else:
                paragraph.set("id", token)
            link = etree.SubElement(paragraph, "a", {"class": PILCROW, "href": f"#{token}",
                                                     "title": "Link to this paragraph"})
            link.text = "¶"


class _Inventory(Treeprocessor):
    """After every other step (the table of contents included): the ids a link may point at, and
    citations the parser could not read because they were never closed."""

    def __init__(self, md: Markdown, extension: EditionExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        found = self.extension.found
        found.ids.update(element.get("id", "") for element in root.iter() if element.get("id"))
        for fragment in found.fragments:
            if fragment and fragment not in found.ids:
                found.problem(f"#{fragment}", f"link to '#{fragment}': there is no such anchor in this text")
        if not self.extension.trusted:
            self._vet(root, found)
        for element in _walk(root):
            for text in (element.text, element.tail):
                for match in _UNCLOSED.finditer(text or ""):
                    # Locate the opening that no ']' closes on its line, not a closed one of the same key.
                    needle = re.compile(re.escape(match.group(0)) + r"(?![^\[\]\n]*\])")
                    found.problem(needle, f"citation '{match.group(0)}' is not closed: end it with ']'")


    @staticmethod
    def _vet(root: etree.Element, found: _Found) -> None:
        """Attributes that run code or load from elsewhere, whichever extension set them (attr_list can
        set any), are reported and removed."""
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag in _DANGEROUS_TAGS:
                found.problem(f"<{element.tag}", f"<{element.tag}> is not allowed in the edition's texts: scripts, "
                              "styles, forms and embedded content cannot be part of them")
            for name, value in list(element.attrib.items()):
                scheme = _SCHEME.match(value.strip())
                if name.lower().startswith("on"):
                    found.problem(name, f"the attribute '{name}' runs code in a reader's browser and is not allowed")
                    del element.attrib[name]
                elif name.lower() in _URL_ATTRIBUTES and scheme and scheme.group("scheme").lower() in UNSAFE_SCHEMES:
                    if element.tag not in ("a", "img"):  # those two were reported with their links
                        found.problem(value, f"'{scheme.group('scheme').lower()}:' addresses are not allowed: they "
                                      "can run code in a reader's browser")
                    del element.attrib[name]
                elif name.lower() == "style" and not _ALIGNMENT.fullmatch(value.strip()):
                    found.problem(name, "the attribute 'style' is not allowed in the edition's texts: the theme's "
                                  "styles apply to every page")
                    del element.attrib[name]


class _RawBlocks(Preprocessor):
    """Python-Markdown's own block-level HTML step, noting the stash entries it makes."""

    def __init__(self, md: Markdown, original: Preprocessor, extension: EditionExtension) -> None:
        super().__init__(md)
        self.original, self.extension = original, extension

    def run(self, lines: list[str]) -> list[str]:
        before = len(self.md.htmlStash.rawHtmlBlocks)
        result = self.original.run(lines)
        self.extension.found.raw_html.extend(range(before, len(self.md.htmlStash.rawHtmlBlocks)))
        return result


class _RawInline(HtmlInlineProcessor):
    """Python-Markdown's inline HTML pattern, noting the stash entries it makes."""

    def __init__(self, pattern: str, md: Markdown, extension: EditionExtension) -> None:
        super().__init__(pattern, md)
        self.extension = extension

    def handleMatch(self, m: re.Match[str],  # type: ignore[override]
                    data: str) -> tuple[etree.Element | str | None, int | None, int | None]:
        before = len(self.md.htmlStash.rawHtmlBlocks)
        result = super().handleMatch(m, data)
        self.extension.found.raw_html.extend(range(before, len(self.md.htmlStash.rawHtmlBlocks)))
        return result


class _RawHtml(Postprocessor):
    """Raw HTML that Python-Markdown set aside, held to the edition's policy (``rawhtml``) before it
    goes back into the page: what the policy refuses is reported and published only as nh3 cleans it."""

    def __init__(self, md: Markdown, extension: EditionExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        if self.extension.trusted:
            return text
        stash = self.md.htmlStash.rawHtmlBlocks
        for index in self.extension.found.raw_html:
            block = stash[index]
            html = block if isinstance(block, str) else to_html_string(block)
            if html.strip() and not rawhtml.passes(html):
                needle = html.strip().splitlines()[0]
                self.extension.found.problem(needle, rawhtml.explain(html))
                stash[index] = rawhtml.clean(html)
        return text


class _SeparateBlockQuotes(BlockQuoteProcessor):
    """Two quotes with a blank line between them stay two quotes, as in CommonMark.

    Python-Markdown merges them into one; an edition gives each excerpt its own quote and note.
    """

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        match = self.RE.search(block)
        if match:
            self.parser.parseBlocks(parent, [block[: match.start()]])
            block = "\n".join(self.clean(line) for line in block[match.start():].split("\n"))
        quote = etree.SubElement(parent, "blockquote")
        self.parser.state.set("blockquote")
        self.parser.parseChunk(quote, block)
        self.parser.state.reset()


def parse_citation_group(inner: str) -> tuple[list[_Item], list[tuple[str, str]]]:
    """Read ``see @a, 45; @b, ch. 2`` into citations; problems come with the text that locates them."""
    items: list[_Item] = []
    problems: list[tuple[str, str]] = []
    for part in inner.split(";"):
        match = _CITATION_ITEM.match(part)
        needle = part.strip() or f"[{inner}]"
        if not part.strip():
            problems.append((f"[{inner}]", "empty item in citation: remove the extra ';'"))
            continue
        if not match:
            problems.append((needle, f"malformed citation '{part.strip()}': write '@key' or '@key, 45' "
                                     "(a key starts with a letter, digit or underscore)"))
            continue
        key = match.group("key").strip("{}")
        rest = match.group("rest")
        label = locator = suffix = ""
        if rest.strip():
            located = _LOCATOR.match(rest)
            if located and rest.lstrip().startswith(","):
                label = (located.group("label") or "").strip()
                locator = located.group("locator").strip()
                suffix = located.group("suffix").strip().lstrip(",").strip()
            else:
                suffix = rest.strip().lstrip(",").strip()
        items.append(_Item(key, match.group("prefix").strip(), label, locator, suffix,
                           suppress_author=bool(match.group("suppress"))))
    return items, problems


# -- placing what was found


class _Locator:
    """Finds the k-th occurrence of a written thing in the source text, for the k-th time it is asked."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line
        self.asked: dict[str, int] = {}
        self.found: dict[str, list[int]] = {}
        self.definitions: dict[str, int] = {}
        # The text's words and where each starts, and each word's places in that list: made once,
        # when a paragraph is first placed.
        self.words: list[str] | None = None
        self.offsets: list[int] = []
        self.starts: dict[str, list[int]] = {}

    def definition(self, label: str) -> int:
        """Where the definition of footnote ``label`` starts (0 for a note the text did not define)."""
        if label not in self.definitions:
            match = _definition_pattern(label).search(self.text)
            self.definitions[label] = match.start() if match else 0
        return self.definitions[label]

    def __call__(self, needle: str | re.Pattern[str], within: str = "") -> tuple[int, int]:
        """Where ``needle`` is written; inside the definition of note ``within`` when it is given."""
        start = self.definition(within) if within else 0
        # A written string is found by plain search: compiling a pattern for each link of each text
        # cost more than reading the text.
        if isinstance(needle, re.Pattern):
            name = f"{start}|re|{needle.pattern}"
            if name not in self.found:
                self.found[name] = [m.start() for m in needle.finditer(self.text, start)]
        else:
            name = f"{start}|str|{needle}"
            if name not in self.found:
                self.found[name] = list(_occurrences(self.text, needle, start))
        return self._place(self.found[name], name)

    def opening(self, opening: str) -> int:
        """The line of the first paragraph that starts with the words of ``opening`` (as the parse
        rendered them), matched word for word, whatever punctuation and spacing lie between them."""
        words = [m.group(0) for m in itertools.islice(_WORDS.finditer(opening), 4)]
        if not words:
            return self(re.compile(r"\A"))[0]
        if self.words is None:
            self.words = []
            for n, match in enumerate(_WORDS.finditer(self.text)):
                self.words.append(match.group(0))
                self.offsets.append(match.start())
                self.starts.setdefault(match.group(0), []).append(n)
        name = "words|" + " ".join(words)
        if name not in self.found:
            self.found[name] = [self.offsets[n] for n in self.starts.get(words[0], [])
                                if self.words[n:n + len(words)] == words]
        return self._place(self.found[name], name)[0]

    def _place(self, offsets: list[int], name: str) -> tuple[int, int]:
        """The line and column of the next occurrence asked for under ``name``."""
        count = self.asked.get(name, 0)
        self.asked[name] = count + 1
        if not offsets:
            return self.first_line, 1
        offset = offsets[min(count, len(offsets) - 1)]
        line = self.text.count("\n", 0, offset)
        column = offset - (self.text.rfind("\n", 0, offset) + 1)
        return self.first_line + line, column + 1


def _occurrences(text: str, needle: str, start: int) -> Iterator[int]:
    """Where ``needle`` starts in ``text`` from ``start`` on, overlapping occurrences excepted."""
    if not needle:
        return
    offset = text.find(needle, start)
    while offset != -1:
        yield offset
        offset = text.find(needle, offset + len(needle))


# Keys and note labels recur across an edition's texts: each pattern is compiled once.
@functools.lru_cache(maxsize=4096)
def _definition_pattern(label: str) -> re.Pattern[str]:
    return re.compile(r"^ {0,3}" + re.escape(f"[^{label}]:"), re.MULTILINE)


@functools.lru_cache(maxsize=4096)
def _key_pattern(key: str) -> re.Pattern[str]:
    return re.compile(r"-?@\{?" + re.escape(key) + r"\}?(?=[\s,;\]]|\.(?!\w)|$)")


class MarkdownReader:
    """One Python-Markdown set-up, reused for every text of an edition (it is reset between texts).

    Arguments:
        extensions: the extension names from ``mkdocs.yml``; MkDocs' own and ours are added.
        configs: their settings, by name, as in ``mkdocs.yml``.
        in_text: the CSL style cites in the running text (``class="in-text"``), not in notes.
    """

    def __init__(self, extensions: Sequence[str] = (), configs: dict[str, dict[str, Any]] | None = None,
                 in_text: bool = False) -> None:
        self.extension = EditionExtension()
        self.extension.in_text = in_text
        names = required_extensions(extensions)
        self.markdown = markdown.Markdown(extensions=[*names, self.extension],
                                          extension_configs={k: v for k, v in (configs or {}).items() if k in names})

    def read(self, text: str, *, path: str, first_line: int, page_url: str, kind: TextKind,
             trusted: bool = False, record_id: str = "") -> tuple[Reading, list[Problem]]:
        """Parse one text; positions in problems and references count from ``first_line`` of ``path``."""
        refused = _refuse(text, path, first_line)
        if refused:
            return Reading(), refused
        self.markdown.reset()
        self.extension.begin(page_url, kind, trusted)
        try:
            html = self.markdown.convert(text)
        except RecursionError:
            return Reading(), [Problem(path, first_line, 1, Severity.ERROR, "the text nests quotes, lists or markup "
                                       "too deeply to be read: simplify its structure")]
        return collect(self.extension.found, html, getattr(self.markdown, "toc_tokens", []), path, text,
                       first_line, record_id)


def _refuse(text: str, path: str, first_line: int) -> list[Problem]:
    """A text with more open brackets than any real one: refused, at the paragraph that has them."""
    total = text.count("[") + text.count("<")
    if total > MARKS_PER_TEXT:
        start = first_line + text.count("\n", 0, len(text) - len(text.lstrip()))
        return [Problem(path, start, 1, Severity.ERROR, f"the text holds {total:,} '[' and '<' marks, more than "
                        f"the {MARKS_PER_TEXT:,} a text of the edition may hold: split it, or remove what does not "
                        "belong")]
    offset = 0
    for paragraph in _PARAGRAPH_BREAK.split(text):
        marks = paragraph.count("[") + paragraph.count("<")
        if marks > MARKS_PER_PARAGRAPH:
            line = first_line + text.count("\n", 0, text.index(paragraph, offset))
            return [Problem(path, line, 1, Severity.ERROR, f"this paragraph holds {marks:,} '[' and '<' marks, more "
                            f"than the {MARKS_PER_PARAGRAPH:,} one paragraph may hold: split it")]
        offset = text.index(paragraph, offset) + len(paragraph)
    return []


def collect(found: _Found, html: str, toc: list[Any], path: str, text: str, first_line: int,
            record_id: str = "") -> tuple[Reading, list[Problem]]:
    """Turn what a parse found into a :class:`Reading`, each reference and problem placed in the text.

    Arguments:
        record_id: the document the text belongs to, which its own ``#p4`` links refer to.
    """
    locate = _Locator(text, first_line)
    problems: list[Problem] = []
    for needle, severity, message, within in found.problems:
        problems.append(Problem(path, *locate(needle, within), severity, message))
    seen: dict[str, int] = {}
    for label in found.footnotes_defined:
        line, column = locate(_definition_pattern(label))
        if label in seen:
            problems.append(Problem(path, line, column, Severity.ERROR,
                                    f"footnote [^{label}] is defined twice (first on line {seen[label]}): "
                                    "give each note its own label"))
        else:
            seen[label] = line
    for label, line in seen.items():
        if label not in found.footnotes_used:
            problems.append(Problem(path, line, 1, Severity.ERROR,
                                    f"footnote [^{label}] is never referred to: put [^{label}] where the note "
                                    "belongs in the text, or remove it"))
    references = []
    for kind, target, anchor, written, within in found.links:
        line, column = locate(written, within)
        references.append(Reference(kind, target or record_id, line, column, anchor))
    groups = []
    for placed in found.ordered:
        citations = []
        for item in found.groups[placed.group]:
            line, column = locate(_key_pattern(item.key), "" if placed.running else placed.label)
            citations.append(Citation(item.key, line, column, item.prefix, item.label, item.locator, item.suffix,
                                      item.suppress_author, item.in_text))
        groups.append(CitationGroup(tuple(citations), placed.note, placed.opens, placed.closes, placed.running))
    for citation in (c for g in groups for c in g.citations):
        if citation.label and citation.label.lower() not in LOCATOR_LABELS:
            hint = did_you_mean(citation.label.lower(), list(LOCATOR_LABELS)) or \
                "; use p., pp., ch., no., doc., fol. or another Pandoc locator label"
            problems.append(Problem(path, citation.line, citation.column, Severity.ERROR,
                                    f"unknown locator label '{citation.label}'{hint}"))
    lines = [locate.opening(opening) for opening in found.openings]
    reading = Reading(html=html, toc=tuple(toc), references=tuple(references), groups=tuple(groups),
                      notes=found.notes, paragraphs=tuple(found.paragraphs), openings=tuple(found.openings),
                      paragraph_lines=tuple(lines))
    return reading, problems
