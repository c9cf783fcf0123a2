"""The `checklist` command as a user runs it: exit codes, formats, messages."""

from __future__ import annotations

import argparse
import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from checklist import cli
from checklist.cli import main
from tests.conftest import ROOT, copy_project, run_cli

run = run_cli

if TYPE_CHECKING:
    from collections.abc import Iterator

EXAMPLE = "examples/restaurant-recommender-ml-test-score.yaml"
FIXTURE = "tests/cases/fixtures/demo.yaml"


@pytest.fixture
def broken(tmp_path: Path) -> str:
    """The demo checklist with one typo: an unknown key on line 17."""
    text = (ROOT / FIXTURE).read_text(encoding="utf-8")
    path = tmp_path / "broken.yaml"
    path.write_text(
        text.replace("        hint: Find a way", "        hnit: Find a way"), encoding="utf-8"
    )
    return str(path)


def test_validate_defaults_to_checklists_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0, out
    assert "checklists/ml-test-score.yaml: ok (checklist ml-test-score 1.1.0, 28 items)" in out
    assert f"{EXAMPLE}: ok (assessment of ml-test-score 1.1.0, 28 of 28 items answered)" in out


def test_validate_reports_every_bad_file_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.yaml").write_text("kind: checklist\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("kind: [\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not yaml, not looked at", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'a.yaml'}:1:1: error: missing required key 'schema_version'" in out
    assert f"{tmp_path / 'a.yaml'}:1:1: error: missing required key 'sections'" in out
    assert (
        f"{tmp_path / 'b.yaml'}:1:7: error: YAML syntax error: this list in [ ] is never closed"
        in out
    )
    assert out.rstrip().endswith("2 files checked: 0 valid, 2 invalid, 7 errors")
    assert err == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "no/such/file.yaml"], "no such file or folder: no/such/file.yaml"),
        (["validate", "no\x1b[2J\nsuch"], "no such file or folder: no\\x1b[2J\\nsuch\n"),
        (["validate", "--format", "xml"], "invalid choice: 'xml'"),
        (["validate", "--checklists", "nowhere", EXAMPLE], "--checklists nowhere: no such folder"),
        (["report", "missing.yaml"], "no such file: missing.yaml"),
        (["report", "checklists/ml-test-score.yaml"], "is a checklist; report takes an assessment"),
        (["init", "no-such-checklist"], "unknown checklist 'no-such-checklist'; known: "),
        (["schema", "nonsense"], "unknown kind 'nonsense'; expected checklist or assessment"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_usage_errors_exit_2_with_a_message(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_validate_as_json_is_stable(capsys: pytest.CaptureFixture[str], broken: str) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", broken)
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False
    assert data["summary"] == {
        "files": 1,
        "valid": 0,
        "failed_gate": 0,
        "invalid": 1,
        "failed_warnings": 0,
        "errors": 1,
        "warnings": 0,
        "gates": 0,
        "failing": [broken],
    }
    # One mistake, one problem: not also "missing required key 'hint'".
    [problem] = data["files"][0]["problems"]
    assert problem == {
        "file": broken,
        "line": 16,
        "column": 9,
        "path": "sections[0].items[0].hnit",
        "message": "unknown key 'hnit'; did you mean 'hint'?",
        "code": "unknown-key",
        "severity": "error",
    }


def test_validate_for_github_prints_annotations(
    capsys: pytest.CaptureFixture[str], broken: str
) -> None:
    code, out, _ = run(capsys, "validate", "--format", "github", broken)
    assert code == 1
    assert out.splitlines()[0] == (
        f"::error file={broken},line=16,col=9,title=checklist unknown-key::"
        "sections[0].items[0].hnit: unknown key 'hnit'; did you mean 'hint'?"
    )


def test_fail_on_turns_risks_into_failures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--fail-on", "high", EXAMPLE)
    assert code == 1
    assert "answers.monitor-3: item 'monitor-3' is at high risk (--fail-on high)" in out
    assert "model-7" not in out  # at medium risk: below the gate
    code, out, _ = run(capsys, "validate", "--fail-on", "medium", EXAMPLE)
    assert code == 1
    assert "answers.model-7: item 'model-7' is at medium risk (--fail-on medium)" in out


def test_init_writes_an_assessment_that_validates_and_reports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "mine.yaml"
    code, _, err = run(capsys, "init", "ml-test-score", "-o", str(target))
    assert code == 0
    assert "28 items to answer" in err
    text = target.read_text(encoding="utf-8")
    assert "# Are feature expectations captured in a schema?" in text
    assert "# answer: 0 (Not done) | 0.5 (Done by hand, results documented and shared)" in text
    assert run(capsys, "validate", str(target))[0] == 0
    code, out, _ = run(capsys, "report", str(target))
    assert code == 0
    assert "Unanswered (28)" in out
    # A second init does not overwrite the team's answers.
    code, _, err = run(capsys, "init", "ml-test-score", "-o", str(target))
    assert code == 2
    assert "already exists" in err


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_report_formats(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "report", EXAMPLE, "--format", fmt)
    assert code == 0
    if fmt == "json":
        data = json.loads(out)
        assert next(s for s in data["scores"] if s["id"] == "final")["value"] == 4
        assert [step["item"] for step in data["plan"]] == [
            "monitor-3",
            "model-2",
            "model-6",
            "infra-3",
            "monitor-2",
            "monitor-7",
            "model-7",
            "monitor-1",
        ]
    elif fmt == "markdown":
        assert "| ML Test Score | 4 | Strong levels of automated testing" in out
        assert "1. **high** `monitor-3`" in out
    else:
        assert "ML Test Score: 4 — Strong levels" in out
        assert "1. [high] monitor-3:" in out


def test_report_on_an_invalid_assessment_shows_its_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (ROOT / EXAMPLE)
        .read_text(encoding="utf-8")
        .replace("data-1:\n    answer: 1", "data-1:\n    answer: 2"),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "report", "--format", "json", str(bad))
    assert code == 1
    assert out == ""  # nothing for a JSON consumer to misread
    assert "answers.data-1.answer: expected one of 0, 0.5, 1, found 2" in err


def test_schema_matches_the_published_files(capsys: pytest.CaptureFixture[str]) -> None:
    for kind in ("checklist", "assessment"):
        code, out, _ = run(capsys, "schema", kind)
        assert code == 0
        published = ROOT / "docs" / "schemas" / f"{kind}.schema.json"
        assert out == published.read_text(encoding="utf-8"), (
            f"run: checklist schema {kind} > {published}"
        )


def test_list_shows_each_checklist(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "ml-test-score                1.1.0     28  The ML Test Score" in out
    code, out, _ = run(capsys, "list", "--format", "json")
    assert {
        "id": "ml-test-score",
        "version": "1.1.0",
        "title": "The ML Test Score",
        "items": 28,
    } in json.loads(out)


def test_an_internal_error_says_it_is_a_bug(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setitem(cli._COMMANDS, "list", broken)
    code, _, err = run(capsys, "list")
    assert code == 3
    assert "internal error: RuntimeError: boom" in err
    assert "This is a bug in checklist" in err
    assert "Traceback" not in err


def test_colour_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli._style(no_color=False).enabled
    assert not cli._style(no_color=True).enabled
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli._style(no_color=False).enabled
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert not cli._style(no_color=False).enabled


def test_help_and_version_import_nothing_heavy() -> None:
    script = (
        "import sys\n"
        "from checklist.cli import main\n"
        "for args in (['--version'], ['--help'], ['validate', '--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = sorted(m for m in ('pydantic', 'yaml', 'checklist.models') if m in sys.modules)\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in done.stderr


def test_console_script_on_a_broken_file_prints_no_traceback(broken: str) -> None:
    exe = Path(sys.executable).with_name("checklist")
    done = subprocess.run(
        [str(exe), "validate", broken], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert f"{broken}:16:9: error: sections[0].items[0].hnit: unknown key 'hnit'" in done.stdout


def test_an_inconsistent_checklist_is_never_used_to_score(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    demo = (ROOT / FIXTURE).read_text(encoding="utf-8")
    # A condition on an item that does not exist: the shape is fine, the rules are not.
    (folder / "demo.yaml").write_text(
        demo.replace("when: {item: has-data", "when: {item: has-dta"), encoding="utf-8"
    )
    assessment = tmp_path / "answers.yaml"
    assessment.write_text(
        "kind: assessment\nschema_version: 1\nchecklist: {id: demo, version: 1.2.0}\n"
        "project: P\ndate: 2026-11-27\nanswers: {has-data: {answer: 'yes'}}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "report", str(assessment), "--checklists", str(folder))
    assert (code, out) == (1, "")
    assert f"warning: {folder / 'demo.yaml'} is not a valid checklist and is ignored" in err
    assert "unknown checklist 'demo'" in err


def test_compat_passes_against_itself_and_flags_a_removed_item(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "base"
    shutil.copytree(ROOT / "checklists", base / "checklists")
    code, out, _ = run(capsys, "compat", str(base))
    assert code == 0, out
    project = copy_project(tmp_path / "project")
    path = project / "checklists" / "stakeholders.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      - id: shared-vocabulary")
    path.write_text(text[:start] + text[text.index("\n\n  - id: conflicts") :], encoding="utf-8")
    monkeypatch.chdir(project)
    code, out, _ = run(capsys, "compat", str(base), "--format", "github")
    assert code == 1
    assert (
        "::error file=checklists/stakeholders.yaml,line=19,col=7,title=checklist item-removed::"
        "sections[0].items: item 'shared-vocabulary' was removed" in out
    )


def test_new_chapter_writes_the_files_and_refuses_twice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(copy_project(tmp_path))
    code, out, _ = run(
        capsys, "new", "chapter", "scaffold-smoke-test", "--title", "Scaffold smoke test"
    )
    assert code == 0
    assert out.splitlines()[:4] == [
        "wrote docs/chapters/scaffold-smoke-test.md",
        "wrote checklists/scaffold-smoke-test.yaml",
        "wrote docs/checklists/scaffold-smoke-test.md",
        "updated mkdocs.yml",
    ]
    code, _, err = run(capsys, "new", "chapter", "scaffold-smoke-test")
    assert code == 2
    assert "checklist new: error: chapter 'scaffold-smoke-test' already exists" in err


@pytest.mark.parametrize("enabled", [True, False])
def test_automatic_cycle_collection_is_off_while_a_command_runs_and_restored_after(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], enabled: bool
) -> None:
    import gc

    seen: list[bool] = []
    real = cli._COMMANDS["validate"]

    def spy(*args: object) -> int:
        seen.append(gc.isenabled())
        return int(real(*args))  # type: ignore[arg-type]

    monkeypatch.setitem(cli._COMMANDS, "validate", spy)
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        assert main(["validate", "checklists"]) == 0
        assert seen == [False]
        # Left as the program had it: on again, or still off.
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    capsys.readouterr()


def test_report_on_a_folder_without_assessments_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["report", "checklists"])
    assert exit_.value.code == 2
    assert "checklist report: error: no assessments found in: checklists" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["--no-color", "validate", "examples"],
        ["validate", "--no-color", "examples"],
        ["validate", "examples"],
    ],
)
def test_no_color_is_accepted_before_or_after_the_command(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 0
    assert "\x1b[" not in capsys.readouterr().out


def test_a_blank_assessment_says_nothing_is_answered(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blank = tmp_path / "blank.yaml"
    assert run(capsys, "init", "ml-fit", "-o", str(blank))[0] == 0
    code, out, _ = run(capsys, "validate", str(blank))
    assert code == 0
    assert "ok (assessment of ml-fit 2.0.0, 0 of 30 items answered)" in out


def test_an_unreadable_folder_fails_validation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ROOT / FIXTURE, tmp_path / "demo.yaml")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.yaml").write_text("kind: [\n", encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:
        # Root lists any folder whatever its mode (so in CI): make the system refuse this
        # one as it refuses an unreadable folder to anyone else.
        real_scandir = os.scandir

        def scandir(path: str = ".") -> Iterator[os.DirEntry[str]]:
            if os.fspath(path) == str(locked):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        code, out, err = run(capsys, "validate", str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{tmp_path / 'demo.yaml'}: ok (checklist demo 1.2.0, 6 items)",
        f"{locked}:1:1: error: cannot read folder: Permission denied",
        f"failing: {locked}",
        "2 files checked: 1 valid, 1 invalid, 1 error",
    ]


def many_invalid_files(folder: Path, count: int = 1000) -> Path:
    """More problems than a pipe holds (about 350 KB of text output)."""
    folder.mkdir()
    for n in range(count):
        (folder / f"f{n:04}.yaml").write_text("kind: checklist\n", encoding="utf-8")
    return folder


def shell(command: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """Run ``command`` in bash with pipefail; ``$CHECKLIST`` is the real command."""
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=folder,
        env={**os.environ, "CHECKLIST": str(Path(sys.executable).with_name("checklist"))},
        check=False,
    )


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_reader_that_stops_early_fails_the_pipeline(tmp_path: Path, fmt: str) -> None:
    many_invalid_files(tmp_path / "many")
    done = shell(f'"$CHECKLIST" validate --format {fmt} many | head -1', tmp_path)
    assert done.returncode == 1
    assert done.stderr == "checklist validate: error: cannot write the output: Broken pipe\n"


@pytest.mark.parametrize(
    ("redirect", "reason"),
    [(">&-", "standard output is closed"), ("> /dev/full", "No space left on device")],
)
def test_output_that_cannot_be_written_fails_with_one_line(
    tmp_path: Path, redirect: str, reason: str
) -> None:
    for command in (f"validate {ROOT / EXAMPLE}", "validate many", "list", "schema checklist"):
        if command == "validate many" and not (tmp_path / "many").exists():
            many_invalid_files(tmp_path / "many", count=5)
        done = shell(f'"$CHECKLIST" {command} {redirect}', tmp_path)
        name = command.split()[0]
        assert (done.returncode, done.stderr) == (
            1,
            f"checklist {name}: error: cannot write the output: {reason}\n",
        ), command


def test_text_the_output_encoding_lacks_is_escaped_not_a_failure(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(Path(sys.executable).with_name("checklist")), "report", EXAMPLE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("The ML Test Score 1.1.0 \\u2014 Food-delivery")


@pytest.fixture
def hostile_checklist(tmp_path: Path) -> Path:
    """The demo checklist with line breaks and escape characters in its one-line fields."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    text = (ROOT / FIXTURE).read_text(encoding="utf-8")
    text = text.replace("title: Demo checklist", 'title: "Demo\\nfake line\\e[2J"', 1)
    text = text.replace("unit: rows", 'unit: "rows\\n  has-data:\\n    answer: \\"yes\\"\\e[31m"')
    (folder / "demo.yaml").write_text(text, encoding="utf-8")
    return folder


def test_init_writes_a_one_line_comment_for_a_unit_with_line_breaks(
    capsys: pytest.CaptureFixture[str], hostile_checklist: Path, tmp_path: Path
) -> None:
    target = tmp_path / "mine.yaml"
    assert (
        run(capsys, "init", "demo", "--checklists", str(hostile_checklist), "-o", str(target))[0]
        == 0
    )
    text = target.read_text(encoding="utf-8")
    assert "# Assessment of Demo fake line\\x1b[2J 1.2.0." in text
    assert '  # answer: a whole number (rows has-data: answer: "yes"\\x1b[31m), >= 0' in text
    assert text.splitlines().count("  has-data:") == 1  # the item itself, no line the unit wrote
    code, out, _ = run(capsys, "validate", "--checklists", str(hostile_checklist), str(target))
    assert code == 0, out


def test_list_shows_a_hostile_title_on_one_line(
    capsys: pytest.CaptureFixture[str], hostile_checklist: Path
) -> None:
    code, out, _ = run(capsys, "list", str(hostile_checklist))
    assert code == 0
    assert out.splitlines() == [
        "ID    VERSION  ITEMS  TITLE",
        "demo  1.2.0      6  Demo fake line\\x1b[2J",
    ]


def test_github_annotations_escape_control_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('kind: checklist\n"a\\nb\\e[31m\\u0085": 1\n', encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--format", "github", str(bad))
    assert code == 1
    annotation = out.splitlines()[-2]
    assert annotation.startswith(
        f"::error file={bad},line=2,col=1,title=checklist unknown-key::a\\nb\\x1b[31m\\x85: "
    )
    assert not [c for c in out if c != "\n" and (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0)]


def checklist_command(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, from the repository root, with ``stdin`` as its standard input."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("checklist")), "--no-color", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("path", ["-", "/dev/stdin"])
def test_validate_reads_an_assessment_from_standard_input(path: str) -> None:
    """Standard input is read once: the assessment is kept until its checklist is found."""
    text = (ROOT / EXAMPLE).read_text(encoding="utf-8")
    done = checklist_command("validate", path, stdin=text)
    assert (done.returncode, done.stderr) == (0, ""), done.stdout
    name = "<stdin>" if path == "-" else path
    assert done.stdout.splitlines() == [
        f"{name}: ok (assessment of ml-test-score 1.1.0, 28 of 28 items answered)",
        "1 file checked: 1 valid, 0 invalid",
    ]


def test_report_reads_standard_input_beside_files() -> None:
    text = (ROOT / EXAMPLE).read_text(encoding="utf-8")
    done = checklist_command(
        "report",
        "-",
        "examples/restaurant-recommender-ml-fit.yaml",
        "--format",
        "json",
        stdin=text,
    )
    assert (done.returncode, done.stderr) == (0, "")
    reports = json.loads(done.stdout)
    assert [r["checklist"] for r in reports] == ["ml-test-score", "ml-fit"]


def test_report_takes_several_files_and_folders_one_report_each_in_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "report", EXAMPLE, "examples")
    assert (code, err) == (0, "")
    examples = sorted(p.name for p in (ROOT / "examples").glob("*.yaml"))
    reported = [line for line in out.splitlines() if " — " in line and line[:1] != " "]
    assert len(reported) == len(examples), reported  # the one named first is not repeated
    assert reported[0].startswith("The ML Test Score 1.1.0 — Food-delivery")
    code, out, _ = run(capsys, "report", "examples", "--format", "json")
    assert code == 0
    projects = [(report["project"], report["checklist"]) for report in json.loads(out)]
    assert len(projects) == len(examples)  # one report per file, in the files' order
    assert projects[:2] == [
        ("Personal-loan credit scoring", "ml-fit"),
        ("Personal-loan credit scoring", "system-requirements"),
    ]
    code, out, _ = run(capsys, "report", EXAMPLE, "--format", "json")
    assert isinstance(json.loads(out), dict)  # one file named: one object, as before


def test_report_on_several_files_reports_the_valid_ones_and_fails_for_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: assessment\n", encoding="utf-8")
    code, out, err = run(capsys, "report", str(bad), EXAMPLE)
    assert code == 1
    assert out.startswith("The ML Test Score 1.1.0")
    assert f"{bad}:1:1: error: missing required key 'checklist'" in err
    assert err.endswith(f"failing: {bad}\n2 files checked: 1 valid, 1 invalid, 4 errors\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compat"], "the following arguments are required: BASE_DIR\n"),
        (["schema"], "checklist schema: error: missing KIND: expected checklist or assessment"),
        (
            ["schema", "checklst"],
            "unknown kind 'checklst'; did you mean 'checklist'? expected checklist or assessment",
        ),
        (
            ["init", "ml-tst-score"],
            "unknown checklist 'ml-tst-score'; did you mean 'ml-test-score'?",
        ),
        (["list", "--checklists", "nowhere"], "--checklists nowhere: no such folder"),
    ],
)
def test_usage_errors_say_exactly_what_is_missing_or_mistyped(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert message in err


def test_list_takes_checklists_folders_beside_the_known_ones(
    capsys: pytest.CaptureFixture[str], hostile_checklist: Path
) -> None:
    code, out, _ = run(capsys, "list", "--checklists", str(hostile_checklist))
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()[1:]]
    assert "demo" in ids
    assert "ml-test-score" in ids


def test_list_fails_and_says_why_when_a_folders_checklists_are_all_invalid(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.yaml").write_text("kind: checklist\n", encoding="utf-8")
    code, out, err = run(capsys, "list", str(tmp_path))
    assert (code, out) == (1, "")
    assert (
        f"checklist list: error: no valid checklist in {tmp_path}: {tmp_path / 'a.yaml'} is not "
        f"a valid checklist; see: checklist validate {tmp_path / 'a.yaml'}"
    ) in err


def test_init_creates_the_folder_of_its_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "design" / "reviews" / "ml-fit.yaml"
    code, _, err = run(capsys, "init", "ml-fit", "-o", str(target))
    assert code == 0, err
    assert run(capsys, "validate", str(target))[0] == 0


def test_every_command_shows_an_example_in_its_help() -> None:
    from checklist.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in commands.choices.items():
        help_text = command.format_help()
        assert "example" in help_text, name
        assert f"\n  checklist {name}" in help_text, name


def test_the_written_out_usage_of_schema_names_every_option() -> None:
    from checklist.cli import build_parser

    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    schema = commands.choices["schema"]
    usage = schema.format_usage()
    assert usage.rstrip().endswith("KIND")
    for action in schema._actions:
        if action.option_strings:
            assert action.option_strings[0] in usage, action.option_strings
