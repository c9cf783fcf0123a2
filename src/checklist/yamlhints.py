"""Where a YAML syntax error made by hand-editing really is, and how to fix it.

libyaml reports a syntax error where it noticed it, which after a hand edit is
often a line or a screen away from the mistake, in words about its own state
("did not find expected key in the mapping that starts on line 17"). This module
recognises the usual mistakes from the text around the error and names the line
to change and the change:

- a key or a list entry indented differently from its siblings, and by how much,
  or moved to column 1 (`checklist.indentation`);
- a quote left open, which swallows the lines up to the next quote;
- a key without its ``:``.

It reads only the text and the error's marks, and runs only for a file that does
not parse.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml

from checklist.indentation import (
    ENTRY,
    KEY_LINE,
    Hint,
    key_indent,
    last_key_left_its_entry,
    left_its_list,
    left_its_parent,
    line_above,
    misindented,
    owner,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

_NO_COLON = re.compile(
    r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z0-9_][\w.-]*)"
    r"(?P<rest> +(?:[^:#\s][^:#]*|(?:[&!]\S* +)?[\[{].*))? *$"
)
"""A line that is a key without its ``:``, alone or before a value (a flow value may
hold colons of its own): ``  data-source``, ``answer logs``, ``checklist {id: x}``."""
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
            or left_its_parent(rows, mark.line)
            or left_its_list(rows, mark.line)
            or last_key_left_its_entry(rows, mark.line)
            or misindented(rows, mark.line)
        )
        if found is None:
            # The key without its ':' is text, so the next key fits nowhere (or its ':'
            # cannot be placed, on its line or after the text that took in the key).
            found = _colon_missing_above(rows, mark.line)
        return found or _missing_colon(rows, mark.line)
    return None


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
        f"{'' if dash else owner(rows, line, len(found.group('indent')))}; write {fixed!r}",
    )


def _colon_missing_above(rows: Sequence[str], line: int) -> Hint | None:
    """A ``key: value`` line right under a line that lacks its ``:`` (libyaml reads the
    two lines as one text, and then finds a ``:`` it cannot place)."""
    here = KEY_LINE.match(rows[line])
    previous = line_above(rows, line)
    if here is None or previous is None:
        return None
    above = _NO_COLON.match(rows[previous])
    if above is None or key_indent(above) != key_indent(here):
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
    while 0 < first < mark.line and not (KEY_LINE.match(rows[first]) or ENTRY.match(rows[first])):
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
        KEY_LINE.match(rows[n]) or ENTRY.match(rows[n]) for n in range(start_line + 1, end_line + 1)
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
    key = KEY_LINE.match(rows[line])
    if key is None or key.end() > column:
        return ""
    return f" for {key.group('key')!r}{owner(rows, line, key_indent(key))}"
