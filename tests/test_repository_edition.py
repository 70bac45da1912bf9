"""The repository's own edition, The Workers' Opposition, 1919-1930: clean, complete, every link whole."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import PUBLISHED_AT, REPOSITORY, published_address
from mkdocs_documentary_edition import load_edition


@pytest.fixture(scope="module", autouse=True)
def address():
    with published_address():
        yield


@pytest.fixture(scope="module")
def loaded():
    return load_edition(REPOSITORY)


@pytest.fixture(scope="module")
def site(repository_site: Path) -> Path:
    return repository_site


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {path.relative_to(site).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for path in site.rglob("*.html")}


def test_the_edition_has_no_errors_and_no_warnings(loaded) -> None:
    assert [p.as_text() for p in loaded.problems] == []


def test_the_edition_has_four_sections_without_gap_or_overlap(loaded) -> None:
    sections = loaded.edition.sections
    assert len(sections) == 4
    for before, after in itertools.pairwise(sections):
        assert (after.dates.earliest - before.dates.latest).days == 1


def test_every_document_names_at_least_one_person(loaded) -> None:
    people = {p.id for p in loaded.edition.people}
    for document in loaded.edition.documents:
        named = set(document.authors) | set(document.people) | {r.target for r in document.references}
        assert named & people, document.path


def test_every_quoted_passage_is_cited_where_it_begins(loaded) -> None:
    """Each quotation carries its note, or a note before it says where all the passages that follow come
    from (one note, where the same note after each of many passages would say only "ibid.")."""
    for document in loaded.edition.documents:
        html = document.reading.html
        quotes = BeautifulSoup(html, "html.parser").find_all("blockquote")
        if quotes and quotes[0].find("sup") is None:
            opening = html[:html.index("<blockquote")]
            assert "<sup" in opening, f"{document.path}: the first quotation has no note, nor any note before it"
        for quote in quotes[1:]:
            if quote.find("sup") is None:
                assert quotes[0].find("sup") is None, f"{document.path}: one quotation has a note, another none"


def test_every_person_and_event_page_lists_a_document(pages) -> None:
    for path, soup in pages.items():
        if re.match(r"(people|events)/[^/]+/index.html$", path):
            assert soup.find("table", class_="edition-documents"), f"{path} lists no document"


def test_no_citation_is_left_unresolved(pages) -> None:
    for path, soup in pages.items():
        article = soup.find("article") or soup
        assert "[@" not in article.get_text(), path


def test_every_internal_link_and_anchor_resolves(site: Path, pages) -> None:
    ids = {path: {tag["id"] for tag in soup.find_all(id=True)} for path, soup in pages.items()}
    broken = []
    for path, soup in pages.items():
        for link in soup.find_all("a", href=True):
            href = link["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            if parts.path.startswith("/"):
                # Absolute links (MkDocs' 404 page has them) start with the path the site is served from.
                target = unquote(parts.path).removeprefix(urlsplit(PUBLISHED_AT).path).lstrip("/") or "index.html"
            else:
                target = (Path(path).parent / unquote(parts.path)).as_posix() if parts.path else path
            target = os.path.normpath(target).replace("\\", "/")
            candidates = [target, f"{target}/index.html".replace("//", "/")]
            resolved = next((c for c in candidates if (site / c).is_file()), None)
            if resolved is None:
                broken.append(f"{path}: {href}")
                continue
            if parts.fragment and resolved.endswith(".html") and parts.fragment not in ids.get(resolved, set()):
                broken.append(f"{path}: {href} (no anchor)")
    assert broken == []


def test_properdocs_builds_the_same_site_apart_from_the_generator(site: Path, tmp_path) -> None:
    from test_new_edition import same_site

    properdocs = Path(sys.executable).with_name("properdocs")
    result = subprocess.run([str(properdocs), "build", "--strict", "-d", str(tmp_path / "site")], cwd=REPOSITORY,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
                            timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    assert same_site(site, tmp_path / "site") == []


def test_both_search_bundles_are_written_whole(site: Path) -> None:
    from mkdocs_documentary_edition.publish.search import RUSSIAN_BUNDLE, SEARCH_BUNDLE, complete

    assert complete(site / SEARCH_BUNDLE) and complete(site / RUSSIAN_BUNDLE)


def test_a_bundle_with_an_empty_entry_file_is_incomplete(tmp_path: Path) -> None:
    from mkdocs_documentary_edition.publish.search import complete

    (tmp_path / "pagefind-entry.json").write_text("", encoding="utf-8")
    assert not complete(tmp_path)
