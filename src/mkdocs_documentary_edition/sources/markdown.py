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

import difflib
import hashlib
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
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from ..model import urls
from ..model.locators import LOCATOR_LABELS
from ..model.problems import Problem, Severity, did_you_mean
from ..model.records import CITE_TAG, Citation, CitationGroup, Reading, Reference

__all__ = [
    "BUILTIN_EXTENSIONS", "EditionExtension", "MarkdownReader", "TextKind",
    "parse_citation_group", "required_extensions",
]

# MkDocs always loads these; the plugin adds the rest, which the edition's pages need.
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
REQUIRED_EXTENSIONS = ("footnotes", "attr_list", "md_in_html")
OUR_SCHEMES = ("person", "event", "document")
WEB_SCHEMES = ("http", "https", "mailto", "ftp", "tel")
UNSAFE_SCHEMES = ("javascript", "vbscript", "data")
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?P<rest>.*)$", re.DOTALL)
_SCHEME_SPELLINGS = {"people": "person", "persons": "person", "events": "event", "documents": "document",
                     "doc": "document", "docs": "document"}
_TARGET = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# A bracketed group holding at least one @key that is not inside a word (so no e-mail address).
CITATION_GROUP = r"(?<![\]\\!])\[(?P<inner>[^\[\]]*?(?:^|(?<=[\s\[;-]))-?@[^\[\]]*)\](?!\()"
_KEY = r"[\w][\w:.#$%&+?<>~/-]*?"
_CITATION_ITEM = re.compile(
    rf"^(?P<prefix>.*?)(?:(?<=\s)|^)(?P<suppress>-?)@(?P<key>{_KEY}|\{{[^}}]+\}})(?=[\s,;]|$)(?P<rest>.*)$",
    re.DOTALL,
)
_LOCATOR = re.compile(
    r"^\s*,?\s*(?:(?P<label>[^\d\s,;]+)\s+)?(?P<locator>[\dIVXLCivxlc][^,;]*?)(?P<suffix>(?:,\s.*)?)\s*$", re.DOTALL
)
_UNCLOSED = re.compile(r"\[-?@[\w][\w:.#$%&+?<>~/-]*")
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


@dataclass(slots=True)
class _Found:
    groups: list[list[_Item]] = field(default_factory=list)  # in the order the inline pass met them
    # (group, note, opens the note, closes it, written in the running text), in reading order
    ordered: list[tuple[int, int, bool, bool, bool]] = field(default_factory=list)
    notes: int = 0
    links: list[tuple[str, str, str, str]] = field(default_factory=list)  # kind, target, anchor, as written
    fragments: list[str] = field(default_factory=list)
    problems: list[tuple[str | re.Pattern[str], Severity, str]] = field(default_factory=list)
    footnotes_defined: list[str] = field(default_factory=list)
    footnotes_used: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    openings: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def problem(self, needle: str | re.Pattern[str], message: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append((needle, severity, message))


class EditionExtension(Extension):
    """Reads citations, links to the edition's records, notes and paragraphs, and renders them.

    The same instance serves :class:`MarkdownReader` (every text of the edition, for the check and
    the site) and MkDocs' own conversion of the front pages; :meth:`begin` tells it which text comes next.
    """

    def __init__(self) -> None:
        super().__init__()
        self.page_url = ""
        self.kind: TextKind = "page"
        self.found = _Found()
        self.footnotes: FootnoteExtension | None = None

    def begin(self, page_url: str, kind: TextKind) -> None:
        self.page_url, self.kind, self.found = page_url, kind, _Found()

    def reset(self) -> None:
        self.found = _Found()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        self.found = _Found()
        footnotes = next((e for e in md.registeredExtensions if isinstance(e, FootnoteExtension)), None)
        if footnotes is None:
            footnotes = FootnoteExtension()
            footnotes.extendMarkdown(md)
        self.footnotes = footnotes
        _record_definitions(footnotes, self)
        md.inlinePatterns.register(_CitationPattern(CITATION_GROUP, self), "edition_citation", 174)
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

    def __init__(self, pattern: str, extension: EditionExtension) -> None:
        super().__init__(pattern)
        self.extension = extension

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        items, problems = parse_citation_group(m.group("inner"))
        found = self.extension.found
        for needle, message in problems:
            found.problem(needle, message)
        element = etree.Element(CITE_TAG, {"data-i": str(len(found.groups))})
        found.groups.append(items)
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
        element, start, end = super().handleMatch(m, data)
        return element, start, end


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
    """Whether ``target`` opens and whether it closes its note: no text, and no other citation, before or after."""
    before: list[str] = []
    after: list[str] = []
    passed = False
    for piece in _stream(note):
        if piece is target:
            passed = True
            continue
        text = piece if isinstance(piece, str) else ("x" if piece.tag == CITE_TAG else "")
        (after if passed else before).append(text)
    rest = "".join(after).replace(NBSP_PLACEHOLDER, "").replace(FN_BACKLINK_TEXT, "")
    return not "".join(before).strip(), not rest.strip()


class _Notes(Treeprocessor):
    """Numbers every note in reading order, footnotes and running-text citations alike.

    A citation in the running text becomes a note of its own: its marker follows the word before it,
    as in Pandoc. Each citation group is then numbered in the order a reader meets it, which is the
    order the CSL processor needs for first, short and "Ibid." notes.
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

        notes: list[etree.Element] = []
        numbers: dict[str, int] = {}
        groups: list[tuple[etree.Element, int, bool]] = []
        for element in list(_walk(root, skip=div)):
            if element.tag == "a" and element.get("class") == "footnote-ref":
                label = labels.get(element.get("href", "").lstrip("#"), "")
                if label not in numbers and footnotes.makeFootnoteId(label) in items:
                    notes.append(items.pop(footnotes.makeFootnoteId(label)))
                    numbers[label] = len(notes)
                element.text = str(numbers.get(label, element.text or ""))
            elif element.tag == CITE_TAG:
                notes.append(self._running_note(element, parents[element], len(notes) + 1))
                groups.append((element, len(notes), True))
        notes.extend(items.values())  # notes never referred to stay, after the rest: the check reports them

        ordered: list[tuple[etree.Element, int, bool]] = []
        for number, note in enumerate(notes, start=1):
            backref = note.find(".//a[@class='footnote-backref']")
            if backref is not None:
                backref.set("title", footnotes.getConfig("BACKLINK_TITLE").format(number))
            running = next((g for g in groups if g[1] == number), None)
            if running is not None:
                ordered.append(running)
            else:
                ordered.extend((cite, number, False) for cite in note.iter(CITE_TAG))
        for position, (cite, number, running_note) in enumerate(ordered):
            note = notes[number - 1]
            opens, closes = _around(note, cite)
            found.ordered.append((int(cite.get("data-i", "0")), number, opens, closes, running_note))
            cite.attrib.pop("data-i", None)
            cite.set("data-n", str(position))
        found.notes = len(notes)
        if not notes:
            return
        if div is None:
            div = etree.SubElement(root, "div", {"class": "footnote"})
            etree.SubElement(div, "hr")
        if old_list is not None:
            div.remove(old_list)
        new_list = etree.SubElement(div, "ol")
        new_list.extend(notes)

    def _running_note(self, cite: etree.Element, parent: etree.Element, number: int) -> etree.Element:
        footnotes = self.extension.footnotes
        assert footnotes is not None
        label = f"cite-{number}"
        while label in footnotes.footnotes:
            label = f"cite-{number}-{len(label)}"
        index = list(parent).index(cite)
        # The marker follows the word before it directly, as in Pandoc: "as Figes shows.¹"
        if index == 0:
            parent.text = (parent.text or "").rstrip(" \t")
        else:
            parent[index - 1].tail = (parent[index - 1].tail or "").rstrip(" \t")
        marker = etree.Element("sup", {"id": footnotes.makeFootnoteRefId(label)})
        link = etree.SubElement(marker, "a", {"href": "#" + footnotes.makeFootnoteId(label), "class": "footnote-ref"})
        link.text = str(number)
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

    def run(self, root: etree.Element) -> None:
        found = self.extension.found
        for element in root.iter():
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
                found.links.append(("document", "", fragment, href))
            else:
                found.fragments.append(fragment)
            return
        if match is None:
            if self.extension.kind != "page":
                found.problem(href, f"link to '{href}': a text of the edition links to its pages as "
                              "'document:<id>', 'person:<id>' or 'event:<id>', and to other sites by a full "
                              "address starting https://")
            return
        scheme, rest = match.group("scheme").lower(), match.group("rest")
        if scheme in OUR_SCHEMES:
            target, _, anchor = rest.partition("#")
            if not _TARGET.match(target):
                found.problem(href, f"'{href}' does not name a {scheme}: write '{scheme}:' and then an id of "
                              "lowercase letters, digits and hyphens")
                return
            found.links.append((scheme, target, anchor, href))
            url = urls.page_url(scheme, target) + (f"#{anchor}" if anchor else "")
            element.set(attribute, urls.relative(self.extension.page_url, url))
            element.set("class", f"edition-ref edition-ref--{scheme}")
        elif scheme in UNSAFE_SCHEMES:
            found.problem(href, f"'{scheme}:' links are not allowed: they can run code in a reader's browser; "
                          "link to a page by its https:// address instead")
        elif scheme not in WEB_SCHEMES:
            near = _SCHEME_SPELLINGS.get(scheme) or next(iter(difflib.get_close_matches(scheme, OUR_SCHEMES, 1, 0.5)),
                                                         None)
            hint = f"; did you mean '{near}:'?" if near else \
                "; link to the edition's records as document:, person: or event:, and to other sites with https://"
            found.problem(href, f"unknown link scheme '{scheme}:' in '{href}'{hint}")

    def _image(self, element: etree.Element, found: _Found) -> None:
        source = element.get("src") or ""
        match = _SCHEME.match(source.strip())
        if match is not None and match.group("scheme").lower() in UNSAFE_SCHEMES:
            found.problem(source, f"'{match.group('scheme').lower()}:' images are not allowed: give the image "
                          "by its https:// address")
        elif match is None and self.extension.kind != "page":
            found.problem(source, f"image '{source}': give images in the edition's texts by a full https:// address")


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
    """A paragraph's words, without note markers (their numbers change as notes are added)."""
    parts: list[str] = []
    if element.text:
        parts.append(element.text)
    for child in element:
        if child.tag not in ("sup", CITE_TAG):
            parts.append(_plain_text(child))
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
            token = f"\ue0f0{number}\ue0f1"
            paragraph.set("id", token)
            link = etree.SubElement(paragraph, "a", {"class": "edition-pilcrow", "href": f"#{token}",
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
        for element in _walk(root):
            for text in (element.text, element.tail):
                for match in _UNCLOSED.finditer(text or ""):
                    # Locate the opening that no ']' closes on its line, not a closed one of the same key.
                    needle = re.compile(re.escape(match.group(0)) + r"(?![^\[\]\n]*\])")
                    found.problem(needle, f"citation '{match.group(0)}' is not closed: end it with ']'")


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

    def __call__(self, needle: str | re.Pattern[str]) -> tuple[int, int]:
        pattern = needle if isinstance(needle, re.Pattern) else re.compile(re.escape(needle))
        name = pattern.pattern
        if name not in self.found:
            self.found[name] = [m.start() for m in pattern.finditer(self.text)]
        offsets = self.found[name]
        count = self.asked.get(name, 0)
        self.asked[name] = count + 1
        if not offsets:
            return self.first_line, 1
        offset = offsets[min(count, len(offsets) - 1)]
        line = self.text.count("\n", 0, offset)
        column = offset - (self.text.rfind("\n", 0, offset) + 1)
        return self.first_line + line, column + 1


def _key_pattern(key: str) -> re.Pattern[str]:
    return re.compile(r"-?@\{?" + re.escape(key) + r"\}?(?=[\s,;\]]|\.(?!\w)|$)")


class MarkdownReader:
    """One Python-Markdown set-up, reused for every text of an edition (it is reset between texts).

    Arguments:
        extensions: the extension names from ``mkdocs.yml``; MkDocs' own and ours are added.
        configs: their settings, by name, as in ``mkdocs.yml``.
    """

    def __init__(self, extensions: Sequence[str] = (), configs: dict[str, dict[str, Any]] | None = None) -> None:
        self.extension = EditionExtension()
        names = required_extensions(extensions)
        self.markdown = markdown.Markdown(extensions=[*names, self.extension],
                                          extension_configs={k: v for k, v in (configs or {}).items() if k in names})

    def read(self, text: str, *, path: str, first_line: int, page_url: str,
             kind: TextKind) -> tuple[Reading, list[Problem]]:
        """Parse one text; positions in problems and references count from ``first_line`` of ``path``."""
        self.markdown.reset()
        self.extension.begin(page_url, kind)
        html = self.markdown.convert(text)
        return collect(self.extension.found, html, getattr(self.markdown, "toc_tokens", []), path, text,
                       first_line, page_url)


def collect(found: _Found, html: str, toc: list[Any], path: str, text: str, first_line: int,
            page_url: str = "") -> tuple[Reading, list[Problem]]:
    """Turn what a parse found into a :class:`Reading`, each reference and problem placed in the text."""
    locate = _Locator(text, first_line)
    problems: list[Problem] = []
    for needle, severity, message in found.problems:
        problems.append(Problem(path, *locate(needle), severity, message))
    seen: dict[str, int] = {}
    for label in found.footnotes_defined:
        definition = re.compile(r"^ {0,3}" + re.escape(f"[^{label}]:"), re.MULTILINE)
        line, column = locate(definition)
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
    self_id = page_url.removeprefix("documents/").strip("/") if page_url.startswith("documents/") else ""
    references = []
    for kind, target, anchor, written in found.links:
        line, column = locate(written)
        references.append(Reference(kind, target or self_id, line, column, anchor))
    groups = []
    for index, note, opens, closes, running in found.ordered:
        citations = []
        for item in found.groups[index]:
            line, column = locate(_key_pattern(item.key))
            citations.append(Citation(item.key, line, column, item.prefix, item.label, item.locator, item.suffix,
                                      item.suppress_author))
        groups.append(CitationGroup(tuple(citations), note, opens, closes, running))
    for citation in (c for g in groups for c in g.citations):
        if citation.label and citation.label.lower() not in LOCATOR_LABELS:
            hint = did_you_mean(citation.label.lower(), list(LOCATOR_LABELS)) or \
                "; use p., pp., ch., no., doc., fol. or another Pandoc locator label"
            problems.append(Problem(path, citation.line, citation.column, Severity.ERROR,
                                    f"unknown locator label '{citation.label}'{hint}"))
    lines = []
    for opening in found.openings:
        words = opening.split()[:4]
        pattern = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words))) if words else re.compile(r"\A")
        lines.append(locate(pattern)[0])
    reading = Reading(html=html, toc=tuple(toc), references=tuple(references), groups=tuple(groups),
                      notes=found.notes, paragraphs=tuple(found.paragraphs), openings=tuple(found.openings),
                      paragraph_lines=tuple(lines), ids=frozenset(found.ids))
    return reading, problems
