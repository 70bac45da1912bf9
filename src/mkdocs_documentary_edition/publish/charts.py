"""The documents as a set: how they spread over years, genres and authors, for the edition and each section.

Each chart is counted here and drawn at build time as static SVG (no script in the reader's
browser); the page shows the same counts as a table, its text alternative.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import urls
from ..model.index import EditionIndex
from ..model.labels import genre_label
from ..model.records import Document
from . import svg

__all__ = ["Bar", "Chart", "overview"]

TOP = 10  # authors or genres: more would make the chart a list; the rest are counted together
DECADES_AFTER = 40  # a span of years longer than this is counted by decade
WIDTH = 520  # layout pixels, the width a chart is shown at on a wide screen
BAR = 24  # layout pixels per bar of a horizontal chart
CHARACTER = 7.4  # the width of a character of a 12 px label, near enough to make room for the longest


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: what it counts, how many, and the page that lists them (site-relative), if any."""

    label: str
    count: int
    url: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    """A count of documents by one property, drawn as bars."""

    id: str
    title: str
    heading: str  # what a bar counts by, as the text alternative's column heading
    bars: tuple[Bar, ...]
    across: bool = False  # bars side by side along a time axis, rather than one under another

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)

    def svg(self, link: Callable[[str], str]) -> str:
        """The chart as an ``<svg>`` element; ``link`` makes a site URL relative to the page."""
        with svg.drawing(self.id):
            return _draw(self, link)


def overview(documents: Iterable[Document], index: EditionIndex, prefix: str) -> list[Chart]:
    """Documents per year (or decade), per genre and per author, with bars linking where a page lists them."""
    documents = [d for d in documents if d.withdrawn is None]
    if not documents:
        return []
    return [_by_time(documents, prefix), _by_genre(documents, prefix), _by_author(documents, index, prefix)]


def _by_time(documents: list[Document], prefix: str) -> Chart:
    years = Counter(d.date.earliest.year for d in documents)
    first, last = min(years), max(years)
    if last - first > DECADES_AFTER:
        decades = Counter(year // 10 * 10 for year in years.elements())
        bars = tuple(Bar(f"{decade}s", decades[decade]) for decade in range(first // 10 * 10, last + 1, 10))
        return Chart(f"{prefix}-decades", "Documents per decade", "Decade", bars, across=True)
    bars = tuple(Bar(str(year), years[year], urls.url_of_src(urls.year_src(year)) if years[year] else "")
                 for year in range(first, last + 1))
    return Chart(f"{prefix}-years", "Documents per year", "Year", bars, across=True)


def _by_genre(documents: list[Document], prefix: str) -> Chart:
    genres = Counter(genre_label(d.genre) or "no genre given" for d in documents)
    ranked = sorted(genres.items(), key=lambda g: (-g[1], g[0]))
    bars = [Bar(label, count) for label, count in ranked[:TOP]]
    rest = ranked[TOP:]
    if rest:
        bars.append(Bar(f"{len(rest)} other genres", sum(count for _, count in rest)))
    return Chart(f"{prefix}-genres", "Documents per genre", "Genre", tuple(bars))


def _by_author(documents: list[Document], index: EditionIndex, prefix: str) -> Chart:
    authors = Counter(author for d in documents for author in d.authors if author in index.people)
    ranked = sorted(authors.items(), key=lambda a: (-a[1], index.people[a[0]].sort_name.casefold()))
    bars = [Bar(index.people[person].name, count, urls.page_url("person", person))
            for person, count in ranked[:TOP]]
    rest = ranked[TOP:]
    if rest:
        bars.append(Bar(f"{len(rest)} other authors", sum(count for _, count in rest)))
    unattributed = sum(1 for d in documents if not any(a in index.people for a in d.authors))
    if unattributed:
        bars.append(Bar("no author named", unattributed))
    return Chart(f"{prefix}-authors", "Documents per author", "Author", tuple(bars))


def _draw(chart: Chart, link: Callable[[str], str]) -> str:
    labels = [bar.label for bar in chart.bars]
    counts = [bar.count for bar in chart.bars]
    if chart.across:
        drawn = svg.figure(WIDTH, 240)
        axes = drawn.add_axes((0.08, 0.2, 0.9, 0.72))
        marks = axes.bar(range(len(labels)), counts, color=svg.MARK, width=0.7)
        axes.set_xticks(range(len(labels)), labels, rotation=90 if len(labels) > 12 else 0)
        axes.set_xlim(-0.6, len(labels) - 0.4)
        axes.yaxis.grid(True, color=svg.RULE, linewidth=0.6)
        axes.locator_params(axis="y", integer=True, nbins=5)
    else:
        widest = max(len(label) for label in labels)
        height = BAR * len(labels) + 40
        drawn = svg.figure(WIDTH, height)
        left = min(0.5, 0.03 + widest * CHARACTER / WIDTH)
        axes = drawn.add_axes((left, 30 / height, 0.93 - left, 1 - 40 / height))
        positions = range(len(labels))
        marks = axes.barh(positions, counts, color=svg.MARK, height=0.7)
        axes.set_yticks(positions, labels)
        axes.set_ylim(len(labels) - 0.4, -0.6)  # the largest first, at the top
        axes.xaxis.grid(True, color=svg.RULE, linewidth=0.6)
        axes.locator_params(axis="x", integer=True, nbins=5)
    axes.bar_label(marks, padding=3, color=svg.INK, fontsize=11, labels=[str(c) if c else "" for c in counts])
    svg.style(axes)
    links: dict[str, svg.SvgLink] = {}
    for number, (mark, bar) in enumerate(zip(marks, chart.bars, strict=True)):
        if bar.url and bar.count:
            key = f"b{number}"
            mark.set_gid(f"{key}:mark")
            links[key] = svg.SvgLink(link(bar.url), f"{bar.label}: {_documents(bar.count)}")
    return svg.finish(drawn, chart.id, links, f"{chart.id}-caption")


def _documents(count: int) -> str:
    return f"{count} document" if count == 1 else f"{count} documents"
