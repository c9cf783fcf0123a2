"""The site's pure rendering functions, without MkDocs."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from checklist.models import Checklist
from checklist.site.cli_reference import cli_reference
from checklist.site.render import SiteContext, form_data, render_form, render_items, render_page
from checklist.site.safe_markdown import markdown_renderer, sanitize
from tests.conftest import CASES
from tests.test_engine import checklist_at

DEMO = checklist_at(CASES / "fixtures" / "demo.yaml")
SAFE = markdown_renderer()


@pytest.mark.parametrize(
    ("link", "directory_urls", "url"),
    [
        ("chapters/x.md#a", True, "/base/chapters/x/#a"),
        ("chapters/x.md", True, "/base/chapters/x/"),
        ("index.md", True, "/base/"),
        ("chapters/index.md#b", True, "/base/chapters/#b"),
        ("chapters/x.md#a", False, "/base/chapters/x.html#a"),
    ],
)
def test_page_url_follows_mkdocs_urls(link: str, directory_urls: bool, url: str) -> None:
    assert SiteContext(base_url="/base/", directory_urls=directory_urls).page_url(link) == url


@pytest.mark.parametrize(
    ("markdown", "absent", "present"),
    [
        ("<script>alert(1)</script>", "<script>", "&lt;script&gt;"),
        ("<img src=x onerror=alert(1)>", "<img", "&lt;img"),
        ("[x](javascript:alert(1))", "javascript:", '<a rel="noopener noreferrer">x</a>'),
        ("[x]( JaVaScRiPt:alert(1))", "avascript", '<a rel="noopener noreferrer">x</a>'),
        ("![i](data:text/html,boom)", "data:", "<img"),
        ("[x](//evil.example/)", "evil", '<a rel="noopener noreferrer">x</a>'),
        ('<div markdown="1">*x*</div>', "<div", "&lt;div"),
        ('--8<-- "/etc/passwd"', "root:", "--8&lt;--"),
    ],
)
def test_markdown_from_yaml_is_inert(markdown: str, absent: str, present: str) -> None:
    html = SAFE(markdown)
    assert absent not in html
    assert present in html


def test_markdown_from_yaml_keeps_ordinary_markup() -> None:
    html = SAFE(
        "**Bold** and [a link](https://example.org/x) and [a page](../x/#y)\n\n| a |\n|---|\n| 1 |"
    )
    assert "<strong>Bold</strong>" in html
    assert '<a href="https://example.org/x" rel="noopener noreferrer">a link</a>' in html
    assert '<a href="../x/#y" rel="noopener noreferrer">a page</a>' in html
    assert "<table>" in html


def test_form_carries_the_evaluator_data_in_an_attribute() -> None:
    ctx = SiteContext(markdown=SAFE)
    html = render_form(DEMO, ctx, page="checklists/demo.md")
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one(".ckl-form")
    assert form is not None
    assert json.loads(str(form["data-checklist"])) == form_data(DEMO, ctx)
    assert not soup.find("script")
    # Markdown treats a blank line as the end of a raw HTML block.
    assert "\n\n" not in html


def test_form_data_leaves_out_long_texts_and_resolves_chapter_links() -> None:
    data = form_data(DEMO, SiteContext())
    item = data["sections"][0]["items"][1]
    assert item["when"] == {"item": "has-data", "is": "yes"}
    assert "guidance" not in item
    assert "summary" not in data


def test_items_of_an_unknown_section_say_so() -> None:
    html = render_items(DEMO, "nowhere", SiteContext(), page="checklists/demo.md")
    assert "No items of checklist &#39;demo&#39; for section &#39;nowhere&#39;" in html


def test_page_title_from_yaml_cannot_become_markup() -> None:
    hostile = DEMO.model_copy(update={"title": "<b>x</b> {#id} *y* # z"})
    page = render_page(hostile, SiteContext(), page="checklists/demo.md")
    heading = page.splitlines()[0]
    assert heading == r"# &lt;b&gt;x&lt;/b&gt; \{\#id\} \*y\* \# z"


def test_cli_reference_has_every_command() -> None:
    text = cli_reference()
    for command in ("validate", "list", "init", "report", "schema", "compat", "new"):
        assert f"## `checklist {command}`" in text
        assert f"usage: checklist {command}" in text


def test_reports_show_answers_as_the_form_labels_them() -> None:
    from checklist.loader import load_path
    from checklist.models import Checklist
    from checklist.site.render import answer_label
    from tests.conftest import CASES

    demo = load_path(CASES / "fixtures" / "demo.yaml").document
    assert isinstance(demo, Checklist)
    items = {item.id: item for section in demo.sections for item in section.items}
    assert answer_label(items["has-data"], "yes") == "Yes"
    assert answer_label(items["has-data"], "no") == "No"
    assert answer_label(items["data-source"], "vendor") == "A vendor"
    assert answer_label(items["maturity"], 1) == "1 (Ad hoc)"
    assert answer_label(items["rows"], 2000) == "2000"
    assert answer_label(items["notes"], "<b>x</b>") == "<b>x</b>"  # escaped by the template


@pytest.mark.parametrize(
    "markdown",
    [
        # A second live form that would replace the reader's saved answers.
        'Text\n{: class="ckl-form" data-checklist-id="ml-fit" data-checklist=\'{}\' }',
        "Text\n{: data-role=result }",
        '[reset](#){: data-action="reset" }',
        '[site](https://example.org/){: ping="https://example.org/ping" }',
        '# Heading {: id="ml-fit--input-output-pairs" style="display:none" }',
        "Text\n{: onclick=alert(1) .md-button #x }",
    ],
)
def test_markdown_fields_cannot_set_attributes(markdown: str) -> None:
    soup = BeautifulSoup(SAFE(markdown), "html.parser")
    for element in soup.find_all(True):
        assert set(element.attrs) <= {"href", "rel"}, element


def test_the_sanitizer_keeps_only_allow_listed_tags_attributes_and_classes() -> None:
    html = sanitize(
        '<div class="ckl-form admonition warning" id="x" data-role="result" style="color:red">'
        '<p class="admonition-title" onclick="x()">T</p>'
        '<a href="https://example.org/" ping="https://example.org/p" target="_blank">a</a>'
        '<img src="https://example.org/pixel.png"><img src="figure.png" alt="f">'
        "<form><input></form><iframe></iframe><script>x()</script><style>*{}</style>"
        "</div>"
    )
    assert html == (
        '<div class="admonition warning"><p class="admonition-title">T</p>'
        '<a href="https://example.org/" rel="noopener noreferrer">a</a>'
        '<img><img src="figure.png" alt="f"></div>'
    )


def test_an_admonition_in_a_markdown_field_keeps_its_look() -> None:
    html = SAFE('!!! warning "Careful"\n    Body')
    assert '<div class="admonition warning">' in html
    assert '<p class="admonition-title">Careful</p>' in html


SLUGS = st.from_regex(r"[a-z0-9]{1,3}(-[a-z0-9]{1,3}){0,2}", fullmatch=True)
# Item ids that look like what the page makes of other ids ("section-" + a section id).
ITEM_IDS = st.one_of(SLUGS, SLUGS.map(lambda s: f"section-{s}"), SLUGS.map(lambda s: f"{s}-yes"))


@settings(max_examples=100, deadline=None)
@example(sections=[("one", ["section-one", "yes"]), ("two", ["one-yes", "one"])])
@given(
    sections=st.lists(
        st.tuples(SLUGS, st.lists(ITEM_IDS, min_size=1, max_size=4, unique=True)),
        min_size=1,
        max_size=4,
        unique_by=lambda s: s[0],
    )
)
def test_ids_on_a_checklist_page_are_unique_by_construction(
    sections: list[tuple[str, list[str]]],
) -> None:
    seen: set[str] = set()
    items = []
    for section_id, item_ids in sections:
        fresh = [i for i in item_ids if i not in seen]
        seen.update(fresh)
        if fresh:
            items.append((section_id, fresh))
    assume(items)
    checklist = Checklist.model_validate(
        {
            "kind": "checklist",
            "schema_version": 1,
            "id": "c",
            "title": "C",
            "version": "1.0.0",
            "summary": "S",
            "sections": [
                {
                    "id": section_id,
                    "title": section_id,
                    "items": [
                        {
                            "id": item_id,
                            "question": "Q?",
                            "severity": "low",
                            "hint": "H",
                            "not_applicable": True,
                            "answer": {"type": "yes_no"},
                        }
                        for item_id in item_ids
                    ],
                }
                for section_id, item_ids in items
            ],
        }
    )
    html = render_page(checklist, SiteContext(markdown=SAFE), page="checklists/c.md")
    ids = [str(e["id"]) for e in BeautifulSoup(html, "html.parser").find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_a_report_page_shows_a_pending_verdict_and_what_to_answer_next() -> None:
    from checklist.catalog import load_checklists
    from checklist.engine import evaluate_answers
    from checklist.models import Answer
    from checklist.site.render import render_report
    from tests.conftest import ROOT

    fit = load_checklists(ROOT / "checklists")["ml-fit"]
    for answers in (
        {"data-collectable": Answer(answer="ongoing")},
        {
            item.id: Answer(answer="yes")
            for s in fit.sections
            for item in s.items
            if item.answer.type == "yes_no" and item.severity != "blocker"
        },
    ):
        result = evaluate_answers(fit, answers)
        html = render_report(result, fit, SiteContext(markdown=SAFE), page="checklists/ml-fit.md")
        soup = BeautifulSoup(html, "html.parser")
        box = soup.select_one("[data-verdict-state]")
        assert box is not None
        assert box["data-verdict-state"] == "pending"
        title = box.select_one(".admonition-title")
        assert title is not None
        assert title.get_text() == "Verdict pending"
        assert "deal-breaker" in box.get_text()
        assert box.select("a")[0]["href"] == "/checklists/ml-fit/#ml-fit--input-output-pairs"
        assert not soup.select(".admonition.success")
        # The headline's band waits with the verdict.
        band = soup.select_one("tr.ckl-headline td:last-child")
        assert band is not None
        assert band.get_text() == "pending"


def test_a_checklists_length_counts_its_questions_and_follow_ups() -> None:
    from checklist.site.render import Length, length

    items = [item for section in DEMO.sections for item in section.items]
    got = length(DEMO)
    assert got.questions == len(items)
    assert got.follow_ups == sum(1 for item in items if item.when is not None)
    assert got.minutes % 5 == 0
    assert got.minutes >= 5
    assert Length(31, 4, 25).words() == "31 questions (4 only in some cases), about 25 minutes"
    assert Length(1, 0, 5).words() == "1 question, about 5 minutes"
    # 45 seconds a question, to the nearest five minutes.
    assert Length(40, 0, 0).minutes == 0  # a plain record: length() computes the minutes
    many = DEMO.model_copy(update={"sections": DEMO.sections * 20})
    assert length(many).minutes == max(5, 5 * round(20 * len(items) * 45 / 300))


def test_the_next_checklist_follows_the_navigation_and_is_escaped() -> None:
    from checklist.site.macros import checklist_order
    from checklist.site.render import NextChecklist

    nav = [
        {"Home": "index.md"},
        {"Checklists": ["checklists/index.md", "checklists/b.md", {"A": "checklists/a.md"}]},
        {"Chapters": ["chapters/x.md"]},
    ]
    assert checklist_order(nav) == ["b", "a"]
    hostile = NextChecklist('"><script>alert(1)</script>', "/checklists/a/")
    html = render_form(DEMO, SiteContext(), page="checklists/demo.md", next_checklist=hostile)
    form = BeautifulSoup(html, "html.parser").select_one(".ckl-form")
    assert form is not None
    assert form["data-next"] == "/checklists/a/"
    assert form["data-next-title"] == '"><script>alert(1)</script>'
    assert "<script>" not in html
    assert "data-next" not in render_form(DEMO, SiteContext(), page="checklists/demo.md")


def test_guidance_names_the_answers_as_the_buttons_do_and_as_a_file_writes_them() -> None:
    from checklist.catalog import load_checklists
    from tests.conftest import ROOT

    ml_fit = load_checklists(ROOT / "checklists")["ml-fit"]
    soup = BeautifulSoup(render_form(ml_fit, SiteContext(), page="x.md"), "html.parser")
    lines = [p.get_text(" ", strip=True) for p in soup.select(".ckl-answers")]
    assert lines
    assert all(line.startswith("In an assessment file:") for line in lines)
    yes_no = soup.select_one(".ckl-item[data-type='yes_no'] .ckl-answers")
    assert yes_no is not None
    assert [c.get_text() for c in yes_no.select("code")] == ["yes", "no"]
    assert "Yes yes · No no" in yes_no.get_text(" ", strip=True)
    choice = soup.select_one(".ckl-item[data-type='choice']")
    assert choice is not None
    buttons = [label.get_text(" ", strip=True) for label in choice.select(".ckl-option")]
    named = choice.select_one(".ckl-answers")
    assert named is not None
    for button in buttons:  # every button's words, as the guidance names them
        assert button.split(" ")[0] in named.get_text(" ", strip=True)
