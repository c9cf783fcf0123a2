"""A result at a glance: a bar per section score, coloured by the section's risk, and the
items by risk in one stacked bar.

`picture` gathers the numbers (the same ones the text report prints); `svg` draws them
as an inline SVG (no script, no font or style from elsewhere) whose title and
description say the same in words, and `mermaid` writes a chart block that GitHub renders
in a pull request or a wiki, while the report's tables stay the readable text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from checklist.report import RISK_LABELS, number
from checklist.reporters import one_line

if TYPE_CHECKING:
    from checklist.engine import Result

RISK_COLOURS = {
    "high": "#c62828",
    "medium": "#b26a00",
    "low": "#1565c0",
    "none": "#3c7d22",
    "unanswered": "#8c959f",
    "not_applicable": "#57606a",
    "skipped": "#afb8c1",
}
"""The fill of each risk; each is readable on white and on a dark page."""
RISK_ORDER = ("high", "medium", "low", "none", "unanswered", "not_applicable", "skipped")


@dataclass(frozen=True)
class Bar:
    """One section's score."""

    section: str
    label: str
    value: float | None
    top: float
    """The most the score can be (1 for a mean of points)."""
    risk: str


@dataclass(frozen=True)
class Picture:
    bars: list[Bar]
    weakest: Bar | None
    counts: list[tuple[str, int]]
    """Items by risk, in `RISK_ORDER`, without the empty ones."""
    settled: bool


def picture(result: Result) -> Picture:
    """The chart's numbers: scores over one section each, and the items by risk."""
    sections = {section.id: section for section in result.sections}
    bars = []
    for score in result.scores:
        section = sections.get(score.section or "")
        if section is None:
            continue
        bars.append(Bar(section.id, section.title, score.value, 1.0, section.risk))
    valued = [bar for bar in bars if bar.value is not None]
    weakest = min(valued, key=lambda bar: bar.value or 0.0) if valued else None
    counts = [(risk, result.risks.get(risk, 0)) for risk in RISK_ORDER]
    return Picture(bars, weakest, [(r, n) for r, n in counts if n], result.settled)


def headline(pic: Picture) -> str:
    """``Weakest: Scalability 0.5``, or nothing when no section has a score yet."""
    if pic.weakest is None:
        return ""
    return f"Weakest: {one_line(pic.weakest.label)} {number(pic.weakest.value)}"


def words(pic: Picture) -> str:
    """The chart in one paragraph, for its text alternative."""
    parts = [
        f"{one_line(bar.label)} {number(bar.value)} ({RISK_LABELS[bar.risk]} risk)"
        for bar in pic.bars
    ]
    items = ", ".join(f"{n} {RISK_LABELS[risk]}" for risk, n in pic.counts)
    text = ("Section scores: " + "; ".join(parts) + ". ") if parts else ""
    text += f"Items by risk: {items}." if items else ""
    if not pic.settled:
        text += " The verdict is pending: these numbers can still change."
    return text


WIDTH, BAR_WIDTH, ROW, BAR, PAD = 330, 260, 34, 12, 4
"""The layout: each section's name above its bar and the value after it, so that the chart
reads at its own size in the form's narrow result panel (330 px) as on a report page."""
LONGEST = 48
"""Characters of a section's name that fit above its bar; a longer one ends in "…"."""


def svg(pic: Picture, *, title: str = "The result at a glance") -> str:
    """An accessible inline SVG: ``role="img"``, a title and a description in words."""
    rows = len(pic.bars)
    # The legend: a swatch and the count of each risk, on as many lines as it needs.
    legend: list[tuple[float, int, str, str]] = []
    x, line = 0.0, 0
    for risk, n in pic.counts:
        words_ = f"{n} {RISK_LABELS[risk]}"
        step = 14 + 6.2 * len(words_) + 12
        if x + step - 12 > WIDTH and x > 0:
            x, line = 0.0, line + 1
        legend.append((x, line, risk, words_))
        x += step
    lines = line + 1 if legend else 0
    height = PAD + rows * ROW + (ROW + 14 * lines if pic.counts else 0) + PAD
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ckl-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        'style="max-width:100%;height:auto">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(words(pic))}</desc>",
        '<g font-family="inherit" font-size="13" fill="currentColor">',
    ]
    for n, bar in enumerate(pic.bars):
        y = PAD + n * ROW
        share = 0.0 if bar.value is None else max(0.0, min(1.0, bar.value / bar.top))
        label = one_line(bar.label)
        shown = label if len(label) <= LONGEST else label[: LONGEST - 1] + "…"
        weakest = " (weakest)" if bar is pic.weakest else ""
        bold = ' font-weight="bold"' if weakest else ""
        out.append(f'<text x="0" y="{y + 12}"{bold}>{escape(shown)}</text>')
        out.append(
            f'<rect x="0" y="{y + 17}" width="{BAR_WIDTH}" height="{BAR}" '
            'fill="currentColor" opacity="0.08"/>'
        )
        if share:
            out.append(
                f'<rect x="0.0" y="{y + 17}" width="{share * BAR_WIDTH:.1f}" '
                f'height="{BAR}" fill="{RISK_COLOURS[bar.risk]}">'
                f"<title>{escape(label)}: {number(bar.value)}, "
                f"{RISK_LABELS[bar.risk]} risk{weakest}</title></rect>"
            )
        out.append(f'<text x="{BAR_WIDTH + 8}" y="{y + 28}"{bold}>{number(bar.value)}</text>')
    if pic.counts:
        y = PAD + rows * ROW
        total = sum(n for _, n in pic.counts)
        x = 0.0
        out.append(f'<text x="0" y="{y + 12}">Items by risk</text>')
        for risk, n in pic.counts:
            w = n / total * BAR_WIDTH
            out.append(
                f'<rect x="{x:.1f}" y="{y + 17}" width="{w:.1f}" height="{BAR}" '
                f'fill="{RISK_COLOURS[risk]}" data-risk="{risk}" data-count="{n}">'
                f"<title>{n} {RISK_LABELS[risk]}</title></rect>"
            )
            x += w
        for x, line, risk, words_ in legend:
            top = y + ROW + 2 + 14 * line
            out.append(
                f'<rect x="{x:.1f}" y="{top}" width="10" height="10" '
                f'fill="{RISK_COLOURS[risk]}"/>'
                f'<text x="{x + 14:.1f}" y="{top + 9}" font-size="11">{escape(words_)}</text>'
            )
    out.append("</g></svg>")
    return "".join(out)


def mermaid_text(text: str) -> str:
    """A label inside a Mermaid chart: one line, no quotes, brackets or commas to end it."""
    cleaned = one_line(text)
    for ch in '"[]{},;`<>#':
        cleaned = cleaned.replace(ch, " ")
    return " ".join(cleaned.split())[:60] or "?"


def mermaid(pic: Picture) -> str:
    """A Mermaid ``xychart-beta`` bar chart of the section scores (empty without bars)."""
    bars = [bar for bar in pic.bars if bar.value is not None]
    if not bars:
        return ""
    names = ", ".join(f'"{mermaid_text(bar.label)}"' for bar in bars)
    values = ", ".join(number(bar.value) for bar in bars)
    return "\n".join(
        [
            "```mermaid",
            "xychart-beta",
            f'  title "{mermaid_text(headline(pic) or "Section scores")}"',
            f"  x-axis [{names}]",
            '  y-axis "Score" 0 --> 1',
            f"  bar [{values}]",
            "```",
        ]
    )
