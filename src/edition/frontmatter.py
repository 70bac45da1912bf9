"""Front-matter read with the position of every key and value.

MkDocs drops malformed front-matter without a word. We parse it ourselves with PyYAML's node
API, which keeps the line and column of every node, so that every later problem can point at the
key or list item it concerns, and so duplicate keys (which YAML silently collapses) are caught.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem, error

__all__ = ["FrontMatter", "Position", "SourceFile", "split_front_matter"]

Position = tuple[int, int]
KeyPath = tuple[str | int, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _EditionLoader(_Loader):  # type: ignore[misc, valid-type]
    """A safe loader that leaves timestamps as written, so that ``1921-02-30`` reaches the date
    checker as text instead of raising inside YAML."""


_EditionLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


@dataclass(slots=True)
class FrontMatter:
    """The parsed mapping, and where in the file each key and value stands."""

    data: dict[str, Any]
    keys: dict[KeyPath, Position] = field(default_factory=dict)
    values: dict[KeyPath, Position] = field(default_factory=dict)
    start: Position = (1, 1)

    def key_at(self, path: KeyPath) -> Position:
        """Where a key stands; for a missing key, the opening ``---``."""
        return self.keys.get(path) or self.start

    def value_at(self, path: KeyPath) -> Position:
        return self.values.get(path) or self.key_at(path[:1])


@dataclass(slots=True)
class SourceFile:
    """A Markdown file split into front-matter and body."""

    path: str
    front_matter: FrontMatter | None
    body: str
    body_line: int  # the line on which the body starts, for positions within it


def split_front_matter(path: str, text: str) -> tuple[SourceFile, list[Problem]]:
    """Separate the ``---`` block from the body and parse it, collecting every problem."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        problem = error(path, 1, 1, "no front-matter: the file must start with a line '---', "
                        "then YAML keys (id, title, ...), then a closing '---'")
        return SourceFile(path, None, text, 1), [problem]
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        problem = error(path, 1, 1, "front-matter is not closed: add a line '---' after the last key")
        return SourceFile(path, None, "", len(lines) + 1), [problem]
    yaml_text = "".join(lines[1:closing])
    body = "".join(lines[closing + 1 :])
    front_matter, problems = parse_yaml_mapping(path, yaml_text, first_line=2)
    return SourceFile(path, front_matter, body, closing + 2), problems


def parse_yaml_mapping(path: str, text: str, first_line: int = 1) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse YAML that must be a mapping, reporting positions relative to the whole file."""
    offset = first_line - 1
    loader = _EditionLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            message = "front-matter is empty: add id, title and the other keys"
            return None, [error(path, first_line - 1 or 1, 1, message)]
        if not isinstance(node, yaml.MappingNode):
            line, column = node.start_mark.line + 1 + offset, node.start_mark.column + 1
            return None, [error(path, line, column, "front-matter must be a set of 'key: value' lines")]
        front_matter = FrontMatter({}, start=(max(first_line - 1, 1), 1))
        problems: list[Problem] = []
        _record_positions(path, node, (), front_matter, offset, problems, set())
        data = {str(key): value for key, value in loader.construct_document(node).items()}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        column = (mark.column + 1) if mark else 1
        detail = exc.problem or exc.context or "malformed YAML"
        return None, [error(path, line, column, f"malformed YAML: {detail}")]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        return None, [error(path, first_line, 1, f"malformed YAML: {exc}")]
    finally:
        loader.dispose()
    if problems:
        return None, problems
    front_matter.data = data
    return front_matter, []


def _record_positions(path: str, node: yaml.Node, prefix: KeyPath, front_matter: FrontMatter,
                      offset: int, problems: list[Problem], visited: set[int]) -> None:
    # An alias repeats a node; walking it once is enough and keeps "billion laughs" input cheap.
    if id(node) in visited:
        return
    visited.add(id(node))

    def at(n: yaml.Node) -> Position:
        return (n.start_mark.line + 1 + offset, n.start_mark.column + 1)

    if isinstance(node, yaml.MappingNode):
        seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                line, column = at(key_node)
                problems.append(error(path, line, column, "keys must be plain names such as 'title'"))
                continue
            key = key_node.value
            if key in seen:
                line, column = at(key_node)
                problems.append(error(path, line, column,
                                      f"duplicate key '{key}' (first given on line {seen[key][0]}): keep one"))
                continue
            seen[key] = at(key_node)
            front_matter.keys[(*prefix, key)] = at(key_node)
            front_matter.values[(*prefix, key)] = at(value_node)
            _record_positions(path, value_node, (*prefix, key), front_matter, offset, problems, visited)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            front_matter.values[(*prefix, index)] = at(item)
            _record_positions(path, item, (*prefix, index), front_matter, offset, problems, visited)
