"""The two document kinds: a `Checklist` and a team's `Assessment`.

These models describe the shape of each file; `checklist.validation` checks
what a shape cannot express (unique ids, references that resolve, rules that
can be reached). JSON Schemas are generated from these models.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import ConfigDict, Discriminator, Field, Tag

from checklist.base import (
    ChapterLink,
    Label,
    SemVer,
    Severity,
    Slug,
    Strict,
    Text,
)
from checklist.base import Tag as TagName
from checklist.rules import (
    AnswerValue,
    Condition,
    RiskRuleOrDefault,
    Score,
    rule_kind,
)

SCHEMA_VERSION = 1
"""The version of both document schemas this package reads."""

_EXTENSION_KEYS = ConfigDict(json_schema_extra={"patternProperties": {"^x-": {}}})
"""Top-level keys starting with ``x-`` are ignored (free for YAML anchors and notes)."""


class YesNo(Strict):
    """Answered ``yes`` (1 point) or ``no`` (0 points). Phrase the question so that yes is good."""

    type: Literal["yes_no"]


class Option(Strict):
    """One option of a choice."""

    value: Slug
    """What the assessment file stores."""
    label: Label
    """What the reader sees."""
    points: float | None = None
    """The option's points in scores and numeric conditions; none if left out."""
    description: Text | None = None


class Choice(Strict):
    """Exactly one of a list of options."""

    type: Literal["choice"]
    options: list[Option] = Field(min_length=2)


class MultiOption(Option):
    """One option of a multi answer: a practice a team follows or not."""

    exclusive: bool = False
    """Chosen alone, never with another option: "None of these"."""
    hint: Text | None = None
    """What to do when this option is not chosen: listed under the plan step."""


class Multi(Strict):
    """Any of a list of options, as in "select every practice you follow". The points
    are the sum of the chosen options' points; an exclusive option stands alone."""

    type: Literal["multi"]
    options: list[MultiOption] = Field(min_length=2)


class Level(Strict):
    """One step of a graded scale; its value is also its points."""

    value: float
    label: Label
    description: Text | None = None


class Scale(Strict):
    """A graded scale, such as 0 / 0.5 / 1 points or maturity 0-5."""

    type: Literal["scale"]
    levels: list[Level] = Field(min_length=2)


class Number(Strict):
    """A number, optionally bounded; its value is also its points."""

    type: Literal["number"]
    min: float | None = None
    max: float | None = None
    integer: bool = False
    """Only whole numbers are accepted."""
    unit: Label | None = None


class FreeText(Strict):
    """Free text; it has no points."""

    type: Literal["text"]
    max_length: int = Field(default=5000, ge=1, le=20_000)


AnswerType = Annotated[
    YesNo | Choice | Multi | Scale | Number | FreeText,
    Discriminator("type"),
]
"""The kind of answer an item takes."""


class Item(Strict):
    """One question of a checklist."""

    id: Slug
    """Stable id, unique in the checklist. Stored answers are keyed by it: never reuse one."""
    question: Label
    severity: Severity
    """How bad a poor answer is; a failed ``blocker`` decides the verdict."""
    answer: AnswerType
    hint: Text
    """What to do when the answer is poor: it goes into the improvement plan."""
    guidance: Text | None = None
    """How to answer, in Markdown."""
    why: Text | None = None
    """Why it matters, in Markdown."""
    not_applicable: bool = False
    """Whether a team may answer "not applicable" (with a reason)."""
    when: Condition | None = None
    """The item applies only when this condition holds."""
    risk: list[RiskRuleOrDefault] | None = Field(default=None, min_length=1)
    """Ordered risk rules; the first that matches wins; a default is required, last."""
    chapter: ChapterLink | None = None
    """The chapter section the item comes from: ``chapters/page.md#anchor``."""
    tags: list[TagName] = Field(default_factory=list)


class Section(Strict):
    """A group of items, with its own optional risk rules."""

    id: Slug
    title: Label
    description: Text | None = None
    chapter: ChapterLink | None = None
    items: list[Item] = Field(min_length=1)
    risk: list[RiskRuleOrDefault] | None = Field(default=None, min_length=1)
    """Ordered risk rules for the section; without them, its highest item risk."""


class VerdictOption(Strict):
    """One possible verdict."""

    id: Slug
    label: Label
    tone: Literal["positive", "caution", "negative", "neutral"] = "neutral"
    description: Text | None = None


class VerdictRule(Strict):
    """``{when: CONDITION, verdict: ID}``."""

    when: Condition
    verdict: Slug


class VerdictDefault(Strict):
    """``{default: ID}``: the verdict when no rule matched. Required, and last."""

    default: Slug


VerdictRuleOrDefault = Annotated[
    Annotated[VerdictRule, Tag("rule-entry")] | Annotated[VerdictDefault, Tag("default-entry")],
    Discriminator(rule_kind),
]


class Verdicts(Strict):
    """The verdicts a checklist can reach and the rules that choose one."""

    options: list[VerdictOption] = Field(min_length=1)
    blocked: Slug | None = None
    """The verdict when any blocker item is at high risk; it overrides the rules."""
    rules: list[VerdictRuleOrDefault] = Field(min_length=1)
    """Ordered rules; the first whose condition holds decides; a default is required, last."""


class Requirement(Strict):
    """What must be answered before the result settles: gives a verdict, and the headline
    score its band. Until then the verdict is *pending*.

    Every asked blocker item must be answered (or not applicable) in any case; a
    failed blocker settles the verdict at once, since nothing can make it better.
    """

    answered: float = Field(default=1.0, ge=0, le=1)
    """The share of asked items (not skipped) that must be answered or not applicable:
    ``1`` (the default) is every one, ``0.75`` three in four."""
    items: list[Slug] = Field(default_factory=list)
    """Items that must be answered (or not applicable) whenever they are asked."""
    tags: list[TagName] = Field(default_factory=list)
    """Every asked item with one of these tags must be answered (or not applicable)."""


class ItemUpgrade(Strict):
    """How one item of the previous major version carries over to this one.

    ``{from: old, to: new}`` renames an item; ``to: [a, b]`` splits it (the answer is
    offered to each new item that accepts it); ``from: [a, b]`` merges items (their
    answers carry over only when they map to one value); ``removed: why`` drops it.
    ``answers`` maps old answer values to new ones (``{tested: checked}``); an answer
    that fits neither way must be given again. Notes and evidence always carry over.
    """

    from_: Slug | list[Slug] = Field(alias="from")
    """The item (or items, when merged) of the previous major version."""
    to: Slug | list[Slug] | None = None
    """The item (or items, when split) of this version; left out with ``removed``."""
    answers: dict[str, AnswerValue] = Field(default_factory=dict)
    """Old answer values (written as text: ``"yes"``, ``"0.5"``) and what they become."""
    removed: Text | None = None
    """Why the item is gone; the reason is shown to teams that answered it."""


class Upgrade(Strict):
    """How answers to the previous major version carry over to this one.

    Items whose id is the same in both versions and that are not listed here keep their
    answers when the answer still fits. `checklist upgrade` applies this to a file; the
    form applies the same rules to answers stored in the browser.
    """

    from_: int = Field(alias="from", ge=0)
    """The major version this one follows (``1`` for a 2.0.0 checklist)."""
    items: list[ItemUpgrade] = Field(default_factory=list)


class Checklist(Strict):
    """A checklist: questions a team answers about its own ML system."""

    model_config = _EXTENSION_KEYS

    kind: Literal["checklist"]
    schema_version: Literal[1]
    id: Slug
    title: Label
    version: SemVer
    """Bump the major version when items are removed or change answer type."""
    summary: Text
    chapter: ChapterLink | None = None
    """The docs page (and section) the checklist belongs to."""
    attribution: Text | None = None
    """Where the questions come from, when they are adapted from published work."""
    sections: list[Section] = Field(min_length=1)
    scores: list[Score] = Field(default_factory=list)
    headline: Slug | None = None
    """The score shown first; the last score when left out."""
    verdict: Verdicts | None = None
    requires: Requirement = Field(default_factory=Requirement)
    """What must be answered before the verdict and the headline's band are given;
    without it, every asked item."""
    upgrade: Upgrade | None = None
    """How answers to the previous major version carry over (`checklist upgrade`)."""


class ChecklistRef(Strict):
    """Which checklist an assessment answers."""

    id: Slug
    version: SemVer


class Answer(Strict):
    """A team's answer to one item."""

    answer: AnswerValue | bool | list[Slug] | None = None
    """The answer; ``null`` or left out while unanswered. ``true``/``false`` stand for yes/no;
    a multi answer is the list of the chosen options' values."""
    not_applicable: bool = False
    """The item does not apply to this project; give the reason."""
    reason: Text | None = None
    """Why the item does not apply."""
    note: Text | None = None
    """Why this answer: context for the next reader."""
    evidence: list[Text] = Field(default_factory=list)
    """Links or references that back the answer."""


class Assessment(Strict):
    """A team's answers to one checklist."""

    model_config = _EXTENSION_KEYS

    kind: Literal["assessment"]
    schema_version: Literal[1]
    checklist: ChecklistRef
    project: Label
    date: Annotated[datetime.date, Field(strict=False)]
    """When the assessment was made, ``YYYY-MM-DD``."""
    assessors: list[Label] = Field(default_factory=list)
    answers: dict[str, Answer] = Field(default_factory=dict)
    """Answers keyed by item id; items left out are unanswered."""
