"""What a save changes: for each page of the site, the values it is made from, so that a preview
(``mkdocs serve``) writes again only the pages whose values differ from those of the last build.

A page's inputs are its view's own fields (record, items, text, title, page number, what it is cited
as), every list the index keeps under its record's id (the documents of a person, the people of a
document, its neighbours in its section, the documents citing a work, ...), the people whose names
its documents' rows show, and, for the pages that chart or count the whole edition, a summary of
every document. A document in a row of a list is its particulars without its text (see
:class:`Rows`): a corrected sentence writes its own page again (and its section's printable page),
not every list it is in. Records read from unchanged files are the very objects of the last build,
so most comparisons end at identity. What these inputs miss, a full build would show: the tests
compare every page written on the quick path with those of a full build, after each kind of edit.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..model import urls
from ..model.index import EditionIndex
from ..model.records import Document
from .files import GeneratedFile
from .pages import PageView

__all__ = ["Inputs", "Rows", "file_inputs", "page_inputs", "summary_of"]

Inputs = tuple[Any, ...]

# The index's lists by a record's id (or a work's key, a year): what a record's page shows of others.
KEYED = ("by_section", "by_year", "authored", "mentioned", "named_in", "linked_events", "referred_by",
         "event_documents", "event_people", "person_events", "citing", "cited_on", "neighbours")
# Pages whose first page charts, counts or filters the whole edition.
WHOLE_EDITION = {"sections-index", "documents-index", "chronology", "search", "data", "people-index", "events-index"}
# A view's fields that are the edition itself, or derived from what the other fields hold.
_NOT_INPUTS = {"index", "citations", "bibliography_places", "bibliography_letters"}
# Pages whose items are documents given in full, text and notes: a section's printable pages.
IN_FULL = {"print"}
_ROW_FIELDS = tuple(f.name for f in dataclasses.fields(Document) if f.name != "reading")


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


def page_inputs(view: PageView, summary: Inputs, rows: dict[int, Inputs]) -> Inputs:
    """The values ``view``'s page is made from: equal inputs, equal page. ``summary`` and ``rows`` (each
    document as a row shows it, see :class:`Rows`) are made once for all pages by :func:`file_inputs`."""

    def as_rows(found: Any) -> Any:
        if not isinstance(found, (list, tuple)):
            return found
        # Each document by its row, anything else (a person, a work's key, None) as it is; map() keeps
        # the loop in C, which matters for the hundreds of thousands of rows of a large edition's lists.
        return tuple(map(rows.get, map(id, found), found))

    in_full = view.kind in IN_FULL
    own = tuple(as_rows(getattr(view, f.name)) if f.name == "items" and not in_full
                else getattr(view, f.name) for f in dataclasses.fields(view) if f.name not in _NOT_INPUTS)
    index = view.index
    key = getattr(view.record, "id", view.record)
    related: list[Any] = []
    if key is not None and not isinstance(key, (list, dict)):
        for name in KEYED:
            found = getattr(index, name).get(key)
            # Later pages of a list show their own rows and the list's length; the first also its charts.
            related.append(as_rows(found) if view.page == 1 else len(found) if found is not None else None)
        related += [index.edition.anchors.get(key), index.edition.added.get(key)]
    for item in view.items:
        if isinstance(item, str):  # a work's key on a page of the bibliography
            related.append((as_rows(index.citing.get(item)), index.cited_on.get(item)))
    # The authors' names the page shows: a row has them; the page's own document, and a printable
    # page's documents, compared in full, are given with them here.
    shown = [view.record, *view.items] if in_full else [view.record]
    people = tuple(rows.get(id(r)) for r in shown if isinstance(r, Document))
    whole = summary if view.kind in WHOLE_EDITION and view.page == 1 else None
    return own, tuple(related), people, whole


class Rows:
    """Each document as the rows of lists, charts and the timeline show it: every particular but its
    text (its title, date, genre, section, ...) and its authors as people (whose names the row shows),
    under the ``id()`` of the document object: the records of one build, while they live.

    A row is kept from one build to the next while its document and authors are the very records
    they were: the pages' inputs then hold the same rows, and comparing a list of thousands with the
    last build's takes a look at each row, not at each of its particulars."""

    def __init__(self) -> None:
        self.kept: dict[int, tuple[Document, tuple[Any, ...], Inputs]] = {}

    def of(self, index: EditionIndex) -> dict[int, Inputs]:
        people, kept = index.people, self.kept
        made: dict[int, tuple[Document, tuple[Any, ...], Inputs]] = {}
        for document in index.edition.documents:
            authors = tuple(map(people.get, document.authors))
            earlier = kept.get(id(document))
            if earlier is not None and earlier[0] is document and earlier[1] == authors:
                made[id(document)] = earlier
            else:
                row = (*(getattr(document, name) for name in _ROW_FIELDS), authors)
                made[id(document)] = (document, authors, row)
        self.kept = made  # the documents of this build alone: those of earlier ones are let go
        return {key: row for key, (_, _, row) in made.items()}


def file_inputs(generated: list[GeneratedFile], index: EditionIndex, rows: Rows) -> dict[str, Inputs | str | None]:
    """Each generated file's inputs: a page's from its view, a finished file's its text, a document's
    TEI those of the document's page; ``None`` for a file made from the whole edition (data, feed),
    which is made again each time. ``rows``: the documents' rows, kept from the last build."""
    summary = summary_of(index)
    rows_by_id = rows.of(index)
    inputs: dict[str, Inputs | str | None] = {}
    for file in generated:
        if file.view is not None:
            inputs[file.src_uri] = page_inputs(file.view, summary, rows_by_id)
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
