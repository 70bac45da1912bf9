"""The edition's settings: its sections and who edits it, from the ``edition`` plugin entry of mkdocs.yml.

Read here without MkDocs, so that ``edition check`` needs nothing but the files; the plugin hands
the same mapping to :func:`settings_from_mapping`, so both agree on every rule.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from .dates import EdtfError, parse_date
from .problems import Problem, error, warning
from .records import Section
from .validation import did_you_mean

__all__ = ["CONFIG_FILE", "EditionSettings", "load_settings", "settings_from_mapping"]

CONFIG_FILE = "mkdocs.yml"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SECTION_KEYS = ("id", "title", "dates", "intro")
_KNOWN_KEYS = ("enabled", "sections", "editors", "publisher", "year", "csl_style", "language")


@dataclass(frozen=True, slots=True)
class EditionSettings:
    sections: tuple[Section, ...] = ()
    editors: tuple[str, ...] = ()
    publisher: str = ""
    year: str = ""
    csl_style: str = ""
    language: str = "en"
    site_name: str = ""
    site_url: str = ""
    docs_dir: str = "docs"

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


def load_settings(root: Path) -> tuple[EditionSettings, list[Problem]]:
    """Read the ``edition`` plugin's settings out of ``mkdocs.yml`` in the edition's folder."""
    path = root / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return EditionSettings(), [error(CONFIG_FILE, 0, 0, "no mkdocs.yml: is this an edition's folder?")]
    except (OSError, UnicodeDecodeError) as exc:
        return EditionSettings(), [error(CONFIG_FILE, 0, 0, f"cannot read mkdocs.yml: {exc}")]
    config, problems = _parse_mkdocs_yml(text)
    if problems:
        return EditionSettings(), problems
    plugin_config: dict[str, Any] | None = None
    for entry in config.get("plugins") or []:
        if entry == "edition":
            plugin_config = {}
        elif isinstance(entry, dict) and "edition" in entry:
            plugin_config = entry["edition"] or {}
    if isinstance(config.get("plugins"), dict) and "edition" in config["plugins"]:
        plugin_config = config["plugins"]["edition"] or {}
    if plugin_config is None:
        return EditionSettings(), [error(CONFIG_FILE, 1, 1, "mkdocs.yml does not enable the edition plugin: "
                                         "add '- edition' under 'plugins:'")]
    if not isinstance(plugin_config, dict):
        return EditionSettings(), [error(CONFIG_FILE, 1, 1, "plugins.edition must be a mapping of settings "
                                         "(sections, editors, ...)")]
    settings, problems = settings_from_mapping(plugin_config)
    return _with_site(settings, config), problems


def _with_site(settings: EditionSettings, config: dict[str, Any]) -> EditionSettings:
    return replace(settings, site_name=str(config.get("site_name") or ""), site_url=str(config.get("site_url") or ""),
                   docs_dir=str(config.get("docs_dir") or "docs"))


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as ``!!python/name:`` that only MkDocs resolves; we skip them."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _parse_mkdocs_yml(text: str) -> tuple[dict[str, Any], list[Problem]]:
    try:
        data = yaml.load(text, Loader=_TolerantLoader)  # noqa: S506 - a safe loader that ignores custom tags
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return {}, [error(CONFIG_FILE, line, column, f"malformed YAML: {exc.problem}")]
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        return {}, [error(CONFIG_FILE, 1, 1, f"malformed YAML: {exc}")]
    if not isinstance(data, dict):
        return {}, [error(CONFIG_FILE, 1, 1, "mkdocs.yml must be a mapping of settings")]
    return data, []


def settings_from_mapping(mapping: dict[str, Any]) -> tuple[EditionSettings, list[Problem]]:
    """Validate the plugin's settings into :class:`EditionSettings`, collecting every problem."""
    problems: list[Problem] = []

    def fail(message: str) -> None:
        problems.append(error(CONFIG_FILE, 1, 1, f"plugins.edition: {message}"))

    for key in mapping:
        if key not in _KNOWN_KEYS:
            fail(f"unknown setting '{key}'{did_you_mean(str(key), _KNOWN_KEYS)}")
    sections: list[Section] = []
    raw_sections = mapping.get("sections") or []
    if not isinstance(raw_sections, list):
        fail("'sections' must be a list of sections with id, title, dates and intro")
        raw_sections = []
    for index, raw in enumerate(raw_sections, start=1):
        if not isinstance(raw, dict):
            fail(f"section {index} must be a mapping with id, title, dates and intro")
            continue
        for key in raw:
            if key not in _SECTION_KEYS:
                fail(f"section {index}: unknown key '{key}'{did_you_mean(str(key), _SECTION_KEYS)}")
        section_id, title, dates = raw.get("id"), raw.get("title"), raw.get("dates")
        if not isinstance(section_id, str) or not _SLUG.match(section_id):
            fail(f"section {index} needs an 'id' of lowercase letters, digits and hyphens (it is the "
                 "section's URL)")
            continue
        if not isinstance(title, str) or not title:
            fail(f"section '{section_id}' needs a 'title'")
            title = section_id
        try:
            parsed = parse_date(dates)
        except EdtfError as exc:
            fail(f"section '{section_id}': 'dates' {exc}")
            continue
        sections.append(Section(section_id, title, parsed, str(raw.get("intro") or "")))
    seen: set[str] = set()
    for section in sections:
        if section.id in seen:
            fail(f"section id '{section.id}' is given twice")
        seen.add(section.id)
    ordered = sorted(sections, key=lambda s: (s.dates.earliest, s.dates.latest))
    for before, after in itertools.pairwise(ordered):
        if after.dates.earliest <= before.dates.latest:
            fail(f"sections '{before.id}' and '{after.id}' overlap: make one end before the other starts")
        elif (after.dates.earliest - before.dates.latest).days > 1:
            problems.append(warning(CONFIG_FILE, 1, 1, f"plugins.edition: sections '{before.id}' and '{after.id}' "
                                    "leave a gap: documents dated between them belong to no section"))
    editors = mapping.get("editors") or []
    if not isinstance(editors, list) or not all(isinstance(e, str) for e in editors):
        fail("'editors' must be a list of names, e.g. [Barbara Allen]")
        editors = []
    year = mapping.get("year") or ""
    if year and (isinstance(year, bool) or not isinstance(year, int)):
        fail("'year' must be a year, e.g. 2026")
        year = ""
    return EditionSettings(
        sections=tuple(sections),
        editors=tuple(editors),
        publisher=str(mapping.get("publisher") or ""),
        year=str(year),
        csl_style=str(mapping.get("csl_style") or ""),
        language=str(mapping.get("language") or "en"),
    ), problems



