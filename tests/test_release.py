"""Install as the README says, and build as the release workflow does.

- A fresh virtual environment installs the project from a clone with pip (no editable
  install, nothing from this checkout's own environment), and `checklist validate` then
  works in another folder: the shipped checklists travel inside the wheel.
- `python -m build` makes the sdist and the wheel; `twine check --strict` passes, and
  `.ci/check_release.py` accepts them for the package's own tag and refuses another.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from checklist.__about__ import __version__
from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=900, check=False
    )


def clone(target: Path) -> Path:
    """This checkout's tracked and new files, as a clone would have them."""
    listed = run("git", "-C", ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clone(tmp_path_factory.mktemp("clone") / "ml-design-checklist")


def test_a_fresh_venv_installs_it_as_the_readme_says_and_it_works_elsewhere(
    source: Path, tmp_path: Path
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python -m pip install ./ml-design-checklist" in readme
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    done = run(python, "-m", "pip", "install", "./ml-design-checklist", cwd=source.parent)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    elsewhere = tmp_path / "team-repo"
    elsewhere.mkdir()
    shutil.copy(ROOT / "examples" / "restaurant-recommender-ml-fit.yaml", elsewhere / "a.yaml")
    done = run(env / "bin" / "checklist", "validate", "a.yaml", cwd=elsewhere)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "a.yaml: ok (assessment of ml-fit" in done.stdout
    done = run(env / "bin" / "checklist", "--version", cwd=elsewhere)
    assert __version__ in done.stdout


def test_the_release_build_passes_its_checks(source: Path, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    done = run(BIN / "python", "-m", "build", "--outdir", dist, source)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    files = [str(p) for p in sorted(dist.iterdir())]
    done = run(BIN / "twine", "check", "--strict", *files)
    assert done.returncode == 0, done.stdout + done.stderr
    check = ROOT / ".ci" / "check_release.py"
    done = run(BIN / "python", check, f"v{__version__}", dist)
    assert done.returncode == 0, done.stderr
    done = run(BIN / "python", check, "v9.9.9", dist)
    assert done.returncode == 1
    assert f"the tag v9.9.9 is not the package's version v{__version__}" in done.stderr
