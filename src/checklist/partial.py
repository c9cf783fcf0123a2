"""What of a malformed document can still be checked.

A file whose shape is wrong has no document, yet most of it is usually fine. So
that a person sees every problem of a file in one run, the parts that validated
are kept and checked like a whole document would be:

- an assessment whose checklist reference validated keeps each of its answer
  entries that validates on its own; they are checked against the checklist;
- a checklist whose only shape errors are inside items, in text the checks do
  not read, or unknown keys stands in for itself with each broken item reduced
  to what validated, so that its consistency is checked; what refers to such an
  item (or to tags, which it may have had) is not judged, since it is not known.

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
    """A checklist whose shape errors lie inside items, in text the checks do not read or
    in unknown keys, with those parts reduced to what validated."""

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


_LEAVE_OUT = object()
"""A stand-in that leaves the key out."""
_TOP_STAND_INS: dict[str, Any] = {
    "title": "?",
    "summary": "?",
    "chapter": _LEAVE_OUT,
    "attribution": _LEAVE_OUT,
}
"""Top-level keys the consistency checks do not read, with a stand-in value."""
_SECTION_STAND_INS: dict[str, Any] = {
    "title": "?",
    "description": _LEAVE_OUT,
    "chapter": _LEAVE_OUT,
}
"""The same for a section's keys."""
_ITEM_STAND_INS: dict[str, Any] = {
    "question": "?",
    "hint": "?",
    "severity": "low",
    "answer": {"type": "text"},
}
"""The required keys of an item; its other broken keys are left out."""


def _stand_in(
    mapping: dict[str, Any], key: str, stand_ins: dict[str, Any], error_type: str
) -> bool:
    """Put the stand-in for ``key`` into ``mapping`` (or leave out an unknown key); whether
    there is one."""
    if error_type == "extra_forbidden":
        mapping.pop(key, None)
        return True
    if key not in stand_ins:
        return False
    if stand_ins[key] is _LEAVE_OUT:
        mapping.pop(key, None)
    else:
        mapping[key] = stand_ins[key]
    return True


def salvage_checklist(data: dict[str, Any], errors: list[ErrorDetails]) -> PartialChecklist | None:
    """A checklist to check the consistency of, or ``None`` when the errors lie where
    leaving something out would make the checks report what is not wrong."""
    sections = data.get("sections")
    if not isinstance(sections, list) or not all(isinstance(x, dict) for x in sections):
        return None
    repaired = {**data, "sections": [dict(section) for section in sections]}
    bad_items: dict[tuple[int, int], set[str]] = {}
    for error in errors:
        loc = error["loc"]
        if len(loc) == 1:
            if not _stand_in(repaired, str(loc[0]), _TOP_STAND_INS, error["type"]):
                return None
            continue
        if loc[0] != "sections" or not isinstance(loc[1], int):
            return None
        if len(loc) == 3:
            section = repaired["sections"][loc[1]]
            if not _stand_in(section, str(loc[2]), _SECTION_STAND_INS, error["type"]):
                return None
            continue
        if len(loc) < 5 or loc[2] != "items" or not isinstance(loc[3], int) or loc[4] == "id":
            return None
        bad_items.setdefault((loc[1], loc[3]), set()).add(str(loc[4]))
    broken: set[str] = set()
    for (s, i), keys in bad_items.items():
        section = repaired["sections"][s]
        items = section["items"] = list(section["items"])
        if not isinstance(items[i], dict):
            return None
        item = {key: value for key, value in items[i].items() if key not in keys}
        item.update({key: _ITEM_STAND_INS[key] for key in keys if key in _ITEM_STAND_INS})
        items[i] = item
        broken.add(str(item.get("id")))
    try:
        checklist = Checklist.model_validate(repaired)
    except ValidationError:
        return None
    return PartialChecklist(checklist, frozenset(broken))
