"""Charts: a bar per section score coloured by the section's risk, items by risk, the same
numbers as the text report, in SVG (the site) and Mermaid (the Markdown report)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checklist.charts import RISK_COLOURS, headline, mermaid, picture, svg
from checklist.engine import evaluate_answers
from checklist.loader import load_bytes
from checklist.models import Answer, Checklist
from checklist.report import markdown
from checklist.reporters import Style
from checklist.site.render import SiteContext, render_report

SVG = "{http://www.w3.org/2000/svg}"
CHECKLIST = """\
kind: checklist
schema_version: 1
id: charted
title: Charted
version: 1.0.0
summary: Two sections with a mean each, and a sum that is not a section's bar.
sections:
  - id: fast
    title: "Fast </text><script>alert(1)</script> \\"quoted\\" [x], {y}"
    items:
      - {id: a, question: A?, severity: high, answer: {type: yes_no}, hint: Do A.}
      - {id: b, question: B?, severity: low, answer: {type: yes_no}, hint: Do B.}
  - id: safe
    title: Safe
    items:
      - {id: c, question: C?, severity: medium, answer: {type: yes_no}, hint: Do C.}
scores:
  - {id: fast, label: Fast, aggregate: mean, over: {section: fast}}
  - {id: safe, label: Safe, aggregate: mean, over: {section: safe}}
  - {id: total, label: Total, aggregate: sum, over: {items: all}}
"""


def checklist() -> Checklist:
    loaded = load_bytes(CHECKLIST.encode(), file="charted.yaml")
    assert isinstance(loaded.document, Checklist), loaded.problems
    return loaded.document


def result(**answers: str):  # type: ignore[no-untyped-def]
    return evaluate_answers(checklist(), {k: Answer(answer=v) for k, v in answers.items()})


def test_a_bar_per_section_mean_coloured_by_its_risk_and_the_weakest_named() -> None:
    pic = picture(result(a="no", b="yes", c="yes"))
    assert [(bar.section, bar.value, bar.risk) for bar in pic.bars] == [
        ("fast", 0.5, "high"),
        ("safe", 1.0, "none"),
    ]  # the sum over every item is no section's bar
    assert headline(pic).startswith("Weakest: Fast </text>")
    assert pic.counts == [("high", 1), ("none", 2)]


def test_the_svg_is_valid_escaped_and_says_the_same_in_words() -> None:
    drawn = svg(picture(result(a="no", b="yes", c="yes")))
    root = ET.fromstring(drawn)  # parses: the title's markup stayed text
    assert root.get("role") == "img"
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert desc.text is not None
    assert "(high risk); Safe 1 (none risk)" in desc.text
    assert "Items by risk: 1 high, 2 none." in desc.text
    assert "<script>" not in drawn
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert RISK_COLOURS["high"] in fills
    assert RISK_COLOURS["none"] in fills


def test_a_pending_result_says_so_and_nothing_answered_draws_no_bar() -> None:
    pending = picture(result(a="yes"))
    assert "The verdict is pending" in svg(pending) or not pending.settled
    empty = picture(result())
    assert [bar.value for bar in empty.bars] == [None, None]
    assert headline(empty) == ""
    assert mermaid(empty) == ""


def test_the_markdown_report_carries_a_mermaid_chart_that_cannot_break_out() -> None:
    text = markdown(result(a="no", b="yes", c="yes"), Style(False))
    block = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block.splitlines()[0] == "xychart-beta"
    assert 'x-axis ["Fast /text script alert(1) /script quoted x y", "Safe"]' in block
    assert "  bar [0.5, 1]" in block
    # The table stays, for readers without Mermaid.
    assert "| Fast | 0.5 |" in text


def test_the_site_report_shows_the_chart_and_names_the_weakest() -> None:
    html = render_report(
        result(a="no", b="yes", c="yes"), checklist(), SiteContext(), page="checklists/x.md"
    )
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="ckl-chart" role="img"' in html
    assert "<figcaption>Weakest: Fast &lt;/text&gt;&lt;script&gt;" in html
    assert "<script>alert" not in html


def test_the_html_report_escapes_what_files_say() -> None:
    from html.parser import HTMLParser

    from checklist.htmlreport import html

    hostile = "</title><script>alert(1)</script><img src=x onerror=alert(2)>"
    made = result(a="no", b="yes", c="yes").model_copy(update={"project": hostile})
    page = html([made])
    assert "<script" not in page
    assert "<img" not in page
    tags: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append(tag)

    Tags().feed(page)
    assert "script" not in tags
    assert "img" not in tags
    assert page.split("</head>")[0].count("<title>") == 1  # the name did not end the title
