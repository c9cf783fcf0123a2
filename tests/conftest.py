"""Shared test set-up.

Every test runs from the repository root. Under ``CI=true`` a skipped test is a
failure: a missing browser must never turn the browser tests into a silent skip.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

_skipped: list[str] = []
RESULTS = ROOT / "test-results"
"""Screenshots and other artefacts a person may want to look at after a run."""


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``checklist --no-color ARGS`` in this process: the exit status (argparse's usage
    errors included), standard output and standard error."""
    from checklist.cli import main

    try:
        code = main(["--no-color", *args])
    except SystemExit as stop:  # argparse's own usage errors
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def _at_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in messages and golden files are relative to the repository root."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)  # CI's own job summary


def pytest_report_header() -> str:
    return f"checklist tests from {ROOT}; CI={os.environ.get('CI', '')}"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if IN_CI and _skipped and exitstatus == 0:
        session.exitstatus = 1
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"CI=true: {len(_skipped)} test(s) were skipped, which CI counts as a failure:",
                red=True,
            )
            for nodeid in _skipped:
                reporter.write_line(f"  {nodeid}", red=True)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def _served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The site, built once with --strict, served on 127.0.0.1 on a free port.

    The port is chosen first and the site is built for it (SITE_URL), so that Material's
    instant navigation, which follows the sitemap's URLs, works in the browser tests.
    """
    out = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url + "/"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        httpd.server_close()
    assert done.returncode == 0, done.stdout + done.stderr
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield out, url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def site(_served_site: tuple[Path, str]) -> Path:
    """The built site's folder."""
    return _served_site[0]


@pytest.fixture(scope="session")
def server(_served_site: tuple[Path, str]) -> str:
    """The built site's URL, without a final slash."""
    return _served_site[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 on a free port, from a thread, while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
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


PROJECT_FILES = (
    "docs",
    "overrides",
    "checklists",
    "examples",
    "src",
    "mkdocs.yml",
    "CHANGELOG.md",
    "CONTRIBUTING.md",
)
"""What a copy of the project needs to build the site."""


def copy_project(destination: Path) -> Path:
    """Copy what the site build needs into ``destination`` (for tests that change it)."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy(source, destination / name)
    return destination


def build_site(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build`` in a project folder into its ``site/``; never raises."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "site"), *extra],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


# Browser pages watched for console errors and outside requests (the form's tests).


class Guard:
    """Collects console errors and requests to hosts other than 127.0.0.1."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []

    def watch(self, page: Any) -> Any:
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", self._request)
        return page

    def _request(self, request: Any) -> None:
        url = urlparse(request.url)
        if url.scheme not in ("blob", "data", "about") and url.hostname != "127.0.0.1":
            self.foreign.append(request.url)


@pytest.fixture
def guard() -> Iterator[Guard]:
    watching = Guard()
    yield watching
    assert watching.errors == [], "console errors"
    assert watching.foreign == [], "requests left 127.0.0.1"


@pytest.fixture
def form(page: Any, guard: Guard) -> Any:
    """The test's page, watched for console errors and outside requests."""
    return guard.watch(page)


@pytest.fixture
def fresh(browser: Any, guard: Guard) -> Iterator[Callable[[], Any]]:
    """Pages in new browser contexts: empty storage, as on another machine."""
    contexts: list[Any] = []

    def make() -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        return guard.watch(context.new_page())

    yield make
    for context in contexts:
        context.close()
