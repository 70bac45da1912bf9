"""`plugins: [edition]`: real MkDocs sites built from small editions, asserted on their HTML."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def linked_titles(soup: BeautifulSoup, heading_id: str) -> list[str]:
    table = soup.find(id=heading_id).find_next("table")
    return [row.find_all("td")[1].get_text(strip=True) for row in table.find("tbody").find_all("tr")]


def test_a_document_url_comes_from_its_id_alone(edition_with_people, build) -> None:
    edition_with_people.write("documents/any-file-name.md", (
        "---\nid: the-real-id\ntitle: Some Title\ndate: '1921-05-01'\nauthor: lenin\nvenue: Pravda\n"
        "section: late\n---\nText.\n"))
    site = build(edition_with_people)
    assert (site / "documents" / "the-real-id" / "index.html").exists()
    assert not (site / "documents" / "any-file-name").exists()


def test_a_person_page_lists_all_and_only_the_documents_that_name_them_in_date_order(edition_with_people, build):
    e = edition_with_people
    e.document("late-letter", date="1922-06-01", title="Late letter", extra="people: [zinoviev]")
    e.document("early-speech", date="1921-03-08", title="Early speech",
               body="Against [Zinoviev](person:zinoviev).")
    e.document("middle-article", date="1921-11", title="Middle article", extra="people: [zinoviev, trotsky]")
    e.document("unrelated", date="1921-12-01", title="Unrelated", extra="people: [trotsky]")
    e.document("by-zinoviev", date="1921-04-01", title="By Zinoviev", author="zinoviev")
    e.document("in-code", date="1921-04-02", title="In code", body="`[Zinoviev](person:zinoviev)`")
    soup = page(build(e), "people/zinoviev")
    assert linked_titles(soup, "mentioned") == ["Early speech", "Middle article", "Late letter"]
    assert linked_titles(soup, "authored") == ["By Zinoviev"]


def test_a_section_lists_its_documents_in_date_order(edition_with_people, build) -> None:
    e = edition_with_people
    e.document("d-day", date="1921-03-16", title="Day")
    e.document("d-year", date="1921", title="Year")
    e.document("d-interval", date="1921-03-08/1921-03-16", title="Interval")
    e.document("d-uncertain", date="1921-03-08?", title="Uncertain")
    e.document("d-month", date="1921-03~", title="Month")
    e.document("d-early", date="1919-05", title="Early", section="early")
    soup = page(build(e), "sections/late")
    assert linked_titles(soup, "documents") == ["Year", "Month", "Uncertain", "Interval", "Day"]
    dates = [row.find("td").get_text(strip=True) for row in soup.find("tbody").find_all("tr")]
    assert dates == ["1921", "c. March 1921", "8 March 1921 (?)", "8–16 March 1921", "16 March 1921"]


def test_a_document_page_shows_its_metadata_then_text(edition_with_people, build) -> None:
    edition_with_people.document("speech", date="1921-03-23/1921-04-01", author="[lenin, trotsky]",
                                 body="The text.[^1]\n\n[^1]: A note.\n",
                                 extra="genre: speech\ntranslator: A. Translator\nsource: RGASPI f. 17")
    soup = page(build(edition_with_people), "documents/speech")
    meta = soup.find("dl", class_="edition-meta")
    assert "23 March – 1 April 1921" in meta.get_text()
    assert [a.get_text() for a in meta.find_all("a")][:2] == ["Vladimir Lenin", "Lev Trotsky"]
    assert "RGASPI f. 17" in meta.get_text()
    assert soup.find("div", class_="footnote")


def test_documents_link_to_the_previous_and_next_in_their_section(edition_with_people, build) -> None:
    e = edition_with_people
    e.document("first", date="1921-01-01", title="First")
    e.document("second", date="1921-02-01", title="Second")
    e.document("third", date="1921-03-01", title="Third")
    soup = page(build(e), "documents/second")
    assert soup.find("a", rel="prev")["href"] == "../first/"
    assert soup.find("a", rel="next")["href"] == "../third/"


def test_inline_references_link_to_person_and_event_pages(edition_with_people, build) -> None:
    e = edition_with_people
    e.event("tenth-congress", "1921-03-08", "1921-03-16", "Tenth Congress")
    e.document("speech", body="[Zinoviev](person:zinoviev) at [the congress](event:tenth-congress).")
    soup = page(build(e), "documents/speech")
    body = soup.find("div", class_="edition-document__body")
    assert [a["href"] for a in body.find_all("a", class_="edition-ref")] == ["../../people/zinoviev/",
                                                                        "../../events/tenth-congress/"]


def test_an_event_page_lists_documents_dated_within_it_and_people_involved(edition_with_people, build) -> None:
    e = edition_with_people
    e.event("tenth-congress", "1921-03-08", "1921-03-16", "Tenth Congress")
    e.write("people/trotsky.md", "---\nid: trotsky\nname: Lev Trotsky\n---\nSpoke at the "
                                 "[Tenth Congress](event:tenth-congress).\n")
    e.document("linked", date="1921-04-01", title="Linked", extra="events: [tenth-congress]\npeople: [trotsky]")
    e.document("within", date="1921-03-10", title="Within")
    e.document("outside", date="1921-05-01", title="Outside")
    site = build(e)
    soup = page(site, "events/tenth-congress")
    assert linked_titles(soup, "documents") == ["Within", "Linked"]
    involved = soup.find("dl", class_="edition-meta").get_text()
    assert "Vladimir Lenin" in involved  # the author of a linked document
    assert "Lev Trotsky" in involved  # his biography tells of the congress
    assert "Grigorii Zinoviev" not in involved
    assert "Tenth Congress" in page(site, "people/trotsky").find(id="events").find_next("ul").get_text()


def test_content_is_escaped_everywhere(edition_with_people, build) -> None:
    edition_with_people.document("xss", title="<script>alert(1)</script> Speech", extra="venue_x: 1".replace(
        "venue_x: 1", "summary: <b>bold</b>"))
    site = build(edition_with_people)
    raw = (site / "documents/xss/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Speech" in page(site, "documents/xss").find("h1").decode()
    assert "<script>alert(1)</script>" not in (site / "sections/late/index.html").read_text(encoding="utf-8")


def test_summaries_are_escaped_in_the_page_head(edition_with_people, build) -> None:
    edition_with_people.document("quoted", extra='summary: \'Says "no" <script>x</script>\'')
    raw = (build(edition_with_people) / "documents/quoted/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Says &quot;no&quot; &lt;script&gt;x&lt;/script&gt;">' in raw


def test_the_plugin_needs_directory_urls(edition_with_people, build) -> None:
    config = edition_with_people.root / "mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n")
    from mkdocs.exceptions import Abort
    with pytest.raises(Abort):
        build(edition_with_people)


def test_people_index_groups_by_surname_letter(edition_with_people, build) -> None:
    edition_with_people.document("speech", extra="people: [zinoviev, trotsky]")
    soup = page(build(edition_with_people), "people")
    assert [h.get_text() for h in soup.find_all("h2")] == ["L", "T", "Z"]


def test_the_navigation_lists_sections_not_documents(edition_with_people, build) -> None:
    for n in range(5):
        edition_with_people.document(f"doc-{n}", date=f"1921-0{n + 1}-01")
    soup = page(build(edition_with_people), "sections/late")
    nav = soup.find("nav", class_="md-nav--primary").get_text()
    assert "Late years" in nav and "People" in nav and "Events" in nav
    assert "Doc 3" not in nav


def test_validation_errors_fail_the_build(edition_with_people, build) -> None:
    edition_with_people.document("leap", date="1921-02-30")
    from mkdocs.exceptions import Abort
    with pytest.raises(Abort):
        build(edition_with_people)


def test_strict_turns_warnings_into_failures(edition_with_people, build) -> None:
    edition_with_people.document("speech")
    from mkdocs.exceptions import Abort
    build(edition_with_people)
    with pytest.raises(Abort):
        build(edition_with_people, strict=True)  # zinoviev and trotsky are referred to by nothing


def mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_failed_build_leaves_the_last_good_site_in_place(edition_with_people) -> None:
    e = edition_with_people
    e.document("speech", extra="people: [zinoviev, trotsky]")
    assert mkdocs(e.root).returncode == 0
    good = (e.root / "site/documents/speech/index.html").read_text(encoding="utf-8")
    e.document("speech", extra="people: [zinoviev, trotsky]", body="Changed text.")
    e.document("broken", date="1921-02-30")
    result = mkdocs(e.root)
    assert result.returncode == 1
    assert "documents/broken.md:4:7: error:" in result.stderr
    assert "Traceback" not in result.stderr
    assert (e.root / "site/documents/speech/index.html").read_text(encoding="utf-8") == good
    assert not list(e.root.glob(".site-*"))


def test_a_build_failing_late_in_strict_mode_also_keeps_the_last_site(edition_with_people) -> None:
    e = edition_with_people
    e.document("speech", extra="people: [zinoviev, trotsky]")
    assert mkdocs(e.root, "--strict").returncode == 0
    e.write("docs/broken-link.md", "# Page\n\n[missing](nowhere.md)\n")
    result = mkdocs(e.root, "--strict")
    assert result.returncode == 1
    assert not (e.root / "site/broken-link").exists()
    assert (e.root / "site/documents/speech/index.html").exists()
    assert not list(e.root.glob(".site-*"))


def test_long_lists_continue_on_further_pages(edition_with_people, build) -> None:
    for n in range(230):
        edition_with_people.document(f"doc-{n:03d}", date=f"192{2 + n // 100}-01-{1 + n % 28:02d}",
                                     title=f"Document {n:03d}", extra="people: [zinoviev]")
    site = build(edition_with_people)
    first, second, third = (page(site, url) for url in ("sections/late", "sections/late/2", "sections/late/3"))
    assert len(first.find("table", class_="edition-documents").find("tbody").find_all("tr")) == 100
    assert len(second.find("table", class_="edition-documents").find("tbody").find_all("tr")) == 100
    assert len(third.find("table", class_="edition-documents").find("tbody").find_all("tr")) == 30
    titles = [linked_titles(p, "documents") for p in (first, second, third)]
    everything = [t for chunk in titles for t in chunk]
    assert len(everything) == 230 and len(set(everything)) == 230
    assert second.find("nav", class_="edition-pager").find("a", rel="next")["href"] == "../3/"
    person = page(site, "people/zinoviev")
    assert len(person.find(id="mentioned").find_next("table").find("tbody").find_all("tr")) == 100
    assert person.find("a", string="All 230 documents that name Grigorii Zinoviev")["href"] == "named/"
    assert len(page(site, "people/zinoviev/named/3").find("tbody").find_all("tr")) == 30


def test_the_chronology_interleaves_events_and_documents_by_date(edition_with_people, build) -> None:
    e = edition_with_people
    e.event("tenth-congress", "1921-03-08", "1921-03-16", "Tenth Congress")
    e.document("before", date="1921-02-01", title="Before", extra="events: [tenth-congress]")
    e.document("after", date="1921-04-01", title="After")
    rows = page(build(e), "chronology").find("tbody").find_all("tr")
    assert [row.find_all("td")[2].find("a").get_text() for row in rows] == ["Before", "Tenth Congress", "After"]


def test_search_indexes_documents_people_and_events_not_the_lists_of_them(edition_with_people, build) -> None:
    edition_with_people.event("congress", "1921-03-08", "1921-03-16")
    edition_with_people.document("speech", title="A findable speech", extra="people: [zinoviev, trotsky]\n"
                                                                            "events: [congress]")
    site = build(edition_with_people)
    for url in ("documents/speech", "people/zinoviev", "events/congress"):
        assert page(site, url).find(attrs={"data-pagefind-body": True}) is not None, url
    for url in ("chronology", "people", "sections/late", "documents", "years/1921"):
        assert page(site, url).find(attrs={"data-pagefind-body": True}) is None, url
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "pagefind-ru" / "pagefind.js").is_file()
    assert not (site / "search" / "search_index.json").exists()


def test_a_document_carries_its_search_filters(edition_with_people, build) -> None:
    edition_with_people.document("speech", extra="genre: speech\nlanguage: ru", author="zinoviev")
    record = page(build(edition_with_people), "documents/speech")
    tags = record.find_all(attrs={"data-pagefind-filter": True})
    filters = {(tag["data-pagefind-filter"], tag.get_text()) for tag in tags}
    assert filters == {("section", "Late years"), ("decade", "1920s"), ("author", "Grigorii Zinoviev"),
                       ("genre", "speech"), ("language", "Russian")}
    [sort] = record.find_all(attrs={"data-pagefind-sort": "date"})
    assert sort.get_text() == "1921-03-08"


def test_a_count_of_one_is_said_in_the_singular_everywhere(edition_with_people, build) -> None:
    edition_with_people.document("only-early", date="1920-05-01", section="early", author="lenin")
    edition_with_people.event("congress", "1920-05-01", "1920-05-02")
    site = build(edition_with_people)
    plural = re.compile(r"\b1 (documents|people|events|sections|genres|authors)\b")
    for path in site.rglob("*.html"):
        text = " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text().split())
        assert plural.search(text) is None, f"{path.relative_to(site)}: {plural.search(text)}"


def test_a_section_title_that_carries_its_numeral_is_not_numbered_twice(edition_with_people, build) -> None:
    e = edition_with_people
    config = e.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("title: Early years", "title: I. Early years"),
                      encoding="utf-8")
    e.document("d-early", date="1919-05", title="Early", section="early")
    sections = page(build(e), "documents").find("span", string="By section:").parent
    assert [a.get_text() for a in sections.find_all("a")] == ["I. Early years", "II. Late years"]
