"""Markdown from YAML fields, rendered so that hostile text stays inert.

A checklist arrives by pull request, so its Markdown fields (summary, section
descriptions, guidance, why, verdict descriptions) are untrusted. They are
rendered in two steps:

1. Python-Markdown with a fixed, small set of extensions (lists, emphasis,
   links, code, tables, definition lists, admonitions). Raw HTML is not parsed
   (it is shown as text), and nothing lets the text set attributes: no
   ``attr_list``, no ``md_in_html``, no snippets, no heading ids.
2. An allow-list sanitizer, `nh3` (the Rust ammonia library), keeps only the
   tags and attributes that this Markdown produces: no ``id``, no ``style``,
   no ``data-*``, no event handlers, no ``ping``; a ``class`` only where an
   admonition or a code block needs one, and only those classes. Links keep
   ``http``, ``https``, ``mailto``, fragments and relative addresses; images
   only relative addresses, so that a page never asks another host for one.
   Links get ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    import markdown
    import nh3

ADMONITIONS = frozenset(
    {
        "note",
        "abstract",
        "info",
        "tip",
        "success",
        "question",
        "warning",
        "failure",
        "danger",
        "bug",
        "example",
        "quote",
    }
)
"""Admonition types a Markdown field may use (``!!! warning``), as Material styles them."""

TAGS = frozenset(
    {
        "p", "br", "hr", "em", "strong", "code", "pre", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd",
        "table", "thead", "tbody", "tr", "th", "td",
        "a", "img", "div", "h1", "h2", "h3", "h4", "h5", "h6",
    }
)  # fmt: skip
"""Every tag that the Markdown of a YAML field can produce; all others are removed."""

ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
"""The only attributes kept, by tag."""

CLASSES = {
    "div": {"admonition", *ADMONITIONS},
    "p": {"admonition-title"},
}
"""The only classes kept: those of an admonition. (A code block's language class is dropped.)"""

_RELATIVE = re.compile(r"^(?![a-z][a-z0-9+.-]*:)(?![/\\]{2})", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _filter_addresses(tag: str, attribute: str, value: str) -> str | None:
    """No image from another host; no protocol-relative link (``//host``)."""
    address = _CONTROL.sub("", value)
    if attribute == "src" and not _RELATIVE.match(address):
        return None
    if attribute == "href" and address[:2] in ("//", "\\\\", "/\\", "\\/"):
        return None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    import nh3

    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_filter_addresses,
        url_schemes={"http", "https", "mailto"},
        allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def sanitize(html: str) -> str:
    """HTML reduced to the allow-list above (`nh3`)."""
    return _cleaner().clean(html)


def _engine() -> markdown.Markdown:
    import markdown
    from markdown.extensions.admonition import AdmonitionExtension
    from markdown.extensions.def_list import DefListExtension
    from markdown.extensions.fenced_code import FencedCodeExtension
    from markdown.extensions.tables import TableExtension

    engine = markdown.Markdown(
        extensions=[
            TableExtension(use_align_attribute=True),
            DefListExtension(),
            FencedCodeExtension(),
            AdmonitionExtension(),
        ]
    )
    # Raw HTML is text: `<b>` in a YAML field shows as "<b>", never as markup.
    engine.preprocessors.deregister("html_block")
    engine.inlinePatterns.deregister("html")
    return engine


def markdown_renderer() -> Callable[[str], str]:
    """A function that turns a Markdown field from YAML into safe HTML.

    The extensions are fixed, not the site's: a field renders the same on every
    site, and the site's own extensions (``attr_list``, ``md_in_html``,
    snippets) would let a field set attributes or read files.
    """
    engine = _engine()

    def render(text: str) -> str:
        engine.reset()
        return sanitize(engine.convert(text))

    return render
