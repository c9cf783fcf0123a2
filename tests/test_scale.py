"""Hostile sizes below the file-size limit: every check stays linear, the problems of a
file are capped, nothing recurses along a chain, and memory stays flat over many files.

No test here is a benchmark: a time bound is ten seconds or more and catches only a
quadratic blow-up (the same files took minutes before); ``make bench`` measures.
"""

from __future__ import annotations

import gc
import json
import time
import tracemalloc
from typing import TYPE_CHECKING, Any

import pytest

from checklist.catalog import validate_paths
from checklist.cli import main
from checklist.consistency import check_checklist
from checklist.engine import dependency_order, evaluate
from checklist.loader import load_bytes
from checklist.models import Assessment, Checklist
from checklist.problems import MAX_PROBLEMS_PER_FILE
from checklist.suggestions import Suggestions
from checklist.yamlsource import MAX_FILE_BYTES, MAX_NODES
from tests.conftest import CASES

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

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


def unknown_keys_text(n: int) -> str:
    """A checklist with ``n`` unknown top-level keys (100,000 of them are just under 1 MB)."""
    return "\n".join([*HEAD[:7], *chain_text(1).splitlines()[7:], *(f"k{i}: 1" for i in range(n))])


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code = main(["--no-color", "validate", "--format", "json", *args])
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert code == (0 if data["ok"] else 1)
    return data


def test_unknown_keys_are_located_and_counted_in_linear_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text(unknown_keys_text(40_000), encoding="utf-8")
    data: dict[str, Any] = {}
    took = seconds(lambda: data.update(run_json(capsys, str(path))))
    assert data["summary"]["errors"] == 40_000
    [report] = data["files"]
    assert len(report["problems"]) == MAX_PROBLEMS_PER_FILE + 1
    assert report["problems"][0]["message"].startswith("unknown key 'k0'; expected one of: kind,")
    assert report["problems"][-1]["code"] == "too-many-problems"
    assert report["problems"][-1]["message"] == (
        "... and 39,900 more problems from here on (39,900 errors); "
        "only the first 100 problems of a file are listed"
    )
    assert took < GENEROUS_SECONDS


def test_a_file_with_too_many_nodes_is_refused_before_they_are_built() -> None:
    """The issue's worst case, 100,000 unknown keys in 1 MB: one located problem, at the
    node that passes the limit, without building 200,000 nodes or 100,000 errors."""
    text = unknown_keys_text(100_000)
    assert len(text.encode()) < MAX_FILE_BYTES
    loaded = load_bytes(text.encode(), file="keys.yaml")
    [problem] = loaded.problems
    assert problem.code == "too-many-nodes"
    assert problem.message.startswith(f"the file has more than {MAX_NODES:,} YAML nodes")
    # Node 200,001 is the value of one of the last unknown keys.
    row = text.splitlines()[problem.line - 1]
    assert row.startswith("k99")
    assert row[problem.column - 1 :] == "1"


def test_colons_and_hyphens_in_prose_do_not_count_as_nodes() -> None:
    """The character count is only a bound: a file over it has its nodes counted."""
    prose = "\n".join("  - a: b, c - d: e, [f] {g}" for _ in range(25_000))
    text = "\n".join(HEAD[:5]) + "\nx-note: |\n" + prose + "\n"
    assert 1 + sum(text.count(c) for c in "-,[{?*") + 2 * text.count(":") > MAX_NODES
    loaded = load_bytes(text.encode(), file="p.yaml")
    assert "too-many-nodes" not in [p.code for p in loaded.problems]
    assert loaded.problems


def test_unknown_answers_are_located_and_counted_in_linear_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "answers.yaml"
    answers = "".join(f"  x{i}: {{answer: 'yes'}}\n" for i in range(30_000))
    path.write_text(
        "kind: assessment\nschema_version: 1\nchecklist: {id: demo, version: 1.2.0}\n"
        f"project: P\ndate: 2026-01-01\nanswers:\n  has-dat: {{answer: 'yes'}}\n{answers}",
        encoding="utf-8",
    )
    data: dict[str, Any] = {}
    took = seconds(
        lambda: data.update(run_json(capsys, "--checklists", "tests/cases/fixtures", str(path)))
    )
    assert data["summary"]["errors"] == 30_001
    first = data["files"][0]["problems"][0]
    assert (
        first["message"] == "no item 'has-dat' in checklist 'demo' 1.2.0; did you mean 'has-data'?"
    )
    assert took < GENEROUS_SECONDS


def test_a_typo_among_thousands_of_items_is_still_suggested() -> None:
    names = [f"data-check-{n}" for n in range(20_000)]
    known = Suggestions(names)
    assert known.closest("data-chekc-1234") == "data-check-1234"
    assert known.closest("data-check-1234x") == "data-check-1234"
    assert known.closest("model-drift") is None


def test_suggestions_stop_after_a_files_listed_problems() -> None:
    known = Suggestions(["has-data", "rows"])
    found = [known.closest("has-dta") for _ in range(MAX_PROBLEMS_PER_FILE + 5)]
    assert found[:MAX_PROBLEMS_PER_FILE] == ["has-data"] * MAX_PROBLEMS_PER_FILE
    assert found[MAX_PROBLEMS_PER_FILE:] == [None] * 5


DEMO = (CASES / "fixtures" / "demo.yaml").read_text(encoding="utf-8")


def corpus(folder: Path, pairs: int) -> Path:
    """``pairs`` checklists and an assessment of each, the assessments first (they wait)."""
    folder.mkdir()
    for n in range(pairs):
        checklist = DEMO.replace("id: demo", f"id: demo-{n}", 1)
        (folder / f"c-{n:04d}.yaml").write_text(checklist, encoding="utf-8")
        (folder / f"a-{n:04d}.yaml").write_text(
            f"kind: assessment\nschema_version: 1\nchecklist: {{id: demo-{n}, version: 1.2.0}}\n"
            "project: P\ndate: 2026-01-01\nanswers:\n  has-data: {answer: 'yes'}\n"
            "  rows: {answer: 12, note: Counted by hand.}\n",
            encoding="utf-8",
        )
    return folder


def peak_bytes(folder: Path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        validation = validate_paths([str(folder)], keep_documents=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert validation.ok, validation.problems[:3]
    assert all(report.document is None for report in validation.files)
    assert validation.files[0].summary == "assessment of demo-0 1.2.0, 2 of 6 items answered"
    return peak


def test_validating_many_files_keeps_no_documents_and_memory_stays_flat(tmp_path: Path) -> None:
    small = peak_bytes(corpus(tmp_path / "small", 40))
    large = peak_bytes(corpus(tmp_path / "large", 160))
    # Four times the files: what each report keeps is its file name and a summary.
    assert large < 1.5 * small, (small, large)


def garbage_cycles_left(folder: Path) -> int:
    """Objects in cycles that validating ``folder`` leaves for the collector."""
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        validate_paths([str(folder)], keep_documents=False)
        return gc.collect()
    finally:
        if was:
            gc.enable()


def test_validation_leaves_no_cycles_per_file_so_the_cli_can_turn_the_collector_off(
    tmp_path: Path,
) -> None:
    def files(name: str, pairs: int) -> Path:
        folder = corpus(tmp_path / name, pairs)
        for n in range(pairs):  # and as many invalid files, of several kinds
            (folder / f"bad-shape-{n}.yaml").write_text(
                "kind: assessment\nschema_version: 1\nchecklist: {id: demo-0}\nanswers: []\n"
            )
            (folder / f"bad-yaml-{n}.yaml").write_text("kind: checklist\nid: [unclosed\n")
            (folder / f"bad-answer-{n}.yaml").write_text(
                f"kind: assessment\nschema_version: 1\nchecklist: {{id: demo-{n}, version: "
                "1.2.0}\nproject: P\ndate: 2026-01-01\nanswers:\n  has-data: {answer: maybe}\n"
            )
        return folder

    garbage_cycles_left(files("warm", 5))  # imports and caches made once
    small = garbage_cycles_left(files("small", 20))
    large = garbage_cycles_left(files("large", 80))
    # Four times the files, and no more garbage: nothing a file makes waits for the collector.
    assert large <= small + 50, (small, large)


def test_large_counts_in_the_summary_have_thousands_separators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text(unknown_keys_text(1_500), encoding="utf-8")
    assert main(["--no-color", "validate", str(path)]) == 1
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "1 file checked: 0 valid, 1 invalid, 1,500 errors"
