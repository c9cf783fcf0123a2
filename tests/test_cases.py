"""Golden-file tests: each case under tests/cases/ is a file (or a folder of files)
beside the exact output `checklist validate` must print for it.

- ``invalid/NAME.yaml`` (or ``invalid/NAME/``) with ``invalid/NAME.expected``: exit 1,
  and the output is exactly the expected text, with no traceback.
- ``valid/NAME.yaml``: exit 0.

Assessments among the cases answer the checklists in ``cases/fixtures/``.
Set ``CHECKLIST_UPDATE_GOLDEN=1`` to rewrite the expected files, then review the diff.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from checklist.cli import main
from tests.conftest import CASES, ROOT

if TYPE_CHECKING:
    from pathlib import Path

FIXTURES = CASES / "fixtures"


def _cases(folder: str) -> list[Path]:
    return sorted(
        p for p in (CASES / folder).iterdir() if p.is_dir() or p.suffix in (".yaml", ".yml")
    )


def _validate(case: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    target = str(case.relative_to(ROOT))
    code = main(["--no-color", "validate", "--checklists", str(FIXTURES.relative_to(ROOT)), target])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda p: p.name)
def test_invalid_file_reports_exact_problems(
    case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected_file = case.parent / f"{case.stem if case.is_file() else case.name}.expected"
    code, out, err = _validate(case, capsys)
    assert "Traceback" not in out + err
    assert err == ""
    if os.environ.get("CHECKLIST_UPDATE_GOLDEN"):
        expected_file.write_text(out, encoding="utf-8")
    assert code == 1
    assert out == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda p: p.name)
def test_valid_file_passes(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _validate(case, capsys)
    assert (code, err) == (0, ""), out


def test_every_invalid_case_has_its_expected_output() -> None:
    cases = _cases("invalid")
    assert len(cases) >= 40
    for case in cases:
        name = case.stem if case.is_file() else case.name
        assert (case.parent / f"{name}.expected").is_file(), f"{case.name} has no .expected file"
    stray = {p.stem for p in (CASES / "invalid").glob("*.expected")} - {
        c.stem if c.is_file() else c.name for c in cases
    }
    assert not stray, f"expected files without a case: {sorted(stray)}"
