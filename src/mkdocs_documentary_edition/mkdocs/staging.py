"""Builds beside the site, swapped in only when they succeed.

MkDocs cleans and writes ``site_dir`` in place; a failed build would leave half a site. We build
into a folder beside it and swap the two when the build has succeeded, so that a failed build
leaves the last good site untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["finish", "stage"]


def _leftovers(target: Path) -> list[Path]:
    parent = target.parent
    return [*parent.glob(f".{target.name}-building-*"), *parent.glob(f".{target.name}-previous-*")]


def stage(site_dir: str) -> str:
    """A new, empty folder beside ``site_dir`` to build into. Folders left by a build that was
    killed before it could clean up are removed first."""
    target = Path(site_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in _leftovers(target):
        shutil.rmtree(leftover, ignore_errors=True)
    return tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent)


def finish(staging: str, site_dir: str, built: bool) -> None:
    """Swap the finished site into place, or throw away a failed one."""
    if not built:
        shutil.rmtree(staging, ignore_errors=True)
        return
    target = Path(site_dir)
    # mkdtemp made the folder for its owner alone; it gets the mode any new folder gets, so that a web
    # server running as another user can read the site.
    umask = os.umask(0)
    os.umask(umask)
    Path(staging).chmod(0o777 & ~umask)
    previous = None
    if target.exists():
        previous = Path(tempfile.mkdtemp(prefix=f".{target.name}-previous-", dir=target.parent))
        target.rename(previous / target.name)
    Path(staging).rename(target)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)
