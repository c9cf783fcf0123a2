"""Rendered HTML kept out of Markdown's way.

A macro's output goes into the page's Markdown before it is converted, and
Python-Markdown then reads every tag of a rendered form again to find where
the raw HTML block ends (with ``md_in_html``, to look inside it too). For the
large blocks (forms, reports, validation results) the macros put a one-line
placeholder into the page instead, and this Markdown extension, listed under
``markdown_extensions`` in ``mkdocs.yml``, puts the HTML back after conversion.

Without the extension in the site's configuration the macros insert their
HTML directly, as before: the extension only makes the build faster.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

NAME = "checklist.site.slots"
"""How ``mkdocs.yml`` lists this extension."""

_HELD: dict[str, str] = {}
_ID = re.compile(r'\sid="([^"<>]*)"')
_SLOT = re.compile(
    r'<div class="ckl-slot" data-ckl-slot="([0-9a-f]{32})">(?:<span id="[^"<>]*"></span>)*</div>'
)


def hold(html: str) -> str:
    """Keep ``html`` aside and return the placeholder that stands for it.

    The placeholder repeats the ids of the HTML's elements (as empty spans), so
    that MkDocs, which looks for anchors in a page's raw HTML before Markdown,
    still knows them: a link to ``checklists/x.md#x--item`` passes the strict
    build. The spans go away with the placeholder.
    """
    key = hashlib.blake2b(html.encode("utf-8"), digest_size=16).hexdigest()
    _HELD[key] = html
    anchors = "".join(f'<span id="{anchor}"></span>' for anchor in _ID.findall(html))
    return f'<div class="ckl-slot" data-ckl-slot="{key}">{anchors}</div>'


def clear() -> None:
    """Forget what was held (at the start of each build)."""
    _HELD.clear()


def fill(html: str) -> str:
    """Replace every placeholder in converted HTML by what it stands for.

    A placeholder that stands for nothing held (text that merely looks like
    one) is left as it is.
    """
    if "ckl-slot" not in html:
        return html
    return _SLOT.sub(lambda match: _HELD.get(match.group(1), match.group(0)), html)


class _Fill(Postprocessor):
    def run(self, text: str) -> str:
        return fill(text)


class SlotsExtension(Extension):
    """The Markdown extension: fills placeholders once the page is HTML."""

    def extendMarkdown(self, md: Any) -> None:
        # Priority 0: after raw HTML has been put back (30) and entities restored (10).
        md.postprocessors.register(_Fill(md), "checklist-slots", 0)


def makeExtension(**kwargs: Any) -> SlotsExtension:
    """Entry point Python-Markdown looks for when ``mkdocs.yml`` names this module."""
    return SlotsExtension(**kwargs)
