"""Properties of the rule language and the engine, checked on random answers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist.engine import evaluate_answers
from checklist.models import (
    Answer,
    Checklist,
    Choice,
    FreeText,
    Item,
    Multi,
    Number,
    Scale,
    YesNo,
)
from checklist.rules import Band, BandDefault, aggregate, compare, first_band
from tests.conftest import CASES, ROOT
from tests.test_engine import checklist_at

ML_TEST_SCORE = checklist_at(ROOT / "checklists" / "ml-test-score.yaml")
SHIPPED = [
    ML_TEST_SCORE,
    checklist_at(ROOT / "checklists" / "well-architected-monitoring.yaml"),
    checklist_at(CASES / "fixtures" / "demo.yaml"),
]
halves = st.sampled_from([0.0, 0.5, 1.0])


def answer_strategy(item: Item) -> st.SearchStrategy[Answer]:
    """Any valid answer to ``item``, including none and not applicable."""
    kind = item.answer
    value: st.SearchStrategy[object]
    if isinstance(kind, YesNo):
        value = st.sampled_from(["yes", "no"])
    elif isinstance(kind, Choice):
        value = st.sampled_from([o.value for o in kind.options])
    elif isinstance(kind, Multi):
        some = [o.value for o in kind.options if not o.exclusive]
        alone = [[o.value] for o in kind.options if o.exclusive]
        value = st.one_of(
            st.lists(st.sampled_from(some), min_size=1, unique=True),
            *([st.sampled_from(alone)] if alone else []),
        )
    elif isinstance(kind, Scale):
        value = st.sampled_from([level.value for level in kind.levels])
    elif isinstance(kind, Number):
        low = kind.min if kind.min is not None else -1e6
        high = kind.max if kind.max is not None else 1e6
        value = st.integers(int(low), int(high)) if kind.integer else st.floats(low, high)
    else:
        assert isinstance(kind, FreeText)
        value = st.text(max_size=20)
    options = [value.map(lambda v: Answer.model_validate({"answer": v})), st.just(Answer())]
    if item.not_applicable:
        options.append(st.just(Answer(not_applicable=True, reason="Does not apply.")))
    return st.one_of(*options)


@st.composite
def answer_sets(draw: st.DrawFn, checklist: Checklist) -> dict[str, Answer]:
    items = [item for section in checklist.sections for item in section.items]
    chosen = draw(st.lists(st.sampled_from(items), unique_by=lambda i: i.id))
    return {item.id: draw(answer_strategy(item)) for item in chosen}


@given(st.lists(halves, min_size=28, max_size=28))
def test_ml_test_score_final_is_the_weakest_section(values: list[float]) -> None:
    items = [item for section in ML_TEST_SCORE.sections for item in section.items]
    result = evaluate_answers(
        ML_TEST_SCORE, {item.id: Answer(answer=v) for item, v in zip(items, values, strict=True)}
    )
    sums = [sum(values[n * 7 : n * 7 + 7]) for n in range(4)]
    by_id = {score.id: score.value for score in result.scores}
    assert [by_id["data"], by_id["model"], by_id["infrastructure"], by_id["monitoring"]] == sums
    assert by_id["final"] == min(sums)


@pytest.mark.parametrize("checklist", SHIPPED, ids=lambda c: c.id)
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_not_applicable_never_changes_an_unrelated_items_risk(
    checklist: Checklist, data: st.DataObject
) -> None:
    """Marking item X not applicable changes no risk of an item whose rules and
    condition do not read X."""
    optional = [
        item for section in checklist.sections for item in section.items if item.not_applicable
    ]
    if not optional:
        return
    answers = data.draw(answer_sets(checklist))
    target = data.draw(st.sampled_from(optional))
    before = evaluate_answers(checklist, answers)
    after = evaluate_answers(
        checklist, {**answers, target.id: Answer(not_applicable=True, reason="n/a")}
    )
    for old, new in zip(before.items, after.items, strict=True):
        item = next(i for s in checklist.sections for i in s.items if i.id == old.id)
        reads = target.id in (item.model_dump_json(include={"when", "risk"}))
        if old.id != target.id and not reads:
            assert old.risk == new.risk


@pytest.mark.parametrize("checklist", SHIPPED, ids=lambda c: c.id)
@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_evaluation_is_total_and_consistent(checklist: Checklist, data: st.DataObject) -> None:
    """Any valid answer set evaluates, and the result agrees with itself."""
    answers = data.draw(answer_sets(checklist))
    result = evaluate_answers(checklist, answers)
    assert sum(result.risks.values()) == len(result.items)
    assert result.complete == (not result.unanswered)
    assert {s.item for s in result.plan} == {
        i.id for i in result.items if i.risk in ("high", "medium")
    }
    for item in result.items:
        if item.status != "answered":
            assert item.risk in ("unanswered", "not_applicable", "skipped")
    assert evaluate_answers(checklist, answers) == result


values = st.lists(st.floats(-1e6, 1e6), max_size=30)


@given(values)
def test_min_and_max_bound_the_mean(numbers: list[float]) -> None:
    pairs = [(v, 1.0) for v in numbers]
    if not numbers:
        assert aggregate("mean", pairs) is None
        assert aggregate("count", pairs) == 0
        return
    low, high, mean = aggregate("min", pairs), aggregate("max", pairs), aggregate("mean", pairs)
    assert low is not None
    assert high is not None
    assert mean is not None
    assert low - 1e-6 <= mean <= high + 1e-6
    assert aggregate("count", pairs) == len(numbers)


@given(st.lists(st.tuples(st.integers(0, 10), st.integers(1, 5)), min_size=1, max_size=20))
def test_weighted_mean_is_the_sum_over_total_weight(pairs: list[tuple[int, int]]) -> None:
    floats = [(float(v), float(w)) for v, w in pairs]
    total = aggregate("sum", floats)
    mean = aggregate("mean", floats)
    assert total == sum(v * w for v, w in pairs)
    assert total is not None
    assert mean == total / sum(w for _, w in pairs)


def test_sum_is_plain_left_to_right_addition() -> None:
    # Compensated summation (Python 3.12's sum) would give 1.0; the browser gives this.
    pairs = [(0.1, 1.0)] * 10
    expected = 0.0
    for _ in range(10):
        expected += 0.1
    assert aggregate("sum", pairs) == expected != 1.0


@pytest.mark.parametrize(
    ("test", "threshold", "number", "holds"),
    [
        ("at_least", 2, 2, True),
        ("at_least", 2, 1.9, False),
        ("above", 2, 2, False),
        ("above", 2, 2.1, True),
        ("at_most", 2, 2, True),
        ("below", 2, 2, False),
        ("below", 2, 1, True),
    ],
)
def test_compare(test: str, threshold: float, number: float, holds: bool) -> None:
    assert compare(number, test, threshold) is holds


def test_first_band_takes_the_first_match_and_needs_a_value() -> None:
    bands: list[Band | BandDefault] = [
        Band(above=5, label="top"),
        Band(at_least=1, label="mid"),
        BandDefault(default="low"),
    ]
    assert first_band(bands, 6) == bands[0]
    assert first_band(bands, 5) == bands[1]
    assert first_band(bands, 0) == bands[2]
    assert first_band(bands, None) is None
