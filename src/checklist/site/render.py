"""Pure rendering of checklists, validation results and reports into HTML.

Every function takes documents and a `SiteContext` and returns a string;
nothing here knows about MkDocs, so it is tested on its own. Templates are
autoescaped: every string from YAML is escaped, and Markdown fields go through
`checklist.site.safe_markdown.markdown_renderer`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from checklist.mdtext import escape_inline
from checklist.skeleton import allowed_answers

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from jinja2 import Environment

    from checklist.catalog import Validation
    from checklist.engine import Result
    from checklist.models import Checklist, Item
    from checklist.portfolio import Row
    from checklist.problems import Problem

SEVERITY_LABELS = {"blocker": "Deal-breaker", "high": "High", "medium": "Medium", "low": "Low"}
RISK_LABELS = {
    "high": "High risk",
    "medium": "Medium risk",
    "low": "Low risk",
    "none": "No risk",
    "unanswered": "Unanswered",
    "not_applicable": "Not applicable",
    "skipped": "Not asked",
}


@dataclass(frozen=True)
class SiteContext:
    """What rendering needs to know about the site."""

    base_url: str = "/"
    """The path the site is served under, ending with ``/`` (from ``site_url``)."""
    markdown: Callable[[str], str] = str
    """Turns a Markdown field into safe HTML."""
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``."""

    def page_url(self, link: str) -> str:
        """The URL of a docs link such as ``chapters/x.md#anchor``."""
        page, _, anchor = link.partition("#")
        path = page[: -len(".md")] if page.endswith(".md") else page
        if path == "index" or path.endswith("/index"):
            path = path[: -len("index")]
        elif self.directory_urls:
            path += "/"
        else:
            path += ".html"
        return self.base_url + path + (f"#{anchor}" if anchor else "")

    def md(self, text: str | None) -> Markup:
        """A Markdown field as safe HTML (empty for ``None``)."""
        return Markup(self.markdown(text)) if text else Markup("")


@cache
def _templates() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("checklist.site", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(SEVERITY_LABELS=SEVERITY_LABELS, RISK_LABELS=RISK_LABELS)
    env.filters["number"] = _number
    env.filters["exact"] = _exact
    env.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]
    return env


def keep_compiled(folder: Path | None) -> None:
    """Keep the templates, once compiled, in `folder` and compile them from there on only
    when they or their compiler change (`checklist.site.compiled`); ``None``: compile them
    once per process."""
    env = _templates()
    if folder is None:
        env.bytecode_cache = None
        return
    import sys

    import jinja2

    from checklist.site.compiled import KeptTemplates

    try:
        # How the environment is set up (above) changes the compiled code: this module's
        # digest names it, with Jinja's and Python's versions.
        setup = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    except OSError:
        env.bytecode_cache = None
        return
    compiler = f"jinja2 {jinja2.__version__}, Python {sys.version_info[:2]}, render {setup}"
    env.bytecode_cache = KeptTemplates(folder, compiler)


def _exact(value: float) -> str:
    """A number exactly as Python and JavaScript read it back: ``1`` not ``1.0``, ``0.333``."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _number(value: float | None) -> str:
    from checklist.report import number

    return number(value)


def _render(name: str, **values: Any) -> str:
    # One line of HTML: Markdown treats blank lines inside a raw HTML block as its end.
    html = _templates().get_template(name).render(**values)
    return "\n".join(line for line in html.splitlines() if line.strip())


def form_data(checklist: Checklist, ctx: SiteContext) -> dict[str, Any]:
    """What the browser evaluator needs: the checklist's rules, without long texts."""
    data = checklist.model_dump(
        mode="json",
        by_alias=True,
        exclude_none=True,
        exclude={
            "summary": True,
            "attribution": True,
            "sections": {
                "__all__": {"description": True, "items": {"__all__": {"guidance", "why"}}}
            },
        },
    )
    for section in data["sections"]:
        for item in section["items"]:
            if "chapter" in item:
                item["chapter"] = ctx.page_url(item["chapter"])
    return data


def item_anchor(checklist: Checklist, item: Item) -> str:
    """The HTML id of an item on its checklist's page: ``CHECKLIST--ITEM``.

    Its controls add ``--PART`` (``--yes``, ``--note``, ``--2``). Ids are unique
    by construction: checklist and item ids are slugs, which never hold ``--``,
    so the first ``--`` ends the checklist id, and an item id never starts with
    ``-``, unlike the ``---`` of `part_anchor`. Headings' ids, which MkDocs makes
    with single hyphens, never hold ``--`` either.
    """
    return f"{checklist.id}--{item.id}"


def part_anchor(checklist: Checklist, part: str) -> str:
    """The HTML id of a checklist-wide element: ``CHECKLIST---PART``.

    ``part`` is ``form``, ``project``, ``assessors``, ``result-title`` or
    ``section-SECTION``: three hyphens, so that no item's id (two) can take it.
    """
    return f"{checklist.id}---{part}"


def answer_choices(item: Item) -> list[tuple[str, str]] | None:
    """An item's answers as its buttons say them, with what an assessment file writes:
    ``[("Yes", "yes"), ("No", "no")]``; ``None`` for a number or a text."""
    from checklist.models import Choice, Multi, Scale, YesNo

    kind = item.answer
    if isinstance(kind, YesNo):
        return [("Yes", "yes"), ("No", "no")]
    if isinstance(kind, (Choice, Multi)):
        return [(o.label, o.value) for o in kind.options]
    if isinstance(kind, Scale):
        return [(level.label, f"{level.value:g}") for level in kind.levels]
    return None


SECONDS_PER_QUESTION = 45
"""The time one question takes a team that knows its project: reading it, and its guidance
now and then, and choosing. Notes and evidence take longer."""


@dataclass(frozen=True)
class Length:
    """How long a checklist is, for a reader deciding when to start it."""

    questions: int
    follow_ups: int
    """Questions asked only when an earlier answer calls for them (``when``)."""
    minutes: int

    def words(self) -> str:
        """``31 questions (4 only in some cases), about 25 minutes``."""
        text = f"{self.questions} question{'' if self.questions == 1 else 's'}"
        if self.follow_ups:
            text += f" ({self.follow_ups} only in some cases)"
        return f"{text}, about {self.minutes} minutes"


def length(checklist: Checklist) -> Length:
    """The checklist's questions and the minutes they take, to the nearest 5 (at least 5),
    counting the follow-ups as asked."""
    items = [item for section in checklist.sections for item in section.items]
    follow_ups = sum(1 for item in items if item.when is not None)
    minutes = max(5, 5 * round(len(items) * SECONDS_PER_QUESTION / 300))
    return Length(len(items), follow_ups, minutes)


@dataclass(frozen=True)
class NextChecklist:
    """The checklist a reader goes on to, in the site's navigation."""

    title: str
    url: str


def render_form(
    checklist: Checklist,
    ctx: SiteContext,
    *,
    page: str,
    next_checklist: NextChecklist | None = None,
) -> str:
    """The live form of a checklist: every question readable without JavaScript,
    and the data the form script needs in ``data-*`` attributes."""
    payload = json.dumps(form_data(checklist, ctx), separators=(",", ":"), ensure_ascii=False)
    return _render(
        "form.html",
        checklist=checklist,
        ctx=ctx,
        payload=payload,
        page_url=ctx.page_url(page),
        next_checklist=next_checklist,
        allowed=allowed_answers,
        choices=answer_choices,
        anchor=item_anchor,
        part=part_anchor,
    )


def render_progress(checklist: Checklist) -> str:
    """A cell of the checklists index: the checklist's length, and where the form script
    writes the reader's own progress, from this browser's storage."""
    major = checklist.version.split(".")[0]
    return _render("progress.html", checklist=checklist, length=length(checklist), major=major)


def render_page(
    checklist: Checklist,
    ctx: SiteContext,
    *,
    page: str,
    hold: Callable[[str], str] | None = None,
    next_checklist: NextChecklist | None = None,
) -> str:
    """A checklist page as Markdown: title and summary from the YAML, then the form.

    ``hold`` may replace the HTML after the title by a placeholder
    (`checklist.site.slots`); the title stays Markdown, the page's heading.
    """
    heading = "# " + escape_inline(checklist.title)
    intro = _render("intro.html", checklist=checklist, ctx=ctx, length=length(checklist))
    form = render_form(checklist, ctx, page=page, next_checklist=next_checklist)
    body = f"{intro}\n\n{form}"
    return f"{heading}\n\n{hold(body) if hold else body}\n"


def section_items(checklist: Checklist, section: str) -> list[Item]:
    """The items of a checklist section (by id), or the items linked to a chapter anchor."""
    for candidate in checklist.sections:
        if candidate.id == section:
            return list(candidate.items)
    return [
        item
        for candidate in checklist.sections
        for item in candidate.items
        if item.chapter and item.chapter.partition("#")[2] == section
    ]


def render_items(checklist: Checklist, section: str, ctx: SiteContext, *, page: str) -> str:
    """The items of one chapter section, linking to where they are answered."""
    items = section_items(checklist, section)
    if not items:
        return render_problems(
            [], title=f"No items of checklist {checklist.id!r} for section {section!r}"
        )
    return _render(
        "items.html",
        checklist=checklist,
        items=items,
        ctx=ctx,
        page_url=ctx.page_url(page),
        anchor=item_anchor,
        allowed=allowed_answers,
    )


def render_validation(validation: Validation, ctx: SiteContext) -> str:
    """Every file with its status and counts; each problem with file, line and message."""
    return _render("validation.html", validation=validation, ctx=ctx)


def answer_label(item: Item, value: object) -> str:
    """An answer as the form shows it: an option's label, a level with its label, Yes or No."""
    from checklist.models import Choice, Multi, Scale, YesNo
    from checklist.report import number
    from checklist.rules import same_value

    kind = item.answer
    if isinstance(kind, Multi) and isinstance(value, list):
        labels = {o.value: o.label for o in kind.options}
        return "; ".join(labels.get(str(v), str(v)) for v in value)
    if isinstance(kind, YesNo):
        return "Yes" if value in ("yes", True) else "No"
    if isinstance(kind, Choice):
        return next((o.label for o in kind.options if o.value == value), str(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(kind, Scale):
            label = next((lv.label for lv in kind.levels if same_value(lv.value, value)), None)
            return f"{number(value)} ({label})" if label else number(value)
        return number(value)
    return str(value)


def render_report(result: Result, checklist: Checklist, ctx: SiteContext, *, page: str) -> str:
    """An assessment's scores, risks, verdict and improvement plan."""
    from checklist.charts import headline, picture, svg
    from checklist.margin import WAITING, other_verdicts, summary

    questions = {item.id: item for section in checklist.sections for item in section.items}
    pic = picture(result)
    # Everything from the files is escaped by `svg` itself.
    chart = Markup(svg(pic, title=f"{result.title}: the result at a glance"))
    return _render(
        "report.html",
        result=result,
        chart=chart,
        weakest=headline(pic),
        others=other_verdicts(result),
        waiting=WAITING,
        summary=summary,
        checklist=checklist,
        questions=questions,
        ctx=ctx,
        page_url=ctx.page_url(page),
        anchor=item_anchor,
        answer_label=answer_label,
    )


def render_portfolio(table: Sequence[Row], ctx: SiteContext) -> str:
    """Where several assessments stand, worst first: a row each, the checklist linked."""
    from markupsafe import escape

    from checklist.portfolio import HEADERS

    head = "".join(f"<th>{escape(h)}</th>" for h in HEADERS)
    body = []
    for row in table:
        page = ctx.page_url(f"checklists/{row.checklist}.md")
        score = f"{row.score_label} {_number(row.score)}" if row.score_label else "—"
        tone = {"positive": "none", "caution": "medium", "negative": "high"}.get(row.tone, "low")
        body.append(
            f"<tr><td>{escape(row.project or '—')}</td>"
            f'<td><a href="{escape(page)}">{escape(row.title)}</a> {escape(row.version)}</td>'
            f"<td>{row.answered}/{row.asked}</td><td>{escape(score)}</td>"
            f'<td><span class="ckl-badge ckl-risk ckl-risk--{tone}">{escape(row.verdict)}'
            f"</span></td><td>{row.high_risks}</td>"
            f"<td>{escape(row.date.isoformat() if row.date else '—')}</td></tr>"
        )
    # In Material's scrolling wrapper, as its Markdown tables are: on a phone the table
    # scrolls sideways instead of cutting off its last columns.
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        '<table class="ckl-portfolio"><thead><tr>'
        + head
        + "</tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table></div></div>"
    )


def render_problems(problems: Sequence[Problem], *, title: str) -> str:
    """A clear admonition listing problems (a broken checklist on its page)."""
    return _render("problems.html", problems=problems, title=title)
