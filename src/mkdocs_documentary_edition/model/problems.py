"""Problems are values: each names its file, line and column, and the caller decides how to show them."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum

__all__ = ["Problem", "Severity", "did_you_mean", "error", "format_problems", "warning"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with the edition, at a place a contributor can jump to.

    Lines and columns count from 1; line 0 means the problem concerns the whole file.
    """

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message}"

    def as_github(self) -> str:
        # GitHub's workflow commands need their own escaping of %, CR and LF, and of : and , in properties.
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        kind = "error" if self.is_error else "warning"
        return f"::{kind} file={path},line={max(self.line, 1)},col={max(self.column, 1)}::{message}"


def error(path: str, line: int, column: int, message: str) -> Problem:
    return Problem(path, line, column, Severity.ERROR, message)


def warning(path: str, line: int, column: int, message: str) -> Problem:
    return Problem(path, line, column, Severity.WARNING, message)


def format_problems(problems: Iterable[Problem], style: str = "text") -> str:
    """Render problems as plain text lines, GitHub Actions annotations, or JSON."""
    ordered = sorted(problems)
    if style == "json":
        rows = [{**asdict(p), "severity": p.severity.value} for p in ordered]
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if style == "github":
        return "\n".join(p.as_github() for p in ordered)
    return "\n".join(p.as_text() for p in ordered)


def did_you_mean(word: str, candidates: Sequence[str], n: int = 1) -> str:
    """``"; did you mean 'x'?"`` for the nearest candidates, or nothing when none is near."""
    matches = difflib.get_close_matches(word, list(candidates), n=n, cutoff=0.6)
    if not matches:
        return ""
    if len(matches) == 1:
        return f"; did you mean '{matches[0]}'?"
    return "; did you mean " + ", ".join(f"'{m}'" for m in matches[:-1]) + f" or '{matches[-1]}'?"
