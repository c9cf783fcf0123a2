"""Validation results as text, JSON, GitHub Actions annotations, SARIF or JUnit XML.

A reporter is chosen by name (``--format``); each one turns a
`checklist.catalog.Validation` into a string. SARIF and JUnit have modules of
their own (`checklist.sarif`, `checklist.junit`).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from checklist.catalog import FileReport, Validation
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


SHOWN_FAILING = 5
"""How many failing files the summary names; the rest are counted."""


def problem_line(problem: Problem, style: Style) -> str:
    """``file:line:column: error: path: message``, on one line."""
    label = {
        "error": style.red("error"),
        "gate": style.red("fails"),
    }.get(problem.severity, style.yellow("warning"))
    where = f"{printable(problem.file)}:{problem.line}:{problem.column}"
    path = f" {style.dim(printable(problem.path) + ':')}" if problem.path else ""
    return f"{style.bold(where)}: {label}:{path} {printable(problem.message)}"


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def counts(validation: Validation) -> str:
    """``12 files checked: 9 valid, 1 failed a gate, 2 invalid, 3 errors, 1 warning``."""
    files = validation.files
    invalid = sum(not report.ok for report in files)
    gated = sum(report.ok and report.failed_gate for report in files)
    warned = len(validation.failing) - invalid - gated
    words = [f"{len(files) - len(validation.failing):,} valid"]
    if gated:
        words.append(f"{gated:,} failed a gate")
    if warned:
        words.append(f"{warned:,} failed on warnings (--strict)")
    words.append(f"{invalid:,} invalid")
    for n, noun in ((validation.errors, "error"), (validation.warnings, "warning")):
        if n:
            words.append(_plural(n, noun))
    return f"{_plural(len(files), 'file')} checked: {', '.join(words)}"


def failing_files(validation: Validation, shown: int = SHOWN_FAILING) -> str:
    """The first ``shown`` failing files, then how many more: ``a.yaml, b.yaml and 3 more``."""
    names = [printable(report.file) for report in validation.failing]
    more = f" and {len(names) - shown:,} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def summary_lines(validation: Validation, style: Style) -> list[str]:
    """The failing files, when some of several fail, then the counts: the last lines of
    `text`. (With one file, its problems have named it.)"""
    lines = []
    if validation.failing and len(validation.files) > 1:
        lines.append(style.red(f"failing: {failing_files(validation)}"))
    line = counts(validation)
    lines.append(style.green(line) if validation.ok else style.red(line))
    return lines


def _verdict(validation: Validation, report: FileReport, style: Style) -> str:
    if report.failed_gate:
        return style.red("valid, fails a gate")
    if not validation.passed(report):
        return style.red("valid, warnings fail (--strict)")
    return style.green("ok")


def text(validation: Validation, style: Style, *, quiet: bool = False) -> str:
    """One line per problem, one line per valid file (unless ``quiet``), and a summary."""
    lines: list[str] = []
    for report in validation.files:
        lines.extend(problem_line(problem, style) for problem in report.problems)
        if report.ok and not quiet:
            lines.append(
                f"{printable(report.file)}: {_verdict(validation, report, style)} "
                f"{style.dim('(' + printable(report.summary) + ')')}"
            )
    lines += summary_lines(validation, style)
    return "\n".join(lines)


def file_entry(validation: Validation, report: FileReport) -> dict[str, Any]:
    """One file of `as_json`: what it is, whether it passes, its problems."""
    about = report.about
    return {
        "file": report.file,
        "kind": report.kind,
        "checklist": None if about is None else about.checklist,
        "version": None if about is None else about.version,
        "items": None if about is None else about.items,
        "answered": None if about is None else about.answered,
        "ok": validation.passed(report),
        "valid": report.ok,
        "failed_gate": report.failed_gate,
        "errors": report.errors,
        "warnings": report.warnings,
        "problems": [problem.as_dict() for problem in report.problems],
    }


def as_json(validation: Validation, style: Style, *, quiet: bool = False) -> str:
    """A JSON object: ``ok``, ``files`` (each with what it is and its problems), ``summary``."""
    files = [file_entry(validation, report) for report in validation.files]
    invalid = sum(not report.ok for report in validation.files)
    gated = sum(report.ok and report.failed_gate for report in validation.files)
    failing = len(validation.failing)
    data = {
        "ok": validation.ok,
        "strict": validation.strict,
        "files": files,
        "summary": {
            "files": len(files),
            "valid": len(files) - failing,
            "failed_gate": gated,
            "failed_warnings": failing - invalid - gated,
            "invalid": invalid,
            "errors": validation.errors,
            "warnings": validation.warnings,
            "gates": sum(p.severity == "gate" for p in validation.problems),
            "failing": [report.file for report in validation.failing],
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


def github(validation: Validation, style: Style, *, quiet: bool = False) -> str:
    """GitHub Actions annotations, then the plain-text summary."""
    lines = [github_annotation(problem) for problem in validation.problems]
    lines += summary_lines(validation, Style(False))
    return "\n".join(lines)


def sarif(validation: Validation, style: Style, *, quiet: bool = False) -> str:
    """SARIF 2.1.0, for GitHub code scanning (`checklist.sarif`)."""
    from checklist.sarif import sarif_log

    return dump_json(sarif_log(validation))


def junit(validation: Validation, style: Style, *, quiet: bool = False) -> str:
    """JUnit XML, one test case per file (`checklist.junit`)."""
    from checklist.junit import junit_xml

    return junit_xml(validation)


class Reporter(Protocol):
    """Turns a validation into the text of one ``--format``; ``quiet`` leaves out the
    lines of files that pass, where a format has them."""

    def __call__(self, validation: Validation, style: Style, *, quiet: bool = False) -> str: ...


REPORTERS: dict[str, Reporter] = {
    "text": text,
    "json": as_json,
    "github": github,
    "sarif": sarif,
    "junit": junit,
}
"""Reporters by ``--format`` name."""
