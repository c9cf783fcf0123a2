"""Validation results as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run of one tool: each problem is a result whose rule is the problem's
`checklist.problems.Problem.code`, at its file (a URI relative to the working
directory) and its line and column. Columns count characters, as the problems
do, so the run says ``columnKind: unicodeCodePoints``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from checklist.__about__ import SITE_URL, __version__
from checklist.reading import STDIN_NAME

if TYPE_CHECKING:
    from checklist.catalog import Validation
    from checklist.problems import Problem

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "gate": "error", "warning": "warning"}
"""SARIF levels by problem severity: a failed gate fails the run as an error does."""


def sarif_log(validation: Validation, *, root: str | None = None) -> dict[str, Any]:
    """The SARIF log of a validation; file URIs are relative to ``root`` (default: the
    working directory) when the files are inside it, else absolute ``file:`` URIs."""
    base = os.path.abspath(root if root is not None else os.getcwd())
    rules: dict[str, int] = {}
    described: list[dict[str, Any]] = []
    results = []
    for problem in validation.problems:
        if problem.code not in rules:
            rules[problem.code] = len(described)
            described.append(_rule(problem))
        results.append(_result(problem, rules[problem.code], base))
    driver = {
        "name": "checklist",
        "version": __version__,
        "informationUri": SITE_URL,
        "rules": described,
    }
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _rule(problem: Problem) -> dict[str, Any]:
    # The description is the code's own words, never a message: messages quote the files.
    words = problem.code.replace("-", " ")
    kind = "fails a gate" if problem.severity == "gate" else "checklist problem"
    return {
        "id": problem.code,
        "shortDescription": {"text": f"{kind}: {words}"},
        "defaultConfiguration": {"level": LEVELS[problem.severity]},
    }


def _result(problem: Problem, rule_index: int, base: str) -> dict[str, Any]:
    message = f"{problem.path}: {problem.message}" if problem.path else problem.message
    region = {"startLine": problem.line, "startColumn": problem.column}
    artifact: dict[str, Any] = (
        {"description": {"text": "standard input"}}
        if problem.file == STDIN_NAME
        else {"uri": artifact_uri(problem.file, base)}
    )
    return {
        "ruleId": problem.code,
        "ruleIndex": rule_index,
        "level": LEVELS[problem.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
    }


def artifact_uri(file: str, base: str) -> str:
    """The URI of ``file``: relative to ``base`` when inside it, else an absolute ``file:`` URI.

    >>> artifact_uri("checklists/a b.yaml", "/repo")
    'checklists/a%20b.yaml'
    >>> artifact_uri("/elsewhere/x.yaml", "/repo")
    'file:///elsewhere/x.yaml'
    """
    absolute = os.path.normpath(os.path.join(base, file))
    try:
        relative = os.path.relpath(absolute, base)
    except ValueError:  # on another drive (Windows)
        return Path(absolute).as_uri()
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(absolute).as_uri()
    return quote(Path(relative).as_posix())
