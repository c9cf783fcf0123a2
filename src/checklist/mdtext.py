"""Plain text made safe inside Markdown.

Text from YAML or from the command line that becomes part of a Markdown page
(a page's heading, above all) must show as written: no HTML, no emphasis, no
links, no ``{: attributes }``.
"""

from __future__ import annotations

_MARKDOWN = frozenset("\\`*_{}[]()#+!|~")


def escape_inline(text: str) -> str:
    """``text`` on one line, with HTML and Markdown syntax made literal.

    ``<``, ``>`` and ``&`` become entities (so ``</title>`` stays text wherever
    MkDocs and the theme copy a heading); other Markdown punctuation gets a
    backslash. Line breaks and other control characters become spaces.
    """
    out: list[str] = []
    for ch in text:
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch in _MARKDOWN:
            out.append("\\" + ch)
        elif ch < " " or "\x7f" <= ch <= "\x9f" or ch in "\u2028\u2029":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)
