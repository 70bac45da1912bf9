"""The edition's bibliography, read with bibtexparser 2, every problem placed at its line."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from bibtexparser import model
from bibtexparser.entrypoint import parse_string

from ..model.problems import Problem, error
from ..model.records import BibEntry
from .files import MAX_BIBLIOGRAPHY_BYTES, inside, read_text

__all__ = ["BIBLIOGRAPHY_FILE", "Parsed", "parse_bibliography", "read_bibliography"]

BIBLIOGRAPHY_FILE = "bibliography.bib"
_ENTRY_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()]+)\s*,")

# The parser logs each failure as it goes; we report them ourselves, at their lines, once.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)


Parsed = tuple[dict[str, BibEntry], set[str], list[Problem]]


def read_bibliography(root: Path, parsed: dict[str, Parsed] | None = None) -> Parsed:
    """Read ``bibliography.bib``; an edition without one simply cites nothing.

    ``parsed`` keeps the last text's parse (under ``mkdocs serve``, from one build to the next): a
    bibliography of a thousand works takes a third of a second to parse, and most saves leave it as it is.

    Returns:
        The entries by key; the keys of entries too malformed to read (so that citing them is not
        reported a second time); and every problem.
    """
    path = root / BIBLIOGRAPHY_FILE
    if not path.exists():
        return {}, set(), []
    if not inside(root, path):
        return {}, set(), [error(BIBLIOGRAPHY_FILE, 0, 0, "bibliography.bib is a link to a file outside the "
                                 "edition: keep the bibliography inside the edition's folder")]
    text, problems = read_text(path, BIBLIOGRAPHY_FILE, MAX_BIBLIOGRAPHY_BYTES)
    if text is None:
        return {}, set(), problems
    if parsed is None:
        return parse_bibliography(text)
    if text not in parsed:
        parsed.clear()
        parsed[text] = parse_bibliography(text)
    entries, broken, found = parsed[text]
    return dict(entries), set(broken), list(found)  # the entries themselves are frozen


def parse_bibliography(text: str) -> Parsed:
    """Parse BibTeX text into entries by key; a malformed entry or a repeated key is an error at its line."""
    problems: list[Problem] = []
    try:
        # Fields stay as written: braces that protect capitals matter to the citation processor.
        parsed = parse_string(text, parse_stack=[])
    except Exception as exc:  # noqa: BLE001 - the parser's own failures must not become tracebacks
        return {}, set(), [error(BIBLIOGRAPHY_FILE, 1, 1, f"cannot parse the bibliography: {exc}")]
    entries: dict[str, BibEntry] = {}
    broken: set[str] = set()
    first_line: dict[str, int] = {}
    for block in parsed.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            problems.append(error(BIBLIOGRAPHY_FILE, line, 1, f"duplicate key '{block.key}' (first used on line "
                                  f"{first_line.get(block.key, '?')}): give each entry its own key"))
        elif isinstance(block, model.ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", "") or str(block.error or "")
            detail = reason.strip() or "syntax error"
            problems.append(error(BIBLIOGRAPHY_FILE, line, 1, f"malformed entry: {detail}; check its braces "
                                  "and the commas between fields"))
            key = _ENTRY_KEY.match(block.raw or "")
            if key:
                broken.add(key.group(1))
        elif isinstance(block, model.Entry):
            first_line[block.key] = line
            fields = {f.key.lower(): _unwrap(f.value) for f in block.fields}
            entries[block.key] = BibEntry(block.key, block.entry_type.lower(), fields, line)
    return entries, broken - set(entries), problems


def _unwrap(value: object) -> str:
    """Drop one pair of enclosing braces or quotes, as BibTeX does; inner braces stay."""
    text = str(value).strip()
    if len(text) >= 2 and ((text[0] == "{" and text[-1] == "}") or (text[0] == '"' and text[-1] == '"')):
        return text[1:-1]
    return text
