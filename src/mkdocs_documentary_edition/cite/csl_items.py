"""Bibliography entries as CSL-JSON items, the input every CSL processor reads.

BibTeX (and biblatex) fields map onto CSL variables much as Pandoc and Zotero map them; names
are split by bibtexparser, LaTeX is decoded by pylatexenc (bibtexparser's own decoder). Text in
braces is protected from a style's case changes: it is handed to the processor as opaque
placeholders and restored afterwards (see :class:`Protector`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from pylatexenc.latex2text import LatexNodes2Text

from ..model.records import BibEntry

__all__ = ["LANGUAGES", "Protector", "csl_item", "csl_json", "decode_latex", "shield"]

TYPES = {
    "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book", "proceedings": "book",
    "inbook": "chapter", "incollection": "chapter", "inproceedings": "paper-conference", "bookinbook": "chapter",
    "article": "article-journal", "periodical": "periodical", "report": "report", "techreport": "report",
    "thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis", "unpublished": "manuscript",
    "manuscript": "manuscript", "online": "webpage", "www": "webpage", "misc": "document", "booklet": "pamphlet",
    "letter": "personal_communication", "dataset": "dataset", "manual": "report",
}
LANGUAGES = {
    "russian": "ru", "english": "en-US", "american": "en-US", "british": "en-GB", "french": "fr", "german": "de",
    "ngerman": "de", "italian": "it", "spanish": "es", "polish": "pl", "ukrainian": "uk", "dutch": "nl",
}
TEXT_FIELDS = {
    "title": "title", "shorttitle": "title-short", "booktitle": "container-title", "journal": "container-title",
    "journaltitle": "container-title", "publisher": "publisher", "address": "publisher-place",
    "location": "publisher-place", "edition": "edition", "volume": "volume", "number": "issue", "pages": "page",
    "series": "collection-title", "url": "URL", "doi": "DOI", "isbn": "ISBN", "note": "note",
    "pagetotal": "number-of-pages", "archive": "archive", "archive_location": "archive_location",
    "archivelocation": "archive_location", "howpublished": "publisher", "institution": "publisher",
    "school": "publisher", "origtitle": "original-title", "eventtitle": "event-title", "abstract": "abstract",
}
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator", "bookauthor": "container-author"}
_TOKENS = 0xFF00  # placeholders U+F0000 to U+FFEFF, below the citation locator markers (U+FFF01)
# Field text reaches the CSL processor with '&', '<' and '>' as placeholders, and leaves it with them
# as HTML entities: the processor writes HTML (italics, quotes) around text it never escapes itself.
_SHIELD = {"&": "\U000fff10", "<": "\U000fff11", ">": "\U000fff12"}
_UNSHIELD = {token: entity for token, entity in zip(_SHIELD.values(), ("&amp;", "&lt;", "&gt;"), strict=True)}
_UNSHIELDED = {"id", "type", "language"}
_PROTECTED_VARIABLES = ("title", "container-title", "collection-title", "title-short")
_VERBATIM = {"id", "type", "language", "URL", "DOI", "ISBN"}  # identifiers, never typeset
_DECODER = LatexNodes2Text(math_mode="verbatim", keep_comments=True)
_LATEX_MARKUP = re.compile(r"[\\{}$~]|--")
_PROTECTED = re.compile(r"\{([^{}]*)\}")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def decode_latex(text: str) -> str:
    """LaTeX accents, dashes and braces to plain Unicode; plain text passes through untouched."""
    if not _LATEX_MARKUP.search(text):
        return text
    return str(_DECODER.latex_to_text(text)).strip()


class Protector:
    """Swaps brace-protected text for private-use characters that no case rule touches."""

    def __init__(self) -> None:
        self.table: dict[str, str] = {}

    def protect(self, text: str) -> str:
        def swap(match: re.Match[str]) -> str:
            original = decode_latex(match.group(1)).replace("'", "’")
            if len(self.table) >= _TOKENS:
                return match.group(1)  # more protected groups than placeholders: leave the rest as is
            token = chr(0xF0000 + len(self.table))
            self.table[token] = original
            return token

        previous = None
        while previous != text:  # nested braces, innermost first
            previous, text = text, _PROTECTED.sub(swap, text)
        return text

    def restore(self, text: str, braces: bool = False) -> str:
        """Put the protected text back (in its braces, with ``braces``, to compare entries), and the
        shielded characters as HTML entities."""
        if self.table and any(token in text for token in self.table):
            for _ in range(4):  # protected text may itself hold tokens of inner groups
                for token, original in self.table.items():
                    text = text.replace(token, "{" + original + "}" if braces else original)
        if not braces:
            for token, entity in _UNSHIELD.items():
                text = text.replace(token, entity)
        return text


def shield(value: Any) -> Any:
    """Every text of a CSL item with '&', '<' and '>' replaced by placeholders (see :data:`_SHIELD`)."""
    if isinstance(value, str):
        for character, token in _SHIELD.items():
            value = value.replace(character, token)
        return value
    if isinstance(value, list):
        return [shield(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in _UNSHIELDED else shield(v) for k, v in value.items()}
    return value


def _names(value: str) -> list[dict[str, str]]:
    names = []
    for raw in split_multiple_persons_names(value):
        raw = raw.strip()
        if raw.startswith("{") and raw.endswith("}"):
            names.append({"literal": decode_latex(raw[1:-1])})
            continue
        parts = parse_single_name_into_parts(raw)
        name: dict[str, str] = {"family": decode_latex(" ".join(parts.last))}
        if parts.first:
            name["given"] = decode_latex(" ".join(parts.first))
        if parts.von:
            name["non-dropping-particle"] = decode_latex(" ".join(parts.von))
        if parts.jr:
            name["suffix"] = decode_latex(" ".join(parts.jr))
        names.append(name)
    return names


def _issued(fields: dict[str, str]) -> dict[str, Any] | None:
    match = _DATE.match(fields.get("date", "").strip())
    if match:
        return {"date-parts": [[int(part) for part in match.groups() if part]]}
    year = fields.get("year", "").strip()
    if year.isdigit():
        return {"date-parts": [[int(year)]]}
    return None


def csl_item(entry: BibEntry, protector: Protector | None = None) -> dict[str, Any]:
    """The CSL-JSON item that our processor reads; with a protector, braced text is shielded from case rules."""
    if protector is None:
        return _item(entry, None, typographic=True)
    shielded: dict[str, Any] = shield(_item(entry, protector.protect, typographic=True))
    return shielded


def csl_json(entry: BibEntry) -> dict[str, Any]:
    """The CSL-JSON item as other CSL processors (citeproc-js, Zotero) read it: braced text as
    ``<span class="nocase">``, the processor's rich-text mark for words no case rule may touch, and
    apostrophes as written (those processors make them typographic themselves)."""
    def nocase(text: str) -> str:
        previous = None
        while previous != text:
            previous = text
            text = _PROTECTED.sub(lambda m: f'<span class="nocase">{decode_latex(m.group(1))}</span>', text)
        return text

    return _item(entry, nocase, typographic=False)


def _item(entry: BibEntry, protect: Callable[[str], str] | None, typographic: bool) -> dict[str, Any]:
    fields = entry.fields
    item_type = TYPES.get(entry.entry_type, "document")
    subtype = fields.get("entrysubtype", "").lower()
    if entry.entry_type == "article" and subtype in ("newspaper", "magazine"):
        item_type = f"article-{subtype}"
    item: dict[str, Any] = {"id": entry.key, "type": item_type}
    for field, variable in NAME_FIELDS.items():
        if field in fields:
            item[variable] = _names(fields[field])
    for field, variable in TEXT_FIELDS.items():
        if field in fields and variable not in item:
            value = fields[field]
            if protect is not None and variable in _PROTECTED_VARIABLES:
                item[variable] = decode_latex(protect(value))
            else:
                item[variable] = decode_latex(value.replace("{", "").replace("}", "")) if "{" in value \
                    else decode_latex(value)
    title = item.get("title")
    if title and "title-short" not in item and ": " in title:
        # As Pandoc and citeproc-js do: a short note names the main title, without its subtitle.
        item["title-short"] = title.split(": ", 1)[0]
    if typographic:
        _typographic_apostrophes(item)
    issued = _issued(fields)
    if issued:
        item["issued"] = issued
    language = fields.get("langid") or fields.get("language")
    if language:
        item["language"] = LANGUAGES.get(language.strip().lower(), language.strip().lower())
    return item


def _typographic_apostrophes(item: dict[str, Any]) -> None:
    """Straight apostrophes made typographic in every text and name, as citeproc-js and Pandoc print them."""
    for variable, value in item.items():
        if isinstance(value, str) and variable not in _VERBATIM:
            item[variable] = value.replace("'", "’")
        elif isinstance(value, list):
            item[variable] = [{part: text.replace("'", "’") for part, text in name.items()} for name in value]
