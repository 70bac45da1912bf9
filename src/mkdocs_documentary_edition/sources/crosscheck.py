"""Checks that span files: ids unique and known, sections real, everything referred to.

Runs on the records :func:`.reader.read_edition` produced; it reads no file itself. Ids whose file
could not be read into a record still count as known, so one broken file is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import urls
from ..model.problems import Problem, did_you_mean, error, warning
from ..model.records import BibEntry, Citation, Document, Edition, Event, Person, Reading, Record, Reference
from ..model.settings import CONFIG_FILE

__all__ = ["check_edition"]

_BIB_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.+-]*$")
_CONTAINERS = {"article": ("journal", "journaltitle"), "incollection": ("booktitle",), "inbook": ("booktitle",),
               "inproceedings": ("booktitle",)}


def check_edition(edition: Edition) -> list[Problem]:
    """Every cross-file problem of an edition, errors and warnings together."""
    problems: list[Problem] = []
    _check_unique_ids(edition, problems)
    known = {kind: edition.known(kind) for kind in ("person", "event", "document", "bibliography")}
    candidates = {kind: sorted(ids) for kind, ids in known.items()}
    section_ids = [s.id for s in edition.sections]

    def unknown(path: str, position: tuple[int, int], kind: str, target: str) -> None:
        hint = did_you_mean(target, candidates[kind], n=3) or \
            f"; add {urls.FOLDERS[kind]}/{target}.md or correct the id"
        problems.append(error(path, *position, f"unknown {kind} '{target}'{hint}"))

    if edition.documents and not edition.sections:
        problems.append(error(CONFIG_FILE, 1, 1, "no sections are configured: add 'sections' "
                              "under the edition plugin in mkdocs.yml"))
    for document in edition.documents:
        origin = document.origin
        if "section" not in origin.reported and document.section not in section_ids and edition.sections \
                and document.section not in edition.claimed_sections:
            hint = did_you_mean(document.section, section_ids) or f"; use one of: {', '.join(section_ids)}"
            problems.append(error(document.path, *origin.value_at(("section",)),
                                  f"unknown section '{document.section}'{hint}"))
        for key, kind, values in (("author", "person", document.authors), ("people", "person", document.people),
                                  ("events", "event", document.events)):
            for index, target in enumerate(values):
                if target not in known[kind]:
                    unknown(document.path, origin.value_at((key, index)), kind, target)
    texts: list[tuple[str, Reading, Record | None]] = [(r.path, r.reading, r) for r in _records(edition)]
    texts += [(s.origin.path, s.intro, None) for s in edition.sections]
    texts += [(path, reading, None) for path, reading in edition.front_pages.items()]
    texts += [(loose.path, loose.reading, None) for loose in edition.loose]
    for path, reading, _record in texts:
        for reference in reading.references:
            if reference.target not in known[reference.kind]:
                unknown(path, (reference.line, reference.column), reference.kind, reference.target)
            elif reference.kind == "document" and reference.anchor:
                _check_anchor(path, reference, edition, problems)
        _check_citations(path, reading.citations, known["bibliography"], candidates["bibliography"], problems)
    _check_referred_to(edition, texts, problems)
    return problems


def _records(edition: Edition) -> Iterable[Record]:
    yield from edition.documents
    yield from edition.people
    yield from edition.events


def _check_anchor(path: str, reference: Reference, edition: Edition, problems: list[Problem]) -> None:
    anchors = edition.anchors.get(reference.target)
    if anchors is None or reference.anchor in anchors.all:
        return
    count = len(anchors.names)
    problems.append(error(path, reference.line, reference.column,
                          f"document '{reference.target}' has no paragraph #{reference.anchor}: its text has "
                          f"{count} numbered paragraph{'s' * (count != 1)}"
                          f"{' (' + ', '.join(sorted(anchors.all, key=lambda a: int(a[1:]))) + ')' if count else ''}"))


def _check_unique_ids(edition: Edition, problems: list[Problem]) -> None:
    # Documents keep their own namespace (/documents/<id>/), as do people and events; a document's
    # former id must not collide with a live one, or the redirect would shadow a page.
    records: tuple[list[Document], list[Person], list[Event]] = (edition.documents, edition.people, edition.events)
    for group in records:
        first: dict[str, str] = {}
        for record in group:
            position = record.origin.value_at(("id",))
            if record.id == "index":
                problems.append(error(record.path, *position,
                                      "'index' is reserved for the list of this folder's pages: choose another id"))
            if record.id in first:
                problems.append(error(record.path, *position, f"duplicate id '{record.id}': {first[record.id]} "
                                      "already uses it; give this file an id of its own"))
            else:
                first[record.id] = record.path
    live = {d.id: d.path for d in edition.documents}
    claimed: dict[str, str] = {}
    for document in edition.documents:
        for index, former in enumerate(document.former_ids):
            position = document.origin.value_at(("former_ids", index))
            if former in claimed and claimed[former] != document.path:
                problems.append(error(document.path, *position, f"former id '{former}' is also claimed by "
                                      f"{claimed[former]}: an old URL can redirect to one document only"))
            claimed.setdefault(former, document.path)
            if former in live:
                problems.append(error(document.path, *position, f"former id '{former}' is the id of "
                                      f"{live[former]}: a redirect would hide that document"))


def _check_citations(path: str, citations: tuple[Citation, ...], known: set[str], keys: list[str],
                     problems: list[Problem]) -> None:
    for citation in citations:
        if citation.key not in known:
            hint = did_you_mean(citation.key, keys, n=3) or f"; add an entry '{citation.key}' to bibliography.bib"
            problems.append(error(path, citation.line, citation.column,
                                  f"unknown bibliography key '{citation.key}'{hint}"))


def _check_referred_to(edition: Edition, texts: list[tuple[str, Reading, Record | None]],
                       problems: list[Problem]) -> None:
    referred: set[tuple[str, str]] = set()
    cited: set[str] = set()
    for document in edition.documents:
        referred.update(("person", p) for p in (*document.authors, *document.people))
        referred.update(("event", e) for e in document.events)
    for loose in edition.loose:
        referred.update(loose.named)
    for _path, reading, record in texts:
        referred.update((r.kind, r.target) for r in reading.references if not _is_self(record, r))
        cited.update(c.key for c in reading.citations)
    for person in edition.people:
        if ("person", person.id) not in referred:
            problems.append(warning(person.path, *person.origin.key_at(("id",)),
                                    f"nothing refers to person '{person.id}': name them in a document's "
                                    "'people' or link them in a text, or remove the file"))
    for event in edition.events:
        if ("event", event.id) not in referred:
            problems.append(warning(event.path, *event.origin.key_at(("id",)),
                                    f"nothing refers to event '{event.id}': list it in a document's "
                                    "'events' or link it in a text, or remove the file"))
    lowered: dict[str, str] = {}
    for key, entry in edition.bibliography.items():
        if not _BIB_KEY.match(key):
            problems.append(error(edition.bibliography_path, entry.line, 1,
                                  f"key '{key}' cannot be part of a URL: use letters, digits and - _ : . only"))
        elif key.isdigit() or key == "index":
            # bibliography/2/ is the bibliography's second page; a work's own page may not take it.
            problems.append(error(edition.bibliography_path, entry.line, 1,
                                  f"key '{key}' would take the address of a page of the bibliography: "
                                  "add a letter to it"))
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


def _is_self(record: Record | None, reference: Reference) -> bool:
    if record is None:
        return False
    kind = "person" if isinstance(record, Person) else "event" if isinstance(record, Event) else "document"
    return kind == reference.kind and record.id == reference.target
