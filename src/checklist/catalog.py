"""Validate many files at once: find them, load each, check each against the others.

Checklists are checked first, then assessments against the checklists found
among the files (or shipped with this package). Every file gets a report;
one bad file never hides the others.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.answers import answers_version, check_answers
from checklist.base import RISK_ORDER
from checklist.chapters import check_chapter_links, docs_dir_for
from checklist.consistency import check_checklist
from checklist.loader import Loaded, load_path
from checklist.models import Assessment, Checklist

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from checklist.problems import Problem
    from checklist.yamlsource import Source

YAML_SUFFIXES = (".yaml", ".yml")
DEFAULT_PATHS = ("checklists", "examples")


class UsageError(Exception):
    """The command was called wrongly (exit 2), as opposed to a file being invalid."""


@dataclass
class FileReport:
    """One validated file."""

    file: str
    kind: str | None
    problems: list[Problem]
    document: Checklist | Assessment | None = None
    checklist: Checklist | None = None
    """For an assessment: the checklist it answers, when found."""

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not any(p.severity == "error" for p in self.problems)


@dataclass
class Validation:
    """The outcome of validating a set of files."""

    files: list[FileReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every file is valid."""
        return all(report.ok for report in self.files)

    @property
    def problems(self) -> list[Problem]:
        """Every problem of every file, in reading order."""
        return sorted(p for report in self.files for p in report.problems)


def bundled_checklists_dir() -> Path | None:
    """The checklists shipped with this package (or, in a source checkout, the repository's)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "checklists", here.parent.parent / "checklists"):
        if candidate.is_dir():
            return candidate
    return None


def discover(paths: Sequence[str]) -> list[str]:
    """The YAML files named by ``paths``: files as given, folders searched recursively.

    ``-`` (standard input) is kept as it is. A folder that cannot be listed is
    kept among the files, so that loading it reports why
    (`checklist.loader.load_path`): a folder skipped in silence would let its
    files pass unchecked. Raises `UsageError` for a path that does not exist.
    """
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found: list[str] = []

            def unreadable(error: OSError, found: list[str] = found, top: str = path) -> None:
                found.append(error.filename or top)

            for folder, dirs, names in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(folder, n) for n in names if n.endswith(YAML_SUFFIXES))
            files.extend(sorted(found))
        elif path == "-" or os.path.exists(path):
            files.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    unique: dict[str, str] = {}
    for file in files:
        unique.setdefault(file if file == "-" else os.path.realpath(file), file)
    return list(unique.values())


def default_paths() -> list[str]:
    """``checklists/`` and ``examples/`` in the current folder, those that exist."""
    return [path for path in DEFAULT_PATHS if os.path.isdir(path)]


def load_checklists(folder: Path, *, rejected: list[str] | None = None) -> dict[str, Checklist]:
    """Every valid checklist in a folder, by id.

    A checklist with problems is left out, so that no assessment is scored
    against it; its file is appended to ``rejected`` when a list is given.
    Other kinds of files in the folder are ignored.
    """
    return load_checklists_from(discover([str(folder)]), rejected=rejected)


def load_checklists_from(
    files: Sequence[str], *, rejected: list[str] | None = None
) -> dict[str, Checklist]:
    """Every valid checklist among ``files``, by id (see `load_checklists`)."""
    found: dict[str, Checklist] = {}
    for file in files:
        loaded = load_path(file)
        if loaded.kind != "checklist":
            continue
        document = loaded.document
        consistent = (
            isinstance(document, Checklist)
            and loaded.source is not None
            and loaded.ok
            and not any(p.severity == "error" for p in check_checklist(document, loaded.source))
        )
        if consistent and isinstance(document, Checklist):
            found.setdefault(document.id, document)
            continue
        if rejected is not None:
            rejected.append(file)
    return found


def find_checklist(folder: Path, checklist_id: str) -> Checklist | None:
    """The valid checklist with this id in a folder.

    Files are named after their checklist's id, so ``<id>.yaml`` is read first
    (a pre-commit hook validating one assessment reads one checklist, not all of
    them); the whole folder is searched only when that file does not hold it.
    """
    for name in (f"{checklist_id}.yaml", f"{checklist_id}.yml"):
        path = folder / name
        if path.is_file():
            found = load_checklists_from([str(path)])
            if checklist_id in found:
                return found[checklist_id]
    return load_checklists(folder).get(checklist_id)


def validate_paths(
    paths: Sequence[str],
    *,
    fail_on: str | None = None,
    extra_checklists: Iterable[Checklist] = (),
    checklist_folders: Sequence[Path] = (),
) -> Validation:
    """Validate files and folders; see `validate_loaded`.

    Files are loaded one at a time, so a checklist's parsed YAML is released as
    soon as it is checked: memory stays flat however many files there are.
    """
    return validate_loaded(
        (load_path(file) for file in discover(paths)),
        fail_on=fail_on,
        extra_checklists=extra_checklists,
        checklist_folders=checklist_folders,
    )


def validate_loaded(
    loaded: Iterable[Loaded],
    *,
    fail_on: str | None = None,
    extra_checklists: Iterable[Checklist] = (),
    checklist_folders: Sequence[Path] = (),
) -> Validation:
    """Check loaded files against each other.

    ``fail_on`` (``high``, ``medium`` or ``low``) turns every item of an
    assessment at that risk or above into an error, for CI gates. Checklists
    not among the files are looked up in ``extra_checklists``, then in
    ``checklist_folders`` (by file name first), then among the checklists
    shipped with the package.

    An assessment's `Loaded.source` is released (`checklist.yamlsource.Source.release`)
    while it waits for the checklists: afterwards its plain data is gone, and its
    positions are composed again from the text when asked for.
    """
    result = Validation()
    checklists: dict[str, Checklist] = {}
    first_file: dict[str, tuple[str, int]] = {}
    docs_dirs: dict[Path, Path | None] = {}
    # Assessments are checked once every checklist among the files is known.
    pending: list[tuple[Assessment, Source, FileReport]] = []
    for entry in loaded:
        report = FileReport(entry.file, entry.kind, list(entry.problems), entry.document)
        result.files.append(report)
        document, source = entry.document, entry.source
        if isinstance(document, Assessment) and source is not None:
            # Its checklist may come later among the files: wait with the text only.
            source.release()
            pending.append((document, source, report))
            continue
        if not isinstance(document, Checklist) or source is None:
            continue
        report.problems.extend(check_checklist(document, source))
        home = Path(entry.file).resolve().parent
        if home not in docs_dirs:  # the files of one folder belong to one site
            docs_dirs[home] = docs_dir_for(Path(entry.file))
        docs = docs_dirs[home]
        if docs is not None:
            report.problems.extend(check_chapter_links(document, source, docs))
        if document.id in first_file:
            other, line = first_file[document.id]
            report.problems.append(
                source.problem(
                    ("id",),
                    f"duplicate checklist id {document.id!r}: {other} (line {line}) already uses it",
                    code="duplicate-checklist",
                )
            )
        else:
            first_file[document.id] = (entry.file, source.locate(("id",)).line)
            checklists[document.id] = document
    for extra in extra_checklists:
        checklists.setdefault(extra.id, extra)
    bundled = bundled_checklists_dir()
    folders = [*checklist_folders, *([bundled] if bundled is not None else [])]
    for document, source, report in pending:
        wanted = document.checklist
        for folder in folders:
            if wanted.id in checklists:
                break
            found = find_checklist(folder, wanted.id)
            if found is not None:
                checklists[wanted.id] = found
        checklist = checklists.get(wanted.id)
        if checklist is None:
            close = difflib.get_close_matches(wanted.id, list(checklists), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            report.problems.append(
                source.problem(
                    ("checklist", "id"),
                    f"unknown checklist {wanted.id!r}; {hint}'checklist list' shows the known "
                    "checklists, and --checklists DIR adds a folder of your own",
                    code="unknown-checklist",
                )
            )
            continue
        if not answers_version(wanted.version, checklist.version):
            known = checklist.version
            if wanted.version.split(".")[0] != known.split(".")[0]:
                why = (
                    f"answers to version {wanted.version} do not fit checklist {wanted.id!r} "
                    f"{known}: a new major version removes or changes items"
                )
            else:
                why = (
                    f"checklist {wanted.id!r} {wanted.version} is newer than the known version "
                    f"{known}; update the checklist package, or answer version {known}"
                )
            report.problems.append(
                source.problem(("checklist", "version"), why, code="unknown-version")
            )
            continue
        report.checklist = checklist
        report.problems.extend(check_answers(document, checklist, source))
        if fail_on is not None and report.ok:
            report.problems.extend(_gate(document, checklist, source, fail_on))
    for report in result.files:
        report.problems.sort()
    return result


def _gate(
    assessment: Assessment, checklist: Checklist, source: object, fail_on: str
) -> list[Problem]:
    from checklist.engine import evaluate

    floor = RISK_ORDER[fail_on]
    problems = []
    for item in evaluate(checklist, assessment).items:
        if RISK_ORDER.get(item.risk, -1) >= floor:
            loc: tuple[str | int, ...] = (
                ("answers", item.id) if item.id in assessment.answers else ("answers",)
            )
            problems.append(
                source.problem(  # type: ignore[attr-defined]
                    loc,
                    f"item {item.id!r} is at {item.risk} risk (--fail-on {fail_on}): {item.question}",
                    code="risk",
                    at_key=item.id in assessment.answers,
                )
            )
    return problems
