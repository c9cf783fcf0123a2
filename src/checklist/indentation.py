"""Reading hand-written YAML line by line: keys, list entries and their indentation.

libyaml says where it stopped; these functions look at the lines around that place
for the usual indentation slips made by hand, and say which line to change and how:

- a key or a list entry indented differently from its siblings, and by how much;
- a key moved to column 1, which ends the mapping it belonged to;
- a list entry moved to column 1, which ends its list;
- the last key of a list entry moved to column 1.

Lines are numbered from 0 here, as libyaml's marks are; a `Hint` is 1-based.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

Hint = tuple[int, int, str]
"""A 1-based line and column, and the message."""

KEY_LINE = re.compile(
    r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s#:'\"\[\]{},&*!|>%@`-][^:#]*?):(?:\s|$)"
)
"""A line starting with a plain key and its ``:``, such as ``  note: text`` or ``- id: a``."""
ENTRY = re.compile(r"^ *-(?:\s|$)")
"""A line starting a list entry."""


def spaces(n: int) -> str:
    """``1 space``, ``4 spaces``."""
    return f"{n} space{'' if n == 1 else 's'}"


def line_above(rows: Sequence[str], line: int) -> int | None:
    """The nearest line above ``line`` (0-based) with content, not only a comment."""
    for n in range(line - 1, -1, -1):
        stripped = rows[n].strip()
        if stripped and not stripped.startswith("#"):
            return n
    return None


def key_indent(match: re.Match[str]) -> int:
    """The column (0-based) of the key of a key line, after any ``- ``."""
    return len(match.group("indent")) + len(match.group("dash") or "")


def _lead(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _significant(row: str) -> bool:
    stripped = row.strip()
    return bool(stripped) and not stripped.startswith("#")


_ID_ENTRY = re.compile(r"^ *- +id: *(?P<id>[A-Za-z0-9_.-]+) *$")


def owner(rows: Sequence[str], line: int, indent: int) -> str:
    """`` under 'has-data'`` or `` in 'data-source'``: the mapping a key at ``indent`` on
    ``line`` (0-based) belongs to, named by its key or, for a list entry, by its id."""
    for n in range(line, -1, -1):  # the line itself may be the entry that holds the key
        row = rows[n]
        if not _significant(row) or _lead(row) >= indent:
            continue
        key = KEY_LINE.match(row)
        if key is None:
            return ""
        if key.group("dash"):
            if key_indent(key) < indent:
                return ""  # a list of mappings under a key: named by that key's entry
            entry = _ID_ENTRY.match(row)
            return f" in {entry.group('id')!r}" if entry else ""
        if row[key.end() :].strip():
            return ""
        return f" under {key.group('key')!r}"
    return ""


def misindented(rows: Sequence[str], line: int) -> Hint | None:
    """A key, or a list entry, indented more or less than its siblings.

    The siblings are found by walking up over the deeper lines of earlier entries: a
    line starting left of this one or level with it is a sibling (a key with its
    value on its line, or a list entry) or the parent whose first child shows the
    indentation wanted. When that first child is the only sibling before this line,
    either may be the one that moved: the one off the file's usual indentation step
    is named.
    """
    row = rows[line]
    entry = ENTRY.match(row) is not None
    here = None if entry else KEY_LINE.match(row)
    if not entry and (here is None or here.group("dash")):
        return None
    have = _lead(row)
    if have == 0:
        return None  # moved to column 1: see `left_its_parent`
    found: tuple[int, int] | None = None
    for n in range(line - 1, -1, -1):
        above = rows[n]
        if not _significant(above) or _lead(above) > have:
            continue
        key = KEY_LINE.match(above)
        if ENTRY.match(above) and entry:
            found = (_lead(above), n)  # an entry of the same list
        elif entry:
            found = _first_child(rows, n, line)  # the key whose list this is
        elif key is None:
            return None
        elif key.group("dash") and (key_indent(key) >= have or above[key.end() :].strip()):
            found = (key_indent(key), n)  # a key of the same list entry
        elif key.group("dash"):
            return None
        elif above[key.end() :].strip():
            found = (key_indent(key), n)  # a sibling with its value on its line
        else:
            found = _first_child(rows, n, line)  # the parent mapping
            if found is not None and ENTRY.match(rows[found[1]]):
                found = (key_indent(key), n)  # a list under it: it is a sibling
        break
    if found is None or found[0] == have:
        return None
    want, sibling = found
    parent = line_above(rows, sibling)
    if parent is not None and (
        _lead(rows[parent]) >= want or not rows[parent].rstrip().endswith(":")
    ):
        parent = None  # the sibling is not the first line of its block
    if parent is not None and not any(
        _lead(rows[n]) == want and _significant(rows[n]) for n in range(sibling + 1, line)
    ):
        step = usual_step(rows, parent)
        if have - _lead(rows[parent]) == step != want - _lead(rows[parent]):
            # The first child is off the usual step and this line is on it: name the first.
            line, sibling, have, want = sibling, line, want, have
            row = rows[line]
            here = None if entry else KEY_LINE.match(row)
            if not entry and here is None:
                return None
    change = f"remove {spaces(have - want)}" if have > want else f"add {spaces(want - have)}"
    relation = "before" if sibling < line else "after"
    if entry:
        return (
            line + 1,
            have + 1,
            f"YAML syntax error: this list entry is indented by {spaces(have)} and the "
            f"entries {relation} it by {want} (such as the one on line {sibling + 1}): "
            f"{change} before its '-'",
        )
    assert here is not None
    for n in range(line - 1, sibling, -1):  # the nearest sibling names the indentation best
        key = KEY_LINE.match(rows[n])
        if key is not None and key_indent(key) == want:
            sibling = n
            break
    named = KEY_LINE.match(rows[sibling])
    such_as = f"{named.group('key')!r} on line {sibling + 1}" if named else f"line {sibling + 1}"
    return (
        line + 1,
        have + 1,
        f"YAML syntax error: {here.group('key')!r}{owner(rows, line, min(have, want))} is "
        f"indented by {spaces(have)} and its sibling keys "
        f"{f'by {want}' if want else 'are not indented'} (such as {such_as}): "
        f"{change} before it",
    )


def usual_step(rows: Sequence[str], besides: int) -> int:
    """How many spaces deeper than its key a block's first line usually is, not counting
    the block at line ``besides`` (2 when no other block says)."""
    steps: dict[int, int] = {}
    previous = None
    for n, row in enumerate(rows):
        if not _significant(row):
            continue
        if previous is not None and previous != besides and rows[previous].rstrip().endswith(":"):
            step = _lead(row) - _lead(rows[previous])
            if step > 0:
                steps[step] = steps.get(step, 0) + 1
        previous = n
    return max(steps, key=lambda step: (steps[step], -step)) if steps else 2


def _first_child(rows: Sequence[str], parent: int, line: int) -> tuple[int, int] | None:
    """The indentation and line of the first line under ``parent``, if it is not ``line``."""
    for n in range(parent + 1, line):
        if _significant(rows[n]):
            lead = _lead(rows[n])
            return (lead, n) if lead > _lead(rows[parent]) else None
    return None


def left_its_parent(rows: Sequence[str], line: int) -> Hint | None:
    """A key moved to column 1 from among the entries of a mapping.

    The moved key ends that mapping (and every one around it); the next entry,
    still indented, then fits nowhere, which is where libyaml stops.
    """
    here = KEY_LINE.match(rows[line])
    if here is None or here.group("dash") or not here.group("indent"):
        return None
    indent = len(here.group("indent"))
    # The nearest line at column 1 above, with only its own deeper lines in between.
    moved = None
    for n in range(line - 1, -1, -1):
        if _significant(rows[n]):
            if _lead(rows[n]) == 0:
                moved = n
                break
            if _lead(rows[n]) <= indent:
                return None
    entry = KEY_LINE.match(rows[moved]) if moved is not None else None
    if moved is None or entry is None or entry.group("dash"):
        return None
    sibling = None  # the last entry before it at the indentation it needs, if any
    for n in range(moved - 1, -1, -1):
        if not _significant(rows[n]):
            continue
        key = KEY_LINE.match(rows[n])
        if _lead(rows[n]) >= indent:
            if sibling is None and key is not None and key_indent(key) == indent:
                sibling = (n, key.group("key"))
            continue
        if sibling is None and n != line_above(rows, moved):
            return None  # nothing before it at the indentation the next line has
        if key is not None and key.group("dash") and key_indent(key) == indent:
            under = f"the list entry on line {n + 1}"
            like = sibling or (n, key.group("key"))
        elif key is not None and not rows[n][key.end() :].strip() and key_indent(key) < indent:
            under = repr(key.group("key") + ":")
            like = sibling or (line, here.group("key"))
        else:
            return None  # not the mapping it was moved out of
        return (
            moved + 1,
            1,
            f"YAML syntax error: {entry.group('key')!r} starts at column 1, so it is no "
            f"longer under {under}; indent it by {spaces(indent)}, like {like[1]!r} on "
            f"line {like[0] + 1}",
        )
    return None


def last_key_left_its_entry(rows: Sequence[str], line: int) -> Hint | None:
    """The last key of a list entry moved to column 1, found at the next entry.

    Below a ``key: text`` at column 1 the next entry's ``- id: b`` reads as more of
    the text, whose ``:`` libyaml cannot place; the key belongs with the keys above it.
    """
    if not ENTRY.match(rows[line]) or not _lead(rows[line]):
        return None
    moved = line_above(rows, line)
    entry = KEY_LINE.match(rows[moved]) if moved is not None else None
    if moved is None or entry is None or _lead(rows[moved]) or entry.group("dash"):
        return None
    sibling = line_above(rows, moved)
    key = KEY_LINE.match(rows[sibling]) if sibling is not None else None
    if sibling is None or key is None or key_indent(key) <= _lead(rows[line]):
        return None
    indent = key_indent(key)
    return (
        moved + 1,
        1,
        f"YAML syntax error: {entry.group('key')!r} starts at column 1, so it is no longer "
        f"with the keys above it; indent it by {spaces(indent)}, like "
        f"{key.group('key')!r} on line {sibling + 1}",
    )


_FIRST_KEY = re.compile(r"^ *- +\{? *(?P<key>[^\s:{}]+):")
"""The first key of a list entry that is a mapping: ``- id: a``, ``- {value: x, ...}``."""


def left_its_list(rows: Sequence[str], line: int) -> Hint | None:
    """A list entry moved to column 1 from its list, which it ends.

    Its list is the nearest one above whose entries start with the same key (an item
    after items, an option after options), else the nearest list.
    """
    if not ENTRY.match(rows[line]) or _lead(rows[line]):
        return None
    opener = line_above(rows, line)
    key = KEY_LINE.match(rows[opener]) if opener is not None else None
    if opener is not None and key is not None and rows[opener].rstrip().endswith(":"):
        # The first entry of the list under this key: indented as the entries after it.
        after = next((n for n in range(line + 1, len(rows)) if _significant(rows[n])), None)
        indent = key_indent(key) + usual_step(rows, opener)
        if after is not None and ENTRY.match(rows[after]) and _lead(rows[after]) > key_indent(key):
            indent = _lead(rows[after])
        return (
            line + 1,
            1,
            f"YAML syntax error: this list entry starts at column 1, so it is no longer under "
            f"{key.group('key') + ':'!r} (line {opener + 1}); indent it by {spaces(indent)}",
        )
    first = _FIRST_KEY.match(rows[line])
    nearest = None
    for n in range(line - 1, -1, -1):
        if not _significant(rows[n]):
            continue
        if _lead(rows[n]) == 0:
            break
        if ENTRY.match(rows[n]):
            other = _FIRST_KEY.match(rows[n])
            if first is not None and other is not None and other.group("key") == first.group("key"):
                nearest = n
                break
            nearest = n if nearest is None else nearest
    if nearest is None:
        return None
    indent = _lead(rows[nearest])
    return (
        line + 1,
        1,
        f"YAML syntax error: this list entry starts at column 1, so it is no longer in its "
        f"list; indent it by {spaces(indent)}, like the entry on line {nearest + 1}",
    )
