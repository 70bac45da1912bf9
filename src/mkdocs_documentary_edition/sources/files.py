"""The edition's source files: found under their folders, read as UTF-8 text, kept inside the edition.

Every path is resolved before it is read: a file (or a folder) that is a link to somewhere outside
the edition's folder is refused, so that nothing outside the repository reaches the site.
"""

from __future__ import annotations

from pathlib import Path

from ..model.problems import Problem, error

__all__ = ["MAX_FILE_BYTES", "inside", "markdown_files", "read_text"]

# No real document, biography or bibliography comes near this; a larger file is a mistake or an attack.
MAX_FILE_BYTES = 2_000_000


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
        problems.append(error(folder, 0, 0, f"{folder}/ is a link to a folder outside the edition: "
                              "keep the edition's files inside its own folder"))
        return []
    found = []
    for path in sorted(base.rglob("*.md")):
        relative = path.relative_to(root).as_posix()
        if not inside(root, path):
            problems.append(error(relative, 0, 0, "this file is a link to a file outside the edition: "
                                  "copy the file into the edition instead"))
        elif path.is_file():
            found.append(path)
    return found


def read_text(path: Path, relative: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problem that kept it from being read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [error(relative, 0, 0, f"the file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} "
                                "an edition's file may hold: split it, or remove what does not belong")]
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
