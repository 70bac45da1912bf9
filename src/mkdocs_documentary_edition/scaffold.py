"""``edition init DIR``: a new edition that checks clean and builds at once.

It writes the settings, front pages, one example of each kind of record for the editors to
replace, a guide for contributors and the two GitHub workflows (checking pull requests, and
publishing to GitHub Pages), and never writes over a file that is already there.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from string import Template

from .model.dates import EdtfError, parse_date

__all__ = ["Answers", "init_edition", "scaffold_files"]

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Answers:
    """What a new edition needs to know about itself; every field has a default."""

    title: str = "A documentary edition"
    editors: tuple[str, ...] = ()
    publisher: str = ""
    licence: str = "CC-BY-4.0"
    site_url: str = ""  # empty: the publishing workflow gives it in SITE_URL
    language: str = "en"
    section_title: str = "Documents"
    section_dates: str = "1900/1999"


def _yaml(text: str) -> str:
    """A YAML scalar holding ``text`` exactly: a JSON string is one."""
    return json.dumps(text, ensure_ascii=False)


def _version() -> str:
    try:
        return metadata.version("mkdocs-documentary-edition")
    except metadata.PackageNotFoundError:
        return "0.1.0"


def scaffold_files(answers: Answers) -> dict[str, str]:
    """Every file of a new edition, by path relative to its folder.

    Raises:
        ValueError: when the answers cannot make a valid edition (a bad date or licence).
    """
    try:
        dates = parse_date(answers.section_dates)
    except EdtfError as exc:
        raise ValueError(f"the section's dates: {exc}") from exc
    section_id = _SLUG.sub("-", answers.section_title.lower()).strip("-") or "documents"
    first = dates.earliest if dates.earliest.year > 1 else dates.latest
    example_date = first.isoformat()
    editors = "".join(f"\n        - {_yaml(name)}" for name in answers.editors) or " []"
    values = {
        "title": _yaml(answers.title), "title_text": answers.title, "editors": editors,
        "publisher": _yaml(answers.publisher), "licence": _yaml(answers.licence), "language": _yaml(answers.language),
        "site_url": _yaml(answers.site_url) if answers.site_url else "!ENV SITE_URL",
        "section_id": section_id, "section_title": _yaml(answers.section_title),
        "section_dates": _yaml(answers.section_dates), "date": example_date, "year": example_date[:4],
        "version": _version(),
    }
    return {path: Template(text).substitute(values) for path, text in _FILES.items()}


def init_edition(target: Path, answers: Answers) -> list[Path]:
    """Write a new edition into ``target``; return the files written.

    Raises:
        FileExistsError: when any of the files is already there (nothing is written then).
        ValueError: when the answers cannot make a valid edition.
    """
    files = scaffold_files(answers)
    existing = sorted(path for path in files if (target / path).exists())
    if existing:
        raise FileExistsError(f"{target} already holds {', '.join(existing)}: start the edition in an empty folder")
    written = []
    for path, text in files.items():
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, encoding="utf-8")
        written.append(destination)
    return written


_FILES: dict[str, str] = {
    "mkdocs.yml": """\
# The edition's settings. The options of the edition plugin are explained in the generator's README.
site_name: $title
# The address the edition is published at. The publishing workflow sets SITE_URL to the address
# GitHub Pages gives it; write an address here instead to publish elsewhere.
site_url: $site_url
theme:
  name: material
  language: $language
  # The edition's colours (contrast checked in both schemes); the reader's system picks the scheme.
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: custom
      accent: custom
      toggle:
        icon: material/weather-night
        name: Dark background
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: custom
      accent: custom
      toggle:
        icon: material/weather-sunny
        name: Light background

plugins:
  - edition:
      editors:$editors
      publisher: $publisher
      licence: $licence
      language: $language
      sections:
        - id: $section_id
          title: $section_title
          dates: $section_dates
          intro: |
            What this section gathers, and why its documents belong together. Each document
            of the edition is dated, and its date decides the section it belongs to.

nav:
  - Home: index.md
  - Editorial method: method.md
""",
    "docs/index.md": """\
# $title_text

This edition publishes documents with their dates, authors and sources, the people and events they
name, and notes that cite the literature. Replace this page with an introduction for your readers:
what the documents are, where they come from, and how the edition is arranged.
""",
    "docs/method.md": """\
# Editorial method

Say here how the texts were chosen and established, how they are translated and annotated, how
dates are given (uncertain and approximate dates are marked as such), and how names are spelled.
""",
    "people/example-author.md": """\
---
id: example-author
name: Example Author
sort_name: Author, Example
summary: Stands for the author of the example document; replace this file with a real person.
---

A person's file holds one short biography. Each person named by a document has a file of their own,
under an id that stays: the id is the address of the person's page.
""",
    "events/example-event.md": """\
---
id: example-event
name: An example event
start: '$date'
end: '$date'
summary: Stands for an event the documents concern; replace this file with a real one.
---

An event's file describes what happened, where and when.
""",
    "documents/example-document.md": """\
---
id: example-document
title: An example document
date: '$date'
author: example-author
venue: Where it was given or first published
section: $section_id
genre: letter
summary: Shows how a document of the edition is written; replace it with the first real document.
events: [example-event]
---

## Headnote

What the document is, who wrote it, when and where, and why it matters. Names are linked to their
pages, as here: [the author](person:example-author).

## Text

The edited text stands here, paragraph by paragraph; readers can cite each paragraph by its
anchor. A note cites its source from the bibliography.[^1]

[^1]: [@example-source, 12].
""",
    "bibliography.bib": """\
@book{example-source,
  author = {Author, Example},
  title = {An Example Source},
  publisher = {A Publisher},
  address = {A City},
  year = {$year}
}
""",
    ".gitignore": """\
/site/
/.site-*
.cache/
.venv/
__pycache__/
""",
    "CONTRIBUTING.md": """\
# Contributing to $title_text

Every document, person and event of this edition is one Markdown file with YAML front-matter
between two `---` lines: `documents/<id>.md`, `people/<id>.md`, `events/<id>.md`. Works cited are
entries of `bibliography.bib`.

To add a document:

```sh
edition new document <id>     # writes a file to fill in; every 'FILL IN' marks a value to give
edition check                 # every problem, at its file, line and column, with what to do
```

Link names as `[Name](person:<id>)`, events as `[the event](event:<id>)`, other documents as
`[the document](document:<id>)`, and cite works as `[@key, 45]` in a note. Dates are EDTF:
`1921-03-08`, `1921-03`, `1921-03-08?` (uncertain), `1921-03~` (approximate),
`1921-03-23/1921-04-01` (an interval). Raw HTML is limited to marks such as `<sup>`,
`<span lang="ru">` and `<del>`: write everything else in Markdown.

Once the edition is published, its addresses must keep working: when you add documents, people or
events, run `edition urls --update` and commit `published-urls.txt`. To rename a document, keep its
old id in `former_ids`; to remove one, mark it `withdrawn` with a date and a reason.

Every pull request is checked by `edition check --strict` and a strict build.
""",
    ".github/workflows/check.yml": """\
name: Check the edition

on:
  pull_request:
  push:
    branches: [main]

jobs:
  check:
    runs-on: ubuntu-latest
    env:
      # The address GitHub Pages gives the edition; the checks insist on a real one.
      SITE_URL: https://$${{ github.repository_owner }}.github.io/$${{ github.event.repository.name }}/
      NO_MKDOCS_2_WARNING: "1"
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install the generator
        run: pip install mkdocs-documentary-edition==$version
      - name: Check every document, person, event and citation
        run: edition check --strict --format github
      - name: Build the site as readers will see it
        run: mkdocs build --strict
""",
    ".github/workflows/publish.yml": """\
name: Publish the edition

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the version a citation names comes from the Git history and its tags
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - id: pages
        uses: actions/configure-pages@v5
      - name: Install the generator
        run: pip install mkdocs-documentary-edition==$version
      - name: Build the site as readers will see it
        run: mkdocs build --strict
        env:
          SITE_URL: $${{ steps.pages.outputs.base_url }}/
          NO_MKDOCS_2_WARNING: "1"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: $${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
""",
}
