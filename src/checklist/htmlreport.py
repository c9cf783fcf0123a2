"""Evaluated assessments as one self-contained HTML page (``checklist report --format html``).

The page carries its own style and the charts as inline SVG: no script, and no font,
image or style from anywhere else, so it can be mailed, attached to a ticket or printed.
Every text from the files is escaped. It reads well in light and dark and on paper: the
answers table is open when printed, and the colours keep their words beside them.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from checklist.charts import headline, picture, svg
from checklist.report import RISK_LABELS, answer_words, number, verdict_lines
from checklist.reporters import one_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from checklist.engine import Result

_CSS = """
:root{color-scheme:light dark}
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;
max-width:60rem;padding:0 1rem;color:#1f2328;background:#fff}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;
padding:.35rem .5rem;border-bottom:1px solid #d0d7de;vertical-align:top}
th{background:#f6f8fa}.verdict{border-left:.35rem solid #5f6368;padding:.6rem 1rem;
background:#f6f8fa;margin:1rem 0}.verdict p{margin:.2rem 0}.verdict .label{font-weight:700;
font-size:1.1rem}.positive{border-color:#3c7d22}.caution{border-color:#9a6700}
.negative{border-color:#c62828}.risk{white-space:nowrap;font-weight:600}
.risk-high{color:#c62828}.risk-medium{color:#9a6700}figure{margin:1rem 0}
figcaption{font-size:.9rem}article+article{border-top:2px solid #d0d7de;margin-top:2.5rem;
padding-top:1.5rem}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}
th,.verdict{background:#161b22}th,td{border-color:#30363d}
.risk-high{color:#ff7b72}.risk-medium{color:#e3b341}}
@media print{body{margin:0;max-width:none;color:#000;background:#fff}
details{display:block}details>summary{display:none}article{break-before:page}
article:first-child{break-before:auto}}
"""


def _risk(risk: str) -> str:
    return f'<span class="risk risk-{escape(risk)}">{escape(RISK_LABELS[risk])}</span>'


def _article(result: Result) -> str:
    project = f" — {result.project}" if result.project else ""
    date = f" ({result.date.isoformat()})" if result.date else ""
    parts = [f"<h1>{escape(one_line(f'{result.title} {result.version}{project}{date}'))}</h1>"]
    lines = verdict_lines(result)
    if lines:
        tone = (
            result.verdict.tone
            if result.verdict is not None and result.verdict.state == "settled"
            else "pending"
        )
        body = "".join(f"<p>{escape(line)}</p>" for line in lines[1:])
        parts.append(
            f'<div class="verdict {escape(tone or "neutral")}"><p class="label">'
            f"{escape(lines[0])}</p>{body}</div>"
        )
    pic = picture(result)
    if pic.bars or pic.counts:
        caption = headline(pic)
        parts.append(
            f"<figure>{svg(pic, title=f'{result.title}: the result at a glance')}"
            + (f"<figcaption>{escape(caption)}</figcaption>" if caption else "")
            + "</figure>"
        )
    if result.scores:
        rows = "".join(
            f"<tr><td>{escape(s.label)}</td><td>{number(s.value)}</td>"
            f"<td>{escape(s.band or '')}</td></tr>"
            for s in result.scores
        )
        parts.append(
            "<h2>Scores</h2><table><thead><tr><th>Score</th><th>Value</th><th>Band</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
        )
    rows = "".join(
        f"<tr><td>{escape(s.title)}</td><td>{_risk(s.risk)}</td>"
        f"<td>{s.answered}/{s.items}</td></tr>"
        for s in result.sections
    )
    parts.append(
        "<h2>Sections</h2><table><thead><tr><th>Section</th><th>Risk</th><th>Answered</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    parts.append("<h2>Improvement plan</h2>")
    if result.plan:
        steps = "".join(
            f"<li>{_risk(step.risk)} <strong>{escape(step.question)}</strong><br>"
            f"{escape(step.hint)}"
            + "".join(f"<br>Missing: {escape(gap.label)}" for gap in step.missing)
            + "</li>"
            for step in result.plan
        )
        parts.append(f"<ol>{steps}</ol>")
    else:
        parts.append("<p>Nothing is at high or medium risk.</p>")
    rows = "".join(
        f"<tr><td>{escape(item.question)}</td><td>{escape(answer_words(item))}</td>"
        f"<td>{_risk(item.risk)}</td><td>{escape(item.note or '')}</td></tr>"
        for item in result.items
    )
    parts.append(
        "<details><summary>Every answer, with its note</summary><table><thead><tr>"
        "<th>Question</th><th>Answer</th><th>Risk</th><th>Note</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></details>"
    )
    return "<article>" + "".join(parts) + "</article>"


def standalone_page(title: str, css: str, body: str) -> str:
    """A whole HTML page with its own style: ``title`` is escaped, ``body`` is HTML."""
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<title>{escape(one_line(title))}</title><style>{css}</style></head><body>"
        f"{body}</body></html>\n"
    )


def html(results: Sequence[Result]) -> str:
    """One page with a report per result, in order."""
    title = results[0].title if len(results) == 1 else f"{len(results)} design reviews"
    return standalone_page(title, _CSS, "".join(_article(result) for result in results))
