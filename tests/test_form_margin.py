"""The form says how close its verdict is to another (margin.js), in the words of the
Python reports, and keeps saying it as the answers change.

Which answers are tried is pinned by the conformance vectors (both engines); these tests
check what a reader sees.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checklist.engine import Result, evaluate, evaluate_answers
from checklist.margin import WAITING, OtherVerdict, other_verdicts, summary, with_turns
from tests.conftest import ROOT
from tests.test_form import KEY, choose, open_form
from tests.test_form_thread import load_example, put, stored_record

pytestmark = pytest.mark.browser

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
MARGIN = "[data-role='summary'] .ckl-verdict[data-state='settled'] .ckl-margin"

READ = """el => ({
  summary: el.querySelector('summary') ? el.querySelector('summary').textContent : null,
  text: el.tagName === 'P' ? el.textContent : null,
  lines: Array.from(el.querySelectorAll('li')).map(li => li.textContent),
  links: Array.from(el.querySelectorAll('a')).map(a => a.getAttribute('href')),
})"""


def expected_lines(others: list[OtherVerdict]) -> list[str]:
    """What each line of the form says: the Python report's words, with the question as a
    link (no quotes) and the verdict in bold (no quotes)."""
    lines = []
    for other in others:
        ways = [f"{way.question} {way.answers}" for way in other.ways]
        if other.more:
            ways.append(f"{other.more} other {'question' if other.more == 1 else 'questions'}")
        head = WAITING if other.label is None else other.label
        lines.append(f"{head} if {', or '.join(ways)}.")
    return lines


def reported(path: Path) -> tuple[Result, list[OtherVerdict]]:
    checklist, assessment = load_example(path)
    result = with_turns(checklist, assessment.answers, evaluate(checklist, assessment))
    others = other_verdicts(result)
    assert others is not None
    return result, others


@pytest.mark.parametrize(
    "path",
    [p for p in EXAMPLES if load_example(p)[0].verdict is not None],
    ids=lambda p: p.stem,
)
def test_the_form_says_what_one_answer_would_change_as_the_report_does(
    form: Any, server: str, path: Path
) -> None:
    checklist, assessment = load_example(path)
    result, others = reported(path)
    assert result.settled, "a worked example's verdict is settled"
    put(form, server, f"ml-design-checklist:{checklist.id}", stored_record(assessment))
    open_form(form, f"{server}/checklists/{checklist.id}/")
    margin = form.locator(MARGIN)
    margin.wait_for(state="attached")
    seen = margin.evaluate(READ)
    if not others:
        assert seen["text"] == "No single answer would change this verdict."
        return
    assert seen["summary"] == summary(others)
    assert seen["lines"] == expected_lines(others)
    # Each question named links to itself on the page.
    for href in seen["links"]:
        assert href.startswith("#")
        assert form.locator(href).count() == 1, href


def test_the_margin_follows_the_answers_and_stays_open(form: Any, server: str) -> None:
    path = ROOT / "examples" / "restaurant-recommender-ml-fit.yaml"
    checklist, assessment = load_example(path)
    put(form, server, KEY, stored_record(assessment))
    open_form(form, f"{server}/checklists/ml-fit/")
    form.locator(MARGIN).wait_for(state="attached")
    form.locator(f"{MARGIN} summary").click()
    # A person decides every case: the verdict turns, and so does what would change it.
    choose(form, "who-decides", "augment")
    form.wait_for_selector("[data-role='summary'] .ckl-verdict[data-verdict='augment']")
    margin = form.locator(MARGIN)
    margin.wait_for(state="attached")
    answers = dict(assessment.answers)
    answers["who-decides"] = answers["who-decides"].model_copy(update={"answer": "augment"})
    result = with_turns(checklist, answers, evaluate_answers(checklist, answers))
    assert result.verdict is not None
    assert result.verdict.id == "augment"
    others = other_verdicts(result)
    assert others
    form.wait_for_function(
        "([sel, n]) => { const el = document.querySelector(sel);"
        " return el && el.querySelectorAll('li').length === n; }",
        arg=[MARGIN, len(others)],
    )
    seen = margin.evaluate(READ)
    assert seen["lines"] == expected_lines(others)
    assert "ML with safeguards if " in " ".join(seen["lines"])  # back where it came from
    assert margin.evaluate("el => el.open"), "the reader opened it: it stays open"


def test_a_verdict_no_single_answer_changes_says_so(form: Any, server: str) -> None:
    open_form(form, f"{server}/checklists/ml-fit/")
    # Two deal-breakers fail: answering either otherwise leaves the other.
    choose(form, "input-output-pairs", "no")
    choose(form, "patterns-exist", "none")
    margin = form.locator(MARGIN)
    margin.wait_for(state="attached")
    assert margin.evaluate(READ)["text"] == "No single answer would change this verdict."
    # One deal-breaker answered again: the other alone now decides, one answer from others.
    choose(form, "patterns-exist", "tested")
    form.wait_for_function(f'() => !!document.querySelector("{MARGIN} summary")')
    summary_line = form.locator(f"{MARGIN} summary")
    assert summary_line.inner_text() == "One answer would leave it waiting for more answers"
    summary_line.click()
    assert form.locator(f"{MARGIN} li").inner_text() == (
        f"{WAITING} if Is there data a model could learn the output you want from? were “Yes”."
    )
