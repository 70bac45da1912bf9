"""Structured provenance and authority links: checked at their lines like every key, shown on the page, and
carried into the page's metadata."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from mkdocs_documentary_edition import load_edition
from mkdocs_documentary_edition.cli import main

PROVENANCE = """\
archive:
  repository: RGASPI
  fond: 17
  opis: 2
  delo: 61
  folios: 12-14ob.
first_published:
  periodical: Pravda
  issue: 14
  date: '1924-01-18'
  pages: 2
translator: Barbara C. Allen
transcriber: Ann Editor
text: excerpt
"""


def errors(edition) -> list[str]:
    return [p.as_text() for p in load_edition(edition.root).errors]


@pytest.fixture
def clean(edition):
    edition.person("lenin", "Vladimir Lenin")
    return edition


def page(site, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def meta(soup: BeautifulSoup) -> dict[str, str]:
    return {dt.get_text(): dd.get_text(" ", strip=True) for dt, dd in zip(soup.select(".edition-meta dt"),
                                                                        soup.select(".edition-meta dd"), strict=True)}


def test_structured_provenance_checks_clean(clean) -> None:
    clean.document("speech", extra=PROVENANCE)
    assert errors(clean) == []


def test_provenance_becomes_the_documents_record(clean) -> None:
    clean.document("speech", extra=PROVENANCE)
    [document] = load_edition(clean.root).edition.documents
    assert document.archive.words() == "RGASPI, f. 17, op. 2, d. 61, ll. 12-14ob."
    assert document.first_published.words() == "Pravda, no. 14, 18 January 1924, p. 2"
    assert (document.translator, document.transcriber, document.text) == ("Barbara C. Allen", "Ann Editor", "excerpt")


def test_an_archive_may_be_given_as_a_reference_in_words(clean) -> None:
    clean.document("speech", extra="archive: Hoover Institution, Nicolaevsky collection, box 7")
    [document] = load_edition(clean.root).edition.documents
    assert document.archive.reference == "Hoover Institution, Nicolaevsky collection, box 7"


def test_an_unknown_key_of_an_archive_is_an_error_at_its_line(clean) -> None:
    clean.document("speech", extra="archive:\n  repository: RGASPI\n  fund: 17")
    assert errors(clean) == ["documents/speech.md:10:3: error: unknown key 'fund'; did you mean 'fond'?"]


def test_an_archive_without_a_repository_or_a_reference_is_an_error_at_its_line(clean) -> None:
    clean.document("speech", extra="archive:\n  fond: 17")
    assert errors(clean) == ["documents/speech.md:9:3: error: 'archive': give the 'repository' (with 'fond', "
                             "'opis', 'delo' and 'folios' as known) or a free 'reference'"]


def test_a_first_publication_names_a_periodical_or_a_book(clean) -> None:
    clean.document("speech", extra="first_published:\n  periodical: Pravda\n  book: Sochineniia")
    assert errors(clean) == ["documents/speech.md:9:3: error: 'first_published': name either the 'periodical' "
                             "or the 'book' it first appeared in"]


def test_a_wrong_date_of_first_publication_is_an_error_at_its_line(clean) -> None:
    clean.document("speech", extra="first_published:\n  periodical: Pravda\n  date: '1924-02-30'")
    assert errors(clean) == ["documents/speech.md:10:9: error: 'first_published.date': '1924-02-30' does not exist: "
                             "February 1924 has 29 days"]


def test_a_text_basis_outside_the_list_is_an_error_at_its_line(clean) -> None:
    clean.document("speech", extra="text: abstract")
    assert errors(clean) == ["documents/speech.md:8:7: error: 'text': 'abstract' is not allowed; use one of: full, "
                             "excerpt, summary, none"]


def test_an_empty_transcriber_is_an_error_at_its_line(clean) -> None:
    clean.document("speech", extra="transcriber: ''")
    assert errors(clean) == ["documents/speech.md:8:14: error: 'transcriber' must not be empty"]


def test_the_check_exits_1_on_a_provenance_error_and_prints_no_traceback(clean, capsys) -> None:
    clean.document("speech", extra="archive:\n  repository: RGASPI\n  fond: [17]")
    assert main(["check", str(clean.root)]) == 1
    out = capsys.readouterr()
    assert "documents/speech.md:10:9: error: 'archive.fond'" in out.out
    assert "Traceback" not in out.out + out.err


@pytest.mark.parametrize(("key", "value", "message"), [
    ("wikidata", "X12", "give a Wikidata item id such as 'Q1394'"),
    ("viaf", "'12a'", "give a VIAF id: its digits, such as '100177737'"),
    ("gnd", "abc", "give a GND id such as '118640402' or '4079255-2'"),
])
def test_an_authority_id_of_the_wrong_form_is_an_error_at_its_line(clean, key, value, message) -> None:
    clean.write("people/zinoviev.md", f"---\nid: zinoviev\nname: Grigorii Zinoviev\n{key}: {value}\n---\nBio.\n")
    [problem] = errors(clean)
    assert problem.startswith(f"people/zinoviev.md:4:{len(key) + 3}: error: '{key}': ")
    assert problem.endswith(message)


def test_an_event_may_carry_authority_ids(clean) -> None:
    clean.write("events/congress.md", "---\nid: congress\nname: Tenth Congress\nstart: '1921-03-08'\n"
                "wikidata: Q1752836\ngnd: 5005195-8\n---\nAbout it.\n")
    [event] = load_edition(clean.root).edition.events
    assert (event.authorities.wikidata, event.authorities.gnd) == ("Q1752836", "5005195-8")


def test_the_document_page_shows_its_provenance(clean, build) -> None:
    clean.document("speech", extra=PROVENANCE)
    shown = meta(page(build(clean), "documents/speech"))
    assert shown["Archive"] == "RGASPI, f. 17, op. 2, d. 61, ll. 12-14ob."
    assert shown["First published"] == "Pravda , no. 14, 18 January 1924, p. 2"
    assert (shown["Translator"], shown["Transcriber"]) == ("Barbara C. Allen", "Ann Editor")


def test_a_text_given_as_a_summary_says_so_on_its_page(clean, build) -> None:
    clean.document("speech", extra="text: summary")
    note = page(build(clean), "documents/speech").select_one(".edition-text-note")
    assert note.get_text() == "This edition gives a summary of this document, not its text."


def test_the_document_metadata_gives_its_archive_and_first_publication(clean, build) -> None:
    clean.document("speech", extra=PROVENANCE)
    data = json.loads(page(build(clean), "documents/speech").find("script", type="application/ld+json").string)
    archive, printed = data["isBasedOn"]
    assert archive == {"@type": "ArchiveComponent", "name": "RGASPI, f. 17, op. 2, d. 61, ll. 12-14ob.",
                       "holdingArchive": {"@type": "ArchiveOrganization", "name": "RGASPI"}}
    assert printed == {"@type": "PublicationIssue", "issueNumber": "14", "datePublished": "1924-01-18",
                       "pagination": "2", "isPartOf": {"@type": "Periodical", "name": "Pravda"}}
    assert data["contributor"] == [{"@type": "Role", "roleName": "transcriber",
                                    "contributor": {"@type": "Person", "name": "Ann Editor"}}]


def test_a_persons_page_links_its_authority_records(clean, build) -> None:
    clean.write("people/zinoviev.md", "---\nid: zinoviev\nname: Grigorii Zinoviev\nwikidata: Q130827\n"
                "viaf: '59875998'\ngnd: '118637231'\n---\nBio.\n")
    soup = page(build(clean), "people/zinoviev")
    links = {a.get_text(): a["href"] for a in soup.select("a.edition-authority")}
    assert links == {"Q130827": "https://www.wikidata.org/wiki/Q130827", "59875998": "https://viaf.org/viaf/59875998/",
                     "118637231": "https://d-nb.info/gnd/118637231"}


def test_a_persons_metadata_gives_the_authority_records_as_same_as(clean, build) -> None:
    clean.write("people/zinoviev.md", "---\nid: zinoviev\nname: Grigorii Zinoviev\nwikidata: Q130827\n"
                "gnd: '118637231'\n---\nBio.\n")
    data = json.loads(page(build(clean), "people/zinoviev").find("script", type="application/ld+json").string)
    assert data["about"] == {"@type": "Person", "@id": "https://www.edition-test.net/edition/people/zinoviev/#person",
                             "name": "Grigorii Zinoviev",
                             "sameAs": ["http://www.wikidata.org/entity/Q130827", "https://d-nb.info/gnd/118637231"]}


def test_an_events_page_links_its_wikidata_item(clean, build) -> None:
    clean.write("events/congress.md", "---\nid: congress\nname: Tenth Congress\nstart: '1921-03-08'\n"
                "wikidata: Q1752836\n---\nAbout it.\n")
    soup = page(build(clean), "events/congress")
    assert [a["href"] for a in soup.select("a.edition-authority")] == ["https://www.wikidata.org/wiki/Q1752836"]
