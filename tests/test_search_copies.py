"""Pagefind reads the built pages' search copies, cut to the text it indexes, instead of the whole site:
what it finds must be the same."""

from __future__ import annotations

import gzip
import json
import shutil
import tempfile
from pathlib import Path

from mkdocs_documentary_edition.publish import search
from mkdocs_documentary_edition.publish.search import BUNDLES_FILE, SEARCH_BUNDLE, SearchCopies, index_site, search_copy

PAGE = ('<!doctype html>\n<html lang="ru" class="no-js"><head><meta charset="utf-8"><title>A speech - Edition</title>'
        '<link rel="stylesheet" href="x.css"></head><body><header>Edition</header><nav><a href="/">Home</a>'
        '<a href="/people/">People</a></nav><main><article>'
        '<div class="edition-document" data-pagefind-body><h1>A speech</h1><p>Words of the text.</p></div>'
        '</article></main><footer>Footer</footer></body></html>')


def fragments(bundle: Path) -> set[str]:
    """What a bundle holds of each page: its URL, text, filters and metadata, as Pagefind wrote them."""
    return {gzip.decompress(path.read_bytes()).decode("utf-8") for path in (bundle / "fragment").iterdir()}


def test_a_search_copy_keeps_the_text_and_drops_the_navigation_before_it() -> None:
    copy = search_copy(PAGE)
    assert copy is not None
    assert '<div class="edition-document" data-pagefind-body><h1>A speech</h1><p>Words of the text.</p></div>' in copy
    assert "People" not in copy and "x.css" not in copy


def test_a_search_copy_keeps_the_page_language_and_title() -> None:
    copy = search_copy(PAGE)
    assert copy is not None and copy.startswith('<!DOCTYPE html><html lang="ru" class="no-js"><head>')
    assert "<title>A speech - Edition</title>" in copy


def test_a_page_with_no_text_to_index_has_no_search_copy() -> None:
    assert search_copy(PAGE.replace(" data-pagefind-body", "")) is None


def test_a_page_with_search_attributes_before_its_text_is_copied_whole() -> None:
    page = PAGE.replace("<header>", '<header data-pagefind-meta="image:/a.png">')
    assert search_copy(page) == page


def test_search_attributes_in_capitals_are_found_as_pagefind_finds_them() -> None:
    page = PAGE.replace("<header>", '<header DATA-PAGEFIND-META="image:/a.png">')
    assert search_copy(page) == page
    assert search_copy(PAGE.replace("data-pagefind-body", "DATA-PAGEFIND-BODY")) is not None


def test_the_build_indexes_the_same_as_pagefind_reading_the_whole_site(edition_with_people, build, tmp_path) -> None:
    e = edition_with_people
    e.event("congress", "1921-03-08", "1921-03-16", "Tenth Congress")
    e.document("speech", title="A findable speech", author="zinoviev", body="On the trade unions.",
               extra="genre: speech\npeople: [trotsky]\nevents: [congress]")
    e.document("letter", date="1922-01-05", title="A letter", body="Of the *workers*.\n\n## Second part\n\nMore.")
    site = build(e)
    whole = tmp_path / "whole"
    shutil.copytree(site, whole)
    shutil.rmtree(whole / SEARCH_BUNDLE)
    index_site(whole, [])
    built = fragments(site / SEARCH_BUNDLE)
    assert built == fragments(whole / SEARCH_BUNDLE)
    assert any('"url":"/documents/speech/"' in fragment for fragment in built)


def test_the_build_leaves_no_search_copies_behind(edition_with_people, build, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    edition_with_people.document("speech")
    assert (build(edition_with_people) / SEARCH_BUNDLE / "pagefind-entry.json").is_file()
    assert not list((tmp_path / "temporary").glob("edition-search-*"))


def test_pagefind_reads_the_copies_of_the_pages_with_text_alone(edition_with_people, build, monkeypatch) -> None:
    from mkdocs_documentary_edition.mkdocs import plugin

    read: list[str] = []

    def indexing(site: Path, records: object, pages: SearchCopies | None = None) -> None:
        assert pages is not None and pages.folder is not None
        read.extend(sorted(pages.copies))
        index_site(site, records, pages)  # type: ignore[arg-type]

    monkeypatch.setattr(plugin, "index_site", indexing)
    edition_with_people.document("speech")
    build(edition_with_people)
    assert read == ["documents/speech/index.html", "index.html", "people/lenin/index.html",
                    "people/trotsky/index.html", "people/zinoviev/index.html"]


def record_page(title: str, date: str | None) -> str:
    sort = f'<span data-pagefind-sort="date">{date}</span>' if date else ""
    body = f'<div data-pagefind-body><h1>{title}</h1>{sort}<p>{"word " * 20}</p></div>'
    return f'<html lang="en"><body>{body}</body></html>'


def test_copies_past_the_limit_are_split_into_parts_by_date_the_undated_last() -> None:
    copies = SearchCopies()
    try:
        for path, date in [("c/index.html", "1921-05-01"), ("person/index.html", None), ("a/index.html", "1919-01-01"),
                           ("b/index.html", "1920-02-02")]:
            copies.add(path, record_page(path[0], date))
        limit = 2 * max(copy.characters for copy in copies.copies.values())
        parts = copies.parts(limit)
        assert [sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")) for folder, _ in parts] == \
            [["a/index.html", "b/index.html"], ["c/index.html", "person/index.html"]]
        assert [dated for _, dated in parts] == [True, True]
    finally:
        copies.discard()


def test_copies_within_the_limit_are_one_part() -> None:
    copies = SearchCopies()
    try:
        copies.add("a/index.html", record_page("a", "1919-01-01"))
        copies.add("b/index.html", record_page("b", None))
        assert len(copies.parts(10**6)) == 1
    finally:
        copies.discard()


def test_an_edition_past_the_limit_is_indexed_in_bundles_that_hold_every_page_once(
        edition_with_people, build, tmp_path, monkeypatch) -> None:
    e = edition_with_people
    e.document("speech", date="1921-03-08", title="A speech", body="On the trade unions.")
    e.document("letter", date="1922-01-05", title="A letter", body="Of the workers.")
    e.document("theses", date="1921-01-18", title="Theses", body="The unions should run industry.")
    monkeypatch.setattr(search, "PART_CHARACTERS", 1)  # every page a bundle of its own
    site = build(e)
    listed = json.loads((site / SEARCH_BUNDLE / BUNDLES_FILE).read_text(encoding="utf-8"))
    folders = listed["bundles"]
    assert folders[0] == "pagefind/" and len(folders) == 7  # three documents, three people, the home page
    assert listed["dated"] == 3
    parts = [fragments(site / folder) for folder in folders]
    assert all(len(part) == 1 for part in parts)
    urls = [json.loads(fragment[fragment.index("{"):])["url"] for part in parts for fragment in part]
    assert urls[:3] == ["/documents/theses/", "/documents/speech/", "/documents/letter/"]  # by date
    whole = tmp_path / "whole"
    shutil.copytree(site, whole)
    shutil.rmtree(whole / SEARCH_BUNDLE)
    index_site(whole, [])
    assert set().union(*parts) == fragments(whole / SEARCH_BUNDLE)
