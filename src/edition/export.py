"""Write the Markdown of every page the edition generates into a plain MkDocs docs folder.

Used to measure what the plugin adds: the same pages, built by MkDocs without it.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

from .bibliography import read_bibliography
from .citations import CitationFormatter, resolve_citations
from .index import EditionIndex
from .loading import load_edition
from .markup import mask_code
from .views import page_views

__all__ = ["export_markdown"]

_REFERENCE = re.compile(r"\]\((person|event):([^)\s]+)\)")
_FOLDERS = {"person": "people", "event": "events"}


def export_markdown(root: Path, target: Path) -> int:
    """Export the edition in ``root`` as plain Markdown pages under ``target``; returns the page count.

    Raises:
        ValueError: when the edition has errors.
    """
    loaded = load_edition(root)
    if loaded.edition is None or loaded.errors:
        raise ValueError(f"{root} has errors: run 'edition check {root}'")
    entries, _ = read_bibliography(root)
    citations = CitationFormatter(entries)
    views = page_views(EditionIndex.build(loaded.edition), citations)
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
        body = _plain_links(view.markdown, posixpath.dirname(src_uri))
        path.write_text(f"# {view.title}\n\n{body}", encoding="utf-8")
    return len(views)


def _plain_links(markdown: str, here: str) -> str:
    masked = mask_code(markdown)
    out, last = [], 0
    for match in _REFERENCE.finditer(masked):
        target = posixpath.relpath(f"{_FOLDERS[match.group(1)]}/{match.group(2)}.md", here or ".")
        out.append(markdown[last: match.start()] + f"]({target})")
        last = match.end()
    out.append(markdown[last:])
    return "".join(out)
