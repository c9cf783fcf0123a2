"""Validating many files at once: order, waiting assessments, sites."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checklist.catalog import validate_paths
from tests.conftest import CASES

if TYPE_CHECKING:
    from pathlib import Path

CHECKLIST = (CASES / "fixtures" / "demo.yaml").read_text(encoding="utf-8")


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


@pytest.mark.parametrize("keep_documents", [True, False])
def test_a_malformed_assessment_before_its_checklist_is_checked_in_one_pass(
    tmp_path: Path, keep_documents: bool
) -> None:
    # Its shape is wrong (an unknown key), so it has no document; waiting for its checklist,
    # kept or read again, its other answers are still checked against it.
    text = _assessment("maybe") + "  rows: {answer: 5, notes: x}\n  nope: {answer: 1}\n"
    (tmp_path / "a-assessment.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "demo.yaml").write_text(CHECKLIST, encoding="utf-8")
    result = validate_paths([str(tmp_path)], keep_documents=keep_documents)
    assert [(p.line, p.code, p.path) for p in result.problems] == [
        (7, "bad-answer", "answers.has-data.answer"),
        (8, "unknown-key", "answers.rows.notes"),
        (9, "unknown-item", "answers.nope"),
    ]


def _site(root: Path, checklist: str) -> Path:
    """A small MkDocs project holding one checklist whose chapter link is broken."""
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: S\n", encoding="utf-8")
    (root / "checklists").mkdir()
    path = root / "checklists" / f"{checklist}.yaml"
    text = CHECKLIST.replace("id: demo", f"id: {checklist}", 1)
    path.write_text(
        text.replace("title: Demo checklist", "title: T\nchapter: chapters/missing.md", 1),
        encoding="utf-8",
    )
    return path


def test_each_file_is_checked_against_the_site_it_really_belongs_to(tmp_path: Path) -> None:
    linked = _site(tmp_path / "site", "linked")
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a-linked.yaml").symlink_to(linked)
    (plain / "b-plain.yaml").write_text(
        CHECKLIST.replace("title: Demo checklist", "title: T\nchapter: chapters/other.md", 1),
        encoding="utf-8",
    )
    for order in (["a-linked.yaml", "b-plain.yaml"], ["b-plain.yaml", "a-linked.yaml"]):
        result = validate_paths([str(plain / name) for name in order])
        broken = {p.file.rsplit("/", 1)[-1] for p in result.problems if "chapter" in p.message}
        # Only the file inside the site has a docs folder to check its link against.
        assert broken == {"a-linked.yaml"}, order
