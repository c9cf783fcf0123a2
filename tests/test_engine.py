"""The engine against hand-worked cases from the published scoring rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.engine import Result, evaluate_answers
from checklist.loader import load_path
from checklist.models import Answer, Checklist
from tests.conftest import CASES, ROOT

SECTIONS = {"data": "data", "model": "model", "infrastructure": "infra", "monitoring": "monitor"}
BANDS = {
    "research": "More of a research project than a productionized system.",
    "untested": "Not totally untested, but it is worth considering the possibility of serious holes in reliability.",
    "first-pass": "There has been a first pass at basic productionization, but additional investment may be needed.",
    "reasonable": "Reasonably tested, but it is possible that more of those tests and procedures may be automated.",
    "strong": "Strong levels of automated testing and monitoring, appropriate for mission-critical systems.",
    "exceptional": "Exceptional levels of automated testing and monitoring.",
}


def checklist_at(path: Path) -> Checklist:
    loaded = load_path(path)
    assert loaded.ok, loaded.problems
    assert isinstance(loaded.document, Checklist)
    return loaded.document


@pytest.fixture(scope="module")
def ml_test_score() -> Checklist:
    return checklist_at(ROOT / "checklists" / "ml-test-score.yaml")


@pytest.fixture(scope="module")
def well_architected() -> Checklist:
    return checklist_at(ROOT / "checklists" / "well-architected-monitoring.yaml")


@pytest.fixture(scope="module")
def demo() -> Checklist:
    return checklist_at(CASES / "fixtures" / "demo.yaml")


def answers(**values: object) -> dict[str, Answer]:
    return {
        key.replace("_", "-"): Answer.model_validate({"answer": value})
        for key, value in values.items()
    }


def ml_answers(per_section: dict[str, list[float]]) -> dict[str, Answer]:
    """Answers to the ML Test Score: seven values per section, in test order."""
    out = {}
    for section, values in per_section.items():
        assert len(values) == 7
        for n, value in enumerate(values, 1):
            out[f"{SECTIONS[section]}-{n}"] = Answer(answer=value)
    return out


def scores(result: Result) -> dict[str, float | None]:
    return {score.id: score.value for score in result.scores}


def final_band(result: Result) -> str | None:
    return next(s.band for s in result.scores if s.id == "final")


def test_ml_test_score_sums_sections_and_takes_the_minimum(ml_test_score: Checklist) -> None:
    # Data fully automated; model half manual; infrastructure mixed; monitoring barely started.
    result = evaluate_answers(
        ml_test_score,
        ml_answers(
            {
                "data": [1, 1, 1, 1, 1, 1, 1],
                "model": [0.5, 0.5, 0.5, 1, 1, 0, 0],
                "infrastructure": [1, 1, 0.5, 0, 0, 0, 0],
                "monitoring": [0.5, 0.5, 0, 0, 0, 0, 0],
            }
        ),
    )
    assert scores(result) == {
        "data": 7,
        "model": 3.5,
        "infrastructure": 2.5,
        "monitoring": 1,
        "final": 1,
    }
    # A final score of exactly 1 lies in the published band (0, 1].
    assert final_band(result) == BANDS["untested"]
    assert result.complete


@pytest.mark.parametrize(
    ("weakest", "band"),
    [
        (0, "research"),
        (0.5, "untested"),
        (1, "untested"),
        (1.5, "first-pass"),
        (2, "first-pass"),
        (2.5, "reasonable"),
        (3, "reasonable"),
        (3.5, "strong"),
        (5, "strong"),
        (5.5, "exceptional"),
        (7, "exceptional"),
    ],
)
def test_ml_test_score_reads_the_published_bands(
    ml_test_score: Checklist, weakest: float, band: str
) -> None:
    # Three strong sections and a monitoring section worth `weakest` points.
    monitoring = [1.0 if weakest >= n else 0.5 if weakest == n - 0.5 else 0.0 for n in range(1, 8)]
    assert sum(monitoring) == weakest
    result = evaluate_answers(
        ml_test_score,
        ml_answers(
            {"data": [1] * 7, "model": [1] * 7, "infrastructure": [1] * 7, "monitoring": monitoring}
        ),
    )
    assert scores(result)["final"] == weakest
    assert final_band(result) == BANDS[band]


def test_ml_test_score_risks_follow_the_answer_scale_and_the_severity(
    ml_test_score: Checklist,
) -> None:
    severities = {item.id: item.severity for s in ml_test_score.sections for item in s.items}
    assert (severities["data-1"], severities["data-2"], severities["data-3"]) == (
        "high",
        "medium",
        "low",
    )
    # The same rules by severity: high 0 -> high, 0.5 -> medium; medium 0 -> medium,
    # 0.5 -> low; low 0 -> low, 0.5 -> none; automated (1) is never a risk.
    for given, expected in [
        ((0, 0.5, 1), ("high", "low", "none")),
        ((0.5, 0, 0), ("medium", "medium", "low")),
        ((1, 1, 0.5), ("none", "none", "none")),
    ]:
        data_1, data_2, data_3 = given
        result = evaluate_answers(
            ml_test_score, answers(data_1=data_1, data_2=data_2, data_3=data_3)
        )
        risks = {item.id: item.risk for item in result.items}
        assert (risks["data-1"], risks["data-2"], risks["data-3"]) == expected, given
        assert risks["data-4"] == "unanswered"
    result = evaluate_answers(ml_test_score, answers(data_1=0, data_2=0.5, data_3=1))
    assert [step.item for step in result.plan] == ["data-1"]
    assert not result.complete
    # An unanswered test counts as not done: 0 points, as the rubric scores it.
    assert scores(result)["data"] == 1.5
    assert scores(result)["model"] == 0
    assert scores(result)["final"] == 0
    # Three answers of 28: the band, a judgement, waits until every test is answered.
    assert final_band(result) is None
    assert (result.settled, result.headline_status) == (False, "pending")
    assert result.pending == ["3 of 28 questions are answered; the verdict needs 28"]


PRACTICES = ("metrics-tracked", "drift-detected", "alerts-owned", "retraining-triggered")


def lens_risk(chosen: set[str]) -> str:
    """The question's risk by the lens's rules, worked out by hand: no risk with metrics,
    drift detection and owned alerts; medium with metrics and one of the other two; else
    high. Retraining does not change the risk."""
    if {"metrics-tracked", "drift-detected", "alerts-owned"} <= chosen:
        return "none"
    if "metrics-tracked" in chosen and chosen & {"drift-detected", "alerts-owned"}:
        return "medium"
    return "high"


def every_choice() -> list[list[str]]:
    """Every answer the question takes: each non-empty set of practices, and "none" alone."""
    subsets = [[p for n, p in enumerate(PRACTICES) if mask >> n & 1] for mask in range(1, 2**4)]
    return [*subsets, ["none"]]


@pytest.mark.parametrize("chosen", every_choice(), ids=lambda c: "+".join(c))
def test_well_architected_question_scores_every_combination_as_the_lens_says(
    well_architected: Checklist, chosen: list[str]
) -> None:
    result = evaluate_answers(well_architected, {"practices": Answer(answer=chosen)})
    picked = set(chosen) - {"none"}
    risk = lens_risk(picked)
    [item] = result.items
    assert (item.risk, result.sections[0].risk) == (risk, risk)
    assert item.points == len(picked)
    steps = [step for step in result.plan if step.item == "practices"]
    if risk == "none":
        assert steps == []
    else:
        # The plan lists the practices still missing, each with its own hint.
        [step] = steps
        assert [m.value for m in step.missing] == [p for p in PRACTICES if p not in picked]
        assert all(m.hint for m in step.missing)
    # The order the team lists them in does not matter.
    again = evaluate_answers(well_architected, {"practices": Answer(answer=chosen[::-1])})
    assert again.items[0].risk == risk


def test_well_architected_question_unanswered_and_not_applicable(
    well_architected: Checklist,
) -> None:
    assert evaluate_answers(well_architected, {}).sections[0].risk == "unanswered"
    result = evaluate_answers(
        well_architected,
        {"practices": Answer(not_applicable=True, reason="No model in production yet.")},
    )
    assert (result.items[0].risk, result.sections[0].risk) == ("not_applicable", "not_applicable")


def test_condition_skips_an_item_and_its_answer_does_not_count(demo: Checklist) -> None:
    result = evaluate_answers(demo, answers(has_data="no", data_source="logs", maturity=2))
    by_id = {item.id: item for item in result.items}
    assert by_id["data-source"].status == "skipped"
    assert by_id["data-source"].risk == "skipped"
    assert by_id["data-source"].answer is None
    # has-data (0) + maturity (2); the skipped choice's point does not count.
    assert scores(result)["total"] == 2


def test_a_failed_blocker_decides_the_verdict(demo: Checklist) -> None:
    result = evaluate_answers(
        demo, answers(has_data="no", maturity=2, rows=10, retention="yes", notes="x")
    )
    assert result.verdict is not None
    assert (result.verdict.id, result.verdict.decided_by, result.verdict.blockers) == (
        "stop",
        "blocker",
        ["has-data"],
    )
    assert result.plan[0].item == "has-data"


def test_verdict_rules_apply_in_order_with_a_default(demo: Checklist) -> None:
    rest = {"rows": 5, "retention": "yes", "notes": "x"}
    go = evaluate_answers(demo, answers(has_data="yes", data_source="logs", maturity=2, **rest))
    assert go.verdict is not None
    assert (go.verdict.id, go.verdict.decided_by, go.verdict.rule) == ("go", "rule", 0)
    wait = evaluate_answers(demo, answers(has_data="yes", data_source="manual", maturity=1, **rest))
    assert wait.verdict is not None
    assert (wait.verdict.id, wait.verdict.decided_by) == ("wait", "default")
    assert wait.verdict.because == "Decided by the default: no rule held"


def test_default_item_risk_comes_from_severity(demo: Checklist) -> None:
    result = evaluate_answers(
        demo, answers(has_data="yes", data_source="vendor", maturity=0, rows=5, notes="x")
    )
    risks = {item.id: item.risk for item in result.items}
    # blocker -> high only when failed; a medium choice below its best option -> medium;
    # a number or a text item has no best answer, so no risk.
    assert risks == {
        "has-data": "none",
        "data-source": "medium",
        "maturity": "medium",
        "rows": "none",
        "retention": "unanswered",
        "notes": "none",
    }
    assert result.risks == {
        "high": 0,
        "medium": 2,
        "low": 0,
        "none": 3,
        "unanswered": 1,
        "not_applicable": 0,
        "skipped": 0,
    }


def test_yes_no_answers_accept_yaml_booleans(demo: Checklist) -> None:
    strings = evaluate_answers(demo, answers(has_data="no"))
    booleans = evaluate_answers(demo, answers(has_data=False))
    assert strings == booleans


def test_plan_orders_by_risk_then_severity_then_position(demo: Checklist) -> None:
    result = evaluate_answers(demo, answers(has_data="no", maturity=0, retention="no"))
    assert [(s.item, s.risk) for s in result.plan] == [("has-data", "high"), ("maturity", "medium")]
