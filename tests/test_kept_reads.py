"""What the files were read into is kept in `.cache/edition/` for the next run, and taken from there
only for a file whose bytes, and settings and code, are those it was read with."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from conftest import EditionFolder
from mkdocs_documentary_edition.cli import main
from mkdocs_documentary_edition.sources.markdown import MarkdownReader

STORE = ".cache/edition/reads.pickle"


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch) -> None:
    """Each test signs its stores with a key of its own, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def texts_read(monkeypatch) -> list[str]:
    """The record files whose texts Python-Markdown converts, in order."""
    read: list[str] = []
    convert = MarkdownReader.read

    def counting(self, text, *, path, **kwargs):
        if path.startswith(("documents/", "people/", "events/")):
            read.append(path)
        return convert(self, text, path=path, **kwargs)

    monkeypatch.setattr(MarkdownReader, "read", counting)
    return read


@pytest.fixture
def checked(edition, capsys):
    edition.person("lenin", "Vladimir Lenin")
    edition.document("resolution")
    edition.document("theses")
    assert main(["check", str(edition.root)]) == 0
    capsys.readouterr()
    return edition


def test_a_second_check_converts_only_the_text_that_changed(checked, texts_read) -> None:
    checked.document("theses", body="A corrected text.")
    assert main(["check", str(checked.root)]) == 0
    assert texts_read == ["documents/theses.md"]


def test_a_check_reports_a_mistake_made_since_the_last_check(checked, capsys) -> None:
    checked.document("theses", body="As [Shliapnikov](person:shliapnikov) wrote.")
    assert main(["check", str(checked.root)]) == 1
    assert "documents/theses.md:9:" in capsys.readouterr().out
    checked.document("theses")
    assert main(["check", str(checked.root)]) == 0


def test_a_file_touched_but_not_changed_is_not_converted_again(checked, texts_read) -> None:
    path = checked.root / "documents" / "resolution.md"
    path.write_bytes(path.read_bytes())
    assert main(["check", str(checked.root)]) == 0
    assert texts_read == []


def test_the_build_takes_the_texts_the_check_kept(checked, build, texts_read) -> None:
    build(checked)
    assert texts_read == []
    assert (checked.root / "site" / "documents" / "theses" / "index.html").is_file()


def test_a_build_of_another_edition_before_takes_nothing_from_it_and_keeps_nothing_of_it(
        checked, build, tmp_path, texts_read) -> None:
    other = EditionFolder(tmp_path / "other")
    other.person("lenin", "Vladimir Lenin")
    other.document("resolution", body="Another edition's text.")
    build(other)  # MkDocs keeps one plugin for all the builds of a process
    assert (other.root / STORE).is_file()
    texts_read.clear()
    build(checked)
    assert texts_read == []
    assert "Another edition" not in (checked.root / "site/documents/resolution/index.html").read_text("utf-8")


def test_a_changed_setting_converts_every_text_again(checked, texts_read) -> None:
    config = checked.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown_extensions:\n  - abbr\n", encoding="utf-8")
    assert main(["check", str(checked.root)]) == 0
    assert sorted(texts_read) == ["documents/resolution.md", "documents/theses.md", "people/lenin.md"]


class _Planted:
    """What a hostile store would hold: unpickling it makes a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_store_not_signed_with_the_users_key_is_never_unpickled(checked, tmp_path, texts_read) -> None:
    marker = tmp_path / "ran"
    payload = pickle.dumps(("basis", {"documents/theses.md": (b"", _Planted(marker))}))
    (checked.root / STORE).write_bytes(b"\0" * 32 + payload)
    assert main(["check", str(checked.root)]) == 0
    assert not marker.exists()
    assert len(texts_read) == 3


def test_a_damaged_store_only_means_every_text_is_converted(checked, texts_read) -> None:
    store = checked.root / STORE
    store.write_bytes(store.read_bytes()[:100])
    assert main(["check", str(checked.root)]) == 0
    assert len(texts_read) == 3
