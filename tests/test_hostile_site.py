"""Hostile text in a checklist and an assessment stays inert everywhere the site shows it.

A copy of the site gets a checklist and an assessment whose every text field carries a
payload: script tags, event-handler attributes, ``javascript:`` links, Jinja
expressions. The built pages must show the payloads as text and run none of them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.conftest import build_site, copy_project, serve

PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    '" onmouseover="window.__pwned = 3" x="',
    "[click me](javascript:window.__pwned=4)",
    '<a href="javascript:window.__pwned=5">link</a>',
    "{{ config.site_name }} {% if true %}JINJA{% endif %}",
    "</textarea><svg onload=window.__pwned=6>",
]
TEXT = " ".join(PAYLOADS)


def q(text: str) -> str:
    return json.dumps(text)


HOSTILE_CHECKLIST = f"""\
kind: checklist
schema_version: 1
id: hostile
title: {q("Hostile " + PAYLOADS[0])}
version: 1.0.0
summary: {q(TEXT)}
attribution: {q(TEXT)}
sections:
  - id: one
    title: {q(TEXT)}
    description: {q(TEXT)}
    items:
      - id: a
        question: {q(TEXT)}
        severity: high
        guidance: {q(TEXT)}
        why: {q(TEXT)}
        hint: {q(TEXT)}
        not_applicable: true
        answer:
          type: choice
          options:
            - {{value: good, label: {q(TEXT)}, points: 1, description: {q(TEXT)}}}
            - {{value: bad, label: {q(TEXT)}, points: 0}}
      - id: b
        question: {q(TEXT)}
        severity: low
        hint: {q(TEXT)}
        answer: {{type: number, unit: {q(PAYLOADS[2])}}}
scores:
  - id: total
    label: {q(TEXT)}
    aggregate: sum
    over: {{items: all}}
    bands:
      - {{at_least: 1, label: {q(TEXT)}}}
      - default: {q(TEXT)}
verdict:
  options:
    - {{id: fine, label: {q(TEXT)}, tone: positive, description: {q(TEXT)}}}
    - {{id: poor, label: {q(TEXT)}, tone: negative}}
  rules:
    - when: {{score: total, at_least: 1}}
      verdict: fine
    - default: poor
"""

HOSTILE_ASSESSMENT = f"""\
kind: assessment
schema_version: 1
checklist: {{id: hostile, version: 1.0.0}}
project: {q(TEXT)}
date: 2026-11-27
assessors: [{q(TEXT)}]
answers:
  a: {{answer: bad, note: {q(TEXT)}}}
  b: {{answer: 3, note: {q(TEXT)}}}
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, copied, with the hostile checklist, its page and a report page."""
    work = copy_project(tmp_path_factory.mktemp("hostile"))
    (work / "checklists" / "hostile.yaml").write_text(HOSTILE_CHECKLIST, encoding="utf-8")
    (work / "examples" / "hostile.yaml").write_text(HOSTILE_ASSESSMENT, encoding="utf-8")
    (work / "docs" / "checklists" / "hostile.md").write_text(
        '---\nrender_macros: true\n---\n\n{{ checklist_page("hostile") }}\n', encoding="utf-8"
    )
    (work / "docs" / "hostile-report.md").write_text(
        "---\nrender_macros: true\n---\n\n# Report\n\n"
        '{{ assessment_report("examples/hostile.yaml") }}\n\n'
        '{{ checklist_items("hostile", "one") }}\n',
        encoding="utf-8",
    )
    config = (work / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "      - checklists/ml-fit.md\n",
        "      - checklists/ml-fit.md\n      - checklists/hostile.md\n      - hostile-report.md\n",
    )
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    done = build_site(work, "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    return work / "site"


@pytest.mark.parametrize("page", ["checklists/hostile/index.html", "hostile-report/index.html"])
def test_payloads_are_text_not_markup(hostile_site: Path, page: str) -> None:
    html = (hostile_site / page).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    content = soup.select_one("article") or soup
    for script in content.find_all("script"):
        pytest.fail(f"a script element in the content: {script}")
    for element in content.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), f"event handler {name} on <{element.name}>"
            if name in ("href", "src"):
                assert "javascript:" not in str(value).lower(), f"{name}={value!r}"
    text = content.get_text()
    assert "<script>window.__pwned = 1</script>" in text
    # Jinja in YAML is shown, never evaluated.
    assert "{{ config.site_name }}" in text
    assert "JINJA{% endif %}" in text


@pytest.mark.browser
def test_payloads_do_not_run_in_the_browser(hostile_site: Path, browser: Any) -> None:
    with serve(hostile_site) as url:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []

        def dismiss(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)
        for path in ("/checklists/hostile/", "/hostile-report/"):
            page.goto(url + path)
            page.mouse.move(300, 300)
            for option in page.locator("label.ckl-option").all():
                option.hover()
            assert page.evaluate("window.__pwned === undefined"), path
        assert dialogs == []
        context.close()
