"""The documentation site: it builds strictly, and a browser shows it without
asking any other host for anything."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from tests.conftest import RESULTS


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
    page.get_by_role("link", name="When ML is the right tool").first.click()
    page.wait_for_url("**/chapters/when-ml-is-the-right-tool/")
    assert page.locator("h1").first.inner_text().startswith("When ML is the right tool")
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "chapter-light.png"))
    page.locator("label[for='__palette_1']").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.screenshot(path=str(RESULTS / "chapter-dark.png"))
    foreign = [url for url in requests if urlparse(url).hostname != "127.0.0.1"]
    assert foreign == []
    assert errors == []
