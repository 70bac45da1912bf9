"""What a save changes: for each page of the site, the values it is made from, so that a preview
(``mkdocs serve``) writes again only the pages whose values differ from those of the last build.

A page's inputs are its view's own fields (record, items, text, title, page number, what it is cited
as), every list the index keeps under its record's id (the documents of a person, the people of a
document, its neighbours in its section, the documents citing a work, ...), the people whose names
its documents' rows show, and, for the pages that chart or count the whole edition, a summary of
every document. Records read from unchanged files are the very objects of the last build, so most
comparisons end at identity. What these inputs miss, a full build would show: the tests compare every
page written on the quick path with those of a full build, after each kind of edit.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..model import urls
from ..model.index import EditionIndex
from ..model.records import Document, Person
from .files import GeneratedFile
from .pages import PageView

__all__ = ["Inputs", "file_inputs", "page_inputs", "summary_of"]

Inputs = tuple[Any, ...]

# The index's lists by a record's id (or a work's key, a year): what a record's page shows of others.
KEYED = ("by_section", "by_year", "authored", "mentioned", "named_in", "linked_events", "referred_by",
         "event_documents", "event_people", "person_events", "citing", "cited_on", "neighbours")
# Pages whose first page charts, counts or filters the whole edition.
WHOLE_EDITION = {"sections-index", "documents-index", "chronology", "search", "data", "people-index", "events-index"}
# A view's fields that are the edition itself, or derived from what the other fields hold.
_NOT_INPUTS = {"index", "citations", "bibliography_places", "bibliography_letters"}


def summary_of(index: EditionIndex) -> Inputs:
    """What lists, charts and counts of the whole edition show: every document's particulars (not its
    text), every person's and event's name and dates, the sections, where each work is listed."""
    documents = tuple((d.id, d.title, d.date, d.genre, d.section, d.authors, d.language, d.withdrawn,
                       d.original_title, d.summary) for d in index.edition.documents)
    people = tuple((p.id, p.name, p.sort_name, p.variants) for p in index.people.values())
    events = tuple((e.id, e.name, e.start, e.end, e.place) for e in index.events.values())
    sizes = tuple((name, tuple((key, len(value)) for key, value in getattr(index, name).items()))
                  for name in ("by_section", "by_year"))
    return documents, people, events, index.edition.sections, sizes


def page_inputs(view: PageView, summary: Inputs, authors: dict[str, tuple[Person | None, ...]] | None = None) -> Inputs:
    """The values ``view``'s page is made from: equal inputs, equal page. ``authors``, each document's
    authors by its id, is made once for all pages by :func:`file_inputs`."""
    if authors is None:
        authors = authors_of(view.index)
    own = tuple(getattr(view, f.name) for f in dataclasses.fields(view) if f.name not in _NOT_INPUTS)
    index = view.index
    key = getattr(view.record, "id", view.record)
    related: list[Any] = []
    if key is not None and not isinstance(key, (list, dict)):
        for name in KEYED:
            found = getattr(index, name).get(key)
            # Later pages of a list show their own rows and the list's length; the first also its charts.
            related.append(found if view.page == 1 else len(found) if found is not None else None)
        related += [index.edition.anchors.get(key), index.edition.added.get(key)]
    shown: list[Any] = [view.record, *view.items]
    for found in related:
        if isinstance(found, (list, tuple)):
            shown += found
    for item in view.items:
        if isinstance(item, str):  # a work's key on a page of the bibliography
            related.append((index.citing.get(item), index.cited_on.get(item)))
    people = tuple(authors.get(r.id) for r in shown if isinstance(r, Document))  # the names its rows show
    whole = summary if view.kind in WHOLE_EDITION and view.page == 1 else None
    return own, tuple(related), people, whole


def authors_of(index: EditionIndex) -> dict[str, tuple[Person | None, ...]]:
    """Each document's authors, by the document's id."""
    return {d.id: tuple(index.people.get(a) for a in d.authors) for d in index.edition.documents}


def file_inputs(generated: list[GeneratedFile], index: EditionIndex) -> dict[str, Inputs | str | None]:
    """Each generated file's inputs: a page's from its view, a finished file's its text, a document's
    TEI those of the document's page; ``None`` for a file made from the whole edition (data, feed),
    which is made again each time."""
    summary, authors = summary_of(index), authors_of(index)
    inputs: dict[str, Inputs | str | None] = {}
    for file in generated:
        if file.view is not None:
            inputs[file.src_uri] = page_inputs(file.view, summary, authors)
        elif file.make is None and isinstance(file.content, str):
            inputs[file.src_uri] = file.content
        else:
            inputs[file.src_uri] = None
    for document in index.documents.values():
        page = inputs.get(urls.page_src("document", document.id))
        if not isinstance(page, tuple):
            continue
        # A document's TEI and citation downloads are made from what its page is made from.
        for src in (urls.tei_src(document.id), *(urls.download_src(document.id, s) for s in urls.DOWNLOADS)):
            if src in inputs:
                inputs[src] = (src, page)
    return inputs
