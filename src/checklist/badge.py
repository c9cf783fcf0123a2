"""A README badge for an evaluated assessment: the checklist and its verdict or score.

The picture follows the flat badges teams already show for builds and coverage: a
grey label on the left, a coloured value on the right, coloured by the verdict's
tone (pending and no verdict are grey). The SVG is self-contained (no fonts, links
or scripts from elsewhere) and every text from the files is escaped as XML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal
from xml.sax.saxutils import escape, quoteattr

from checklist.report import number
from checklist.reporters import one_line

if TYPE_CHECKING:
    from checklist.engine import Result

COLOURS = {
    "positive": "#3c7d22",
    "caution": "#9a6700",
    "negative": "#c62828",
    "neutral": "#1565c0",
    "pending": "#5f6368",
}
"""The value's background by tone; each has at least 4.5:1 contrast with white text."""
LABEL_COLOUR = "#444d56"
MAX_CHARACTERS = 60
"""Longer labels and values are cut with an ellipsis: a badge is a glance, not a report."""

Value = Literal["verdict", "score"]


def _width(text: str) -> int:
    """About how wide ``text`` is in 11 px Verdana, the badges' usual face."""
    narrow = sum(ch in "iljtfI.,:;|!' ()[]" for ch in text)
    wide = sum(ch in "mwMW@%" or ord(ch) > 0x2E7F for ch in text)
    return round(7 * (len(text) - narrow - wide) + 4 * narrow + 10 * wide) + 12


def _cut(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= MAX_CHARACTERS else text[: MAX_CHARACTERS - 1] + "…"


def badge_parts(result: Result, value: Value = "verdict") -> tuple[str, str, str]:
    """The label, the value and the tone the badge shows for ``result``."""
    label = result.title
    if value == "score":
        score = next((s for s in result.scores if s.id == result.headline), None)
        if score is None:
            return label, "no score", "pending"
        shown = f"{score.label} {number(score.value)}"
        if result.headline_status == "pending":
            return label, f"{shown} (pending)", "pending"
        tone = result.verdict.tone if result.verdict and result.settled else None
        return label, shown, tone or "neutral"
    verdict = result.verdict
    if verdict is None:
        return label, "no verdict", "pending"
    if verdict.state == "pending" or verdict.label is None:
        return label, "pending", "pending"
    return label, verdict.label, verdict.tone or "neutral"


def svg(label: str, value: str, tone: str) -> str:
    """A flat badge with ``label`` on grey and ``value`` on the tone's colour."""
    label, value = _cut(label), _cut(value)
    left, right = _width(label), _width(value)
    total = left + right
    colour = COLOURS.get(tone, COLOURS["pending"])
    title = escape(f"{label}: {value}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f"aria-label={quoteattr(f'{label}: {value}')}>"
        f"<title>{title}</title>"
        f'<rect width="{left}" height="20" fill="{LABEL_COLOUR}"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        '<g fill="#fff" text-anchor="middle" '
        'font-family="Verdana,DejaVu Sans,Geneva,sans-serif" font-size="11">'
        f'<text x="{left / 2:g}" y="14">{escape(label)}</text>'
        f'<text x="{left + right / 2:g}" y="14">{escape(value)}</text>'
        "</g></svg>\n"
    )


def render_badge(result: Result, value: Value = "verdict", label: str | None = None) -> str:
    """The badge of ``result`` as SVG text; ``label`` replaces the checklist's title."""
    default_label, shown, tone = badge_parts(result, value)
    return svg(label if label is not None else default_label, shown, tone)
