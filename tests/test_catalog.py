"""Validating many files at once: order, waiting assessments, the collector."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

import pytest

from checklist.catalog import validate_paths
from tests.conftest import CASES

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

CHECKLIST = (CASES / "fixtures" / "demo.yaml").read_text(encoding="utf-8")


@pytest.fixture
def threshold() -> Iterator[None]:
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def _assessment(answer: str) -> str:
    return (
        "kind: assessment\nschema_version: 1\nchecklist: {id: demo, version: 1.2.0}\n"
        f"project: P\ndate: 2026-03-01\nanswers:\n  has-data: {{answer: {answer}}}\n"
    )


def test_an_assessment_before_its_checklist_is_checked_and_located(tmp_path: Path) -> None:
    # "a-" sorts before "demo": the assessment waits, holding only its text.
    (tmp_path / "a-assessment.yaml").write_text(_assessment("maybe"), encoding="utf-8")
    (tmp_path / "demo.yaml").write_text(CHECKLIST, encoding="utf-8")
    result = validate_paths([str(tmp_path)])
    [problem] = result.problems
    assert (problem.file.endswith("a-assessment.yaml"), problem.line, problem.column) == (
        True,
        7,
        22,
    )
    assert problem.path == "answers.has-data.answer"


@pytest.mark.usefixtures("threshold")
def test_the_collector_threshold_is_restored(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text(CHECKLIST, encoding="utf-8")
    gc.set_threshold(700, 10, 10)
    assert validate_paths([str(tmp_path)]).ok
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.usefixtures("threshold")
def test_a_collector_turned_off_stays_off(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text(CHECKLIST, encoding="utf-8")
    gc.set_threshold(0)
    seen = []
    real = gc.set_threshold

    def spy(*args: int) -> None:
        seen.append(args)
        real(*args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gc, "set_threshold", spy)
        assert validate_paths([str(tmp_path)]).ok
    assert all(args[0] == 0 for args in seen)
    assert gc.get_threshold()[0] == 0
