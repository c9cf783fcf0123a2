"""Checks a checklist's shape cannot express: unique ids, references that
resolve, conditions without cycles, and rules that can be reached."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from checklist.models import Checklist, Choice, FreeText, Item, Multi, Number, Scale, YesNo
from checklist.rules import (
    AllOf,
    AnyOf,
    Band,
    BandDefault,
    Condition,
    ItemCondition,
    NotOf,
    RiskDefault,
    RisksCondition,
    ScoreCondition,
    ScoresCondition,
    same_value,
)
from checklist.suggestions import Suggestions

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from checklist.problems import Problem
    from checklist.yamlsource import Source

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Context:
    """Where a condition sits, which decides what it may refer to."""

    name: str
    """``an item's condition``, ``an item's risk rules``, ..."""
    this_item: str | None = None
    """The item whose risk rules these are (an item condition may leave ``item`` out)."""
    scores: bool = False
    """Whether ``score``, ``scores`` and ``risks`` conditions are allowed."""
    section: bool = False
    """Whether these are a section's own rules (a ``risks`` count there counts its items)."""


def item_points(item: Item) -> bool:
    """Whether the item's answers have points (and so count in scores and numeric tests)."""
    answer = item.answer
    if isinstance(answer, Choice):
        return all(option.points is not None for option in answer.options)
    if isinstance(answer, Multi):
        return any(option.points is not None for option in answer.options)
    return not isinstance(answer, FreeText)


def allowed_values(item: Item) -> list[str | float] | None:
    """The answer values an item accepts, or ``None`` when any number or text is fine."""
    answer = item.answer
    if isinstance(answer, YesNo):
        return ["yes", "no"]
    if isinstance(answer, Choice):
        return [option.value for option in answer.options]
    if isinstance(answer, Scale):
        return [level.value for level in answer.levels]
    return None


def check_checklist(checklist: Checklist, source: Source) -> list[Problem]:
    """Every consistency problem of one checklist, located in ``source``."""
    return list(_Checker(checklist, source).run())


class _Checker:
    def __init__(self, checklist: Checklist, source: Source) -> None:
        self.checklist = checklist
        self.source = source
        self.items: dict[str, Item] = {}
        self.item_loc: dict[str, Loc] = {}
        self.sections = {section.id for section in checklist.sections}
        self.scores = {score.id for score in checklist.scores}
        self.known_items = Suggestions(
            item.id for section in checklist.sections for item in section.items
        )

    def problem(self, loc: Loc, message: str, code: str, *, at_key: bool = False) -> Problem:
        return self.source.problem(loc, message, code=code, at_key=at_key)

    def run(self) -> Iterator[Problem]:
        yield from self._unique_ids()
        yield from self._answer_types()
        for s, section in enumerate(self.checklist.sections):
            for i, item in enumerate(section.items):
                loc: Loc = ("sections", s, "items", i)
                if item.when is not None:
                    yield from self._condition(
                        item.when, (*loc, "when"), Context("an item's condition")
                    )
                if item.risk is not None:
                    context = Context("an item's risk rules", this_item=item.id)
                    yield from self._rules(item.risk, (*loc, "risk"), context)
            if section.risk is not None:
                context = Context("a section's risk rules", scores=True, section=True)
                yield from self._rules(section.risk, ("sections", s, "risk"), context)
        yield from self._cycles()
        yield from self._scores()
        yield from self._verdicts()
        yield from self._requirement()
        if self.checklist.upgrade is not None:
            from checklist.upgrade import upgrade_problems

            yield from upgrade_problems(self.checklist, self.source)

    def _unique_ids(self) -> Iterator[Problem]:
        seen_sections: set[str] = set()
        for s, section in enumerate(self.checklist.sections):
            if section.id in seen_sections:
                yield self.problem(
                    ("sections", s, "id"),
                    f"duplicate section id {section.id!r}; section ids must be unique",
                    "duplicate-id",
                )
            seen_sections.add(section.id)
            for i, item in enumerate(section.items):
                loc: Loc = ("sections", s, "items", i)
                if item.id in self.items:
                    first = self.source.locate((*self.item_loc[item.id], "id")).line
                    yield self.problem(
                        (*loc, "id"),
                        f"duplicate item id {item.id!r}: already used on line {first}; item ids must be unique in a checklist",
                        "duplicate-id",
                    )
                    continue
                self.items[item.id] = item
                self.item_loc[item.id] = loc
        seen_scores: set[str] = set()
        for n, score in enumerate(self.checklist.scores):
            if score.id in seen_scores:
                yield self.problem(
                    ("scores", n, "id"), f"duplicate score id {score.id!r}", "duplicate-id"
                )
            seen_scores.add(score.id)

    def _answer_types(self) -> Iterator[Problem]:
        for item_id, item in self.items.items():
            loc = (*self.item_loc[item_id], "answer")
            answer = item.answer
            values: Sequence[str | float] = ()
            key = ""
            if isinstance(answer, Choice):
                values, key = [o.value for o in answer.options], "options"
                given = [o.points is not None for o in answer.options]
                if any(given) and not all(given):
                    yield self.problem(
                        (*loc, "options"), "give points to every option or to none", "points"
                    )
            elif isinstance(answer, Multi):
                values, key = [o.value for o in answer.options], "options"
                exclusive = [n for n, o in enumerate(answer.options) if o.exclusive]
                for n in exclusive[1:]:
                    yield self.problem(
                        (*loc, "options", n, "exclusive"),
                        "only one option can be exclusive ('none of these')",
                        "exclusive",
                    )
                if len(exclusive) == len(answer.options):
                    yield self.problem(
                        (*loc, "options"),
                        "a multi answer needs an option that is not exclusive",
                        "exclusive",
                    )
            elif isinstance(answer, Scale):
                values, key = [lv.value for lv in answer.levels], "levels"
            elif isinstance(answer, Number) and None not in (answer.min, answer.max):
                assert answer.min is not None
                assert answer.max is not None
                if answer.min > answer.max:
                    yield self.problem(
                        (*loc, "max"),
                        f"max ({answer.max}) is below min ({answer.min})",
                        "bad-range",
                    )
            for n, value in enumerate(values):
                if value in values[:n]:
                    field = "value"
                    yield self.problem(
                        (*loc, key, n, field),
                        f"duplicate value {value!r} in {key}",
                        "duplicate-value",
                    )

    def _rules(self, rules: Sequence[object], loc: Loc, context: Context) -> Iterator[Problem]:
        yield from _ordered(self, rules, loc, "risk rules")
        for n, rule in enumerate(rules):
            when = getattr(rule, "when", None)
            if when is not None:
                yield from self._condition(when, (*loc, n, "when"), context)

    def _condition(self, condition: Condition, loc: Loc, context: Context) -> Iterator[Problem]:
        if isinstance(condition, (AllOf, AnyOf)):
            key = "all" if isinstance(condition, AllOf) else "any"
            for n, child in enumerate(getattr(condition, key)):
                yield from self._condition(child, (*loc, key, n), context)
        elif isinstance(condition, NotOf):
            yield from self._condition(condition.not_, (*loc, "not"), context)
        elif isinstance(condition, ItemCondition):
            yield from self._item_condition(condition, loc, context)
        elif isinstance(condition, ScoreCondition):
            if not context.scores:
                yield self.problem(
                    (*loc, "score"),
                    f"score conditions are not allowed in {context.name}; use them in section risk rules or verdict rules",
                    "bad-rule",
                )
            elif condition.score not in self.scores:
                yield self.problem(
                    (*loc, "score"),
                    f"no score {condition.score!r} in this checklist{_known(self.scores)}",
                    "unknown-reference",
                )
        elif isinstance(condition, ScoresCondition):
            yield from self._scores_condition(condition, loc, context)
        elif isinstance(condition, RisksCondition):
            yield from self._risks_condition(condition, loc, context)

    def _scores_condition(
        self, condition: ScoresCondition, loc: Loc, context: Context
    ) -> Iterator[Problem]:
        if not context.scores:
            yield self.problem(
                (*loc, "scores"),
                f"scores conditions are not allowed in {context.name}; use them in section risk rules or verdict rules",
                "bad-rule",
            )
        elif isinstance(condition.scores, list):
            for n, ref in enumerate(condition.scores):
                if ref not in self.scores:
                    yield self.problem(
                        (*loc, "scores", n),
                        f"no score {ref!r} in this checklist{_known(self.scores)}",
                        "unknown-reference",
                    )

    def _risks_condition(
        self, condition: RisksCondition, loc: Loc, context: Context
    ) -> Iterator[Problem]:
        if not context.scores:
            yield self.problem(
                (*loc, "risks"),
                f"risks conditions are not allowed in {context.name}; use them in section risk rules or verdict rules",
                "bad-rule",
            )
            return
        sections = condition.of == "sections"
        if context.section and (sections or condition.section is not None):
            key = "of" if sections else "section"
            yield self.problem(
                (*loc, key),
                f"'{key}' is not allowed in a section's risk rules: there a risks count counts that section's items",
                "bad-rule",
            )
        if sections and condition.tag is not None:
            yield self.problem(
                (*loc, "tag"),
                "'tag' counts items; with 'of: sections' the count is of sections, which have no tags",
                "bad-rule",
            )
        if condition.section is not None and condition.section not in self.sections:
            yield self.problem(
                (*loc, "section"),
                f"no section {condition.section!r} in this checklist{_known(self.sections)}",
                "unknown-reference",
            )
        if condition.tag is not None and not any(
            condition.tag in item.tags for item in self.items.values()
        ):
            yield self.problem(
                (*loc, "tag"), f"no item has the tag {condition.tag!r}", "unknown-reference"
            )

    def _item_condition(
        self, condition: ItemCondition, loc: Loc, context: Context
    ) -> Iterator[Problem]:
        item_id = condition.item or context.this_item
        if item_id is None:
            yield self.problem(
                loc,
                f"an item condition in {context.name} must name its item: add 'item: ID'",
                "bad-rule",
            )
            return
        item = self.items.get(item_id)
        if item is None:
            yield self.problem(
                (*loc, "item"),
                f"no item {item_id!r} in this checklist{self.known_items.hint(item_id)}",
                "unknown-reference",
            )
            return
        test = condition.test()
        multi = isinstance(item.answer, Multi)
        if test in ("includes", "excludes"):
            chosen = condition.includes or condition.excludes
            if not isinstance(item.answer, Multi):
                yield self.problem(
                    (*loc, test),
                    f"'{test}' tests a multi answer; item {item_id!r} is {_kind_name(item)}: "
                    "use 'is' or 'in'",
                    "bad-rule",
                )
            elif chosen not in [o.value for o in item.answer.options]:
                options = ", ".join(repr(o.value) for o in item.answer.options)
                yield self.problem(
                    (*loc, test),
                    f"item {item_id!r} has no option {chosen!r}; expected {options}",
                    "impossible-value",
                )
            return
        if multi and test in ("is", "in"):
            yield self.problem(
                (*loc, test),
                f"item {item_id!r} is a multi answer: test one option with 'includes' or "
                "'excludes'",
                "bad-rule",
            )
            return
        if test in ("is", "in"):
            allowed = allowed_values(item)
            values = [condition.is_] if test == "is" else list(condition.in_ or [])
            for n, value in enumerate(values):
                where: Loc = (*loc, "is") if test == "is" else (*loc, "in", n)
                if value is not None and not _acceptable(item, allowed, value):
                    expected = ", ".join(repr(v) for v in allowed) if allowed else _kind_name(item)
                    yield self.problem(
                        where,
                        f"item {item_id!r} can never be answered {value!r}; expected {expected}",
                        "impossible-value",
                    )
        elif test != "answered" and not item_points(item):
            yield self.problem(
                (*loc, test),
                f"item {item_id!r} has no points to compare ({_kind_name(item)}); use 'is' or 'in'",
                "bad-rule",
            )

    def _cycles(self) -> Iterator[Problem]:
        graph = {
            item_id: sorted(ref for ref in referenced_items(item.when) if ref in self.items)
            for item_id, item in self.items.items()
            if item.when
        }
        for path in condition_cycles(graph):
            if len(path) == 1:
                message = f"item {path[0]!r} applies only if it is answered itself; a condition cannot depend on its own item"
            else:
                message = f"conditions depend on each other in a cycle: {_loop(path)}"
            yield self.problem((*self.item_loc[path[0]], "when"), message, "cycle")

    def _scores(self) -> Iterator[Problem]:
        defined: set[str] = set()
        for n, score in enumerate(self.checklist.scores):
            loc: Loc = ("scores", n)
            over = score.over
            selected: list[str] = []
            if over.scores is not None:
                for m, ref in enumerate(over.scores):
                    if ref not in defined:
                        later = (
                            " (scores may only use scores defined above them)"
                            if ref in self.scores
                            else _known(defined)
                        )
                        yield self.problem(
                            (*loc, "over", "scores", m),
                            f"no score {ref!r} defined before this one{later}",
                            "unknown-reference",
                        )
                selected = list(over.scores)
            else:
                yield from self._selection(score.over, (*loc, "over"))
                selected = [i.id for i in select_items(self.checklist, over)]
                for item_id in selected:
                    if not item_points(self.items[item_id]):
                        where: Loc = (*loc, "over")
                        if isinstance(over.items, list):
                            where = (*where, "items", over.items.index(item_id))
                        yield self.problem(
                            where,
                            f"item {item_id!r} has no points ({_kind_name(self.items[item_id])}) and cannot be aggregated",
                            "bad-rule",
                        )
            for key in ("items", "scores"):
                listed = getattr(over, key)
                if isinstance(listed, list):
                    for m, ref in enumerate(listed):
                        if ref in listed[:m]:
                            yield self.problem(
                                (*loc, "over", key, m),
                                f"{ref!r} is listed twice; list each once",
                                "duplicate-value",
                            )
            if score.weights:
                if score.aggregate not in ("sum", "mean"):
                    yield self.problem(
                        (*loc, "weights"),
                        f"weights apply only to sum and mean, not {score.aggregate}",
                        "bad-rule",
                    )
                for key in score.weights:
                    if key not in selected:
                        yield self.problem(
                            (*loc, "weights", key),
                            f"{key!r} is not among the values this score aggregates",
                            "unknown-reference",
                            at_key=True,
                        )
                    elif score.weights[key] <= 0:
                        yield self.problem(
                            (*loc, "weights", key), "weights must be greater than 0", "bad-rule"
                        )
            if score.bands:
                yield from _ordered(self, score.bands, (*loc, "bands"), "bands")
            defined.add(score.id)
        headline = self.checklist.headline
        if headline is not None and headline not in self.scores:
            yield self.problem(
                ("headline",),
                f"no score {headline!r} in this checklist{_known(self.scores)}",
                "unknown-reference",
            )

    def _selection(self, over: object, loc: Loc) -> Iterator[Problem]:
        items = getattr(over, "items", None)
        if isinstance(items, list):
            for m, ref in enumerate(items):
                if ref not in self.items:
                    yield self.problem(
                        (*loc, "items", m),
                        f"no item {ref!r} in this checklist{self.known_items.hint(ref)}",
                        "unknown-reference",
                    )
        section = getattr(over, "section", None)
        if section is not None and section not in self.sections:
            yield self.problem(
                (*loc, "section"),
                f"no section {section!r} in this checklist{_known(self.sections)}",
                "unknown-reference",
            )
        tag = getattr(over, "tag", None)
        if tag is not None and not any(tag in item.tags for item in self.items.values()):
            yield self.problem((*loc, "tag"), f"no item has the tag {tag!r}", "unknown-reference")

    def _requirement(self) -> Iterator[Problem]:
        """``requires`` names items and tags that exist."""
        need = self.checklist.requires
        for m, ref in enumerate(need.items):
            if ref not in self.items:
                yield self.problem(
                    ("requires", "items", m),
                    f"no item {ref!r} in this checklist{self.known_items.hint(ref)}",
                    "unknown-reference",
                )
        tags = {tag for item in self.items.values() for tag in item.tags}
        for m, tag in enumerate(need.tags):
            if tag not in tags:
                yield self.problem(
                    ("requires", "tags", m), f"no item has the tag {tag!r}", "unknown-reference"
                )

    def _verdicts(self) -> Iterator[Problem]:
        verdict = self.checklist.verdict
        blockers = [item_id for item_id, item in self.items.items() if item.severity == "blocker"]
        if verdict is None:
            if blockers:
                loc = (*self.item_loc[blockers[0]], "severity")
                yield self.problem(
                    loc,
                    "a blocker item needs a verdict to block: add 'verdict' with 'blocked: ID' to the checklist",
                    "bad-rule",
                )
            return
        options = {option.id for option in verdict.options}
        seen: set[str] = set()
        for n, option in enumerate(verdict.options):
            if option.id in seen:
                yield self.problem(
                    ("verdict", "options", n, "id"),
                    f"duplicate verdict id {option.id!r}",
                    "duplicate-id",
                )
            seen.add(option.id)
        used: set[str] = set()
        if verdict.blocked is not None:
            used.add(verdict.blocked)
            if verdict.blocked not in options:
                yield self.problem(
                    ("verdict", "blocked"),
                    f"no verdict {verdict.blocked!r}{_known(options)}",
                    "unknown-reference",
                )
            elif not blockers:
                yield self.problem(
                    ("verdict", "blocked"),
                    "no item has severity 'blocker', so this verdict can never be reached",
                    "unreachable",
                )
        elif blockers:
            yield self.problem(
                ("verdict",),
                "blocker items need 'blocked: ID', the verdict a failed blocker decides",
                "missing-key",
            )
        reachable = _ordered_reachable(verdict.rules)
        yield from _ordered(self, verdict.rules, ("verdict", "rules"), "verdict rules")
        context = Context("verdict rules", scores=True)
        for n, rule in enumerate(verdict.rules):
            target = getattr(rule, "verdict", None) or getattr(rule, "default", None)
            key = "verdict" if hasattr(rule, "verdict") else "default"
            if target is not None and target not in options:
                yield self.problem(
                    ("verdict", "rules", n, key),
                    f"no verdict {target!r}{_known(options)}",
                    "unknown-reference",
                )
            if target is not None and n in reachable:
                used.add(target)
            when = getattr(rule, "when", None)
            if when is not None:
                yield from self._condition(when, ("verdict", "rules", n, "when"), context)
        for n, option in enumerate(verdict.options):
            if option.id not in used:
                yield self.problem(
                    ("verdict", "options", n, "id"),
                    f"verdict {option.id!r} can never be reached: no reachable rule leads to it",
                    "unreachable",
                )


def select_items(checklist: Checklist, over: object) -> list[Item]:
    """The items a score's ``over`` selects, in checklist order."""
    items = getattr(over, "items", None)
    section = getattr(over, "section", None)
    tag = getattr(over, "tag", None)
    chosen: list[Item] = []
    for s in checklist.sections:
        for item in s.items:
            if (
                items == "all"
                or (isinstance(items, list) and item.id in items)
                or (section is not None and s.id == section)
                or (tag is not None and tag in item.tags)
            ):
                chosen.append(item)
    if isinstance(items, list):
        order = {item_id: n for n, item_id in enumerate(items)}
        chosen.sort(key=lambda item: order[item.id])
    return chosen


def _ordered(checker: _Checker, rules: Sequence[object], loc: Loc, what: str) -> Iterator[Problem]:
    """A default is required and last; no entry may be shadowed by an earlier one."""
    defaults = [
        n
        for n, rule in enumerate(rules)
        if isinstance(rule, (RiskDefault, BandDefault)) or hasattr(rule, "default")
    ]
    if not defaults:
        yield checker.problem(
            loc,
            f"these {what} have no default: add '- default: ...' as the last entry",
            "no-default",
        )
    elif defaults[0] != len(rules) - 1:
        yield checker.problem(
            (*loc, defaults[0] + 1),
            "unreachable: this entry comes after the default, which always matches; move the default last",
            "unreachable",
        )
    reachable = _ordered_reachable(rules)
    for n in range(len(rules)):
        if n not in reachable and (not defaults or n < defaults[0]):
            yield checker.problem(
                (*loc, n),
                f"unreachable: an earlier entry of these {what} always matches first",
                "unreachable",
            )


def _ordered_reachable(rules: Sequence[object]) -> set[int]:
    """Indices of entries that some input can reach (rules before the first default,
    not shadowed by an earlier entry, and the default itself)."""
    reachable: set[int] = set()
    earlier: list[object] = []
    for n, rule in enumerate(rules):
        if hasattr(rule, "default"):
            reachable.add(n)
            break
        test = rule if isinstance(rule, Band) else getattr(rule, "when", None)
        if not any(_implies(test, before) for before in earlier):
            reachable.add(n)
        earlier.append(test)
    return reachable


def _threshold(test: object) -> tuple[str, str, float] | None:
    """(subject, comparison, value) for a single threshold test, else None."""
    if isinstance(test, Band):
        found = test.comparison()
        return ("", *found) if found else None
    if isinstance(test, ScoreCondition):
        found = test.comparison()
        return (test.score, *found) if found else None
    return None


def _implies(later: object, earlier: object) -> bool:
    """True when every input matching ``later`` also matches ``earlier``."""
    if later == earlier:
        return True
    a, b = _threshold(later), _threshold(earlier)
    if a is None or b is None or a[0] != b[0]:
        return False
    (_, test_a, x), (_, test_b, y) = a, b
    if test_a in ("at_least", "above") and test_b in ("at_least", "above"):
        return x > y or (x == y and (test_b == "at_least" or test_a == "above"))
    if test_a in ("at_most", "below") and test_b in ("at_most", "below"):
        return x < y or (x == y and (test_b == "at_most" or test_a == "below"))
    return False


def referenced_items(condition: Condition | None) -> set[str]:
    """The ids of the items a condition names (not the item an id-less test means)."""
    if condition is None:
        return set()
    if isinstance(condition, (AllOf, AnyOf)):
        children = condition.all if isinstance(condition, AllOf) else condition.any
        return set().union(*(referenced_items(c) for c in children))
    if isinstance(condition, NotOf):
        return referenced_items(condition.not_)
    if isinstance(condition, ItemCondition) and condition.item:
        return {condition.item}
    return set()


def condition_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """One cycle of every group of items whose conditions depend on each other.

    ``graph`` maps an item to the items its condition reads, in checklist order. The
    groups are the strongly connected components (Tarjan's algorithm, with its own
    stack); each cycle is a shortest one through the group's first item, starting
    there. Linear in the size of the graph.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[set[str]] = []
    for root in graph:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(graph[root]))]
        while work:
            node, edges = work[-1]
            nxt = next(edges, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph.get(nxt, ()))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph.get(node, ()):
                    groups.append(group)
    order = {item_id: n for n, item_id in enumerate(graph)}
    cycles = []
    for group in sorted(groups, key=lambda g: min(order[i] for i in g)):
        start = min(group, key=order.__getitem__)
        cycles.append(_shortest_cycle(start, graph, group))
    return cycles


def _shortest_cycle(start: str, graph: dict[str, list[str]], group: set[str]) -> list[str]:
    """The shortest path from ``start`` back to itself inside ``group`` (breadth first)."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in graph.get(node, ()):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return path[::-1]
                if nxt in group and nxt not in came_from:
                    came_from[nxt] = node
                    following.append(nxt)
        frontier = following
    raise AssertionError("every item of a strongly connected group lies on a cycle")


_LOOP_SHOWN = 10
"""How many items of a long cycle a message names."""


def _loop(path: list[str]) -> str:
    """``a → b → a``; a long cycle is shortened to its first items and a count."""
    if len(path) <= _LOOP_SHOWN:
        return " → ".join([*path, path[0]])
    hidden = len(path) - _LOOP_SHOWN
    return " → ".join([*path[:_LOOP_SHOWN], f"… ({hidden:,} more items)", path[0]])


def _acceptable(item: Item, allowed: list[str | float] | None, value: str | float) -> bool:
    if allowed is not None:
        return any(same_value(option, value) for option in allowed)
    if isinstance(item.answer, Number):
        return not isinstance(value, str)
    return isinstance(value, str)


def _kind_name(item: Item) -> str:
    names = {
        "yes_no": "a yes/no item",
        "choice": "a choice",
        "multi": "a multi answer",
        "scale": "a scale",
        "number": "a number",
        "text": "a free-text item",
    }
    return names[item.answer.type]


def _known(names: set[str]) -> str:
    return f"; known: {', '.join(sorted(names))}" if names else ""
