"""`mkdocs serve` watches the edition's own folders and rebuilds when a document changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_editing_a_document_rebuilds_its_page(edition) -> None:
    edition.person("lenin", "Vladimir Lenin")
    edition.document("speech", title="First title")
    port = free_port()
    url = f"http://127.0.0.1:{port}/edition/documents/speech/"  # the path of site_url
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=edition.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: "First title" in fetch(url)), "the served page never appeared"
        edition.document("speech", title="Second title")
        assert wait_for(lambda: "Second title" in fetch(url)), "the page was not rebuilt after the edit"
        edition.person("trotsky", "Lev Trotsky")
        edition.document("speech", title="Third title", extra="people: [trotsky]")
        assert wait_for(lambda: "Lev Trotsky" in fetch(url)), "a new person was not picked up"
    finally:
        server.terminate()
        server.wait(timeout=30)
