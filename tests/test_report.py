"""Text and Markdown reports: the plan carries the team's notes, Markdown lists every answer."""

from __future__ import annotations

from checklist.loader import load_bytes, load_path
from checklist.models import Assessment, Checklist
from checklist.report import render_report
from tests.conftest import CASES

ASSESSMENT = """\
kind: assessment
schema_version: 1
checklist: {id: demo, version: 1.2.0}
project: P
date: 2026-03-01
answers:
  has-data: {answer: "yes"}
  data-source: {answer: manual, note: "Two interns | <b>label</b> by hand"}
  maturity: {answer: 1, note: "   "}
  retention: {not_applicable: true, reason: No personal data is kept.}
"""


def _reports(text: str = ASSESSMENT) -> tuple[str, str]:
    from checklist.engine import evaluate

    checklist = load_path(CASES / "fixtures" / "demo.yaml").document
    assessment = load_bytes(text.encode(), file="a.yaml").document
    assert isinstance(checklist, Checklist)
    assert isinstance(assessment, Assessment)
    result = evaluate(checklist, assessment)
    return render_report(result, "text"), render_report(result, "markdown")


def test_the_text_plan_shows_the_note_under_its_step() -> None:
    text, _ = _reports()
    plan = text.split("Improvement plan", 1)[1]
    step = plan.split("data-source:", 1)[1]
    assert "Prefer data the product produces itself." in step
    assert "Your note: Two interns | <b>label</b> by hand" in step
    # A blank note adds nothing.
    assert "Your note:  " not in plan
    assert plan.count("Your note:") == 1


def test_markdown_lists_every_answer_with_notes_escaped() -> None:
    _, markdown = _reports()
    answers = markdown.split("## Answers", 1)[1]
    rows = [line for line in answers.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + 6  # header, then one row per item
    assert (
        "| Where does the data come from? | manual | medium | Two interns \\| &lt;b&gt;label&lt;/b&gt; by hand |"
        in rows
    )
    assert (
        "| Is data retention agreed with legal? | not applicable: No personal data is kept. | not applicable |  |"
        in rows
    )
    assert "| How many labelled rows exist? | unanswered | unanswered |  |" in rows
    assert "| How mature is the data pipeline? | 1 | medium |  |" in rows
    assert "*Your note:* Two interns \\| &lt;b&gt;label&lt;/b&gt; by hand" in markdown


def test_an_item_skipped_by_its_condition_says_so() -> None:
    text = ASSESSMENT.replace('has-data: {answer: "yes"}', 'has-data: {answer: "no"}')
    _, markdown = _reports(text)
    assert "| Where does the data come from? | does not apply (condition) |" in markdown
