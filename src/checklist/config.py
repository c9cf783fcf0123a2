"""Project settings for the command line, the way ruff and mypy read theirs.

The settings live in ``.checklist.toml`` (at its top level) or in the
``[tool.checklist]`` table of ``pyproject.toml``. The nearest folder, from the current
one upwards, that has either decides; in one folder ``.checklist.toml`` wins. Paths in it
are relative to its folder. Flags on the command line override it::

    [tool.checklist]
    paths = ["design/"]                  # what `checklist validate` checks by default
    checklists = ["our-checklists/"]     # extra checklist folders, as --checklists
    fail-on = ["high", "unanswered"]     # as --fail-on
    fail-on-verdict = "negative"         # as --fail-on-verdict
    strict = true                        # as --strict
    exclude = ["design/drafts/**"]       # files validate does not check (glob patterns)

A setting that is wrong is a usage error naming the file, the key and what was
expected, never a silent default.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KEYS = {
    "paths": "a list of files or folders",
    "checklists": "a list of folders",
    "fail-on": "a list of high, medium, low or unanswered",
    "fail-on-verdict": "negative or caution",
    "strict": "true or false",
    "exclude": "a list of glob patterns",
}
FAIL_ON = ("high", "medium", "low", "unanswered")


class ConfigError(Exception):
    """A settings file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """The settings found, with paths made relative to the current folder."""

    file: str | None = None
    """Where they were read from (``None``: no settings file)."""
    paths: list[str] = field(default_factory=list)
    checklists: list[str] = field(default_factory=list)
    fail_on: list[str] = field(default_factory=list)
    fail_on_verdict: str | None = None
    strict: bool = False
    exclude: list[str] = field(default_factory=list)

    def excluded(self, file: str) -> bool:
        """Whether ``file`` (as discovered) matches one of the ``exclude`` patterns."""
        if not self.exclude or file == "-":
            return False
        shown = Path(os.path.relpath(file)).as_posix()
        return any(fnmatch.fnmatchcase(shown, pattern) for pattern in self.exclude)


def _toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror}") from None
    return data


def find(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest settings file from ``start`` upwards and its settings, if any."""
    folder = (start or Path.cwd()).resolve()
    for here in (folder, *folder.parents):
        own = here / ".checklist.toml"
        if own.is_file():
            return own, _toml(own)
        project = here / "pyproject.toml"
        if project.is_file():
            table = _toml(project).get("tool", {}).get("checklist")
            if table is not None:
                if not isinstance(table, dict):
                    raise ConfigError(f"{project}: [tool.checklist] must be a table")
                return project, table
    return None


def load(start: Path | None = None) -> Config:
    """The settings for a command run from ``start`` (the current folder)."""
    found = find(start)
    if found is None:
        return Config()
    path, table = found
    where = f"{path}: {'[tool.checklist] ' if path.name == 'pyproject.toml' else ''}"
    for key in table:
        if key not in KEYS:
            from checklist.suggestions import Suggestions

            close = Suggestions(KEYS).closest(key)
            hint = (
                f"; did you mean {close!r}?" if close else f"; expected one of: {', '.join(KEYS)}"
            )
            raise ConfigError(f"{where}unknown key {key!r}{hint}")

    def strings(key: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}{key}: expected {KEYS[key]}")
        return value

    base = path.parent

    def relative(entry: str) -> str:
        target = Path(entry) if Path(entry).is_absolute() else base / entry
        return os.path.relpath(target)

    fail_on = strings("fail-on")
    for gate in fail_on:
        if gate not in FAIL_ON:
            raise ConfigError(f"{where}fail-on: expected {KEYS['fail-on']}, found {gate!r}")
    verdict = table.get("fail-on-verdict")
    if verdict is not None and verdict not in ("negative", "caution"):
        raise ConfigError(f"{where}fail-on-verdict: expected {KEYS['fail-on-verdict']}")
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{where}strict: expected {KEYS['strict']}")
    rel_base = Path(os.path.relpath(base)).as_posix()
    return Config(
        file=os.path.relpath(path),
        paths=[relative(p) for p in strings("paths")],
        checklists=[relative(p) for p in strings("checklists")],
        fail_on=fail_on,
        fail_on_verdict=verdict,
        strict=strict,
        exclude=[
            pattern if rel_base == "." else f"{rel_base}/{pattern}"
            for pattern in strings("exclude")
        ],
    )
