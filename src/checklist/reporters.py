"""Validation results as text, JSON or GitHub Actions annotations.

A reporter is chosen by name (``--format``); each one turns a
`checklist.catalog.Validation` into a string.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from checklist.catalog import Validation
    from checklist.problems import Problem


# DEL, the C1 controls, the line and paragraph separators, and the bidirectional formatting
# characters that can reorder what a terminal shows (Trojan Source); C0 controls come on top.
_UNSAFE = "\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNPRINTABLE = re.compile(f"[\x00-\x1f{_UNSAFE}]")
_JSON_UNSAFE = re.compile(f"[{_UNSAFE}]")
"""What `json.dumps` leaves raw: it escapes the C0 controls itself."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """Text that stays on one line and cannot drive a terminal: controls are escaped.

    A line feed becomes ``\\n``, an escape character ``\\x1b``, a bidirectional
    override ``\\u202e``, so that a file's text can neither forge a line of output
    nor send escape sequences to the reader's terminal.

    >>> printable("ok\\n1 file checked\\x1b[2J")
    'ok\\\\n1 file checked\\\\x1b[2J'
    """
    return _UNPRINTABLE.sub(_escape, text)


def one_line(text: str) -> str:
    """Prose on one line: runs of white space (line breaks too) become one space, then
    `printable`."""
    return printable(" ".join(text.split()))


def dump_json(data: Any) -> str:
    """JSON with every character that could drive a terminal escaped as ``\\uXXXX``.

    `json.dumps` escapes C0 controls already; DEL, C1 controls, the line
    separators and the bidirectional controls it leaves as they are.
    """
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
            label = {
                "error": style.red("error"),
                "gate": style.red("fails"),
            }.get(problem.severity, style.yellow("warning"))
            where = f"{printable(problem.file)}:{problem.line}:{problem.column}"
            path = f" {style.dim(printable(problem.path) + ':')}" if problem.path else ""
            lines.append(f"{style.bold(where)}: {label}:{path} {printable(problem.message)}")
        if not errors:
            verdict = style.red("valid, fails a gate") if report.failed_gate else style.green("ok")
            lines.append(
                f"{printable(report.file)}: {verdict} "
                f"{style.dim('(' + printable(report.summary) + ')')}"
            )
    valid = sum(1 for report in validation.files if report.ok and not report.failed_gate)
    gated = sum(1 for report in validation.files if report.ok and report.failed_gate)
    invalid = len(validation.files) - valid - gated
    problems = validation.errors
    noun = "file" if len(validation.files) == 1 else "files"
    summary = f"{len(validation.files):,} {noun} checked: {valid:,} valid, "
    if gated:
        summary += f"{gated:,} failed a gate, "
    summary += f"{invalid:,} invalid"
    if problems:
        summary += f", {problems:,} error{'s' if problems != 1 else ''}"
    lines.append(style.green(summary) if validation.ok else style.red(summary))
    return "\n".join(lines)


def as_json(validation: Validation, style: Style) -> str:
    """A JSON object: ``ok``, ``files`` (each with its problems) and ``summary``."""
    files = [
        {
            "file": report.file,
            "kind": report.kind,
            "ok": report.ok and not report.failed_gate,
            "valid": report.ok,
            "failed_gate": report.failed_gate,
            "problems": [problem.as_dict() for problem in report.problems],
        }
        for report in validation.files
    ]
    valid = sum(report.ok and not report.failed_gate for report in validation.files)
    gated = sum(report.ok and report.failed_gate for report in validation.files)
    data = {
        "ok": validation.ok,
        "files": files,
        "summary": {
            "files": len(files),
            "valid": valid,
            "failed_gate": gated,
            "invalid": len(files) - valid - gated,
            "errors": validation.errors,
            "warnings": validation.warnings,
            "gates": sum(p.severity == "gate" for p in validation.problems),
        },
    }
    return dump_json(data)


def _escape_data(value: str) -> str:
    # After `printable` no line break is left; % still needs its escape.
    return printable(value.replace("%", "%25"))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """One workflow command, so that GitHub shows the problem on the file's line."""
    command = "warning" if problem.severity == "warning" else "error"
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
