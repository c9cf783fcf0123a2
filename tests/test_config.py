"""Settings in ``[tool.checklist]`` of ``pyproject.toml`` or in ``.checklist.toml``: what
`checklist validate` checks by default, its gates and folders; flags override them."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from tests.conftest import CASES, run_cli

run = run_cli

if TYPE_CHECKING:
    from pathlib import Path

DEMO = CASES / "fixtures" / "demo.yaml"
GOOD = """kind: assessment
schema_version: 1
checklist: {id: demo, version: 1.2.0}
project: P
date: 2026-01-01
answers:
  has-data: {answer: "yes"}
  data-source: {answer: manual}
"""
"""Valid, with an item at medium risk (manual labelling) and unanswered questions."""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with its own checklist folder, a design folder and a drafts folder."""
    (tmp_path / "our-checklists").mkdir()
    shutil.copy(DEMO, tmp_path / "our-checklists" / "demo.yaml")
    (tmp_path / "design" / "drafts").mkdir(parents=True)
    (tmp_path / "design" / "demo.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "design" / "drafts" / "broken.yaml").write_text("kind: [", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")  # settings are found from a subfolder too
    return tmp_path


def settings(project: Path, text: str, name: str = "pyproject.toml") -> None:
    (project / name).write_text(text, encoding="utf-8")


def test_paths_checklists_and_exclude_come_from_pyproject(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(
        project,
        '[project]\nname = "x"\n\n[tool.checklist]\npaths = ["design/"]\n'
        'checklists = ["our-checklists/"]\nexclude = ["design/drafts/**"]\n',
    )
    code, out, _ = run(capsys, "validate")
    assert code == 0, out
    assert "../design/demo.yaml: ok" in out
    assert "broken" not in out
    # A file named on the command line is checked even if excluded, as in ruff.
    code, out, _ = run(capsys, "validate", "../design/drafts/broken.yaml")
    assert code == 1
    assert "../design/drafts/broken.yaml:1:" in out


def test_gates_and_strict_come_from_the_settings_and_flags_override_them(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(
        project,
        'paths = ["design/demo.yaml"]\nchecklists = ["our-checklists"]\nfail-on = ["medium"]\n',
        name=".checklist.toml",
    )
    code, out, _ = run(capsys, "validate")
    assert code == 1
    assert "fails" in out
    code, _, _ = run(capsys, "validate", "--fail-on", "high")
    assert code == 0


def test_checklist_toml_wins_over_pyproject_in_one_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(project, '[tool.checklist]\npaths = ["nowhere/"]\n')
    settings(
        project,
        'paths = ["design/demo.yaml"]\nchecklists = ["our-checklists"]\n',
        ".checklist.toml",
    )
    code, out, _ = run(capsys, "validate")
    assert code == 0, out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[tool.checklist]\nfail_on = ['high']\n",
            "unknown key 'fail_on'; did you mean 'fail-on'?",
        ),
        ("[tool.checklist]\nfail-on = 'high'\n", "fail-on: expected a list of high, medium"),
        ("[tool.checklist]\nfail-on = ['hgh']\n", "found 'hgh'"),
        ("[tool.checklist]\nstrict = 'yes'\n", "strict: expected true or false"),
        ("[tool.checklist\n", "not valid TOML"),
    ],
)
def test_wrong_settings_are_a_usage_error_naming_the_file_and_key(
    project: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    settings(project, text)
    code, out, err = run(capsys, "validate")
    assert (code, out) == (2, "")
    assert "pyproject.toml" in err
    assert message in err


def test_no_settings_changes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "validate", "../design/demo.yaml", "--checklists", "../our-checklists"
    )
    assert (code, err) == (0, "")
    assert "1 file checked: 1 valid" in out
