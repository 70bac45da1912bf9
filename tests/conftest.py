"""Small editions written by each test into a temporary folder, and real MkDocs builds of them."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

MKDOCS_YML = """\
site_name: Test Edition
site_url: https://example.org/edition/
docs_dir: docs
theme:
  name: material
plugins:
  - search
  - edition:
      editors: [Ann Editor]
      sections:
        - id: early
          title: Early years
          dates: 1919/1920
          intro: The early years.
        - id: late
          title: Late years
          dates: 1921/1930
          intro: The late years.
"""

PERSON = """\
---
id: {id}
name: {name}
sort_name: {sort_name}
---
Biography of {name}.
"""

DOCUMENT = """\
---
id: {id}
title: {title}
date: '{date}'
author: {author}
venue: Pravda
section: {section}
---
{body}
"""

EVENT = """\
---
id: {id}
name: {name}
start: '{start}'
end: '{end}'
---
About {name}.
"""


class EditionFolder:
    """An edition on disk that a test fills file by file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.write("mkdocs.yml", MKDOCS_YML)
        self.write("docs/index.md", "# Test Edition\n\nWelcome.\n")

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def person(self, person_id: str, name: str | None = None, sort_name: str | None = None) -> Path:
        name = name or person_id.replace("-", " ").title()
        return self.write(f"people/{person_id}.md", PERSON.format(id=person_id, name=name,
                                                                  sort_name=sort_name or name))

    def event(self, event_id: str, start: str, end: str, name: str | None = None) -> Path:
        name = name or event_id.replace("-", " ").title()
        return self.write(f"events/{event_id}.md", EVENT.format(id=event_id, name=name, start=start, end=end))

    def document(self, document_id: str, *, date: str = "1921-03-08", author: str = "lenin",
                 section: str = "late", title: str | None = None, body: str = "Text.", extra: str = "") -> Path:
        text = DOCUMENT.format(id=document_id, title=title or document_id.replace("-", " ").title(), date=date,
                               author=author, section=section, body=body)
        if extra:
            text = text.replace("\n---\n", f"\n{extra.strip()}\n---\n", 1)
        return self.write(f"documents/{document_id}.md", text)


@pytest.fixture
def edition(tmp_path: Path) -> EditionFolder:
    return EditionFolder(tmp_path / "edition")


@pytest.fixture
def build() -> Callable[[EditionFolder], Path]:
    """Build the edition with MkDocs itself, in-process, and return the site folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    def run(folder: EditionFolder, strict: bool = False) -> Path:
        site = folder.root / "site"
        config = load_config(str(folder.root / "mkdocs.yml"), site_dir=str(site), strict=strict)
        mkdocs_build(config)
        return site

    return run
