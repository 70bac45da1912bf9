"""The ``edition`` command: ``edition check`` for contributors and CI, ``edition new`` to start a file,
``edition urls`` to keep the record of published URLs. It needs no MkDocs."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .model.problems import format_problems
from .scaffold import Answers, init_edition
from .sources.load import front_page_urls, load_edition
from .sources.published import RECORD_FILE, write_record
from .starters import NEW_FILE_KINDS, new_file

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
    new.add_argument("--section", help="for a document: the id of its section (default: the first)")
    new.add_argument("--path", default=".", type=Path, help="the edition's folder (default: here)")
    init = commands.add_parser("init", help="start a new edition in a folder of its own")
    init.add_argument("path", type=Path, help="the new edition's folder (created if need be)")
    init.add_argument("--title", help="the edition's title")
    init.add_argument("--editor", action="append", default=None, help="an editor's name (repeat for each)")
    init.add_argument("--publisher", help="who publishes it: a project or an institution")
    init.add_argument("--licence", help="the texts' licence, e.g. CC-BY-4.0")
    init.add_argument("--site-url", help="where it will be published (default: the address GitHub Pages gives)")
    init.add_argument("--language", help="the language of its texts, e.g. en")
    init.add_argument("--section-title", help="the title of its first section")
    init.add_argument("--section-dates", help="the dates of its first section, e.g. 1917/1930")
    init.add_argument("--no-input", action="store_true", help="ask nothing: take the defaults for what is not given")
    urls = commands.add_parser("urls", help="compare the edition's URLs with the record of published URLs")
    urls.add_argument("path", nargs="?", default=".", type=Path, help="the edition's folder (default: here)")
    urls.add_argument("--update", action="store_true", help="add every new URL to published-urls.txt")
    urls.add_argument("--date", type=_day, default=None,
                      help="the day new documents are published, YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.path, args.format, args.strict)
    if args.command == "urls":
        return _urls(args.path, args.update, args.date)
    if args.command == "init":
        return _init(args)
    return _new(args.path, args.kind, args.id, args.section)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a day: write YYYY-MM-DD") from None


def _urls(root: Path, update: bool, today: dt.date | None = None) -> int:
    loaded = load_edition(root, processes=True, keep=True)
    if loaded.edition is None:
        print(format_problems(loaded.problems) or f"{root}: not an edition's folder", file=sys.stderr)
        return EXIT_UNREADABLE
    if loaded.errors:
        print(format_problems(loaded.errors))
        print("fix the errors first: the record only grows from an edition that checks clean", file=sys.stderr)
        return EXIT_ERRORS
    record_problems = [p for p in loaded.problems if p.path == RECORD_FILE or "edition urls" in p.message]
    if not update:
        if record_problems:
            print(format_problems(record_problems))
        return EXIT_CLEAN
    added = write_record(root, loaded.record, loaded.edition, front_page_urls(loaded.edition, loaded.settings.docs_dir),
                         today)
    for url in added:
        print(f"recorded {url}")
    print(f"{RECORD_FILE}: {len(added)} new URL{'s' * (len(added) != 1)} recorded", file=sys.stderr)
    return EXIT_CLEAN


def _init(args: argparse.Namespace) -> int:
    interactive = not args.no_input and sys.stdin.isatty()
    defaults = Answers()

    def ask(given: str | None, question: str, default: str) -> str:
        if given is not None:
            return given
        if not interactive:
            return default
        answer = input(f"{question} [{default}]: ").strip()
        return answer or default

    editors = args.editor if args.editor is not None else [
        name.strip() for name in ask(None, "Editors (names, separated by commas)", "").split(",") if name.strip()]
    answers = Answers(
        title=ask(args.title, "Title of the edition", defaults.title),
        editors=tuple(editors),
        publisher=ask(args.publisher, "Publisher (a project or institution)", defaults.publisher),
        licence=ask(args.licence, "Licence of the texts", defaults.licence),
        site_url=ask(args.site_url, "Address it will be published at (empty: the one GitHub Pages gives)",
                     defaults.site_url),
        language=ask(args.language, "Language of its texts", defaults.language),
        section_title=ask(args.section_title, "Title of its first section", defaults.section_title),
        section_dates=ask(args.section_dates, "Dates of its first section", defaults.section_dates),
    )
    try:
        written = init_edition(args.path, answers)
    except (FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    loaded = load_edition(args.path, processes=True)
    if loaded.edition is not None and not loaded.errors:
        write_record(args.path, None, loaded.edition, front_page_urls(loaded.edition, loaded.settings.docs_dir))
    for path in written:
        print(f"wrote {path}")
    print(f"{args.path}: a new edition. Next: 'edition check {args.path}', then 'mkdocs serve' in it; replace the "
          "examples, and push it to GitHub to publish it.", file=sys.stderr)
    return EXIT_CLEAN


def _check(root: Path, style: str, strict: bool) -> int:
    loaded = load_edition(root, processes=True, keep=True)
    if loaded.edition is None:
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


def _new(root: Path, kind: str, record_id: str, section: str | None) -> int:
    try:
        path = new_file(root, kind, record_id, section)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {path}: replace each 'FILL IN' with what it asks for, then run 'edition check'")
    return EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
