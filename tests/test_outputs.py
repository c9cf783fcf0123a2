"""What `checklist validate` prints for people (quiet, the summary) and for machines
(JSON, SARIF, JUnit XML, the GitHub job summary)."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT, run_cli

SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
GOOD = "answers: {has-data: {answer: 'yes'}}\n"
WARNED = "answers: {has-data: {answer: 'yes', reason: not read}}\n"
HEAD = "kind: assessment\nschema_version: 1\nchecklist: {id: demo, version: 1.2.0}\nproject: P\ndate: 2026-11-27\n"

run = run_cli


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """The demo checklist, a good assessment, one with a warning and two invalid files."""
    folder = tmp_path / "team"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "cases" / "fixtures" / "demo.yaml", folder / "demo.yaml")
    write(folder, "good.yaml", HEAD + GOOD)
    write(folder, "warned.yaml", HEAD + WARNED)
    write(folder, "x-bad.yaml", "kind: checklist\n")
    write(folder, "y-broken.yaml", "kind: [\n")
    return folder


def test_quiet_prints_the_problems_and_the_summary_only(
    capsys: pytest.CaptureFixture[str], team: Path
) -> None:
    code, out, _ = run(capsys, "validate", "--quiet", str(team))
    assert code == 1
    lines = out.splitlines()
    assert not [line for line in lines if ": ok (" in line]
    assert lines[0].startswith(f"{team / 'warned.yaml'}:6:45: warning: ")
    assert lines[-2:] == [
        f"failing: {team / 'x-bad.yaml'}, {team / 'y-broken.yaml'}",
        "5 files checked: 3 valid, 2 invalid, 7 errors, 1 warning",
    ]


def test_the_summary_names_a_handful_of_failing_files_then_counts_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for n in range(8):
        write(tmp_path, f"f{n}.yaml", "kind: checklist\n")
    code, out, _ = run(capsys, "validate", "-q", str(tmp_path))
    assert code == 1
    shown = ", ".join(str(tmp_path / f"f{n}.yaml") for n in range(5))
    assert out.splitlines()[-2] == f"failing: {shown} and 3 more"


def test_warnings_pass_unless_strict(capsys: pytest.CaptureFixture[str], team: Path) -> None:
    warned = str(team / "warned.yaml")
    checklists = ["--checklists", str(team)]
    code, out, _ = run(capsys, "validate", *checklists, warned)
    assert code == 0
    assert out.splitlines()[-1] == "1 file checked: 1 valid, 0 invalid, 1 warning"
    code, out, _ = run(capsys, "validate", "--strict", *checklists, warned)
    assert code == 1
    assert f"{warned}: valid, warnings fail (--strict) (assessment of demo" in out
    assert out.splitlines()[-1] == (
        "1 file checked: 0 valid, 1 failed on warnings (--strict), 0 invalid, 1 warning"
    )
    code, out, _ = run(capsys, "validate", "--strict", "--format", "json", *checklists, warned)
    data = json.loads(out)
    assert (code, data["ok"], data["strict"], data["files"][0]["ok"]) == (1, False, True, False)
    assert data["summary"]["failed_warnings"] == 1


def test_json_says_what_each_file_is_as_the_text_does(
    capsys: pytest.CaptureFixture[str], team: Path
) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", str(team))
    assert code == 1
    files = {Path(entry["file"]).name: entry for entry in json.loads(out)["files"]}
    about = ("kind", "checklist", "version", "items", "answered")
    assert {name: tuple(entry[key] for key in about) for name, entry in files.items()} == {
        "demo.yaml": ("checklist", "demo", "1.2.0", 6, None),
        "good.yaml": ("assessment", "demo", "1.2.0", 6, 1),
        "warned.yaml": ("assessment", "demo", "1.2.0", 6, 1),
        "x-bad.yaml": ("checklist", None, None, None, None),
        "y-broken.yaml": (None, None, None, None, None),
    }
    assert files["x-bad.yaml"]["errors"] == 6
    summary = json.loads(out)["summary"]
    assert summary["failing"] == [str(team / "x-bad.yaml"), str(team / "y-broken.yaml")]


def test_sarif_is_valid_sarif_2_1_0(
    capsys: pytest.CaptureFixture[str], team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(team.parent)
    code, out, _ = run(capsys, "validate", "--format", "sarif", "team")
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    [run_] = log["runs"]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["informationUri"]) == (
        "checklist",
        "https://ml-design-checklist.github.io/ml-design-checklist/",
    )
    codes = [rule["id"] for rule in driver["rules"]]
    assert sorted(codes) == sorted({result["ruleId"] for result in run_["results"]})
    assert {"stray-reason", "missing-key", "yaml-syntax"} <= set(codes)
    warning = next(r for r in run_["results"] if r["ruleId"] == "stray-reason")
    assert warning["level"] == "warning"
    assert codes[warning["ruleIndex"]] == "stray-reason"
    assert warning["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "team/warned.yaml"},
        "region": {"startLine": 6, "startColumn": 45},
    }
    assert {r["level"] for r in run_["results"]} == {"error", "warning"}


def test_sarif_names_files_by_uri_and_escapes_what_they_say(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my dir").mkdir()
    write(tmp_path / "my dir", "a#b.yaml", 'kind: checklist\n"x\\e[31m\\u202e": 1\n')
    code, out, _ = run(
        capsys,
        "validate",
        "--format",
        "sarif",
        "my dir",
        str(ROOT / "checklists" / "ml-fit.yaml"),
        "--fail-on",
        "high",
    )
    assert code == 1
    assert "\x1b" not in out
    assert "\u202e" not in out
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"my%20dir/a%23b.yaml"}


def test_junit_has_one_case_per_file_and_escapes_everything(
    capsys: pytest.CaptureFixture[str], team: Path
) -> None:
    write(team, "z-hostile.yaml", 'kind: checklist\n"</failure>&\\e[2J\\uffff": 1\n')
    code, out, _ = run(capsys, "validate", "--format", "junit", str(team))
    assert code == 1
    assert "\x1b" not in out
    suites = ET.fromstring(out.encode("utf-8"))
    [suite] = suites
    assert (suite.get("tests"), suite.get("failures")) == ("6", "3")
    cases = {Path(case.get("name", "")).name: case for case in suite}
    assert sorted(cases) == [
        "demo.yaml",
        "good.yaml",
        "warned.yaml",
        "x-bad.yaml",
        "y-broken.yaml",
        "z-hostile.yaml",
    ]
    assert cases["good.yaml"].find("failure") is None
    warned = cases["warned.yaml"]
    assert warned.find("failure") is None
    assert "warning: answers.has-data.reason" in (warned.findtext("system-out") or "")
    failure = cases["z-hostile.yaml"].find("failure")
    assert failure is not None
    assert "error: </failure>&\\x1b[2J\\uffff: unknown key" in (failure.text or "")
    assert failure.get("type") == "missing-key"
    code, out, _ = run(capsys, "validate", "--format", "junit", "--strict", str(team))
    assert ET.fromstring(out)[0].get("failures") == "4"


def test_on_github_actions_a_job_summary_is_appended(
    capsys: pytest.CaptureFixture[str], team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write(team, "[evil](https:x).yaml", "kind: checklist\n")
    code, _, _ = run(capsys, "validate", "--format", "github", str(team))
    assert code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### checklist validate: failed\n\n6 files checked: ")
    assert "**Failing files**" in text
    assert "\\[evil\\]\\(https\\:x\\)\\.yaml: 6 errors" in text
    assert "](" not in text
    assert "**First problems**" in text
    assert "x\\-bad\\.yaml\\:1\\:1: error: missing required key \\'schema\\_version\\'" in text
    assert "- and 4 more" in text


def test_without_github_actions_no_summary_is_written(
    capsys: pytest.CaptureFixture[str], team: Path, tmp_path: Path
) -> None:
    assert run(capsys, "validate", str(team / "demo.yaml"))[0] == 0
    assert list(tmp_path.iterdir()) == [team]


def test_a_job_summary_that_cannot_be_written_is_a_warning_not_a_failure(
    capsys: pytest.CaptureFixture[str], team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no" / "such" / "summary.md"))
    code, out, err = run(capsys, "validate", str(team / "demo.yaml"))
    assert code == 0
    assert out.endswith("1 file checked: 1 valid, 0 invalid\n")
    assert err == (
        f"checklist: warning: cannot write the job summary to {tmp_path}/no/such/summary.md: "
        "No such file or directory\n"
    )


def test_the_pre_commit_hook_shows_only_the_problems_and_the_summary() -> None:
    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"].split() == ["checklist", "validate", "--quiet", "--skip-other-yaml"]
    assert hook["require_serial"] is True
