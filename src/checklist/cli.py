"""The ``checklist`` command: arguments in, exit code out.

Exit codes: 0 success; 1 a file is invalid (or, with ``--fail-on`` or
``--fail-on-verdict``, an assessment fails a gate; with ``--strict``, a file has
warnings), or the output could not be written; 2 the command
was called wrongly; 3 an internal error, which is a bug. Imports of the core
happen inside the commands, so ``--help`` and ``--version`` stay fast.

Output that cannot be written (a reader that closed the pipe, as ``| head``
does, a full disk, a closed standard output) fails the command with exit 1 and
one line on standard error: a gate whose verdict was not delivered has not
passed, and ``set -o pipefail`` sees it. 141 (killed by SIGPIPE) would say a
signal ended the program, which did not happen, and would not cover a full
disk.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys

from checklist.__about__ import __version__

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing would slow --help down
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path
    from typing import Any

    from checklist.catalog import Validation
    from checklist.engine import Result
    from checklist.loader import Loaded
    from checklist.models import Checklist
    from checklist.reporters import Style

ISSUES_URL = "https://github.com/ml-design-checklist/ml-design-checklist/issues"
COLLECTOR_NOTE = """Why the command line turns automatic cycle collection off while it runs.

A parsed file is a tree of many fresh objects without cycles, which reference
counting frees. The cycle collector would keep scanning those trees and every
document kept so far, finding nothing: with Python's default threshold that was
two thirds of `checklist validate` on 1,000 files, and a third of validating the
6,000-item chain (`make bench`). The cycles a run leaves are made once, while
modules are imported (about 1,000 objects, the same for 1 file or 2,000 valid or
invalid ones: `tests/test_scale.py`), so memory stays flat. The command line owns
the process, so it does this; the library leaves the collector alone.
"""
EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
_SHOWN_REJECTED = 5
"""How many files that are not valid checklists `list` names; the rest are counted."""
_PIECE = 4096
"""Characters per write to standard output (see `_out`)."""

DESCRIPTION = """\
Validate and score ML system design checklists and a team's answers to them.

A checklist (kind: checklist) holds questions; an assessment
(kind: assessment) holds a team's answers to one checklist. Both are YAML
files."""

EPILOG = """\
exit status: 0 valid, 1 invalid (or failing a gate of --fail-on or
--fail-on-verdict, or warnings under --strict, or the output could not be
written), 2 usage error, 3 internal error (a bug: please report it).

A PATH of - reads standard input; it is refused after
CHECKLIST_STDIN_TIMEOUT seconds (default 30) without any data.

examples:
  checklist validate                       checklists/ and examples/ here
  checklist validate my-assessment.yaml --fail-on high
  checklist validate my-assessment.yaml --fail-on-verdict negative
  checklist validate design/ --format sarif > checklist.sarif
  checklist init ml-test-score > my-assessment.yaml
  checklist report my-assessment.yaml --format markdown

'checklist COMMAND --help' shows each command's options and examples."""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """The main help: its description and examples keep their line breaks."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)


class _CommandFormatter(argparse.HelpFormatter):
    """A command's help: its prose is wrapped to the terminal, its examples are not.

    A paragraph with an indented line (the examples of an epilog) keeps its lines.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for paragraph in text.split("\n\n"):
            if "\n  " in paragraph:
                paragraphs.append("\n".join(indent + line for line in paragraph.splitlines()))
            else:
                paragraphs.append(super()._fill_text(paragraph, width, indent))
        return "\n\n".join(paragraphs)


def _add_problem_format(command: argparse.ArgumentParser) -> None:
    """``--format`` and ``--quiet`` of the commands that print problems."""
    command.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif", "junit"),
        default="text",
        help="output format: text (for people), json, github (GitHub Actions annotations), "
        "sarif (SARIF 2.1.0, for code scanning) or junit (JUnit XML, a test case per file); "
        "default: text",
    )
    command.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="text output: only the problems and the summary, no line for each file that passes",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; the CLI reference page is generated from it."""
    parser = argparse.ArgumentParser(
        prog="checklist", description=DESCRIPTION, epilog=EPILOG, formatter_class=_Formatter
    )
    parser.add_argument("--version", action="version", version=f"checklist {__version__}")
    color_help = "never colour the output (NO_COLOR=1 does the same)"
    parser.add_argument("--no-color", action="store_true", help=color_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # Accepted after the command too (`checklist validate --no-color`); without it,
    # the value given before the command, if any, stands.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--no-color", action="store_true", default=argparse.SUPPRESS, help=color_help
    )

    def add_command(name: str, **options: Any) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], **options)

    def add_checklists(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--checklists",
            action="append",
            default=[],
            metavar="DIR",
            help="also look for checklists in this folder (repeatable); ./checklists and the "
            "checklists shipped with this package are always looked in",
        )

    validate = add_command(
        "validate",
        help="check checklists and assessments; exit 1 if any is invalid",
        description="Check checklist and assessment files. Each file's kind is read from its "
        "'kind' key. Every problem is reported with file:line:column, the path inside the "
        "document and what was expected; the summary counts the errors and warnings and "
        "names the files that fail. On GitHub Actions (when GITHUB_STEP_SUMMARY is set) a "
        "short Markdown summary is also appended to the job summary.",
        epilog="""examples:
  checklist validate                     checklists/ and examples/ here
  checklist validate design/ -q          only the problems and the summary
  checklist validate design/ --strict    warnings fail too
  checklist validate design/ --fail-on high --fail-on unanswered
  checklist validate design/ --format sarif > checklist.sarif
  checklist init ml-fit | checklist validate -""",
        formatter_class=_CommandFormatter,
    )
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (searched for *.yaml and *.yml), or - for standard input; "
        "default: checklists/ and examples/ in the current folder",
    )
    _add_problem_format(validate)
    validate.add_argument(
        "--fail-on",
        choices=("high", "medium", "low", "unanswered"),
        action="append",
        default=[],
        metavar="GATE",
        help="also fail when an assessment has an item or a section at this risk or above "
        "(high, medium or low), or, with unanswered, an asked item left unanswered; "
        "repeat to combine (--fail-on high --fail-on unanswered)",
    )
    validate.add_argument(
        "--fail-on-verdict",
        choices=("negative", "caution"),
        metavar="TONE",
        help="also fail when an assessment's verdict is negative (or, with caution, caution "
        "or negative), or still pending",
    )
    validate.add_argument(
        "--skip-other-yaml",
        action="store_true",
        help="leave out, in silence, YAML files that are neither checklists nor "
        "assessments (no top-level kind: checklist or assessment, and none of the keys "
        "schema_version, checklist, sections or answers): for pre-commit in a repository "
        "that has other YAML, such as workflows and compose files",
    )
    validate.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also fail when a file has warnings (the file stays valid); --no-strict "
        "overrides strict = true in the settings",
    )
    add_checklists(validate)

    listing = add_command(
        "list",
        help="list the checklists: id, version, title, items",
        description="List the checklists found in the given files and folders (default: "
        "./checklists and the checklists shipped with this package). Exits 1 when the "
        "folders hold checklists but none of them is valid.",
        epilog="""examples:
  checklist list                         the checklists known here
  checklist list --checklists our-checklists/
  checklist list our-checklists/ --format json""",
        formatter_class=_CommandFormatter,
    )
    listing.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders of checklists; only these are listed",
    )
    listing.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    listing.add_argument(
        "--checklists",
        action="append",
        default=[],
        metavar="DIR",
        help="also list the checklists in this folder (repeatable)",
    )

    init = add_command(
        "init",
        help="write an empty assessment of a checklist, ready to fill in",
        description="Write a skeleton assessment: every item present and unanswered, with its "
        "question and allowed answers in comments. It validates as it is.",
        epilog="""examples:
  checklist init ml-fit -o design/ml-fit.yaml
  checklist init ml-test-score > my-assessment.yaml
  checklist init ours --checklists our-checklists/ -o design/ours.yaml""",
        formatter_class=_CommandFormatter,
    )
    init.add_argument(
        "checklist_id", metavar="CHECKLIST_ID", help="the checklist's id (see 'checklist list')"
    )
    init.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output, creating its folder if needed "
        "(refuses to overwrite)",
    )
    add_checklists(init)

    report = add_command(
        "report",
        help="score assessments: scores, risks, verdict, improvement plan",
        description="Evaluate assessments against their checklists and print, for each, its "
        "scores, risks by level, verdict (what decided it, and the single answers that would "
        "change it), unanswered items and improvement plan (the hint of every item at high or "
        "medium risk). Several files and folders give one report per "
        "assessment, in order; with --portfolio, one table instead: a row per assessment "
        "(project, checklist, answered, headline score, verdict, high risks, date), worst "
        "first. An invalid assessment's problems go to standard error and the command exits "
        "1.",
        epilog="""examples:
  checklist report design/ml-fit.yaml
  checklist report design/ --format markdown > design-review.md
  checklist report teams/ --portfolio --format html > portfolio.html
  checklist report design/ml-fit.yaml --format json | jq .verdict
  cat design/ml-fit.yaml | checklist report -""",
        formatter_class=_CommandFormatter,
    )
    report.add_argument(
        "assessments",
        nargs="+",
        metavar="ASSESSMENT",
        help="assessment files, folders (searched for *.yaml and *.yml; the checklists in "
        "them are used, not reported), or - for standard input",
    )
    report.add_argument(
        "--format",
        choices=("text", "markdown", "json", "html"),
        default="text",
        help="output format; json prints one object for one file, else a list; html writes "
        "one self-contained page that prints well (default: text)",
    )
    report.add_argument(
        "--portfolio",
        action="store_true",
        help="one table of all the assessments, worst first, instead of a report each",
    )
    add_checklists(report)

    diff = add_command(
        "diff",
        help="what changed between two assessments: answers, risks, scores, verdict",
        description="Compare two assessments of one checklist, older first: the answers and "
        "notes that changed, the risks that opened, closed, rose or fell, the scores and the "
        "verdict. With --base, compare a file with its version at a git revision. A "
        "regression is a risk that rose or a verdict that got worse (settled before and "
        "pending now counts as worse).",
        epilog="examples:\n"
        "  checklist diff review-2025.yaml review-2026.yaml\n"
        "  checklist diff --base origin/main assessments/ml-fit.yaml --format markdown\n"
        "  checklist diff --base HEAD~1 ml-fit.yaml --fail-on-regression",
        formatter_class=_CommandFormatter,
    )
    diff.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="OLD and NEW assessment files; with --base, one file",
    )
    diff.add_argument(
        "--base",
        metavar="REV",
        help="compare FILE with its version at this git revision (such as HEAD~1 or origin/main)",
    )
    diff.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="output format (default: text; markdown for a pull-request comment)",
    )
    diff.add_argument(
        "--fail-on-regression",
        action="store_true",
        help="exit 1 when a risk rose or the verdict got worse",
    )
    add_checklists(diff)

    badge = add_command(
        "badge",
        help="write a README badge (SVG) with an assessment's verdict or score",
        description="Evaluate an assessment and write a flat SVG badge: the checklist's "
        "title, and the verdict (or the headline score) coloured by its tone; a verdict "
        "that waits for answers shows as pending, in grey. The SVG is self-contained.",
        epilog="examples:\n"
        "  checklist badge assessments/ml-fit.yaml -o docs/badges/ml-fit.svg\n"
        "  checklist badge ml-fit.yaml --value score --label 'ML fit' > badge.svg",
        formatter_class=_CommandFormatter,
    )
    badge.add_argument(
        "assessment", metavar="ASSESSMENT", help="an assessment file, or - for standard input"
    )
    badge.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the SVG to FILE (replacing it; folders are created) instead of standard output",
    )
    badge.add_argument(
        "--value",
        choices=("verdict", "score"),
        default="verdict",
        help="what the badge shows (default: verdict)",
    )
    badge.add_argument("--label", help="the left-hand text (default: the checklist's title)")
    add_checklists(badge)

    upgrade = add_command(
        "upgrade",
        help="carry an assessment over to its checklist's new major version",
        description="Rewrite an assessment of a checklist's previous major version for the "
        "current one, by the mapping the checklist declares (renamed, split, merged and "
        "removed items, renamed answers). Answers carry over where they still fit; notes, "
        "evidence and the file's leading comments are kept (other comments are not). Shows "
        "the change as a diff and lists what to answer again; --write applies it.",
        epilog="examples:\n"
        "  checklist upgrade assessments/ml-fit.yaml\n"
        "  checklist upgrade assessments/ml-fit.yaml --write",
        formatter_class=_CommandFormatter,
    )
    upgrade.add_argument("assessment", metavar="ASSESSMENT", help="an assessment file")
    upgrade.add_argument(
        "--write", action="store_true", help="replace the file with the upgraded one"
    )
    add_checklists(upgrade)

    schema = add_command(
        "schema",
        help="print the JSON Schema of a document kind",
        description="Print the JSON Schema of checklist or assessment files, for editors and "
        "other validators.",
        # Written out: with nargs="?" (so that a missing KIND gets our message) argparse
        # would show it as optional. tests/test_cli.py checks it names every option.
        usage="%(prog)s [-h] [--no-color] [--checklist ID]\n"
        "                        [--checklists DIR] KIND",
        epilog="""examples:
  checklist schema assessment > assessment.schema.json
  checklist schema assessment --checklist ml-fit > ml-fit.schema.json
  checklist schema checklist""",
        formatter_class=_CommandFormatter,
    )
    schema.add_argument(
        "kind", nargs="?", metavar="KIND", help="the document kind: checklist or assessment"
    )
    schema.add_argument(
        "--checklist",
        metavar="ID",
        help="with assessment: the schema of answers to this checklist (its item ids, "
        "answers and ranges), for completion and checks while typing",
    )
    add_checklists(schema)

    compat = add_command(
        "compat",
        help="check that each checklist's version fits what changed since a base",
        description="Compare each checklist in PATH with the checklist of the same id in "
        "BASE_DIR (for example the checklists of the main branch) and check its version: a "
        "removed item or section, a changed answer type or fewer allowed answers need a new "
        "major version; an added item, option or level at least a new minor version; any other "
        "change at least a new patch version. A version never goes down. A checklist new in "
        "PATH is fine; when every PATH is a folder, a checklist that is gone is reported.",
        epilog="""examples:
  mkdir base && git archive origin/main checklists | tar -x -C base
  checklist compat base                  compare ./checklists with base/
  checklist compat base checklists/ml-fit.yaml --format github""",
        formatter_class=_CommandFormatter,
    )
    compat.add_argument(
        "base",
        metavar="BASE_DIR",
        help="a folder with the base versions of the checklists (searched for *.yaml and *.yml)",
    )
    compat.add_argument(
        "paths",
        nargs="*",
        default=[],  # without a default, argparse calls PATH required when BASE_DIR is missing
        metavar="PATH",
        help="checklist files or folders; default: checklists/ in the current folder",
    )
    _add_problem_format(compat)

    new = add_command(
        "new",
        help="scaffold your own checklist, or a chapter of this site",
        description="'new checklist NAME' writes checklists/NAME.yaml in the current folder: "
        "a valid checklist with a deal-breaker, a scored question, a score and a verdict, "
        "for your team to rewrite (validate, init and report find it there). "
        "'new chapter NAME' scaffolds a chapter in this site's repository: "
        "docs/chapters/NAME.md with one section, checklists/NAME.yaml with one example item "
        "linked to it, the checklist's page docs/checklists/NAME.md, and both pages at the end "
        "of their lists in the nav of mkdocs.yml. Neither overwrites anything.",
        epilog="examples:\n"
        "  checklist new checklist data-privacy --title 'Data privacy review'\n"
        "  checklist new chapter data-quality",
        formatter_class=_CommandFormatter,
    )
    new.add_argument("what", choices=("checklist", "chapter"), help="what to create")
    new.add_argument(
        "name",
        metavar="NAME",
        help="its id (a chapter's is also its checklist's): lowercase words joined by "
        "hyphens (such as data-quality)",
    )
    new.add_argument("--title", help="the chapter's and the checklist's title (default: from NAME)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    # The command needs no pydantic plugins; looking for them scans every installed package.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    for stream in (sys.stdout, sys.stderr):
        # A character the terminal's encoding lacks is shown escaped, not a failed run.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    style = _style(args.no_color)
    if hasattr(args, "checklists"):  # the commands that read checklists and assessments
        from checklist.config import ConfigError, load

        try:
            args.settings = load()
        except ConfigError as error:
            from checklist.reporters import printable

            parser.exit(EXIT_USAGE, f"checklist {args.command}: error: {printable(str(error))}\n")
        if not args.checklists:
            args.checklists = args.settings.checklists
    else:
        args.settings = None
    collecting = gc.isenabled()
    gc.disable()  # see COLLECTOR_NOTE
    try:
        code = int(_COMMANDS[args.command](args, style))
        _flush()
        return code
    except _UsageError as error:
        from checklist.reporters import printable

        parser.exit(EXIT_USAGE, f"checklist {args.command}: error: {printable(str(error))}\n")
    except _OutputError as error:
        _err(f"checklist {args.command}: error: cannot write the output: {error}")
        _drop_output()
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last line of defence: say it is a bug, never a bare traceback
        _err(
            f"checklist: internal error: {type(error).__name__}: {error}\n"
            f"This is a bug in checklist {__version__}, not a problem with your files.\n"
            f"Please report it at {ISSUES_URL} with the command you ran and, if you can, "
            "the file.\nSet CHECKLIST_DEBUG=1 to see the traceback."
        )
        if os.environ.get("CHECKLIST_DEBUG"):
            raise
        return EXIT_BUG
    finally:
        if collecting:
            gc.enable()
    return EXIT_USAGE


class _UsageError(Exception):
    pass


class _OutputError(Exception):
    """Standard output cannot be written: closed, a closed pipe, a full disk."""


def _out(text: str, end: str = "\n") -> None:
    """Write to standard output; a failure is an `_OutputError`, never a traceback."""
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        raise _OutputError("standard output is closed")
    text += end
    try:
        # In pieces smaller than the stream's buffer: one large write that the reader cuts
        # short (`| head -1`) returns a short count instead of raising, and is lost silently.
        for start in range(0, len(text), _PIECE):
            sys.stdout.write(text[start : start + _PIECE])
    except (OSError, ValueError) as error:  # ValueError: the stream was closed
        raise _OutputError(_reason(error)) from None


def _flush() -> None:
    """Flush standard output now, so that a write error is seen while it can be reported."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError) as error:
        raise _OutputError(_reason(error)) from None


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _drop_output() -> None:
    """Point standard output at the null device, so that the exit flush cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (AttributeError, OSError, ValueError):  # no stdout, or no file descriptor
        pass


def _err(text: str) -> None:
    """A message on standard error, when standard error can still be written."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):
        print(text, file=sys.stderr, flush=True)


def _style(no_color: bool) -> Style:
    from checklist.reporters import Style

    tty = sys.stdout is not None and sys.stdout.isatty()
    wanted = not no_color and not os.environ.get("NO_COLOR") and tty
    return Style(wanted and os.environ.get("TERM") != "dumb")


def _extra_checklists(folders: Sequence[str]) -> list[Checklist]:
    """Every valid checklist in the folders `_checklist_folders` names; warns about the rest."""
    from checklist.catalog import load_checklists
    from checklist.reporters import printable

    found: list[Checklist] = []
    for folder in _checklist_folders(folders):
        rejected: list[str] = []
        found.extend(load_checklists(folder, rejected=rejected).values())
        for file in rejected:
            _err(
                f"checklist: warning: {printable(file)} is not a valid checklist and is "
                f"ignored; see: checklist validate {printable(file)}"
            )
    return found


def _checklist_folders(folders: Sequence[str], skip: Sequence[str] = ()) -> list[Path]:
    """Where assessments look for their checklists: --checklists, else ./checklists.

    Folders are searched lazily, by file name first, so that validating one
    assessment reads one checklist.
    """
    from pathlib import Path

    for folder in folders:
        if not os.path.isdir(folder):
            raise _UsageError(f"--checklists {folder}: no such folder")
    if not folders and os.path.isdir("checklists") and "checklists" not in skip:
        folders = ["checklists"]
    return [Path(folder) for folder in folders]


def _validate(args: argparse.Namespace, style: Style) -> int:
    from checklist.catalog import UsageError, default_paths, validate_paths
    from checklist.reporters import REPORTERS

    settings = args.settings
    paths = args.paths or settings.paths or default_paths()
    if not paths:
        raise _UsageError("no PATH given and no checklists/ or examples/ folder here")
    if args.skip_other_yaml:
        from checklist.reading import looks_like_ours

        # pre-commit names every YAML file it sees: those of other tools are left out.
        paths = [p for p in paths if os.path.isdir(p) or looks_like_ours(p)]
        if not paths:
            return EXIT_OK
    try:
        validation = validate_paths(
            paths,
            fail_on=args.fail_on or settings.fail_on,
            fail_on_verdict=args.fail_on_verdict or settings.fail_on_verdict,
            checklist_folders=_checklist_folders(args.checklists, paths),
            keep_documents=False,
            strict=settings.strict if args.strict is None else args.strict,
            exclude=_skipping(settings.excluded, args.skip_other_yaml),
        )
    except UsageError as error:
        raise _UsageError(str(error)) from None
    if not validation.files:
        raise _UsageError(f"no YAML files found in: {', '.join(paths)}")
    _out(REPORTERS[args.format](validation, style, quiet=args.quiet))
    _job_summary(validation)
    return EXIT_OK if validation.ok else EXIT_INVALID


def _skipping(excluded: Callable[[str], bool], other_yaml: bool) -> Callable[[str], bool]:
    """What validate leaves out of the folders: the settings' exclude patterns, and with
    --skip-other-yaml, YAML files that are not this tool's."""
    if not other_yaml:
        return excluded
    from checklist.reading import looks_like_ours

    return lambda file: excluded(file) or not looks_like_ours(file)


def _job_summary(validation: Validation) -> None:
    """On GitHub Actions, append the Markdown summary to ``$GITHUB_STEP_SUMMARY``.

    The summary is a courtesy: when it cannot be written, a warning says so and the
    exit status stays that of the validation.
    """
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    from checklist.jobsummary import job_summary

    try:
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(job_summary(validation))
    except OSError as error:
        _err(f"checklist: warning: cannot write the job summary to {path}: {_reason(error)}")


def _list(args: argparse.Namespace, style: Style) -> int:
    from checklist.catalog import UsageError, bundled_checklists_dir, discover, load_checklists_from
    from checklist.reporters import dump_json, one_line, printable

    for folder in args.checklists:
        if not os.path.isdir(folder):
            raise _UsageError(f"--checklists {folder}: no such folder")
    named = [*args.paths, *args.checklists]
    folders = named or [p for p in ("checklists",) if os.path.isdir(p)]
    rejected: list[str] = []
    try:
        found = load_checklists_from(discover(folders), rejected=rejected) if folders else {}
    except UsageError as error:
        raise _UsageError(str(error)) from None
    if rejected and not found:
        files = [printable(file) for file in rejected]
        which = (
            f"{files[0]} is not a valid checklist; see: checklist validate {files[0]}"
            if len(files) == 1
            else f"{len(files)} files are not valid checklists ({', '.join(files[:5])}"
            f"{' and more' if len(files) > 5 else ''}); see: checklist validate "
            + " ".join(printable(f) for f in folders)
        )
        _err(
            f"checklist list: error: no valid checklist in {', '.join(map(printable, folders))}: {which}"
        )
        return EXIT_INVALID
    for file in rejected[:_SHOWN_REJECTED]:
        _err(
            f"checklist: warning: {printable(file)} is not a valid checklist and is "
            f"ignored; see: checklist validate {printable(file)}"
        )
    if len(rejected) > _SHOWN_REJECTED:
        _err(
            f"checklist: warning: and {len(rejected) - _SHOWN_REJECTED:,} more files that are "
            f"not valid checklists; see: checklist validate {' '.join(map(printable, folders))}"
        )
    bundled = bundled_checklists_dir()
    if bundled is not None and not args.paths:
        for key, value in load_checklists_from(discover([str(bundled)])).items():
            found.setdefault(key, value)
    checklists = sorted(found.values(), key=lambda c: c.id)
    rows = [(c.id, c.version, c.title, sum(len(s.items) for s in c.sections)) for c in checklists]
    if args.format == "json":
        _out(dump_json([{"id": i, "version": v, "title": t, "items": n} for i, v, t, n in rows]))
        return EXIT_OK
    if not rows:
        _out("no checklists found")
        return EXIT_OK
    width = max(len(r[0]) for r in rows)
    vwidth = max(len(r[1]) for r in rows)
    _out(style.bold(f"{'ID':<{width}}  {'VERSION':<{vwidth}}  ITEMS  TITLE"))
    for checklist_id, version, title, count in rows:
        _out(f"{checklist_id:<{width}}  {version:<{vwidth}}  {count:>5}  {one_line(title)}")
    return EXIT_OK


def _find_checklist(checklist_id: str, folders: Sequence[str]) -> Checklist:
    from checklist.catalog import bundled_checklists_dir, load_checklists

    candidates = _extra_checklists(folders)
    bundled = bundled_checklists_dir()
    if bundled is not None:
        candidates.extend(load_checklists(bundled).values())
    for checklist in candidates:
        if checklist.id == checklist_id:
            return checklist
    from checklist.suggestions import Suggestions

    ids = sorted({c.id for c in candidates})
    close = Suggestions(ids).closest(checklist_id)
    hint = f"did you mean {close!r}? " if close else ""
    raise _UsageError(
        f"unknown checklist {checklist_id!r}; {hint}known: {', '.join(ids) or 'none'}"
    )


def _init(args: argparse.Namespace, style: Style) -> int:
    from checklist.catalog import bundled_checklists_dir, find_checklist
    from checklist.schema import SCHEMA_BASE_URL, checklist_schema_url
    from checklist.skeleton import skeleton

    checklist = _find_checklist(args.checklist_id, args.checklists)
    bundled = bundled_checklists_dir()
    shipped = bundled is not None and find_checklist(bundled, checklist.id) == checklist
    # The site publishes a schema for each shipped checklist; others get the general one.
    url = (
        checklist_schema_url(checklist.id)
        if shipped
        else f"{SCHEMA_BASE_URL}assessment.schema.json"
    )
    text = skeleton(checklist, schema_url=url)
    if args.output is None:
        _out(text, end="")
        return EXIT_OK
    folder = os.path.dirname(args.output)
    try:
        if folder:
            os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise _UsageError(f"cannot create the folder {folder}: {_reason(error)}") from None
    try:
        with open(args.output, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise _UsageError(f"{args.output} already exists; not overwriting it") from None
    except OSError as error:
        raise _UsageError(f"cannot write {args.output}: {error.strerror}") from None
    _err(f"wrote {args.output}: {sum(len(s.items) for s in checklist.sections)} items to answer")
    return EXIT_OK


def _report(args: argparse.Namespace, style: Style) -> int:
    from checklist.catalog import UsageError, Validation, discover, validate_loaded
    from checklist.engine import evaluate
    from checklist.loader import load_path
    from checklist.margin import with_turns
    from checklist.models import Assessment
    from checklist.reading import display_name
    from checklist.report import render_reports
    from checklist.reporters import text

    for path in args.assessments:
        if path != "-" and not os.path.exists(path):
            raise _UsageError(f"no such file: {path}")
    try:
        files = discover(args.assessments)
    except UsageError as error:
        raise _UsageError(str(error)) from None
    named = {display_name(path) for path in args.assessments}
    validation = validate_loaded(
        [load_path(file) for file in files], extra_checklists=_extra_checklists(args.checklists)
    )
    # A checklist named on the command line is a mistake; one in a folder serves the others.
    assessments = []
    for report in validation.files:
        if report.kind != "checklist":
            assessments.append(report)
        elif report.file in named:
            raise _UsageError(f"{report.file} is a checklist; report takes an assessment")
    if not assessments:
        raise _UsageError(f"no assessments found in: {', '.join(args.assessments)}")
    results, failed = [], []
    for report in assessments:
        if report.ok and isinstance(report.document, Assessment) and report.checklist is not None:
            result = evaluate(report.checklist, report.document)
            if not args.portfolio:  # a report says how close its verdict is to another
                result = with_turns(report.checklist, report.document.answers, result)
            results.append(result)
        else:
            failed.append(report)
    several = len(args.assessments) > 1 or any(os.path.isdir(p) for p in args.assessments)
    if results and args.portfolio:
        from checklist.portfolio import FORMATS, rows

        files = [r.file for r in assessments if r not in failed]
        _out(FORMATS[args.format](rows(zip(files, results, strict=True)), style))
    elif results and args.format == "html":
        from checklist.htmlreport import html

        _out(html(results), end="")
    elif results:
        _out(render_reports(results, args.format, style, as_list=several), end="")
    if failed:
        # Problems are diagnostics: standard output stays for the reports (`| jq` sees them).
        _err(text(Validation(files=assessments), style, quiet=True))
        return EXIT_INVALID
    return EXIT_OK


def _at_revision(revision: str, file: str) -> Loaded:
    """``file`` as it was at a git ``revision``, loaded (named ``REV:file`` in problems)."""
    import subprocess

    from checklist.loader import load_bytes

    folder, name = os.path.split(os.path.abspath(file))
    try:
        shown = subprocess.run(
            ["git", "-C", folder, "show", f"{revision}:./{name}"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except FileNotFoundError:
        raise _UsageError("--base needs git, which was not found") from None
    except subprocess.TimeoutExpired:
        raise _UsageError(f"git show {revision}:{file} did not finish in 60 s") from None
    if shown.returncode != 0:
        reason = shown.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _UsageError(
            f"cannot read {file} at {revision}: " + (reason[0] if reason else "git failed")
        )
    return load_bytes(shown.stdout, file=f"{revision}:{file}")


def _diff(args: argparse.Namespace, style: Style) -> int:
    from checklist.diff import FORMATS, compare
    from checklist.loader import load_path

    if args.base is not None and len(args.files) != 1:
        raise _UsageError(
            "with --base, give one FILE: it is compared with its version at that revision"
        )
    if args.base is None and len(args.files) != 2:
        raise _UsageError("give two files, OLD and NEW (or --base REV and one FILE)")
    _check_files(args.files, "diff takes assessment files")
    if args.base is not None:
        old, new = _at_revision(args.base, args.files[0]), load_path(args.files[0])
    else:
        old, new = load_path(args.files[0]), load_path(args.files[1])
    results = _evaluated([old, new], [old.file, new.file], "diff takes assessments", args, style)
    if results is None:
        return EXIT_INVALID
    before, after = results
    if before.checklist != after.checklist:
        raise _UsageError(
            f"{old.file} answers {before.checklist} and {new.file} answers {after.checklist}; "
            "diff compares two assessments of one checklist"
        )
    changes = compare(before, after)
    _out(FORMATS[args.format](changes, style))
    return EXIT_INVALID if args.fail_on_regression and changes.regressed else EXIT_OK


def _check_files(files: Sequence[str], takes: str) -> None:
    """A usage error for a folder or a missing file where a command ``takes`` files."""
    for file in files:
        if os.path.isdir(file):
            raise _UsageError(f"{file} is a folder; {takes}")
        if file != "-" and not os.path.exists(file):
            raise _UsageError(f"no such file: {file}")


def _evaluated(
    loaded: Sequence[Loaded],
    names: Sequence[str],
    takes: str,
    args: argparse.Namespace,
    style: Style,
) -> list[Result] | None:
    """The evaluated results of assessments, or ``None`` once their problems are printed.

    A checklist among them is a usage error (``NAME is a checklist; TAKES``).
    """
    from checklist.catalog import validate_loaded
    from checklist.engine import evaluate
    from checklist.models import Assessment
    from checklist.reporters import text

    validation = validate_loaded(loaded, extra_checklists=_extra_checklists(args.checklists))
    for report, name in zip(validation.files, names, strict=True):
        if report.kind == "checklist":
            raise _UsageError(f"{name} is a checklist; {takes}")
    results = []
    for report in validation.files:
        if not report.ok or not isinstance(report.document, Assessment) or report.checklist is None:
            # Problems are diagnostics: standard output stays for the result.
            _err(text(validation, style))
            return None
        results.append(evaluate(report.checklist, report.document))
    return results


def _badge(args: argparse.Namespace, style: Style) -> int:
    from pathlib import Path

    from checklist.badge import render_badge
    from checklist.loader import load_path

    _check_files([args.assessment], "badge takes one assessment file")
    results = _evaluated(
        [load_path(args.assessment)], [args.assessment], "badge takes an assessment", args, style
    )
    if results is None:
        return EXIT_INVALID
    picture = render_badge(results[0], args.value, label=args.label)
    if args.output is None:
        _out(picture, end="")
        return EXIT_OK
    target = Path(args.output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(picture, encoding="utf-8")
    except OSError as error:
        raise _UsageError(f"cannot write {args.output}: {error.strerror or error}") from None
    _err(f"wrote {args.output}")
    return EXIT_OK


def _upgrade(args: argparse.Namespace, style: Style) -> int:
    import difflib

    from checklist.catalog import validate_loaded
    from checklist.loader import load_bytes, load_path
    from checklist.models import Answer, Assessment
    from checklist.reporters import one_line, text
    from checklist.upgrade import (
        assessment_text,
        leading_comments,
        upgrade_answers,
        upgrades_from,
    )

    file = args.assessment
    _check_files([file], "upgrade takes one assessment file")
    loaded = load_path(file)
    if loaded.kind == "checklist":
        raise _UsageError(f"{file} is a checklist; upgrade takes an assessment")
    if not loaded.ok or not isinstance(loaded.document, Assessment) or loaded.source is None:
        _err(text(validate_loaded([loaded]), style))
        return EXIT_INVALID
    old = loaded.document
    checklist = _find_checklist(old.checklist.id, args.checklists)
    old_major, new_major = (
        int(old.checklist.version.split(".")[0]),
        int(checklist.version.split(".")[0]),
    )
    if old_major == new_major:
        _out(
            f"{file}: already answers {checklist.id} {old.checklist.version}, the same major "
            f"version as {checklist.version}; nothing to upgrade"
        )
        return EXIT_OK
    if old_major > new_major:
        raise _UsageError(
            f"{file} answers {checklist.id} {old.checklist.version}, newer than the installed "
            f"{checklist.version}; upgrade the checklist package instead"
        )
    if upgrades_from(checklist) != old_major:
        raise _UsageError(
            f"{checklist.id} {checklist.version} declares no upgrade from {old_major}.x; "
            f"answer it again: checklist init {checklist.id}"
        )
    upgraded = upgrade_answers(checklist, old.answers)
    before = loaded.source.text
    after = assessment_text(old, checklist, upgraded, header=leading_comments(before))
    check = validate_loaded([load_bytes(after.encode(), file=file)], extra_checklists=[checklist])
    written = check.files[0].document
    if (
        not check.ok
        or not isinstance(written, Assessment)
        or {k: v for k, v in written.answers.items() if v != Answer()} != upgraded.answers
    ):  # pragma: no cover - a bug: the upgrade must validate and read back as it was made
        raise RuntimeError("the upgraded file does not read back as the upgrade made it")
    if not args.write:
        diff = difflib.unified_diff(
            before.splitlines(), after.splitlines(), file, f"{file} (upgraded)", lineterm=""
        )
        _out("\n".join(diff))
    carried = sum(1 for item in upgraded.carried if item not in upgraded.again)
    _out(
        f"{checklist.id} {old.checklist.version} → {checklist.version}: {carried} "
        f"{'answer' if carried == 1 else 'answers'} carried over"
    )
    for title, entries in (
        ("answer again", list(upgraded.again.items())),
        ("new, to answer", [(item, "") for item in upgraded.new]),
        ("removed", list(upgraded.removed.items())),
    ):
        if entries:
            _out(f"{title} ({len(entries)}):")
            for item, why in entries:
                _out(f"  {one_line(item)}" + (f": {one_line(why)}" if why else ""))
    if args.write:
        try:
            with open(file, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(after)
        except OSError as error:
            raise _UsageError(f"cannot write {file}: {error.strerror}") from None
        _out(f"wrote {file}")
    else:
        _out("nothing written; run again with --write to apply")
    return EXIT_OK


def _schema(args: argparse.Namespace, style: Style) -> int:
    kinds = ("checklist", "assessment")
    if args.kind is None:
        raise _UsageError("missing KIND: expected checklist or assessment")
    if args.kind not in kinds:
        from checklist.suggestions import Suggestions

        close = Suggestions(kinds).closest(args.kind)
        hint = f"did you mean {close!r}? " if close else ""
        raise _UsageError(f"unknown kind {args.kind!r}; {hint}expected checklist or assessment")
    from checklist.schema import schema_text

    if args.checklist is None:
        _out(schema_text(args.kind), end="")
        return EXIT_OK
    if args.kind != "assessment":
        raise _UsageError("--checklist goes with 'schema assessment'")
    _out(schema_text("assessment", _find_checklist(args.checklist, args.checklists)), end="")
    return EXIT_OK


def _compat(args: argparse.Namespace, style: Style) -> int:
    from pathlib import Path

    from checklist.catalog import UsageError
    from checklist.compat import compare_folders
    from checklist.reporters import REPORTERS

    paths = args.paths or [p for p in ("checklists",) if os.path.isdir(p)]
    if not paths:
        raise _UsageError("no PATH given and no checklists/ folder here")
    try:
        validation = compare_folders(Path(args.base), paths)
    except UsageError as error:
        raise _UsageError(str(error)) from None
    if not validation.files:
        raise _UsageError(f"no checklists found in: {', '.join(paths)}")
    _out(REPORTERS[args.format](validation, style, quiet=args.quiet))
    return EXIT_OK if validation.ok else EXIT_INVALID


def _new(args: argparse.Namespace, style: Style) -> int:
    from pathlib import Path

    from checklist.scaffold import ScaffoldError, new_chapter, new_checklist

    root = Path.cwd()
    if args.what == "checklist":
        try:
            target = new_checklist(root, args.name, title=args.title)
        except ScaffoldError as error:
            raise _UsageError(str(error)) from None
        shown = target.relative_to(root)
        _out(f"wrote {shown}")
        _out(
            f"next: write your questions in {shown}, check it with 'checklist validate "
            f"{shown}', and answer it with 'checklist init {args.name} -o "
            f"assessments/{args.name}.yaml'"
        )
        return EXIT_OK
    try:
        written = new_chapter(root, args.name, title=args.title)
    except ScaffoldError as error:
        raise _UsageError(str(error)) from None
    for path in written:
        _out(f"{'updated' if path.name == 'mkdocs.yml' else 'wrote'} {path.relative_to(root)}")
    _out(
        f"next: write the chapter in docs/chapters/{args.name}.md and its items in "
        f"checklists/{args.name}.yaml, add a row to docs/checklists/index.md and a line to "
        "CHANGELOG.md; 'make serve' shows the result as you edit"
    )
    return EXIT_OK


_COMMANDS = {
    "validate": _validate,
    "list": _list,
    "init": _init,
    "report": _report,
    "diff": _diff,
    "badge": _badge,
    "upgrade": _upgrade,
    "schema": _schema,
    "compat": _compat,
    "new": _new,
}
