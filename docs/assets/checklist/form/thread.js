/*
 * The live checklist form, part 7 of 9: the thread through the site. Each form keeps a
 * summary of its result (answered, verdict) that the checklists index shows as the
 * reader's progress (progress.js); the project and assessors are kept once, for every checklist; and
 * a settled verdict points at the next checklist.
 */

var DETAILS = PREFIX + "details"; // {project, assessors}: the last ones typed on any checklist

function summaryKey(id) {
  return PREFIX + "summary:" + id;
}

// value null: remove it.
function writeItem(name, value) {
  var s = storage();
  try {
    if (s && s.getItem(name) !== value) value === null ? s.removeItem(name) : s.setItem(name, value);
  } catch (e) { /* progress and shared details are a convenience: the answers are saved apart */ }
}

function readItem(name) {
  try {
    var v = JSON.parse(storage().getItem(name));
    return isMap(v) ? v : null;
  } catch (e) {
    return null;
  }
}

// After each evaluation: the summary, and the project and assessors for the other checklists.
function keepThread(st, res) {
  var v = res.verdict;
  var asked = res.items.filter(function (i) { return i.status !== "skipped"; }).length;
  var answered = asked - res.unanswered.length;
  writeItem(summaryKey(st.id), answered ? JSON.stringify({
    version: st.version, answered: answered, asked: asked,
    state: v && v.state, label: v && v.label, tone: v && v.tone,
  }) : null);
  var m = meta(st);
  if (m.project || m.assessors.length) writeItem(DETAILS, JSON.stringify(m));
}

// A form that has no project and no assessors of its own gets the shared ones, to keep or change.
function offerDetails(st, rec) {
  var shared = readItem(DETAILS);
  if (!shared || rec.project || (rec.assessors || []).length) return;
  var clean = cleanMeta(shared.project, shared.assessors);
  if (!clean.project && !clean.assessors.length) return;
  fillMeta(st, clean);
}

// The next checklist, once the verdict is settled (data-next, from the site's navigation).
function nextLink(st, res) {
  var url = st.root.getAttribute("data-next");
  if (!url || !res.verdict || res.verdict.state !== "settled") return null;
  return h("p", { class: "ckl-next" }, ["Next: ", h("a", { href: url }, st.root.getAttribute("data-next-title")), "."]);
}

// The checklists index: each checklist's progress, by progress.js (loaded for that page).
function showProgress() {
  if (document.querySelector(".ckl-progress-of")) {
    script("progress").then(function (p) { p.show(FORM); }, function () { /* the cells stay empty */ });
  }
}
