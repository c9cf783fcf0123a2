"""Executable design checklists for machine-learning systems.

Load checklists and a team's answers (assessments), validate them with
problems located at `file:line:column`, and evaluate answers into scores,
risks, a verdict and an improvement plan.

The flow is one way: load (`load_path`) → validate (`validate_paths`) →
evaluate (`evaluate`) → report (`render_report`).
"""

from __future__ import annotations

from checklist.__about__ import __version__

# `typing` costs more than the rest of start-up: the CLI's --help and --version do
# without it (type checkers read this constant as typing.TYPE_CHECKING).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from checklist.catalog import FileReport, Validation, validate_loaded, validate_paths
    from checklist.engine import Result, evaluate, evaluate_answers
    from checklist.loader import Loaded, load_bytes, load_path
    from checklist.models import Answer, Assessment, Checklist, Item, Section
    from checklist.problems import Problem
    from checklist.report import render_report
    from checklist.schema import json_schema

__all__ = [
    "Answer",
    "Assessment",
    "Checklist",
    "FileReport",
    "Item",
    "Loaded",
    "Problem",
    "Result",
    "Section",
    "Validation",
    "__version__",
    "evaluate",
    "evaluate_answers",
    "json_schema",
    "load_bytes",
    "load_path",
    "render_report",
    "validate_loaded",
    "validate_paths",
]

# Public names are imported on first use, so that `import checklist` (and the CLI's
# --help) does not pay for pydantic until a command needs it.
_HOMES = {
    "FileReport": "catalog",
    "Validation": "catalog",
    "validate_loaded": "catalog",
    "validate_paths": "catalog",
    "Result": "engine",
    "evaluate": "engine",
    "evaluate_answers": "engine",
    "Loaded": "loader",
    "load_bytes": "loader",
    "load_path": "loader",
    "Answer": "models",
    "Assessment": "models",
    "Checklist": "models",
    "Item": "models",
    "Section": "models",
    "Problem": "problems",
    "render_report": "report",
    "json_schema": "schema",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'checklist' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"checklist.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
