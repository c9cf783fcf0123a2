"""Safe YAML reading: YAML 1.2 scalars, positions, and hostile input."""

from __future__ import annotations

import time

import pytest

from checklist.yamlsource import MAX_FILE_BYTES, read_source


def read(text: str | bytes) -> tuple[object, list[str]]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    source, problems = read_source("f.yaml", raw)
    return (source.data if source else None), [
        f"{p.line}:{p.column}: {p.message}" for p in problems
    ]


def test_scalars_follow_the_yaml_1_2_core_schema() -> None:
    data, problems = read(
        "a: yes\nb: no\nc: on\nd: true\ne: 2026-11-27\nf: 0.5\ng: 3\nh: ~\ni: 0x1f\nj: .inf\n"
    )
    assert problems == []
    assert data == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": True,
        "e": "2026-11-27",
        "f": 0.5,
        "g": 3,
        "h": None,
        "i": 31,
        "j": float("inf"),
    }


def test_duplicate_keys_are_reported_and_the_first_is_kept() -> None:
    data, problems = read("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
    assert data == {"a": 1, "b": {"c": 2}}
    assert problems == [
        "4:3: duplicate key 'c': it is already defined on line 3; each key may appear once",
        "5:1: duplicate key 'a': it is already defined on line 1; each key may appear once",
    ]


def test_locate_walks_to_the_value_and_skips_unknown_segments() -> None:
    source, _ = read_source(
        "f.yaml", b"sections:\n  - id: a\n    items:\n      - id: b\n        severity: x\n"
    )
    assert source is not None
    where = source.locate(("sections", 0, "items", 0, "some-union-tag", "severity"))
    assert (where.line, where.column, where.path) == (5, 19, "sections[0].items[0].severity")
    missing = source.locate(("sections", 0, "items", 0, "question"))
    assert (missing.line, missing.column, missing.path) == (4, 9, "sections[0].items[0]")
    key = source.locate(("sections", 0, "items", 0, "severity"), at_key=True)
    assert (key.line, key.column) == (5, 9)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "1:1: empty file: expected a YAML mapping with a 'kind' key"),
        (b"# only a comment\n", "1:1: empty document: expected a YAML mapping with a 'kind' key"),
        (b"a: 1\n---\nb: 2\n", "2:1: several YAML documents in one file"),
        (b"a: \x00\x01", "1:4: binary file: expected UTF-8 text, found a NUL byte"),
        (b"a: 1\nb: caf\xe9\n", "2:7: not UTF-8 text: byte 0xe9 cannot be decoded"),
        (b"a: 1\nb: x\x07y\n", "2:5: control character U+0007 is not allowed in YAML"),
        (
            b"a: !!python/object:os.system x\n",
            "1:4: unsupported YAML tag '!!python/object:os.system'; remove the tag",
        ),
        (
            b"a: [1, 2\n",
            "1:4: YAML syntax error: this list in [ ] is never closed: expected ',' or ']'",
        ),
        (b"? [a]\n: 1\n", "1:3: keys must be plain strings"),
        (b"<<: {a: 1}\n", "1:1: merge keys ('<<') are not supported"),
    ],
)
def test_bad_input_is_a_located_problem(raw: bytes, expected: str) -> None:
    _, problems = read(raw)
    assert problems
    assert problems[0].startswith(expected), problems


def test_a_file_over_the_size_limit_is_refused_before_parsing() -> None:
    started = time.perf_counter()
    _, problems = read(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    assert problems == [
        f"1:1: file is {MAX_FILE_BYTES + 4:,} bytes; files larger than {MAX_FILE_BYTES:,} bytes are refused"
    ]
    assert time.perf_counter() - started < 1


def test_an_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for n in range(1, 10):
        refs = ", ".join([f"*a{n - 1}"] * 10)
        lines.append(f"a{n}: &a{n} [{refs}]")
    started = time.perf_counter()
    data, problems = read("\n".join(lines) + "\n")
    assert data is None
    assert len(problems) == 1
    assert "aliases expand to more than 10,000 nodes; refusing a possible alias bomb" in problems[0]
    assert time.perf_counter() - started < 1


def test_a_few_aliases_are_fine() -> None:
    data, problems = read("x-a: &a {type: yes_no}\nb: *a\nc: *a\n")
    assert problems == []
    assert data == {"x-a": {"type": "yes_no"}, "b": {"type": "yes_no"}, "c": {"type": "yes_no"}}


@pytest.mark.parametrize("depth", [65, 2000, 10_000])
def test_deep_nesting_is_refused_without_recursion_errors(depth: int) -> None:
    started = time.perf_counter()
    _, problems = read("[" * depth + "]" * depth)
    assert len(problems) == 1
    assert "nesting" in problems[0] or "nesting depth" in problems[0]
    assert time.perf_counter() - started < 1


def test_a_released_source_locates_from_its_text_again() -> None:
    source, _ = read_source("f.yaml", b"a:\n  - 1\n  - {b: 2}\n")
    assert source is not None
    before = source.locate(("a", 1, "b"))
    source.release()
    assert source.data is None
    assert source.locate(("a", 1, "b")) == before
    assert (before.line, before.column, before.path) == (3, 9, "a[1].b")


def test_a_key_of_100000_characters_says_the_key_is_too_long() -> None:
    started = time.perf_counter()
    _, problems = read("kind: checklist\n" + "k" * 100_000 + ": 1\n")
    assert time.perf_counter() - started < 1
    assert problems == [
        "2:1: YAML syntax error: this key is 100,000 characters long; "
        "YAML reads keys of at most 1,024 characters"
    ]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("9" * 400, "a 400-digit number"),
        ("-" + "9" * 5_000, "a 5,000-digit number"),
        ("1e999", "1e999"),
    ],
)
def test_a_number_too_large_for_a_float_is_one_clear_problem(text: str, shown: str) -> None:
    data, problems = read(f"a: {text}\n")
    assert data == {"a": text}
    assert problems == [
        f"1:4: number too large: {shown}; numbers must be at most about 1.8e308 "
        "(quote it if it is text)"
    ]


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16", "UTF-16 (little-endian)"),
        ("utf-16-le", "UTF-16 (little-endian)"),
        ("utf-16-be", "UTF-16 (big-endian)"),
        ("utf-32", "UTF-32 (little-endian)"),
        ("utf-32-le", "UTF-32 (little-endian)"),
        ("utf-32-be", "UTF-32 (big-endian)"),
    ],
)
def test_a_utf16_or_utf32_file_is_named_with_its_encoding(encoding: str, name: str) -> None:
    # What Windows PowerShell writes for `checklist init ... > file.yaml`, with a byte
    # order mark or without one; CJK text alone has no NUL byte at all.
    for text in ("kind: assessment\n", "\u8a55\u4fa1: \u306f\u3044\n"):
        _, problems = read(text.encode(encoding))
        if encoding.endswith(("-le", "-be")) and not text.isascii():
            continue  # no byte order mark and no NUL byte: not told from other bytes
        assert problems == [f"1:1: the file is {name}; save it as UTF-8"]
