"""How a document of the edition is cited: the "cite this" text, downloads, and page metadata.

Everything here describes the document itself as published in this edition (its author, title,
date and venue, then the edition, its editors and its URL), never the website as such.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import rispy
from bibtexparser import model
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library

from ..model.dates import EdtfDate, HistoricalDate
from ..model.index import EditionIndex
from ..model.records import Document, Person
from ..model.settings import EditionSettings

__all__ = ["DocumentCitation", "bibtex_text", "json_for_script"]

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


def _ris_text(value: str) -> str:
    """One line: a line break inside a field would start another record in an RIS file."""
    return " ".join(value.split())


def json_for_script(data: Any) -> str:
    """JSON that cannot end or comment out the ``<script>`` element holding it."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# Genres given at a meeting are filed by Zotero as conference papers, newspaper texts as articles,
# everything else as a section of the edition (a book section), which is what a documentary
# edition's reader cites.
SPOKEN = {"speech", "report", "resolution", "theses", "platform", "minutes"}
PUBLISHED_IN_PERIODICALS = {"article", "statement", "declaration"}


@dataclass(slots=True)
class DocumentCitation:
    document: Document
    index: EditionIndex
    settings: EditionSettings
    url: str

    # -- parts

    @property
    def authors(self) -> list[Person]:
        return [self.index.people[a] for a in self.document.authors if a in self.index.people]

    @staticmethod
    def inverted(person: Person) -> str:
        """"Surname, Forename" for catalogue-style fields; a group's name as it is."""
        if person.is_group or "," not in person.sort_name:
            return person.name
        surname, forenames = (part.strip() for part in person.sort_name.split(",", 1))
        given = person.name.replace(surname, "").strip() or forenames
        return f"{surname}, {given}"

    @property
    def edition_title(self) -> str:
        return self.settings.site_name

    @property
    def periodical(self) -> bool:
        venue = self.document.venue.lower()
        return self.document.genre in PUBLISHED_IN_PERIODICALS and not any(
            word in venue for word in ("congress", "conference", "plenum", "meeting", "session"))

    @property
    def spoken(self) -> bool:
        return self.document.genre in SPOKEN and not self.periodical

    # -- the citation readers copy

    def text(self) -> str:
        """Author, "Title," date, venue. In Edition, edited by Editors. URL."""
        d = self.document
        names = [p.name for p in self.authors]
        authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""
        parts = [f"{authors}, " if authors else "", f"“{d.title},” {d.date.words()}, {d.venue}."]
        edition = f" In {self.edition_title}"
        if self.settings.editors:
            edition += ", edited by " + _join(list(self.settings.editors))
        if self.settings.publisher:
            edition += f" ({self.settings.publisher}{', ' + self.settings.year if self.settings.year else ''})"
        elif self.settings.year:
            edition += f" ({self.settings.year})"
        return "".join(parts) + edition + f". {self.url}"

    # -- downloads

    def csl_json(self) -> str:
        d = self.document
        item: dict[str, Any] = {
            "id": d.id, "type": "chapter", "title": d.title, "container-title": self.edition_title,
            "author": [_csl_name(self.inverted(p), p.is_group) for p in self.authors],
            "editor": [{"literal": e} for e in self.settings.editors],
            "issued": {"date-parts": [_date_parts(d.date)]}, "URL": self.url, "event-place": d.venue,
            "language": d.language or self.settings.language,
        }
        if d.genre:
            item["genre"] = d.genre
        if self.settings.publisher:
            item["publisher"] = self.settings.publisher
        if d.original_title:
            item["original-title"] = d.original_title
        if d.translator:
            item["translator"] = [{"literal": d.translator}]
        if d.summary:
            item["abstract"] = d.summary
        return json.dumps([item], ensure_ascii=False, indent=2)

    def bibtex(self) -> str:
        d = self.document
        fields = {
            "author": " and ".join(_bibtex_name(self.inverted(p), p.is_group) for p in self.authors),
            "title": bibtex_text(d.title), "booktitle": bibtex_text(self.edition_title),
            "editor": " and ".join("{" + bibtex_text(e) + "}" for e in self.settings.editors),
            "date": _edtf_for_biblatex(d.date), "year": str(d.date.earliest.year), "url": self.url,
            "note": bibtex_text(d.venue), "langid": d.language or "", "translator": bibtex_text(d.translator or ""),
            "publisher": bibtex_text(self.settings.publisher), "abstract": bibtex_text(d.summary or ""),
        }
        entry = model.Entry("incollection", d.id,
                            [model.Field(k, v) for k, v in fields.items() if v])
        return write_string(Library([entry]))

    def ris(self) -> str:
        d = self.document
        record: dict[str, Any] = {
            "type_of_reference": "CHAP", "title": d.title, "secondary_title": self.edition_title,
            "authors": [self.inverted(p) for p in self.authors], "date": _ris_date(d.date),
            "year": str(d.date.earliest.year), "urls": [self.url], "notes": [d.venue],
            "language": d.language or self.settings.language,
        }
        if self.settings.editors:
            record["secondary_authors"] = list(self.settings.editors)
        if self.settings.publisher:
            record["publisher"] = self.settings.publisher
        if d.summary:
            record["abstract"] = d.summary
        record = {key: [_ris_text(v) for v in value] if isinstance(value, list) else _ris_text(value)
                  for key, value in record.items()}
        return str(rispy.dumps([record], implementation=_RisWriter)).lstrip("\n")

    # -- metadata in the page's head

    def meta_tags(self) -> list[tuple[str, str]]:
        d = self.document
        tags = [("citation_title", d.title)]
        tags += [("citation_author", self.inverted(p)) for p in self.authors]
        date = _highwire_date(d.date)
        tags += [("citation_date", date), ("citation_publication_date", date)]
        tags += [("citation_public_url", self.url), ("citation_language", d.language or self.settings.language)]
        if self.spoken:
            tags.append(("citation_conference_title", d.venue))
        elif self.periodical:
            tags.append(("citation_journal_title", d.venue))
        else:
            tags.append(("citation_book_title", self.edition_title))
        tags += [("citation_editor", e) for e in self.settings.editors]
        if self.settings.publisher:
            tags.append(("citation_publisher", self.settings.publisher))
        if d.summary:
            tags.append(("citation_abstract", d.summary))
        tags += [("DC.title", d.title)]
        tags += [("DC.creator", self.inverted(p)) for p in self.authors]
        tags += [("DC.date", _iso_date(d.date)), ("DC.type", "Text"), ("DC.identifier", self.url),
                 ("DC.language", d.language or self.settings.language), ("DC.relation.ispartof", self.edition_title)]
        tags += [("DC.contributor", e) for e in self.settings.editors]
        if self.settings.publisher:
            tags.append(("DC.publisher", self.settings.publisher))
        if d.summary:
            tags.append(("DC.description", d.summary))
        return tags

    def json_ld(self) -> str:
        d = self.document
        data: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "CreativeWork", "@id": self.url, "url": self.url,
            "name": d.title, "dateCreated": _iso_date(d.date), "genre": d.genre or "document",
            "author": [{"@type": "Organization" if p.is_group else "Person", "name": p.name} for p in self.authors],
            "locationCreated": d.venue, "inLanguage": self.settings.language,
            "isPartOf": {"@type": "Book", "name": self.edition_title,
                         "editor": [{"@type": "Person", "name": e} for e in self.settings.editors]},
        }
        if d.language and d.language != self.settings.language:
            data["translationOfWork"] = {"@type": "CreativeWork", "inLanguage": d.language,
                                         "name": d.original_title or d.title}
        if d.translator:
            data["translator"] = {"@type": "Person", "name": d.translator}
        if d.summary:
            data["abstract"] = d.summary
        return json_for_script(data)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _single(date: HistoricalDate) -> EdtfDate | None:
    return (date.start or date.end) if date.is_interval else date  # type: ignore[union-attr, return-value]


def _date_parts(date: HistoricalDate) -> list[int]:
    single = _single(date)
    if single is None or single.year is None:
        return [date.earliest.year]
    return [part for part in (single.year, single.month, single.day) if part is not None]


def _iso_date(date: HistoricalDate) -> str:
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(_date_parts(date)))


def _highwire_date(date: HistoricalDate) -> str:
    return _iso_date(date).replace("-", "/")


def _ris_date(date: HistoricalDate) -> str:
    """RIS writes YYYY/MM/DD/, leaving out what is unknown: "1921/03//", "1921///"."""
    parts = [f"{p:02d}" if i else str(p) for i, p in enumerate(_date_parts(date))] + ["", ""]
    return f"{parts[0]}/{parts[1]}/{parts[2]}/"


def _edtf_for_biblatex(date: HistoricalDate) -> str:
    return date.text


def _csl_name(inverted: str, group: bool) -> dict[str, str]:
    if group or "," not in inverted:
        return {"literal": inverted}
    family, given = (part.strip() for part in inverted.split(",", 1))
    return {"family": family, "given": given}


def _bibtex_name(inverted: str, group: bool) -> str:
    return "{" + bibtex_text(inverted) + "}" if group else bibtex_text(inverted)
