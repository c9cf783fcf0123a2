"""Problems: what is wrong with a file, where, and what was expected.

A problem is a value, never an exception: loading and validation collect every
problem in every file, so one bad file never hides the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "gate"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, with its exact place.

    Problems sort by file, then line, then column, which is the order a person
    reads them in.
    """

    file: str
    """The file's path as the user gave it (or as it was found in a directory)."""
    line: int
    """1-based line of the offending text."""
    column: int
    """1-based column (in characters) of the offending text."""
    path: str
    """Where inside the document, such as ``sections[1].items[3].severity``; empty for
    the whole document."""
    message: str
    """A sentence saying what was expected and what was found."""
    code: str = field(default="invalid", compare=False)
    """A stable, machine-readable name for the kind of problem, such as ``unknown-key``."""
    severity: Severity = field(default="error", compare=False)
    """``error`` makes the file invalid; ``warning`` is reported but does not; ``gate``: the
    file is valid, but an assessment fails a gate the command was asked to check
    (``--fail-on``, ``--fail-on-verdict``), which fails the run."""

    def __str__(self) -> str:
        where = f" {self.path}:" if self.path else ""
        return f"{self.file}:{self.line}:{self.column}:{where} {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        """The problem as a JSON-ready mapping with stable keys."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "code": self.code,
            "severity": self.severity,
        }


def format_path(segments: tuple[str | int, ...]) -> str:
    """Render a document path such as ``('sections', 1, 'items', 3, 'id')``.

    >>> format_path(("sections", 1, "items", 3, "id"))
    'sections[1].items[3].id'
    """
    out = ""
    for segment in segments:
        if isinstance(segment, int):
            out += f"[{segment}]"
        elif out:
            out += f".{segment}"
        else:
            out = segment
    return out


REFUSED_BY_READER = ("unsupported-tag", "number-too-large")
"""Codes of values the YAML reader refused: what is inside them is not checked again."""


def within(path: str, outer: str) -> bool:
    """Whether the document path ``path`` is ``outer`` or lies inside it.

    >>> within("answers.a.answer", "answers.a"), within("answers.ab", "answers.a")
    (True, False)
    """
    return path == outer or path.startswith((outer + ".", outer + "["))


MAX_PROBLEMS_PER_FILE = 100
"""How many problems of one file are listed; the rest are counted in one last problem."""


def capped(problems: list[Problem]) -> tuple[list[Problem], int, int]:
    """The first `MAX_PROBLEMS_PER_FILE` problems of one file in reading order, and how
    many errors and warnings were left out.

    When some are left out, a last problem with the code ``too-many-problems`` says how
    many, at the place of the first one left out (an error when any of them is one).
    """
    ordered = sorted(problems)
    if len(ordered) <= MAX_PROBLEMS_PER_FILE:
        return ordered, 0, 0
    kept, rest = ordered[:MAX_PROBLEMS_PER_FILE], ordered[MAX_PROBLEMS_PER_FILE:]
    errors = sum(p.severity == "error" for p in rest)
    warnings = len(rest) - errors
    kinds = ", ".join(
        f"{n:,} {noun}{'' if n == 1 else 's'}"
        for n, noun in ((errors, "error"), (warnings, "warning"))
        if n
    )
    first = rest[0]
    summary = Problem(
        first.file,
        first.line,
        first.column,
        "",
        f"... and {len(rest):,} more problem{'' if len(rest) == 1 else 's'} from here on "
        f"({kinds}); only the first {MAX_PROBLEMS_PER_FILE} problems of a file are listed",
        code="too-many-problems",
        severity="error" if errors else "warning",
    )
    return [*kept, summary], errors, warnings
