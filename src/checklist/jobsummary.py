"""The Markdown summary a GitHub Actions job shows for ``checklist validate``.

GitHub sets ``GITHUB_STEP_SUMMARY`` to a file; what a step appends to it is
shown, as GitHub-flavoured Markdown, on the run's summary page. The summary is
short: the counts, the failing files and the first problems, each capped, so
that a run over thousands of files stays far below GitHub's 1 MiB per step.
Every text from a file is put on one line and every ASCII punctuation mark in
it is escaped, so that a file name or a message can neither start a heading or
a list nor become a link, an image or HTML.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING

from checklist.reporters import counts, printable

if TYPE_CHECKING:
    from checklist.catalog import Validation

SHOWN_FILES = 10
"""How many failing files the summary lists; the rest are counted."""
SHOWN_PROBLEMS = 10
"""How many problems the summary lists; the rest are counted."""
_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")


def md(text: str) -> str:
    """Text from a file as literal Markdown on one line: every ASCII punctuation escaped.

    >>> md("[x](https://e.com) <b>")
    '\\\\[x\\\\]\\\\(https\\\\:\\\\/\\\\/e\\\\.com\\\\) \\\\<b\\\\>'
    """
    return _PUNCTUATION.sub(lambda m: "\\" + m.group(), printable(text))


def job_summary(validation: Validation) -> str:
    """The Markdown block for ``$GITHUB_STEP_SUMMARY``, ending in a blank line."""
    outcome = "passed" if validation.ok else "failed"
    lines = [f"### checklist validate: {outcome}", "", counts(validation), ""]  # our words only
    failing = validation.failing
    if failing:
        lines += ["**Failing files**", ""]
        for report in failing[:SHOWN_FILES]:
            said = [f"{n} {noun}" for n, noun in _tally(report.errors, report.warnings) if n]
            gate = ["fails a gate"] if report.failed_gate else []
            lines.append(f"- {md(report.file)}: {', '.join([*said, *gate])}")
        if len(failing) > SHOWN_FILES:
            lines.append(f"- and {len(failing) - SHOWN_FILES:,} more")
        lines.append("")
    problems = validation.problems
    if problems:
        lines += ["**First problems**", ""]
        for problem in problems[:SHOWN_PROBLEMS]:
            where = f"{problem.file}:{problem.line}:{problem.column}"
            path = f" {problem.path}:" if problem.path else ""
            label = "fails" if problem.severity == "gate" else problem.severity
            lines.append(f"- {md(where)}: {label}:{md(path)} {md(problem.message)}")
        if len(problems) > SHOWN_PROBLEMS:
            lines.append(f"- and {len(problems) - SHOWN_PROBLEMS:,} more")
        lines.append("")
    return "\n".join(lines) + "\n"


def _tally(errors: int, warnings: int) -> list[tuple[int, str]]:
    return [
        (errors, "error" if errors == 1 else "errors"),
        (warnings, "warning" if warnings == 1 else "warnings"),
    ]
