"""The edition's source files: found under their folders, read as UTF-8 text, kept inside the edition.

Every path is resolved before it is read: a file (or a folder) that is a link to somewhere outside
the edition's folder is refused, so that nothing outside the repository reaches the site.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model.problems import Problem, error

__all__ = ["MAX_BIBLIOGRAPHY_BYTES", "MAX_FILE_BYTES", "RESERVED_NAMES", "inside", "markdown_files", "read_text"]

# No real document, biography or page comes near this; a larger file is a mistake or an attack.
MAX_FILE_BYTES = 2_000_000
MAX_BIBLIOGRAPHY_BYTES = 50_000_000
# Names Windows cannot give a file, whatever follows them: a clone of the edition there would fail.
RESERVED_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                            *(f"lpt{n}" for n in range(10))})


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, with every link followed, lies within ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def markdown_files(root: Path, folder: str, problems: list[Problem]) -> list[Path]:
    """Every ``.md`` file under ``root/folder``, subfolders included, in a stable order.

    A folder or file that leads outside the edition is reported and skipped.
    """
    base = root / folder
    if not base.exists():
        return []
    if not inside(root, base):
        problems.append(error(folder, 0, 0, f"{folder}/ lies outside the edition (it is, or leads through, a "
                              "link): keep the edition's files inside its own folder"))
        return []
    folders: dict[str, bool] = {}  # whether each folder, links followed, lies within the edition
    found, outside = [], []
    # os.scandir gives each entry's kind from the folder listing itself: one system call a folder,
    # not two a file, which a save under `mkdocs serve` pays for every file of the edition.
    for entry in _entries(str(base)):
        if entry.is_symlink():
            ok = inside(root, Path(entry.path))
        else:
            parent = os.path.dirname(entry.path)
            if parent not in folders:  # a file that is not a link lies where its folder does
                folders[parent] = inside(root, Path(parent))
            ok = folders[parent]
        if not ok:
            outside.append(Path(entry.path))
        elif entry.name.endswith(".md") and entry.name != ".md" and entry.is_file():
            found.append(Path(entry.path))
    for path in sorted(outside):
        problems.append(error(path.relative_to(root).as_posix(), 0, 0, "this is a link to a file outside the "
                              "edition: copy the file into the edition instead"))
    return sorted(found)


def _entries(folder: str) -> list[os.DirEntry[str]]:
    """Every entry under ``folder``, at any depth; a link to a folder is an entry, not followed."""
    with os.scandir(folder) as listing:
        entries = list(listing)
    for entry in list(entries):
        if entry.is_dir(follow_symlinks=False):
            entries += _entries(entry.path)
    return entries


def read_text(path: Path, relative: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problem that kept it from being read."""
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [error(relative, 0, 0, f"the file is {size:,} bytes, more than the {limit:,} "
                                "a file of the edition may hold: split it, or remove what does not belong")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(relative, 0, 0, f"cannot read the file: {exc.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error(relative, line, column, "not UTF-8 text: save the file with UTF-8 encoding")]
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [error(relative, line, 1, "the file holds a NUL byte: is it a binary file?")]
    return text, []
