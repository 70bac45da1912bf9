"""Starter files for contributors: ``edition new document <id>`` writes one to fill in."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from .records import FOLDERS
from .settings import load_settings

__all__ = ["NEW_FILE_KINDS", "new_file"]

NEW_FILE_KINDS = tuple(FOLDERS)
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def new_file(root: Path, kind: str, record_id: str) -> Path:
    """Write ``<folder>/<id>.md`` from the starter for ``kind``; never overwrite a file.

    Raises:
        ValueError: when the id is not a slug or the file already exists.
    """
    if not _SLUG.match(record_id):
        raise ValueError(f"'{record_id}' is not a valid id: use lowercase letters a-z, digits and single hyphens")
    target = root / FOLDERS[kind] / f"{record_id}.md"
    if target.exists():
        raise ValueError(f"{target} already exists")
    settings, _ = load_settings(root)
    section = settings.sections[0].id if settings.sections else "section-id"
    starter = resources.files("edition").joinpath(f"starters/{kind}.md").read_text(encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(starter.replace("{id}", record_id).replace("{section}", section), encoding="utf-8")
    return target
