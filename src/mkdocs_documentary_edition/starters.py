"""Starter files for contributors: ``edition new document <id>`` writes one to fill in.

Every value the contributor must supply holds the placeholder ``FILL IN: ...``, which the check
reports at its line until it is replaced; everything else in a starter is already valid.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import frontmatter

from .model import urls
from .sources.config import load_settings
from .sources.reader import PLACEHOLDER

__all__ = ["NEW_FILE_KINDS", "new_file"]

NEW_FILE_KINDS = ("document", "person", "event")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _document(record_id: str, section: str, dates: str) -> tuple[dict[str, Any], str]:
    within = f" (section {section} covers {dates})" if dates else ""
    metadata = {
        "id": record_id,
        "title": f"{PLACEHOLDER}: the document's title in English",
        "date": f"{PLACEHOLDER}: its date, such as 1921-03-08{within}",
        "author": f"{PLACEHOLDER}: the id of its author in people/, or a list of ids",
        "venue": f"{PLACEHOLDER}: where it was given or published",
        "section": section,
        "summary": f"{PLACEHOLDER}: one or two sentences for lists and search results",
        "people": [],
        "events": [],
    }
    body = (f"## Headnote\n\n{PLACEHOLDER}: what the document is, who wrote or spoke it, where and when, and why "
            f"it matters.\n\n## Text\n\n{PLACEHOLDER}: the edited text, with a note on its source.[^1]\n\n"
            f"[^1]: {PLACEHOLDER}: the source of the text, cited as `[@key, 45]` with a key of bibliography.bib.\n")
    return metadata, body


def _person(record_id: str) -> tuple[dict[str, Any], str]:
    metadata = {
        "id": record_id,
        "name": f"{PLACEHOLDER}: the name as displayed, such as Aleksandr Shliapnikov",
        "sort_name": f"{PLACEHOLDER}: surname first, such as Shliapnikov, Aleksandr Gavrilovich",
        "kind": "person",
        "variants": [],
        "summary": f"{PLACEHOLDER}: one line on who they were",
    }
    return metadata, f"{PLACEHOLDER}: a short biography.\n"


def _event(record_id: str) -> tuple[dict[str, Any], str]:
    metadata = {
        "id": record_id,
        "name": f"{PLACEHOLDER}: the event's name",
        "start": f"{PLACEHOLDER}: the day it began, such as 1921-03-08",
        "summary": f"{PLACEHOLDER}: one line on what happened",
    }
    return metadata, f"{PLACEHOLDER}: a short description.\n"


def new_file(root: Path, kind: str, record_id: str, section: str | None = None) -> Path:
    """Write ``<folder>/<id>.md`` from the starter for ``kind``; never overwrite a file.

    Raises:
        ValueError: when the id is not a slug, the section is unknown or the file already exists.
    """
    if not _SLUG.match(record_id):
        raise ValueError(f"'{record_id}' is not a valid id: use lowercase letters a-z, digits and single hyphens")
    target = root / urls.FOLDERS[kind] / f"{record_id}.md"
    if target.exists():
        raise ValueError(f"{target} already exists")
    if kind == "document":
        settings, _ = load_settings(root)
        chosen = settings.section(section) if section else (settings.sections[0] if settings.sections else None)
        if section and chosen is None:
            known = ", ".join(s.id for s in settings.sections) or "none is configured"
            raise ValueError(f"there is no section '{section}' (sections: {known})")
        metadata, body = _document(record_id, chosen.id if chosen else f"{PLACEHOLDER}: a section id",
                                   chosen.dates.words() if chosen else "")
    else:
        metadata, body = _person(record_id) if kind == "person" else _event(record_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = frontmatter.dumps(frontmatter.Post(body, **metadata), sort_keys=False)
    target.write_text(text + "\n", encoding="utf-8")
    return target
