"""The edition's settings, read from ``mkdocs.yml`` without MkDocs, every problem at its own line.

``edition check`` needs nothing but the files, and the plugin reads the same file through this
module, so that both agree on every rule. The plugin's options are those declared in
:data:`..model.settings.OPTIONS`.
"""

from __future__ import annotations

import dataclasses
import importlib
import itertools
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..model.dates import EdtfError, parse_date
from ..model.problems import Problem, did_you_mean, error, warning
from ..model.records import KeyPath, Origin, Section
from ..model.settings import CONFIG_FILE, OPTIONS, EditionSettings, Editor
from .files import read_text
from .frontmatter import Tagged, parse_yaml_mapping
from .version import read_version

__all__ = ["load_settings", "settings_from_config"]

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SECTION_KEYS = ("id", "title", "dates", "intro")
_OPTION_NAMES = tuple(option.name for option in OPTIONS)
_PYTHON_NAME = "tag:yaml.org,2002:python/name:"
_EDITOR_KEYS = ("name", "sort_name", "role")
_STYLE_CLASS = re.compile(r"<style\b[^>]*?\sclass=[\"']([a-z-]+)[\"']")


def load_settings(root: Path, config_file: str = CONFIG_FILE) -> tuple[EditionSettings, list[Problem]]:
    """Read the ``edition`` plugin's settings, and the site settings they need, from ``mkdocs.yml``."""
    path = root / config_file
    if not path.is_file():
        return EditionSettings(), [error(config_file, 0, 0, "no mkdocs.yml: is this an edition's folder?")]
    text, problems = read_text(path, config_file)
    if text is None:
        return EditionSettings(), problems
    parsed, problems = parse_yaml_mapping(config_file, text, config=True)
    if parsed is None:
        return EditionSettings(), problems
    settings, problems = settings_from_config(parsed.data, parsed.origin, text)
    version, version_date = read_version(root)
    return dataclasses.replace(settings, version=version, version_date=version_date,
                               citation_class=_citation_class(root, settings.csl_style)), problems


def _citation_class(root: Path, csl_style: str) -> str:
    """Whether the CSL style cites in notes or in the running text: the ``class`` of its ``<style>``.

    The reading needs it (a citation in the running text becomes a note only in a note style) and
    reads no CSL otherwise; the style itself is checked when the build loads it.
    """
    if not csl_style:
        return "note"  # the default style, Chicago notes and bibliography
    try:
        head = (root / csl_style).read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return "note"
    match = _STYLE_CLASS.search(head)
    return match.group(1) if match else "note"


def settings_from_config(config: dict[str, Any], origin: Origin, text: str = "") -> tuple[EditionSettings,
                                                                                         list[Problem]]:
    """Validate the plugin's settings into :class:`EditionSettings`, collecting every problem."""
    path = origin.path
    problems: list[Problem] = []
    found = _plugin_entry(config)
    if found is None:
        return EditionSettings(), [error(path, *origin.key_at(("plugins",)), "mkdocs.yml does not enable the edition "
                                         "plugin: add '- edition' under 'plugins:'")]
    prefix, mapping = found
    if not isinstance(mapping, dict):
        return EditionSettings(), [error(path, *origin.value_at(prefix), "plugins.edition must be a mapping of "
                                         "settings (sections, editors, ...)")]

    def fail(key_path: KeyPath, message: str, at_key: bool = False) -> None:
        where = origin.key_at((*prefix, *key_path)) if at_key else origin.value_at((*prefix, *key_path))
        problems.append(error(path, *where, f"plugins.edition: {message}"))

    for key in mapping:
        if key not in _OPTION_NAMES:
            fail((key,), f"unknown setting '{key}'{did_you_mean(str(key), _OPTION_NAMES)}", at_key=True)
    claimed: set[str] = set()
    sections = _sections(mapping.get("sections"), origin, prefix, text, fail, problems, claimed)
    editors = _editors(mapping.get("editors"), fail)
    year = mapping.get("year") or ""
    if year and (isinstance(year, bool) or not isinstance(year, int)):
        fail(("year",), "'year' must be a year, e.g. 2026")
        year = ""
    release = _release(mapping.get("release"), fail)
    for name in ("publisher", "csl_style", "language", "licence", "licence_url"):
        if name in mapping and not isinstance(mapping[name], str):
            fail((name,), f"'{name}' must be text")
    for name in ("enabled", "allow_raw_html"):
        if name in mapping and not isinstance(mapping[name], bool):
            fail((name,), f"'{name}' must be true or false")
    extensions, configs = _markdown_extensions(config.get("markdown_extensions"), origin, problems)
    problems.extend(_search_plugin(config, origin))
    site_url = _resolve(config.get("site_url"), origin, ("site_url",), problems)
    site_url = site_url if isinstance(site_url, str) else ""
    problems.extend(_site_url_problems(site_url, origin, "site_url" in config))
    return EditionSettings(
        sections=tuple(sections),
        editors=editors,
        publisher=str(mapping.get("publisher") or ""),
        year=release[:4] or str(year),
        release=release,
        licence=str(mapping.get("licence") or ""),
        licence_url=str(mapping.get("licence_url") or ""),
        csl_style=str(mapping.get("csl_style") or ""),
        language=str(mapping.get("language") or "en"),
        allow_raw_html=mapping.get("allow_raw_html") is True,
        site_name=str(config.get("site_name") or ""),
        site_url=site_url,
        docs_dir=str(config.get("docs_dir") or "docs"),
        markdown_extensions=extensions,
        markdown_configs=configs,
        claimed_sections=frozenset(claimed),
    ), problems


# Domains kept for examples and tests (RFC 2606, RFC 6761): no edition is published there.
_PLACEHOLDER_HOSTS = re.compile(r"(^|\.)(example\.(com|net|org)|[^.]+\.(example|test|invalid|localhost)|localhost|"
                                r"127\.0\.0\.1)$")


def _site_url_problems(site_url: str, origin: Origin, given: bool) -> list[Problem]:
    """A site that is published needs the address it is published at: every citation, canonical link
    and download names it. Warnings, so that a preview builds and a strict (publishing) build does not."""
    where = origin.value_at(("site_url",)) if given else origin.start
    if not site_url:
        return [warning(origin.path, *where, "site_url is not set: citations, canonical links and downloads need "
                        "the address the edition is published at; set site_url in mkdocs.yml (or the SITE_URL "
                        "environment variable, with site_url: !ENV SITE_URL)")]
    host = urlsplit(site_url).hostname or ""
    if not urlsplit(site_url).scheme.startswith("http") or not host:
        return [error(origin.path, *where, f"site_url '{site_url}' is not a web address: write https://...")]
    if _PLACEHOLDER_HOSTS.search(host):
        return [warning(origin.path, *where, f"site_url '{site_url}' is a placeholder ({host}): set it to the address "
                        "the edition is published at before publishing")]
    return []


def _editors(raw: Any, fail: Any) -> tuple[Editor, ...]:
    """The editors as people: "Barbara C. Allen", or {name, sort_name, role}."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        fail(("editors",), "'editors' must be a list of people, e.g. [Barbara C. Allen]")
        return ()
    editors = []
    for index, entry in enumerate(raw):
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            fail(("editors", index), "each editor is a name, or a mapping with 'name', 'sort_name' and 'role'")
            continue
        for key in entry:
            if key not in _EDITOR_KEYS:
                fail(("editors", index, key), f"unknown key '{key}'{did_you_mean(str(key), _EDITOR_KEYS)}", at_key=True)
        role = entry.get("role", "editor")
        if role not in ("editor", "translator", "contributor"):
            fail(("editors", index, "role"), f"role '{role}' is not one of editor, translator, contributor")
            role = "editor"
        name = entry["name"].strip()
        sort_name = str(entry.get("sort_name") or _inverted(name))
        editors.append(Editor(name, sort_name, role))
    return tuple(editors)


def _inverted(name: str) -> str:
    """"Barbara C. Allen" -> "Allen, Barbara C.": the last word as the surname, as most catalogues guess."""
    given, _, surname = name.rpartition(" ")
    return f"{surname}, {given}" if given else name


def _release(raw: Any, fail: Any) -> str:
    if raw in (None, ""):
        return ""
    text = str(raw)
    try:
        date = parse_date(text)
    except EdtfError as exc:
        fail(("release",), f"'release': {exc}")
        return ""
    if date.is_interval or date.uncertain or date.approximate or date.unspecified:  # type: ignore[union-attr]
        fail(("release",), "'release' is the day (or month, or year) of this release: write YYYY-MM-DD")
        return ""
    return text


def _search_plugin(config: dict[str, Any], origin: Origin) -> list[Problem]:
    """MkDocs' and Material's search send every reader the whole index on the first query; the edition
    has a search of its own, whose readers fetch only what a query needs."""
    plugins = config.get("plugins")
    entries = list(plugins) if isinstance(plugins, dict) else plugins if isinstance(plugins, list) else []
    for index, entry in enumerate(entries):
        name = entry if isinstance(entry, str) else next(iter(entry), "") if isinstance(entry, dict) else ""
        if name in ("search", "material/search"):
            key_path: KeyPath = ("plugins", name) if isinstance(plugins, dict) else ("plugins", index)
            return [warning(origin.path, *origin.value_at(key_path), f"the '{name}' plugin sends every reader "
                            "the whole search index on their first query: remove it from 'plugins' (the "
                            "edition has its own search, at /search/)")]
    return []


def _plugin_entry(config: dict[str, Any]) -> tuple[KeyPath, Any] | None:
    plugins = config.get("plugins")
    if isinstance(plugins, dict) and "edition" in plugins:
        return ("plugins", "edition"), plugins["edition"] or {}
    for index, entry in enumerate(plugins if isinstance(plugins, list) else []):
        if entry == "edition":
            return ("plugins", index), {}
        if isinstance(entry, dict) and "edition" in entry:
            return ("plugins", index, "edition"), entry["edition"] or {}
    return None


def _sections(raw_sections: Any, origin: Origin, prefix: KeyPath, text: str, fail: Any,
              problems: list[Problem], claimed: set[str]) -> list[Section]:
    if raw_sections is None:
        return []
    if not isinstance(raw_sections, list):
        fail(("sections",), "'sections' must be a list of sections with id, title, dates and intro")
        return []
    lines = text.splitlines()
    sections: list[Section] = []
    for index, raw in enumerate(raw_sections):
        here = ("sections", index)
        if not isinstance(raw, dict):
            fail(here, f"section {index + 1} must be a mapping with id, title, dates and intro")
            continue
        for key in raw:
            if key not in _SECTION_KEYS:
                fail((*here, key), f"section {index + 1}: unknown key '{key}'{did_you_mean(str(key), _SECTION_KEYS)}",
                     at_key=True)
        section_id, title, dates = raw.get("id"), raw.get("title"), raw.get("dates")
        if isinstance(section_id, str):
            claimed.update((section_id, section_id.strip().lower()))
        if not isinstance(section_id, str) or not _SLUG.match(section_id):
            fail((*here, "id"), f"section {index + 1} needs an 'id' of lowercase letters, digits and hyphens "
                 "(it is the section's URL)")
            continue
        if not isinstance(title, str) or not title:
            fail((*here, "title"), f"section '{section_id}' needs a 'title'")
            title = section_id
        try:
            parsed = parse_date(dates)
        except EdtfError as exc:
            fail((*here, "dates"), f"section '{section_id}': 'dates' {exc}")
            continue
        intro = raw.get("intro") or ""
        if not isinstance(intro, str):
            fail((*here, "intro"), f"section '{section_id}': 'intro' must be text (Markdown)")
            intro = ""
        line, column = origin.value_at((*prefix, *here, "intro"))
        # A block scalar (intro: |) starts on the line after its indicator.
        if 0 < line <= len(lines) and lines[line - 1][column - 1:].strip()[:1] in ("|", ">"):
            line, column = line + 1, column
        section_origin = Origin(origin.path, origin.value_at((*prefix, *here)), {("intro",): (line, column)},
                                {("id",): origin.value_at((*prefix, *here, "id")),
                                 ("intro",): (line, column)})
        sections.append(Section(section_id, title, parsed, intro, origin=section_origin))
    seen: set[str] = set()
    for index, section in enumerate(sections):
        if section.id in seen:
            fail(("sections", index, "id"), f"section id '{section.id}' is given twice")
        seen.add(section.id)
    ordered = sorted(sections, key=lambda s: (s.dates.earliest, s.dates.latest))
    for before, after in itertools.pairwise(ordered):
        where = after.origin.start
        if after.dates.earliest <= before.dates.latest:
            problems.append(error(origin.path, *where, f"plugins.edition: sections '{before.id}' and '{after.id}' "
                                  "overlap: make one end before the other starts"))
        elif (after.dates.earliest - before.dates.latest).days > 1:
            problems.append(warning(origin.path, *where, f"plugins.edition: sections '{before.id}' and "
                                    f"'{after.id}' leave a gap: documents dated between them belong to no section"))
    return sections


def _markdown_extensions(raw: Any, origin: Origin,
                         problems: list[Problem]) -> tuple[tuple[str, ...], dict[str, dict[str, Any]]]:
    """The extension names and settings of ``markdown_extensions``, custom tags resolved as MkDocs does."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(raw if isinstance(raw, list) else []):
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict) and len(entry) == 1:
            name, settings = next(iter(entry.items()))
            names.append(str(name))
            if isinstance(settings, dict):
                configs[str(name)] = {k: _resolve(v, origin, ("markdown_extensions", index, name, k), problems)
                                      for k, v in settings.items()}
        else:
            problems.append(error(origin.path, *origin.value_at(("markdown_extensions", index)),
                                  "each of markdown_extensions is a name, or a name with its settings"))
    return tuple(names), configs


def _resolve(value: Any, origin: Origin, key_path: KeyPath, problems: list[Problem]) -> Any:
    if isinstance(value, list):
        return [_resolve(v, origin, (*key_path, i), problems) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: _resolve(v, origin, (*key_path, k), problems) for k, v in value.items()}
    if not isinstance(value, Tagged):
        return value
    if value.tag.startswith(_PYTHON_NAME):
        module_name, _, attribute = value.tag.removeprefix(_PYTHON_NAME).rpartition(".")
        try:
            return getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            problems.append(error(origin.path, *origin.value_at(key_path), f"cannot find '{module_name}."
                                  f"{attribute}' ({exc}): install the package that provides it"))
            return None
    if value.tag == "!ENV":
        names = value.value if isinstance(value.value, list) else [value.value]
        return next((os.environ[n] for n in names if isinstance(n, str) and n in os.environ), None)
    return value.value
