"""axe-core (shipped inside the axe-playwright-python package, run locally) finds no
serious or critical accessibility violation on the main kinds of page, light and dark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

PAGES = [
    "/",
    "/chapters/when-ml-is-the-right-tool/",
    "/checklists/ml-fit/",
    "/checklists/ml-test-score/",
    "/examples/",
    "/examples/food-delivery/",
    "/reference/validation/",
]


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(page: Any, server: str, path: str, scheme: str) -> None:
    page.goto(server + path)
    # Colours fade between schemes; measure contrast on the final colours, not mid-fade.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate(
        "scheme => { document.body.setAttribute('data-md-color-scheme', scheme); }", scheme
    )
    if path.startswith("/checklists/"):
        # Answer the first question, so that the result panel and badges are shown too.
        first = page.locator("fieldset.ckl-item input[data-role='answer']").first
        first.check() if first.get_attribute("type") == "radio" else first.fill("1")
    page.add_script_tag(content=_axe_source())
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
