"""Permanent URLs: the record holds exactly the pages and anchors the build writes, and a published
paragraph anchor never comes to point at another paragraph."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from mkdocs_documentary_edition import load_edition
from mkdocs_documentary_edition.cli import main

TEXT = "## Headnote\n\nAbout it.\n\n## Text\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"


def paragraphs(site, url: str) -> dict[str, str]:
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    body = soup.find("div", class_="edition-document__body")
    return {p["id"]: p.get_text().rstrip("¶") for p in body.find_all("p", id=True)}


@pytest.fixture
def published(edition, capsys):
    edition.person("lenin", "Vladimir Lenin")
    edition.document("theses", body=TEXT)
    assert main(["urls", "--update", str(edition.root)]) == 0
    capsys.readouterr()
    assert load_edition(edition.root).problems == []
    return edition


def messages(edition) -> list[str]:
    return [f"{p.severity.value}: {p.message}" for p in load_edition(edition.root).problems]


def test_the_record_holds_every_paragraph_anchor_with_its_fingerprint(published) -> None:
    record = (published.root / "published-urls.txt").read_text(encoding="utf-8")
    lines = [line for line in record.splitlines() if line.startswith("/documents/theses/#")]
    assert [line.split()[0] for line in lines] == ["/documents/theses/#p1", "/documents/theses/#p2",
                                                   "/documents/theses/#p3"]
    assert all(len(line.split()[1]) == 8 for line in lines)


def test_a_passage_inserted_before_published_paragraphs_takes_a_new_anchor(published, build) -> None:
    published.document("theses", body=TEXT.replace("## Text\n\n", "## Text\n\nA passage found later.\n\n"))
    assert messages(published) == ["warning: new paragraph anchors #p4 of /documents/theses/ are not yet recorded: "
                                   "run 'edition urls --update'"]
    assert paragraphs(build(published), "documents/theses") == {
        "p4": "A passage found later.", "p1": "First paragraph.", "p2": "Second paragraph.", "p3": "Third paragraph."}


def test_an_edited_paragraph_keeps_its_anchor(published, build) -> None:
    published.document("theses", body=TEXT.replace("Second paragraph.", "Second paragraph, corrected."))
    assert messages(published) == ["warning: the text of published paragraph #p2 has changed: if it is still the "
                                   "same passage, run 'edition urls --update' to record it"]
    assert paragraphs(build(published), "documents/theses")["p2"] == "Second paragraph, corrected."


def test_a_removed_paragraph_is_an_error_naming_its_anchor(published) -> None:
    published.document("theses", body=TEXT.replace("Second paragraph.\n\n", ""))
    [problem] = load_edition(published.root).problems
    assert problem.as_text() == (
        "documents/theses.md:17:1: error: published paragraph #p2 is no longer in the text: restore it, or, if it was "
        "removed on purpose, add 'p2' to 'retired_anchors' so that its links lead to the paragraph now in its place")


def test_a_retired_anchor_leads_to_the_paragraph_now_in_its_place(published, build) -> None:
    published.document("theses", body=TEXT.replace("Second paragraph.\n\n", ""), extra="retired_anchors: [p2]")
    assert messages(published) == []
    site = build(published)
    soup = BeautifulSoup((site / "documents/theses/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find(id="p2").find_parent("p")["id"] == "p3"


def test_the_record_is_exactly_the_permanent_pages_the_build_writes(published, build) -> None:
    published.event("congress", "1921-03-08", "1921-03-16")
    published.write("bibliography.bib", "@book{key,\n  title = {A Book}\n}\n")
    published.document("speech", body="At [the congress](event:congress).[^1]\n\n[^1]: [@key, 4].\n",
                       extra="former_ids: [old-speech]")
    published.write("docs/method.md", "# Method\n\nHow we edit.\n")
    assert main(["urls", "--update", str(published.root)]) == 0
    site = build(published)
    recorded = [line.split()[0] for line in (published.root / "published-urls.txt").read_text().splitlines()
                if line.startswith("/")]
    missing = []
    for url in recorded:
        parts = urlsplit(url)
        page = site / parts.path.strip("/") / "index.html"
        if not page.is_file() or (parts.fragment and f'id="{parts.fragment}"' not in page.read_text(encoding="utf-8")):
            missing.append(url)
    assert missing == []
    assert "/documents/old-speech/" in recorded and "/method/" in recorded and "/bibliography/#key" in recorded
    assert not any("/2/" in url for url in recorded)  # pages of long lists move as the edition grows


def test_a_retired_anchor_survives_attributes_on_the_paragraph_in_its_place(published, build) -> None:
    body = TEXT.replace("Second paragraph.\n\n", "").replace("Third paragraph.", "Third paragraph.\n{: .lead }")
    published.document("theses", body=body, extra="retired_anchors: [p2]")
    soup = BeautifulSoup((build(published) / "documents/theses/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.find(id="p2").find_parent("p")["class"] == ["lead"]
