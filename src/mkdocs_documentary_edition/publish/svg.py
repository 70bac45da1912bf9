"""Figures drawn by Matplotlib, finished as SVG that belongs inside one of the edition's pages.

Matplotlib lays a figure out (axes, ticks, bars, labels); what it writes is made fit for a page here:
its ids are prefixed so that two figures on one page do not clash, its colours become the theme's
(so that a figure follows the reader's light or dark scheme), its text takes the page's font, and
the marks that stand for a record become links with an accessible name.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lxml import etree

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["INK", "MARK", "MUTED", "RULE", "SvgLink", "drawing", "figure", "finish"]

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"

# Colours Matplotlib draws with, that stand for the theme's: no figure uses them as themselves.
INK = "#010101"  # text and axes: the page's text colour
MARK = "#020202"  # a bar or mark that stands for records
MUTED = "#030303"  # a lighter mark: the approximate, the uncertain, the continuing
RULE = "#040404"  # grid lines
THEME_COLOURS = {INK: "currentColor", MARK: "var(--edition-chart-mark)", MUTED: "var(--edition-chart-muted)",
                 RULE: "var(--edition-chart-rule)"}
_COLOUR = re.compile("|".join(THEME_COLOURS))
_FONT = re.compile(r"font-family:[^;\"]*")
_REFERENCE = re.compile(r"url\(#([^)]+)\)")
POINTS_PER_INCH = 72  # Matplotlib's SVG is measured in points; at 72 dpi a point is a pixel of the layout


@dataclass(frozen=True, slots=True)
class SvgLink:
    """A mark that leads to a page: where (relative to the page showing the figure), and its name."""

    href: str
    title: str


@contextmanager
def drawing(prefix: str) -> Iterator[None]:
    """Matplotlib's settings while a figure is drawn and written.

    Labels are the edition's text, shown as written: Matplotlib would otherwise read ``$...$`` in
    a name or title as mathematics (and fail on a stray one). Text stays text in the SVG, so that
    it takes the page's font and can be found and copied; ids are hashed with the figure's prefix.
    """
    import matplotlib

    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False, "svg.fonttype": "none",
                                "svg.hashsalt": prefix, "hatch.linewidth": 0.8}):
        yield


def figure(width: float, height: float) -> Figure:
    """A figure of ``width`` by ``height`` layout pixels, in the edition's drawing style."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width / POINTS_PER_INCH, height / POINTS_PER_INCH), dpi=POINTS_PER_INCH)
    figure.patch.set_alpha(0)  # the page's own background, light or dark, shows through
    return figure


def style(axes: Any) -> None:
    """Axes as the edition draws them: no box, a light grid, ink-coloured labels."""
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(INK)
    axes.set_facecolor("none")
    axes.tick_params(colors=INK, labelcolor=INK, labelsize=12)
    axes.set_axisbelow(True)


def finish(drawn: Figure, prefix: str, links: Mapping[str, SvgLink], label_id: str) -> str:
    """The figure as an ``<svg>`` element for a page (called inside ``drawing``).

    Arguments:
        drawn: the laid-out figure.
        prefix: unique on the page, prefixed to every id the figure keeps.
        links: where the marks of each record lead, by a key; an artist given the gid
            ``<key>:<part>`` (``e3:mark``, ``e3:label``) is drawn inside its record's one link.
        label_id: the id of the element (a caption) that names the figure.
    """
    buffer = io.StringIO()
    drawn.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = _COLOUR.sub(lambda m: THEME_COLOURS[m.group(0)], buffer.getvalue())
    text = _FONT.sub("font-family: inherit", text)
    root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    for metadata in root.findall(f"{{{SVG}}}metadata"):
        root.remove(metadata)
    # The layout's size stays as the viewBox; the page's stylesheet decides how wide it is drawn.
    for attribute in ("width", "height"):
        root.attrib.pop(attribute, "")
    root.set("class", "edition-figure")
    root.set("role", "group")
    root.set("aria-labelledby", label_id)
    _prefix_ids(root, prefix)
    _link(root, links)
    return etree.tostring(root, encoding="unicode")


def _prefix_ids(root: Any, prefix: str) -> None:
    """Keep the ids something refers to (clip paths, hatches, shared tick marks), under ``prefix``;
    drop Matplotlib's names for its own groups, which would clash with the page's."""
    referred: set[str] = set()
    for element in root.iter():
        for name, value in element.attrib.items():
            if name == f"{{{XLINK}}}href" and value.startswith("#"):
                referred.add(value[1:])
            referred.update(_REFERENCE.findall(value))
    for element in root.iter():
        gid = element.get("id")
        if gid is None:
            continue
        if gid in referred:
            element.set("id", f"{prefix}-{gid}")
        elif ":" not in gid:  # our gids, kept until the links are made
            del element.attrib["id"]
    for element in root.iter():
        for name, value in element.attrib.items():
            if name == f"{{{XLINK}}}href" and value.startswith("#") and value[1:] in referred:
                element.set(name, f"#{prefix}-{value[1:]}")
            elif "url(#" in value:
                element.set(name, _REFERENCE.sub(lambda m: f"url(#{prefix}-{m.group(1)})", value))


def _link(root: Any, links: Mapping[str, SvgLink]) -> None:
    """Wrap the groups of each linked record in one ``<a>`` with a ``<title>``: one stop for the
    keyboard, one name for a screen reader, whatever number of shapes draw the record."""
    anchors: dict[str, Any] = {}
    for group in list(root.iter(f"{{{SVG}}}g")):
        gid = group.get("id")
        if gid is None or ":" not in gid:
            continue
        del group.attrib["id"]
        key = gid.partition(":")[0]
        link = links.get(key)
        if link is None:
            continue
        anchor = anchors.get(key)
        if anchor is None:
            anchor = etree.Element(f"{{{SVG}}}a")
            anchor.set("href", link.href)
            anchor.set("class", "edition-figure__link")
            title = etree.SubElement(anchor, f"{{{SVG}}}title")
            title.text = link.title
            group.addprevious(anchor)
            anchors[key] = anchor
        anchor.append(group)
