"""mkdocs-macros glue: registers the page macros, each a call to a pure function of
`checklist.site.render`. Listed in ``mkdocs.yml`` under ``macros: modules:``.

Files are read once per build, on the first macro call. A broken checklist
never stops ``mkdocs serve``: its page shows the problems in an admonition, and
the same message is logged as a warning, which fails ``mkdocs build --strict``.
"""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from checklist.catalog import Validation, default_paths, discover, validate_paths
from checklist.engine import evaluate
from checklist.margin import with_turns
from checklist.models import Assessment, Checklist
from checklist.site import render, slots
from checklist.site.compiled import CACHE
from checklist.site.safe_markdown import markdown_renderer

if TYPE_CHECKING:
    from checklist import engine
    from checklist.catalog import FileReport

log = logging.getLogger("mkdocs.plugins.checklist")

CHECKLIST_PAGE = "checklists/{id}.md"
"""Where each checklist's page lives in ``docs/``."""


def checklist_order(nav: list[Any]) -> list[str]:
    """The ids of the checklist pages (``checklists/ID.md``) in a MkDocs ``nav``, in order."""
    found: list[str] = []

    def walk(entry: Any) -> None:
        if isinstance(entry, str):
            folder, _, name = entry.rpartition("/")
            if folder == "checklists" and name.endswith(".md") and name != "index.md":
                found.append(name[: -len(".md")])
        elif isinstance(entry, dict):
            for value in entry.values():
                walk(value)
        elif isinstance(entry, list):
            for value in entry:
                walk(value)

    walk(nav)
    return found


class SiteBuild:
    """What one build of the site knows: its context and its validated files."""

    def __init__(self, project_dir: Path, config: dict[str, Any]) -> None:
        self.project_dir = project_dir
        site_url = config.get("site_url") or "/"
        base = urlparse(site_url).path or "/"
        self.ctx = render.SiteContext(
            base_url=base if base.endswith("/") else base + "/",
            markdown=markdown_renderer(),
            directory_urls=bool(config.get("use_directory_urls", True)),
        )
        extensions = config.get("markdown_extensions") or []
        self.slots = slots.NAME in [e for e in extensions if isinstance(e, str)]
        """Whether large HTML goes into pages as placeholders (see `checklist.site.slots`)."""
        slots.clear()
        self.order = checklist_order(config.get("nav") or [])
        """The checklists' ids in the order the navigation lists their pages."""
        self.results: dict[str, engine.Result] = {}
        """Each assessment's result by file, evaluated once: its report and the portfolio
        show it."""
        config_file = config.get("config_file_path")
        render.keep_compiled(Path(config_file).parent / CACHE if config_file else None)

    def hold(self, html: str) -> str:
        """The HTML, or its placeholder when the site fills placeholders after Markdown."""
        return slots.hold(html) if self.slots else html

    @cached_property
    def validation(self) -> Validation:
        """Every checklist and example, validated once per build."""
        import os

        here = os.getcwd()
        try:
            os.chdir(self.project_dir)
            return validate_paths(discover(default_paths()))
        finally:
            os.chdir(here)

    def checklist(self, checklist_id: str) -> tuple[Checklist | None, FileReport | None]:
        """The checklist with this id and its file's report."""
        for report in self.validation.files:
            if isinstance(report.document, Checklist) and report.document.id == checklist_id:
                return report.document, report
        # A checklist too broken to read has no id: find its file by name instead.
        for report in self.validation.files:
            if report.kind == "checklist" and Path(report.file).stem == checklist_id:
                return None, report
        return None, None

    def broken(self, title: str, report: FileReport | None) -> str:
        """An admonition for the page, and a warning for the build log."""
        problems = report.problems if report else []
        for problem in problems:
            log.warning("%s", problem)
        if not problems:
            log.warning("%s", title)
        return render.render_problems(problems, title=title)

    def checklist_form(self, checklist_id: str) -> str:
        checklist, report = self.checklist(checklist_id)
        if checklist is None or report is None or not report.ok:
            return self.broken(f"Checklist {checklist_id!r} cannot be shown", report)
        page = CHECKLIST_PAGE.format(id=checklist.id)
        return self.hold(render.render_form(checklist, self.ctx, page=page))

    def checklist_page(self, checklist_id: str) -> str:
        """A checklist's whole page: its title, summary and form, all from the YAML."""
        checklist, report = self.checklist(checklist_id)
        if checklist is None or report is None or not report.ok:
            title = f"# Checklist {checklist_id}"
            return f"{title}\n\n" + self.broken(
                f"Checklist {checklist_id!r} cannot be shown", report
            )
        page = CHECKLIST_PAGE.format(id=checklist.id)
        return render.render_page(
            checklist,
            self.ctx,
            page=page,
            hold=self.hold,
            next_checklist=self.next_checklist(checklist.id),
        )

    def next_checklist(self, checklist_id: str) -> render.NextChecklist | None:
        """The checklist after this one in the site's navigation, if it shows."""
        order = self.order
        if checklist_id not in order:
            return None
        for later in order[order.index(checklist_id) + 1 :]:
            checklist, report = self.checklist(later)
            if checklist is not None and report is not None and report.ok:
                page = CHECKLIST_PAGE.format(id=checklist.id)
                return render.NextChecklist(checklist.title, self.ctx.page_url(page))
        return None

    def checklist_progress(self, checklist_id: str) -> str:
        """A checklist's length, and the reader's own progress on it (the checklists index)."""
        checklist, report = self.checklist(checklist_id)
        if checklist is None or report is None or not report.ok:
            return self.broken(f"Checklist {checklist_id!r} cannot be shown", report)
        return render.render_progress(checklist)

    def checklist_items(self, checklist_id: str, section: str) -> str:
        checklist, report = self.checklist(checklist_id)
        if checklist is None or report is None or not report.ok:
            return self.broken(f"Checklist {checklist_id!r} cannot be shown", report)
        if not render.section_items(checklist, section):
            return self.broken(
                f"Checklist {checklist_id!r} has no items for section {section!r}", None
            )
        page = CHECKLIST_PAGE.format(id=checklist.id)
        return self.hold(render.render_items(checklist, section, self.ctx, page=page))

    def validation_results(self) -> str:
        return self.hold(render.render_validation(self.validation, self.ctx))

    def evaluated(self, file: str, checklist: Checklist, assessment: Assessment) -> engine.Result:
        """The result of the assessment in `file`, evaluated once per build."""
        result = self.results.get(file)
        if result is None:
            result = self.results[file] = evaluate(checklist, assessment)
        return result

    def assessment_report(self, path: str) -> str:
        wanted = Path(path)
        for report in self.validation.files:
            if Path(report.file) == wanted:
                if report.ok and isinstance(report.document, Assessment) and report.checklist:
                    result = self.evaluated(report.file, report.checklist, report.document)
                    # A report says how close its verdict is to another.
                    result = with_turns(report.checklist, report.document.answers, result)
                    page = CHECKLIST_PAGE.format(id=report.checklist.id)
                    html = render.render_report(result, report.checklist, self.ctx, page=page)
                    return self.hold(html)
                return self.broken(f"Assessment {path} cannot be reported", report)
        return self.broken(f"No assessment {path} among the validated files", None)

    def portfolio(self, *paths: str) -> str:
        """Where the given assessments stand, worst first (`checklist report --portfolio`)."""
        from checklist.portfolio import rows

        entries = []
        for path in paths:
            report = next((r for r in self.validation.files if Path(r.file) == Path(path)), None)
            if report is None:
                return self.broken(f"No assessment {path} among the validated files", None)
            if not (report.ok and isinstance(report.document, Assessment) and report.checklist):
                return self.broken(f"Assessment {path} cannot be reported", report)
            entries.append((path, self.evaluated(report.file, report.checklist, report.document)))
        return self.hold(render.render_portfolio(rows(entries), self.ctx))

    def cli_reference(self) -> str:
        from checklist.site.cli_reference import cli_reference

        return cli_reference()


def define_env(env: Any) -> None:
    """Register the macros (called by mkdocs-macros at the start of each build)."""
    build = SiteBuild(Path(env.project_dir), env.conf)
    for name in (
        "checklist_form",
        "checklist_page",
        "checklist_items",
        "checklist_progress",
        "validation_results",
        "assessment_report",
        "portfolio",
        "cli_reference",
    ):
        env.macro(getattr(build, name), name)
