"""The package reads one way: model <- sources, cite <- publish <- mkdocs; only mkdocs/ imports MkDocs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mkdocs_documentary_edition"
NAME = PACKAGE.name

# What each layer may import of the package.
ALLOWED = {
    "model": {"model"},
    "sources": {"model", "sources"},
    "cite": {"model", "cite"},
    "publish": {"model", "cite", "publish"},
    "mkdocs": {"model", "sources", "cite", "publish", "mkdocs"},
    "": {"model", "sources", "starters", "scaffold"},  # the package's own modules: cli, starters, scaffold
}


def layer_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else ""


def imports(path: Path) -> list[tuple[str, int]]:
    """Every module ``path`` imports, as absolute names, with the line of the import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join((NAME, *path.relative_to(PACKAGE).parent.parts))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((module, node.lineno))
    return found


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_layer_reaches_back_up() -> None:
    wrong = []
    for path in modules():
        layer = layer_of(path)
        for module, line in imports(path):
            if module.startswith(NAME + "."):
                target = module.split(".")[1]
                target = target if (PACKAGE / target).is_dir() else ""
                if target == "" and module.split(".")[1] in ("starters", "scaffold"):
                    target = module.split(".")[1]
                if target not in ALLOWED[layer]:
                    wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    assert wrong == []


def test_only_the_adapter_imports_mkdocs() -> None:
    wrong = [f"{path.relative_to(PACKAGE)}:{line} imports {module}"
             for path in modules() if layer_of(path) != "mkdocs"
             for module, line in imports(path) if module.split(".")[0] in ("mkdocs", "material")]
    assert wrong == []


def test_the_check_runs_where_mkdocs_is_not_installed(edition) -> None:
    edition.person("lenin", "Vladimir Lenin")
    edition.document("speech", body="A [ghost](person:ghost).")
    blocked = ("import sys; sys.modules['mkdocs'] = None; sys.modules['material'] = None; "
               f"from {NAME}.cli import main; sys.exit(main(['check', sys.argv[1]]))")
    result = subprocess.run([sys.executable, "-c", blocked, str(edition.root)], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    assert "documents/speech.md:9:11: error: unknown person 'ghost'" in result.stdout


def test_the_mkdocs_config_declares_every_option_and_no_other() -> None:
    from mkdocs_documentary_edition.mkdocs.config import EditionPluginConfig
    from mkdocs_documentary_edition.model.settings import OPTIONS

    assert [name for name, _ in EditionPluginConfig._schema] == [option.name for option in OPTIONS]
