"""Where many projects stand: one row per assessment, worst first.

`rows` turns evaluated assessments into `Row` values (project, checklist, version,
how much is answered, the headline score, the verdict, high risks, the assessment's
date); the renderers write them as text, Markdown, JSON and a self-contained HTML page.
Worst first means: a negative verdict, then a pending one, then caution, neutral and
positive; within each, more high risks first, then the lower headline score.
"""

from __future__ import annotations

import datetime
from html import escape
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from checklist.report import markdown_cell, number
from checklist.reporters import Style, dump_json, one_line

if TYPE_CHECKING:
    from collections.abc import Iterable

    from checklist.engine import Result

ORDER = {"negative": 0, "pending": 1, "caution": 2, "neutral": 3, "positive": 4}
"""Verdict states from worst to best, for sorting."""


class Row(BaseModel):
    """One assessment in the portfolio."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    project: str | None
    checklist: str
    title: str
    version: str
    answered: int
    asked: int
    score_label: str | None
    score: float | None
    band: str | None
    verdict: str
    """The verdict's label, ``pending`` or ``no verdict``."""
    tone: Literal["negative", "pending", "caution", "neutral", "positive"]
    high_risks: int
    date: datetime.date | None


def row(file: str, result: Result) -> Row:
    """The portfolio row of one evaluated assessment."""
    headline = next((s for s in result.scores if s.id == result.headline), None)
    verdict = result.verdict
    if verdict is None:
        label, tone = "no verdict", "neutral"
    elif verdict.state == "pending":
        label, tone = "pending", "pending"
    else:
        label, tone = verdict.label or verdict.id or "?", verdict.tone or "neutral"
    asked = sum(1 for item in result.items if item.status != "skipped")
    answered = sum(1 for item in result.items if item.status in ("answered", "not_applicable"))
    return Row(
        file=file,
        project=result.project,
        checklist=result.checklist,
        title=result.title,
        version=result.version,
        answered=answered,
        asked=asked,
        score_label=headline.label if headline else None,
        score=headline.value if headline else None,
        band=headline.band if headline and result.headline_status == "settled" else None,
        verdict=label,
        tone=tone,
        high_risks=result.risks.get("high", 0),
        date=result.date,
    )


def rows(entries: Iterable[tuple[str, Result]]) -> list[Row]:
    """Rows for ``(file, result)`` pairs, worst first (ties keep the given order)."""
    made = [row(file, result) for file, result in entries]
    return sorted(
        made,
        key=lambda r: (ORDER[r.tone], -r.high_risks, r.score if r.score is not None else -1.0),
    )


def _score(r: Row) -> str:
    if r.score_label is None:
        return "—"
    return f"{r.score_label} {number(r.score)}"


def _date(r: Row) -> str:
    return r.date.isoformat() if r.date else "—"


HEADERS = ("Project", "Checklist", "Answered", "Headline", "Verdict", "High risks", "Date")


def _cells(r: Row) -> list[str]:
    return [
        r.project or "—",
        f"{r.checklist} {r.version}",
        f"{r.answered}/{r.asked}",
        _score(r),
        r.verdict,
        str(r.high_risks),
        _date(r),
    ]


def text(table: list[Row], style: Style) -> str:
    """An aligned table for a terminal."""
    body = [[one_line(c) for c in _cells(r)] for r in table]
    widths = [max(len(h), *(len(row[i]) for row in body)) for i, h in enumerate(HEADERS)]
    lines = [
        style.bold("  ".join(h.ljust(w) for h, w in zip(HEADERS, widths, strict=True)).rstrip())
    ]
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in body
    ]
    lines.append("")
    worst = sum(1 for r in table if r.tone == "negative")
    pending = sum(1 for r in table if r.tone == "pending")
    lines.append(
        f"{len(table)} {'assessment' if len(table) == 1 else 'assessments'}: "
        f"{worst} negative, {pending} pending, "
        f"{sum(r.high_risks for r in table)} high risks in all"
    )
    return "\n".join(lines)


def markdown(table: list[Row], style: Style) -> str:
    """A Markdown table, for a wiki page or a pull request."""
    lines = [
        "| " + " | ".join(HEADERS) + " |",
        "| --- | --- | ---: | --- | --- | ---: | --- |",
    ]
    for r in table:
        cells = [markdown_cell(c) for c in _cells(r)]
        cells[4] = f"**{cells[4]}**" if r.tone in ("negative", "pending") else cells[4]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def as_json(table: list[Row], style: Style) -> str:
    """``{"assessments": [row, ...]}``, worst first."""
    return dump_json({"assessments": [r.model_dump(mode="json") for r in table]})


_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#1f2328;background:#fff}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;
border-bottom:1px solid #d0d7de;vertical-align:top}th{background:#f6f8fa}
td.n{text-align:right;font-variant-numeric:tabular-nums}td.d{white-space:nowrap}
.tone{display:inline-block;padding:0 .5rem;border-radius:1rem;color:#fff;white-space:nowrap}
@TONES@
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}
th{background:#161b22}th,td{border-color:#30363d}}
@media print{body{margin:0}.tone{color:#000;border:1px solid #000;background:none}}
"""


def html(table: list[Row], style: Style) -> str:
    """One self-contained page: no script, no font or style from elsewhere."""
    head = "".join(f"<th scope=col>{escape(h)}</th>" for h in HEADERS)
    body = []
    for r in table:
        cells = [escape(one_line(c)) for c in _cells(r)]
        body.append(
            "<tr>"
            f"<td>{cells[0]}</td><td>{cells[1]}</td><td class=n>{cells[2]}</td>"
            f"<td title='{escape(one_line(r.band or ''), quote=True)}'>{cells[3]}</td><td><span class='tone {r.tone}'>{cells[4]}</span></td>"
            f"<td class=n>{cells[5]}</td><td class=d>{cells[6]}</td></tr>"
        )
    from checklist.badge import COLOURS
    from checklist.htmlreport import standalone_page

    # The badges' colours, each readable with white text.
    tones = "".join(f".{tone}{{background:{colour}}}" for tone, colour in COLOURS.items())
    title = "Design reviews: where the projects stand"
    return standalone_page(
        title,
        _CSS.replace("@TONES@", tones),
        f"<h1>{escape(title)}</h1><p>{len(table)} assessments, worst first.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>",
    )


FORMATS = {"text": text, "markdown": markdown, "json": as_json, "html": html}
