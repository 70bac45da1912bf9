"""Our notes and bibliography against citeproc-js, the CSL processor inside Zotero and the reference
implementation of CSL, given the same CSL-JSON (``cite.csl_items.csl_json``), style and locale.

citeproc-js runs under Debian's ``nodejs`` from ``tests/citeproc-js`` (``npm ci`` there installs the
exact versions of ``package-lock.json``; ``.ci/run`` does it). Each note of one document is handed
to it as a citation cluster, in reading order, and each comparison is a test of its own, named for
what it checks. Where our output differs on purpose, the difference is listed here and in the
README, and the test asserts exactly that difference.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mkdocs_documentary_edition.cite.csl_items import csl_json
from mkdocs_documentary_edition.cite.formatter import DEFAULT_STYLE, CitationFormatter
from mkdocs_documentary_edition.cite.notes import format_notes
from mkdocs_documentary_edition.model.locators import LOCATOR_LABELS
from mkdocs_documentary_edition.model.records import Citation, ParagraphAnchors
from mkdocs_documentary_edition.publish.pages import render_reading
from mkdocs_documentary_edition.sources.bibtex import parse_bibliography
from mkdocs_documentary_edition.sources.markdown import MarkdownReader

HARNESS = Path(__file__).parent / "citeproc-js"

BIB = r"""
@book{figes1996,
  author = {Figes, Orlando},
  title = {A People's Tragedy: The {Russian} Revolution, 1891--1924},
  publisher = {Jonathan Cape},
  address = {London},
  year = {1996},
  langid = {english}
}
@collection{daniels1960,
  editor = {Daniels, Robert V.},
  title = {A Documentary History of Communism},
  publisher = {Random House},
  address = {New York},
  year = {1960},
  langid = {english}
}
@incollection{lenin1965,
  author = {Lenin, V. I.},
  title = {Report on the Political Activities of the {Central} {Committee}},
  booktitle = {Collected Works},
  editor = {Skvirsky, David},
  volume = {32},
  pages = {170--191},
  publisher = {Progress Publishers},
  address = {Moscow},
  year = {1965},
  langid = {english}
}
@article{allen2007,
  author = {Allen, Barbara C.},
  title = {Early Dissent within the Party: {Alexander} {Shliapnikov} and the {Letter} of the {Twenty-Two}},
  journal = {The {NEP} Era: Soviet Russia 1921--1928},
  volume = {1},
  pages = {21--54},
  year = {2007},
  langid = {english}
}
@article{shliapnikov1924,
  author = {Shliapnikov, Aleksandr},
  title = {Nashi raznoglasiia},
  journal = {Pravda},
  entrysubtype = {newspaper},
  date = {1924-01-18},
  langid = {russian}
}
@unpublished{kollontai1921diary,
  author = {Kollontai, Aleksandra},
  title = {Diary notes, March 1921},
  archive = {RGASPI},
  archive_location = {f. 134, op. 1, d. 123},
  year = {1921},
  langid = {english}
}
@book{kollontai1921,
  author = {Kollontai, Aleksandra},
  title = {Рабочая оппозиция},
  address = {Moscow},
  year = {1921},
  langid = {russian}
}
@book{census1926,
  title = {{All-Union} Population Census of 1926},
  address = {Moscow},
  year = {1926},
  langid = {english}
}
@book{wo1921,
  author = {{Workers' Opposition}},
  title = {Theses of the {Workers' Opposition}},
  address = {Moscow},
  year = {1921},
  langid = {english}
}
@book{serge1963,
  author = {Serge, Victor},
  translator = {Sedgwick, Peter},
  title = {Memoirs of a Revolutionary, 1901--1941},
  publisher = {Oxford University Press},
  address = {London},
  year = {1963},
  langid = {english}
}
@book{allen2021,
  editor = {Allen, Barbara C.},
  translator = {Allen, Barbara C.},
  title = {The {Workers' Opposition} in the {Russian Communist Party}: Documents, 1919--30},
  shorttitle = {The {Workers'} Opposition},
  publisher = {Brill},
  address = {Leiden},
  year = {2021},
  langid = {english}
}
@book{allen2022,
  editor = {Allen, Barbara C.},
  translator = {Allen, Barbara C.},
  title = {The {Workers' Opposition} in the {Russian Communist Party}: Documents, 1919--30},
  shorttitle = {The {Workers'} Opposition},
  publisher = {Haymarket Books},
  address = {Chicago},
  year = {2022},
  langid = {english}
}
@incollection{lenin1971,
  author = {Lenin, V. I.},
  title = {The {Ninth All-Russia Conference} of the {R.C.P.(B.)}},
  booktitle = {Collected Works},
  volume = {42},
  pages = {207--214a},
  publisher = {Progress Publishers},
  address = {Moscow},
  year = {1971},
  langid = {english}
}
"""

# One document's notes, in reading order: (what the note shows, the note as written).
NOTES = [
    ("the first note of a book", "[@figes1996, 45]."),
    ("the first note of an edited volume", "[@daniels1960, 12]"),
    ("the first note of a chapter", "[@lenin1965, 175]"),
    ("the first note of a journal article", "[@allen2007, 30]"),
    ("the first note of a newspaper article", "[@shliapnikov1924]"),
    ("the first note of an archival document", "[@kollontai1921diary, fol. 3]"),
    ("the first note of an anonymous work", "[@census1926, 7]"),
    ("the first note of a corporate author", "[@wo1921]"),
    ("the first note of a Cyrillic title", "[@kollontai1921, ch. 2]"),
    ("the first note of a translated work", "[@serge1963, 101-108]"),
    ("the first note of one edition", "[@allen2021, 33]"),
    ("the first note of another edition of it", "[@allen2022, 35]"),
    ("a short note", "[@figes1996, 50]"),
    ("ibid with a new locator, in Chicago's page range", "[@figes1996, 145-147]"),
    ("ibid with the same locator", "[@figes1996, 145-147]"),
    ("a short note without locator after one with a locator", "[@figes1996]"),
    ("several works in one note", "[@allen2007, 31; @daniels1960, 14]"),
    ("a short note after a note of several works", "[@daniels1960, 14]"),
    ("the short note of one edition, told apart by its year", "[@allen2021, 40]"),
    ("the short note of the other edition, told apart by its year", "[@allen2022, 41]"),
    ("a prefix and a suffix", "[See @lenin1965, 180, emphasis added]"),
    ("prefixes on several works", "[See also @shliapnikov1924; compare @kollontai1921, 3]"),
    ("ibid inside a note", "[@serge1963, 110; @serge1963, 112]"),
    ("the short note of an anonymous work", "[@census1926, 9]"),
    ("the short note of a corporate author", "[@wo1921, 2]"),
    ("the author suppressed", "[-@kollontai1921diary, fol. 4]"),
    ("a short note of a chapter", "[@lenin1965, 181]"),
    ("a page with a column letter", "[@lenin1971, 208a]"),
    ("a lowercase prefix opening a note", "[see @figes1996, 51]"),
    ("ibid after words of the note", "Quoted in [@figes1996, 51]."),
    ("a citation inside a sentence of a note", "As [@allen2007, 33] shows, the letter was signed."),
]

# Our output where it differs on purpose, each (ours, citeproc-js's); the README's list says why.
DIFFERENCES = {
    # A note opens with a capital, as Chicago wants: a prefix written in lowercase takes one.
    "a lowercase prefix opening a note": ("See Figes, <i>A People’s Tragedy</i>, 51.",
                                          "see Figes, <i>A People’s Tragedy</i>, 51."),
    # citeproc-js sees only the citation, never the words of the note around it: "Ibid." after
    # "Quoted in" keeps its lowercase, and a citation inside a sentence takes no closing period.
    "ibid after words of the note": ("Quoted in ibid.", "Ibid."),
    "a citation inside a sentence of a note": (
        "As Allen, “Early Dissent within the Party,” 33 shows, the letter was signed.",
        "Allen, “Early Dissent within the Party,” 33."),
}
ENTRY_DIFFERENCES = {
    # A page range with a letter (a column) keeps it; citeproc-js drops the letter from the range.
    "lenin1971": ("———. “The Ninth All-Russia Conference of the R.C.P.(B.).” In <i>Collected Works</i>, "
                  "42:207–14a. Moscow: Progress Publishers, 1971.",
                  "———. “The Ninth All-Russia Conference of the R.C.P.(B.).” In <i>Collected Works</i>, "
                  "42:207–14. Moscow: Progress Publishers, 1971."),
}


def normalized(text: str) -> str:
    """HTML as a reader sees it: text and italics; entities decoded, other markup dropped."""
    text = re.sub(r'<span style="font-style:italic;">(.*?)</span>', r"<i>\1</i>", text)
    text = re.sub(r"<(?!/?i>)[^>]*>", "", text)
    return re.sub(r"\s+", " ", html.unescape(text).replace("\xa0", " ")).strip()


def markdown() -> str:
    markers = " ".join(f"Sentence {n}.[^{n}]" for n in range(1, len(NOTES) + 1))
    notes = "\n".join(f"[^{n}]: {text}" for n, (_, text) in enumerate(NOTES, start=1))
    return f"{markers}\n\n{notes}\n"


def cite_item(citation: Citation) -> dict[str, object]:
    """A cite as a word processor hands it to citeproc-js: Pandoc's suffix keeps its comma."""
    item: dict[str, object] = {"id": citation.key}
    if citation.locator:
        item["locator"] = citation.locator
        item["label"] = LOCATOR_LABELS.get(citation.label.lower(), "page")
    if citation.prefix:
        item["prefix"] = citation.prefix
    if citation.suffix:
        item["suffix"] = f", {citation.suffix}"
    if citation.suppress_author:
        item["suppress-author"] = True
    return item


@pytest.fixture(scope="module")
def compared() -> tuple[dict[str, str], dict[str, str], list[str], list[str], dict[str, str], dict[str, str]]:
    """(our notes, citeproc-js's notes, our entry order, its order, our entries, its entries)."""
    node = shutil.which("node") or shutil.which("nodejs")
    missing = ""
    if node is None:
        missing = "Node.js is not installed (apt-get install nodejs npm)"
    elif not (HARNESS / "node_modules" / "citeproc").is_dir():
        missing = "citeproc-js is not installed: run 'npm ci' in tests/citeproc-js"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}; .ci/run installs it")
        pytest.skip(missing)
    entries, _, problems = parse_bibliography(BIB)
    assert problems == []
    formatter = CitationFormatter(entries)
    reading, problems = MarkdownReader().read(markdown(), path="documents/x.md", first_line=1,
                                              page_url="documents/x/", kind="document")
    assert [p for p in problems if p.is_error] == []
    page = render_reading(reading, format_notes(reading, formatter),
                          ParagraphAnchors(tuple(f"p{n}" for n in range(1, len(reading.paragraphs) + 1))))
    soup = BeautifulSoup(page, "html.parser")
    ours = {}
    for (name, _), note in zip(NOTES, soup.select("div.footnote li"), strict=True):
        for backref in note.select("a.footnote-backref"):
            backref.decompose()
        ours[name] = normalized(note.decode_contents())
    clusters: list[list[list[dict[str, object]]]] = [[] for _ in NOTES]
    for group in reading.groups:
        clusters[group.note - 1].append([cite_item(c) for c in group.citations])
    request = {"style": DEFAULT_STYLE.read_text(encoding="utf-8"), "lang": "en-US",
               "items": [csl_json(entry) for entry in entries.values()], "notes": clusters}
    result = subprocess.run([node, str(HARNESS / "cite.js")], input=json.dumps(request), capture_output=True,
                            text=True, check=True, timeout=120, cwd=HARNESS)
    output = json.loads(result.stdout)
    theirs = {name: " ".join(normalized(text) for text in texts)
              for (name, _), texts in zip(NOTES, output["notes"], strict=True)}
    our_entries = {key: normalized(text) for key, text in formatter.bibliography_entries().items()}
    their_entries = {key: normalized(text) for key, text in output["bibliography"]}
    return ours, theirs, list(our_entries), list(their_entries), our_entries, their_entries


@pytest.mark.parametrize("name", [name for name, _ in NOTES])
def test_the_note_matches_citeproc_js_or_a_listed_difference(compared, name: str) -> None:
    ours, theirs = compared[0][name], compared[1][name]
    if name in DIFFERENCES:
        assert (ours, theirs) == DIFFERENCES[name]
    else:
        assert ours == theirs


def test_the_bibliography_lists_the_entries_in_citeproc_js_order(compared) -> None:
    assert compared[2] == compared[3]


@pytest.mark.parametrize("key", sorted(parse_bibliography(BIB)[0]))
def test_the_bibliography_entry_matches_citeproc_js_or_a_listed_difference(compared, key: str) -> None:
    ours, theirs = compared[4][key], compared[5][key]
    if key in ENTRY_DIFFERENCES:
        assert (ours, theirs) == ENTRY_DIFFERENCES[key]
    else:
        assert ours == theirs
