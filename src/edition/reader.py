"""Read an edition's folder into validated records: every file, every problem, no early exit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .bibliography import read_bibliography
from .dates import EdtfError, HistoricalDate, parse_date
from .frontmatter import FrontMatter, SourceFile, split_front_matter
from .markup import find_citations, find_references, mask_code
from .problems import Problem, error
from .records import FOLDERS, Citation, Document, Edition, Event, Person, Withdrawal
from .settings import EditionSettings
from .validation import validate_front_matter

__all__ = ["read_edition"]


def read_edition(root: Path, settings: EditionSettings) -> tuple[Edition, list[Problem]]:
    """Read documents, people, events and the bibliography under ``root``.

    Returns:
        The records that could be read, and every problem found in single files. Problems that
        span files (unknown ids, duplicates) are the business of :func:`edition.checks.check_edition`.
    """
    problems: list[Problem] = []
    documents = _read_folder(root, "document", _document, settings, problems)
    people = _read_folder(root, "person", _person, settings, problems)
    events = _read_folder(root, "event", _event, settings, problems)
    bibliography, bib_problems = read_bibliography(root)
    problems.extend(bib_problems)
    edition = Edition(settings.sections, documents, people, events, bibliography,
                      front_citations=_front_page_citations(root, settings.docs_dir, problems))
    return edition, problems


def _front_page_citations(root: Path, docs_dir: str, problems: list[Problem]) -> dict[str, tuple[Citation, ...]]:
    """Citations on the edition's front pages, so that their keys are checked and count as cited."""
    folder = root / docs_dir
    found: dict[str, tuple[Citation, ...]] = {}
    if not folder.is_dir():
        return found
    for page in sorted(folder.rglob("*.md")):
        relative = page.relative_to(root).as_posix()
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(error(relative, 0, 0, f"cannot read the page: {exc}"))
            continue
        citations, malformed = find_citations(text, 1)
        problems.extend(error(relative, line, column, message) for line, column, message in malformed)
        if citations:
            found[relative] = tuple(citations)
    return found


def _read_folder(root: Path, kind: str, build: Callable[..., Any], settings: EditionSettings,
                 problems: list[Problem]) -> list[Any]:
    folder = root / FOLDERS[kind]
    if not folder.is_dir():
        return []
    records = []
    for file in sorted(folder.glob("*.md")):
        relative = file.relative_to(root).as_posix()
        source, file_problems = _read_source(file, relative)
        problems.extend(file_problems)
        if source is None or source.front_matter is None:
            continue
        schema_problems = validate_front_matter(kind, source.front_matter, relative)
        problems.extend(schema_problems)
        if schema_problems:
            continue
        record = build(source, _DateReader(source.front_matter, relative, problems), settings, problems)
        if record is not None:
            records.append(record)
    return records


def _read_source(file: Path, relative: str) -> tuple[SourceFile | None, list[Problem]]:
    try:
        raw = file.read_bytes()
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
    source, problems = split_front_matter(relative, text)
    return source, problems


class _DateReader:
    """Parses the date fields of one file, reporting a bad date at its value."""

    def __init__(self, front_matter: FrontMatter, path: str, problems: list[Problem]) -> None:
        self.front_matter = front_matter
        self.path = path
        self.problems = problems

    def __call__(self, *key_path: str) -> HistoricalDate | None:
        value: Any = self.front_matter.data
        for key in key_path:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        try:
            return parse_date(value)
        except EdtfError as exc:
            self.fail(key_path, f"'{'.'.join(key_path)}': {exc}")
            return None

    def fail(self, key_path: tuple[str, ...], message: str) -> None:
        line, column = self.front_matter.value_at(key_path)
        self.problems.append(error(self.path, line, column, message))


def _ids(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _scan_body(source: SourceFile, problems: list[Problem]) -> dict[str, Any]:
    masked = mask_code(source.body)
    citations, malformed = find_citations(source.body, source.body_line, masked)
    for line, column, message in malformed:
        problems.append(error(source.path, line, column, message))
    return {
        "references": tuple(find_references(source.body, source.body_line, masked)),
        "citations": tuple(citations),
    }


def _document(source: SourceFile, dates: _DateReader, settings: EditionSettings,
              problems: list[Problem]) -> Document | None:
    data = source.front_matter.data
    date = dates("date")
    withdrawn = None
    if "withdrawn" in data:
        withdrawn_date = dates("withdrawn", "date")
        if withdrawn_date is not None:
            withdrawn = Withdrawal(withdrawn_date, data["withdrawn"]["reason"])
    section = settings.section(data["section"])
    if date is not None and section is not None and (
        date.latest < section.dates.earliest or date.earliest > section.dates.latest
    ):
        dates.fail(("date",), f"'date': {date.words()} falls outside section '{section.id}' "
                              f"({section.dates.words()}): correct the date or the section")
    if date is None:
        return None
    return Document(
        id=data["id"], title=data["title"], date=date, authors=_ids(data["author"]), venue=data["venue"],
        section=data["section"], path=source.path, body=source.body, body_line=source.body_line,
        genre=data.get("genre"), language=data.get("language"), original_title=data.get("original_title"),
        translator=data.get("translator"), source=data.get("source"), summary=data.get("summary"),
        text=data.get("text", "full"), people=_ids(data.get("people")), events=_ids(data.get("events")),
        former_ids=_ids(data.get("former_ids")), withdrawn=withdrawn, front_matter=source.front_matter,
        **_scan_body(source, problems),
    )


def _person(source: SourceFile, dates: _DateReader, settings: EditionSettings,
            problems: list[Problem]) -> Person | None:
    data = source.front_matter.data
    born, died = dates("born"), dates("died")
    if born is not None and died is not None and died.latest < born.earliest:
        dates.fail(("died",), f"'died' ({died.words()}) is before 'born' ({born.words()})")
    return Person(
        id=data["id"], name=data["name"], path=source.path, body=source.body, body_line=source.body_line,
        sort_name=data.get("sort_name") or data["name"], kind=data.get("kind", "person"),
        variants=tuple(data.get("variants") or ()), born=born, died=died, wikidata=data.get("wikidata"),
        summary=data.get("summary"), front_matter=source.front_matter, **_scan_body(source, problems),
    )


def _event(source: SourceFile, dates: _DateReader, settings: EditionSettings,
           problems: list[Problem]) -> Event | None:
    data = source.front_matter.data
    start, end = dates("start"), dates("end")
    if start is not None and end is not None and end.latest < start.earliest:
        dates.fail(("end",), f"'end' ({end.words()}) is before 'start' ({start.words()})")
    if start is None:
        return None
    return Event(
        id=data["id"], name=data["name"], start=start, end=end, path=source.path, body=source.body,
        body_line=source.body_line, place=data.get("place"), summary=data.get("summary"),
        front_matter=source.front_matter, **_scan_body(source, problems),
    )
