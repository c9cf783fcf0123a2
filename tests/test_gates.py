"""CI gates: ``--fail-on`` sees item and section risk and unanswered items,
``--fail-on-verdict`` sees the verdict's tone and a pending verdict, and files that
fail only a gate are counted apart from invalid files."""

from __future__ import annotations

import json
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


def assessment(tmp_path: Path, checklist_id: str, answers: dict[str, str]) -> Path:
    """An assessment straight from `checklist init`, with some answers filled in."""
    text = skeleton(checklist_at(ROOT / "checklists" / f"{checklist_id}.yaml"))
    for item, value in answers.items():
        before = f"  {item}:\n    answer: null"
        assert before in text, item
        text = text.replace(before, f"  {item}:\n    answer: {json.dumps(value)}")
    path = tmp_path / f"{checklist_id}-assessment.yaml"
    path.write_text(text, encoding="utf-8")
    return path


YES_NO_NO_YES = {
    "metrics-tracked": "yes",
    "drift-detected": "no",
    "alerts-owned": "no",
    "retraining-triggered": "yes",
}


def test_fail_on_high_sees_the_section_risk_of_a_well_architected_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = assessment(tmp_path, WA, YES_NO_NO_YES)
    # No item is at high risk (two at medium); the question itself is.
    assert run(capsys, "validate", str(path))[0] == 0
    code, out = run(capsys, "validate", str(path), "--fail-on", "high")
    assert code == 1
    assert (
        "fails: answers: section 'monitor-quality' is at high risk (--fail-on high): "
        "How do you monitor the quality of your models in production?" in out
    )
    assert out.splitlines()[-1] == "1 file checked: 0 valid, 1 failed a gate, 0 invalid"


def test_an_assessment_straight_from_init_fails_on_unanswered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = assessment(tmp_path, WA, {})
    assert run(capsys, "validate", str(path))[0] == 0
    code, out = run(capsys, "validate", str(path), "--fail-on", "unanswered")
    assert code == 1
    assert out.count("is unanswered (--fail-on unanswered)") == 4
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
    example = str(ROOT / "examples" / "restaurant-recommender-ml-fit.yaml")
    assert run(capsys, "validate", example, "--fail-on-verdict", "caution")[0] == 0
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
    assert data["summary"]["gates"] == 4
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
        tmp_path, "ml-fit", {"wrong-predictions-cheap": "cheap", "safeguards-planned": "no"}
    )
    code, out = run(capsys, "validate", str(path))
    assert code == 0, out
    [line] = [line for line in out.splitlines() if "warning" in line]
    assert line.endswith(
        "warning: answers.safeguards-planned: item 'safeguards-planned' is not asked with "
        "these answers (its condition does not hold), so its answer does not count; remove "
        "it, or change the answer its condition reads"
    )
