"""Hostile text in a checklist and an assessment stays inert everywhere the site shows it.

A copy of the site gets a checklist and an assessment whose every text field carries a
payload: script tags, event-handler attributes, ``javascript:`` links, Jinja
expressions, a title that closes ``<title>``, and Markdown attribute lists that would
plant a second form, hide the result panel or send a ping. The built pages must show
the payloads as text, run none of them, keep one working form per checklist page and
never touch another checklist's saved answers.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from checklist.site.safe_markdown import ATTRIBUTES, CLASSES
from tests.conftest import build_site, copy_project, serve
from tests.test_form import serve_sitemap_for, validate

CLOSE_TITLE = "</title><script>window.__pwned = 7</script>"
"""Ends the page's <title> element: the stored XSS of issue 10."""
CLOSE_TITLE_AS_ENTITIES = "&lt;/title&gt;&lt;script&gt;window.__pwned = 8&lt;/script&gt;"
"""The same as entities, which Material's `striptags` would turn back into tags."""

PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    '" onmouseover="window.__pwned = 3" x="',
    "[click me](javascript:window.__pwned=4)",
    '<a href="javascript:window.__pwned=5">link</a>',
    "{{ config.site_name }} {% if true %}JINJA{% endif %}",
    "</textarea><svg onload=window.__pwned=6>",
    CLOSE_TITLE,
    CLOSE_TITLE_AS_ENTITIES,
]
TEXT = " ".join(PAYLOADS)

ATTRIBUTE_LISTS = [
    # A second live form that would replace the reader's saved ml-fit answers.
    'Planted form\n{: class="ckl-form" data-checklist-id="ml-fit" '
    'data-checklist-version="1.0.0" data-checklist=\'{"id": "ml-fit"}\' }',
    # Would hide the real result panel (no export, import, share or reset).
    'Hidden result\n{: data-role="result" }',
    '[Reset](#){: data-action="reset" } and [ping](https://example.org/){: ping="https://example.org/ping" }',
    'Styled\n{: style="display:none" id="hostile--a" onclick="window.__pwned = 9" }',
]
MARKDOWN = TEXT + "\n\n" + "\n\n".join(ATTRIBUTE_LISTS)
"""What Markdown fields get: the text payloads and Markdown attribute lists."""


def q(text: str) -> str:
    return json.dumps(text)


LABEL = " ".join([PAYLOADS[0], PAYLOADS[1], CLOSE_TITLE, CLOSE_TITLE_AS_ENTITIES])
"""For one-line labels (at most 300 characters)."""
TITLE = "Hostile " + LABEL
"""The hostile checklist's title, the text its page's <title> must show."""

HOSTILE_CHECKLIST = f"""\
kind: checklist
schema_version: 1
id: hostile
title: {q(TITLE[:300])}
version: 1.0.0
summary: {q(MARKDOWN)}
attribution: {q(TEXT)}
sections:
  - id: one
    title: {q(LABEL)}
    description: {q(MARKDOWN)}
    items:
      - id: a
        question: {q(LABEL)}
        severity: high
        guidance: {q(MARKDOWN)}
        why: {q(MARKDOWN)}
        hint: {q(TEXT)}
        not_applicable: true
        answer:
          type: choice
          options:
            - {{value: good, label: {q(LABEL)}, points: 1, description: {q(TEXT)}}}
            - {{value: bad, label: {q(LABEL)}, points: 0}}
      - id: b
        question: {q(LABEL)}
        severity: low
        hint: {q(TEXT)}
        answer: {{type: number, unit: {q(PAYLOADS[2])}}}
      # Its anchor was the section's id (hostile--section-one) before ids were unique.
      - id: section-one
        question: {q(LABEL)}
        severity: low
        hint: {q(TEXT)}
        answer: {{type: yes_no}}
scores:
  - id: total
    label: {q(LABEL)}
    aggregate: sum
    over: {{items: all}}
    bands:
      - {{at_least: 1, label: {q(LABEL)}}}
      - default: {q(LABEL)}
  - id: first
    label: {q(LABEL)}
    aggregate: mean
    over: {{section: one}}
verdict:
  options:
    - {{id: fine, label: {q(LABEL)}, tone: positive, description: {q(MARKDOWN)}}}
    - {{id: poor, label: {q(LABEL)}, tone: negative, description: {q(MARKDOWN)}}}
  rules:
    - when: {{score: total, at_least: 1}}
      verdict: fine
    - default: poor
"""

HOSTILE_ASSESSMENT = f"""\
kind: assessment
schema_version: 1
checklist: {{id: hostile, version: 1.0.0}}
project: {q(LABEL)}
date: 2026-11-27
assessors: [{q(LABEL)}]
answers:
  a: {{answer: bad, note: {q(MARKDOWN)}}}
  b: {{answer: 0, note: {q(TEXT)}}}
  section-one: {{answer: "yes", note: {q(MARKDOWN)}}}
"""
"""Total 1: "fine", one answer from "poor" (section-one answered no): the report names the
hostile question, answer and verdict in what would change it."""


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


HOSTILE_PAGES = ["checklists/hostile/index.html", "hostile-report/index.html"]


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_payloads_are_text_not_markup(hostile_site: Path, page: str) -> None:
    soup = soup_of(hostile_site, page)
    content = soup.select_one("article") or soup
    for script in content.find_all("script"):
        pytest.fail(f"a script element in the content: {script}")
    # Anywhere on the page (head, header, nav, table of contents): no handler, no
    # javascript: link.
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), f"event handler {name} on <{element.name}>"
            if name in ("href", "src"):
                assert "javascript:" not in str(value).lower(), f"{name}={value!r}"
    text = content.get_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert CLOSE_TITLE in text
    assert CLOSE_TITLE_AS_ENTITIES in text
    # Jinja in YAML is shown, never evaluated.
    assert "{{ config.site_name }}" in text
    assert "JINJA{% endif %}" in text


def test_what_would_change_the_verdict_names_hostile_text_as_text(hostile_site: Path) -> None:
    soup = soup_of(hostile_site, "hostile-report/index.html")
    margin = soup.select_one("details.ckl-margin")
    assert margin is not None
    assert {element.name for element in margin.find_all(True)} == {
        "summary",
        "ul",
        "li",
        "strong",
        "a",
    }
    assert margin.strong is not None
    assert margin.strong.get_text() == LABEL  # the verdict it would give
    assert margin.a is not None
    assert margin.a.get_text() == LABEL  # the question
    assert margin.li is not None
    assert f"were “{LABEL}”" not in margin.li.get_text()  # yes/no: the answer is “No”
    assert margin.li.get_text().endswith(" were “No”.")


def test_the_page_title_is_the_checklist_title_as_text(hostile_site: Path) -> None:
    soup = soup_of(hostile_site, "checklists/hostile/index.html")
    titles = soup.find_all("title")
    assert len(titles) == 1
    assert titles[0].get_text() == f"{TITLE} - ML Systems Design Checklists"
    assert soup.h1 is not None
    assert soup.h1.get_text().strip().rstrip("¶") == TITLE


def test_hostile_pages_have_the_same_scripts_as_an_ordinary_one(hostile_site: Path) -> None:
    """No element from YAML adds a script anywhere: head, nav, header or content."""

    def scripts(page: str) -> list[str]:
        return [
            str(script.get("src") or "inline").rsplit("/", 1)[-1]
            for script in soup_of(hostile_site, page).find_all("script")
        ]

    ordinary = scripts("checklists/ml-fit/index.html")
    for page in HOSTILE_PAGES:
        assert scripts(page) == ordinary, page


@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_markdown_fields_cannot_set_attributes(hostile_site: Path, page: str) -> None:
    """Markdown from YAML keeps only the allow-listed attributes and classes (nh3)."""
    soup = soup_of(hostile_site, page)
    fields = soup.select(".ckl-md")
    assert fields, "no Markdown field rendered"
    for field in fields:
        for element in field.find_all(True):
            allowed = ATTRIBUTES.get(element.name, set()) | {"rel"}
            for name in element.attrs:
                if name == "class":
                    assert set(element["class"]) <= CLASSES.get(element.name, set()), element
                else:
                    assert name in allowed, f"{name} on <{element.name}> in {page}"
    text = " ".join(field.get_text() for field in fields)
    assert '{: data-role="result" }' in text


def test_a_checklist_page_has_exactly_one_form_and_one_result_panel(hostile_site: Path) -> None:
    soup = soup_of(hostile_site, "checklists/hostile/index.html")
    forms = soup.select("[data-checklist]")
    assert [form.get("data-checklist-id") for form in forms] == ["hostile"]
    assert len(soup.select(".ckl-form")) == 1
    assert len(soup.select("[data-role='result']")) == 1
    assert Counter(b["data-action"] for b in soup.select("[data-action]")) == Counter(
        {"export": 1, "import": 1, "share": 1, "print": 1, "reset": 1}
    )
    assert not soup.select("[ping]")


def all_ids(soup: BeautifulSoup) -> list[str]:
    return [str(element["id"]) for element in soup.find_all(id=True)]


def test_every_id_on_a_page_is_unique(hostile_site: Path) -> None:
    for path in sorted(hostile_site.rglob("*.html")):
        ids = all_ids(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
        assert repeated == [], f"{path.relative_to(hostile_site)} repeats ids {repeated}"
    ids = all_ids(soup_of(hostile_site, "checklists/hostile/index.html"))
    assert "hostile--section-one" in ids  # the item
    assert "hostile---section-one" in ids  # its section


def test_the_search_index_and_the_nav_hold_titles_as_text(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    entries = [d for d in index["docs"] if d["location"].startswith("checklists/hostile/")]
    assert entries
    for entry in entries:
        # Material's search shows titles and text as HTML: a title holds no tag, a text
        # only the plain markup of the page (no script, image, SVG, attribute).
        assert BeautifulSoup(entry["title"], "html.parser").find_all(True) == [], entry
        for element in BeautifulSoup(entry["text"], "html.parser").find_all(True):
            assert element.name in {"p", "code", "em", "strong", "ul", "ol", "li"}, element
            assert element.attrs == {}, element
    assert TITLE in {
        entry["title"].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        for entry in entries
    }
    page = soup_of(hostile_site, "index.html")
    links = [a for a in page.select("nav a") if "checklists/hostile/" in str(a.get("href"))]
    assert links
    for link in links:
        assert link.find_all(["script", "img", "svg"]) == []
        assert TITLE in " ".join(link.get_text().split())


class Watch:
    """What a page did that it must not: run a payload, open a dialog, ask another host."""

    def __init__(self, page: Any) -> None:
        self.accept = False
        """Whether to accept the next dialogs (a confirmation the test asks for)."""
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("request", self._request)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        if self.accept:
            dialog.accept()
        else:
            dialog.dismiss()

    def _request(self, request: Any) -> None:
        url = urlparse(request.url)
        if url.scheme not in ("blob", "data", "about") and url.hostname != "127.0.0.1":
            self.foreign.append(request.url)


def provoke(page: Any) -> None:
    """Hover and focus everything a payload could hang on."""
    page.mouse.move(300, 300)
    for option in page.locator("label.ckl-option").all():
        option.hover()
    for details in page.locator("details").all():
        details.evaluate("el => { el.open = true; }")
    assert page.evaluate("window.__pwned === undefined")


@pytest.mark.browser
def test_payloads_do_not_run_in_the_browser(hostile_site: Path, browser: Any) -> None:
    with serve(hostile_site) as url:
        context = browser.new_context()
        page = context.new_page()
        watch = Watch(page)
        serve_sitemap_for(page, url)
        for path in ("/checklists/hostile/", "/hostile-report/"):
            page.goto(url + path)
            page.wait_for_load_state("load")
            provoke(page)
            if path == "/checklists/hostile/":
                assert page.title() == f"{TITLE} - ML Systems Design Checklists"
        # Instant navigation swaps the content and the title without a reload.
        page.goto(url + "/checklists/ml-fit/")
        page.locator("nav a[href$='checklists/hostile/']").first.click()
        page.wait_for_function("document.title.startsWith('Hostile')")
        page.wait_for_selector(".ckl-form[data-ckl-ready]", state="attached")
        provoke(page)
        assert page.title() == f"{TITLE} - ML Systems Design Checklists"
        # Search shows the payloads as text.
        page.keyboard.press("/")
        page.locator("input[data-md-component='search-query']").press_sequentially("Hostile")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        assert CLOSE_TITLE in page.locator(".md-search-result__item h1").first.inner_text()
        for result in page.locator(".md-search-result__item").all():
            result.hover()
        assert page.evaluate("window.__pwned === undefined")
        assert watch.dialogs == []
        assert watch.errors == []
        assert watch.foreign == [], "requests left 127.0.0.1"
        context.close()


@pytest.mark.browser
def test_the_form_on_a_hostile_page_works_and_spares_other_checklists(
    hostile_site: Path, browser: Any, tmp_path: Path
) -> None:
    """One form, its result panel and its buttons work; saved ml-fit answers stay."""
    with serve(hostile_site) as url:
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        watch = Watch(page)
        serve_sitemap_for(page, url)
        page.goto(url + "/checklists/ml-fit/")
        page.wait_for_selector(".ckl-form[data-ckl-ready]", state="attached")
        page.locator(
            ".ckl-item[data-item='input-output-pairs'] input[data-role='answer'][value='yes']"
        ).check()
        saved = page.evaluate("localStorage.getItem('ml-design-checklist:ml-fit')")
        assert saved
        for via_link in (False, True):
            if via_link:
                page.goto(url + "/checklists/ml-fit/")
                page.locator("nav a[href$='checklists/hostile/']").first.click()
                page.wait_for_function("document.title.startsWith('Hostile')")
            else:
                page.goto(url + "/checklists/hostile/")
            page.wait_for_selector(".ckl-form[data-ckl-ready]", state="attached")
            assert page.locator(".ckl-form").count() == 1
            assert page.locator(".ckl-form[data-ckl-ready]").count() == 1
            assert page.evaluate("localStorage.getItem('ml-design-checklist:ml-fit')") == saved
        page.locator(".ckl-item[data-item='a'] input[data-role='answer'][value='good']").check()
        result = page.locator("[data-role='result']")
        result.wait_for(state="visible")
        # The chart names the hostile section as text, above its bar (form/charts.js).
        chart = page.locator("[data-role='result'] svg.ckl-chart")
        assert chart.count() == 1
        assert chart.locator("g > text").first.text_content() == LABEL[:47] + "\u2026"
        assert chart.locator("desc").text_content().startswith("Section scores: " + LABEL)
        assert chart.locator("script, foreignObject, img").count() == 0
        assert page.locator("[data-role='result']").count() == 1
        # What one answer would change (margin.js) names the hostile texts as text.
        page.locator(".ckl-item[data-item='b'] input[data-role='answer']").fill("0")
        page.locator(
            ".ckl-item[data-item='section-one'] input[data-role='answer'][value='no']"
        ).check()
        margin = page.locator("[data-role='result'] details.ckl-margin")
        margin.wait_for(state="attached")
        margin.evaluate("el => { el.open = true; }")
        assert margin.locator("li strong").text_content() == LABEL
        assert margin.locator("li a").text_content() == LABEL
        assert margin.locator("li").text_content().endswith(f" were “{LABEL}”.")
        assert margin.locator("script, img, iframe, svg").count() == 0
        with page.expect_download() as info:
            page.click("[data-action='export']")
        exported = tmp_path / info.value.suggested_filename
        info.value.save_as(exported)
        checked = validate(exported, "--checklists", str(hostile_site.parent / "checklists"))
        assert checked.returncode == 0, checked.stdout + checked.stderr
        page.evaluate("() => { window.print = () => { window.__printed = 1; }; }")
        page.click("[data-action='print']")
        assert page.evaluate("window.__printed") == 1
        watch.accept = True
        page.click("[data-action='reset']")
        assert len(watch.dialogs) == 1
        assert watch.dialogs[0].startswith("Clear every answer")
        assert page.locator(".ckl-form input[data-role='answer']:checked").count() == 0
        assert page.evaluate("localStorage.getItem('ml-design-checklist:hostile')") is None
        page.goto(url + "/checklists/ml-fit/")
        page.wait_for_selector(".ckl-form[data-ckl-ready]", state="attached")
        assert page.locator(
            ".ckl-item[data-item='input-output-pairs'] input[value='yes']"
        ).is_checked()
        assert page.evaluate("window.__pwned === undefined")
        assert watch.errors == []
        assert watch.foreign == [], "requests left 127.0.0.1"
        context.close()
