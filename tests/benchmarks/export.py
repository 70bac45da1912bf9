"""Write the Markdown of every page the edition generates into a plain MkDocs docs folder.

Used to measure what the plugin adds: the same pages, built by MkDocs without it.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from typing import Any

from .citations import DEFAULT_STYLE, CitationFormatter, resolve_citations
from .index import EditionIndex
from .loading import load_edition
from .markup import REFERENCE, mask_code
from .permalinks import redirects
from .records import FOLDERS
from .redirects import redirect_page
from .views import PAGE_FOLDERS, PageView, page_views

__all__ = ["export_markdown"]




def export_markdown(root: Path, target: Path) -> int:
    """Export the edition in ``root`` as plain Markdown pages under ``target``; returns the page count.

    Raises:
        ValueError: when the edition has errors.
    """
    loaded = load_edition(root)
    if loaded.edition is None or loaded.errors:
        raise ValueError(f"{root} has errors: run 'edition check {root}'")
    settings = loaded.settings
    style = root / settings.csl_style if settings.csl_style else DEFAULT_STYLE
    citations = CitationFormatter(loaded.edition.bibliography, style, cache_dir=root / ".cache" / "edition")
    views = page_views(EditionIndex.build(loaded.edition), citations, loaded.settings)
    _refuse_unsafe_target(root, target, root / loaded.settings.docs_dir)
    if target.exists():
        shutil.rmtree(target)
    docs = root / "docs"
    if docs.is_dir():
        shutil.copytree(docs, target)
        for page in target.rglob("*.md"):
            page.write_text(resolve_citations(page.read_text(encoding="utf-8"), citations).markdown,
                            encoding="utf-8")
    for src_uri, view in views.items():
        path = target / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        here = posixpath.dirname(src_uri)
        body = _plain_links(view.markdown, here)
        head, tail = _page_parts(view, here)
        path.write_text(f"# {view.title}\n\n{head}\n\n{body}\n\n{tail}\n", encoding="utf-8")
        if view.citation is not None:
            for suffix, text in ((".bib", view.citation.bibtex()), (".ris", view.citation.ris()),
                                 (".json", view.citation.csl_json())):
                (target / here / view.record.id).mkdir(parents=True, exist_ok=True)
                (target / here / view.record.id / f"{view.record.id}{suffix}").write_text(text, encoding="utf-8")
    for old, new in redirects(loaded.edition).items():
        page = target / old.strip("/") / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(redirect_page(old, new, loaded.settings.site_url), encoding="utf-8")
    return len(views)


# What the plugin's templates show around each page's text, as Markdown, so that the plain build
# renders the same pages: metadata, lists of documents, people and events, works cited.

def _link(view: PageView, here: str, kind: str, record_id: str, text: str) -> str:
    return f"[{_escape(text)}]({posixpath.relpath(f'{PAGE_FOLDERS[kind]}/{record_id}.md', here or '.')})"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def _documents_table(view: PageView, here: str, documents: list[Any]) -> str:
    rows = ["| Date | Title | Author | Venue | Genre |", "| --- | --- | --- | --- | --- |"]
    for d in documents:
        authors = ", ".join(_link(view, here, "person", p.id, p.name) for p in view.people_of(d.authors))
        rows.append(f"| {d.date.words()} | {_link(view, here, 'document', d.id, d.title)} | {authors} | "
                    f"{_escape(d.venue)} | {view.genre(d)} |")
    return "\n".join(rows)


def _page_parts(view: PageView, here: str) -> tuple[str, str]:
    index, record = view.index, view.record
    works = "\n".join(f"- {text}" for _, text in view.works_cited())
    works = f"## Works cited\n\n{works}" if works else ""
    if view.kind == "document":
        authors = ", ".join(_link(view, here, "person", p.id, p.name) for p in view.people_of(record.authors))
        head = "\n".join(f"- **{name}:** {value}" for name, value in (
            ("Date", record.date.words()), ("Author", authors), ("Venue", _escape(record.venue)),
            ("Genre", view.genre(record)), ("Language", view.language(record)),
            ("Source", _escape(record.source or "")), ("Translator", _escape(record.translator or ""))) if value)
        cite = f"## Cite this document\n\n{_escape(view.citation.text())}" if view.citation else ""
        return head, f"{cite}\n\n{works}"
    # Lists are paged exactly as the plugin pages them: each page shows its own share (view.items).
    if view.kind in ("section", "work", "listing"):
        return "", _documents_table(view, here, view.items)
    if view.kind == "person":
        tables = [_documents_table(view, here, view.preview(index.authored.get(record.id, []))),
                  _documents_table(view, here, view.preview(index.mentioned.get(record.id, [])))]
        return "; ".join(record.variants), works + "\n\n" + "\n\n".join(tables)
    if view.kind == "event":
        return view.event_dates(record), works + "\n\n" + _documents_table(view, here, view.items)
    if view.kind == "people-index":
        return "", "\n\n".join(f"## {letter}\n\n" + "\n".join(
            f"- {_link(view, here, 'person', p.id, p.sort_name)}" for p in people) for letter, people in view.letters())
    if view.kind == "events-index":
        return "", "\n".join(f"- {view.event_dates(e)}: {_link(view, here, 'event', e.id, e.name)}"
                              for e in view.items)
    if view.kind == "bibliography":
        return "", "\n".join(
            f"- {text} Cited in: " + ", ".join(_link(view, here, "document", d.id, d.title)
                                               for d in documents[: view.cited_in_shown])
            for _, text, documents, _pages in view.bibliography())
    return "", ""


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


def _plain_links(markdown: str, here: str) -> str:
    masked = mask_code(markdown)
    out, last = [], 0
    for match in REFERENCE.finditer(masked):
        target = posixpath.relpath(f"{FOLDERS[match.group('kind')]}/{match.group('target')}.md", here or ".")
        out.append(markdown[last: match.start()] + f"]({target})")
        last = match.end()
    out.append(markdown[last:])
    return "".join(out)
