"""Citations formatted by a CSL processor (citeproc-py, with the corrections of ``citeproc_fixes``).

A note's citation depends on what came before it in the same document: the first citation of a
work is the full note, a later one the short note, a repeat straight after is "Ibid.". We work out
each cite's position ourselves, by citeproc-js's rules (:class:`DocumentCitations`), and format each
distinct (work, locator label, position) once per build: the locator itself goes through the
processor as a placeholder and is filled in afterwards, so a thousand notes on one book cost one
formatting, and a cite costs one pass of the processor over one item.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import citeproc
from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.source.json import CiteProcJSON

from ..model.locators import LOCATOR_LABELS
from ..model.records import BibEntry, Citation
from . import citeproc_fixes
from .citeproc_fixes import NAMES_TOKEN, apply_fixes
from .csl_items import Protector, csl_item

__all__ = ["DEFAULT_STYLE", "CitationFormatter", "DocumentCitations", "csl_locale", "ends_with_period"]

DEFAULT_STYLE = Path(__file__).parent / "csl" / "chicago-notes-bibliography-16th-edition.csl"
_TEMPLATE_FORMAT = 2  # bump when what a stored template means changes
_LOCATOR_TOKEN = "\U000fff01"  # noqa: S105 - a placeholder character, not a secret
_CLOSING_QUOTE = "”"
_QUOTE_PUNCTUATION = re.compile(r"”([.,])")
_RANGE = re.compile(r"(?<![\w–-])(\d+)\s*[-–]+\s*(\d+)(?![\w–-])")
_HYPHEN = re.compile(r"(?<=\d)-+(?=\d)")
_DOUBLE_PERIOD = re.compile(r"\.((?:</?i>|”|’)*)\.")
_TRAILING_MARKUP = re.compile(r"(?:</?i>|”|’|\s)+$")
_TAGS = re.compile(r"<[^>]*>")
# CSL 1.0.2 "is-numeric" and plural locators: numbers with letters before or after them ("2b",
# "D2"), in lists or ranges ("12, 14", "45-47", "3 & 5").
_NUMBER = r"[A-Za-z]*\d+[A-Za-z]*"
_NUMERIC = re.compile(rf"^{_NUMBER}(?:\s*(?:[-–,&]|and)\s*{_NUMBER})*$")
_PLURAL = re.compile(r"\d+[^\d.]+\d+")
_NUMBERS = re.compile(r"(\d+)")
_LOCALES = Path(citeproc.__file__).parent / "data" / "locales"


def ends_with_period(text: str) -> bool:
    return _TRAILING_MARKUP.sub("", text).endswith((".", "?", "!"))


def csl_locale(language: str) -> str:
    """The CSL locale for a BCP 47 language code: ``en`` is ``en-US``, ``ru`` is ``ru-RU``, ``de-AT`` itself."""
    language = (language or "en").strip().replace("_", "-")
    if (_LOCALES / f"locales-{language}.xml").is_file():
        return language
    primary = language.split("-")[0].lower()
    dialects = json.loads((_LOCALES / "locales.json").read_text(encoding="utf-8")).get("primary-dialects", {})
    dialect = dialects.get(primary, "")
    return dialect if dialect and (_LOCALES / f"locales-{dialect}.xml").is_file() else "en-US"


@dataclass(frozen=True, slots=True)
class _Position:
    """A cite's position, as CSL's ``position`` tests see it."""

    kind: str  # "first", "subsequent", "ibid" or "ibid-with-locator"
    near: bool = False  # cited within the style's near-note-distance


_FIRST = _Position("first")
# work, locator label ("" without a locator), position, and what of the cite is shown: all of it,
# "suppress" (no author: ``-@key``, and the note of ``@key [45]``) or "only" (the author alone).
_TemplateKey = tuple[str, str, _Position, str, bool]  # ... and whether the work needs disambiguating


class CitationFormatter:
    """Formats citations and bibliography entries of one bibliography in one CSL style and locale.

    Build it once per bibliography and style: parsing the style and the items is the expensive
    part, and its caches make repeated citations free.
    """

    def __init__(self, entries: dict[str, BibEntry], style_path: Path = DEFAULT_STYLE, locale: str = "en-US",
                 cache_dir: Path | None = None) -> None:
        self.entries = entries
        self.locale = csl_locale(locale)
        self.protector = Protector()
        items = [csl_item(entry, self.protector) for entry in entries.values()]
        self._store = _TemplateStore(cache_dir, style_path, self.locale, items, self.protector)
        self.source = CiteProcJSON(items)
        self.style = CitationStylesStyle(str(style_path), locale=self.locale, validate=False)
        apply_fixes(self.style)
        root = self.style.root
        self.in_text = root.get("class") == "in-text"
        self._csl = CitationStylesBibliography(self.style, self.source, formatter.html)
        self._csl.register(CslCitation([CitationItem(key) for key in entries]))
        self._layout = root.citation.layout
        # The group's affixes and delimiter are ours to place: a citation may stand mid-sentence in
        # a note, and "Ibid." takes a capital only where it opens one.
        self.prefix = str(self._layout.attrib.pop("prefix", ""))
        self.suffix = str(self._layout.attrib.pop("suffix", ""))
        self.delimiter = str(self._layout.attrib.pop("delimiter", "; "))
        self._punctuation_in_quote = str(self._layout.get_locale_option("punctuation-in-quote")).lower() == "true"
        style_text = style_path.read_text(encoding="utf-8")
        self._near_note = "near-note" in style_text
        self._near_distance = int(root.get("near-note-distance", "5") or 5)
        self._disambiguates = 'disambiguate="true"' in style_text
        self._range_format = root.get("page-range-format", "")
        self._cache: dict[_TemplateKey, str] = {}
        self._bibliography: dict[int, dict[str, str]] = {}  # by the length of a page of the bibliography

    # -- notes and in-text citations

    def new_document(self, keys: Iterable[str] = ()) -> DocumentCitations:
        """The citation history of one document that cites ``keys``."""
        return DocumentCitations(self, self._ambiguous_among(set(keys)))

    def format_cites(self, cites: Sequence[tuple[Citation, _Position]], ambiguous: Set[str] = frozenset(),
                     running: bool = True) -> str:
        """One citation group: its cites, each in its position, joined as the style joins them."""
        parts = []
        for citation, position in cites:
            if citation.in_text:
                parts.append(self._in_text(citation, position, ambiguous, running))
            else:
                mode = "suppress" if citation.suppress_author else ""
                parts.append(self._format_item(citation, position, mode, citation.key in ambiguous))
        return self.delimiter.join(parts)

    def wrap(self, text: str, cites: Sequence[Citation]) -> str:
        """A group of an in-text style in the style's brackets; "Figes (1996, 45)" has its own."""
        return text if all(c.in_text for c in cites) else f"{self.prefix}{text}{self.suffix}"

    def _in_text(self, citation: Citation, position: _Position, ambiguous: Set[str], running: bool) -> str:
        """``@key [45]``: the author, then the rest: in the style's brackets for an in-text style; in
        the note that the reading placed after it for a note style, or after a comma inside a note."""
        shown = position if position.kind in ("first", "subsequent") else _Position("subsequent", position.near)
        author = self._template(citation.key, "", shown, "only", False)
        if running and not self.in_text:
            return author
        rest = self._format_item(citation, position, "suppress", citation.key in ambiguous)
        if self.in_text:
            rest = f"{self.prefix}{rest}{self.suffix}"
            return f"{author} {rest}" if author else rest
        return f"{author}, {rest}" if author else rest

    def _format_item(self, citation: Citation, position: _Position, mode: str = "", ambiguous: bool = False) -> str:
        label = LOCATOR_LABELS.get(citation.label.lower(), "page") if citation.locator else ""
        if label:
            # What the style may ask of the locator itself: is it plural ("pp."), is it a number.
            label += ("+" if _PLURAL.search(citation.locator) else "") + \
                ("" if _NUMERIC.match(citation.locator) else "?")
        template = self._template(citation.key, label, position, mode, ambiguous)
        locator = html.escape(self._locator(citation.locator, label))
        text = template.replace(_LOCATOR_TOKEN, locator)
        if citation.prefix:
            text = f"{html.escape(citation.prefix)} {text}"
        if citation.suffix:
            text = f"{text}, {html.escape(citation.suffix)}"
        return self._tidy(text)

    def _locator(self, locator: str, label: str) -> str:
        label = label.rstrip("+?")
        """Page ranges in the style's page-range format ("145–47" in Chicago), as citeproc-js writes them."""
        if label == "page":
            locator = _RANGE.sub(
                lambda m: f"{m.group(1)}–{_last_page(m.group(1), m.group(2), self._range_format)}", locator)
        return _HYPHEN.sub("–", locator)

    def _template(self, key: str, label: str, position: _Position, mode: str, ambiguous: bool) -> str:
        if not self._near_note and position.near:
            position = _Position(position.kind)
        ambiguous = ambiguous and self._disambiguates and mode != "only"
        cache_key = (key, label, position, mode, ambiguous)
        template = self._cache.get(cache_key)
        if template is None:
            template = self._store.get(cache_key)
            if template is None:
                template = self._render(key, label, position, mode, ambiguous)
                self._store.put(cache_key, template)
            self._cache[cache_key] = template
        return template

    def _ambiguous_among(self, keys: set[str]) -> frozenset[str]:
        """The works among ``keys`` whose short form is the same as another's there, which the
        style's ``disambiguate`` conditions then tell apart (two editions of one book get their
        years). As in citeproc-js, only works cited in the same document count."""
        if not self._disambiguates or len(keys) < 2:
            return frozenset()
        probe = _Position("subsequent")
        seen: dict[str, list[str]] = {}
        for key in sorted(keys):
            seen.setdefault(self._template(key, "", probe, "", False), []).append(key)
        return frozenset(key for twins in seen.values() if len(twins) > 1 for key in twins)

    def _render(self, key: str, label: str, position: _Position, mode: str, ambiguous: bool) -> str:
        name = label.rstrip("+?")
        item = CitationItem(key, locator=Locator(name, _LOCATOR_TOKEN)) if label else CitationItem(key)
        CslCitation([item]).bibliography = self._csl
        if label:
            item["edition_plural"] = "+" in label
            item["edition_numeric"] = "?" not in label
        item["edition_position"] = (position.kind, position.near)
        item["edition_disambiguate"] = ambiguous
        self._layout.repressed = {}
        state = citeproc_fixes.cite_names
        state.mode, state.names, state.done = mode, None, False
        try:
            rendered = self._layout.render_children(item)
        finally:
            state.mode = ""
        if mode == "only":
            rendered = state.names
        text = str(self._layout.format(rendered)) if rendered is not None else ""
        return self.protector.restore(text)

    def _tidy(self, rendered: str) -> str:
        # American punctuation puts a period or comma that follows a quotation inside it (the
        # locale's punctuation-in-quote); and a period that ends a title absorbs the next one.
        if self._punctuation_in_quote:
            rendered = _QUOTE_PUNCTUATION.sub(r"\1”", rendered)
        return _DOUBLE_PERIOD.sub(r".\1", rendered)

    def close_note(self, text: str) -> str:
        """Add the style's closing punctuation, unless the text already ends with it."""
        if not self.suffix or ends_with_period(text):
            return text
        if self._punctuation_in_quote and self.suffix in (".", ",") and text.endswith(_CLOSING_QUOTE):
            return text[:-1] + self.suffix + _CLOSING_QUOTE
        return text + self.suffix

    def save_cache(self) -> None:
        """Keep this build's formatted citations for the next build (see :class:`_TemplateStore`)."""
        self._store.save()

    # -- bibliography

    def bibliography_entries(self, page: int = 0) -> dict[str, str]:
        """Every entry in bibliography form, as HTML, in the style's order.

        With ``page``, the bibliography is read a page of that many entries at a time: the first
        entry of each page names its authors even where the style would repeat them as a dash
        (``subsequent-author-substitute``), which would refer to an entry on another page.
        """
        if page not in self._bibliography:
            bibliography = self.style.root.bibliography
            if bibliography is None:
                self._bibliography[page] = {}
                return self._bibliography[page]
            substitute = bibliography.get("subsequent-author-substitute")
            entries: dict[str, str] = {}
            previous: str | None = None
            for number, key in enumerate(self._sorted_keys()):
                stored = self._store.get_entry(key)
                if stored is None:
                    stored = self._render_entry(key)
                    self._store.put_entry(key, stored)
                text, names = stored
                if page and number % page == 0:
                    previous = None
                if names is not None:
                    text = text.replace(NAMES_TOKEN, substitute if substitute is not None and names == previous
                                        else names)
                previous = names
                entries[key] = self._tidy(text)
            self._bibliography[page] = entries
        return self._bibliography[page]

    def standalone_entries(self) -> dict[str, str]:
        """Every entry as it reads on its own (in a document's works cited, the data, TEI): never the
        dash that stands for the authors of the entry above it in the bibliography."""
        return self.bibliography_entries(page=1)

    def _render_entry(self, key: str) -> tuple[str, str | None]:
        layout = self.style.root.bibliography.layout
        item = CitationItem(key)
        CslCitation([item]).bibliography = self._csl
        layout.repressed = {}
        names = citeproc_fixes.entry_names
        names.active, names.names = True, None
        try:
            text = layout.format(layout.wrap(layout.render_children(item)))
        finally:
            names.active = False
        found = self.protector.restore(names.names) if names.names is not None else None
        return self.protector.restore(str(text)), found

    def _sorted_keys(self) -> list[str]:
        """The entries in the order of the style's sort keys, compared as citeproc-js compares them."""
        keys = list(self.entries)
        sort = self.style.root.bibliography.find("cs:sort", self.style.root.nsmap)
        if sort is None:
            return keys
        columns: list[tuple[list[Any], bool]] = []
        stored = {key: self._store.get_sort(key) for key in keys}
        if any(value is None for value in stored.values()):
            layout = self.style.root.bibliography.layout
            items = [CitationItem(key) for key in keys]
            CslCitation(items).bibliography = self._csl
            raw = [element.sort_keys(items, layout) for element in sort.findall("cs:key", sort.nsmap)]
            for index, key in enumerate(keys):
                stored[key] = [None if column[index] is None else self.protector.restore(str(column[index]))
                               for column in raw]
                self._store.put_sort(key, stored[key] or [])
        descending = [element.get("sort", "ascending") == "descending"
                      for element in sort.findall("cs:key", sort.nsmap)]
        for index, down in enumerate(descending):
            columns.append(([_collation_key((stored[key] or [])[index]) for key in keys], down))

        def compare(left: int, right: int) -> int:
            for values, down in columns:
                a, b = values[left], values[right]
                if a == b:
                    continue
                if a is None or b is None:  # an empty key goes last, ascending or descending
                    return 1 if a is None else -1
                result = int(a > b) - int(a < b)
                return -result if down else result
            return 0

        order = sorted(range(len(keys)), key=functools.cmp_to_key(compare))
        return [keys[index] for index in order]


def _label(citation: Citation) -> str:
    return LOCATOR_LABELS.get(citation.label.lower(), "page")


def _collation_key(value: str | None) -> tuple[tuple[int, int | str], ...] | None:
    """A sort key as citeproc-js's collation sees text: case, accents, punctuation and spaces
    ignored, numbers compared as numbers."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKD", html.unescape(_TAGS.sub("", value)).casefold())
    text = "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))
    if not text:
        return None
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _NUMBERS.split(text) if part)


def _last_page(first: str, last: str, range_format: str) -> str:
    """The last page of a range in a CSL page-range format (CSL 1.0.2, "Appendix V: Page Range Formats")."""
    if not range_format or range_format == "expanded" or len(first) != len(last):
        return last
    common = next((i for i, (a, b) in enumerate(zip(first, last, strict=True)) if a != b), len(first))
    if range_format.startswith("chicago"):
        number = int(first)
        if number < 100 or number % 100 == 0:
            return last
        if number % 100 < 10:
            range_format = "minimal"
        elif range_format != "chicago-16" and len(first) == 4 and common < 2:
            return last  # four digits of which three change: all of them (Chicago 15th)
        else:
            range_format = "minimal-two"
    if range_format == "minimal":
        return last[common:] or last
    if range_format == "minimal-two":
        return last[min(common, len(last) - 2):]
    return last


class _TemplateStore:
    """Formatted citation templates kept on disk between builds, in ``.cache/edition/``.

    The CSL processor is by far the slowest step of a build. What it returns for a (work, locator
    label, position) depends only on the style, the locale, the processor's version and that
    work's entry (and on whether the work is ambiguous, which is part of the name), so each
    template is stored under a hash of exactly those; any change to one of them simply misses the
    store. Only templates used by the latest build are written back.
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
        self.protector = protector
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
        citation_key, label, position, mode, ambiguous = key
        item_hash = self.item_hash.get(citation_key)
        if item_hash is None:
            return None
        return f"{item_hash}|{label}|{position.kind}|{int(position.near)}|{mode}|{int(ambiguous)}"

    def _get(self, name: str | None) -> str | None:
        text = self.stored.get(name) if name else None
        if text is not None and name is not None:
            self.used[name] = text
        return text

    def _put(self, name: str | None, text: str) -> None:
        if name is not None:
            self.used[name] = text
            self.changed = True

    def get(self, key: _TemplateKey) -> str | None:
        return self._get(self._name(key))

    def put(self, key: _TemplateKey, template: str) -> None:
        self._put(self._name(key), template)

    def _entry_name(self, key: str, part: str) -> str | None:
        item_hash = self.item_hash.get(key)
        return f"{item_hash}|{part}" if item_hash else None

    def get_entry(self, key: str) -> tuple[str, str | None] | None:
        stored = self._get(self._entry_name(key, "bibliography"))
        if stored is None:
            return None
        data = json.loads(stored)
        return str(data[0]), data[1]

    def put_entry(self, key: str, entry: tuple[str, str | None]) -> None:
        self._put(self._entry_name(key, "bibliography"), json.dumps(list(entry), ensure_ascii=False))

    def get_sort(self, key: str) -> list[str | None] | None:
        stored = self._get(self._entry_name(key, "sort"))
        return list(json.loads(stored)) if stored is not None else None

    def put_sort(self, key: str, values: list[str | None]) -> None:
        self._put(self._entry_name(key, "sort"), json.dumps(values, ensure_ascii=False))

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
    """The citation history of one document, and each cite's position by citeproc-js's rules.

    The cite before a cite is the one before it in its own group; for a group's first cite, it is
    the group before in the same note, or else the whole of the previous note that cited anything.
    "Ibid." follows only when that previous citation is one cite of the same work: after a note
    citing several works, the short note is given, as in citeproc-js and Chicago. Whether it is
    "Ibid." or "Ibid., 45" depends on the locators: a new locator makes it ibid-with-locator, and a
    cite without a locator after one with a locator is a short note (its reader would take the
    old page for it).
    """

    def __init__(self, formatter_: CitationFormatter, ambiguous: Set[str] = frozenset()) -> None:
        self.formatter = formatter_
        self.ambiguous = ambiguous
        self.cited: dict[str, int] = {}  # work -> the last note citing it
        self.note: int | None = None  # the note being read
        self.in_note: list[Citation] = []  # its cites so far
        self.previous_group: list[Citation] = []  # the group before, in the same note
        self.previous_note: list[Citation] = []  # every cite of the note before

    def format_group(self, group: Sequence[Citation], note_start: bool, note: int = 0, running: bool = False,
                     record: bool = True) -> str:
        """Format one group of ``note`` (0: the running text of an in-text style). ``record=False``
        leaves the history as it was: the author's name of ``@key [45]``, whose note follows."""
        if note != self.note or note == 0:
            if self.in_note:
                self.previous_note = self.in_note
            self.note, self.in_note, self.previous_group = note, [], []
        before = self.previous_group or self.previous_note
        cites: list[tuple[Citation, _Position]] = []
        for index, citation in enumerate(group):
            preceding = [group[index - 1]] if index else before
            again = any(earlier.key == citation.key for earlier in group[:index])
            cites.append((citation, self._position(citation, preceding, note, again)))
        text = self.formatter.format_cites(cites, self.ambiguous, running)
        if record:
            for citation in group:
                self.cited[citation.key] = note
            self.in_note = [*self.in_note, *group]
            self.previous_group = list(group)
        if note_start and text[:1].islower():
            text = text[0].upper() + text[1:]  # a note opens with a capital: "Ibid.", "See"
        return text

    def _position(self, citation: Citation, preceding: Sequence[Citation], note: int, again: bool) -> _Position:
        """``again``: the work was cited earlier in the same group."""
        if citation.key not in self.cited and not again:
            return _FIRST
        last_note = note if again else self.cited[citation.key]
        near = note - last_note <= self.formatter._near_distance if note else again
        if len(preceding) != 1 or preceding[0].key != citation.key:
            return _Position("subsequent", near)
        last = preceding[0]
        if not citation.locator:
            return _Position("subsequent" if last.locator else "ibid", near)
        if (_label(last), last.locator) == (_label(citation), citation.locator):
            return _Position("ibid", near)
        return _Position("ibid-with-locator", near)
