"""The CLI reference page, generated from the argument parser itself."""

from __future__ import annotations

import argparse
import os

HELP_WIDTH = "76"
"""Columns the help text is wrapped at: what a code block shows without scrolling."""


def cli_reference() -> str:
    """``checklist --help`` and each command's ``--help``, as Markdown sections."""
    from checklist.cli import build_parser

    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_WIDTH
    try:
        parser = build_parser()
        parts = [_block("checklist", parser.format_help())]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    parts.append(_block(f"checklist {name}", sub.format_help()))
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before
    return "\n\n".join(parts)


def _block(title: str, text: str) -> str:
    return f"## `{title}`\n\n```text\n{text.rstrip()}\n```"
