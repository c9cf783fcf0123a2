"""`checklist new chapter`: a scaffolded chapter validates and builds at once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from checklist.cli import main
from checklist.scaffold import ScaffoldError, add_to_nav, new_chapter, new_checklist
from tests.conftest import ROOT, build_site, copy_project

NAV = """\
site_name: Demo
# The nav: keep the chapters in reading order.
nav:
  - Home: index.md
  - Chapters:
      - chapters/one.md   # the first chapter
      - Part two:
          - chapters/two.md
      # more chapters go here
  - Checklists:
      - checklists/one.md
  - About: about.md

plugins:
  - macros:
      on_error_fail: !ENV [CI, false]
"""


TITLE = "Scaffold smoke test </title><script>window.__pwned = 1</script> & *more* [link](x)"
"""A title with HTML and Markdown in it, which the pages must show as text."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository with the chapter 'scaffold-smoke-test' scaffolded and built."""
    project = copy_project(tmp_path_factory.mktemp("scaffold"))
    written = new_chapter(project, "scaffold-smoke-test", title=TITLE)
    assert written == [
        project / "docs" / "chapters" / "scaffold-smoke-test.md",
        project / "checklists" / "scaffold-smoke-test.yaml",
        project / "docs" / "checklists" / "scaffold-smoke-test.md",
        project / "mkdocs.yml",
    ]
    return project


def test_the_scaffolded_checklist_validates(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    code = main(["--no-color", "validate", "checklists"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert (
        "checklists/scaffold-smoke-test.yaml: ok (checklist scaffold-smoke-test 0.1.0, 1 item)"
        in out
    )


def test_the_scaffolded_chapter_builds_strictly_and_shows_its_item(project: Path) -> None:
    done = build_site(project, "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    chapter = project / "site" / "chapters" / "scaffold-smoke-test" / "index.html"
    soup = BeautifulSoup(chapter.read_text(encoding="utf-8"), "html.parser")
    assert soup.h1 is not None
    assert next(soup.h1.stripped_strings) == TITLE
    assert soup.title is not None
    assert soup.title.get_text() == f"{TITLE} - ML Systems Design Checklists"
    assert not soup.select("article script, h1 a[href='x']")
    heading = soup.find("h2", id="first-point")
    assert heading is not None
    items = heading.find_next(class_="ckl-items")
    assert items is not None
    assert "Does your system meet the first point of this chapter?" in items.get_text()
    page = project / "site" / "checklists" / "scaffold-smoke-test" / "index.html"
    form = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".ckl-form")
    assert form is not None
    assert len(form.select("fieldset.ckl-item")) == 1
    checklist_page = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert checklist_page.title is not None
    assert checklist_page.title.get_text() == f"{TITLE} - ML Systems Design Checklists"


def test_the_nav_gains_two_lines_and_keeps_the_rest(project: Path) -> None:
    before = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    after = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    added = [line for line in after if line not in before]
    assert added == [
        "      - chapters/scaffold-smoke-test.md",
        "      - checklists/scaffold-smoke-test.md",
    ]
    assert [line for line in after if line not in added] == before
    # Each new page is the last entry of its list: after the list's other pages.
    for line, folder in ((added[0], "chapters"), (added[1], "checklists")):
        at = after.index(line)
        assert after[at - 1].startswith(f"      - {folder}/"), after[at - 1]
        assert not after[at + 1].startswith(f"      - {folder}/"), after[at + 1]


def test_the_scaffold_writes_the_pages_the_site_expects(project: Path) -> None:
    chapter = (project / "docs" / "chapters" / "scaffold-smoke-test.md").read_text(encoding="utf-8")
    assert chapter.startswith(
        "---\nrender_macros: true\n---\n\n# Scaffold smoke test &lt;/title&gt;&lt;script&gt;"
        "window.\\_\\_pwned = 1&lt;/script&gt; &amp; \\*more\\* \\[link\\]\\(x\\)\n"
    )
    assert "## First point {#first-point}" in chapter
    assert '{{ checklist_items("scaffold-smoke-test", "first-point") }}' in chapter
    page = (project / "docs" / "checklists" / "scaffold-smoke-test.md").read_text(encoding="utf-8")
    assert (
        page
        == '---\nrender_macros: true\nhide: [toc]\n---\n\n{{ checklist_page("scaffold-smoke-test") }}\n'
    )


def test_an_existing_chapter_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError, match=r"chapter 'stakeholders' already exists: "):
        new_chapter(project, "stakeholders")
    (project / "checklists" / "ml-fit.yaml").rename(project / "checklists" / "fit.yaml")
    (project / "docs" / "checklists" / "ml-fit.md").unlink()
    with pytest.raises(ScaffoldError, match=r"checklist id 'ml-fit' is already used by"):
        new_chapter(project, "ml-fit")
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == config
    assert not (project / "docs" / "chapters" / "ml-fit.md").exists()


@pytest.mark.parametrize(
    "name", ["Data-Quality", "data_quality", "data--quality", "-data", "", "x" * 65]
)
def test_an_invalid_name_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ScaffoldError, match="is not a valid name"):
        new_chapter(tmp_path, name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("title", ["", "two\nlines", "{{ macro }}"])
def test_a_bad_title_is_refused(tmp_path: Path, title: str) -> None:
    with pytest.raises(ScaffoldError, match="expected one line of 1 to 300 characters"):
        new_chapter(tmp_path, "scaffold-smoke-test", title=title)


def test_a_folder_without_mkdocs_yml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError, match=r"no mkdocs\.yml in"):
        new_chapter(tmp_path, "scaffold-smoke-test")


def test_add_to_nav_appends_to_the_list_and_keeps_comments() -> None:
    text = add_to_nav(NAV, "Chapters", "chapters/three.md")
    text = add_to_nav(text, "Checklists", "checklists/three.md")
    assert text == NAV.replace(
        "      # more chapters go here\n",
        "      # more chapters go here\n      - chapters/three.md\n",
    ).replace(
        "      - checklists/one.md\n", "      - checklists/one.md\n      - checklists/three.md\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("site_name: Demo\n", "mkdocs.yml has no top-level 'nav:'"),
        (NAV.replace("  - Chapters:", "  - Pages:"), "no '- Chapters:' list in the nav"),
        (NAV, "the nav already lists chapters/two.md"),
    ],
)
def test_add_to_nav_fails_clearly(text: str, message: str) -> None:
    entry = "chapters/two.md" if "already" in message else "chapters/three.md"
    with pytest.raises(ScaffoldError, match=re.escape(message)):
        add_to_nav(text, "Chapters", entry)


# A team's own checklist, outside this site.


def test_a_teams_own_checklist_needs_no_site_and_is_found_by_init_and_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "checklist", "data-privacy", "--title", "Data privacy review"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("wrote checklists/data-privacy.yaml\n")
    assert main(["--no-color", "validate", "checklists/data-privacy.yaml"]) == 0
    capsys.readouterr()
    # init and report find it in ./checklists, with no --checklists.
    assert main(["init", "data-privacy", "-o", "a.yaml"]) == 0
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    answered = text.replace("\n    answer: null", '\n    answer: "yes"', 1).replace(
        "\n    answer: null", "\n    answer: manual", 1
    )
    (tmp_path / "a.yaml").write_text(answered, encoding="utf-8")
    capsys.readouterr()
    assert main(["--no-color", "report", "a.yaml"]) == 0
    report = capsys.readouterr().out
    # A manual check is not "ready": the verdict says what is missing.
    assert "Verdict: Work needed" in report
    assert "Data privacy review 0.1.0" in report


def test_a_teams_own_checklist_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "checklist", "mine"]) == 0
    before = (tmp_path / "checklists" / "mine.yaml").read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["new", "checklist", "mine"])
    assert stop.value.code == 2
    assert "checklists/mine.yaml already exists; not overwriting it" in capsys.readouterr().err
    assert (tmp_path / "checklists" / "mine.yaml").read_text(encoding="utf-8") == before
    with pytest.raises(ScaffoldError, match="is not a valid name"):
        new_checklist(tmp_path, "Mine!")
