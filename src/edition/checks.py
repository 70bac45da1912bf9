"""Checks that span files: ids unique and known, sections real, everything referred to.

Runs on the records :func:`edition.reader.read_edition` produced; it reads no file itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from .markup import LOCATOR_LABELS
from .problems import Problem, error, warning
from .records import BibEntry, Citation, Document, Edition, Event, Person, Reference
from .settings import CONFIG_FILE
from .validation import did_you_mean

__all__ = ["check_edition"]

Record = TypeVar("Record", Document, Person, Event)


def check_edition(edition: Edition) -> list[Problem]:
    """Every cross-file problem of an edition, errors and warnings together."""
    problems: list[Problem] = []
    _check_unique_ids(edition, problems)
    person_ids = sorted(p.id for p in edition.people)
    event_ids = sorted(e.id for e in edition.events)
    section_ids = [s.id for s in edition.sections]
    known = {"person": set(person_ids), "event": set(event_ids)}
    candidates = {"person": person_ids, "event": event_ids}

    def unknown(path: str, position: tuple[int, int], kind: str, target: str) -> None:
        hint = did_you_mean(target, candidates[kind], n=3)
        folder = "people" if kind == "person" else "events"
        if not hint:
            hint = f"; add {folder}/{target}.md or correct the id"
        problems.append(error(path, *position, f"unknown {kind} '{target}'{hint}"))

    if edition.documents and not edition.sections:
        problems.append(error(CONFIG_FILE, 1, 1, "no sections are configured: add 'sections' "
                              "under the edition plugin in mkdocs.yml"))
    for document in edition.documents:
        fm = document.front_matter
        if document.section not in section_ids and edition.sections:
            hint = did_you_mean(document.section, section_ids) or f"; use one of: {', '.join(section_ids)}"
            problems.append(error(document.path, *fm.value_at(("section",)),
                                  f"unknown section '{document.section}'{hint}"))
        author_value = fm.data.get("author")
        for index, author in enumerate(document.authors):
            if author not in known["person"]:
                key = ("author",) if isinstance(author_value, str) else ("author", index)
                unknown(document.path, fm.value_at(key), "person", author)
        for key, kind in (("people", "person"), ("events", "event")):
            for index, target in enumerate(getattr(document, key)):
                if target not in known[kind]:
                    unknown(document.path, fm.value_at((key, index)), kind, target)
    for record in _all_records(edition):
        for reference in record.references:
            if reference.target not in known[reference.kind]:
                unknown(record.path, (reference.line, reference.column), reference.kind, reference.target)
        _check_citations(record.path, record.citations, edition, problems)
    for path, citations in edition.front_citations.items():
        _check_citations(path, citations, edition, problems)
    _check_referred_to(edition, problems)
    return problems


def _all_records(edition: Edition) -> Iterable[Document | Person | Event]:
    yield from edition.documents
    yield from edition.people
    yield from edition.events


def _check_unique_ids(edition: Edition, problems: list[Problem]) -> None:
    # Documents keep their own namespace (/documents/<id>/), as do people and events; a document's
    # former id must not collide with a live one, or the redirect would shadow a page.
    for records in (edition.documents, edition.people, edition.events):
        first: dict[str, str] = {}
        for record in records:
            if record.id == "index":
                problems.append(error(record.path, *record.front_matter.value_at(("id",)),
                                      "'index' is reserved for the list of this folder's pages: choose another id"))
            if record.id in first:
                line, column = record.front_matter.value_at(("id",))
                problems.append(error(record.path, line, column,
                                      f"duplicate id '{record.id}': {first[record.id]} already uses it; "
                                      "give this file an id of its own"))
            else:
                first[record.id] = record.path
    live = {d.id: d.path for d in edition.documents}
    claimed: dict[str, str] = {}
    for document in edition.documents:
        for index, former in enumerate(document.former_ids):
            if former in claimed and claimed[former] != document.path:
                problems.append(error(document.path, *document.front_matter.value_at(("former_ids", index)),
                                      f"former id '{former}' is also claimed by {claimed[former]}: an old URL "
                                      "can redirect to one document only"))
            claimed.setdefault(former, document.path)
            if former in live:
                problems.append(error(document.path, *document.front_matter.value_at(("former_ids", index)),
                                      f"former id '{former}' is the id of {live[former]}: a redirect "
                                      "would hide that document"))


def _check_citations(path: str, citations: tuple[Citation, ...], edition: Edition,
                     problems: list[Problem]) -> None:
    keys = sorted(edition.bibliography)
    for citation in citations:
        if citation.key not in edition.bibliography:
            hint = did_you_mean(citation.key, keys, n=3) or f"; add an entry '{citation.key}' to bibliography.bib"
            problems.append(error(path, citation.line, citation.column,
                                  f"unknown bibliography key '{citation.key}'{hint}"))
        if citation.label and citation.label.lower() not in LOCATOR_LABELS:
            hint = did_you_mean(citation.label.lower(), list(LOCATOR_LABELS)) or \
                "; use p., pp., ch., no., doc., fol. or another Pandoc locator label"
            problems.append(error(path, citation.line, citation.column,
                                  f"unknown locator label '{citation.label}'{hint}"))


def _check_referred_to(edition: Edition, problems: list[Problem]) -> None:
    referred: set[tuple[str, str]] = set()
    cited: set[str] = set()
    for document in edition.documents:
        referred.update(("person", p) for p in (*document.authors, *document.people))
        referred.update(("event", e) for e in document.events)
    for record in _all_records(edition):
        referred.update((r.kind, r.target) for r in record.references if _not_self(record, r))
        cited.update(c.key for c in record.citations)
    for citations in edition.front_citations.values():
        cited.update(c.key for c in citations)
    for person in edition.people:
        if ("person", person.id) not in referred:
            problems.append(warning(person.path, *person.front_matter.key_at(("id",)),
                                    f"nothing refers to person '{person.id}': name them in a document's "
                                    "'people' or link them in a text, or remove the file"))
    for event in edition.events:
        if ("event", event.id) not in referred:
            problems.append(warning(event.path, *event.front_matter.key_at(("id",)),
                                    f"nothing refers to event '{event.id}': list it in a document's "
                                    "'events' or link it in a text, or remove the file"))
    lowered: dict[str, str] = {}
    for key, entry in edition.bibliography.items():
        if not _BIB_KEY.match(key):
            problems.append(error(edition.bibliography_path, entry.line, 1,
                                  f"key '{key}' cannot be part of a URL: use letters, digits and - _ : . only"))
        if key.lower() in lowered:
            problems.append(error(edition.bibliography_path, entry.line, 1,
                                  f"key '{key}' differs from '{lowered[key.lower()]}' only in case: "
                                  "citation processors treat them as one"))
        lowered.setdefault(key.lower(), key)
        for missing in _missing_for_style(entry):
            problems.append(warning(edition.bibliography_path, entry.line, 1,
                                    f"'{key}' has no {missing}: its notes will lack it"))
        if key not in cited:
            problems.append(warning(edition.bibliography_path, entry.line, 1,
                                    f"nothing cites '{key}': cite it in a note or remove the entry"))


_BIB_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.+-]*$")
_CONTAINERS = {"article": ("journal", "journaltitle"), "incollection": ("booktitle",), "inbook": ("booktitle",),
               "inproceedings": ("booktitle",)}


def _missing_for_style(entry: BibEntry) -> list[str]:
    """What a notes-and-bibliography style cannot do without: a title, and a container for a part."""
    fields = entry.fields
    missing = []
    if not fields.get("title"):
        missing.append("title")
    containers = _CONTAINERS.get(entry.entry_type)
    if containers and not any(fields.get(f) for f in containers):
        missing.append(" or ".join(containers))
    return missing


def _not_self(record: Document | Person | Event, reference: Reference) -> bool:
    kind = "person" if isinstance(record, Person) else "event" if isinstance(record, Event) else "document"
    return not (kind == reference.kind and record.id == reference.target)
