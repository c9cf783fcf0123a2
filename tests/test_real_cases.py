"""Real cases: projects described in words, answered as their team would, and the verdict a
careful reviewer gives them.

Each case is an assessment under ``tests/cases/real/<checklist>/``, valid on its own, with
an ``x-case`` block at the top (keys starting with ``x-`` are not part of the document)::

    x-case:
      title: Spam filtering for a webmail provider
      examples: ["chapters/when-ml-is-the-right-tool.md#patterns-exist Holds"]
      verdict: good-fit        # the reviewer's verdict; the checklist must settle on it
      why: Spammers adapt, so the patterns change; that is a reason for ML, not against.
      risks: {patterns-exist: none}          # optional: item risks the reviewer expects
      sections: {patterns-exist: none}       # optional: section risks
      not: [caution]                         # optional: verdicts that would be wrong

- Every case validates against the shipped checklist and settles on its verdict.
- Every example a chapter gives under a tab named "Holds" or "Fails" is a case: the tab is
  named in some case's ``examples`` as ``<page>#<section anchor> <tab>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from checklist.catalog import validate_paths
from checklist.engine import Result, evaluate
from checklist.loader import load_path
from checklist.models import Assessment, Checklist
from tests.conftest import CASES, ROOT

REAL = CASES / "real"
DOCS = ROOT / "docs"
CHECKLISTS = ROOT / "checklists"
EXAMPLE_TABS = ("Holds", "Fails")
"""Tab labels under which a chapter gives an example of its point holding or failing."""

_SECTION = re.compile(r"^#{2,6}\s+.*\{#([A-Za-z][\w-]*)\}\s*$")
_TAB = re.compile(r'^\s*===\+?\s+"([^"]+)"\s*$')


@dataclass(frozen=True)
class Case:
    path: Path
    title: str
    verdict: str
    why: str
    examples: tuple[str, ...] = ()
    risks: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    wrong: tuple[str, ...] = ()

    @classmethod
    def read(cls, path: Path) -> Case:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        meta = data.get("x-case")
        assert isinstance(meta, dict), f"{path.relative_to(ROOT)}: no x-case block"
        unknown = set(meta) - {"title", "examples", "verdict", "why", "risks", "sections", "not"}
        assert not unknown, f"{path.relative_to(ROOT)}: unknown x-case keys {sorted(unknown)}"
        for key in ("title", "verdict", "why"):
            assert isinstance(meta.get(key), str), f"{path.relative_to(ROOT)}: x-case.{key}"
        return cls(
            path,
            meta["title"],
            meta["verdict"],
            meta["why"],
            tuple(meta.get("examples", ())),
            dict(meta.get("risks", {})),
            dict(meta.get("sections", {})),
            tuple(meta.get("not", ())),
        )


def _cases() -> list[Case]:
    return [Case.read(path) for path in sorted(REAL.glob("*/*.yaml"))]


def _name(case: Case) -> str:
    return f"{case.path.parent.name}/{case.path.stem}"


def _checklist(checklist_id: str) -> Checklist:
    loaded = load_path(CHECKLISTS / f"{checklist_id}.yaml")
    assert loaded.ok, loaded.problems
    assert isinstance(loaded.document, Checklist)
    return loaded.document


def chapter_examples() -> list[str]:
    """Every ``<page>#<anchor> <tab>`` example tab in the chapters."""
    found = []
    for page in sorted((DOCS / "chapters").glob("*.md")):
        anchor = None
        for line in page.read_text(encoding="utf-8").splitlines():
            if match := _SECTION.match(line):
                anchor = match.group(1)
            elif (match := _TAB.match(line)) and match.group(1) in EXAMPLE_TABS:
                assert anchor is not None, f"{page.name}: example tab before any section"
                found.append(f"chapters/{page.name}#{anchor} {match.group(1)}")
    return found


def test_there_are_real_cases_for_every_chapter_checklist() -> None:
    folders = {path.name for path in REAL.iterdir() if path.is_dir()}
    assert folders >= {"ml-fit", "stakeholders", "business-objectives", "system-requirements"}


@pytest.mark.parametrize("case", _cases(), ids=_name)
def test_case_validates_and_gets_the_reviewers_verdict(case: Case) -> None:
    validation = validate_paths([str(case.path)], checklist_folders=[CHECKLISTS])
    assert validation.ok, [str(p) for p in validation.problems]
    loaded = load_path(case.path)
    assessment = loaded.document
    assert isinstance(assessment, Assessment)
    assert assessment.checklist.id == case.path.parent.name, (
        "a case lives in its checklist's folder"
    )
    result: Result = evaluate(_checklist(assessment.checklist.id), assessment)
    assert result.verdict is not None, f"{assessment.checklist.id} has no verdict"
    got = result.verdict.id if result.settled else "pending"
    assert got == case.verdict, (
        f"{case.title}: the reviewer says {case.verdict!r} ({case.why.strip()}); "
        f"the checklist says {got!r}: {result.verdict.because}"
    )
    assert got not in case.wrong
    risks = {item.id: item.risk for item in result.items}
    for item_id, risk in case.risks.items():
        assert risks.get(item_id) == risk, f"{case.title}: item {item_id} is {risks.get(item_id)}"
    sections = {section.id: section.risk for section in result.sections}
    for section_id, risk in case.sections.items():
        assert sections.get(section_id) == risk, (
            f"{case.title}: section {section_id} is {sections.get(section_id)}"
        )


def test_every_holds_and_fails_example_of_a_chapter_is_a_case() -> None:
    covered = {example for case in _cases() for example in case.examples}
    missing = [example for example in chapter_examples() if example not in covered]
    assert not missing, f"chapter examples without a case under tests/cases/real: {missing}"
    stray = sorted(covered - set(chapter_examples()))
    assert not stray, f"cases name examples the chapters do not have: {stray}"
