"""The cross-reference index, built once from validated records: who wrote what, who is named where.

Every list that a page shows (a section's documents, a person's documents, an event's people) is
computed here, in date order, so that templates only iterate.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from .dates import sort_key
from .records import Document, Edition, Event, Person

__all__ = ["EditionIndex", "letter_of"]


def _document_order(document: Document) -> tuple:
    return (*sort_key(document.date), document.title.casefold(), document.id)


def _event_order(event: Event) -> tuple:
    return (event.earliest, event.latest, event.name.casefold(), event.id)


def letter_of(person: Person) -> str:
    first = unicodedata.normalize("NFKD", person.sort_name.strip()[:1] or "?")[:1].upper()
    return first if first.isalpha() else "#"


@dataclass(slots=True)
class EditionIndex:
    edition: Edition
    documents: dict[str, Document] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    by_section: dict[str, list[Document]] = field(default_factory=dict)
    authored: dict[str, list[Document]] = field(default_factory=dict)
    mentioned: dict[str, list[Document]] = field(default_factory=dict)
    event_documents: dict[str, list[Document]] = field(default_factory=dict)
    event_people: dict[str, list[Person]] = field(default_factory=dict)
    person_events: dict[str, list[Event]] = field(default_factory=dict)
    citing: dict[str, list[Document]] = field(default_factory=dict)
    cited_on: dict[str, list[Person | Event]] = field(default_factory=dict)
    neighbours: dict[str, tuple[Document | None, Document | None]] = field(default_factory=dict)

    @classmethod
    def build(cls, edition: Edition) -> EditionIndex:
        index = cls(edition)
        index.documents = {d.id: d for d in edition.documents}
        index.people = {p.id: p for p in edition.people}
        index.events = {e.id: e for e in edition.events}
        # A withdrawn document keeps its page (its URL was published) but leaves every list.
        ordered = sorted((d for d in edition.documents if d.withdrawn is None), key=_document_order)

        by_section: dict[str, list[Document]] = defaultdict(list)
        authored: dict[str, list[Document]] = defaultdict(list)
        mentioned: dict[str, list[Document]] = defaultdict(list)
        linked_events: dict[str, list[Document]] = defaultdict(list)
        citing: dict[str, list[Document]] = defaultdict(list)
        for document in ordered:
            by_section[document.section].append(document)
            for author in dict.fromkeys(document.authors):
                authored[author].append(document)
            inline = {r.target for r in document.references if r.kind == "person"}
            for person in dict.fromkeys((*document.people, *sorted(inline))):
                if person not in document.authors:
                    mentioned[person].append(document)
            inline_events = {r.target for r in document.references if r.kind == "event"}
            for event in dict.fromkeys((*document.events, *sorted(inline_events))):
                linked_events[event].append(document)
            for key in dict.fromkeys(c.key for c in document.citations):
                citing[key].append(document)
        index.by_section = dict(by_section)
        index.authored = dict(authored)
        index.mentioned = dict(mentioned)
        index.citing = dict(citing)

        for documents in by_section.values():
            for position, document in enumerate(documents):
                before = documents[position - 1] if position else None
                after = documents[position + 1] if position + 1 < len(documents) else None
                index.neighbours[document.id] = (before, after)

        cited_on: dict[str, list[Person | Event]] = defaultdict(list)
        for record in (*sorted(edition.people, key=lambda p: p.sort_name.casefold()),
                       *sorted(edition.events, key=_event_order)):
            for key in dict.fromkeys(c.key for c in record.citations):
                cited_on[key].append(record)
        index.cited_on = dict(cited_on)
        index._link_events(ordered, linked_events)
        return index

    def _link_events(self, ordered: list[Document], linked: dict[str, list[Document]]) -> None:
        person_events: dict[str, list[Event]] = defaultdict(list)
        biographies: dict[str, list[str]] = defaultdict(list)
        for person in self.people.values():
            for reference in person.references:
                if reference.kind == "event":
                    biographies[reference.target].append(person.id)
        for event in sorted(self.events.values(), key=_event_order):
            # An event lists what is linked to it and what is dated within it; bounded events only,
            # or an open-ended era would claim every later document.
            members = {d.id for d in linked.get(event.id, [])}
            if event.end is not None:
                members.update(d.id for d in ordered
                               if event.earliest <= d.date.earliest and d.date.latest <= event.latest)
            self.event_documents[event.id] = [d for d in ordered if d.id in members]
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
        documents = [d for d in self.documents.values() if d.withdrawn is None]
        return sorted([*documents, *self.events.values()],
                      key=lambda r: (*sort_key(r.date), r.title.casefold()) if isinstance(r, Document)
                      else (r.earliest, r.latest, r.name.casefold()))

    def ordered_events(self) -> list[Event]:
        return sorted(self.events.values(), key=_event_order)

