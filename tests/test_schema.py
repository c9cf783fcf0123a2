"""JSON Schemas: generated from the models, with the fields' docstrings."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from checklist.cli import main
from checklist.loader import load_path
from checklist.models import Assessment, Checklist
from checklist.schema import checklist_schema_url, json_schema, schema_text

if TYPE_CHECKING:
    from collections.abc import Callable


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


# Per-checklist assessment schemas, for editors (yaml-language-server).

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "docs" / "schemas" / "assessments"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def _shipped() -> dict[str, Checklist]:
    found = {}
    for path in sorted((ROOT / "checklists").glob("*.yaml")):
        loaded = load_path(path)
        assert isinstance(loaded.document, Checklist), loaded.problems
        found[loaded.document.id] = loaded.document
    return found


def test_each_shipped_checklist_has_its_published_assessment_schema() -> None:
    shipped = _shipped()
    assert sorted(p.name for p in PUBLISHED.glob("*.json")) == sorted(
        f"{checklist_id}.schema.json" for checklist_id in shipped
    )
    for checklist_id, checklist in shipped.items():
        published = PUBLISHED / f"{checklist_id}.schema.json"
        assert published.read_text(encoding="utf-8") == schema_text("assessment", checklist), (
            f"run: checklist schema assessment --checklist {checklist_id} > "
            f"{published.relative_to(ROOT)}"
        )


def _check(schema: Path, document: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), str(document)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_example_passes_its_checklists_schema() -> None:
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        loaded = load_path(example)
        assert isinstance(loaded.document, Assessment)
        done = _check(PUBLISHED / f"{loaded.document.checklist.id}.schema.json", example)
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda a: a["input-output-pairs"].update(answer="maybe"), "'maybe' is not one of"),
        (lambda a: a.update({"input-output-pair": {"answer": "yes"}}), "input-output-pair"),
        (lambda a: a["input-output-pairs"].update(answer=None, not_applicable=True), "False"),
    ],
    ids=["wrong-answer", "unknown-item", "not-applicable-where-not-allowed"],
)
def test_a_wrong_answer_is_rejected_while_typing(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], error: str
) -> None:
    example = ROOT / "examples" / "restaurant-recommender-ml-fit.yaml"
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    change(data["answers"])
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    done = _check(PUBLISHED / "ml-fit.schema.json", wrong)
    assert done.returncode == 1, done.stdout
    assert error in done.stdout


def test_init_points_the_editor_at_the_checklists_own_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["init", "ml-fit"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"# yaml-language-server: $schema={checklist_schema_url('ml-fit')}"
    # A team's own checklist has no published schema: the general one.
    own = tmp_path / "checklists"
    own.mkdir()
    (own / "demo.yaml").write_text(
        (ROOT / "tests" / "cases" / "fixtures" / "demo.yaml").read_text(encoding="utf-8")
    )
    monkeypatch.chdir(tmp_path)
    assert main(["init", "demo", "--checklists", str(own)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith("/schemas/assessment.schema.json")


def test_schema_for_a_checklist_is_printed_by_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "assessment", "--checklist", "ml-fit"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["properties"]["checklist"]["properties"]["id"] == {"const": "ml-fit"}
    assert printed["properties"]["answers"]["additionalProperties"] is False


def test_the_schemas_page_links_each_checklists_schema() -> None:
    page = (ROOT / "docs" / "reference" / "schemas.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\(\.\./schemas/assessments/([a-z0-9-]+)\.schema\.json\)", page))
    assert linked == set(_shipped())
