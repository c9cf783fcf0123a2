"""``checklist badge``: a valid, self-contained SVG for each verdict tone and for pending."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest

from checklist.badge import COLOURS, LABEL_COLOUR, render_badge, svg
from checklist.cli import main
from checklist.engine import evaluate_answers
from checklist.loader import load_path
from checklist.models import Answer, Checklist
from tests.conftest import CASES

if TYPE_CHECKING:
    from pathlib import Path

FIXTURES = CASES / "fixtures"
SVG = "{http://www.w3.org/2000/svg}"
ALL: dict[str, str | float | None] = {
    "has-data": "yes",
    "data-source": "logs",
    "maturity": 2,
    "rows": 10,
    "retention": "yes",
    "notes": "none",
}


def demo() -> Checklist:
    loaded = load_path(FIXTURES / "demo.yaml")
    assert isinstance(loaded.document, Checklist)
    return loaded.document


def parts(picture: str) -> tuple[list[str], list[str]]:
    """The texts and the fills of a badge, after checking it parses as SVG."""
    root = ET.fromstring(picture)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    fills = [r.get("fill") or "" for r in root.iter(f"{SVG}rect")]
    return texts, fills


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize(
    ("changes", "value", "tone"),
    [
        ({}, "Go", "positive"),
        ({"maturity": 0}, "Wait", "caution"),
        ({"has-data": "no"}, "Stop", "negative"),
        ({"notes": None}, "pending", "pending"),
    ],
)
def test_each_tone_and_pending_gives_a_valid_svg(
    changes: dict[str, str | float | None], value: str, tone: str
) -> None:
    answers = {**ALL, **changes}
    result = evaluate_answers(
        demo(), {k: Answer(answer=v) for k, v in answers.items() if v is not None}
    )
    texts, fills = parts(render_badge(result))
    assert texts == ["Demo checklist", value]
    assert fills == [LABEL_COLOUR, COLOURS[tone]]


@pytest.mark.parametrize("colour", [LABEL_COLOUR, *COLOURS.values()])
def test_white_text_is_readable_on_every_colour(colour: str) -> None:
    assert (1.05) / (luminance(colour) + 0.05) >= 4.5


def test_the_score_badge_waits_with_the_verdict() -> None:
    settled = evaluate_answers(demo(), {k: Answer(answer=v) for k, v in ALL.items()})
    assert parts(render_badge(settled, "score"))[0] == ["Demo checklist", "Total 4"]
    waiting = evaluate_answers(demo(), {"has-data": Answer(answer="yes")})
    texts, fills = parts(render_badge(waiting, "score", label="Demo"))
    assert texts == ["Demo", "Total 1 (pending)"]
    assert fills[1] == COLOURS["pending"]


def test_hostile_text_is_escaped_and_nothing_is_fetched() -> None:
    picture = svg('x"/><script>alert(1)</script><a href="https://evil.example/">', "é" * 90, "??")
    texts, fills = parts(picture)
    assert texts[0].startswith('x"/><script>')  # text, not markup
    assert len(texts[1]) == 60
    assert texts[1].endswith("…")
    assert fills[1] == COLOURS["pending"]
    assert "<script" not in picture
    assert "href" not in picture.replace("&lt;a href", "")
    assert "url(" not in picture


def test_badge_command_writes_the_file_and_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "badges" / "demo.svg"
    code = main(
        [
            "badge",
            str(CASES / "diff" / "after.yaml"),
            "--checklists",
            str(FIXTURES),
            "-o",
            str(target),
        ]
    )
    assert code == 0
    assert f"wrote {target}" in capsys.readouterr().err
    assert parts(target.read_text(encoding="utf-8"))[0] == ["Demo checklist", "Go"]


def test_badge_of_an_invalid_assessment_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: assessment\nschema_version: 1\n", encoding="utf-8")
    assert main(["--no-color", "badge", str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "missing required key" in captured.err
