"""Front-matter checked against the edition's JSON Schema, each problem placed at its key.

The schema in ``schemas/edition.schema.json`` is the one source of truth: editors with YAML
support check against it as contributors type, and this module checks against it on every run,
turning the schema's findings into messages a contributor can act on.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..model.problems import Problem, did_you_mean, error
from ..model.records import KeyPath
from .frontmatter import FrontMatter

__all__ = ["SCHEMA_RESOURCE", "load_schema", "validate_front_matter"]

SCHEMA_RESOURCE = "schemas/edition.schema.json"

_TYPE_NAMES = {
    "string": "text", "integer": "a whole number", "array": "a list", "object": "a mapping of keys",
    "boolean": "true or false", "number": "a number", "null": "empty",
}


@cache
def load_schema() -> dict[str, Any]:
    text = resources.files(__package__.rpartition(".")[0]).joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _kind_schema(kind: str) -> dict[str, Any]:
    return {"$defs": load_schema()["$defs"], "$ref": f"#/$defs/{kind}"}


@cache
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(_kind_schema(kind))


@cache
def _fast_check(kind: str) -> Any:
    # fastjsonschema compiles the same schema to Python: about fifty times quicker on the common,
    # valid file. jsonschema is asked only when it fails, for every error with its path.
    return fastjsonschema.compile(_kind_schema(kind))


def validate_front_matter(kind: str, front_matter: FrontMatter, path: str) -> list[tuple[KeyPath, Problem]]:
    """Check one file's front-matter against the schema for its kind (document, person, event).

    Returns:
        Each problem with the key path it concerns, so that the reader can keep the valid keys.
    """
    try:
        _fast_check(kind)(front_matter.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    problems: list[tuple[KeyPath, Problem]] = []
    for failure in _validator(kind).iter_errors(front_matter.data):
        key_path = tuple(failure.absolute_path)
        problems.extend((key_path, problem) for problem in _explain(failure, front_matter, path))
    return problems


def _explain(failure: ValidationError, front_matter: FrontMatter, path: str) -> list[Problem]:
    key_path = tuple(failure.absolute_path)
    where = ".".join(str(k) for k in key_path) if key_path else ""
    schema = failure.schema if isinstance(failure.schema, dict) else {}
    instance: Any = failure.instance
    validator = failure.validator
    expected: Any = failure.validator_value

    if validator == "required":
        missing = [k for k in expected if k not in instance]
        line, column = front_matter.origin.key_at(key_path) if key_path else front_matter.origin.start
        owner = f" in '{where}'" if where else ""
        return [error(path, line, column, f"missing required key '{key}'{owner}") for key in missing]
    if validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        problems = []
        for key in instance:
            if key in allowed:
                continue
            line, column = front_matter.origin.key_at((*key_path, key))
            problems.append(error(path, line, column, f"unknown key '{key}'{did_you_mean(str(key), allowed)}"))
        return problems

    line, column = front_matter.origin.value_at(key_path)
    label = f"'{where}'" if where else "front-matter"
    if validator == "type":
        expected = expected if isinstance(expected, list) else [expected]
        names = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        return [error(path, line, column, f"{label} should be {names}, not {_describe(instance)}")]
    if validator == "enum":
        choices = [str(c) for c in expected]
        hint = did_you_mean(str(instance), choices) or f"; use one of: {', '.join(choices)}"
        return [error(path, line, column, f"{label}: '{instance}' is not allowed{hint}")]
    if validator in ("minLength", "minItems"):
        return [error(path, line, column, f"{label} must not be empty")]
    if validator == "maxLength":
        return [error(path, line, column, f"{label} is {len(instance)} characters long: keep it to {expected}, "
                      "so that every file system and URL can hold it")]
    message = schema.get("x-message")
    if message and isinstance(instance, dict):
        return [error(path, line, column, f"{label}: {message}")]
    if message:
        shown = instance if isinstance(instance, str | int) else _describe(instance)
        return [error(path, line, column, f"{label}: '{shown}' is not valid: {message}")]
    return [error(path, line, column, f"{label}: {failure.message}")]


def _describe(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"'{value}'"
