"""Citations in notes, formatted by a CSL processor: full, short and ibid. notes, and the bibliography."""

from __future__ import annotations

import re

import pytest

from conftest import notes_of, render
from mkdocs_documentary_edition.cite.formatter import CitationFormatter
from mkdocs_documentary_edition.sources.bibtex import parse_bibliography

BIB = r"""
@book{figes1996,
  author = {Figes, Orlando},
  title = {A People's Tragedy: The {Russian} Revolution, 1891--1924},
  publisher = {Jonathan Cape},
  address = {London},
  year = {1996},
  langid = {english}
}
@book{kollontai1921,
  author = {Kollontai, Aleksandra},
  title = {Рабочая оппозиция},
  address = {Moscow},
  year = {1921},
  langid = {russian}
}
@article{allen2007,
  author = {Allen, Barbara C.},
  title = {Early Dissent within the Party: {Alexander} {Shliapnikov} and the {Letter} of the {Twenty-Two}},
  journal = {The {NEP} Era},
  volume = {1},
  pages = {21--54},
  year = {2007},
  langid = {english}
}
@book{serge1937,
  author = {Serge, Victor and Sedova Trotsky, Natalia},
  title = {Caf\'e {de la R\'evolution}: {\"U}ber {Moskau}},
  year = {1937},
  langid = {english}
}
"""


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.fixture(scope="module")
def formatter() -> CitationFormatter:
    entries, _, problems = parse_bibliography(BIB)
    assert problems == []
    return CitationFormatter(entries)


def notes(markdown: str, formatter: CitationFormatter) -> dict[str, str]:
    return notes_of(render(markdown, formatter))


def test_the_first_citation_of_a_work_is_a_full_note(formatter) -> None:
    found = notes("Text.[^1]\n\n[^1]: [@figes1996, 45]\n", formatter)
    assert found["1"] == ("Orlando Figes, A People’s Tragedy: The Russian Revolution, 1891–1924 "
                          "(London: Jonathan Cape, 1996), 45.")


def test_a_later_citation_is_a_short_note(formatter) -> None:
    found = notes("A.[^1] B.[^2] C.[^3]\n\n[^1]: [@figes1996, 45]\n[^2]: [@allen2007]\n[^3]: [@figes1996, 50]\n",
                  formatter)
    assert found["3"] == "Figes, A People’s Tragedy, 50."


def test_a_repeat_right_after_is_ibid(formatter) -> None:
    found = notes("A.[^1] B.[^2] C.[^3]\n\n[^1]: [@figes1996, 45]\n[^2]: [@figes1996, 50]\n[^3]: [@figes1996, 50]\n",
                  formatter)
    assert found["2"] == "Ibid., 50."
    assert found["3"] == "Ibid."


def test_notes_are_numbered_in_reading_order_not_definition_order(formatter) -> None:
    found = notes("A.[^b] B.[^a]\n\n[^a]: [@figes1996, 2]\n[^b]: [@figes1996, 1]\n", formatter)
    assert found["b"].startswith("Orlando Figes, A People’s Tragedy: The Russian")
    assert found["a"] == "Ibid., 2."


def test_several_works_in_one_note_are_joined_by_semicolons(formatter) -> None:
    found = notes("A.[^1]\n\n[^1]: [see @figes1996, 45-47; @allen2007, 30]\n", formatter)
    assert found["1"] == ("See Orlando Figes, A People’s Tragedy: The Russian Revolution, 1891–1924 (London: "
                          "Jonathan Cape, 1996), 45–47; Barbara C. Allen, “Early Dissent within the Party: "
                          "Alexander Shliapnikov and the Letter of the Twenty-Two,” The NEP Era 1 (2007): 30.")


def test_locator_labels_are_rendered_by_the_style(formatter) -> None:
    found = notes("A.[^1]\n\n[^1]: [@kollontai1921, ch. 2]\n", formatter)
    assert found["1"] == "Aleksandra Kollontai, Рабочая оппозиция (Moscow, 1921), chap. 2."


def test_text_and_citations_mix_in_one_note(formatter) -> None:
    found = notes("A.[^1]\n\n[^1]: Quoted in [@figes1996, 45], as the editors read it.\n", formatter)
    assert found["1"].startswith("Quoted in Orlando Figes, A People’s Tragedy")
    assert found["1"].endswith("1996), 45, as the editors read it.")


def test_a_citation_in_running_text_becomes_a_footnote(formatter) -> None:
    html = render("As Figes shows [@figes1996, 12].\n", formatter)
    assert html.startswith('<p id="p1">As Figes shows<sup id="fnref:cite-1"><a class="footnote-ref" '
                           'href="#fn:cite-1">1</a></sup>.')
    assert notes_of(html)["cite-1"].startswith("Orlando Figes")


def test_citations_in_code_and_email_addresses_are_left_alone(formatter) -> None:
    html = render("Write `[@figes1996]` or mail [figes@example.org].\n\n```\n[@figes1996]\n```\n\n"
                  "    [@figes1996] in an indented block\n", formatter)
    assert html.count("[@figes1996]") == 3
    assert "footnote" not in html


def test_russian_titles_keep_their_capitalisation(formatter) -> None:
    assert "Рабочая оппозиция" in formatter.bibliography_entries()["kollontai1921"]


def test_braces_protect_capitals_and_latex_is_decoded(formatter) -> None:
    entry = plain(formatter.bibliography_entries()["serge1937"])
    assert entry == "Serge, Victor, and Natalia Sedova Trotsky. Café de la Révolution: Über Moskau, 1937."


def test_the_bibliography_is_sorted_by_author(formatter) -> None:
    assert list(formatter.bibliography_entries()) == ["allen2007", "figes1996", "kollontai1921", "serge1937"]


def counting_renders(formatter: CitationFormatter) -> list[tuple]:
    calls: list[tuple] = []
    render = formatter._render

    def counted(*args):
        calls.append(args)
        return render(*args)

    formatter._render = counted
    return calls


def test_each_distinct_citation_is_formatted_once() -> None:
    entries, _, _ = parse_bibliography(BIB)
    formatter = CitationFormatter(entries)
    calls = counting_renders(formatter)
    markdown = "".join(f"P{n}.[^{n}] " for n in range(40)) + "\n\n" + "".join(
        f"[^{n}]: [@allen2007, {n + 1}]\n" for n in range(40))
    render(markdown, formatter)
    render(markdown, formatter)
    assert len(calls) == 2  # the full note, and "Ibid." with a new locator; 78 more notes cost nothing


def test_formatted_citations_are_kept_between_builds(tmp_path) -> None:
    entries, _, _ = parse_bibliography(BIB)
    first = CitationFormatter(entries, cache_dir=tmp_path)
    text = render("A.[^1]\n\n[^1]: [@figes1996, 4]\n", first)
    first.bibliography_entries()
    first.save_cache()
    second = CitationFormatter(entries, cache_dir=tmp_path)
    calls = counting_renders(second)
    assert render("A.[^1]\n\n[^1]: [@figes1996, 4]\n", second) == text
    assert calls == []


def test_a_changed_entry_is_formatted_afresh(tmp_path) -> None:
    entries, _, _ = parse_bibliography(BIB)
    first = CitationFormatter(entries, cache_dir=tmp_path)
    render("A.[^1]\n\n[^1]: [@figes1996, 4]\n", first)
    first.save_cache()
    changed, _, _ = parse_bibliography(BIB.replace("Jonathan Cape", "Pimlico"))
    second = CitationFormatter(changed, cache_dir=tmp_path)
    assert "Pimlico" in render("A.[^1]\n\n[^1]: [@figes1996, 4]\n", second)


def test_a_damaged_cache_only_slows_the_build(tmp_path) -> None:
    (tmp_path / "citations.json").write_text("[]", encoding="utf-8")
    entries, _, _ = parse_bibliography(BIB)
    assert "Figes" in render("[@figes1996]", CitationFormatter(entries, cache_dir=tmp_path))
