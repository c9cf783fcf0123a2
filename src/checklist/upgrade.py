"""Carry answers to a checklist's previous major version over to the current one.

A new major version removes or changes items, so its answers file cannot simply be
read as the new version. The checklist's ``upgrade`` block (`checklist.models.Upgrade`)
says what became of each changed item; `upgrade_answers` applies it:

- an item listed with ``to`` takes the old answer (through ``answers``, when the values
  were renamed) if the new item accepts it; split items each take it where it fits;
  merged items take it only when every old answer maps to the same value;
- an item whose id is the same in both versions and that is not listed keeps its
  answer when it still fits;
- notes, evidence and "not applicable" (where the new item allows it) always carry
  over, so that nothing a team wrote is lost; an answer that does not fit is dropped,
  and its item is listed as *to answer again*, with the old answer in the note;
- items listed as ``removed`` are dropped, with the checklist's reason.

`checklist upgrade` writes the result as an assessment file; the tests run the same
vectors through the browser's implementation.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checklist.answers import answer_problem
from checklist.models import Answer, Multi
from checklist.reporters import one_line

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from checklist.models import Assessment, Checklist, Item, ItemUpgrade
    from checklist.problems import Problem
    from checklist.rules import AnswerValue
    from checklist.yamlsource import Source


@dataclass
class Upgraded:
    """Answers carried over to the new version, and what a person must look at."""

    answers: dict[str, Answer] = field(default_factory=dict)
    """The new answers, keyed by the new item ids, in the checklist's order."""
    carried: dict[str, list[str]] = field(default_factory=dict)
    """For each new item that took something over: the old items it came from."""
    again: dict[str, str] = field(default_factory=dict)
    """New items whose old answer did not carry over, and why."""
    removed: dict[str, str] = field(default_factory=dict)
    """Old items that are gone, and why."""
    new: list[str] = field(default_factory=list)
    """Items of the new version that nothing was carried to: answer them."""


def _text(value: AnswerValue | bool | list[str]) -> str:
    """An answer value as the ``answers`` mapping writes it: ``yes``, ``0.5``, ``tested``."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _mapped(
    rule: ItemUpgrade | None, value: AnswerValue | bool | list[str]
) -> AnswerValue | bool | list[str]:
    if rule is None or not rule.answers:
        return value
    if isinstance(value, list):
        out: list[str] = []
        for v in value:
            m = rule.answers.get(v, v)
            if str(m) not in out:
                out.append(str(m))
        return out
    return rule.answers.get(_text(value), value)


def _join_notes(notes: list[tuple[str, str]], several: bool) -> str | None:
    if not notes:
        return None
    if not several:
        return notes[0][1]
    return "; ".join(f"{old}: {note}" for old, note in notes)


def upgrades_from(checklist: Checklist) -> int:
    """The major version whose answers `upgrade_answers` carries over: the ``upgrade``
    block's ``from``, or without one the previous major version (by item id alone)."""
    if checklist.upgrade is not None:
        return checklist.upgrade.from_
    return int(checklist.version.split(".")[0]) - 1


def upgrade_answers(checklist: Checklist, answers: Mapping[str, Answer]) -> Upgraded:
    """``answers`` to the previous major version, carried over to ``checklist``.

    Answers to ids the checklist neither has nor lists are reported as removed.
    """
    rules = checklist.upgrade.items if checklist.upgrade else []
    sources: dict[str, list[tuple[str, ItemUpgrade | None]]] = {}
    listed: set[str] = set()
    done = Upgraded()
    for rule in rules:
        olds = [rule.from_] if isinstance(rule.from_, str) else list(rule.from_)
        listed.update(olds)
        if rule.to is None:
            for old in olds:
                if old in answers:
                    done.removed[old] = rule.removed or "removed in this version"
            continue
        for new in [rule.to] if isinstance(rule.to, str) else rule.to:
            sources.setdefault(new, []).extend((old, rule) for old in olds)
    items = [item for section in checklist.sections for item in section.items]
    ids = {item.id for item in items}
    for item in items:
        if item.id not in sources and item.id not in listed:
            sources[item.id] = [(item.id, None)]
    for item in items:
        taken = [(old, rule, answers[old]) for old, rule in sources[item.id] if old in answers]
        if not taken:
            done.new.append(item.id)
            continue
        done.carried[item.id] = [old for old, _, _ in taken]
        entry, why = _carry(item, taken)
        done.answers[item.id] = entry
        if why:
            done.again[item.id] = why
    for old in answers:
        if old not in ids and old not in listed:
            done.removed[old] = "not in this version"
    return done


def _carry(
    item: Item, taken: list[tuple[str, ItemUpgrade | None, Answer]]
) -> tuple[Answer, str | None]:
    """The new answer entry for ``item`` from the old entries, and why it must be given
    again (``None`` when it carried over whole)."""
    several = len(taken) > 1
    notes = [(old, a.note) for old, _, a in taken if a.note]
    evidence: list[str] = []
    for _, _, a in taken:
        evidence.extend(e for e in a.evidence if e not in evidence)
    values = [(old, _mapped(rule, a.answer)) for old, rule, a in taken if a.answer is not None]
    not_applicable = [a for _, _, a in taken if a.not_applicable]
    why: str | None = None
    value: AnswerValue | bool | list[str] | None = None
    if values:
        shown = {_text(v) if not isinstance(v, list) else ", ".join(v) for _, v in values}
        if len(shown) > 1:
            why = "merged from items answered differently: " + "; ".join(
                f"{old} was {_text(v) if not isinstance(v, list) else ', '.join(v)}"
                for old, v in values
            )
        else:
            candidate = values[0][1]
            problem = answer_problem(item, candidate)
            if problem is None:
                value = ("yes" if candidate else "no") if isinstance(candidate, bool) else candidate
            else:
                old_words = (
                    _text(candidate) if not isinstance(candidate, list) else ", ".join(candidate)
                )
                why = f"the old answer {old_words!r} does not fit the new question ({problem})"
        if why is not None:
            old_answers = "; ".join(
                f"{old}: {_text(v) if not isinstance(v, list) else ', '.join(v)}"
                for old, v in values
            )
            notes.append(("before the upgrade", f"answered {old_answers}"))
            several = True
    elif not_applicable and not item.not_applicable:
        why = "it was marked not applicable, which this question does not allow"
        given = "; ".join(a.reason for a in not_applicable if a.reason)
        notes.append(
            ("before the upgrade", "marked not applicable" + (f": {given}" if given else ""))
        )
        several = True
    marked = bool(not_applicable) and not values and item.not_applicable
    reasons = [a.reason for a in not_applicable if a.reason]
    entry = Answer(
        answer=value,
        not_applicable=marked,
        reason="; ".join(reasons) if marked and reasons else None,
        note=_join_notes(notes, several),
        evidence=evidence,
    )
    return entry, why


def _value(value: AnswerValue | bool | list[str] | None) -> str:
    """A YAML value: JSON is valid YAML, and quoting every text keeps ``yes`` a string."""
    if isinstance(value, bool):
        return json.dumps("yes" if value else "no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False)


_WIDTH = 88


def _text_lines(key: str, text: str, indent: int) -> list[str]:
    """``key: text`` in YAML: a folded block for long one-line prose (as people write
    notes), else one quoted line. Folding joins the lines with single spaces, so it is
    used only where that gives the text back exactly."""
    pad = " " * indent
    plain = (
        len(text) > _WIDTH - indent - len(key) - 2
        and text == text.strip()
        and "  " not in text
        and all(ch.isprintable() for ch in text)
    )
    if not plain:
        return [f"{pad}{key}: {_value(text)}"]
    lines = textwrap.wrap(text, _WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in lines)]


def assessment_text(
    old: Assessment, checklist: Checklist, upgraded: Upgraded, *, header: list[str]
) -> str:
    """The upgraded assessment file: ``header`` (the old file's leading comments), then
    every item of the new version in order, with a comment on what to answer again."""
    lines = [*header]
    lines += [
        "kind: assessment",
        "schema_version: 1",
        "checklist:",
        f"  id: {checklist.id}",
        f"  version: {checklist.version}",
        f"project: {_value(old.project)}",
        f"date: {old.date.isoformat()}",
    ]
    if old.assessors:
        lines.append("assessors:")
        lines += [f"  - {_value(name)}" for name in old.assessors]
    else:
        lines.append("assessors: []")
    lines.append("answers:")
    for section in checklist.sections:
        for item in section.items:
            entry = upgraded.answers.get(item.id)
            if item.id in upgraded.again:
                lines.append(f"  # Answer again: {one_line(upgraded.again[item.id])}")
            elif item.id in upgraded.new:
                lines.append(f"  # New in {checklist.version}: {one_line(item.question)}")
            lines.append(f"  {item.id}:")
            if entry is None:
                lines.append("    answer: null")
                continue
            if entry.not_applicable:
                lines.append("    not_applicable: true")
                if entry.reason:
                    lines += _text_lines("reason", entry.reason, 4)
            else:
                lines.append(f"    answer: {_value(entry.answer)}")
            if entry.note:
                lines += _text_lines("note", entry.note, 4)
            if entry.evidence:
                lines.append("    evidence:")
                lines += [f"      - {_value(e)}" for e in entry.evidence]
    return "\n".join(lines) + "\n"


def leading_comments(text: str) -> list[str]:
    """The comment lines at the top of a file (a modeline, a title), kept by the upgrade."""
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    return header


def upgrade_problems(checklist: Checklist, source: Source) -> Iterator[Problem]:
    """What is wrong with a checklist's ``upgrade`` block, on its own (`checklist compat`
    also checks it against the previous version)."""
    upgrade = checklist.upgrade
    assert upgrade is not None
    major = int(checklist.version.split(".")[0])
    if upgrade.from_ >= major:
        yield source.problem(
            ("upgrade", "from"),
            f"an upgrade comes from an earlier major version: expected a number below "
            f"{major}, found {upgrade.from_}",
            code="upgrade-from",
        )
    items = {item.id: item for section in checklist.sections for item in section.items}
    seen: dict[str, int] = {}
    for n, rule in enumerate(upgrade.items):
        loc: tuple[str | int, ...] = ("upgrade", "items", n)
        olds = [rule.from_] if isinstance(rule.from_, str) else rule.from_
        for old in olds:
            if old in seen:
                yield source.problem(
                    (*loc, "from"),
                    f"item {old!r} of version {upgrade.from_} is already mapped in entry "
                    f"{seen[old] + 1}; map each old item once",
                    code="upgrade-duplicate",
                )
            seen.setdefault(old, n)
        if (rule.to is None) == (rule.removed is None):
            yield source.problem(
                loc,
                "expected either 'to' (the new item or items) or 'removed' (why it is gone), "
                "not both or neither",
                code="upgrade-entry",
            )
            continue
        targets = [] if rule.to is None else [rule.to] if isinstance(rule.to, str) else rule.to
        for target in targets:
            if target not in items:
                yield source.problem(
                    (*loc, "to"),
                    f"no item {target!r} in this version; 'to' names items of {checklist.version}",
                    code="upgrade-unknown-item",
                )
        for old_value, new_value in rule.answers.items():
            for target in targets:
                item = items.get(target)
                if item is None:
                    continue
                problem = answer_problem(item, new_value)
                if problem is not None and not isinstance(item.answer, Multi):
                    yield source.problem(
                        (*loc, "answers", old_value),
                        f"{old_value!r} maps to an answer item {target!r} does not accept: "
                        f"{problem}",
                        code="upgrade-answer",
                    )
