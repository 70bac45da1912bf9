"""Permanent URLs: the record of every URL the edition has published, and what keeps each alive.

``published-urls.txt`` beside ``mkdocs.yml`` lists every URL path the edition has published, one a
line, sorted, so that a pull request shows each new URL for review. A URL in the record must stay
reachable: as a live page, as a redirect from a document's former id, or as a withdrawn
document's notice. ``edition urls --update`` adds new URLs; nobody edits the file by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .problems import Problem, error, warning
from .records import Edition

__all__ = ["RECORD_FILE", "check_record", "current_urls", "read_record", "redirects", "write_record"]

RECORD_FILE = "published-urls.txt"
_HEADER = (
    "# Every URL this edition has published. Each must keep working: as a page, a redirect from a\n"
    "# document's former id, or a withdrawn document's notice. Add new URLs with `edition urls --update`.\n"
)


def front_page_urls(docs_dir: Path) -> list[str]:
    """URLs of the Markdown pages in the docs folder (``index.md`` -> ``/``, ``method.md`` -> ``/method/``)."""
    urls = []
    if docs_dir.is_dir():
        for page in sorted(docs_dir.rglob("*.md")):
            relative = page.relative_to(docs_dir).with_suffix("").as_posix()
            if relative == "index" or relative.endswith("/index"):
                relative = relative[: -len("index")]
            else:
                relative += "/"
            urls.append("/" + relative)
    return urls


def current_urls(edition: Edition, front_pages: Iterable[str] = ()) -> set[str]:
    """Every URL the edition serves as a page (documents, withdrawn ones included) or anchor."""
    urls = set(front_pages)
    urls.update(f"/documents/{d.id}/" for d in edition.documents)
    urls.update(f"/people/{p.id}/" for p in edition.people)
    urls.update(f"/events/{e.id}/" for e in edition.events)
    urls.update(f"/sections/{s.id}/" for s in edition.sections)
    urls.update(("/people/", "/events/", "/chronology/"))
    if edition.bibliography:
        urls.add("/bibliography/")
        urls.update(f"/bibliography/#{key}" for key in edition.bibliography)
    return urls


def redirects(edition: Edition) -> dict[str, str]:
    """Old document URL -> current document URL, for every declared former id."""
    return {f"/documents/{old}/": f"/documents/{d.id}/" for d in edition.documents for old in d.former_ids}


def read_record(root: Path) -> tuple[set[str] | None, list[Problem]]:
    """The recorded URLs, or None when the edition has no record yet."""
    path = root / RECORD_FILE
    if not path.exists():
        return None, []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return None, [error(RECORD_FILE, 0, 0, f"cannot read the URL record: {exc}")]
    urls: set[str] = set()
    problems = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if not text.startswith("/"):
            problems.append(error(RECORD_FILE, number, 1, f"'{text}' is not a URL path: each line starts with '/'"))
            continue
        urls.add(text)
    return urls, problems


def check_record(recorded: set[str] | None, edition: Edition, front_pages: Iterable[str]) -> list[Problem]:
    """A recorded URL that would disappear is an error; a URL not yet recorded is a warning."""
    if recorded is None:
        return []
    live = current_urls(edition, front_pages)
    kept = live | set(redirects(edition))
    problems = []
    for url in sorted(recorded - kept):
        hint = ("declare the old id in the document's 'former_ids', or keep the file and mark it 'withdrawn'"
                if url.startswith("/documents/") else "restore the page, or the entry it anchors")
        problems.append(error(RECORD_FILE, 1, 1, f"published URL {url} would disappear: {hint}"))
    for url in sorted(live - recorded):
        problems.append(warning(RECORD_FILE, 1, 1, f"new URL {url} is not yet recorded: run 'edition urls --update'"))
    return problems


def write_record(root: Path, recorded: set[str] | None, edition: Edition, front_pages: Iterable[str]) -> list[str]:
    """Add every live URL to the record (never removing one); return the URLs added."""
    previous = recorded or set()
    added = sorted(current_urls(edition, front_pages) - previous)
    lines = sorted(previous | set(added))
    (root / RECORD_FILE).write_text(_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return added
