#!/usr/bin/env python3
"""What a contributor waits for: the seconds from saving a document under `mkdocs serve` to its page
showing the change.

    python tests/benchmarks/preview.py EDITION OUT.json [--edits 10]

The edition is copied (its citation cache with it) and served; after the first build, documents are
edited one at a time, by turns: a sentence added to the text, a link to a person, a citation, and a
date that moves the document to another section. Each edit's time runs from the file's writing to
the first answer of the served page that holds the edit's mark (the page is asked every 20 ms), as a
browser reloading on the server's signal would see it. The median, and every edit's time, are
appended to OUT.json as one line of JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

KINDS = ("text", "person", "citation", "date")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def sections(edition: Path) -> list[tuple[str, dt.date]]:
    """Each section's id and first day, from mkdocs.yml."""
    config = yaml.safe_load((edition / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["edition"] for p in config["plugins"] if isinstance(p, dict) and "edition" in p)
    return [(s["id"], dt.date.fromisoformat(str(s["dates"]).split("/")[0][:7] + "-01")) for s in plugin["sections"]]


def edit(path: Path, kind: str, mark: str, people: list[str], keys: list[str],
         places: list[tuple[str, dt.date]]) -> None:
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    sentence = {"text": f"A sentence added, {mark}.",
                "person": f"A link to [{mark}](person:{people[0]}).",
                "citation": f"A citation, {mark} [@{keys[0]}, 3].",
                "date": f"Moved, {mark}."}[kind]
    if kind == "date":
        section = re.search(r"^section: (\S+)$", head, re.MULTILINE)
        current = section.group(1) if section else ""
        target, first = next((s, d) for s, d in places if s != current)
        head = re.sub(r"^date: .*$", f"date: '{(first + dt.timedelta(days=20)).isoformat()}'", head,
                      flags=re.MULTILINE)
        head = re.sub(r"^section: .*$", f"section: {target}", head, flags=re.MULTILINE)
    path.write_text(f"{head}\n---\n{body.rstrip()}\n\n{sentence}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("edition", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="preview-") as folder:
        edition = Path(folder, "edition")
        shutil.copytree(args.edition, edition, ignore=shutil.ignore_patterns("site"))
        port = free_port()
        log = Path(folder, "serve.log")
        with log.open("w") as out:
            server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                      cwd=edition, stdout=out, stderr=subprocess.STDOUT,
                                      env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            started = time.perf_counter()
            while "Serving on" not in log.read_text(encoding="utf-8", errors="replace"):
                if server.poll() is not None:
                    print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
                    return 1
                time.sleep(0.5)
            first_build = time.perf_counter() - started
            documents = sorted((edition / "documents").glob("*.md"))
            people = sorted(p.stem for p in (edition / "people").glob("*.md"))
            keys = re.findall(r"^@\w+\{([^,\s]+),", (edition / "bibliography.bib").read_text(encoding="utf-8"),
                              re.MULTILINE)
            places = sections(edition)
            times: list[dict[str, object]] = []
            for number in range(args.edits):
                kind = KINDS[number % len(KINDS)]
                path = documents[(number * 97) % len(documents)]
                record_id = re.search(r"^id: (\S+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
                url = f"http://127.0.0.1:{port}/documents/{record_id.group(1) if record_id else path.stem}/"
                mark = f"edit-mark-{number}-{kind}"
                time.sleep(1.5)  # the server's watcher lets a burst of saves settle
                saved = time.perf_counter()
                edit(path, kind, mark, people, keys, places)
                while mark not in fetch(url):
                    if time.perf_counter() - saved > 900 or server.poll() is not None:
                        print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
                        return 1
                    time.sleep(0.02)
                seconds = time.perf_counter() - saved
                times.append({"kind": kind, "seconds": round(seconds, 3)})
                print(f"edit {number + 1} ({kind}): {seconds:.2f} s", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=60)
        quick = log.read_text(encoding="utf-8", errors="replace").count("edition: quick preview:")
    result = {"preview_seconds": statistics.median(float(str(t["seconds"])) for t in times),
              "first_build_seconds": round(first_build, 2), "quick_builds": quick, "edits": times}
    with args.out.open("a", encoding="utf-8") as out:
        out.write(json.dumps(result) + "\n")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
