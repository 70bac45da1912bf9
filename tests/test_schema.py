"""One JSON Schema for the three kinds of front-matter, published and used by the validator."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from mkdocs_documentary_edition.sources.schema import load_schema

REPOSITORY = Path(__file__).resolve().parents[1]


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(load_schema())


def test_the_schema_covers_documents_people_and_events() -> None:
    assert {"document", "person", "event"} <= set(load_schema()["$defs"])


def test_the_published_schema_is_the_one_the_validator_uses() -> None:
    schema = REPOSITORY / "src" / "mkdocs_documentary_edition" / "schemas" / "edition.schema.json"
    published = json.loads(schema.read_text(encoding="utf-8"))
    assert published == load_schema()


def test_a_yaml_editor_can_check_a_document_against_the_schema() -> None:
    schema = load_schema()
    validator = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/document"})
    good = {"id": "a", "title": "T", "date": "1921-03-08", "author": ["lenin"], "venue": "V", "section": "s"}
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({**good, "colour": "red"}))
