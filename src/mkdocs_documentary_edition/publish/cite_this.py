"""How the edition is cited: one item per page, and the forms that carry it to a scholar's tools.

A document is a section of the edition (a ``bookSection`` in Zotero's terms): its own authors and
title, in the edition, edited by the edition's editors, published by its publisher on the date of
this release, its historical date kept whole as its original date. The home page is the edition
itself (a ``book``); every other page is a web page of the edition. Each item is written once,
as a :class:`CitedWork`, and every form reads it: the ``<meta>`` tags that Zotero's Embedded
Metadata translator reads, JSON-LD, and the RIS, BibTeX and CSL-JSON downloads, which Zotero's
import translators read.

The tags follow what those translators do (their code is public):

- ``citation_inbook_title`` makes the item a book section with the edition as its book title;
  ``citation_book_title`` would not, because the translator reads ``book`` in its middle as the
  OpenGraph ``book:`` prefix and drops the tag.
- ``citation_author`` is "Family, Given"; a group's name ends in a comma, so that it is not split
  into a given name and a surname.
- No page tag can carry a translator next to ``citation_author`` tags; the downloads do.
- The document's own date goes to Zotero's Extra as ``Original Date:`` (``z.extra`` on the page,
  ``M2`` in RIS, ``note`` in CSL-JSON).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import rispy
from bibtexparser import model
from bibtexparser.entrypoint import parse_string, write_string

from ..model.dates import EdtfDate, HistoricalDate
from ..model.index import EditionIndex
from ..model.records import Document, Person
from ..model.settings import EditionSettings

__all__ = [
    "RIS_TAGS", "CitedWork", "Name", "bibtex_text", "document_work", "edition_work", "json_for_script", "page_work",
]


@dataclass(frozen=True, slots=True)
class Name:
    """A creator: a person as family and given name, or a group (or an unsplittable name) as one."""

    family: str = ""
    given: str = ""
    literal: str = ""

    @property
    def display(self) -> str:
        return self.literal or " ".join(p for p in (self.given, self.family) if p)

    @property
    def inverted(self) -> str:
        """ "Family, Given"; a group's name as it is."""
        return self.literal or (f"{self.family}, {self.given}" if self.given else self.family)


def person_name(person: Person) -> Name:
    """A person of the edition as a creator: the surname from the sort name, the given name as displayed."""
    if person.is_group or "," not in person.sort_name:
        return Name(literal=person.name)
    family, forenames = (part.strip() for part in person.sort_name.split(",", 1))
    given = person.name.replace(family, "").strip() or forenames
    return Name(family, given)


def text_name(name: str) -> Name:
    """A name given as text ("Barbara C. Allen", or "Allen, Barbara C."): split as catalogues split it."""
    name = " ".join(name.split())
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return Name(family, given)
    given, _, family = name.rpartition(" ")
    return Name(family, given) if given else Name(literal=name)


@dataclass(frozen=True, slots=True)
class CitedWork:
    """One citable item: a document as a section of the edition, the edition as a book, or a page."""

    kind: str  # "bookSection", "book" or "webpage"
    key: str  # the id downloads file it under
    title: str
    url: str
    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()
    translators: tuple[Name, ...] = ()
    container: str = ""  # the book a section is in; the site a page is on
    date: str = ""  # of this release: YYYY, YYYY-MM or YYYY-MM-DD
    original_date: str = ""  # the document's own date, as EDTF: 1921-03-23/1921-04-01, 1921-03?
    publisher: str = ""
    language: str = ""  # of the text the reader sees
    abstract: str = ""
    rights: str = ""
    rights_url: str = ""
    version: str = ""
    version_date: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # what only JSON-LD says (original language, ...)

    @property
    def extra_field(self) -> str:
        """Zotero's Extra: the original date, in the form Zotero reads as CSL's original-date."""
        return f"Original Date: {self.original_date}" if self.original_date else ""

    # -- the page's head

    def meta_tags(self) -> list[tuple[str, str, str]]:
        """``(attribute, name, content)`` for each ``<meta>`` tag, attribute being ``name`` or ``property``."""
        if self.kind == "webpage":
            tags = [("property", "og:type", "website"), ("property", "og:site_name", self.container),
                    ("property", "og:title", self.title), ("property", "og:url", self.url)]
            if self.date:
                tags.append(("name", "DC.date", self.date))
        else:
            tags = [("name", "citation_title", self.title)]
            tags += [("name", "citation_author", author) for author in _highwire_names(self.authors)]
            tags += [("name", "citation_editor", editor) for editor in _highwire_names(self.editors)]
            if self.kind == "bookSection":
                tags.append(("name", "citation_inbook_title", self.container))
            else:
                tags.insert(0, ("property", "og:type", "book"))
            if self.date:
                tags.append(("name", "citation_publication_date", self.date.replace("-", "/")))
            if self.publisher:
                tags.append(("name", "citation_publisher", self.publisher))
            tags += [("name", "citation_language", self.language), ("name", "citation_public_url", self.url)]
            if self.abstract:
                tags.append(("name", "citation_abstract", self.abstract))
            if self.extra_field:
                # Zotero's own namespace: the RDF translator copies z:extra into the item's Extra.
                tags.append(("name", "z.extra", self.extra_field))
            tags += [("name", "DC.title", self.title)]
            tags += [("name", "DC.creator", name.inverted) for name in self.authors or self.editors]
            if self.date:
                tags.append(("name", "DC.date", self.date))
            if self.publisher:
                tags.append(("name", "DC.publisher", self.publisher))
            tags += [("name", "DC.language", self.language), ("name", "DC.identifier", self.url)]
        if self.rights:
            tags.append(("name", "DC.rights", self.rights))
        return [tag for tag in tags if tag[2]]

    def json_ld(self) -> str:
        types = {"bookSection": "Chapter", "book": "Book", "webpage": "WebPage"}
        data: dict[str, Any] = {"@context": "https://schema.org", "@type": types[self.kind], "@id": self.url,
                                "url": self.url, "name": self.title, "inLanguage": self.language}
        if self.authors:
            data["author"] = [_schema_person(n) for n in self.authors]
        if self.editors:
            data["editor"] = [_schema_person(n) for n in self.editors]
        if self.translators:
            data["translator"] = [_schema_person(n) for n in self.translators]
        if self.date:
            data["datePublished"] = self.date
        if self.original_date:
            data["dateCreated"] = self.original_date
        if self.publisher:
            data["publisher"] = {"@type": "Organization", "name": self.publisher}
        if self.rights_url or self.rights:
            data["license"] = self.rights_url or self.rights
        if self.version:
            data["version"] = self.version
        if self.abstract:
            data["abstract"] = self.abstract
        if self.container:
            data["isPartOf"] = {"@type": "Book" if self.kind == "bookSection" else "WebSite", "name": self.container}
        data.update(self.extra)
        return json_for_script(data)

    # -- downloads

    def csl(self) -> dict[str, Any]:
        """The item as CSL-JSON (and as the CSL processor formats it for the cite box)."""
        item: dict[str, Any] = {"id": self.key, "type": "chapter" if self.kind == "bookSection" else "book",
                                "title": self.title, "URL": self.url}
        for variable, names in (("author", self.authors), ("editor", self.editors),
                                ("translator", self.translators)):
            if names:
                item[variable] = [_csl_name(n) for n in names]
        if self.container:
            item["container-title"] = self.container
        if self.date:
            item["issued"] = {"date-parts": [[int(p) for p in self.date.split("-")]]}
        if self.original_date:
            parts = _date_parts(self.original_date)
            if parts:
                item["original-date"] = {"date-parts": [parts]}
            item["note"] = self.extra_field
        for variable, value in (("publisher", self.publisher), ("language", self.language),
                                ("abstract", self.abstract), ("edition", self.version)):
            if value:
                item[variable] = value
        return item

    def csl_json(self) -> str:
        return json.dumps([self.csl()], ensure_ascii=False, indent=2)

    def ris(self) -> str:
        record: dict[str, Any] = {"type_of_reference": "CHAP" if self.kind == "bookSection" else "BOOK",
                                  "title": self.title, "urls": [self.url]}
        if self.authors:
            record["authors"] = [_ris_name(n) for n in self.authors]
        if self.editors:
            record["secondary_authors"] = [_ris_name(n) for n in self.editors]
        if self.translators:
            record["subsidiary_authors"] = [_ris_name(n) for n in self.translators]  # A4: Zotero's translator
        if self.container:
            record["secondary_title"] = self.container
        if self.date:
            parts = [*self.date.split("-"), "", ""][:3]
            record["date"] = "/".join(parts) + "/"
            record["year"] = parts[0]
        for tag, value in (("publisher", self.publisher), ("language", self.language), ("abstract", self.abstract),
                           ("edition", self.version), ("rights", self.rights)):
            if value:
                record[tag] = value
        if self.extra_field:
            record["extra"] = self.extra_field
        record = {key: [_one_line(v) for v in value] if isinstance(value, list) else _one_line(value)
                  for key, value in record.items()}
        return str(rispy.dumps([record], implementation=_RisWriter, mapping=RIS_TAGS)).lstrip("\n")

    def bibtex(self) -> str:
        fields = {
            "title": bibtex_text(self.title),
            "author": " and ".join(_bibtex_name(n) for n in self.authors),
            "editor": " and ".join(_bibtex_name(n) for n in self.editors),
            "translator": " and ".join(_bibtex_name(n) for n in self.translators),
            "booktitle": bibtex_text(self.container) if self.kind == "bookSection" else "",
            "date": self.date, "year": self.date[:4],
            # biblatex reads EDTF in origdate; Zotero's BibTeX import has no field for it.
            "origdate": self.original_date, "publisher": bibtex_text(self.publisher), "url": self.url,
            "language": self.language, "abstract": bibtex_text(self.abstract), "edition": bibtex_text(self.version),
            "copyright": bibtex_text(self.rights),
        }
        entry = model.Entry("incollection" if self.kind == "bookSection" else "book", self.key,
                            [model.Field(k, v) for k, v in fields.items() if v])
        entries = parse_string("")  # an empty collection of entries, to hold this one
        entries.add(entry)
        return str(write_string(entries))


# rispy's tags, and two that Zotero's RIS import reads: CR (rights) and M2 (Extra, for every item type).
RIS_TAGS = {**rispy.TAG_KEY_MAPPING, "CR": "rights", "M2": "extra"}


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]
    """RIS as reference managers import it: one record, without the counter line before it."""

    def set_header(self, count: int) -> str:
        return ""


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                   "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BIBTEX = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))


def bibtex_text(value: str) -> str:
    """Field text as BibTeX reads it back: LaTeX's special characters escaped, so no brace can close
    the field or open another, and one line."""
    return _BIBTEX.sub(lambda m: _BIBTEX_SPECIAL[m.group(0)], " ".join(value.split()))


def _one_line(value: str) -> str:
    """A line break inside a field would start another field, or another record, in an RIS file."""
    return " ".join(value.split())


def json_for_script(data: Any) -> str:
    """JSON that cannot end or comment out the ``<script>`` element holding it."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _highwire_names(names: tuple[Name, ...]) -> list[str]:
    written = [f"{n.literal}," if n.literal else n.inverted for n in names]
    # With a single tag, Embedded Metadata splits "Van Buren, Martin Luther" on its comma into two
    # people when both sides hold a space; a semicolon, its other separator, keeps the name whole.
    if len(names) == 1 and not names[0].literal and " " in names[0].family and " " in names[0].given:
        written = [f"{written[0]};"]
    return written


def _ris_name(name: Name) -> str:
    return name.literal or name.inverted  # no comma: a single-field name


def _bibtex_name(name: Name) -> str:
    if name.literal:
        return "{" + bibtex_text(name.literal) + "}"  # braces: one name, not given and family
    return bibtex_text(name.inverted)


def _csl_name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    return {"family": name.family, "given": name.given} if name.given else {"family": name.family}


def _schema_person(name: Name) -> dict[str, str]:
    if name.literal:
        return {"@type": "Organization", "name": name.literal}
    return {"@type": "Person", "name": name.display, "familyName": name.family, "givenName": name.given}


def _single(date: HistoricalDate) -> EdtfDate | None:
    return (date.start or date.end) if date.is_interval else date  # type: ignore[union-attr, return-value]


def _date_parts(text: str) -> list[int]:
    from ..model.dates import parse_date

    single = _single(parse_date(text))
    if single is None or single.year is None:
        return []
    return [part for part in (single.year, single.month, single.day) if part is not None]


def _edition(settings: EditionSettings, url: str, kind: str, key: str, title: str, **fields: Any) -> CitedWork:
    """What every item of the edition shares: its release, publisher, licence and version."""
    version = f"version {settings.version}" if settings.version else ""
    return CitedWork(kind=kind, key=key, title=title, url=url, date=settings.release or settings.year,
                     publisher=settings.publisher, language=settings.language, rights=settings.licence_name,
                     rights_url=settings.licence_link, version=version, version_date=settings.version_date, **fields)


def document_work(document: Document, index: EditionIndex, settings: EditionSettings, url: str) -> CitedWork:
    """A document as a section of the edition."""
    authors = tuple(person_name(index.people[a]) for a in document.authors if a in index.people)
    editors = tuple(text_name(e.sort_name) for e in settings.editors if e.role == "editor")
    translators = tuple(text_name(e.sort_name) for e in settings.editors if e.role == "translator")
    if document.translator:
        translators = (text_name(document.translator), *translators)
    extra: dict[str, Any] = {}
    if document.language and document.language != settings.language:
        extra["translationOfWork"] = {"@type": "CreativeWork", "inLanguage": document.language,
                                      "name": document.original_title or document.title}
    if document.genre:
        extra["genre"] = document.genre
    return _edition(settings, url, "bookSection", document.id, document.title, authors=authors, editors=editors,
                    translators=translators, container=settings.site_name, original_date=document.date.text,
                    abstract=document.summary or "", extra=extra)


def edition_work(settings: EditionSettings, url: str) -> CitedWork:
    """The edition itself, as a book."""
    editors = tuple(text_name(e.sort_name) for e in settings.editors if e.role == "editor")
    key = re.sub(r"[^a-z0-9]+", "-", settings.site_name.lower()).strip("-")[:60] or "edition"
    return _edition(settings, url, "book", key, settings.site_name, editors=editors)


def page_work(title: str, settings: EditionSettings, url: str) -> CitedWork:
    """Any other page: a web page of the edition."""
    return _edition(settings, url, "webpage", "", title, container=settings.site_name)
