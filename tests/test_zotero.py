"""What a scholar's tools capture: each page's tags as Zotero's Embedded Metadata translator reads them,
and the downloads as its RIS, BibTeX and CSL-JSON import translators read them, all one item.

The rules asserted here are those of the translators' public code: ``citation_inbook_title`` makes a
book section (``citation_book_title`` would be read as OpenGraph's ``book:`` and dropped); a
``citation_author`` ending in a comma is one name; ``z.extra`` reaches Extra; RIS ``A4`` is the
translator and ``M2`` Extra; CSL-JSON ``note`` is Extra and ``{"literal": ...}`` a single-field name.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup

from mkdocs_documentary_edition import load_edition
from mkdocs_documentary_edition.cite.formatter import DEFAULT_STYLE
from mkdocs_documentary_edition.cite.works import WorkFormatter
from mkdocs_documentary_edition.publish.cite_this import RIS_TAGS

EDITION = "Test Edition"
URL = "https://www.edition-test.net/edition/"


def soup_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def meta(soup: BeautifulSoup, name: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs={"name": name})]


def prop(soup: BeautifulSoup, name: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs={"property": name})]


@pytest.fixture
def cited(edition):
    config = edition.root / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "      editors: [Ann Editor]",
        "      editors:\n        - Ann Editor\n        - name: Boris Translator\n          role: translator\n"
        "      publisher: The Test Edition Project\n      release: 2026-12-01\n      licence: CC-BY-4.0"))
    edition.person("shliapnikov", "Aleksandr Shliapnikov", "Shliapnikov, Aleksandr Gavrilovich")
    edition.person("kollontai", "Aleksandra Kollontai", "Kollontai, Aleksandra Mikhailovna")
    edition.write("people/sovnarkom.md", "---\nid: sovnarkom\nname: Council of People's Commissars\nkind: group\n"
                                         "---\nThe government.\n")
    edition.document("speech", date="1921-03-08", author="shliapnikov", title="Speech at the Tenth Congress",
                     extra="genre: speech\nsummary: On the crisis in the party.")
    edition.document("letter", date="1921-03-23/1921-04-01", author="kollontai", title="Letter to a comrade",
                     extra="genre: letter\nlanguage: ru\ntranslator: Carla Historian\noriginal_title: Письмо")
    edition.document("decree", date="1921-03?", author="sovnarkom", title="Decree on the tax in kind",
                     extra="genre: decree")
    return edition


@pytest.fixture
def site(cited, build) -> Path:
    return build(cited)


def test_a_document_is_a_section_of_the_edition(site) -> None:
    page = soup_of(site, "documents/speech")
    assert meta(page, "citation_inbook_title") == [EDITION]
    for venue in ("citation_book_title", "citation_conference_title", "citation_journal_title"):
        assert meta(page, venue) == []


def test_a_document_names_its_author_and_the_editions_editors(site) -> None:
    page = soup_of(site, "documents/speech")
    assert meta(page, "citation_author") == ["Shliapnikov, Aleksandr"]
    assert meta(page, "citation_editor") == ["Editor, Ann"]  # people only; the translator is not an editor


def test_a_group_author_is_one_name(site) -> None:
    assert meta(soup_of(site, "documents/decree"), "citation_author") == ["Council of People's Commissars,"]


def test_a_document_is_dated_by_the_release_and_keeps_its_own_date_in_extra(site) -> None:
    page = soup_of(site, "documents/letter")
    assert meta(page, "citation_publication_date") == ["2026/12/01"]
    assert meta(page, "citation_date") == []
    assert meta(page, "z.extra") == ["Original Date: 1921-03-23/1921-04-01"]
    assert meta(soup_of(site, "documents/decree"), "z.extra") == ["Original Date: 1921-03?"]
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert (data["dateCreated"], data["datePublished"]) == ("1921-03-23/1921-04-01", "2026-12-01")


def test_the_language_is_that_of_the_text_the_reader_sees(site) -> None:
    page = soup_of(site, "documents/letter")
    assert meta(page, "citation_language") == ["en"]
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["translationOfWork"] == {"@type": "CreativeWork", "inLanguage": "ru", "name": "Письмо"}


def test_no_type_tag_overrides_the_item(site) -> None:
    page = soup_of(site, "documents/speech")
    assert meta(page, "DC.type") == [] and prop(page, "og:type") == []


def test_the_page_names_publisher_licence_and_address(site) -> None:
    page = soup_of(site, "documents/speech")
    assert meta(page, "citation_publisher") == ["The Test Edition Project"]
    assert meta(page, "DC.rights") == ["Creative Commons Attribution 4.0 International"]
    assert meta(page, "citation_public_url") == [f"{URL}documents/speech/"]
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_the_ris_download_imports_as_the_same_item(site) -> None:
    [record] = rispy.loads((site / "documents/letter/letter.ris").read_text(encoding="utf-8"), mapping=RIS_TAGS)
    assert record["type_of_reference"] == "CHAP"
    assert record["title"] == "Letter to a comrade"
    assert record["authors"] == ["Kollontai, Aleksandra"]
    assert record["secondary_authors"] == ["Editor, Ann"]  # A2: editor
    assert record["subsidiary_authors"] == ["Historian, Carla", "Translator, Boris"]  # A4: translator
    assert record["secondary_title"] == EDITION  # T2: book title
    assert record["date"] == "2026/12/01/"
    assert record["extra"] == "Original Date: 1921-03-23/1921-04-01"  # M2: Extra
    assert record["rights"] == "Creative Commons Attribution 4.0 International"
    assert record["urls"] == [f"{URL}documents/letter/"]


def test_a_group_is_one_name_in_ris(site) -> None:
    [record] = rispy.loads((site / "documents/decree/decree.ris").read_text(encoding="utf-8"), mapping=RIS_TAGS)
    assert record["authors"] == ["Council of People's Commissars"]  # no comma: a single-field name


def test_the_bibtex_download_imports_as_the_same_item(site) -> None:
    [entry] = bibtexparser.parse_string((site / "documents/letter/letter.bib").read_text(encoding="utf-8")).entries
    fields = {key: field.value for key, field in entry.fields_dict.items()}
    assert entry.entry_type == "incollection"
    assert fields["booktitle"] == EDITION
    assert fields["author"] == "Kollontai, Aleksandra"
    assert fields["editor"] == "Editor, Ann"
    assert fields["translator"] == "Historian, Carla and Translator, Boris"
    assert fields["date"] == "2026-12-01"
    assert fields["origdate"] == "1921-03-23/1921-04-01"
    assert fields["publisher"] == "The Test Edition Project"


def test_the_csl_json_download_imports_as_the_same_item(site) -> None:
    [item] = json.loads((site / "documents/letter/letter.json").read_text(encoding="utf-8"))
    assert item["type"] == "chapter"
    assert item["container-title"] == EDITION
    assert item["author"] == [{"family": "Kollontai", "given": "Aleksandra"}]
    assert item["translator"] == [{"family": "Historian", "given": "Carla"}, {"family": "Translator", "given": "Boris"}]
    assert item["issued"] == {"date-parts": [[2026, 12, 1]]}
    assert item["note"] == "Original Date: 1921-03-23/1921-04-01"
    assert "event-place" not in item and "publisher-place" not in item  # the venue is not a place of publication
    [group] = json.loads((site / "documents/decree/decree.json").read_text(encoding="utf-8"))
    assert group["author"] == [{"literal": "Council of People's Commissars"}]


def test_the_cite_box_is_the_downloaded_item_formatted_by_the_csl_processor(site) -> None:
    [item] = json.loads((site / "documents/letter/letter.json").read_text(encoding="utf-8"))
    box = soup_of(site, "documents/letter").find(id="edition-citation")
    expected = BeautifulSoup(WorkFormatter(DEFAULT_STYLE).entry(item), "html.parser").get_text()
    assert box.get_text() == expected
    assert "Kollontai" in expected and EDITION in expected and "2026" in expected


def test_the_home_page_is_the_edition_as_a_book(site) -> None:
    home = soup_of(site, "")
    assert prop(home, "og:type") == ["book"]
    assert meta(home, "citation_title") == [EDITION]
    assert meta(home, "citation_editor") == ["Editor, Ann"]
    assert meta(home, "citation_publisher") == ["The Test Edition Project"]
    assert meta(home, "citation_publication_date") == ["2026/12/01"]
    assert meta(home, "citation_inbook_title") == []
    assert home.find(id="edition-citation") is not None
    [record] = rispy.loads((site / "citation.ris").read_text(encoding="utf-8"), mapping=RIS_TAGS)
    assert (record["type_of_reference"], record["title"]) == ("BOOK", EDITION)


@pytest.mark.parametrize("url", ["people/shliapnikov", "events", "bibliography", "chronology"])
def test_other_pages_are_web_pages_of_the_edition(cited, build, url: str) -> None:
    cited.write("bibliography.bib", "@book{work,\n  title = {A Work},\n  year = {1990}\n}\n")
    cited.document("speech", date="1921-03-08", author="shliapnikov", title="Speech", body="A claim [@work].")
    page = soup_of(build(cited), url)
    assert prop(page, "og:type") == ["website"]
    assert prop(page, "og:site_name") == [EDITION]
    assert meta(page, "DC.date") == ["2026-12-01"]
    assert meta(page, "citation_title") == []


def test_the_footer_states_the_licence(site) -> None:
    footer = soup_of(site, "documents/speech").find("footer").get_text(" ", strip=True)
    assert "Creative Commons Attribution 4.0 International" in footer
    assert "The Test Edition Project" in footer


def test_a_document_lists_its_changes(cited, build) -> None:
    cited.document("speech", date="1921-03-08", author="shliapnikov", extra=(
        "changes:\n  - date: '2026-12-05'\n    note: Corrected the date of the congress session."))
    changes = soup_of(build(cited), "documents/speech").find(id="changes").find_next("ul").get_text(" ", strip=True)
    assert changes == "5 December 2026 : Corrected the date of the congress session."


def test_a_change_with_a_bad_date_is_an_error_at_its_line(cited) -> None:
    cited.document("speech", date="1921-03-08", author="shliapnikov", extra=(
        "changes:\n  - date: '2026-13-05'\n    note: A correction."))
    assert [p.as_text() for p in load_edition(cited.root).errors] == [
        "documents/speech.md:9:11: error: 'changes.0.date': '2026-13-05': 13 is not a month (01-12) or season (21-24)"]


def test_a_placeholder_site_url_fails_a_strict_check(cited) -> None:
    config = cited.root / "mkdocs.yml"
    config.write_text(config.read_text().replace(URL, "https://edition.example.org/"))
    [problem] = load_edition(cited.root).warnings
    assert problem.as_text() == ("mkdocs.yml:2:11: warning: site_url 'https://edition.example.org/' is a placeholder "
                                 "(edition.example.org): set it to the address the edition is published at before "
                                 "publishing")


def test_the_version_is_the_release_tag_else_the_commit(cited, build) -> None:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(cited.root), *args], check=True, capture_output=True,
                              text=True).stdout.strip()

    git("init", "-q")
    git("-c", "user.name=T", "-c", "user.email=t@localhost", "commit", "-q", "--allow-empty", "-m", "first")
    commit = git("log", "-1", "--format=%h")
    box = soup_of(build(cited), "documents/speech").find(class_="edition-cite").get_text(" ", strip=True)
    assert f"version {commit}" in box
    git("tag", "v1.0")
    [record] = rispy.loads((build(cited) / "documents/speech/speech.ris").read_text(encoding="utf-8"),
                           mapping=RIS_TAGS)
    assert record["edition"] == "version v1.0"


def test_editors_are_people_with_roles(cited) -> None:
    config = cited.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("          role: translator", "          role: typesetter"))
    [message] = [p.message for p in load_edition(cited.root).errors]
    assert message == "plugins.edition: role 'typesetter' is not one of editor, translator, contributor"
