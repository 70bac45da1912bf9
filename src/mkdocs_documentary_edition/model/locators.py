"""Pandoc's locator terms, singular and plural, with the CSL locator type each stands for."""

from __future__ import annotations

__all__ = ["LOCATOR_LABELS"]

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
