"""JSON Schemas: generated from the models, with the fields' docstrings."""

from __future__ import annotations

from checklist.schema import json_schema


def test_fields_carry_the_docstring_written_under_them() -> None:
    schema = json_schema("checklist")
    option = schema["$defs"]["Option"]["properties"]
    assert option["value"]["description"] == "What the assessment file stores."
    # Keys stay sorted, as pydantic writes them.
    assert list(option["value"]) == sorted(option["value"])
    top = schema["properties"]
    assert top["version"]["description"].startswith("Bump the major version")


def test_assessment_answers_are_described() -> None:
    answer = json_schema("assessment")["$defs"]["Answer"]["properties"]
    assert answer["reason"]["description"] == "Why the item does not apply."
