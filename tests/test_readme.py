"""The README's two commands are the ones that work, and CI runs the test command verbatim."""

from __future__ import annotations

import re
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(python3 -m venv .*)\n```", readme)


def test_the_readme_gives_a_serve_command_and_a_test_command() -> None:
    serve, tests = readme_commands()[:2]
    assert serve.endswith("mkdocs serve")
    assert tests.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPOSITORY / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()
