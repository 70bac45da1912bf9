"""The quick path of ``mkdocs serve``: after a save, write only the files whose inputs changed.

MkDocs rebuilds the whole site on every save and empties the served folder first. After the first
build, when nothing but documents, people and events has changed (the settings, the bibliography and
its style, the front pages, the theme, the URL record are as they were), the build is pointed at an
empty folder of its own, given only the changed pages (with the pages of the navigation, which every
page's menu is made from, and the front pages), and what it writes is copied over the served site.
Anything else, or a build that fails, leaves the served site as the last good build made it; the next
save that can be built goes the quick way if it can, else the full way.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..model import urls
from ..model.index import EditionIndex
from ..publish.files import GeneratedFile
from ..publish.preview import Rows, file_inputs

__all__ = ["KEPT", "Collections", "Preview", "folder_stamp"]

# Files of the whole site that a quick build writes from its few pages only: the served ones stay.
WHOLE_SITE = {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"}
# What a quick build renders an unchanged page of the navigation with: a placeholder, never served.
KEPT = "edition/kept.html"


def folder_stamp(folders: list[str]) -> tuple[tuple[str, int, int], ...]:
    """Every file under ``folders`` with its modification time and size: a template or an image changed."""
    found = []
    for folder in folders:
        for parent, folders_below, names in os.walk(folder):
            folders_below[:] = [f for f in folders_below if f != ".icons"]  # Material's icons, ten thousand of them
            for name in names:
                path = os.path.join(parent, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


class Collections:
    """Python's collector of cyclic garbage, held off while ``mkdocs serve`` makes a quick build.

    With a whole edition in memory, one full collection walks millions of objects (about half a
    second at 5,000 documents), and a quick build allocates enough to set off one or two: the
    contributor would wait for them. So a quick build runs without, and the collection is made a
    moment after the build, once the browser has been told to reload; a save in the meantime puts it
    off to after its own build. A full build collects as usual."""

    def __init__(self, delay: float = 1.0) -> None:
        self.delay = delay
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None

    def hold(self) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            gc.disable()

    def release(self) -> None:
        with self.lock:
            gc.enable()

    def later(self) -> None:
        """Collect in a moment, and from then on as usual."""
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(self.delay, self._collect)
            self.timer.daemon = True
            self.timer.start()

    def _collect(self) -> None:
        with self.lock:
            if self.timer is None or threading.current_thread() is not self.timer:
                return  # put off by a build that began meanwhile
            self.timer = None
            gc.enable()
            gc.collect()


def written_file(src: str) -> str:
    """The file in the site that a generated file ``src`` is written to: a page to its folder's index."""
    return f"{urls.url_of_src(src)}index.html" if src.endswith(".md") else src


class Preview:
    """What the last good build was made from, and the plan for the build under way."""

    def __init__(self) -> None:
        self.previous: dict[str, Any] | None = None  # each generated file's inputs at the last good build
        self.context: Any = None  # what every page depends on: settings, bibliography, theme, front pages
        self.pending: tuple[dict[str, Any], Any] | None = None
        self.quick: set[str] | None = None  # the generated files to write, on the quick path
        self.gone: list[str] = []  # generated files of the last build that this one does not make
        self.kept: set[str] = set()  # the unchanged pages of the navigation, by source path (see unchanged)
        self.served_dir = ""
        self.scratch = ""
        self.rows = Rows()

    def plan(self, config: MkDocsConfig, generated: list[GeneratedFile], index: EditionIndex, context: Any) -> None:
        """Choose the quick path when only records changed; point the build at a folder of its own."""
        inputs = file_inputs(generated, index, self.rows)
        self.pending, self.quick, self.kept = (inputs, context), None, set()
        if self.previous is None or context != self.context:
            return
        previous = self.previous
        self.quick = {src for src, value in inputs.items() if value is None or previous.get(src, value) != value
                      or src not in previous}
        self.gone = [src for src in previous if src not in inputs]  # a list one page shorter, say
        self.served_dir = config.site_dir
        self.scratch = config.site_dir = tempfile.mkdtemp(prefix="edition-preview-")

    def wanted(self, file: GeneratedFile) -> bool:
        """Whether the build under way has ``file`` (written, or :meth:`unchanged` in the navigation)."""
        if self.quick is None:
            return True
        return file.src_uri in self.quick or (file.view is not None and file.view.in_nav)

    def unchanged(self, file: GeneratedFile) -> bool:
        """Whether ``file`` is a page of the navigation that the quick build under way does not change:
        MkDocs makes every page's menu from the pages in it, so it is there, under its title, but is
        not made again (see the template ``KEPT``) nor copied over the served page."""
        if self.quick is None or file.view is None or not file.view.in_nav or file.src_uri in self.quick:
            return False
        self.kept.add(file.src_uri)
        return True

    def files(self, files: Files) -> Files:
        """MkDocs' own files on the quick path: the front pages, which may show any record; the theme's
        assets and the docs' other files are in the served site already."""
        if self.quick is None:
            return files
        return Files([file for file in files if file.is_documentation_page()])

    def finish(self) -> bool:
        """After a good build: copy a quick build over the served site. True if the build was quick."""
        quick, pending = self.quick is not None, self.pending
        if quick:
            scratch, served = Path(self.scratch), Path(self.served_dir)
            left = WHOLE_SITE | {written_file(src) for src in self.kept}  # what stays as it is served
            for path in sorted(scratch.rglob("*")):
                relative = path.relative_to(scratch)
                if path.is_file() and relative.as_posix() not in left:
                    target = served / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.replace(path, target)  # a reader never gets half a page
                    except OSError:
                        shutil.copyfile(path, target)  # another file system
            for src in self.gone:
                (served / written_file(src)).unlink(missing_ok=True)
            self.discard()
        if pending is not None:
            self.previous, self.context = pending
        self.pending, self.quick = None, None
        return quick

    def discard(self) -> None:
        """A failed build: nothing of it reaches the served site."""
        if self.scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)
        self.scratch, self.quick, self.pending, self.gone, self.kept = "", None, None, [], set()
