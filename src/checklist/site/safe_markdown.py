"""Markdown from YAML fields, rendered so that hostile text stays inert.

Raw HTML is not passed through (it is shown as text), and links or images
whose address is not http(s), mailto, a fragment or a relative path are
removed, as are event-handler attributes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

if TYPE_CHECKING:
    from collections.abc import Callable
    from xml.etree.ElementTree import Element

_SAFE_URL = re.compile(r"^(?:https?:|mailto:|#|/(?!/)|\.{1,2}/|[\w.-]+(?:[/#?]|$))", re.IGNORECASE)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcset")
# Extensions that would let raw HTML or page-level features back in (or, for the
# slots, put back HTML rendered for the page).
_UNSAFE_EXTENSIONS = {
    "md_in_html",
    "markdown.extensions.md_in_html",
    "pymdownx.snippets",
    "checklist.site.slots",
}


class _Sanitize(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                value = element.attrib[name]
                if (
                    name.lower().startswith("on")
                    or name.lower() == "style"
                    or (name.lower() in _URL_ATTRIBUTES and not _SAFE_URL.match(value.strip()))
                ):
                    del element.attrib[name]


class _SafeExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitize(md), "checklist-sanitize", 0)


def markdown_renderer(
    extensions: list[Any] | None = None, configs: dict[str, Any] | None = None
) -> Callable[[str], str]:
    """A function that turns trusted-or-not Markdown into safe HTML.

    ``extensions`` and ``configs`` are the site's (``markdown_extensions`` and
    ``mdx_configs`` of ``mkdocs.yml``), minus those that would re-enable raw HTML.
    """
    chosen = [e for e in (extensions or []) if not (isinstance(e, str) and e in _UNSAFE_EXTENSIONS)]
    names = {e for e in chosen if isinstance(e, str)}
    kept = {k: v for k, v in (configs or {}).items() if k in names}
    engine = markdown.Markdown(extensions=[*chosen, _SafeExtension()], extension_configs=kept)

    def render(text: str) -> str:
        engine.reset()
        return engine.convert(text)

    return render
