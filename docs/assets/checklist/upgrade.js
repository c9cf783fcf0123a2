/*
 * Answers saved in this browser for a checklist's previous major version, carried over to
 * the version on the page by the checklist's `upgrade` block. Loaded by form.js only when
 * it finds such answers. The rules are checklist/upgrade.py's (`checklist upgrade`), and
 * the tests run the same vectors (tests/upgrade/) through both.
 *
 * ChecklistUpgrade.upgrade(checklist, answers, answerProblem)
 *   -> {answers, carried, again, removed, new}
 *   answers: the old entries keyed by old item id ({answer, not_applicable, reason, note,
 *   evidence}); answerProblem(item, value) says why a value does not fit an item, or null.
 * ChecklistUpgrade.upgradeStored(form, st, rec)
 *   puts the carried-over answers of a saved record in one form, and says what to answer
 *   again; the record as it was is set aside first.
 */
function list(v) {
  return Array.isArray(v) ? v : [v];
}
function has(o, k) {
  return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k);
}
// An answer value as an `answers` mapping writes it: yes, 0.5, tested.
function text(v) {
  if (typeof v === "boolean") return v ? "yes" : "no";
  return Array.isArray(v) ? v.join(", ") : String(v);
}
function mapped(rule, v) {
  if (!rule || !rule.answers) return v;
  if (Array.isArray(v)) {
    var out = [];
    v.forEach(function (x) {
      var m = has(rule.answers, x) ? String(rule.answers[x]) : x;
      if (out.indexOf(m) < 0) out.push(m);
    });
    return out;
  }
  var key = text(v);
  return has(rule.answers, key) ? rule.answers[key] : v;
}
function present(v) {
  return v !== undefined && v !== null;
}

// The new entry of `item` from the old entries `taken` ([oldId, rule, entry]), and why
// it must be answered again (null when it carried over whole).
function carry(item, taken, answerProblem) {
  var several = taken.length > 1;
  var notes = [];
  var evidence = [];
  var values = [];
  var na = [];
  taken.forEach(function (t) {
    var a = t[2];
    if (present(a.note) && a.note !== "") notes.push([t[0], a.note]);
    (a.evidence || []).forEach(function (e) { if (evidence.indexOf(e) < 0) evidence.push(e); });
    if (present(a.answer)) values.push([t[0], mapped(t[1], a.answer)]);
    if (a.not_applicable === true) na.push(a);
  });
  var why = null;
  var value = null;
  if (values.length) {
    var shown = [];
    values.forEach(function (v) { if (shown.indexOf(text(v[1])) < 0) shown.push(text(v[1])); });
    if (shown.length > 1) {
      why = "merged from items answered differently: " +
        values.map(function (v) { return v[0] + " was " + text(v[1]); }).join("; ");
    } else {
      var candidate = values[0][1];
      var problem = answerProblem(item, candidate);
      if (problem === null) value = typeof candidate === "boolean" ? (candidate ? "yes" : "no") : candidate;
      else why = "the old answer \u201c" + text(candidate) + "\u201d does not fit the new question (" + problem + ")";
    }
    if (why !== null) {
      notes.push(["before the upgrade", "answered " + values.map(function (v) { return v[0] + ": " + text(v[1]); }).join("; ")]);
      several = true;
    }
  } else if (na.length && !item.not_applicable) {
    why = "it was marked not applicable, which this question does not allow";
    var given = na.filter(function (a) { return present(a.reason); }).map(function (a) { return a.reason; }).join("; ");
    notes.push(["before the upgrade", "marked not applicable" + (given ? ": " + given : "")]);
    several = true;
  }
  var entry = {};
  if (value !== null) entry.answer = value;
  if (na.length && !values.length && item.not_applicable) {
    entry.not_applicable = true;
    var reasons = na.filter(function (a) { return present(a.reason); }).map(function (a) { return a.reason; });
    if (reasons.length) entry.reason = reasons.join("; ");
  }
  if (notes.length) {
    entry.note = several ? notes.map(function (n) { return n[0] + ": " + n[1]; }).join("; ") : notes[0][1];
  }
  if (evidence.length) entry.evidence = evidence;
  return [entry, why];
}

function upgrade(checklist, answers, answerProblem) {
  var rules = (checklist.upgrade && checklist.upgrade.items) || [];
  var sources = Object.create(null);
  var listed = Object.create(null);
  var done = { answers: {}, carried: {}, again: {}, removed: {}, new: [] };
  rules.forEach(function (rule) {
    var olds = list(rule.from);
    olds.forEach(function (o) { listed[o] = true; });
    if (!present(rule.to)) {
      olds.forEach(function (o) { if (has(answers, o)) done.removed[o] = rule.removed || "removed in this version"; });
      return;
    }
    list(rule.to).forEach(function (n) {
      sources[n] = (sources[n] || []).concat(olds.map(function (o) { return [o, rule]; }));
    });
  });
  var items = [];
  checklist.sections.forEach(function (s) { items = items.concat(s.items); });
  var ids = Object.create(null);
  items.forEach(function (item) {
    ids[item.id] = true;
    if (!sources[item.id] && !listed[item.id]) sources[item.id] = [[item.id, null]];
  });
  items.forEach(function (item) {
    var taken = (sources[item.id] || []).filter(function (s) { return has(answers, s[0]); })
      .map(function (s) { return [s[0], s[1], answers[s[0]]]; });
    if (!taken.length) {
      done.new.push(item.id);
      return;
    }
    done.carried[item.id] = taken.map(function (t) { return t[0]; });
    var got = carry(item, taken, answerProblem);
    done.answers[item.id] = got[0];
    if (got[1] !== null) done.again[item.id] = got[1];
  });
  Object.keys(answers).forEach(function (o) {
    if (!ids[o] && !listed[o]) done.removed[o] = "not in this version";
  });
  return done;
}

function upgradeStored(form, st, rec) {
  var done = upgrade(st.checklist, rec.answers, root.ChecklistForm.answerProblem);
  var res = form.cleanAnswers(st, done.answers);
  var meta = form.cleanMeta(rec.project, rec.assessors);
  meta.answers = res.kept;
  form.fill(st, meta);
  form.update(st, true);
  var again = Object.keys(done.again);
  var removed = Object.keys(done.removed);
  var carried = Object.keys(done.carried).filter(function (id) { return !has(done.again, id); }).length;
  var aside = root.ChecklistRecover.setAside(form, st, rec);
  form.notice(st, "top", "load", again.length || removed.length ? "warning" : "info",
    "This checklist has a new major version: the answers saved for " + rec.version + " were carried over to " +
    st.version + ". " + form.plural(carried, "answer") + " carried over" +
    (again.length ? "; answer again: " + root.ChecklistRecover.listed(form, again, function (id) { return form.cut(id, 80) + " (" + done.again[id] + ")"; }) : "") +
    (removed.length ? "; no longer asked: " + root.ChecklistRecover.listed(form, removed) : "") + ". " + aside.text, aside.extra);
  return done;
}

root.ChecklistUpgrade = { upgrade: upgrade, upgradeStored: upgradeStored };
