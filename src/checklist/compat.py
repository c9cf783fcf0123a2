"""Checklist evolution: does a checklist's new version number fit what changed?

Teams store answers keyed by item id, in their browsers and in assessment
files that name a checklist version. `checklist.answers.answers_version`
accepts answers to any older version with the same MAJOR number, so the
version number is a promise, and this module checks it against a base (the
checklists on the main branch, say).

Design:

- `compare` is pure: it lists the `Change` values between two
  checklists, each with the bump it needs and its place in the *new*
  checklist. Items, sections, options and levels are matched by id or value,
  never by position, so moving an item or reordering options is no removal.
- **major**: an item removed (a renamed id is a removal and an addition), its
  answer type changed, a choice option or scale level removed, a number range
  narrowed (``min`` raised, ``max`` lowered, ``integer`` required, a text's
  ``max_length`` lowered), ``not_applicable`` withdrawn, a section removed.
  Answers stored for the old version may no longer fit.
- **minor**: an item, section, option or level added, a range widened,
  ``not_applicable`` allowed. Old answers still fit.
- **patch**: anything else, found by comparing a canonical JSON dump of the
  checklist, its sections (with their item ids in order) and its items:
  wording, severities, rules, scores, verdicts.
- `check_compat` turns changes into `checklist.problems.Problem`
  values located in the new file: a major change when the MAJOR number did not
  go up, a minor change when neither MAJOR nor MINOR did, and always a version
  that went down, or one left unchanged although something changed.
- `compare_folders` pairs checklists by id between a base folder and the
  given paths, and returns a `checklist.catalog.Validation`, so that
  the ``validate`` reporters (text, JSON, GitHub annotations) print it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from checklist.answers import version_tuple
from checklist.catalog import FileReport, UsageError, Validation, discover
from checklist.consistency import allowed_values
from checklist.loader import load_path
from checklist.models import Checklist, Choice, FreeText, Item, Number, Scale, Section
from checklist.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from pydantic import BaseModel

    from checklist.yamlsource import Source

Loc = tuple[str | int, ...]
Level = Literal["major", "minor", "patch"]
RANK = {"down": -1, "none": 0, "patch": 1, "minor": 2, "major": 3}
"""Bumps and change levels, from least to most."""
DEPEND = "stored answers and teams' assessment files depend on it"


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a checklist."""

    kind: str
    """A stable name such as ``item-removed``; also the problem's code."""
    level: Level
    """The smallest version bump the change needs."""
    loc: Loc
    """Where to point in the new checklist (for a removal: where it was)."""
    detail: str
    """What changed, as a clause: ``item 'x' was removed``."""


def _dump(model: BaseModel, exclude: set[str], **extra: object) -> str:
    data = model.model_dump(mode="json", exclude=exclude)
    return json.dumps({**data, **extra}, sort_keys=True)


def compare(old: Checklist, new: Checklist) -> list[Change]:
    """Every change from ``old`` to ``new``; empty when only the version differs."""
    changes: list[Change] = []
    top = {"version", "sections"}
    if _dump(old, top, sections=[s.id for s in old.sections]) != _dump(
        new, top, sections=[s.id for s in new.sections]
    ):
        changes.append(Change("checklist-changed", "patch", (), "the checklist changed"))
    new_sections = {s.id: n for n, s in enumerate(new.sections)}
    new_items = {i.id for s in new.sections for i in s.items}
    for section in old.sections:
        n = new_sections.get(section.id)
        loc: Loc = ("sections",) if n is None else ("sections", n, "items")
        if n is None:
            detail = f"section {section.id!r} was removed"
            changes.append(Change("section-removed", "major", ("sections",), detail))
        elif _section_dump(section) != _section_dump(new.sections[n]):
            detail = f"section {section.id!r} changed"
            changes.append(Change("section-changed", "patch", ("sections", n), detail))
        changes.extend(
            Change("item-removed", "major", loc, f"item {item.id!r} was removed")
            for item in section.items
            if item.id not in new_items
        )
    old_sections = {s.id for s in old.sections}
    old_items = {i.id: i for s in old.sections for i in s.items}
    for n, section in enumerate(new.sections):
        if section.id not in old_sections:
            detail = f"section {section.id!r} is new"
            changes.append(Change("section-added", "minor", ("sections", n, "id"), detail))
        for k, item in enumerate(section.items):
            here: Loc = ("sections", n, "items", k)
            before = old_items.get(item.id)
            if before is None:
                detail = f"item {item.id!r} is new"
                changes.append(Change("item-added", "minor", (*here, "id"), detail))
            else:
                changes.extend(_item_changes(before, item, here))
    return changes


def _section_dump(section: Section) -> str:
    return _dump(section, {"items"}, items=[i.id for i in section.items])


def _item_changes(old: Item, new: Item, loc: Loc) -> Iterator[Change]:
    """The changes of one item found in both versions (``loc`` is where it is now)."""
    name, at = f"item {new.id!r}", (*loc, "answer")
    a, b = old.answer, new.answer
    if a.type != b.type:
        detail = f"{name} changed its answer type from {a.type} to {b.type}"
        yield Change("answer-type-changed", "major", (*at, "type"), detail)
    elif isinstance(a, (Choice, Scale)) and isinstance(b, (Choice, Scale)):
        yield from _values(name, old, new, at)
    elif isinstance(a, Number) and isinstance(b, Number):
        yield from _bounds(name, "min", a.min, b.min, +1, (*at, "min"))
        yield from _bounds(name, "max", a.max, b.max, -1, (*at, "max"))
        if a.integer != b.integer:
            yield _range(name, b.integer, f"integer {a.integer} → {b.integer}", (*at, "integer"))
    elif isinstance(a, FreeText) and isinstance(b, FreeText) and a.max_length != b.max_length:
        detail = f"max_length {a.max_length} → {b.max_length}"
        yield _range(name, b.max_length < a.max_length, detail, (*at, "max_length"))
    if old.not_applicable != new.not_applicable:
        withdrawn = old.not_applicable
        verb = "no longer allows" if withdrawn else "now allows"
        kind = "not-applicable-withdrawn" if withdrawn else "not-applicable-allowed"
        detail = f"{name} {verb} the answer 'not applicable'"
        yield Change(kind, "major" if withdrawn else "minor", (*loc, "not_applicable"), detail)
    if _dump(old, set()) != _dump(new, set()):
        yield Change("item-changed", "patch", loc, f"{name} changed")


def _values(name: str, old: Item, new: Item, at: Loc) -> Iterator[Change]:
    """Removed and added choice options or scale levels, matched by value."""
    noun, key = ("option", "options") if isinstance(new.answer, Choice) else ("level", "levels")
    before, after = allowed_values(old) or [], allowed_values(new) or []
    for value in before:
        if value not in after:
            detail = f"{name} no longer has the {noun} {value!r}"
            yield Change(f"{noun}-removed", "major", (*at, key), detail)
    for index, value in enumerate(after):
        if value not in before:
            detail = f"{name} has a new {noun} {value!r}"
            yield Change(f"{noun}-added", "minor", (*at, key, index), detail)


def _bounds(
    name: str, key: str, old: float | None, new: float | None, inward: int, loc: Loc
) -> Iterator[Change]:
    """A number bound that moved; ``inward`` is +1 for ``min`` (raising it narrows)."""
    if old == new:
        return
    narrowed = old is None or (new is not None and (new - old) * inward > 0)
    yield _range(name, narrowed, f"{key} {old} → {new}", loc)


def _range(name: str, narrowed: bool, detail: str, loc: Loc) -> Change:
    if narrowed:
        return Change("range-narrowed", "major", loc, f"{name} narrowed its answers ({detail})")
    return Change("range-widened", "minor", loc, f"{name} widened its answers ({detail})")


def bump_of(old: str, new: str) -> str:
    """``major``, ``minor``, ``patch``, ``none`` (the same) or ``down`` (lower)."""
    a, b = version_tuple(old), version_tuple(new)
    if b < a:
        return "down"
    if b == a:
        return "none"
    return "major" if b[0] > a[0] else "minor" if b[1] > a[1] else "patch"


def next_version(version: str, level: Level) -> str:
    """``version`` bumped at ``level``: ``next_version("1.2.3", "minor") == "1.3.0"``."""
    major, minor, patch = version_tuple(version)
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def check_compat(old: Checklist, new: Checklist, source: Source) -> list[Problem]:
    """The problems of ``new`` (read from ``source``) as a new version of ``old``."""
    changes = compare(old, new)
    bump = bump_of(old.version, new.version)
    problems: list[Problem] = []
    if bump == "down":
        wanted = next_version(old.version, _needed(changes)) if changes else old.version
        message = (
            f"version {new.version} is lower than {old.version}, the base version: versions "
            f"only go up; use {wanted} or later"
        )
        problems.append(source.problem(("version",), message, code="version-lowered"))
    elif bump == "none" and changes:
        needed = _needed(changes)
        first = changes[0].detail if needed == "patch" else _first(changes, needed).detail
        more = f" and {len(changes) - 1} more" if len(changes) > 1 else ""
        message = (
            f"version {new.version} is unchanged, but {first}{more}: bump it to "
            f"{next_version(old.version, needed)} (major for removed or changed items, "
            "minor for additions, patch for wording)"
        )
        problems.append(source.problem(("version",), message, code="version-unchanged"))
    for change in changes:
        if change.level == "patch" or RANK[bump] >= RANK[change.level]:
            continue
        if change.level == "major":
            why = "teams' reports refer to it" if change.kind == "section-removed" else DEPEND
            message = (
                f"{change.detail}: {why}; bump the major version "
                f"({old.version} → {next_version(old.version, 'major')}), not {new.version}"
            )
        else:
            message = (
                f"{change.detail}: an addition needs at least a minor version bump "
                f"({old.version} → {next_version(old.version, 'minor')}), not {new.version}"
            )
        problems.append(source.problem(change.loc, message, code=change.kind))
    if bump == "major":
        problems.extend(_upgrade_problems(old, new, source))
    return sorted(problems)


def _upgrade_problems(old: Checklist, new: Checklist, source: Source) -> Iterator[Problem]:
    """A new major version must say what became of the items it removed or renamed, so
    that `checklist upgrade` and the form can carry answers over. Without an ``upgrade``
    block it follows the previous major version, and items keep their answers by id."""
    old_major = version_tuple(old.version)[0]
    upgrade = new.upgrade
    if upgrade is not None and upgrade.from_ != old_major:
        yield source.problem(
            ("upgrade", "from"),
            f"the base version is {old.version}: expected 'from: {old_major}', found "
            f"{upgrade.from_}",
            code="upgrade-from",
        )
    old_items = {i.id for s in old.sections for i in s.items}
    new_items = {i.id for s in new.sections for i in s.items}
    mapped: set[str] = set()
    for n, rule in enumerate(upgrade.items if upgrade else []):
        olds = [rule.from_] if isinstance(rule.from_, str) else rule.from_
        mapped.update(olds)
        for item in olds:
            if item not in old_items:
                yield source.problem(
                    ("upgrade", "items", n, "from"),
                    f"item {item!r} is not in {old.version}, the base version; 'from' names "
                    "items of the previous major version",
                    code="upgrade-unknown-item",
                )
    for item in sorted(old_items - new_items - mapped):
        where = "'upgrade' does not say" if upgrade else "no 'upgrade' block says"
        yield source.problem(
            ("upgrade", "items") if upgrade else ("version",),
            f"item {item!r} of {old.version} is gone, but {where} what became of it: add "
            f"{{from: {item}, to: NEW-ID}} or {{from: {item}, removed: WHY}} to 'upgrade: "
            f"{{from: {old_major}, items: [...]}}' (docs/reference/rules.md#upgrades)",
            code="upgrade-unmapped",
        )


def _needed(changes: Sequence[Change]) -> Level:
    """The largest level among ``changes`` (``patch`` when there are none)."""
    levels = {change.level for change in changes}
    return "major" if "major" in levels else "minor" if "minor" in levels else "patch"


def _first(changes: Sequence[Change], level: Level) -> Change:
    return next(change for change in changes if change.level == level)


def compare_folders(base: Path, paths: Sequence[str]) -> Validation:
    """Compare each checklist in ``paths`` with the checklist of the same id in ``base``.

    A checklist new in ``paths`` is fine; one that cannot be loaded is reported
    once (``checklist validate`` says why). When every path is a folder, a base
    checklist whose id is gone is reported too, at its path relative to
    ``base``. Raises `checklist.catalog.UsageError` for a missing folder.
    """
    if not base.is_dir():
        raise UsageError(f"no such folder: {base}")
    old: dict[str, tuple[Checklist, str]] = {}
    result = Validation()
    for file in discover([str(base)]):
        loaded = load_path(file)
        if isinstance(loaded.document, Checklist):
            old.setdefault(loaded.document.id, (loaded.document, file))
        elif _unread(loaded.problems):  # its checklists would pass as new ones
            result.files.append(FileReport(loaded.file, None, loaded.problems))
    seen: set[str] = set()
    for file in discover(paths):
        loaded = load_path(file)
        if loaded.kind != "checklist":
            if _unread(loaded.problems):  # a FIFO or a folder that cannot be listed
                result.files.append(FileReport(loaded.file, None, loaded.problems))
            continue
        document, source = loaded.document, loaded.source
        if not isinstance(document, Checklist) or source is None or not loaded.ok:
            message = f"not a valid checklist, so not compared; see: checklist validate {file}"
            problem = Problem(file, 1, 1, "", message, code="invalid-checklist")
            result.files.append(FileReport(file, "checklist", [problem]))
            data = loaded.source.data if loaded.source else None
            seen.add(str(data.get("id")) if isinstance(data, dict) else Path(file).stem)
            continue
        seen.add(document.id)
        problems = check_compat(old[document.id][0], document, source) if document.id in old else []
        result.files.append(FileReport(file, "checklist", problems, document))
    if all(os.path.isdir(path) for path in paths):
        for checklist_id, (checklist, file) in sorted(old.items()):
            if checklist_id in seen:
                continue
            shown = os.path.relpath(file, base)
            message = (
                f"checklist {checklist_id!r} {checklist.version} of the base is gone: teams' "
                "assessment files name it; keep it, or remove it only in a major release, "
                "with a CHANGELOG.md entry"
            )
            problem = Problem(shown, 1, 1, "", message, code="checklist-removed")
            result.files.append(FileReport(shown, "checklist", [problem]))
    return result


def _unread(problems: list[Problem]) -> bool:
    """Whether the file was not read at all (so its absence is not a verdict)."""
    return any(p.code in ("unreadable", "not-a-file", "stdin-timeout") for p in problems)
