"""CI gates: ``--fail-on`` sees item and section risk and unanswered items,
``--fail-on-verdict`` sees the verdict's tone and a pending verdict, and files that
fail only a gate are counted apart from invalid files."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from checklist.cli import main
from checklist.skeleton import skeleton
from tests.conftest import ROOT
from tests.test_engine import checklist_at

WA = "well-architected-monitoring"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--no-color", *args])
    return code, capsys.readouterr().out


def assessment(tmp_path: Path, checklist_id: str, answers: Mapping[str, object]) -> Path:
    """An assessment straight from `checklist init`, with some answers filled in."""
    text = skeleton(checklist_at(ROOT / "checklists" / f"{checklist_id}.yaml"))
    for item, value in answers.items():
        before = f"  {item}:\n    answer: null"
        assert before in text, item
        text = text.replace(before, f"  {item}:\n    answer: {json.dumps(value)}")
    path = tmp_path / f"{checklist_id}-assessment.yaml"
    path.write_text(text, encoding="utf-8")
    return path


YES_NO_NO_YES = {"practices": ["metrics-tracked", "retraining-triggered"]}
"""The Well-Architected question with the first and the last practice followed."""


def test_fail_on_high_sees_the_risk_of_a_well_architected_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = assessment(tmp_path, WA, YES_NO_NO_YES)
    assert run(capsys, "validate", str(path))[0] == 0
    code, out = run(capsys, "validate", str(path), "--fail-on", "high")
    assert code == 1
    assert (
        "fails: answers.practices: item 'practices' is at high risk (--fail-on high): "
        "Which of these practices does your team follow today?" in out
    )
    assert (
        "fails: answers: section 'monitor-quality' is at high risk (--fail-on high): "
        "How do you monitor the quality of your models in production?" in out
    )
    assert out.splitlines()[-1] == "1 file checked: 0 valid, 1 failed a gate, 0 invalid"


def test_fail_on_high_sees_a_section_at_high_risk_by_its_own_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A section whose own rules put it at high risk, with no item at high risk."""
    checklist = tmp_path / "lens.yaml"
    checklist.write_text(
        "kind: checklist\nschema_version: 1\nid: lens\ntitle: Lens\nversion: 1.0.0\n"
        "summary: S.\nsections:\n  - id: q\n    title: The question\n    items:\n"
        "      - {id: a, question: A?, severity: low, answer: {type: yes_no}, hint: h}\n"
        "      - {id: b, question: B?, severity: low, answer: {type: yes_no}, hint: h}\n"
        "    risk:\n      - {when: {all: [{item: a, is: 'yes'}, {item: b, is: 'yes'}]}, level: none}\n"
        "      - {default: high}\n",
        encoding="utf-8",
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "kind: assessment\nschema_version: 1\nchecklist: {id: lens, version: 1.0.0}\n"
        "project: P\ndate: 2026-01-01\nanswers:\n  a: {answer: 'yes'}\n  b: {answer: 'no'}\n",
        encoding="utf-8",
    )
    code, out = run(capsys, "validate", str(checklist), str(answers), "--fail-on", "high")
    assert code == 1, out
    assert "section 'q' is at high risk (--fail-on high): The question" in out
    assert "item 'b'" not in out  # b itself is only at low risk


def test_an_assessment_straight_from_init_fails_on_unanswered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = assessment(tmp_path, WA, {})
    assert run(capsys, "validate", str(path))[0] == 0
    code, out = run(capsys, "validate", str(path), "--fail-on", "unanswered")
    assert code == 1
    assert out.count("is unanswered (--fail-on unanswered)") == 1
    full = assessment(tmp_path, WA, YES_NO_NO_YES)
    assert run(capsys, "validate", str(full), "--fail-on", "unanswered")[0] == 0


@pytest.mark.parametrize(
    ("answers", "gate", "shown"),
    [
        ({}, "negative", "pending"),  # nothing is decided yet
        ({"input-output-pairs": "no"}, "negative", "ML is not the right tool (negative)"),
        ({"input-output-pairs": "no"}, "caution", "ML is not the right tool (negative)"),
    ],
)
def test_fail_on_verdict_sees_the_tone_and_a_pending_verdict(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    answers: dict[str, str],
    gate: str,
    shown: str,
) -> None:
    path = assessment(tmp_path, "ml-fit", answers)
    assert run(capsys, "validate", str(path))[0] == 0
    code, out = run(capsys, "validate", str(path), "--fail-on-verdict", gate)
    assert code == 1, out
    assert f"the verdict is {shown} (--fail-on-verdict {gate}): " in out


def test_a_good_verdict_passes_the_verdict_gate(capsys: pytest.CaptureFixture[str]) -> None:
    good = str(ROOT / "tests" / "cases" / "real" / "ml-fit" / "spam-filtering.yaml")
    assert run(capsys, "validate", good, "--fail-on-verdict", "caution")[0] == 0
    stakeholders = str(ROOT / "examples" / "restaurant-recommender-stakeholders.yaml")
    code, out = run(capsys, "validate", stakeholders, "--fail-on-verdict", "caution")
    assert code == 1
    assert "the verdict is Trade-offs partly agreed (caution)" in out
    assert run(capsys, "validate", stakeholders, "--fail-on-verdict", "negative")[0] == 0


def test_gate_failures_are_counted_apart_from_invalid_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gated = assessment(tmp_path, WA, {})
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: assessment\n", encoding="utf-8")
    code, out = run(
        capsys, "validate", str(gated), str(broken), "--fail-on", "unanswered", "--format", "json"
    )
    assert code == 1
    data = json.loads(out)
    assert data["summary"]["valid"] == 0
    assert data["summary"]["failed_gate"] == 1
    assert data["summary"]["invalid"] == 1
    assert data["summary"]["gates"] == 1
    assert data["summary"]["errors"] == sum(
        p["severity"] == "error" for f in data["files"] for p in f["problems"]
    )
    by_file = {Path(f["file"]).name: f for f in data["files"]}
    assert (by_file[gated.name]["valid"], by_file[gated.name]["ok"]) == (True, False)
    assert {p["severity"] for p in by_file[gated.name]["problems"]} == {"gate"}


def test_an_answer_to_an_item_that_is_not_asked_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ml-fit asks about safeguards only when mistakes are not cheap: an answer to it
    beside "cheap" does not count, and validate says so without failing the file."""
    path = assessment(
        tmp_path, "ml-fit", {"wrong-predictions-cheap": "cheap", "safeguards-planned": ["none"]}
    )
    code, out = run(capsys, "validate", str(path))
    assert code == 0, out
    [line] = [line for line in out.splitlines() if ": warning: " in line]
    assert line.endswith(
        "warning: answers.safeguards-planned: item 'safeguards-planned' is not asked with "
        "these answers (its condition does not hold), so its answer does not count; remove "
        "it, or change the answer its condition reads"
    )
