"""The edition as data: its documents, people, events and bibliography as JSON and CSV downloads.

Historians load an edition into spreadsheets, network tools and other editions. Each kind of record
is one JSON file (following the published JSON Schema, ``schemas/data.schema.json``) and one CSV
file (one row per record), written at build time from the same records and index as the pages, each
record with its permanent URL and the ids that link it to the others.

CSV has no lists and no nesting, so the rules are fixed and documented (the Data page and the README
say them): a nested value has a column per part (``archive_fond``); a list is one cell, its items
joined by ``;``, with a ``;`` or ``\\`` inside an item preceded by ``\\``; an empty cell is a value
not given. A cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written with a leading ``'``, as is one that starts with ``'``
itself; reading drops that one ``'``. So every cell is text in a spreadsheet, and
:func:`read_csv` gives back exactly the records of the JSON file. The header row is declared here,
the same in every build whatever the records hold.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import html
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..cite.csl_items import csl_item
from ..cite.formatter import CitationFormatter
from ..model import urls
from ..model.authorities import authority_links, authority_uris
from ..model.dates import HistoricalDate
from ..model.index import EditionIndex
from ..model.records import Authorities, Document, Event, Person
from ..model.settings import EditionSettings

__all__ = [
    "COLUMNS", "DataLinks", "WrittenRecords", "data_files", "data_schema", "flatten", "linked_data", "read_csv",
    "records", "unflatten",
]

SCHEMA_VERSION = 1
_TAGS = re.compile(r"<[^>]+>")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_SEPARATOR = ";"

# Every column of each CSV file, in order. A column is "name" for a single value, "name[]" for a
# list, and "name.part" (written name_part) for one part of a nested value; lists of pairs
# (a document's changes) are parallel lists, "changes[].date" and "changes[].note".
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "id", "url", "title", "date", "date_words", "earliest", "latest", "authors[]", "venue", "section", "genre",
        "language", "original_title", "translator", "transcriber", "text", "summary", "source",
        "archive.repository", "archive.fond", "archive.opis", "archive.delo", "archive.folios", "archive.reference",
        "first_published.periodical", "first_published.book", "first_published.issue", "first_published.date",
        "first_published.pages", "people[]", "events[]", "refers_to[]", "cites[]", "former_ids[]", "added", "tei",
        "withdrawn.date", "withdrawn.reason", "changes[].date", "changes[].note",
    ),
    "people": (
        "id", "url", "name", "sort_name", "kind", "variants[]", "born", "died", "wikidata", "viaf", "gnd",
        "same_as[]", "summary",
    ),
    "events": (
        "id", "url", "name", "start", "end", "date_words", "place", "wikidata", "viaf", "gnd", "same_as[]", "summary",
    ),
    "bibliography": (
        "key", "url", "entry_type", "csl_type", "author[]", "editor[]", "translator[]", "title", "container_title",
        "publisher", "publisher_place", "issued", "volume", "issue", "page", "edition", "archive", "archive_location",
        "URL", "DOI", "ISBN", "language", "entry",
    ),
}
KIND_OF = {"documents": "document", "people": "person", "events": "event"}


def _day(value: dt.date) -> str | None:
    """A day as ISO 8601; an open end of an interval (the first or last day there is) as nothing."""
    return None if value in (dt.date.min, dt.date.max) else value.isoformat()


def _date(value: HistoricalDate | None) -> str | None:
    return value.text if value is not None else None


def _authorities(authorities: Authorities) -> dict[str, Any]:
    return {"wikidata": authorities.wikidata, "viaf": authorities.viaf, "gnd": authorities.gnd,
            "same_as": authority_uris(authorities)}


def document_record(document: Document, index: EditionIndex, site_url: str, added: str | None) -> dict[str, Any]:
    """A document as the data downloads give it: the page's facts, and the ids of what it links to."""
    archive = document.archive
    first = document.first_published
    return {
        "id": document.id,
        "url": urls.absolute(site_url, urls.page_url("document", document.id)),
        "title": document.title,
        "date": document.date.text,
        "date_words": document.date.words(),
        "earliest": _day(document.date.earliest),
        "latest": _day(document.date.latest),
        "authors": list(document.authors),
        "venue": document.venue,
        "section": document.section,
        "genre": document.genre,
        "language": document.language,
        "original_title": document.original_title,
        "translator": document.translator,
        "transcriber": document.transcriber,
        "text": document.text,
        "summary": document.summary,
        "source": document.source,
        "archive": None if archive is None else {
            "repository": archive.repository or None, "fond": archive.fond or None, "opis": archive.opis or None,
            "delo": archive.delo or None, "folios": archive.folios or None, "reference": archive.reference or None},
        "first_published": None if first is None else {
            "periodical": first.periodical or None, "book": first.book or None, "issue": first.issue or None,
            "date": _date(first.date), "pages": first.pages or None},
        # The same lists the page shows: the people it names (authors apart) and the events it concerns.
        "people": [p.id for p in index.named_in.get(document.id, [])],
        "events": [e.id for e in index.linked_events.get(document.id, [])],
        "refers_to": sorted({r.target for r in document.references
                             if r.kind == "document" and r.target != document.id}),
        "cites": list(dict.fromkeys(c.key for c in document.citations)),
        "former_ids": list(document.former_ids),
        "added": added,
        "tei": None if document.withdrawn else urls.absolute(site_url, urls.tei_src(document.id)),
        "withdrawn": None if document.withdrawn is None else {
            "date": document.withdrawn.date.text, "reason": document.withdrawn.reason},
        "changes": [{"date": change.date.text, "note": change.note} for change in document.changes],
    }


def person_record(person: Person, site_url: str) -> dict[str, Any]:
    return {
        "id": person.id,
        "url": urls.absolute(site_url, urls.page_url("person", person.id)),
        "name": person.name,
        "sort_name": person.sort_name,
        "kind": person.kind,
        "variants": list(person.variants),
        "born": _date(person.born),
        "died": _date(person.died),
        **_authorities(person.authorities),
        "summary": person.summary,
    }


def event_record(event: Event, site_url: str) -> dict[str, Any]:
    return {
        "id": event.id,
        "url": urls.absolute(site_url, urls.page_url("event", event.id)),
        "name": event.name,
        "start": event.start.text,
        "end": _date(event.end),
        "date_words": event.date_words(),
        "place": event.place,
        **_authorities(event.authorities),
        "summary": event.summary,
    }


def _names(names: list[dict[str, str]]) -> list[str]:
    """CSL names as catalogues write them: "Family, Given", or a group's name as it is."""
    return [name.get("literal") or ", ".join(p for p in (name.get("family", ""), name.get("given", "")) if p)
            for name in names]


def work_record(key: str, index: EditionIndex, citations: CitationFormatter | None, site_url: str) -> dict[str, Any]:
    """A bibliography entry: its main fields as CSL reads them, the whole CSL-JSON item, and the entry
    as the edition's style formats it (as text)."""
    entry = index.edition.bibliography[key]
    item = csl_item(entry)
    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    formatted = citations.standalone_entries().get(key, "") if citations is not None else ""

    def text(variable: str) -> str | None:
        value = item.get(variable)
        return str(value) if value not in (None, "") else None

    return {
        "key": key,
        "url": urls.absolute(site_url, urls.url_of_src(urls.INDEX_PAGES["bibliography"])) + f"#{key}",
        "entry_type": entry.entry_type,
        "csl_type": item["type"],
        "author": _names(item.get("author", [])),
        "editor": _names(item.get("editor", [])),
        "translator": _names(item.get("translator", [])),
        "title": text("title"),
        "container_title": text("container-title"),
        "publisher": text("publisher"),
        "publisher_place": text("publisher-place"),
        "issued": "-".join(f"{int(part):02d}" if n else str(part) for n, part in enumerate(issued)) or None,
        **{variable: text(variable) for variable in ("volume", "issue", "page", "edition", "archive",
                                                     "archive_location", "URL", "DOI", "ISBN", "language")},
        "entry": html.unescape(_TAGS.sub("", formatted)) or None,
        "csl": item,
    }


def records(kind: str, index: EditionIndex, settings: EditionSettings, citations: CitationFormatter | None = None,
            added: dict[str, str] | None = None, kept: WrittenRecords | None = None) -> list[dict[str, Any]]:
    """Every record of one kind, in the edition's order: documents by date, people by sort name,
    events by date, works in the bibliography's order. ``kept``: the records of the last build."""
    site_url = settings.site_url
    if kind == "documents":
        ordered = sorted(index.documents.values(), key=lambda d: (d.date.earliest, d.date.latest, d.title.casefold(),
                                                                  d.id))
        remade = kept.remade(kind) if kept is not None else Remade({})
        days = added or {}
        # A document's record is made from the document and what the index lists of it.
        return [remade.record(d.id, (d, site_url, days.get(d.id), tuple(p.id for p in index.named_in.get(d.id, [])),
                                     tuple(e.id for e in index.linked_events.get(d.id, []))),
                              functools.partial(document_record, d, index, site_url, days.get(d.id)))
                for d in ordered]
    if kind == "people":
        return [person_record(p, site_url) for p in sorted(index.people.values(),
                                                           key=lambda p: (p.sort_name.casefold(), p.id))]
    if kind == "events":
        return [event_record(e, site_url) for e in index.ordered_events()]
    keys = list(citations.bibliography_entries()) if citations is not None else list(index.edition.bibliography)
    remade = kept.remade(kind) if kept is not None else Remade({})
    formatted = citations.standalone_entries() if citations is not None else {}
    # A work's record is made from its entry and the entry as the style formats it.
    return [remade.record(key, (index.edition.bibliography[key], formatted.get(key), site_url),
                          functools.partial(work_record, key, index, citations, site_url)) for key in keys]


def _edition(settings: EditionSettings) -> dict[str, Any]:
    return {"title": settings.site_name, "url": urls.absolute(settings.site_url, ""),
            "publisher": settings.publisher or None, "editors": [e.name for e in settings.editors],
            "release": settings.release or settings.year or None, "version": settings.version or None,
            "licence": settings.licence_name or None, "licence_url": settings.licence_link or None}


Made = dict[str, tuple[tuple[Any, ...], dict[str, Any]]]


class Remade:
    """One kind's records in this build, each made again only if what it is made from changed."""

    def __init__(self, earlier: Made) -> None:
        self.earlier = earlier
        self.made: Made = {}

    def record(self, key: str, inputs: tuple[Any, ...], make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The record ``make`` makes from ``inputs``, or the one the last build made from the same."""
        earlier = self.earlier.get(key)
        record = earlier[1] if earlier is not None and earlier[0] == inputs else make()
        self.made[key] = (inputs, record)
        return record


class WrittenRecords:
    """Each record as the last build made it, and its JSON and CSV text as the last build wrote it,
    kept between the builds of ``mkdocs serve``: a save changes a document's record or two, and the
    downloads of thousands are put together from the records and texts already made instead of
    being made again (a work's record formats its entry's names and LaTeX: a fifth of a second for
    a thousand works)."""

    def __init__(self) -> None:
        self.texts: dict[tuple[str, str], dict[str, tuple[dict[str, Any], str]]] = {}
        self.records: dict[str, Made] = {}

    def remade(self, kind: str) -> Remade:
        """This build's records of one kind, made from the last build's; they replace them (so that
        the records of removed documents are let go)."""
        remade = Remade(self.records.get(kind, {}))
        self.records[kind] = remade.made
        return remade

    def text(self, form: str, kind: str, record: dict[str, Any], write: Callable[[dict[str, Any]], str],
             made: dict[str, tuple[dict[str, Any], str]]) -> str:
        """``record`` written by ``write``, or the text it was written as last time if it is the same."""
        key = str(record.get("id") or record.get("key"))
        earlier = self.texts.get((form, kind), {}).get(key)
        text = earlier[1] if earlier is not None and (earlier[0] is record or earlier[0] == record) else write(record)
        made[key] = (record, text)
        return text

    def keep(self, form: str, kind: str, made: dict[str, tuple[dict[str, Any], str]]) -> None:
        self.texts[(form, kind)] = made


def _record_json(record: dict[str, Any]) -> str:
    # A record as json.dumps(indent=1) writes it two levels down, in the list under "records": no
    # string holds a raw line break (JSON escapes it), so indenting each line is exact.
    return "  " + json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def json_file(kind: str, rows: list[dict[str, Any]], settings: EditionSettings,
              kept: WrittenRecords | None = None) -> str:
    """The JSON download of one kind: the same text as ``json.dumps(data, indent=1)`` of the whole,
    put together from each record's text (see :class:`WrittenRecords`)."""
    data = {"$schema": urls.absolute(settings.site_url, urls.data_schema_src()), "schema_version": SCHEMA_VERSION,
            "kind": kind, "edition": _edition(settings), "records": []}
    head = json.dumps(data, ensure_ascii=False, indent=1)
    if not rows:
        return head + "\n"
    made: dict[str, tuple[dict[str, Any], str]] = {}
    texts = [kept.text("json", kind, row, _record_json, made) if kept is not None else _record_json(row)
             for row in rows]
    if kept is not None:
        kept.keep("json", kind, made)
    return head.removesuffix("[]\n}") + "[\n" + ",\n".join(texts) + "\n ]\n}\n"


# -- CSV


def _column(name: str) -> str:
    return name.replace("[].", "_").replace("[]", "").replace(".", "_")


def _cell(value: Any) -> str:
    """One value as text in a cell that no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _joined(items: Iterable[Any]) -> str:
    return _SEPARATOR.join(str(item).replace("\\", "\\\\").replace(_SEPARATOR, "\\" + _SEPARATOR) for item in items)


def _split(cell: str) -> list[str]:
    if not cell:
        return []
    items, current, escaped = [], [], False
    for character in cell:
        if escaped:
            current.append(character)
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == _SEPARATOR:
            items.append("".join(current))
            current = []
        else:
            current.append(character)
    items.append("".join(current))
    return items


def flatten(kind: str, record: dict[str, Any]) -> list[str]:
    """A record of the JSON download as its row of the CSV download."""
    row = []
    for name in COLUMNS[kind]:
        if "[]." in name:
            outer, part = name.split("[].")
            value: Any = _joined(item[part] for item in record[outer])
        elif name.endswith("[]"):
            value = _joined(record[name[:-2]])
        elif "." in name:
            outer, part = name.split(".")
            value = (record[outer] or {}).get(part)
        else:
            value = record[name]
        row.append(_cell(value))
    return row


def unflatten(kind: str, row: dict[str, str]) -> dict[str, Any]:
    """A row of the CSV download, by column, as the record of the JSON download (without what CSV
    leaves out: a work's whole CSL-JSON item)."""
    record: dict[str, Any] = {}
    pairs: dict[str, dict[str, list[str]]] = {}
    for name in COLUMNS[kind]:
        cell = row[_column(name)]
        cell = cell[1:] if cell.startswith("'") else cell
        if "[]." in name:
            outer, part = name.split("[].")
            pairs.setdefault(outer, {})[part] = _split(cell)
        elif name.endswith("[]"):
            record[name[:-2]] = _split(cell)
        elif "." in name:
            outer, part = name.split(".")
            record.setdefault(outer, {})[part] = cell or None
        else:
            record[name] = cell or None
    for outer, parts in pairs.items():
        record[outer] = [dict(zip(parts, values, strict=True)) for values in zip(*parts.values(), strict=True)]
    for name in {n.split(".")[0] for n in COLUMNS[kind] if "." in n and "[]" not in n}:
        if all(value is None for value in record[name].values()):
            record[name] = None  # no part given: the value is not given
    return record


def csv_file(kind: str, rows: list[dict[str, Any]], kept: WrittenRecords | None = None) -> str:
    line = io.StringIO()
    writer = csv.writer(line, lineterminator="\r\n")  # RFC 4180

    def write(values: Iterable[str]) -> str:
        line.seek(0)
        line.truncate()
        writer.writerow(values)
        return line.getvalue()

    def row(record: dict[str, Any]) -> str:
        return write(flatten(kind, record))

    made: dict[str, tuple[dict[str, Any], str]] = {}
    lines = [write(_column(name) for name in COLUMNS[kind])]
    lines += [kept.text("csv", kind, record, row, made) if kept is not None else row(record) for record in rows]
    if kept is not None:
        kept.keep("csv", kind, made)
    return "".join(lines)


def read_csv(kind: str, text: str) -> list[dict[str, Any]]:
    """The records of a CSV download, read back with the ``csv`` module."""
    return [unflatten(kind, row) for row in csv.DictReader(io.StringIO(text, newline=""))]


def data_schema() -> str:
    """The JSON Schema of the JSON downloads, as the package holds it."""
    from importlib import resources

    return resources.files(__package__.rpartition(".")[0]).joinpath("schemas/data.schema.json").read_text(
        encoding="utf-8")


def data_files(index: EditionIndex, settings: EditionSettings, citations: CitationFormatter | None,
               added: dict[str, str], kept: WrittenRecords | None = None) -> list[tuple[str, Callable[[], str]]]:
    """Each download (by source path) with what writes it: written when the site is, one file at a time.
    ``kept``: the records' texts of the last build, for ``mkdocs serve``."""
    made: dict[str, list[dict[str, Any]]] = {}

    def rows(kind: str) -> list[dict[str, Any]]:
        # JSON and CSV of a kind come from one list of records, made once and let go after both.
        if kind not in made:
            made[kind] = records(kind, index, settings, citations, added, kept)
        return made[kind]

    def json_of(kind: str) -> Callable[[], str]:
        return lambda: json_file(kind, rows(kind), settings, kept)

    def csv_of(kind: str) -> Callable[[], str]:
        return lambda: csv_file(kind, made.pop(kind, []) or records(kind, index, settings, citations, added, kept),
                                kept)

    files: list[tuple[str, Callable[[], str]]] = [(urls.data_schema_src(), data_schema)]
    for kind in urls.DATA_KINDS:
        if kind == "bibliography" and not index.edition.bibliography:
            continue
        files += [(urls.data_src(kind, "json"), json_of(kind)), (urls.data_src(kind, "csv"), csv_of(kind))]
    return files


@dataclass(frozen=True, slots=True)
class DataLinks:
    """What a page's template links to of the edition as data: the downloads, a document's TEI and
    the feed, and a person's or an event's authority records."""

    record: Any = None

    @staticmethod
    def page() -> str:
        return urls.url_of_src(urls.DATA_PAGE)

    @staticmethod
    def file(kind: str, suffix: str) -> str:
        return urls.data_src(kind, suffix)

    @staticmethod
    def schema() -> str:
        return urls.data_schema_src()

    @staticmethod
    def feed() -> str:
        return urls.feed_src()

    @staticmethod
    def printable(section_id: str) -> str:
        """The first of a section's printable pages."""
        return urls.url_of_src(urls.print_src(section_id))

    @property
    def kind(self) -> str:
        """The download this page's record is in: documents, people or events."""
        if isinstance(self.record, Document):
            return "documents"
        return "people" if isinstance(self.record, Person) else "events" if isinstance(self.record, Event) else ""

    def tei(self) -> str:
        return urls.tei_src(self.record.id) if isinstance(self.record, Document) else ""

    def authorities(self) -> list[tuple[str, str, str]]:
        """(authority, identifier, address) for each authority record of a person or an event."""
        authorities = getattr(self.record, "authorities", None)
        return authority_links(authorities) if authorities else []


def linked_data(record: Document | Person | Event, url: str) -> dict[str, Any]:
    """What a record's page adds to its JSON-LD: a document's archive, first publication and
    transcriber; a person's or an event's authority records, as ``sameAs`` of what the page is about."""
    if isinstance(record, Document):
        based_on: list[dict[str, Any]] = []
        if record.archive is not None:
            archive: dict[str, Any] = {"@type": "ArchiveComponent", "name": record.archive.words()}
            if record.archive.repository:
                archive["holdingArchive"] = {"@type": "ArchiveOrganization", "name": record.archive.repository}
            based_on.append(archive)
        first = record.first_published
        if first is not None:
            printed: dict[str, Any] = {"@type": "PublicationIssue"} if first.periodical else \
                {"@type": "Book", "name": first.book}
            if first.issue:
                printed["issueNumber"] = first.issue
            if first.date is not None:
                printed["datePublished"] = first.date.text
            if first.pages:
                printed["pagination"] = first.pages
            if first.periodical:
                printed["isPartOf"] = {"@type": "Periodical", "name": first.periodical}
            based_on.append(printed)
        extra: dict[str, Any] = {"isBasedOn": based_on} if based_on else {}
        if record.transcriber:
            extra["contributor"] = [{"@type": "Role", "roleName": "transcriber",
                                     "contributor": {"@type": "Person", "name": record.transcriber}}]
        return extra
    if isinstance(record, Person):
        about: dict[str, Any] = {"@type": "Organization" if record.is_group else "Person",
                                 "@id": f"{url}#{'group' if record.is_group else 'person'}", "name": record.name}
    else:
        about = {"@type": "Event", "@id": f"{url}#event", "name": record.name, "startDate": record.start.text}
        if record.end is not None:
            about["endDate"] = record.end.text
    same_as = authority_uris(record.authorities)
    if same_as:
        about["sameAs"] = same_as
    return {"about": about}
