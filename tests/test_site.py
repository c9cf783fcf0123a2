"""The documentation site: it builds strictly, and a browser shows it without
asking any other host for anything."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from tests.conftest import IN_CI, ROOT

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
RESULTS = ROOT / "test-results"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 on a free port."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def chromium_path() -> str | None:
    """Chromium to drive: $CHECKLIST_CHROMIUM, Debian's, or None for Playwright's own."""
    candidates = [
        os.environ.get("CHECKLIST_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ]
    return next((c for c in candidates if c and os.path.exists(c)), None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium through Playwright; a missing browser fails under CI."""
    from playwright.sync_api import Error, sync_playwright

    path = chromium_path()
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        except Error as error:
            message = (
                f"cannot start Chromium ({error.message.splitlines()[0]}): install it "
                "(apt-get install chromium) or set CHECKLIST_CHROMIUM to its path"
            )
            if IN_CI:
                pytest.fail(message)
            pytest.skip(message)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context and page for each test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


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
