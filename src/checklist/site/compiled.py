"""The site's templates, compiled once and kept between builds.

Jinja turns each template into Python code before it renders it. For the site's few
templates that took about 0.06 s of every ``mkdocs build``, a fifth of what the macros
themselves do in a build. Like the form's minified files (`checklist.site.assets`), the
compiled code is kept in ``.cache/`` beside ``mkdocs.yml`` (git ignores it) and used again
while nothing it was made from has changed:

- Jinja keeps a checksum of the template's source with the code and compiles again when
  the template differs (and when the file was written by another Jinja bytecode format or
  Python version);
- the file's name holds everything else compiling depends on: Jinja's version, Python's,
  and how `checklist.site.render` sets up the environment (a digest of that module), so
  that a change to any of them makes new files instead of using old ones.

A folder that cannot be read or written only means compiling again, as without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from typing import TYPE_CHECKING

from jinja2 import BytecodeCache

if TYPE_CHECKING:
    from pathlib import Path

    from jinja2.bccache import Bucket

CACHE = ".cache/checklist-templates"
"""Where, beside ``mkdocs.yml``, the compiled templates are kept between builds."""


class KeptTemplates(BytecodeCache):
    """Compiled templates in `folder`, one file a template, named by what compiled it."""

    def __init__(self, folder: Path, compiler: str) -> None:
        self.folder = folder
        self.compiler = compiler
        """What the compiled code depends on besides the template's source."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        key = hashlib.sha256(f"{self.compiler}\0{name}".encode()).hexdigest()[:24]
        return f"{key}-{_plain(name)}"

    def load_bytecode(self, bucket: Bucket) -> None:
        # A file that is not there, not readable or not whole (cut short by a crash): compile.
        try:
            with (self.folder / bucket.key).open("rb") as file:
                bucket.load_bytecode(file)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        kept = self.folder / bucket.key
        name = bucket.key.partition("-")[2]
        with contextlib.suppress(OSError):  # a folder that cannot be written: compile next time
            self.folder.mkdir(parents=True, exist_ok=True)
            for old in self.folder.iterdir():  # what an earlier Jinja or environment made
                if old.name.partition("-")[2] == name and old.name != kept.name:
                    old.unlink()
            part = kept.with_name(f"{kept.name}.{os.getpid()}.part")
            with part.open("wb") as file:
                bucket.write_bytecode(file)
            part.replace(kept)


def _plain(name: str) -> str:
    """A template's name as part of a file name (the site's templates sit in one folder)."""
    return "".join(c if c.isalnum() or c in "._" else "-" for c in name)
