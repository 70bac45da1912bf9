"""Print: document, person and event pages print as texts, without navigation or search, with their notes
and the addresses of their links; each section's documents in full on printable pages, paged like lists."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import need_chromium, served
from mkdocs_documentary_edition.publish.printable import PRINT_PAGE

NAVIGATION = (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-search", ".edition-neighbours", ".md-footer")


def text_with_notes(number: int) -> str:
    return (f"## Text\n\nParagraph one of document {number}, on [Lenin](person:lenin).[^1]\n\n"
            f"See [the programme](https://example.net/programme).\n\n[^1]: An editorial note of document {number}.\n")


@pytest.fixture
def sections(edition, build) -> Path:
    edition.person("lenin", "Vladimir Lenin")
    for number in range(PRINT_PAGE + 3):
        edition.document(f"d{number:02d}", date=f"1921-03-{1 + number % 28:02d}", body=text_with_notes(number))
    edition.document("early", date="1919-05", section="early", body=text_with_notes(99))
    return build(edition)


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_section_links_its_printable_pages(sections) -> None:
    link = page(sections, "sections/late").find("a", href="print/")
    assert link is not None


def test_a_sections_printable_pages_hold_all_its_documents_in_pages_of_twenty(sections) -> None:
    first, second = page(sections, "sections/late/print"), page(sections, "sections/late/print/2")
    assert not (sections / "sections" / "late" / "print" / "3").exists()
    ids = [a["id"] for soup in (first, second) for a in soup.select("section.edition-print-document")]
    assert ids == [f"d{n:02d}" for n in sorted(range(PRINT_PAGE + 3), key=lambda n: (1 + n % 28, n))]
    assert len(first.select("section.edition-print-document")) == PRINT_PAGE


def test_each_printed_document_has_its_notes_and_ids_of_its_own(sections) -> None:
    soup = page(sections, "sections/late/print")
    ids = Counter(tag["id"] for tag in soup.select("[id]"))
    assert [name for name, count in ids.items() if count > 1] == []
    article = soup.select_one("section#d00")
    [note] = article.select(".footnote li")
    assert "An editorial note of document 0." in note.get_text()
    assert article.select_one("sup a")["href"] == f"#{note['id']}"


def test_links_of_a_printed_document_lead_where_they_led_on_its_page(sections) -> None:
    article = page(sections, "sections/late/print").select_one("section#d00")
    assert article.select_one("a.edition-ref--person")["href"] == "../../../people/lenin/"


def test_printable_pages_are_not_in_search_or_the_navigation(sections) -> None:
    text = (sections / "sections" / "late" / "print" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in text
    assert not any("print/" in (a.get("href") or "") for a in page(sections, "").select(".md-nav a"))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """A built edition, served, and a browser page that prints (CSS media 'print')."""
    need_chromium()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from conftest import EditionFolder

    folder = EditionFolder(tmp_path_factory.mktemp("print") / "edition")
    folder.person("lenin", "Vladimir Lenin")
    folder.event("congress", "1921-03-08", "1921-03-16", name="Tenth Congress")
    folder.document("speech", body=text_with_notes(1))
    build(load_config(str(folder.root / "mkdocs.yml"), site_dir=str(folder.root / "site")))
    with served(folder.root / "site") as url:
        yield url, folder.root


@pytest.fixture
def print_page(chromium, printed):
    context = chromium.new_context(viewport={"width": 900, "height": 1200})
    browser_page = context.new_page()
    browser_page.emulate_media(media="print")
    yield browser_page
    context.close()


def visible(browser_page, selector: str) -> bool:
    return any(element.is_visible() for element in browser_page.query_selector_all(selector))


def test_a_printed_document_page_shows_its_notes_and_no_navigation(print_page, printed) -> None:
    url, root = printed
    print_page.goto(f"{url}/documents/speech/")
    print_page.wait_for_load_state("networkidle")
    screenshot = root / "speech-print.png"
    print_page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000
    note = print_page.locator(".footnote li").first
    assert note.is_visible()
    assert "An editorial note of document 1." in note.inner_text()
    box = note.bounding_box()
    height = print_page.evaluate("document.documentElement.scrollHeight")
    assert box is not None and 0 < box["y"] < height  # on the page the screenshot shows
    assert [selector for selector in NAVIGATION if visible(print_page, selector)] == []


def test_a_printed_page_prints_the_address_of_each_link(print_page, printed) -> None:
    url, _ = printed
    print_page.goto(f"{url}/documents/speech/")
    print_page.wait_for_load_state("networkidle")
    shown = print_page.evaluate("""() => {
        const link = document.querySelector('.edition-document__body a[href^="https://example.net"]');
        return getComputedStyle(link, '::after').content;
    }""")
    assert shown == '" <https://example.net/programme>"'
    person = print_page.evaluate("""() => {
        const link = document.querySelector('.edition-document__body a.edition-ref--person');
        return getComputedStyle(link, '::after').content;
    }""")
    assert person == f'" <{url}/people/lenin/>"'


@pytest.mark.parametrize("address", ["people/lenin/", "events/congress/"])
def test_person_and_event_pages_print_without_navigation(print_page, printed, address) -> None:
    url, _ = printed
    print_page.goto(f"{url}/{address}")
    print_page.wait_for_load_state("networkidle")
    assert print_page.locator("h1").first.is_visible()
    assert [selector for selector in NAVIGATION if visible(print_page, selector)] == []


def test_on_screen_the_document_page_keeps_its_navigation(chromium, printed) -> None:
    url, _ = printed
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    browser_page = context.new_page()
    browser_page.goto(f"{url}/documents/speech/")
    assert visible(browser_page, ".md-header")
    context.close()
