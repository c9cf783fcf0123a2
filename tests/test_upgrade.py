"""``checklist upgrade``: answers to a checklist's previous major version, carried over.

``tests/cases/upgrade/`` holds version 1.3.0 and 2.0.0 of a small checklist (2.0.0 renames,
splits, merges and removes items, renames answers, narrows a range and withdraws "not
applicable") and a team's answers to 1.3.0. ``expected.txt`` is what the dry run prints,
``expected.yaml`` the upgraded file (``CHECKLIST_UPDATE_GOLDEN=1`` rewrites both).
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from checklist.catalog import validate_paths
from checklist.compat import compare_folders
from checklist.loader import load_bytes
from checklist.models import Answer, Checklist
from checklist.problems import Problem
from checklist.site.render import SiteContext, form_data
from checklist.upgrade import upgrade_answers
from tests.conftest import CASES, run_cli

run = run_cli

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

UPGRADE = CASES / "upgrade"
V1, V2 = UPGRADE / "v1", UPGRADE / "v2"


def copy(tmp_path: Path) -> Path:
    target = tmp_path / "assessment.yaml"
    shutil.copy(UPGRADE / "assessment.yaml", target)
    return target


def golden(name: str, text: str) -> None:
    path = UPGRADE / name
    if os.environ.get("CHECKLIST_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_validate_on_an_old_file_says_to_run_upgrade(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "validate", str(UPGRADE / "assessment.yaml"), "--checklists", str(V2)
    )
    assert code == 1
    assert "a new major version; run 'checklist upgrade" in out


def test_the_dry_run_shows_the_change_and_what_to_answer_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "upgrade", target.name, "--checklists", str(V2))
    assert (code, err) == (0, "")
    golden("expected.txt", out)
    assert target.read_text(encoding="utf-8") == (UPGRADE / "assessment.yaml").read_text(
        encoding="utf-8"
    )


def test_write_applies_it_and_the_result_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = copy(tmp_path)
    code, out, _ = run(capsys, "upgrade", str(target), "--write", "--checklists", str(V2))
    assert code == 0
    assert out.splitlines()[-1] == f"wrote {target}"
    golden("expected.yaml", target.read_text(encoding="utf-8"))
    validation = validate_paths([str(target)], checklist_folders=[V2])
    assert validation.ok, [str(p) for p in validation.problems]
    # Upgraded once, the file is on the new major version: nothing more to do.
    code, out, _ = run(capsys, "upgrade", str(target), "--checklists", str(V2))
    assert code == 0
    assert "nothing to upgrade" in out


def _v2() -> Checklist:
    loaded = load_bytes((V2 / "survey.yaml").read_bytes(), file="survey.yaml")
    assert isinstance(loaded.document, Checklist), loaded.problems
    return loaded.document


def test_each_kind_of_mapping() -> None:
    done = upgrade_answers(
        _v2(),
        {
            "owner": Answer(answer=True),
            "tests": Answer(answer="auto"),
            "data-docs": Answer(answer="yes"),
            "schema-docs": Answer(answer="yes", note="In the wiki."),
            "monitoring": Answer(answer="no", evidence=["https://example.org/d"]),
            "legacy-report": Answer(answer="yes"),
            "gone-without-a-word": Answer(answer="yes"),
            "team-size": Answer(answer=4),
        },
    )
    answers = {k: v.answer for k, v in done.answers.items()}
    assert answers == {
        "owner-named": "yes",  # renamed; true is yes
        "testing": "automated",  # renamed answer
        "documentation": "yes",  # merged: both yes
        "input-monitoring": "no",  # split: both take it
        "output-monitoring": "no",
        "team-size": 4,  # same id, still fits
    }
    assert done.answers["documentation"].note == "schema-docs: In the wiki."  # which it was
    assert done.answers["output-monitoring"].evidence == ["https://example.org/d"]
    assert done.again == {}
    assert done.new == ["privacy", "on-call"]
    assert done.removed == {
        "legacy-report": "The weekly report was replaced by the dashboard.",
        "gone-without-a-word": "not in this version",
    }
    assert done.carried["documentation"] == ["data-docs", "schema-docs"]


def test_no_upgrade_from_that_version_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "v3"
    folder.mkdir()
    text = (V2 / "survey.yaml").read_text(encoding="utf-8").replace("2.0.0", "3.0.0")
    (folder / "survey.yaml").write_text(text.split("\nupgrade:")[0] + "\n", encoding="utf-8")
    code, _, err = run(
        capsys, "upgrade", str(UPGRADE / "assessment.yaml"), "--checklists", str(folder)
    )
    assert code == 2
    assert "survey 3.0.0 declares no upgrade from 1.x; answer it again" in err


def test_without_a_block_a_major_version_follows_the_previous_one_by_item_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "v2"
    folder.mkdir()
    text = (V2 / "survey.yaml").read_text(encoding="utf-8")
    (folder / "survey.yaml").write_text(text.split("\nupgrade:")[0] + "\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "upgrade", str(UPGRADE / "assessment.yaml"), "--checklists", str(folder)
    )
    assert code == 0
    # Only privacy and team-size have the same ids; neither answer fits any more.
    assert "survey 1.3.0 → 2.0.0: 0 answers carried over" in out
    assert "  legacy-report: not in this version" in out


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{from: owner, to: owner-name}", "no item 'owner-name' in this version"),
        ("{from: owner, to: owner-named, removed: x}", "expected either 'to'"),
        ("{from: owner}", "expected either 'to'"),
        ("{from: tests, to: testing, answers: {auto: robot}}", "'auto' maps to an answer"),
        (
            "{from: monitoring, to: input-monitoring}\n    - {from: monitoring, removed: x}",
            "item 'monitoring' of version 1 is already mapped in entry 1",
        ),
    ],
)
def test_a_wrong_upgrade_block_is_located(tmp_path: Path, entry: str, message: str) -> None:
    text = (V2 / "survey.yaml").read_text(encoding="utf-8").split("\nupgrade:")[0]
    text += f"\nupgrade:\n  from: 1\n  items:\n    - {entry}\n"
    problems = _problems(tmp_path, text)
    found = [p for p in problems if message in p.message]
    assert found, [str(p) for p in problems]
    assert found[0].line > text.count("\n") - entry.count("\n") - 2  # at the entry


def _problems(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "survey.yaml"
    path.write_text(text, encoding="utf-8")
    return validate_paths([str(path)]).problems


def test_an_upgrade_comes_from_an_earlier_major_version(tmp_path: Path) -> None:
    text = (V2 / "survey.yaml").read_text(encoding="utf-8").replace("  from: 1", "  from: 2")
    problems = _problems(tmp_path, text)
    assert [p.message for p in problems if p.code == "upgrade-from"] == [
        "an upgrade comes from an earlier major version: expected a number below 2, found 2"
    ]


def test_compat_wants_the_mapping_of_a_major_version(tmp_path: Path) -> None:
    new = tmp_path / "new"
    new.mkdir()
    text = (V2 / "survey.yaml").read_text(encoding="utf-8")
    assert compare_folders(V1, [str(V2)]).ok
    (new / "survey.yaml").write_text(text.split("\nupgrade:")[0] + "\n", encoding="utf-8")
    problems = compare_folders(V1, [str(new)]).problems
    assert {p.code for p in problems} == {"upgrade-unmapped"}
    assert len(problems) == 6  # every id of 1.3.0 that 2.0.0 no longer has
    assert "no 'upgrade' block says what became of it" in problems[0].message
    (new / "survey.yaml").write_text(
        text.replace(
            "    - {from: legacy-report, removed: The weekly report was replaced by"
            " the dashboard.}\n",
            "    - {from: legacy-reports, removed: Gone.}\n",
        ),
        encoding="utf-8",
    )
    messages = [p.message for p in compare_folders(V1, [str(new)]).problems]
    assert any("item 'legacy-reports' is not in 1.3.0" in m for m in messages), messages
    assert any("item 'legacy-report' of 1.3.0 is gone" in m for m in messages), messages


# -- The same rules in the browser: the vectors of tests/conformance/upgrade/ ------------

VECTORS = CASES.parent / "conformance" / "upgrade"
VECTOR_FILES = sorted(path.name for path in VECTORS.glob("*.yaml"))


def _vector(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((VECTORS / name).read_text(encoding="utf-8"))
    assert set(data) == {"description", "checklist", "answers", "expected"}
    return data


def _outcome(done: dict[str, Any]) -> dict[str, Any]:
    """What both engines must agree on: the entries, and which items are in each list."""
    return {
        "answers": done["answers"],
        "again": sorted(done["again"]),
        "removed": sorted(done["removed"]),
        "new": sorted(done["new"]),
    }


def _expected(name: str) -> dict[str, Any]:
    return _outcome(_vector(name)["expected"])


def _python(name: str) -> dict[str, Any]:
    data = _vector(name)
    checklist = Checklist.model_validate(data["checklist"])
    done = upgrade_answers(
        checklist, {k: Answer.model_validate(v) for k, v in data["answers"].items()}
    )
    answers = {
        item: entry.model_dump(exclude_defaults=True) for item, entry in done.answers.items()
    }
    return _outcome(
        {"answers": answers, "again": done.again, "removed": done.removed, "new": done.new}
    )


@pytest.mark.parametrize("name", VECTOR_FILES)
def test_upgrade_vector_in_python(name: str) -> None:
    assert _python(name) == _expected(name)


@pytest.fixture(scope="module")
def upgrade_page(browser: Any, server: str) -> Iterator[Any]:
    """A checklist page of the built site, with the form's scripts and upgrade.min.js as the
    site serves it."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/checklists/ml-fit/")
    page.wait_for_function("() => typeof window.ChecklistForm === 'object'")
    page.add_script_tag(url=server + "/assets/checklist/upgrade.min.js")
    yield page
    context.close()


@pytest.mark.parametrize("name", VECTOR_FILES)
def test_upgrade_vector_in_the_browser(name: str, upgrade_page: Any) -> None:
    data = _vector(name)
    checklist = form_data(Checklist.model_validate(data["checklist"]), SiteContext())
    done = upgrade_page.evaluate(
        "([c, a]) => ChecklistUpgrade.upgrade(c, a, ChecklistForm.answerProblem)",
        [checklist, data["answers"]],
    )
    assert _outcome(done) == _expected(name)


def test_what_the_old_file_says_cannot_forge_lines_of_the_upgraded_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = copy(tmp_path)
    text = target.read_text(encoding="utf-8")
    forged = '"0\\n  on-call: {answer: \\"yes\\"}\\n# x"'
    text = text.replace(
        "team-size: {answer: 0, note: Nobody full time.}",
        f"team-size: {{answer: 0, note: {forged}}}",
    )
    text = text.replace(
        'owner: {answer: "yes", note: Ana owns it.}',
        'owner: {answer: "yes", note: "# not a comment \\u0007 and: no key"}',
    )
    target.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "upgrade", str(target), "--write", "--checklists", str(V2))
    assert (code, err) == (0, "")
    written = target.read_text(encoding="utf-8")
    loaded = load_bytes(written.encode(), file="x.yaml")
    assert loaded.document is not None
    answers = loaded.document.answers  # type: ignore[union-attr]
    # The note stayed a note: no answer was planted for on-call, nothing became a key.
    assert answers["on-call"].answer is None
    assert "on-call: {answer" in (answers["team-size"].note or "")
    assert answers["owner-named"].note == "# not a comment \a and: no key"
