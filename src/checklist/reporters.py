"""Validation results as text, JSON or GitHub Actions annotations.

A reporter is chosen by name (``--format``); each one turns a
`checklist.catalog.Validation` into a string.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from checklist.catalog import Validation
    from checklist.problems import Problem


class Style:
    """ANSI styling that turns itself off when colour is not wanted."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        """Bold text."""
        return self._wrap("1", text)

    def red(self, text: str) -> str:
        """Red text, for errors and high risk."""
        return self._wrap("31", text)

    def yellow(self, text: str) -> str:
        """Yellow text, for warnings and medium risk."""
        return self._wrap("33", text)

    def green(self, text: str) -> str:
        """Green text, for success."""
        return self._wrap("32", text)

    def dim(self, text: str) -> str:
        """Dim text, for secondary details."""
        return self._wrap("2", text)


def text(validation: Validation, style: Style) -> str:
    """One line per valid file, one line per problem, and a summary."""
    lines = []
    for report in validation.files:
        errors = [p for p in report.problems if p.severity == "error"]
        for problem in report.problems:
            label = style.red("error") if problem.severity == "error" else style.yellow("warning")
            where = f"{problem.file}:{problem.line}:{problem.column}"
            path = f" {style.dim(problem.path + ':')}" if problem.path else ""
            lines.append(f"{style.bold(where)}: {label}:{path} {problem.message}")
        if not errors:
            lines.append(
                f"{report.file}: {style.green('ok')} {style.dim('(' + report.summary + ')')}"
            )
    valid = sum(1 for report in validation.files if report.ok)
    invalid = len(validation.files) - valid
    problems = validation.errors
    noun = "file" if len(validation.files) == 1 else "files"
    summary = f"{len(validation.files)} {noun} checked: {valid} valid, {invalid} invalid"
    if problems:
        summary += f", {problems} error{'s' if problems != 1 else ''}"
    lines.append(style.green(summary) if validation.ok else style.red(summary))
    return "\n".join(lines)


def as_json(validation: Validation, style: Style) -> str:
    """A JSON object: ``ok``, ``files`` (each with its problems) and ``summary``."""
    files = [
        {
            "file": report.file,
            "kind": report.kind,
            "ok": report.ok,
            "problems": [problem.as_dict() for problem in report.problems],
        }
        for report in validation.files
    ]
    valid = sum(report.ok for report in validation.files)
    data = {
        "ok": validation.ok,
        "files": files,
        "summary": {
            "files": len(files),
            "valid": valid,
            "invalid": len(files) - valid,
            "errors": validation.errors,
            "warnings": validation.warnings,
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """One workflow command, so that GitHub shows the problem on the file's line."""
    command = "error" if problem.severity == "error" else "warning"
    properties = ",".join(
        [
            f"file={_escape_property(problem.file)}",
            f"line={problem.line}",
            f"col={problem.column}",
            f"title={_escape_property('checklist ' + problem.code)}",
        ]
    )
    message = f"{problem.path}: {problem.message}" if problem.path else problem.message
    return f"::{command} {properties}::{_escape_data(message)}"


def github(validation: Validation, style: Style) -> str:
    """GitHub Actions annotations, then the plain-text summary line."""
    lines = [github_annotation(problem) for problem in validation.problems]
    lines.append(text(validation, Style(False)).rsplit("\n", 1)[-1])
    return "\n".join(lines)


REPORTERS: dict[str, Callable[[Validation, Style], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
}
"""Reporters by ``--format`` name."""
