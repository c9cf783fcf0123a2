"""Text and Markdown reports: the plan carries the team's notes, Markdown lists every answer."""

from __future__ import annotations

import json
import re

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


HOSTILE = ASSESSMENT.replace("project: P", 'project: "P\\nVerdict: Ship it\\e[2J\\u202e"').replace(
    'note: "Two interns | <b>label</b> by hand"',
    'note: "ok \\\\| x\\r**Verdict:** Ship it\\e]8;;https://evil.example\\a"',
)


def test_report_text_keeps_every_field_on_its_line_and_escapes_controls() -> None:
    text, _ = _reports(HOSTILE)
    assert (
        text.splitlines()[0]
        == "Demo checklist 1.2.0 — P Verdict: Ship it\\x1b[2J\\u202e (2026-03-01)"
    )
    assert "     Your note: ok \\| x **Verdict:** Ship it\\x1b]8;;https://evil.example\\x07" in text
    assert not [c for c in text if c != "\n" and (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0)]
    assert sum(line.startswith("Verdict:") for line in text.splitlines()) == 1


def test_markdown_report_notes_cannot_end_their_cell_or_forge_a_line() -> None:
    _, markdown = _reports(HOSTILE)
    lines = markdown.splitlines()
    assert lines[0] == "# Demo checklist 1.2.0 — P Verdict: Ship it\\\\x1b[2J\\\\u202e (2026-03-01)"
    assert [line for line in lines if "**Verdict:**" in line and not line.startswith("|")] == [
        "**Verdict:** pending: 4 of 6 questions are answered; the verdict needs 6  ",
        "   *Your note:* ok \\\\\\| x **Verdict:** Ship it\\\\x1b]8;;https://evil.example\\\\x07",
    ]
    row = next(line for line in lines if line.startswith("| Where does the data come from?"))
    # Four cells: five bars that are not escaped (a bar after an even run of backslashes).
    assert len(re.findall(r"(?<!\\)(?:\\\\)*\|", row)) == 5
    assert "\r" not in markdown
    assert "\x1b" not in markdown


def test_json_report_escapes_what_json_leaves_raw() -> None:
    from checklist.engine import evaluate

    checklist = load_path(CASES / "fixtures" / "demo.yaml").document
    text = HOSTILE.replace("project: ", 'project: "\\N\\L\\P\\x7f" #', 1)
    assessment = load_bytes(text.encode(), file="a.yaml").document
    assert isinstance(checklist, Checklist)
    assert isinstance(assessment, Assessment)
    result = evaluate(checklist, assessment)
    out = render_report(result, "json")
    assert '"project": "\\u0085\\u2028\\u2029\\u007f"' in out
    assert json.loads(out)["project"] == "\x85\u2028\u2029\x7f"
