"""A skeleton assessment: every item present and unanswered, with its question and
allowed answers in comments, ready to fill in."""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING

from checklist.consistency import allowed_values
from checklist.models import Choice, FreeText, Item, Multi, Number, Scale
from checklist.reporters import one_line

if TYPE_CHECKING:
    from checklist.models import Checklist


def _quote(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    """Text for a YAML comment: one line, and no control character (YAML refuses them)."""
    return one_line(text)


def allowed_answers(item: Item) -> str:
    """The answers an item accepts, for a comment: ``yes | no``, ``0 (Not done) | ...``."""
    kind = item.answer
    if isinstance(kind, Multi):
        some = [o for o in kind.options if not o.exclusive]
        alone = [o for o in kind.options if o.exclusive]
        words = "a list of any of: " + " | ".join(f"{o.value} ({_comment(o.label)})" for o in some)
        if alone:
            words += f"; or [{alone[0].value}] alone ({_comment(alone[0].label)})"
        return words
    if isinstance(kind, Choice):
        return " | ".join(f"{o.value} ({_comment(o.label)})" for o in kind.options)
    if isinstance(kind, Scale):
        return " | ".join(f"{level.value:g} ({_comment(level.label)})" for level in kind.levels)
    if isinstance(kind, Number):
        bounds = []
        if kind.min is not None:
            bounds.append(f">= {kind.min:g}")
        if kind.max is not None:
            bounds.append(f"<= {kind.max:g}")
        whole = "a whole number" if kind.integer else "a number"
        unit = f" ({_comment(kind.unit)})" if kind.unit else ""
        return f"{whole}{unit}" + (f", {' and '.join(bounds)}" if bounds else "")
    if isinstance(kind, FreeText):
        return "free text"
    return _comment(" | ".join(str(v) for v in allowed_values(item) or []))


def skeleton(
    checklist: Checklist, *, schema_url: str | None = None, today: datetime.date | None = None
) -> str:
    """The YAML text of an empty assessment of ``checklist``; it validates as it is."""
    day = (today or datetime.date.today()).isoformat()
    lines = []
    if schema_url:
        lines.append(f"# yaml-language-server: $schema={schema_url}")
    lines += [
        f"# Assessment of {_comment(checklist.title)} {checklist.version}.",
        "# Fill in each 'answer' and a 'note' saying why; leave 'answer: null' while unsure.",
        "# Check it with: checklist validate FILE   Report: checklist report FILE",
        "kind: assessment",
        "schema_version: 1",
        "checklist:",
        f"  id: {checklist.id}",
        f"  version: {checklist.version}",
        'project: "Name of your project"',
        f"date: {day}",
        "assessors: []",
        "answers:",
    ]
    for section in checklist.sections:
        lines.append(f"  # ── {_comment(section.title)} ──")
        for item in section.items:
            lines.append(f"  # {_comment(item.question)}")
            lines.append(f"  # answer: {allowed_answers(item)}")
            if item.not_applicable:
                lines.append('  # or, if it does not apply: not_applicable: true and reason: "why"')
            lines.append(f"  {item.id}:")
            lines.append("    answer: null")
            lines.append("    note: null")
    return "\n".join(lines) + "\n"
