"""Rendered HTML held out of Markdown and put back after conversion."""

from __future__ import annotations

from typing import Any

import markdown

from checklist.site import slots
from checklist.site.macros import SiteBuild
from tests.conftest import ROOT

# Blank lines would end a raw HTML block in Markdown; held HTML keeps them.
FORM = '<div class="ckl-form" id="f">\n\n<p id="g">*not emphasis*</p>\n\n</div>'


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["admonition", "md_in_html", "tables", slots.NAME]).convert(
        text
    )


def test_held_html_comes_back_unchanged_after_markdown() -> None:
    slots.clear()
    page = f"# Title\n\nSome *text*.\n\n{slots.hold(FORM)}\n\nMore.\n"
    html = convert(page)
    assert FORM in html
    assert "ckl-slot" not in html
    assert html.count('id="f"') == html.count('id="g"') == 1  # the anchor spans are gone
    assert "<em>text</em>" in html


def test_a_placeholder_inside_a_list_item_or_a_table_is_filled() -> None:
    slots.clear()
    held = slots.hold('<span class="x" id="s">inline</span>')
    html = convert(f"- item {held}\n\n| a |\n| --- |\n| {held} |\n")
    assert html.count('<span class="x" id="s">inline</span>') == 2
    assert "ckl-slot" not in html


def test_a_placeholder_inside_an_admonition_is_filled() -> None:
    slots.clear()
    html = convert(f'!!! note "Form"\n\n    {slots.hold(FORM)}\n')
    assert FORM in html


def test_a_placeholder_for_nothing_held_stays_as_it_is() -> None:
    slots.clear()
    forged = '<div class="ckl-slot" data-ckl-slot="' + "0" * 32 + '"></div>'
    assert slots.fill(forged) == forged
    held = slots.hold(FORM)
    slots.clear()
    assert slots.fill(held) == held


def _build(extensions: list[Any]) -> SiteBuild:
    config = {"site_url": "http://127.0.0.1:8000/", "markdown_extensions": extensions}
    return SiteBuild(ROOT, config)


def test_macros_hold_their_html_only_when_the_site_fills_placeholders() -> None:
    held = _build(["admonition", slots.NAME]).checklist_form("ml-fit")
    assert held.startswith('<div class="ckl-slot"')
    assert 'class="ckl-form"' in slots.fill(held)
    inline = _build(["admonition"]).checklist_form("ml-fit")
    assert inline.startswith('<div class="ckl-form"')


def test_a_checklist_page_keeps_its_title_as_markdown() -> None:
    page = _build([slots.NAME]).checklist_page("ml-fit")
    title, _, rest = page.partition("\n\n")
    assert title.startswith("# ")
    assert rest.strip().startswith('<div class="ckl-slot"')


def test_mkdocs_still_finds_the_anchors_of_held_html() -> None:
    from mkdocs.structure.pages import _RawHTMLPreprocessor

    slots.clear()
    found = _RawHTMLPreprocessor()
    found.run([slots.hold('<div id="form"><fieldset id="form--item">x</fieldset></div>')])
    assert found.present_anchor_ids == {"form", "form--item"}
    slots.clear()
