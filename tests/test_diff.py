"""``checklist diff``: what changed between two assessments, in text, Markdown and JSON.

The two files under ``tests/cases/diff/`` are the demo team's review and the same review
six months later; ``expected.<txt|md|json>`` hold the diff (``CHECKLIST_UPDATE_GOLDEN=1``
rewrites them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from checklist.diff import compare
from checklist.engine import evaluate_answers
from checklist.loader import load_path
from checklist.models import Answer, Checklist
from tests.conftest import CASES, run_cli

if TYPE_CHECKING:
    from pathlib import Path

DIFF = CASES / "diff"
FIXTURES = CASES / "fixtures"
BEFORE, AFTER = str(DIFF / "before.yaml"), str(DIFF / "after.yaml")
FORMATS = {"txt": "text", "md": "markdown", "json": "json"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "diff", *args, "--checklists", str(FIXTURES))


def demo() -> Checklist:
    loaded = load_path(FIXTURES / "demo.yaml")
    assert isinstance(loaded.document, Checklist)
    return loaded.document


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_diff_matches_golden(ext: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, BEFORE, AFTER, "--format", FORMATS[ext])
    assert (code, err) == (0, "")
    if ext == "json":
        json.loads(out)
    golden = DIFF / f"expected.{ext}"
    if os.environ.get("CHECKLIST_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_the_headline_names_the_score_the_verdict_and_the_risks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, BEFORE, AFTER)
    assert out.splitlines()[1] == "Total 2.5 → 4, verdict Wait → Go; 2 risks closed, 1 risk rose"


def test_fail_on_regression_fails_when_a_risk_rose(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, BEFORE, AFTER, "--fail-on-regression")
    assert code == 1
    assert "item retention: risk not applicable → low" in out
    # The other way round, the verdict falls from Go to Wait: also a regression.
    code, out, _ = run(capsys, AFTER, BEFORE, "--fail-on-regression")
    assert code == 1
    assert "verdict: Go → Wait" in out


def test_the_same_file_twice_is_no_change(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, AFTER, AFTER, "--fail-on-regression")
    assert code == 0
    assert out.splitlines()[1] == "no change in scores or verdict; no answer changed"
    assert out.splitlines()[-1] == "  none"


def test_a_verdict_that_waits_again_is_worse() -> None:
    checklist = demo()
    answers = {
        "has-data": Answer(answer="yes"),
        "data-source": Answer(answer="logs"),
        "maturity": Answer(answer=2),
        "rows": Answer(answer=10),
        "retention": Answer(answer="yes"),
        "notes": Answer(answer="none"),
    }
    settled = evaluate_answers(checklist, answers)
    waiting = evaluate_answers(checklist, {k: v for k, v in answers.items() if k != "maturity"})
    change = compare(settled, waiting)
    assert change.verdict_move == "worse"
    assert change.regressions == ["verdict: Go → pending"]
    # A first answer is news, not a regression, even when it opens a risk.
    back = compare(waiting, settled)
    assert back.verdict_move == "settled"
    assert not back.regressed


def test_diff_refuses_two_checklists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(
        "kind: assessment\nschema_version: 1\nchecklist: {id: digit-options, version: 1.0.0}\n"
        "project: P\ndate: 2026-01-01\nanswers: {}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, BEFORE, str(other))
    assert code == 2
    assert "diff compares two assessments of one checklist" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([BEFORE], "give two files, OLD and NEW (or --base REV and one FILE)"),
        (["--base", "HEAD", BEFORE, AFTER], "with --base, give one FILE"),
        ([BEFORE, "missing.yaml"], "no such file: missing.yaml"),
        ([str(DIFF), AFTER], "is a folder; diff takes assessment files"),
        ([str(FIXTURES / "demo.yaml"), AFTER], "is a checklist; diff takes assessments"),
    ],
)
def test_diff_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert message in err


def test_an_invalid_file_is_reported_not_compared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (DIFF / "after.yaml").read_text(encoding="utf-8").replace("answer: logs", "answer: log"),
        encoding="utf-8",
    )
    code, out, err = run(capsys, BEFORE, str(broken))
    assert (code, out) == (1, "")
    assert "expected one of logs, vendor, manual, found 'log'" in err


def test_hostile_notes_stay_one_escaped_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        (DIFF / "after.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "note: The product's own logs.",
            'note: "x\\n  forged: line \\u001b[31m | </details><script>alert(1)</script>"',
        ),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, BEFORE, str(hostile), "--format", "markdown")
    assert code == 0
    assert "<script>" not in out
    assert "\x1b" not in out
    assert "</details><" not in out
    assert not any(line.startswith("  forged") for line in out.splitlines())
    code, out, _ = run(capsys, BEFORE, str(hostile))
    assert "\x1b" not in out
    assert not any(line.startswith("  forged") for line in out.splitlines())


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_base_compares_with_a_git_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "reviews").mkdir(parents=True)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)

    git("init", "-q")
    target = repo / "reviews" / "demo.yaml"
    for source in (BEFORE, AFTER):
        shutil.copy(source, target)
        git("add", ".")
        git("commit", "-q", "-m", "review")
    expected_code, expected, _ = run(capsys, BEFORE, AFTER, "--format", "json")
    monkeypatch.chdir(repo / "reviews")
    code, out, err = run(capsys, "--base", "HEAD~1", "demo.yaml", "--format", "json")
    assert (code, err) == (expected_code, "")
    assert json.loads(out) == json.loads(expected)
    code, _, err = run(capsys, "--base", "no-such-rev", "demo.yaml")
    assert code == 2
    assert "cannot read demo.yaml at no-such-rev" in err
