"""Historians' dates: the Extended Date/Time Format, level 1.

A date may be a year, a month or a day, uncertain (``?``), approximate (``~``) or both (``%``),
a season (``1920-23`` is autumn 1920), have unspecified digits (``192X``), or be an interval
(``1921-03-23/1921-04-01``, open ``1922/..`` or unknown ``/1922``). Every date knows the earliest and
latest day it can mean, which is what sorting and range checks need, and says itself in words.

Hand-written rather than taken from the ``edtf`` package: its pyparsing grammar costs about a
millisecond a date, which an edition of thousands of documents pays on every check and build.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["EdtfDate", "EdtfError", "EdtfInterval", "HistoricalDate", "parse_date"]

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
SEASONS = {21: ("spring", 3, 5), 22: ("summer", 6, 8), 23: ("autumn", 9, 11), 24: ("winter", 12, 14)}

_DATE = re.compile(
    r"^(?P<year>-?[0-9X]{4})"
    r"(?:-(?P<month>[0-9X]{2})(?:-(?P<day>[0-9X]{2}))?)?"
    r"(?P<qualifier>[?~%])?$"
)


class EdtfError(ValueError):
    """A date that is not EDTF level 1, or names a day that does not exist."""


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """A single date: year, month or day precision, with its qualifiers."""

    text: str
    year: int | None  # None when every digit is unspecified
    month: int | None
    day: int | None
    season: int | None
    earliest: dt.date
    latest: dt.date
    uncertain: bool
    approximate: bool
    unspecified: bool

    @property
    def is_interval(self) -> bool:
        return False

    def words(self) -> str:
        """The date as a reader expects it: "8 March 1921", "c. March 1921", "autumn 1920"."""
        return self._qualified(self._plain_words())

    def _plain_words(self, with_year: bool = True) -> str:
        year = str(self.year) if self.year is not None else "????"
        if self.unspecified and self.month is None:
            # Only the year's own digits: in "1921-XX" the unknown month says nothing of the decade.
            digits = self.text.lstrip("-")[:4]
            if digits.endswith("X") and digits.count("X") == 1:
                year = f"{digits[:3]}0s"
            elif digits.endswith("XX") and digits.count("X") == 2:
                year = f"{digits[:2]}00s"
        if self.season is not None:
            return f"{SEASONS[self.season][0]} {year}" if with_year else SEASONS[self.season][0]
        parts = []
        if self.day is not None:
            parts.append(str(self.day))
        if self.month is not None:
            parts.append(MONTHS[self.month - 1])
        if with_year or not parts:
            parts.append(year)
        return " ".join(parts)

    def _qualified(self, words: str) -> str:
        if self.approximate:
            words = f"c. {words}"
        if self.uncertain:
            words = f"{words} (?)"
        return words


@dataclass(frozen=True, slots=True)
class EdtfInterval:
    """An interval between two dates; either end may be open (``..``) or unknown (empty)."""

    text: str
    start: EdtfDate | None
    end: EdtfDate | None
    open_start: bool
    open_end: bool

    @property
    def is_interval(self) -> bool:
        return True

    @property
    def earliest(self) -> dt.date:
        return self.start.earliest if self.start else dt.date.min

    @property
    def latest(self) -> dt.date:
        return self.end.latest if self.end else dt.date.max

    def words(self) -> str:
        """ "23 March – 1 April 1921", "March – May 1921", "from 3 April 1922": ranges take an en dash,
        spaced between dates that have spaces of their own."""
        start, end = self.start, self.end
        if start is None and end is None:
            return "date unknown"
        if end is None:
            assert start is not None
            return f"from {start.words()}" if self.open_end else f"{start.words()} – ?"
        if start is None:
            return f"until {end.words()}" if self.open_start else f"? – {end.words()}"
        if _plain(start) and _plain(end) and start.year == end.year and start.year is not None:
            if start.month is not None and start.month == end.month and start.day is not None \
                    and end.day is not None:
                if start.day == end.day:
                    return start.words()
                return f"{start.day}–{end.day} {MONTHS[start.month - 1]} {start.year}"
            if (start.day is None) == (end.day is None) and start.month and end.month:
                return f"{start._plain_words(with_year=False)} – {end.words()}"
        return f"{start.words()} – {end.words()}"


def _plain(date: EdtfDate) -> bool:
    return not (date.uncertain or date.approximate or date.unspecified or date.season)


HistoricalDate = EdtfDate | EdtfInterval


def span_words(start: HistoricalDate, end: HistoricalDate | None) -> str:
    """What lies between two dates, in words: "8–16 March 1921" rather than "8 March 1921 – 16 March
    1921"; either end may itself be an interval."""
    if end is None or end.text == start.text:
        return start.words()
    if isinstance(start, EdtfInterval) or isinstance(end, EdtfInterval):
        return f"{start.words()} – {end.words()}"
    return EdtfInterval(f"{start.text}/{end.text}", start, end, False, False).words()


def parse_date(value: object) -> HistoricalDate:
    """Read an EDTF level 1 date; YAML may hand us an int (``1921``) or a ``datetime.date``.

    Raises:
        EdtfError: with a message a contributor can act on.
    """
    if isinstance(value, bool) or value is None:
        raise EdtfError(f"expected a date such as '1921-03-08', got {value!r}")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, int):
        value = f"{value:04d}"
    if not isinstance(value, str):
        raise EdtfError(f"expected a date such as '1921-03-08', got a {type(value).__name__}")
    text = value.strip()
    if "/" in text:
        return _parse_interval(text)
    return _parse_single(text)


def _parse_interval(text: str) -> EdtfInterval:
    if text.count("/") != 1:
        raise EdtfError(f"'{text}' is not a date interval: write 'START/END', e.g. '1921-03-23/1921-04-01'")
    left, right = text.split("/")
    start = None if left in ("", "..") else _parse_single(left)
    end = None if right in ("", "..") else _parse_single(right)
    if start is None and end is None:
        raise EdtfError(f"'{text}' has no date at either end")
    if start is not None and end is not None and end.latest < start.earliest:
        raise EdtfError(f"'{text}' ends before it starts")
    return EdtfInterval(text, start, end, open_start=left == "..", open_end=right == "..")


def _parse_single(text: str) -> EdtfDate:
    match = _DATE.match(text)
    if not match:
        raise EdtfError(
            f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, "
            "optionally followed by ? (uncertain) or ~ (approximate)"
        )
    year_text, month_text, day_text, qualifier = match.group("year", "month", "day", "qualifier")
    unspecified = "X" in text
    if "X" in year_text.lstrip("-").rstrip("X"):
        raise EdtfError(f"'{text}': only the last digits of a year may be unspecified (X)")
    if "X" in year_text and (month_text or day_text) and not set(month_text or "X") <= {"X"}:
        raise EdtfError(f"'{text}': a month cannot be known when the year is not")
    digits = year_text.rstrip("X")
    missing = len(year_text.lstrip("-")) - len(digits.lstrip("-"))
    year = int(year_text) if missing == 0 else None
    low_year = int(digits + "0" * missing) if digits.lstrip("-") else 0
    high_year = int(digits + "9" * missing) if digits.lstrip("-") else 9999

    month = day = season = None
    low_month, high_month = 1, 12
    if month_text and month_text != "XX":
        number = int(month_text)
        if number in SEASONS:
            season = number
            _, low_month, high_month = SEASONS[number]
        elif 1 <= number <= 12:
            month = low_month = high_month = number
        else:
            raise EdtfError(f"'{text}': {number} is not a month (01-12) or season (21-24)")
    if day_text and season is not None:
        raise EdtfError(f"'{text}': a season has no days")
    if day_text and day_text != "XX":
        if month is None:
            raise EdtfError(f"'{text}': a day needs a known month")
        number = int(day_text)
        if year is not None and not 1 <= number <= calendar.monthrange(year, month)[1]:
            raise EdtfError(f"'{text}' does not exist: {MONTHS[month - 1]} {year} has "
                            f"{calendar.monthrange(year, month)[1]} days")
        if not 1 <= number <= 31:
            raise EdtfError(f"'{text}': {number} is not a day of the month")
        day = number
    if not 1 <= low_year <= 9999 or not 1 <= high_year <= 9999:
        raise EdtfError(f"'{text}': years before 1 or after 9999 are not supported")

    if high_month > 12 and high_year >= 9999:
        raise EdtfError(f"'{text}': a winter of the year 9999 runs past the last supported year")
    if high_month > 12:  # winter runs into the next year
        latest = dt.date(high_year + 1, high_month - 12, calendar.monthrange(high_year + 1, high_month - 12)[1])
    elif day is not None:
        latest = dt.date(high_year, high_month, day)
    else:
        latest = dt.date(high_year, high_month, calendar.monthrange(high_year, high_month)[1])
    earliest = dt.date(low_year, low_month, day or 1)
    return EdtfDate(
        text=text,
        year=year,
        month=month,
        day=day,
        season=season,
        earliest=earliest,
        latest=latest,
        uncertain=qualifier in ("?", "%"),
        approximate=qualifier in ("~", "%"),
        unspecified=unspecified,
    )


def sort_key(date: HistoricalDate) -> tuple[dt.date, dt.date]:
    """Dates sort by the earliest day they can mean, then the latest: a month before its days' end."""
    return (date.earliest, date.latest)
