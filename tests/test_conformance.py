"""Conformance: the Python engine and the browser evaluator compute the same results.

Each file in ``tests/conformance/`` is one vector, named after the behaviour it pins
down (``docs/reference/rules.md`` is the specification). A vector has:

- ``description``: what it shows;
- ``checklist``: a complete, valid checklist document;
- ``answers``: answer entries keyed by item id (``answer``, ``not_applicable``,
  ``reason``, ``note``), valid for that checklist;
- ``expected``: a hand-worked subset of the result. Mappings may have more keys than
  expected; lists must have exactly the expected entries, in order; numbers are
  compared exactly (the spec promises the same floats in both engines);
- optionally ``xfail_reason``: a mapping from an engine (``python`` or
  ``javascript``) to why it is known to disagree while the lead decides.

Both engines must give a result that contains ``expected``. Then, for every shipped
checklist and every vector's checklist, random answer sets must give the same full
result in Python and in the browser (Chromium, through the built site).
"""

from __future__ import annotations

import functools
import json
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checklist.catalog import validate_paths
from checklist.engine import Result, evaluate_answers
from checklist.loader import load_bytes
from checklist.margin import with_turns
from checklist.models import Answer, Assessment, Checklist, Item, YesNo
from checklist.report import number
from checklist.site.render import SiteContext, form_data
from checklist.yamlsource import read_source
from tests.conftest import ROOT
from tests.test_engine import checklist_at
from tests.test_rules import answer_strategy

VECTORS = ROOT / "tests" / "conformance"
VECTOR_FILES = sorted(path.name for path in VECTORS.glob("*.yaml"))
SHIPPED = sorted(path.name for path in (ROOT / "checklists").glob("*.yaml"))
ENGINES = ("python", "javascript")
REQUIRED_KEYS = {"description", "checklist", "answers", "expected"}
OPTIONAL_KEYS = {"xfail_reason"}
ANSWER_FIELDS = {"answer", "not_applicable", "reason", "note"}
NOT_SEEN_BY_THE_BROWSER = ("project", "date")
"""Result fields from the assessment file, which the browser evaluator does not get."""
CTX = SiteContext()
RANDOM_EXAMPLES = 40
"""Random answer sets per checklist in the parity test."""

Json = Any
"""A JSON value: what ``model_dump(mode="json")`` and the browser return."""
Evaluate = Callable[[Json, Json], Json]


# -- Vectors ---------------------------------------------------------------------------


def read_vector(name: str) -> dict[str, Json]:
    """A vector file's data, read like every other YAML file of the project."""
    source, problems = read_source(name, (VECTORS / name).read_bytes())
    errors = [str(p) for p in problems if p.severity == "error"]
    assert source is not None, "\n".join(errors)
    assert not errors, "\n".join(errors)
    assert isinstance(source.data, dict), f"{name}: expected a mapping"
    return source.data


def xfail_reasons(name: str) -> dict[str, str]:
    """The engines a vector is known to fail on, and why (tolerant: used at collection)."""
    try:
        reasons = read_vector(name).get("xfail_reason") or {}
    except AssertionError:
        return {}  # test_vector_is_valid reports the broken file
    return {str(k): str(v) for k, v in reasons.items()} if isinstance(reasons, dict) else {}


def vector_params(*engines: str) -> list[Any]:
    """One parameter per vector file, marked xfail where an engine used is known to fail."""
    params = []
    for name in VECTOR_FILES:
        reasons = xfail_reasons(name)
        known = [f"{engine}: {reasons[engine]}" for engine in engines if engine in reasons]
        marks = [pytest.mark.xfail(reason="; ".join(known), strict=True)] if known else []
        params.append(pytest.param(name, id=name, marks=marks))
    return params


class _NoAliases(yaml.SafeDumper):
    """Write shared values in full, with no anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(document: Json) -> str:
    return yaml.dump(document, Dumper=_NoAliases, sort_keys=False, allow_unicode=True)


@dataclass(frozen=True)
class Vector:
    """A vector, its checklist and answers validated by the project's own validation."""

    name: str
    description: str
    checklist: Checklist
    answers: dict[str, Answer]
    expected: dict[str, Json]


@functools.cache
def load_vector(name: str) -> Vector:
    """Read a vector and validate its checklist and answers as files on disk."""
    data = read_vector(name)
    keys = set(data)
    assert REQUIRED_KEYS <= keys <= REQUIRED_KEYS | OPTIONAL_KEYS, (
        f"{name}: has keys {sorted(keys)}; expected {sorted(REQUIRED_KEYS)} "
        f"and optionally {sorted(OPTIONAL_KEYS)}"
    )
    document = data["checklist"]
    assert isinstance(document, dict), f"{name}: 'checklist' must be a mapping"
    assessment = {
        "kind": "assessment",
        "schema_version": 1,
        "checklist": {"id": document.get("id"), "version": document.get("version")},
        "project": "Conformance",
        "date": "2025-01-01",
        "answers": data["answers"],
    }
    with tempfile.TemporaryDirectory() as folder:
        checklist_file = Path(folder) / f"checklist-{name}"
        answers_file = Path(folder) / f"answers-{name}"
        checklist_file.write_text(_dump(document), encoding="utf-8")
        answers_file.write_text(_dump(assessment), encoding="utf-8")
        validation = validate_paths([str(checklist_file), str(answers_file)])
    errors = [
        f"{p.path or 'document'}: {p.message}" for p in validation.problems if p.severity == "error"
    ]
    assert not errors, f"{name} is not a valid vector:\n  " + "\n  ".join(errors)
    checklist_report, answers_report = validation.files
    checklist, assessment_doc = checklist_report.document, answers_report.document
    assert isinstance(checklist, Checklist)
    assert isinstance(assessment_doc, Assessment)
    assert answers_report.checklist is checklist, (
        f"{name}: answers checked against another checklist"
    )
    expected = data["expected"]
    assert isinstance(expected, dict), f"{name}: 'expected' must be a mapping"
    return Vector(name, str(data["description"]), checklist, dict(assessment_doc.answers), expected)


def answers_payload(answers: dict[str, Answer]) -> dict[str, Json]:
    """The answers as the browser evaluator takes them."""
    return {
        item_id: answer.model_dump(mode="json", include=ANSWER_FIELDS)
        for item_id, answer in answers.items()
    }


def python_result(checklist: Checklist, answers: dict[str, Answer]) -> dict[str, Json]:
    """The Python engine's result as JSON, with the answers that would change its verdict
    (`checklist.margin`), as a report has it."""
    result = with_turns(checklist, answers, evaluate_answers(checklist, answers))
    dumped: dict[str, Json] = result.model_dump(mode="json")
    return dumped


def as_the_browser_sees_it(result: dict[str, Json]) -> dict[str, Json]:
    """The Python result in the browser's terms: no ``project`` and ``date``, and plan
    chapters as URLs (``form_data`` gives the browser item chapters as page URLs)."""
    seen = {key: value for key, value in result.items() if key not in NOT_SEEN_BY_THE_BROWSER}
    seen["plan"] = [
        {**step, "chapter": CTX.page_url(step["chapter"]) if step["chapter"] else None}
        for step in result["plan"]
    ]
    return seen


# -- Comparison ------------------------------------------------------------------------


def same_scalar(left: Json, right: Json) -> bool:
    """Equal JSON scalars: numbers exactly and numerically (1 == 1.0), never a bool."""
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return left == right
    return type(left) is type(right) and left == right


def _entry_id(entry: Json) -> str | None:
    """The id of a list entry (``id``, or ``item`` for plan steps), if it has one."""
    if isinstance(entry, dict):
        for key in ("id", "item"):
            if isinstance(entry.get(key), str):
                return str(entry[key])
    return None


def _shown(entries: list[Json]) -> str:
    return "[" + ", ".join(_entry_id(e) or json.dumps(e, sort_keys=True) for e in entries) + "]"


def differences(
    left: Json, right: Json, *, names: tuple[str, str], subset: bool, path: str = ""
) -> list[str]:
    """Every place where ``right`` differs from ``left``, one readable line each.

    With ``subset``, ``right`` may have keys that ``left`` lacks.
    """
    where = path or "result"
    a, b = names
    if isinstance(left, dict):
        if not isinstance(right, dict):
            return [f"{where}: {a} has a mapping, {b} has {right!r}"]
        out = []
        for key, value in left.items():
            inner = f"{path}.{key}" if path else str(key)
            if key not in right:
                out.append(f"{inner}: {a} has {value!r}, {b} has no such key")
            else:
                out.extend(differences(value, right[key], names=names, subset=subset, path=inner))
        if not subset:
            for key in sorted(right.keys() - left.keys()):
                inner = f"{path}.{key}" if path else str(key)
                out.append(f"{inner}: {a} has no such key, {b} has {right[key]!r}")
        return out
    if isinstance(left, list):
        if not isinstance(right, list):
            return [f"{where}: {a} has a list, {b} has {right!r}"]
        if len(left) != len(right):
            return [
                f"{where}: {a} has {len(left)} entries {_shown(left)}, "
                f"{b} has {len(right)} {_shown(right)}"
            ]
        out = []
        for n, (x, y) in enumerate(zip(left, right, strict=True)):
            entry_id = _entry_id(x)
            inner = f"{where}[{n}:{entry_id}]" if entry_id else f"{where}[{n}]"
            out.extend(differences(x, y, names=names, subset=subset, path=inner))
        return out
    if same_scalar(left, right):
        return []
    return [f"{where}: {a} has {left!r}, {b} has {right!r}"]


def assert_contains_expected(vector: Vector, engine: str, result: Json) -> None:
    found = differences(vector.expected, result, names=("expected", engine), subset=True)
    assert not found, (
        f"{vector.name}: the {engine} result differs from the expected values "
        f"({len(found)}):\n  " + "\n  ".join(found)
    )


def assert_same_results(python: Json, javascript: Json, answers: dict[str, Answer]) -> None:
    found = differences(python, javascript, names=("python", "javascript"), subset=False)
    assert not found, (
        f"Python and JavaScript disagree ({len(found)}):\n  "
        + "\n  ".join(found)
        + f"\nanswers: {json.dumps(answers_payload(answers), sort_keys=True)}"
    )


# -- Random answers --------------------------------------------------------------------


def entry_strategy(item: Item) -> st.SearchStrategy[Answer]:
    """Any valid answer entry for ``item``: ``answer_strategy``'s answers (a value, none,
    or not applicable), booleans for yes/no items, with or without a note."""
    entries = answer_strategy(item)
    if isinstance(item.answer, YesNo):
        entries = st.one_of(entries, st.booleans().map(lambda value: Answer(answer=value)))
    notes = st.sampled_from([None, "A note."])
    return st.builds(
        lambda entry, note: entry.model_copy(update={"note": note}) if note else entry,
        entries,
        notes,
    )


@st.composite
def answer_sets(draw: st.DrawFn, checklist: Checklist) -> dict[str, Answer]:
    """Answers to any subset of the items (skipped items included)."""
    items = [item for section in checklist.sections for item in section.items]
    chosen = draw(st.lists(st.sampled_from(items), unique_by=lambda item: item.id))
    return {item.id: draw(entry_strategy(item)) for item in chosen}


@functools.cache
def parity_checklist(source: str) -> tuple[Checklist, dict[str, Json]]:
    """A shipped checklist (``checklists/NAME``) or a vector's, and its browser payload."""
    folder, _, name = source.partition("/")
    checklist = (
        checklist_at(ROOT / source) if folder == "checklists" else load_vector(name).checklist
    )
    return checklist, form_data(checklist, CTX)


def parity_params() -> list[Any]:
    shipped = [pytest.param(f"checklists/{name}", id=f"checklists/{name}") for name in SHIPPED]
    vectors = [
        pytest.param(f"conformance/{p.values[0]}", id=f"conformance/{p.values[0]}", marks=p.marks)
        for p in vector_params("javascript")
    ]
    return shipped + vectors


# -- Browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def evaluator_page(browser: Any, server: str) -> Iterator[Any]:
    """One page of the built site with ``ChecklistEvaluator`` loaded, for the whole module,
    and ``ChecklistMargin`` (margin.js), which the form loads once a verdict settles.

    Only the evaluator is called: errors from the page's other scripts do not matter here.
    """
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/")
    page.wait_for_function("() => typeof window.ChecklistEvaluator === 'object'")
    page.add_script_tag(url=server + "/assets/checklist/margin.min.js")
    page.wait_for_function("() => typeof window.ChecklistMargin === 'object'")
    yield page
    context.close()


@pytest.fixture(scope="module")
def evaluate_in_browser(evaluator_page: Any) -> Evaluate:
    """``ChecklistEvaluator.evaluate`` on the evaluator page, with the turns of margin.js."""

    def evaluate(checklist: Json, answers: Json) -> Json:
        return evaluator_page.evaluate(
            """([checklist, answers]) => {
              const result = ChecklistEvaluator.evaluate(checklist, answers);
              result.turns = ChecklistMargin.turns(checklist, answers, result);
              return result;
            }""",
            [checklist, answers],
        )

    return evaluate


# -- Tests -----------------------------------------------------------------------------


def test_there_are_enough_vectors() -> None:
    assert len(VECTOR_FILES) >= 25, VECTOR_FILES


@pytest.mark.parametrize("name", vector_params())
def test_vector_is_valid(name: str) -> None:
    """The checklist and the answers pass validation; the vector is well formed."""
    vector = load_vector(name)
    assert vector.description.strip(), f"{name}: empty description"
    assert vector.checklist.id == name.removesuffix(".yaml"), (
        f"{name}: name the checklist after the file (id: {name.removesuffix('.yaml')})"
    )
    unknown = vector.expected.keys() - Result.model_fields.keys()
    assert not unknown, f"{name}: 'expected' has keys that are not result fields: {unknown}"
    reasons = read_vector(name).get("xfail_reason") or {}
    assert isinstance(reasons, dict), f"{name}: xfail_reason maps an engine to a reason"
    assert set(reasons) <= set(ENGINES), f"{name}: xfail_reason engines are {ENGINES}"


@pytest.mark.parametrize("name", vector_params("python"))
def test_python_engine(name: str) -> None:
    vector = load_vector(name)
    assert_contains_expected(vector, "python", python_result(vector.checklist, vector.answers))


@pytest.mark.browser
@pytest.mark.parametrize("name", vector_params("javascript"))
def test_javascript_evaluator(name: str, evaluate_in_browser: Evaluate) -> None:
    vector = load_vector(name)
    result = evaluate_in_browser(form_data(vector.checklist, CTX), answers_payload(vector.answers))
    assert_contains_expected(vector, "javascript", result)


@pytest.mark.browser
@pytest.mark.parametrize("name", vector_params("python", "javascript"))
def test_both_engines_agree_on_the_vector(name: str, evaluate_in_browser: Evaluate) -> None:
    """The full results agree too, not only the fields the vector checks."""
    vector = load_vector(name)
    python = as_the_browser_sees_it(python_result(vector.checklist, vector.answers))
    javascript = evaluate_in_browser(
        form_data(vector.checklist, CTX), answers_payload(vector.answers)
    )
    assert_same_results(python, javascript, vector.answers)


@pytest.mark.browser
@pytest.mark.parametrize("source", parity_params())
@settings(max_examples=RANDOM_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_both_engines_agree_on_random_answers(
    source: str, evaluate_in_browser: Evaluate, data: st.DataObject
) -> None:
    checklist, payload = parity_checklist(source)
    answers = data.draw(answer_sets(checklist), label="answers")
    python = as_the_browser_sees_it(python_result(checklist, answers))
    javascript = evaluate_in_browser(payload, answers_payload(answers))
    assert_same_results(python, javascript, answers)


# -- How numbers are written -----------------------------------------------------------

NUMBER_VECTORS = VECTORS / "numbers" / "format.yaml"


def number_vectors() -> list[Any]:
    """One parameter per number vector: the value as decimal text (or None) and its text."""
    data = yaml.safe_load(NUMBER_VECTORS.read_text(encoding="utf-8"))
    return [
        pytest.param(vector["value"], vector["shown"], id=f"{vector['value']}->{vector['shown']}")
        for vector in data
    ]


@pytest.mark.parametrize(("value", "shown"), number_vectors())
def test_python_writes_numbers_by_the_shared_rule(value: str | None, shown: str) -> None:
    assert number(None if value is None else float(value)) == shown


@pytest.mark.browser
@pytest.mark.parametrize(("value", "shown"), number_vectors())
def test_the_browser_writes_numbers_by_the_shared_rule(
    value: str | None, shown: str, evaluator_page: Any
) -> None:
    written = evaluator_page.evaluate(
        "v => ChecklistEvaluator.number(v === null ? null : Number(v))", value
    )
    assert written == shown


# -- Random checklists -----------------------------------------------------------------

LEVELS = ("high", "medium", "low", "none")
COMPARE = ("at_least", "at_most", "above", "below")
STATUSES = ("answered", "unanswered", "not_applicable", "skipped")


@st.composite
def answer_kinds(draw: st.DrawFn) -> Json:
    kind = draw(st.sampled_from(["yes_no", "choice", "multi", "scale", "number", "text"]))
    if kind == "multi":
        n = draw(st.integers(2, 4))
        points = draw(st.lists(st.sampled_from([None, 0, 0.5, 1]), min_size=n, max_size=n))
        options: list[Json] = [
            {"value": f"p{i}", "label": f"Practice {i}", **({} if p is None else {"points": p})}
            for i, p in enumerate(points)
        ]
        if draw(st.booleans()):
            options.append({"value": "none", "label": "None of these", "exclusive": True})
        return {"type": "multi", "options": options}
    if kind == "choice":
        n = draw(st.integers(2, 4))
        points = draw(st.lists(st.sampled_from([None, 0, 0.5, 1, 2]), min_size=n, max_size=n))
        return {
            "type": "choice",
            "options": [
                {"value": f"o{i}", "label": f"Option {i}", **({} if p is None else {"points": p})}
                for i, p in enumerate(points)
            ],
        }
    if kind == "scale":
        return {"type": "scale", "levels": [{"value": v, "label": f"L{v}"} for v in (0, 0.5, 1)]}
    if kind == "number":
        return {"type": "number", "min": 0, "max": 10}
    return {"type": kind}


def values_for(kind: Json) -> list[Json]:
    """The values ``is`` and ``in`` may test (none for a multi answer)."""
    if kind["type"] == "yes_no":
        return ["yes", "no"]
    if kind["type"] == "choice":
        return [o["value"] for o in kind["options"]]
    if kind["type"] == "scale":
        return [level["value"] for level in kind["levels"]]
    return []


def has_points(kind: Json) -> bool:
    if kind["type"] == "choice":
        return all("points" in o for o in kind["options"])
    if kind["type"] == "multi":
        return any("points" in o for o in kind["options"])
    return kind["type"] in ("yes_no", "scale", "number")


@st.composite
def item_test(draw: st.DrawFn, kind: Json) -> Json:
    """One test on an item of this kind (without the item key)."""
    choices = ["answered", "status"]
    if values_for(kind):
        choices += ["is", "in"]
    if kind["type"] == "multi":
        choices += ["includes", "excludes"]
    if has_points(kind):
        choices.append("compare")
    test = draw(st.sampled_from(choices))
    if test == "answered":
        return {"answered": draw(st.booleans())}
    if test == "status":
        picked = draw(st.lists(st.sampled_from(STATUSES), min_size=1, max_size=2, unique=True))
        return {"status": picked[0] if len(picked) == 1 else picked}
    if test in ("includes", "excludes"):
        return {test: draw(st.sampled_from([o["value"] for o in kind["options"]]))}
    if test == "is":
        return {"is": draw(st.sampled_from(values_for(kind)))}
    if test == "in":
        values = values_for(kind)
        return {"in": draw(st.lists(st.sampled_from(values), min_size=1, unique=True))}
    return {draw(st.sampled_from(COMPARE)): draw(st.sampled_from([0, 0.5, 1, 2]))}


@st.composite
def random_checklists(draw: st.DrawFn) -> Json:
    """A valid checklist using every construct: conditional items, item and section risk
    rules (status tests, scoped risks counts, scores counts), scores, bands, blockers,
    verdict rules (counting sections too) and a requirement before the verdict."""
    sections: list[Json] = []
    items: list[Json] = []
    tags = ["core", "extra"]
    for s in range(draw(st.integers(1, 3))):
        section_items = []
        for _ in range(draw(st.integers(1, 3))):
            n = len(items)
            kind = draw(answer_kinds())
            item: Json = {
                "id": f"i{n}",
                "question": f"Question {n}?",
                "severity": draw(st.sampled_from(["blocker", "high", "medium", "low"])),
                "answer": kind,
                "hint": f"Hint {n}.",
                "not_applicable": draw(st.booleans()),
            }
            if item["severity"] == "blocker" and not has_points(kind):
                item["severity"] = "high"
            if draw(st.booleans()) and items:
                ref = draw(st.sampled_from(items))
                item["when"] = {"item": ref["id"], **draw(item_test(ref["answer"]))}
            if has_points(kind) and draw(st.booleans()):
                level = draw(st.sampled_from(LEVELS))
                item["risk"] = [
                    {"when": draw(item_test(kind)), "level": level},
                    {"default": draw(st.sampled_from(LEVELS))},
                ]
            if draw(st.booleans()):
                item["tags"] = [draw(st.sampled_from(tags))]
            items.append(item)
            section_items.append(item)
        section: Json = {"id": f"s{s}", "title": f"Section {s}", "items": section_items}
        if draw(st.booleans()):
            count: Json = {"risks": draw(st.sampled_from(["high", "medium", "low"])), "at_least": 1}
            if draw(st.booleans()) and any("tags" in i for i in section_items):
                count["tag"] = next(i["tags"][0] for i in section_items if "tags" in i)
            section["risk"] = [
                {"when": count, "level": draw(st.sampled_from(LEVELS))},
                {"default": draw(st.sampled_from(LEVELS))},
            ]
        sections.append(section)
    used_tags = sorted({t for i in items for t in i.get("tags", [])})
    scores: list[Json] = [
        {
            "id": f"sc{s['id']}",
            "label": f"Score {s['id']}",
            "aggregate": draw(st.sampled_from(["sum", "mean", "min", "max", "count"])),
            "over": {"section": s["id"]},
            "missing": draw(st.sampled_from(["skip", "zero"])),
        }
        for s in sections
    ]
    scores.append(
        {
            "id": "total",
            "label": "Total",
            "aggregate": draw(st.sampled_from(["mean", "min"])),
            "over": {"scores": [s["id"] for s in scores]},
            "bands": [{"at_least": 0.5, "label": "Good"}, {"default": "Weak"}],
        }
    )
    blockers = any(i["severity"] == "blocker" for i in items)
    rules: list[Json] = [
        {"when": {"risks": "high", "of": "sections", "at_least": 1}, "verdict": "poor"},
        {
            "when": {"scores": "all", "below": 0.5, "count": {"at_least": 2}},
            "verdict": "poor",
        },
        {"when": {"score": "total", "at_least": 0.5}, "verdict": "good"},
    ]
    if used_tags:
        rules.insert(
            1, {"when": {"risks": "medium", "tag": used_tags[0], "at_least": 1}, "verdict": "poor"}
        )
    rules.append({"default": "poor"})
    checklist: Json = {
        "kind": "checklist",
        "schema_version": 1,
        "id": "random",
        "title": "Random",
        "version": "1.0.0",
        "summary": "A random checklist.",
        "sections": sections,
        "scores": scores,
        "verdict": {
            "options": [
                {"id": "good", "label": "Good", "tone": "positive"},
                {"id": "poor", "label": "Poor", "tone": "negative"},
                *([{"id": "stop", "label": "Stop", "tone": "negative"}] if blockers else []),
            ],
            **({"blocked": "stop"} if blockers else {}),
            "rules": rules,
        },
        "requires": {
            "answered": draw(st.sampled_from([0, 0.5, 0.7, 1])),
            "items": draw(st.lists(st.sampled_from([i["id"] for i in items]), max_size=1)),
            "tags": draw(st.lists(st.sampled_from(used_tags), max_size=1)) if used_tags else [],
        },
    }
    return checklist


@pytest.mark.browser
@settings(
    max_examples=RANDOM_EXAMPLES * 3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_both_engines_agree_on_random_checklists(
    evaluate_in_browser: Evaluate, data: st.DataObject
) -> None:
    """Random checklists, not only random answers to the shipped ones: every construct of
    the rule language, checked by validation first, evaluated by both engines."""
    document = data.draw(random_checklists(), label="checklist")
    loaded = load_bytes(json.dumps(document).encode(), file="random.yaml")
    assume(loaded.ok and isinstance(loaded.document, Checklist))
    assert isinstance(loaded.document, Checklist)
    checklist = loaded.document
    answers = data.draw(answer_sets(checklist), label="answers")
    python = as_the_browser_sees_it(python_result(checklist, answers))
    javascript = evaluate_in_browser(form_data(checklist, CTX), answers_payload(answers))
    assert_same_results(python, javascript, answers)


def test_random_checklists_are_mostly_valid() -> None:
    """The generator makes checklists that validation accepts (else the parity test
    above would test little)."""
    valid = 0

    @settings(max_examples=60, deadline=None, database=None)
    @given(document=random_checklists())
    def count(document: Json) -> None:
        nonlocal valid
        loaded = load_bytes(json.dumps(document).encode(), file="random.yaml")
        valid += loaded.ok

    count()
    assert valid >= 30, valid
