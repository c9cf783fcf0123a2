"""Load one file into a checklist or an assessment, or into problems.

``load`` reads bytes, parses them safely (`checklist.yamlsource`), finds
the document's kind and validates its shape with the pydantic models. Every
pydantic error is turned into a `checklist.problems.Problem` at the
exact line and column, with a sentence a person can act on. When the shape
is wrong, what can still be checked is kept beside the problems
(`checklist.partial`), so that the later checks report their problems too.
"""

from __future__ import annotations

import difflib
import functools
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ValidationError

from checklist.base import CHAPTER_PATTERN, SEMVER_PATTERN, SLUG_PATTERN, TAG_PATTERN
from checklist.models import SCHEMA_VERSION, Answer, Assessment, Checklist
from checklist.partial import (
    PartialAssessment,
    PartialChecklist,
    salvage_assessment,
    salvage_checklist,
)
from checklist.problems import MAX_PROBLEMS_PER_FILE, REFUSED_BY_READER, Problem, within
from checklist.rules import CONDITION_KEYS
from checklist.yamlsource import Source, describe_value, read_source

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pydantic_core import ErrorDetails

Kind = Literal["checklist", "assessment"]
KINDS: dict[str, type[Checklist] | type[Assessment]] = {
    "checklist": Checklist,
    "assessment": Assessment,
}


@dataclass
class Loaded:
    """The outcome of loading one file: a document, its problems, or both."""

    file: str
    """The file name used in problems."""
    kind: Kind | None = None
    """``checklist`` or ``assessment`` when the file says so."""
    document: Checklist | Assessment | None = None
    """The validated document; ``None`` when its shape is wrong."""
    source: Source | None = None
    """The parsed YAML, for locating later problems."""
    partial: PartialAssessment | PartialChecklist | None = None
    """When the shape is wrong: what can still be checked (`checklist.partial`)."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not any(p.severity == "error" for p in self.problems)


def load_path(path: str | os.PathLike[str]) -> Loaded:
    """Load one file from disk (see `load_bytes`); ``-`` is standard input.

    Only regular files and standard input are read (`checklist.reading`): a
    named pipe, a device or a folder is a problem, never a hang.
    """
    from checklist.reading import display_name, read_input

    file = os.fspath(path)
    raw = read_input(file)
    if isinstance(raw, Problem):
        return Loaded(raw.file, problems=[raw])
    return load_bytes(raw, file=display_name(file))


def load_bytes(raw: bytes, *, file: str) -> Loaded:
    """Parse and validate the bytes of one file, named ``file`` in problems."""
    source, problems = read_source(file, raw)
    loaded = Loaded(file, source=source, problems=list(problems))
    if source is None:
        return loaded
    data = source.data
    if not isinstance(data, dict):
        loaded.problems.append(
            source.problem(
                (),
                f"expected a mapping with a 'kind' key, found {describe_value(data)}",
                code="not-a-mapping",
            )
        )
        return loaded
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        if "kind" not in data:
            message = "missing key 'kind': expected 'kind: checklist' or 'kind: assessment'"
            loaded.problems.append(source.problem(("kind",), message, code="missing-key"))
        else:
            message = f"expected 'checklist' or 'assessment', found {describe_value(kind)}"
            loaded.problems.append(source.problem(("kind",), message, code="unknown-kind"))
        return loaded
    loaded.kind = "checklist" if kind == "checklist" else "assessment"
    version = data.get("schema_version")
    if version is not None and version != SCHEMA_VERSION:
        loaded.problems.append(
            source.problem(
                ("schema_version",),
                f"this version of checklist reads schema_version {SCHEMA_VERSION}, found "
                f"{describe_value(version)}; upgrade the checklist package or fix the file",
                code="schema-version",
            )
        )
        return loaded
    # Top-level keys starting with "x-" are free for YAML anchors and notes, as in
    # Compose files; they are not part of the document.
    data = {key: value for key, value in data.items() if not key.startswith("x-")}
    try:
        loaded.document = KINDS[kind].model_validate(data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        shape = problems_from_validation(source, errors, KINDS[kind])
        salvage = salvage_checklist if kind == "checklist" else salvage_assessment
        loaded.partial = salvage(data, errors)
        # A value the YAML reader refused (an unsupported tag) is not checked again.
        refused = [p.path for p in problems if p.code in REFUSED_BY_READER]
        loaded.problems.extend(p for p in shape if not any(within(p.path, r) for r in refused))
    loaded.problems.sort()
    if loaded.document is not None and loaded.ok:
        # The document holds everything now; the plain copy would only cost memory.
        source.data = None
    return loaded


_TYPE_NAMES = {
    "string_type": "a string",
    "float_type": "a number",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date YYYY-MM-DD",
    "literal_error": "",
    "none_required": "nothing (null)",
}

_PATTERNS = {
    SLUG_PATTERN: "an id of lowercase letters and digits, words joined by single hyphens "
    "(such as 'data-quality')",
    SEMVER_PATTERN: "a version MAJOR.MINOR.PATCH (such as '1.0.0')",
    TAG_PATTERN: "a tag of lowercase words joined by hyphens or colons (such as 'stakeholder:product')",
    CHAPTER_PATTERN: "a docs page relative to docs/, optionally with an anchor "
    "(such as 'chapters/requirements.md#reliability')",
}


def _candidates(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[type[BaseModel]]:
    """The models a mapping at ``loc`` may be (see `keys_at`)."""
    candidates: list[type[BaseModel]] = [model]
    for segment in loc:
        if not isinstance(segment, str):
            continue
        following: list[type[BaseModel]] = []
        for candidate in candidates:
            for name, info in candidate.model_fields.items():
                if segment in (name, info.alias):
                    following.extend(models_in(info.annotation))
        if following:
            candidates = list(dict.fromkeys(following))
    return candidates


def _pattern_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> str | None:
    """The pattern the string at ``loc`` must match, if its field has one."""
    return _pattern_of(model, tuple(seg for seg in loc if isinstance(seg, str)))


@functools.lru_cache(maxsize=1024)
def _pattern_of(model: type[BaseModel], strings: tuple[str, ...]) -> str | None:
    # Only the names along a path matter (indices keep the candidates): one lookup per
    # field, however many values of a file are wrong there.
    if not strings:
        return None
    last = strings[-1]
    for candidate in _candidates(model, strings[:-1]):
        for name, info in candidate.model_fields.items():
            if last in (name, info.alias):
                found = _pattern_in(info.annotation) or _pattern_in(info.metadata)
                if found:
                    return found
    return None


def _pattern_in(annotation: Any) -> str | None:
    pattern = getattr(annotation, "pattern", None)
    if isinstance(pattern, str):
        return pattern
    nested = list(getattr(annotation, "__args__", ()) or ()) + list(
        getattr(annotation, "__metadata__", ()) or ()
    )
    if isinstance(annotation, list):
        nested += annotation
    for inner in nested:
        found = _pattern_in(inner)
        if found:
            return found
    return None


def keys_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys a mapping at ``loc`` inside a ``model`` document may have.

    Walks the field annotations along the path; segments that name no field
    (list indices, pydantic's union tags) keep the candidates as they are.
    """
    return list(_keys_of(model, tuple(seg for seg in loc if isinstance(seg, str))))


@functools.lru_cache(maxsize=1024)
def _keys_of(model: type[BaseModel], strings: tuple[str, ...]) -> tuple[str, ...]:
    keys: list[str] = []
    for candidate in _candidates(model, strings):
        keys.extend(info.alias or name for name, info in candidate.model_fields.items())
    return tuple(dict.fromkeys(keys))


def models_in(annotation: Any) -> Iterable[type[BaseModel]]:
    """The models an annotation names, through unions, ``Annotated`` and generics."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in getattr(annotation, "__args__", ()) or ():
        yield from models_in(argument)
    for meta in getattr(annotation, "__metadata__", ()) or ():
        yield from models_in(meta)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        yield from models_in(origin)


def problems_from_validation(
    source: Source, errors: list[ErrorDetails], model: type[BaseModel] | None = None
) -> list[Problem]:
    """Turn pydantic errors into problems, merging alternatives at one place.

    A value that fits none of the members of a union (say, a list where a
    string or a number is expected) gives one problem, not one per member.
    """
    merged: dict[tuple[int, int, str], list[tuple[str, str, str]]] = {}
    order: list[tuple[int, int, str]] = []
    located = []
    for error in _without_misspelt(errors, model):
        loc = tuple(error["loc"])
        if error["type"] in ("union_tag_invalid",):
            loc = (*loc, "type")
        where = source.locate(loc, at_key=error["type"] == "extra_forbidden")
        located.append(((where.line, where.column, where.path), error))
    # In reading order, so that the problems listed first get a "did you mean".
    located.sort(key=lambda entry: entry[0])
    for place, error in located:
        message, code, _ = _describe(error, model, suggest=len(order) < MAX_PROBLEMS_PER_FILE)
        if model is Assessment and code == "wrong-type":
            message += _shorthand_hint(source, error)
        elif model is Assessment and code == "unknown-key" and "did you mean" not in message:
            message = _moved_item_hint(source, error) or message
        if place not in merged:
            merged[place] = []
            order.append(place)
        merged[place].append((error["type"], message, code))
    problems: list[Problem] = []
    for place in order:
        entries = merged[place]
        if any(t == "finite_number" for t, _, _ in entries):
            # An infinite number fits no member of a union (text, a number, true or false):
            # what it needs is to be finite, not one error per member.
            entries = [entry for entry in entries if entry[0] == "finite_number"]
        expected = [_TYPE_NAMES[t] for t, _, _ in entries if _TYPE_NAMES.get(t)]
        if len(expected) > 1 and len(expected) == len(entries):
            found = entries[0][1].rsplit(", found ", 1)[-1]
            names = sorted(set(expected), key=expected.index)
            message = f"expected {' or '.join(names)}, found {found}"
            problems.append(Problem(source.file, *place, message, code="wrong-type"))
            continue
        seen = set()
        for _, message, code in entries:
            if message not in seen:
                seen.add(message)
                problems.append(Problem(source.file, *place, message, code=code))
    return _once_per_place(problems)


def _without_misspelt(
    errors: list[ErrorDetails], model: type[BaseModel] | None
) -> list[ErrorDetails]:
    """The errors without a missing key that an unknown key beside it misspells.

    ``sevrity: low`` is one mistake: the unknown key's "did you mean 'severity'?" says
    it all, and "missing required key 'severity'" would say it a second time.
    """
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    if not missing or model is None:
        return errors
    misspelt = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] != "extra_forbidden" or not loc:
            continue
        wanted = [key for key in keys_at(model, loc[:-1]) if (*loc[:-1], key) in missing]
        close = difflib.get_close_matches(str(loc[-1]), wanted, n=1, cutoff=0.6)
        if close:
            misspelt.add((*loc[:-1], close[0]))
    return [e for e in errors if e["type"] != "missing" or tuple(e["loc"]) not in misspelt]


def _shorthand_hint(source: Source, error: ErrorDetails) -> str:
    """For ``item: value`` written for ``item: {answer: value}``: the line to write."""
    loc = tuple(error["loc"])
    given = error.get("input")
    if len(loc) != 2 or loc[0] != "answers" or error["type"] != "model_type":
        return ""
    if given is None or isinstance(given, dict):
        return ""
    written = source.written(loc)
    return f"; write '{loc[1]}: {{answer: {written}}}'" if written else ""


def _moved_item_hint(source: Source, error: ErrorDetails) -> str | None:
    """For an item's answer moved out of ``answers:`` to the top level: where it belongs."""
    loc = tuple(error["loc"])
    given = error.get("input")
    if len(loc) != 1 or not isinstance(given, dict) or not set(given) & set(Answer.model_fields):
        return None
    answers = source.data.get("answers") if isinstance(source.data, dict) else None
    where = "indent it under 'answers:'"
    if isinstance(answers, dict) and answers:
        first = next(iter(answers))
        place = source.locate(("answers", first), at_key=True)
        where = (
            f"indent it by {place.column - 1} space{'' if place.column == 2 else 's'}, "
            f"like {first!r} on line {place.line}"
        )
    return f"unknown key {loc[0]!r}; an item's answer belongs under 'answers:': {where}"


def _once_per_place(problems: list[Problem]) -> list[Problem]:
    """Keep one problem per line, column and message.

    A mistake inside an anchored block is found again wherever an alias
    re-uses the block; the reader needs to fix it once, where it is written.
    """
    kept: dict[tuple[int, int, str], Problem] = {}
    repeats: dict[tuple[int, int, str], int] = {}
    for problem in problems:
        key = (problem.line, problem.column, problem.message)
        if key in kept:
            repeats[key] = repeats.get(key, 0) + 1
        else:
            kept[key] = problem
    result = []
    for key, problem in kept.items():
        if key in repeats:
            n = repeats[key]
            problem = Problem(
                problem.file,
                problem.line,
                problem.column,
                problem.path,
                f"{problem.message} (also where {n} alias{'es' if n > 1 else ''} re-use this text)",
                code=problem.code,
            )
        result.append(problem)
    return result


def _describe(
    error: ErrorDetails, model: type[BaseModel] | None, *, suggest: bool = True
) -> tuple[str, str, bool]:
    """(message, code, whether to point at the key) for one pydantic error.

    Without ``suggest`` an unknown key gets the list of the expected keys, not the search
    for the closest one (a file gets at most `MAX_PROBLEMS_PER_FILE` searches).
    """
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    found = describe_value(error.get("input"))
    loc = error["loc"]
    name = str(loc[-1]) if loc else "document"
    if kind == "missing":
        return f"missing required key {name!r}", "missing-key", False
    if kind == "extra_forbidden":
        expected = keys_at(model, tuple(loc[:-1])) if model else []
        close = difflib.get_close_matches(name, expected, n=1, cutoff=0.6) if suggest else []
        if name in CONDITION_KEYS:
            return (
                f"{name!r} cannot share a condition with another kind: a condition has exactly "
                "one of the keys all, any, not, item, score or risks; combine conditions with "
                "all or any",
                "bad-rule",
                True,
            )
        if name in expected:
            return f"{name!r} cannot be used together with the other keys here", "unknown-key", True
        if close:
            hint = f"; did you mean {close[0]!r}?"
        elif expected:
            hint = f"; expected one of: {', '.join(expected)}"
        else:
            hint = "; remove it or check its spelling"
        return f"unknown key {name!r}{hint}", "unknown-key", True
    if kind == "literal_error":
        return (
            f"expected {ctx.get('expected', 'one of the allowed values')}, found {found}",
            "not-allowed",
            False,
        )
    if kind == "string_type" and model is not None:
        pattern = _pattern_at(model, tuple(loc))
        if pattern in _PATTERNS:
            return f"expected {_PATTERNS[pattern]}, found {found}", "wrong-type", False
    if kind in _TYPE_NAMES:
        return f"expected {_TYPE_NAMES[kind]}, found {found}", "wrong-type", False
    if kind == "string_pattern_mismatch":
        wanted = _PATTERNS.get(str(ctx.get("pattern")), f"text matching {ctx.get('pattern')}")
        return f"expected {wanted}, found {found}", "bad-format", False
    if kind == "string_too_short":
        return f"expected a non-empty string, found {found}", "empty-value", False
    if kind == "string_too_long":
        return f"text is too long: at most {ctx.get('max_length')} characters", "too-long", False
    if kind == "too_short" and isinstance(loc[-1] if loc else None, str):
        noun = str(loc[-1]).replace("_", " ")
        return (
            f"expected at least {ctx.get('min_length')} {noun}, found {ctx.get('actual_length', 0)}",
            "too-few",
            False,
        )
    if kind == "too_short":
        return (
            f"expected at least {ctx.get('min_length')} entries, found {ctx.get('actual_length', 0)}",
            "too-few",
            False,
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "?")
        words = {
            "greater_than_equal": "at least",
            "less_than_equal": "at most",
            "greater_than": "more than",
            "less_than": "less than",
        }[kind]
        return f"expected a number {words} {bound}, found {found}", "out-of-range", False
    if kind == "finite_number":
        return f"expected a finite number, found {found}", "wrong-type", False
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_from_datetime_inexact"):
        reason = f": {ctx['error']}" if ctx.get("error") else ""
        return f"expected a date YYYY-MM-DD, found {found}{reason}", "bad-format", False
    if kind == "union_tag_invalid":
        return (
            f"expected a type among {ctx.get('expected_tags')}, found {describe_value(ctx.get('tag'))}",
            "not-allowed",
            False,
        )
    if kind == "union_tag_not_found":
        return (
            f"missing required key {str(ctx.get('discriminator', 'type')).strip(chr(39))!r}",
            "missing-key",
            False,
        )
    if kind == "condition":
        given = error.get("input")
        if isinstance(given, dict):
            keys = ", ".join(repr(key) for key in given) or "no keys"
            found = f"a mapping with the keys {keys}" if given else "an empty mapping"
        return f"{error['msg']}, found {found}", "bad-rule", False
    if kind == "one_test":
        return error["msg"], "bad-rule", False
    return f"{error['msg']}, found {found}", kind.replace("_", "-"), False
