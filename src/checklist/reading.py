"""Read the bytes of one input file without ever blocking on it.

Only regular files are opened: a named pipe or a device named ``*.yaml`` in a
folder would otherwise block the reader forever (a FIFO without a writer) or
never end (``/dev/zero``). Standard input, named ``-`` or by a path to it such
as ``/dev/stdin``, is the one stream that is read, and it is bounded twice: by
`MAX_FILE_BYTES` like any file, and by a timeout on silence, so that a pipe
that stays open without sending anything ends with a message instead of a
hang, while a slow producer that keeps sending is waited for.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from typing import TYPE_CHECKING

from checklist.problems import Problem
from checklist.yamlsource import MAX_FILE_BYTES

if TYPE_CHECKING:
    from collections.abc import Callable

STDIN = "-"
"""The path that names standard input."""
STDIN_NAME = "<stdin>"
"""The file name of standard input in problems."""
STDIN_TIMEOUT = 30.0
"""Seconds standard input may stay silent (no byte, no end) before it is refused.

``CHECKLIST_STDIN_TIMEOUT`` overrides it: a positive number of seconds.
"""
_CHUNK = 64 * 1024
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def display_name(path: str) -> str:
    """The name of ``path`` in problems: ``<stdin>`` for ``-``, else the path itself."""
    return STDIN_NAME if path == STDIN else path


def names_stdin(path: str) -> bool:
    """Whether ``path`` is standard input: ``-``, or a path to it such as ``/dev/stdin``.

    Standard input can be read once only, so a caller that reads files again knows
    to keep what it read.
    """
    if path == STDIN:
        return True
    try:
        status = os.stat(path)
    except OSError:
        return False
    return not stat.S_ISREG(status.st_mode) and _is_stdin(status)


def read_input(path: str) -> bytes | Problem:
    """The bytes of the file at ``path`` (``-`` is standard input), or why it was refused.

    At most ``MAX_FILE_BYTES + 1`` bytes are read, so that the caller sees a
    file that is too large without this function reading all of it.
    """
    name = display_name(path)

    def refused(message: str, code: str) -> Problem:
        return Problem(name, 1, 1, "", message, code=code)

    if path == STDIN:
        return _read_stdin(refused)
    try:
        status = os.stat(path)
    except OSError as error:
        return refused(f"cannot read file: {_reason(error)}", "unreadable")
    if stat.S_ISDIR(status.st_mode):
        try:
            with os.scandir(path):
                pass
        except OSError as error:
            return refused(f"cannot read folder: {_reason(error)}", "unreadable")
        return refused("expected a YAML file, found a folder", "not-a-file")
    if not stat.S_ISREG(status.st_mode):
        if _is_stdin(status):
            return _read_stdin(refused)
        return refused(
            f"expected a regular YAML file, found {_kind(status.st_mode)}; "
            "only regular files are read",
            "not-a-file",
        )
    try:
        # O_NONBLOCK: should the path become a FIFO after the check, opening it cannot block.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        return refused(f"cannot read file: {_reason(error)}", "unreadable")
    with open(fd, "rb") as handle:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            return refused(
                f"expected a regular YAML file, found {_kind(opened.st_mode)}", "not-a-file"
            )
        try:
            # None (or BlockingIOError): a special file, such as one in /proc, with no data yet.
            raw: bytes | None = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            return refused(f"cannot read file: {_reason(error)}", "unreadable")
        if raw is None:
            return refused("cannot read file: no data without waiting for it", "unreadable")
    if len(raw) > MAX_FILE_BYTES:
        return refused(
            f"file is {opened.st_size:,} bytes; files larger than {MAX_FILE_BYTES:,} bytes "
            "are refused",
            "too-large",
        )
    return raw


def stdin_timeout() -> float:
    """`STDIN_TIMEOUT`, or the seconds ``CHECKLIST_STDIN_TIMEOUT`` sets when it is valid."""
    value = os.environ.get("CHECKLIST_STDIN_TIMEOUT", "")
    try:
        seconds = float(value)
    except ValueError:
        return STDIN_TIMEOUT
    return seconds if 0 < seconds < float("inf") else STDIN_TIMEOUT


def _read_stdin(refused: Callable[[str, str], Problem]) -> bytes | Problem:
    import select

    timeout = stdin_timeout()
    chunks: list[bytes] = []
    size = 0
    try:
        waits = not stat.S_ISREG(os.fstat(0).st_mode) and sys.platform != "win32"
        while True:
            if waits and not select.select([0], [], [], timeout)[0]:
                said = "sent nothing" if not size else f"sent {size:,} bytes, then nothing"
                return refused(
                    f"standard input {said} for {timeout:g} second{'' if timeout == 1 else 's'} "
                    "and was not closed; "
                    "refusing to wait longer (CHECKLIST_STDIN_TIMEOUT=SECONDS waits longer)",
                    "stdin-timeout",
                )
            chunk = os.read(0, _CHUNK)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                return refused(
                    f"standard input is larger than {MAX_FILE_BYTES:,} bytes; files larger "
                    f"than {MAX_FILE_BYTES:,} bytes are refused",
                    "too-large",
                )
    except OSError as error:
        return refused(f"cannot read standard input: {_reason(error)}", "unreadable")


def _is_stdin(status: os.stat_result) -> bool:
    """Whether ``status`` is that of standard input (``/dev/stdin``, ``/dev/fd/0``)."""
    try:
        return os.path.samestat(status, os.fstat(0))
    except OSError:  # standard input is closed
        return False


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


_OURS = re.compile(
    r"^(?:kind:[ \t]*[\"']?(?:checklist|assessment)[\"']?[ \t]*(?:#.*)?$"
    r"|(?:schema_version|checklist|sections|answers)[ \t]*:)",
    re.MULTILINE,
)


def looks_like_ours(path: str) -> bool:
    """Whether a file may be a checklist or an assessment: it has a top-level
    ``kind: checklist`` or ``kind: assessment``, or one of the keys only they have at the
    top (``schema_version``, ``checklist``, ``sections``, ``answers``), so that an
    assessment whose ``kind`` was mistyped or lost is still checked. Standard input, and a
    file that cannot be read as text, count as ours: reading them says what is wrong."""
    if names_stdin(path):
        return True
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe or a device: never opened here
            return True
        with open(path, "rb") as handle:
            head = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return True
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return True
    return _OURS.search(text) is not None
