#!/usr/bin/env python3
"""What search costs: the time Pagefind's indexing adds to a build, and the bytes a reader's first query
transfers, measured in Debian's Chromium.

    python tests/benchmarks/search.py EDITION SITE OUT.json [QUERY]

SITE is the edition's built site. Indexing is run again over it, as the build's last step runs it
(both bundles: the pages in English, from their search copies, and the names' Russian forms); the
copies are made from the built pages within the time, the build making them as it writes each page.
Reading the edition for its Russian records is timed apart and left out, the build having read it
already. Then the site is served on
localhost as static hosts serve it (text compressed with gzip; Pagefind's index files and WebAssembly
come compressed already), and Chromium opens the search page and asks one query; every byte that search brings,
from the page's opening to the first batch of results (Pagefind's script, its WebAssembly, metadata,
filters, index chunks, the fragments of the results shown, our search script) is counted from
Chromium's own network log. The figures are appended
to OUT.json as one line of JSON.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# What static hosts (GitHub Pages, Netlify, a web server's defaults) compress; Pagefind's index files
# and its WebAssembly are compressed already.
COMPRESSED = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml"}


def index_seconds(edition: Path, site: Path) -> tuple[float, float]:
    """The time to index the built site again, and the time to read the edition for it (left out)."""
    from mkdocs_documentary_edition.model.index import EditionIndex
    from mkdocs_documentary_edition.publish.search import (
        RUSSIAN_BUNDLE,
        SEARCH_BUNDLE,
        SearchCopies,
        index_site,
        russian_records,
    )
    from mkdocs_documentary_edition.sources.load import load_edition

    started = time.perf_counter()
    loaded = load_edition(edition)
    assert loaded.edition is not None, loaded.problems
    records = russian_records(EditionIndex.build(loaded.edition))
    reading = time.perf_counter() - started
    started = time.perf_counter()
    copies = SearchCopies()
    try:
        for page in site.rglob("*.html"):
            if page.relative_to(site).parts[0] not in (SEARCH_BUNDLE, RUSSIAN_BUNDLE):
                copies.add(page.relative_to(site).as_posix(), page.read_text(encoding="utf-8"))
        index_site(site, records, copies)
    finally:
        copies.discard()
    return time.perf_counter() - started, reading


def first_query(site: Path, query: str) -> dict[str, Any]:
    """The requests a first query makes once the search page has loaded, and the bytes they bring."""
    from playwright.sync_api import sync_playwright

    class Files(http.server.SimpleHTTPRequestHandler):
        """Files as a static host serves them: text compressed with gzip when the browser accepts it."""

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "") \
                    or not path.is_file():
                super().do_GET()
                return
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Quiet(http.server.ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            pass

    server = Quiet(("127.0.0.1", 0), functools.partial(Files, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context(bypass_csp=False).new_page()
            # Playwright reports the requests of the page and of its workers (Pagefind searches in one).
            sizes: dict[str, int] = {}

            def finished(request: Any) -> None:
                size = request.sizes()
                sizes[request.url] = sizes.get(request.url, 0) + size["responseBodySize"] + size["responseHeadersSize"]

            page.on("requestfinished", finished)
            page.goto(f"{base}/search/")
            page.wait_for_load_state("networkidle")
            started = time.perf_counter()
            page.fill("#edition-search-q", query)
            page.press("#edition-search-q", "Enter")
            # Done when the script says what it found (a count, or that nothing matched).
            page.wait_for_function(
                "document.querySelector('[data-edition-status]').textContent.trim() !== ''", timeout=60000)
            page.wait_for_load_state("networkidle")
            seconds = time.perf_counter() - started
            results = len(page.query_selector_all(".edition-search__title"))
            browser.close()
    finally:
        server.shutdown()
    # Search's own bytes: Pagefind's files (loaded as the page opens, to be ready) and our search script;
    # the page itself and the theme's assets are what every page costs.
    transferred = {url: size for url, size in sizes.items()
                   if "/pagefind" in url or url.endswith("/edition-search.js")}
    return {"query": query, "results_shown": results, "requests": len(transferred),
            "first_query_kb": sum(transferred.values()) / 1024, "first_query_seconds": seconds,
            "largest": sorted(((size / 1024, url.removeprefix(base)) for url, size in transferred.items()),
                              reverse=True)[:10]}


def main(edition: Path, site: Path, out: Path, query: str) -> int:
    indexing, reading = index_seconds(edition, site)
    result = {"index_seconds": indexing, "reading_seconds": reading, **first_query(site, query)}
    with out.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(result) + "\n")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]),
                  sys.argv[4] if len(sys.argv) == 5 else "congress"))
