"""The edition as data: JSON and CSV downloads of its documents, people, events and bibliography, a JSON
Schema they follow, a Data page, and a link from every record's page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from mkdocs_documentary_edition.publish.data import COLUMNS, read_csv

SITE = "https://www.edition-test.net/edition/"
KINDS = ("documents", "people", "events", "bibliography")
BIBLIOGRAPHY = """\
@book{allen2021,
  author = {Allen, Barbara C.},
  title = {The Workers' Opposition; {Documents}, 1919--30},
  publisher = {Brill},
  address = {Leiden},
  year = {2021},
}
@article{formula,
  author = {Tricky, Ann},
  title = {=HYPERLINK("https://evil.example/","click")},
  journal = {@journal},
  year = {1999},
}
"""


@pytest.fixture
def rich(edition):
    """Values that CSV must keep apart: separators, escapes, quotes, line breaks, formulas, Cyrillic."""
    edition.write("people/shliapnikov.md", "---\nid: shliapnikov\nname: Aleksandr Shliapnikov\n"
                  "sort_name: Shliapnikov, Aleksandr\nvariants: [Александр Шляпников, 'A; Sh.', 'back\\slash',"
                  " '=1+1']\nborn: '1885'\ndied: '1937-09-02'\nwikidata: Q1346131\n---\nMetalworker.\n")
    edition.write("people/opposition.md", "---\nid: opposition\nname: \"Workers' Opposition\"\nkind: group\n---\n"
                  "A faction.\n")
    edition.person("lenin", "Vladimir Lenin")
    edition.event("congress", "1921-03-08", "1921-03-16", name='Tenth "Congress", Moscow')
    edition.write("bibliography.bib", BIBLIOGRAPHY)
    edition.document("theses", date="1920-12-18", section="early", author="[shliapnikov, opposition]",
                     title="Theses; on the unions", body="## Text\n\nThe [congress](event:congress) and "
                     "[Lenin](person:lenin).[^1]\n\n[^1]: See [@allen2021, 45]; and [@formula].\n",
                     extra="summary: |\n  Two lines,\n  with a \"quote\".\narchive:\n  repository: RGASPI\n  fond: 17\n"
                           "  opis: 2\n  delo: 61\nfirst_published:\n  periodical: Pravda\n  date: '1921-01-25'\n"
                           "changes:\n  - date: '2026-01-05'\n    note: 'Corrected; the date'\n"
                           "  - date: '2026-02-01'\n    note: Another correction")
    edition.document("reply", date="1921-03-16?", author="lenin", body="A reply to [the theses](document:theses).",
                     extra="text: summary\ntranscriber: '-Anon'")
    return edition


@pytest.fixture
def site(rich, build):
    return build(rich)


def download(site, kind: str, suffix: str) -> str:
    return (site / "data" / f"{kind}.{suffix}").read_text(encoding="utf-8")


def records(site, kind: str) -> list[dict]:
    return json.loads(download(site, kind, "json"))["records"]


def page(site, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("kind", KINDS)
def test_each_json_download_follows_the_published_schema(site, kind) -> None:
    schema = json.loads((site / "data" / "schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    data = json.loads(download(site, kind, "json"))
    assert sorted(e.message for e in Draft202012Validator(schema).iter_errors(data)) == []
    assert data["$schema"] == f"{SITE}data/schema.json"


@pytest.mark.parametrize("kind", KINDS)
def test_each_csv_download_reads_back_into_the_records_of_the_json(site, kind) -> None:
    expected = [{k: v for k, v in record.items() if k != "csl"} for record in records(site, kind)]
    assert read_csv(kind, download(site, kind, "csv")) == expected


@pytest.mark.parametrize("kind", KINDS)
def test_the_csv_header_is_the_declared_one(site, kind) -> None:
    [header] = list(csv.reader(io.StringIO(download(site, kind, "csv"))))[:1]
    assert tuple(header) == tuple(c.replace("[].", "_").replace("[]", "").replace(".", "_") for c in COLUMNS[kind])


def test_the_csv_header_does_not_change_with_what_the_records_hold(edition, build) -> None:
    edition.person("lenin")
    edition.document("bare")
    header = download(build(edition), "documents", "csv").splitlines()[0]
    assert header.split(",")[:3] == ["id", "url", "title"] and "archive_fond" in header and "changes_note" in header


def test_csv_lists_are_joined_by_semicolons_with_escapes(site) -> None:
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(download(site, "people", "csv")))}
    assert rows["shliapnikov"]["variants"] == "Александр Шляпников;A\\; Sh.;back\\\\slash;=1+1"
    documents = {row["id"]: row for row in csv.DictReader(io.StringIO(download(site, "documents", "csv")))}
    assert documents["theses"]["authors"] == "shliapnikov;opposition"
    assert documents["theses"]["changes_note"] == "Corrected\\; the date;Another correction"


def test_a_csv_cell_that_a_spreadsheet_would_run_starts_with_an_apostrophe(site) -> None:
    works = {row["key"]: row for row in csv.DictReader(io.StringIO(download(site, "bibliography", "csv")))}
    assert works["formula"]["title"].startswith("'=HYPERLINK(")
    assert works["formula"]["container_title"] == "'@journal"
    documents = {row["id"]: row for row in csv.DictReader(io.StringIO(download(site, "documents", "csv")))}
    assert documents["reply"]["transcriber"] == "'-Anon"


def test_the_csv_is_utf8_with_one_row_per_record(site) -> None:
    raw = (site / "data" / "people.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert "Александр".encode() in raw
    assert len(list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))) == 3


def test_every_record_has_its_permanent_url(site) -> None:
    urls = {record["id"]: record["url"] for kind in ("documents", "people", "events") for record in records(site, kind)}
    assert urls["theses"] == f"{SITE}documents/theses/"
    assert urls["shliapnikov"] == f"{SITE}people/shliapnikov/"
    assert urls["congress"] == f"{SITE}events/congress/"
    assert [w["url"] for w in records(site, "bibliography")] == [f"{SITE}bibliography/#allen2021",
                                                                 f"{SITE}bibliography/#formula"]


def test_a_document_links_to_other_records_by_their_ids(site) -> None:
    theses, reply = records(site, "documents")
    assert (theses["authors"], theses["people"], theses["events"]) == (["shliapnikov", "opposition"], ["lenin"],
                                                                       ["congress"])
    assert theses["cites"] == ["allen2021", "formula"]
    assert reply["refers_to"] == ["theses"]
    assert theses["tei"] == f"{SITE}documents/theses/theses.xml"


def test_a_document_record_gives_its_date_and_provenance(site) -> None:
    theses, reply = records(site, "documents")
    assert (theses["date"], theses["earliest"], theses["latest"]) == ("1920-12-18", "1920-12-18", "1920-12-18")
    assert reply["date_words"] == "16 March 1921 (?)"
    assert theses["archive"] == {"repository": "RGASPI", "fond": "17", "opis": "2", "delo": "61", "folios": None,
                                 "reference": None}
    assert theses["first_published"] == {"periodical": "Pravda", "book": None, "issue": None, "date": "1921-01-25",
                                         "pages": None}
    assert (reply["text"], reply["transcriber"]) == ("summary", "-Anon")


def test_a_person_record_gives_the_authority_records(site) -> None:
    people = {p["id"]: p for p in records(site, "people")}
    assert people["shliapnikov"]["wikidata"] == "Q1346131"
    assert people["shliapnikov"]["same_as"] == ["http://www.wikidata.org/entity/Q1346131"]
    assert people["opposition"]["kind"] == "group"


def test_a_work_record_gives_its_fields_and_the_formatted_entry(site) -> None:
    allen = records(site, "bibliography")[0]
    assert (allen["author"], allen["publisher"], allen["issued"]) == (["Allen, Barbara C."], "Brill", "2021")
    assert allen["entry"].startswith("Allen, Barbara C. The Workers’ Opposition")
    assert allen["csl"]["type"] == "book"


def test_the_downloads_name_the_edition_they_come_from(site) -> None:
    data = json.loads(download(site, "people", "json"))
    assert data["edition"]["title"] == "Test Edition"
    assert data["edition"]["url"] == SITE
    assert data["edition"]["editors"] == ["Ann Editor"]


def test_the_data_page_links_every_download_and_is_in_the_navigation(site) -> None:
    soup = page(site, "data")
    links = {a["href"] for a in soup.select(".md-content a")}
    for kind in KINDS:
        assert {f"{kind}.json", f"{kind}.csv"} <= links
    assert "schema.json" in links
    assert any(a.get_text(strip=True) == "Data" for a in page(site, "").select(".md-nav a"))


@pytest.mark.parametrize(("url", "downloads"), [
    ("documents/theses", {"theses.xml", "../../data/documents.json", "../../data/documents.csv"}),
    ("people/lenin", {"../../data/people.json", "../../data/people.csv"}),
    ("events/congress", {"../../data/events.json", "../../data/events.csv"}),
])
def test_each_records_page_links_its_data(site, url, downloads) -> None:
    links = {a["href"] for a in page(site, url).select(".edition-data-links a")}
    assert downloads <= links


def test_text_in_the_downloads_is_text(edition, build) -> None:
    payload = '</script><script>alert(1)</script>"\'&'
    edition.person("lenin", "Vladimir Lenin")
    edition.document("speech", title=json.dumps(payload))
    site = build(edition)
    [record] = records(site, "documents")
    assert record["title"] == payload
    [row] = read_csv("documents", download(site, "documents", "csv"))
    assert row["title"] == payload


@pytest.mark.parametrize("kind", KINDS)
def test_each_json_download_is_the_text_json_writes_for_its_data(site, kind) -> None:
    text = download(site, kind, "json")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"


def test_a_json_download_without_records_is_the_text_json_writes_for_it(edition, build) -> None:
    edition.person("lenin", "Vladimir Lenin")
    edition.document("theses")
    text = download(build(edition), "events", "json")
    assert json.loads(text)["records"] == []
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"


def made_records(edition, kept) -> dict[str, list[dict]]:
    from mkdocs_documentary_edition import load_edition
    from mkdocs_documentary_edition.model.index import EditionIndex
    from mkdocs_documentary_edition.publish import data
    loaded = load_edition(edition.root)
    index = EditionIndex.build(loaded.edition)
    return {kind: data.records(kind, index, loaded.settings, None, {}, kept) for kind in ("documents", "bibliography")}


def test_under_serve_a_record_made_from_what_the_last_build_had_is_not_made_again(rich, monkeypatch) -> None:
    from mkdocs_documentary_edition.publish import data
    kept = data.WrittenRecords()
    first = made_records(rich, kept)

    def not_again(*_: object) -> None:
        raise AssertionError("a record was made again from unchanged inputs")
    monkeypatch.setattr(data, "document_record", not_again)
    monkeypatch.setattr(data, "work_record", not_again)
    assert made_records(rich, kept) == first


def test_under_serve_a_changed_document_and_a_changed_work_are_made_again(rich) -> None:
    from mkdocs_documentary_edition.publish import data
    kept = data.WrittenRecords()
    made_records(rich, kept)
    rich.document("reply", date="1921-03-16?", author="lenin", title="A corrected title", body="A reply.")
    rich.write("bibliography.bib", BIBLIOGRAPHY.replace("year = {1999}", "year = {2000}"))
    again = made_records(rich, kept)
    assert [r["title"] for r in again["documents"] if r["id"] == "reply"] == ["A corrected title"]
    assert [r["issued"] for r in again["bibliography"] if r["key"] == "formula"] == ["2000"]
