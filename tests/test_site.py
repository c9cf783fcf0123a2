"""The documentation site: it builds strictly, and a browser shows it without
asking any other host for anything."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from tests.conftest import RESULTS, ROOT, build_site, copy_project


def test_pages_load_nothing_from_other_hosts(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
        ):
            for element in soup.find_all(tag):
                value = element.get(attribute)
                if not isinstance(value, str):
                    continue
                rel: list[str] = list(element.get("rel") or [])
                if tag == "link" and not {"stylesheet", "preload", "icon", "modulepreload"} & set(
                    rel
                ):
                    continue
                assert not urlparse(value).netloc, f"{page.relative_to(site)} loads {value}"


@pytest.mark.browser
def test_home_page_in_chromium_light_and_dark(page: Any, server: str) -> None:
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "/")
    assert "ML Systems Design Checklists" in page.title()
    # One click from a point on the home page to its chapter section, with its items.
    page.get_by_role("link", name="Capacity to learn").first.click()
    page.wait_for_url("**/chapters/when-ml-is-the-right-tool/#capacity-to-learn")
    # Instant navigation changes the URL before it swaps the content: wait for the items.
    page.locator("#capacity-to-learn ~ .ckl-items").first.wait_for(state="visible")
    assert page.locator("h1").first.inner_text().startswith("When ML is the right tool")
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "chapter-light.png"))
    page.locator("label[for='__palette_1']").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.screenshot(path=str(RESULTS / "chapter-dark.png"))
    foreign = [url for url in requests if urlparse(url).hostname != "127.0.0.1"]
    assert foreign == []
    assert errors == []


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def _checklists() -> dict[str, int]:
    from checklist.catalog import load_checklists

    return {
        checklist_id: sum(len(s.items) for s in checklist.sections)
        for checklist_id, checklist in load_checklists(ROOT / "checklists").items()
    }


def test_each_checklist_page_has_its_form_with_every_item(site: Path) -> None:
    checklists = _checklists()
    assert len(checklists) >= 6
    for checklist_id, count in checklists.items():
        soup = _soup(site, f"checklists/{checklist_id}/index.html")
        form = soup.select_one(f".ckl-form[data-checklist-id='{checklist_id}']")
        assert form is not None, checklist_id
        assert len(form.select("fieldset.ckl-item")) == count
        payload = json.loads(str(form["data-checklist"]))
        assert payload["id"] == checklist_id
        # Every answer control has a label.
        for control in form.select("input, textarea"):
            if control.get("type") == "file":
                continue
            control_id = control.get("id")
            wrapped = control.find_parent("label") is not None
            assert wrapped or soup.select_one(f"label[for='{control_id}']"), control


def test_search_finds_questions_but_not_the_form_controls(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    form_pages = [d for d in docs if d["location"].startswith("checklists/") and d["text"]]
    text = " ".join(d["text"] for d in form_pages)
    assert "Is there data a model could learn the output you want from" in text
    for control in ("Note or evidence", "Does not apply to this project", "Export YAML"):
        assert control not in text
    assert not [d["location"] for d in docs if d["location"].endswith("--result-title")]


def test_every_placeholder_is_filled(site: Path) -> None:
    leftovers = [
        str(page.relative_to(site))
        for page in site.rglob("*.html")
        if "data-ckl-slot" in page.read_text(encoding="utf-8")
    ]
    assert leftovers == []


def test_each_chapter_section_shows_its_checklist_items(site: Path) -> None:
    chapters = {
        "when-ml-is-the-right-tool": "ml-fit",
        "stakeholders": "stakeholders",
        "business-objectives": "business-objectives",
        "requirements": "system-requirements",
    }
    for chapter, checklist_id in chapters.items():
        soup = _soup(site, f"chapters/{chapter}/index.html")
        headings = soup.select("article h2[id]")
        assert headings, chapter
        for heading in headings:
            if heading["id"] == "putting-the-criteria-together":
                continue
            box = heading.find_next(class_="ckl-items")
            following = heading.find_next("h2")
            assert box is not None, f"{chapter}#{heading['id']} shows no items"
            assert following is None or box in following.find_all_previous(class_="ckl-items")
            assert box["data-checklist-id"] == checklist_id
            links = [a["href"] for a in box.select("li a")]
            assert links, f"{chapter}#{heading['id']}"
            assert all(str(link).startswith(f"/checklists/{checklist_id}/#") for link in links)


def test_validation_page_lists_every_file(site: Path) -> None:
    text = _soup(site, "reference/validation/index.html").get_text()
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "checklists").glob("*.yaml"))
    files += sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").glob("*.yaml"))
    assert len(files) >= 11
    for file in files:
        assert file in text, file
    assert f"{len(files)} files checked: {len(files)} valid, 0 invalid." in text


def test_api_reference_documents_the_public_api(site: Path) -> None:
    import checklist

    soup = _soup(site, "reference/api/index.html")
    for name in checklist.__all__:
        if name.startswith("__"):
            continue
        assert soup.find(id=f"checklist.{name}"), f"checklist.{name} is not documented"


def test_cli_reference_is_the_cli_help(site: Path) -> None:
    from checklist.cli import build_parser

    text = _soup(site, "reference/cli/index.html").get_text()
    assert "usage: checklist validate" in text
    assert build_parser().description is not None
    assert "--fail-on GATE" in text
    assert "--fail-on-verdict TONE" in text


def test_schemas_are_published(site: Path) -> None:
    for kind in ("checklist", "assessment"):
        published = json.loads(
            (site / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
        )
        assert published["$id"].endswith(f"/schemas/{kind}.schema.json")


@pytest.mark.browser
def test_without_javascript_every_question_and_its_guidance_is_readable(
    browser: Any, server: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/checklists/ml-fit/")
    questions = page.locator(".ckl-question-text")
    assert questions.count() == _checklists()["ml-fit"]
    assert questions.first.is_visible()
    assert page.locator(".ckl-nojs").is_visible()
    page.locator("details.ckl-guidance summary").first.click()
    assert page.locator("details.ckl-guidance .ckl-md").first.is_visible()
    context.close()


def test_the_same_site_builds_with_zensical(tmp_path: Path) -> None:
    """Material's successor builds the same mkdocs.yml: macros and API reference included."""
    import subprocess
    import sys

    zensical = Path(sys.executable).with_name("zensical")
    assert zensical.exists(), "zensical is a test dependency: pip install -e '.[test]'"
    copy_project(tmp_path)
    done = subprocess.run(
        [str(zensical), "build", "--clean", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "failed" not in output.lower(), output
    site = tmp_path / "site"
    for checklist_id, count in _checklists().items():
        form = _soup(site, f"checklists/{checklist_id}/index.html").select_one(".ckl-form")
        assert form is not None, checklist_id
        assert len(form.select("fieldset.ckl-item")) == count
    assert _soup(site, "chapters/stakeholders/index.html").select(".ckl-items")
    assert _soup(site, "reference/api/index.html").find(id="checklist.evaluate")


def test_a_broken_checklist_shows_its_problems_and_fails_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project / "checklists" / "stakeholders.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("severity: high", "severity: urgent", 1),
        encoding="utf-8",
    )
    served = build_site(project)
    assert served.returncode == 0, served.stderr
    box = _soup(project / "site", "checklists/stakeholders/index.html").select_one(".ckl-problems")
    assert box is not None
    message = "checklists/stakeholders.yaml"
    assert "Checklist 'stakeholders' cannot be shown" in box.get_text()
    assert message in box.get_text()
    assert (
        "expected 'blocker', 'high', 'medium' or 'low', found the string 'urgent'" in box.get_text()
    )
    strict = build_site(project, "--strict")
    assert strict.returncode != 0
    assert (
        "expected 'blocker', 'high', 'medium' or 'low', found the string 'urgent'" in strict.stderr
    )


def _glossary() -> dict[str, str]:
    from checklist.site.glossary import PAGE, read_glossary

    return read_glossary(ROOT / "docs" / PAGE)


def test_chapters_show_a_glossary_term_as_a_tooltip_with_its_definition(site: Path) -> None:
    from checklist.site.glossary import abbreviations

    spellings = abbreviations(_glossary())
    marked = 0
    for chapter in sorted((site / "chapters").glob("*/index.html")):
        soup = _soup(site, str(chapter.relative_to(site)))
        for abbr in soup.select("article abbr[title]"):
            assert abbr["title"] == spellings[abbr.get_text()], abbr
            # Never inside code or a live form, the items box or a heading's anchor.
            assert not abbr.find_parent(["code", "pre", "form"]), abbr
            assert not abbr.find_parent(class_=["ckl-items", "headerlink"]), abbr
            marked += 1
        for heading in soup.select("article h2[id]"):
            assert re.fullmatch(r"[a-z0-9-]+", str(heading["id"])), heading["id"]
    assert marked, "no chapter marks a glossary term"
    # The browser's own tooltip shows the title as text; Material's improved tooltips
    # (`content.tooltips`) would show every title as HTML, those from YAML included.
    assert '"content.tooltips"' not in (site / "index.html").read_text(encoding="utf-8")


def test_the_glossary_page_lists_every_term_with_its_definition(site: Path) -> None:
    from checklist.site.glossary import anchor

    soup = _soup(site, "glossary/index.html")
    listed: dict[str, str] = {}
    for dt in soup.select("article dl dt"):
        dd = dt.find_next_sibling("dd")
        assert dd is not None, dt
        listed[dt.get_text(strip=True)] = dd.get_text(" ", strip=True)
        # Each term has its anchor, so that a page can link glossary.md#feature-store.
        assert dt.get("id") == anchor(dt.get_text(strip=True)), dt
    assert listed == _glossary()
    assert len(listed) >= 30
    # Where every definition is in view, no term is marked again.
    assert not soup.select("article abbr")
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    glossary = next(d["text"] for d in docs if d["location"] == "glossary/")
    assert _glossary()["feature store"] in glossary
    # Abbreviation definitions never show up as text.
    assert not [d["location"] for d in docs if "*[" in d["text"]]


def test_the_sources_page_has_an_anchor_for_every_reference(site: Path) -> None:
    from tests.test_sources import REFERENCES

    soup = _soup(site, "sources/index.html")
    for anchor in REFERENCES:
        heading = soup.find(id=anchor)
        assert heading is not None, anchor
        assert heading.name == "h2", anchor
    home = _soup(site, "index.html")
    assert home.select_one("article a[href='sources/']"), "the home page links the Sources page"
    assert "Designing Machine Learning Systems" in home.get_text()


def test_a_thread_through_the_site_start_buttons_and_previous_next_links(site: Path) -> None:
    home = _soup(site, "index.html")
    start = home.select_one("a.md-button.md-button--primary")
    assert start is not None
    assert start.get_text(strip=True) == "Start: is ML the right tool?"
    assert str(start["href"]).rstrip("/").endswith("checklists/ml-fit")
    chapter = _soup(site, "chapters/when-ml-is-the-right-tool/index.html")
    nxt = chapter.select_one("a.md-footer__link--next")
    previous = chapter.select_one("a.md-footer__link--prev")
    assert nxt is not None
    assert previous is not None
    assert "Stakeholders" in nxt.get_text(" ", strip=True)


@pytest.mark.browser
def test_printing_a_chapter_shows_the_questions_for_a_design_review(page: Any, server: str) -> None:
    page.goto(server + "/chapters/requirements/")
    boxes = page.locator("details.question:not([open])")
    assert boxes.count() > 0
    question = boxes.first.locator("li").first
    assert not question.is_visible()  # closed on screen
    page.emulate_media(media="print")
    for n in range(boxes.count()):
        assert boxes.nth(n).locator("li").first.is_visible(), n


def test_the_portfolio_scrolls_sideways_on_a_phone_instead_of_cutting_columns(site: Path) -> None:
    table = _soup(site, "examples/index.html").select_one("table.ckl-portfolio")
    assert table is not None
    assert table.find_parent(class_="md-typeset__scrollwrap") is not None
