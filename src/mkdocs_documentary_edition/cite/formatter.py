"""Citations formatted by a CSL processor (citeproc-py).

A note's citation depends on what came before it in the same document: the first citation of a
work is the full note, a later one the short note, a repeat straight after is "Ibid.". We work
out each citation's position ourselves, as the processor would, and format each distinct
(work, locator label, position) once per build: the locator itself goes through the processor as
a placeholder and is filled in afterwards, so a thousand notes on one book cost one formatting.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import citeproc
from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.source.json import CiteProcJSON

from ..model.locators import LOCATOR_LABELS
from ..model.records import BibEntry, Citation
from .citeproc_fixes import apply_fixes
from .csl_items import Protector, csl_item

__all__ = ["DEFAULT_STYLE", "CitationFormatter", "DocumentCitations", "ends_with_period"]

DEFAULT_STYLE = Path(__file__).parent / "csl" / "chicago-notes-bibliography-16th-edition.csl"
_TEMPLATE_FORMAT = 1  # bump when what a stored template means changes
_LOCATOR_TOKEN = "\U000fff01"  # noqa: S105 - a placeholder character, not a secret
_OTHER_KEY = "edition-placeholder-other-work"
_QUOTE_PUNCTUATION = re.compile(r"([”’])([.,])")
_RANGE = re.compile(r"(?<=\d)-(?=\d)")
_DOUBLE_PERIOD = re.compile(r"\.((?:</?i>|”|’)*)\.")
_TRAILING_MARKUP = re.compile(r"(?:</?i>|”|’|\s)+$")


def ends_with_period(text: str) -> bool:
    return _TRAILING_MARKUP.sub("", text).endswith((".", "?", "!"))


@dataclass(frozen=True, slots=True)
class _Position:
    """What the CSL ``position`` tests will see: first, subsequent, or ibid after a given locator."""

    kind: str  # "first", "subsequent", "ibid"
    previous_has_locator: bool = False
    same_locator: bool = False


_TemplateKey = tuple[str, str, _Position]  # work, locator type, position


class CitationFormatter:
    """Formats citations and bibliography entries of one bibliography in one CSL style.

    Build it once per bibliography and style: parsing the style and the items is the expensive
    part, and its caches make repeated citations free.
    """

    def __init__(self, entries: dict[str, BibEntry], style_path: Path = DEFAULT_STYLE, locale: str = "en-US",
                 cache_dir: Path | None = None) -> None:
        self.entries = entries
        self.protector = Protector()
        items = [csl_item(entry, self.protector) for entry in entries.values()]
        self._store = _TemplateStore(cache_dir, style_path, locale, items, self.protector)
        items.append({"id": _OTHER_KEY, "type": "book", "title": "Other"})
        self.source = CiteProcJSON(items)
        self.style = CitationStylesStyle(str(style_path), locale=locale, validate=False)
        apply_fixes(self.style)
        layout = self.style.root.citation.layout
        self.delimiter = layout.get("delimiter", "; ")
        self.suffix = str(layout.get("suffix", ""))
        # The note's closing punctuation is ours to place: a citation may stand mid-sentence in a note.
        layout.attrib.pop("suffix", None)
        self._punctuation_in_quote = locale.startswith("en")
        self._cache: dict[_TemplateKey, str] = {}
        self._bibliography: dict[str, str] | None = None

    # -- notes

    def new_document(self) -> DocumentCitations:
        return DocumentCitations(self)

    def _format_item(self, citation: Citation, position: _Position) -> str:
        label = LOCATOR_LABELS.get(citation.label.lower(), "page") if citation.locator else ""
        cache_key = (citation.key, label, position)
        template = self._cache.get(cache_key)
        if template is None:
            template = self._store.get(cache_key)
            if template is None:
                template = self._render(citation.key, label, position)
                self._store.put(cache_key, template)
            self._cache[cache_key] = template
        locator = html.escape(_RANGE.sub("–", citation.locator))
        text = template.replace(_LOCATOR_TOKEN, locator)
        if citation.prefix:
            text = f"{html.escape(citation.prefix)} {text}"
        if citation.suffix:
            text = f"{text}, {html.escape(citation.suffix)}"
        return text

    def _render(self, key: str, label: str, position: _Position) -> str:
        bibliography = CitationStylesBibliography(self.style, self.source, formatter.html)

        def cite(*items: CitationItem) -> str:
            citation = CslCitation(list(items))
            bibliography.register(citation)
            return str(bibliography.cite(citation, lambda item: None))

        # One Locator object for "the same locator": citeproc-py compares locators by identity.
        locator = Locator(label, _LOCATOR_TOKEN)

        def item(item_key: str, with_locator: bool, token: str = _LOCATOR_TOKEN) -> CitationItem:
            if with_locator:
                return CitationItem(item_key, locator=locator if token == _LOCATOR_TOKEN else Locator(label, token))
            return CitationItem(item_key)

        with_locator = bool(label)
        if position.kind == "subsequent":
            cite(item(key, False), item(_OTHER_KEY, False))
        elif position.kind == "ibid":
            previous_token = _LOCATOR_TOKEN if position.same_locator else "\U000fff02"
            cite(item(key, position.previous_has_locator, previous_token))
        rendered = str(cite(item(key, with_locator)))
        return self._tidy(self.protector.restore(rendered))

    def _tidy(self, rendered: str) -> str:
        # citeproc-py neither moves punctuation inside quotes (US English) nor collapses a period
        # that ends a title with the period that follows it; Pandoc's processor does both.
        if self._punctuation_in_quote:
            rendered = _QUOTE_PUNCTUATION.sub(r"\2\1", rendered)
        return _DOUBLE_PERIOD.sub(r".\1", rendered)

    def close_note(self, text: str) -> str:
        """Add the style's closing punctuation, unless the text already ends with it."""
        if not self.suffix or ends_with_period(text):
            return text
        return text + self.suffix

    def save_cache(self) -> None:
        """Keep this build's formatted citations for the next build (see :class:`_TemplateStore`)."""
        self._store.save()

    # -- bibliography

    def bibliography_entries(self) -> dict[str, str]:
        """Every entry in bibliography form, as HTML, in the style's order (by author)."""
        if self._bibliography is None:
            bibliography = CitationStylesBibliography(self.style, self.source, formatter.html)
            for key in self.entries:
                bibliography.register(CslCitation([CitationItem(key)]))
            bibliography.sort()
            keys = [self._original_key(item.key) for item in bibliography.items]
            stored: dict[str, str | None] = {key: self._store.get_entry(key) for key in keys}
            # Sorting is cheap; rendering is not, so only entries missing from the store are rendered
            # (citeproc-py renders each entry on its own: no entry depends on its neighbours).
            missing = [item for item, key in zip(bibliography.items, keys, strict=True) if stored[key] is None]
            if missing:
                for item, text in zip(missing, self.style.render_bibliography(missing), strict=True):
                    key = self._original_key(item.key)
                    entry = self._tidy(self.protector.restore(str(text)))
                    stored[key] = entry
                    self._store.put_entry(key, entry)
            self._bibliography = {key: stored[key] or "" for key in keys}
        return self._bibliography

    def _original_key(self, lowered: str) -> str:
        # citeproc-py lowercases keys; ours are case-sensitive in the .bib file
        if lowered in self.entries:
            return lowered
        return next((key for key in self.entries if key.lower() == lowered), lowered)


class _TemplateStore:
    """Formatted citation templates kept on disk between builds, in ``.cache/edition/``.

    The CSL processor is by far the slowest step of a build. What it returns for a (work, locator
    label, position) depends only on the style, the locale, the processor's version and that
    work's entry, so each template is stored under a hash of exactly those; any change to one of
    them simply misses the store. Only templates used by the latest build are written back.
    """

    def __init__(self, folder: Path | None, style_path: Path, locale: str, items: list[dict[str, Any]],
                 protector: Protector) -> None:
        self.path = folder / "citations.json" if folder else None
        basis = hashlib.sha256()
        basis.update(style_path.read_bytes())
        basis.update(f"{locale}|{citeproc.__version__}|{_TEMPLATE_FORMAT}".encode())
        for module in ("formatter.py", "notes.py", "csl_items.py", "citeproc_fixes.py"):  # our own formatting code
            basis.update((Path(__file__).parent / module).read_bytes())
        self.basis = basis.hexdigest()[:16]
        # An item's hash is taken over its own text with its protected words written back in braces,
        # so the placeholder numbering (shared by all entries) never lets one entry's edit touch another.
        self.item_hash = {
            item["id"]: hashlib.sha256(
                protector.restore(json.dumps(item, sort_keys=True, ensure_ascii=False), braces=True).encode()
            ).hexdigest()[:16]
            for item in items
        }
        self.stored: dict[str, str] = {}
        self.used: dict[str, str] = {}
        self.changed = False
        if self.path is not None and self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and data.get("basis") == self.basis \
                        and isinstance(data.get("templates"), dict):
                    self.stored = data["templates"]
            except (OSError, ValueError):
                self.stored = {}  # a damaged cache is only a slower build

    def _name(self, key: _TemplateKey) -> str | None:
        citation_key, label, position = key
        item_hash = self.item_hash.get(citation_key)
        if item_hash is None:
            return None
        return f"{item_hash}|{label}|{position.kind}|{int(position.previous_has_locator)}|{int(position.same_locator)}"

    def get(self, key: _TemplateKey) -> str | None:
        name = self._name(key)
        template = self.stored.get(name) if name else None
        if template is not None and name is not None:
            self.used[name] = template
        return template

    def put(self, key: _TemplateKey, template: str) -> None:
        name = self._name(key)
        if name is not None:
            self.used[name] = template
            self.changed = True

    def get_entry(self, key: str) -> str | None:
        item_hash = self.item_hash.get(key)
        name = f"{item_hash}|bibliography"
        text = self.stored.get(name) if item_hash else None
        if text is not None:
            self.used[name] = text
        return text

    def put_entry(self, key: str, text: str) -> None:
        item_hash = self.item_hash.get(key)
        if item_hash:
            self.used[f"{item_hash}|bibliography"] = text
            self.changed = True

    def save(self) -> None:
        if self.path is None or (not self.changed and len(self.used) == len(self.stored)):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"basis": self.basis, "templates": self.used}, ensure_ascii=False),
                             encoding="utf-8")
        temporary.replace(self.path)
        self.stored, self.changed = dict(self.used), False


class DocumentCitations:
    """The citation history of one document: positions depend on what was cited before."""

    def __init__(self, formatter_: CitationFormatter) -> None:
        self.formatter = formatter_
        self.cited: dict[str, None] = {}
        self.previous: list[Citation] = []

    def format_group(self, group: list[Citation], note_start: bool) -> str:
        parts = []
        for citation in group:
            position = self._position(citation, group)
            parts.append(self.formatter._format_item(citation, position))
            self.cited[citation.key] = None
        self.previous = group
        text = self.formatter.delimiter.join(parts)
        if note_start and text[:1].islower():
            text = text[0].upper() + text[1:]  # "Ibid." opens a note with a capital
        return str(text)

    def _position(self, citation: Citation, group: list[Citation]) -> _Position:
        if citation.key not in self.cited:
            return _Position("first")
        # The group in progress counts as the previous citation for its own later items.
        earlier_in_group = group[: group.index(citation)]
        previous_group = earlier_in_group or self.previous
        last = previous_group[-1] if previous_group else None
        if last is not None and last.key == citation.key and (earlier_in_group or len(self.previous) == 1):
            return _Position("ibid", bool(last.locator), last.locator == citation.locator)
        return _Position("subsequent")
