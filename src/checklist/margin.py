"""How close a verdict is to another: the single answers that would change it.

A settled verdict can rest on one judgement call: a score just over a band's bound, or
one "yes" where "partly" was as defensible. `turns` finds every such call. It changes one
question's answer at a time (answering it, if it is unanswered or not applicable) to
every other answer the question offers, evaluates the checklist again, and keeps the
changes that settle on a different verdict or leave it waiting for more answers. ``docs/reference/rules.md`` ("One answer
away") specifies which answers are tried; the browser's ``margin.js`` follows the same
steps, and the conformance vectors hold both to them.

It evaluates the checklist once per answer tried, so only the reports call it, never
``validate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from checklist.engine import Turn, dependency_order, evaluate_answers
from checklist.explain import quoted
from checklist.models import Answer, Choice, Multi, Scale, YesNo
from checklist.rules import AnswerValue

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from checklist.engine import Result
    from checklist.models import Checklist, Item


def with_turns(checklist: Checklist, answers: Mapping[str, Answer], result: Result) -> Result:
    """``result`` with its `turns` filled in."""
    return result.model_copy(update={"turns": turns(checklist, answers, result)})


def turns(checklist: Checklist, answers: Mapping[str, Answer], result: Result) -> list[Turn]:
    """Every single answer that would change ``result``'s settled verdict: to another
    verdict, or to none yet (it would wait for more answers). In the order of the
    checklist's verdicts (waiting last), then of the items and of each item's answers.
    Empty while the verdict is pending, for a checklist without verdicts, and when no
    single answer changes it."""
    verdict = result.verdict
    if verdict is None or verdict.state != "settled" or checklist.verdict is None:
        return []
    labels = {option.id: option.label for option in checklist.verdict.options}
    # The answer that counts, as the engine read it (none when unanswered or not applicable).
    counted = {item.id: item for item in result.items}
    found: list[Turn] = []
    order = dependency_order(checklist)  # the same for every answer tried
    for section in checklist.sections:
        for item in section.items:
            if counted[item.id].status == "skipped":
                continue
            for change, value, label, answer in _alternatives(item, counted[item.id].answer):
                changed = {**answers, item.id: Answer(answer=answer)}
                other = evaluate_answers(checklist, changed, order=order).verdict
                if other is None or other.id == verdict.id:
                    continue
                found.append(
                    Turn(
                        item=item.id,
                        change=change,
                        value=value,
                        label=label,
                        verdict=other.id,
                        verdict_label=labels[other.id] if other.id is not None else None,
                    )
                )
    rank: dict[str | None, int] = {o.id: n for n, o in enumerate(checklist.verdict.options)}
    rank[None] = len(rank)  # waiting for answers, last
    return sorted(found, key=lambda turn: rank[turn.verdict])  # stable: items keep their order


_Alternative = tuple[
    Literal["answer", "add", "remove"], AnswerValue, str, "AnswerValue | list[str]"
]


def _alternatives(item: Item, value: AnswerValue | list[str] | None) -> Iterator[_Alternative]:
    """The answers to try instead of ``value`` (the counted answer, a multi one the list of
    its options in the item's order): what changes, its value, its label, and the whole
    answer. A number or a text has none: its answers cannot be listed."""
    kind = item.answer
    if isinstance(kind, YesNo):
        for word, label in (("yes", "Yes"), ("no", "No")):
            if word != value:
                yield "answer", word, label, word
    elif isinstance(kind, Choice):
        for option in kind.options:
            if option.value != value:
                yield "answer", option.value, option.label, option.value
    elif isinstance(kind, Scale):
        for level in kind.levels:
            if level.value != value:
                yield "answer", level.value, level.label, level.value
    elif isinstance(kind, Multi):
        chosen = value if isinstance(value, list) else []
        exclusive = {o.value for o in kind.options if o.exclusive}
        for option in kind.options:
            if option.value in chosen:
                rest = [v for v in chosen if v != option.value]
                if rest:  # an empty multi answer is no answer
                    yield "remove", option.value, option.label, rest
            elif option.exclusive:
                yield "answer", option.value, option.label, [option.value]
            else:
                kept = [v for v in chosen if v not in exclusive]
                added = [o.value for o in kind.options if o.value in kept or o is option]
                yield ("add" if kept else "answer"), option.value, option.label, added


SHOWN_PER_VERDICT = 3
"""The questions named for each other verdict; the rest are counted."""


@dataclass(frozen=True)
class Way:
    """The answers to one question that would give one other verdict, in words."""

    item: str
    question: str
    answers: str
    """``were “No”``, ``were “None” or “Some”``, ``had “Canary releases” too``."""


WAITING = "The verdict would wait for more answers"
"""How the turns to no verdict yet are said: instead of a verdict's label."""


@dataclass(frozen=True)
class OtherVerdict:
    """Another verdict one answer away (or none yet: it would wait for more answers), and
    the questions whose answer would give it."""

    verdict: str | None
    """``None``: the verdict would wait for more answers."""
    label: str | None
    ways: list[Way]
    """The first `SHOWN_PER_VERDICT` questions."""
    more: int
    """How many other questions would give it too."""


def other_verdicts(result: Result) -> list[OtherVerdict] | None:
    """``result``'s turns grouped by the verdict they give, in the order of the checklist's
    verdicts (``None`` where they were not looked for)."""
    if result.turns is None:
        return None
    questions = {item.id: item.question for item in result.items}
    grouped: dict[str | None, list[Turn]] = {}
    for turn in result.turns:
        grouped.setdefault(turn.verdict, []).append(turn)
    out = []
    for verdict, found in grouped.items():
        by_item: dict[str, list[Turn]] = {}
        for turn in found:
            by_item.setdefault(turn.item, []).append(turn)
        ways = [Way(item, questions[item], _answers(changes)) for item, changes in by_item.items()]
        out.append(
            OtherVerdict(
                verdict,
                found[0].verdict_label,
                ways[:SHOWN_PER_VERDICT],
                max(0, len(ways) - SHOWN_PER_VERDICT),
            )
        )
    return out


def summary(others: list[OtherVerdict]) -> str:
    """The other verdicts in one phrase: "One answer would change it, to one of 3 other
    verdicts, or leave it waiting for more answers"."""
    n = sum(other.verdict is not None for other in others)
    waits = len(others) > n
    if not n:
        return "One answer would leave it waiting for more answers"
    to = "another verdict" if n == 1 else f"one of {n} other verdicts"
    return f"One answer would change it, to {to}" + (
        ", or leave it waiting for more answers" if waits else ""
    )


def _answers(changes: list[Turn]) -> str:
    """The changes to one question in words: the new answers ("were “A” or “B”"), then the
    options chosen too ("had “X” too") and those no longer ("lacked “Y”"), joined by "or"."""
    given = [quoted(t.label) for t in changes if t.change == "answer"]
    parts = [f"were {' or '.join(given)}"] if given else []
    parts += [f"had {quoted(t.label)} too" for t in changes if t.change == "add"]
    parts += [f"lacked {quoted(t.label)}" for t in changes if t.change == "remove"]
    return " or ".join(parts)
