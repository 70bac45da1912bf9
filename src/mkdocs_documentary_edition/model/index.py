"""The cross-reference index, built once from validated records: who wrote what, who is named where.

Every list that a page shows (a section's documents, a person's documents, an event's people, the
documents that refer to a document) is computed here, in date order, so that templates only iterate.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from .dates import sort_key
from .labels import cyrillic_language
from .records import Document, Edition, Event, Person, Reference

__all__ = ["EditionIndex", "letter_of"]

DocumentOrder = tuple[dt.date, dt.date, str, str]


def document_order(document: Document) -> DocumentOrder:
    return (*sort_key(document.date), document.title.casefold(), document.id)


def event_order(event: Event) -> tuple[dt.date, dt.date, str, str]:
    return (event.earliest, event.latest, event.name.casefold(), event.id)


def letter_of(person: Person) -> str:
    return initial(person.sort_name)


def initial(text: str) -> str:
    """The letter a name is filed under (``É`` under ``E``), or ``#`` for a name that starts otherwise."""
    first = unicodedata.normalize("NFKD", text.strip()[:1] or "?")[:1].upper()
    return first if first.isalpha() else "#"


def _targets(references: tuple[Reference, ...], kind: str) -> list[str]:
    return sorted({r.target for r in references if r.kind == kind})


@dataclass(slots=True)
class EditionIndex:
    edition: Edition
    documents: dict[str, Document] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    by_section: dict[str, list[Document]] = field(default_factory=dict)
    by_year: dict[int, list[Document]] = field(default_factory=dict)  # by the earliest year a date can mean
    ordered: list[Document] = field(default_factory=list)  # every document not withdrawn, in date order
    authored: dict[str, list[Document]] = field(default_factory=dict)
    mentioned: dict[str, list[Document]] = field(default_factory=dict)
    named_in: dict[str, list[Person]] = field(default_factory=dict)  # document -> people it names, not authors
    linked_events: dict[str, list[Event]] = field(default_factory=dict)  # document -> events it concerns
    referred_by: dict[str, list[Document]] = field(default_factory=dict)  # document -> documents linking to it
    event_documents: dict[str, list[Document]] = field(default_factory=dict)
    event_people: dict[str, list[Person]] = field(default_factory=dict)
    person_events: dict[str, list[Event]] = field(default_factory=dict)
    citing: dict[str, list[Document]] = field(default_factory=dict)
    cited_on: dict[str, list[Person | Event]] = field(default_factory=dict)
    neighbours: dict[str, tuple[Document | None, Document | None]] = field(default_factory=dict)
    cyrillic_language: str = "ru"  # what a name or title in Cyrillic is marked as (labels.cyrillic_language)

    @classmethod
    def build(cls, edition: Edition) -> EditionIndex:
        index = cls(edition)
        index.documents = {d.id: d for d in edition.documents}
        index.people = {p.id: p for p in edition.people}
        index.events = {e.id: e for e in edition.events}
        # A withdrawn document keeps its page (its URL was published) but leaves every list.
        ordered = sorted((d for d in edition.documents if d.withdrawn is None), key=document_order)

        index.ordered = ordered
        index.cyrillic_language = cyrillic_language(d.language for d in edition.documents)
        by_section: dict[str, list[Document]] = defaultdict(list)
        by_year: dict[int, list[Document]] = defaultdict(list)
        authored: dict[str, list[Document]] = defaultdict(list)
        mentioned: dict[str, list[Document]] = defaultdict(list)
        linked_events: dict[str, list[Document]] = defaultdict(list)
        referred_by: dict[str, list[Document]] = defaultdict(list)
        citing: dict[str, list[Document]] = defaultdict(list)
        for document in ordered:
            by_section[document.section].append(document)
            by_year[document.date.earliest.year].append(document)
            for author in dict.fromkeys(document.authors):
                authored[author].append(document)
            named = [p for p in dict.fromkeys((*document.people, *_targets(document.references, "person")))
                     if p not in document.authors]
            for person in named:
                mentioned[person].append(document)
            index.named_in[document.id] = sorted((index.people[p] for p in named if p in index.people),
                                                 key=lambda p: (p.sort_name.casefold(), p.id))
            concerned = list(dict.fromkeys((*document.events, *_targets(document.references, "event"))))
            for event in concerned:
                linked_events[event].append(document)
            index.linked_events[document.id] = sorted((index.events[e] for e in concerned if e in index.events),
                                                      key=event_order)
            for target in _targets(document.references, "document"):
                if target != document.id:
                    referred_by[target].append(document)
            for key in dict.fromkeys(c.key for c in document.citations):
                citing[key].append(document)
        index.by_section = dict(by_section)
        index.by_year = dict(sorted(by_year.items()))
        index.authored = dict(authored)
        index.mentioned = dict(mentioned)
        index.referred_by = dict(referred_by)
        index.citing = dict(citing)

        for documents in by_section.values():
            for position, document in enumerate(documents):
                before = documents[position - 1] if position else None
                after = documents[position + 1] if position + 1 < len(documents) else None
                index.neighbours[document.id] = (before, after)

        cited_on: dict[str, list[Person | Event]] = defaultdict(list)
        pages: list[Person | Event] = [*sorted(edition.people, key=lambda p: p.sort_name.casefold()),
                                       *sorted(edition.events, key=event_order)]
        for record in pages:
            for key in dict.fromkeys(c.key for c in record.citations):
                cited_on[key].append(record)
        index.cited_on = dict(cited_on)
        index._link_events(ordered, linked_events)
        return index

    def _link_events(self, ordered: list[Document], linked: dict[str, list[Document]]) -> None:
        person_events: dict[str, list[Event]] = defaultdict(list)
        biographies: dict[str, list[str]] = defaultdict(list)
        for person in self.people.values():
            for target in _targets(person.references, "event"):
                biographies[target].append(person.id)
        # Documents by their earliest day, to find those dated within an event without looking at all.
        position = {d.id: n for n, d in enumerate(ordered)}
        by_earliest = sorted(ordered, key=lambda d: d.date.earliest)
        earliest = [d.date.earliest for d in by_earliest]
        for event in sorted(self.events.values(), key=event_order):
            # An event lists what is linked to it and what is dated within it; bounded events only,
            # or an open-ended era would claim every later document.
            members = {d.id: d for d in linked.get(event.id, [])}
            if event.end is not None:
                within = by_earliest[bisect_left(earliest, event.earliest):bisect_right(earliest, event.latest)]
                members.update((d.id, d) for d in within if d.date.latest <= event.latest)
            self.event_documents[event.id] = sorted(members.values(), key=lambda d: position[d.id])
            # Those who took part: the authors of its documents, and those whose biography tells of it.
            # People a document merely names (historians among them) are not counted.
            involved: dict[str, Person] = {}
            for document in linked.get(event.id, []):
                for person_id in document.authors:
                    if person_id in self.people:
                        involved.setdefault(person_id, self.people[person_id])
            for person_id in biographies.get(event.id, ()):
                involved.setdefault(person_id, self.people[person_id])
            self.event_people[event.id] = sorted(involved.values(), key=lambda p: p.sort_name.casefold())
            for person_id in involved:
                person_events[person_id].append(event)
        self.person_events = dict(person_events)

    def chronology(self) -> list[Document | Event]:
        """Documents and events together, in date order: what happened, and what was written."""
        records: list[Document | Event] = [d for d in self.documents.values() if d.withdrawn is None]
        records += self.events.values()
        return sorted(records, key=lambda r: document_order(r) if isinstance(r, Document) else event_order(r))

    def ordered_events(self) -> list[Event]:
        return sorted(self.events.values(), key=event_order)
