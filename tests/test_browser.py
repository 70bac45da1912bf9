"""What a reader sees in a real browser: Debian's headless Chromium, driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import need_chromium, served

MKDOCS_YML = """\
site_name: Browser Edition
site_url: http://127.0.0.1/
theme:
  name: material
  features: [content.footnote.tooltips]
plugins:
  - edition:
      editors: [Ann Editor]
      sections:
        - id: only
          title: The only section
          dates: 1917/1930
          intro: Everything.
"""


def edition_root(root: Path, person: str = "") -> Path:
    """An edition's folder with its home page, settings and one author; documents/ waits for documents."""
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Browser Edition\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "people").mkdir()
    (root / "people" / "shliapnikov.md").write_text(
        f"---\nid: shliapnikov\nname: Aleksandr Shliapnikov\n{person}---\nChairman of the metalworkers' union.\n",
        encoding="utf-8")
    (root / "documents").mkdir()
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    need_chromium()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = edition_root(tmp_path_factory.mktemp("browser"), "variants: [Александр Шляпников, Shlyapnikov]\n")
    (root / "documents" / "theses.md").write_text(
        "---\nid: theses\ntitle: Theses on the trade unions\ndate: '1920-12-18'\nauthor: shliapnikov\n"
        "venue: Pravda\nsection: only\ngenre: theses\n---\nThe unions should run industry.[^1]\n\n"
        "A second paragraph.\n\n[^1]: An editorial note on the unions.\n", encoding="utf-8")
    (root / "documents" / "speech.md").write_text(
        "---\nid: speech\ntitle: A speech on the unions\ndate: '1921-03-08'\nauthor: shliapnikov\n"
        "venue: Tenth Congress\nsection: only\ngenre: speech\n---\nThe unions again.\n", encoding="utf-8")
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    with served(root / "site") as url:
        yield url


@pytest.fixture
def page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    yield page
    context.close()


def search(page, site: str, query: str) -> list[str]:
    """The titles of the results the search page gives for ``query``."""
    page.goto(f"{site}/search/?q={query}")
    page.wait_for_selector("[data-edition-status]:not(:empty)", timeout=15000)
    return [item.inner_text() for item in page.query_selector_all(".edition-search__title")]


def test_search_finds_a_person_by_an_english_word(page, site) -> None:
    assert "Aleksandr Shliapnikov" in search(page, site, "metalworkers")


def test_search_finds_a_person_by_the_cyrillic_form_of_the_name(page, site) -> None:
    assert "Aleksandr Shliapnikov" in search(page, site, "Шляпников")


def test_a_russian_query_is_stemmed_as_russian(page, site) -> None:
    assert "Aleksandr Shliapnikov" in search(page, site, "Шляпникова")  # the genitive finds the name


def test_search_finds_a_person_by_a_variant_spelling(page, site) -> None:
    assert "Aleksandr Shliapnikov" in search(page, site, "Shlyapnikov")


def test_a_filter_named_in_the_address_is_applied_at_once(page, site) -> None:
    page.goto(f"{site}/search/?q=unions&genre=speech")
    page.wait_for_selector("[data-edition-status]:not(:empty)", timeout=15000)
    assert [item.inner_text() for item in page.query_selector_all(".edition-search__title")] == \
        ["A speech on the unions"]
    assert page.eval_on_selector("#edition-filter-genre", "select => select.value") == "speech"


def test_a_filter_narrows_the_results(page, site) -> None:
    everything = search(page, site, "unions")
    page.click("summary:has-text('Narrow the results')")  # the filters' values load as the panel opens
    page.select_option("#edition-filter-genre", "speech")
    page.wait_for_function("() => document.querySelector('[data-edition-status]').textContent.includes('found')")
    narrowed = [item.inner_text() for item in page.query_selector_all(".edition-search__title")]
    assert "Theses on the trade unions" in everything and len(narrowed) < len(everything)
    assert narrowed == ["A speech on the unions"]
    assert "genre=speech" in page.url


def test_a_note_shows_as_a_tooltip_on_hover(page, site) -> None:
    page.goto(f"{site}/documents/theses/")
    page.hover(".edition-document__body sup a")
    tooltip = page.wait_for_selector(".md-tooltip2--active, .md-tooltip--active", timeout=10000)
    assert "An editorial note on the unions." in tooltip.inner_text()


def test_the_paragraph_link_appears_on_hover(page, site) -> None:
    page.goto(f"{site}/documents/theses/")
    pilcrow = page.locator("#p2 .edition-pilcrow")
    assert pilcrow.evaluate("e => getComputedStyle(e).opacity") == "0"
    page.hover("#p2")
    page.wait_for_function("() => getComputedStyle(document.querySelector('#p2 .edition-pilcrow')).opacity === '1'")


def test_the_copy_button_copies_the_citation(chromium, site) -> None:
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{site}/documents/theses/")
    page.click("[data-edition-copy]")
    page.wait_for_function("() => document.querySelector('[data-edition-copy]').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#edition-citation").inner_text().strip()
    assert copied.startswith("Aleksandr Shliapnikov. “Theses on the Trade Unions”. In Browser Edition")
    context.close()


def test_a_person_page_links_back_to_the_document(page, site) -> None:
    page.goto(f"{site}/people/shliapnikov/")
    page.click("text=Theses on the trade unions")
    page.wait_for_url("**/documents/theses/")
    assert page.locator("h1").inner_text() == "Theses on the trade unions"


BUNDLED = [("theses", "Theses on the trade unions", "1920-12-18", "theses"),
           ("speech", "A speech on the unions", "1921-03-08", "speech"),
           ("reply", "A reply on the unions", "1922-02-26", "speech"),
           ("letter", "A letter on the unions", "1926-07-01", "letter")]


@pytest.fixture(scope="module")
def site_in_bundles(tmp_path_factory) -> Iterator[str]:
    """An edition whose English index is in several bundles: every page a bundle of its own."""
    need_chromium()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from mkdocs_documentary_edition.publish import search as search_module

    root = edition_root(tmp_path_factory.mktemp("bundles"))
    for key, title, date, genre in reversed(BUNDLED):
        (root / "documents" / f"{key}.md").write_text(
            f"---\nid: {key}\ntitle: {title}\ndate: '{date}'\nauthor: shliapnikov\nvenue: Pravda\n"
            f"section: only\ngenre: {genre}\n---\nThe unions and industry.\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_module, "PART_CHARACTERS", 1)
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    assert (root / "site" / "pagefind" / "part-5" / "pagefind-entry.json").is_file()
    with served(root / "site") as url:
        yield url


def test_an_index_in_several_bundles_finds_the_pages_of_every_bundle(page, site_in_bundles) -> None:
    assert sorted(search(page, site_in_bundles, "unions")) == sorted(
        [title for _, title, _, _ in BUNDLED] + ["Aleksandr Shliapnikov"])


def test_results_in_date_order_follow_the_dates_across_bundles(page, site_in_bundles) -> None:
    in_order = [title for _, title, _, _ in BUNDLED]
    assert search(page, site_in_bundles, "unions&sort=asc") == in_order
    assert search(page, site_in_bundles, "unions&sort=desc") == in_order[::-1]


def test_a_filter_counts_and_narrows_the_pages_of_every_bundle(page, site_in_bundles) -> None:
    assert search(page, site_in_bundles, "unions&genre=speech&sort=asc") == \
        ["A speech on the unions", "A reply on the unions"]
    speech = page.locator("#edition-filter-genre option[value='speech']").inner_text()
    assert speech == "speech (2)"
