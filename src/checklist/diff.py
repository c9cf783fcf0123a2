"""What changed between two evaluated assessments of one checklist.

`compare` takes the two `checklist.engine.Result` objects, older first, and says
which answers and notes changed, which risks opened, closed, rose or fell, how the
scores moved and whether the verdict got better or worse. A *regression* is a
risk that rose (an item's or a section's) or a verdict that got worse (a worse
tone, or settled before and pending now); ``checklist diff --fail-on-regression``
fails on one. The renderers write it as text, Markdown (a pull-request comment)
and JSON, with every text from the files on one line and escaped, as in
`checklist.report`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from checklist.base import ItemRisk
from checklist.report import RISK_LABELS, answer_words, markdown_cell, number
from checklist.reporters import Style, dump_json, one_line

if TYPE_CHECKING:
    from checklist.engine import Result, ScoreResult, VerdictResult

RISK_RANK: dict[str, int | None] = {
    "high": 3,
    "medium": 2,
    "low": 1,
    "none": 0,
    "not_applicable": 0,
    "skipped": 0,
    "unanswered": None,
}
"""How much each risk weighs when two answers are compared; ``None``: not known yet."""
OPEN_FROM = 2
"""A risk is *open* from this rank on (medium and high): what the improvement plan lists."""
TONE_RANK = {"negative": 0, "caution": 1, "neutral": 2, "positive": 3}
MOVE_WORDS = {
    "opened": "opened",
    "closed": "closed",
    "raised": "rose",
    "lowered": "fell",
    "answered": "answered",
    "unanswered": "now unanswered",
}

RiskMove = Literal["opened", "closed", "raised", "lowered", "answered", "unanswered"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AnswerChange(_Out):
    """An answer (or a note) that is not the same in both files."""

    item: str
    question: str
    before: str
    after: str
    """In words: the value, ``unanswered``, ``not applicable: …``, ``not asked``."""


class RiskChange(_Out):
    """An item's or a section's risk that moved."""

    id: str
    title: str
    """The item's question or the section's title."""
    before: ItemRisk
    after: ItemRisk
    move: RiskMove


class ScoreChange(_Out):
    id: str
    label: str
    before: float | None
    after: float | None
    band_before: str | None
    band_after: str | None


class VerdictSide(_Out):
    state: Literal["settled", "pending"]
    id: str | None
    label: str | None
    tone: str | None


class Diff(_Out):
    """The changes from an older assessment to a newer one."""

    checklist: str
    title: str
    version_before: str
    version_after: str
    project: str | None
    date_before: datetime.date | None
    date_after: datetime.date | None
    answers: list[AnswerChange]
    notes: list[AnswerChange]
    risks: list[RiskChange]
    sections: list[RiskChange]
    scores: list[ScoreChange]
    verdict_before: VerdictSide | None
    verdict_after: VerdictSide | None
    verdict_move: Literal["same", "better", "worse", "changed", "settled"]
    regressions: list[str]
    """Each regression in words; empty when nothing got worse."""

    @property
    def regressed(self) -> bool:
        return bool(self.regressions)


def _move(before: str, after: str) -> RiskMove | None:
    old, new = RISK_RANK[before], RISK_RANK[after]
    if old is None and new is None:
        return None
    if new is None:
        return "unanswered"
    if old is None:
        return "opened" if new >= OPEN_FROM else "answered"
    if new > old:
        return "opened" if new >= OPEN_FROM > old else "raised"
    if new < old:
        return "closed" if old >= OPEN_FROM > new else "lowered"
    return None


def _side(verdict: VerdictResult | None) -> VerdictSide | None:
    if verdict is None:
        return None
    return VerdictSide(state=verdict.state, id=verdict.id, label=verdict.label, tone=verdict.tone)


def _verdict_move(
    before: VerdictSide | None, after: VerdictSide | None
) -> Literal["same", "better", "worse", "changed", "settled"]:
    if before is None or after is None or before == after:
        return "same"
    if after.state == "pending":
        return "worse"  # settled before, waiting now
    if before.state == "pending":
        return "settled"
    old, new = TONE_RANK.get(before.tone or "", 2), TONE_RANK.get(after.tone or "", 2)
    return "better" if new > old else "worse" if new < old else "changed"


def _verdict_words(side: VerdictSide | None) -> str:
    if side is None:
        return "no verdict"
    if side.state == "pending":
        return "pending"
    return side.label or side.id or "?"


def compare(before: Result, after: Result) -> Diff:
    """The changes from ``before`` to ``after``, two results of the same checklist.

    Items and sections are matched by id (a minor version may add items: they are
    compared with "unanswered"); scores by id.
    """
    if before.checklist != after.checklist:
        raise ValueError(
            f"the files answer different checklists: {before.checklist} and {after.checklist}"
        )
    old_items = {item.id: item for item in before.items}
    answers, notes, risks = [], [], []
    for item in after.items:
        old = old_items.get(item.id)
        old_words = answer_words(old) if old is not None else "unanswered"
        new_words = answer_words(item)
        if old_words != new_words:
            answers.append(
                AnswerChange(
                    item=item.id, question=item.question, before=old_words, after=new_words
                )
            )
        old_note = (old.note if old is not None else None) or ""
        if old_note != (item.note or ""):
            notes.append(
                AnswerChange(
                    item=item.id, question=item.question, before=old_note, after=item.note or ""
                )
            )
        move = _move(old.risk if old is not None else "unanswered", item.risk)
        if move is not None:
            risks.append(
                RiskChange(
                    id=item.id,
                    title=item.question,
                    before=old.risk if old is not None else "unanswered",
                    after=item.risk,
                    move=move,
                )
            )
    old_sections = {section.id: section for section in before.sections}
    sections = []
    for section in after.sections:
        was = old_sections[section.id].risk if section.id in old_sections else "unanswered"
        move = _move(was, section.risk)
        if move is not None:
            sections.append(
                RiskChange(
                    id=section.id, title=section.title, before=was, after=section.risk, move=move
                )
            )
    old_scores = {score.id: score for score in before.scores}
    scores = []
    for score in after.scores:
        was_score: ScoreResult | None = old_scores.get(score.id)
        value, band = (was_score.value, was_score.band) if was_score else (None, None)
        if (value, band) != (score.value, score.band):
            scores.append(
                ScoreChange(
                    id=score.id,
                    label=score.label,
                    before=value,
                    after=score.value,
                    band_before=band,
                    band_after=score.band,
                )
            )
    # The headline score first: it is the one the diff's headline names.
    scores.sort(key=lambda score: score.id != after.headline)
    verdict_before, verdict_after = _side(before.verdict), _side(after.verdict)
    verdict_move = _verdict_move(verdict_before, verdict_after)
    regressions = [
        f"{'item' if kind == 'item' else 'section'} {change.id}: risk {RISK_LABELS[change.before]} → "
        f"{RISK_LABELS[change.after]}"
        for kind, group in (("item", risks), ("section", sections))
        for change in group
        if change.move in ("opened", "raised")
        and RISK_RANK[change.before] is not None  # a first answer is news, not a regression
    ]
    if verdict_move == "worse":
        regressions.append(
            f"verdict: {_verdict_words(verdict_before)} → {_verdict_words(verdict_after)}"
        )
    return Diff(
        checklist=after.checklist,
        title=after.title,
        version_before=before.version,
        version_after=after.version,
        project=after.project or before.project,
        date_before=before.date,
        date_after=after.date,
        answers=answers,
        notes=notes,
        risks=risks,
        sections=sections,
        scores=scores,
        verdict_before=verdict_before,
        verdict_after=verdict_after,
        verdict_move=verdict_move,
        regressions=regressions,
    )


def headline(diff: Diff) -> str:
    """One line: ``Fit for ML 0.62 → 0.81, verdict Proceed with caution → ML is a good fit;
    2 risks closed, 1 opened``."""
    parts = [f"{one_line(s.label)} {number(s.before)} → {number(s.after)}" for s in diff.scores[:1]]
    if diff.verdict_move != "same":
        parts.append(
            f"verdict {one_line(_verdict_words(diff.verdict_before))} → "
            f"{one_line(_verdict_words(diff.verdict_after))}"
        )
    moves = [
        (sum(change.move == move for change in diff.risks), words)
        for move, words in (
            ("closed", ("risk closed", "risks closed")),
            ("opened", ("risk opened", "risks opened")),
            ("raised", ("risk rose", "risks rose")),
            ("lowered", ("risk fell", "risks fell")),
        )
    ]
    counts = [f"{n} {words[n != 1]}" for n, words in moves if n]
    line = ", ".join(parts) or "no change in scores or verdict"
    if counts:
        line += "; " + ", ".join(counts)
    if not (diff.answers or diff.notes):
        line += "; no answer changed"
    return line


def _dates(diff: Diff) -> str:
    old = diff.date_before.isoformat() if diff.date_before else "undated"
    new = diff.date_after.isoformat() if diff.date_after else "undated"
    return f"{old} → {new}"


def _risk_line(change: RiskChange) -> str:
    return (
        f"{MOVE_WORDS[change.move]}: {one_line(change.id)} ({RISK_LABELS[change.before]} → "
        f"{RISK_LABELS[change.after]}) — {one_line(change.title)}"
    )


def text(diff: Diff, style: Style) -> str:
    """The diff for a terminal."""
    project = f" — {one_line(diff.project)}" if diff.project else ""
    versions = (
        diff.version_after
        if diff.version_before == diff.version_after
        else f"{diff.version_before} → {diff.version_after}"
    )
    lines = [
        style.bold(one_line(f"{diff.title} {versions}{project}") + f" ({_dates(diff)})"),
        headline(diff),
    ]
    if diff.scores:
        lines += ["", style.bold("Scores")]
        for score in diff.scores:
            band = (
                f" ({one_line(score.band_before or '—')} → {one_line(score.band_after or '—')})"
                if score.band_before != score.band_after
                else ""
            )
            lines.append(
                f"  {one_line(score.label)}: {number(score.before)} → {number(score.after)}{band}"
            )
    for title, group in (("Item risks", diff.risks), ("Section risks", diff.sections)):
        if group:
            lines += ["", style.bold(title)]
            lines += [f"  {_risk_line(change)}" for change in group]
    for title, changes in (("Answers", diff.answers), ("Notes", diff.notes)):
        if changes:
            lines += ["", style.bold(title)]
            for change in changes:
                lines.append(
                    f"  {one_line(change.item)}: {one_line(change.before) or '(none)'} → "
                    f"{one_line(change.after) or '(none)'}"
                )
    lines += ["", style.bold("Regressions")]
    lines += [f"  {one_line(r)}" for r in diff.regressions] or ["  none"]
    return "\n".join(lines)


def markdown(diff: Diff, style: Style) -> str:
    """The diff as a pull-request comment."""
    project = f" — {markdown_cell(diff.project)}" if diff.project else ""
    lines = [
        f"### {markdown_cell(diff.title)}{project}: what changed ({_dates(diff)})",
        "",
        f"**{markdown_cell(headline(diff))}**",
    ]
    if diff.regressions:
        lines += ["", "> [!WARNING]", "> Regressions:"]
        lines += [f"> - {markdown_cell(r)}" for r in diff.regressions]
    chart = _mermaid(diff)
    if chart:
        lines += ["", chart]
    if diff.scores:
        lines += ["", "| Score | Before | After |", "| --- | ---: | ---: |"]
        for score in diff.scores:
            before = number(score.before) + (
                f" ({markdown_cell(score.band_before)})" if score.band_before else ""
            )
            after = number(score.after) + (
                f" ({markdown_cell(score.band_after)})" if score.band_after else ""
            )
            lines.append(f"| {markdown_cell(score.label)} | {before} | {after} |")
    changes = [*(("item", c) for c in diff.risks), *(("section", c) for c in diff.sections)]
    if changes:
        lines += [
            "",
            "| Risk | Of | Before | After | Question or section |",
            "| --- | --- | --- | --- | --- |",
        ]
        for kind, change in changes:
            lines.append(
                f"| {MOVE_WORDS[change.move]} | {kind} `{markdown_cell(change.id)}` | {RISK_LABELS[change.before]} "
                f"| {RISK_LABELS[change.after]} | {markdown_cell(change.title)} |"
            )
    if diff.answers or diff.notes:
        lines += ["", "<details><summary>Answers and notes changed</summary>", ""]
        lines += ["| Item | What | Before | After |", "| --- | --- | --- | --- |"]
        for what, group in (("answer", diff.answers), ("note", diff.notes)):
            for answer in group:
                lines.append(
                    f"| `{markdown_cell(answer.item)}` | {what} | {markdown_cell(answer.before) or '—'} "
                    f"| {markdown_cell(answer.after) or '—'} |"
                )
        lines += ["", "</details>"]
    return "\n".join(lines)


def _mermaid(diff: Diff) -> str:
    """The changed scores as a Mermaid chart GitHub draws: bars now, a line before."""
    from checklist.charts import mermaid_text

    shown = [s for s in diff.scores if s.before is not None and s.after is not None]
    if not shown:
        return ""
    top = max(1.0, *(max(s.before or 0.0, s.after or 0.0) for s in shown))
    names = ", ".join(f'"{mermaid_text(s.label)}"' for s in shown)
    return "\n".join(
        [
            "```mermaid",
            "xychart-beta",
            '  title "Scores: bars now, the line before"',
            f"  x-axis [{names}]",
            f'  y-axis "Score" 0 --> {number(top)}',
            f"  bar [{', '.join(number(s.after) for s in shown)}]",
            f"  line [{', '.join(number(s.before) for s in shown)}]",
            "```",
        ]
    )


def as_json(diff: Diff, style: Style) -> str:
    """The diff as JSON: the `Diff` model, with ``regressed``."""
    data = diff.model_dump(mode="json")
    data["regressed"] = diff.regressed
    return dump_json(data)


FORMATS = {"text": text, "markdown": markdown, "json": as_json}
