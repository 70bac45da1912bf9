"""Read an edition's folder into validated records: every file, every problem, no early exit.

Each file is taken as far as it goes: a bad value is reported at its line and the record is built
from the rest, so that one mistake never hides the file's other problems, and the record's id
stays known, so that nothing that names it is reported again.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import pickle
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..model import urls
from ..model.dates import EdtfError, HistoricalDate, parse_date
from ..model.problems import Problem, error
from ..model.records import (
    EMPTY_READING,
    Archive,
    Authorities,
    Change,
    Document,
    Edition,
    Event,
    FirstPublication,
    KeyPath,
    Loose,
    Person,
    Reading,
    Section,
    Withdrawal,
)
from ..model.settings import CONFIG_FILE, EditionSettings
from .bibtex import Parsed, read_bibliography
from .files import RESERVED_NAMES, markdown_files, read_text
from .frontmatter import FrontMatter, split_front_matter
from .markdown import MarkdownReader, required_extensions
from .schema import validate_front_matter
from .stored import ReadStore, file_digest

__all__ = ["PLACEHOLDER", "ReadCache", "front_page_body", "make_reader", "read_edition", "settings_fingerprint"]

# Starters (``edition new``) mark what a contributor must write with this; the check insists.
PLACEHOLDER = "FILL IN"
KINDS = ("document", "person", "event")
# Front-matter holds short values; long text belongs in the body. No real edition comes near these.
MAX_VALUE_CHARACTERS = 10_000
MAX_LIST_ITEMS = 1_000
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def make_reader(settings: EditionSettings) -> tuple[MarkdownReader | None, list[Problem]]:
    """The edition's Markdown set-up, or the problem with its ``markdown_extensions``."""
    try:
        return MarkdownReader(settings.markdown_extensions, settings.markdown_configs,
                              in_text=settings.citation_class == "in-text"), []
    except Exception as exc:  # noqa: BLE001 - an extension that fails to load is the user's to fix, not a crash
        return None, [error(CONFIG_FILE, 1, 1, f"markdown_extensions: cannot load them ({type(exc).__name__}: "
                            f"{exc}): install the package that provides each, or correct its settings")]


class ReadCache:
    """What each record file was read into, kept from one build to the next (``mkdocs serve``): a file
    whose modification time, change time and size are those it was read with is not read again.

    A file's record depends on its text and the edition's settings alone; other files' changes reach it
    through the cross-checks and the index, which are made afresh each time."""

    def __init__(self) -> None:
        self.settings = ""
        self.reads: dict[str, tuple[tuple[int, int, int], _FileRead]] = {}
        self.root: Path | None = None
        # The reads of the last run, on disk (sources.stored), for a load that finds nothing in memory.
        self.store: ReadStore | None = None
        self.including = False
        # Each document's paragraph anchors as the last load aligned them (sources.published).
        self.aligned: dict[str, Any] = {}
        self.bibliography: dict[str, Parsed] = {}  # the bibliography's last text, parsed (sources.bibtex)

    def use(self, root: Path, store: ReadStore | None) -> None:
        """Load the edition in ``root`` next, with ``store`` on disk. MkDocs keeps one plugin, and so one
        cache, for all the builds of a process, which may be of other editions: their reads are dropped."""
        if root != self.root:
            self.root, self.settings, self.reads, self.aligned = root, "", {}, {}
        self.store = store

    def begin(self, settings: EditionSettings) -> None:
        fingerprint = settings_fingerprint(settings)
        if fingerprint != self.settings:
            self.settings, self.reads, self.aligned = fingerprint, {}, {}
        self.including = any(name.split(".")[-1] in INCLUDING for name in settings.markdown_extensions)
        if self.including:
            # A text may change when a file it includes does: read them all.
            self.settings, self.reads, self.aligned = "", {}, {}

    def stored(self) -> dict[str, tuple[bytes, _FileRead]] | None:
        """The reads kept on disk by the last run, when this load has none in memory to go by (the first
        build of ``mkdocs serve``, or ``edition check``); None when there is no store to consult."""
        if self.store is None or self.reads or self.including:
            return None
        return self.store.load(self.settings)


# Extensions that put other files' text into a text: a file's read then depends on more than itself.
INCLUDING = {"snippets", "markdown_include", "include"}


def settings_fingerprint(settings: EditionSettings) -> str:
    """The settings as text that is the same when they are, in this run and the next: the extensions as
    the reader loads them (MkDocs' own first), sets in order, and callables (a slugify function, say,
    which MkDocs makes afresh on each load) by name."""
    def stable(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return [type(value).__qualname__, {f.name: stable(getattr(value, f.name))
                                               for f in dataclasses.fields(value)}]
        if isinstance(value, set | frozenset):
            return sorted((stable(item) for item in value), key=repr)
        if isinstance(value, list | tuple):
            return [stable(item) for item in value]
        if isinstance(value, dict):
            return {str(key): stable(item) for key, item in value.items()}
        if value is None or isinstance(value, str | int | float | bool):
            return value
        if callable(value):
            return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
        return repr(value)

    loaded = dataclasses.replace(settings, markdown_extensions=required_extensions(settings.markdown_extensions))
    return json.dumps(stable(loaded), sort_keys=True, ensure_ascii=False)


def read_edition(root: Path, settings: EditionSettings, cache: ReadCache | None = None,
                 processes: bool = False) -> tuple[Edition, list[Problem]]:
    """Read documents, people, events, section introductions, front pages and the bibliography.

    Returns:
        The records that could be read, and every problem found in single files. Problems that
        span files (unknown ids, duplicates) are the business of :mod:`.crosscheck`.
    """
    problems: list[Problem] = []
    reader, reader_problems = make_reader(settings)
    problems.extend(reader_problems)
    cache = cache or ReadCache()
    bibliography, broken_keys, bib_problems = read_bibliography(root, cache.bibliography)
    problems.extend(bib_problems)
    edition = Edition(settings.sections, [], [], [], bibliography, claimed={kind: set() for kind in KINDS},
                      claimed_sections=settings.claimed_sections - {s.id for s in settings.sections})
    edition.claimed["bibliography"] = broken_keys
    if reader is None:
        return edition, problems
    files = _Files(root, settings, reader, edition, problems, cache, processes)
    files.read_all([(kind, path) for kind in KINDS for path in markdown_files(root, urls.FOLDERS[kind], problems)])
    edition.sections = tuple(_read_intro(section, reader, problems) for section in settings.sections)
    docs = root / settings.docs_dir
    for path in markdown_files(root, settings.docs_dir, problems) if docs.is_dir() else []:
        relative = path.relative_to(root).as_posix()
        text, file_problems = read_text(path, relative)
        problems.extend(file_problems)
        if text is not None:
            page_url = urls.url_of_src(path.relative_to(docs).as_posix())
            body, first_line = front_page_body(text)
            reading, text_problems = reader.read(body, path=relative, first_line=first_line,
                                                 page_url=page_url, kind="page", trusted=settings.allow_raw_html)
            problems.extend(text_problems)
            edition.front_pages[relative] = reading
    return edition, problems


_PAGE_YAML = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_PAGE_META = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*.*")
_PAGE_META_MORE = re.compile(r"^([ ]{4}|\t)\s*.*")


def front_page_body(text: str) -> tuple[str, int]:
    """A front page's text as MkDocs converts it, and the line it starts on.

    MkDocs takes a page's meta-data from a YAML block or from MultiMarkdown-style ``Key: value``
    lines at its top; these are its rules, so that the check reads exactly the text MkDocs renders.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    match = _PAGE_YAML.match(text)
    if match:
        try:
            data = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict):
            body = text[match.end():].lstrip("\n")
            return body, text.count("\n", 0, len(text) - len(body)) + 1
        return text, 1
    lines = text.split("\n")
    taken, key = 0, False
    for line in lines:
        if not line.strip():
            taken += 1 if key else 0
            break
        if _PAGE_META.match(line) or (key and _PAGE_META_MORE.match(line)):
            key, taken = True, taken + 1
            continue
        break
    body = "\n".join(lines[taken:]).lstrip("\n")
    return body, text.count("\n", 0, len(text) - len(body)) + 1


def _read_intro(section: Section, reader: MarkdownReader, problems: list[Problem]) -> Section:
    if not section.intro_markdown:
        return section
    line, _ = section.origin.value_at(("intro",))
    reading, text_problems = reader.read(section.intro_markdown, path=section.origin.path, first_line=line,
                                         page_url=urls.page_url("section", section.id), kind="section")
    problems.extend(text_problems)
    return dataclasses.replace(section, intro=reading)


@dataclass(slots=True)
class _Files:
    """The edition's record files, named and then read: the names in order (a clash is between two
    files), the texts by :class:`_FileReader`, in a pool of processes when there are enough of them."""

    root: Path
    settings: EditionSettings
    reader: MarkdownReader
    edition: Edition
    problems: list[Problem]
    cache: ReadCache
    processes: bool
    names: dict[str, str] = dataclasses.field(default_factory=dict)  # file names, case folded

    def read_all(self, paths: list[tuple[str, Path]]) -> None:
        self.cache.begin(self.settings)
        wanted: list[tuple[str, Path, str]] = []
        for kind, path in paths:
            relative = path.relative_to(self.root).as_posix()
            if self._nameable(path, relative):
                wanted.append((kind, path, relative))
            else:
                self.edition.claimed[kind].add(path.stem)
        reads = self._reads(wanted)
        for (kind, _, _), read in zip(wanted, reads, strict=True):
            self.problems.extend(read.problems)
            if read.record is None:
                self.edition.claimed[kind].add(read.record_id)
                if read.loose is not None:
                    self.edition.loose.append(read.loose)
            elif isinstance(read.record, Document):
                self.edition.documents.append(read.record)
            elif isinstance(read.record, Person):
                self.edition.people.append(read.record)
            else:
                self.edition.events.append(read.record)

    def _reads(self, wanted: list[tuple[str, Path, str]]) -> list[_FileRead]:
        """Each file's read, from the cache where the file is as it was, else read now."""
        stamps, kept, fresh = [], {}, []
        stored = self.cache.stored()
        digests: dict[int, bytes | None] = {}
        for position, (kind, path, relative) in enumerate(wanted):
            try:
                stat = path.stat()
                stamp = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size)
            except OSError:
                stamp = (-1, -1, -1)  # read_text reports what is wrong with it
            stamps.append(stamp)
            key = f"{kind}:{relative}"
            cached = self.cache.reads.get(key)
            if cached is not None and cached[0] == stamp and stamp[0] >= 0:
                kept[position] = cached[1]
                continue
            if stored is not None:
                # Hashed before it is read: a file changed in between is stored under its old hash, and missed.
                digests[position] = digest = file_digest(path)
                entry = stored.get(key)
                if entry is not None and digest is not None and entry[0] == digest:
                    kept[position] = entry[1]
                    continue
            fresh.append(position)
        made = dict(zip(fresh, _read_files([wanted[i] for i in fresh], self.settings, self.reader,
                                                self.processes), strict=True))
        reads = [kept[i] if i in kept else made[i] for i in range(len(wanted))]
        self.cache.reads = {f"{kind}:{relative}": (stamp, read)
                            for (kind, _, relative), stamp, read in zip(wanted, stamps, reads, strict=True)}
        if stored is not None and self.cache.store is not None and (fresh or len(stored) != len(wanted)):
            self.cache.store.save(self.cache.settings, {
                f"{kind}:{relative}": (digest, read)
                for position, ((kind, _, relative), read) in enumerate(zip(wanted, reads, strict=True))
                if (digest := digests[position]) is not None})
        return reads

    def _nameable(self, path: Path, relative: str) -> bool:
        """Whether every file system can hold the file's name: not a name Windows reserves, and not one
        that differs only in case from another's (they would overwrite each other there)."""
        if path.stem.lower() in RESERVED_NAMES:
            self.problems.append(error(relative, 0, 0, f"'{path.name}' cannot be a file name on Windows: rename "
                                       "the file (and its id)"))
            return False
        folded = relative.casefold()
        if folded in self.names:
            self.problems.append(error(relative, 0, 0, f"'{relative}' and '{self.names[folded]}' differ only in "
                                       "case, which some file systems cannot tell apart: rename one"))
            return False
        self.names[folded] = relative
        return True


# Below this many files a pool costs more than it saves: its processes take about a second to start.
POOL_FROM = 400
_CHUNK = 50  # files sent to a process at a time


def _read_files(wanted: list[tuple[str, Path, str]], settings: EditionSettings, reader: MarkdownReader,
                processes: bool) -> list[_FileRead]:
    """Each file read into its record, in order. Converting Markdown is most of the time and each file
    is converted alone, so with more than one core the files are shared among processes."""
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
                  MAX_WORKERS)
    if processes and workers > 1 and len(wanted) >= POOL_FROM and _picklable(settings):
        # A fresh interpreter per process ("forkserver", "spawn"): forking the build's own process,
        # with MkDocs' server threads in it, is not safe.
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                     initializer=_start_worker, initargs=(settings,)) as pool:
                return list(pool.map(_read_in_worker, wanted, chunksize=_CHUNK))
        except Exception:  # noqa: BLE001, S110 - a set-up another interpreter cannot rebuild: read here instead
            pass
    files = _FileReader(settings, reader)
    return [files.read(kind, path, relative) for kind, path, relative in wanted]


MAX_WORKERS = 4  # more would hold more copies of the Markdown set-up than a small machine gains from
_WORKER: list[_FileReader] = []  # in a pool's process: its reader, made once


def _picklable(settings: EditionSettings) -> bool:
    try:
        pickle.dumps(settings)
    except Exception:  # noqa: BLE001 - a setting MkDocs made that cannot cross to another process
        return False
    return True


def _start_worker(settings: EditionSettings) -> None:
    reader, problems = make_reader(settings)
    if reader is None:
        raise RuntimeError(problems[0].message if problems else "the Markdown set-up cannot be made here")
    _WORKER.append(_FileReader(settings, reader))


def _read_in_worker(item: tuple[str, Path, str]) -> _FileRead:
    return _WORKER[0].read(*item)


@dataclass(frozen=True, slots=True)
class _FileRead:
    """What one file became: its record, or what of it could be read when it could not be one."""

    record_id: str
    record: Document | Person | Event | None
    loose: Loose | None
    problems: list[Problem]


@dataclass(slots=True)
class _FileReader:
    settings: EditionSettings
    reader: MarkdownReader

    def read(self, kind: str, path: Path, relative: str) -> _FileRead:
        problems: list[Problem] = []
        text, file_problems = read_text(path, relative)
        problems.extend(file_problems)
        if text is None:
            return _FileRead(path.stem, None, None, problems)
        source, source_problems = split_front_matter(relative, text)
        problems.extend(source_problems)
        record_id = path.stem
        data: dict[str, Any] = {}
        if source.front_matter is not None:
            data = source.front_matter.data
            if isinstance(data.get("id"), str) and _SLUG.match(data["id"]):
                record_id = data["id"]
        reading = self._read_body(kind, record_id, source.body, relative, source.body_line, problems)
        record = None
        if source.front_matter is not None:
            checked = _FrontMatterRecord(kind, source.front_matter, relative, self.settings, problems)
            record = checked.build(reading)
        if record is None:
            return _FileRead(record_id, None, Loose(relative, reading, _named(data)), problems)
        return _FileRead(record_id, record, None, problems)

    def _read_body(self, kind: str, record_id: str, body: str, relative: str, first_line: int,
                   problems: list[Problem]) -> Reading:
        for number, line in enumerate(body.splitlines(), start=first_line):
            if PLACEHOLDER in line:
                problems.append(error(relative, number, line.index(PLACEHOLDER) + 1,
                                      f"replace the starter's placeholder '{line.strip()}' with the text"))
        if not body.strip():
            return EMPTY_READING
        reading, body_problems = self.reader.read(body, path=relative, first_line=first_line,
                                                  page_url=urls.page_url(kind, record_id), kind=kind,
                                                  record_id=record_id)
        problems.extend(body_problems)
        return reading


def _named(data: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """What a file's front-matter names, even when the file could not become a record."""
    named: list[tuple[str, str]] = []
    for key, kind in (("author", "person"), ("people", "person"), ("events", "event")):
        value = data.get(key)
        for item in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
            if isinstance(item, str):
                named.append((kind, item))
    return tuple(named)


class _FrontMatterRecord:
    """One file's front-matter, checked key by key and built into its record."""

    def __init__(self, kind: str, front_matter: FrontMatter, path: str, settings: EditionSettings,
                 problems: list[Problem]) -> None:
        self.kind, self.path, self.settings, self.problems = kind, path, settings, problems
        self.data = dict(front_matter.data)
        self.origin = front_matter.origin
        placeholders = self._placeholders() + self._oversized()
        reported = {str(key_path[0]) for key_path in placeholders if key_path}
        for key_path, problem in validate_front_matter(kind, FrontMatter(self.data, self.origin), path):
            if key_path[:1] and str(key_path[0]) in reported:
                continue  # the placeholder was reported already
            if problem.message.startswith("missing required key '") and \
                    problem.message.split("'")[1] in reported:
                continue
            problems.append(problem)
            if key_path:
                reported.add(str(key_path[0]))
        self.reported = reported
        self.origin = dataclasses.replace(self.origin, reported=frozenset(reported))

    def _placeholders(self) -> list[KeyPath]:
        """Report each value still holding the starter's placeholder once, and set it aside."""
        found: list[KeyPath] = []

        def visit(value: Any, key_path: KeyPath) -> bool:
            if isinstance(value, str) and value.startswith(PLACEHOLDER):
                line, column = self.origin.value_at(key_path)
                self.problems.append(error(self.path, line, column, f"'{key_path[0]}': replace the starter's "
                                           f"placeholder '{value}'"))
                found.append(key_path)
                return True
            if isinstance(value, list):
                return any([visit(item, (*key_path, index)) for index, item in enumerate(value)])
            if isinstance(value, dict):
                return any([visit(item, (*key_path, key)) for key, item in value.items()])
            return False

        for key in [key for key, value in self.data.items() if visit(value, (key,))]:
            del self.data[key]
        return found

    def _oversized(self) -> list[KeyPath]:
        """Report each value longer than any real edition needs, and set it aside."""
        found: list[KeyPath] = []
        for key, value in list(self.data.items()):
            size = len(value) if isinstance(value, str | list) else 0
            limit = MAX_LIST_ITEMS if isinstance(value, list) else MAX_VALUE_CHARACTERS
            if size > limit:
                what = "items" if isinstance(value, list) else "characters"
                self.problems.append(error(self.path, *self.origin.value_at((key,)), f"'{key}' holds {size:,} {what}, "
                                           f"more than the {limit:,} a value of the front-matter may hold"))
                found.append((key,))
                del self.data[key]
        return found

    def value(self, key: str, default: Any = None) -> Any:
        return default if key in self.reported else self.data.get(key, default)

    def ids(self, key: str) -> tuple[str, ...]:
        value = self.value(key)
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else tuple(value)

    def date(self, *key_path: str | int) -> HistoricalDate | None:
        if key_path[0] in self.reported:
            return None
        value: Any = self.data
        for key in key_path:
            if isinstance(value, list) and isinstance(key, int) and key < len(value):  # noqa: SIM114 - typed apart
                value = value[key]
            elif isinstance(value, dict) and key in value:
                value = value[key]
            else:
                return None
        try:
            return parse_date(value)
        except EdtfError as exc:
            self.fail(key_path, f"'{'.'.join(map(str, key_path))}': {exc}")
            return None

    def fail(self, key_path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(error(self.path, *self.origin.value_at(key_path), message))
        self.reported.add(str(key_path[0]))
        self.origin = dataclasses.replace(self.origin, reported=frozenset(self.reported))

    def build(self, reading: Reading) -> Document | Person | Event | None:
        record_id = self.value("id")
        if not isinstance(record_id, str):
            return None
        if record_id in RESERVED_NAMES:
            self.fail(("id",), f"'id': '{record_id}' cannot be a folder name on Windows, where the edition's pages "
                               "would be written: choose another id")
            return None
        builders: dict[str, Callable[[str, Reading], Document | Person | Event | None]] = {
            "document": self._document, "person": self._person, "event": self._event}
        return builders[self.kind](record_id, reading)

    def _document(self, record_id: str, reading: Reading) -> Document | None:
        date = self.date("date")
        withdrawn = None
        if isinstance(self.value("withdrawn"), dict):
            withdrawn_date = self.date("withdrawn", "date")
            if withdrawn_date is not None:
                withdrawn = Withdrawal(withdrawn_date, str(self.data["withdrawn"].get("reason", "")))
        changes = []
        for index, change in enumerate(self.value("changes") or []):
            when = self.date("changes", index, "date")
            if when is not None:
                changes.append(Change(when, str(change["note"])))
        section = self.settings.section(self.value("section", ""))
        if date is not None and section is not None and not _within(date, section.dates):
            fits = [s for s in self.settings.sections if _within(date, s.dates)]
            hint = f"it fits section '{fits[0].id}' ({fits[0].dates.words()})" if fits \
                else "no section covers it"
            self.fail(("date",), f"'date': {date.words()} falls outside section '{section.id}' "
                                 f"({section.dates.words()}): {hint}; correct the date or the section")
        if date is None:
            return None
        return Document(
            id=record_id, title=self.value("title", record_id), date=date, authors=self.ids("author"),
            venue=self.value("venue", ""), section=self.value("section", ""), origin=self.origin,
            genre=self.value("genre"), language=self.value("language"), original_title=self.value("original_title"),
            translator=self.value("translator"), transcriber=self.value("transcriber"), source=self.value("source"),
            archive=self._archive(), first_published=self._first_published(), summary=self.value("summary"),
            text=self.value("text", "full"), people=self.ids("people"), events=self.ids("events"),
            former_ids=self.ids("former_ids"), retired_anchors=self.ids("retired_anchors"), withdrawn=withdrawn,
            changes=tuple(sorted(changes, key=lambda c: (c.date.earliest, c.date.latest))),
            reading=reading,
        )

    def _person(self, record_id: str, reading: Reading) -> Person:
        born, died = self.date("born"), self.date("died")
        if born is not None and died is not None and died.latest < born.earliest:
            self.fail(("died",), f"'died' ({died.words()}) is before 'born' ({born.words()})")
        name = self.value("name", record_id)
        return Person(
            id=record_id, name=name, origin=self.origin, sort_name=self.value("sort_name") or name,
            kind=self.value("kind", "person"), variants=tuple(self.value("variants") or ()), born=born, died=died,
            authorities=self._authorities(), summary=self.value("summary"), reading=reading,
        )

    def _event(self, record_id: str, reading: Reading) -> Event | None:
        start, end = self.date("start"), self.date("end")
        if start is not None and end is not None and end.latest < start.earliest:
            self.fail(("end",), f"'end' ({end.words()}) is before 'start' ({start.words()})")
        if start is None:
            return None
        return Event(
            id=record_id, name=self.value("name", record_id), start=start, end=end, origin=self.origin,
            place=self.value("place"), summary=self.value("summary"), authorities=self._authorities(),
            reading=reading,
        )

    def _archive(self) -> Archive | None:
        value = self.value("archive")
        if isinstance(value, str):
            return Archive(reference=value)
        if not isinstance(value, dict):
            return None
        # YAML reads "fond: 17" as a number; an archive's numbers are labels ("17a", "12-14ob.").
        return Archive(**{key: str(value[key]) for key in ("repository", "fond", "opis", "delo", "folios",
                                                             "reference") if key in value})

    def _first_published(self) -> FirstPublication | None:
        value = self.value("first_published")
        if not isinstance(value, dict):
            return None
        date = self.date("first_published", "date") if "date" in value else None
        if "date" in value and date is None:
            return None  # the date was reported at its line
        return FirstPublication(**{key: str(value[key]) for key in ("periodical", "book", "issue", "pages")
                                   if key in value}, date=date)

    def _authorities(self) -> Authorities:
        ids = {key: str(self.value(key)) for key in ("wikidata", "viaf", "gnd") if self.value(key) is not None}
        return Authorities(**ids)


def _within(date: HistoricalDate, span: HistoricalDate) -> bool:
    """Whether a date can fall inside a section's span: the two overlap."""
    return not (date.latest < span.earliest or date.earliest > span.latest)
