"""Compiled templates kept between site builds (checklist.site.compiled), and the work a
site build does once (checklist.site.macros)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from jinja2 import DictLoader, Environment

from checklist.site import render
from checklist.site.compiled import CACHE, KeptTemplates
from checklist.site.macros import SiteBuild
from tests.conftest import ROOT
from tests.test_render import DEMO

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SOURCE = "{% for x in items %}<b>{{ x }}</b>{% endfor %}"


def _env(folder: Path, source: str = SOURCE, compiler: str = "one") -> Environment:
    return Environment(
        loader=DictLoader({"t.html": source}),
        autoescape=True,
        bytecode_cache=KeptTemplates(folder, compiler),
    )


def _compiles(env: Environment, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates `env` compiles from here on."""
    compiled: list[str] = []
    original = env.compile

    def compile_(source: str, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(str(name))
        return original(source, name, *args, **kwargs)

    monkeypatch.setattr(env, "compile", compile_)
    return compiled


def test_a_template_compiles_once_and_renders_the_same_from_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _env(tmp_path)
    assert _compiles(first, monkeypatch) == []
    html = first.get_template("t.html").render(items=["<a>", "b"])
    assert len(list(tmp_path.iterdir())) == 1
    again = _env(tmp_path)
    compiled = _compiles(again, monkeypatch)
    assert again.get_template("t.html").render(items=["<a>", "b"]) == html
    assert html == "<b>&lt;a&gt;</b><b>b</b>"
    assert compiled == []


def test_an_edited_template_or_another_compiler_compiles_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _env(tmp_path).get_template("t.html")
    edited = _env(tmp_path, source="<i>{{ items | length }}</i>")
    compiled = _compiles(edited, monkeypatch)
    assert edited.get_template("t.html").render(items=[1, 2]) == "<i>2</i>"
    assert compiled == ["t.html"]
    other = _env(tmp_path, compiler="two")
    compiled = _compiles(other, monkeypatch)
    assert other.get_template("t.html").render(items=[1]) == "<b>1</b>"
    assert compiled == ["t.html"]
    # The other compiler's file replaces the first one's: one file a template.
    assert len(list(tmp_path.iterdir())) == 1


def test_a_folder_that_cannot_be_written_or_a_broken_file_only_means_compiling(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert _env(blocked / "cache").get_template("t.html").render(items=[1]) == "<b>1</b>"
    _env(tmp_path / "cache").get_template("t.html")
    for kept in (tmp_path / "cache").iterdir():
        kept.write_bytes(kept.read_bytes()[:20])  # cut short, as by a crash
    assert _env(tmp_path / "cache").get_template("t.html").render(items=[2]) == "<b>2</b>"


@pytest.fixture
def kept_templates(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / CACHE
    render.keep_compiled(folder)
    memory = render._templates().cache
    if memory is not None:  # templates compiled by earlier tests load from the folder
        memory.clear()
    try:
        yield folder
    finally:
        render.keep_compiled(None)


def test_the_site_renders_the_same_with_kept_templates(kept_templates: Path) -> None:
    ctx = render.SiteContext(base_url="/base/")
    pages = [render.render_page(DEMO, ctx, page="checklists/demo.md") for _ in range(2)]
    render.keep_compiled(None)
    assert pages == [render.render_page(DEMO, ctx, page="checklists/demo.md")] * 2
    assert {path.name.partition("-")[2] for path in kept_templates.iterdir()} >= {
        "form.html",
        "intro.html",
    }


def test_a_site_build_keeps_its_templates_beside_mkdocs_yml(tmp_path: Path) -> None:
    config = {"site_url": "/", "config_file_path": str(tmp_path / "mkdocs.yml")}
    try:
        SiteBuild(ROOT, config)
        cache = render._templates().bytecode_cache
        assert isinstance(cache, KeptTemplates)
        assert cache.folder == tmp_path / CACHE
        SiteBuild(ROOT, {"site_url": "/"})  # no configuration file: nothing kept
        assert render._templates().bytecode_cache is None
    finally:
        render.keep_compiled(None)


def test_each_assessment_is_evaluated_once_per_build(monkeypatch: pytest.MonkeyPatch) -> None:
    from checklist.engine import evaluate

    build = SiteBuild(ROOT, {"site_url": "/"})
    calls: list[str] = []

    def counted(checklist: Any, assessment: Any) -> Any:
        calls.append(assessment.checklist.id)
        return evaluate(checklist, assessment)

    monkeypatch.setattr("checklist.site.macros.evaluate", counted)
    files = [
        "examples/restaurant-recommender-ml-fit.yaml",
        "examples/credit-scoring-ml-fit.yaml",
    ]
    reports = [build.assessment_report(file) for file in files]
    table = build.portfolio(*files)
    assert len(calls) == 2
    assert [build.assessment_report(file) for file in files] == reports
    assert build.portfolio(*files) == table
    assert len(calls) == 2
