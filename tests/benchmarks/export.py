#!/usr/bin/env python3
"""Write every page the edition plugin generates as plain Markdown, for MkDocs to build without it.

    python tests/benchmarks/export.py EDITION TARGET

The benchmark's "plain" route builds these pages to measure what MkDocs and Material cost for the
same site. So each page must reach MkDocs as Markdown that MkDocs converts itself: a record's body is
the Markdown of its file, with links to records (``person:``, ``event:``, ``document:``) made relative
links to the exported pages and each Pandoc-style citation replaced by its formatted note. What the
plugin's templates show around a text (metadata, lists of documents, works cited, the cite-this box,
pagers) is written as Markdown too, and lists are paged exactly as the plugin pages them. Citation
downloads and the redirect pages of former ids are written as the plugin writes them.

The rewriting is done with regular expressions over the Markdown, which is good enough for the
synthetic editions and the repository's own; the edition itself reads its texts with Python-Markdown.
"""

from __future__ import annotations

import argparse
import html
import posixpath
import re
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

from frontmatter.default_handlers import YAMLHandler

from mkdocs_documentary_edition.cite.formatter import (
    DEFAULT_STYLE,
    CitationFormatter,
    DocumentCitations,
    ends_with_period,
)
from mkdocs_documentary_edition.model import urls
from mkdocs_documentary_edition.model.index import EditionIndex
from mkdocs_documentary_edition.model.records import Citation, Document, Event, Person, Section
from mkdocs_documentary_edition.publish.files import generated_files
from mkdocs_documentary_edition.publish.pages import PageView
from mkdocs_documentary_edition.sources.load import load_edition
from mkdocs_documentary_edition.sources.markdown import CITATION_GROUP, parse_citation_group

__all__ = ["export_markdown", "main", "plain_markdown", "resolve_citations"]

_FRONT_MATTER = YAMLHandler()
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})")
# A code span may wrap onto the next line but, as in Markdown, never across a blank line.
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<code>(?:[^\n]|\n(?![ \t]*\n))+?)(?<!`)(?P=ticks)(?!`)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TARGET = r"(?P<target>[a-z0-9]+(?:-[a-z0-9]+)*)(?P<anchor>#[^)\s]*)?"
_REFERENCE = re.compile(rf"\]\((?P<kind>person|event|document):{_TARGET}(?P<title>\s+\"[^\"]*\")?\)")
_REFERENCE_DEFINITION = re.compile(
    rf"^(?P<head> {{0,3}}\[[^\]]+\]:[ \t]*)<?(?P<kind>person|event|document):{_TARGET}>?(?=\s|$)", re.MULTILINE)
_CITATION = re.compile(CITATION_GROUP, re.MULTILINE)
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]+)\]:[ \t]?", re.MULTILINE)
_FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def export_markdown(root: Path, target: Path) -> int:
    """Export the edition in ``root`` as plain Markdown pages under ``target``; returns the page count.

    Raises:
        ValueError: when the edition has errors, or ``target`` is not a folder of its own.
    """
    loaded = load_edition(root)
    if loaded.edition is None or loaded.errors:
        raise ValueError(f"{root} has errors: run 'edition check {root}'")
    settings = loaded.settings
    docs = root / settings.docs_dir
    _refuse_unsafe_target(root, target, docs)
    style = root / settings.csl_style if settings.csl_style else DEFAULT_STYLE
    # The build's own store of formatted citations is read, never written: exporting leaves the
    # edition's folder as it was.
    citations = CitationFormatter(loaded.edition.bibliography, style, cache_dir=root / ".cache" / "edition")
    files = generated_files(EditionIndex.build(loaded.edition), citations, settings)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    if docs.is_dir():
        shutil.copytree(docs, target, dirs_exist_ok=True)
        for page in target.rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            header, body = _split_front_matter(text)
            here = page.parent.relative_to(target).as_posix()
            page.write_text(header + plain_markdown(body, here, citations), encoding="utf-8")
    pages = 0
    for generated in files:
        path = target / generated.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if generated.view is None:
            path.write_text(generated.content, encoding="utf-8")  # a download or a redirect, as the plugin has it
            continue
        path.write_text(_page(generated.view, root, citations), encoding="utf-8")
        pages += 1
    return pages


def _refuse_unsafe_target(root: Path, target: Path, docs: Path) -> None:
    """The target is replaced wholesale: it must not be, hold or sit inside the edition's own files."""
    target, root, docs = target.resolve(), root.resolve(), docs.resolve()
    if target == root or root.is_relative_to(target) or target.is_relative_to(docs) or docs.is_relative_to(target):
        raise ValueError(f"{target} would overwrite the edition itself: export into a folder of its own")
    if target.is_relative_to(root) and any(target.is_relative_to(root / name)
                                           for name in ("documents", "people", "events", "src", "theme", "tests")):
        raise ValueError(f"{target} lies inside the edition's sources: export into a folder of its own")
    if target.exists() and any(target.iterdir()) and not (target / "index.md").exists():
        raise ValueError(f"{target} is not empty and not an earlier export: choose an empty folder")


def _split_front_matter(text: str) -> tuple[str, str]:
    """A file's front-matter block as written, and its body, unstripped (leading indentation is Markdown)."""
    if not _FRONT_MATTER.detect(text):
        return "", text
    try:
        _, body = _FRONT_MATTER.split(text)
    except ValueError:
        return "", text
    return text[: len(text) - len(body)], body


# -- a text of the edition, as Markdown plain MkDocs can build


def plain_markdown(markdown: str, here: str, citations: CitationFormatter) -> str:
    """``markdown`` with links to records made relative to the folder ``here`` and citations formatted."""
    return resolve_citations(_plain_links(markdown, here), citations)


def _mask_code(text: str) -> str:
    """Blank out fenced code blocks, inline code spans and HTML comments, keeping every offset in place."""
    if "`" not in text and "~~~" not in text and "<!--" not in text:
        return text
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group("fence")[0] == fence[0] and len(match.group("fence")) >= len(fence):
                fence = None
            out.append(_blank(line))
        elif match:
            fence = match.group("fence")
            out.append(_blank(line))
        else:
            out.append(line)
    masked = "".join(out)
    if "<!--" in masked:
        masked = _COMMENT.sub(lambda m: _blank(m.group(0)), masked)
    return _CODE_SPAN.sub(lambda m: _blank(m.group(0)), masked) if "`" in masked else masked


def _blank(text: str) -> str:
    return "".join(c if c in "\r\n" else " " for c in text)


def _relative(here: str, src: str) -> str:
    return posixpath.relpath(src, here or ".")


def _plain_links(markdown: str, here: str) -> str:
    masked = _mask_code(markdown)
    replacements: list[tuple[int, int, str]] = []
    for match in _REFERENCE.finditer(masked):
        link = f"]({_record_target(here, match)}{match.group('title') or ''})"
        replacements.append((match.start(), match.end(), link))
    for match in _REFERENCE_DEFINITION.finditer(masked):
        replacements.append((match.start(), match.end(), match.group("head") + _record_target(here, match)))
    return _replace(markdown, replacements)


def _record_target(here: str, match: re.Match[str]) -> str:
    page = urls.page_src(match.group("kind"), match.group("target"))
    return _relative(here, page) + (match.group("anchor") or "")


def _replace(text: str, replacements: Iterable[tuple[int, int, str]]) -> str:
    out, last = [], 0
    for start, end, new in sorted(replacements):
        out.append(text[last:start] + new)
        last = end
    out.append(text[last:])
    return "".join(out)


def resolve_citations(markdown: str, citations: CitationFormatter) -> str:
    """Replace every citation in a Markdown text with its formatted note, as the edition formats it.

    A citation inside a footnote is formatted in place; one in the running text becomes a footnote
    of its own, its marker right after the word before it. Notes are formatted in the order readers
    meet them, which decides first, short and "Ibid." forms.
    """
    masked = _mask_code(markdown)
    groups = list(_CITATION.finditer(masked))
    if not groups:
        return markdown
    definitions = _footnote_definitions(masked)

    def owner(offset: int) -> str | None:
        return next((label for label, (start, end) in definitions.items() if start <= offset < end), None)

    in_note: dict[str, list[re.Match[str]]] = {}
    running: list[re.Match[str]] = []
    for match in groups:
        label = owner(match.start())
        if label is None:
            running.append(match)
        else:
            in_note.setdefault(label, []).append(match)

    # The order in which a reader meets notes: footnote markers and running citations, by offset;
    # notes never referred to come last, as the edition places them.
    order: list[tuple[int, str | re.Match[str]]] = []
    referred: set[str] = set()
    for reference in _FOOTNOTE_REF.finditer(masked):
        label = reference.group("label")
        if owner(reference.start()) is None and label not in referred:
            referred.add(label)
            order.append((reference.start(), label))
    order.extend((match.start(), match) for match in running)
    order.sort(key=lambda item: item[0])
    order.extend((definitions[label][0], label) for label in definitions if label not in referred)

    document = citations.new_document()
    replacements: list[tuple[int, int, str]] = []
    appended: list[str] = []
    labels = set(definitions) | referred
    counter = 0
    for _, item in order:
        if isinstance(item, str):
            if item not in definitions:
                continue
            note_start, note_end = definitions[item]
            for match in in_note.get(item, []):
                text = _format_group(document, match, opens_note=_opens_note(masked, note_start, match.start()))
                end = match.end()
                if not masked[end:note_end].strip():
                    text = citations.close_note(text)
                elif masked[end: end + 1] == "." and ends_with_period(text):
                    end += 1  # "n.d." and then the sentence's own period: one is enough
                replacements.append((match.start(), end, text))
            continue
        counter += 1
        label = f"cite-{counter}"
        while label in labels:
            counter += 1
            label = f"cite-{counter}"
        labels.add(label)
        text = citations.close_note(_format_group(document, item, opens_note=True))
        start = item.start()
        while start > 0 and markdown[start - 1] in " \t":
            start -= 1
        replacements.append((start, item.end(), f"[^{label}]"))
        appended.append(f"[^{label}]: {text}")
    out = _replace(markdown, replacements)
    if appended:
        out = out.rstrip("\n") + "\n\n" + "\n".join(appended) + "\n"
    return out


def _format_group(document: DocumentCitations, match: re.Match[str], opens_note: bool) -> str:
    items, _ = parse_citation_group(match.group("inner"))
    known = [Citation(item.key, 0, 0, item.prefix, item.label, item.locator, item.suffix, item.suppress_author)
             for item in items if item.key in document.formatter.entries]
    if not known:
        return html.escape("; ".join(f"@{item.key}" for item in items))
    return document.format_group(known, note_start=opens_note)


def _opens_note(masked: str, note_start: int, offset: int) -> bool:
    return not _FOOTNOTE_DEF.sub("", masked[note_start:offset]).strip()


def _footnote_definitions(masked: str) -> dict[str, tuple[int, int]]:
    """Each footnote definition's label and its extent: its first line and indented continuation."""
    spans: dict[str, tuple[int, int]] = {}
    lines = masked.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    index = 0
    while index < len(lines):
        match = _FOOTNOTE_DEF.match(lines[index])
        if not match:
            index += 1
            continue
        start = offsets[index]
        index += 1
        while index < len(lines):
            line = lines[index]
            if line.strip() == "":
                following = next((rest for rest in lines[index + 1:] if rest.strip()), "")
                if following.startswith(("    ", "\t")) and not _FOOTNOTE_DEF.match(following):
                    index += 1
                    continue
                break
            if _FOOTNOTE_DEF.match(line) or line.startswith("#"):
                break
            index += 1
        spans.setdefault(match.group("label"), (start, offsets[index]))
    return spans


# -- what the plugin's templates show around a text, as Markdown


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _link(here: str, kind: str, record_id: str, text: str) -> str:
    return f"[{_escape(text)}]({_relative(here, urls.page_src(kind, record_id))})"


def _people(here: str, people: Iterable[Person]) -> str:
    return ", ".join(_link(here, "person", p.id, p.name) for p in people)


def _meta(rows: Iterable[tuple[str, str]]) -> str:
    return "\n".join(f"- **{name}:** {value}" for name, value in rows if value)


def _documents_table(view: PageView, here: str, documents: list[Document], show_section: bool = False) -> str:
    head = "| Date | Title | Author | Venue | Genre |" + (" Section |" if show_section else "")
    rows = [head, "|" + " --- |" * (head.count("|") - 1)]
    for d in documents:
        row = (f"| {_escape(d.date.words())} | {_link(here, 'document', d.id, d.title)} | "
               f"{_people(here, view.people_of(d.authors))} | {_escape(d.venue)} | {_escape(view.genre(d))} |")
        if show_section:
            section = view.section_of(d)
            row += f" {_link(here, 'section', section.id, view.section_number(section)) if section else ''} |"
        rows.append(row)
    return "\n".join(rows)


def _pager(view: PageView, here: str) -> str:
    if view.pages <= 1:
        return ""

    def src(number: int) -> str:
        return view.first_src if number == 1 else urls.continuation_src(view.first_src, number)

    parts = ["…" if n is None else f"**{n}**" if n == view.page else f"[{n}]({_relative(here, src(n))})"
             for n in view.pager_numbers()]
    if view.page < view.pages:
        parts.append(f"[Next]({_relative(here, src(view.page + 1))})")
    return f"Page {view.page} of {view.pages}: " + " ".join(parts)


def _paged(view: PageView, here: str, table: str) -> str:
    pager = _pager(view, here)
    return f"{pager}\n\n{table}\n\n{pager}" if pager else table


def _works_cited(view: PageView, here: str) -> str:
    works = view.works_cited()
    if not works:
        return ""
    return "## Works cited\n\n" + "\n".join(f"- {text} [↗]({_bibliography_link(view, here, key)})"
                                            for key, text in works)


def _bibliography_link(view: PageView, here: str, key: str) -> str:
    return f"{_relative(here, view.bibliography_places.get(key, urls.INDEX_PAGES['bibliography']))}#{key}"


def _life(person: Person) -> str:
    if not (person.born or person.died):
        return ""
    return f"{person.born.words() if person.born else '?'} – {person.died.words() if person.died else ''}"


def _body(view: PageView, root: Path) -> str:
    """The Markdown the page's text was read from, as its file has it."""
    if not view.reading.html:
        return ""
    if isinstance(view.record, Section):
        return view.record.intro_markdown
    if isinstance(view.record, Document | Person | Event):
        return _split_front_matter((root / view.record.origin.path).read_text(encoding="utf-8"))[1]
    return ""


def _page(view: PageView, root: Path, citations: CitationFormatter) -> str:
    here = posixpath.dirname(view.src_uri)
    body = plain_markdown(_body(view, root), here, citations)
    parts = [f"# {_escape(view.title)}", *_page_parts(view, here, body)]
    return "\n\n".join(part.strip("\n") for part in parts if part.strip()) + "\n"


def _page_parts(view: PageView, here: str, body: str) -> list[str]:
    index, record = view.index, view.record
    if view.kind == "document":
        return _document_parts(view, here, body)
    if view.kind == "section":
        total = len(index.by_section.get(record.id, []))
        return [_escape(record.dates.words()), body, f"## Documents ({total})",
                _paged(view, here, _documents_table(view, here, view.items))]
    if view.kind == "person":
        parts = [_meta((("Kind", "group" if record.is_group else ""),
                        ("Dates" if record.is_group else "Life", _escape(_life(record))),
                        ("Heading", _escape(record.sort_name) if record.sort_name != record.name else ""),
                        ("Other forms", "; ".join(_escape(v) for v in record.variants)),
                        ("Wikidata", f"[{record.wikidata}](https://www.wikidata.org/wiki/{record.wikidata})"
                         if record.wikidata else ""))),
                 body, _works_cited(view, here)]
        for listing, heading, documents in (("authored", "Documents by", index.authored.get(record.id, [])),
                                            ("named", "Documents that name", index.mentioned.get(record.id, []))):
            if not documents:
                continue
            parts += [f"## {heading} {_escape(record.name)} ({len(documents)})",
                      _documents_table(view, here, view.preview(documents), show_section=True)]
            if len(documents) > len(view.preview(documents)):
                listing_src = urls.listing_src("person", record.id, listing)
                parts.append(f"[All {len(documents)} {heading.lower()} "
                             f"{_escape(record.name)}]({_relative(here, listing_src)})")
        events = index.person_events.get(record.id, [])
        if events:
            parts += ["## Events", "\n".join(f"- {_escape(view.event_dates(e))} {_link(here, 'event', e.id, e.name)}"
                                             for e in events)]
        return parts
    if view.kind == "event":
        parts = []
        if view.page == 1:
            parts += [_meta((("Date", _escape(view.event_dates(record))), ("Place", _escape(record.place or "")),
                             ("People involved", _people(here, index.event_people.get(record.id, []))))),
                      body, _works_cited(view, here)]
        total = len(index.event_documents.get(record.id, []))
        if total:
            parts += [f"## Documents ({total})",
                      _paged(view, here, _documents_table(view, here, view.items, show_section=True))]
        return parts
    if view.kind in ("listing", "work"):
        if view.kind == "work":
            head = [view.entry(record), f"[Back to the bibliography]({_bibliography_link(view, here, record)})"]
            pages = index.cited_on.get(record, [])
            if pages and view.page == 1:
                head += [f"## Cited on {len(pages)} other pages",
                         "\n".join(f"- {_link(here, view.kind_of(p), p.id, p.name)} ({view.kind_of(p)})"
                                   for p in pages)]
            head.append(f"## Cited in {len(index.citing.get(record, []))} documents")
        else:
            kind = view.kind_of(record)
            head = [_link(here, kind, record.id, record.title if kind == "document" else record.name)]
        return [*head, _paged(view, here, _documents_table(view, here, view.items, show_section=True))]
    if view.kind == "chronology":
        rows = ["| Date | | Event or document |", "| --- | --- | --- |"]
        for item in view.items:
            if isinstance(item, Event):
                place = f", {_escape(item.place)}" if item.place else ""
                rows.append(f"| {_escape(view.event_dates(item))} | event | "
                            f"**{_link(here, 'event', item.id, item.name)}**{place} |")
            else:
                rows.append(f"| {_escape(item.date.words())} | {_escape(view.genre(item)) or 'document'} | "
                            f"{_link(here, 'document', item.id, item.title)} — "
                            f"{_people(here, view.people_of(item.authors))} |")
        return ["The edition's events and documents together, in date order.", _paged(view, here, "\n".join(rows))]
    if view.kind == "people-index":
        groups = view.letters()
        letters = " ".join(f"[{_escape(letter)}](#letter-{letter})" for letter, _ in groups)
        lists = [f"## {_escape(letter)} {{#letter-{letter}}}\n\n" + "\n".join(
            f"- {_link(here, 'person', p.id, p.sort_name)}"
            + (f" ({_escape(_life(p).replace(' – ', '–'))})" if _life(p) else "")
            + (f" — {_escape(p.summary)}" if p.summary else "") for p in people) for letter, people in groups]
        return [_paged(view, here, "\n\n".join([letters, *lists]))]
    if view.kind == "events-index":
        rows = ["| Date | Event | Place |", "| --- | --- | --- |"]
        rows += [f"| {_escape(view.event_dates(e))} | {_link(here, 'event', e.id, e.name)}"
                 f"{'<br><small>' + _escape(e.summary) + '</small>' if e.summary else ''} | {_escape(e.place or '')} |"
                 for e in view.items]
        return ["The events of the edition in date order.", _paged(view, here, "\n".join(rows))]
    if view.kind == "bibliography":
        entries = []
        for key, text, documents, pages in view.bibliography():
            entry = f'1. <span id="{html.escape(key)}"></span>{text}'
            cited = [f"{_link(here, 'document', d.id, d.title)} ({_escape(d.date.words())})"
                     for d in documents[: view.cited_in_shown]]
            cited += [f"{_link(here, view.kind_of(p), p.id, p.name)} ({view.kind_of(p)})"
                      for p in pages[: view.cited_in_shown]]
            if len(documents) > view.cited_in_shown or len(pages) > view.cited_in_shown:
                cited.append(f"[All that cite this work]({_relative(here, urls.work_src(key))})")
            if cited:
                entry += "\n\n    Cited in: " + ", ".join(cited)
            entries.append(entry)
        letters = " ".join(f"[{_escape(letter)}]({_bibliography_link(view, here, key)})"
                           for letter, key in view.bibliography_letters) if view.pages > 1 else ""
        return ["Every work cited in the edition, with the documents and pages that cite it.", letters,
                _paged(view, here, "\n\n".join(entries))]
    return [body]


def _document_parts(view: PageView, here: str, body: str) -> list[str]:
    index, d = view.index, view.record
    section = view.section_of(d)
    parts = [_link(here, "section", section.id, section.title) if section else "",
             _meta((("Date", _escape(d.date.words())),
                    ("Authors" if len(d.authors) > 1 else "Author", _people(here, view.people_of(d.authors))),
                    ("Venue", _escape(d.venue)), ("Genre", _escape(view.genre(d))),
                    ("Original title", _escape(d.original_title or "")), ("Language", _escape(view.language(d))),
                    ("Source", _escape(d.source or "")), ("Translator", _escape(d.translator or "")),
                    ("People named", _people(here, index.named_in.get(d.id, []))),
                    ("Events", ", ".join(_link(here, "event", e.id, e.name)
                                         for e in index.linked_events.get(d.id, []))))),
             _escape(view.text_note(d))]
    if d.withdrawn:
        parts += [f"**This document was withdrawn from the edition on {_escape(d.withdrawn.date.words())}.**",
                  _escape(d.withdrawn.reason)]
    else:
        parts.append(body)
    if view.work is not None and view.work.kind == "bookSection":
        # The cite box as plain text: the same item's title, book and address (the build formats it by CSL).
        item = view.work.csl()
        downloads = " · ".join(f"[{name}]({d.id}/{d.id}.{suffix})" for suffix, name in urls.DOWNLOADS.items())
        parts += ["## Cite this document",
                  _escape(f"{item.get('title', '')}. In {item.get('container-title', '')}. {item.get('URL', '')}"),
                  downloads]
    parts.append(_works_cited(view, here))
    referring = index.referred_by.get(d.id, [])
    if referring:
        parts += [f"## Documents that refer to this one ({len(referring)})",
                  "\n".join(f"- {_link(here, 'document', r.id, r.title)} ({_escape(r.date.words())})"
                            for r in view.preview(referring))]
        if len(referring) > len(view.preview(referring)):
            listing = _relative(here, urls.listing_src("document", d.id, "referred"))
            parts.append(f"[All {len(referring)} documents that refer to this one]({listing})")
    before, after = index.neighbours.get(d.id, (None, None))
    neighbours = [f"Previous in section: {_link(here, 'document', before.id, before.title)}" if before else "",
                  f"Next in section: {_link(here, 'document', after.id, after.title)}" if after else ""]
    parts.append(" · ".join(n for n in neighbours if n))
    return parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the edition's pages as plain Markdown for MkDocs "
                                     "(the benchmark's plain route).")
    parser.add_argument("edition", type=Path, help="the edition's folder")
    parser.add_argument("target", type=Path, help="the docs folder to write (replaced if it exists)")
    args = parser.parse_args(argv)
    try:
        pages = export_markdown(args.edition, args.target)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{pages} pages written to {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
