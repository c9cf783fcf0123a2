"""The rule language: conditions, risk rules, aggregates and bands.

Rules are plain YAML data, never code: a condition is a mapping with one of the
keys ``all``, ``any``, ``not``, ``item``, ``score``, ``scores`` or ``risks``. This module
holds their models and their meaning (`holds`, `aggregate`,
`first_band`). The browser evaluator (``docs/assets/checklist/evaluator/``)
mirrors these functions one for one; ``docs/reference/rules.md`` is the
specification both follow.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

from checklist.base import RISK_ORDER, ItemRisk, ItemStatus, Label, RiskLevel, Slug, Strict, Text
from checklist.base import Tag as TagName

COMPARISONS = ("at_least", "at_most", "above", "below")
"""The numeric tests, in the order they are documented."""

AnswerValue = Union[str, float]  # noqa: UP007 (a runtime alias; `|` needs 3.10 types)
"""A value an answer can hold: a string (yes/no, a choice, text) or a number."""
Chosen = tuple[str, ...]
"""The options chosen in a multi answer, in the order of the item's options."""


class _Compares(Strict):
    """Numeric thresholds; a condition uses exactly one of them."""

    at_least: float | None = None
    """True when the number is greater than or equal to this."""
    at_most: float | None = None
    """True when the number is less than or equal to this."""
    above: float | None = None
    """True when the number is strictly greater than this."""
    below: float | None = None
    """True when the number is strictly less than this."""

    def comparison(self) -> tuple[str, float] | None:
        """The one threshold that is set, as ``(name, value)``."""
        for name in COMPARISONS:
            value = getattr(self, name)
            if value is not None:
                return name, value
        return None


def compare(number: float, test: str, threshold: float) -> bool:
    """Apply one numeric test: ``compare(0.5, "at_least", 0.5)`` is true."""
    if test == "at_least":
        return number >= threshold
    if test == "at_most":
        return number <= threshold
    if test == "above":
        return number > threshold
    return number < threshold


def _exactly_one(model: Strict, names: Sequence[str], what: str) -> None:
    given = [name.rstrip("_") for name in names if getattr(model, name) is not None]
    if len(given) != 1:
        shown = ", ".join(name.rstrip("_") for name in names)
        found = ", ".join(given) if given else "none"
        raise PydanticCustomError(
            "one_test",
            "{what} needs exactly one of {shown}; found {found}",
            {"what": what, "shown": shown, "found": found},
        )


class ItemCondition(_Compares):
    """A test on one item's answer: ``{item: data-1, is: "yes"}``."""

    item: Slug | None = None
    """The item tested. Inside an item's own risk rules it may be left out: the item itself."""
    is_: AnswerValue | None = Field(default=None, alias="is")
    """True when the answer equals this value."""
    in_: list[AnswerValue] | None = Field(default=None, alias="in", min_length=1)
    """True when the answer is one of these values."""
    answered: bool | None = None
    """``true``: the item has an answer that counts; ``false``: it has none (unanswered,
    not applicable, or its own condition does not hold)."""
    includes: Slug | None = None
    """A multi answer that includes this option (true only when answered)."""
    excludes: Slug | None = None
    """A multi answer that does not include this option (true only when answered)."""
    status: ItemStatus | list[ItemStatus] | None = None
    """True when the item's status is this one (or one of these): ``answered``,
    ``unanswered``, ``not_applicable`` or ``skipped``. Tells not applicable from
    unanswered, which ``answered: false`` does not."""

    @model_validator(mode="after")
    def _one_test(self) -> ItemCondition:
        _exactly_one(
            self,
            ("is_", "in_", "includes", "excludes", "answered", "status", *COMPARISONS),
            "an item condition",
        )
        return self

    def statuses(self) -> list[str]:
        """The statuses a ``status`` test accepts."""
        if self.status is None:
            return []
        return [self.status] if isinstance(self.status, str) else list(self.status)

    def test(self) -> str:
        """The name of the test this condition makes (``is``, ``in``, ``answered``, ...)."""
        for name in ("is_", "in_", "includes", "excludes", "answered", "status", *COMPARISONS):
            if getattr(self, name) is not None:
                return name.rstrip("_")
        raise AssertionError("validated conditions have one test")


class ScoreCondition(_Compares):
    """A threshold on a score: ``{score: total, at_least: 3}``. False when the score has
    no value."""

    score: Slug
    """The id of a score of the checklist."""

    @model_validator(mode="after")
    def _one_test(self) -> ScoreCondition:
        _exactly_one(self, COMPARISONS, "a score condition")
        return self


class Count(_Compares):
    """A test on a count: ``{at_least: 3}``."""

    @model_validator(mode="after")
    def _one_test(self) -> Count:
        _exactly_one(self, COMPARISONS, "a count")
        return self


class ScoresCondition(_Compares):
    """A count of scores that pass a threshold:
    ``{scores: all, below: 0.5, count: {at_least: 3}}``. Scores without a value are
    not counted."""

    scores: Literal["all"] | list[Slug]
    """``all`` (every score of the checklist), or a list of score ids."""
    count: Count
    """How many of them must pass the threshold."""

    @model_validator(mode="after")
    def _one_test(self) -> ScoresCondition:
        _exactly_one(self, COMPARISONS, "a scores condition")
        return self


class RisksCondition(_Compares):
    """A count of items (or sections) at or above a risk level:
    ``{risks: high, at_least: 1}``.

    In a section's risk rules it counts that section's items; elsewhere, all items.
    ``section`` and ``tag`` narrow the items counted; ``of: sections`` counts
    sections by their own risk instead (in verdict rules).
    """

    risks: Literal["high", "medium", "low"]
    """The lowest risk level counted."""
    of: Literal["items", "sections"] = "items"
    """What is counted: items (the default) or sections, by their section risk."""
    section: Slug | None = None
    """Count only this section's items (or, with ``of: sections``, only this section)."""
    tag: TagName | None = None
    """Count only items with this tag."""

    @model_validator(mode="after")
    def _one_test(self) -> RisksCondition:
        _exactly_one(self, COMPARISONS, "a risks condition")
        return self


class AllOf(Strict):
    """True when every condition in the list holds."""

    all: list[Condition] = Field(min_length=1)


class AnyOf(Strict):
    """True when at least one condition in the list holds."""

    any: list[Condition] = Field(min_length=1)


class NotOf(Strict):
    """True when the condition does not hold."""

    not_: Condition = Field(alias="not")


CONDITION_KEYS = ("all", "any", "not", "item", "score", "scores", "risks")
_ITEM_TESTS = ("is", "in", "includes", "excludes", "answered", "status", *COMPARISONS)


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, Mapping):
        key = next((key for key in CONDITION_KEYS if key in value), None)
        if key is None and any(test in value for test in _ITEM_TESTS):
            key = "item"  # an item condition on the item itself, inside its risk rules
        return f"{key}-condition" if key else None
    for key, model in _CONDITION_MODELS.items():
        if isinstance(value, model):
            return f"{key}-condition"
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("all-condition")]
    | Annotated[AnyOf, Tag("any-condition")]
    | Annotated[NotOf, Tag("not-condition")]
    | Annotated[ItemCondition, Tag("item-condition")]
    | Annotated[ScoreCondition, Tag("score-condition")]
    | Annotated[ScoresCondition, Tag("scores-condition")]
    | Annotated[RisksCondition, Tag("risks-condition")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message="expected a condition: a mapping with one of the keys "
        "all, any, not, item, score, scores or risks",
    ),
]
"""A condition: one of all / any / not / item / score / scores / risks."""

_CONDITION_MODELS: dict[str, type[Strict]] = {
    "all": AllOf,
    "any": AnyOf,
    "not": NotOf,
    "item": ItemCondition,
    "score": ScoreCondition,
    "scores": ScoresCondition,
    "risks": RisksCondition,
}


class RiskRule(Strict):
    """``{when: CONDITION, level: high}``: the level, if the condition holds."""

    when: Condition
    level: RiskLevel


class RiskDefault(Strict):
    """``{default: none}``: the level when no rule before it matched. Required, and last."""

    default: RiskLevel


def rule_kind(value: Any) -> str:
    """Tell a ``default`` entry from a rule in an ordered list of rules."""
    if isinstance(value, Mapping):
        return "default-entry" if "default" in value else "rule-entry"
    return "default-entry" if hasattr(value, "default") else "rule-entry"


RiskRuleOrDefault = Annotated[
    Annotated[RiskRule, Tag("rule-entry")] | Annotated[RiskDefault, Tag("default-entry")],
    Discriminator(rule_kind),
]


class Selector(Strict):
    """What a score aggregates: exactly one of ``items``, ``section``, ``tag``, ``scores``."""

    items: Literal["all"] | list[Slug] | None = None
    """``all``, or a list of item ids."""
    section: Slug | None = None
    """Every item of this section."""
    tag: TagName | None = None
    """Every item with this tag."""
    scores: list[Slug] | None = Field(default=None, min_length=1)
    """Scores defined above this one."""

    @model_validator(mode="after")
    def _one_source(self) -> Selector:
        _exactly_one(self, ("items", "section", "tag", "scores"), "'over'")
        return self


Aggregate = Literal["sum", "mean", "min", "max", "count"]


class Band(_Compares):
    """A band of a score: ``{at_least: 3, label: ...}``. The first band that matches wins."""

    label: Label
    description: Text | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Band:
        _exactly_one(self, COMPARISONS, "a band")
        return self


class BandDefault(Strict):
    """``{default: LABEL}``: the band when no band above it matched. Required, and last."""

    default: Label
    description: Text | None = None


BandOrDefault = Annotated[
    Annotated[Band, Tag("rule-entry")] | Annotated[BandDefault, Tag("default-entry")],
    Discriminator(rule_kind),
]


class Score(Strict):
    """A named number computed from answers or from other scores."""

    id: Slug
    label: Label
    description: Text | None = None
    """What the score means, in Markdown."""
    aggregate: Aggregate
    """``sum``, ``mean``, ``min``, ``max`` or ``count`` of the selected values."""
    over: Selector
    """The values aggregated: item points or earlier scores."""
    missing: Literal["skip", "zero"] = "skip"
    """``skip``: unanswered items and scores without a value are left out; ``zero``: they
    count as 0 (as in the ML Test Score, where a test not known to be done scores 0).
    Not-applicable and skipped items are left out either way."""
    weights: dict[str, float] | None = None
    """Weight per item or score id (default 1); only for ``sum`` and ``mean``."""
    bands: list[BandOrDefault] | None = None
    """How to read the score: ordered bands, the first match wins, a default last."""


@dataclass
class Facts:
    """What conditions may look at: answers, statuses, risks and scores so far."""

    values: dict[str, AnswerValue | Chosen] = field(default_factory=dict)
    """The answer of each item that has one that counts."""
    points: dict[str, float] = field(default_factory=dict)
    """The points of each item whose answer has points."""
    risks: dict[str, ItemRisk] = field(default_factory=dict)
    """The risk of each item (once risks are known)."""
    scores: dict[str, float | None] = field(default_factory=dict)
    """The value of each score computed so far, in checklist order."""
    status: dict[str, str] = field(default_factory=dict)
    """The status of each item placed so far (answered, unanswered, not_applicable,
    skipped)."""
    section_risks: dict[str, ItemRisk] = field(default_factory=dict)
    """The risk of each section (once section risks are known)."""
    section_items: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The items of each section, by section id."""
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The tags of each item, by item id."""


def holds(
    condition: Condition,
    facts: Facts,
    *,
    this_item: str | None = None,
    scope: Sequence[str] | None = None,
) -> bool:
    """Whether ``condition`` holds for ``facts``.

    ``this_item`` is the item an item condition without ``item`` refers to;
    ``scope`` is the list of items a ``risks`` count looks at (all items when
    ``None``). A test on an item without an answer is false (except
    ``answered: false``); a test on a score without a value is false.
    """
    if isinstance(condition, AllOf):
        return all(holds(c, facts, this_item=this_item, scope=scope) for c in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(c, facts, this_item=this_item, scope=scope) for c in condition.any)
    if isinstance(condition, NotOf):
        return not holds(condition.not_, facts, this_item=this_item, scope=scope)
    if isinstance(condition, ItemCondition):
        return _item_holds(condition, facts, condition.item or this_item or "")
    if isinstance(condition, ScoreCondition):
        value = facts.scores.get(condition.score)
        test = condition.comparison()
        return value is not None and test is not None and compare(value, *test)
    if isinstance(condition, ScoresCondition):
        return _scores_hold(condition, facts)
    return _risks_hold(condition, facts, scope)


def _scores_hold(condition: ScoresCondition, facts: Facts) -> bool:
    test = condition.comparison()
    wanted = condition.count.comparison()
    assert test is not None
    assert wanted is not None
    ids = list(facts.scores) if condition.scores == "all" else condition.scores
    passing = 0
    for score_id in ids:
        value = facts.scores.get(score_id)
        if value is not None and compare(value, *test):
            passing += 1
    return compare(float(passing), *wanted)


def _risks_hold(condition: RisksCondition, facts: Facts, scope: Sequence[str] | None) -> bool:
    test = condition.comparison()
    assert test is not None
    floor = RISK_ORDER[condition.risks]
    if condition.of == "sections":
        risks: Mapping[str, str] = facts.section_risks
        ids: Sequence[str] = [condition.section] if condition.section else list(risks)
    else:
        risks = facts.risks
        ids = list(risks) if scope is None else scope
        if condition.section is not None:
            own = set(facts.section_items.get(condition.section, ()))
            ids = [i for i in ids if i in own]
        if condition.tag is not None:
            ids = [i for i in ids if condition.tag in facts.tags.get(i, ())]
    count = 0
    for key in ids:
        if RISK_ORDER.get(risks.get(key, ""), -1) >= floor:
            count += 1
    return compare(float(count), *test)


def _item_holds(condition: ItemCondition, facts: Facts, item_id: str) -> bool:
    if condition.status is not None:
        return facts.status.get(item_id, "unanswered") in condition.statuses()
    if condition.answered is not None:
        return (item_id in facts.values) == condition.answered
    if item_id not in facts.values:
        return False
    value = facts.values[item_id]
    if condition.includes is not None or condition.excludes is not None:
        chosen = value if isinstance(value, tuple) else ()
        if condition.includes is not None:
            return condition.includes in chosen
        return condition.excludes not in chosen
    if condition.is_ is not None or condition.in_ is not None:
        if isinstance(value, tuple):
            return False  # validation refuses is and in on a multi answer
        if condition.is_ is not None:
            return same_value(value, condition.is_)
        return any(same_value(value, option) for option in condition.in_ or [])
    points = facts.points.get(item_id)
    test = condition.comparison()
    return points is not None and test is not None and compare(points, *test)


def same_value(left: AnswerValue, right: AnswerValue) -> bool:
    """Equality of answer values: numbers equal numbers, strings equal strings."""
    if isinstance(left, str) or isinstance(right, str):
        return isinstance(left, str) and isinstance(right, str) and left == right
    return float(left) == float(right)


def first_risk(
    rules: Sequence[RiskRuleOrDefault],
    facts: Facts,
    *,
    this_item: str | None = None,
    scope: Sequence[str] | None = None,
) -> RiskLevel:
    """The level of the first rule whose condition holds (the default otherwise)."""
    for rule in rules:
        if isinstance(rule, RiskDefault):
            return rule.default
        if holds(rule.when, facts, this_item=this_item, scope=scope):
            return rule.level
    return "none"


def aggregate(kind: Aggregate, values: Sequence[tuple[float, float]]) -> float | None:
    """Aggregate ``(value, weight)`` pairs; ``None`` when there is nothing to aggregate.

    Sums are plain left-to-right additions (not compensated), so that the
    browser computes the same floating-point result.
    """
    if kind == "count":
        return float(len(values))
    if not values:
        return None
    if kind == "min":
        return min(value for value, _ in values)
    if kind == "max":
        return max(value for value, _ in values)
    total = 0.0
    weight_total = 0.0
    for value, weight in values:
        total += value * weight
        weight_total += weight
    value = total if kind == "sum" else total / weight_total
    return value if math.isfinite(value) else None  # an overflow has no value


def first_band(bands: Sequence[BandOrDefault], value: float | None) -> Band | BandDefault | None:
    """The first band that ``value`` falls in, the default otherwise; ``None`` without a value."""
    if value is None:
        return None
    for band in bands:
        if isinstance(band, BandDefault):
            return band
        test = band.comparison()
        if test is not None and compare(value, *test):
            return band
    return None
