"""What HTML a text of the edition may hold: the written policy, enforced by nh3.

Contributors may be strangers, and reviewers read Markdown, not the HTML it becomes; so nothing a
text says may run in a reader's browser. Raw HTML in documents, people, events and section
introductions is limited to a few harmless elements for editorial marks; everything else is an
error, with what to write instead. nh3 (the Ammonia sanitiser) decides what is harmless: a piece of
raw HTML passes when nh3, given the allow-list below, leaves every element and attribute of it in
place. Editors may let their own front pages (``docs/``) hold any HTML with ``allow_raw_html``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "UNSAFE_SCHEMES", "clean", "explain", "passes"]

# Enough for an edition's marks: superscripts, a word in another language, abbreviations, editorial
# deletions and insertions, highlighting, dates.
ALLOWED_TAGS = frozenset({
    "abbr", "b", "bdi", "bdo", "br", "cite", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "rp", "rt",
    "ruby", "s", "small", "span", "strong", "sub", "sup", "time", "u", "wbr",
})
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"lang", "title", "dir"},
    "del": {"datetime"}, "ins": {"datetime"}, "time": {"datetime"}, "data": {"value"}, "span": {"class"},
}
UNSAFE_SCHEMES = ("javascript", "vbscript", "data")
_ENTITY = re.compile(r"^&(#\d+|#x[0-9a-fA-F]+|\w+);$")
_INSTEAD = {
    "a": "write a link in Markdown, [text](https://...), or [text](person:<id>)",
    "img": "give an image in Markdown, ![description](https://...)",
    "p": "separate paragraphs with a blank line", "div": "write the text in Markdown",
    "h1": "write headings in Markdown (## Heading)", "h2": "write headings in Markdown (## Heading)",
    "h3": "write headings in Markdown (### Heading)", "table": "write tables in Markdown",
    "ul": "write lists in Markdown", "ol": "write lists in Markdown", "blockquote": "quote with '>' in Markdown",
}


class _Tags(HTMLParser):
    """The start tags of a piece of HTML, with their attributes, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted((name, value or "") for name, value in attrs))))


def _tags(html: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def clean(html: str) -> str:
    """The piece as nh3 lets it through the edition's allow-list."""
    return str(nh3.clean(html, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES, link_rel=None,
                         url_schemes={"http", "https", "mailto"}, strip_comments=True))


def passes(html: str) -> bool:
    """Whether nh3 keeps every element and attribute of a piece of raw HTML (text and comments aside)."""
    if _ENTITY.match(html.strip()):
        return True
    return _tags(clean(html)) == _tags(html)


def explain(html: str) -> str:
    """What in a piece of raw HTML is not allowed, and what to write instead."""
    for tag, attributes in _tags(html):
        if tag not in ALLOWED_TAGS:
            instead = _INSTEAD.get(tag, "write it in Markdown")
            if tag in ("script", "style", "iframe", "object", "embed", "form", "input", "button", "link", "meta",
                       "base", "svg", "math", "frame", "frameset", "applet", "template", "textarea", "select"):
                instead = "scripts, styles, forms and embedded content cannot be part of an edition's text"
            return f"raw HTML <{tag}> is not allowed in the edition's texts: {instead}"
        allowed = ALLOWED_ATTRIBUTES.get("*", set()) | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, _value in attributes:
            if name not in allowed:
                kept = ", ".join(sorted(allowed))
                return f"the attribute '{name}' of <{tag}> is not allowed in the edition's texts: keep to {kept}"
    return "this raw HTML is not allowed in the edition's texts: write it in Markdown"
