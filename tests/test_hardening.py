"""Hostile and random input: the loader returns problems, never raises, never hangs.

The fuzz tests run a quick pass in ``make test``; ``make fuzz`` runs them with
``CHECKLIST_FUZZ_EXAMPLES=100000`` for a long run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist.catalog import validate_loaded
from checklist.loader import Loaded, load_bytes, load_path
from tests.conftest import CASES, ROOT

FUZZ_EXAMPLES = int(os.environ.get("CHECKLIST_FUZZ_EXAMPLES", "150"))
SHIPPED = sorted((ROOT / "checklists").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
SHIPPED_BYTES = [path.read_bytes() for path in SHIPPED]
fuzz = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=2000,  # a hang would blow it; every case must finish well within
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=FUZZ_EXAMPLES <= 1000,  # a quick run is the same every time
    database=None,
)


def check(loaded: Loaded) -> None:
    """A loaded file is either a document or located problems, and validates without error."""
    assert loaded.document is not None or loaded.problems
    for problem in loaded.problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message
    validate_loaded([loaded])


def timed(seconds: float, path: Path) -> Loaded:
    started = time.perf_counter()
    loaded = load_path(path)
    validate_loaded([loaded])
    assert time.perf_counter() - started < seconds, f"{path.name} took too long"
    return loaded


def messages(loaded: Loaded) -> list[str]:
    return [f"{p.line}:{p.column}: {p.message}" for p in loaded.problems]


DEMO = CASES / "fixtures" / "demo.yaml"
HANG = 30
"""Seconds after which a command run by `cli` counts as hung."""


def cli(
    *args: str,
    stdin: int | IO[bytes] | None = subprocess.DEVNULL,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real command in a subprocess; a hang fails the test instead of stalling it."""
    return subprocess.run(
        [sys.executable, "-m", "checklist", "--no-color", *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=HANG,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.fixture
def folder_with_a_fifo(tmp_path: Path) -> Path:
    """A folder holding the demo checklist (as mine.yaml) and a named pipe called ``pipe.yaml``."""
    folder = tmp_path / "checklists"
    folder.mkdir()
    shutil.copy(DEMO, folder / "mine.yaml")  # not demo.yaml: a search by id walks the folder
    os.mkfifo(folder / "pipe.yaml")
    return folder


def test_a_named_pipe_is_refused_not_waited_for(folder_with_a_fifo: Path) -> None:
    fifo = folder_with_a_fifo / "pipe.yaml"
    message = "1:1: error: expected a regular YAML file, found a named pipe (FIFO)"
    done = cli("validate", str(fifo))
    assert done.returncode == 1
    assert f"{fifo}:{message}; only regular files are read" in done.stdout
    done = cli("validate", str(folder_with_a_fifo))
    assert done.returncode == 1
    assert f"{fifo}:{message}" in done.stdout
    assert done.stdout.endswith("2 files checked: 1 valid, 1 invalid, 1 error\n")
    done = cli("report", str(fifo))
    assert (done.returncode, done.stdout) == (1, "")
    assert f"{fifo}:{message}" in done.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["list", "{folder}"],
        ["validate", "--checklists", "{folder}", "tests/cases/valid/partial-assessment.yaml"],
        ["init", "demo", "--checklists", "{folder}"],
    ],
    ids=lambda c: c[0],
)
def test_a_named_pipe_in_a_folder_of_checklists_hangs_no_command(
    folder_with_a_fifo: Path, command: list[str]
) -> None:
    done = cli(*(part.format(folder=folder_with_a_fifo) for part in command))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_compat_reports_a_named_pipe_instead_of_skipping_it(folder_with_a_fifo: Path) -> None:
    done = cli("compat", str(folder_with_a_fifo), str(folder_with_a_fifo))
    assert done.returncode == 1
    fifo = folder_with_a_fifo / "pipe.yaml"
    assert (
        f"{fifo}:1:1: error: expected a regular YAML file, found a named pipe (FIFO)" in done.stdout
    )


def test_a_device_is_refused_as_not_a_regular_file() -> None:
    done = cli("validate", "/dev/zero")
    assert done.returncode == 1
    assert done.stdout.startswith(
        "/dev/zero:1:1: error: expected a regular YAML file, found a character device;"
    )


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_standard_input_that_stays_open_and_silent_ends_with_a_message(name: str) -> None:
    started = time.perf_counter()
    with subprocess.Popen(["sleep", str(HANG)], stdout=subprocess.PIPE) as silent:
        done = cli("validate", name, stdin=silent.stdout, env={"CHECKLIST_STDIN_TIMEOUT": "1"})
        silent.kill()
    assert time.perf_counter() - started < HANG / 2
    assert done.returncode == 1
    shown = "<stdin>" if name == "-" else name
    assert done.stdout.startswith(
        f"{shown}:1:1: error: standard input sent nothing for 1 second and was not closed; "
    )


def test_a_slow_but_finite_producer_on_standard_input_is_waited_for() -> None:
    producer = f"sleep 1; head -c 100 {DEMO}; sleep 1; tail -c +101 {DEMO}"
    with subprocess.Popen(["sh", "-c", producer], stdout=subprocess.PIPE) as slow:
        done = cli("validate", "-", stdin=slow.stdout, env={"CHECKLIST_STDIN_TIMEOUT": "5"})
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("<stdin>: ok (checklist demo 1.2.0, 6 items)")


def test_endless_standard_input_is_refused_at_the_size_limit() -> None:
    with open("/dev/zero", "rb") as zeros:
        done = cli("validate", "-", stdin=zeros)
    assert done.returncode == 1
    assert done.stdout.startswith(
        "<stdin>:1:1: error: standard input is larger than 2,097,152 bytes;"
    )


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    line = b"key: " + b"x" * 95 + b"\n"
    with path.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line)):
            handle.write(line)
    loaded = timed(1.0, path)
    assert messages(loaded) == [
        f"1:1: file is {path.stat().st_size:,} bytes; files larger than 2,097,152 bytes are refused"
    ]


def test_nesting_10000_levels_deep_is_refused(tmp_path: Path) -> None:
    for name, text in (
        ("flow", "{a: " * 10_000 + "}" * 10_000),
        ("list", "[" * 10_000 + "]" * 10_000),
    ):
        path = tmp_path / f"{name}.yaml"
        path.write_text(f"kind: checklist\nsections: {text}\n", encoding="utf-8")
        loaded = timed(1.0, path)
        assert len(loaded.problems) == 1
        assert "nesting" in loaded.problems[0].message


def test_a_1_mb_single_line_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "line.yaml"
    path.write_text(
        "kind: checklist\nschema_version: 1\ntitle: " + "x" * 1_000_000 + "\n", encoding="utf-8"
    )
    loaded = timed(1.0, path)
    assert "3:8: text is too long: at most 300 characters" in messages(loaded)


def test_an_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = [
        "kind: checklist",
        'x-0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ]
    lines += [f"x-{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = timed(1.0, path)
    assert len(loaded.problems) == 1
    assert "refusing a possible alias bomb" in loaded.problems[0].message


CONTROL = [
    chr(c)
    for c in [
        *range(0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        0x7F,
        *range(0x80, 0x85),
        *range(0x86, 0xA0),
    ]
]


@pytest.mark.parametrize("character", CONTROL, ids=lambda c: f"U+{ord(c):04X}")
def test_every_control_character_is_a_clear_error(tmp_path: Path, character: str) -> None:
    path = tmp_path / "control.yaml"
    path.write_bytes(f"kind: checklist\ntitle: a{character}b\n".encode())
    loaded = timed(1.0, path)
    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert (problem.line, problem.column) == (2, 9)
    if character == "\x00":
        assert problem.message == "binary file: expected UTF-8 text, found a NUL byte"
    else:
        assert problem.message.startswith(
            f"control character U+{ord(character):04X} is not allowed"
        )


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        ["yes", "no", "checklist", "assessment", "1.0.0", "high", "blocker", "2026-11-27"]
    ),
)
yaml_keys = st.one_of(
    st.sampled_from(
        [
            "kind",
            "schema_version",
            "id",
            "title",
            "version",
            "summary",
            "sections",
            "items",
            "question",
            "severity",
            "answer",
            "type",
            "hint",
            "when",
            "item",
            "is",
            "risk",
            "default",
            "level",
            "scores",
            "over",
            "aggregate",
            "verdict",
            "rules",
            "answers",
            "checklist",
            "project",
            "date",
            "not_applicable",
        ]
    ),
    st.text(max_size=10),
)
documents = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(yaml_keys, children, max_size=6)
    ),
    max_leaves=40,
)


@fuzz
@given(documents, st.sampled_from(["checklist", "assessment", None]))
def test_fuzz_random_documents(document: object, kind: str | None) -> None:
    if kind is not None and isinstance(document, dict):
        document = {"kind": kind, "schema_version": 1, **document}
    text = yaml.safe_dump(document, allow_unicode=True)
    check(load_bytes(text.encode("utf-8"), file="fuzz.yaml"))


@fuzz
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{},'\"&*!|>#\n\t ?%@`0.1")), max_size=200))
def test_fuzz_yaml_punctuation(text: str) -> None:
    check(load_bytes(text.encode("utf-8"), file="fuzz.yaml"))


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SHIPPED_BYTES)))
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, max(0, len(data) - 1)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "duplicate"]))
        if action == "flip" and data:
            data[position] = draw(st.integers(0, 255))
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 40))]
        else:
            data[position:position] = data[position : position + draw(st.integers(1, 200))]
    return bytes(data)


@fuzz
@given(mutated())
def test_fuzz_mutated_shipped_files(raw: bytes) -> None:
    check(load_bytes(raw, file="mutated.yaml"))
