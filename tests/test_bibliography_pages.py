"""The bibliography is read in pages of a hundred works, so that no page grows with the edition;
every link to a work, old ones included, reaches the page that lists it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import EditionFolder, need_chromium, served
from mkdocs_documentary_edition.model.index import EditionIndex
from mkdocs_documentary_edition.model.records import Edition
from mkdocs_documentary_edition.publish.pages import PageView

WORKS = 150
# Authors whose names start with A (works 1-60), B (61-120) and C (121-150), so that the works sort in
# their numbers' order; two works by one author stand either side of the first page's end.
SAME_AUTHOR = {100: ("Bwriter100, Wanda", "A First Book"), 101: ("Bwriter100, Wanda", "A Second Book")}


def _entry(number: int) -> str:
    initial = "ABC"[(number - 1) // 60]
    author, title = SAME_AUTHOR.get(number, (f"{initial}writer{number:03d}, Anna", f"Book {number}"))
    return f"@book{{w{number:03d},\n  author = {{{author}}},\n  title = {{{title}}},\n  year = {{1990}}\n}}\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, build_module) -> Path:
    edition = EditionFolder(tmp_path_factory.mktemp("bibliography") / "edition")
    edition.write("bibliography.bib", "".join(_entry(n) for n in range(1, WORKS + 1)))
    edition.person("lenin", "Vladimir Lenin", "Lenin, Vladimir")
    for part in range(3):
        numbers = range(part * 50 + 1, part * 50 + 51)
        edition.document(f"part-{part}", body=" ".join(f"Claim {n} [@w{n:03d}, 1]." for n in numbers))
    return build_module(edition)


@pytest.fixture(scope="module")
def build_module():
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    def run(folder: EditionFolder) -> Path:
        site = folder.root / "site"
        mkdocs_build(load_config(str(folder.root / "mkdocs.yml"), site_dir=str(site)))
        return site

    return run


def _entries(site: Path, page: str) -> list[BeautifulSoup]:
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.select("li.edition-bibliography__entry")


def test_the_bibliography_lists_a_hundred_works_a_page(site: Path) -> None:
    assert len(_entries(site, "bibliography")) == 100
    assert len(_entries(site, "bibliography/2")) == WORKS - 100
    assert _entries(site, "bibliography/2")[0]["id"] == "w101"


def test_the_second_page_numbers_its_works_on_from_the_first(site: Path) -> None:
    soup = BeautifulSoup((site / "bibliography/2/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("ol.edition-bibliography")["start"] == "101"


def test_a_page_opening_with_the_authors_of_the_work_before_names_them(site: Path) -> None:
    last_of_first, first_of_second = _entries(site, "bibliography")[-1], _entries(site, "bibliography/2")[0]
    assert last_of_first.get_text().strip().startswith("Bwriter100, Wanda")
    assert first_of_second.get_text().strip().startswith("Bwriter100, Wanda")  # not the style's dash


def test_the_dash_for_repeated_authors_stays_within_a_page(tmp_path: Path, build_module) -> None:
    edition = EditionFolder(tmp_path / "edition")
    edition.write("bibliography.bib", _entry(100) + _entry(101))
    edition.person("lenin", "Vladimir Lenin", "Lenin, Vladimir")
    edition.document("both", body="One [@w100, 1]. Two [@w101, 2].")
    second = _entries(build_module(edition), "bibliography")[1]
    assert second.get_text().strip().startswith("\u2014\u2014\u2014")


def _bib_links(site: Path, document: str) -> set[str]:
    soup = BeautifulSoup((site / f"documents/{document}/index.html").read_text(encoding="utf-8"), "html.parser")
    return {a["href"] for a in soup.select("a.edition-bib-link")}


def test_a_document_links_a_work_to_the_page_that_lists_it(site: Path) -> None:
    assert "../../bibliography/2/#w140" in _bib_links(site, "part-2")
    assert "../../bibliography/#w001" in _bib_links(site, "part-0")


def test_a_document_names_the_authors_of_every_work_it_cites(site: Path) -> None:
    soup = BeautifulSoup((site / "documents/part-2/index.html").read_text(encoding="utf-8"), "html.parser")
    entries = [li.get_text().strip() for li in soup.select(".edition-works-cited li")]
    assert [e for e in entries if e.startswith("Bwriter100")] != []
    assert [e for e in entries if e.startswith("\u2014")] == []  # the dash stands for nobody here


def test_the_places_of_the_works_are_published_for_old_links(site: Path) -> None:
    places = json.loads((site / "bibliography/places.json").read_text(encoding="utf-8"))
    assert places["w001"] == "bibliography/" and places["w150"] == "bibliography/2/"
    assert len(places) == WORKS


def test_the_initials_lead_to_the_first_work_under_each(site: Path) -> None:
    soup = BeautifulSoup((site / "bibliography/2/index.html").read_text(encoding="utf-8"), "html.parser")
    letters = {a.get_text(): a["href"] for a in soup.select("nav.edition-letters a")}
    assert letters == {"A": "../#w001", "B": "../#w061", "C": "#w121"}


def test_an_old_link_to_the_one_page_bibliography_reaches_the_work(site: Path) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS
    with served(site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{root}/bibliography/#w140")
        page.wait_for_url("**/bibliography/2/#w140")
        assert page.locator("#w140").is_visible()
        page.goto(f"{root}/bibliography/2/#w001")  # a work that has moved to another page since
        page.wait_for_url("**/bibliography/#w001")
        assert page.locator("#w001").is_visible()
        browser.close()


def test_the_pager_of_a_long_list_links_its_ends_and_the_pages_near() -> None:
    view = PageView("sections/late.md", "section", "Late", "edition/section.html",
                    EditionIndex.build(Edition((), [], [], [], {})), page=25, pages=50)
    assert view.pager_numbers() == [1, None, 22, 23, 24, 25, 26, 27, 28, None, 50]
    view.page = 2
    assert view.pager_numbers() == [1, 2, 3, 4, 5, None, 50]
    view.page, view.pages = 5, 10
    assert view.pager_numbers() == list(range(1, 11))  # a run of one page is shown, not left out
