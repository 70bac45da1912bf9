"""One call that turns an edition's folder into records and every problem with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import urls
from ..model.problems import Problem
from ..model.records import Edition
from ..model.settings import CACHE_DIR, EditionSettings
from .config import load_settings
from .crosscheck import check_edition
from .published import UrlRecord, assign_anchors, check_record, read_record
from .reader import ReadCache, read_edition
from .stored import ReadStore

__all__ = ["LoadedEdition", "front_page_urls", "load_edition"]


@dataclass(slots=True)
class LoadedEdition:
    edition: Edition | None
    settings: EditionSettings
    problems: list[Problem] = field(default_factory=list)
    record: UrlRecord | None = None

    @property
    def readable(self) -> bool:
        """False when the edition could not be read at all (no folder, no usable mkdocs.yml)."""
        return self.edition is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def front_page_urls(edition: Edition, docs_dir: str) -> list[str]:
    """URLs of the edition's front pages (``docs/index.md`` -> ``""``, ``docs/method.md`` -> ``method/``)."""
    return [urls.url_of_src(path.removeprefix(f"{docs_dir}/")) for path in edition.front_pages]


def load_edition(root: Path, settings: EditionSettings | None = None, cache: ReadCache | None = None,
                 processes: bool = False, keep: bool = False) -> LoadedEdition:
    """Read and check the edition in ``root``: per-file validation, then the cross-file checks.

    Arguments:
        root: the edition's folder, holding mkdocs.yml, documents/, people/, events/.
        settings: settings already read (the plugin passes its own); read from mkdocs.yml if None.
        cache: the files read by an earlier load, to take those that have not changed from (``mkdocs serve``).
        processes: read the files in a pool of processes, where there are enough of them and more than one
            core. The pool's processes import the program's main module afresh, so only a program that
            guards its work with ``if __name__ == "__main__"`` (as MkDocs and ``edition`` do) may ask it.
        keep: keep what the files were read into in ``.cache/edition/`` and take from there what the last
            run read from files that have not changed since (:mod:`.stored`).
    """
    if not root.is_dir():
        return LoadedEdition(None, settings or EditionSettings())
    problems: list[Problem] = []
    if settings is None:
        settings, setting_problems = load_settings(root)
        problems.extend(setting_problems)
        if any(p.is_error for p in setting_problems) and not settings.sections:
            return LoadedEdition(None, settings, problems)
    cache = cache or ReadCache()
    cache.use(root.resolve(), ReadStore(root / CACHE_DIR) if keep else None)
    edition, read_problems = read_edition(root, settings, cache, processes)
    problems.extend(read_problems)
    record, record_problems = read_record(root)
    problems.extend(record_problems)
    problems.extend(assign_anchors(edition, record, cache.aligned))
    if record is not None:
        edition.added = {document_id: day for document_id, day in record.added.items()}
    problems.extend(check_edition(edition))
    problems.extend(check_record(record, edition, front_page_urls(edition, settings.docs_dir)))
    return LoadedEdition(edition, settings, sorted(set(problems)), record)
