"""Permanent URLs: the record of every URL the edition has published, and what keeps each alive.

``published-urls.txt`` beside ``mkdocs.yml`` lists every URL the edition has published, one a line,
so that a pull request shows each new URL for review. A URL in the record must stay reachable: as a
live page, as a redirect from a document's former id, or as a withdrawn document's notice.

Paragraph anchors (``/documents/<id>/#p4``) are recorded with a fingerprint of their paragraph's
words, in reading order. When the text changes, the recorded paragraphs are aligned with the new
ones, so that an anchor stays on its paragraph: a passage inserted before it takes a new anchor
instead of renumbering the rest, and a paragraph that is gone is an error until it is restored or
its anchor retired. ``edition urls --update`` adds new URLs; nobody edits the file by hand.

A document's own URL is recorded with the day it was first recorded, which is the day the edition
first published it (``/documents/<id>/ 2026-12-01``): the Atom feed lists documents by it, and the
data downloads give it. The day is written once, when the URL is, and never changed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import urls
from ..model.problems import Problem, error, warning
from ..model.records import Document, Edition, ParagraphAnchors
from .files import read_text

__all__ = ["RECORD_FILE", "UrlRecord", "assign_anchors", "check_record", "read_record", "write_record"]

RECORD_FILE = "published-urls.txt"
_HEADER = (
    "# Every URL this edition has published. Each must keep working: as a page, a redirect from a\n"
    "# document's former id, or a withdrawn document's notice. A paragraph anchor is followed by a\n"
    "# fingerprint of its paragraph's words, and a document's page by the day it was first published.\n"
    "# Add new URLs with `edition urls --update`.\n"
)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(slots=True)
class UrlRecord:
    """What ``published-urls.txt`` holds."""

    urls: dict[str, int] = field(default_factory=dict)  # URL -> its line in the file
    paragraphs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # document -> (anchor, fingerprint)
    added: dict[str, str] = field(default_factory=dict)  # document -> the day it was first published (ISO 8601)


def read_record(root: Path) -> tuple[UrlRecord | None, list[Problem]]:
    """The recorded URLs, or None when the edition has no record yet."""
    path = root / RECORD_FILE
    if not path.exists():
        return None, []
    text, problems = read_text(path, RECORD_FILE)
    if text is None:
        return None, problems
    record = UrlRecord()
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        url = fields[0]
        if not url.startswith("/"):
            problems.append(error(RECORD_FILE, number, 1, f"'{url}' is not a URL path: each line starts with '/'"))
            continue
        record.urls.setdefault(url, number)
        anchor = url.partition("#")[2]
        if not anchor and urls.document_of(url) and len(fields) > 1:
            if not _is_day(fields[1]):
                problems.append(error(RECORD_FILE, number, len(url) + 2, f"'{fields[1]}' is not the day {url} was "
                                      "first published: write it as YYYY-MM-DD"))
            else:
                record.added.setdefault(urls.document_of(url), fields[1])
        if anchor and urls.document_of(url):
            fingerprint = fields[1] if len(fields) > 1 else ""
            record.paragraphs.setdefault(urls.document_of(url), []).append((anchor, fingerprint))
    return record, problems


def _is_day(text: str) -> bool:
    if not _DAY.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


# A document's alignment from an earlier load: the document and recorded anchors it was made from,
# the anchors, the problems found.
Aligned = tuple[Document, list[tuple[str, str]], ParagraphAnchors, list[Problem]]


def assign_anchors(edition: Edition, record: UrlRecord | None, kept: dict[str, Aligned] | None = None) -> list[Problem]:
    """Give every numbered paragraph of every document its permanent anchor (into ``edition.anchors``).

    A document never published gets ``p1``, ``p2``, ... in order. A published one keeps each
    recorded anchor on the paragraph it was recorded for, found by aligning fingerprints. ``kept``
    holds the alignments of an earlier load (``mkdocs serve``): a document read from an unchanged
    file, with the same recorded anchors, is not aligned again; it is updated to this load's.
    """
    problems: list[Problem] = []
    aligned: dict[str, Aligned] = {}
    for document in edition.documents:
        if document.withdrawn is not None:
            continue
        recorded = record.paragraphs.get(document.id, []) if record else []
        earlier = kept.get(document.id) if kept is not None else None
        if earlier is not None and earlier[0] is document and earlier[1] == recorded:
            anchors, found = earlier[2], earlier[3]
        else:
            found = []
            anchors = _align(document, recorded, found)
        edition.anchors[document.id] = anchors
        problems.extend(found)
        aligned[document.id] = (document, recorded, anchors, found)
    if kept is not None:
        kept.clear()
        kept.update(aligned)
    return problems


def _align(document: Document, recorded: list[tuple[str, str]], problems: list[Problem]) -> ParagraphAnchors:
    current = list(document.reading.paragraphs)
    lines = list(document.reading.paragraph_lines)
    if not recorded or not any(fingerprint for _, fingerprint in recorded):
        # Never published, or recorded without fingerprints: the anchors follow the paragraphs' order.
        return ParagraphAnchors(tuple(f"p{n}" for n in range(1, len(current) + 1)))
    names: list[str | None] = [None] * len(current)
    gone: list[tuple[str, int]] = []  # anchor, position of the paragraph now in its place
    changed: list[tuple[str, int]] = []
    matcher = difflib.SequenceMatcher(a=[fp for _, fp in recorded], b=current, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else (i2 - i1 if tag == "equal" else 0)
        for k in range(paired):
            names[j1 + k] = recorded[i1 + k][0]
            if tag == "replace":
                changed.append((recorded[i1 + k][0], j1 + k))
        gone.extend((recorded[i][0], j1 + paired) for i in range(i1 + paired, i2))
    taken = [int(a[1:]) for a, _ in recorded if a[1:].isdigit()] + \
        [int(a[1:]) for a in document.retired_anchors if a[1:].isdigit()]
    following = max(taken, default=0) + 1
    for position, name in enumerate(names):
        if name is None:
            names[position] = f"p{following}"
            following += 1
    retired: dict[int, tuple[str, ...]] = {}
    for anchor, position in gone:
        host = min(position, len(current) - 1)
        line = lines[host] if 0 <= host < len(lines) else document.origin.start[0]
        if anchor in document.retired_anchors:
            if host >= 0:
                retired[host] = (*retired.get(host, ()), anchor)
            continue
        problems.append(error(document.path, line, 1,
                              f"published paragraph #{anchor} is no longer in the text: restore it, or, if it "
                              f"was removed on purpose, add '{anchor}' to 'retired_anchors' so that its links lead "
                              "to the paragraph now in its place"))
    for anchor, position in changed:
        problems.append(warning(document.path, lines[position] if position < len(lines) else 1, 1,
                                f"the text of published paragraph #{anchor} has changed: if it is still the same "
                                "passage, run 'edition urls --update' to record it"))
    return ParagraphAnchors(tuple(name or "" for name in names), retired)


def check_record(record: UrlRecord | None, edition: Edition, front_pages: Iterable[str]) -> list[Problem]:
    """A recorded URL that would disappear is an error; a URL not yet recorded is a warning."""
    if record is None:
        return []
    live = urls.permanent_urls(edition, front_pages)
    kept = set(live)
    for kind, ids in edition.claimed.items():
        if kind in urls.FOLDERS:
            kept.update(f"/{urls.page_url(kind, i)}" for i in ids)
    withdrawn = {d.id for d in edition.documents if d.withdrawn is not None} | edition.claimed.get("document", set())
    problems = []
    for url in sorted(set(record.urls) - kept):
        document_id, anchor = urls.document_of(url), url.partition("#")[2]
        if anchor and (document_id in edition.anchors or document_id in withdrawn):
            continue  # paragraph anchors are kept (or reported) by assign_anchors
        hint = ("declare the old id in the document's 'former_ids', or keep the file and mark it 'withdrawn'"
                if document_id else "restore the page, or the entry it anchors")
        problems.append(error(RECORD_FILE, record.urls[url], 1, f"published URL {url} would disappear: {hint}"))
    new = sorted(live - set(record.urls))
    pages = [url for url in new if "#" not in url or not urls.document_of(url)]
    anchors: dict[str, list[str]] = {}
    for url in new:
        page, _, anchor = url.partition("#")
        if anchor and urls.document_of(url):
            anchors.setdefault(page, []).append(anchor)
    for url in pages:
        extra = anchors.pop(url, [])
        more = f" (with {len(extra)} paragraph anchor{'s' * (len(extra) != 1)})" if extra else ""
        problems.append(warning(RECORD_FILE, 1, 1, f"new URL {url}{more} is not yet recorded: "
                                "run 'edition urls --update'"))
    for page, names in sorted(anchors.items()):
        listed = ", ".join(f"#{name}" for name in sorted(names, key=lambda a: int(a[1:])))
        problems.append(warning(RECORD_FILE, 1, 1, f"new paragraph anchors {listed} of {page} are not yet recorded: "
                                "run 'edition urls --update'"))
    return problems


def write_record(root: Path, record: UrlRecord | None, edition: Edition, front_pages: Iterable[str],
                 today: dt.date | None = None) -> list[str]:
    """Add every live URL to the record (never removing one), paragraph anchors with their fingerprints,
    and each new document's page with ``today`` (by default the day it runs), the day it is published.

    Returns:
        The URLs added.
    """
    previous = record or UrlRecord()
    live = urls.permanent_urls(edition, front_pages)
    added = sorted(live - set(previous.urls))
    day = (today or dt.date.today()).isoformat()
    days = dict(previous.added)
    current = {d.id for d in edition.documents}
    days.update({urls.document_of(url): day for url in added if "#" not in url and urls.document_of(url) in current})
    paragraph_lines: dict[str, list[str]] = {}
    documents = {d.id: d for d in edition.documents}
    for document_id, anchors in edition.anchors.items():
        fingerprints = documents[document_id].reading.paragraphs
        old = dict(previous.paragraphs.get(document_id, []))
        page = f"/{urls.page_url('document', document_id)}"
        lines = []
        for position, name in enumerate(anchors.names):
            lines += [f"{page}#{a} {old.get(a, '')}".rstrip() for a in anchors.retired.get(position, ())]
            lines.append(f"{page}#{name} {fingerprints[position]}")
        paragraph_lines[page] = lines
    pages: dict[str, list[str]] = {}
    for url in sorted(set(previous.urls) | live):
        page, _, anchor = url.partition("#")
        if anchor and page in paragraph_lines:
            continue
        pages.setdefault(page, []).append(url)
    out = [_HEADER.rstrip("\n")]
    for page in sorted(set(pages) | set(paragraph_lines)):
        document_id = urls.document_of(page)
        out += [f"{url} {days[document_id]}" if url == page and document_id in days else url
                for url in pages.get(page, [])]
        out += paragraph_lines.get(page, [])
    (root / RECORD_FILE).write_text("\n".join(out) + "\n", encoding="utf-8")
    return added
