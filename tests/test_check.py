"""`edition check`: every problem, at its file, line and column, with a suggestion where there is one."""

from __future__ import annotations

import json

import pytest

from mkdocs_documentary_edition import load_edition
from mkdocs_documentary_edition.cli import main


def problems(edition) -> list[str]:
    return [p.as_text() for p in load_edition(edition.root).problems]


def errors(edition) -> list[str]:
    return [p.as_text() for p in load_edition(edition.root).errors]


@pytest.fixture
def clean(edition):
    edition.person("lenin", "Vladimir Lenin")
    edition.document("resolution")
    return edition


def test_a_clean_edition_has_no_problems(clean) -> None:
    assert problems(clean) == []


def test_a_file_without_front_matter_is_an_error(clean) -> None:
    clean.write("documents/bare.md", "Just text.\n")
    assert errors(clean) == ["documents/bare.md:1:1: error: no front-matter: the file must start with a line "
                             "'---', then YAML keys (id, title, ...), then a closing '---'"]


def test_malformed_yaml_points_at_its_line(clean) -> None:
    clean.write("documents/broken.md", "---\nid: broken\ntitle: [unclosed\nvenue: x\n---\n")
    [message] = errors(clean)
    assert message.startswith("documents/broken.md:4:")
    assert "malformed YAML" in message


def test_a_duplicate_key_names_both_lines(clean) -> None:
    clean.write("people/twice.md", "---\nid: twice\nname: One\nname: Two\n---\n")
    assert errors(clean) == ["people/twice.md:4:1: error: duplicate key 'name' (first given on line 3): keep one"]


def test_bad_encoding_is_reported_with_its_line(clean) -> None:
    path = clean.root / "people" / "latin1.md"
    path.write_bytes("---\nid: latin1\nname: Caf\xe9\n---\n".encode("latin-1"))
    assert errors(clean) == ["people/latin1.md:3:10: error: not UTF-8 text: save the file with UTF-8 encoding"]


def test_a_missing_required_key_is_named(clean) -> None:
    clean.write("documents/untitled.md",
                "---\nid: untitled\ndate: '1921'\nauthor: lenin\nvenue: x\nsection: late\n---\n")
    assert errors(clean) == ["documents/untitled.md:1:1: error: missing required key 'title'"]


def test_a_wrong_type_is_named_at_its_value(clean) -> None:
    clean.document("listed", extra="people: zinoviev")
    assert errors(clean) == ["documents/listed.md:8:9: error: 'people' should be a list, not 'zinoviev'"]


def test_an_unknown_key_suggests_the_nearest_known_key(clean) -> None:
    clean.document("typo", extra="sumary: A short summary.")
    assert errors(clean) == ["documents/typo.md:8:1: error: unknown key 'sumary'; did you mean 'summary'?"]


def test_duplicate_ids_across_files_are_errors(clean) -> None:
    clean.write("documents/copy.md", (clean.root / "documents" / "resolution.md").read_text())
    assert errors(clean) == ["documents/resolution.md:2:5: error: duplicate id 'resolution': documents/copy.md "
                             "already uses it; give this file an id of its own"]


@pytest.mark.parametrize("bad_id", ["../x", "Resolution", "two words", "a--b", "-a"])
def test_ids_must_be_slugs(clean, bad_id: str) -> None:
    clean.write("documents/bad.md", f"---\nid: '{bad_id}'\ntitle: T\ndate: '1921'\nauthor: lenin\nvenue: V\n"
                                    "section: late\n---\n")
    [message] = errors(clean)
    assert message.startswith("documents/bad.md:2:5: error: 'id':")
    assert "use only lowercase letters a-z, digits and single hyphens" in message


def test_an_unknown_person_lists_the_nearest_known_ids(clean) -> None:
    clean.person("zinoviev", "Grigorii Zinoviev")
    clean.document("letter", extra="people: [zinovev]")
    assert errors(clean) == ["documents/letter.md:8:10: error: unknown person 'zinovev'; did you mean 'zinoviev'?"]


def test_an_unknown_author_is_an_error_at_its_value(clean) -> None:
    clean.document("anonymous", author="nobody-at-all")
    assert errors(clean) == ["documents/anonymous.md:5:9: error: unknown person 'nobody-at-all'; "
                             "add people/nobody-at-all.md or correct the id"]


def test_an_unknown_event_is_an_error(clean) -> None:
    clean.event("tenth-congress", "1921-03-08", "1921-03-16")
    clean.document("speech", extra="events: [tenth-congres]")
    assert errors(clean) == ["documents/speech.md:8:10: error: unknown event 'tenth-congres'; "
                             "did you mean 'tenth-congress'?"]


def test_an_unknown_section_lists_the_sections(clean) -> None:
    clean.document("lost", section="middle")
    assert errors(clean) == ["documents/lost.md:7:10: error: unknown section 'middle'; use one of: early, late"]


def test_an_unknown_inline_reference_is_an_error_at_its_line(clean) -> None:
    clean.document("named", body="First line.\n\nSee [Trotsky](person:trotsky).\n")
    assert errors(clean) == ["documents/named.md:11:15: error: unknown person 'trotsky'; "
                             "add people/trotsky.md or correct the id"]


def test_an_unknown_bibliography_key_is_an_error(clean) -> None:
    clean.write("bibliography.bib", "@book{allen2021,\n  title = {Documents},\n  year = {2021}\n}\n")
    clean.document("cited", body="Text.[^1]\n\n[^1]: See [@allen2012, 45].\n")
    assert errors(clean) == ["documents/cited.md:11:12: error: unknown bibliography key 'allen2012'; "
                             "did you mean 'allen2021'?"]


def test_an_impossible_date_is_an_error(clean) -> None:
    clean.document("leap", date="1921-02-30")
    assert errors(clean) == ["documents/leap.md:4:7: error: 'date': '1921-02-30' does not exist: "
                             "February 1921 has 28 days"]


def test_an_unquoted_impossible_date_is_an_error_not_a_crash(clean) -> None:
    clean.write("documents/unquoted.md", "---\nid: unquoted\ntitle: T\ndate: 1921-02-30\nauthor: lenin\n"
                                         "venue: V\nsection: late\n---\n")
    assert errors(clean) == ["documents/unquoted.md:4:7: error: 'date': '1921-02-30' does not exist: "
                             "February 1921 has 28 days"]


def test_a_date_outside_its_section_is_an_error(clean) -> None:
    clean.document("misplaced", date="1919-05-01")
    assert errors(clean) == ["documents/misplaced.md:4:7: error: 'date': 1 May 1919 falls outside section "
                             "'late' (1921 – 1930): it fits section 'early' (1919 – 1920); correct the date or "
                             "the section"]


def test_an_event_that_ends_before_it_starts_is_an_error(clean) -> None:
    clean.event("backwards", "1921-03-16", "1921-03-08")
    clean.document("speech", extra="events: [backwards]")
    assert errors(clean) == ["events/backwards.md:5:6: error: 'end' (8 March 1921) is before 'start' "
                             "(16 March 1921)"]


def test_born_after_died_is_an_error(clean) -> None:
    clean.write("people/reversed.md", "---\nid: reversed\nname: R\nborn: '1937'\ndied: '1885'\n---\n")
    clean.document("mention", extra="people: [reversed]")
    assert errors(clean) == ["people/reversed.md:5:7: error: 'died' (1885) is before 'born' (1937)"]


def test_unreferenced_people_events_and_entries_are_warnings(clean) -> None:
    clean.person("nobody")
    clean.event("quiet-day", "1922-01-01", "1922-01-01")
    clean.write("bibliography.bib", "@book{unused,\n  title = {Never cited},\n  year = {1990}\n}\n")
    found = load_edition(clean.root)
    assert found.errors == []
    assert [p.as_text() for p in found.warnings] == [
        "bibliography.bib:1:1: warning: nothing cites 'unused': cite it in a note or remove the entry",
        "events/quiet-day.md:2:1: warning: nothing refers to event 'quiet-day': list it in a document's "
        "'events' or link it in a text, or remove the file",
        "people/nobody.md:2:1: warning: nothing refers to person 'nobody': name them in a document's "
        "'people' or link them in a text, or remove the file",
    ]


def test_a_malformed_bibliography_entry_names_its_line(clean) -> None:
    clean.write("bibliography.bib", "@book{good,\n  title = {Fine}\n}\n\n@book{bad,\n  title = {unclosed\n"
                                    "@book{after,\n  title = {Also fine}\n}\n")
    [message, *_] = errors(clean)
    assert message.startswith("bibliography.bib:5:1: error: malformed entry:")


def test_a_duplicate_bibliography_key_names_its_line(clean) -> None:
    clean.write("bibliography.bib", "@book{same,\n  title = {One}\n}\n@book{same,\n  title = {Two}\n}\n")
    assert "bibliography.bib:4:1: error: duplicate key 'same' (first used on line 1): give each entry its own key" \
        in errors(clean)


def test_citations_in_code_and_email_addresses_are_not_citations(clean) -> None:
    clean.document("quiet", body="Mail [me@example.org] or `[@nokey]`.\n\n```\n[@alsonot]\n```\n")
    assert errors(clean) == []


def test_every_problem_is_reported_at_once(clean) -> None:
    clean.document("first-bad", date="1921-02-30")
    clean.document("second-bad", author="ghost")
    clean.write("documents/third-bad.md", "no front matter\n")
    assert len(errors(clean)) == 3


def test_a_plugin_entry_that_is_not_a_mapping_is_an_error(clean) -> None:
    clean.write("mkdocs.yml", "site_name: X\nplugins:\n  - edition: [a, b]\n")
    assert [p.as_text() for p in load_edition(clean.root).problems] == [
        "mkdocs.yml:3:14: error: plugins.edition must be a mapping of settings (sections, editors, ...)"]


def test_a_bibliography_key_that_cannot_be_a_url_is_an_error(clean) -> None:
    clean.write("bibliography.bib", "@book{bad/key,\n  title = {T}\n}\n")
    clean.document("cited", body="Text [@bad/key].\n")
    assert "bibliography.bib:1:1: error: key 'bad/key' cannot be part of a URL: use letters, digits and - _ : . " \
           "only" in errors(clean)


def test_a_bibliography_key_of_digits_alone_is_an_error(clean) -> None:
    clean.write("bibliography.bib", "@book{2,\n  title = {T}\n}\n")
    clean.document("cited", body="Text [@2].\n")
    assert "bibliography.bib:1:1: error: key '2' would take the address of a page of the bibliography: add a " \
           "letter to it" in errors(clean)


def test_check_exits_zero_when_clean(clean, capsys) -> None:
    assert main(["check", str(clean.root)]) == 0


def test_check_exits_one_on_errors_and_prints_each(clean, capsys) -> None:
    clean.document("leap", date="1921-02-30")
    assert main(["check", str(clean.root)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("documents/leap.md:4:7: error: ")


def test_check_exits_two_when_the_edition_cannot_be_read(tmp_path, capsys) -> None:
    assert main(["check", str(tmp_path / "missing")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["check", str(tmp_path / "empty")]) == 2
    assert "no mkdocs.yml" in capsys.readouterr().out


def test_strict_fails_on_warnings(clean) -> None:
    clean.person("nobody")
    assert main(["check", str(clean.root)]) == 0
    assert main(["check", "--strict", str(clean.root)]) == 1


def test_github_format_prints_annotations(clean, capsys) -> None:
    clean.document("leap", date="1921-02-30")
    main(["check", "--format", "github", str(clean.root)])
    assert capsys.readouterr().out.startswith("::error file=documents/leap.md,line=4,col=7::'date': ")


def test_json_format_is_machine_readable(clean, capsys) -> None:
    clean.document("leap", date="1921-02-30")
    main(["check", "--format", "json", str(clean.root)])
    [row] = json.loads(capsys.readouterr().out)
    assert row["path"] == "documents/leap.md"
    assert (row["line"], row["column"], row["severity"]) == (4, 7, "error")


def test_an_unknown_locator_label_is_an_error(clean) -> None:
    clean.write("bibliography.bib", "@book{allen2021,\n  author = {Allen, B.},\n  title = {Documents},\n}\n")
    clean.document("cited", body="Text.[^1]\n\n[^1]: See [@allen2021, pgs 45].\n")
    assert errors(clean) == ["documents/cited.md:11:12: error: unknown locator label 'pgs'; did you mean 'pages'?"]


def test_a_malformed_citation_is_an_error(clean) -> None:
    clean.write("bibliography.bib", "@book{allen2021,\n  author = {Allen, B.},\n  title = {Documents},\n}\n")
    clean.document("cited", body="Text [@allen2021; @] more.\n")
    [message] = errors(clean)
    assert message.startswith("documents/cited.md:9:")
    assert "malformed citation" in message


def test_an_entry_lacking_what_the_style_needs_is_a_warning(clean) -> None:
    clean.write("bibliography.bib", "@article{thin,\n  author = {Allen, B.},\n  title = {An Article},\n}\n")
    clean.document("cited", body="Text [@thin].\n")
    assert [p.as_text() for p in load_edition(clean.root).warnings] == [
        "bibliography.bib:1:1: warning: 'thin' has no journal or journaltitle: its notes will lack it"]


def test_citations_on_front_pages_are_checked(clean) -> None:
    clean.write("bibliography.bib", "@book{allen2021,\n  title = {Documents}\n}\n")
    clean.write("docs/index.md", "# Home\n\nBased on [@allen2021] and [@alen2021].\n")
    assert errors(clean) == ["docs/index.md:3:28: error: unknown bibliography key 'alen2021'; "
                             "did you mean 'allen2021'?"]
    assert load_edition(clean.root).warnings == []  # allen2021 counts as cited
