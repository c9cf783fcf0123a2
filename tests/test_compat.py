"""Checklist evolution: the version number must fit what changed since the base."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.catalog import UsageError
from checklist.compat import (
    Change,
    Level,
    bump_of,
    check_compat,
    compare,
    compare_folders,
    next_version,
)
from checklist.loader import load_bytes
from checklist.models import Checklist
from checklist.reporters import REPORTERS, Style
from checklist.yamlsource import Source

BASE = """\
kind: checklist
schema_version: 1
id: demo
title: Demo
version: 1.2.3
summary: A checklist for these tests.
sections:
  - id: basics
    title: Basics
    items:
      - id: owner
        question: Is there an owner?
        severity: high
        answer: {type: yes_no}
        hint: Name one.
      - id: tested
        question: Is it tested?
        severity: medium
        answer: {type: yes_no}
        hint: Test it.
      - id: coverage
        question: How much is covered?
        severity: low
        answer:
          type: choice
          options:
            - {value: all, label: All}
            - {value: some, label: Some}
            - {value: little, label: Little}
        not_applicable: true
        hint: Cover more.
      - id: latency
        question: What is the p99 latency?
        severity: low
        answer: {type: number, min: 0, max: 1000, unit: ms}
        hint: Measure it.
  - id: extra
    title: Extra
    items:
      - id: maturity
        question: How mature is it?
        severity: low
        answer:
          type: scale
          levels:
            - {value: 0, label: Low}
            - {value: 1, label: High}
        hint: Mature it.
"""

TESTED = """\
      - id: tested
        question: Is it tested?
        severity: medium
        answer: {type: yes_no}
        hint: Test it.
"""


def load(text: str, file: str = "demo.yaml") -> tuple[Checklist, Source]:
    loaded = load_bytes(text.encode(), file=file)
    assert loaded.ok, [str(p) for p in loaded.problems]
    assert isinstance(loaded.document, Checklist)
    assert loaded.source is not None
    return loaded.document, loaded.source


def edit(version: str, *replacements: tuple[str, str]) -> str:
    text = BASE.replace("version: 1.2.3", f"version: {version}")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def problems(new_text: str) -> list[str]:
    old, _ = load(BASE, "base.yaml")
    new, source = load(new_text)
    return [str(problem) for problem in check_compat(old, new, source)]


def test_an_unchanged_checklist_has_no_changes_and_no_problems() -> None:
    old, _ = load(BASE)
    assert compare(old, old) == []
    assert problems(BASE) == []


def test_a_removed_item_needs_a_major_bump() -> None:
    assert problems(edit("1.3.0", (TESTED, ""))) == [
        "demo.yaml:11:7: sections[0].items: item 'tested' was removed: stored answers and "
        "teams' assessment files depend on it; bump the major version (1.2.3 → 2.0.0), "
        "not 1.3.0"
    ]


def test_a_changed_answer_type_needs_a_major_bump() -> None:
    scale = "answer: {type: scale, levels: [{value: 0, label: No}, {value: 1, label: Yes}]}"
    new = edit(
        "1.3.0",
        ("answer: {type: yes_no}\n        hint: Name one.", f"{scale}\n        hint: Name one."),
    )
    assert problems(new) == [
        "demo.yaml:14:24: sections[0].items[0].answer.type: item 'owner' changed its answer "
        "type from yes_no to scale: stored answers and teams' assessment files depend on it; "
        "bump the major version (1.2.3 → 2.0.0), not 1.3.0"
    ]


def test_removals_and_type_changes_are_accepted_with_a_major_bump() -> None:
    new = edit(
        "2.0.0",
        (TESTED, ""),
        (
            "answer: {type: yes_no}\n        hint: Name one.",
            "answer: {type: text}\n        hint: Name one.",
        ),
    )
    # The removed item needs a word on what became of it, for the teams that answered it.
    assert [p.split(": ", 2)[2][:47] for p in problems(new)] == [
        "item 'tested' of 1.2.3 is gone, but no 'upgrade"
    ]
    assert (
        problems(new + "upgrade:\n  from: 1\n  items:\n    - {from: tested, removed: Gone.}\n")
        == []
    )


def test_an_added_item_needs_a_minor_bump() -> None:
    added = TESTED + TESTED.replace("id: tested", "id: reviewed")
    assert problems(edit("1.2.4", (TESTED, added))) == [
        "demo.yaml:21:13: sections[0].items[2].id: item 'reviewed' is new: an addition needs "
        "at least a minor version bump (1.2.3 → 1.3.0), not 1.2.4"
    ]
    assert problems(edit("1.3.0", (TESTED, added))) == []
    assert problems(edit("2.0.0", (TESTED, added))) == []


def test_changed_wording_needs_a_patch_bump() -> None:
    reworded = ("Is it tested?", "Is it tested automatically?")
    assert problems(edit("1.2.3", reworded)) == [
        "demo.yaml:5:10: version: version 1.2.3 is unchanged, but item 'tested' changed: "
        "bump it to 1.2.4 (major for removed or changed items, minor for additions, patch "
        "for wording)"
    ]
    assert problems(edit("1.2.4", reworded)) == []


def test_an_unchanged_version_names_the_bump_the_changes_need() -> None:
    added = TESTED + TESTED.replace("id: tested", "id: reviewed")
    assert problems(edit("1.2.3", (TESTED, added))) == [
        "demo.yaml:5:10: version: version 1.2.3 is unchanged, but item 'reviewed' is new and "
        "1 more: bump it to 1.3.0 (major for removed or changed items, minor for additions, "
        "patch for wording)",
        "demo.yaml:21:13: sections[0].items[2].id: item 'reviewed' is new: an addition needs "
        "at least a minor version bump (1.2.3 → 1.3.0), not 1.2.3",
    ]


def test_a_lowered_version_is_always_flagged() -> None:
    assert problems(edit("1.2.2")) == [
        "demo.yaml:5:10: version: version 1.2.2 is lower than 1.2.3, the base version: "
        "versions only go up; use 1.2.3 or later"
    ]
    assert problems(edit("0.9.0", ("Is it tested?", "Is it tested, really?")))[0].endswith(
        "versions only go up; use 1.2.4 or later"
    )


@pytest.mark.parametrize(
    ("replacement", "kind", "level"),
    [
        (("            - {value: little, label: Little}\n", ""), "option-removed", "major"),
        (
            (
                "            - {value: some, label: Some}\n",
                "            - {value: some, label: Some}\n            - {value: x, label: X}\n",
            ),
            "option-added",
            "minor",
        ),
        (
            (
                "            - {value: 1, label: High}\n",
                "            - {value: 1, label: High}\n            - {value: 2, label: Top}\n",
            ),
            "level-added",
            "minor",
        ),
        (
            ("            - {value: 0, label: Low}\n", "            - {value: 0.5, label: Low}\n"),
            "level-removed",
            "major",
        ),
        (("min: 0, max: 1000", "min: 0, max: 500"), "range-narrowed", "major"),
        (("min: 0, max: 1000", "min: 10, max: 1000"), "range-narrowed", "major"),
        (("min: 0, max: 1000", "min: 0, max: 1000, integer: true"), "range-narrowed", "major"),
        (("min: 0, max: 1000", "max: 2000"), "range-widened", "minor"),
        (("        not_applicable: true\n", ""), "not-applicable-withdrawn", "major"),
        (
            ("        hint: Test it.", "        hint: Test it.\n        not_applicable: true"),
            "not-applicable-allowed",
            "minor",
        ),
        (("unit: ms", "unit: milliseconds"), "item-changed", "patch"),
        (("severity: medium", "severity: high"), "item-changed", "patch"),
        (("title: Extra", "title: More"), "section-changed", "patch"),
        (("title: Demo", "title: A demo"), "checklist-changed", "patch"),
    ],
)
def test_compare_classifies_each_change(
    replacement: tuple[str, str], kind: str, level: str
) -> None:
    old, _ = load(BASE)
    new, _ = load(edit("1.2.3", replacement))
    found = {(change.kind, change.level) for change in compare(old, new)}
    assert (kind, level) in found
    assert max(found, key=lambda pair: ["patch", "minor", "major"].index(pair[1]))[1] == level


def test_a_removed_section_is_major_and_located_at_sections() -> None:
    old, _ = load(BASE)
    new, _ = load(BASE.split("  - id: extra\n")[0])
    changes = compare(old, new)
    assert (
        Change("section-removed", "major", ("sections",), "section 'extra' was removed") in changes
    )
    assert Change("item-removed", "major", ("sections",), "item 'maturity' was removed") in changes


def test_moving_an_item_to_another_section_is_not_a_removal() -> None:
    old, _ = load(BASE)
    moved = BASE.replace(TESTED, "").replace(
        "    items:\n      - id: maturity", "    items:\n" + TESTED + "      - id: maturity"
    )
    new, _ = load(moved)
    assert {change.level for change in compare(old, new)} == {"patch"}


@pytest.mark.parametrize(
    ("old", "new", "bump", "following"),
    [
        ("1.2.3", "2.0.0", "major", "2.0.0"),
        ("1.2.3", "1.3.0", "minor", "1.3.0"),
        ("1.2.3", "1.2.4", "patch", "1.2.4"),
        ("1.2.3", "1.2.3", "none", "1.2.4"),
        ("1.2.3", "1.1.9", "down", "1.2.4"),
    ],
)
def test_bumps_and_next_versions(old: str, new: str, bump: str, following: str) -> None:
    assert bump_of(old, new) == bump
    levels: dict[str, Level] = {"major": "major", "minor": "minor"}
    assert next_version(old, levels.get(bump, "patch")) == following


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_compare_folders_pairs_checklists_by_id(tmp_path: Path) -> None:
    base, new = tmp_path / "base" / "checklists", tmp_path / "checklists"
    _write(base, "demo.yaml", BASE)
    _write(base, "gone.yaml", BASE.replace("id: demo", "id: gone"))
    _write(new, "renamed-file.yaml", edit("1.3.0", (TESTED, "")))
    _write(new, "fresh.yaml", BASE.replace("id: demo", "id: fresh"))
    _write(new, "broken.yaml", "kind: checklist\n")
    _write(new, "answers.yaml", "kind: assessment\n")
    validation = compare_folders(tmp_path / "base", [str(new)])
    assert not validation.ok
    lines = REPORTERS["text"](validation, Style(False)).splitlines()
    assert lines == [
        f"{new / 'broken.yaml'}:1:1: error: not a valid checklist, so not compared; see: "
        f"checklist validate {new / 'broken.yaml'}",
        f"{new / 'fresh.yaml'}: ok (checklist fresh 1.2.3, 5 items)",
        f"{new / 'renamed-file.yaml'}:11:7: error: sections[0].items: item 'tested' was "
        "removed: stored answers and teams' assessment files depend on it; bump the major "
        "version (1.2.3 → 2.0.0), not 1.3.0",
        "checklists/gone.yaml:1:1: error: checklist 'gone' 1.2.3 of the base is gone: teams' "
        "assessment files name it; keep it, or remove it only in a major release, with a "
        "CHANGELOG.md entry",
        f"failing: {new / 'broken.yaml'}, {new / 'renamed-file.yaml'}, checklists/gone.yaml",
        "4 files checked: 1 valid, 3 invalid, 3 errors",
    ]
    annotations = REPORTERS["github"](validation, Style(False))
    assert (
        "::error file=checklists/gone.yaml,line=1,col=1,title=checklist checklist-removed::"
        in annotations
    )


def test_compare_folders_with_files_reports_no_vanished_checklists(tmp_path: Path) -> None:
    base, new = tmp_path / "base", tmp_path / "new"
    _write(base, "demo.yaml", BASE)
    _write(base, "other.yaml", BASE.replace("id: demo", "id: other"))
    _write(new, "demo.yaml", edit("1.2.4", ("Is it tested?", "Is it tested well?")))
    validation = compare_folders(base, [str(new / "demo.yaml")])
    assert validation.ok
    assert [report.file for report in validation.files] == [str(new / "demo.yaml")]


def test_an_invalid_checklist_is_not_also_reported_as_gone(tmp_path: Path) -> None:
    base, new = tmp_path / "base", tmp_path / "new"
    _write(base, "demo.yaml", BASE)
    _write(new, "demo.yaml", BASE.replace("severity: high", "severity: urgent"))
    validation = compare_folders(base, [str(new)])
    assert [problem.code for problem in validation.problems] == ["invalid-checklist"]


def test_compare_folders_needs_the_base_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such folder"):
        compare_folders(tmp_path / "missing", ["checklists"])


def test_the_repository_checklists_are_compatible_with_themselves() -> None:
    validation = compare_folders(Path("checklists"), ["checklists"])
    assert validation.ok, [str(problem) for problem in validation.problems]
    assert len(validation.files) >= 6
