""" "Did you mean ...?": the known name closest to one that is not known.

A suggestion compares the name with known names (`difflib`, ratio at least 0.6).
Against a few names that is cheap; against thousands (the items of a huge
checklist) every comparison counts, so there the candidates are first narrowed to
the names one deletion away from the name or from a one-letter deletion of it (an
index built once per set of names), which keeps typos, swapped and doubled letters.
A file gets at most `checklist.problems.MAX_PROBLEMS_PER_FILE` suggestions per set
of names: no more of its problems are listed.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from checklist.problems import MAX_PROBLEMS_PER_FILE

if TYPE_CHECKING:
    from collections.abc import Iterable

CUTOFF = 0.6
"""The least `difflib.SequenceMatcher.ratio` of a suggestion."""
COMPARE_ALL_UP_TO = 100
"""Up to this many known names, every one is compared."""


def _deletions(name: str) -> set[str]:
    return {name, *(name[:n] + name[n + 1 :] for n in range(len(name)))}


class Suggestions:
    """The known names of one kind (items, keys, checklists), to suggest from."""

    def __init__(self, names: Iterable[str], *, budget: int = MAX_PROBLEMS_PER_FILE) -> None:
        self.names = list(dict.fromkeys(names))
        self.budget = budget
        """How many more suggestions may be searched for; afterwards there are none."""
        self._index: dict[str, list[str]] | None = None

    def closest(self, name: str) -> str | None:
        """The known name closest to ``name``, or ``None`` (also once the budget is spent)."""
        if self.budget <= 0:
            return None
        self.budget -= 1
        found = difflib.get_close_matches(name, self._candidates(name), n=1, cutoff=CUTOFF)
        return found[0] if found else None

    def hint(self, name: str) -> str:
        """``"; did you mean 'x'?"`` for the closest name, or an empty string."""
        close = self.closest(name)
        return f"; did you mean {close!r}?" if close else ""

    def _candidates(self, name: str) -> list[str]:
        if len(self.names) <= COMPARE_ALL_UP_TO:
            return self.names
        if self._index is None:
            self._index = {}
            for known in self.names:
                for key in _deletions(known):
                    self._index.setdefault(key, []).append(known)
        pool: set[str] = set()
        for key in _deletions(name):
            pool.update(self._index.get(key, ()))
        return sorted(pool)
