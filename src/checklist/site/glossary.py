"""The glossary: one page of terms, shown as tooltips wherever a term appears.

``docs/glossary.md`` is the only place a term is defined: a Markdown definition
list that readers see as the Glossary page. This MkDocs hook (``hooks:`` in
``mkdocs.yml``) reads that list when the site is configured and hands every
term to Python-Markdown's ``abbr`` extension through its ``glossary`` option,
so that each page marks the terms it uses with ``<abbr title="definition">``.

Material's documented recipe auto-appends a file of ``*[term]: definition``
lines with ``pymdownx.snippets`` instead; that file would be a second copy of
the Glossary page, or the page a copy of it. Reading the page keeps one.

Matching is case-sensitive and on whole words, so each term also stands for its
plural and for its form at the start of a sentence (see `forms`). On the
Glossary page itself, where every definition is in view, nothing is marked, and
each term gets an anchor (see `anchor`).

The tooltip is the browser's own: Material's ``content.tooltips`` would write
every ``title`` into the page as HTML, the navigation's too, whose titles come
from untrusted YAML.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from markdown.extensions.toc import slugify
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

PAGE = "glossary.md"
"""The Glossary page, relative to the docs folder."""

_DEFINITION = re.compile(r":[ ]{1,3}(?=\S)")
_NOT_PLAIN = re.compile(r"[\[\]*_`<>{}|\\]")
_NO_PLURAL = ("data", "debt", "drift", "labels", "MLOps", "precision", "recall")
"""Last words whose plural is not a term (or is a verb: "recalls")."""


def read_glossary(path: Path) -> dict[str, str]:
    """The terms of a glossary page with their definitions, in the page's order.

    A term is a line of its own, directly followed by a line that starts with
    ``:`` and its definition, which may continue on indented lines. A
    definition is plain text, because it becomes a ``title`` attribute.

    Raises:
        ValueError: A definition is not plain text, or a term is defined twice;
            the message names the file and line.
    """
    text = path.read_text(encoding="utf-8")
    return {term: definition for _, term, definition in _entries(text, name=str(path))}


def _entries(text: str, *, name: str) -> list[tuple[int, str, str]]:
    """Each entry of a glossary page: (index of the term's line, term, definition)."""
    lines = text.splitlines()
    entries: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for index in range(1, len(lines)):
        line, previous = lines[index], lines[index - 1]
        if not _DEFINITION.match(line) or not previous.strip() or previous[0] in " \t:#":
            continue
        term = previous.strip()
        parts = [line[1:].strip()]
        for more in lines[index + 1 :]:
            if not more.startswith("    "):
                break
            parts.append(more.strip())
        definition = " ".join(parts)
        where = f"{name}:{index + 1}"
        if _NOT_PLAIN.search(definition):
            raise ValueError(f"{where}: the definition of {term!r} is not plain text")
        if term in seen:
            raise ValueError(f"{where}: {term!r} is defined twice")
        seen.add(term)
        entries.append((index - 1, term, definition))
    return entries


def anchor(term: str) -> str:
    """The id of a term on the Glossary page, as the table of contents would make it.

    >>> anchor("A/B test")
    'ab-test'
    """
    return slugify(term, "-")


def forms(term: str) -> list[str]:
    """The spellings that stand for a term: itself, its plural, and both capitalised.

    >>> forms("model registry")
    ['model registry', 'model registries', 'Model registry', 'Model registries']
    >>> forms("NDCG")
    ['NDCG', 'NDCGs']
    """
    last = term.rsplit(" ", 1)[-1]
    spellings = [term]
    if not (last in _NO_PLURAL or last.endswith(("ing", "s"))):
        if re.search(r"[^aeiou]y$", term):
            spellings.append(term[:-1] + "ies")
        else:
            spellings.append(term + "s")
    if term[0].islower():
        spellings += [spelling[0].upper() + spelling[1:] for spelling in spellings]
    return spellings


def abbreviations(terms: dict[str, str]) -> dict[str, str]:
    """Every spelling of every term, with the term's definition.

    Raises:
        ValueError: Two terms share a spelling (their tooltips would clash).
    """
    marked: dict[str, str] = {}
    owner: dict[str, str] = {}
    for term, definition in terms.items():
        for spelling in forms(term):
            if spelling in owner:
                raise ValueError(f"{spelling!r} stands for both {owner[spelling]!r} and {term!r}")
            owner[spelling] = term
            marked[spelling] = definition
    return marked


@event_priority(100)  # before plugins such as mkdocstrings read the Markdown configuration
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Hand the glossary to the ``abbr`` extension, which ``mkdocs.yml`` must list."""
    if "abbr" not in config.markdown_extensions:
        raise PluginError("the glossary needs the 'abbr' extension in markdown_extensions")
    try:
        terms = read_glossary(Path(config.docs_dir) / PAGE)
    except (OSError, ValueError) as error:
        raise PluginError(f"glossary: {error}") from error
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations(terms)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """On the Glossary page, give each term its anchor and undo every tooltip.

    ``feature store`` gets ``{ #feature-store }`` (``attr_list``), so that other pages
    can link ``glossary.md#feature-store``; ``*[term]: ""`` unmarks a term, since all
    the definitions are in view.
    """
    if page.file.src_uri != PAGE:
        return markdown
    lines = markdown.splitlines()
    for index, term, _ in _entries(markdown, name=page.file.src_uri):
        lines[index] = f"{term} {{ #{anchor(term)} }}"
    glossary: dict[str, str] = config.mdx_configs["abbr"]["glossary"]
    undo = [f'*[{spelling}]: ""' for spelling in glossary]
    return "\n".join([*lines, "", *undo]) + "\n"
