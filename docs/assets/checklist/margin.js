/*
 * How close a verdict is to another: the single answers that would change it. The same
 * steps as src/checklist/margin.py (docs/reference/rules.md#one-answer-away): one
 * question's answer at a time is changed to each other answer it offers, and the
 * checklist evaluated again. Loaded by the form once a verdict settles.
 *
 * ChecklistMargin.turns(checklist, answers, result): the turns, as Python's `turns`.
 * ChecklistMargin.show(form, st, answers, result): says them under the verdict, a moment
 * after the last change (form is the form script's FORM, transfer.js).
 */

// The answers to try instead: [change, value, label, whole answer]. A number or a text
// has none: its answers cannot be listed.
function alternatives(item, value) {
  var kind = item.answer;
  var out = [];
  var given = function (v, label) { if (v !== value) out.push(["answer", v, label, v]); };
  if (kind.type === "yes_no") {
    given("yes", "Yes");
    given("no", "No");
  } else if (kind.type === "choice") {
    kind.options.forEach(function (o) { given(o.value, o.label); });
  } else if (kind.type === "scale") {
    kind.levels.forEach(function (l) { given(l.value, l.label); });
  } else if (kind.type === "multi") {
    var chosen = Array.isArray(value) ? value : [];
    var alone = kind.options.filter(function (o) { return o.exclusive; }).map(function (o) { return o.value; });
    kind.options.forEach(function (o) {
      if (chosen.indexOf(o.value) >= 0) {
        var rest = chosen.filter(function (v) { return v !== o.value; });
        if (rest.length) out.push(["remove", o.value, o.label, rest]); // an empty list is no answer
      } else if (o.exclusive) {
        out.push(["answer", o.value, o.label, [o.value]]);
      } else {
        var kept = chosen.filter(function (v) { return alone.indexOf(v) < 0; });
        var added = kind.options.filter(function (p) { return p === o || kept.indexOf(p.value) >= 0; }).map(function (p) { return p.value; });
        out.push([kept.length ? "add" : "answer", o.value, o.label, added]);
      }
    });
  }
  return out;
}

function turns(checklist, answers, result) {
  var verdict = result.verdict;
  if (!verdict || verdict.state !== "settled" || !checklist.verdict) return [];
  var options = checklist.verdict.options;
  // The place and label of a verdict; none yet (it would wait for answers) comes last.
  var of = function (id) {
    for (var n = 0; n < options.length; n++) if (options[n].id === id) return [n, options[n].label];
    return [n, null];
  };
  // The answer that counts, as the evaluator read it (none when unanswered or not applicable).
  var counted = {};
  result.items.forEach(function (i) { counted[i.id] = i; });
  var found = [];
  checklist.sections.forEach(function (section) {
    section.items.forEach(function (item) {
      if (counted[item.id].status === "skipped") return;
      alternatives(item, counted[item.id].answer).forEach(function (alt) {
        var changed = Object.assign({}, answers);
        changed[item.id] = { answer: alt[3] };
        var other = root.ChecklistEvaluator.evaluate(checklist, changed).verdict;
        if (!other || other.id === verdict.id) return;
        found.push({ item: item.id, change: alt[0], value: alt[1], label: alt[2], verdict: other.id, verdict_label: of(other.id)[1] });
      });
    });
  });
  // A stable sort: the items keep their order within each verdict.
  return found.sort(function (a, b) { return of(a.verdict)[0] - of(b.verdict)[0]; });
}

var SHOWN = 3; // the questions named for each other verdict; the rest are counted
var WAITING = "The verdict would wait for more answers"; // said of the turns to no verdict yet

function q(text) {
  return "\u201c" + text + "\u201d";
}

// The turns grouped by the verdict they give, then by question: margin.py's other_verdicts.
function others(found) {
  var groups = [];
  found.forEach(function (t) {
    var g = groups[groups.length - 1];
    if (!g || g.verdict !== t.verdict) groups.push(g = { verdict: t.verdict, label: t.verdict_label, ways: [] });
    var w = g.ways[g.ways.length - 1];
    if (!w || w.item !== t.item) g.ways.push(w = { item: t.item, changes: [] });
    w.changes.push(t);
  });
  return groups;
}

// margin.py's summary: "One answer would change it, to one of 3 other verdicts, or leave it
// waiting for more answers".
function summary(groups) {
  var n = groups.filter(function (g) { return g.verdict !== null; }).length;
  var wait = "leave it waiting for more answers";
  if (!n) return "One answer would " + wait;
  return "One answer would change it, to " + (n === 1 ? "another verdict" : "one of " + n + " other verdicts") +
    (groups.length > n ? ", or " + wait : "");
}

// The changes to one question in words: "were “A” or “B”", "had “X” too", "lacked “Y”".
function words(changes) {
  var of = function (kind) { return changes.filter(function (t) { return t.change === kind; }).map(function (t) { return q(t.label); }); };
  var given = of("answer");
  return (given.length ? ["were " + given.join(" or ")] : [])
    .concat(of("add").map(function (l) { return "had " + l + " too"; }))
    .concat(of("remove").map(function (l) { return "lacked " + l; }))
    .join(" or ");
}

function show(form, st, answers, result) {
  clearTimeout(st.marginTimer);
  st.marginFor = result;
  st.marginTimer = setTimeout(function () {
    var box = st.summary.querySelector(".ckl-verdict[data-state='settled']");
    if (st.marginFor !== result || !box) return; // a later change is on its way
    var h = form.h;
    var groups = others(turns(st.checklist, answers, result));
    var old = box.querySelector(".ckl-margin");
    if (old) old.remove();
    if (!groups.length) {
      box.append(h("p", { class: "ckl-margin ckl-verdict-why" }, "No single answer would change this verdict."));
      return;
    }
    var list = h("ul", null, groups.map(function (g) {
      var parts = [g.label === null ? WAITING : h("strong", null, g.label), " if "];
      g.ways.slice(0, SHOWN).forEach(function (w, n) {
        var it = st.items[w.item];
        parts.push(n ? ", or " : "", form.itemLink(st, w.item, it ? it.def.question : w.item), " " + words(w.changes));
      });
      var more = g.ways.length - SHOWN;
      if (more > 0) parts.push(", or " + more + " other " + (more === 1 ? "question" : "questions"));
      parts.push(".");
      return h("li", null, parts);
    }));
    var details = h("details", { class: "ckl-more ckl-margin", open: st.marginOpen ? "" : null }, [
      h("summary", null, summary(groups)),
      list,
    ]);
    details.addEventListener("toggle", function () { st.marginOpen = details.open; });
    box.append(details);
  }, 250);
}

root.ChecklistMargin = { turns: turns, show: show };
