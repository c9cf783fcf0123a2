"""An evaluated assessment as text, Markdown or JSON.

Every text that comes from a file (titles, the project, questions, hints,
answers, notes) is put on one line and its control characters are escaped
(`checklist.reporters.one_line`): a note can neither forge a line of the report
nor send escape sequences to a terminal. Markdown also escapes what could end
a table cell or start HTML.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Context, Decimal
from typing import TYPE_CHECKING

from checklist.reporters import Style, dump_json, one_line

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from checklist.engine import ItemResult, Result, ScoreResult, SectionResult

RISK_LABELS = {
    "high": "high",
    "medium": "medium",
    "low": "low",
    "none": "none",
    "unanswered": "unanswered",
    "not_applicable": "not applicable",
    "skipped": "not asked",
}


def number(value: float | None) -> str:
    """A number for people, by the rule of ``docs/reference/rules.md#numbers``.

    The exact value of the double is rounded to two decimals, ties to even; trailing
    zeros go: ``2``, ``2.5``, ``0.33``, ``12345.25``. From 10^15 on it is written with
    six significant digits and an exponent: ``1e+308``. No value (or no finite value)
    is an em dash. The browser evaluator's ``number`` (``evaluator/api.js``) follows the same rule, digit for digit.
    """
    if value is None or not math.isfinite(value):
        return "—"
    # The browser holds a double: a larger integer is the double nearest to it.
    hundredths = Decimal(float(value)).quantize(_HUNDREDTH, context=_EXACT)
    if hundredths.is_zero():
        return "0"
    if abs(hundredths) < _EXPONENT_FROM:
        plain = f"{hundredths:f}"
        return plain.rstrip("0").rstrip(".") if "." in plain else plain
    six = hundredths.quantize(Decimal(1).scaleb(hundredths.adjusted() - 5), context=_EXACT)
    sign, digits, _ = six.as_tuple()
    shown = "".join(map(str, digits)).rstrip("0")
    mantissa = shown[0] + (f".{shown[1:]}" if len(shown) > 1 else "")
    return f"{'-' if sign else ''}{mantissa}e+{six.adjusted():02d}"


_HUNDREDTH = Decimal("0.01")
_EXACT = Context(prec=800, rounding=ROUND_HALF_EVEN, Emax=400, Emin=-400)
"""Room for every double in hundredths (1.8e308 has 311 digits), rounded ties to even."""
_EXPONENT_FROM = Decimal(10) ** 15


def _band(result: Result, score: ScoreResult) -> str:
    """A score's band, or for the headline why it has none yet."""
    if score.id == result.headline and result.headline_status == "pending":
        return "pending"
    if score.id == result.headline and result.headline_status == "blocked":
        return "overridden by a deal-breaker"
    return one_line(score.band) if score.band else ""


def _score_line(result: Result, score: ScoreResult) -> str:
    band = _band(result, score)
    return f"{one_line(score.label)}: {number(score.value)}" + (f" — {band}" if band else "")


def _title(result: Result) -> str:
    project = f" — {result.project}" if result.project else ""
    date = f" ({result.date.isoformat()})" if result.date else ""
    return one_line(f"{result.title} {result.version}{project}{date}")


def _answered(section: SectionResult) -> str:
    """``2/3 answered``, with the items not applicable and not asked said apart."""
    words = f"{section.answered}/{section.items} answered"
    if section.not_applicable:
        words += f", {section.not_applicable} not applicable"
    if section.skipped:
        words += f", {section.skipped} not asked"
    return words


def _risk_summary(counts: dict[str, int]) -> str:
    return " · ".join(f"{RISK_LABELS[key]} {count}" for key, count in counts.items())


def verdict_lines(result: Result) -> list[str]:
    """The verdict (or why there is none yet), what decided it, and what to answer next.

    The first line is the verdict; the reports print it in bold. Every line is one line.
    """
    verdict = result.verdict
    if verdict is not None and verdict.state == "settled":
        lines = [one_line(verdict.label or "")]
        because = verdict.because
        if not result.complete:
            n = len(result.unanswered)
            because += (
                f"; provisional: {n} {'question is' if n == 1 else 'questions are'} unanswered"
            )
        lines.append(one_line(because + "."))
        if verdict.description:
            lines.append(one_line(verdict.description))
        return lines + turn_lines(result)
    if not result.pending:
        return []
    lines = ["pending: " + one_line("; ".join(result.pending))]
    if result.next:
        shown = ", ".join(result.next[:8])
        more = f" and {len(result.next) - 8} more" if len(result.next) > 8 else ""
        lines.append(one_line(f"Answer next: {shown}{more}."))
    return lines


def turn_lines(result: Result) -> list[str]:
    """How close the verdict is to another, when the turns were looked for: that no single
    answer changes it, or, for each other verdict one answer away, the answers that give it.
    """
    from checklist.explain import quoted
    from checklist.margin import WAITING, other_verdicts, summary

    others = other_verdicts(result)
    if others is None or result.verdict is None or result.verdict.state != "settled":
        return []
    if not others:
        return ["No single answer would change this verdict."]
    lines = [one_line(summary(others) + ":")]
    for other in others:
        ways = [f"{quoted(way.question)} {way.answers}" for way in other.ways]
        if other.more:
            ways.append(f"{other.more} other {'question' if other.more == 1 else 'questions'}")
        head = WAITING if other.label is None else quoted(other.label)
        lines.append(one_line(f"{head} if {', or '.join(ways)}."))
    return lines


def answer_words(item: ItemResult) -> str:
    """What the team answered, in words: the value, or why there is none."""
    if item.status == "answered":
        value = item.answer
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, list):
            return one_line(", ".join(value))
        return number(value) if isinstance(value, (int, float)) else one_line(str(value))
    if item.status == "skipped":
        return "does not apply (condition)"
    if item.status == "not_applicable":
        return "not applicable" + (f": {one_line(item.reason)}" if item.reason else "")
    return "unanswered"


def _notes(result: Result) -> dict[str, str]:
    """The notes worth showing, by item id, each on one line."""
    return {
        item.id: one_line(item.note) for item in result.items if item.note and item.note.strip()
    }


def text(result: Result, style: Style) -> str:
    """A plain-text report for the terminal."""
    lines = [style.bold(_title(result)), ""]
    verdict = verdict_lines(result)
    if verdict:
        label = "Verdict" if result.verdict is not None else "Result"
        lines.append(f"{label}: {style.bold(verdict[0])}")
        lines += [f"  {line}" for line in verdict[1:]]
        lines.append("")
    if result.scores:
        lines.append(style.bold("Scores"))
        lines += [f"  {_score_line(result, score)}" for score in result.scores]
        lines.append("")
    lines.append(style.bold("Sections"))
    for section in result.sections:
        lines.append(
            f"  {one_line(section.title)}: risk {RISK_LABELS[section.risk]}, {_answered(section)}"
        )
    lines += [
        "",
        f"{style.bold('Items by risk')}: {_risk_summary(result.risks)}",
        f"{style.bold('Sections by risk')}: {_risk_summary(result.section_risks)}",
    ]
    if result.unanswered:
        lines.append(
            f"{style.bold('Unanswered')} ({len(result.unanswered)}): "
            f"{one_line(', '.join(result.unanswered))}"
        )
    lines.append("")
    if result.plan:
        notes = _notes(result)
        lines.append(style.bold("Improvement plan"))
        for n, step in enumerate(result.plan, 1):
            level = style.red(step.risk) if step.risk == "high" else style.yellow(step.risk)
            lines.append(f"  {n}. [{level}] {one_line(step.item)}: {one_line(step.question)}")
            lines.append(f"     {one_line(step.hint)}")
            for gap in step.missing:
                lines.append(
                    f"     Missing: {one_line(gap.label)}"
                    + (f" — {one_line(gap.hint)}" if gap.hint else "")
                )
            if step.item in notes:
                lines.append(f"     Your note: {notes[step.item]}")
    else:
        lines.append("Improvement plan: nothing at high or medium risk.")
    return "\n".join(lines)


def markdown_cell(value: str) -> str:
    """Text safe inside a Markdown table cell or line: one line, no HTML, no cell end.

    Backslashes are escaped before the bars, so that ``\\|`` in a note stays text
    instead of becoming an escaped backslash followed by a cell boundary.
    """
    escaped = one_line(value).replace("\\", "\\\\").replace("|", "\\|")
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown(result: Result, style: Style) -> str:
    """A Markdown report, for a pull request or a wiki page."""
    lines = [f"# {markdown_cell(_title(result))}", ""]
    verdict = verdict_lines(result)
    if verdict:
        label = "Verdict" if result.verdict is not None else "Result"
        lines.append(
            f"**{label}:** {markdown_cell(verdict[0])}" + ("  " if len(verdict) > 1 else "")
        )
        lines += [
            markdown_cell(line) + ("  " if n < len(verdict) - 2 else "")
            for n, line in enumerate(verdict[1:])
        ]
        lines.append("")
    if result.scores:
        from checklist.charts import headline, mermaid, picture

        pic = picture(result)
        lines += ["## Scores", ""]
        chart = mermaid(pic)
        if chart:  # GitHub draws it; elsewhere the table below says the same
            lines += [f"{headline(pic)}.", "", chart, ""]
        lines += ["| Score | Value | Band |", "| --- | --- | --- |"]
        lines += [
            f"| {markdown_cell(s.label)} | {number(s.value)} | {markdown_cell(_band(result, s))} |"
            for s in result.scores
        ]
        lines.append("")
    lines += ["## Risks", "", "| Section | Risk | Answered |", "| --- | --- | --- |"]
    lines += [
        f"| {markdown_cell(s.title)} | {RISK_LABELS[s.risk]} | {_answered(s)} |"
        for s in result.sections
    ]
    lines += [
        "",
        f"Items by risk: {_risk_summary(result.risks)}.  ",
        f"Sections by risk: {_risk_summary(result.section_risks)}.",
        "",
    ]
    if result.unanswered:
        lines += [f"Unanswered: {markdown_cell(', '.join(result.unanswered))}.", ""]
    lines += ["## Improvement plan", ""]
    if not result.plan:
        lines.append("Nothing at high or medium risk.")
    notes = _notes(result)
    for n, step in enumerate(result.plan, 1):
        lines.append(
            f"{n}. **{step.risk}** `{step.item}`: {markdown_cell(step.question)}  "
        )  # ids are slugs
        lines.append(
            f"   {markdown_cell(step.hint)}" + ("  " if step.item in notes or step.missing else "")
        )
        for n_gap, gap in enumerate(step.missing):
            last = n_gap == len(step.missing) - 1 and step.item not in notes
            hint = f" — {markdown_cell(gap.hint)}" if gap.hint else ""
            lines.append(f"   *Missing:* {markdown_cell(gap.label)}{hint}" + ("" if last else "  "))
        if step.item in notes:
            lines.append(f"   *Your note:* {markdown_cell(notes[step.item])}")
    lines += [
        "",
        "## Answers",
        "",
        "| Question | Answer | Risk | Note |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {markdown_cell(item.question)} | {markdown_cell(answer_words(item))} | {RISK_LABELS[item.risk]} "
        f"| {markdown_cell(item.note or '')} |"
        for item in result.items
    ]
    return "\n".join(lines) + "\n"


def as_json(result: Result, style: Style) -> str:
    """The result as JSON; its shape is `checklist.engine.Result`."""
    return dump_json(result.model_dump(mode="json"))


FORMATS: dict[str, Callable[[Result, Style], str]] = {
    "text": text,
    "markdown": markdown,
    "json": as_json,
}
"""Report formats by ``--format`` name."""


def render_reports(results: Sequence[Result], format: str, style: Style, *, as_list: bool) -> str:
    """Several reports in one output, in order, ending in a line break.

    Text and Markdown reports follow one another, a blank line apart. JSON is a list
    when ``as_list`` (several files or a folder were asked for, however many
    assessments they held), else the one report's object.
    """
    if format == "json":
        if as_list:
            return dump_json([result.model_dump(mode="json") for result in results]) + "\n"
        return "\n".join(as_json(result, style) for result in results) + "\n"
    return "\n\n".join(FORMATS[format](result, style).rstrip("\n") for result in results) + "\n"


def render_report(result: Result, format: str = "text", *, color: bool = False) -> str:
    """Render an evaluated assessment as ``text``, ``markdown`` or ``json``."""
    if format not in FORMATS:
        raise ValueError(f"unknown report format {format!r}; expected one of {', '.join(FORMATS)}")
    return FORMATS[format](result, Style(color))
