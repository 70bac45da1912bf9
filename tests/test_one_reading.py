"""One reading: the check sees exactly what the build publishes, and says so once, at the right line."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from mkdocs_documentary_edition import load_edition
from mkdocs_documentary_edition.cli import main


def errors(edition) -> list[str]:
    return [p.as_text() for p in load_edition(edition.root).errors]


def problems(edition) -> list[str]:
    return [p.as_text() for p in load_edition(edition.root).problems]


def page(site, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def clean(edition):
    edition.person("lenin", "Vladimir Lenin")
    edition.person("trotsky", "Lev Trotsky")
    edition.document("theses", body="The first paragraph.\n\nThe second paragraph.\n",
                     extra="people: [trotsky]")
    return edition


# -- links


def test_a_reference_style_link_to_an_unknown_person_is_an_error_at_its_definition(clean) -> None:
    clean.document("speech", body="Against [Z][z].\n\n[z]: person:ghost\n")
    assert errors(clean) == ["documents/speech.md:11:6: error: unknown person 'ghost'; "
                             "add people/ghost.md or correct the id"]


def test_a_link_with_a_title_is_checked_like_any_other(clean) -> None:
    clean.document("speech", body='Against [Y](person:ghost "a title").\n')
    assert errors(clean) == ["documents/speech.md:9:13: error: unknown person 'ghost'; "
                             "add people/ghost.md or correct the id"]


def test_a_mistyped_scheme_is_an_error_with_a_suggestion(clean) -> None:
    clean.document("speech", body="As [Trotskii](people:trotsky) said.\n")
    assert errors(clean) == ["documents/speech.md:9:15: error: unknown link scheme 'people:' in "
                             "'people:trotsky'; did you mean 'person:'?"]


def test_a_relative_link_in_a_document_is_an_error(clean) -> None:
    clean.document("speech", body="See [the theses](theses.md).\n")
    assert errors(clean) == ["documents/speech.md:9:18: error: link to 'theses.md': a text of the edition links "
                             "to its pages as 'document:<id>', 'person:<id>' or 'event:<id>', and to other sites "
                             "by a full address starting https://"]


def test_links_and_citations_in_code_are_text_not_references(clean, build) -> None:
    clean.document("speech", body="Write `[x](person:ghost)`.\n\n    [Trotskii](people:trotsky) [@nokey]\n\n"
                                  "```\n[@alsonot]\n```\n")
    assert errors(clean) == []
    code = page(build(clean), "documents/speech").find("div", class_="edition-document__body").find_all("code")
    assert [c.get_text().strip() for c in code] == ["[x](person:ghost)", "[Trotskii](people:trotsky) [@nokey]",
                                                    "[@alsonot]"]


# -- documents cite documents


def test_a_link_to_an_unknown_document_is_an_error(clean) -> None:
    clean.document("speech", body="As [the theses](document:thesis) say.\n")
    assert errors(clean) == ["documents/speech.md:9:17: error: unknown document 'thesis'; did you mean "
                             "'theses'?"]


def test_a_link_to_a_paragraph_that_does_not_exist_is_an_error(clean) -> None:
    clean.document("speech", body="As [the theses](document:theses#p4) say.\n")
    assert errors(clean) == ["documents/speech.md:9:17: error: document 'theses' has no paragraph #p4: its text "
                             "has 2 numbered paragraphs (p1, p2)"]


def test_a_link_to_a_document_leads_to_its_permanent_url_and_paragraph(clean, build) -> None:
    clean.document("speech", body="As [the theses](document:theses#p2) say.\n")
    site = build(clean)
    link = page(site, "documents/speech").find("a", class_="edition-ref--document")
    assert link["href"] == "../theses/#p2"
    assert page(site, "documents/theses").find(id="p2").get_text().startswith("The second paragraph.")


def test_a_document_lists_the_documents_that_refer_to_it(clean, build) -> None:
    clean.document("speech", title="The Speech", body="As [the theses](document:theses) say.\n")
    referring = page(build(clean), "documents/theses").find(id="referred-by").find_next("ul")
    assert [a.get_text() for a in referring.find_all("a")] == ["The Speech"]


# -- notes


def test_an_unclosed_citation_is_an_error(clean) -> None:
    clean.write("bibliography.bib", "@book{key,\n  title = {T}\n}\n")
    clean.document("speech", body="Cited [@key, 45] and then [@key, 46 without an end.\n")
    assert errors(clean) == ["documents/speech.md:9:27: error: citation '[@key' is not closed: end it with ']'"]


def test_an_undefined_footnote_is_an_error(clean) -> None:
    clean.document("speech", body="A claim.[^3]\n")
    assert errors(clean) == ["documents/speech.md:9:9: error: footnote [^3] is not defined: add a line "
                             "'[^3]: ...' with the note's text, or remove the marker"]


def test_a_footnote_defined_twice_is_an_error_at_the_second(clean) -> None:
    clean.document("speech", body="A claim.[^1]\n\n[^1]: First.\n[^1]: Second.\n")
    assert errors(clean) == ["documents/speech.md:12:1: error: footnote [^1] is defined twice (first on line 11): "
                             "give each note its own label"]


def test_a_footnote_never_referred_to_is_an_error(clean) -> None:
    clean.document("speech", body="A claim.\n\n[^lost]: A note without a marker.\n")
    assert errors(clean) == ["documents/speech.md:11:1: error: footnote [^lost] is never referred to: put [^lost] "
                             "where the note belongs in the text, or remove it"]


def test_footnotes_get_no_paragraph_anchors(clean, build) -> None:
    clean.document("speech", body="## Text\n\nA claim.[^1]\n\n[^1]: The note's own paragraph.\n\n    "
                                  "And a second one.\n")
    body = page(build(clean), "documents/speech").find("div", class_="edition-document__body")
    assert [p["id"] for p in body.find_all("p", id=True)] == ["p1"]


# -- files


def test_a_document_in_a_subfolder_is_read(clean, build) -> None:
    clean.write("documents/1921/letter.md", "---\nid: letter\ntitle: A letter\ndate: '1921-05'\nauthor: ghost\n"
                                            "venue: Moscow\nsection: late\n---\nText.\n")
    assert errors(clean) == ["documents/1921/letter.md:5:9: error: unknown person 'ghost'; add people/ghost.md "
                             "or correct the id"]
    clean.write("documents/1921/letter.md", "---\nid: letter\ntitle: A letter\ndate: '1921-05'\nauthor: lenin\n"
                                            "venue: Moscow\nsection: late\n---\nText.\n")
    assert (build(clean) / "documents" / "letter" / "index.html").exists()


def test_a_new_document_from_the_starter_reports_exactly_its_placeholders(clean, capsys) -> None:
    assert main(["new", "document", "1921-05-01-speech", "--section", "late", "--path", str(clean.root)]) == 0
    found = [p for p in errors(clean) if p.startswith("documents/1921-05-01-speech.md")]
    assert found and all("replace the starter's placeholder" in p for p in found)
    assert len(found) == 8  # title, date, author, venue, summary; headnote, text and note


def test_a_placeholder_left_in_a_person_is_an_error(clean) -> None:
    clean.write("people/new.md", "---\nid: new\nname: 'FILL IN: the name as displayed'\n---\nBio.\n")
    clean.document("speech", extra="people: [new]")
    assert errors(clean) == ["people/new.md:3:7: error: 'name': replace the starter's placeholder "
                             "'FILL IN: the name as displayed'"]


# -- one problem, one message


def test_every_problem_of_a_file_is_reported_in_one_run(clean) -> None:
    clean.write("people/zinoviev.md", "---\nid: zinoviev\nname: Grigorii Zinoviev\nwikidata: X12\n"
                                      "born: '1883-13'\ncolour: red\n---\nBio.\n")
    clean.document("speech", extra="people: [zinoviev]")
    assert errors(clean) == [
        "people/zinoviev.md:4:11: error: 'wikidata': 'X12' is not valid: give a Wikidata item id such as 'Q1394'",
        "people/zinoviev.md:5:7: error: 'born': '1883-13': 13 is not a month (01-12) or season (21-24)",
        "people/zinoviev.md:6:1: error: unknown key 'colour'",
    ]


def test_a_person_with_a_bad_field_is_still_known(clean) -> None:
    clean.write("people/zinoviev.md", "---\nid: zinoviev\nname: Grigorii Zinoviev\nwikidata: X12\n---\nBio.\n")
    clean.document("one", extra="people: [zinoviev]", body="[Zinoviev](person:zinoviev) spoke.")
    clean.document("two", author="zinoviev")
    assert errors(clean) == ["people/zinoviev.md:4:11: error: 'wikidata': 'X12' is not valid: give a Wikidata "
                             "item id such as 'Q1394'"]


def test_a_document_that_fails_to_load_keeps_its_published_url(clean) -> None:
    clean.write("published-urls.txt", "/documents/theses/\n")
    clean.document("theses", date="1921-02-30")
    assert errors(clean) == ["documents/theses.md:4:7: error: 'date': '1921-02-30' does not exist: "
                             "February 1921 has 28 days"]


def test_a_malformed_bibliography_entry_is_reported_once(clean) -> None:
    clean.write("bibliography.bib", "@book{good,\n  title = {Good}\n}\n\n@book{broken,\n  title = {Unclosed,\n"
                                    "  year = 1990\n\n@book{after,\n  title = {After}\n}\n")
    clean.document("speech", body="Cited [@good] and [@broken, 4].\n\nAgain [@broken].\n")
    found = errors(clean)
    assert len(found) == 1
    assert found[0].startswith("bibliography.bib:5:1: error: malformed entry:")


def test_a_problem_in_mkdocs_yml_is_reported_at_its_line(clean) -> None:
    text = (clean.root / "mkdocs.yml").read_text()
    clean.write("mkdocs.yml", text.replace("      editors: [Ann Editor]", "      editors: [Ann Editor]\n"
                                           "      yaer: 2026").replace("dates: 1921/1930", "dates: 1921/1930x"))
    assert [p for p in errors(clean) if p.startswith("mkdocs.yml")] == [
        "mkdocs.yml:9:7: error: plugins.edition: unknown setting 'yaer'; did you mean 'year'?",
        "mkdocs.yml:17:18: error: plugins.edition: section 'late': 'dates' '1930x' is not a date: write YYYY, "
        "YYYY-MM or YYYY-MM-DD, optionally followed by ? (uncertain) or ~ (approximate)",
    ]


def test_a_document_in_a_section_that_failed_is_not_reported_again(clean) -> None:
    text = (clean.root / "mkdocs.yml").read_text()
    clean.write("mkdocs.yml", text.replace("dates: 1921/1930", "dates: 1921/1930x"))
    assert [p for p in errors(clean) if p.startswith("documents/")] == []


def test_a_tab_in_yaml_says_to_indent_with_spaces(clean) -> None:
    clean.write("people/tabbed.md", "---\nid: tabbed\n\tname: Tabbed\n---\nBio.\n")
    [message] = errors(clean)
    assert message.startswith("people/tabbed.md:3:1: error: malformed YAML: ")
    assert message.endswith("; indent with spaces, not tabs")


# -- the check and the build agree

CASES = {
    "clean": {},
    "reference-style link": {"documents/x.md": "Against [Z][z].\n\n[z]: person:ghost\n"},
    "titled link": {"documents/x.md": 'Against [Y](person:ghost "title").\n'},
    "mistyped scheme": {"documents/x.md": "[Trotskii](people:trotsky)\n"},
    "unknown document": {"documents/x.md": "[the theses](document:nothing)\n"},
    "unknown paragraph": {"documents/x.md": "[the theses](document:theses#p9)\n"},
    "unclosed citation": {"documents/x.md": "Cited [@key, 45 and on.\n"},
    "undefined footnote": {"documents/x.md": "A claim.[^3]\n"},
    "footnote twice": {"documents/x.md": "A claim.[^1]\n\n[^1]: One.\n[^1]: Two.\n"},
    "unused footnote": {"documents/x.md": "A claim.\n\n[^1]: One.\n"},
    "code only": {"documents/x.md": "    [Trotskii](people:trotsky) [@nokey] [^9]\n"},
    "fragment": {"documents/x.md": "See [below](#nowhere).\n"},
    "javascript link": {"documents/x.md": "[click](javascript:alert(1))\n"},
    "good document link": {"documents/x.md": "[the theses](document:theses#p2)\n"},
    "key of digits alone": {"bibliography.bib": "@book{2,\n  title = {T}\n}\n", "documents/x.md": "Cited [@2].\n"},
}


@pytest.mark.parametrize("case", CASES)
def test_the_build_fails_exactly_when_the_check_has_errors(clean, build, case: str) -> None:
    for path, body in CASES[case].items():
        if path.startswith("documents/"):
            clean.document(path.removeprefix("documents/").removesuffix(".md"), body=body)
        else:
            clean.write(path, body)
    has_errors = bool(errors(clean))
    try:
        build(clean)
        built = True
    except Abort:
        built = False
    assert built is not has_errors


# -- placing, numbering and rendering


def test_a_problem_in_a_note_is_placed_in_that_note(clean) -> None:
    clean.write("bibliography.bib", "@book{smith,\n  title = {T}\n}\n")
    clean.document("speech", body="Intro.[^1] Later [@smith, qqq. 3].\n\n[^1]: [@smith, xyz. 5]\n")
    assert [e.split(": error: ")[0] + ": " + e.split("'")[1] for e in errors(clean)] == [
        "documents/speech.md:9:19: qqq.", "documents/speech.md:11:8: xyz."]


def test_a_note_referred_to_from_another_note_follows_the_notes_of_the_text(clean, build) -> None:
    clean.document("speech", body="A.[^a] B.[^c]\n\n[^a]: See also.[^b]\n[^b]: The inner note.\n[^c]: The last.\n")
    assert errors(clean) == []
    soup = page(build(clean), "documents/speech")
    notes = [li.get_text().strip().rstrip("↩").strip() for li in soup.select("div.footnote li")]
    assert notes == ["See also.3", "The last.", "The inner note."]
    assert [a.get_text() for a in soup.select("div.edition-document__body a.footnote-ref")] == ["1", "2", "3"]


def test_code_and_escapes_in_a_citation_reach_the_note_as_text(clean, build) -> None:
    clean.write("bibliography.bib", "@book{smith,\n  author = {Smith, Ann},\n  title = {A Book},\n  year = {1990}\n}\n")
    clean.document("speech", body="A claim.[^1]\n\n[^1]: [see `Pravda` \\*esp.\\* &amp; @smith, 45]\n")
    note = page(build(clean), "documents/speech").select_one("div.footnote li").get_text().strip()
    assert note.startswith("See Pravda *esp.* & Ann Smith, A Book")
    assert "\x02" not in note and "klzzwxh" not in note


def test_a_paragraph_named_by_its_writer_keeps_the_name_and_gets_its_anchor(clean, build) -> None:
    clean.document("speech", body="First.\n{: #opening }\n\nSecond.\n\nSee [the opening](#opening).\n")
    assert errors(clean) == []
    soup = page(build(clean), "documents/speech")
    assert soup.find(id="opening").find(id="p1") is not None
    assert soup.find(id="p2").get_text().startswith("Second.")


def test_raw_html_and_entities_do_not_change_the_fingerprints_of_later_paragraphs(clean) -> None:
    def fingerprints(first: str) -> tuple[str, ...]:
        clean.document("speech", body=f"{first}\n\nThe second paragraph.\n")
        [document] = [d for d in load_edition(clean.root).edition.documents if d.id == "speech"]
        return document.reading.paragraphs

    plain = fingerprints("The first paragraph.")
    marked = fingerprints("The <sup>first</sup> paragraph &mdash; marked.")
    assert plain[1] == marked[1]
    assert plain[0] != marked[0]


def test_a_front_page_is_read_from_where_mkdocs_starts_it(clean, build) -> None:
    clean.write("docs/about.md", "Status: [draft](person:ghost)\n\n# About\n\n"
                                 "By [Lenin](person:lenin) and [x](person:nobody).\n")
    assert errors(clean) == ["docs/about.md:5:34: error: unknown person 'nobody'; add people/nobody.md or correct "
                             "the id"]
    clean.write("docs/about.md", "---\ntitle: About\n---\n# About\n\nBy [Lenin](person:lenin).\n")
    assert errors(clean) == []
    link = page(build(clean), "about").find("a", class_="edition-ref--person")
    assert link["href"] == "../people/lenin/"


# -- read in processes


def test_files_read_in_a_pool_of_processes_give_the_edition_read_in_one(clean, monkeypatch) -> None:
    from mkdocs_documentary_edition.sources import reader
    clean.document("broken", body="See [Z](person:ghost).\n", extra="genre: sermon")
    clean.write("documents/Theses.md", "no front-matter\n")
    clean.write("people/half.md", "---\nname: [unclosed\n---\nText.\n")
    alone = load_edition(clean.root)
    monkeypatch.setattr(reader, "POOL_FROM", 1)
    monkeypatch.setattr(reader.os, "sched_getaffinity", lambda _: {0, 1}, raising=False)

    def not_here(*_: object) -> None:
        raise AssertionError("read in the calling process, not in the pool")
    monkeypatch.setattr(reader._FileReader, "read", not_here)  # the pool's fresh processes do not see this
    pooled = load_edition(clean.root, processes=True)
    assert pooled.problems == alone.problems and pooled.problems != []
    assert pooled.edition.documents == alone.edition.documents
    assert pooled.edition.people == alone.edition.people
    assert pooled.edition.loose == alone.edition.loose and pooled.edition.claimed == alone.edition.claimed


# -- read again only what changed (mkdocs serve)


def test_a_file_unchanged_since_the_last_read_is_not_read_again(clean, monkeypatch) -> None:
    from mkdocs_documentary_edition.sources import reader
    cache = reader.ReadCache()
    first = load_edition(clean.root, cache=cache)

    def not_again(*_: object) -> None:
        raise AssertionError("an unchanged file was read again")
    monkeypatch.setattr(reader._FileReader, "read", not_again)
    again = load_edition(clean.root, cache=cache)
    assert again.edition.documents == first.edition.documents and again.problems == first.problems


def test_a_changed_file_is_read_again_and_the_others_are_kept(clean) -> None:
    from mkdocs_documentary_edition.sources import reader
    cache = reader.ReadCache()
    clean.document("speech", title="First title")
    first = {d.id: d for d in load_edition(clean.root, cache=cache).edition.documents}
    clean.document("speech", title="Second title", body="[Z](person:ghost)")
    loaded = load_edition(clean.root, cache=cache)
    again = {d.id: d for d in loaded.edition.documents}
    assert again["speech"].title == "Second title"
    assert again["theses"] is first["theses"]
    assert [p.as_text() for p in loaded.errors] == [p.as_text() for p in load_edition(clean.root).errors] != []


def test_a_removed_file_is_gone_from_the_next_read(clean) -> None:
    from mkdocs_documentary_edition.sources import reader
    cache = reader.ReadCache()
    clean.document("speech")
    load_edition(clean.root, cache=cache)
    (clean.root / "documents/speech.md").unlink()
    assert [d.id for d in load_edition(clean.root, cache=cache).edition.documents] == ["theses"]


def test_a_change_of_settings_reads_every_file_again(clean, monkeypatch) -> None:
    import dataclasses

    from mkdocs_documentary_edition.sources import reader
    from mkdocs_documentary_edition.sources.config import load_settings
    cache = reader.ReadCache()
    settings, _ = load_settings(clean.root)
    load_edition(clean.root, settings, cache=cache)
    read = []
    original = reader._FileReader.read
    monkeypatch.setattr(reader._FileReader, "read", lambda self, *a: read.append(a[2]) or original(self, *a))
    load_edition(clean.root, dataclasses.replace(settings, allow_raw_html=True), cache=cache)
    assert sorted(read) == ["documents/theses.md", "people/lenin.md", "people/trotsky.md"]


def test_a_document_read_from_an_unchanged_file_is_not_aligned_again(clean, monkeypatch, capsys) -> None:
    from mkdocs_documentary_edition.sources import published, reader
    assert main(["urls", "--update", str(clean.root)]) == 0
    capsys.readouterr()
    cache = reader.ReadCache()
    first = load_edition(clean.root, cache=cache)

    def not_again(*_: object) -> None:
        raise AssertionError("an unchanged document was aligned again")
    monkeypatch.setattr(published, "_align", not_again)
    again = load_edition(clean.root, cache=cache)
    assert again.edition.anchors == first.edition.anchors and again.problems == first.problems


def test_a_changed_url_record_aligns_its_documents_again(clean, capsys) -> None:
    from mkdocs_documentary_edition.sources import reader
    assert main(["urls", "--update", str(clean.root)]) == 0
    capsys.readouterr()
    cache = reader.ReadCache()
    load_edition(clean.root, cache=cache)
    record = clean.root / "published-urls.txt"
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    # The record now says the second paragraph was published with other words.
    record.write_text("".join(line.replace(line.split()[1], "00000000") if line.startswith("/documents/theses/#p2 ")
                              else line for line in lines), encoding="utf-8")
    again = load_edition(clean.root, cache=cache)
    fresh = load_edition(clean.root)
    assert [p.as_text() for p in again.problems] == [p.as_text() for p in fresh.problems] != []
    assert again.edition.anchors == fresh.edition.anchors


BOOK = "@book{{allen2015,\n  author = {{Allen, Barbara C.}},\n  title = {{{title}}},\n  year = {{2015}}\n}}\n"


def test_an_unchanged_bibliography_is_not_parsed_again(clean, monkeypatch) -> None:
    from mkdocs_documentary_edition.sources import bibtex, reader
    clean.write("bibliography.bib", BOOK.format(title="Alexander Shlyapnikov"))
    cache = reader.ReadCache()
    first = load_edition(clean.root, cache=cache)

    def not_again(*_: object) -> None:
        raise AssertionError("an unchanged bibliography was parsed again")
    monkeypatch.setattr(bibtex, "parse_bibliography", not_again)
    again = load_edition(clean.root, cache=cache)
    assert again.edition.bibliography == first.edition.bibliography != {}


def test_a_changed_bibliography_is_parsed_again(clean) -> None:
    from mkdocs_documentary_edition.sources import reader
    clean.write("bibliography.bib", BOOK.format(title="Alexander Shlyapnikov"))
    cache = reader.ReadCache()
    load_edition(clean.root, cache=cache)
    clean.write("bibliography.bib", BOOK.format(title="Life of an Old Bolshevik"))
    again = load_edition(clean.root, cache=cache)
    assert again.edition.bibliography["allen2015"].fields["title"] == "Life of an Old Bolshevik"
