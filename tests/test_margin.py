"""How close a verdict is to another (`checklist.margin`), and what that says of the
checklists: an answer that gives fewer points never gives a more favourable verdict.

Which answers are tried, and the order of the turns, are pinned by the conformance
vectors ``tests/conformance/one-answer-away-*.yaml``, in Python and in the browser.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist.answers import normalize_answer
from checklist.engine import evaluate, evaluate_answers, points_of
from checklist.margin import SHOWN_PER_VERDICT, other_verdicts, turns, with_turns
from checklist.models import Answer, Checklist, Choice, Item, Multi, Number, Scale, YesNo
from checklist.report import turn_lines
from tests.conftest import ROOT
from tests.test_conformance import load_vector
from tests.test_engine import checklist_at
from tests.test_form_thread import load_example

SHIPPED = sorted((ROOT / "checklists").glob("*.yaml"))
RANK = {"positive": 2, "caution": 1, "neutral": 1, "negative": 0}
"""How favourable a verdict's tone is."""
NO_MODEL_NOW = {("ml-fit", "rules-first")}
"""Verdicts whose tone is caution that build no model now, as the negative ones: ranked
with them. "Rules first while you collect data" ships a rule and assesses again once the
data exists; a project with no data at all gets it even where three sections at high
risk would have said "not the right tool" with data on hand, and that is not better news
for a model."""


def _rank(checklist: Checklist, verdict: str, tone: str) -> int:
    return 0 if (checklist.id, verdict) in NO_MODEL_NOW else RANK[tone]


def _gate() -> tuple[Checklist, dict[str, Answer]]:
    vector = load_vector("one-answer-away-release-gate.yaml")
    return vector.checklist, dict(vector.answers)  # the vector is shared: change a copy


def test_evaluate_does_not_look_for_turns_and_a_report_does() -> None:
    checklist, answers = _gate()
    result = evaluate_answers(checklist, answers)
    assert result.turns is None
    assert other_verdicts(result) is None
    assert turn_lines(result) == []
    reported = with_turns(checklist, answers, result)
    assert reported.turns == turns(checklist, answers, result)
    assert [t.item for t in reported.turns or []][:2] == ["load-test", "monitoring"]


def test_a_pending_verdict_has_no_turns() -> None:
    checklist, answers = _gate()
    del answers["load-test"]
    result = evaluate_answers(checklist, answers)
    assert result.verdict is not None
    assert result.verdict.state == "pending"
    assert turns(checklist, answers, result) == []
    # Nothing is said about it: the verdict itself is pending.
    assert turn_lines(with_turns(checklist, answers, result)) == []


def test_a_checklist_without_verdicts_has_no_turns() -> None:
    checklist = checklist_at(ROOT / "checklists" / "ml-test-score.yaml")
    result = evaluate(checklist)
    assert checklist.verdict is None
    assert turns(checklist, {}, result) == []


def test_the_turns_in_words_name_each_other_verdict_and_the_answers_that_give_it() -> None:
    checklist, answers = _gate()
    result = with_turns(checklist, answers, evaluate_answers(checklist, answers))
    assert turn_lines(result) == [
        "One answer would change it, to one of 3 other verdicts:",
        "“Ready to release” if “Has the service been load-tested at peak traffic?” were “Yes”.",
        "“Not ready yet” if “Is prediction quality monitored in production?” were “Not done”, "
        "or “Is the model evaluated offline before each release?” were “Not done” or “By hand”.",
        "“Blocked” if “Can the model be rolled back in minutes?” were “No”, "
        "or “Has the privacy review approved the release?” were “No”.",
    ]


def test_a_multi_answer_says_which_option_is_added_or_taken_away() -> None:
    vector = load_vector("one-answer-away-multi-and-not-applicable.yaml")
    answers = {**vector.answers, "practices": Answer(answer=["a", "b"])}
    result = with_turns(vector.checklist, answers, evaluate_answers(vector.checklist, answers))
    others = other_verdicts(result)
    assert others is not None
    assert [(o.label, [(w.item, w.answers) for w in o.ways]) for o in others] == [
        ("Partly there", [("practices", "lacked “Practice A”" + " or lacked “Practice B”")]),
        ("Not yet", [("practices", "were “None of these”"), ("review", "were “No”")]),
    ]


def test_a_firm_verdict_says_that_no_single_answer_changes_it() -> None:
    vector = load_vector("one-answer-away-none-when-two-blockers-fail.yaml")
    result = with_turns(
        vector.checklist, vector.answers, evaluate_answers(vector.checklist, vector.answers)
    )
    assert turn_lines(result) == ["No single answer would change this verdict."]


def test_beyond_three_questions_the_others_are_counted() -> None:
    checklist, assessment = load_example(
        ROOT / "examples" / "credit-scoring-system-requirements.yaml"
    )
    result = with_turns(checklist, assessment.answers, evaluate(checklist, assessment))
    others = other_verdicts(result)
    assert others is not None
    assert others[0].more > 0
    assert len(others[0].ways) == SHOWN_PER_VERDICT
    named = {t.item for t in result.turns or [] if t.verdict == others[0].verdict}
    assert len(named) == SHOWN_PER_VERDICT + others[0].more
    assert turn_lines(result)[1].endswith(f", or {others[0].more} other questions.")


# -- What the turns say of the checklists ----------------------------------------------


def _full_answers(checklist: Checklist) -> st.SearchStrategy[dict[str, Answer]]:
    """Every item answered (or, where it may be, not applicable): most such sets settle."""
    items = [item for section in checklist.sections for item in section.items]
    return st.fixed_dictionaries({item.id: _given(item) for item in items})


def _given(item: Item) -> st.SearchStrategy[Answer]:
    """An answer to ``item`` with a value, or not applicable where it may be."""
    kind = item.answer
    if isinstance(kind, YesNo):
        values: list[Any] = ["yes", "no"]
    elif isinstance(kind, (Choice, Multi)):
        values = [o.value for o in kind.options]
        if isinstance(kind, Multi):
            values = [[v] for v in values] + [[o.value for o in kind.options if not o.exclusive]]
    elif isinstance(kind, Scale):
        values = [level.value for level in kind.levels]
    else:
        values = [kind.min if isinstance(kind, Number) and kind.min is not None else 1]
    given = [Answer.model_validate({"answer": value}) for value in values]
    if item.not_applicable:
        given.append(Answer(not_applicable=True, reason="Does not apply."))
    return st.sampled_from(given)


def _points(item: Item, answer: Any) -> float | None:
    value = normalize_answer(item, answer)
    return None if value is None else points_of(item, value)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_an_answer_worth_fewer_points_never_gives_a_more_favourable_verdict(
    path: Any, data: st.DataObject
) -> None:
    """A team that answers one question less well is never told better news: otherwise a
    checklist rewards not knowing (no latency budget reading better than missing one)."""
    checklist = checklist_at(path)
    if checklist.verdict is None:
        return
    tones = {option.id: option.tone for option in checklist.verdict.options}
    items = {item.id: item for section in checklist.sections for item in section.items}
    answers = data.draw(_full_answers(checklist), label="answers")
    result = evaluate_answers(checklist, answers)
    if result.verdict is None or result.verdict.id is None:
        return
    now = _rank(checklist, result.verdict.id, tones[result.verdict.id])
    for turn in turns(checklist, answers, result):
        item = items[turn.item]
        entry = answers[turn.item]
        if entry.not_applicable:
            continue
        before = _points(item, entry.answer)
        after = _points(item, _changed(item, entry, turn.change, turn.value))
        if before is None or after is None or after >= before or turn.verdict is None:
            continue  # a turn to no verdict yet judges nothing
        assert _rank(checklist, turn.verdict, tones[turn.verdict]) <= now, (
            f"{checklist.id}: {turn.item} answered {turn.change} {turn.value!r} "
            f"({before} → {after} points) turns {result.verdict.id} into {turn.verdict}"
        )


def _changed(item: Item, entry: Answer, change: str, value: Any) -> Any:
    """The whole answer after a turn's change."""
    if not isinstance(item.answer, Multi):
        return value
    chosen = list(entry.answer) if isinstance(entry.answer, list) else []
    if change == "add":
        return [*chosen, value]
    if change == "remove":
        return [v for v in chosen if v != value]
    return [value]


def test_a_turn_to_no_verdict_yet_says_the_verdict_would_wait() -> None:
    vector = load_vector("one-answer-away-to-a-pending-verdict.yaml")
    result = with_turns(
        vector.checklist, vector.answers, evaluate_answers(vector.checklist, vector.answers)
    )
    assert turn_lines(result) == [
        "One answer would leave it waiting for more answers:",
        "The verdict would wait for more answers if “Can the model be rolled back in minutes?” "
        "were “Yes”.",
    ]
