"""Synthetic corpora for the benchmarks: realistic checklists and assessments.

A checklist here looks like the shipped ones: sections of items with guidance,
hints, every answer type, risk rules, and (in the "conditional" flavour) items
whose ``when`` chains on earlier answers. Its assessment answers every item
with a note. Files are written as YAML text, deterministically from a seed.
"""

from __future__ import annotations

import json
import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

WORDS = [
    "model", "data", "feature", "pipeline", "serving", "latency", "drift", "label", "owner",
    "metric", "budget", "review", "rollback", "canary", "schema", "training", "production",
    "monitor", "alert", "retrain", "stakeholder", "risk",
]  # fmt: skip


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _q(text: str) -> str:
    return json.dumps(text)


def checklist_text(n: int, *, items: int = 40, conditional: bool = False, seed: int = 0) -> str:
    """The YAML of checklist number ``n`` with ``items`` items in sections of eight."""
    rng = random.Random(seed * 1_000_003 + n)
    lines = [
        "kind: checklist",
        "schema_version: 1",
        f"id: bench-{n}",
        f"title: {_q('Benchmark checklist ' + str(n))}",
        "version: 1.0.0",
        f"summary: {_q(_sentence(rng, 30))}",
        "sections:",
    ]
    for number in range(items):
        if number % 8 == 0:
            lines += [
                f"  - id: s{number // 8}",
                f"    title: {_q(_sentence(rng, 4))}",
                "    items:",
            ]
        kind = number % 4
        lines += [
            f"      - id: i{number}",
            f"        question: {_q(_sentence(rng, 10))}",
            f"        severity: {rng.choice(['high', 'medium', 'low'])}",
            f"        hint: {_q(_sentence(rng, 20))}",
            f"        guidance: {_q(_sentence(rng, 60))}",
            f"        why: {_q(_sentence(rng, 25))}",
            f"        tags: [{rng.choice(WORDS)}, stakeholder:{rng.choice(WORDS)}]",
        ]
        if kind == 0:
            lines.append("        answer: {type: yes_no}")
        elif kind == 1:
            lines += [
                "        answer:",
                "          type: choice",
                "          options:",
                "            - {value: good, label: Good, points: 1}",
                "            - {value: partly, label: Partly, points: 0.5}",
                "            - {value: poor, label: Poor, points: 0}",
                "        risk:",
                "          - {when: {is: poor}, level: high}",
                "          - {when: {is: partly}, level: medium}",
                "          - {default: none}",
            ]
        elif kind == 2:
            lines.append(
                "        answer: {type: scale, levels: [{value: 0, label: None}, "
                "{value: 0.5, label: Manual}, {value: 1, label: Automated}]}"
            )
        else:
            lines.append("        answer: {type: number, min: 0, max: 100}")
        if conditional and number > 0:
            ref = f"i{number - 1}"
            test = {
                0: '{is: "yes"}',
                1: "{in: [good, partly]}",
                2: "{at_least: 0.5}",
                3: "{answered: true}",
            }
            lines.append(f"        when: {{item: {ref}, {test[(number - 1) % 4][1:-1]}}}")
    sections = (items + 7) // 8
    lines.append("scores:")
    for section in range(sections):
        lines += [
            f"  - id: score-s{section}",
            f"    label: Section {section}",
            "    aggregate: mean",
            f"    over: {{section: s{section}}}",
        ]
    scores = ", ".join(f"score-s{section}" for section in range(sections))
    lines += [
        "  - id: overall",
        "    label: Overall",
        "    aggregate: min",
        f"    over: {{scores: [{scores}]}}",
        "    bands:",
        "      - {at_least: 0.75, label: Strong}",
        "      - {at_least: 0.5, label: Fair}",
        "      - default: Weak",
        "verdict:",
        "  options:",
        "    - {id: go, label: Go, tone: positive}",
        "    - {id: wait, label: Wait, tone: caution}",
        "  rules:",
        "    - when: {all: [{score: overall, at_least: 0.75}, {risks: high, at_most: 0}]}",
        "      verdict: go",
        "    - default: wait",
    ]
    return "\n".join(lines) + "\n"


def assessment_text(n: int, *, items: int = 40, seed: int = 0) -> str:
    """An assessment of checklist ``n`` answering every item, with a note each."""
    rng = random.Random(seed * 7_919 + n)
    lines = [
        "kind: assessment",
        "schema_version: 1",
        f"checklist: {{id: bench-{n}, version: 1.0.0}}",
        f"project: {_q('Project ' + str(n))}",
        "date: 2026-11-27",
        "assessors: [Ada, Grace]",
        "answers:",
    ]
    for number in range(items):
        kind = number % 4
        value = {
            0: _q(rng.choice(["yes", "no"])),
            1: rng.choice(["good", "partly", "poor"]),
            2: rng.choice(["0", "0.5", "1"]),
            3: str(rng.randint(0, 100)),
        }[kind]
        lines += [f"  i{number}:", f"    answer: {value}", f"    note: {_q(_sentence(rng, 18))}"]
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, *, conditional_share: float = 0.25) -> list[Path]:
    """``count`` files: half checklists, half assessments; a share of the checklists conditional."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    checklists = max(1, count // 2)
    for n in range(checklists):
        conditional = n < checklists * conditional_share
        path = folder / f"checklist-{n:04d}.yaml"
        path.write_text(checklist_text(n, conditional=conditional), encoding="utf-8")
        written.append(path)
    for n in range(count - checklists):
        path = folder / f"assessment-{n:04d}.yaml"
        path.write_text(assessment_text(n), encoding="utf-8")
        written.append(path)
    return written


def unknown_keys_text(count: int) -> str:
    """A one-item checklist with ``count`` unknown top-level keys (100,000 make 1 MB)."""
    lines = [
        "kind: checklist",
        "schema_version: 1",
        "id: worst",
        "title: Worst case",
        "version: 1.0.0",
        "summary: Unknown keys.",
        "sections:",
        "  - id: s",
        "    title: S",
        "    items:",
        "      - {id: a, question: Q?, severity: low, answer: {type: yes_no}, hint: H.}",
    ]
    lines += [f"k{n}: 1" for n in range(count)]
    return "\n".join(lines) + "\n"


def chain_text(count: int) -> str:
    """A valid checklist of ``count`` items, each applying only if the one before is yes."""
    lines = [
        "kind: checklist",
        "schema_version: 1",
        "id: chain",
        "title: A long chain",
        "version: 1.0.0",
        "summary: Each item depends on the one before.",
        "sections:",
        "  - id: s",
        "    title: S",
        "    items:",
    ]
    for n in range(count):
        when = f", when: {{item: i{n - 1}, is: 'yes'}}" if n else ""
        lines.append(
            f"      - {{id: i{n}, question: Q?, severity: low, answer: {{type: yes_no}}, hint: H.{when}}}"
        )
    return "\n".join(lines) + "\n"
