"""``checklist report --portfolio``: one row per assessment, worst first.

The worked examples are the portfolio; ``tests/cases/portfolio/expected.<txt|md|json>``
hold its table (``CHECKLIST_UPDATE_GOLDEN=1`` rewrites them).
"""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from checklist.engine import evaluate_answers
from checklist.loader import load_path
from checklist.models import Answer, Checklist
from checklist.portfolio import html, rows
from checklist.reporters import Style
from tests.conftest import CASES, ROOT, run_cli

if TYPE_CHECKING:
    from pathlib import Path

    from checklist.engine import Result

EXPECTED = CASES / "portfolio"
FORMATS = {"txt": "text", "md": "markdown", "json": "json"}
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
"""Every worked example is in the portfolio: the counts below follow this folder."""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "report", *args)


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_the_examples_portfolio_matches_golden(
    ext: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "examples", "--portfolio", "--format", FORMATS[ext])
    assert (code, err) == (0, "")
    if ext == "json":
        assert len(json.loads(out)["assessments"]) == len(EXAMPLES)
    golden = EXPECTED / f"expected.{ext}"
    if os.environ.get("CHECKLIST_UPDATE_GOLDEN"):
        EXPECTED.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def demo() -> Checklist:
    loaded = load_path(CASES / "fixtures" / "demo.yaml")
    assert isinstance(loaded.document, Checklist)
    return loaded.document


ALL: dict[str, str | float | None] = {
    "has-data": "yes",
    "data-source": "logs",
    "maturity": 2,
    "rows": 1,
    "retention": "yes",
    "notes": "-",
}


def result(project: str, **changes: str | float | None) -> Result:
    answers = {k: v for k, v in {**ALL, **changes}.items() if v is not None}
    got = evaluate_answers(demo(), {k: Answer(answer=v) for k, v in answers.items()})
    return got.model_copy(update={"project": project})


def test_worst_first_negative_pending_caution_positive() -> None:
    table = rows(
        [
            ("go.yaml", result("Go")),
            ("wait.yaml", result("Wait", maturity=0)),
            ("pending.yaml", result("Pending", notes=None)),
            ("stop.yaml", result("Stop", **{"has-data": "no"})),
        ]
    )
    assert [r.project for r in table] == ["Stop", "Pending", "Wait", "Go"]
    assert [r.verdict for r in table] == ["Stop", "pending", "Wait", "Go"]
    assert table[1].answered == 5


def test_the_html_page_is_self_contained_and_escapes_what_files_say() -> None:
    page = html(rows([("x.yaml", result("<script>alert(1)</script>"))]), Style(False))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page

    found: list[str] = []

    class Outside(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            for name, value in attrs:
                if name in ("src", "href") and value:
                    found.append(value)
            if tag in ("script", "link", "img", "iframe"):
                found.append(tag)

    parser = Outside()
    parser.feed(page)
    assert found == []


def test_report_html_is_one_self_contained_page_with_the_chart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, page, err = run(capsys, "examples", "--format", "html")
    assert (code, err) == (0, "")
    assert page.count("<article>") == len(EXAMPLES)
    assert page.count('class="ckl-chart" role="img"') == len(EXAMPLES)  # each with its chart
    assert "@media print" in page
    found: list[str] = []

    class Outside(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend(v for n, v in attrs if n in ("src", "href") and v)
            if tag in ("script", "link", "img", "iframe"):
                found.append(tag)

    Outside().feed(page)
    assert found == []


def test_an_invalid_assessment_is_reported_and_fails_the_portfolio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.yaml").write_text("kind: assessment\nschema_version: 1\n", encoding="utf-8")
    code, out, err = run(capsys, "examples", str(tmp_path), "--portfolio")
    assert code == 1
    assert f"{len(EXAMPLES)} assessments" in out
    assert "bad.yaml" in err


def test_the_site_portfolio_links_each_checklist_and_escapes() -> None:
    from checklist.site.render import SiteContext, render_portfolio

    made = render_portfolio(rows([("x.yaml", result("<b>P</b>", maturity=0))]), SiteContext())
    assert '<table class="ckl-portfolio">' in made
    assert "&lt;b&gt;P&lt;/b&gt;" in made
    assert '<a href="/checklists/demo/">Demo checklist</a> 1.2.0' in made
    assert 'ckl-risk--medium">Wait</span>' in made
