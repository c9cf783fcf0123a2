"""The live checklist form (docs/assets/checklist/form/, served as checklist.min.js) in headless Chromium.

Each test drives the built site the way a reader does, and checks what the form shows
against the Python engine, what it keeps in localStorage and what it exports. No page
may log a console error or ask any host other than 127.0.0.1 for anything.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checklist.catalog import load_checklists
from checklist.engine import Result, evaluate, evaluate_answers
from checklist.loader import load_path
from checklist.models import Answer, Assessment, Checklist
from checklist.report import number
from checklist.site import assets
from checklist.site.render import SiteContext, render_form
from tests.conftest import RESULTS, ROOT, Guard

FORM_BUDGET = 20_000
"""Bytes, gzipped, of what a checklist page loads for the form (benchmarks/run.py has the
same goal)."""

ML_FIT = "/checklists/ml-fit/"
ML_FIT_VERSION = load_checklists(ROOT / "checklists")["ml-fit"].version
"""The version of ml-fit that the page shows (share links name it)."""
NEXT_MAJOR = f"{int(ML_FIT_VERSION.split('.')[0]) + 1}.0.0"
"""A major version of ml-fit newer than the page's."""
KEY = "ml-design-checklist:ml-fit"

COUNT_WRITES = """
(() => {
  const setItem = Storage.prototype.setItem;
  window.__writes = [];
  Storage.prototype.setItem = function (key, value) {
    if (String(key).startsWith("ml-design-checklist:")) window.__writes.push(String(key));
    return setItem.call(this, key, value);
  };
})();
"""

READ_RESULT = """
() => {
  const form = document.querySelector(".ckl-form[data-ckl-ready]");
  const value = form.querySelector(".ckl-headline-value");
  const verdict = form.querySelector("[data-verdict]");
  const box = form.querySelector(".ckl-verdict[data-state]");
  const why = form.querySelector(".ckl-verdict-why");
  const counts = (list) => {
    const out = {};
    (list ? list.querySelectorAll("li") : []).forEach((li) => {
      const level = li.querySelector(".ckl-badge").className.match(/ckl-risk--(\\w+)/)[1];
      out[level] = Number(li.querySelector("strong").textContent);
    });
    return out;
  };
  const lists = form.querySelectorAll(".ckl-risk-counts");
  // Items by risk, from the chart's stacked bar (the risks it leaves out are at 0).
  const risks = {high: 0, medium: 0, low: 0, none: 0, unanswered: 0, not_applicable: 0, skipped: 0};
  form.querySelectorAll(".ckl-chart rect[data-count]").forEach((r) => { risks[r.dataset.risk] = Number(r.dataset.count); });
  const items = {};
  form.querySelectorAll("fieldset.ckl-item").forEach((el) => { items[el.dataset.item] = el.dataset.risk; });
  return {
    headline: value ? value.dataset.value : null,
    headlineText: value ? value.textContent : null,
    verdict: verdict ? verdict.dataset.verdict : null,
    verdictState: box ? box.dataset.state : null,
    because: why ? why.textContent : null,
    headlineState: form.querySelector(".ckl-headline") ? form.querySelector(".ckl-headline").dataset.state : null,
    risks: risks,
    sectionRisks: lists.length ? counts(lists[0]) : null,
    items: items,
    plan: [...form.querySelectorAll(".ckl-plan li a")].map((a) => a.getAttribute("href")),
  };
}
"""


def serve_sitemap_for(page: Any, server: str) -> None:
    """Material navigates instantly only to the sitemap's URLs, and it adapts their protocol
    and host to the page's but not their port: point them at the test server."""

    def rewrite(route: Any) -> None:
        response = route.fetch()
        body = response.text().replace("http://127.0.0.1:8000/", server + "/")
        route.fulfill(response=response, body=body)

    page.route("**/sitemap.xml", rewrite)


def open_form(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".ckl-form[data-ckl-ready]", state="attached")


def open_link(page: Any, url: str) -> None:
    """Open a share link and wait until the form has read it (it reads it once ready)."""
    open_form(page, url)
    page.wait_for_selector("[data-notice='link']", state="attached")


def choose(page: Any, item: str, value: str) -> None:
    page.locator(
        f".ckl-item[data-item='{item}'] input[data-role='answer'][value='{value}']"
    ).check()


def write_note(page: Any, item: str, text: str) -> None:
    """Unfold an item's note (an empty note is folded behind a button) and type into it."""
    fieldset = page.locator(f".ckl-item[data-item='{item}']")
    add = fieldset.locator("[data-action='note']")
    if add.is_visible():
        add.click()
        assert fieldset.locator("[data-role='note']").evaluate(
            "el => el === document.activeElement"
        )
    fieldset.locator("[data-role='note']").fill(text)


def wait_until_saved(page: Any, check: str, key: str = KEY) -> None:
    """Wait until the saved record (``saved`` in ``check``, a JS expression) passes ``check``."""
    page.wait_for_function(
        f"() => {{ const saved = JSON.parse(localStorage.getItem({json.dumps(key)}) || 'null');"
        f" return !!saved && !!({check}); }}"
    )


def stored(page: Any, key: str = KEY) -> Any:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", key)


def shown(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(READ_RESULT)
    return result


def checklist(checklist_id: str) -> Checklist:
    return load_checklists(ROOT / "checklists")[checklist_id]


def python_result(checklist_id: str, answers: dict[str, dict[str, Any]]) -> Result:
    entries = {item: Answer.model_validate(entry) for item, entry in answers.items()}
    return evaluate_answers(checklist(checklist_id), entries)


def assert_same_as_python(page: Any, expected: Result) -> None:
    seen = shown(page)
    headline = next((s for s in expected.scores if s.id == expected.headline), None)
    if headline is None:
        assert seen["headline"] is None
    elif headline.value is None or expected.headline_status == "empty":
        assert seen["headline"] == ""
        empty = expected.headline_status == "empty"
        assert seen["headlineText"] == ("Not answered yet" if empty else "No score yet")
    else:
        assert float(seen["headline"]) == pytest.approx(headline.value, abs=1e-12)
        assert seen["headlineText"] == number(headline.value)
    if headline is not None:
        assert seen["headlineState"] == expected.headline_status
    # A verdict shows only once it is settled; until then the panel says it is pending.
    verdict = expected.verdict
    settled = verdict is not None and verdict.state == "settled"
    assert seen["verdict"] == (verdict.id if verdict is not None and settled else None)
    assert seen["verdictState"] == (
        "settled" if settled else "pending" if expected.pending else None
    )
    if verdict is not None and settled and verdict.decided_by != "blocker":
        assert seen["because"] == verdict.because + "."
    if not settled and expected.pending:
        reasons = "; ".join(expected.pending)
        assert seen["because"] == reasons[:1].upper() + reasons[1:] + "."
    assert seen["risks"] == expected.risks
    if seen["sectionRisks"] is not None:
        assert seen["sectionRisks"] == expected.section_risks
    assert seen["items"] == {item.id: item.risk for item in expected.items}
    assert seen["plan"] == [f"#{expected.checklist}--{step.item}" for step in expected.plan]


def validate(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("checklist")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "checklist"]
    return subprocess.run(
        [*command, "validate", *extra, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def export(page: Any, folder: Path) -> Path:
    with page.expect_download() as info:
        page.click("[data-action='export']")
    download = info.value
    path: Path = folder / download.suggested_filename
    download.save_as(path)
    return path


SOME_ANSWERS: dict[str, dict[str, Any]] = {
    "input-output-pairs": {"answer": "yes"},
    "labels-arrive": {"answer": "months"},
    "patterns-exist": {"answer": "plausible"},
    "data-collectable": {"answer": "ongoing"},
    "data-similarity": {"answer": ["same-population", "same-setting", "launch-stable"]},
    "task-frequency": {"answer": 0.5},
    "wrong-predictions-cheap": {"answer": "harmful"},
    "safeguards-planned": {"answer": ["fallback", "abstain"]},
    "ethical": {"answer": "concerns"},
}


def answer_all(page: Any, answers: dict[str, dict[str, Any]]) -> None:
    for item, entry in answers.items():
        value = entry["answer"]
        for one in value if isinstance(value, list) else [value]:  # a multi: tick each
            choose(page, item, number(one) if isinstance(one, float) else one)


def test_the_site_serves_the_form_minified_and_small(site: Path) -> None:
    served = sorted((site / "assets" / "checklist").glob("*.*"))
    assert [p.name for p in served] == sorted(assets.BUNDLES)
    page = (site / "checklists" / "ml-fit" / "index.html").read_text(encoding="utf-8")
    up_front = [p for p in served if p.name not in assets.ON_DEMAND]
    assert [p.name for p in up_front] == ["checklist.min.css", "checklist.min.js"]
    for file in served:
        # The writer (export, share link), the reader (share links and files) and the
        # upgrade of answers saved for an older major version are loaded only when needed.
        assert (f"assets/checklist/{file.name}" in page) is (file in up_front)
    # What a reader downloads for the form, gzipped; the benchmarks hold the same goal.
    size = sum(len(gzip.compress(p.read_bytes(), 9)) for p in up_front)
    assert size <= FORM_BUDGET, f"the form's scripts and styles are {size} bytes gzipped"
    for file in served:
        text = file.read_text(encoding="utf-8")
        assert "\n" not in text.strip(), f"{file.name} is not minified"
    for file in served:
        if file.name in assets.ON_DEMAND:
            later = len(gzip.compress(file.read_bytes(), 9))
            assert later <= 4_000, f"{file.name}, loaded on demand, is {later} bytes gzipped"


@pytest.mark.browser
def test_answering_updates_score_and_verdict_like_the_python_engine(form: Any, server: str) -> None:
    open_form(form, server + ML_FIT)
    assert form.locator(".ckl-nojs").is_hidden()
    assert form.locator("[data-role='result']").is_visible()
    assert form.locator("[data-role='all']").is_enabled()
    assert_same_as_python(form, python_result("ml-fit", {}))

    answered: dict[str, dict[str, Any]] = {}
    for item, entry in SOME_ANSWERS.items():
        answered[item] = entry
        answer_all(form, {item: entry})
        assert_same_as_python(form, python_result("ml-fit", answered))
    live = form.locator("[data-role='live']").inner_text()
    assert "Fit for ML" in live
    # Nine answers of the 29 asked (retraining is not asked yet): the verdict waits, and
    # the live region says why.
    assert "Verdict pending: 9 of 29 questions are answered; the verdict needs 29." in live

    # A failed blocker decides the verdict at once, and the panel says so.
    choose(form, "data-collectable", "none")
    answered["data-collectable"] = {"answer": "none"}
    assert_same_as_python(form, python_result("ml-fit", answered))
    why = form.locator(".ckl-verdict-why").inner_text()
    assert why.startswith("Decided by a deal-breaker: ")
    assert "Provisional" in form.locator(".ckl-verdict").text_content()


@pytest.mark.browser
def test_answers_survive_a_reload(form: Any, server: str) -> None:
    open_form(form, server + ML_FIT)
    answer_all(form, SOME_ANSWERS)
    form.fill("[data-role='project']", "Fraud scoring")
    form.fill("[data-role='assessors']", "Ana, Ben")
    write_note(form, "labels-arrive", "Chargebacks take 60 days.")
    form.wait_for_function(
        f"JSON.parse(localStorage.getItem('{KEY}')).answers['labels-arrive'].note"
    )
    record = stored(form)
    assert record["schema"] == 1
    assert record["checklist"] == "ml-fit"
    assert record["version"] == checklist("ml-fit").version
    assert record["project"] == "Fraud scoring"
    assert record["assessors"] == ["Ana", "Ben"]
    assert record["answers"]["task-frequency"] == {"answer": 0.5}

    form.reload()
    form.wait_for_selector(".ckl-form[data-ckl-ready]", state="attached")
    assert form.input_value("[data-role='project']") == "Fraud scoring"
    assert form.input_value("[data-role='assessors']") == "Ana, Ben"
    note = ".ckl-item[data-item='labels-arrive'] [data-role='note']"
    assert form.input_value(note) == "Chargebacks take 60 days."
    for item, entry in SOME_ANSWERS.items():
        value = entry["answer"]
        for one in value if isinstance(value, list) else [value]:  # a multi: each box
            shown_value = number(one) if isinstance(one, float) else one
            control = f".ckl-item[data-item='{item}'] input[value='{shown_value}']"
            assert form.is_checked(control), item
    assert_same_as_python(form, python_result("ml-fit", SOME_ANSWERS))


@pytest.mark.browser
def test_instant_navigation_sets_the_form_up_once(form: Any, server: str) -> None:
    form.add_init_script(COUNT_WRITES)
    serve_sitemap_for(form, server)
    open_form(form, server + ML_FIT)
    form.wait_for_load_state("networkidle")  # Material has read the sitemap
    form.evaluate("window.__sameDocument = true")

    form.locator(".md-sidebar--primary a[href$='/checklists/stakeholders/']").click()
    form.wait_for_url("**/checklists/stakeholders/")
    form.wait_for_selector(
        ".ckl-form[data-checklist-id='stakeholders'][data-ckl-ready]", state="attached"
    )
    form.go_back()
    form.wait_for_url("**/checklists/ml-fit/")
    form.wait_for_selector(
        ".ckl-form[data-checklist-id='ml-fit'][data-ckl-ready]", state="attached"
    )
    form.locator(".md-sidebar--primary a[href$='/checklists/stakeholders/']").click()
    form.wait_for_selector(
        ".ckl-form[data-checklist-id='stakeholders'][data-ckl-ready]", state="attached"
    )
    form.locator(".md-sidebar--primary a[href$='/checklists/ml-fit/']").click()
    form.wait_for_selector(
        ".ckl-form[data-checklist-id='ml-fit'][data-ckl-ready]", state="attached"
    )
    assert form.evaluate("window.__sameDocument") is True, "instant navigation reloaded the page"
    assert form.locator(".ckl-form").count() == 1

    form.evaluate(
        """() => {
          window.__writes = [];
          window.__announced = 0;
          new MutationObserver((records) => { window.__announced += records.length; })
            .observe(document.querySelector("[data-role='live']"), {childList: true, characterData: true, subtree: true});
        }"""
    )
    choose(form, "input-output-pairs", "yes")
    form.wait_for_timeout(700)
    # One save of the answers, and the summary the checklists index shows (thread.js).
    assert form.evaluate("window.__writes") == [KEY, "ml-design-checklist:summary:ml-fit"]
    assert form.evaluate("window.__announced") == 1
    assert form.locator("[data-notice]").count() == 0


@pytest.mark.browser
def test_export_validates_and_imports_into_a_fresh_context(
    form: Any, server: str, fresh: Callable[[], Any], tmp_path: Path
) -> None:
    open_form(form, server + ML_FIT)
    answer_all(form, SOME_ANSWERS)
    project = 'Fraud "scoring": v2 # ünïcode'
    note = 'Line one: "quoted"\nyes\n\tno # not a comment \u2028 — done'
    form.fill("[data-role='project']", project)
    form.fill("[data-role='assessors']", "Ana ,  Ben, ")
    write_note(form, "labels-arrive", note)
    write_note(form, "cases-alike", "Only a note, no answer yet.")
    path = export(form, tmp_path)
    assert path.name == "ml-fit-assessment.yaml"

    done = validate(path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning" not in (done.stdout + done.stderr).lower()
    loaded = load_path(path)
    assessment = loaded.document
    assert isinstance(assessment, Assessment)
    assert assessment.checklist.id == "ml-fit"
    assert assessment.project == project
    assert assessment.assessors == ["Ana", "Ben"]
    assert assessment.answers["labels-arrive"].note == note
    assert assessment.answers["cases-alike"].answer is None
    assert assessment.answers["task-frequency"].answer == 0.5
    assert set(assessment.answers) == {*SOME_ANSWERS, "cases-alike"}
    assert_same_as_python(form, evaluate(checklist("ml-fit"), assessment))
    before = stored(form)

    other = fresh()
    open_form(other, server + ML_FIT)
    other.set_input_files("[data-role='import-file']", str(path))
    other.wait_for_selector("[data-notice='action']")
    assert (
        "Loaded 10 answers from ml-fit-assessment.yaml"
        in other.locator("[data-notice='action']").inner_text()
    )
    assert other.input_value("[data-role='project']") == project
    assert other.input_value(".ckl-item[data-item='labels-arrive'] [data-role='note']") == note
    after = stored(other)
    assert after["answers"] == before["answers"]
    assert after["project"] == project
    assert_same_as_python(other, evaluate(checklist("ml-fit"), assessment))

    # Another major version, another checklist and broken YAML are refused; nothing changes.
    text = path.read_text(encoding="utf-8")
    refusals = {
        "major.yaml": (
            text.replace(f'version: "{checklist("ml-fit").version}"', f'version: "{NEXT_MAJOR}"'),
            "a new major version removes or changes items",
        ),
        "other.yaml": (
            text.replace('id: "ml-fit"', 'id: "stakeholders"'),
            "not \u201cml-fit\u201d",
        ),
        "broken.yaml": ("kind: assessment\nanswers: [\n", "not valid YAML"),
    }
    for name, (content, message) in refusals.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
        other.set_input_files("[data-role='import-file']", str(tmp_path / name))
        other.wait_for_selector(f"[data-notice='action']:has-text('{name}')")
        assert message in other.locator("[data-notice='action']").inner_text()
        assert stored(other)["answers"] == before["answers"]


@pytest.mark.browser
def test_share_link_restores_answers_in_a_fresh_context(
    form: Any, server: str, fresh: Callable[[], Any]
) -> None:
    open_form(form, server + ML_FIT)
    answer_all(form, SOME_ANSWERS)
    form.fill("[data-role='project']", "Shared project")
    write_note(form, "cases-alike", "Notes travel too: ünïcode.")
    form.click("[data-action='share']")
    link = form.locator(".ckl-share-field").input_value()
    assert link.startswith(server + ML_FIT + "#answers=")
    mine = stored(form)

    other = fresh()
    open_link(other, link)
    assert "#" not in other.url
    assert stored(other)["answers"] == mine["answers"]
    assert other.input_value("[data-role='project']") == "Shared project"
    assert (
        "Loaded 10 answers from a share link" in other.locator("[data-notice='link']").inner_text()
    )
    assert_same_as_python(other, python_result("ml-fit", SOME_ANSWERS))

    # A reader with answers of their own is asked first.
    third = fresh()
    open_form(third, server + ML_FIT)
    choose(third, "input-output-pairs", "no")
    third.goto(server + "/")
    third.once("dialog", lambda dialog: dialog.dismiss())
    open_link(third, link)
    assert "You kept your own answers" in third.locator("[data-notice='link']").inner_text()
    assert stored(third)["answers"] == {"input-output-pairs": {"answer": "no"}}
    third.goto(server + "/")
    third.once("dialog", lambda dialog: dialog.accept())
    open_link(third, link)
    assert stored(third)["answers"] == mine["answers"]


@pytest.mark.browser
@pytest.mark.parametrize(
    "saved",
    [
        "{not json",
        "[1, 2, 3]",
        '{"schema": 1, "checklist": "stakeholders", "version": "1.0.0", "answers": {}}',
        f'{{"schema": 1, "checklist": "ml-fit", "version": "{ML_FIT_VERSION}", "answers": "yes"}}',
    ],
    ids=["bad-json", "wrong-shape", "another-checklist", "bad-answers"],
)
def test_corrupt_storage_is_set_aside_with_a_notice(form: Any, server: str, saved: str) -> None:
    open_form(form, server + ML_FIT)
    form.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, saved])
    form.reload()
    form.wait_for_selector(".ckl-form[data-ckl-ready]", state="attached")
    notice = form.locator("[data-notice='load']")
    assert "could not be read" in notice.inner_text()
    aside = form.evaluate(
        "k => Object.keys(localStorage).filter((n) => n.startsWith(k + ':set-aside:'))", KEY
    )
    assert len(aside) == 1
    assert aside[0] in notice.inner_text()
    assert form.evaluate("k => localStorage.getItem(k)", aside[0]) == saved
    assert form.evaluate("k => localStorage.getItem(k)", KEY) is None

    choose(form, "input-output-pairs", "yes")
    assert stored(form)["answers"] == {"input-output-pairs": {"answer": "yes"}}
    assert_same_as_python(form, python_result("ml-fit", {"input-output-pairs": {"answer": "yes"}}))
    notice.locator("[data-action='dismiss']").click()
    assert form.locator("[data-notice='load']").count() == 0


def assessment_text(version: str, answers: str = "answers: {}\n") -> str:
    """An ml-fit assessment for checklist version ``version``."""
    return (
        "kind: assessment\nschema_version: 1\n"
        f'checklist: {{id: ml-fit, version: "{version}"}}\n'
        f'project: Versions\ndate: "2025-01-01"\n{answers}'
    )


def cli_accepts(version: str, tmp_path: Path) -> bool:
    """Whether `checklist validate` accepts ml-fit answers to ``version``."""
    path = tmp_path / f"cli-{version}.yaml"
    path.write_text(assessment_text(version), encoding="utf-8")
    return validate(path).returncode == 0


def _versions() -> list[str]:
    major, minor, patch = (int(n) for n in checklist("ml-fit").version.split("."))
    return [
        "0.9.0",
        f"{major}.{minor}.{patch}",
        f"{major}.{minor}.{patch + 1}",
        f"{major}.{minor + 1}.0",
        f"{major + 1}.0.0",
    ] + ([f"{major}.0.0"] if minor or patch else [])


VERSIONS = _versions()
"""Answers to these ml-fit versions, on its page: an older major, the same, a newer patch,
a newer minor, a newer major, and (when the page is past x.0.0) an older minor."""


@pytest.mark.browser
@pytest.mark.parametrize("version", VERSIONS)
def test_stored_answers_follow_the_cli_version_rule(
    form: Any, server: str, version: str, tmp_path: Path
) -> None:
    saved = {
        "schema": 1,
        "checklist": "ml-fit",
        "version": version,
        "saved": "2025-01-01T00:00:00.000Z",
        "project": "Saved project",
        "assessors": ["Ana"],
        "answers": {"input-output-pairs": {"answer": "yes", "note": "kept"}},
    }
    open_form(form, server + ML_FIT)
    form.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(saved)])
    form.reload()
    form.wait_for_selector(".ckl-form[data-ckl-ready]", state="attached")
    kept = form.is_checked(".ckl-item[data-item='input-output-pairs'] input[value='yes']")
    assert kept is cli_accepts(version, tmp_path)
    if kept:
        page_version = checklist("ml-fit").version
        if version == page_version:
            assert form.locator("[data-notice='load']").count() == 0
        else:  # answers to an older minor version: kept, and the reader is told
            notice = form.locator("[data-notice='load']").inner_text()
            assert f"updated from {version} to {page_version}" in notice
        return
    notice = form.locator("[data-notice='load']").inner_text()
    same_major = version.split(".")[0] == checklist("ml-fit").version.split(".")[0]
    why = "version" if same_major else "answers to version"
    assert f"do not fit this page ({why} {version}" in notice
    assert form.input_value("[data-role='project']") == ""
    aside = form.evaluate(
        "k => Object.keys(localStorage).filter((n) => n.startsWith(k + ':set-aside:'))", KEY
    )
    assert len(aside) == 1
    assert aside[0] in notice
    assert json.loads(form.evaluate("k => localStorage.getItem(k)", aside[0])) == saved
    assert form.evaluate("k => localStorage.getItem(k)", KEY) is None


@pytest.mark.browser
@pytest.mark.parametrize("version", VERSIONS)
def test_imports_and_share_links_follow_the_cli_version_rule(
    form: Any, server: str, fresh: Callable[[], Any], version: str, tmp_path: Path
) -> None:
    answers = 'answers:\n  input-output-pairs: {answer: "yes"}\n'
    path = tmp_path / f"v{version}.yaml"
    path.write_text(assessment_text(version, answers), encoding="utf-8")
    accepted = cli_accepts(version, tmp_path)
    open_form(form, server + ML_FIT)
    form.set_input_files("[data-role='import-file']", str(path))
    message = form.locator("[data-notice='action']")
    message.wait_for()
    if accepted:
        assert "Loaded 1 answer from" in message.inner_text()
    else:
        assert f"{path.name}:3:34: checklist.version: not imported: " in message.inner_text()
        assert form.evaluate("k => localStorage.getItem(k)", KEY) is None

    link = form.evaluate(
        """version => {
          const data = {v: 1, c: "ml-fit", ver: version, a: {"input-output-pairs": {answer: "no"}}};
          const bytes = new TextEncoder().encode(JSON.stringify(data));
          const text = btoa(String.fromCharCode(...bytes)).replace(/[+]/g, "-").replace(/[/]/g, "_").replace(/=+$/, "");
          return location.href.split("#")[0] + "#answers=" + text;
        }""",
        version,
    )
    other = fresh()
    open_link(other, link)
    shown_link = other.locator("[data-notice='link']").inner_text()
    if accepted:
        assert "Loaded 1 answer from a share link" in shown_link
        assert stored(other)["answers"] == {"input-output-pairs": {"answer": "no"}}
    else:
        assert "The share link was not read: " in shown_link
        assert version in shown_link
        assert other.evaluate("k => localStorage.getItem(k)", KEY) is None


@pytest.mark.browser
def test_a_conditional_item_hides_when_its_condition_does_not_hold(form: Any, server: str) -> None:
    open_form(form, server + ML_FIT)
    follow_up = form.locator(".ckl-item[data-item='safeguards-planned']")
    assert follow_up.is_hidden()
    choose(form, "wrong-predictions-cheap", "cheap")
    assert follow_up.is_hidden()
    assert follow_up.get_attribute("data-status") == "skipped"
    assert follow_up.locator("[data-role='status']").text_content() == "Not asked"

    choose(form, "wrong-predictions-cheap", "moderate")
    assert follow_up.is_visible()
    assert "1 follow-up question now applies" in form.locator("[data-role='live']").inner_text()
    choose(form, "safeguards-planned", "none")
    assert follow_up.get_attribute("data-risk") == "medium"

    choose(form, "wrong-predictions-cheap", "cheap")
    assert follow_up.is_hidden()
    assert stored(form)["answers"]["safeguards-planned"] == {"answer": ["none"]}
    answers: dict[str, dict[str, Any]] = {
        "wrong-predictions-cheap": {"answer": "cheap"},
        "safeguards-planned": {"answer": ["none"]},
    }
    assert_same_as_python(form, python_result("ml-fit", answers))

    # Harmful mistakes that nobody notices, with no one reviewing: the kept answer now
    # fails a deal-breaker.
    choose(form, "mistakes-noticed", "nobody")
    choose(form, "wrong-predictions-cheap", "harmful")
    assert follow_up.is_visible()
    assert form.is_checked(".ckl-item[data-item='safeguards-planned'] input[value='none']")
    assert follow_up.get_attribute("data-risk") == "high"
    answers["wrong-predictions-cheap"] = {"answer": "harmful"}
    answers["mistakes-noticed"] = {"answer": "nobody"}
    assert_same_as_python(form, python_result("ml-fit", answers))


@pytest.mark.browser
def test_the_form_works_with_the_keyboard_alone(form: Any, server: str) -> None:
    open_form(form, server + ML_FIT)
    form.focus("[data-role='assessors']")
    form.keyboard.press("Tab")
    focused = "() => document.activeElement.id"
    assert form.evaluate(focused) == "ml-fit--input-output-pairs--yes"
    form.keyboard.press("Space")
    assert form.is_checked("#ml-fit--input-output-pairs--yes")
    assert_same_as_python(form, python_result("ml-fit", {"input-output-pairs": {"answer": "yes"}}))
    outline = form.evaluate(
        "() => getComputedStyle(document.activeElement.closest('label')).outlineStyle"
    )
    assert outline == "solid", "the focused option shows no outline"

    form.keyboard.press("ArrowRight")
    assert form.evaluate(focused) == "ml-fit--input-output-pairs--no"
    assert form.is_checked("#ml-fit--input-output-pairs--no")
    assert_same_as_python(form, python_result("ml-fit", {"input-output-pairs": {"answer": "no"}}))
    assert shown(form)["verdict"] == "not-a-fit"

    # Tab leaves the radio group for the folded note: Enter unfolds it, then type.
    form.keyboard.press("Tab")
    assert form.evaluate("() => document.activeElement.dataset.action") == "note"
    form.keyboard.press("Enter")
    assert form.evaluate(focused) == "ml-fit--input-output-pairs--note"
    form.keyboard.type("Typed without a mouse.")
    form.keyboard.press("Tab")
    form.keyboard.press("Enter")  # opens the guidance
    assert (
        form.locator("#ml-fit--input-output-pairs details.ckl-guidance").get_attribute("open") == ""
    )
    form.wait_for_function(
        f"JSON.parse(localStorage.getItem('{KEY}')).answers['input-output-pairs'].note"
    )


@pytest.mark.browser
def test_not_applicable_disables_the_answer_and_exports_with_its_reason(
    form: Any, server: str, tmp_path: Path
) -> None:
    open_form(form, server + "/checklists/well-architected-monitoring/")
    key = "ml-design-checklist:well-architected-monitoring"
    item = form.locator(".ckl-item[data-item='practices']")
    reason = item.locator("[data-role='reason']")
    assert reason.is_hidden()
    choose(form, "practices", "metrics-tracked")
    item.locator("[data-role='not-applicable']").check()
    assert reason.is_visible()
    assert reason.evaluate("el => el === document.activeElement")
    assert item.locator("input[value='metrics-tracked']").is_disabled()
    assert "Say why" in item.locator("[data-role='status']").inner_text()
    path = export(form, tmp_path)
    assert "without a reason" in form.locator("[data-notice='action']").inner_text()
    assessment = load_path(path).document
    assert isinstance(assessment, Assessment)
    assert "practices" not in assessment.answers
    reason.fill("No model in production yet: nothing to monitor.")
    form.wait_for_function(f"JSON.parse(localStorage.getItem('{key}')).answers['practices'].reason")
    assert stored(form, key)["answers"]["practices"] == {
        "not_applicable": True,
        "reason": "No model in production yet: nothing to monitor.",
    }
    assert item.get_attribute("data-risk") == "not_applicable"

    path = export(form, tmp_path)
    done = validate(path)
    assert done.returncode == 0, done.stdout + done.stderr
    assessment = load_path(path).document
    assert isinstance(assessment, Assessment)
    assert assessment.answers["practices"].not_applicable is True
    assert assessment.answers["practices"].answer is None
    result = evaluate(checklist("well-architected-monitoring"), assessment)
    assert shown(form)["risks"] == result.risks

    item.locator("[data-role='not-applicable']").uncheck()
    assert reason.is_hidden()
    assert item.locator("input[value='metrics-tracked']").is_checked()
    assert item.get_attribute("data-risk") == "high"


@pytest.mark.browser
def test_a_multi_answer_keeps_none_of_these_alone_and_exports_a_list(
    form: Any, server: str, tmp_path: Path
) -> None:
    """Checking "None of these" clears the practices, checking a practice clears it; the
    export is a list the CLI accepts, and the plan lists the practices still missing."""
    open_form(form, server + "/checklists/well-architected-monitoring/")
    item = form.locator(".ckl-item[data-item='practices']")
    for value in ("metrics-tracked", "drift-detected"):
        choose(form, "practices", value)
    choose(form, "practices", "none")
    checked = item.locator("input[type='checkbox']:checked")
    assert [checked.nth(n).get_attribute("value") for n in range(checked.count())] == ["none"]
    choose(form, "practices", "alerts-owned")
    choose(form, "practices", "metrics-tracked")
    assert [checked.nth(n).get_attribute("value") for n in range(checked.count())] == [
        "metrics-tracked",
        "alerts-owned",
    ]
    plan = form.locator(".ckl-plan > li").first
    missing = plan.locator(".ckl-plan-missing li strong").all_inner_texts()
    assert missing == [
        "Input and prediction drift are detected automatically.",
        "Retraining can be triggered by monitoring, not only by a calendar.",
    ]
    path = export(form, tmp_path)
    assert 'answer: ["metrics-tracked", "alerts-owned"]' in path.read_text(encoding="utf-8")
    done = validate(path)
    assert done.returncode == 0, done.stdout + done.stderr
    assessment = load_path(path).document
    assert isinstance(assessment, Assessment)
    expected = evaluate(checklist("well-architected-monitoring"), assessment)
    assert expected.items[0].risk == "medium"
    assert_same_as_python(form, expected)


SYNTHETIC = {
    "kind": "checklist",
    "schema_version": 1,
    "id": "form-types",
    "title": "Number and text answers",
    "version": "1.2.0",
    "summary": "A checklist for the form's tests.",
    "sections": [
        {
            "id": "main",
            "title": "Main",
            "items": [
                {
                    "id": "latency",
                    "question": "What is the p99 latency?",
                    "severity": "medium",
                    "answer": {
                        "type": "number",
                        "min": 0,
                        "max": 100,
                        "integer": True,
                        "unit": "ms",
                    },
                    "hint": "Measure it.",
                    "risk": [{"when": {"above": 50}, "level": "medium"}, {"default": "none"}],
                },
                {
                    "id": "summary",
                    "question": "Summarise the design.",
                    "severity": "low",
                    "answer": {"type": "text", "max_length": 12},
                    "hint": "Write it down.",
                },
            ],
        }
    ],
    "scores": [
        {"id": "latency", "label": "Latency", "aggregate": "sum", "over": {"items": ["latency"]}}
    ],
}


@pytest.mark.browser
def test_number_and_text_answers_are_checked_like_the_python_package(
    form: Any, server: str, tmp_path: Path
) -> None:
    spec = Checklist.model_validate(SYNTHETIC)
    html = render_form(spec, SiteContext(), page="checklists/form-types.md")
    key = "ml-design-checklist:form-types"
    old = {
        "schema": 1,
        "checklist": "form-types",
        "version": "1.1.0",
        "answers": {"latency": {"answer": 3.5}, "summary": {"answer": "far too long for it"}},
    }
    open_form(form, server + ML_FIT)
    form.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(old)])
    form.evaluate(
        """html => {
          document.querySelector(".md-content__inner").insertAdjacentHTML("beforeend", html);
          window.ChecklistForm.setup();
        }""",
        html,
    )
    types = form.locator(".ckl-form[data-checklist-id='form-types']")
    assert types.get_attribute("data-ckl-ready") == ""
    assert (
        "0 answers kept, 2 set aside (latency, summary)"
        in types.locator("[data-notice='load']").inner_text()
    )

    latency = types.locator("#form-types--latency--value")
    latency.fill("150")
    latency.press("Tab")
    status = types.locator(".ckl-item[data-item='latency'] [data-role='status']")
    assert "Not counted: expected at most 100." in status.inner_text()
    assert (
        types.locator(".ckl-item[data-item='latency']").get_attribute("data-status") == "unanswered"
    )
    latency.fill("2.5")
    latency.press("Tab")
    assert "expected a whole number" in status.inner_text()
    latency.fill("72")
    latency.press("Tab")
    assert "Not counted" not in status.inner_text()
    assert types.locator(".ckl-item[data-item='latency']").get_attribute("data-risk") == "medium"
    types.locator("#form-types--summary--value").fill('Say "yes"!')
    form.wait_for_function(f"JSON.parse(localStorage.getItem('{key}')).answers.summary")
    assert stored(form, key)["answers"] == {
        "latency": {"answer": 72},
        "summary": {"answer": 'Say "yes"!'},
    }
    assert types.locator(".ckl-headline-value").inner_text() == "72"

    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "form-types.yaml").write_text(json.dumps(SYNTHETIC), encoding="utf-8")
    with form.expect_download() as info:
        types.locator("[data-action='export']").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "form-types-assessment.yaml"
    assert "    answer: 72\n" in path.read_text(encoding="utf-8")
    done = validate(path, "--checklists", str(folder))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.browser
def test_reset_asks_first_and_clears_everything(form: Any, server: str) -> None:
    open_form(form, server + ML_FIT)
    answer_all(form, SOME_ANSWERS)
    form.fill("[data-role='project']", "To be cleared")
    form.once("dialog", lambda dialog: dialog.dismiss())
    form.click("[data-action='reset']")
    assert stored(form)["answers"] != {}
    form.once("dialog", lambda dialog: dialog.accept())
    form.click("[data-action='reset']")
    assert form.evaluate("k => localStorage.getItem(k)", KEY) is None
    assert form.input_value("[data-role='project']") == ""
    assert form.locator(".ckl-form input[data-role='answer']:checked").count() == 0
    assert_same_as_python(form, python_result("ml-fit", {}))
    form.reload()
    form.wait_for_selector(".ckl-form[data-ckl-ready]", state="attached")
    assert form.locator(".ckl-form input[data-role='answer']:checked").count() == 0


@pytest.mark.browser
def test_print_shows_a_report(form: Any, server: str) -> None:
    open_form(form, server + ML_FIT)
    form.evaluate(
        "() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }"
    )
    answer_all(form, SOME_ANSWERS)
    form.click("[data-action='print']")
    assert form.evaluate("window.__printed") == 1
    form.emulate_media(media="print")
    assert form.locator(".md-header").is_hidden()
    assert form.locator(".md-sidebar--primary").is_hidden()
    assert form.locator("[data-role='actions']").is_hidden()
    assert form.locator(".ckl-item[data-item='labels-arrive'] input[value='months']").is_visible()
    assert form.locator(".ckl-item[data-item='labels-arrive'] input[value='days']").is_hidden()
    assert form.locator(".ckl-verdict").is_visible()
    RESULTS.mkdir(exist_ok=True)
    form.screenshot(path=str(RESULTS / "form-ml-fit-print.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 420], ids=["wide", "narrow"])
def test_screenshots_light_and_dark(form: Any, server: str, width: int) -> None:
    form.set_viewport_size({"width": width, "height": 900})
    open_form(form, server + ML_FIT)
    answer_all(form, {k: v for k, v in SOME_ANSWERS.items() if k != "safeguards-planned"})
    form.fill("[data-role='project']", "Fraud scoring")
    form.fill("[data-role='assessors']", "Ana, Ben")
    write_note(form, "labels-arrive", "Chargebacks take 60 days.")
    form.wait_for_timeout(400)
    form.evaluate("window.scrollTo(0, 0)")
    form.wait_for_timeout(500)  # Material's header title settles
    result = form.locator("[data-role='result']")
    if width > 1000:
        # Two columns: the questions on the left, the sticky result on the right.
        questions = form.locator("[data-role='questions']").bounding_box()
        panel = result.bounding_box()
        assert questions is not None
        assert panel is not None
        assert panel["x"] > questions["x"] + questions["width"]
    RESULTS.mkdir(exist_ok=True)
    name = "form-ml-fit" if width > 1000 else "form-ml-fit-narrow"
    form.screenshot(path=str(RESULTS / f"{name}-light.png"))
    form.locator("label[for='__palette_1']").click()
    form.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    form.screenshot(path=str(RESULTS / f"{name}-dark.png"))
    result.scroll_into_view_if_needed()
    form.wait_for_timeout(400)
    if width < 1000:
        # The sticky bar that leads to the result fades away once the result is on screen.
        assert "ckl-mini--away" in (form.locator(".ckl-mini").get_attribute("class") or "")
    form.screenshot(path=str(RESULTS / f"{name}-result-dark.png"))


FULL_STORAGE = """
Storage.prototype.setItem = function (key) {
  if (String(key).startsWith("ml-design-checklist:")) throw new DOMException("full", "QuotaExceededError");
};
"""


@pytest.mark.browser
def test_storage_problems_are_reported_and_the_form_keeps_working(
    form: Any, server: str, fresh: Callable[[], Any]
) -> None:
    open_form(form, server + ML_FIT)
    # More than 1 MB of notes is not saved, and the reader is told.
    form.evaluate(
        """() => {
          document.querySelectorAll(".ckl-item [data-role='note']").forEach((note) => {
            note.value = "\u20ac".repeat(20000);
          });
        }"""
    )
    choose(form, "input-output-pairs", "yes")
    assert "too large to keep in this browser" in form.locator("[data-notice='save']").inner_text()
    assert form.evaluate("k => localStorage.getItem(k)", KEY) is None
    assert shown(form)["items"]["input-output-pairs"] == "none"

    full = fresh()
    full.add_init_script(FULL_STORAGE)
    open_form(full, server + ML_FIT)
    choose(full, "input-output-pairs", "no")
    assert "storage for the site is full" in full.locator("[data-notice='save']").inner_text()
    assert shown(full)["verdict"] == "not-a-fit"


PAYLOAD = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>'


@pytest.mark.browser
def test_checklist_text_is_shown_as_text_in_the_result(form: Any, server: str) -> None:
    hostile = {
        "kind": "checklist",
        "schema_version": 1,
        "id": "hostile-form",
        "title": "Hostile " + PAYLOAD,
        "version": "1.0.0",
        "summary": "Payloads everywhere.",
        "sections": [
            {
                "id": "main",
                "title": "Main " + PAYLOAD,
                "items": [
                    {
                        "id": "safe",
                        "question": "Question " + PAYLOAD,
                        "severity": "blocker",
                        "answer": {"type": "yes_no"},
                        "hint": "Hint " + PAYLOAD,
                    }
                ],
            }
        ],
        "scores": [
            {
                "id": "total",
                "label": "Score " + PAYLOAD,
                "aggregate": "sum",
                "over": {"items": "all"},
                "bands": [{"default": "Band " + PAYLOAD}],
            }
        ],
        "verdict": {
            "options": [
                {"id": "go", "label": "Go " + PAYLOAD, "tone": "positive"},
                {"id": "stop", "label": "Stop " + PAYLOAD, "description": "Why " + PAYLOAD},
            ],
            "blocked": "stop",
            "rules": [{"default": "go"}],
        },
    }
    spec = Checklist.model_validate(hostile)
    html = render_form(spec, SiteContext(), page="checklists/hostile-form.md")
    open_form(form, server + ML_FIT)
    form.evaluate(
        """html => {
          document.querySelector(".md-content__inner").insertAdjacentHTML("beforeend", html);
          window.ChecklistForm.setup();
        }""",
        html,
    )
    panel = form.locator(".ckl-form[data-checklist-id='hostile-form'] [data-role='result']")
    form.locator("#hostile-form--safe--yes").check()
    # Settled: the band and the positive verdict show, as text.
    assert "Band " + PAYLOAD in panel.inner_text()
    assert "Go " + PAYLOAD in panel.inner_text()
    form.locator("#hostile-form--safe--no").check()
    text = panel.inner_text()
    for shown_text in ("Hint " + PAYLOAD, "Stop " + PAYLOAD, "Why " + PAYLOAD):
        assert shown_text in text
    assert "Question " + PAYLOAD in text
    assert panel.locator("img, script").count() == 0
    form.wait_for_timeout(200)
    assert form.evaluate("window.__pwned === undefined")


@pytest.mark.browser
def test_an_empty_form_shows_no_verdict_and_no_score_yet(form: Any, server: str) -> None:
    open_form(form, server + ML_FIT)
    panel = form.locator(".ckl-result")
    assert panel.locator("[data-verdict]").count() == 0
    assert panel.locator(".ckl-headline-value").inner_text() == "Not answered yet"
    assert panel.locator(".ckl-verdict").get_attribute("data-state") == "pending"
    choose(form, "data-collectable", "ongoing")
    # One answer decides nothing: the verdict is pending, and says which deal-breakers
    # to answer next, as links to them.
    assert panel.locator("[data-verdict]").count() == 0
    box = panel.locator(".ckl-verdict")
    assert box.get_attribute("data-state") == "pending"
    assert box.locator(".ckl-verdict-label").inner_text() == "Pending"
    assert (
        box.locator(".ckl-verdict-why")
        .inner_text()
        .startswith("3 deal-breakers are unanswered; 1 of 28 questions is answered")
    )
    assert box.locator(".ckl-verdict-next a").first.get_attribute("href") == (
        "#ml-fit--input-output-pairs"
    )
    assert_same_as_python(
        form, python_result("ml-fit", {"data-collectable": {"answer": "ongoing"}})
    )


def best_answer(item: Any) -> str:
    kind = item.answer
    if kind.type == "yes_no":
        return "yes"
    if kind.type == "choice":
        return str(max(kind.options, key=lambda o: o.points if o.points is not None else -1).value)
    if kind.type == "scale":
        return number(max(level.value for level in kind.levels))
    raise AssertionError(kind.type)


SHIPPED_IDS = sorted(
    checklist_id
    for checklist_id, spec in load_checklists(ROOT / "checklists").items()
    if sum(len(section.items) for section in spec.sections) > 1
)
"""The shipped checklists with more than one question (one answer settles a one-question
checklist, and rightly so)."""


@pytest.mark.browser
@pytest.mark.parametrize("checklist_id", SHIPPED_IDS)
def test_one_best_answer_never_shows_a_favourable_verdict(
    fresh: Callable[[], Any], server: str, checklist_id: str
) -> None:
    """The best answer to the first question, deal-breaker or not, settles nothing: no
    positive colour anywhere, the headline's band waits, the phone bar says pending."""
    first = checklist(checklist_id).sections[0].items[0]
    page = fresh()
    open_form(page, f"{server}/checklists/{checklist_id}/")
    choose(page, first.id, best_answer(first))
    panel = page.locator(".ckl-form")
    assert panel.locator(".ckl-verdict--positive").count() == 0
    assert page.locator(".ckl-mini .ckl-verdict--positive").count() == 0
    assert panel.locator(".ckl-verdict").get_attribute("data-state") == "pending"
    if checklist(checklist_id).scores:
        assert panel.locator(".ckl-headline").get_attribute("data-state") in ("pending", "empty")
    value = {
        "answer": float(best_answer(first)) if first.answer.type == "scale" else best_answer(first)
    }
    assert_same_as_python(page, python_result(checklist_id, {first.id: value}))


@pytest.mark.browser
def test_everything_but_the_deal_breakers_keeps_the_verdict_pending(form: Any, server: str) -> None:
    open_form(form, server + ML_FIT)
    fit = checklist("ml-fit")
    answers: dict[str, dict[str, Any]] = {}
    items = {item.id: item for section in fit.sections for item in section.items}

    def answer_best(item: Any) -> None:
        if item.answer.type == "multi":  # every practice (training data facts...)
            chosen = [o.value for o in item.answer.options if not o.exclusive]
            for value in chosen:
                choose(form, item.id, value)
            answers[item.id] = {"answer": chosen}
            return
        value = best_answer(item)
        choose(form, item.id, value)
        answers[item.id] = {"answer": float(value) if item.answer.type == "scale" else value}

    for item in items.values():
        if item.severity != "blocker" and not item.when:
            answer_best(item)
    assert form.locator(".ckl-verdict--positive").count() == 0
    assert_same_as_python(form, python_result("ml-fit", answers))
    # With the deal-breakers answered well, the rules decide, and say what decided.
    for item in items.values():
        if item.severity == "blocker" and not item.when:
            answer_best(item)
    # The questions these answers now ask (the model's: a model will be built).
    for item_id in python_result("ml-fit", answers).unanswered:
        answer_best(items[item_id])
    expected = python_result("ml-fit", answers)
    assert expected.settled
    assert expected.verdict is not None
    assert_same_as_python(form, expected)
    assert expected.verdict is not None
    assert form.locator(".ckl-verdict-why").inner_text() == expected.verdict.because + "."


@pytest.mark.browser
def test_a_failed_deal_breaker_overrides_the_headline(form: Any, server: str) -> None:
    open_form(form, server + ML_FIT)
    choose(form, "input-output-pairs", "no")
    panel = form.locator(".ckl-result")
    assert panel.locator("[data-verdict]").get_attribute("data-verdict") == "not-a-fit"
    assert panel.locator(".ckl-headline").get_attribute("data-state") == "blocked"
    assert panel.locator(".ckl-headline-band").inner_text() == "Overridden by a deal-breaker"
    assert (
        panel.locator(".ckl-verdict-why a").get_attribute("href") == "#ml-fit--input-output-pairs"
    )
    assert_same_as_python(form, python_result("ml-fit", {"input-output-pairs": {"answer": "no"}}))


@pytest.mark.browser
def test_a_well_architected_question_shows_its_own_risk(form: Any, server: str) -> None:
    open_form(form, server + "/checklists/well-architected-monitoring/")
    for value in ("metrics-tracked", "retraining-triggered"):
        choose(form, "practices", value)
    badge = form.locator("section.ckl-section .ckl-section-title .ckl-section-risk")
    assert badge.inner_text() == "High risk"
    assert "ckl-risk--high" in (badge.get_attribute("class") or "")
    expected = python_result(
        "well-architected-monitoring",
        {"practices": {"answer": ["metrics-tracked", "retraining-triggered"]}},
    )
    assert expected.sections[0].risk == "high"
    assert_same_as_python(form, expected)


@pytest.mark.browser
def test_an_import_message_is_shown_where_the_reader_looks(
    form: Any, server: str, tmp_path: Path
) -> None:
    form.set_viewport_size({"width": 1280, "height": 700})
    open_form(form, server + ML_FIT)
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: assessment\nchecklist: {id: ml-fit, version: 1.0.0}\n", encoding="utf-8")
    form.set_input_files("[data-role='import-file']", str(bad))
    message = form.locator("[data-notice='action']")
    message.wait_for()
    assert "bad.yaml: no schema_version" in message.inner_text()
    # Within a pixel: the sticky panel's edge may fall between two pixels.
    inside = "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight + 1; }"
    form.wait_for_function(f"() => ({inside})(document.querySelector(\"[data-notice='action']\"))")


IMPORT_CASES = sorted((ROOT / "tests" / "cases" / "invalid").glob("import-*.yaml"))
"""Files that `checklist validate` refuses (their .expected files say where and why)."""


@pytest.mark.browser
@pytest.mark.parametrize("case", IMPORT_CASES, ids=lambda path: path.name)
def test_the_form_refuses_a_file_where_and_why_the_cli_does(
    form: Any, server: str, case: Path
) -> None:
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()[0]
    found = re.match(r"^\S+?:(\d+:\d+): error: (?:([\w.-]+): )?", expected)
    assert found is not None, expected
    where, path = found.groups()
    open_form(form, server + ML_FIT)
    choose(form, "input-output-pairs", "no")
    form.set_input_files("[data-role='import-file']", str(case))
    message = form.locator("[data-notice='action']")
    message.wait_for()
    text = message.inner_text()
    assert text.startswith(f"{case.name}:{where}: " + (f"{path}: " if path else "")), text
    assert "Nothing was changed." in text
    assert stored(form)["answers"] == {"input-output-pairs": {"answer": "no"}}
    if "schema-version" in case.name:
        assert "found the string '1' (text, because of the quotes)" in text


def share_link(page: Any, data: dict[str, Any]) -> str:
    """A share link to ml-fit for ``data`` (its JSON may hold any escape)."""
    link: str = page.evaluate(
        """json => {
          const bytes = new TextEncoder().encode(json);
          let text = "";
          for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          return location.origin + "/checklists/ml-fit/#answers=" +
            btoa(text).replace(/[+]/g, "-").replace(/[/]/g, "_").replace(/=+$/, "");
        }""",
        json.dumps(data),
    )
    return link


@pytest.mark.browser
def test_every_export_validates_even_with_half_a_surrogate_pair(
    form: Any, server: str, fresh: Callable[[], Any], tmp_path: Path
) -> None:
    open_form(form, server + ML_FIT)
    data = {
        "v": 1,
        "c": "ml-fit",
        "ver": ML_FIT_VERSION,
        "p": "Project \ud800",
        "s": ["Ana", "B\udc00"],
        "a": {
            "input-output-pairs": {"answer": "yes", "note": "half \ud800 a pair"},
            "data-collectable": {"answer": "ongoing", "evidence": ["ok", "\udfff"]},
            "labels-arrive": {"answer": "days", "note": "whole \U0001f600 pair"},
        },
    }
    other = fresh()
    open_link(other, share_link(form, data))
    notice = other.locator("[data-notice='link']").inner_text()
    assert (
        "Loaded 1 answer from a share link; 2 set aside (input-output-pairs, data-collectable)"
        in notice
    )
    assert other.input_value("[data-role='project']") == ""
    assert other.input_value("[data-role='assessors']") == "Ana"
    # Text typed by a script can still hold one: the export writes U+FFFD instead.
    other.evaluate(
        """() => {
          const note = document.querySelector(".ckl-item[data-item='cases-alike'] [data-role='note']");
          note.value = "typed \\ud800 by a script";
          note.dispatchEvent(new Event("input", {bubbles: true}));
        }"""
    )
    path = export(other, tmp_path)
    done = validate(path)
    assert done.returncode == 0, done.stdout + done.stderr
    assessment = load_path(path).document
    assert isinstance(assessment, Assessment)
    assert assessment.answers["labels-arrive"].note == "whole \U0001f600 pair"
    assert assessment.answers["cases-alike"].note == "typed \ufffd by a script"


@pytest.mark.browser
def test_two_tabs_on_one_checklist_merge_their_answers_item_by_item(
    browser: Any, server: str, guard: Guard
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        first = guard.watch(context.new_page())
        second = guard.watch(context.new_page())
        open_form(first, server + ML_FIT)
        open_form(second, server + ML_FIT)
        note = ".ckl-item[data-item='labels-arrive'] [data-role='note']"

        # Each tab changes another item: both answers are kept, in storage and in both tabs.
        write_note(first, "labels-arrive", "From the first tab.")
        wait_until_saved(first, "saved.answers['labels-arrive']")
        choose(second, "input-output-pairs", "yes")
        assert stored(second)["answers"] == {
            "labels-arrive": {"note": "From the first tab."},
            "input-output-pairs": {"answer": "yes"},
        }
        assert second.input_value(note) == "From the first tab."
        first.wait_for_selector(
            ".ckl-item[data-item='input-output-pairs'] input[value='yes']:checked", state="attached"
        )
        assert (
            "Brought in from another tab: input-output-pairs"
            in first.locator("[data-notice='sync']").inner_text()
        )

        # Both change one item: the tab that saves last keeps its own, and says where the
        # other tab's answers went.
        first.evaluate(
            """() => {
              document.querySelector(".ckl-item[data-item='data-collectable'] [data-role='note']")
                .value = "The first tab's note.";
            }"""
        )
        # click, not check: the merge that follows unchecks it again, which check() refuses
        second.locator(".ckl-item[data-item='data-collectable'] input[value='none']").click()
        first.wait_for_selector("[data-notice='sync'].ckl-notice--warning", state="attached")
        warning = first.locator("[data-notice='sync']").inner_text()
        assert "Another tab changed data-collectable too: this tab kept its own answers." in warning
        aside = first.evaluate(
            "k => Object.keys(localStorage).filter((n) => n.startsWith(k + ':set-aside:'))", KEY
        )
        assert len(aside) == 1
        assert aside[0] in warning
        theirs = json.loads(first.evaluate("k => localStorage.getItem(k)", aside[0]))
        assert theirs["answers"]["data-collectable"] == {"answer": "none"}
        wait_until_saved(first, "(saved.answers['data-collectable'] || {}).note")
        assert stored(first)["answers"]["data-collectable"] == {"note": "The first tab's note."}
        assert stored(first)["answers"]["labels-arrive"] == {"note": "From the first tab."}
        second.wait_for_function(
            "() => !document.querySelector(\".ckl-item[data-item='data-collectable'] input[value='none']\").checked"
        )
    finally:
        context.close()


FULL_FOR_SET_ASIDE = """
(() => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(key).includes(":set-aside:")) throw new DOMException("full", "QuotaExceededError");
    return setItem.call(this, key, value);
  };
})();
"""


@pytest.mark.browser
def test_answers_that_cannot_be_set_aside_are_offered_as_a_download(
    fresh: Callable[[], Any], server: str, tmp_path: Path
) -> None:
    page = fresh()
    page.add_init_script(FULL_FOR_SET_ASIDE)
    saved = {
        "schema": 1,
        "checklist": "ml-fit",
        "version": checklist("ml-fit").version,
        "answers": {"input-output-pairs": {"answer": "yes"}, "labels-arrive": {"answer": "weekly"}},
    }
    open_form(page, server + ML_FIT)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(saved)])
    page.reload()
    page.wait_for_selector(".ckl-form[data-ckl-ready]", state="attached")
    notice = page.locator("[data-notice='load']")
    text = notice.inner_text()
    assert "1 saved answer no longer fit this checklist: labels-arrive" in text
    assert "could not be set aside (the storage is full)" in text
    assert "were set aside" not in text
    with page.expect_download() as info:
        notice.locator("[data-role='download-aside']").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name.startswith("ml-fit-set-aside-")
    assert json.loads(path.read_text(encoding="utf-8"))["answers"] == {
        "labels-arrive": {"answer": "weekly"}
    }


@pytest.mark.browser
def test_a_share_link_asks_before_replacing_anything_and_can_be_undone(
    form: Any, server: str, fresh: Callable[[], Any], tmp_path: Path
) -> None:
    open_form(form, server + ML_FIT)
    link = share_link(form, {"v": 1, "c": "ml-fit", "ver": ML_FIT_VERSION, "p": "Shared", "a": {}})
    page = fresh()
    open_form(page, server + ML_FIT)
    page.fill("[data-role='assessors']", "Ana")  # no answers, no project: only assessors
    wait_until_saved(page, "saved.assessors.length")
    asked: list[str] = []

    def accept(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    page.goto(server + "/")
    open_link(page, link)
    assert len(asked) == 1
    assert "Replace your answers, project and assessors" in asked[0]
    notice = page.locator("[data-notice='link']")
    assert "The answers it replaced were set aside under" in notice.inner_text()
    assert page.input_value("[data-role='project']") == "Shared"
    assert page.input_value("[data-role='assessors']") == ""
    notice.locator("[data-role='undo']").click()
    assert page.input_value("[data-role='assessors']") == "Ana"
    assert page.input_value("[data-role='project']") == ""
    assert stored(page)["assessors"] == ["Ana"]
    assert stored(page)["project"] == ""

    # An import that replaces answers can be undone too.
    choose(page, "input-output-pairs", "no")
    path = tmp_path / "import.yaml"
    path.write_text(
        assessment_text(ML_FIT_VERSION, 'answers:\n  input-output-pairs: {answer: "yes"}\n'),
        encoding="utf-8",
    )
    page.once("dialog", lambda dialog: dialog.accept())
    page.set_input_files("[data-role='import-file']", str(path))
    action = page.locator("[data-notice='action']")
    action.wait_for()
    assert "The answers it replaced were set aside under" in action.inner_text()
    assert stored(page)["answers"] == {"input-output-pairs": {"answer": "yes"}}
    action.locator("[data-role='undo']").click()
    assert stored(page)["answers"] == {"input-output-pairs": {"answer": "no"}}
    assert page.input_value("[data-role='assessors']") == "Ana"


@pytest.mark.browser
def test_a_huge_share_link_is_bounded_and_says_what_was_refused(
    form: Any, server: str, fresh: Callable[[], Any]
) -> None:
    open_form(form, server + ML_FIT)
    answers: dict[str, Any] = {f"x{n}": 0 for n in range(50_000)}
    answers["data-collectable"] = {"answer": "ongoing", "evidence": ["one", "two"]}
    page = fresh()
    started = time.perf_counter()
    open_link(page, share_link(form, {"v": 1, "c": "ml-fit", "ver": ML_FIT_VERSION, "a": answers}))
    opened = time.perf_counter() - started
    notice = page.locator("[data-notice='link']").inner_text()
    assert "Loaded 1 answer from a share link; 50,000 set aside (x0, x1, " in notice
    assert "x9 and 49,990 more)." in notice
    assert len(notice) < 300
    assert opened < 5, f"the link took {opened:.1f} s to open"
    assert page.locator(".ckl-evidence li").count() == 2

    # The evidence of one answer is bounded: 60,000 entries are refused, and the reason said.
    evidence = {"answer": "yes", "evidence": [f"e{n}" for n in range(60_000)]}
    other = fresh()
    started = time.perf_counter()
    open_link(
        other,
        share_link(
            form,
            {"v": 1, "c": "ml-fit", "ver": ML_FIT_VERSION, "a": {"input-output-pairs": evidence}},
        ),
    )
    opened = time.perf_counter() - started
    assert (
        "0 answers from a share link; 1 set aside (input-output-pairs)"
        in other.locator("[data-notice='link']").inner_text()
    )
    assert opened < 5, f"the link took {opened:.1f} s to open"
    started = time.perf_counter()
    choose(other, "labels-arrive", "days")
    clicked = time.perf_counter() - started
    assert clicked < 1, f"a click took {clicked:.2f} s"

    # A link longer than a browser keeps in its address bar is not read at all.
    third = fresh()
    open_link(third, server + ML_FIT + "#answers=" + "A" * 1_000_001)
    assert (
        "The share link was not read: it is too long (1,000,001 characters; at most 1,000,000)"
        in third.locator("[data-notice='link']").inner_text()
    )


@pytest.mark.browser
def test_answers_to_questions_no_longer_asked_are_neither_counted_nor_exported(
    form: Any, server: str, tmp_path: Path
) -> None:
    open_form(form, server + ML_FIT)
    choose(form, "wrong-predictions-cheap", "harmful")
    choose(form, "safeguards-planned", "fallback")
    choose(form, "wrong-predictions-cheap", "cheap")  # the follow-up is no longer asked
    assert form.locator(".ckl-item[data-item='safeguards-planned']").is_hidden()
    assert "1 of 28 questions answered" in form.locator(".ckl-progress").inner_text()
    path = export(form, tmp_path)
    assessment = load_path(path).document
    assert isinstance(assessment, Assessment)
    assert set(assessment.answers) == {"wrong-predictions-cheap"}
    done = validate(path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning" not in done.stdout
    # The form keeps the answer in this browser: asked again, it is there.
    choose(form, "wrong-predictions-cheap", "moderate")
    assert form.locator(
        ".ckl-item[data-item='safeguards-planned'] input[value='fallback']"
    ).is_checked()


@pytest.mark.browser
def test_answers_saved_for_the_previous_major_version_are_carried_over(
    form: Any, server: str
) -> None:
    key = "ml-design-checklist:stakeholders"
    saved = {
        "schema": 1,
        "checklist": "stakeholders",
        "version": "1.0.0",
        "saved": "2025-01-01T00:00:00.000Z",
        "project": "Saved project",
        "assessors": ["Ana"],
        "answers": {
            "one-optimizing-metric": {"answer": "yes", "note": "Orders per session."},
            "agreement-revisited": {"answer": "no", "note": "Not since launch."},
            "guardrails-justified": {"answer": "maybe"},
        },
    }
    open_form(form, server + "/checklists/stakeholders/")
    form.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(saved)])
    form.reload()
    form.wait_for_selector("[data-notice='load']")
    notice = form.locator("[data-notice='load']").inner_text()
    version = checklist("stakeholders").version
    assert f"the answers saved for 1.0.0 were carried over to {version}" in notice
    # The same upgrade as `checklist upgrade`: renamed answers, split items, notes kept.
    assert form.is_checked(".ckl-item[data-item='conflict-rule'] input[value='optimize-satisfice']")
    for item in ("review-scheduled", "reviewed-after-change"):
        assert form.is_checked(f".ckl-item[data-item='{item}'] input[value='no']")
        note = form.input_value(f".ckl-item[data-item='{item}'] [data-role='note']")
        assert note == "Not since launch."
    assert form.input_value("[data-role='project']") == "Saved project"
    wait_until_saved(form, f"saved.version === '{version}'", key)
    # The record as it was is set aside, and the notice says where.
    aside = form.evaluate(
        "k => Object.keys(localStorage).filter((n) => n.startsWith(k + ':set-aside:'))", key
    )
    assert len(aside) == 1
    assert json.loads(form.evaluate("k => localStorage.getItem(k)", aside[0])) == saved
