"""The documents as a set, drawn: overview charts and the timeline, static SVG in the built pages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import EditionFolder
from mkdocs_documentary_edition import load_edition
from mkdocs_documentary_edition.model.index import EditionIndex
from mkdocs_documentary_edition.publish.timeline import timeline


def written(root: Path) -> EditionFolder:
    edition = EditionFolder(root)
    edition.person("lenin", "Vladimir Lenin")
    edition.person("kollontai", "Aleksandra Kollontai")
    edition.document("theses", date="1920-12-18", section="early", extra="genre: theses")
    edition.document("speech", date="1921-03-08", extra="genre: speech")
    edition.document("second-speech", date="1923-03", author="kollontai", extra="genre: speech")
    edition.document("recollection", date="1926/1962", author="kollontai", extra="genre: memoir")
    edition.event("tenth-congress", "1921-03-08", "1921-03-16", name="Tenth Congress")
    edition.event("ban", "1921-03-16", "1921-03-16", name="Ban on factions")
    edition.event("revolt", "1921-02~", "1921-04~", name="A revolt")
    edition.event("conference", "1920-11?", "1920-11?", name="A conference")
    edition.event("collapse", "1991-12-26", "1991-12-26", name="Dissolution")
    edition.write("events/hostile.md", "---\nid: hostile\nname: '$\\frac{1}{2}$ <script>alert(1)</script>'\n"
                  "start: '1922'\n---\nA name that is not mathematics, nor markup.\n")
    return edition


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    edition = written(tmp_path_factory.mktemp("figures") / "edition")
    build(load_config(str(edition.root / "mkdocs.yml"), site_dir=str(edition.root / "site")))
    return edition.root / "site"


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def figure(soup: BeautifulSoup, figure_id: str) -> Tag:
    found = soup.find("figure", id=figure_id)
    assert isinstance(found, Tag), f"no figure {figure_id}"
    return found


def links(svg: Tag) -> dict[str, str]:
    """Each link in a drawing: its accessible name (the title) by where it leads."""
    return {a["href"]: a.find("title").get_text() for a in svg.find_all("a")}


def test_the_sections_page_draws_documents_per_year_genre_and_author(site) -> None:
    soup = page(site, "sections")
    assert [f.figcaption.get_text() for f in soup.select(".edition-overview figure")] == \
        ["Documents per year", "Documents per genre", "Documents per author"]


def test_a_chart_counts_every_year_between_the_first_and_the_last(site) -> None:
    rows = figure(page(site, "sections"), "edition-years").select("tbody tr")
    assert [tuple(td.get_text() for td in row.find_all("td")) for row in rows] == \
        [("1920", "1"), ("1921", "1"), ("1922", "0"), ("1923", "1"), ("1924", "0"), ("1925", "0"), ("1926", "1")]


def test_a_years_bar_links_to_the_page_of_that_year(site) -> None:
    chart = figure(page(site, "sections"), "edition-years")
    assert links(chart.svg)["../years/1921/"] == "1921: 1 document"
    assert (site / "years" / "1921" / "index.html").is_file()


def test_an_authors_bar_links_to_the_person(site) -> None:
    chart = figure(page(site, "sections"), "edition-authors")
    assert links(chart.svg) == {"../people/kollontai/": "Aleksandra Kollontai: 2 documents",
                                "../people/lenin/": "Vladimir Lenin: 2 documents"}


def test_a_chart_has_its_figures_as_a_table(site) -> None:
    chart = figure(page(site, "sections"), "edition-genres")
    table = {row.find_all("td")[0].get_text(): row.find_all("td")[1].get_text() for row in chart.select("tbody tr")}
    assert table == {"speech": "2", "memoir": "1", "theses": "1"}
    assert chart.svg["aria-labelledby"] == chart.figcaption["id"]


def test_a_section_draws_only_its_own_documents(site) -> None:
    chart = figure(page(site, "sections/early"), "section-genres")
    assert [row.find("td").get_text() for row in chart.select("tbody tr")] == ["theses"]


def test_the_home_page_counts_the_edition(site) -> None:
    glance = page(site, "").find("section", class_="edition-glance")
    assert "4 documents from 1920 to 1926" in " ".join(glance.p.get_text().split())
    assert glance.find("figure", id="edition-years") is not None


def test_the_timeline_links_every_event_and_document_it_draws(site) -> None:
    drawn = links(figure(page(site, "chronology"), "timeline").svg)
    assert drawn["../events/tenth-congress/"] == "Tenth Congress (8–16 March 1921)"
    assert drawn["../documents/theses/"] == "Theses (18 December 1920)"
    assert {url for url in drawn if url.startswith("../documents/")} == \
        {f"../documents/{d}/" for d in ("theses", "speech", "second-speech", "recollection")}


def test_the_timeline_spans_the_documents_and_leaves_a_far_event_to_the_table(site) -> None:
    chronology = page(site, "chronology")
    line = figure(chronology, "timeline")
    assert "../events/collapse/" not in links(line.svg)
    assert "1 event outside these years is in the table only" in line.figcaption.get_text()
    assert chronology.find("table").find("a", href="../events/collapse/") is not None


def test_approximate_dates_are_hatched_and_uncertain_ones_dashed(site) -> None:
    svg = figure(page(site, "chronology"), "timeline").svg
    def shape(url: str) -> Tag:
        return svg.find("a", href=url).find("path")
    assert "url(#timeline-" in shape("../events/revolt/")["style"]  # a hatch pattern fills it
    assert "stroke-dasharray" in shape("../events/conference/")["style"]
    assert "stroke-dasharray" not in shape("../events/tenth-congress/")["style"]
    assert "url(#" not in shape("../events/tenth-congress/")["style"]


def test_a_document_dated_past_the_drawn_years_runs_on_to_the_edge(tmp_path) -> None:
    loaded = load_edition(written(tmp_path / "edition").root)
    line = timeline([], EditionIndex.build(loaded.edition).ordered)
    assert line is not None
    recollection = next(m for m in line.documents if m.key == "d-recollection")
    assert recollection.after and not recollection.before


def test_past_the_limit_the_timeline_draws_documents_as_counts_per_year(tmp_path) -> None:
    loaded = load_edition(written(tmp_path / "edition").root)
    line = timeline([], EditionIndex.build(loaded.edition).ordered, marks=3)
    assert line is not None
    assert [(m.kind, m.url) for m in line.documents] == [("year", f"years/{y}/") for y in (1920, 1921, 1923, 1926)]


def test_text_in_a_drawing_is_shown_as_written(site) -> None:
    svg = figure(page(site, "chronology"), "timeline").svg
    assert svg.find("script") is None
    labels = [text.get_text() for text in svg.find_all("text")]
    assert any(label.startswith("$\\frac{1}{2}$ <script>") for label in labels)  # not read as mathematics


def test_no_id_is_used_twice_on_a_page_with_several_drawings(site) -> None:
    for url in ("sections", "chronology", ""):
        ids = Counter(tag["id"] for tag in page(site, url).find_all(id=True))
        assert [name for name, count in ids.items() if count > 1] == []


def test_drawings_take_their_colours_from_the_theme(site) -> None:
    svg = str(figure(page(site, "chronology"), "timeline").svg)
    assert "var(--edition-chart-mark)" in svg
    assert "#020202" not in svg and "#010101" not in svg
