"""`mkdocs serve` after a save writes only what the save changed, and the site it serves is then the
site a full build of the same files makes: after each kind of edit, every file compared."""

from __future__ import annotations

import filecmp
import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import EditionFolder
from mkdocs_documentary_edition.mkdocs.preview import Collections
from test_search_copies import fragments
from test_serve import free_port

# Written by the whole-site steps a preview leaves to the next full build (search indexes, sitemaps).
NOT_COMPARED = ("pagefind/", "pagefind-ru/", "sitemap.xml", "sitemap.xml.gz")
QUICK = "edition: quick preview:"
BIB = """\
@book{allen2015,
  author = {Allen, Barbara C.},
  title = {Alexander Shlyapnikov, 1885-1937: Life of an Old Bolshevik},
  publisher = {Brill},
  address = {Leiden},
  year = {2015}
}
@book{daniels1960,
  author = {Daniels, Robert V.},
  title = {The Conscience of the Revolution},
  publisher = {Harvard University Press},
  address = {Cambridge, MA},
  year = {1960}
}
"""


class Served:
    """A `mkdocs serve` of an edition, its served folder on disk and its log."""

    def __init__(self, edition: EditionFolder, scratch: Path, *options: str) -> None:
        self.edition, self.scratch = edition, scratch
        self.port = free_port()
        self.log = scratch / "serve.log"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(scratch)}
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", *options],
                cwd=edition.root, env=env, stdout=log, stderr=subprocess.STDOUT)
        assert self._wait(lambda: "Serving on" in self._text()), self._text()

    def _text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def _wait(self, predicate, seconds: float = 60) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate():
                return True
            if self.process.poll() is not None:
                return False
            time.sleep(0.2)
        return False

    @property
    def site(self) -> Path:
        (folder,) = [p for p in self.scratch.iterdir() if p.name.startswith("mkdocs_")]
        return folder

    def rebuilt(self, edit) -> str:
        """Make ``edit``, wait for the rebuild it causes, and say how it was made ("quick" or "full")."""
        text = self._text()
        builds, quick = text.count("Documentation built"), text.count(QUICK)
        time.sleep(1.1)  # a save in a later second than the last build, as an editor's would be
        edit()
        assert self._wait(lambda: self._text().count("Documentation built") > builds), self._text()[-3000:]
        return "quick" if self._text().count(QUICK) > quick else "full"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def serving(edition: EditionFolder, tmp_path: Path, *options: str) -> Iterator[Served]:
    edition.write("bibliography.bib", BIB)
    edition.person("lenin", "Vladimir Lenin", "Lenin, Vladimir")
    edition.person("kollontai", "Alexandra Kollontai", "Kollontai, Alexandra")
    edition.person("shliapnikov", "Alexander Shliapnikov", "Shliapnikov, Alexander")
    edition.event("tenth-congress", "1921-03-08", "1921-03-16", "Tenth Party Congress")
    edition.document("theses", date="1920-12-30", section="early", author="shliapnikov",
                     body="On the unions [@allen2015, 12].\n\nA second paragraph.\n", extra="events: [tenth-congress]")
    edition.document("platform", date="1921-01-25", section="late", author="kollontai",
                     body="The platform, read at the [congress](event:tenth-congress).\n")
    edition.document("reply", date="1921-03-10", section="late", author="lenin",
                     body="A reply to [the platform](document:platform) [@daniels1960, 137].\n")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    server = Served(edition, scratch, *options)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def served(edition: EditionFolder, tmp_path: Path) -> Iterator[Served]:
    yield from serving(edition, tmp_path)


@pytest.fixture
def served_dirty(edition: EditionFolder, tmp_path: Path) -> Iterator[Served]:
    """Served with --dirty: a full rebuild writes again only the pages whose files changed."""
    yield from serving(edition, tmp_path, "--dirty")


def full_build(edition: EditionFolder, port: int, out: Path) -> Path:
    config = load_config(str(edition.root / "mkdocs.yml"), site_dir=str(out),
                         site_url=f"http://127.0.0.1:{port}/edition/")
    mkdocs_build(config)
    return out


def differences(served: Path, built: Path) -> list[str]:
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
                and not p.relative_to(root).as_posix().startswith(NOT_COMPARED)}

    ours, theirs = files(served), files(built)
    missing = sorted(f"only in the full build: {f}" for f in theirs - ours)
    extra = sorted(f"only in the preview: {f}" for f in ours - theirs)
    changed = sorted(f"differs: {f}" for f in ours & theirs if not filecmp.cmp(served / f, built / f, shallow=False))
    return missing + extra + changed


def check(server: Served, tmp_path: Path, name: str) -> None:
    assert differences(server.site, full_build(server.edition, server.port, tmp_path / name)) == []


PLATFORM = {"date": "1921-01-25", "section": "late", "author": "kollontai",
            "body": "The platform, read at the [congress](event:tenth-congress).\n"}
# The kinds of edit a contributor makes to a document, each as the file's new particulars and text.
EDITS = {
    "text": {"body": "The platform, as read at the [congress](event:tenth-congress), with a correction.\n"},
    "person link": {"body": "The platform of [Shliapnikov](person:shliapnikov), read at the "
                            "[congress](event:tenth-congress).\n"},
    "citation": {"body": "The platform [@daniels1960, 140], read at the [congress](event:tenth-congress).\n"},
    "date moving it to another section": {"date": "1920-11-02", "section": "early"},
}


@pytest.mark.parametrize("kind", EDITS)
def test_an_edit_is_previewed_quickly_and_the_site_is_then_as_a_full_build_makes_it(served: Served, tmp_path: Path,
                                                                                   kind: str) -> None:
    way = served.rebuilt(lambda: served.edition.document("platform", **{**PLATFORM, **EDITS[kind]}))
    assert way == "quick"
    check(served, tmp_path, "edited")


def test_a_page_of_the_navigation_that_an_edit_does_not_change_is_not_written_again(served: Served) -> None:
    page = served.site / "sections/early/index.html"
    before = page.stat()
    way = served.rebuilt(lambda: served.edition.document("platform", **{**PLATFORM, **EDITS["text"]}))
    assert way == "quick"
    after = page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert "md-content" in page.read_text(encoding="utf-8")  # the page, not a placeholder


def test_a_corrected_text_writes_its_document_page_again_but_not_the_lists_that_show_the_document(
        served: Served) -> None:
    lists = ["sections/late/index.html", "chronology/index.html", "documents/index.html", "years/1921/index.html",
             "people/kollontai/index.html", "events/tenth-congress/index.html"]
    before = {page: (served.site / page).stat() for page in [*lists, "documents/platform/index.html"]}
    way = served.rebuilt(lambda: served.edition.document("platform", **{**PLATFORM, **EDITS["text"]}))
    assert way == "quick"
    written = [page for page, stat in before.items() if (served.site / page).stat().st_mtime_ns != stat.st_mtime_ns]
    assert written == ["documents/platform/index.html"]


def test_a_change_to_the_bibliography_rebuilds_everything(served: Served, tmp_path: Path) -> None:
    edition = served.edition
    way = served.rebuilt(lambda: edition.write("bibliography.bib", BIB.replace("Leiden", "Boston")))
    assert way == "full"
    check(served, tmp_path, "bibliography")


def test_a_full_rebuild_with_dirty_indexes_every_page_once(served_dirty: Served) -> None:
    """The pages it does not write again too, and none twice over from the last index."""
    home = served_dirty.site / "index.html"
    before = home.stat().st_mtime_ns
    way = served_dirty.rebuilt(lambda: served_dirty.edition.write("bibliography.bib", BIB.replace("Leiden", "Boston")))
    assert way == "full"
    assert home.stat().st_mtime_ns == before  # not written again
    urls = [json.loads(fragment[fragment.index("{"):])["url"] for fragment in fragments(served_dirty.site / "pagefind")]
    assert sorted(urls) == ["/", "/documents/platform/", "/documents/reply/", "/documents/theses/",
                            "/events/tenth-congress/", "/people/kollontai/", "/people/lenin/", "/people/shliapnikov/"]


def test_a_save_with_an_error_leaves_the_served_site_as_it_was(served: Served, tmp_path: Path) -> None:
    edition = served.edition
    before = (served.site / "documents/platform/index.html").read_bytes()
    time.sleep(1.1)
    edition.document("platform", date="1921-01-25", section="late", author="kollontai",
                     body="Now naming [a ghost](person:ghost).\n")
    assert served._wait(lambda: "unknown person 'ghost'" in served._text()), served._text()[-2000:]
    assert (served.site / "documents/platform/index.html").read_bytes() == before
    way = served.rebuilt(lambda: edition.document(
        "platform", date="1921-01-25", section="late", author="kollontai",
        body="The platform, mended, read at the [congress](event:tenth-congress).\n"))
    assert way == "quick"
    check(served, tmp_path, "mended")


# -- the garbage collector waits while a quick build runs


def test_the_collector_is_off_during_a_quick_build_and_on_again_after_it() -> None:
    collections = Collections(delay=0.05)
    try:
        collections.hold()
        assert not gc.isenabled()
        collections.later()
        deadline = time.monotonic() + 10
        while not gc.isenabled() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_build_begun_before_the_collection_puts_it_off() -> None:
    collections = Collections(delay=0.05)
    try:
        collections.hold()
        collections.later()
        collections.hold()  # the next save's build
        time.sleep(0.3)
        assert not gc.isenabled()
    finally:
        gc.enable()


# -- what a quick build compares


def test_a_document_read_from_an_unchanged_file_keeps_its_row_and_a_changed_one_is_given_a_new_one(edition) -> None:
    from mkdocs_documentary_edition import load_edition
    from mkdocs_documentary_edition.model.index import EditionIndex
    from mkdocs_documentary_edition.publish.preview import Rows
    from mkdocs_documentary_edition.sources.reader import ReadCache
    edition.person("lenin", "Vladimir Lenin")
    edition.document("theses", date="1920-12-30")
    edition.document("reply")
    cache, rows = ReadCache(), Rows()

    def rows_now() -> dict[str, tuple]:
        index = EditionIndex.build(load_edition(edition.root, cache=cache).edition)
        made = rows.of(index)
        return {document.id: made[id(document)] for document in index.edition.documents}

    first = rows_now()
    edition.document("reply", title="A corrected title")
    again = rows_now()
    assert again["theses"] is first["theses"]
    assert again["reply"] is not first["reply"] and "A corrected title" in again["reply"]
