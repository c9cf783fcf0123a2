"""Scaffold a new chapter (its page, its checklist, the checklist's page and the nav), or
a team's own checklist in any folder.

``checklist new checklist NAME`` calls `new_checklist`, which writes
``checklists/NAME.yaml``: a valid checklist with a deal-breaker, a scored question, a
score and a verdict that waits for the deal-breaker, for a team to rewrite; no MkDocs
site is needed, and ``checklist validate`` and ``init`` find it in ``./checklists``.

``checklist new chapter NAME`` calls `new_chapter`, which writes

- ``docs/chapters/NAME.md``: a title, an introduction saying what to write,
  and one section, ``## First point {#first-point}``, followed by its items;
- ``checklists/NAME.yaml``: a valid checklist with one example item that
  links to that section;
- ``docs/checklists/NAME.md``: the checklist's page, generated from the YAML;

and adds both pages at the end of the Chapters and Checklists lists of the
``nav`` in ``mkdocs.yml``, editing its text line by line so that comments and
formatting stay as they are. Everything is prepared before anything is written,
and nothing is overwritten: a clash is a `ScaffoldError`.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import yaml

from checklist.base import SLUG_PATTERN
from checklist.loader import load_bytes, load_path
from checklist.mdtext import escape_inline
from checklist.models import Checklist

if TYPE_CHECKING:
    from pathlib import Path

FIRST_SECTION = "first-point"
"""The anchor of the scaffolded chapter's section and the id of its checklist section."""

CHAPTER = """\
---
render_macros: true
---

# @TITLE@

Write the introduction here, in your own words: which part of the book or the other
references on the Sources page this chapter covers (cite them, never copy them), which
decision it helps a team make, and what the sections below teach. Give every point its
own section, like the one below, and at least one item in `checklists/@NAME@.yaml` that
links to it.

## First point {#first-point}

Teach the first point here: what it means, how to tell whether it holds for a project,
red flags, an example each way, and questions for a design review. Rename the heading
after the point; its anchor (`first-point`) is what the checklist's items link to, so
change it together with the `chapter:` links in `checklists/@NAME@.yaml` and the
`checklist_items` call below.

{{ checklist_items("@NAME@", "first-point") }}
"""

CHECKLIST = """\
# yaml-language-server: $schema=../docs/schemas/checklist.schema.json
# The checklist of docs/chapters/@NAME@.md. Replace the example item with items for every
# section of the chapter. Item ids are stable: teams' stored answers are keyed by them.
# CONTRIBUTING.md says when to bump the version; `checklist compat` checks it.
kind: checklist
schema_version: 1
id: @NAME@
title: @TITLE_YAML@
version: 0.1.0
summary: >-
  Replace this with two or three sentences: what answering this checklist tells a team
  about its ML system, and the main risk it looks for.
chapter: chapters/@NAME@.md

sections:
  - id: first-point
    title: First point
    chapter: chapters/@NAME@.md#first-point
    items:
      - id: first-point-holds
        question: Does your system meet the first point of this chapter?
        severity: medium
        answer: {type: yes_no}
        chapter: chapters/@NAME@.md#first-point
        guidance: >-
          Replace this with how to answer: what a "yes" looks like in a real project and
          when to answer "no". Phrase the question so that "yes" is the good answer.
        hint: >-
          Replace this with what to do when the answer is "no": one concrete next step. It
          goes into the team's improvement plan.
"""

CHECKLIST_PAGE = """\
---
render_macros: true
hide: [toc]
---

{{ checklist_page("@NAME@") }}
"""


OWN_CHECKLIST = """\
# yaml-language-server: $schema=@SCHEMA@
# Your team's own checklist. Replace the example questions with yours; keep item ids
# stable once teams answer them (answers are keyed by id). Bump the version when you
# change it: a new major version when you remove or change an item.
# Check it:  checklist validate checklists/@NAME@.yaml
# Answer it: checklist init @NAME@ -o assessments/@NAME@.yaml
# The rule language (severities, conditions, scores, verdicts) is described at
# https://ml-design-checklist.github.io/ml-design-checklist/reference/rules/
kind: checklist
schema_version: 1
id: @NAME@
title: @TITLE_YAML@
version: 0.1.0
summary: >-
  Replace this with two or three sentences: what answering this checklist tells a team
  about its system, and the main risk it looks for.

sections:
  - id: basics
    title: Basics
    items:
      - id: owner-named
        question: Is one person named as the owner of this system?
        severity: blocker
        answer: {type: yes_no}
        guidance: >-
          A deal-breaker: the verdict waits until it is answered, and a "no" decides it.
          Phrase questions so that "yes" is the good answer.
        hint: Name an owner before anything else.
      - id: tested-how
        question: How is the system tested before a release?
        severity: high
        answer:
          type: choice
          options:
            - {value: automated, label: Automated tests on every change, points: 1}
            - {value: manual, label: A manual check before each release, points: 0.5}
            - {value: none, label: Not tested, points: 0}
        hint: Automate the checks you now run by hand.

scores:
  - id: readiness
    label: Readiness
    aggregate: mean
    over: {section: basics}
    bands:
      - {at_least: 0.9, label: Ready}
      - default: Not ready yet
headline: readiness
# The verdict and the headline's band wait until every question is answered.
requires: {answered: 1}

verdict:
  options:
    - {id: ready, label: Ready, tone: positive, description: Nothing stands in the way.}
    - {id: work-needed, label: Work needed, tone: caution, description: Follow the plan first.}
    - {id: blocked, label: Blocked, tone: negative, description: A deal-breaker failed.}
  blocked: blocked
  rules:
    - when: {score: readiness, at_least: 0.9}
      verdict: ready
    - default: work-needed
"""


class ScaffoldError(Exception):
    """The chapter cannot be scaffolded (bad name, existing files, unexpected mkdocs.yml)."""


def new_chapter(root: Path, name: str, *, title: str | None = None) -> list[Path]:
    """Scaffold chapter ``name`` in the repository at ``root``; returns the paths written.

    Raises `ScaffoldError`, before writing anything, when ``name`` is not
    a valid id, the title cannot be used, a target file or nav entry exists, a
    checklist already has the id, or the nav of ``mkdocs.yml`` lacks its
    ``- Chapters:`` or ``- Checklists:`` list.
    """
    title = _checked(name, title)
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise ScaffoldError(
            f"no mkdocs.yml in {root}: run 'checklist new chapter' at the repository's root"
        )
    files = {
        root / "docs" / "chapters" / f"{name}.md": CHAPTER,
        root / "checklists" / f"{name}.yaml": CHECKLIST,
        root / "docs" / "checklists" / f"{name}.md": CHECKLIST_PAGE,
    }
    existing = [str(path.relative_to(root)) for path in files if path.exists()]
    if existing:
        raise ScaffoldError(
            f"chapter {name!r} already exists: {', '.join(existing)}; "
            "choose another name or edit those files"
        )
    _refuse_taken_id(root, name)
    texts = {
        path: text.replace("@NAME@", name)
        .replace("@TITLE_YAML@", json.dumps(title, ensure_ascii=False))
        .replace("@TITLE@", escape_inline(title))
        for path, text in files.items()
    }
    loaded = load_bytes(texts[root / "checklists" / f"{name}.yaml"].encode(), file=name)
    if not loaded.ok:  # pragma: no cover - the template is tested; this guards the title
        raise ScaffoldError(f"the scaffolded checklist is invalid: {loaded.problems[0].message}")
    nav = config.read_text(encoding="utf-8")
    nav = add_to_nav(nav, "Chapters", f"chapters/{name}.md")
    nav = add_to_nav(nav, "Checklists", f"checklists/{name}.md")
    written: list[Path] = []
    try:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            written.append(path)
        config.write_text(nav, encoding="utf-8", newline="")
    except OSError as error:
        for path in written:
            path.unlink()
        raise ScaffoldError(f"cannot write {error.filename}: {error.strerror}") from None
    return [*written, config]


def new_checklist(root: Path, name: str, *, title: str | None = None) -> Path:
    """Write ``checklists/NAME.yaml`` under ``root``, a team's own checklist; its path.

    Raises `ScaffoldError`, before writing anything, when ``name`` is not a valid id,
    the title cannot be used, the file exists or a checklist in that folder has the id.
    """
    from checklist.schema import SCHEMA_BASE_URL

    title = _checked(name, title)
    target = root / "checklists" / f"{name}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target.relative_to(root)} already exists; not overwriting it")
    _refuse_taken_id(root, name)
    text = (
        OWN_CHECKLIST.replace("@NAME@", name)
        .replace("@SCHEMA@", f"{SCHEMA_BASE_URL}checklist.schema.json")
        .replace("@TITLE_YAML@", json.dumps(title, ensure_ascii=False))
    )
    loaded = load_bytes(text.encode(), file=name)
    if not loaded.ok:  # pragma: no cover - the template is tested; this guards the title
        raise ScaffoldError(f"the scaffolded checklist is invalid: {loaded.problems[0].message}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        raise ScaffoldError(f"cannot write {error.filename}: {error.strerror}") from None
    return target


def _checked(name: str, title: str | None) -> str:
    """The title to use for ``name``, after checking both."""
    if not re.fullmatch(SLUG_PATTERN, name) or len(name) > 64:
        raise ScaffoldError(
            f"{name!r} is not a valid name: use lowercase letters and digits, words "
            "joined by single hyphens (such as 'data-quality'), at most 64 characters"
        )
    title = name.replace("-", " ").capitalize() if title is None else title.strip()
    if not title or len(title) > 300 or any(c in title for c in "\n\r{}"):
        raise ScaffoldError(
            f"title {title!r}: expected one line of 1 to 300 characters, without braces"
        )
    return title


def _refuse_taken_id(root: Path, name: str) -> None:
    folder = root / "checklists"
    for file in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        document = load_path(file).document
        if isinstance(document, Checklist) and document.id == name:
            raise ScaffoldError(
                f"checklist id {name!r} is already used by {file.relative_to(root)}; "
                "choose another name"
            )


def add_to_nav(text: str, group: str, entry: str) -> str:
    """``text`` of ``mkdocs.yml`` with ``- entry`` appended to the nav list ``- group:``.

    Only lines are inserted; the rest of the text is kept byte for byte. The
    result is parsed again to check that the entry landed in that list.
    """
    lines = text.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if re.match(r"nav:\s*(#.*)?$", line)), None)
    if start is None:
        raise ScaffoldError(f"mkdocs.yml has no top-level 'nav:'; add {entry} to the nav by hand")
    if entry in _nav_entries(text, group):
        raise ScaffoldError(f"mkdocs.yml: the nav already lists {entry}")
    header = re.compile(rf"(\s*)- {re.escape(group)}:\s*(#.*)?$")
    found = None
    for n in range(start + 1, len(lines)):
        if lines[n].strip() and not lines[n].startswith((" ", "-", "#")):
            break  # the next top-level key: the nav is over
        match = header.match(lines[n])
        if match:
            found = (n, len(match.group(1)))
            break
    if found is None:
        raise ScaffoldError(
            f"mkdocs.yml: no '- {group}:' list in the nav; add {entry} to the nav by hand"
        )
    head, indent = found
    last, entry_indent = head, None
    for n in range(head + 1, len(lines)):
        stripped = lines[n].strip()
        if not stripped:
            continue
        width = len(lines[n]) - len(lines[n].lstrip(" "))
        if width <= indent:
            break
        if entry_indent is None and stripped.startswith("- "):
            entry_indent = width
        last = n
    if entry_indent is None:
        raise ScaffoldError(
            f"mkdocs.yml: the nav's '- {group}:' list has no entries to follow; "
            f"add {entry} to the nav by hand"
        )
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    lines.insert(last + 1, f"{' ' * entry_indent}- {entry}\n")
    result = "".join(lines)
    if entry not in _nav_entries(result, group):  # pragma: no cover - a safety net
        raise ScaffoldError(f"mkdocs.yml: could not add {entry} to the nav's {group!r} list")
    return result


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!ENV`` and ``!!python/name`` tags are read as null."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _nav_entries(text: str, group: str) -> list[str]:
    """Every page under the nav's ``group`` list (titles dropped, nested lists flattened)."""
    try:
        config = yaml.load(text, Loader=_AnyTagLoader)
    except yaml.YAMLError as error:
        raise ScaffoldError(f"mkdocs.yml is not valid YAML: {error}") from None
    nav = config.get("nav") if isinstance(config, dict) else None
    for entry in nav if isinstance(nav, list) else []:
        if isinstance(entry, dict) and group in entry:
            return list(_pages(entry[group]))
    return []


def _pages(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [page for child in node for page in _pages(child)]
    if isinstance(node, dict):
        return [page for child in node.values() for page in _pages(child)]
    return []
