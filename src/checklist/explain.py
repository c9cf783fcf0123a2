"""Rules in words: what decided a verdict, said the way a reader would say it.

``describe`` turns a condition into a sentence fragment ("Fit for ML is at least
0.75", "at least 3 items at high risk", "“Is the model rolled back?” is No").
The browser evaluator has the same function (``describe`` in ``evaluator/explain.js``),
word for word; the conformance vectors hold both to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checklist.report import number
from checklist.rules import (
    AllOf,
    AnyOf,
    ItemCondition,
    NotOf,
    RisksCondition,
    ScoreCondition,
    ScoresCondition,
)

if TYPE_CHECKING:
    from checklist.models import Checklist, Item
    from checklist.rules import AnswerValue, Condition

_SCORE_TESTS = {"at_least": "at least", "at_most": "at most", "above": "above", "below": "below"}
_COUNT_TESTS = {  # counts and points: "at least 3 items", "more than 0.5 points"
    "at_least": "at least",
    "at_most": "at most",
    "above": "more than",
    "below": "fewer than",
}
_RISK_WORDS = {
    "high": "at high risk",
    "medium": "at medium or high risk",
    "low": "at low, medium or high risk",
}
_STATUS_WORDS = {
    "answered": "answered",
    "unanswered": "unanswered",
    "not_applicable": "not applicable",
    "skipped": "not asked",
}


def quoted(text: str) -> str:
    """A question or label inside a sentence: “text”."""
    return f"\u201c{text}\u201d"


def answer_words(item: Item | None, value: AnswerValue) -> str:
    """An answer value as the form labels it: Yes, No, an option's label, a number."""
    from checklist.models import Choice, Multi, Scale, YesNo

    kind = item.answer if item is not None else None
    if isinstance(kind, Multi):
        label = next((o.label for o in kind.options if o.value == value), None)
        if label is not None:
            return quoted(label)
    if isinstance(kind, YesNo) and value in ("yes", "no"):
        return "Yes" if value == "yes" else "No"
    if isinstance(kind, Choice):
        label = next((o.label for o in kind.options if o.value == value), None)
        if label is not None:
            return quoted(label)
    if isinstance(value, str):
        return quoted(value)
    if isinstance(kind, Scale):
        label = next((lv.label for lv in kind.levels if lv.value == value), None)
        if label is not None:
            return f"{number(value)} ({label})"
    return number(value)


def _list(words: list[str], joiner: str) -> str:
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + f" {joiner} " + words[-1]


def describe(condition: Condition, checklist: Checklist, *, this_item: str | None = None) -> str:
    """``condition`` in words, for a reader of ``checklist``'s results."""
    names = _Names(
        items={i.id: i for section in checklist.sections for i in section.items},
        scores={s.id: s.label for s in checklist.scores},
        sections={s.id: s.title for s in checklist.sections},
    )
    return _describe(condition, names, this_item, nested=False)


class _Names:
    def __init__(
        self, *, items: dict[str, Item], scores: dict[str, str], sections: dict[str, str]
    ) -> None:
        self.items = items
        self.scores = scores
        self.sections = sections


def _describe(condition: Condition, names: _Names, this_item: str | None, *, nested: bool) -> str:
    if isinstance(condition, (AllOf, AnyOf)):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        joiner = "and" if isinstance(condition, AllOf) else "or"
        words = [_describe(c, names, this_item, nested=True) for c in parts]
        text = f" {joiner} ".join(words)
        return f"({text})" if nested and len(words) > 1 else text
    if isinstance(condition, NotOf):
        return "not " + _describe(condition.not_, names, this_item, nested=True)
    if isinstance(condition, ScoreCondition):
        test = condition.comparison()
        assert test is not None
        label = names.scores.get(condition.score, condition.score)
        return f"{label} is {_SCORE_TESTS[test[0]]} {number(test[1])}"
    if isinstance(condition, ScoresCondition):
        test = condition.comparison()
        wanted = condition.count.comparison()
        assert test is not None
        assert wanted is not None
        if condition.scores == "all":
            which = "scores"
        else:
            which = "of " + _list([names.scores.get(s, s) for s in condition.scores], "and")
        noun = "score" if wanted[1] == 1 and condition.scores == "all" else which
        return (
            f"{_COUNT_TESTS[wanted[0]]} {number(wanted[1])} {noun} "
            f"{_SCORE_TESTS[test[0]]} {number(test[1])}"
        )
    if isinstance(condition, RisksCondition):
        return _describe_risks(condition, names)
    return _describe_item(condition, names.items, this_item)


def _describe_risks(condition: RisksCondition, names: _Names) -> str:
    test = condition.comparison()
    assert test is not None
    count = test[1]
    one = count == 1 and test[0] in ("at_least", "at_most")
    if condition.of == "sections":
        noun = "section" if one else "sections"
    else:
        noun = "item" if one else "items"
    where = ""
    if condition.tag is not None:
        where += f" tagged {condition.tag}"
    if condition.section is not None:
        title = quoted(names.sections.get(condition.section, condition.section))
        where = f" ({title})" if condition.of == "sections" else where + f" in {title}"
    return f"{_COUNT_TESTS[test[0]]} {number(count)} {noun}{where} {_RISK_WORDS[condition.risks]}"


def _describe_item(condition: ItemCondition, items: dict[str, Item], this_item: str | None) -> str:
    item_id = condition.item or this_item or ""
    item = items.get(item_id)
    subject = quoted(item.question) if item is not None else quoted(item_id)
    if condition.status is not None:
        return f"{subject} is {_list([_STATUS_WORDS[s] for s in condition.statuses()], 'or')}"
    if condition.answered is not None:
        return f"{subject} is {'answered' if condition.answered else 'not answered'}"
    if condition.includes is not None:
        return f"{subject} includes {answer_words(item, condition.includes)}"
    if condition.excludes is not None:
        return f"{subject} does not include {answer_words(item, condition.excludes)}"
    if condition.is_ is not None:
        return f"{subject} is {answer_words(item, condition.is_)}"
    if condition.in_ is not None:
        return f"{subject} is {_list([answer_words(item, v) for v in condition.in_], 'or')}"
    test = condition.comparison()
    assert test is not None
    points = "point" if test[1] == 1 else "points"
    return f"{subject} has {_COUNT_TESTS[test[0]]} {number(test[1])} {points}"
