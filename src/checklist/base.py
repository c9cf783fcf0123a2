"""The strict base model and the small value types every document shares."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SEMVER_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
TAG_PATTERN = r"^[a-z0-9]+(?:[-:][a-z0-9]+)*$"
CHAPTER_PATTERN = r"^[A-Za-z0-9_./-]+\.md(#[A-Za-z0-9_-]+)?$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
"""An id: lowercase letters and digits, words joined by single hyphens (``data-quality``)."""
SemVer = Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)]
"""A semantic version ``MAJOR.MINOR.PATCH``."""
Tag = Annotated[str, StringConstraints(pattern=TAG_PATTERN, max_length=64)]
"""A tag such as ``stakeholder:product`` or ``maturity``."""
ChapterLink = Annotated[str, StringConstraints(pattern=CHAPTER_PATTERN, max_length=200)]
"""A docs page relative to ``docs/``, optionally with an anchor: ``chapters/x.md#section``."""
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
"""A non-empty string (Markdown where the field says so)."""
Label = Annotated[str, StringConstraints(min_length=1, max_length=300)]
"""A short, non-empty, one-line text."""

Severity = Literal["blocker", "high", "medium", "low"]
"""How bad a poor answer to an item is. A ``blocker`` that fails decides the verdict."""
RiskLevel = Literal["high", "medium", "low", "none"]
"""A risk level a rule can assign."""
ItemRisk = Literal["high", "medium", "low", "none", "unanswered", "not_applicable", "skipped"]
"""The risk of an item or section in a result: a level, or why there is none (not answered
yet, not applicable to the project, or not asked because its condition does not hold)."""
ItemStatus = Literal["answered", "unanswered", "not_applicable", "skipped"]
"""Where an item stands: ``skipped`` when its condition does not hold."""

RISK_ORDER: dict[str, int] = {"none": 0, "low": 1, "medium": 2, "high": 3}
"""Risk levels from least to most severe."""
SEVERITY_RISK: dict[str, RiskLevel] = {
    "blocker": "high",
    "high": "high",
    "medium": "medium",
    "low": "low",
}
"""The risk a poor answer carries when an item has no risk rules of its own."""


class Strict(BaseModel):
    """Base of every document model: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        allow_inf_nan=False,
        populate_by_name=False,
        # Schemas are built on first use, so a command builds only the models it needs.
        defer_build=True,
    )
