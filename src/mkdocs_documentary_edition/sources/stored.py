"""What the record files were read into, kept on disk from one run to the next, in ``.cache/edition/``.

Converting the texts is most of ``edition check`` and of a build's reading, and between two runs a
contributor changes a file or two. A file's read depends only on its bytes, its path, the edition's
settings and the code that reads it (ours and every installed package's, Markdown's extensions
among them), so the store holds each read under a hash of the file's bytes, all of it under a
*basis* naming the rest: any change to any of them simply misses the store, and the file is read.

Reads are Python objects, kept with :mod:`pickle`, and unpickling can run code. A store that came
with the edition's files (committed in a pull request, say) must never be unpickled, so each store
is signed with a key that lives outside the edition, in the user's cache folder, and one whose
signature does not match is ignored.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import importlib.metadata
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["ReadStore", "file_digest"]

_FILE = "reads.pickle"
_KEY_BYTES = 32
_SIGNATURE_BYTES = hashlib.sha256().digest_size


def file_digest(path: Path) -> bytes | None:
    """A hash of the file's bytes, or None if it cannot be read (its read then reports why)."""
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None


class ReadStore:
    """The reads of the last run, in ``folder``: each under its file's key (``kind:path``), with the
    hash of the bytes it was read from."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / _FILE

    def load(self, settings: str) -> dict[str, tuple[bytes, Any]]:
        """The reads stored under these settings (as :func:`.reader.settings_fingerprint` writes them)
        and the present code; nothing if there are none, or they are damaged or not signed by us."""
        key = _signing_key()
        if key is None:
            return {}
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        signature, payload = data[:_SIGNATURE_BYTES], data[_SIGNATURE_BYTES:]
        if not hmac.compare_digest(signature, hmac.new(key, payload, hashlib.sha256).digest()):
            return {}
        try:
            basis, reads = pickle.loads(payload)  # noqa: S301 - signed above with the user's own key
        except Exception:  # noqa: BLE001 - a store written by another version of a class: read afresh
            return {}
        if basis != _basis(settings) or not isinstance(reads, dict):
            return {}
        return reads

    def save(self, settings: str, reads: dict[str, tuple[bytes, Any]]) -> None:
        """Keep ``reads`` for the next run; a store that cannot be written is only a slower next run."""
        key = _signing_key()
        if key is None:
            return
        payload = pickle.dumps((_basis(settings), reads), protocol=pickle.HIGHEST_PROTOCOL)
        signature = hmac.new(key, payload, hashlib.sha256).digest()
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            descriptor, name = tempfile.mkstemp(dir=folder, prefix=".reads-")
        except OSError:
            return
        # Written beside and then moved into place: a run that stops half-way leaves the last store.
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(signature + payload)
            os.replace(name, self.path)
        except OSError:
            Path(name).unlink(missing_ok=True)


def _basis(settings: str) -> str:
    return hashlib.sha256(f"{settings}\n{_code()}".encode()).hexdigest()


@functools.cache
def _code() -> str:
    """The code that reads a file, as a hash: this package's files, Python's version, and the name and
    version of every installed distribution (an upgraded Markdown extension may read a text otherwise)."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    installed = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    digest.update("\n".join(installed).encode())
    return digest.hexdigest()


def _signing_key() -> bytes | None:
    """The user's key for signing stores, made on first use; None where it can be neither read nor made."""
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home folder to be found
        return None
    path = Path(base) / "mkdocs-documentary-edition" / "signing-key"
    for _ in range(2):
        try:
            key = path.read_bytes()
        except FileNotFoundError:
            pass
        except OSError:
            return None
        else:
            return key if len(key) == _KEY_BYTES else None  # one being written by another run: not yet
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # made just now by another run
        except OSError:
            return None
        with os.fdopen(descriptor, "wb") as file:
            file.write(os.urandom(_KEY_BYTES))
    return None
