"""The chronology drawn: events and documents on a time axis, each mark a link to its page.

An event that lasts is a bar from the earliest to the latest day its dates can mean, a single day
a diamond; an approximate date (``~``) is hatched, an uncertain one (``?``) outlined with dashes;
a mark that runs past the drawn years ends in an arrow. Events take rows of their own, labelled,
packed so that no two overlap; documents take the rows beneath. The drawn span is the years of the
documents' beginnings, so that one late event (an anniversary) or a document dated only "before
1962" does not squeeze the rest.

Bounded as the edition grows: past ``DOCUMENT_MARKS`` documents, the documents' rows give way to
one bar per year, linking to that year's page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..model import urls
from ..model.dates import EdtfDate, HistoricalDate
from ..model.records import Document, Event
from . import svg

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.patches import Rectangle

__all__ = ["DOCUMENT_MARKS", "Mark", "Timeline", "timeline"]

DOCUMENT_MARKS = 400  # beyond this the documents are drawn as counts per year
WIDTH = 1100  # layout pixels; on a narrow screen the figure scrolls in its own box
LEFT, RIGHT = 10, 10
EVENT_ROW, DOCUMENT_ROW = 22, 9  # layout pixels per row
LABEL_CHARACTERS = 42  # longer names are shortened in the picture, whole in the link's title
CHARACTER = 6.3  # the width of a character of an 11 px label, near enough to keep labels apart
MIN_MARK = 5  # pixels: a day must still be a target


@dataclass(frozen=True, slots=True)
class Mark:
    """One record on the timeline: where it starts and ends (layout pixels), and how it is drawn."""

    key: str
    url: str
    title: str
    start: float
    end: float
    kind: str  # "event", "document" or "year"
    single_day: bool
    approximate: bool
    uncertain: bool
    before: bool  # runs on before the drawn span
    after: bool  # runs on after it
    label: str = ""
    row: int = 0
    height: float = 1.0  # a year's bar: its share of the busiest year


@dataclass(frozen=True, slots=True)
class Timeline:
    first_year: int
    last_year: int
    events: tuple[Mark, ...]
    documents: tuple[Mark, ...]
    outside: int  # events wholly outside the drawn years, which only the table shows

    @property
    def event_rows(self) -> int:
        return max((m.row for m in self.events), default=-1) + 1

    @property
    def document_rows(self) -> int:
        return max((m.row for m in self.documents), default=-1) + 1

    def svg(self, link: Callable[[str], str], prefix: str = "timeline") -> str:
        """The timeline as an ``<svg>`` element; ``link`` makes a site URL relative to the page."""
        with svg.drawing(prefix):
            return _draw(self, link, prefix)


def timeline(events: Sequence[Event], documents: Sequence[Document], marks: int = DOCUMENT_MARKS) -> Timeline | None:
    """The timeline of these records, or None when there is nothing to draw; past ``marks``
    documents, they are drawn as counts per year."""
    documents = [d for d in documents if d.withdrawn is None]
    # Where documents begin: one written "between 1926 and 1962" runs on past the drawn years.
    dated = [d.date.earliest.year for d in documents if d.date.earliest != dt.date.min]
    if not dated:
        dated = [e.earliest.year for e in events if e.earliest != dt.date.min]
    if not dated:
        return None
    first, last = min(dated), max(dated)
    scale = _Scale(first, last)
    shown = [mark for event in events if (mark := _event_mark(event, scale)) is not None]
    outside = len(events) - len(shown)
    if len(documents) > marks:
        drawn = _year_marks(documents, scale)
    else:
        drawn = [_document_mark(document, scale) for document in documents]
    return Timeline(first, last, tuple(_rows(shown, labelled=True)), tuple(_rows(drawn, labelled=False)), outside)


class _Scale:
    """Days to layout pixels over whole years, first to last."""

    def __init__(self, first: int, last: int) -> None:
        self.start, self.end = dt.date(first, 1, 1), dt.date(last, 12, 31)
        self.per_day = (WIDTH - LEFT - RIGHT) / ((self.end - self.start).days + 1)

    def x(self, day: dt.date) -> float:
        day = min(max(day, self.start), self.end)
        return LEFT + (day - self.start).days * self.per_day

    def right(self, day: dt.date) -> float:
        """The right edge of ``day``: a day has a width."""
        return self.x(day) + self.per_day

    def outside(self, earliest: dt.date, latest: dt.date) -> bool:
        return latest < self.start or earliest > self.end


def _qualities(*dates: HistoricalDate | None) -> tuple[bool, bool]:
    """Whether any end of these dates is approximate, and whether any is uncertain."""
    plain: list[EdtfDate] = []
    for date in dates:
        if date is None:
            continue
        plain += [d for d in (date.start, date.end) if d is not None] if date.is_interval else [date]  # type: ignore[union-attr, list-item]
    return any(d.approximate for d in plain), any(d.uncertain for d in plain)


def _event_mark(event: Event, scale: _Scale) -> Mark | None:
    earliest, latest = event.earliest, event.latest
    if scale.outside(earliest, latest):
        return None
    approximate, uncertain = _qualities(event.start, event.end)
    start, end = scale.x(earliest), scale.right(latest)
    single = earliest == latest
    name = event.name if len(event.name) <= LABEL_CHARACTERS else event.name[: LABEL_CHARACTERS - 1].rstrip() + "…"
    return Mark(f"e-{event.id}", urls.page_url("event", event.id), _title(event.name, event.date_words()),
                start, max(end, start + MIN_MARK), "event", single, approximate, uncertain,
                earliest < scale.start, latest > scale.end, name)


def _document_mark(document: Document, scale: _Scale) -> Mark:
    earliest, latest = document.date.earliest, document.date.latest
    approximate, uncertain = _qualities(document.date)
    start = scale.x(earliest)
    return Mark(f"d-{document.id}", urls.page_url("document", document.id),
                _title(document.title, document.date.words()), start, max(scale.right(latest), start + MIN_MARK),
                "document", earliest == latest, approximate, uncertain, earliest < scale.start,
                latest > scale.end)


def _year_marks(documents: Sequence[Document], scale: _Scale) -> list[Mark]:
    years: dict[int, int] = {}
    for document in documents:
        years[document.date.earliest.year] = years.get(document.date.earliest.year, 0) + 1
    busiest = max(years.values())
    return [Mark(f"y-{year}", urls.url_of_src(urls.year_src(year)), f"{year}: {count} documents",
                 scale.x(dt.date(year, 1, 1)) + 1, scale.right(dt.date(year, 12, 31)) - 1, "year", False, False,
                 False, False, False, height=count / busiest)
            for year, count in sorted(years.items())]


def _title(name: str, when: str) -> str:
    return f"{name} ({when})"


def _rows(marks: list[Mark], *, labelled: bool) -> list[Mark]:
    """Each mark in the first row where it, and its label, overlap nothing."""
    ends: list[float] = []
    placed: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, m.end, m.key)):
        reach = mark.end + (8 + CHARACTER * len(mark.label) if labelled else 1)
        row = next((r for r, end in enumerate(ends) if end < mark.start), len(ends))
        if row == len(ends):
            ends.append(reach)
        else:
            ends[row] = reach
        placed.append(replace(mark, row=row))
    return placed


def _draw(line: Timeline, link: Callable[[str], str], prefix: str) -> str:
    event_height = line.event_rows * EVENT_ROW
    document_height = max(line.document_rows, 1) * DOCUMENT_ROW if line.documents else 0
    top, gap, bottom = 24, 28, 30
    height = top + event_height + gap + document_height + bottom
    drawn = svg.figure(WIDTH, height)
    axes = drawn.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, WIDTH)
    axes.set_ylim(height, 0)
    axes.axis("off")
    scale = _Scale(line.first_year, line.last_year)
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if (line.last_year - line.first_year + 1) / s <= 24)
    for year in range(line.first_year, line.last_year + 1):
        x = scale.x(dt.date(year, 1, 1))
        axes.axvline(x, color=svg.RULE, linewidth=0.6 if year % step else 1.0, zorder=0)
        if year % step == 0 or year == line.first_year:
            axes.text(x + 2, height - 10, str(year), color=svg.INK, fontsize=11, va="baseline")
    axes.text(LEFT, top - 8, "Events", color=svg.INK, fontsize=11, fontweight="bold")
    document_top = top + event_height + gap
    if line.documents:
        axes.text(LEFT, document_top - 8, "Documents" if line.documents[0].kind != "year"
                  else "Documents per year", color=svg.INK, fontsize=11, fontweight="bold")
    links: dict[str, svg.SvgLink] = {}
    for number, mark in enumerate(line.events):
        key = f"m{number}"
        y = top + mark.row * EVENT_ROW + EVENT_ROW / 2
        _mark(axes, mark, y, EVENT_ROW * 0.55, key)
        label_x, align = (mark.end + 6, "left") if mark.end + 8 + CHARACTER * len(mark.label) < WIDTH \
            else (mark.start - 6, "right")
        axes.text(label_x, y, mark.label, color=svg.INK, fontsize=11, va="center", ha=align,
                  gid=f"{key}:label")
        links[key] = svg.SvgLink(link(mark.url), mark.title)
    for number, mark in enumerate(line.documents, start=len(line.events)):
        key = f"m{number}"
        if mark.kind == "year":
            bar = document_height * mark.height
            axes.add_patch(_rectangle(mark.start, document_top + document_height - bar, mark.end - mark.start, bar,
                                      svg.MARK, gid=f"{key}:mark"))
        else:
            y = document_top + mark.row * DOCUMENT_ROW + DOCUMENT_ROW / 2
            _mark(axes, mark, y, DOCUMENT_ROW * 0.7, key)
        links[key] = svg.SvgLink(link(mark.url), mark.title)
    return svg.finish(drawn, prefix, links, f"{prefix}-caption")


def _mark(axes: Axes, mark: Mark, y: float, size: float, key: str) -> None:
    from matplotlib.patches import Polygon

    gid = f"{key}:mark"
    fill = "none" if mark.uncertain else svg.MUTED if mark.approximate else svg.MARK
    style = {"edgecolor": svg.MARK, "linewidth": 1.2, "linestyle": (0, (3, 2)) if mark.uncertain else "solid",
             "hatch": "////" if mark.approximate else None}
    if mark.single_day and mark.kind == "event":
        x = mark.start + MIN_MARK / 2
        half = size / 2 + 1
        shape = Polygon([(x, y - half), (x + half, y), (x, y + half), (x - half, y)], closed=True,
                        facecolor=fill, gid=gid, **style)
    else:
        # A mark that runs past the drawn years ends in a point on that side: it goes on.
        top, bottom, head = y - size / 2, y + size / 2, size / 2
        right = [(mark.end - head, top), (mark.end, y), (mark.end - head, bottom)] if mark.after \
            else [(mark.end, top), (mark.end, bottom)]
        left = [(mark.start + head, bottom), (mark.start, y), (mark.start + head, top)] if mark.before \
            else [(mark.start, bottom), (mark.start, top)]
        points = right + left
        shape = Polygon(points, closed=True, facecolor=fill, gid=gid, **style)
    axes.add_patch(shape)


def _rectangle(x: float, y: float, width: float, height: float, colour: str, *, gid: str) -> Rectangle:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), width, height, facecolor=colour, edgecolor="none", gid=gid)
