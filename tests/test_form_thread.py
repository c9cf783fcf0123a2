"""The form's chart (form/charts.js) and the thread through the site (form/thread.js,
progress.js), in headless Chromium: the chart's numbers are the Python engine's, and a
reader goes from the home page through the checklists, with the project typed once and
the progress shown on the index."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from checklist import charts
from checklist.engine import evaluate
from checklist.loader import load_path
from checklist.models import Assessment, Checklist
from checklist.site.render import length
from tests.conftest import ROOT
from tests.test_form import KEY, checklist, open_form, serve_sitemap_for, wait_until_saved

pytestmark = pytest.mark.browser

EXAMPLES = sorted((ROOT / "examples").glob("restaurant-recommender-*.yaml"))
"""The worked example: the food-delivery recommender, before building and a year after."""

READ_CHART = """() => {
  const form = document.querySelector(".ckl-form[data-ckl-ready]");
  const chart = form.querySelector(".ckl-result .ckl-chart");
  const caption = form.querySelector(".ckl-result .ckl-figure figcaption");
  if (!chart) return null;
  const row = (t) => [t.textContent, t.getAttribute("font-weight") === "bold"];
  const texts = [...chart.querySelectorAll("g > text")].map(row);
  const bars = [...chart.querySelectorAll("g > rect[fill^='#']:not([data-count])")]
    .filter((r) => r.getAttribute("height") !== "10")
    .map((r) => Number(r.getAttribute("width")));
  const stack = [...chart.querySelectorAll("rect[data-count]")]
    .map((r) => [r.dataset.risk, Number(r.dataset.count), Number(r.getAttribute("width"))]);
  return {
    desc: chart.querySelector("desc").textContent,
    title: chart.querySelector("title").textContent,
    viewBox: chart.getAttribute("viewBox"),
    texts: texts,
    bars: bars,
    stack: stack,
    caption: caption ? caption.textContent : null,
  };
}"""


def load_example(path: Path) -> tuple[Checklist, Assessment]:
    loaded = load_path(path)
    assert isinstance(loaded.document, Assessment), loaded.problems
    return checklist(loaded.document.checklist.id), loaded.document


def stored_record(assessment: Assessment) -> dict[str, Any]:
    """The assessment as the form keeps it in this browser."""
    answers = {
        item: answer.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        for item, answer in assessment.answers.items()
    }
    return {
        "schema": 1,
        "checklist": assessment.checklist.id,
        "version": assessment.checklist.version,
        "saved": "",
        "project": assessment.project or "",
        "assessors": list(assessment.assessors or []),
        "answers": answers,
    }


def put(page: Any, server: str, key: str, value: Any) -> None:
    """Write one storage entry on the site's origin, before a form reads it."""
    if not page.url.startswith(server):
        page.goto(server + "/404.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(value)])


def python_chart(svg: str) -> dict[str, Any]:
    """What READ_CHART reads, from the SVG the Python side draws."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(svg, "html.parser")
    g = soup.find("g")
    assert g is not None
    texts = [
        [t.get_text(), t.get("font-weight") == "bold"] for t in g.find_all("text", recursive=False)
    ]
    bars = [
        float(str(r["width"]))
        for r in g.find_all("rect", recursive=False)
        if str(r.get("fill", "")).startswith("#")
        and not r.has_attr("data-count")
        and r.get("height") != "10"
    ]
    stack = [
        [str(r["data-risk"]), int(str(r["data-count"])), float(str(r["width"]))]
        for r in soup.find_all("rect", attrs={"data-count": True})
    ]
    title = soup.find("title")
    desc = soup.find("desc")
    return {
        "desc": desc.get_text() if desc else None,
        "title": title.get_text() if title else None,
        "viewBox": soup.find("svg")["viewbox"],  # type: ignore[index]  # html.parser lowercases
        "texts": texts,
        "bars": bars,
        "stack": stack,
    }


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_form_draws_the_python_engines_chart_for_the_worked_example(
    form: Any, server: str, path: Path
) -> None:
    checklist_, assessment = load_example(path)
    put(form, server, f"ml-design-checklist:{checklist_.id}", stored_record(assessment))
    open_form(form, f"{server}/checklists/{checklist_.id}/")
    seen = form.evaluate(READ_CHART)
    result = evaluate(checklist_, assessment)
    pic = charts.picture(result)
    expected = python_chart(charts.svg(pic))
    assert seen is not None
    # Every number and word: the text alternative, the labels and values beside the bars.
    assert seen["desc"] == expected["desc"] == charts.words(pic)
    assert seen["title"] == expected["title"]
    assert seen["viewBox"] == expected["viewBox"]
    assert seen["texts"] == expected["texts"]
    # The bars' lengths, to the tenth of a pixel both write (ties may round apart).
    assert seen["bars"] == pytest.approx(expected["bars"], abs=0.051)
    assert [s[:2] for s in seen["stack"]] == [s[:2] for s in expected["stack"]]
    assert [s[2] for s in seen["stack"]] == pytest.approx(
        [s[2] for s in expected["stack"]], abs=0.051
    )
    # The weakest section is named under the chart, as on the site's report pages.
    weakest = charts.headline(pic)
    if weakest:
        assert seen["caption"].startswith(weakest)
        assert re.search(r"\b\d", weakest)


def test_a_settled_verdict_points_at_the_next_checklist(form: Any, server: str) -> None:
    checklist_, assessment = load_example(ROOT / "examples" / "restaurant-recommender-ml-fit.yaml")
    open_form(form, f"{server}/checklists/ml-fit/")
    assert form.locator(".ckl-next").count() == 0  # nothing answered: no verdict yet
    form.locator(".ckl-item[data-item='input-output-pairs'] input[value='yes']").check()
    pending = form.locator(".ckl-result .ckl-verdict[data-state='pending']")
    assert pending.count() == 1
    assert form.locator(".ckl-next").count() == 0
    assert "null" not in form.locator("[data-role='summary']").inner_text()
    form.evaluate("localStorage.clear()")
    put(form, server, KEY, stored_record(assessment))
    open_form(form, f"{server}/checklists/ml-fit/")
    assert evaluate(checklist_, assessment).settled
    link = form.locator(".ckl-result .ckl-next a")
    assert link.inner_text() == "Stakeholders and conflicting requirements"
    link.click()
    form.wait_for_url("**/checklists/stakeholders/")
    open_form(form, form.url)
    assert (
        form.locator("h1")
        .first.inner_text()
        .startswith("Stakeholders and conflicting requirements")
    )


def test_the_project_and_assessors_are_typed_once_for_every_checklist(
    form: Any, server: str
) -> None:
    serve_sitemap_for(form, server)
    open_form(form, f"{server}/checklists/ml-fit/")
    form.fill("[data-role='project']", "Support-email routing")
    form.fill("[data-role='assessors']", "Ana, Ben")
    form.locator("[data-role='project']").press("Tab")
    wait_until_saved(form, "saved.project === 'Support-email routing'")
    open_form(form, f"{server}/checklists/business-objectives/")
    assert form.input_value("[data-role='project']") == "Support-email routing"
    assert form.input_value("[data-role='assessors']") == "Ana, Ben"
    # A checklist with details of its own keeps them.
    form.fill("[data-role='project']", "Routing, phase 2")
    form.locator("[data-role='project']").press("Tab")
    key = "ml-design-checklist:business-objectives"
    wait_until_saved(form, "saved.project === 'Routing, phase 2'", key)
    open_form(form, f"{server}/checklists/ml-fit/")
    assert form.input_value("[data-role='project']") == "Support-email routing"
    open_form(form, f"{server}/checklists/business-objectives/")
    assert form.input_value("[data-role='project']") == "Routing, phase 2"


def test_the_checklists_index_shows_the_readers_progress(form: Any, server: str) -> None:
    form.goto(f"{server}/checklists/")
    cells = form.locator(".ckl-progress-of")
    form.wait_for_function(
        "() => [...document.querySelectorAll('.ckl-progress-of')].every((c) => c.textContent)"
    )
    assert set(cells.all_inner_texts()) == {"Not started"}
    for name in ("ml-fit", "stakeholders", "ml-test-score"):
        assert form.locator(f".ckl-progress-of[data-checklist='{name}']").count() == 1
        text = form.locator(f"tr:has(.ckl-progress-of[data-checklist='{name}']) .ckl-length")
        assert text.inner_text() == length(checklist(name)).words()
    # One question answered on ml-fit: the index says so, and that the verdict is pending.
    open_form(form, f"{server}/checklists/ml-fit/")
    form.locator(".ckl-item[data-item='input-output-pairs'] input[value='yes']").check()
    wait_until_saved(form, "saved.answers['input-output-pairs']")
    form.goto(f"{server}/checklists/")
    cell = form.locator(".ckl-progress-of[data-checklist='ml-fit']")
    form.wait_for_function(
        "() => document.querySelector(\".ckl-progress-of[data-checklist='ml-fit']\").textContent !== ''"
    )
    assert re.fullmatch(r"1 of \d+ answered · verdict pending", cell.inner_text())
    # The whole worked example: its verdict, in its tone.
    _, assessment = load_example(ROOT / "examples" / "restaurant-recommender-ml-fit.yaml")
    put(form, server, KEY, stored_record(assessment))
    open_form(form, f"{server}/checklists/ml-fit/")
    result = evaluate(checklist("ml-fit"), assessment)
    assert result.verdict is not None
    form.goto(f"{server}/checklists/")
    form.wait_for_function(
        "label => document.querySelector(\".ckl-progress-of[data-checklist='ml-fit']\").textContent.endsWith(label)",
        arg=result.verdict.label,
    )
    assert f"ckl-verdict--{result.verdict.tone}" in (cell.get_attribute("class") or "")
    # Cleared: back to not started.
    open_form(form, f"{server}/checklists/ml-fit/")
    form.once("dialog", lambda dialog: dialog.accept())
    form.locator("[data-action='reset']").click()
    form.goto(f"{server}/checklists/")
    form.wait_for_function(
        "() => document.querySelector(\".ckl-progress-of[data-checklist='ml-fit']\").textContent === 'Not started'"
    )


def test_hostile_progress_in_storage_stays_text(form: Any, server: str) -> None:
    put(
        form,
        server,
        "ml-design-checklist:summary:ml-fit",
        {
            "version": "2.0.0",
            "answered": 3,
            "asked": 4,
            "state": "settled",
            "label": "<img src=x onerror=alert(1)>",
            "tone": "x onmouseover=alert(1)",
        },
    )
    form.goto(f"{server}/checklists/")
    cell = form.locator(".ckl-progress-of[data-checklist='ml-fit']")
    form.wait_for_function(
        "() => document.querySelector(\".ckl-progress-of[data-checklist='ml-fit']\").textContent !== ''"
    )
    assert cell.inner_text() == "3 of 4 answered · <img src=x onerror=alert(1)>"
    assert form.locator(".ckl-progress-of img").count() == 0
    assert cell.get_attribute("class") == "ckl-progress-of"


def test_the_start_button_and_the_footer_lead_through_the_site(form: Any, server: str) -> None:
    serve_sitemap_for(form, server)
    form.goto(server + "/")
    form.locator("a.md-button--primary", has_text="Start").click()
    form.wait_for_url("**/checklists/ml-fit/")
    form.wait_for_selector(".ckl-form[data-ckl-ready]", state="attached")
    nxt = form.locator("a.md-footer__link--next")
    assert "Stakeholders" in nxt.inner_text()
    nxt.click()
    form.wait_for_url("**/checklists/stakeholders/")
    form.wait_for_selector(".ckl-form[data-ckl-ready]", state="attached")
    previous = form.locator("a.md-footer__link--prev")
    assert "Is ML the right tool?" in previous.inner_text()
