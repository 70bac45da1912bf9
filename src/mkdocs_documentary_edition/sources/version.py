"""Which version of the edition a build is: a release tag, else the commit and its date.

A scholar cites a version; the cite box and the downloads name it. Git knows it; an edition that
is not in a Git repository (or a machine without Git) simply has no version to name.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

__all__ = ["read_version"]


def _git(root: Path, *args: str) -> str:
    git = shutil.which("git")
    if git is None:
        return ""
    try:
        result = subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True,  # noqa: S603
                                timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def read_version(root: Path) -> tuple[str, str]:
    """``(label, date)``: ``("v1.0", "2026-12-01")`` for a tagged release, ``("a9ef6d8", "2026-11-25")`` for a
    commit, ``("", "")`` outside Git."""
    commit = _git(root, "log", "-1", "--format=%h %cs")
    if not commit:
        return "", ""
    short, date = commit.split(" ", 1)
    tag = _git(root, "describe", "--tags", "--exact-match", "HEAD")
    return (tag or short), date
