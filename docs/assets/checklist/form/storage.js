/*
 * The live checklist form, part 4 of 9 (src/checklist/site/assets.py joins the
 * parts into one script): the answers kept in this browser (localStorage).
 */

function key(st) {
  return PREFIX + st.id;
}

function recordProblem(st, rec) {
  if (!isMap(rec)) return "it is not a saved form";
  if (rec.schema !== 1) return "it has an unknown format";
  if (rec.checklist !== st.id) return "it belongs to another checklist (" + cut(String(rec.checklist), 80) + ")";
  if (typeof rec.version !== "string" || !SEMVER.test(rec.version)) return "it has no valid version";
  if (!isMap(rec.answers)) return "it has no answers";
  if (rec.project !== undefined && typeof rec.project !== "string") return "its project is not a text";
  if (rec.assessors !== undefined && !(Array.isArray(rec.assessors) &&
      rec.assessors.every(function (a) { return typeof a === "string"; }))) return "its assessors are not a list of names";
  return null;
}

// The raw saved record, or {error} when the storage cannot be read.
function readRaw(st) {
  var s = storage();
  if (!s) return { error: null };
  try {
    return { raw: s.getItem(key(st)) };
  } catch (e) {
    return { error: e };
  }
}

// A saved record read and cleaned: {rec, problem, res}.
function parseRecord(st, raw) {
  var rec;
  try {
    rec = JSON.parse(raw);
  } catch (e) {
    return { problem: "could not be read (it is not valid JSON)" };
  }
  var problem = recordProblem(st, rec);
  if (problem) return { problem: "could not be read (" + problem + ")" };
  problem = versionProblem(rec.version, st.version);
  var major = +st.version.split(".")[0];
  // Answers to the major version this one follows (its upgrade block, or the previous one).
  var from = st.checklist.upgrade ? st.checklist.upgrade.from : major - 1;
  if (problem && +rec.version.split(".")[0] === from && from < major) return { upgrade: rec };
  if (problem) return { problem: "do not fit this page (" + problem + ")" };
  var res = cleanAnswers(st, rec.answers);
  var clean = cleanMeta(rec.project, rec.assessors);
  clean.answers = res.kept;
  return { rec: rec, res: res, clean: clean };
}

// The saved record, cleaned; notices for whatever had to be set aside.
function load(st) {
  var empty = { project: "", assessors: [], answers: {} };
  st.base = empty;
  st.baseRaw = null;
  var got = readRaw(st);
  if (got.raw === undefined) {
    unsaved(st, got.error, true);
    return empty;
  }
  var raw = got.raw;
  if (raw === null) return empty;
  var read = parseRecord(st, raw);
  if (read.upgrade) {
    Promise.all([script("upgrade"), script("recover")]).then(function (both) { both[0].upgradeStored(FORM, st, read.upgrade); }, function (e) {
      notice(st, "top", "load", "error", "The answers saved for version " + read.upgrade.version + " could not be carried over (" + e.message + "); they are still saved. Reload to try again.");
    });
    st.baseRaw = raw; // kept until the upgraded answers replace it
    return empty;
  }
  if (read.problem) {
    st.baseRaw = raw; // until recover.js has set it aside
    recover(st, function (r) { r.unreadable(FORM, st, raw, read.problem); });
    return empty;
  }
  var rec = read.rec;
  var out = read.clean;
  st.base = out;
  st.baseRaw = raw;
  if (rec.version !== st.version || Object.keys(read.res.dropped).length) {
    recover(st, function (r) { r.dropped(FORM, st, rec, read.res); });
    out.changed = true;
  }
  return out;
}

// Another tab saved since this one last read the storage: recover.js brings its answers
// in, item by item, before this tab saves again; never write over them.
function sync(st) {
  var raw = readRaw(st).raw;
  if (raw !== undefined && raw !== st.baseRaw && !st.recovering) recover(st, function (r) { r.merge(FORM, st); });
}

// Answers from elsewhere, or that the form cannot keep as they are: recover.js brings them
// in or sets them aside, with a notice, before the form saves again (save waits meanwhile).
function recover(st, then) {
  st.recovering = (st.recovering || 0) + 1;
  script("recover").then(function (r) {
    then(r);
    st.recovering -= 1;
    if (!st.recovering) update(st, false);
  }, function (e) {
    // Saving now could write over answers not yet set aside: the form stops saving.
    notice(st, "top", "recover", "error", "Saved answers could not be checked (" + e.message + "): this form stops saving. Reload the page.");
  });
}

function asRecord(st, rec) {
  return { schema: 1, checklist: st.id, version: st.version, saved: "", project: rec.project, assessors: rec.assessors, answers: rec.answers };
}
function record(st, answers) {
  var m = meta(st);
  m.answers = answers;
  return asRecord(st, m);
}

function save(st, answers) {
  if (st.recovering) return; // what is saved now is still to be set aside
  var rec = record(st, answers);
  var body = JSON.stringify(rec);
  if (body === st.lastSaved) return;
  rec.saved = new Date().toISOString();
  var json = JSON.stringify(rec);
  if (bytes(json) > MAX_SAVE) return unsaved(st, null);
  var s = storage();
  if (!s) return; // already reported when the form was set up
  try {
    s.setItem(key(st), json);
    st.lastSaved = body;
    st.base = { project: rec.project, assessors: rec.assessors, answers: answers };
    st.baseRaw = json;
    dismiss(st, "save");
  } catch (e) {
    unsaved(st, e);
  }
}

// The answers cannot be saved: e the storage's error, or null when they are too large;
// reading: the page cannot keep answers at all. recover.js says why and what to do.
function unsaved(st, e, reading) {
  script("recover").then(function (r) { r.unsaved(FORM, st, e, reading); }, function () {
    notice(st, "top", "save", "warning", "Your latest answers are not saved: export them as YAML.");
  });
}
