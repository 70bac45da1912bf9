"""Hostile input: nothing a contributor writes runs in a reader's browser, breaks a download, or
exhausts the machine; what is refused is refused at its line, with exit 1 and no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from conftest import served
from mkdocs_documentary_edition import load_edition
from mkdocs_documentary_edition.cli import main

SCRIPT = "<script>window.__pwned = 1</script>"
HANDLER = '<img src=x onerror="window.__pwned = 1">'
COMMENT_BREAK = "--><!--<script>window.__pwned = 1</script>"


def errors(edition) -> list[str]:
    return [p.as_text() for p in load_edition(edition.root).errors]


def every_page(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs_documentary_edition.cli", "check", str(root)],
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def hostile(edition):
    """Payloads in every field that reaches a page: the edition must build, and every payload be text."""
    edition.write("mkdocs.yml", (edition.root / "mkdocs.yml").read_text().replace(
        "site_name: Test Edition", f"site_name: 'Test {HANDLER} Edition'").replace(
        "title: Late years", f"title: 'Late {SCRIPT} years'"))
    edition.write("people/lenin.md", f"---\nid: lenin\nname: 'Lenin {HANDLER}'\nvariants: ['{SCRIPT}']\n---\nBio.\n")
    edition.write("bibliography.bib", "@book{evil,\n  author = {Evil, <img src=x onerror=window.__pwned=1>},\n"
                                      f"  title = {{A {SCRIPT} & Book}},\n  publisher = {{P {HANDLER}}},\n"
                                      "  year = {1990}\n}\n")
    edition.document("evil", title=f"'Title {COMMENT_BREAK}'", body="A claim.[^1]\n\n[^1]: [@evil, 4].\n",
                     extra=f"summary: 'Summary {HANDLER} \"quoted\"'\nvenue_placeholder: x".replace(
                         "\nvenue_placeholder: x", '\ntranslator: "T {brace} and\\nnewline"'))
    return edition


def test_hostile_fields_build_without_errors(hostile) -> None:
    assert errors(hostile) == []


def test_no_payload_reaches_any_page_as_markup(hostile, build) -> None:
    pages = every_page(build(hostile))
    for name, html in pages.items():
        soup = BeautifulSoup(html, "html.parser")
        code = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
        assert not [s for s in code if "__pwned" in (s.string or "")], name
        assert not soup.find_all(onerror=True), name
        assert "<!--<script>" not in html, name


def test_bibliography_markup_is_shown_as_text(hostile, build) -> None:
    site = build(hostile)
    entry = BeautifulSoup((site / "bibliography/index.html").read_text(encoding="utf-8"), "html.parser")
    text = entry.find(id="evil").get_text(" ", strip=True)
    assert "<script>window.__pwned = 1</script>" in text  # the title as written, shown, not run
    assert entry.find(id="evil").find("i") is not None  # the style's own italics survive


def test_json_ld_cannot_be_closed_or_commented_out(hostile, build) -> None:
    html = (build(hostile) / "documents/evil/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["name"] == f"Title {COMMENT_BREAK}"
    assert soup.find("h1").get_text() == f"Title {COMMENT_BREAK}"


def test_the_section_title_from_mkdocs_yml_is_text_in_the_navigation(hostile, build) -> None:
    html = (build(hostile) / "sections/late/index.html").read_text(encoding="utf-8")
    nav = BeautifulSoup(html, "html.parser").find("nav", class_="md-nav--primary")
    assert f"Late {SCRIPT} years" in nav.get_text()


def test_downloads_keep_each_field_in_its_place(hostile, build) -> None:
    folder = build(hostile) / "documents" / "evil"
    ris = (folder / "evil.ris").read_text(encoding="utf-8")
    assert ris.startswith("TY  - CHAP")
    [record] = rispy.loads(ris)
    assert record["title"] == f"Title {COMMENT_BREAK}"
    [entry] = bibtexparser.parse_string((folder / "evil.bib").read_text(encoding="utf-8")).entries
    assert set(entry.fields_dict) >= {"title", "translator", "booktitle"}
    assert "\\{brace\\}" in entry.fields_dict["translator"].value
    [item] = json.loads((folder / "evil.json").read_text(encoding="utf-8"))
    translator = item["translator"][0]
    assert f"{translator['given']} {translator['family']}" == "T {brace} and newline"


def test_search_data_holds_the_payloads_as_text(hostile, build) -> None:
    record = BeautifulSoup((build(hostile) / "documents/evil/index.html").read_text(encoding="utf-8"), "html.parser")
    data = record.find(attrs={"data-pagefind-body": True})
    assert data.find("script") is None and not data.find_all(onerror=True)
    assert "Late <script>window.__pwned = 1</script> years" in [
        tag.get_text() for tag in data.find_all(attrs={"data-pagefind-filter": "section"})]


def test_a_browser_runs_none_of_the_payloads(hostile, build, chromium) -> None:
    site = build(hostile)
    with served(site) as url:
        page = chromium.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("", "documents/evil/", "people/lenin/", "bibliography/", "sections/late/", "chronology/"):
            page.goto(f"{url}/{path}")
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, path
        page.goto(f"{url}/search/?q=Lenin")
        page.wait_for_selector(".edition-search__results li", timeout=15000)
        page.goto(f"{url}/search/?q=pwned")
        page.wait_for_selector("[data-edition-status]:not(:empty)", timeout=15000)
        assert page.evaluate("window.__pwned") is None
        assert dialogs == []
        page.close()


# -- raw HTML in the texts


def test_a_script_in_a_document_is_an_error_at_its_line(hostile) -> None:
    hostile.document("speech", author="lenin", body=f"Text.\n\n{SCRIPT}\n")
    assert errors(hostile) == ["documents/speech.md:11:1: error: raw HTML <script> is not allowed in the edition's "
                               "texts: scripts, styles, forms and embedded content cannot be part of an edition's "
                               "text"]


def test_an_event_handler_in_a_document_is_an_error(hostile) -> None:
    hostile.document("speech", author="lenin", body="See <span onclick=\"x()\">this</span>.\n")
    assert errors(hostile) == ["documents/speech.md:9:5: error: the attribute 'onclick' of <span> is not allowed in "
                               "the edition's texts: keep to class, dir, lang, title"]


def test_an_event_handler_set_through_attribute_lists_is_an_error(hostile) -> None:
    hostile.document("speech", author="lenin", body="A paragraph.\n{: onmouseover=\"x()\" }\n")
    assert errors(hostile) == ["documents/speech.md:10:4: error: the attribute 'onmouseover' runs code in a reader's "
                               "browser and is not allowed"]


@pytest.mark.parametrize("scheme", ["javascript", "vbscript", "data"])
def test_unsafe_link_schemes_are_errors(hostile, scheme: str) -> None:
    hostile.document("speech", author="lenin", body=f"[click]({scheme}:alert(1))\n")
    assert errors(hostile) == [f"documents/speech.md:9:9: error: '{scheme}:' links are not allowed: they can run "
                               "code in a reader's browser; link to a page by its https:// address instead"]


def test_the_allowed_marks_are_published(hostile, build) -> None:
    hostile.document("speech", author="lenin", body='<span lang="ru">Шляпников</span>, the <abbr title="Central '
                                                   'Committee">CC</abbr>, <del>struck</del> <ins>added</ins>, '
                                                   'x<sup>2</sup>.\n')
    assert errors(hostile) == []
    body = BeautifulSoup((build(hostile) / "documents/speech/index.html").read_text(encoding="utf-8"),
                         "html.parser").find("div", class_="edition-document__body")
    assert body.find("span", lang="ru").get_text() == "Шляпников"
    assert [t.name for t in body.find_all(["abbr", "del", "ins", "sup"]) if t.get("class") is None] == [
        "abbr", "del", "ins", "sup"]


def test_raw_html_in_a_front_page_is_refused_unless_the_editors_allow_it(hostile, build) -> None:
    hostile.write("docs/about.md", "# About\n\n<div class=\"box\"><iframe src=\"https://example.org\"></iframe></div>\n")
    assert errors(hostile) == ["docs/about.md:3:1: error: raw HTML <div> is not allowed in the edition's texts: "
                               "write the text in Markdown"]
    config = hostile.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("      editors: [Ann Editor]",
                                                 "      editors: [Ann Editor]\n      allow_raw_html: true"))
    assert errors(hostile) == []
    assert '<iframe src="https://example.org">' in (build(hostile) / "about/index.html").read_text(encoding="utf-8")


def test_the_build_refuses_what_the_check_refuses(hostile, build) -> None:
    hostile.document("speech", author="lenin", body=HANDLER + "\n")
    with pytest.raises(Abort):
        build(hostile)


# -- input that would exhaust the machine


def test_a_yaml_alias_bomb_is_refused_at_once_within_little_memory(edition) -> None:
    layers = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    layers += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    bomb = "---\nid: bomb\nname: Bomb\n" + "\n".join(f"x{line}" for line in layers) + "\npeople: [*a8]\n---\n"
    edition.write("people/bomb.md", bomb)
    limited = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
               "from mkdocs_documentary_edition.cli import main; sys.exit(main(['check', sys.argv[1]]))")
    result = subprocess.run([sys.executable, "-c", limited, str(edition.root)], capture_output=True, text=True,
                            timeout=30, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "people/bomb.md:4:6:" in result.stdout
    assert "YAML anchors and aliases (& and *) are not allowed in front-matter" in result.stdout


def test_a_paragraph_of_thousands_of_brackets_is_refused(edition) -> None:
    edition.person("lenin")
    edition.document("brackets", body="Fine.\n\n" + "[" * 30_000 + "\n")
    result = check(edition.root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "documents/brackets.md:9:1: error: the text holds 30,000 '[' and '<' marks" in result.stdout


def test_an_oversized_value_is_refused(edition) -> None:
    edition.person("lenin")
    edition.document("long", extra=f"summary: '{'word ' * 3000}'")
    assert [e.split(": error: ")[1] for e in errors(edition)] == [
        "'summary' holds 15,000 characters, more than the 10,000 a value of the front-matter may hold"]


# -- files and names


def test_a_docs_folder_that_leads_outside_the_edition_is_refused(edition, tmp_path, build) -> None:
    edition.person("lenin")
    edition.document("speech")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.md").write_text("# Secret\n\nFrom outside.\n", encoding="utf-8")
    for path in (edition.root / "docs").iterdir():
        path.unlink()
    (edition.root / "docs").rmdir()
    (edition.root / "docs").symlink_to(outside, target_is_directory=True)
    result = check(edition.root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs:0:0: error: docs/ lies outside the edition" in result.stdout
    with pytest.raises(Abort):
        build(edition)


def test_a_file_linked_from_outside_the_edition_is_refused(edition, tmp_path) -> None:
    edition.person("lenin")
    secret = tmp_path / "secret.md"
    secret.write_text("---\nid: secret\nname: Secret\n---\nPrivate.\n", encoding="utf-8")
    (edition.root / "people" / "secret.md").symlink_to(secret)
    assert "people/secret.md:0:0: error: this is a link to a file outside the edition: copy the file into the " \
           "edition instead" in errors(edition)


def test_an_id_too_long_for_a_file_name_is_refused(edition) -> None:
    edition.person("lenin")
    long_id = "a" * 300
    edition.write(f"documents/{long_id[:50]}.md", f"---\nid: {long_id}\ntitle: T\ndate: '1921'\nauthor: lenin\n"
                                                  "venue: V\nsection: late\n---\nText.\n")
    result = check(edition.root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "'id' is 300 characters long: keep it to 100, so that every file system and URL can hold it" \
        in result.stdout


def test_a_name_windows_reserves_is_refused(edition) -> None:
    edition.person("lenin")
    edition.write("documents/con.md", "---\nid: con\ntitle: T\ndate: '1921'\nauthor: lenin\nvenue: V\n"
                                      "section: late\n---\nText.\n")
    assert errors(edition) == ["documents/con.md:0:0: error: 'con.md' cannot be a file name on Windows: rename the "
                               "file (and its id)"]


def test_file_names_that_differ_only_in_case_are_refused(edition) -> None:
    edition.person("lenin")
    edition.document("speech")
    edition.write("documents/Speech.md", (edition.root / "documents/speech.md").read_text().replace(
        "id: speech", "id: speech-two"))
    [message] = errors(edition)
    assert "differ only in case, which some file systems cannot tell apart: rename one" in message


def test_a_killed_build_leaves_nothing_behind_after_the_next(edition, build) -> None:
    edition.person("lenin")
    edition.document("speech")
    leftover = edition.root / ".site-building-killed"
    leftover.mkdir()
    (leftover / "index.html").write_text("half a site", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=edition.root, capture_output=True,
                            text=True, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    assert result.returncode == 0, result.stderr
    assert not leftover.exists()
    assert (edition.root / "site" / "documents" / "speech" / "index.html").exists()


def test_main_never_raises_on_hostile_input(hostile, capsys) -> None:
    hostile.document("speech", author="lenin", body=SCRIPT)
    assert main(["check", str(hostile.root)]) == 1
