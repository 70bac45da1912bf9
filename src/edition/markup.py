"""What a Markdown body refers to: inline person/event links and Pandoc-style citations.

The scan runs on text with code masked out (fenced blocks and inline code spans become spaces of
the same length), so positions stay true and nothing inside code is taken for a link or a
citation. Rendering uses a Markdown extension that sees the same structure; this scan exists so that
validation can point at a line without building the site.
"""

from __future__ import annotations

import re

from .records import Citation, Reference

__all__ = [
    "CITATION_GROUP", "LOCATOR_LABELS", "REFERENCE", "find_citations", "find_references", "mask_code",
    "parse_citation_group",
]

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})")
# A code span may wrap onto the next line but, as in Markdown, never across a blank line.
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<code>(?:[^\n]|\n(?![ \t]*\n))+?)(?<!`)(?P=ticks)(?!`)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
REFERENCE = re.compile(r"\]\((?P<kind>person|event):(?P<target>[^)\s]*)\)")
# A bracketed group holding at least one @key that is not inside a word (so no e-mail address).
CITATION_GROUP = re.compile(r"(?<![\]\\!])\[(?P<inner>[^\[\]]*?(?:^|(?<=[\s\[;-]))-?@[^\[\]]*)\](?!\()", re.MULTILINE)
_KEY = r"[\w][\w:.#$%&+?<>~/-]*?"
_CITATION_ITEM = re.compile(
    rf"^(?P<prefix>.*?)(?:(?<=\s)|^)(?P<suppress>-?)@(?P<key>{_KEY}|\{{[^}}]+\}})(?=[\s,;]|$)(?P<rest>.*)$",
    re.DOTALL,
)

# Pandoc's locator terms, singular and plural, with the CSL locator type each stands for.
LOCATOR_LABELS: dict[str, str] = {
    "p.": "page", "pp.": "page", "page": "page", "pages": "page",
    "ch.": "chapter", "chs.": "chapter", "chap.": "chapter", "chapter": "chapter", "chapters": "chapter",
    "no.": "issue", "nos.": "issue", "doc.": "document", "docs.": "document",
    "fol.": "folio", "fols.": "folio", "folio": "folio", "folios": "folio",
    "vol.": "volume", "vols.": "volume", "sec.": "section", "secs.": "section", "§": "section",
    "para.": "paragraph", "paras.": "paragraph", "col.": "column", "cols.": "column",
    "l.": "line", "ll.": "line", "n.": "note", "nn.": "note", "fig.": "figure", "figs.": "figure",
    "bk.": "book", "bks.": "book", "pt.": "part", "pts.": "part", "op.": "opus", "v.": "verse", "vv.": "verse",
}
_LOCATOR = re.compile(
    r"^\s*,?\s*(?:(?P<label>[^\d\s,;]+)\s+)?(?P<locator>[\dIVXLCivxlc][^,;]*?)(?P<suffix>(?:,\s.*)?)\s*$", re.DOTALL
)


def mask_code(text: str) -> str:
    """Blank out fenced code blocks, inline code spans and HTML comments, keeping every offset in place."""
    if "`" not in text and "~~~" not in text and "<!--" not in text:
        return text
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group("fence")[0] == fence[0] and len(match.group("fence")) >= len(fence):
                fence = None
            out.append(_blank(line))
        elif match:
            fence = match.group("fence")
            out.append(_blank(line))
        else:
            out.append(line)
    masked = "".join(out)
    if "<!--" in masked:
        masked = _COMMENT.sub(lambda m: _blank(m.group(0)), masked)
    return _CODE_SPAN.sub(lambda m: _blank(m.group(0)), masked) if "`" in masked else masked


def _blank(text: str) -> str:
    return "".join(c if c in "\r\n" else " " for c in text)


def _position(text: str, offset: int, first_line: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return first_line + line, column + 1


def find_references(body: str, first_line: int, masked: str | None = None) -> list[Reference]:
    """Every ``[text](person:id)`` and ``[text](event:id)`` outside code, with its position."""
    masked = mask_code(body) if masked is None else masked
    found = []
    for match in REFERENCE.finditer(masked):
        line, column = _position(masked, match.start("kind"), first_line)
        found.append(Reference(match.group("kind"), match.group("target"), line, column))
    return found


def find_citations(
    body: str, first_line: int, masked: str | None = None
) -> tuple[list[Citation], list[tuple[int, int, str]]]:
    """Every cited work in a bracketed citation outside code, and every malformed citation.

    Returns:
        The citations, and (line, column, message) for each group that could not be read.
    """
    masked = mask_code(body) if masked is None else masked
    citations: list[Citation] = []
    malformed: list[tuple[int, int, str]] = []
    for match in CITATION_GROUP.finditer(masked):
        start = match.start("inner")
        items, errors = parse_citation_group(match.group("inner"))
        for item_offset, message in errors:
            line, column = _position(masked, start + item_offset, first_line)
            malformed.append((line, column, message))
        for item_offset, citation in items:
            line, column = _position(masked, start + item_offset, first_line)
            citations.append(Citation(citation.key, line, column, citation.prefix, citation.label,
                                      citation.locator, citation.suffix))
    return citations, malformed


def parse_citation_group(inner: str) -> tuple[list[tuple[int, Citation]], list[tuple[int, str]]]:
    """Read ``see @a, 45; @b, ch. 2`` into citations, with each one's offset in the group."""
    items: list[tuple[int, Citation]] = []
    errors: list[tuple[int, str]] = []
    offset = 0
    for part in inner.split(";"):
        match = _CITATION_ITEM.match(part)
        at = offset + (part.find("@") if "@" in part else 0)
        offset += len(part) + 1
        if not part.strip():
            errors.append((at, "empty item in citation: remove the extra ';'"))
            continue
        if not match:
            errors.append((at, f"malformed citation '{part.strip()}': write '@key' or '@key, 45' "
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
        items.append((at, Citation(key, 0, 0, match.group("prefix").strip(), label, locator, suffix)))
    return items, errors
