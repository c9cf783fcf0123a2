"""Validate many files at once: find them, load each, check each against the others.

Checklists are checked first, then assessments against the checklists found
among the files (or shipped with this package). Every file gets a report;
one bad file never hides the others.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.answers import answers_version, check_answers, version_tuple
from checklist.base import RISK_ORDER
from checklist.chapters import check_chapter_links, docs_dir_for
from checklist.consistency import check_checklist
from checklist.loader import Loaded, load_path
from checklist.models import Assessment, Checklist
from checklist.partial import PartialAssessment, PartialChecklist
from checklist.problems import REFUSED_BY_READER, capped, within
from checklist.reading import names_stdin
from checklist.suggestions import Suggestions

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from checklist.problems import Problem
    from checklist.yamlsource import Source

YAML_SUFFIXES = (".yaml", ".yml")
DEFAULT_PATHS = ("checklists", "examples")


class UsageError(Exception):
    """The command was called wrongly (exit 2), as opposed to a file being invalid."""


@dataclass(frozen=True)
class About:
    """What a file holds, as far as it could be read: the facts its summary line shows."""

    checklist: str
    """The id of the checklist the file is, or answers."""
    version: str
    """That checklist's version (for an assessment: the version it answers)."""
    items: int | None
    """How many items the checklist has; ``None`` for an assessment whose checklist is
    not known."""
    answered: int | None = None
    """For an assessment: how many items are answered (or marked not applicable)."""


@dataclass
class FileReport:
    """One validated file."""

    file: str
    kind: str | None
    problems: list[Problem]
    """The problems in reading order; past `MAX_PROBLEMS_PER_FILE`, the last one counts the
    rest (code ``too-many-problems``)."""
    document: Checklist | Assessment | None = None
    """The document; `validate_paths` does not keep it (see `about`)."""
    checklist: Checklist | None = None
    """For an assessment: the checklist it answers, when found (kept with `document`)."""
    kept_about: About | None = None
    """`about` written down when the documents are not kept."""
    more_errors: int = 0
    """Errors found beyond the ones listed in `problems`."""
    more_warnings: int = 0
    """Warnings found beyond the ones listed in `problems`."""

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not any(p.severity == "error" for p in self.problems)

    @property
    def failed_gate(self) -> bool:
        """True when the file is valid but fails a gate (``--fail-on``, ``--fail-on-verdict``)."""
        return any(p.severity == "gate" for p in self.problems)

    @property
    def errors(self) -> int:
        """How many errors the file has, listed or not."""
        listed = sum(p.severity == "error" and p.code != _MORE for p in self.problems)
        return listed + self.more_errors

    @property
    def warnings(self) -> int:
        """How many warnings the file has, listed or not."""
        listed = sum(p.severity == "warning" and p.code != _MORE for p in self.problems)
        return listed + self.more_warnings

    @property
    def about(self) -> About | None:
        """The checklist the file is or answers, its version, items and answers; ``None``
        when the document could not be read."""
        if self.kept_about is not None:
            return self.kept_about
        document = self.document
        if isinstance(document, Checklist):
            count = sum(len(s.items) for s in document.sections)
            return About(document.id, document.version, count)
        if isinstance(document, Assessment):
            ref = document.checklist
            answered = sum(
                1 for a in document.answers.values() if a.answer is not None or a.not_applicable
            )
            known = self.checklist
            total = None if known is None else sum(len(s.items) for s in known.sections)
            return About(ref.id, ref.version, total, answered)
        return None

    @property
    def summary(self) -> str:
        """What the file is: ``checklist ID VERSION, N items`` or
        ``assessment of ID VERSION, N of M items answered``."""
        about = self.about
        if about is None:
            return self.kind or "unknown kind"
        if about.answered is None:
            return (
                f"checklist {about.checklist} {about.version}, {_count(about.items or 0, 'item')}"
            )
        head = f"assessment of {about.checklist} {about.version}"
        if about.items is None:
            return f"{head}, {_count(about.answered, 'answer')}"
        return f"{head}, {about.answered} of {_count(about.items, 'item')} answered"

    def finish(self, *, keep_documents: bool) -> None:
        """Put the problems in reading order, cap them, and drop the documents unless kept."""
        self.problems, self.more_errors, self.more_warnings = capped(self.problems)
        if not keep_documents:
            self.kept_about = self.about
            self.document = self.checklist = None


_MORE = "too-many-problems"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class Gates:
    """What, beyond being valid, makes an assessment fail a run (for CI)."""

    risk: str | None = None
    """The lowest risk that fails: ``high``, ``medium`` or ``low``; items and sections alike."""
    unanswered: bool = False
    """Fail while an asked item is unanswered."""
    verdict: str | None = None
    """``negative``: fail on a negative verdict; ``caution``: on a caution or negative one.
    A pending verdict fails either gate; a checklist without verdicts passes it."""

    @classmethod
    def of(cls, fail_on: str | Sequence[str] | None, fail_on_verdict: str | None = None) -> Gates:
        """Gates from ``--fail-on`` values (levels and ``unanswered``) and ``--fail-on-verdict``."""
        values = [fail_on] if isinstance(fail_on, str) else list(fail_on or [])
        levels = [v for v in values if v in RISK_ORDER]
        risk = min(levels, key=RISK_ORDER.__getitem__) if levels else None
        return cls(risk=risk, unanswered="unanswered" in values, verdict=fail_on_verdict)

    def __bool__(self) -> bool:
        return self.risk is not None or self.unanswered or self.verdict is not None


@dataclass
class Validation:
    """The outcome of validating a set of files."""

    files: list[FileReport] = field(default_factory=list)
    strict: bool = False
    """Warnings fail the run too (``--strict``); the files that have them stay valid."""

    def passed(self, report: FileReport) -> bool:
        """Whether one file passes: valid, no gate failed and, when strict, no warning."""
        return report.ok and not report.failed_gate and not (self.strict and report.warnings)

    @property
    def failing(self) -> list[FileReport]:
        """The files that fail the run, in the order they were checked."""
        return [report for report in self.files if not self.passed(report)]

    @property
    def ok(self) -> bool:
        """True when every file passes (see `passed`)."""
        return all(self.passed(report) for report in self.files)

    @property
    def problems(self) -> list[Problem]:
        """Every problem listed for every file, in reading order."""
        return sorted(p for report in self.files for p in report.problems)

    @property
    def errors(self) -> int:
        """How many errors all files have, listed or not."""
        return sum(report.errors for report in self.files)

    @property
    def warnings(self) -> int:
        """How many warnings all files have, listed or not."""
        return sum(report.warnings for report in self.files)


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


KEPT_CHECKLISTS = 32
"""How many checklists `validate_paths` keeps in memory; others are read again when needed."""


def validate_paths(
    paths: Sequence[str],
    *,
    fail_on: str | Sequence[str] | None = None,
    fail_on_verdict: str | None = None,
    extra_checklists: Iterable[Checklist] = (),
    checklist_folders: Sequence[Path] = (),
    keep_documents: bool = True,
    exclude: Callable[[str], bool] | None = None,
    strict: bool = False,
) -> Validation:
    """Validate files and folders; see `validate_loaded`.

    Files are loaded one at a time. With ``keep_documents=False`` no document is
    kept: a report keeps its problems and its `FileReport.summary`, an assessment
    that waits for its checklist keeps only its file name (it is read again once
    the checklist is known), and the last `KEPT_CHECKLISTS` checklists are kept
    for the assessments that answer them (older ones are read again). Memory then
    stays flat however many files there are; ``checklist validate`` works so.
    Standard input cannot be read twice: with ``-`` among the paths every document
    is kept. ``strict``: warnings fail the run too (`Validation.strict`). ``exclude`` says
    which files found in folders to leave out (the settings' ``exclude`` patterns).
    """
    return validate_loaded(
        (
            load_path(file)
            for file in discover(paths)
            # A file named on its own is checked, as in ruff; exclude is for folders.
            if exclude is None or file in paths or not exclude(file)
        ),
        fail_on=fail_on,
        fail_on_verdict=fail_on_verdict,
        extra_checklists=extra_checklists,
        checklist_folders=checklist_folders,
        reload=None if keep_documents or any(map(names_stdin, paths)) else load_path,
        strict=strict,
    )


def validate_loaded(
    loaded: Iterable[Loaded],
    *,
    fail_on: str | Sequence[str] | None = None,
    fail_on_verdict: str | None = None,
    extra_checklists: Iterable[Checklist] = (),
    checklist_folders: Sequence[Path] = (),
    reload: Callable[[str], Loaded] | None = None,
    strict: bool = False,
) -> Validation:
    """Check loaded files against each other.

    ``fail_on`` (``high``, ``medium`` or ``low``, and ``unanswered``, one or a
    list) and ``fail_on_verdict`` (``negative`` or ``caution``) are CI gates (see
    `Gates`): every item or section at that risk or above, every asked item left
    unanswered, and a verdict of that tone or a pending one becomes a problem of
    severity ``gate``, which fails the run without making the file invalid. Checklists
    not among the files are looked up in ``extra_checklists``, then in
    ``checklist_folders`` (by file name first), then among the checklists
    shipped with the package. An assessment is checked as soon as its
    checklist is known; one that comes before its checklist waits.

    Without ``reload`` every report keeps its documents, and a waiting
    assessment keeps its text (`checklist.yamlsource.Source.release`). With
    ``reload`` (a function that loads a file again by name) no document is kept:
    see `validate_paths`. ``strict`` makes warnings fail the run (`Validation.strict`).
    """
    gates = Gates.of(fail_on, fail_on_verdict)
    result = Validation(strict=strict)
    known = _Known(reload)
    first_file: dict[str, tuple[str, int]] = {}
    docs_dirs: dict[Path, Path | None] = {}
    waiting: dict[str, list[_Waiting]] = {}
    for entry in loaded:
        report = FileReport(entry.file, entry.kind, list(entry.problems), entry.document)
        result.files.append(report)
        document, source = entry.document, entry.source
        answers = entry.partial if document is None else document
        if isinstance(answers, (Assessment, PartialAssessment)) and source is not None:
            checklist = known.get(answers.checklist.id)
            if checklist is not None:
                _check_assessment(answers, source, report, checklist, gates)
                report.finish(keep_documents=reload is None)
            elif reload is None:
                # Its checklist may come later among the files: wait with the text only.
                source.release()
                waiting.setdefault(answers.checklist.id, []).append((report, answers, source))
            else:
                report.document = None
                waiting.setdefault(answers.checklist.id, []).append((report, None, None))
            continue
        if isinstance(entry.partial, PartialChecklist) and source is not None:
            # Its shape is wrong, but its consistency is still checked: all problems at once.
            partial = entry.partial
            report.problems.extend(check_checklist(partial.checklist, source, partial.broken))
        if not isinstance(document, Checklist) or source is None:
            report.finish(keep_documents=reload is None)
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
            known.add(document, entry.file)
            for pending in waiting.pop(document.id, []):
                _check_waiting(pending, document, gates, reload)
        report.finish(keep_documents=reload is None)
    for extra in extra_checklists:
        known.fix(extra)
    bundled = bundled_checklists_dir()
    folders = [*checklist_folders, *([bundled] if bundled is not None else [])]
    suggestions: Suggestions | None = None
    for wanted_id, pendings in waiting.items():
        checklist = known.get(wanted_id)
        for folder in folders:
            if checklist is not None:
                break
            checklist = find_checklist(folder, wanted_id)
            if checklist is not None:
                known.fix(checklist)
        for pending in pendings:
            if checklist is not None:
                _check_waiting(pending, checklist, gates, reload)
                continue
            report, _, source = pending
            if source is None and reload is not None:
                again = reload(report.file)
                source = again.source
                if source is None or _answers_of(again) is None:
                    report.problems = list(again.problems)
                    report.finish(keep_documents=False)
                    continue
            assert source is not None
            if suggestions is None or len(suggestions.names) != len(known.ids()):
                suggestions = Suggestions(known.ids(), budget=len(result.files))
            close = suggestions.closest(wanted_id)
            hint = f"did you mean {close!r}? " if close else ""
            report.problems.append(
                source.problem(
                    ("checklist", "id"),
                    f"unknown checklist {wanted_id!r}; {hint}'checklist list' shows the known "
                    "checklists, and --checklists DIR adds a folder of your own",
                    code="unknown-checklist",
                )
            )
            report.finish(keep_documents=reload is None)
    return result


_Waiting = tuple[FileReport, "Assessment | PartialAssessment | None", "Source | None"]
"""An assessment waiting for its checklist: its report, and its document (or what of it can
be checked) and text unless they are to be read again."""


def _answers_of(loaded: Loaded) -> Assessment | PartialAssessment | None:
    """What of a loaded assessment can be checked against its checklist."""
    if isinstance(loaded.document, Assessment):
        return loaded.document
    return loaded.partial if isinstance(loaded.partial, PartialAssessment) else None


class _Known:
    """The checklists known so far, by id: those among the files (the first of an id),
    then those given or found in folders."""

    def __init__(self, reload: Callable[[str], Loaded] | None) -> None:
        self.reload = reload
        self.files: dict[str, str] = {}
        self.kept: OrderedDict[str, Checklist] = OrderedDict()
        self.fixed: dict[str, Checklist] = {}

    def ids(self) -> list[str]:
        return list(dict.fromkeys([*self.files, *self.fixed]))

    def add(self, checklist: Checklist, file: str) -> None:
        self.files[checklist.id] = file
        self._keep(checklist)

    def fix(self, checklist: Checklist) -> None:
        """A checklist from outside the files: kept, unless the files have one of its id."""
        if checklist.id not in self.files:
            self.fixed.setdefault(checklist.id, checklist)

    def get(self, checklist_id: str) -> Checklist | None:
        if checklist_id in self.kept:
            self.kept.move_to_end(checklist_id)
            return self.kept[checklist_id]
        file = self.files.get(checklist_id)
        if file is None or self.reload is None:
            return self.fixed.get(checklist_id)
        document = self.reload(file).document
        if not isinstance(document, Checklist) or document.id != checklist_id:
            return None  # the file changed while it was being checked
        self._keep(document)
        return document

    def _keep(self, checklist: Checklist) -> None:
        self.kept[checklist.id] = checklist
        if self.reload is not None and len(self.kept) > KEPT_CHECKLISTS:
            self.kept.popitem(last=False)


def _check_waiting(
    pending: _Waiting,
    checklist: Checklist,
    gates: Gates,
    reload: Callable[[str], Loaded] | None,
) -> None:
    report, document, source = pending
    if document is None and reload is not None:
        again = reload(report.file)
        if _answers_of(again) is not None and again.source is not None:
            document, source = _answers_of(again), again.source
        else:  # the file changed while it was being checked: report what it is now
            report.kind, report.problems = again.kind, list(again.problems)
    if document is not None and source is not None:
        if isinstance(document, Assessment):
            report.document = document
        _check_assessment(document, source, report, checklist, gates)
    report.finish(keep_documents=reload is None)


def _check_assessment(
    document: Assessment | PartialAssessment,
    source: Source,
    report: FileReport,
    checklist: Checklist,
    gates: Gates,
) -> None:
    wanted = document.checklist
    if not answers_version(wanted.version, checklist.version):
        known = checklist.version
        from checklist.upgrade import upgrades_from

        old_major, new_major = version_tuple(wanted.version)[0], version_tuple(known)[0]
        if old_major < new_major and upgrades_from(checklist) == old_major:
            why = (
                f"answers to version {wanted.version} do not fit checklist {wanted.id!r} "
                f"{known}, a new major version; run 'checklist upgrade {report.file}' to "
                "carry them over and see what to answer again"
            )
        elif version_tuple(wanted.version) > version_tuple(known):
            # Compared as numbers: 10.0.0 is newer than 9.1.0, which text comparison denies.
            why = (
                f"checklist {wanted.id!r} {wanted.version} is newer than the known version "
                f"{known}; upgrade the checklist package, or answer version {known}"
            )
        else:
            why = (
                f"answers to version {wanted.version} do not fit checklist {wanted.id!r} "
                f"{known}: a new major version removes or changes items"
            )
        report.problems.append(
            source.problem(("checklist", "version"), why, code="unknown-version")
        )
        return
    report.checklist = checklist
    # A value the YAML reader refused (kept as its text) is not judged as an answer too.
    refused = [p.path for p in report.problems if p.code in REFUSED_BY_READER]
    report.problems.extend(
        p
        for p in check_answers(document, checklist, source)
        if not any(within(p.path, r) for r in refused)
    )
    if gates and report.ok and isinstance(document, Assessment):
        report.problems.extend(_gate(document, checklist, source, gates))


def _gate(
    assessment: Assessment, checklist: Checklist, source: Source, gates: Gates
) -> list[Problem]:
    """The gates an assessment fails, each a problem of severity ``gate``."""
    from checklist.engine import evaluate

    result = evaluate(checklist, assessment)
    problems: list[Problem] = []

    def fail(message: str, code: str, *, item: str | None = None, at: str = "answers") -> None:
        """A gate problem at the item's answer when there is one, else at ``at``."""
        answered = item is not None and item in assessment.answers
        loc: tuple[str | int, ...] = ("answers", item) if answered and item else (at,)
        problems.append(source.problem(loc, message, code=code, at_key=answered, severity="gate"))

    if gates.risk is not None:
        floor = RISK_ORDER[gates.risk]
        for item in result.items:
            if RISK_ORDER.get(item.risk, -1) >= floor:
                fail(
                    f"item {item.id!r} is at {item.risk} risk (--fail-on {gates.risk}): "
                    f"{item.question}",
                    "risk",
                    item=item.id,
                )
        for section in result.sections:
            if RISK_ORDER.get(section.risk, -1) >= floor:
                fail(
                    f"section {section.id!r} is at {section.risk} risk "
                    f"(--fail-on {gates.risk}): {section.title}",
                    "risk",
                )
    if gates.unanswered:
        for item in result.items:
            if item.status == "unanswered":
                fail(
                    f"item {item.id!r} is unanswered (--fail-on unanswered): {item.question}",
                    "unanswered",
                    item=item.id,
                )
    if gates.verdict is not None and result.verdict is not None:
        verdict = result.verdict
        failing = ("negative",) if gates.verdict == "negative" else ("negative", "caution")
        if verdict.state == "pending" or verdict.tone in failing:
            shown = "pending" if verdict.state == "pending" else f"{verdict.label} ({verdict.tone})"
            fail(
                f"the verdict is {shown} (--fail-on-verdict {gates.verdict}): {verdict.because}",
                "verdict",
                at="checklist",
            )
    return problems
