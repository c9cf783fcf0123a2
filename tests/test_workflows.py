"""The GitHub workflows: free of actionlint and zizmor findings, pinned, and running the
same commands as .ci/run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def test_workflows_have_no_zizmor_findings() -> None:
    zizmor = Path(sys.executable).with_name("zizmor")
    assert zizmor.exists(), "zizmor is a dev dependency: pip install -e '.[dev]'"
    done = subprocess.run(
        [str(zizmor), "--offline", "--persona", "pedantic", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


def test_workflows_have_no_actionlint_findings() -> None:
    actionlint = Path(sys.executable).with_name("actionlint")
    assert actionlint.exists(), "actionlint is a dev dependency: pip install -e '.[dev]'"
    done = subprocess.run(
        [str(actionlint), *sorted(str(p) for p in WORKFLOWS.glob("*.yml"))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_ci_workflow_runs_what_ci_run_runs() -> None:
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    workflow = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    assert "make test" in ci_run
    assert "make test" in workflow
    assert "apt-get install" in ci_run
    assert "apt-get install" in workflow
    for version in ("3.10", "3.11", "3.12", "3.13"):
        assert f'"{version}"' in workflow


def test_every_action_is_pinned_to_a_commit() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                reference = line.split("uses:", 1)[1].split("#", 1)[0].strip()
                name, _, version = reference.partition("@")
                assert len(version) == 40, (
                    f"{path.name}: {name} is pinned to {version!r}, not a commit"
                )
                assert "# v" in line, f"{path.name}: say which version {name}@{version} is"
