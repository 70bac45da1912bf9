"""A reader of the repository's edition in Debian's Chromium: accessible by axe-core's rules in both
colour schemes, whole on a phone, navigable without JavaScript and by keyboard, asking nothing of any
other site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import need_chromium, served

NODE_MODULES = Path(__file__).resolve().parent / "node" / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
NU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# What the W3C checker says of Material's own templates, which we do not override: the checkbox toggles
# carry autocomplete="off" (which keeps Firefox from restoring a drawer opened before), and a section's
# label in the navigation an empty tabindex.
MATERIAL_OWN = ("Attribute “autocomplete” is only allowed when the input type is",
                "Bad value “” for attribute “tabindex” on element “label”")
SAMPLE = ["", "sections/", "sections/open-faction/", "documents/1921-01-kollontai-workers-opposition-pamphlet/",
          "documents/1921-03-kollontai-tenth-congress-speech/", "people/shliapnikov-aleksandr/",
          "events/1921-03-tenth-party-congress/", "documents/", "years/1921/", "chronology/", "search/",
          "bibliography/", "people/", "events/", "method/"]


@pytest.fixture(scope="module")
def site(repository_site: Path) -> Iterator[str]:
    need_chromium()
    missing = [url for url in SAMPLE if not (repository_site / url / "index.html").is_file()]
    assert missing == [], "the sample names pages the edition does not have"
    with served(repository_site) as url:
        yield url


@pytest.fixture(scope="module")
def axe() -> str:
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is not installed: .ci/run runs 'npm ci --prefix tests/node'")
        pytest.skip("axe-core is not installed: run 'npm ci --prefix tests/node'")
    return AXE.read_text(encoding="utf-8")


def violations(chromium, site: str, axe: str, scheme: str) -> list[str]:
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    found = []
    for url in SAMPLE:
        page.goto(f"{site}/{url}")
        page.wait_for_load_state("networkidle")
        page.add_script_tag(content=axe)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found += [f"/{url}: {v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes'][:3]]}"
                  for v in result["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    return found


def test_no_serious_accessibility_violation_in_the_light_scheme(chromium, site, axe) -> None:
    assert violations(chromium, site, axe, "light") == []


def test_no_serious_accessibility_violation_in_the_dark_scheme(chromium, site, axe) -> None:
    assert violations(chromium, site, axe, "dark") == []


def test_the_w3c_checker_finds_no_error_or_warning(repository_site: Path) -> None:
    java = shutil.which("java")
    if java is None or not NU.is_file():
        if os.environ.get("CI"):
            pytest.fail("the W3C checker needs Java and vnu-jar: .ci/run installs both")
        pytest.skip("the W3C checker needs Java (default-jre-headless) and 'npm ci --prefix tests/node'")
    pages = [str(repository_site / url / "index.html") for url in SAMPLE]
    checked = subprocess.run([java, "-jar", str(NU), "--format", "json", "--exit-zero-always", *pages],
                             capture_output=True, text=True, timeout=600, check=True)
    messages = json.loads(checked.stderr)["messages"]
    found = [f"{m['url'].split(repository_site.name)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
             if m["type"] == "error" or m.get("subType") == "warning"]
    assert [m for m in found if not any(own in m for own in MATERIAL_OWN)] == []


def test_no_page_is_wider_than_a_phone(chromium, site) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    wider = []
    for url in SAMPLE:
        page.goto(f"{site}/{url}")
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wider.append(f"/{url}: {width} px")
    context.close()
    assert wider == []


def test_no_word_in_a_list_table_is_broken_on_a_phone(chromium, site) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}/sections/open-faction/")
    # A cell's words each fit on their line: no cell is narrower than its longest word.
    broken = page.evaluate("""() => [...document.querySelectorAll('table.edition-reflow td')].filter(td => {
        const range = document.createRange(); range.selectNodeContents(td);
        const words = td.innerText.split(/\\s+/).filter(Boolean);
        const widest = Math.max(0, ...words.map(w => {
            const probe = document.createElement('span'); probe.textContent = w;
            probe.style.whiteSpace = 'nowrap'; td.appendChild(probe);
            const width = probe.getBoundingClientRect().width; probe.remove(); return width; }));
        return td.getBoundingClientRect().width + 1 < widest;
    }).map(td => td.innerText)""")
    context.close()
    assert broken == []


def test_the_list_of_documents_narrows_by_year_without_javascript(chromium, site) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/documents/")
    page.click(".edition-facets a:text-is('1926')")
    assert urlsplit(page.url).path == "/years/1926/"
    dates = [cell.inner_text() for cell in page.query_selector_all("table.edition-documents td.edition-date")]
    context.close()
    assert dates and all("1926" in date for date in dates)


def test_the_list_of_documents_narrows_by_section_without_javascript(chromium, site) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/documents/")
    page.click(".edition-facets a[href$='sections/open-faction/']")
    heading = page.inner_text("h1")
    context.close()
    assert heading == "II. The Workers' Opposition as an open faction"


def test_the_keyboard_leads_to_the_next_document_of_the_section(chromium, site) -> None:
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{site}/documents/1921-01-kollontai-workers-opposition-pamphlet/")
    page.wait_for_load_state("networkidle")
    with page.expect_navigation():
        page.keyboard.press("n")
    reached = urlsplit(page.url).path
    context.close()
    assert reached == "/documents/1921-03-workers-opposition-draft-resolution-on-party-building/"


def test_a_reader_s_browser_asks_no_other_site_for_anything(chromium, site) -> None:
    context = chromium.new_context()
    page = context.new_page()
    asked: set[str] = set()
    page.on("request", lambda request: asked.add(urlsplit(request.url).netloc))
    for url in SAMPLE:
        page.goto(f"{site}/{url}")
        page.wait_for_load_state("networkidle")
    page.goto(f"{site}/search/?q=Шляпников")
    page.wait_for_selector("[data-edition-status]:not(:empty)", timeout=15000)
    context.close()
    assert asked == {urlsplit(site).netloc}
