"""Chapter links: a checklist's ``chapter`` fields must name docs pages and anchors
that exist, when the checklist lives in a repository with an MkDocs site."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from checklist.models import Checklist
    from checklist.problems import Problem
    from checklist.yamlsource import Source

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{([^}]*)\})?\s*#*\s*$")
_EXPLICIT_ID = re.compile(r"\{[^}\n]*#([A-Za-z][\w-]*)[^}\n]*\}|\bid=\"([^\"]+)\"")
_FENCE = re.compile(r"^\s*(```|~~~)")


def docs_dir_for(file: Path) -> Path | None:
    """The docs folder of the MkDocs site that ``file`` belongs to, if any.

    Looks for ``mkdocs.yml`` in the file's folder and its parents and reads its
    ``docs_dir`` (default ``docs``).
    """
    for folder in file.resolve().parents:
        config = folder / "mkdocs.yml"
        if config.is_file():
            match = re.search(
                r"^docs_dir:\s*['\"]?([^'\"\s#]+)", config.read_text("utf-8", "replace"), re.M
            )
            docs = folder / (match.group(1) if match else "docs")
            return docs if docs.is_dir() else None
    return None


def slugify(text: str) -> str:
    """The anchor Python-Markdown's ``toc`` extension gives a heading."""
    text = re.sub(r"<[^>]+>|[`*]|\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


@cache
def anchors(page: Path) -> frozenset[str] | None:
    """Every anchor of a Markdown page, or ``None`` when the page does not exist."""
    try:
        lines = page.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    found: set[str] = set()
    counts: dict[str, int] = {}
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = _HEADING.match(line)
        if heading and heading.group(3) and "#" in heading.group(3):
            found.add(heading.group(3).split("#", 1)[1].split()[0])
        elif heading:
            slug = slugify(heading.group(2))
            n = counts.get(slug, 0)
            counts[slug] = n + 1
            found.add(slug if n == 0 else f"{slug}_{n}")
        for match in _EXPLICIT_ID.finditer(line):
            found.add(match.group(1) or match.group(2))
    return frozenset(found)


def link_problem(link: str, docs: Path) -> str | None:
    """Why ``link`` (``page.md#anchor``) does not resolve under ``docs``, or ``None``."""
    page, _, anchor = link.partition("#")
    target = (docs / page).resolve()
    if docs.resolve() not in target.parents:
        return f"chapter link {link!r} points outside the docs folder"
    found = anchors(target)
    if found is None:
        return f"chapter link {link!r}: no page docs/{page}"
    if anchor and anchor not in found:
        return f"chapter link {link!r}: page docs/{page} has no section with the anchor #{anchor}"
    return None


def check_chapter_links(checklist: Checklist, source: Source, docs: Path) -> list[Problem]:
    """A problem for every ``chapter`` link of the checklist that does not resolve."""
    places: list[tuple[tuple[str | int, ...], str | None]] = [(("chapter",), checklist.chapter)]
    for s, section in enumerate(checklist.sections):
        places.append((("sections", s, "chapter"), section.chapter))
        for i, item in enumerate(section.items):
            places.append((("sections", s, "items", i, "chapter"), item.chapter))
    problems = []
    for loc, link in places:
        if link is not None:
            message = link_problem(link, docs)
            if message:
                problems.append(source.problem(loc, message, code="broken-link"))
    return problems
