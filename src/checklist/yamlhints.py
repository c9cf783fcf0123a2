"""Where a YAML syntax error made by hand-editing really is, and how to fix it.

libyaml reports a syntax error where it noticed it, which after a hand edit is
often a line or a screen away from the mistake, in words about its own state
("did not find expected key in the mapping that starts on line 17"). This module
recognises the usual mistakes from the text around the error and names the line
to change and the change:

- a key or a list entry indented differently from its siblings, and by how much;
- a quote left open, which swallows the lines up to the next quote;
- a key moved to column 1, which ends the mapping it belonged to;
- a key without its ``:``.

It reads only the text and the error's marks, and runs only for a file that does
not parse.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from collections.abc import Sequence

Hint = tuple[int, int, str]
"""A 1-based line and column, and the message."""

_KEY_LINE = re.compile(
    r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s#:'\"\[\]{},&*!|>%@`-][^:#]*?):(?:\s|$)"
)
"""A line starting with a plain key and its ``:``, such as ``  note: text`` or ``- id: a``."""
_NO_COLON = re.compile(
    r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z0-9_][\w.-]*)"
    r"(?P<rest> +(?:[^:#\s][^:#]*|(?:[&!]\S* +)?[\[{].*))? *$"
)
"""A line that is a key without its ``:``, alone or before a value (a flow value may
hold colons of its own): ``  data-source``, ``answer logs``, ``checklist {id: x}``."""
_ENTRY = re.compile(r"^ *-(?:\s|$)")
"""A line starting a list entry."""
_SCANNER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def hand_edit_hint(text: str, error: yaml.MarkedYAMLError) -> Hint | None:
    """The place and the fix of a hand-editing mistake behind ``error``, if it is one."""
    mark = error.problem_mark
    if mark is None:
        return None
    rows = text.splitlines()  # the same line breaks as libyaml's
    if mark.line >= len(rows):
        return None
    reason = error.problem or ""
    context = error.context or ""
    if reason == "could not find expected ':'" and "simple key" in context:
        start = error.context_mark
        return _missing_colon(rows, start.line) if start is not None else None
    if reason.startswith(("did not find expected", "mapping values are not allowed")):
        found = (
            _unclosed_quote(rows, mark)
            or _left_its_parent(rows, mark.line)
            or _left_its_list(rows, mark.line)
            or _last_key_left_its_entry(rows, mark.line)
            or _misindented(rows, mark.line)
        )
        if found is None:
            # The key without its ':' is text, so the next key fits nowhere (or its ':'
            # cannot be placed, on its line or after the text that took in the key).
            found = _colon_missing_above(rows, mark.line)
        return found or _missing_colon(rows, mark.line)
    return None


def _spaces(n: int) -> str:
    return f"{n} space{'' if n == 1 else 's'}"


def _above(rows: Sequence[str], line: int) -> int | None:
    """The nearest line above ``line`` (0-based) with content, not only a comment."""
    for n in range(line - 1, -1, -1):
        stripped = rows[n].strip()
        if stripped and not stripped.startswith("#"):
            return n
    return None


def _key_indent(match: re.Match[str]) -> int:
    """The column (0-based) of the key of a key line, after any ``- ``."""
    return len(match.group("indent")) + len(match.group("dash") or "")


def _lead(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _significant(row: str) -> bool:
    stripped = row.strip()
    return bool(stripped) and not stripped.startswith("#")


_ID_ENTRY = re.compile(r"^ *- +id: *(?P<id>[A-Za-z0-9_.-]+) *$")


def _owner(rows: Sequence[str], line: int, indent: int) -> str:
    """`` under 'has-data'`` or `` in 'data-source'``: the mapping a key at ``indent`` on
    ``line`` (0-based) belongs to, named by its key or, for a list entry, by its id."""
    for n in range(line, -1, -1):  # the line itself may be the entry that holds the key
        row = rows[n]
        if not _significant(row) or _lead(row) >= indent:
            continue
        key = _KEY_LINE.match(row)
        if key is None:
            return ""
        if key.group("dash"):
            if _key_indent(key) < indent:
                return ""  # a list of mappings under a key: named by that key's entry
            entry = _ID_ENTRY.match(row)
            return f" in {entry.group('id')!r}" if entry else ""
        if row[key.end() :].strip():
            return ""
        return f" under {key.group('key')!r}"
    return ""


def _misindented(rows: Sequence[str], line: int) -> Hint | None:
    """A key, or a list entry, indented more or less than its siblings.

    The siblings are found by walking up over the deeper lines of earlier entries: a
    line starting left of this one or level with it is a sibling (a key with its
    value on its line, or a list entry) or the parent whose first child shows the
    indentation wanted. When that first child is the only sibling before this line,
    either may be the one that moved: the one off the file's usual indentation step
    is named.
    """
    row = rows[line]
    entry = _ENTRY.match(row) is not None
    here = None if entry else _KEY_LINE.match(row)
    if not entry and (here is None or here.group("dash")):
        return None
    have = _lead(row)
    if have == 0:
        return None  # moved to column 1: see `_left_its_parent`
    found: tuple[int, int] | None = None
    for n in range(line - 1, -1, -1):
        above = rows[n]
        if not _significant(above) or _lead(above) > have:
            continue
        key = _KEY_LINE.match(above)
        if _ENTRY.match(above) and entry:
            found = (_lead(above), n)  # an entry of the same list
        elif entry:
            found = _first_child(rows, n, line)  # the key whose list this is
        elif key is None:
            return None
        elif key.group("dash") and (_key_indent(key) >= have or above[key.end() :].strip()):
            found = (_key_indent(key), n)  # a key of the same list entry
        elif key.group("dash"):
            return None
        elif above[key.end() :].strip():
            found = (_key_indent(key), n)  # a sibling with its value on its line
        else:
            found = _first_child(rows, n, line)  # the parent mapping
            if found is not None and _ENTRY.match(rows[found[1]]):
                found = (_key_indent(key), n)  # a list under it: it is a sibling
        break
    if found is None or found[0] == have:
        return None
    want, sibling = found
    parent = _above(rows, sibling)
    if parent is not None and (
        _lead(rows[parent]) >= want or not rows[parent].rstrip().endswith(":")
    ):
        parent = None  # the sibling is not the first line of its block
    if parent is not None and not any(
        _lead(rows[n]) == want and _significant(rows[n]) for n in range(sibling + 1, line)
    ):
        step = _usual_step(rows, parent)
        if have - _lead(rows[parent]) == step != want - _lead(rows[parent]):
            # The first child is off the usual step and this line is on it: name the first.
            line, sibling, have, want = sibling, line, want, have
            row = rows[line]
            here = None if entry else _KEY_LINE.match(row)
            if not entry and here is None:
                return None
    change = f"remove {_spaces(have - want)}" if have > want else f"add {_spaces(want - have)}"
    relation = "before" if sibling < line else "after"
    if entry:
        return (
            line + 1,
            have + 1,
            f"YAML syntax error: this list entry is indented by {_spaces(have)} and the "
            f"entries {relation} it by {want} (such as the one on line {sibling + 1}): "
            f"{change} before its '-'",
        )
    assert here is not None
    for n in range(line - 1, sibling, -1):  # the nearest sibling names the indentation best
        key = _KEY_LINE.match(rows[n])
        if key is not None and _key_indent(key) == want:
            sibling = n
            break
    named = _KEY_LINE.match(rows[sibling])
    such_as = f"{named.group('key')!r} on line {sibling + 1}" if named else f"line {sibling + 1}"
    return (
        line + 1,
        have + 1,
        f"YAML syntax error: {here.group('key')!r}{_owner(rows, line, min(have, want))} is "
        f"indented by {_spaces(have)} and its sibling keys "
        f"{f'by {want}' if want else 'are not indented'} (such as {such_as}): "
        f"{change} before it",
    )


def _usual_step(rows: Sequence[str], besides: int) -> int:
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


def _left_its_parent(rows: Sequence[str], line: int) -> Hint | None:
    """A key moved to column 1 from among the entries of a mapping.

    The moved key ends that mapping (and every one around it); the next entry,
    still indented, then fits nowhere, which is where libyaml stops.
    """
    here = _KEY_LINE.match(rows[line])
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
    entry = _KEY_LINE.match(rows[moved]) if moved is not None else None
    if moved is None or entry is None or entry.group("dash"):
        return None
    sibling = None  # the last entry before it at the indentation it needs, if any
    for n in range(moved - 1, -1, -1):
        if not _significant(rows[n]):
            continue
        key = _KEY_LINE.match(rows[n])
        if _lead(rows[n]) >= indent:
            if sibling is None and key is not None and _key_indent(key) == indent:
                sibling = (n, key.group("key"))
            continue
        if sibling is None and n != _above(rows, moved):
            return None  # nothing before it at the indentation the next line has
        if key is not None and key.group("dash") and _key_indent(key) == indent:
            under = f"the list entry on line {n + 1}"
            like = sibling or (n, key.group("key"))
        elif key is not None and not rows[n][key.end() :].strip() and _key_indent(key) < indent:
            under = repr(key.group("key") + ":")
            like = sibling or (line, here.group("key"))
        else:
            return None  # not the mapping it was moved out of
        return (
            moved + 1,
            1,
            f"YAML syntax error: {entry.group('key')!r} starts at column 1, so it is no "
            f"longer under {under}; indent it by {_spaces(indent)}, like {like[1]!r} on "
            f"line {like[0] + 1}",
        )
    return None


def _last_key_left_its_entry(rows: Sequence[str], line: int) -> Hint | None:
    """The last key of a list entry moved to column 1, found at the next entry.

    Below a ``key: text`` at column 1 the next entry's ``- id: b`` reads as more of
    the text, whose ``:`` libyaml cannot place; the key belongs with the keys above it.
    """
    if not _ENTRY.match(rows[line]) or not _lead(rows[line]):
        return None
    moved = _above(rows, line)
    entry = _KEY_LINE.match(rows[moved]) if moved is not None else None
    if moved is None or entry is None or _lead(rows[moved]) or entry.group("dash"):
        return None
    sibling = _above(rows, moved)
    key = _KEY_LINE.match(rows[sibling]) if sibling is not None else None
    if sibling is None or key is None or _key_indent(key) <= _lead(rows[line]):
        return None
    indent = _key_indent(key)
    return (
        moved + 1,
        1,
        f"YAML syntax error: {entry.group('key')!r} starts at column 1, so it is no longer "
        f"with the keys above it; indent it by {_spaces(indent)}, like "
        f"{key.group('key')!r} on line {sibling + 1}",
    )


_FIRST_KEY = re.compile(r"^ *- +\{? *(?P<key>[^\s:{}]+):")
"""The first key of a list entry that is a mapping: ``- id: a``, ``- {value: x, ...}``."""


def _left_its_list(rows: Sequence[str], line: int) -> Hint | None:
    """A list entry moved to column 1 from its list, which it ends.

    Its list is the nearest one above whose entries start with the same key (an item
    after items, an option after options), else the nearest list.
    """
    if not _ENTRY.match(rows[line]) or _lead(rows[line]):
        return None
    opener = _above(rows, line)
    key = _KEY_LINE.match(rows[opener]) if opener is not None else None
    if opener is not None and key is not None and rows[opener].rstrip().endswith(":"):
        # The first entry of the list under this key: indented as the entries after it.
        after = next((n for n in range(line + 1, len(rows)) if _significant(rows[n])), None)
        indent = _key_indent(key) + _usual_step(rows, opener)
        if (
            after is not None
            and _ENTRY.match(rows[after])
            and _lead(rows[after]) > _key_indent(key)
        ):
            indent = _lead(rows[after])
        return (
            line + 1,
            1,
            f"YAML syntax error: this list entry starts at column 1, so it is no longer under "
            f"{key.group('key') + ':'!r} (line {opener + 1}); indent it by {_spaces(indent)}",
        )
    first = _FIRST_KEY.match(rows[line])
    nearest = None
    for n in range(line - 1, -1, -1):
        if not _significant(rows[n]):
            continue
        if _lead(rows[n]) == 0:
            break
        if _ENTRY.match(rows[n]):
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
        f"list; indent it by {_spaces(indent)}, like the entry on line {nearest + 1}",
    )


def _missing_colon(rows: Sequence[str], line: int) -> Hint | None:
    """The line at ``line`` (0-based) is a key without its ``:``."""
    found = _NO_COLON.match(rows[line]) if line < len(rows) else None
    if found is None:
        return None
    dash, key, rest = found.group("dash") or "", found.group("key"), found.group("rest") or ""
    value = rest.strip() if len(rest.strip()) <= 40 else "..."
    fixed = f"{dash}{key}: {value}" if value else f"{dash}{key}:"
    return (
        line + 1,
        len(found.group("indent")) + 1,
        f"YAML syntax error: no ':' after the key {key!r}"
        f"{'' if dash else _owner(rows, line, len(found.group('indent')))}; write {fixed!r}",
    )


def _colon_missing_above(rows: Sequence[str], line: int) -> Hint | None:
    """A ``key: value`` line right under a line that lacks its ``:`` (libyaml reads the
    two lines as one text, and then finds a ``:`` it cannot place)."""
    here = _KEY_LINE.match(rows[line])
    previous = _above(rows, line)
    if here is None or previous is None:
        return None
    above = _NO_COLON.match(rows[previous])
    if above is None or _key_indent(above) != _key_indent(here):
        return None
    return _missing_colon(rows, previous)


_QUOTE_REACH = 1000
"""How many lines before the error a runaway quoted string is looked for."""


def _unclosed_quote(rows: Sequence[str], mark: Any) -> Hint | None:
    """A quoted string opened on an earlier line that ends where libyaml stopped, after
    taking in lines that look like keys: its closing quote is missing.

    The tokens are read from a key or an entry at most `_QUOTE_REACH` lines before the error,
    not from the start: a large file pays for a screenful, not for all of it.
    """
    before = rows[mark.line][: mark.column]
    if '"' not in before and "'" not in before:
        return None  # the string that ran on would end on this line, before the error
    first = max(0, mark.line - _QUOTE_REACH)
    while 0 < first < mark.line and not (_KEY_LINE.match(rows[first]) or _ENTRY.match(rows[first])):
        first += 1
    loader = _SCANNER("\n".join(rows[first : mark.line + 1]))
    quoted = None
    try:
        while loader.check_token():
            token = loader.get_token()
            if (token.start_mark.line + first, token.start_mark.column) >= (mark.line, mark.column):
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                quoted = token
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    if quoted is None:
        return None
    start, end = quoted.start_mark, quoted.end_mark
    start_line, end_line = start.line + first, end.line + first
    if start_line == end_line or end_line != mark.line:
        return None
    if not any(
        _KEY_LINE.match(rows[n]) or _ENTRY.match(rows[n])
        for n in range(start_line + 1, end_line + 1)
    ):
        return None
    return (
        start_line + 1,
        start.column + 1,
        f"YAML syntax error: the quote ({quoted.style}) opened here"
        f"{_quoted_key(rows, start_line, start.column)} is not closed on this line, so the "
        f"string runs on to the next {quoted.style} on line {end_line + 1}; close it on this line",
    )


def _quoted_key(rows: Sequence[str], line: int, column: int) -> str:
    """`` for 'answer' under 'has-data'``: the key whose value the quote opens, if any."""
    key = _KEY_LINE.match(rows[line])
    if key is None or key.end() > column:
        return ""
    return f" for {key.group('key')!r}{_owner(rows, line, _key_indent(key))}"
