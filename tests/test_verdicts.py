"""Verdicts a team can trust: never more favourable than the answers justify.

For every shipped checklist: one answer, whichever, or answers to every question
but the deal-breakers, never give a favourable verdict or a headline band; a failed
deal-breaker settles the verdict at once; with everything answered the verdict is
the one the rules give, and it says in words what decided it.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from checklist.catalog import load_checklists
from checklist.engine import Result, evaluate_answers
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
from tests.conftest import ROOT

SHIPPED = sorted(load_checklists(ROOT / "checklists").values(), key=lambda c: c.id)
"""Every checklist the site and the package ship."""


def values_of(item: Item) -> Sequence[object]:
    """Every answer an item can take (a few for numbers and text)."""
    kind = item.answer
    if isinstance(kind, YesNo):
        return ["yes", "no"]
    if isinstance(kind, Choice):
        return [option.value for option in kind.options]
    if isinstance(kind, Multi):
        every = [o.value for o in kind.options if not o.exclusive]
        return [[o.value] for o in kind.options] + [every]
    if isinstance(kind, Scale):
        return [level.value for level in kind.levels]
    if isinstance(kind, Number):
        low = kind.min if kind.min is not None else 0.0
        high = kind.max if kind.max is not None else 1000.0
        return [low, high]
    assert isinstance(kind, FreeText)
    return ["Some text."]


def best_of(item: Item) -> object:
    """The answer with the most points (the last value for numbers, text for text)."""
    kind = item.answer
    if isinstance(kind, YesNo):
        return "yes"
    if isinstance(kind, Choice):
        return max(kind.options, key=lambda o: o.points if o.points is not None else -1).value
    if isinstance(kind, Multi):
        return [o.value for o in kind.options if not o.exclusive]
    if isinstance(kind, Scale):
        return max(level.value for level in kind.levels)
    return values_of(item)[-1]


def items_of(checklist: Checklist) -> list[Item]:
    return [item for section in checklist.sections for item in section.items]


def single_answers(checklist: Checklist) -> Iterator[tuple[str, object]]:
    for item in items_of(checklist):
        for value in values_of(item):
            yield item.id, value


def assert_not_favourable(result: Result, what: str) -> None:
    verdict = result.verdict
    if verdict is not None and verdict.state == "settled":
        # Only a failed deal-breaker may settle a verdict this early: a negative one.
        assert verdict.decided_by == "blocker", what
        assert verdict.tone == "negative", what
        assert result.headline_status == "blocked", what
    else:
        assert not result.settled, what
        assert result.pending, what
    headline = next((s for s in result.scores if s.id == result.headline), None)
    if headline is not None:
        assert headline.band is None, what


@pytest.mark.parametrize("checklist", SHIPPED, ids=lambda c: c.id)
def test_any_single_answer_gives_no_favourable_verdict(checklist: Checklist) -> None:
    for item_id, value in single_answers(checklist):
        result = evaluate_answers(checklist, {item_id: Answer.model_validate({"answer": value})})
        if result.complete:
            continue  # a one-question checklist: this answer is all of them
        assert_not_favourable(result, f"{checklist.id}: only {item_id} = {value!r}")


@pytest.mark.parametrize("checklist", SHIPPED, ids=lambda c: c.id)
def test_best_answers_to_everything_but_the_deal_breakers_stay_pending(
    checklist: Checklist,
) -> None:
    answers = {
        item.id: Answer.model_validate({"answer": best_of(item)})
        for item in items_of(checklist)
        if item.severity != "blocker"
    }
    result = evaluate_answers(checklist, answers)
    # A conditional deal-breaker (ml-fit's safeguards, asked only when mistakes are not
    # cheap) may not be asked with these answers; the asked ones keep the verdict waiting.
    asked = {item.id for item in result.items if item.status != "skipped"}
    blockers = [
        item.id for item in items_of(checklist) if item.severity == "blocker" and item.id in asked
    ]
    if blockers:
        assert_not_favourable(result, f"{checklist.id}: best answers, no deal-breaker")
        assert result.next[: len(blockers)] == blockers
        assert result.pending[0].endswith("unanswered")
    else:
        assert result.settled


@pytest.mark.parametrize("checklist", SHIPPED, ids=lambda c: c.id)
def test_with_every_question_answered_the_rules_decide_and_say_why(
    checklist: Checklist,
) -> None:
    answers = {
        item.id: Answer.model_validate({"answer": best_of(item)}) for item in items_of(checklist)
    }
    result = evaluate_answers(checklist, answers)
    assert result.settled
    assert result.pending == []
    assert result.headline_status == "settled"
    if checklist.verdict is not None:
        assert result.verdict is not None
        assert result.verdict.state == "settled"
        assert result.verdict.decided_by in ("rule", "default")
        assert result.verdict.because.startswith("Decided by")
        assert not re.search(r"rule \d", result.verdict.because)


@pytest.mark.parametrize(
    "checklist",
    [c for c in SHIPPED if any(i.severity == "blocker" for i in items_of(c))],
    ids=lambda c: c.id,
)
def test_a_failed_deal_breaker_settles_the_verdict_at_once(checklist: Checklist) -> None:
    by_id = {item.id: item for item in items_of(checklist)}
    for blocker in (item for item in items_of(checklist) if item.severity == "blocker"):
        # A blocker whose risk rules read other items fails only with some answers to
        # them: try every combination (ml-fit's safeguards need three). Items that only its
        # condition names are tried one at a time, each answer alone, and all unanswered,
        # except deal-breakers, which would fail on their own and decide instead: every
        # combination of those too would take minutes (ml-fit's safeguards are asked unless
        # one of the no-ML findings holds, and eight items say which).
        context = sorted(_named_items(blocker.model_dump(include={"risk"})))
        condition_only = sorted(
            item_id
            for item_id in _named_items(blocker.model_dump(include={"when"}))
            if item_id not in context and by_id[item_id].severity != "blocker"
        )
        alone: list[dict[str, object]] = [{}] + [
            {item_id: value} for item_id in condition_only for value in values_of(by_id[item_id])
        ]
        results = []
        for values in itertools.product(*(values_of(by_id[i]) for i in context)):
            for extra in alone:
                for value in values_of(blocker):
                    answers = dict(zip(context, values, strict=True)) | extra | {blocker.id: value}
                    results.append(
                        evaluate_answers(
                            checklist,
                            {k: Answer.model_validate({"answer": v}) for k, v in answers.items()},
                        )
                    )
        failed = [r for r in results if r.verdict is not None and r.verdict.decided_by == "blocker"]
        assert failed, f"{blocker.id}: no answer fails it"
        for result in failed:
            assert result.verdict is not None
            assert result.verdict.state == "settled"
            assert result.verdict.tone == "negative"
            assert result.verdict.because == (
                f"Decided by a deal-breaker: \u201c{blocker.question}\u201d"
            )
            assert result.headline_status == "blocked"
            assert result.settled


def _named_items(node: object) -> set[str]:
    """The ids of the items that conditions in ``node`` (a dumped model) name."""
    if isinstance(node, dict):
        found = {node["item"]} if isinstance(node.get("item"), str) else set()
        return found.union(*(_named_items(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_named_items(value) for value in node))
    return set()


def test_checklist_report_prints_a_pending_verdict_in_text_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One answer: `checklist report` says the verdict is pending and why, in every format."""
    from checklist.cli import main
    from checklist.skeleton import skeleton

    fit = next(c for c in SHIPPED if c.id == "ml-fit")
    text = skeleton(fit).replace(
        "  data-collectable:\n    answer: null", '  data-collectable:\n    answer: "ongoing"'
    )
    path = tmp_path / "one-answer.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["--no-color", "report", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Verdict: pending: 3 deal-breakers are unanswered; 1 of 28 questions is answered" in out
    assert "Answer next: input-output-pairs, patterns-exist, ethical," in out
    assert "good fit" not in out
    assert "Fit for ML: 1 — pending" in out
    assert main(["--no-color", "report", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["settled"] is False
    assert data["verdict"]["state"] == "pending"
    assert data["verdict"]["id"] is None
    assert data["next"][:2] == ["input-output-pairs", "patterns-exist"]
    assert main(["--no-color", "report", str(path), "--format", "markdown"]) == 0
    assert "**Verdict:** pending: 3 deal-breakers are unanswered" in capsys.readouterr().out
