"""A text's citations as the CSL processor writes them, in the order a reader meets them.

The reading (``sources.markdown``) numbered every note and every citation group in reading order;
here each group is formatted with its position (first, short, "Ibid.") following that order. In a
note style each group stands in a note; in an in-text style, a group of the running text stands
there, in the style's brackets.
"""

from __future__ import annotations

import html

from ..model.records import Reading
from .formatter import CitationFormatter

__all__ = ["format_notes"]


def format_notes(reading: Reading, formatter: CitationFormatter) -> list[str]:
    """The HTML of each citation group of ``reading``, in reading order."""
    document = formatter.new_document({c.key for c in reading.citations if c.key in formatter.entries})
    formatted = []
    for group in reading.groups:
        known = [citation for citation in group.citations if citation.key in formatter.entries]
        if not known:
            formatted.append(html.escape("; ".join(f"@{c.key}" for c in group.citations)))
            continue
        # In a note style, "@key [45]" in the running text is the author's name there and the rest
        # in the note after it: the name alone is no citation of its own.
        name_only = group.running and not formatter.in_text and all(c.in_text for c in known)
        text = document.format_group(known, note_start=group.opens_note, note=group.note,
                                     running=group.running, record=not name_only)
        if formatter.in_text:
            text = formatter.wrap(text, known)
        elif group.closes_note:
            text = formatter.close_note(text)
        formatted.append(text)
    return formatted
