"""JSON Schemas: generated from the models, with the fields' docstrings."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

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


@pytest.mark.parametrize("kind", ["checklist", "assessment"])
def test_descriptions_are_the_ones_pydantic_itself_would_give(kind: str) -> None:
    # In a fresh process, let pydantic read the docstrings itself, then compare.
    script = (
        "import json, sys\n"
        "import checklist.base as base\n"
        "base.Strict.model_config['use_attribute_docstrings'] = True\n"
        "from checklist.models import Assessment, Checklist\n"
        "model = Checklist if sys.argv[1] == 'checklist' else Assessment\n"
        "print(json.dumps(model.model_json_schema(mode='validation')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, kind], capture_output=True, text=True, check=True
    )
    theirs = json.loads(done.stdout)
    ours = json_schema(kind)  # type: ignore[arg-type]
    del ours["$schema"], ours["$id"]
    assert ours == theirs
