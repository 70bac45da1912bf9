"""The Atom feed of documents as the edition adds them: by the day each was first published, which
`edition urls --update` records in published-urls.txt, never by the documents' own dates."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from mkdocs_documentary_edition import load_edition
from mkdocs_documentary_edition.cli import main
from mkdocs_documentary_edition.publish.feed import FEED_ENTRIES

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://www.edition-test.net/edition/"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def publish(edition, day: str) -> None:
    """Record the URLs of new documents as published on ``day``, as an editor does with each pull request."""
    assert main(["urls", str(edition.root), "--update", "--date", day]) == 0


@pytest.fixture
def growing(edition):
    """An edition published in three rounds; its documents' own dates run the other way."""
    edition.person("lenin", "Vladimir Lenin")
    edition.document("late-speech", date="1929-12-16", title="A late speech")
    publish(edition, "2026-01-10")
    edition.document("middle-article", date="1924-01-18", title="A middle article")
    publish(edition, "2026-02-20")
    edition.document("early-theses", date="1921-01", title="Early theses")
    edition.document("early-letter", date="1921-03", title="Early letter")
    publish(edition, "2026-03-30")
    return edition


@pytest.fixture
def feed(growing, build) -> bytes:
    return (build(growing, strict=True) / "feed.xml").read_bytes()


def recorded(edition) -> list[str]:
    return [line for line in (edition.root / "published-urls.txt").read_text(encoding="utf-8").splitlines()
            if re.match(r"^/documents/[^/#]+/", line) and "#" not in line]


def test_urls_update_records_the_day_a_document_is_first_published(growing) -> None:
    assert recorded(growing) == ["/documents/early-letter/ 2026-03-30", "/documents/early-theses/ 2026-03-30",
                                 "/documents/late-speech/ 2026-01-10", "/documents/middle-article/ 2026-02-20"]


def test_a_recorded_day_never_changes(growing) -> None:
    growing.document("late-speech", date="1929-12-16", title="A late speech, corrected")
    publish(growing, "2026-05-01")
    assert "/documents/late-speech/ 2026-01-10" in recorded(growing)


def test_urls_update_records_today_by_default(edition) -> None:
    edition.person("lenin")
    edition.document("speech")
    assert main(["urls", str(edition.root), "--update"]) == 0
    assert recorded(edition) == [f"/documents/speech/ {dt.date.today().isoformat()}"]


def test_a_malformed_day_in_the_record_is_an_error_at_its_line(growing) -> None:
    path = growing.root / "published-urls.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = lines.index("/documents/late-speech/ 2026-01-10") + 1
    lines[number - 1] = "/documents/late-speech/ 2026-13-10"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [p.as_text() for p in load_edition(growing.root).errors] == [
        f"published-urls.txt:{number}:25: error: '2026-13-10' is not the day /documents/late-speech/ was first "
        "published: write it as YYYY-MM-DD"]


def test_a_bad_day_given_to_urls_update_is_refused_without_a_traceback(growing, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["urls", str(growing.root), "--update", "--date", "30 March"])
    assert exit_.value.code == 2
    assert "'30 March' is not a day: write YYYY-MM-DD" in capsys.readouterr().err


def test_the_feed_is_atom_and_reads_without_error(feed) -> None:
    parsed = feedparser.parse(feed)
    assert parsed.version == "atom10"
    assert not parsed.bozo, parsed.get("bozo_exception")


def test_the_feed_has_what_rfc_4287_requires(feed) -> None:
    root = etree.fromstring(feed)
    assert root.tag == f"{ATOM}feed"
    for element in (root, *root.iter(f"{ATOM}entry")):
        # atom:id, atom:title and atom:updated exactly once; an author for each entry, its own or the feed's
        for tag in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{tag}")) == 1, (element.tag, tag)
        assert element.findtext(f"{ATOM}id").startswith("https://")
        assert RFC3339.match(element.findtext(f"{ATOM}updated"))
        assert element.find(f"{ATOM}author") is not None or root.find(f"{ATOM}author") is not None
    for entry in root.iter(f"{ATOM}entry"):
        alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
        assert len({(link.get("type"), link.get("hreflang")) for link in alternates}) == len(alternates)
        assert RFC3339.match(entry.findtext(f"{ATOM}published"))
    [self_link] = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link.get("href") == f"{SITE}feed.xml"
    ids = [e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))


def test_the_feed_lists_documents_by_the_day_they_were_added_newest_first(feed) -> None:
    entries = feedparser.parse(feed).entries
    assert [(e.title, e.published[:10]) for e in entries] == [
        ("Early theses", "2026-03-30"), ("Early letter", "2026-03-30"), ("A middle article", "2026-02-20"),
        ("A late speech", "2026-01-10")]
    assert entries[0].link == f"{SITE}documents/early-theses/"
    assert entries[0].id == f"{SITE}documents/early-theses/"


def test_the_feed_is_updated_when_its_newest_document_was_added(feed) -> None:
    assert feedparser.parse(feed).feed.updated == "2026-03-30T00:00:00Z"


def test_a_correction_updates_its_entry(growing, build) -> None:
    growing.document("late-speech", date="1929-12-16", title="A late speech",
                     extra="changes:\n  - date: '2026-04-02'\n    note: A misprint corrected")
    [entry] = [e for e in feedparser.parse((build(growing) / "feed.xml").read_bytes()).entries
               if e.title == "A late speech"]
    assert (entry.published[:10], entry.updated[:10]) == ("2026-01-10", "2026-04-02")


def test_a_document_not_yet_recorded_is_not_in_the_feed(growing, build) -> None:
    growing.document("unrecorded", date="1925")
    titles = [e.title for e in feedparser.parse((build(growing) / "feed.xml").read_bytes()).entries]
    assert "Unrecorded" not in titles and len(titles) == 4


def test_the_feed_holds_only_the_newest_documents(edition, build) -> None:
    edition.person("lenin")
    for number in range(FEED_ENTRIES + 5):
        edition.document(f"d{number}", date=f"{1921 + number % 9}")
    publish(edition, "2026-01-01")
    assert len(feedparser.parse((build(edition) / "feed.xml").read_bytes()).entries) == FEED_ENTRIES


def test_every_page_links_the_feed_in_its_head(growing, build) -> None:
    site = build(growing)
    for url in ("", "documents/late-speech/", "people/lenin/", "people/", "data/"):
        soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        link = soup.head.find("link", rel="alternate", type="application/atom+xml")
        assert link is not None, url
        assert (site / url / link["href"]).resolve() == (site / "feed.xml").resolve()


def test_without_a_site_url_there_is_no_feed_and_no_link(growing, build) -> None:
    config = growing.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: https://www.edition-test.net/edition/\n",
                                                                 ""), encoding="utf-8")
    site = build(growing)
    assert not (site / "feed.xml").exists()
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.head.find("link", type="application/atom+xml") is None


def test_text_in_the_feed_is_text(edition, build) -> None:
    payload = "<script>alert(1)</script> & ]]>"
    edition.person("lenin", "Vladimir Lenin")
    edition.document("speech", title=f"'{payload}'", extra=f"summary: '{payload}'")
    publish(edition, "2026-01-01")
    [entry] = etree.fromstring((build(edition) / "feed.xml").read_bytes()).iter(f"{ATOM}entry")
    assert (entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}summary")) == (payload, payload)
