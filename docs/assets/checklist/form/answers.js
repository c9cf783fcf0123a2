/*
 * The live checklist form, part 2 of 9 (src/checklist/site/assets.py joins the
 * parts into one script): answers checked as the Python package checks them (checklist/answers.py).
 */

function allowed(def) {
  var a = def.answer;
  if (a.type === "yes_no") return ["yes", "no"];
  if (a.type === "choice" || a.type === "multi") return a.options.map(function (o) { return o.value; });
  if (a.type === "scale") return a.levels.map(function (l) { return l.value; });
  return null;
}

function answerProblem(def, v) {
  var a = def.answer;
  if (a.type === "multi" || Array.isArray(v)) {
    var known = allowed(def) || [];
    if (a.type !== "multi" || !Array.isArray(v)) return a.type === "multi" ? "expected a list of " + known.join(", ") : "expected one answer, found a list";
    if (!v.length) return "expected at least one of " + known.join(", ");
    for (var k = 0; k < v.length; k++) {
      if (known.indexOf(v[k]) < 0) return "expected a list of " + known.join(", ");
      if (v.indexOf(v[k]) !== k) return "\u201c" + v[k] + "\u201d is chosen twice";
    }
    var alone = a.options.filter(function (o) { return o.exclusive && v.indexOf(o.value) >= 0; });
    return alone.length && v.length > 1 ? "\u201c" + alone[0].value + "\u201d stands alone" : null;
  }
  if (a.type === "yes_no") {
    return typeof v === "boolean" || v === "yes" || v === "no" ? null : "expected yes or no";
  }
  var values = allowed(def);
  if (typeof v === "boolean") return "expected " + (values ? "one of " + values.join(", ") : a.type) + ", found a boolean";
  if (values) {
    for (var i = 0; i < values.length; i++) if (window.ChecklistEvaluator.sameValue(values[i], v)) return null;
    return "expected one of " + values.join(", ");
  }
  if (a.type === "number") {
    if (typeof v !== "number" || !isFinite(v)) return "expected a number";
    if (a.integer && Math.floor(v) !== v) return "expected a whole number";
    if (a.min !== undefined && a.min !== null && v < a.min) return "expected at least " + a.min;
    if (a.max !== undefined && a.max !== null && v > a.max) return "expected at most " + a.max;
    return null;
  }
  if (typeof v !== "string") return "expected text";
  var max = a.max_length || 5000;
  return Array.from(v).length > max ? "text longer than " + max + " characters" : null;
}

// One stored, shared or imported answer entry, cleaned; or a string saying what is wrong.
var ENTRY_KEYS = ["answer", "not_applicable", "reason", "note", "evidence"];
function cleanEntry(def, raw) {
  if (!isMap(raw)) return "not a mapping";
  var stray = Object.keys(raw).filter(function (k) { return ENTRY_KEYS.indexOf(k) < 0; });
  if (stray.length) return "unknown key \u201c" + cut(stray[0], 40) + "\u201d";
  var out = {};
  if (raw.not_applicable === true) {
    if (!def.not_applicable) return "cannot be answered not applicable";
    if (raw.answer !== undefined && raw.answer !== null) return "both answered and not applicable";
    out.not_applicable = true;
    if (raw.reason !== undefined && raw.reason !== null) {
      if (!isText(raw.reason, 20000)) return "the reason is not a text";
      out.reason = raw.reason;
    }
  } else if (raw.not_applicable !== undefined && raw.not_applicable !== null && raw.not_applicable !== false) {
    return "not_applicable is not true or false";
  } else if (raw.answer !== undefined && raw.answer !== null) {
    var problem = answerProblem(def, raw.answer);
    if (problem) return problem;
    if (typeof raw.answer === "string" && raw.answer.search(LONE_SURROGATE) >= 0) return "the answer is not valid Unicode text";
    out.answer = typeof raw.answer === "boolean" ? (raw.answer ? "yes" : "no") : raw.answer;
  }
  if (raw.note !== undefined && raw.note !== null) {
    if (!isText(raw.note, 20000)) return "the note is not a text";
    out.note = raw.note;
  }
  if (raw.evidence !== undefined && raw.evidence !== null) {
    if (!Array.isArray(raw.evidence)) return "the evidence is not a list of texts";
    if (raw.evidence.length > MAX_EVIDENCE) {
      return raw.evidence.length.toLocaleString("en") + " evidence entries, more than the " + MAX_EVIDENCE + " an answer may have";
    }
    if (!raw.evidence.every(function (e) { return isText(e, 20000); })) return "the evidence is not a list of texts";
    if (raw.evidence.length) out.evidence = raw.evidence.slice();
  }
  return out;
}

// {kept: {id: entry}, dropped: {id: raw}, why: {id: problem}} for answers keyed by item id.
function cleanAnswers(st, raw) {
  // Maps without a prototype: an id such as "__proto__" stays a plain key.
  var res = { kept: Object.create(null), dropped: Object.create(null), why: Object.create(null) };
  Object.keys(isMap(raw) ? raw : {}).forEach(function (id) {
    var it = has(st.items, id) ? st.items[id] : null;
    var entry = it ? cleanEntry(it.def, raw[id]) : "no such question";
    if (typeof entry === "string") {
      res.dropped[id] = raw[id];
      res.why[id] = entry;
    } else if (Object.keys(entry).length) {
      res.kept[id] = entry;
    }
  });
  return res;
}

// The project and assessors of a share link or an imported file, as the form keeps them.
function cleanMeta(project, assessors) {
  return {
    project: isText(project, 300) ? project : "",
    assessors: [].concat(assessors || []).slice(0, 100).filter(function (a) { return isText(a, 300); }),
  };
}
