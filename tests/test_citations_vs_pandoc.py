"""Our notes against Pandoc's citeproc for the same .bib and CSL style (Debian's pandoc).

Where they differ on purpose, the difference is spelled out here and in the README.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import notes_of, render
from mkdocs_documentary_edition.cite.formatter import DEFAULT_STYLE, CitationFormatter
from mkdocs_documentary_edition.sources.bibtex import parse_bibliography

BIB = r"""
@book{book,
  author = {Figes, Orlando},
  title = {A People's Tragedy: The {Russian} Revolution, 1891--1924},
  publisher = {Jonathan Cape},
  address = {London},
  year = {1996},
  langid = {english}
}
@collection{edited,
  editor = {Daniels, Robert V.},
  title = {A Documentary History of Communism},
  publisher = {Random House},
  address = {New York},
  year = {1960},
  langid = {english}
}
@incollection{chapter,
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
@article{journal,
  author = {Allen, Barbara C.},
  title = {Early Dissent within the Party: {Alexander} {Shliapnikov} and the {Letter} of the {Twenty-Two}},
  journal = {The {NEP} Era: Soviet Russia 1921--1928},
  volume = {1},
  pages = {21--54},
  year = {2007},
  langid = {english}
}
@article{newspaper,
  author = {Shliapnikov, Aleksandr},
  title = {Nashi raznoglasiia},
  journal = {Pravda},
  entrysubtype = {newspaper},
  date = {1924-01-18},
  langid = {russian}
}
@unpublished{archival,
  author = {Kollontai, Aleksandra},
  title = {Diary notes, March 1921},
  archive = {RGASPI},
  archive_location = {f. 134, op. 1, d. 123},
  year = {1921},
  langid = {english}
}
"""

CITATIONS = [("book", "45"), ("edited", "12"), ("chapter", "175"), ("journal", "30"), ("newspaper", ""),
             ("archival", "fol. 3"), ("book", "50"), ("book", "50")]

# Deliberate or known differences, each (ours, Pandoc's); the README's list says why.
DIFFERENCES = {
    # Title case spares the stop words of CSL 1.0.2, as citeproc-js does ("within"); Pandoc 2.17 keeps
    # to the shorter list of CSL 1.0.1.
    4: ("Barbara C. Allen, “Early Dissent within the Party: Alexander Shliapnikov and the Letter of the "
        "Twenty-Two,” The NEP Era: Soviet Russia 1921–1928 1 (2007): 30.",
        "Barbara C. Allen, “Early Dissent Within the Party: Alexander Shliapnikov and the Letter of the "
        "Twenty-Two,” The NEP Era: Soviet Russia 1921–1928 1 (2007): 30."),
    # Pandoc reads no archive fields from BibTeX; we pass them on, as Chicago wants archives named.
    6: ("Aleksandra Kollontai, “Diary Notes, March 1921” 1921, fol. 3, f. 134, op. 1, d. 123, RGASPI.",
        "Aleksandra Kollontai, “Diary Notes, March 1921” 1921, fol. 3."),
    # Chicago opens a note with a capital: "Ibid."; Pandoc 2.17 leaves the style's lowercase term.
    8: ("Ibid.", "ibid."),
}


def markdown() -> str:
    refs = " ".join(f"S{n}.[^{n}]" for n in range(1, len(CITATIONS) + 1))
    notes = "\n".join(f"[^{n}]: [@{key}{', ' + loc if loc else ''}]."
                      for n, (key, loc) in enumerate(CITATIONS, start=1))
    return f"{refs}\n\n{notes}\n"


def ours() -> list[str]:
    entries, _, problems = parse_bibliography(BIB)
    assert problems == []
    return list(notes_of(render(markdown(), CitationFormatter(entries))).values())


def pandocs(tmp_path: Path) -> list[str]:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "in.md").write_text(markdown(), encoding="utf-8")
    result = subprocess.run(["pandoc", "in.md", "--citeproc", "--csl", str(DEFAULT_STYLE), "--bibliography",
                             "refs.bib", "-t", "plain", "--wrap=none"], cwd=tmp_path, capture_output=True,
                            text=True, check=True, timeout=60)
    return re.findall(r"^\[\d+\] (.*)$", result.stdout, re.MULTILINE)


@pytest.fixture
def pandoc_notes(tmp_path: Path) -> list[str]:
    if shutil.which("pandoc") is None:
        if os.environ.get("CI"):
            pytest.fail("pandoc is not installed: .ci/run installs Debian's pandoc")
        pytest.skip("pandoc is not installed (apt-get install pandoc)")
    return pandocs(tmp_path)


@pytest.mark.parametrize("number", range(1, len(CITATIONS) + 1))
def test_our_note_matches_pandoc_or_a_listed_difference(pandoc_notes, number: int) -> None:
    mine, theirs = ours()[number - 1], pandoc_notes[number - 1]
    if number in DIFFERENCES:
        assert (mine, theirs) == DIFFERENCES[number]
    else:
        assert mine == theirs
