"""Works of the edition itself (a document as a section of it, the edition as a book) formatted by
the CSL processor, in the edition's style, as the "cite this" box shows them.

The box gives exactly the item that the downloads and the page's metadata give, so it is that
item, formatted, never a sentence written by hand. Formatting costs the processor a few
milliseconds a work, so each formatted entry is kept in ``.cache/edition/`` between builds, under a
hash of the style, the locale and the item.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from .citeproc_fixes import apply_fixes
from .csl_items import Protector, shield

__all__ = ["WorkFormatter"]

_FORMAT = 1  # bump when what a stored entry means changes


class WorkFormatter:
    """Formats single CSL-JSON items as bibliography entries (HTML), keeping them between builds."""

    def __init__(self, style_path: Path, locale: str = "en-US", cache_dir: Path | None = None) -> None:
        self.style_path, self.locale = style_path, locale
        self._style: CitationStylesStyle | None = None
        basis = hashlib.sha256(style_path.read_bytes())
        basis.update(f"{locale}|{_FORMAT}|{Path(__file__).read_text(encoding='utf-8')}".encode())
        self.basis = basis.hexdigest()[:16]
        self.path = cache_dir / "works.json" if cache_dir else None
        self.stored: dict[str, str] = {}
        self.used: dict[str, str] = {}
        if self.path is not None and self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and data.get("basis") == self.basis and isinstance(data.get("entries"), dict):
                    self.stored = data["entries"]
            except (OSError, ValueError):
                self.stored = {}  # a damaged cache is only a slower build

    @property
    def style(self) -> CitationStylesStyle:
        if self._style is None:  # parsing the style is the slow part: only when an entry is missing
            self._style = CitationStylesStyle(str(self.style_path), locale=self.locale, validate=False)
            apply_fixes(self._style)
        return self._style

    def entry(self, item: dict[str, Any]) -> str:
        """The item in the style's bibliography form, as HTML (field text escaped)."""
        name = hashlib.sha256(json.dumps(item, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:24]
        text = self.stored.get(name) or self.used.get(name)
        if text is None:
            source = CiteProcJSON([shield(item)])
            bibliography = CitationStylesBibliography(self.style, source, formatter.html)
            bibliography.register(CslCitation([CitationItem(item["id"])]))
            text = Protector().restore("".join(str(entry) for entry in bibliography.bibliography()))
        self.used[name] = text
        return text

    def save(self) -> None:
        """Keep this build's entries for the next build (only those it used)."""
        if self.path is None or self.used == self.stored:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"basis": self.basis, "entries": self.used}, ensure_ascii=False),
                             encoding="utf-8")
        temporary.replace(self.path)
        self.stored = dict(self.used)
