"""A text's notes as the CSL processor writes them, in the order a reader meets them.

The reading (``sources.markdown``) numbered every note and every citation group in reading order;
here each group is formatted with its position (first, short, "Ibid.") following that order.
"""

from __future__ import annotations

import html

from ..model.records import Reading
from .formatter import CitationFormatter

__all__ = ["format_notes"]


def format_notes(reading: Reading, formatter: CitationFormatter) -> list[str]:
    """The HTML of each citation group of ``reading``, in reading order."""
    document = formatter.new_document()
    formatted = []
    for group in reading.groups:
        known = [citation for citation in group.citations if citation.key in formatter.entries]
        if not known:
            formatted.append(html.escape("; ".join(f"@{c.key}" for c in group.citations)))
            continue
        text = document.format_group(known, note_start=group.opens_note)
        if group.closes_note:
            text = formatter.close_note(text)
        formatted.append(text)
    return formatted
