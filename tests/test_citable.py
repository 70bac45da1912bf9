"""A citable edition: URLs that never break, redirects, withdrawals, paragraph anchors, the sitemap."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from mkdocs_documentary_edition import load_edition
from mkdocs_documentary_edition.cli import main


def soup_of(site, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def meta(soup: BeautifulSoup, name: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs={"name": name})]


@pytest.fixture
def published(edition):
    edition.person("shliapnikov", "Aleksandr Shliapnikov", "Shliapnikov, Aleksandr Gavrilovich")
    edition.person("medvedev", "Sergei Medvedev", "Medvedev, Sergei Pavlovich")
    edition.write("people/workers-opposition.md", "---\nid: workers-opposition\nname: Workers' Opposition\n"
                                                  "kind: group\n---\nThe group.\n")
    edition.person("lenin", "Vladimir Lenin", "Lenin, Vladimir Ilich")
    edition.document("theses", date="1921-01-25", title="Theses on the Tasks of the Trade Unions",
                     author="[shliapnikov, medvedev, workers-opposition]",
                     extra="genre: theses\nlanguage: ru\nsummary: The platform of the Workers' Opposition.",
                     body="First paragraph.\n\nSecond paragraph.\n\n> A quoted passage.\n")
    edition.document("speech", extra="genre: speech")
    return edition


def test_paragraph_anchors_count_the_text_only(published, build) -> None:
    published.document("sectioned", body="## Headnote\n\nAbout it.\n\n## Text\n\nFirst.\n\nSecond.\n")
    body = soup_of(build(published), "documents/sectioned").find("div", class_="edition-document__body")
    assert [(p["id"], p.get_text().rstrip("¶")) for p in body.find_all("p") if p.get("id")] == [
        ("p1", "First."), ("p2", "Second.")]


def test_every_paragraph_of_a_document_has_a_stable_anchor(published, build) -> None:
    soup = soup_of(build(published), "documents/theses")
    body = soup.find("div", class_="edition-document__body")
    anchors = [p["id"] for p in body.find_all("p") if p.get("id")]
    assert anchors == ["p1", "p2", "p3"]
    assert body.find("p", id="p2").find("a", class_="edition-pilcrow")["href"] == "#p2"


def test_a_changed_id_with_its_former_id_declared_redirects_the_old_url(published, build) -> None:
    published.write("published-urls.txt", "/documents/speech/\n")
    path = published.root / "documents" / "speech.md"
    path.write_text(path.read_text().replace("id: speech", "id: speech-at-congress\nformer_ids: [speech]"))
    assert load_edition(published.root).errors == []
    site = build(published)
    redirect = (site / "documents/speech/index.html").read_text(encoding="utf-8")
    canonical = "https://www.edition-test.net/edition/documents/speech-at-congress/"
    assert f'<link rel="canonical" href="{canonical}">' in redirect
    assert 'http-equiv="refresh" content="0; url=../speech-at-congress/"' in redirect
    assert "location.hash" in redirect


def test_dropping_a_recorded_url_fails_the_build_naming_the_url(published, build) -> None:
    published.write("published-urls.txt", "/documents/speech/\n")
    path = published.root / "documents" / "speech.md"
    path.write_text(path.read_text().replace("id: speech", "id: speech-renamed"))
    messages = [p.message for p in load_edition(published.root).errors]
    assert messages == ["published URL /documents/speech/ would disappear: declare the old id in the document's "
                        "'former_ids', or keep the file and mark it 'withdrawn'"]
    from mkdocs.exceptions import Abort
    with pytest.raises(Abort):
        build(published)


def test_a_withdrawn_document_says_when_and_why(published, build) -> None:
    published.document("mistake", extra="withdrawn:\n  date: '2026-05-01'\n  reason: Shown to be a forgery.")
    site = build(published)
    notice = soup_of(site, "documents/mistake").find("div", class_="edition-withdrawn").get_text(" ", strip=True)
    assert "withdrawn from the edition on 1 May 2026" in notice
    assert "Shown to be a forgery." in notice
    assert "mistake" not in (site / "sections/late/index.html").read_text(encoding="utf-8")
    withdrawn = soup_of(site, "documents/mistake")
    assert meta(withdrawn, "citation_title") == []
    assert "Text." not in withdrawn.find("article").get_text()
    assert withdrawn.find(attrs={"data-pagefind-body": True}) is None  # search does not find it


def test_two_documents_cannot_claim_one_former_id(published) -> None:
    published.document("one", extra="former_ids: [old]")
    published.document("two", extra="former_ids: [old]")
    [message] = [p.as_text() for p in load_edition(published.root).errors]
    assert message == ("documents/two.md:8:14: error: former id 'old' is also claimed by documents/one.md: "
                       "an old URL can redirect to one document only")


def test_new_urls_are_recorded_by_a_command(published, capsys) -> None:
    assert main(["urls", "--update", str(published.root)]) == 0
    recorded = (published.root / "published-urls.txt").read_text(encoding="utf-8")
    assert re.search(r"^/documents/theses/ \d{4}-\d{2}-\d{2}$", recorded, re.MULTILINE)  # with the day published
    assert "/people/shliapnikov/\n" in recorded
    published.document("new-one")
    assert [p.message for p in load_edition(published.root).warnings] == [
        "new URL /documents/new-one/ (with 1 paragraph anchor) is not yet recorded: run 'edition urls --update'"]


def test_the_sitemap_lists_every_document(published, build) -> None:
    sitemap = (build(published) / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://www.edition-test.net/edition/documents/theses/" in sitemap
    assert re.search(r"documents/speech/", sitemap)
