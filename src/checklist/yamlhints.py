"""Where a YAML syntax error made by hand-editing really is, and how to fix it.

libyaml reports a syntax error where it noticed it, which after a hand edit is
often a line or a screen away from the mistake, in words about its own state
("did not find expected key in the mapping that starts on line 17"). This module
recognises the usual mistakes from the text around the error and names the line
to change and the change:

- a key indented differently from its sibling keys, and by how much;
- a quote left open, which swallows the lines up to the next quote;
- an entry moved to column 1, which ends the mapping it belonged to;
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
        return (
            _unclosed_quote(text, rows, mark)
            or _left_its_parent(rows, mark.line)
            or _misindented(rows, mark.line)
            or _colon_missing_above(rows, mark.line, reason)
        )
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


def _misindented(rows: Sequence[str], line: int) -> Hint | None:
    """A key indented more or less than the sibling key on the line above it."""
    here = _KEY_LINE.match(rows[line])
    previous = _above(rows, line)
    if here is None or here.group("dash") or previous is None:
        return None
    sibling = _KEY_LINE.match(rows[previous])
    if sibling is None or not rows[previous][sibling.end() :].strip():
        return None  # the line above opens a mapping: it is no sibling
    have, want = len(here.group("indent")), _key_indent(sibling)
    if have == want:
        return None
    change = f"remove {_spaces(have - want)}" if have > want else f"add {_spaces(want - have)}"
    return (
        line + 1,
        have + 1,
        f"YAML syntax error: {here.group('key')!r} is indented by {_spaces(have)} and its "
        f"sibling keys by {want} (such as {sibling.group('key')!r} on line {previous + 1}): "
        f"{change} before it",
    )


def _left_its_parent(rows: Sequence[str], line: int) -> Hint | None:
    """An entry moved to column 1 between the entries of a top-level mapping.

    The entry ends the top-level key's mapping; the next entry, still indented,
    then fits nowhere, which is where libyaml stops.
    """
    here = _KEY_LINE.match(rows[line])
    if here is None or not here.group("indent"):
        return None
    indent = len(here.group("indent"))
    moved = None
    for n in range(line - 1, -1, -1):
        match = _KEY_LINE.match(rows[n])
        if match is None:
            continue
        if not match.group("indent") and not match.group("dash"):
            if moved is None:
                moved = n
                continue
            # The top-level key the moved entry belonged to: its entries are at `indent`.
            siblings = [
                m
                for m in range(n + 1, moved)
                if (found := _KEY_LINE.match(rows[m])) and _key_indent(found) == indent
            ]
            if not siblings:
                return None
            entry = _KEY_LINE.match(rows[moved])
            sibling = _KEY_LINE.match(rows[siblings[-1]])
            assert entry is not None
            assert sibling is not None
            return (
                moved + 1,
                1,
                f"YAML syntax error: {entry.group('key')!r} starts at column 1, so it is no "
                f"longer under {match.group('key') + ':'!r}; indent it by {_spaces(indent)}, "
                f"like {sibling.group('key')!r} on line {siblings[-1] + 1}",
            )
    return None


def _missing_colon(rows: Sequence[str], line: int) -> Hint | None:
    """The line at ``line`` (0-based) is a key without its ``:``."""
    if line >= len(rows):
        return None
    row = rows[line]
    content = row.strip()
    if not content or ":" in content or content.startswith(("#", "-", "[", "{", '"', "'")):
        return None
    key, _, rest = content.partition(" ")
    fixed = f"{key}: {rest.strip()}" if rest.strip() else f"{key}:"
    return (
        line + 1,
        len(row) - len(row.lstrip(" ")) + 1,
        f"YAML syntax error: no ':' after the key on this line; write {fixed!r}",
    )


def _colon_missing_above(rows: Sequence[str], line: int, reason: str) -> Hint | None:
    """A ``key: value`` line right under a line that lacks its ``:`` (libyaml reads the
    two lines as one text, and then finds a ``:`` it cannot place)."""
    if not reason.startswith("mapping values are not allowed"):
        return None
    here = _KEY_LINE.match(rows[line])
    previous = _above(rows, line)
    if here is None or previous is None:
        return None
    above = rows[previous]
    if len(above) - len(above.lstrip(" ")) != _key_indent(here):
        return None
    return _missing_colon(rows, previous)


def _unclosed_quote(text: str, rows: Sequence[str], mark: Any) -> Hint | None:
    """A quoted string opened on an earlier line that ends where libyaml stopped, after
    taking in lines that look like keys: its closing quote is missing."""
    loader = _SCANNER(text)
    quoted = None
    try:
        while loader.check_token():
            token = loader.get_token()
            start = token.start_mark
            if (start.line, start.column) >= (mark.line, mark.column):
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
    if start.line == end.line or end.line != mark.line:
        return None
    if not any(_KEY_LINE.match(rows[n]) for n in range(start.line + 1, end.line + 1)):
        return None
    return (
        start.line + 1,
        start.column + 1,
        f"YAML syntax error: the quote ({quoted.style}) opened here is not closed on this "
        f"line, so the string runs on to the next {quoted.style} on line {end.line + 1}; "
        "close it on this line",
    )
