"""Small editions written by each test into a temporary folder, and real MkDocs builds of them."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mkdocs_documentary_edition.cite.formatter import CitationFormatter
from mkdocs_documentary_edition.cite.notes import format_notes
from mkdocs_documentary_edition.model.records import ParagraphAnchors
from mkdocs_documentary_edition.publish.pages import render_reading
from mkdocs_documentary_edition.sources.markdown import MarkdownReader

MKDOCS_YML = """\
site_name: Test Edition
site_url: https://www.edition-test.net/edition/
docs_dir: docs
theme:
  name: material
plugins:
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
def edition_with_people(edition: EditionFolder) -> EditionFolder:
    """An edition with three people, whom documents can name and be written by."""
    edition.person("lenin", "Vladimir Lenin", "Lenin, Vladimir")
    edition.person("zinoviev", "Grigorii Zinoviev", "Zinoviev, Grigorii")
    edition.person("trotsky", "Lev Trotsky", "Trotsky, Lev")
    return edition


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


def render(markdown: str, formatter: CitationFormatter | None = None, kind: str = "document") -> str:
    """A text read as the edition reads it, and rendered with its notes, as a page would show it."""
    reading, problems = MarkdownReader().read(markdown, path="documents/x.md", first_line=1,
                                              page_url="documents/x/", kind=kind)
    assert [p for p in problems if p.is_error] == [], problems
    anchors = ParagraphAnchors(tuple(f"p{n}" for n in range(1, len(reading.paragraphs) + 1)))
    return render_reading(reading, format_notes(reading, formatter) if formatter else [], anchors)


def notes_of(html: str) -> dict[str, str]:
    """Each note's text by its label (the footnote's id), in the order the page lists them."""
    soup = BeautifulSoup(html, "html.parser")
    return {li["id"].removeprefix("fn:"): li.get_text().replace("\u21a9", "").replace("\xa0", " ").strip()
            for li in soup.select("div.footnote li")}


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def need_chromium() -> None:
    """Skip where Debian's chromium is missing; on CI, which installs it, fail instead."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs Debian's chromium")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright")


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site served on localhost, as a reader's browser would reach it."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))

    class Quiet(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address) -> None:
            pass

    server = Quiet(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright (which never downloads a browser of its own)."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


REPOSITORY = Path(__file__).resolve().parents[1]
# The repository's mkdocs.yml takes the published address from SITE_URL, as its publishing workflow sets it.
PUBLISHED_AT = "https://workers-opposition.github.io/edition/"


@contextlib.contextmanager
def published_address() -> Iterator[None]:
    previous = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = PUBLISHED_AT
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = previous


@pytest.fixture(scope="session")
def repository_site(tmp_path_factory) -> Path:
    """The repository's own edition, built once (strictly, as its workflow publishes it)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    target = tmp_path_factory.mktemp("repository-site")
    with published_address():
        mkdocs_build(load_config(str(REPOSITORY / "mkdocs.yml"), site_dir=str(target), strict=True))
    return target
