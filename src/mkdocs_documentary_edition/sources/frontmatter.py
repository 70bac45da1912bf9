"""Front-matter read with the position of every key and value.

python-frontmatter splits a file into its YAML block and its body; PyYAML's node API then parses
the block keeping the line and column of every node, so that every later problem can point at the
key or list item it concerns, and so that duplicate keys (which YAML silently collapses) are caught.
The same positional parser reads ``mkdocs.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from ..model.problems import Problem, error
from ..model.records import KeyPath, Origin, Position

__all__ = ["FrontMatter", "SourceFile", "Tagged", "parse_yaml_mapping", "split_front_matter"]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_HANDLER = YAMLHandler()


class _EditionLoader(_Loader):  # type: ignore[misc]
    """A safe loader that leaves timestamps as written, so that ``1921-02-30`` reaches the date
    checker as text instead of raising inside YAML."""


_EditionLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


class _ConfigLoader(_EditionLoader):
    """For mkdocs.yml: tags such as ``!!python/name:`` are kept as their text; only MkDocs resolves them."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: Tagged(suffix, _scalar(loader, node)))


@dataclass(frozen=True, slots=True)
class Tagged:
    """A value written with a custom tag in mkdocs.yml, e.g. ``!!python/name:module.name``."""

    tag: str
    value: Any


def _scalar(loader: Any, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return None


@dataclass(slots=True)
class FrontMatter:
    """The parsed mapping, and where in the file each key and value stands."""

    data: dict[str, Any]
    origin: Origin


@dataclass(slots=True)
class SourceFile:
    """A Markdown file split into front-matter and body."""

    path: str
    front_matter: FrontMatter | None
    body: str
    body_line: int  # the line on which the body starts, for positions within it


def split_front_matter(path: str, text: str) -> tuple[SourceFile, list[Problem]]:
    """Separate the ``---`` block from the body and parse it, collecting every problem."""
    if not _HANDLER.detect(text):
        problem = error(path, 1, 1, "no front-matter: the file must start with a line '---', "
                        "then YAML keys (id, title, ...), then a closing '---'")
        return SourceFile(path, None, text, 1), [problem]
    try:
        yaml_text, body = _HANDLER.split(text)
    except ValueError:
        problem = error(path, 1, 1, "front-matter is not closed: add a line '---' after the last key")
        return SourceFile(path, None, "", text.count("\n") + 2), [problem]
    yaml_start = text.index(yaml_text, 3) if yaml_text else 3
    first_line = text.count("\n", 0, yaml_start) + 1
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    front_matter, problems = parse_yaml_mapping(path, yaml_text, first_line=first_line)
    return SourceFile(path, front_matter, body, body_line), problems


def parse_yaml_mapping(path: str, text: str, first_line: int = 1,
                       config: bool = False) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse YAML that must be a mapping, reporting positions relative to the whole file.

    Arguments:
        config: the text is ``mkdocs.yml``: custom tags are allowed, and so are anchors and aliases.
    """
    offset = first_line - 1
    loader = (_ConfigLoader if config else _EditionLoader)(text)
    where = "mkdocs.yml" if config else "front-matter"
    try:
        node = loader.get_single_node()
        if node is None:
            message = f"{where} is empty: add id, title and the other keys" if not config \
                else "mkdocs.yml is empty: add site_name, plugins and the edition's sections"
            return None, [error(path, max(first_line - 1, 1), 1, message)]
        if not isinstance(node, yaml.MappingNode):
            line, column = node.start_mark.line + 1 + offset, node.start_mark.column + 1
            return None, [error(path, line, column, f"{where} must be a set of 'key: value' lines")]
        origin = Origin(path, start=(max(first_line - 1, 1), 1), keys={}, values={})
        problems: list[Problem] = []
        _record_positions(path, node, (), origin, offset, problems, set(), allow_aliases=config)
        if problems:
            return None, problems
        data = {str(key): value for key, value in loader.construct_document(node).items()}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        column = (mark.column + 1) if mark else 1
        detail = exc.problem or exc.context or "malformed YAML"
        lines = text.splitlines()
        source_line = lines[mark.line] if mark and mark.line < len(lines) else ""
        if "\t" in source_line[: mark.column + 1 if mark else 0] or "tab" in detail:
            detail += "; indent with spaces, not tabs"
        return None, [error(path, line, column, f"malformed YAML: {detail}")]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        return None, [error(path, first_line, 1, f"malformed YAML: {exc}")]
    finally:
        loader.dispose()
    return FrontMatter(data, origin), []


def _record_positions(path: str, node: yaml.Node, prefix: KeyPath, origin: Origin, offset: int,
                      problems: list[Problem], visited: set[int], allow_aliases: bool) -> None:
    def at(n: yaml.Node) -> Position:
        return (n.start_mark.line + 1 + offset, n.start_mark.column + 1)

    # PyYAML hands an alias back as the very node it names. Front-matter has no use for them, and
    # refusing them here keeps a "billion laughs" file from expanding in any later step.
    if id(node) in visited:
        if not allow_aliases and not any("anchors and aliases" in p.message for p in problems):
            problems.append(error(path, *at(node), "YAML anchors and aliases (& and *) are not allowed in "
                                  "front-matter: write the value out in full"))
        return
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        visited.add(id(node))
    keys: dict[KeyPath, Position] = origin.keys  # type: ignore[assignment]
    values: dict[KeyPath, Position] = origin.values  # type: ignore[assignment]
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                if key_node.tag == "tag:yaml.org,2002:merge" and allow_aliases:
                    continue
                problems.append(error(path, *at(key_node), "keys must be plain names such as 'title'"))
                continue
            key = key_node.value
            if key in seen:
                problems.append(error(path, *at(key_node),
                                      f"duplicate key '{key}' (first given on line {seen[key][0]}): keep one"))
                continue
            seen[key] = at(key_node)
            keys[(*prefix, key)] = at(key_node)
            values[(*prefix, key)] = at(value_node)
            _record_positions(path, value_node, (*prefix, key), origin, offset, problems, visited, allow_aliases)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            values[(*prefix, index)] = at(item)
            _record_positions(path, item, (*prefix, index), origin, offset, problems, visited, allow_aliases)
