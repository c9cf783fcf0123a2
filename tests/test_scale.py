"""Hostile sizes below the file-size limit: every check stays linear, the problems of a
file are capped, nothing recurses along a chain, and memory stays flat over many files.

No test here is a benchmark: a time bound is ten seconds or more and catches only a
quadratic blow-up (the same files took minutes before); ``make bench`` measures.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from checklist.cli import main
from checklist.consistency import check_checklist
from checklist.engine import dependency_order, evaluate
from checklist.loader import load_bytes
from checklist.models import Assessment, Checklist

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    import pytest

GENEROUS_SECONDS = 10.0
"""Far above what a linear check needs on a slow machine, far below the quadratic time."""

HEAD = [
    "kind: checklist",
    "schema_version: 1",
    "id: big",
    "title: Big",
    "version: 1.0.0",
    "summary: A hostile size.",
    "sections:",
    "  - id: s",
    "    title: S",
    "    items:",
]


def chain_text(n: int, *, reverse: bool = False) -> str:
    """A valid checklist of ``n`` yes/no items, each applying only if its neighbour is yes.

    Forward, item i reads item i-1; reversed, item i reads item i+1, so that evaluation
    order is the opposite of the checklist's order.
    """
    lines = list(HEAD)
    for i in range(n):
        lines += [
            f"      - id: i{i}",
            "        question: Q?",
            "        severity: low",
            "        answer: {type: yes_no}",
            "        hint: H.",
        ]
        ref = i + 1 if reverse else i - 1
        if 0 <= ref < n:
            lines.append(f'        when: {{item: i{ref}, is: "yes"}}')
    return "\n".join(lines) + "\n"


def checklist_of(text: str) -> tuple[Checklist, object]:
    loaded = load_bytes(text.encode(), file="big.yaml")
    assert loaded.ok, loaded.problems[:3]
    assert isinstance(loaded.document, Checklist)
    assert loaded.source is not None
    return loaded.document, loaded.source


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def test_a_long_when_chain_is_checked_for_cycles_in_linear_time() -> None:
    checklist, source = checklist_of(chain_text(3_000))
    found: list[object] = []
    took = seconds(lambda: found.extend(check_checklist(checklist, source)))  # type: ignore[arg-type]
    assert found == []
    assert took < GENEROUS_SECONDS


def test_a_long_cycle_is_reported_once_and_named_briefly() -> None:
    text = chain_text(3_000).replace(
        "      - id: i0\n", '      - id: i0\n        when: {item: i2999, is: "yes"}\n', 1
    )
    loaded = load_bytes(text.encode(), file="big.yaml")
    assert isinstance(loaded.document, Checklist)
    assert loaded.source is not None
    problems = check_checklist(loaded.document, loaded.source)
    assert [p.code for p in problems] == ["cycle"]
    assert problems[0].path == "sections[0].items[0].when"
    assert problems[0].message == (
        "conditions depend on each other in a cycle: i0 → i2999 → i2998 → i2997 → i2996 → "
        "i2995 → i2994 → i2993 → i2992 → i2991 → … (2,990 more items) → i0"
    )


def test_a_reverse_when_chain_is_evaluated_without_recursion() -> None:
    checklist, _ = checklist_of(chain_text(5_000, reverse=True))
    order = [item.id for item in dependency_order(checklist)]
    assert order == [f"i{i}" for i in reversed(range(5_000))]
    answers = {f"i{i}": {"answer": "yes"} for i in range(5_000)}
    assessment = Assessment.model_validate(
        {
            "kind": "assessment",
            "schema_version": 1,
            "checklist": {"id": "big", "version": "1.0.0"},
            "project": "P",
            "date": "2026-01-01",
            "answers": answers,
        }
    )
    result = evaluate(checklist, assessment)
    assert all(item.status == "answered" for item in result.items)


def test_report_and_fail_on_read_a_reverse_chain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "big.yaml").write_text(chain_text(1_200, reverse=True), encoding="utf-8")
    answers = "".join(f"  i{i}: {{answer: 'no'}}\n" for i in range(1_200))
    assessment = tmp_path / "answers.yaml"
    assessment.write_text(
        "kind: assessment\nschema_version: 1\nchecklist: {id: big, version: 1.0.0}\n"
        f"project: P\ndate: 2026-01-01\nanswers:\n{answers}",
        encoding="utf-8",
    )
    assert main(["--no-color", "report", "--checklists", str(tmp_path), str(assessment)]) == 0
    code = main(["--no-color", "validate", "--fail-on", "high", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out[-2000:]
