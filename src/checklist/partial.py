"""What of a malformed document can still be checked.

A file whose shape is wrong has no document, yet most of it is usually fine. So
that a person sees every problem of a file in one run, the parts that validated
are kept and checked like a whole document would be:

- an assessment whose checklist reference validated keeps each of its answer
  entries that validates on its own; they are checked against the checklist;
- a checklist whose only shape errors are inside items (or in text the checks
  do not read) stands in for itself with each broken item reduced to what
  validated, so that its consistency is checked; references to such an item
  are not judged, since what it is is not known.

This runs only after validation failed: a valid file pays nothing for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from checklist.models import Answer, Checklist, ChecklistRef

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails


@dataclass(frozen=True)
class PartialAssessment:
    """The checkable part of an assessment whose shape is wrong."""

    checklist: ChecklistRef
    """Which checklist it answers."""
    answers: dict[str, Answer | None]
    """Every answer entry by item id, in file order; ``None`` for an entry whose own
    shape is wrong (already reported): only its item id can be checked."""


@dataclass(frozen=True)
class PartialChecklist:
    """A checklist whose shape is wrong only inside items, with those items reduced."""

    checklist: Checklist
    """The checklist with every broken item reduced to its valid keys."""
    broken: frozenset[str]
    """The ids of the reduced items: what their answers are is not known."""


def salvage_assessment(
    data: dict[str, Any], errors: list[ErrorDetails]
) -> PartialAssessment | None:
    """The entries of an assessment that can still be checked, or ``None``."""
    if any(error["loc"][:1] == ("checklist",) for error in errors):
        return None
    try:
        reference = ChecklistRef.model_validate(data.get("checklist"))
    except ValidationError:
        return None
    raw = data.get("answers")
    if not isinstance(raw, dict):
        return PartialAssessment(reference, {})
    broken = {
        error["loc"][1]
        for error in errors
        if error["loc"][:1] == ("answers",) and len(error["loc"]) > 1
    }
    answers: dict[str, Answer | None] = {}
    for item_id, entry in raw.items():
        answers[item_id] = None if item_id in broken else _answer(entry)
    return PartialAssessment(reference, answers)


def _answer(entry: Any) -> Answer | None:
    try:
        return Answer.model_validate(entry)
    except ValidationError:  # not expected: pydantic reported no error in the entry
        return None


_UNREAD = {"title": "?", "summary": "?", "chapter": None, "attribution": None}
"""Top-level keys the consistency checks do not read, with a stand-in value (``None``:
leave the key out)."""
_ITEM_STAND_INS: dict[str, Any] = {
    "question": "?",
    "hint": "?",
    "severity": "low",
    "answer": {"type": "text"},
}


def salvage_checklist(data: dict[str, Any], errors: list[ErrorDetails]) -> PartialChecklist | None:
    """A checklist to check the consistency of, or ``None`` when the errors lie where
    leaving something out would make the checks report what is not wrong."""
    repaired = dict(data)
    sections = data.get("sections")
    bad_items: dict[tuple[int, int], set[str]] = {}
    for error in errors:
        loc = error["loc"]
        if len(loc) == 1 and loc[0] in _UNREAD:
            stand_in = _UNREAD[str(loc[0])]
            if stand_in is None:
                repaired.pop(str(loc[0]), None)
            else:
                repaired[str(loc[0])] = stand_in
            continue
        if len(loc) < 5 or loc[0] != "sections" or loc[2] != "items" or loc[4] == "id":
            return None
        s, i = loc[1], loc[3]
        if not isinstance(s, int) or not isinstance(i, int):
            return None
        bad_items.setdefault((s, i), set()).add(str(loc[4]))
    if not isinstance(sections, list) or not all(isinstance(x, dict) for x in sections):
        return None
    repaired["sections"] = [dict(section) for section in sections]
    broken: set[str] = set()
    for (s, i), keys in bad_items.items():
        section = repaired["sections"][s]
        items = section["items"] = list(section["items"])
        if not isinstance(items[i], dict):
            return None
        item = {key: value for key, value in items[i].items() if key not in keys}
        for key in keys:
            if key in _ITEM_STAND_INS:
                item[key] = _ITEM_STAND_INS[key]
        items[i] = item
        broken.add(str(item.get("id")))
    try:
        checklist = Checklist.model_validate(repaired)
    except ValidationError:
        return None
    return PartialChecklist(checklist, frozenset(broken))
