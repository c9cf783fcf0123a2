"""The form's modules and the files the site serves from them (checklist.site.assets)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from checklist.site import assets
from tests.conftest import ROOT

FOLDER = ROOT / "docs" / assets.FOLDER
MAX_LINES = 400
"""A module longer than this has more than one job: split it."""


def test_every_module_of_the_form_is_short() -> None:
    long = {
        str(path.relative_to(FOLDER)): n
        for path in FOLDER.rglob("*")
        if path.is_file() and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"over {MAX_LINES} lines: {long}"


def test_the_bundles_are_made_of_every_module_and_only_of_modules() -> None:
    on_disk = sorted(
        str(path.relative_to(FOLDER))
        for path in FOLDER.rglob("*")
        if path.suffix in (".js", ".css")
    )
    assert sorted(assets.modules()) == on_disk
    assert len(set(assets.modules())) == len(assets.modules()), "a module in two bundles"


def test_a_script_is_one_minified_line_that_keeps_the_names_the_page_and_tests_use() -> None:
    served = assets.build(FOLDER, "checklist.min.js")
    assert "\n" not in served.strip()
    for name in ("ChecklistEvaluator", "ChecklistForm", "document$"):
        assert name in served
    # Local names are shortened: the form's own function names do not survive.
    assert "function verdictBox" not in served
    assert "function chartWords" not in served


def test_the_style_sheet_keeps_the_cascade_order_of_its_parts() -> None:
    served = assets.build(FOLDER, "checklist.min.css")
    assert served.index("@media print") > served.index(".ckl-result")
    assert "/*" not in served


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "checklist"
    shutil.copytree(FOLDER, folder)
    return folder


def test_a_module_that_does_not_parse_is_named_with_its_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    module = folder / "form" / "charts.js"
    lines = module.read_text(encoding="utf-8").splitlines()
    lines[9] = "var broken = (;"
    module.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PluginError) as caught:
        assets.build(folder, "checklist.min.js")
    message = str(caught.value)
    assert str(module) in message
    assert "10:" in message, message
    assert "ES5" in message


def test_es2015_syntax_is_refused_with_its_module(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    module = folder / "evaluator" / "api.js"
    module.write_text(module.read_text(encoding="utf-8") + "var square = (x) => x * x;\n", "utf-8")
    with pytest.raises(PluginError, match=r"api\.js"):
        assets.build(folder, "checklist.min.js")


def test_a_missing_module_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "form" / "thread.js").unlink()
    with pytest.raises(PluginError, match=r"thread\.js"):
        assets.build(folder, "checklist.min.js")


def test_minified_files_are_kept_between_builds_until_a_module_changes(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    cache = tmp_path / "cache"
    first = assets.build(folder, "checklist.min.js", cache)
    kept = sorted(cache.glob("*-checklist.min.js"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == first
    # Taken from the cache: a file there is what the site serves, as long as it is there.
    kept[0].write_text("/* kept */", encoding="utf-8")
    assert assets.build(folder, "checklist.min.js", cache) == "/* kept */"
    # A changed module makes a new file, and the one it replaces goes.
    module = folder / "form" / "charts.js"
    module.write_text(module.read_text(encoding="utf-8") + "\nvar added = 1;\n", "utf-8")
    again = assets.build(folder, "checklist.min.js", cache)
    assert again != "/* kept */"
    assert again != first
    assert [p.read_text(encoding="utf-8") for p in cache.glob("*-checklist.min.js")] == [again]
    assert assets.build(folder, "checklist.min.js") == again  # the same as without a cache


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    assert assets.build(FOLDER, "checklist.min.css", blocked) == assets.build(
        FOLDER, "checklist.min.css"
    )
