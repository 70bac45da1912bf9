"""A Markdown extension that turns ``[name](person:id)`` and ``[name](event:id)`` into page links.

It works on the parsed element tree, so links inside code are never touched, and it rewrites each
target into a relative link to the person's or event's source page, which MkDocs then resolves and
checks like any other link between pages.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Iterator

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockQuoteProcessor
from markdown.treeprocessors import Treeprocessor

from .records import FOLDERS

__all__ = ["EditionMarkdown"]

_TARGET_FOLDERS = {kind: FOLDERS[kind] for kind in ("person", "event")}


class EditionMarkdown(Extension):
    """Holds the page being rendered; the plugin sets it before each page is converted."""

    def __init__(self) -> None:
        super().__init__()
        self.page_src_uri = ""
        self.number_paragraphs = False

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_ReferenceLinks(md, self), "edition_references", 10)
        # After footnotes (50) have moved their definitions into their own block, and before MkDocs
        # collects anchors (5), so that links to #p12 are checked like any other.
        md.treeprocessors.register(_ParagraphAnchors(md, self), "edition_paragraphs", 6)
        md.parser.blockprocessors.register(_SeparateBlockQuotes(md.parser), "quote", 20)


class _ParagraphAnchors(Treeprocessor):
    """Give every paragraph of a document's text an id (``p1``, ``p2``, ...) and a ¶ link to it,
    so that a passage can be cited; notes are numbered by the footnotes extension and left alone."""

    def __init__(self, md: Markdown, extension: EditionMarkdown) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if not self.extension.number_paragraphs:
            return
        for number, paragraph in enumerate(_paragraphs(root), start=1):
            anchor = f"p{number}"
            paragraph.set("id", anchor)
            link = etree.SubElement(paragraph, "a", {"class": "edition-pilcrow", "href": f"#{anchor}",
                                                     "title": f"Link to paragraph {number}"})
            link.text = "¶"


def _paragraphs(root: etree.Element) -> Iterator[etree.Element]:
    """The paragraphs of the text: under a "Text" heading when there is one, else all of them, so
    that editing a headnote or an editorial note never renumbers the text's paragraphs."""
    headings = [child for child in root if child.tag == "h2"]
    text_heading = next((h for h in headings if "".join(h.itertext()).strip().lower() == "text"), None)
    if text_heading is None:
        yield from _all_paragraphs(root)
        return
    inside = False
    for child in root:
        if child.tag == "h2":
            inside = child is text_heading
        elif inside:
            if child.tag == "p":
                yield child
            else:
                yield from _all_paragraphs(child)


def _all_paragraphs(element: etree.Element) -> Iterator[etree.Element]:
    for child in element:
        if child.tag == "div" and "footnote" in (child.get("class") or ""):
            continue
        if child.tag == "p":
            yield child
        elif child.tag in ("blockquote", "ol", "ul", "li", "div"):
            yield from _all_paragraphs(child)


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


class _ReferenceLinks(Treeprocessor):
    def __init__(self, md: Markdown, extension: EditionMarkdown) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        here = posixpath.dirname(self.extension.page_src_uri)
        for link in root.iter("a"):
            href = link.get("href", "")
            kind, _, target = href.partition(":")
            if kind in _TARGET_FOLDERS and target:
                page = f"{_TARGET_FOLDERS[kind]}/{target}.md"
                link.set("href", posixpath.relpath(page, here or "."))
                link.set("class", f"edition-ref edition-ref--{kind}")
