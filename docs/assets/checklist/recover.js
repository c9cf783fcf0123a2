/*
 * Answers from elsewhere, and answers the form cannot keep as they are. What another tab
 * saved comes in, item by item (merge); what does not fit, or what two tabs changed
 * differently, is set aside in this browser's storage so that nothing is lost, with a
 * notice that says why and where it went. Loaded by the form script only when there are
 * such answers: saved answers that no longer fit the page, another tab's save, answers the
 * storage refused (all three from storage.js), and answers that an import, a share link or an upgrade replaces (import.js
 * and upgrade.js come with it).
 *
 * form is the form script's FORM (transfer.js), st the state of one form. import.js and
 * upgrade.js use setAside, listed, snapshot, isEmpty and canon too. While this
 * script is on its way, the form does not save (storage.js, recover), so what is to be set
 * aside is still in the storage if the page closes first.
 */

var MAX_LISTED = 10; // ids named in one notice; the rest are counted

function isMap(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

// "a, b, c and 149,997 more": a notice names a few ids, never thousands.
function listed(form, ids, show) {
  var shown = ids.slice(0, MAX_LISTED).map(show || function (id) { return form.cut(id, 80); }).join(", ");
  return ids.length > MAX_LISTED ? shown + " and " + (ids.length - MAX_LISTED).toLocaleString("en") + " more" : shown;
}

// The project, assessors and answers in the form now.
function snapshot(form, st) {
  var m = form.meta(st);
  return { project: m.project, assessors: m.assessors, answers: form.collect(st) };
}

function isEmpty(rec) {
  return !Object.keys(rec.answers).length && !rec.project && !rec.assessors.length;
}

// Keep `value` (answers the form is about to drop or replace) under a key of its own.
// The words say where they went; when the storage is full, a button downloads them.
function setAside(form, st, value) {
  var body = typeof value === "string" ? value : JSON.stringify(value);
  var name = form.key(st) + ":set-aside:" + new Date().toISOString();
  var s = form.storage();
  try {
    if (!s) throw new Error("no storage");
    s.setItem(name, body);
    return { text: "They were set aside under \u201c" + name + "\u201d in this browser's storage.", extra: [] };
  } catch (e) {
    var button = form.h("button", { type: "button", class: "md-button", "data-role": "download-aside" }, "Download them");
    button.addEventListener("click", function () {
      form.writer().then(function (w) {
        w.download(st.id + "-set-aside-" + w.today() + ".json", body, "application/json");
      }, function (e) {
        button.after(" They could not be downloaded: " + e.message + ".");
      });
    });
    return {
      text: "They could not be set aside (the storage is full): download them, or they are lost at the next save.",
      extra: [button],
    };
  }
}

// The saved record cannot be read, or is of another checklist: the form starts empty.
function unreadable(form, st, raw, problem) {
  var aside = setAside(form, st, raw);
  if (!aside.extra.length) {
    try {
      form.storage().removeItem(form.key(st));
      st.baseRaw = null;
    } catch (e) { /* the next save replaces it */ }
  }
  form.notice(st, "top", "load", "warning", "The answers saved in this browser " + problem + ", so the form starts empty. " + aside.text, aside.extra);
}

// Saved answers to an earlier version of the checklist, or that no longer fit it.
function dropped(form, st, rec, res) {
  var ids = Object.keys(res.dropped);
  var kept = Object.keys(res.kept).length;
  var saved = ids.length ? setAside(form, st, { schema: 1, checklist: st.id, version: rec.version, answers: res.dropped, problems: res.why }) : null;
  if (rec.version !== st.version) {
    form.notice(st, "top", "load", "info", "This checklist was updated from " + rec.version + " to " + st.version + ": " +
      form.plural(kept, "answer") + " kept, " + ids.length + " set aside" + (ids.length ? " (" + listed(form, ids) + "). " + saved.text : "."),
    saved ? saved.extra : null);
  } else {
    form.notice(st, "top", "load", "warning", form.plural(ids.length, "saved answer") + " no longer fit this checklist: " +
      listed(form, ids, function (id) { return form.cut(id, 80) + " (" + res.why[id] + ")"; }) + ". " + saved.text, saved.extra);
  }
}

// JSON with sorted keys: two entries are the same answer when their texts are equal.
function canon(v) {
  if (Array.isArray(v)) return "[" + v.map(canon).join(",") + "]";
  if (isMap(v)) return "{" + Object.keys(v).sort().map(function (k) { return JSON.stringify(k) + ":" + canon(v[k]); }).join(",") + "}";
  return JSON.stringify(v === undefined ? null : v);
}

// Three-way, per item and for the project and assessors: what only the other tab changed
// comes in; where both changed something differently, this tab keeps its own and the
// other tab's answers are set aside.
function merge(form, st) {
  var raw = form.readRaw(st).raw;
  if (raw === undefined || raw === st.baseRaw) return;
  st.baseRaw = raw;
  var read = raw === null ? { clean: { project: "", assessors: [], answers: {} } } : form.parseRecord(st, raw);
  if (read.problem || read.upgrade) return; // a page of another version: the next save replaces it
  var theirs = read.clean;
  var base = st.base;
  var mine = snapshot(form, st);
  var taken = [];
  var both = [];
  function at(rec, k) {
    return k[1] === undefined ? rec[k[0]] : form.has(rec.answers, k[1]) ? rec.answers[k[1]] : {};
  }
  [["project"], ["assessors"]].concat(st.order.map(function (it) { return ["answers", it.id]; })).forEach(function (k) {
    var b = canon(at(base, k));
    var m = canon(at(mine, k));
    var t = canon(at(theirs, k));
    if (m === b && t !== m) {
      taken.push(k[1] || k[0]);
      if (k[1] === undefined) mine[k[0]] = theirs[k[0]];
      else form.fillItem(st.items[k[1]], at(theirs, k));
    } else if (m !== b && t !== b && t !== m) {
      both.push(k[1] || k[0]);
    }
  });
  form.fillMeta(st, mine);
  st.base = theirs;
  st.lastSaved = JSON.stringify(form.asRecord(st, theirs)); // no need to write back what is stored
  if (both.length) {
    var aside = setAside(form, st, form.asRecord(st, theirs));
    form.notice(st, "top", "sync", "warning", "Another tab changed " + listed(form, both) + " too: this tab kept its own answers. The other tab's " + aside.text.slice(5), aside.extra);
  } else if (taken.length) {
    form.notice(st, "top", "sync", "info", "Brought in from another tab: " + listed(form, taken) + ".");
  }
}

// The answers cannot be saved: e the storage's error, or null when they are over the 1 MB
// the form keeps; reading: the page cannot keep answers at all (e: why it cannot read them).
function unsaved(form, st, e, reading) {
  var full = e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22);
  if (reading) {
    return form.notice(st, "top", "storage", "warning", (e ? "Saved answers cannot be read in this browser (" + e.name + ")"
      : "This browser does not let the page keep your answers") + ": they are lost when you leave. Export them as YAML to keep them.");
  }
  form.notice(st, "top", "save", "warning", !e
    ? "Your answers are too large to keep in this browser (over 1 MB): the latest changes are not saved. Shorten the longest notes, or export the answers as YAML."
    : full
      ? "This browser's storage for the site is full: the latest answers are not saved. Export them as YAML to keep them."
      : "Your answers could not be saved in this browser (" + e.name + "). Export them as YAML to keep them.");
}

root.ChecklistRecover = {
  setAside: setAside, unreadable: unreadable, dropped: dropped, merge: merge, unsaved: unsaved,
  canon: canon, listed: listed, snapshot: snapshot, isEmpty: isEmpty,
};
