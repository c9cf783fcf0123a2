"""Checks of an assessment against the checklist it answers."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from checklist.consistency import allowed_values
from checklist.models import (
    Answer,
    Assessment,
    Checklist,
    Choice,
    FreeText,
    Item,
    Multi,
    Number,
    Scale,
    YesNo,
)
from checklist.problems import MAX_PROBLEMS_PER_FILE
from checklist.rules import AnswerValue, Chosen, same_value
from checklist.suggestions import Suggestions

if TYPE_CHECKING:
    from checklist.partial import PartialAssessment
    from checklist.problems import Problem
    from checklist.yamlsource import Source


def version_tuple(version: str) -> tuple[int, int, int]:
    """``"1.2.3"`` as ``(1, 2, 3)``."""
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


def answers_version(wanted: str, available: str) -> bool:
    """Whether answers written for checklist version ``wanted`` are valid for ``available``.

    Versions follow semantic versioning: within one major version, a checklist
    only gains items and options, so answers to an older minor or patch
    version stay valid. A newer version than the one available, or another
    major version, is unknown.
    """
    w, a = version_tuple(wanted), version_tuple(available)
    return w[0] == a[0] and w <= a


def normalize_answer(
    item: Item, raw: AnswerValue | bool | list[str] | None
) -> AnswerValue | Chosen | None:
    """The answer as the engine compares it: ``true``/``false`` become ``yes``/``no``
    for yes/no items, whole numbers become floats, a multi answer becomes the chosen
    options in the item's order."""
    if raw is None:
        return None
    if isinstance(raw, list):
        if not isinstance(item.answer, Multi):
            return None
        chosen = set(raw)
        return tuple(o.value for o in item.answer.options if o.value in chosen)
    if isinstance(item.answer, YesNo) and isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, bool):
        return str(raw).lower()
    if isinstance(raw, int):
        return float(raw)
    return raw


def answer_problem(
    item: Item, value: AnswerValue | bool | list[str], *, suggest: bool = True
) -> str | None:
    """Why ``value`` is not a valid answer to ``item``, or ``None`` when it is.

    With ``suggest`` a wrong text answer gets the value it probably means (see
    `did_you_mean`); a file gets at most `MAX_PROBLEMS_PER_FILE` such searches.
    """
    kind = item.answer
    hint = did_you_mean(item, value) if suggest and isinstance(value, str) else ""
    if isinstance(kind, Multi):
        return _multi_problem(item, kind, value, suggest=suggest)
    if isinstance(value, list):
        return f"expected {_expected(item)}, found a list; only a multi answer is a list"
    if isinstance(kind, YesNo):
        if isinstance(value, bool) or value in ("yes", "no"):
            return None
        return f"expected yes or no, found {_shown(value)}{hint}"
    if isinstance(value, bool):
        return f"expected {_expected(item)}, found the boolean {str(value).lower()}"
    if isinstance(kind, (Choice, Scale)):
        allowed = allowed_values(item) or []
        if any(same_value(option, value) for option in allowed):
            return None
        if isinstance(kind, Choice) and not isinstance(value, str) and _number(value) in allowed:
            # The option is this number as text: the bare number is not it.
            return (
                f"expected {_expected(item)} (all text), found the number {_number(value)}; "
                f"write it in quotes: '{_number(value)}'"
            )
        return f"expected {_expected(item)}, found {_shown(value)}{hint or _unquote_hint(value)}"
    if isinstance(kind, Number):
        if isinstance(value, str) or not math.isfinite(value):
            return f"expected a number, found {_shown(value)}{_unquote_hint(value)}"
        if kind.integer and float(value) != int(value):
            return f"expected a whole number, found {_shown(value)}"
        if kind.min is not None and value < kind.min:
            return f"expected a number of at least {_number(kind.min)}, found {_shown(value)}"
        if kind.max is not None and value > kind.max:
            return f"expected a number of at most {_number(kind.max)}, found {_shown(value)}"
        return None
    assert isinstance(kind, FreeText)
    if not isinstance(value, str):
        return f"expected text, found {_shown(value)}; quote it if it is text"
    if len(value) > kind.max_length:
        return f"text is too long: {len(value)} characters, at most {kind.max_length}"
    return None


def did_you_mean(item: Item, value: str) -> str:
    """``"; did you mean 'x'?"`` for a text answer that is not one of ``item``'s values.

    What people write by hand instead of a value: the value in other letter case
    (``Yes``), the option's or level's label (``Product logs``, ``Automated``), or a
    typo of the value (``vendr``).
    """
    kind = item.answer
    if isinstance(kind, YesNo):
        choices: list[tuple[str | float, str | None]] = [("yes", None), ("no", None)]
    elif isinstance(kind, (Choice, Multi)):
        choices = [(option.value, option.label) for option in kind.options]
    elif isinstance(kind, Scale):
        choices = [(level.value, level.label) for level in kind.levels]
    else:
        return ""
    folded = value.strip().casefold()
    for known, _ in choices:
        if isinstance(known, str) and known.casefold() == folded:
            return f"; did you mean {known!r}?"
    for known, label in choices:
        if label is not None and label.strip().casefold() == folded:
            shown = repr(known) if isinstance(known, str) else _number(known)
            return f"; did you mean {shown}? ({label!r} is its label)"
    return Suggestions(known for known, _ in choices if isinstance(known, str)).hint(value)


def _multi_problem(
    item: Item, kind: Multi, value: AnswerValue | bool | list[str], *, suggest: bool
) -> str | None:
    values = [o.value for o in kind.options]
    expected = "a list of " + ", ".join(values)
    if not isinstance(value, list):
        shown = _shown(value) if not isinstance(value, bool) else str(value).lower()
        return f"expected {expected} (in brackets, such as [{values[0]}]), found {shown}"
    if not value:
        none = next((o.value for o in kind.options if o.exclusive), None)
        alone = f"; if none applies, answer [{none}]" if none else ""
        return f"expected at least one of {', '.join(values)}, found an empty list{alone}"
    for choice in value:
        if choice not in values:
            hint = did_you_mean(item, choice) if suggest else ""
            return f"expected {expected}, found {choice!r}{hint}"
    repeated = sorted({c for c in value if value.count(c) > 1})
    if repeated:
        return f"{repeated[0]!r} is chosen twice; choose each option once"
    exclusive = [o.value for o in kind.options if o.exclusive and o.value in value]
    if exclusive and len(value) > 1:
        return f"{exclusive[0]!r} stands alone: choose it, or the other options, not both"
    return None


def check_answers(
    assessment: Assessment | PartialAssessment, checklist: Checklist, source: Source
) -> list[Problem]:
    """Every problem of ``assessment``'s answers against ``checklist``.

    Of a `checklist.partial.PartialAssessment` (its shape is wrong) every item id is
    checked, and every answer entry that validated on its own.
    """
    items = {item.id: item for section in checklist.sections for item in section.items}
    known = Suggestions(items)
    problems: list[Problem] = []
    for item_id, answer in assessment.answers.items():
        loc: tuple[str | int, ...] = ("answers", item_id)
        item = items.get(item_id)
        if item is None:
            hint = known.hint(item_id)
            problems.append(
                source.problem(
                    loc,
                    f"no item {item_id!r} in checklist {checklist.id!r} {checklist.version}{hint}",
                    code="unknown-item",
                    at_key=True,
                )
            )
            continue
        if answer is not None:
            suggest = len(problems) < MAX_PROBLEMS_PER_FILE
            problems.extend(_check_one(item, answer, loc, source, suggest=suggest))
    if isinstance(assessment, Assessment) and not any(p.severity == "error" for p in problems):
        problems.extend(_not_asked(assessment, checklist, source))
    return problems


def _not_asked(assessment: Assessment, checklist: Checklist, source: Source) -> list[Problem]:
    """A warning for each answer to an item that its condition leaves out: it does not
    count, and the form would not keep it."""
    conditional = [
        item
        for section in checklist.sections
        for item in section.items
        if item.when is not None and _given(assessment.answers.get(item.id))
    ]
    if not conditional:
        return []  # most files: nothing to work out
    from checklist.engine import item_statuses

    status = item_statuses(checklist, assessment.answers)
    return [
        source.problem(
            ("answers", item.id),
            f"item {item.id!r} is not asked with these answers (its condition does not "
            "hold), so its answer does not count; remove it, or change the answer its "
            "condition reads",
            code="not-asked",
            severity="warning",
            at_key=True,
        )
        for item in conditional
        if status[item.id] == "skipped"
    ]


def _given(entry: Answer | None) -> bool:
    return entry is not None and (entry.answer is not None or entry.not_applicable)


def _check_one(
    item: Item, answer: Answer, loc: tuple[str | int, ...], source: Source, *, suggest: bool
) -> list[Problem]:
    problems = []
    if answer.not_applicable and not item.not_applicable:
        # One mistake, one problem: its reason (or its lack of one) no longer matters.
        problems.append(
            source.problem(
                (*loc, "not_applicable"),
                f"item {item.id!r} cannot be answered not applicable; "
                + ("remove 'not_applicable'" if answer.answer is not None else "answer it"),
                code="not-applicable-refused",
            )
        )
        if answer.answer is not None:
            problems.extend(_bad_answer(item, answer, loc, source, suggest=suggest))
        return problems
    if answer.not_applicable:
        if not answer.reason:
            problems.append(
                source.problem(
                    (*loc, "not_applicable"),
                    "not applicable needs a reason: add 'reason: ...' saying why the item does not apply",
                    code="missing-reason",
                )
            )
        if answer.answer is not None:
            problems.append(
                source.problem(
                    (*loc, "answer"),
                    "an item is either answered or not applicable: remove 'answer' or 'not_applicable'",
                    code="answer-and-not-applicable",
                )
            )
        return problems
    if answer.reason is not None:
        problems.append(
            source.problem(
                (*loc, "reason"),
                "'reason' is only read for not applicable answers; use 'note' for an answer's context",
                code="stray-reason",
                severity="warning",
            )
        )
    problems.extend(_bad_answer(item, answer, loc, source, suggest=suggest))
    return problems


def _bad_answer(
    item: Item, answer: Answer, loc: tuple[str | int, ...], source: Source, *, suggest: bool
) -> list[Problem]:
    if answer.answer is None:
        return []
    message = answer_problem(item, answer.answer, suggest=suggest)
    if message is None:
        return []
    return [source.problem((*loc, "answer"), message, code="bad-answer")]


def _expected(item: Item) -> str:
    allowed = allowed_values(item) or []
    shown = ", ".join(_number(v) if not isinstance(v, str) else v for v in allowed)
    return f"one of {shown}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _unquote_hint(value: AnswerValue | bool) -> str:
    """Advice for a number written in quotes, which YAML reads as text."""
    if isinstance(value, str):
        try:
            float(value.strip())
        except ValueError:
            return ""
        return " (text, because of the quotes); write numbers without quotes"
    return ""


def _shown(value: AnswerValue | bool) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return str(value).lower()
    return _number(value)
