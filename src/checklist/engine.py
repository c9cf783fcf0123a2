"""Evaluate a team's answers against a checklist: statuses, risks, scores, verdict, plan.

The steps, in order (``docs/reference/rules.md`` specifies each one):

1. applicability: items in dependency order; an item whose ``when`` does not hold is skipped;
2. item risks: the item's risk rules, or the default rule from its severity;
3. scores, in the order they are defined, and their bands (no value before the first
   answer);
4. section risks: the section's risk rules, or its highest item risk;
5. verdict: a failed blocker decides at once; otherwise the verdict is *pending* until
   the checklist's requirement (``requires``) is met, then the first rule that holds
   decides; the headline score's band waits with it;
6. improvement plan: the hint of every item at high or medium risk, worst first.
"""

from __future__ import annotations

import datetime
import math
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from checklist.answers import normalize_answer
from checklist.base import RISK_ORDER, SEVERITY_RISK, ItemRisk, Severity
from checklist.consistency import referenced_items, select_items
from checklist.explain import describe, quoted
from checklist.models import (
    Answer,
    Assessment,
    Checklist,
    Choice,
    Item,
    Multi,
    Scale,
    VerdictDefault,
    VerdictOption,
    YesNo,
)
from checklist.rules import (
    AllOf,
    AnswerValue,
    AnyOf,
    BandDefault,
    Chosen,
    Facts,
    aggregate,
    first_band,
    first_risk,
    holds,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from checklist.rules import Condition

Status = Literal["answered", "unanswered", "not_applicable", "skipped"]
HeadlineStatus = Literal["empty", "pending", "blocked", "settled"]
RISK_KEYS: tuple[ItemRisk, ...] = (
    "high",
    "medium",
    "low",
    "none",
    "unanswered",
    "not_applicable",
    "skipped",
)
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
    answer: AnswerValue | list[str] | None
    """The answer that counts (none when not answered, not applicable or skipped); a multi
    answer is the list of the chosen options, in the item's order."""
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
    not_applicable: int
    skipped: int
    """Items not asked, because their condition does not hold."""


class ScoreResult(_Out):
    """One score's value and band."""

    id: str
    label: str
    value: float | None
    """``None`` when no value counts toward the score yet."""
    band: str | None
    band_description: str | None = None
    section: str | None = None
    """The section whose items' points the score averages (a ``mean``, ``min`` or ``max``
    over one section, from 0 to 1 with the usual points): the charts draw it as that
    section's bar. ``None`` for other scores."""


class VerdictResult(_Out):
    """The verdict and what decided it; or, while it is pending, why it waits."""

    state: Literal["settled", "pending"]
    """``pending`` while the checklist's requirement is not met and no blocker failed."""
    id: str | None
    """The verdict option's id (``None`` while pending)."""
    label: str | None
    tone: Literal["positive", "caution", "negative", "neutral"] | None
    description: str | None
    decided_by: Literal["blocker", "rule", "default", "pending"]
    rule: int | None
    """0-based index of the verdict rule (or default) that decided, in ``verdict.rules``."""
    because: str
    """What decided it, in words: ``Decided by: Fit for ML is at least 0.75``."""
    next: list[str]
    """While pending: the items to answer next, unanswered blockers first."""
    blockers: list[str]
    """The blocker items at high risk."""


class Missing(_Out):
    """An option of a multi answer that was not chosen: a practice still missing."""

    value: str
    label: str
    hint: str | None


class PlanStep(_Out):
    """One step of the improvement plan."""

    item: str
    question: str
    risk: Literal["high", "medium"]
    severity: Severity
    hint: str
    chapter: str | None
    missing: list[Missing]
    """For a multi answer: the options (practices) not chosen, the exclusive one aside."""


class Turn(_Out):
    """One answer that would change the verdict, and the verdict it would give
    (`checklist.margin.turns`)."""

    item: str
    change: Literal["answer", "add", "remove"]
    """``answer``: the item answered ``value`` instead (answered at all, if it was not);
    ``add`` / ``remove``: the option ``value`` chosen too, or no longer, in a multi answer."""
    value: AnswerValue
    label: str
    """``value`` as the form's button says it."""
    verdict: str | None
    """The id of the verdict it would give; ``None`` when the verdict would wait instead
    (the answer lifts a failed blocker, or asks a question not answered yet)."""
    verdict_label: str | None


class Result(_Out):
    """Everything an assessment evaluates to; the JSON report is this, dumped."""

    checklist: str
    version: str
    title: str
    project: str | None
    date: datetime.date | None
    complete: bool
    """True when every applicable item is answered or not applicable."""
    settled: bool
    """True when the verdict and the headline's band are final for these answers: the
    checklist's requirement is met (``requires``), or a failed blocker decided."""
    pending: list[str]
    """Why the result is not settled yet, in words (empty when settled)."""
    next: list[str]
    """While pending: the items to answer next, unanswered blockers first."""
    items: list[ItemResult]
    sections: list[SectionResult]
    scores: list[ScoreResult]
    headline: str | None
    """The id of the score to show first."""
    headline_status: HeadlineStatus
    """``empty`` (nothing answered: no value), ``pending`` (no band until the verdict is
    settled), ``blocked`` (a failed blocker overrides it) or ``settled``."""
    risks: dict[str, int]
    """How many items at each risk: high, medium, low, none, unanswered, not_applicable,
    skipped."""
    section_risks: dict[str, int]
    """How many sections at each risk, by their own section risk (same keys)."""
    verdict: VerdictResult | None
    unanswered: list[str]
    plan: list[PlanStep]
    turns: list[Turn] | None = None
    """The single answers that would change a settled verdict, from
    `checklist.margin.with_turns`; ``None`` where they were not looked for (``evaluate``
    does not: it costs one evaluation per answer tried, so only the reports do)."""


_SECTION_BARS = ("mean", "min", "max")
"""Aggregates whose value stays within the points of one answer: a section's bar."""


def max_points(item: Item) -> float | None:
    """The best points an answer to ``item`` can get (``None`` when unbounded or pointless)."""
    kind = item.answer
    if isinstance(kind, YesNo):
        return 1.0
    if isinstance(kind, Multi):
        # Every option that adds points, the exclusive one ("none of these") aside.
        gains = [o.points for o in kind.options if not o.exclusive and o.points is not None]
        return sum(p for p in gains if p > 0) if gains else None
    if isinstance(kind, Choice):
        points = [o.points for o in kind.options if o.points is not None]
        return max(points) if points else None
    if isinstance(kind, Scale):
        return max(level.value for level in kind.levels)
    return None


def points_of(item: Item, value: AnswerValue | Chosen) -> float | None:
    """The points of an answer value: yes 1, no 0, an option's points, the sum of the
    chosen options' points, a level or a number."""
    kind = item.answer
    if isinstance(kind, Multi):
        if not any(o.points is not None for o in kind.options):
            return None
        chosen = value if isinstance(value, tuple) else ()
        total = 0.0
        for option in kind.options:  # left to right, as the browser adds them
            if option.value in chosen and option.points is not None:
                total += option.points
        return total
    if isinstance(value, tuple):
        return None
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
    order: Sequence[Item] | None = None,
) -> Result:
    """Evaluate answers keyed by item id. Answers to unknown items are ignored.

    ``order`` is the checklist's `dependency_order`, for a caller that evaluates one
    checklist many times (`checklist.margin`): it is the same for any answers.
    """
    facts = Facts(
        section_items={s.id: tuple(i.id for i in s.items) for s in checklist.sections},
        tags={i.id: tuple(i.tags) for s in checklist.sections for i in s.items if i.tags},
    )
    all_items = [item for section in checklist.sections for item in section.items]
    status = _applicability(checklist, answers, facts, order)
    for item in all_items:
        facts.risks[item.id] = _item_risk(item, status[item.id], facts)
    scores = _scores(checklist, status, facts)
    sections = _sections(checklist, status, facts)
    pending, next_items = _settlement(checklist, all_items, status)
    verdict = _verdict(checklist, all_items, facts, pending, next_items)
    headline = checklist.headline or (checklist.scores[-1].id if checklist.scores else None)
    headline_status = _headline_status(all_items, status, verdict, pending)
    if headline_status != "settled":
        # The headline's band is a judgement: it waits with the verdict.
        scores = [
            s.model_copy(update={"band": None, "band_description": None}) if s.id == headline else s
            for s in scores
        ]
    counts: dict[str, int] = dict.fromkeys(RISK_KEYS, 0)
    for item in all_items:
        counts[facts.risks[item.id]] += 1
    section_counts: dict[str, int] = dict.fromkeys(RISK_KEYS, 0)
    for section_result in sections:
        section_counts[section_result.risk] += 1
    unanswered = [item.id for item in all_items if status[item.id] == "unanswered"]
    return Result(
        checklist=checklist.id,
        version=checklist.version,
        title=checklist.title,
        project=project,
        date=date,
        complete=not unanswered,
        settled=not pending or (verdict is not None and verdict.decided_by == "blocker"),
        pending=[] if headline_status == "blocked" else pending,
        next=[] if headline_status == "blocked" else next_items,
        items=[
            ItemResult(
                id=item.id,
                section=section.id,
                question=item.question,
                severity=item.severity,
                status=status[item.id],
                answer=_shown_value(facts.values.get(item.id)),
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
        headline=headline,
        headline_status=headline_status,
        risks=counts,
        section_risks=section_counts,
        verdict=verdict,
        unanswered=unanswered,
        plan=_plan(all_items, facts),
    )


def item_statuses(checklist: Checklist, answers: Mapping[str, Answer]) -> dict[str, Status]:
    """Each item's status for these answers (step 1 alone): answered, unanswered,
    not_applicable, or skipped when its condition does not hold."""
    return _applicability(checklist, answers, Facts())


def _applicability(
    checklist: Checklist,
    answers: Mapping[str, Answer],
    facts: Facts,
    order: Sequence[Item] | None = None,
) -> dict[str, Status]:
    """Step 1: each item's status, in dependency order; answers that count go in ``facts``."""
    status: dict[str, Status] = {}
    for item in dependency_order(checklist) if order is None else order:
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
        facts.status[item.id] = status[item.id]
    return status


def _scores(checklist: Checklist, status: Mapping[str, Status], facts: Facts) -> list[ScoreResult]:
    """Step 3: every score in definition order, with its band.

    Before any item is answered (or not applicable) no score has a value, not even
    a ``missing: zero`` one: there is nothing to score yet.
    """
    anything = any(s in ("answered", "not_applicable") for s in status.values())
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
        value = aggregate(score.aggregate, values) if anything else None
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
                section=score.over.section if score.aggregate in _SECTION_BARS else None,
            )
        )
    return scores


def _sections(
    checklist: Checklist, status: Mapping[str, Status], facts: Facts
) -> list[SectionResult]:
    """Step 4: each section's risk: its rules once something is answered, else the highest
    item risk."""
    sections = []
    for section in checklist.sections:
        ids = [item.id for item in section.items]
        if section.risk is not None and any(status[i] == "answered" for i in ids):
            risk: ItemRisk = first_risk(section.risk, facts, scope=ids)
        else:
            # Without rules, or with nothing answered yet: the highest item risk, else
            # unanswered (something is left to answer) or not applicable.
            risk = _highest([facts.risks[i] for i in ids])
        facts.section_risks[section.id] = risk
        sections.append(
            SectionResult(
                id=section.id,
                title=section.title,
                risk=risk,
                items=len(ids),
                answered=sum(status[i] == "answered" for i in ids),
                unanswered=sum(status[i] == "unanswered" for i in ids),
                not_applicable=sum(status[i] == "not_applicable" for i in ids),
                skipped=sum(status[i] == "skipped" for i in ids),
            )
        )
    return sections


def _settlement(
    checklist: Checklist, items: list[Item], status: Mapping[str, Status]
) -> tuple[list[str], list[str]]:
    """Step 5a: why the verdict must wait, in words, and the items to answer next.

    Both lists are empty when the checklist's requirement is met: every asked
    blocker answered, the items and tags it names answered, and its share of
    asked items answered. Next come the unanswered blockers, then the named
    items, then the other unanswered items, each in checklist order.
    """
    need = checklist.requires
    asked = [item for item in items if status[item.id] != "skipped"]
    open_items = [item for item in asked if status[item.id] == "unanswered"]
    blockers = [item.id for item in open_items if item.severity == "blocker"]
    tags = set(need.tags)
    named = [
        item.id
        for item in open_items
        if item.id not in blockers and (item.id in need.items or tags.intersection(item.tags))
    ]
    done = len(asked) - len(open_items)
    # The same float steps in Python and JavaScript; 1e-9 keeps 0.7 * 10 at 7.
    needed = math.ceil(need.answered * len(asked) - 1e-9)
    reasons: list[str] = []
    if blockers:
        reasons.append(
            _count(len(blockers), "deal-breaker is", "deal-breakers are") + " unanswered"
        )
    if named:
        reasons.append(
            _count(len(named), "question", "questions")
            + " that the verdict needs "
            + ("is" if len(named) == 1 else "are")
            + " unanswered"
        )
    # The share counts only when answering the named items would not be enough.
    short = done + len(blockers) + len(named) < needed
    if short:
        reasons.append(
            f"{done} of {_count(len(asked), 'question', 'questions')} "
            f"{'is' if done == 1 else 'are'} answered; the verdict needs {needed}"
        )
    if not reasons:
        return [], []
    first = set(blockers) | set(named)
    rest = [item.id for item in open_items if item.id not in first] if short else []
    return reasons, blockers + named + rest


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _headline_status(
    items: list[Item],
    status: Mapping[str, Status],
    verdict: VerdictResult | None,
    pending: list[str],
) -> HeadlineStatus:
    """How to show the headline score: ``empty`` before any answer, ``blocked`` when a failed
    blocker decided the verdict, ``pending`` while the verdict waits, else ``settled``."""
    if not any(status[item.id] in ("answered", "not_applicable") for item in items):
        return "empty"
    if verdict is not None and verdict.decided_by == "blocker":
        return "blocked"
    return "pending" if pending else "settled"


def _plan(items: list[Item], facts: Facts) -> list[PlanStep]:
    """Step 6: the hint of every item at high or medium risk: high first, then by
    severity, then in checklist order."""
    ordered = sorted(
        (n, item) for n, item in enumerate(items) if facts.risks[item.id] in ("high", "medium")
    )
    ordered.sort(
        key=lambda pair: (
            -RISK_ORDER[facts.risks[pair[1].id]],
            SEVERITY_ORDER[pair[1].severity],
            pair[0],
        )
    )
    return [
        PlanStep(
            item=item.id,
            question=item.question,
            risk="high" if facts.risks[item.id] == "high" else "medium",
            severity=item.severity,
            hint=item.hint,
            chapter=item.chapter,
            missing=_missing(item, facts.values.get(item.id)),
        )
        for _, item in ordered
    ]


def _missing(item: Item, value: AnswerValue | Chosen | None) -> list[Missing]:
    if not isinstance(item.answer, Multi):
        return []
    chosen = value if isinstance(value, tuple) else ()
    return [
        Missing(value=o.value, label=o.label, hint=o.hint)
        for o in item.answer.options
        if not o.exclusive and o.value not in chosen
    ]


def _shown_value(value: AnswerValue | Chosen | None) -> AnswerValue | list[str] | None:
    return list(value) if isinstance(value, tuple) else value


def _item_risk(item: Item, status: Status, facts: Facts) -> ItemRisk:
    if status != "answered":
        return status
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
    for reason in ("unanswered", "not_applicable"):
        if reason in risks:
            return reason
    return "skipped"


def _weight(weights: dict[str, float] | None, key: str) -> float:
    return weights.get(key, 1.0) if weights else 1.0


def _verdict(
    checklist: Checklist,
    items: list[Item],
    facts: Facts,
    pending: list[str],
    next_items: list[str],
) -> VerdictResult | None:
    """Step 5b: a failed blocker decides at once; otherwise the verdict waits for the
    checklist's requirement, then the first rule that holds decides."""
    spec = checklist.verdict
    if spec is None:
        return None
    options = {option.id: option for option in spec.options}
    failed = [
        item for item in items if item.severity == "blocker" and facts.risks[item.id] == "high"
    ]
    blockers = [item.id for item in failed]
    if failed and spec.blocked is not None and spec.blocked in options:
        questions = ", ".join(quoted(item.question) for item in failed)
        return _chosen(
            options[spec.blocked],
            "blocker",
            None,
            f"Decided by {'a deal-breaker' if len(failed) == 1 else 'deal-breakers'}: {questions}",
            blockers,
        )
    if pending:
        return VerdictResult(
            state="pending",
            id=None,
            label=None,
            tone=None,
            description=None,
            decided_by="pending",
            rule=None,
            because="Pending: " + "; ".join(pending),
            next=next_items,
            blockers=blockers,
        )
    for n, rule in enumerate(spec.rules):
        if isinstance(rule, VerdictDefault):
            if rule.default not in options:
                return None
            return _chosen(
                options[rule.default],
                "default",
                n,
                "Decided by the default: no rule held",
                blockers,
            )
        if holds(rule.when, facts):
            if rule.verdict not in options:
                return None
            because = "Decided by: " + describe(_held(rule.when, facts), checklist)
            return _chosen(options[rule.verdict], "rule", n, because, blockers)
    return None


def _held(condition: Condition, facts: Facts) -> Condition:
    """What of a rule's condition held: of each ``any``, only the alternatives that did
    (one alone stands without its ``any``), inside ``all`` too. A ``not`` is said whole."""
    if isinstance(condition, AllOf):
        return AllOf.model_construct(all=[_held(part, facts) for part in condition.all])
    if not isinstance(condition, AnyOf):
        return condition
    held = [_held(part, facts) for part in condition.any if holds(part, facts)]
    return held[0] if len(held) == 1 else AnyOf.model_construct(any=held)


def _chosen(
    option: VerdictOption,
    decided_by: Literal["blocker", "rule", "default"],
    rule: int | None,
    because: str,
    blockers: list[str],
) -> VerdictResult:
    return VerdictResult(
        state="settled",
        id=option.id,
        label=option.label,
        tone=option.tone,
        description=option.description,
        decided_by=decided_by,
        rule=rule,
        because=because,
        next=[],
        blockers=blockers,
    )
