"""The pre-commit hook, run by the real pre-commit in a team's repository.

The repository pins this project by path and commit (a commit of the working tree, so
that the hook under test is the one in this checkout), and also holds the YAML files of
other tools that every repository has: pre-commit's own config, a workflow, a compose
file with a merge key. With the hook's default settings, those pass in silence and an
assessment with a wrong answer fails with its file, line and column.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=folder, env=ENV, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def snapshot(target: Path) -> str:
    """This checkout's files as they are now, committed in a new repository; its commit."""
    files = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, files.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return git(target, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def team_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    hook = tmp_path_factory.mktemp("hook")
    rev = snapshot(hook)
    repo = tmp_path_factory.mktemp("team")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook}\n    rev: {rev}\n    hooks:\n      - id: checklist-validate\n",
        encoding="utf-8",
    )
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text(
        "on: push\njobs:\n  test: {runs-on: ubuntu-latest, steps: [{run: make}]}\n",
        encoding="utf-8",
    )
    (repo / "compose.yaml").write_text(
        "x-base: &base {image: app}\nservices:\n  web:\n    <<: *base\n", encoding="utf-8"
    )
    (repo / "design").mkdir()
    shutil.copy(ROOT / "examples" / "restaurant-recommender-ml-fit.yaml", repo / "design")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    return repo


def pre_commit(repo: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files", "--color", "never"],
        cwd=repo,
        env={**ENV, "PRE_COMMIT_HOME": str(cache)},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_the_hook_passes_a_repository_with_other_yaml_and_fails_a_wrong_answer(
    team_repo: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    done = pre_commit(team_repo, cache)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Validate ML design checklists and assessments" in done.stdout
    assert "Passed" in done.stdout
    assessment = team_repo / "design" / "restaurant-recommender-ml-fit.yaml"
    text = assessment.read_text(encoding="utf-8")
    wrong = text.replace('answer: "yes"', "answer: maybe", 1)
    assert wrong != text
    assessment.write_text(wrong, encoding="utf-8")
    git(team_repo, "add", "-A")
    done = pre_commit(team_repo, cache)
    assert done.returncode == 1, done.stdout
    out = done.stdout
    assert "design/restaurant-recommender-ml-fit.yaml:" in out
    assert "found 'maybe'" in out
    assert out.count("file checked") + out.count("files checked") == 1  # one summary
    assert "compose.yaml" not in out
    assert "ci.yml" not in out
