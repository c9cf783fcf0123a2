"""Sources: what readers see cites the book and its references, never private notes.

- No reader-visible text says "the notes": the pages (and the files they include),
  the checklists, the worked examples and the form's scripts.
- The Sources page has an anchor, a citation and a link for every reference.
- Every chapter section with an explicit ``{#anchor}`` ends with **Further reading**,
  a list that links at least one entry of the Sources page; and every link to the
  Sources page, anywhere in ``docs/``, names an anchor that exists.

The checks are functions of a file's text, tried below on small synthetic chapters,
so that each is seen to fail as well as to pass.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCS = ROOT / "docs"
SOURCES = DOCS / "sources.md"

REFERENCES = (
    "huyen-2022",
    "rules-of-ml",
    "pair-guidebook",
    "aws-ml-lens",
    "sculley-2015",
    "breck-2017",
    "google-mlops",
    "microsoft-mlops",
    "kleppmann-2017",
    "ng-2018",
    "lakkaraju-2017",
    "gdpr",
)
"""The anchors the chapters link to: they are part of the site's interface."""

_NOTES = re.compile(r"\bthe notes\b|\bnotes'", re.IGNORECASE)
_INCLUDE = re.compile(r'^--8<--\s+"([^"]+)"\s*$', re.MULTILINE)
_ANCHORED_SECTION = re.compile(r"^## .*\{#([A-Za-z0-9_-]+)\}\s*$")
_SOURCES_LINK = re.compile(r"sources\.md#([A-Za-z0-9_-]*)")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+\S")
_MACRO_LINE = re.compile(r"^\{\{.*\}\}\s*$")
FURTHER_READING = "**Further reading**"


def _reader_visible_files() -> list[Path]:
    pages = sorted(DOCS.rglob("*.md"))
    included = {
        ROOT / name for page in pages for name in _INCLUDE.findall(page.read_text(encoding="utf-8"))
    }
    return [
        *pages,
        *sorted(included),
        *sorted((ROOT / "checklists").glob("*.yaml")),
        *sorted((ROOT / "examples").glob("*.yaml")),
        *sorted((DOCS / "assets" / "checklist").rglob("*.js")),
    ]


def mentions_of_the_notes(path: Path) -> list[str]:
    """Each line of a file that says "the notes" (or "notes'"), as ``file:line: text``."""
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return [
        f"{where}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if _NOTES.search(line)
    ]


def anchors(text: str) -> set[str]:
    """The explicit anchors of a Markdown page: ``{#anchor}`` and ``id="anchor"``."""
    return set(re.findall(r"\{#([A-Za-z0-9_-]+)\}", text)) | set(
        re.findall(r'\bid="([^"]+)"', text)
    )


def _sections(text: str) -> list[tuple[str, int, list[str]]]:
    """Each ``##`` section with an explicit anchor: (anchor, heading line, its lines).

    A section runs to the next ``#`` or ``##`` heading; headings inside fenced code
    do not count.
    """
    sections: list[tuple[str, int, list[str]]] = []
    current: list[str] | None = None
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        marker = line.lstrip()[:3]
        if marker in ("```", "~~~"):
            fence = None if fence == marker else fence or marker
        heading = fence is None and re.match(r"#{1,2} ", line)
        if heading:
            current = None
            found = _ANCHORED_SECTION.match(line)
            if found:
                current = []
                sections.append((found.group(1), number, current))
                continue
        if current is not None:
            current.append(line)
    return sections


def further_reading_problems(text: str, known: set[str], *, name: str = "chapter") -> list[str]:
    """What is wrong with the **Further reading** blocks of one chapter's text.

    Each anchored ``##`` section must end with a line ``**Further reading**`` and a
    Markdown list after it, nothing else but the checklist items a macro line shows;
    one item at least links ``../sources.md#<anchor>`` with an anchor in ``known``.
    """
    problems: list[str] = []
    for anchor, number, lines in _sections(text):
        where = f"{name}:{number}: section #{anchor}"
        starts = [i for i, line in enumerate(lines) if line.strip() == FURTHER_READING]
        if not starts:
            problems.append(f"{where} has no line {FURTHER_READING}")
            continue
        block = lines[starts[-1] + 1 :]
        while block and (not block[-1].strip() or _MACRO_LINE.match(block[-1].strip())):
            block.pop()
        items = [line for line in block if _LIST_ITEM.match(line)]
        strays = [
            line
            for line in block
            if line.strip() and not _LIST_ITEM.match(line) and not line.startswith((" ", "\t"))
        ]
        if not items or strays or not _LIST_ITEM.match(next(x for x in block if x.strip())):
            problems.append(f"{where}: {FURTHER_READING} is not followed by a list, and only that")
            continue
        links = re.findall(r"\]\(\.\./sources\.md#([A-Za-z0-9_-]+)\)", "\n".join(block))
        if not [link for link in links if link in known]:
            problems.append(
                f"{where}: no item of its {FURTHER_READING} links ../sources.md#<anchor> with "
                f"an anchor of the Sources page (found: {links or 'none'})"
            )
    return problems


def broken_sources_links(text: str, known: set[str], *, name: str = "page") -> list[str]:
    """Each link to ``sources.md#anchor`` whose anchor the Sources page does not have."""
    return [
        f"{name}:{text.count(chr(10), 0, found.start()) + 1}: sources.md#{found.group(1)}"
        for found in _SOURCES_LINK.finditer(text)
        if found.group(1) not in known
    ]


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", _reader_visible_files(), ids=_rel)
def test_no_reader_visible_text_says_the_notes(path: Path) -> None:
    found = mentions_of_the_notes(path)
    assert not found, "cite the book (Huyen 2022), not 'the notes':\n" + "\n".join(found)


def test_the_sources_page_cites_every_reference_with_a_link() -> None:
    text = SOURCES.read_text(encoding="utf-8")
    assert set(REFERENCES) <= anchors(text), set(REFERENCES) - anchors(text)
    sections = {anchor: "\n".join(lines) for anchor, _, lines in _sections(text)}
    for anchor in REFERENCES:
        assert re.search(r"\]\(https://[^)\s]+\)", sections[anchor]), f"#{anchor} has no link"
    assert "978-1098107963" in sections["huyen-2022"]


@pytest.mark.parametrize("path", sorted((DOCS / "chapters").glob("*.md")), ids=_rel)
def test_each_chapter_section_ends_with_further_reading(path: Path) -> None:
    known = anchors(SOURCES.read_text(encoding="utf-8"))
    problems = further_reading_problems(path.read_text(encoding="utf-8"), known, name=_rel(path))
    assert not problems, "\n".join(problems)


def test_every_link_to_the_sources_page_names_an_anchor_it_has() -> None:
    known = anchors(SOURCES.read_text(encoding="utf-8"))
    problems = [
        problem
        for page in sorted(DOCS.rglob("*.md"))
        for problem in broken_sources_links(
            page.read_text(encoding="utf-8"), known, name=_rel(page)
        )
    ]
    assert not problems, "\n".join(problems)


# The checks themselves, on synthetic chapters.

GOOD_CHAPTER = """\
# A chapter

Introduction, not a section.

## First point {#first-point}

Text with a [link](../sources.md#huyen-2022) in running text, which does not count.

```markdown
## Not a heading {#in-code}
```

**Further reading**

- [Huyen 2022](../sources.md#huyen-2022), chapter 1.
- [Rules of ML](../sources.md#rules-of-ml), rule 1,
  on launching without ML.

{{ checklist_items("x", "first-point") }}

## Second point {#second-point}

**Further reading**

1. [The ML Test Score](../sources.md#breck-2017)

## A section without an anchor needs nothing
"""

KNOWN = {"huyen-2022", "rules-of-ml", "breck-2017"}


def test_a_chapter_whose_sections_end_with_further_reading_passes(tmp_path: Path) -> None:
    chapter = tmp_path / "chapter.md"
    chapter.write_text(GOOD_CHAPTER, encoding="utf-8")
    assert further_reading_problems(chapter.read_text(encoding="utf-8"), KNOWN) == []
    assert broken_sources_links(GOOD_CHAPTER, KNOWN) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ("**Further reading**\n\n1.", "1."),
            ["chapter:21: section #second-point has no line **Further reading**"],
            id="missing",
        ),
        pytest.param(
            (
                "1. [The ML Test Score](../sources.md#breck-2017)\n",
                "1. [Paper](../sources.md#breck-2017)\n\nA paragraph after the list.\n",
            ),
            [
                "chapter:21: section #second-point: **Further reading** is not followed by a list, and only that"
            ],
            id="paragraph-after-the-list",
        ),
        pytest.param(
            ("**Further reading**\n\n1.", "**Further reading**\n\nSee also:\n\n1."),
            [
                "chapter:21: section #second-point: **Further reading** is not followed by a list, and only that"
            ],
            id="paragraph-before-the-list",
        ),
        pytest.param(
            ("(../sources.md#breck-2017)", "(https://example.org/)"),
            [
                "chapter:21: section #second-point: no item of its **Further reading** links ../sources.md#<anchor> with an anchor of the Sources page (found: none)"
            ],
            id="no-link-to-the-sources-page",
        ),
        pytest.param(
            ("(../sources.md#breck-2017)", "(../sources.md#breck-2018)"),
            [
                "chapter:21: section #second-point: no item of its **Further reading** links ../sources.md#<anchor> with an anchor of the Sources page (found: ['breck-2018'])"
            ],
            id="unknown-anchor",
        ),
    ],
)
def test_a_chapter_without_proper_further_reading_fails(
    tmp_path: Path, change: tuple[str, str], expected: list[str]
) -> None:
    old, new = change
    assert old in GOOD_CHAPTER
    chapter = tmp_path / "chapter.md"
    chapter.write_text(GOOD_CHAPTER.replace(old, new), encoding="utf-8")
    assert further_reading_problems(chapter.read_text(encoding="utf-8"), KNOWN) == expected


def test_a_link_to_a_missing_anchor_of_the_sources_page_is_named() -> None:
    text = "One [link](sources.md#huyen-2022).\nAnd [one](../sources.md#huyen-2023).\n"
    assert broken_sources_links(text, KNOWN, name="docs/x.md") == [
        "docs/x.md:2: sources.md#huyen-2023"
    ]


def test_mentions_of_the_notes_are_found_with_file_and_line(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "The book's example.\nIn THE NOTES order.\nThe notes' example.\n"
        "Footnotes' style and an answer's note are fine.\n",
        encoding="utf-8",
    )
    assert mentions_of_the_notes(page) == [
        f"{page}:2: In THE NOTES order.",
        f"{page}:3: The notes' example.",
    ]
