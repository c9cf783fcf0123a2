"""Safe YAML reading that keeps the position of every value.

The file is composed into a node tree by libyaml (through PyYAML's C parser
when available), then turned into plain Python values here, so that we can
refuse what plain loaders accept silently: duplicate keys, non-string keys,
custom tags, alias-expansion bombs. Scalars follow the YAML 1.2 core schema:
``yes``, ``no``, ``on`` and ``off`` are strings, and dates stay strings.

Positions are looked up only when a problem must be reported, by walking the
node tree along the problem's path; a valid file pays nothing for them.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from checklist.problems import Problem, Severity, format_path
from checklist.yamlhints import hand_edit_hint

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Files larger than this are refused before parsing (2 MiB; a 500-item checklist is ~200 KB)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences accepted."""
MAX_ALIAS_EXPANSION = 10_000
"""How many nodes aliases may re-use in one document before it counts as a bomb."""
MAX_NODES = 200_000
"""Most YAML nodes (keys, values, list entries) read from one file: about 10,000 items
(the largest shipped checklist has under 1,000 nodes). A file with more is refused
before its nodes are built, so that a hostile file costs bounded time (the 1 MB file
of 100,000 keys is refused in a fraction of a second)."""
MAX_KEY_CHARACTERS = 1024
"""libyaml's limit on a key written without a '?' (a "simple key"), quotes included."""
_MAX_FLOAT = sys.float_info.max
_MAX_INT_DIGITS = 4000
"""Longer integers are not parsed (Python refuses more than 4,300 digits): too large anyway."""

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader with YAML 1.2 core-schema scalars (no yes/no booleans, no dates).

    The C composer calls ``resolve`` for every node and the path-resolver hooks
    around each one; this loader has no path resolvers, so those hooks do nothing
    and ``resolve`` only looks at a plain scalar's first character.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers: nothing to track."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node, by the YAML 1.2 core schema."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_CORE_SCHEMA = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (
        "tag:yaml.org,2002:int",
        r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]
for _tag, _pattern, _first in _CORE_SCHEMA:
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

# C0 controls other than tab, line feed and carriage return, plus DEL and the C1 block
# other than NEL: YAML forbids them, and libyaml's own error gives no line or column.
_FORBIDDEN_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")


def describe_value(value: Any) -> str:
    """A short description of a YAML value for messages: ``the string 'x'``, ``a list``."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"the number {'.nan' if math.isnan(value) else '-.inf' if value < 0 else '.inf'}"
    if isinstance(value, int) and len(str(abs(value))) > 30:
        return f"a {len(str(abs(value))):,}-digit number"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"the string {shown!r}" if value else "an empty string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def shown_tag(tag: str) -> str:
    """A tag as it is written in the file: ``!!python/object`` rather than its long form."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


@dataclass(frozen=True)
class Location:
    """A place in a file: 1-based line and column, and the document path."""

    line: int
    column: int
    path: str


@dataclass
class Source:
    """A parsed YAML document: its plain value, and its node tree for positions."""

    file: str
    """The file name used in problems."""
    data: Any
    """The document as plain Python values (dict, list, str, int, float, bool, None)."""
    text: str = field(repr=False)
    """The decoded text, from which the node tree can be composed again."""
    _root: yaml.Node | None = field(default=None, repr=False)
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False
    )
    """The entries of each mapping looked into, by key (the first of a duplicate), so that
    locating many problems in one mapping reads its keys once."""

    @property
    def root(self) -> yaml.Node:
        """The composed node tree, used only to find positions.

        After `release` it is composed again from the text the first time a
        position is needed (a valid document never needs one).
        """
        if self._root is None:
            loader = _Loader(self.text)
            try:
                self._root = loader.get_single_node()
            finally:
                loader.dispose()
        return self._root

    def release(self) -> None:
        """Drop the node tree and the plain values, keeping only the text.

        A document waiting to be checked then costs about its file size in
        memory instead of many times that.
        """
        self._root = None
        self._keys = {}
        self.data = None

    def locate(self, loc: tuple[str | int, ...], *, at_key: bool = False) -> Location:
        """Find the line and column of the value at ``loc``.

        Segments that do not exist in the document (such as the names pydantic
        gives to union members) are skipped. When the path ends at a missing
        key, the position is that of the mapping that lacks it. With ``at_key``
        the position of the final key itself is returned (for unknown keys).
        """
        node, found = self._node_at(loc, at_key=at_key)
        mark = node.start_mark
        return Location(mark.line + 1, mark.column + 1, format_path(tuple(found)))

    def written(self, loc: tuple[str | int, ...]) -> str | None:
        """The value at ``loc`` as it is written in the file, when it fits on one line."""
        node, _ = self._node_at(loc, at_key=False)
        start, end = node.start_mark, node.end_mark
        if start.line != end.line:
            return None
        rows = self.text.splitlines()  # the same line breaks as libyaml's
        return rows[start.line][start.column : end.column] if start.line < len(rows) else None

    def _node_at(
        self, loc: tuple[str | int, ...], *, at_key: bool
    ) -> tuple[yaml.Node, list[str | int]]:
        """The node at ``loc`` (see `locate`) and the segments of ``loc`` it was found by."""
        node = self.root
        found: list[str | int] = []
        for index, segment in enumerate(loc):
            last = index == len(loc) - 1
            if isinstance(node, yaml.MappingNode) and isinstance(segment, str):
                entries = self._keys.get(id(node))
                if entries is None:
                    entries = {}
                    for key_node, value_node in node.value:
                        if isinstance(key_node, yaml.ScalarNode):
                            entries.setdefault(key_node.value, (key_node, value_node))
                    self._keys[id(node)] = entries
                match = entries.get(segment)
                if match is None:
                    continue
                found.append(segment)
                if last and at_key:
                    node = match[0]
                    break
                node = match[1]
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(segment, int)
                and 0 <= segment < len(node.value)
            ):
                found.append(segment)
                node = node.value[segment]
        return node, found

    def problem(
        self,
        loc: tuple[str | int, ...],
        message: str,
        *,
        code: str,
        at_key: bool = False,
        severity: Severity = "error",
    ) -> Problem:
        """A problem at the value (or key) found at ``loc``."""
        where = self.locate(loc, at_key=at_key)
        return Problem(
            self.file,
            where.line,
            where.column,
            where.path,
            message,
            code=code,
            severity=severity,
        )


def _crowded_at(text: str) -> Any:
    """Where a file passes `MAX_NODES` nodes, if it does.

    Every node but the first needs a ``:`` (a key and its value), a ``-``, a ``,``,
    a ``[``, a ``{``, a ``?`` or a ``*``, so counting those characters bounds the
    nodes at C speed; only a file over the bound has its events counted.
    """
    bound = 1 + sum(text.count(ch) for ch in "-,[{?*") + 2 * text.count(":")
    if bound <= MAX_NODES:
        return None
    nodes = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent, yaml.AliasEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    return event.start_mark  # a Mark: line and column from 0
    except yaml.YAMLError:
        return None  # the reader says what is wrong, where
    return None


_BYTE_ORDER_MARKS = (
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
)


def _wide_encoding(raw: bytes) -> str | None:
    """``UTF-16 (little-endian)`` and the like when the bytes are UTF-16 or UTF-32 text.

    Known by the byte order mark, or without one by where the NUL bytes of the
    first character are, as the YAML specification detects an encoding (a YAML
    file starts with an ASCII character).
    """
    for mark, name in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            return name
    head = raw[:4]
    if len(head) < 4 or b"\x00" not in head:
        return None
    nuls = "".join("0" if byte == 0 else "x" for byte in head)
    return {
        "000x": "UTF-32 (big-endian)",
        "x000": "UTF-32 (little-endian)",
        "0x0x": "UTF-16 (big-endian)",
        "x0x0": "UTF-16 (little-endian)",
    }.get(nuls)


def read_source(file: str, raw: bytes) -> tuple[Source | None, list[Problem]]:
    """Parse the bytes of one YAML file into a `Source` and its problems.

    Returns ``(None, problems)`` when the file cannot be read as one YAML
    document. Problems that do not stop the reading (such as a duplicate key)
    come with a source, so that the rest of the file is checked too.
    """

    def whole_file(message: str, code: str, line: int = 1, column: int = 1) -> list[Problem]:
        return [Problem(file, line, column, "", message, code=code)]

    if len(raw) > MAX_FILE_BYTES:
        return None, whole_file(
            f"file is {len(raw):,} bytes; files larger than {MAX_FILE_BYTES:,} bytes are refused",
            "too-large",
        )
    wide = _wide_encoding(raw)
    if wide is not None:
        # What Windows PowerShell writes for `checklist init ... > file.yaml`.
        return None, whole_file(f"the file is {wide}; save it as UTF-8", "not-utf8")
    nul = raw.find(b"\x00", 0, 8192)
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        column = len(raw[raw.rfind(b"\n", 0, nul) + 1 : nul].decode("utf-8", "replace")) + 1
        return None, whole_file(
            "binary file: expected UTF-8 text, found a NUL byte", "not-text", line, column
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, whole_file(
            f"not UTF-8 text: byte 0x{raw[error.start]:02x} cannot be decoded; "
            "save the file as UTF-8",
            "not-utf8",
            line,
            column,
        )
    bad = _FORBIDDEN_CHARACTER.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        return None, whole_file(
            f"control character U+{ord(bad.group()):04X} is not allowed in YAML; "
            "remove it or write it as an escape inside a double-quoted string",
            "control-character",
            line,
            column,
        )
    if not text.strip():
        return None, whole_file("empty file: expected a YAML mapping with a 'kind' key", "empty")
    crowded = _crowded_at(text)
    if crowded is not None:
        return None, whole_file(
            f"the file has more than {MAX_NODES:,} YAML nodes (keys, values and list "
            "entries); a checklist or an assessment needs far fewer, so it is not read",
            "too-many-nodes",
            crowded.line + 1,
            crowded.column + 1,
        )
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(file, text, error)]
    except yaml.YAMLError as error:
        return None, whole_file(f"YAML error: {error}", "yaml-syntax")
    finally:
        loader.dispose()
    if root is None:
        return None, whole_file(
            "empty document: expected a YAML mapping with a 'kind' key", "empty"
        )
    builder = _Builder(file)
    try:
        data = builder.build(root, (), 0)
    except _Refused as refused:
        return None, [refused.problem]
    return Source(file, data, text, root), builder.problems


_CONTEXTS = {
    "block collection": "list",
    "block mapping": "mapping",
    "flow sequence": "list in [ ]",
    "flow mapping": "mapping in { }",
    "quoted scalar": "quoted string",
}


def _syntax_problem(file: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error, placed where a person should look, with what to do."""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    reason = error.problem or "invalid YAML"
    if "expected a single document" in (error.context or ""):
        mark = problem_mark or context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = (
            "several YAML documents in one file; expected exactly one "
            "(remove the '---' separator or split the file)"
        )
        return Problem(file, line, column, "", message, code="several-documents")
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    raw_context = (
        (error.context or "").replace("while parsing a ", "").replace("while scanning a ", "")
    )
    context = _CONTEXTS.get(raw_context, "")
    mark = problem_mark or context_mark
    message = f"YAML syntax error: {reason}"
    at_end = mark is None or mark.line >= lines or reason == "found unexpected end of stream"
    if context_mark is not None and at_end:
        # The error surfaced at the end of the file; the cause is where the construct opened.
        opener = _unclosed_flow(text) if not context or context_mark.line >= lines else None
        if opener is not None:
            context, context_mark = opener
        mark = context_mark
        what = reason.replace("did not find ", "")
        message = (
            f"YAML syntax error: this {context} is never closed: {what}"
            if context and mark.line < lines
            else f"YAML syntax error: the file ends too early: {what}"
        )
    elif context_mark is not None and context and context_mark.line != (mark.line if mark else -1):
        message += f" in the {context} that starts on line {context_mark.line + 1}"
    rows = text.splitlines()  # the same line breaks as libyaml's
    row = rows[mark.line] if mark and mark.line < len(rows) else ""
    at = row[mark.column : mark.column + 1] if mark else ""
    key = row[: mark.column].lstrip(" -") if mark else ""
    if (
        mark is not None
        and len(key) > MAX_KEY_CHARACTERS
        and ": " not in key
        and reason
        in ("mapping values are not allowed in this context", "could not find expected ':'")
    ):
        # libyaml stops looking for the ':' of a key after 1,024 characters.
        column = mark.column - len(key) + 1
        message = (
            f"YAML syntax error: this key is {len(key):,} characters long; YAML reads keys of "
            f"at most {MAX_KEY_CHARACTERS:,} characters"
        )
        return Problem(file, mark.line + 1, column, "", message, code="key-too-long")
    hint = None if at_end or "tab" in reason or at == "\t" else hand_edit_hint(text, error)
    if hint is not None:
        return Problem(file, *hint[:2], "", hint[2], code="yaml-syntax")
    if "tab character" in reason or at == "\t":
        message = "YAML syntax error: a tab character is used for indentation; indent with spaces"
    elif (
        "indicator" in reason or "block end" in reason or "mapping values are not allowed" in reason
    ):
        message += "; check the indentation of this line"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(file, line, column, "", message, code="yaml-syntax")


def _unclosed_flow(text: str) -> tuple[str, Any] | None:
    """The innermost ``[`` or ``{`` still open where the text stops parsing, if any."""
    loader = _Loader(text)
    # The marks are libyaml's own type when the C parser is used.
    opened: list[tuple[str, Any] | None] = []  # None: a block collection
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                kind = (
                    "list in [ ]"
                    if isinstance(event, yaml.SequenceStartEvent)
                    else "mapping in { }"
                )
                opened.append((kind, event.start_mark) if event.flow_style else None)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                opened.pop()
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return next((flow for flow in reversed(opened) if flow is not None), None)


class _Refused(Exception):
    """Stops building a document that cannot be read safely (a bomb, too deep)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Builder:
    """Turns composed nodes into plain values, collecting problems on the way."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.reused = 0

    def _problem(
        self, node: yaml.Node, path: tuple[str | int, ...], message: str, code: str
    ) -> Problem:
        mark = node.start_mark
        return Problem(
            self.file, mark.line + 1, mark.column + 1, format_path(path), message, code=code
        )

    def build(self, node: yaml.Node, path: tuple[str | int, ...], depth: int) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if depth >= MAX_DEPTH:
            raise _Refused(
                self._problem(node, path, f"nesting deeper than {MAX_DEPTH} levels", "too-deep")
            )
        if id(node) in self.seen:
            # An alias re-uses a node; count what it re-expands so that a billion
            # laughs is refused instead of built.
            self.reused += 1
            if self.reused > MAX_ALIAS_EXPANSION:
                raise _Refused(
                    self._problem(
                        node,
                        path,
                        f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} nodes; "
                        "refusing a possible alias bomb",
                        "alias-bomb",
                    )
                )
        else:
            self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.problems.append(self._unsupported_tag(node, path))
            # Plain strings, the commonest values, are taken as they are (no call, no path).
            return [
                child.value
                if type(child) is yaml.ScalarNode and child.tag == _STR
                else self.build(child, (*path, i), depth + 1)
                for i, child in enumerate(node.value)
            ]
        assert isinstance(node, yaml.MappingNode)
        if node.tag != _MAP:
            self.problems.append(self._unsupported_tag(node, path))
        result: dict[str, Any] = {}
        first: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                if isinstance(key_node, yaml.ScalarNode):
                    found = describe_value(self._scalar(key_node, path))
                    advice = "; quote it if it is a name"
                else:
                    found = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                    advice = ""
                self.problems.append(
                    self._problem(
                        key_node,
                        path,
                        f"keys must be plain strings, found {found}{advice}",
                        "key-not-string",
                    )
                )
                continue
            key = key_node.value
            if key == "<<":
                self.problems.append(
                    self._problem(
                        key_node, path, "merge keys ('<<') are not supported", "merge-key"
                    )
                )
                continue
            if key in result:
                self.problems.append(
                    self._problem(
                        key_node,
                        (*path, key),
                        f"duplicate key {key!r}: it is already defined on line "
                        f"{first[key].start_mark.line + 1}; each key may appear once",
                        "duplicate-key",
                    )
                )
                continue
            first[key] = key_node
            if type(value_node) is yaml.ScalarNode and value_node.tag == _STR:
                result[key] = value_node.value  # a plain string: no call, no path
                continue
            if depth > 0:
                result[key] = self.build(value_node, (*path, key), depth + 1)
                continue
            try:
                result[key] = self.build(value_node, (key,), 1)
            except _Refused as refused:
                if refused.problem.code != "alias-bomb":
                    raise
                # Point at the top-level value being built, which the reader can find;
                # the place deep inside the expansion exists only in memory.
                raise _Refused(
                    self._problem(value_node, (key,), refused.problem.message, "alias-bomb")
                ) from None
        return result

    def _unsupported_tag(self, node: yaml.Node, path: tuple[str | int, ...]) -> Problem:
        return self._problem(
            node,
            path,
            f"unsupported YAML tag {shown_tag(node.tag)!r}; remove the tag",
            "unsupported-tag",
        )

    def _scalar(self, node: yaml.ScalarNode, path: tuple[str | int, ...]) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _INT:
            digits = len(value.lstrip("+-"))
            if digits > _MAX_INT_DIGITS:
                return self._too_large(node, path, f"a {digits:,}-digit number")
            try:
                number = int(value, 0) if value[:2] in ("0o", "0x") else int(value)
            except ValueError:
                pass
            else:
                if abs(number) <= _MAX_FLOAT:
                    return number
                return self._too_large(node, path, f"a {digits:,}-digit number")
        elif tag == _FLOAT:
            lowered = value.lower()
            if lowered == ".nan":
                return math.nan
            try:
                real = float(lowered.replace(".inf", "inf"))
            except ValueError:
                pass
            else:
                if math.isinf(real) and "inf" not in lowered:  # 1e999: too large for a float
                    shown = value if len(value) <= 30 else value[:27] + "..."
                    return self._too_large(node, path, shown)
                return real
        self.problems.append(self._unsupported_tag(node, path))
        return value

    def _too_large(self, node: yaml.ScalarNode, path: tuple[str | int, ...], shown: str) -> str:
        """A number beyond what a float holds: one problem, and the text kept as it is."""
        self.problems.append(
            self._problem(
                node,
                path,
                f"number too large: {shown}; numbers must be at most about 1.8e308 "
                "(quote it if it is text)",
                "number-too-large",
            )
        )
        return str(node.value)
