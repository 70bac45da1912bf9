#!/usr/bin/env python3
"""The time the edition-as-data outputs add to a build: every data download, TEI file, the feed and the
printable sections' text, made as the build makes them, from an edition already read.

    python tests/benchmarks/exports.py EDITION OUT.json

Reading the edition, setting up the CSL processor and formatting the documents' notes are timed apart
and left out: the build does them for its pages whether or not it writes the exports. The printable
pages' templates are MkDocs' and Material's work, as for any page; what the exports add to them, the
documents' text with notes, is timed here. Each figure is appended to OUT.json as one line of JSON.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from pathlib import Path


def main(edition: Path, out: Path) -> int:
    from mkdocs_documentary_edition.cite.formatter import CitationFormatter
    from mkdocs_documentary_edition.cite.notes import format_notes
    from mkdocs_documentary_edition.model.index import EditionIndex
    from mkdocs_documentary_edition.publish.data import data_files
    from mkdocs_documentary_edition.publish.feed import atom_feed
    from mkdocs_documentary_edition.publish.printable import PrintView, print_views
    from mkdocs_documentary_edition.publish.tei import tei_files
    from mkdocs_documentary_edition.sources.load import load_edition

    started = time.perf_counter()
    loaded = load_edition(edition)
    assert loaded.edition is not None, loaded.problems
    settings = dataclasses.replace(loaded.settings, site_url=loaded.settings.site_url or "https://example.net/")
    index = EditionIndex.build(loaded.edition)
    citations = CitationFormatter(loaded.edition.bibliography, cache_dir=edition / ".cache" / "edition")
    citations.bibliography_entries()
    for document in index.documents.values():
        format_notes(document.reading, citations)  # as the document pages do, before any export
    setup = time.perf_counter() - started

    parts: dict[str, float] = {}
    sizes: dict[str, int] = {}
    for name, files in (("data", data_files(index, settings, citations, index.edition.added)),
                        ("tei", tei_files(index, settings, citations))):
        started = time.perf_counter()
        sizes[name] = sum(len(make()) for _, make in files)
        parts[name] = time.perf_counter() - started
    started = time.perf_counter()
    sizes["feed"] = len(atom_feed(index, settings))
    parts["feed"] = time.perf_counter() - started
    started = time.perf_counter()
    views = [v for v in print_views(index, citations, settings) if isinstance(v, PrintView)]
    sizes["print"] = sum(len(view.printable(d)) for view in views for d in view.items)
    parts["print"] = time.perf_counter() - started
    result = {"documents": len(index.documents), "setup_seconds": setup, "seconds": sum(parts.values()),
              **{f"{k}_seconds": v for k, v in parts.items()}, **{f"{k}_mb": v / 2**20 for k, v in sizes.items()}}
    with out.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(result) + "\n")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
