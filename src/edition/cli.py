"""The ``edition`` command: ``edition check`` for contributors and CI, ``edition new`` to start a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .export import export_markdown
from .loading import load_edition
from .permalinks import RECORD_FILE, front_page_urls, read_record, write_record
from .problems import format_problems
from .templates import NEW_FILE_KINDS, new_file

__all__ = ["main"]

EXIT_CLEAN, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edition", description="Work with a documentary edition.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the whole edition and report every problem")
    check.add_argument("path", nargs="?", default=".", type=Path, help="the edition's folder (default: here)")
    check.add_argument("--format", choices=("text", "github", "json"), default="text",
                       help="text lines, GitHub Actions annotations, or JSON")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    new = commands.add_parser("new", help="start a new document, person or event from the template")
    new.add_argument("kind", choices=NEW_FILE_KINDS)
    new.add_argument("id", help="the new file's id: lowercase letters, digits and hyphens")
    new.add_argument("--path", default=".", type=Path, help="the edition's folder (default: here)")
    urls = commands.add_parser("urls", help="compare the edition's URLs with the record of published URLs")
    urls.add_argument("path", nargs="?", default=".", type=Path, help="the edition's folder (default: here)")
    urls.add_argument("--update", action="store_true", help="add every new URL to published-urls.txt")
    export = commands.add_parser("export", help="write every generated page as plain Markdown (for benchmarks)")
    export.add_argument("path", type=Path, help="the edition's folder")
    export.add_argument("target", type=Path, help="the docs folder to write (replaced if it exists)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.path, args.format, args.strict)
    if args.command == "urls":
        return _urls(args.path, args.update)
    if args.command == "export":
        return _export(args.path, args.target)
    return _new(args.path, args.kind, args.id)


def _urls(root: Path, update: bool) -> int:
    loaded = load_edition(root)
    if not loaded.readable:
        print(format_problems(loaded.problems) or f"{root}: not an edition's folder", file=sys.stderr)
        return EXIT_UNREADABLE
    record_problems = [p for p in loaded.problems if p.path == RECORD_FILE]
    missing = [p for p in record_problems if p.is_error]
    if missing:
        print(format_problems(missing))
        return EXIT_ERRORS
    if not update:
        if record_problems:
            print(format_problems(record_problems))
        return EXIT_CLEAN
    recorded, _ = read_record(root)
    front_pages = front_page_urls(root / loaded.settings.docs_dir)
    added = write_record(root, recorded, loaded.edition, front_pages)
    for url in added:
        print(f"recorded {url}")
    print(f"{RECORD_FILE}: {len(added)} new URL{'s' * (len(added) != 1)} recorded", file=sys.stderr)
    return EXIT_CLEAN


def _export(root: Path, target: Path) -> int:
    try:
        export_markdown(root, target)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_CLEAN


def _check(root: Path, style: str, strict: bool) -> int:
    loaded = load_edition(root)
    if not loaded.readable:
        if loaded.problems:
            print(format_problems(loaded.problems, style))
        else:
            print(f"{root}: error: not an edition's folder (no such directory)", file=sys.stderr)
        return EXIT_UNREADABLE
    output = format_problems(loaded.problems, style)
    if output and (style == "json" or loaded.problems):
        print(output)
    elif style == "json":
        print("[]")
    errors, warnings = len(loaded.errors), len(loaded.warnings)
    edition = loaded.edition
    print(f"checked {len(edition.documents)} documents, {len(edition.people)} people, "
          f"{len(edition.events)} events, {len(edition.bibliography)} bibliography entries: "
          f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)
    return EXIT_ERRORS if errors or (strict and warnings) else EXIT_CLEAN


def _new(root: Path, kind: str, record_id: str) -> int:
    try:
        path = new_file(root, kind, record_id)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {path}: fill in its front-matter, then run 'edition check'")
    return EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
