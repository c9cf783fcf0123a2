"""Evaluate a team's answers against a checklist: statuses, risks, scores, verdict, plan.

The steps, in order (``docs/reference/rules.md`` specifies each one):

1. applicability: items in dependency order; an item whose ``when`` does not hold is skipped;
2. item risks: the item's risk rules, or the default rule from its severity;
3. scores, in the order they are defined, and their bands;
4. section risks: the section's risk rules, or its highest item risk;
5. verdict: a failed blocker decides; otherwise the first verdict rule that holds;
6. improvement plan: the hint of every item at high or medium risk, worst first.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from checklist.answers import normalize_answer
from checklist.base import RISK_ORDER, SEVERITY_RISK, ItemRisk, Severity
from checklist.consistency import referenced_items, select_items
from checklist.models import Answer, Assessment, Checklist, Choice, Item, Scale, YesNo
from checklist.rules import (
    AnswerValue,
    BandDefault,
    Facts,
    aggregate,
    first_band,
    first_risk,
    holds,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

Status = Literal["answered", "unanswered", "not_applicable", "skipped"]
RISK_KEYS: tuple[ItemRisk, ...] = ("high", "medium", "low", "none", "unanswered", "not_applicable")
SEVERITY_ORDER = {"blocker": 0, "high": 1, "medium": 2, "low": 3}


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ItemResult(_Out):
    """One item's outcome."""

    id: str
    section: str
    question: str
    severity: Severity
    status: Status
    """``skipped`` when the item's condition does not hold."""
    answer: AnswerValue | None
    """The answer that counts (none when not answered, not applicable or skipped)."""
    points: float | None
    risk: ItemRisk
    note: str | None = None
    reason: str | None = None


class SectionResult(_Out):
    """One section's outcome."""

    id: str
    title: str
    risk: ItemRisk
    items: int
    answered: int
    unanswered: int


class ScoreResult(_Out):
    """One score's value and band."""

    id: str
    label: str
    value: float | None
    """``None`` when no value counts toward the score yet."""
    band: str | None
    band_description: str | None = None


class VerdictResult(_Out):
    """The verdict and what decided it."""

    id: str
    label: str
    tone: str
    description: str | None
    decided_by: Literal["blocker", "rule", "default"]
    rule: int | None
    """Index of the verdict rule that decided, when one did."""
    blockers: list[str]
    """The blocker items at high risk."""


class PlanStep(_Out):
    """One step of the improvement plan."""

    item: str
    question: str
    risk: Literal["high", "medium"]
    severity: Severity
    hint: str
    chapter: str | None


class Result(_Out):
    """Everything an assessment evaluates to; the JSON report is this, dumped."""

    checklist: str
    version: str
    title: str
    project: str | None
    date: datetime.date | None
    complete: bool
    """True when every applicable item is answered or not applicable."""
    items: list[ItemResult]
    sections: list[SectionResult]
    scores: list[ScoreResult]
    headline: str | None
    """The id of the score to show first."""
    risks: dict[str, int]
    """How many items at each risk: high, medium, low, none, unanswered, not_applicable."""
    verdict: VerdictResult | None
    unanswered: list[str]
    plan: list[PlanStep]


def max_points(item: Item) -> float | None:
    """The best points an answer to ``item`` can get (``None`` when unbounded or pointless)."""
    kind = item.answer
    if isinstance(kind, YesNo):
        return 1.0
    if isinstance(kind, Choice):
        points = [o.points for o in kind.options if o.points is not None]
        return max(points) if points else None
    if isinstance(kind, Scale):
        return max(level.value for level in kind.levels)
    return None


def points_of(item: Item, value: AnswerValue) -> float | None:
    """The points of an answer value: yes 1, no 0, an option's points, a level or number."""
    kind = item.answer
    if isinstance(kind, YesNo):
        return 1.0 if value == "yes" else 0.0
    if isinstance(kind, Choice):
        return next((o.points for o in kind.options if o.value == value), None)
    if isinstance(value, str):
        return None
    return float(value)


def dependency_order(checklist: Checklist) -> list[Item]:
    """Items ordered so that every item comes after the items its condition reads.

    A depth-first search in checklist order, visiting the items a condition names in
    sorted order, places an item once everything it reads is placed. It keeps its own
    stack, so a chain of any length cannot reach Python's recursion limit; an item met
    again while its own search is open (a cycle, which validation refuses) is not
    waited for.
    """
    items = [item for section in checklist.sections for item in section.items]
    by_id = {item.id: item for item in items}
    placed: set[str] = set()
    open_: set[str] = set()
    order: list[Item] = []
    for first in items:
        if first.id in placed:
            continue
        open_.add(first.id)
        stack = [(first, iter(sorted(referenced_items(first.when))))]
        while stack:
            item, refs = stack[-1]
            ref = next((r for r in refs if r in by_id and r not in placed and r not in open_), None)
            if ref is None:
                stack.pop()
                open_.discard(item.id)
                placed.add(item.id)
                order.append(item)
                continue
            open_.add(ref)
            stack.append((by_id[ref], iter(sorted(referenced_items(by_id[ref].when)))))
    return order


def evaluate(checklist: Checklist, assessment: Assessment | None = None) -> Result:
    """Evaluate an assessment (or no answers at all) against its checklist."""
    answers = assessment.answers if assessment is not None else {}
    return evaluate_answers(
        checklist,
        answers,
        project=assessment.project if assessment else None,
        date=assessment.date if assessment else None,
    )


def evaluate_answers(
    checklist: Checklist,
    answers: Mapping[str, Answer],
    *,
    project: str | None = None,
    date: datetime.date | None = None,
) -> Result:
    """Evaluate answers keyed by item id. Answers to unknown items are ignored."""
    facts = Facts()
    status: dict[str, Status] = {}
    for item in dependency_order(checklist):
        answer = answers.get(item.id)
        if item.when is not None and not holds(item.when, facts):
            status[item.id] = "skipped"
        elif answer is not None and answer.not_applicable:
            status[item.id] = "not_applicable"
        elif answer is None or answer.answer is None:
            status[item.id] = "unanswered"
        else:
            value = normalize_answer(item, answer.answer)
            assert value is not None
            status[item.id] = "answered"
            facts.values[item.id] = value
            points = points_of(item, value)
            if points is not None:
                facts.points[item.id] = points

    all_items = [item for section in checklist.sections for item in section.items]
    for item in all_items:
        facts.risks[item.id] = _item_risk(item, status[item.id], facts)

    scores: list[ScoreResult] = []
    for score in checklist.scores:
        zero = score.missing == "zero"
        values: list[tuple[float, float]] = []
        if score.over.scores is not None:
            for ref in score.over.scores:
                found = facts.scores[ref]
                if found is not None or zero:
                    values.append((found or 0.0, _weight(score.weights, ref)))
        else:
            for item in select_items(checklist, score.over):
                if item.id in facts.points:
                    values.append((facts.points[item.id], _weight(score.weights, item.id)))
                elif zero and status[item.id] == "unanswered":
                    values.append((0.0, _weight(score.weights, item.id)))
        value = aggregate(score.aggregate, values)
        facts.scores[score.id] = value
        band = first_band(score.bands or [], value)
        scores.append(
            ScoreResult(
                id=score.id,
                label=score.label,
                value=value,
                band=(band.default if isinstance(band, BandDefault) else band.label)
                if band
                else None,
                band_description=band.description if band else None,
            )
        )

    sections = []
    for section in checklist.sections:
        ids = [item.id for item in section.items]
        if section.risk is not None and any(status[i] == "answered" for i in ids):
            risk: ItemRisk = first_risk(section.risk, facts, scope=ids)
        else:
            # Without rules, or with nothing answered yet: the highest item risk, else
            # unanswered (something is left to answer) or not applicable.
            risk = _highest([facts.risks[i] for i in ids])
        sections.append(
            SectionResult(
                id=section.id,
                title=section.title,
                risk=risk,
                items=len(ids),
                answered=sum(status[i] == "answered" for i in ids),
                unanswered=sum(status[i] == "unanswered" for i in ids),
            )
        )

    verdict = _verdict(checklist, all_items, facts)
    counts: dict[str, int] = dict.fromkeys(RISK_KEYS, 0)
    for item in all_items:
        counts[facts.risks[item.id]] += 1
    ordered = sorted(
        (n, item) for n, item in enumerate(all_items) if facts.risks[item.id] in ("high", "medium")
    )
    ordered.sort(
        key=lambda pair: (
            -RISK_ORDER[facts.risks[pair[1].id]],
            SEVERITY_ORDER[pair[1].severity],
            pair[0],
        )
    )
    plan = [
        PlanStep(
            item=item.id,
            question=item.question,
            risk="high" if facts.risks[item.id] == "high" else "medium",
            severity=item.severity,
            hint=item.hint,
            chapter=item.chapter,
        )
        for _, item in ordered
    ]
    unanswered = [item.id for item in all_items if status[item.id] == "unanswered"]
    return Result(
        checklist=checklist.id,
        version=checklist.version,
        title=checklist.title,
        project=project,
        date=date,
        complete=not unanswered,
        items=[
            ItemResult(
                id=item.id,
                section=section.id,
                question=item.question,
                severity=item.severity,
                status=status[item.id],
                answer=facts.values.get(item.id),
                points=facts.points.get(item.id),
                risk=facts.risks[item.id],
                note=answers[item.id].note if item.id in answers else None,
                reason=answers[item.id].reason
                if item.id in answers and status[item.id] == "not_applicable"
                else None,
            )
            for section in checklist.sections
            for item in section.items
        ],
        sections=sections,
        scores=scores,
        headline=checklist.headline or (checklist.scores[-1].id if checklist.scores else None),
        risks=counts,
        verdict=verdict,
        unanswered=unanswered,
        plan=plan,
    )


def _item_risk(item: Item, status: Status, facts: Facts) -> ItemRisk:
    if status == "unanswered":
        return "unanswered"
    if status != "answered":
        return "not_applicable"
    if item.risk is not None:
        return first_risk(item.risk, facts, this_item=item.id)
    best = max_points(item)
    points = facts.points.get(item.id)
    if best is not None and points is not None and points < best:
        return SEVERITY_RISK[item.severity]
    return "none"


def _highest(risks: list[ItemRisk]) -> ItemRisk:
    levels = [r for r in risks if r in RISK_ORDER]
    if levels:
        return max(levels, key=RISK_ORDER.__getitem__)
    return "unanswered" if "unanswered" in risks else "not_applicable"


def _weight(weights: dict[str, float] | None, key: str) -> float:
    return weights.get(key, 1.0) if weights else 1.0


def _verdict(checklist: Checklist, items: list[Item], facts: Facts) -> VerdictResult | None:
    spec = checklist.verdict
    if spec is None:
        return None
    options = {option.id: option for option in spec.options}
    blockers = [
        item.id for item in items if item.severity == "blocker" and facts.risks[item.id] == "high"
    ]
    chosen: str | None = None
    decided_by: Literal["blocker", "rule", "default"] = "default"
    index: int | None = None
    if blockers and spec.blocked is not None:
        chosen, decided_by = spec.blocked, "blocker"
    else:
        for n, rule in enumerate(spec.rules):
            if hasattr(rule, "default"):
                chosen, index = rule.default, n
                break
            if holds(rule.when, facts):
                chosen, decided_by, index = rule.verdict, "rule", n
                break
    if chosen is None or chosen not in options:
        return None
    option = options[chosen]
    return VerdictResult(
        id=option.id,
        label=option.label,
        tone=option.tone,
        description=option.description,
        decided_by=decided_by,
        rule=index,
        blockers=blockers,
    )
