"""Traceability from the source notes to the chapters, the checklists and the worked example.

- Every point of the notes has its chapter section (an anchor in the Markdown) and at
  least one checklist item whose ``chapter`` link points to that section.
- Every item of the chapter checklists links to a section of its checklist's chapter page.
- The chapter checklists' rules say what a practitioner would: failed deal-breakers
  block, expensive mistakes and unowned conflicts are high risks, and so on.
- ``checklist validate checklists examples`` passes.
- Every worked example answers every item of its checklist with a note, and its report in
  text, Markdown and JSON matches ``tests/golden/<example>.<txt|md|json>``.

Set ``CHECKLIST_UPDATE_GOLDEN=1`` to rewrite the golden reports, then review the diff.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from checklist.chapters import anchors
from checklist.cli import main
from checklist.engine import Result, evaluate_answers
from checklist.loader import load_path
from checklist.models import Answer, Assessment, Checklist, Choice, Item, Multi, Scale, YesNo
from tests.conftest import ROOT

DOCS = ROOT / "docs"
CHECKLISTS = ROOT / "checklists"
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"
REFERENCE_CHECKLISTS = frozenset({"ml-test-score", "well-architected-monitoring"})
"""Examples of the rule language, not chapters of the notes: they link to the rules reference."""
CHAPTER_CHECKLISTS = frozenset(
    {"ml-fit", "stakeholders", "business-objectives", "system-requirements"}
)
REPORT_FORMATS = {"txt": "text", "md": "markdown", "json": "json", "html": "html"}


@dataclass(frozen=True)
class Point:
    """One point of the source notes and the chapter section that teaches it."""

    point: str
    """The point, as the notes put it."""
    chapter: str
    """Its chapter section, relative to ``docs/``: ``chapters/page.md#anchor``."""
    parts: tuple[str, ...] = ()
    """Tags naming parts of the point; each needs an item of that section with the tag."""


WHEN_ML = "chapters/when-ml-is-the-right-tool.md"
STAKEHOLDERS = "chapters/stakeholders.md"
BUSINESS = "chapters/business-objectives.md"
REQUIREMENTS = "chapters/requirements.md"

CRITERIA = (
    Point("Capacity To Learn", f"{WHEN_ML}#capacity-to-learn"),
    Point("Patterns Exist", f"{WHEN_ML}#patterns-exist"),
    Point("Data is Available", f"{WHEN_ML}#data-is-available"),
    Point("Predictive Patterns", f"{WHEN_ML}#predictive-patterns"),
    Point(
        "Training and Production data are similar",
        f"{WHEN_ML}#training-and-production-data-are-similar",
    ),
    Point("The Task is Repetitive", f"{WHEN_ML}#the-task-is-repetitive"),
    Point("Wrong Predictions Are Cheap", f"{WHEN_ML}#wrong-predictions-are-cheap"),
    Point("It's at Scale", f"{WHEN_ML}#it-is-at-scale"),
    Point("The patterns are constantly changing", f"{WHEN_ML}#patterns-change"),
)
"""The situations in which ML is useful: the notes' eight, in their order, then the book's
ninth, which the notes leave out (Huyen 2022, ch. 1)."""

BEYOND_CRITERIA = (f"{WHEN_ML}#when-not-to-use-ml",)
"""Sections of ml-fit after the criteria: not a criterion, but part of the decision."""

POINTS = (
    *CRITERIA,
    Point(
        "Complex patterns: a simple mapping belongs in a lookup table, not a model",
        f"{WHEN_ML}#patterns-exist",
        parts=("complex-patterns",),
    ),
    Point(
        "When not to use ML: unethical, a simpler solution works, not cost-effective; "
        "or use ML for one part of the problem",
        f"{WHEN_ML}#when-not-to-use-ml",
        parts=("ethics", "simpler-solution", "cost-effective", "part-of-problem"),
    ),
    Point(
        "Many stakeholders, each with requirements that may conflict",
        f"{STAKEHOLDERS}#many-stakeholders",
    ),
    Point(
        "Food delivery: engineers want performance, sales commissions, product latency",
        f"{STAKEHOLDERS}#food-delivery-example",
        parts=(
            "stakeholder:engineering",
            "stakeholder:sales",
            "stakeholder:product",
            "stakeholder:platform",
            "stakeholder:manager",
        ),
    ),
    Point(
        "Decouple the objectives: one model per objective, combined with weights that can "
        "change without retraining",
        f"{STAKEHOLDERS}#decoupling-objectives",
    ),
    Point(
        "Balance the requirements and build with them in mind",
        f"{STAKEHOLDERS}#handling-conflicts",
    ),
    Point(
        "Tie the ML project to a clear business metric",
        f"{BUSINESS}#tie-ml-to-a-business-metric",
    ),
    Point("Return on investment", f"{BUSINESS}#return-on-investment"),
    Point("ROI tied to the maturity stage of adoption", f"{BUSINESS}#maturity-stage"),
    Point("ML in research vs ML in production", f"{REQUIREMENTS}#research-vs-production"),
    Point("ML systems vs traditional software", f"{REQUIREMENTS}#ml-vs-traditional-software"),
    Point("Reliability", f"{REQUIREMENTS}#reliability"),
    Point(
        "Scalability: serve efficiently, automate the pipeline, keep every training artefact",
        f"{REQUIREMENTS}#scalability",
        parts=("serving", "automation", "artefacts"),
    ),
    Point(
        "Scalability's three axes: model complexity, traffic (with autoscaling), model count",
        f"{REQUIREMENTS}#scalability",
        parts=("model-complexity", "traffic", "model-count"),
    ),
    Point("Maintainability", f"{REQUIREMENTS}#maintainability"),
    Point(
        "ML technical debt: entanglement, glue code, pipeline jungles, configuration debt, "
        "undeclared consumers (Sculley et al. 2015)",
        f"{REQUIREMENTS}#ml-technical-debt",
    ),
    Point(
        "Adaptability: to shifting data and to changing business requirements, with updates "
        "that do not interrupt the service",
        f"{REQUIREMENTS}#adaptability",
        parts=("data-shift", "business-requirements", "zero-downtime"),
    ),
)
"""Every point of the book's chapters 1 and 2 (Huyen 2022) that the site teaches, mapped to
its chapter section: the notes' points, and those the notes leave out."""


def _load(path: Path) -> Checklist | Assessment:
    loaded = load_path(path)
    assert loaded.ok, [str(problem) for problem in loaded.problems]
    assert loaded.document is not None
    return loaded.document


def _checklists() -> dict[str, Checklist]:
    found = {}
    for path in sorted(CHECKLISTS.glob("*.yaml")):
        document = _load(path)
        assert isinstance(document, Checklist), f"{path.name} is not a checklist"
        found[document.id] = document
    return found


def _chapter_checklists() -> list[Checklist]:
    return [c for c in _checklists().values() if c.id not in REFERENCE_CHECKLISTS]


def _items(checklist: Checklist) -> list[Item]:
    return [item for section in checklist.sections for item in section.items]


def _examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def _id(point: Point) -> str:
    return point.chapter.rpartition("/")[2]


def test_the_chapter_checklists_are_all_there() -> None:
    assert set(_checklists()) >= CHAPTER_CHECKLISTS


@pytest.mark.parametrize("point", POINTS, ids=_id)
def test_point_has_its_chapter_section(point: Point) -> None:
    page, _, anchor = point.chapter.partition("#")
    found = anchors(DOCS / page)
    assert found is not None, f"{point.point!r}: no chapter page docs/{page}"
    assert anchor in found, f"{point.point!r}: docs/{page} has no section {{#{anchor}}}"


@pytest.mark.parametrize("point", POINTS, ids=_id)
def test_point_has_a_checklist_item(point: Point) -> None:
    items = [
        item
        for checklist in _chapter_checklists()
        for item in _items(checklist)
        if item.chapter == point.chapter
    ]
    assert items, f"{point.point!r}: no checklist item links to {point.chapter}"
    for part in point.parts:
        assert any(part in item.tags for item in items), (
            f"{point.point!r}: no item linking to {point.chapter} has the tag {part!r}"
        )


def test_ml_fit_has_one_section_per_criterion_in_the_notes_order() -> None:
    ml_fit = _checklists()["ml-fit"]
    chapters = [section.chapter for section in ml_fit.sections]
    assert chapters[: len(CRITERIA)] == [p.chapter for p in CRITERIA]
    assert set(chapters[len(CRITERIA) :]) <= set(BEYOND_CRITERIA)
    for section in ml_fit.sections:
        assert 1 <= len(section.items) <= 4, f"section {section.id}: {len(section.items)} items"
        for item in section.items:
            assert item.chapter == section.chapter, f"{item.id} links outside its criterion"


Change = str | float | list[str]
"""An answer in a test's changes: a list for a multi item."""


def _best_answers(checklist: Checklist, **changes: Change) -> dict[str, Answer]:
    """The best answer to every item (yes, the option or level with the most points, every
    option of a multi; the first option of a choice without points), with ``changes``
    (item ids with ``_`` for ``-``) applied."""
    answers: dict[str, Answer] = {}
    for item in _items(checklist):
        kind = item.answer
        value: Change
        if isinstance(kind, YesNo):
            value = "yes"
        elif isinstance(kind, Choice):
            value = max(kind.options, key=lambda option: option.points or 0).value
        elif isinstance(kind, Multi):
            value = [option.value for option in kind.options if not option.exclusive]
        else:
            assert isinstance(kind, Scale), f"{item.id}: no best answer for {kind.type}"
            value = max(level.value for level in kind.levels)
        answers[item.id] = Answer(answer=value)
    for key, value in changes.items():
        answers[key.replace("_", "-")] = Answer(answer=value)
    return answers


def _risk(result: Result, item_id: str) -> str:
    return next(item.risk for item in result.items if item.id == item_id)


GAP = ["same-population", "same-setting", "launch-stable"]
"""Training data like production, but some kinds of production case missing from it."""
EXPENSIVE = {"wrong_predictions_cheap": "harmful"}
"""Harm that can be put right once found."""
IRREVERSIBLE = {"wrong_predictions_cheap": "irreversible"}
"""Harm that cannot be put right: it must be stopped before it takes effect."""
POOR = {
    "data_similarity": ["none"],
    "approximate_answers_useful": "no",
    "cheap_to_predict": "costly",
    "task_frequency": 0.5,
    "cases_alike": "no",
    "can_invest": "no",
    "investment_reusable": "no",
    "wrong_predictions_cheap": "moderate",
    "mistakes_noticed": "nobody",
    "safeguards_planned": ["none"],
}
"""A project that holds in every deal-breaker and finding, and poorly nearly everywhere else."""


@pytest.mark.parametrize(
    ("changes", "verdict"),
    [
        ({}, "good-fit"),
        # Deal-breakers: nothing to learn from, no pattern, no data, an unethical use, and
        # harmful mistakes that nobody notices or reviews.
        ({"input_output_pairs": "no"}, "not-a-fit"),
        ({"patterns_exist": "none"}, "not-a-fit"),
        ({"data_collectable": "none"}, "not-a-fit"),
        # A one-off export is a risk to plan for, not the deal-breaker.
        ({"data_collectable": "once"}, "good-fit"),
        ({"ethical": "unethical"}, "not-a-fit"),
        (
            {**EXPENSIVE, "mistakes_noticed": "nobody", "safeguards_planned": ["fallback"]},
            "not-a-fit",
        ),
        # Harm that cannot be put right, with no person deciding before it takes effect:
        # an audit or an appeal afterwards comes too late, whoever notices and however soon.
        *[
            (
                {
                    **IRREVERSIBLE,
                    "mistakes_noticed": noticed,
                    "safeguards_planned": ["after-review", "fallback", "abstain", "bounded"],
                },
                "not-a-fit",
            )
            for noticed in ("team", "affected", "late", "nobody")
        ],
        # A person reviewing some cases first is not a person deciding every case it harms.
        (IRREVERSIBLE, "not-a-fit"),
        ({**IRREVERSIBLE, "who_decides": "splits"}, "good-fit"),
        (
            {
                **IRREVERSIBLE,
                "who_decides": "splits",
                "safeguards_planned": ["after-review", "fallback"],
            },
            "not-a-fit",
        ),
        ({**IRREVERSIBLE, "who_decides": "augment", "safeguards_planned": ["fallback"]}, "augment"),
        # Findings that end the question.
        ({"complex_patterns": "exact"}, "no-ml"),
        ({"simpler_solution": "simple-wins"}, "no-ml"),
        ({"cost_effective": "negative"}, "not-a-fit"),
        ({"complex_patterns": "exact", "cost_effective": "negative"}, "no-ml"),
        ({"part_of_problem": "none"}, "no-ml"),
        ({"part_of_problem": "none", "simpler_solution": "not-compared"}, "no-ml"),
        # A table that gives the answer outranks the safeguards of a model nobody builds.
        (
            {
                **IRREVERSIBLE,
                "complex_patterns": "exact",
                "mistakes_noticed": "nobody",
                "safeguards_planned": ["none"],
            },
            "no-ml",
        ),
        # Findings that shape the project.
        ({"cost_effective": "unknown"}, "rules-first"),
        # A gain that pays back only if the model is very good: measure a model first.
        ({"cost_effective": "marginal"}, "rules-first"),
        ({"simpler_solution": "baseline-only", "cost_effective": "marginal"}, "rules-first"),
        ({"data_on_hand": "none"}, "rules-first"),
        ({"simpler_solution": "not-compared"}, "rules-first"),
        ({"task_frequency": 0}, "rules-first"),
        # Nobody has tried to write the rules down: too early to call it too complex.
        ({"complex_patterns": "unknown"}, "rules-first"),
        ({"part_of_problem": "part"}, "part-of-problem"),
        ({"who_decides": "augment"}, "augment"),
        ({**IRREVERSIBLE, "who_decides": "augment", "mistakes_noticed": "late"}, "augment"),
        # A person deciding does not excuse a high risk.
        ({"who_decides": "augment", "data_similarity": ["same-setting"]}, "safeguards"),
        # Risks: safeguards lower the risk they address.
        (EXPENSIVE, "good-fit"),
        ({**EXPENSIVE, "safeguards_planned": ["fallback", "abstain", "bounded"]}, "safeguards"),
        ({**EXPENSIVE, "safeguards_planned": ["none"]}, "safeguards"),
        # A review after the output took effect finds the harm once it is done.
        (
            {
                **EXPENSIVE,
                "mistakes_noticed": "late",
                "safeguards_planned": ["after-review", "fallback"],
            },
            "safeguards",
        ),
        # Patterns that change are a reason for ML, as long as the model keeps up.
        ({"patterns_change": "adversarial"}, "good-fit"),
        ({"patterns_change": "adversarial", "retraining_planned": "no"}, "safeguards"),
        ({"patterns_change": "drifting", "retraining_planned": "no"}, "good-fit"),
        # People disagreeing on the output, or outcomes seen only for some cases, are label
        # risks, not deal-breakers; unsupervised learning needs no labellers at all.
        ({"label_quality": "disagree", "outcomes_for_all": "hidden"}, "good-fit"),
        ({"outcomes_for_all": "partly"}, "good-fit"),
        ({"outcomes_for_all": "holdout"}, "good-fit"),
        (
            {"labels_arrive": "months", "outcomes_for_all": "partly", "label_quality": "mostly"},
            "good-fit",
        ),
        ({"patterns_exist": "plausible"}, "good-fit"),
        ({"data_similarity": GAP, "task_frequency": 0.5}, "good-fit"),
        (
            {"patterns_exist": "plausible", "data_similarity": GAP, "task_frequency": 0.5},
            "safeguards",
        ),
        # Another population or setting is a high risk, a gap in coverage a medium one, and
        # several facts hold at once: the worst one counts.
        ({"data_similarity": ["same-setting", "full-coverage", "launch-stable"]}, "safeguards"),
        ({"data_similarity": ["same-population", "full-coverage", "launch-stable"]}, "safeguards"),
        ({"data_similarity": ["none"]}, "safeguards"),
        ({"legal_duties_met": "no"}, "safeguards"),
        # Data protection: a duty the design cannot meet is a high risk; one nobody has
        # checked yet, a medium one.
        ({"privacy_duties_met": "not-met"}, "safeguards"),
        ({"privacy_duties_met": "not-checked"}, "good-fit"),
        # A cost the people affected bear for each prediction counts like the team's own.
        ({"cheap_to_predict": "costly-for-people"}, "good-fit"),
        (
            {
                "cheap_to_predict": "costly-for-people",
                "labels_arrive": "months",
                "simpler_solution": "baseline-only",
            },
            "safeguards",
        ),
        (POOR, "not-a-fit"),
        # Nobody has reviewed whether the use is acceptable: not yet, whatever else holds.
        ({"ethical": "not-reviewed"}, "rules-first"),
        # A low-stakes use needs no formal review, unless its mistakes can harm someone.
        ({"ethical": "low-stakes"}, "good-fit"),
        ({**EXPENSIVE, "ethical": "low-stakes"}, "rules-first"),
        ({**IRREVERSIBLE, "who_decides": "augment", "ethical": "low-stakes"}, "rules-first"),
        # A model that approves on its own and a person who decides every decline.
        ({"who_decides": "splits"}, "good-fit"),
    ],
)
def test_ml_fit_verdict(changes: dict[str, Change], verdict: str) -> None:
    ml_fit = _checklists()["ml-fit"]
    result = evaluate_answers(ml_fit, _best_answers(ml_fit, **changes))
    assert result.settled
    assert result.verdict is not None
    assert result.verdict.id == verdict, result.verdict.because


@pytest.mark.parametrize(
    ("seen", "risk"),
    [("all", "none"), ("holdout", "none"), ("partly", "medium"), ("hidden", "medium")],
)
def test_outcomes_the_model_hides_are_a_label_risk_unless_a_random_share_shows_them(
    seen: str, risk: str
) -> None:
    """Selective labels: outcomes seen late, only when reported, or never (because nobody
    looks or the model's action prevents or changes them) are a risk; a holdout that shows
    them is the fix."""
    ml_fit = _checklists()["ml-fit"]
    result = evaluate_answers(ml_fit, _best_answers(ml_fit, outcomes_for_all=seen))
    assert _risk(result, "outcomes-for-all") == risk


@pytest.mark.parametrize(
    ("cost", "review", "decides", "risk"),
    [
        ("moderate", ["fallback"], "automate", "medium"),
        ("harmful", ["after-review", "fallback"], "automate", "high"),
        ("irreversible", ["after-review"], "automate", "high"),
        ("harmful", ["human-review"], "automate", "medium"),
        ("irreversible", ["fallback"], "augment", "medium"),
    ],
)
def test_a_mistake_found_late_is_a_high_risk_where_it_harms_and_nobody_looked_first(
    cost: str, review: list[str], decides: str, risk: str
) -> None:
    ml_fit = _checklists()["ml-fit"]
    answers = _best_answers(
        ml_fit,
        wrong_predictions_cheap=cost,
        mistakes_noticed="late",
        safeguards_planned=review,
        who_decides=decides,
    )
    assert _risk(evaluate_answers(ml_fit, answers), "mistakes-noticed") == risk


def test_unsupervised_learning_needs_no_labellers() -> None:
    ml_fit = _checklists()["ml-fit"]
    answers = _best_answers(ml_fit)
    answers["label-quality"] = Answer(not_applicable=True, reason="Unlabelled traffic only.")
    result = evaluate_answers(ml_fit, answers)
    assert result.verdict is not None
    assert (result.verdict.id, _risk(result, "label-quality")) == ("good-fit", "not_applicable")


def test_ml_fit_verdict_reads_no_score() -> None:
    """The deal-breakers, the findings and the risks decide; the mean only informs, so no
    answer that moves the fit score across a threshold can flip the verdict by itself."""
    ml_fit = _checklists()["ml-fit"]
    assert ml_fit.verdict is not None
    rules = json.dumps([rule.model_dump(exclude_none=True) for rule in ml_fit.verdict.rules])
    assert '"score"' not in rules
    assert '"scores"' not in rules


def test_the_ml_fit_verdict_waits_for_every_deal_breaker() -> None:
    ml_fit = _checklists()["ml-fit"]
    breakers = [item.id for item in _items(ml_fit) if "deal-breaker" in item.tags]
    assert breakers == [
        "input-output-pairs",
        "patterns-exist",
        "data-collectable",
        "safeguards-planned",
        "ethical",
    ]
    assert all(item.severity == "blocker" for item in _items(ml_fit) if item.id in breakers)
    for breaker in breakers:
        answers = _best_answers(ml_fit, wrong_predictions_cheap="harmful")
        del answers[breaker]
        result = evaluate_answers(ml_fit, answers)
        assert not result.settled, breaker
        assert result.verdict is not None
        assert result.verdict.state == "pending", breaker
        assert result.next[0] == breaker


def test_harm_nobody_would_notice_is_a_deal_breaker_and_a_review_lifts_it() -> None:
    ml_fit = _checklists()["ml-fit"]
    unseen = {**EXPENSIVE, "mistakes_noticed": "nobody"}
    result = evaluate_answers(ml_fit, _best_answers(ml_fit, **unseen, safeguards_planned=["none"]))
    assert result.verdict is not None
    assert (result.verdict.id, result.verdict.decided_by) == ("not-a-fit", "blocker")
    assert result.headline_status == "blocked"
    assert _risk(result, "wrong-predictions-cheap") == "high"
    step = next(step for step in result.plan if step.item == "wrong-predictions-cheap")
    for safeguard in ("review", "fallback", "abstain"):
        assert safeguard in step.hint
    plan = next(step for step in result.plan if step.item == "safeguards-planned")
    assert [option.value for option in plan.missing] == [
        "human-review",
        "after-review",
        "fallback",
        "abstain",
        "bounded",
    ]
    reviewed = _best_answers(ml_fit, **unseen, safeguards_planned=["human-review"])
    result = evaluate_answers(ml_fit, reviewed)
    assert _risk(result, "wrong-predictions-cheap") == "low"
    assert result.verdict is not None
    assert result.verdict.id != "not-a-fit"
    cheap = evaluate_answers(ml_fit, _best_answers(ml_fit))
    assert _risk(cheap, "safeguards-planned") == "skipped"


@pytest.mark.parametrize(
    ("noticed", "review", "cost_risk", "safeguards_risk", "verdict"),
    [
        # Before the output takes effect: the harm is stopped (mistakes nobody notices
        # stay a high risk of their own).
        ("nobody", ["human-review"], "low", "none", "safeguards"),
        ("late", ["human-review"], "low", "none", "good-fit"),
        # After it (an audit, an appeal): no deal-breaker, since someone looks, but the
        # harm is done first; only harm put right soon makes it a medium risk.
        ("nobody", ["after-review"], "high", "medium", "safeguards"),
        ("late", ["after-review"], "high", "medium", "safeguards"),
        ("affected", ["after-review"], "medium", "medium", "good-fit"),
        ("team", ["after-review"], "medium", "medium", "good-fit"),
        # Nobody, ever: the deal-breaker.
        ("nobody", ["fallback"], "high", "high", "not-a-fit"),
        ("late", ["fallback"], "high", "high", "not-a-fit"),
    ],
)
def test_a_review_after_the_fact_counts_for_less_than_one_before(
    noticed: str, review: list[str], cost_risk: str, safeguards_risk: str, verdict: str
) -> None:
    ml_fit = _checklists()["ml-fit"]
    answers = _best_answers(
        ml_fit, **EXPENSIVE, mistakes_noticed=noticed, safeguards_planned=[*review, "abstain"]
    )
    result = evaluate_answers(ml_fit, answers)
    assert _risk(result, "wrong-predictions-cheap") == cost_risk
    assert _risk(result, "safeguards-planned") == safeguards_risk
    assert result.verdict is not None
    assert result.verdict.id == verdict, result.verdict.because


MODEL_QUESTIONS = (
    "production-data-logged",
    "shared-feature-code",
    "time-split-evaluation",
    "who-decides",
    "safeguards-planned",
    "investment-reusable",
    "retraining-planned",
)
"""Questions about building and running a model: not asked once no model will be built."""


@pytest.mark.parametrize(
    ("no_model", "verdict"),
    [
        ({"complex_patterns": "exact"}, "no-ml"),
        ({"simpler_solution": "simple-wins"}, "no-ml"),
        ({"part_of_problem": "none"}, "no-ml"),
        ({"complex_patterns": "rules", "simpler_solution": "close"}, "no-ml"),
        ({"complex_patterns": "rules", "can_invest": "no"}, "no-ml"),
        ({"simpler_solution": "close", "cost_effective": "marginal"}, "no-ml"),
        ({"cost_effective": "negative"}, "not-a-fit"),
    ],
)
def test_model_questions_are_not_asked_when_the_answers_say_no_model_will_be_built(
    no_model: dict[str, str], verdict: str
) -> None:
    """Every finding the verdict reads as "no ML" (and a cost above the gain) skips the
    questions about building, running and safeguarding a model: a team whose answer is a
    rule or a table need not invent them, and a missing safeguard of a model nobody will
    build cannot block the rule or the table."""
    ml_fit = _checklists()["ml-fit"]
    harmful: dict[str, Change] = {
        **IRREVERSIBLE,
        "mistakes_noticed": "nobody",
        "patterns_change": "adversarial",
        "safeguards_planned": ["none"],
        **no_model,
    }
    answers = _best_answers(ml_fit, **harmful)
    for item_id in MODEL_QUESTIONS:
        del answers[item_id]
    result = evaluate_answers(ml_fit, answers)
    assert [_risk(result, item_id) for item_id in MODEL_QUESTIONS] == ["skipped"] * 7
    assert result.settled
    assert result.verdict is not None
    assert (result.verdict.id, result.verdict.decided_by) == (verdict, "rule")


def test_model_questions_are_asked_while_a_model_may_come_later() -> None:
    """No history yet, and collection started: "rules first", not "no ML", even with a
    handful of rules and nobody to fund a model today; a model may come once the data has
    grown, so what it would need is still asked."""
    ml_fit = _checklists()["ml-fit"]
    answers = _best_answers(
        ml_fit,
        complex_patterns="rules",
        can_invest="no",
        data_on_hand="none",
        wrong_predictions_cheap="moderate",
        patterns_change="drifting",
    )
    result = evaluate_answers(ml_fit, answers)
    assert result.verdict is not None
    assert result.verdict.id == "rules-first"
    assert {_risk(result, item_id) for item_id in MODEL_QUESTIONS} == {"none"}
    del answers["shared-feature-code"]
    assert not evaluate_answers(ml_fit, answers).settled


def test_what_a_comparison_found_decides_not_whether_it_was_made() -> None:
    """A truthful "we compared, and the rule captures most of the value" argues against ML,
    and a measured loss is a finding apart from a missing estimate."""
    ml_fit = _checklists()["ml-fit"]
    outcome = {}
    risk = {}
    for found in ("ml-wins", "close", "simple-wins", "baseline-only", "not-compared"):
        result = evaluate_answers(ml_fit, _best_answers(ml_fit, simpler_solution=found))
        assert result.verdict is not None
        outcome[found] = result.verdict.id
        risk[found] = _risk(result, "simpler-solution")
    assert outcome == {
        "ml-wins": "good-fit",
        "close": "good-fit",
        "simple-wins": "no-ml",
        # A measured baseline and no model yet: neither outcome is known, and the bar is.
        "baseline-only": "good-fit",
        "not-compared": "rules-first",
    }
    assert risk["baseline-only"] == "medium"
    worth = {}
    for found in ("ml-wins", "baseline-only", "simple-wins"):
        result = evaluate_answers(ml_fit, _best_answers(ml_fit, simpler_solution=found))
        worth[found] = next(s.value for s in result.scores if s.id == "worth-it")
    # "We compared, and the rule wins" counts against ML, never for it; a baseline with
    # nothing to compare it with counts neither way.
    assert worth == {"ml-wins": 1, "baseline-only": 2.5 / 3, "simple-wins": 2 / 3}
    verdicts = {
        estimate: evaluate_answers(ml_fit, _best_answers(ml_fit, cost_effective=estimate)).verdict
        for estimate in ("negative", "unknown")
    }
    assert {k: v.id for k, v in verdicts.items() if v is not None} == {
        "negative": "not-a-fit",
        "unknown": "rules-first",
    }


def test_volume_is_asked_once() -> None:
    ml_fit = _checklists()["ml-fit"]
    volume = [item.id for item in _items(ml_fit) if "how often" in item.question.lower()]
    assert volume == ["task-frequency"]
    assert "many-cheap-predictions" not in {item.id for item in _items(ml_fit)}


def test_small_scale_points_to_a_non_ml_baseline() -> None:
    ml_fit = _checklists()["ml-fit"]
    result = evaluate_answers(ml_fit, _best_answers(ml_fit, cost_effective="unknown"))
    step = next(step for step in result.plan if step.item == "cost-effective")
    assert "non-ML baseline" in step.hint


@pytest.mark.parametrize(
    ("stage", "ambition", "risk"),
    [
        (0, "flagship", "high"),
        (1, "flagship", "high"),
        (2, "flagship", "none"),
        (3, "flagship", "none"),
        (0, "significant", "medium"),
        (1, "significant", "none"),
        (0, "modest", "none"),
    ],
)
def test_ambition_beyond_the_maturity_stage_is_a_risk(stage: int, ambition: str, risk: str) -> None:
    business = _checklists()["business-objectives"]
    answers = _best_answers(business, maturity_stage=stage, project_ambition=ambition)
    assert _risk(evaluate_answers(business, answers), "project-ambition") == risk


def test_missing_business_metric_is_a_high_risk() -> None:
    business = _checklists()["business-objectives"]
    result = evaluate_answers(business, _best_answers(business, business_metric_named="no"))
    assert _risk(result, "business-metric-named") == "high"


@pytest.mark.parametrize(
    ("changes", "verdict"),
    [
        ({}, "agreed"),
        ({"open_conflicts_settled": "no"}, "partly-agreed"),
        ({"open_conflicts_settled": "no", "trade_off_owner": "no"}, "unresolved"),
        ({"conflicts_explicit": "no"}, "unresolved"),
        # The book's own method for conflicting objectives is not a conflict left open.
        ({"conflict_rule": "decoupled-weights"}, "agreed"),
        # A weighted loss is an agreed rule too; not decoupling it is only a low risk.
        ({"conflict_rule": "weighted-loss", "objectives_decoupled": "no"}, "agreed"),
        # The agreed rule and the system contradict each other: one of the answers is wrong.
        ({"conflict_rule": "decoupled-weights", "objectives_decoupled": "no"}, "partly-agreed"),
        ({"conflict_rule": "weighted-loss", "objectives_decoupled": "yes"}, "partly-agreed"),
        ({"conflict_rule": "none"}, "unresolved"),
        ({"affected_outsiders": "not-considered"}, "partly-agreed"),
        ({"affected_outsiders": "named"}, "agreed"),
    ],
)
def test_unresolved_stakeholder_conflicts_are_a_risk(changes: dict[str, str], verdict: str) -> None:
    stakeholders = _checklists()["stakeholders"]
    result = evaluate_answers(stakeholders, _best_answers(stakeholders, **changes))
    assert result.verdict is not None
    assert result.verdict.id == verdict


def _verdict(checklist: Checklist, answers: dict[str, Answer]) -> str:
    """The verdict's id, or ``pending`` while the result waits for answers."""
    result = evaluate_answers(checklist, answers)
    assert result.verdict is not None, f"{checklist.id} has no verdict"
    return result.verdict.id if result.settled and result.verdict.id else "pending"


def test_stakeholders_verdict_waits_for_the_conflict_rule() -> None:
    stakeholders = _checklists()["stakeholders"]
    answers = _best_answers(stakeholders)
    del answers["shared-vocabulary"], answers["conflict-rule"]
    result = evaluate_answers(stakeholders, answers)
    assert not result.settled
    # The questions that decide whether conflicts are resolved come first.
    assert result.next == ["conflict-rule", "shared-vocabulary"]


def test_an_example_specific_question_can_be_not_applicable() -> None:
    stakeholders = _checklists()["stakeholders"]
    answers = _best_answers(stakeholders)
    for item in ("business-rules-experimented", "business-rules-latency-budgeted"):
        answers[item] = Answer(not_applicable=True, reason="No rule reorders the ranking.")
    result = evaluate_answers(stakeholders, answers)
    assert result.settled
    assert result.verdict is not None
    assert result.verdict.id == "agreed"
    assert _risk(result, "business-rules-experimented") == "not_applicable"


@pytest.mark.parametrize(
    ("changes", "verdict"),
    [
        ({}, "meets"),
        # A practice a requirement cannot do without (tagged core) decides alone.
        ({"latency_within_budget": "no"}, "falls-short"),
        ({"pipeline_automated": 0}, "falls-short"),
        ({"release_without_downtime": "no"}, "falls-short"),
        ({"business_change_path": "no"}, "falls-short"),
        # No latency budget fails as being over it does: whether it is met cannot be asked
        # then, and a system that cannot say must not read better than one that misses it.
        ({"latency_budget_set": "no", "latency_within_budget": "no"}, "falls-short"),
        ({"retraining_routine": 0.5}, "meets"),
        # Any other high risk is a gap to close, unless the stakes are high.
        ({"inputs_validated": "no"}, "gaps"),
        ({"inputs_validated": "no", "stakes": "moderate"}, "gaps"),
        ({"inputs_validated": "no", "stakes": "high"}, "falls-short"),
        # The stakes set how strict a missing safeguard is.
        ({"canary_release": "no"}, "meets"),
        ({"canary_release": "no", "stakes": "high"}, "falls-short"),
        ({"fallback_tested": "no", "stakes": "high"}, "falls-short"),
        # Mediums add up.
        ({"canary_release": "no", "fallback_tested": "no"}, "meets"),
        ({"canary_release": "no", "fallback_tested": "no", "debt_paid_down": "no"}, "gaps"),
        # A batch system has no latency budget; the question after it is not asked.
        ({"latency_budget_set": None, "latency_within_budget": "no"}, "meets"),
    ],
)
def test_system_requirements_verdict(changes: dict[str, str | float | None], verdict: str) -> None:
    requirements = _checklists()["system-requirements"]
    answers = _best_answers(requirements, **{k: v for k, v in changes.items() if v is not None})
    for key, value in changes.items():
        if value is None:
            answers[key.replace("_", "-")] = Answer(not_applicable=True, reason="A batch job.")
    assert _verdict(requirements, answers) == verdict


@pytest.mark.parametrize(
    "item",
    [
        "stakes",
        "latency-budget-set",
        "prediction-quality-monitored",
        "fallback-exists",
        "owner-named",
        "pipeline-automated",
    ],
)
def test_system_requirements_verdict_waits_for_the_questions_it_needs(item: str) -> None:
    requirements = _checklists()["system-requirements"]
    answers = _best_answers(requirements)
    del answers[item]
    assert _verdict(requirements, answers) == "pending"


def test_system_requirements_verdict_waits_for_nine_in_ten_answers() -> None:
    requirements = _checklists()["system-requirements"]
    answers = _best_answers(requirements)
    needed = set(requirements.requires.items) if requirements.requires else set()
    untagged = [
        item.id
        for item in _items(requirements)
        if "core" not in item.tags and item.id not in needed
    ]
    for item_id in untagged[:3]:
        del answers[item_id]
    assert _verdict(requirements, answers) == "meets"  # 32 of 35: nine in ten
    del answers[untagged[3]]
    assert _verdict(requirements, answers) == "pending"


def test_the_canary_question_its_guidance_and_its_hint_name_the_same_practices() -> None:
    """A shadow run counts as a canary does: the question, the guidance that says so and the
    plan step all name both, so that a team answers and is advised about the same thing."""
    requirements = _checklists()["system-requirements"]
    canary = next(item for item in _items(requirements) if item.id == "canary-release")
    for text in (canary.question, canary.guidance or "", canary.hint):
        assert "canary" in text.lower(), text
        assert "shadow" in text.lower(), text


def test_untried_fallback_is_a_high_risk_only_where_mistakes_are_expensive() -> None:
    requirements = _checklists()["system-requirements"]
    low = evaluate_answers(requirements, _best_answers(requirements, fallback_tested="no"))
    high = evaluate_answers(
        requirements, _best_answers(requirements, fallback_tested="no", stakes="high")
    )
    assert (_risk(low, "fallback-tested"), _risk(high, "fallback-tested")) == ("medium", "high")
    none = evaluate_answers(requirements, _best_answers(requirements, fallback_exists="no"))
    assert _risk(none, "fallback-tested") == "skipped"


@pytest.mark.parametrize(
    ("changes", "verdict"),
    [
        ({}, "sound"),
        ({"business_metric_named": "no"}, "no-case"),
        # What the estimate found, not only whether someone looked.
        ({"roi_finding": "negative"}, "no-case"),
        ({"roi_finding": "negative", "roi_evidence": "estimate-before-launch"}, "no-case"),
        ({"roi_finding": "not-estimated"}, "unproven"),
        ({"roi_finding": "break-even"}, "unproven"),
        ({"baseline_gain": "none"}, "no-case"),
        ({"baseline_gain": "not-compared"}, "unproven"),
        ({"baseline_gain": "marginal"}, "unproven"),
        ({"maturity_stage": 0, "project_ambition": "flagship"}, "rescope"),
        ({"maturity_stage": 3, "project_ambition": "flagship"}, "sound"),
        ({"roi_evidence": "stale"}, "sound"),
        ({"roi_evidence": "stale", "full_cost_counted": "no"}, "unproven"),
        ({"model_to_business_link": "none"}, "unproven"),
    ],
)
def test_business_objectives_verdict(changes: dict[str, str | float], verdict: str) -> None:
    business = _checklists()["business-objectives"]
    result = evaluate_answers(business, _best_answers(business, **changes))
    assert result.settled
    assert result.verdict is not None
    assert result.verdict.id == verdict


def test_business_objectives_verdict_waits_for_the_deal_breakers() -> None:
    business = _checklists()["business-objectives"]
    answers = _best_answers(business)
    del answers["launches-judged-online"], answers["roi-finding"]
    result = evaluate_answers(business, answers)
    assert not result.settled
    assert result.verdict is not None
    assert result.verdict.id is None
    # Deal-breakers first; the question about the figure's basis waits for the figure.
    assert result.next == ["roi-finding", "launches-judged-online"]
    # A missing business metric needs no other answer to decide.
    blocked = evaluate_answers(business, {"business-metric-named": Answer(answer="no")})
    assert blocked.settled
    assert blocked.verdict is not None
    assert blocked.verdict.id == "no-case"


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(CHECKLISTS.glob("*.yaml")) if p.stem not in REFERENCE_CHECKLISTS],
    ids=lambda p: p.stem,
)
def test_every_item_links_to_a_section_of_its_chapter(path: Path) -> None:
    checklist = _load(path)
    assert isinstance(checklist, Checklist)
    assert checklist.chapter is not None, f"{path.name} has no chapter page"
    page = checklist.chapter.partition("#")[0]
    for section in checklist.sections:
        assert section.chapter is not None, f"{path.name}: section {section.id} has no chapter"
        for item in section.items:
            assert item.chapter is not None, f"{path.name}: item {item.id} has no chapter link"
            assert item.chapter.startswith(f"{page}#"), (
                f"{path.name}: item {item.id} links to {item.chapter}, not a section of {page}"
            )


def test_checklists_and_examples_validate(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--no-color", "validate", "checklists", "examples"])
    out = capsys.readouterr().out
    assert code == 0, out


@pytest.mark.parametrize("checklist", sorted(CHAPTER_CHECKLISTS))
def test_each_chapter_checklist_has_a_worked_example(checklist: str) -> None:
    answered = set()
    for path in _examples():
        document = _load(path)
        if isinstance(document, Assessment):
            answered.add(document.checklist.id)
    assert checklist in answered


@pytest.mark.parametrize("example", _examples(), ids=lambda p: p.stem)
def test_example_answers_every_item_with_a_note(example: Path) -> None:
    assessment = _load(example)
    assert isinstance(assessment, Assessment)
    checklist = _checklists()[assessment.checklist.id]
    for item in _items(checklist):
        answer = assessment.answers.get(item.id)
        assert answer is not None, f"{example.name}: no entry for {item.id}"
        assert answer.note, f"{example.name}: the answer to {item.id} has no note"


@pytest.mark.parametrize("fmt", sorted(REPORT_FORMATS))
@pytest.mark.parametrize("example", _examples(), ids=lambda p: p.stem)
def test_example_report_matches_golden(
    example: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = str(example.relative_to(ROOT))
    code = main(["--no-color", "report", target, "--format", REPORT_FORMATS[fmt]])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, ""), captured.out
    if fmt == "json":
        json.loads(captured.out)  # the JSON report parses
    golden = GOLDEN / f"{example.stem}.{fmt}"
    if os.environ.get("CHECKLIST_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(captured.out, encoding="utf-8")
    assert golden.is_file(), (
        f"no golden report {golden.relative_to(ROOT)}; set CHECKLIST_UPDATE_GOLDEN=1"
    )
    assert captured.out == golden.read_text(encoding="utf-8")


def test_every_golden_report_has_its_example() -> None:
    examples = {path.stem for path in _examples()}
    stray = sorted(path.name for path in GOLDEN.iterdir() if path.stem not in examples)
    assert not stray, f"golden reports without an example: {stray}"
