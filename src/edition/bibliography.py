"""The edition's bibliography, read with bibtexparser 2, every problem placed at its line."""

from __future__ import annotations

import logging
from pathlib import Path

import bibtexparser
from bibtexparser import model

from .problems import Problem, error
from .records import BibEntry

__all__ = ["BIBLIOGRAPHY_FILE", "read_bibliography"]

BIBLIOGRAPHY_FILE = "bibliography.bib"

# The parser logs each failure as it goes; we report them ourselves, at their lines, once.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)


def read_bibliography(root: Path) -> tuple[dict[str, BibEntry], list[Problem]]:
    """Read ``bibliography.bib``; an edition without one simply cites nothing."""
    path = root / BIBLIOGRAPHY_FILE
    if not path.exists():
        return {}, []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return {}, [error(BIBLIOGRAPHY_FILE, 0, 0, f"not UTF-8 text (byte {exc.start}): save the file as UTF-8")]
    except OSError as exc:
        return {}, [error(BIBLIOGRAPHY_FILE, 0, 0, f"cannot read the file: {exc.strerror}")]
    return parse_bibliography(text)


def parse_bibliography(text: str) -> tuple[dict[str, BibEntry], list[Problem]]:
    """Parse BibTeX text into entries by key; a malformed entry or a repeated key is an error at its line."""
    problems: list[Problem] = []
    try:
        # Fields stay as written: braces that protect capitals matter to the citation processor.
        library = bibtexparser.parse_string(text, parse_stack=[])
    except Exception as exc:  # noqa: BLE001 - the parser's own failures must not become tracebacks
        return {}, [error(BIBLIOGRAPHY_FILE, 1, 1, f"cannot parse the bibliography: {exc}")]
    entries: dict[str, BibEntry] = {}
    first_line: dict[str, int] = {}
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            problems.append(error(BIBLIOGRAPHY_FILE, line, 1, f"duplicate key '{block.key}' (first used on line "
                                  f"{first_line.get(block.key, '?')}): give each entry its own key"))
        elif isinstance(block, model.ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", "") or str(block.error or "")
            detail = reason.strip() or "syntax error"
            problems.append(error(BIBLIOGRAPHY_FILE, line, 1, f"malformed entry: {detail}; check its braces "
                                  "and the commas between fields"))
        elif isinstance(block, model.Entry):
            first_line[block.key] = line
            fields = {f.key.lower(): _unwrap(f.value) for f in block.fields}
            entries[block.key] = BibEntry(block.key, block.entry_type.lower(), fields, line)
    return entries, problems


def _unwrap(value: object) -> str:
    """Drop one pair of enclosing braces or quotes, as BibTeX does; inner braces stay."""
    text = str(value).strip()
    if len(text) >= 2 and ((text[0] == "{" and text[-1] == "}") or (text[0] == '"' and text[-1] == '"')):
        return text[1:-1]
    return text
