/*
 * The live checklist form. It enhances the server-rendered markup of every `.ckl-form`
 * (src/checklist/site/templates/form.html): answers -> ChecklistEvaluator (evaluator.js)
 * -> item badges and the result panel; answers kept in localStorage; export to and
 * import from an assessment YAML file; share links in the URL fragment; print.
 * Nothing is sent to any server. import.js (the reader of share links and of files, as
 * strict as the CLI) is loaded only when a link is opened or a file imported, with js-yaml
 * (docs/assets/vendor/js-yaml/) for a file; export.js (the writer of exports, share links
 * and downloads) only when a reader asks for one. Both call the form through FORM.
 * Two tabs on one checklist merge each other's saves item by item (sync).
 */
(function () {
  "use strict";

  var PREFIX = "ml-design-checklist:";
  var MAX_SAVE = 1024 * 1024; // bytes of UTF-8 JSON in localStorage
  var MAX_IMPORT = 2 * 1024 * 1024; // the rule language's limit for a YAML file
  var MAX_EVIDENCE = 100; // evidence entries of one answer
  var MAX_LINK = 1000000; // characters after #answers=; browsers refuse URLs from about 2 MB
  var MAX_LISTED = 10; // ids named in one notice; the rest are counted
  var SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
  var SCRIPT = (document.currentScript && document.currentScript.src) ||
    (document.querySelector("script[src*='checklist/form.']") || location).href;
  var YAML_URL = new URL("../vendor/js-yaml/js-yaml.min.js", SCRIPT).href;
  // import.js and export.js beside this file, minified when this one is (mkdocs.yml minify js_files).
  var MIN = /\.min\.js(\?|$)/.test(SCRIPT) ? ".min.js" : ".js";
  var IMPORT_URL = new URL("import" + MIN, SCRIPT).href;
  var EXPORT_URL = new URL("export" + MIN, SCRIPT).href;
  var UPGRADE_URL = new URL("upgrade" + MIN, SCRIPT).href;
  var RISK = {
    high: "High risk", medium: "Medium risk", low: "Low risk", none: "No risk",
    unanswered: "Unanswered", not_applicable: "Not applicable", skipped: "Not asked",
  };
  var live = []; // the states of the forms set up so far
  var loading = {}; // promises of the scripts loaded on demand

  /* small helpers */

  function has(o, k) {
    return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k);
  }
  function isMap(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }
  // Half of a UTF-16 surrogate pair on its own: no UTF-8 file, and so no export, can hold it.
  var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  function isText(v, max) {
    return typeof v === "string" && v.trim() !== "" && v.search(LONE_SURROGATE) < 0 && Array.from(v).length <= max;
  }
  // "a, b, c and 149,997 more": a notice names a few ids, never thousands.
  function listed(ids, show) {
    var shown = ids.slice(0, MAX_LISTED).map(show || function (id) { return cut(id, 80); }).join(", ");
    return ids.length > MAX_LISTED ? shown + " and " + (ids.length - MAX_LISTED).toLocaleString("en") + " more" : shown;
  }
  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) el.setAttribute(k, attrs[k]);
    });
    [].concat(kids === undefined ? [] : kids).forEach(function (kid) {
      if (kid !== null && kid !== undefined && kid !== false) el.append(kid);
    });
    return el;
  }
  function q(root, role) {
    return root.querySelector("[data-role='" + role + "']");
  }
  function num(v) {
    return window.ChecklistEvaluator.number(v); // checklist.report.number's rule
  }
  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many || one + "s");
  }
  // Why answers to checklist version `wanted` do not fit version `available`, or null: the
  // CLI's rule (checklist.answers.answers_version). Same major version, and not newer.
  function versionProblem(wanted, available) {
    if (typeof wanted !== "string" || !SEMVER.test(wanted)) return "it has no valid checklist version";
    var w = wanted.split(".").map(BigInt);
    var a = available.split(".").map(BigInt);
    if (w[0] !== a[0]) return "answers to version " + wanted + " do not fit version " + available + ": a new major version removes or changes items";
    if (w[1] > a[1] || (w[1] === a[1] && w[2] > a[2])) return "version " + wanted + " is newer than this page's version " + available;
    return null;
  }

  function storage() {
    try {
      return window.localStorage || null;
    } catch (e) {
      return null;
    }
  }
  function bytes(s) {
    return new TextEncoder().encode(s).length;
  }

  /* answers: validated like the Python package (checklist/answers.py) */

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

  /* the controls */

  function indexItems(st) {
    var defs = {};
    st.checklist.sections.forEach(function (s) {
      s.items.forEach(function (i) { defs[i.id] = i; });
    });
    st.items = {};
    st.order = [];
    st.root.querySelectorAll("fieldset.ckl-item[data-item]").forEach(function (el) {
      var id = el.getAttribute("data-item");
      if (!has(defs, id) || has(st.items, id)) return;
      var answers = Array.prototype.slice.call(el.querySelectorAll("[data-role='answer']"));
      var it = {
        id: id,
        def: defs[id],
        el: el,
        radios: answers.filter(function (a) { return a.type === "radio"; }),
        boxes: answers.filter(function (a) { return a.type === "checkbox"; }),
        field: answers.filter(function (a) { return a.type !== "radio" && a.type !== "checkbox"; })[0] || null,
        na: q(el, "not-applicable"),
        reason: q(el, "reason"),
        note: q(el, "note"),
        status: q(el, "status"),
        evidence: null,
        invalid: null,
      };
      it.reasonLabel = it.reason && el.querySelector("label[for='" + it.reason.id + "']");
      it.noteBox = it.note && it.note.closest(".ckl-note");
      if (it.noteBox) {
        // An empty note stays folded behind a button, to keep the questions calm.
        it.noteButton = h("button", { type: "button", class: "ckl-note-add", "data-action": "note", "aria-controls": it.note.id }, "Add a note or evidence");
        it.noteBox.before(it.noteButton);
      }
      st.items[id] = it;
      st.order.push(it);
    });
  }

  function radioValue(it, i) {
    var a = it.def.answer;
    var r = it.radios[i];
    if (a.type === "scale" && a.levels.length === it.radios.length) return a.levels[i].value;
    return r.getAttribute("data-number") === "true" ? Number(r.value) : r.value;
  }

  function readAnswer(it) {
    it.invalid = null;
    for (var i = 0; i < it.radios.length; i++) if (it.radios[i].checked) return radioValue(it, i);
    if (it.boxes.length) {
      var chosen = it.boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      return chosen.length ? chosen : null;
    }
    if (!it.field) return null;
    var text = it.field.value;
    if (it.def.answer.type === "number" || it.field.getAttribute("data-number") === "true") {
      if (text.trim() === "") {
        if (it.field.validity && it.field.validity.badInput) it.invalid = "expected a number";
        return null;
      }
      var n = Number(text);
      it.invalid = answerProblem(it.def, n);
      return it.invalid ? null : n;
    }
    return text.trim() === "" ? null : text;
  }

  function collect(st) {
    var answers = {};
    st.order.forEach(function (it) {
      var e = {};
      if (it.na && it.na.checked) {
        e.not_applicable = true;
        if (it.reason && it.reason.value.trim()) e.reason = it.reason.value;
        it.invalid = null;
      } else {
        var v = readAnswer(it);
        if (v !== null) e.answer = v;
      }
      if (it.note && it.note.value.trim()) e.note = it.note.value;
      if (it.evidence) e.evidence = it.evidence;
      if (Object.keys(e).length) answers[it.id] = e;
    });
    return answers;
  }

  function meta(st) {
    var project = st.project ? st.project.value.trim() : "";
    var assessors = st.assessors ? st.assessors.value.split(",").map(function (s) { return s.trim(); })
      .filter(Boolean) : [];
    return { project: project, assessors: assessors };
  }

  function fill(st, rec) {
    fillMeta(st, rec);
    st.order.forEach(function (it) { fillItem(it, has(rec.answers, it.id) ? rec.answers[it.id] : {}); });
  }

  function fillMeta(st, rec) {
    if (st.project) st.project.value = rec.project || "";
    if (st.assessors) st.assessors.value = (rec.assessors || []).join(", ");
  }

  function fillItem(it, e) {
    var v = has(e, "answer") ? e.answer : null;
    it.radios.forEach(function (r, i) {
      r.checked = v !== null && window.ChecklistEvaluator.sameValue(radioValue(it, i), v);
    });
    it.boxes.forEach(function (b) { b.checked = Array.isArray(v) && v.indexOf(b.value) >= 0; });
    if (it.field) it.field.value = v === null ? "" : String(v);
    if (it.na) it.na.checked = e.not_applicable === true;
    if (it.reason) it.reason.value = e.reason || "";
    if (it.note) it.note.value = e.note || "";
    showNote(it, !!e.note);
    it.evidence = e.evidence || null;
    showEvidence(it);
  }

  function showNote(it, open) {
    if (!it.noteBox) return;
    it.noteBox.hidden = !open;
    it.noteButton.hidden = open;
    it.noteButton.setAttribute("aria-expanded", String(open));
  }

  function showEvidence(it) {
    var old = it.el.querySelector(".ckl-evidence");
    if (old) old.remove();
    if (!it.evidence) return;
    var box = h("div", { class: "ckl-evidence" }, [
      h("p", null, "Evidence, from an imported file (kept in exports):"),
      h("ul", null, it.evidence.map(function (e) { return h("li", null, e); })),
    ]);
    var note = it.note ? it.note.closest(".ckl-note") : null;
    if (note) note.after(box);
    else it.el.append(box);
  }

  /* notices */

  function notice(st, where, key, kind, text, extra) {
    var box = where === "panel" ? st.panelNotices : st.notices;
    dismiss(st, key);
    var node = h("div", { class: "ckl-notice ckl-notice--" + kind, "data-notice": key }, [h("p", null, text)]
      .concat(extra || [])
      .concat(h("button", { type: "button", class: "ckl-notice-close", "data-action": "dismiss", "aria-label": "Dismiss this notice", title: "Dismiss" }, "\u00d7")));
    box.append(node);
    // The result panel scrolls on its own: bring the message under its buttons into view.
    if (where === "panel" && node.scrollIntoView) node.scrollIntoView({ block: "nearest" });
  }
  function dismiss(st, key) {
    st.root.querySelectorAll("[data-notice='" + key + "']").forEach(function (n) { n.remove(); });
  }

  /* storage */

  function key(st) {
    return PREFIX + st.id;
  }

  // Keep `value` (answers the form is about to drop or replace) under a key of its own.
  // The words say where they went; when the storage is full, a button downloads them.
  function setAside(st, value) {
    var body = typeof value === "string" ? value : JSON.stringify(value);
    var name = key(st) + ":set-aside:" + new Date().toISOString();
    var s = storage();
    try {
      if (!s) throw new Error("no storage");
      s.setItem(name, body);
      return { text: "They were set aside under \u201c" + name + "\u201d in this browser's storage.", extra: [] };
    } catch (e) {
      var button = h("button", { type: "button", class: "md-button", "data-role": "download-aside" }, "Download them");
      button.addEventListener("click", function () {
        writer().then(function (w) {
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
      notice(st, "top", "storage", "warning", (got.error ? "Saved answers cannot be read in this browser (" + got.error.name + ")"
        : "This browser does not let the page keep your answers") + ": they are lost when you leave. Export them as YAML to keep them.");
      return empty;
    }
    var raw = got.raw;
    if (raw === null) return empty;
    var read = parseRecord(st, raw);
    if (read.upgrade) {
      script(UPGRADE_URL, "ChecklistUpgrade").then(function (u) { u.upgradeStored(FORM, st, read.upgrade); }, function (e) {
        notice(st, "top", "load", "error", "The answers saved for version " + read.upgrade.version + " could not be carried over (" + e.message + "); they are still saved. Reload to try again.");
      });
      st.baseRaw = raw; // kept until the upgraded answers replace it
      return empty;
    }
    if (read.problem) {
      var aside = setAside(st, raw);
      if (!aside.extra.length) {
        try {
          storage().removeItem(key(st));
        } catch (e) { /* the next save replaces it */ }
      } else {
        st.baseRaw = raw;
      }
      notice(st, "top", "load", "warning", "The answers saved in this browser " + read.problem + ", so the form starts empty. " + aside.text, aside.extra);
      return empty;
    }
    var rec = read.rec;
    var res = read.res;
    var dropped = Object.keys(res.dropped);
    var out = read.clean;
    st.base = out;
    st.baseRaw = raw;
    var kept = Object.keys(res.kept).length;
    var saved = dropped.length ? setAside(st, { schema: 1, checklist: st.id, version: rec.version, answers: res.dropped, problems: res.why }) : null;
    if (rec.version !== st.version) {
      notice(st, "top", "load", "info", "This checklist was updated from " + rec.version + " to " + st.version + ": " +
        plural(kept, "answer") + " kept, " + dropped.length + " set aside" + (dropped.length ? " (" + listed(dropped) + "). " + saved.text : "."),
      saved ? saved.extra : null);
      out.changed = true;
    } else if (dropped.length) {
      notice(st, "top", "load", "warning", plural(dropped.length, "saved answer") + " no longer fit this checklist: " +
        listed(dropped, function (id) { return cut(id, 80) + " (" + res.why[id] + ")"; }) + ". " + saved.text, saved.extra);
      out.changed = true;
    }
    return out;
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
    var rec = record(st, answers);
    var body = JSON.stringify(rec);
    if (body === st.lastSaved) return;
    rec.saved = new Date().toISOString();
    var json = JSON.stringify(rec);
    if (bytes(json) > MAX_SAVE) {
      notice(st, "top", "save", "warning", "Your answers are too large to keep in this browser (over 1 MB): the latest changes are not saved. Shorten the longest notes, or export the answers as YAML.");
      return;
    }
    var s = storage();
    if (!s) return; // already reported when the form was set up
    try {
      s.setItem(key(st), json);
      st.lastSaved = body;
      st.base = { project: rec.project, assessors: rec.assessors, answers: answers };
      st.baseRaw = json;
      dismiss(st, "save");
    } catch (e) {
      var full = e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22);
      notice(st, "top", "save", "warning", full
        ? "This browser's storage for the site is full: the latest answers are not saved. Export them as YAML to keep them."
        : "Your answers could not be saved in this browser (" + (e && e.name) + "). Export them as YAML to keep them.");
    }
  }

  /* two tabs on one checklist: merge what another tab saved, item by item */

  // JSON with sorted keys: two entries are the same answer when their texts are equal.
  function canon(v) {
    if (Array.isArray(v)) return "[" + v.map(canon).join(",") + "]";
    if (isMap(v)) return "{" + Object.keys(v).sort().map(function (k) { return JSON.stringify(k) + ":" + canon(v[k]); }).join(",") + "}";
    return JSON.stringify(v === undefined ? null : v);
  }

  // Three-way, per item and for the project and assessors: what only the other tab changed
  // comes in; where both changed something differently, this tab keeps its own and the
  // other tab's answers are set aside.
  function sync(st) {
    var raw = readRaw(st).raw;
    if (raw === undefined || raw === st.baseRaw) return;
    st.baseRaw = raw;
    var read = raw === null ? { clean: { project: "", assessors: [], answers: {} } } : parseRecord(st, raw);
    if (read.problem || read.upgrade) return; // a page of another version: the next save replaces it
    var theirs = read.clean;
    var base = st.base;
    var mine = snapshot(st);
    var taken = [];
    var both = [];
    function at(rec, k) {
      return k[1] === undefined ? rec[k[0]] : has(rec.answers, k[1]) ? rec.answers[k[1]] : {};
    }
    [["project"], ["assessors"]].concat(st.order.map(function (it) { return ["answers", it.id]; })).forEach(function (k) {
      var b = canon(at(base, k));
      var m = canon(at(mine, k));
      var t = canon(at(theirs, k));
      if (m === b && t !== m) {
        taken.push(k[1] || k[0]);
        if (k[1] === undefined) mine[k[0]] = theirs[k[0]];
        else fillItem(st.items[k[1]], at(theirs, k));
      } else if (m !== b && t !== b && t !== m) {
        both.push(k[1] || k[0]);
      }
    });
    fillMeta(st, mine);
    st.base = theirs;
    st.lastSaved = JSON.stringify(asRecord(st, theirs)); // no need to write back what is stored
    if (both.length) {
      var aside = setAside(st, asRecord(st, theirs));
      notice(st, "top", "sync", "warning", "Another tab changed " + listed(both) + " too: this tab kept its own answers. The other tab's " + aside.text.slice(5), aside.extra);
    } else if (taken.length) {
      notice(st, "top", "sync", "info", "Brought in from another tab: " + listed(taken) + ".");
    }
  }


  /* evaluation and display */

  function itemLink(st, id, text) {
    var it = st.items[id];
    return it && it.el.id ? h("a", { href: "#" + it.el.id }, text) : text;
  }

  function badge(risk, text) {
    return h("span", { class: "ckl-badge ckl-risk ckl-risk--" + risk }, text || RISK[risk]);
  }

  function paint(st, r) {
    var it = st.items[r.id];
    if (!it) return;
    var skipped = r.status === "skipped";
    if (skipped !== it.el.hidden && !skipped && st.ready) {
      it.el.classList.add("ckl-item--revealed");
      setTimeout(function () { it.el.classList.remove("ckl-item--revealed"); }, 1600);
    }
    it.el.hidden = skipped;
    it.el.classList.toggle("ckl-item--skipped", skipped);
    it.el.setAttribute("data-status", r.status);
    it.el.setAttribute("data-risk", r.risk);
    var na = !!(it.na && it.na.checked);
    it.radios.concat(it.boxes, it.field ? [it.field] : []).forEach(function (c) { c.disabled = na; });
    if (it.reason) {
      it.reason.hidden = !na;
      if (it.reasonLabel) it.reasonLabel.hidden = !na;
      it.reason.required = na;
    }
    if (it.na) it.na.closest(".ckl-na").classList.toggle("ckl-na--on", na);
    it.radios.concat(it.boxes).forEach(function (radio) {
      var label = radio.closest("label");
      if (label) label.classList.toggle("ckl-option--checked", radio.checked);
    });
    if (it.note) it.note.closest(".ckl-note").classList.toggle("ckl-note--empty", !it.note.value.trim());
    if (it.status) {
      it.status.textContent = "";
      it.status.append(badge(r.risk));
      if (r.status === "answered" && r.points !== null && it.def.answer.type !== "yes_no") {
        it.status.append(h("span", { class: "ckl-points" }, num(r.points) + (r.points === 1 ? " point" : " points")));
      }
      if (it.invalid) it.status.append(h("span", { class: "ckl-problem" }, "Not counted: " + it.invalid + "."));
      if (na && !(it.reason && it.reason.value.trim())) {
        it.status.append(h("span", { class: "ckl-problem" }, "Say why it does not apply."));
      }
    }
  }

  // What the headline shows: no score before the first answer, the band only once the
  // result is settled, and a score that a failed deal-breaker overrides said so.
  var HEADLINE = { pending: "Band pending: see why below", blocked: "Overridden by a deal-breaker" };

  function verdictBox(st, res) {
    var v = res.verdict;
    if (v && v.state === "settled") {
      var why = [v.because + "."];
      if (v.decided_by === "blocker") {
        why = ["Decided by " + (v.blockers.length === 1 ? "a deal-breaker" : "deal-breakers") + ": "];
        v.blockers.forEach(function (id, n) {
          if (n) why.push(", ");
          why.push(itemLink(st, id, st.items[id] ? st.items[id].def.question : id));
        });
      }
      return h("div", { class: "ckl-verdict ckl-verdict--" + v.tone, "data-verdict": v.id, "data-state": "settled" }, [
        h("p", { class: "ckl-verdict-kicker" }, res.complete ? "Verdict" : "Provisional verdict"),
        h("p", { class: "ckl-verdict-label" }, v.label),
        v.description ? h("p", { class: "ckl-verdict-description" }, v.description) : null,
        h("p", { class: "ckl-verdict-why" }, why),
      ]);
    }
    if (!res.pending.length) return null;
    var next = res.next.slice(0, 3).map(function (id) { return itemLink(st, id, st.items[id] ? st.items[id].def.question : id); });
    return h("div", { class: "ckl-verdict ckl-verdict--pending", "data-state": "pending" }, [
      h("p", { class: "ckl-verdict-kicker" }, v ? "Verdict" : "Result"),
      h("p", { class: "ckl-verdict-label" }, "Pending"),
      h("p", { class: "ckl-verdict-why" }, res.pending.join("; ").replace(/^./, function (c) { return c.toUpperCase(); }) + "."),
      next.length ? h("p", { class: "ckl-verdict-next" }, ["Answer next: "].concat(next.reduce(function (out, link, n) {
        return out.concat(n ? ["; ", link] : [link]);
      }, [])).concat(res.next.length > 3 ? ["; and " + (res.next.length - 3) + " more."] : ["."])) : null,
    ]);
  }

  function counts(title, values) {
    return [h("h3", null, title), h("ul", { class: "ckl-risk-counts" }, Object.keys(RISK).map(function (k) {
      return h("li", { class: values[k] ? "" : "ckl-zero" }, [badge(k), " ", h("strong", null, String(values[k]))]);
    }))];
  }

  function render(st, res) {
    var box = st.summary;
    var total = res.items.filter(function (i) { return i.status !== "skipped"; }).length;
    var done = total - res.unanswered.length;
    var head = res.scores.filter(function (s) { return s.id === res.headline; })[0];
    var shown = res.headline_status;
    var parts = [];
    parts.push(h("div", { class: "ckl-headline", "data-state": shown }, head ? [
      h("p", { class: "ckl-headline-label" }, head.label),
      head.value === null || shown === "empty"
        ? h("p", { class: "ckl-headline-value ckl-headline-value--none", "data-value": "" }, shown === "empty" ? "Not answered yet" : "No score yet")
        : h("p", { class: "ckl-headline-value" + (shown === "blocked" ? " ckl-headline-value--overridden" : ""), "data-value": String(head.value) }, num(head.value)),
      shown === "settled" ? (head.band ? h("p", { class: "ckl-headline-band" }, head.band) : null)
        : has(HEADLINE, shown) && head.value !== null ? h("p", { class: "ckl-headline-band ckl-headline-band--" + shown }, HEADLINE[shown]) : null,
    ] : []));
    parts.push(h("div", { class: "ckl-progress" }, [
      h("div", { class: "ckl-progress-bar", "aria-hidden": "true" },
        h("span", { style: "width:" + (total ? Math.round((100 * done) / total) : 0) + "%" })),
      h("p", null, done + " of " + plural(total, "question") + " answered" + (res.items.length > total
        ? " (" + plural(res.items.length - total, "follow-up question") + " not asked)" : "")),
    ]));
    var verdict = verdictBox(st, res);
    if (verdict) parts.push(verdict);
    if (!res.complete && res.settled) {
      parts.push(h("p", { class: "ckl-provisional" }, "Provisional: " + plural(res.unanswered.length, "question is", "questions are") + " unanswered."));
    }
    parts = parts.concat(counts("Items by risk", res.risks));
    // Sections by their own risk, where a section has rules of its own (a Well-Architected
    // question); elsewhere a section's risk is only its highest item's.
    if (st.checklist.sections.some(function (x) { return x.risk; })) parts = parts.concat(counts("Sections by risk", res.section_risks));
    if (res.scores.length) {
      var table = h("table", { class: "ckl-scores" }, [
        h("thead", null, h("tr", null, [h("th", { scope: "col" }, "Score"), h("th", { scope: "col" }, "Value"), h("th", { scope: "col" }, "Band")])),
        h("tbody", null, res.scores.map(function (s) {
          var band = s.id === res.headline && has(HEADLINE, shown) ? (shown === "blocked" ? "overridden" : "pending") : s.band || "";
          return h("tr", { class: s.id === res.headline ? "ckl-headline-row" : null },
            [h("th", { scope: "row" }, s.label), h("td", null, num(s.value)), h("td", null, band)]);
        })),
      ]);
      var details = h("details", { class: "ckl-scores-detail", open: st.scoresOpen ? "" : null }, [
        h("summary", null, "All scores (" + res.scores.length + ")"), table]);
      details.addEventListener("toggle", function () { st.scoresOpen = details.open; });
      parts.push(details);
    }
    parts.push(h("h3", null, "Improvement plan"));
    parts.push(res.plan.length
      ? h("ol", { class: "ckl-plan" }, res.plan.map(function (p) {
        return h("li", null, [badge(p.risk), " ", itemLink(st, p.item, p.question), h("p", { class: "ckl-plan-hint" }, p.hint),
          p.missing.length ? h("ul", { class: "ckl-plan-missing" }, p.missing.map(function (m) {
            return h("li", null, m.hint ? [h("strong", null, m.label), " " + m.hint] : m.label);
          })) : null]);
      }))
      : h("p", { class: "ckl-plan-empty" }, done ? "Nothing is at high or medium risk." : "Answer the questions to see what to improve first."));
    box.textContent = "";
    parts.forEach(function (p) { box.append(p); });
    res.sections.forEach(function (r) {
      var el = st.root.querySelector("section.ckl-section[data-section='" + r.id + "'] .ckl-section-title");
      if (!el) return;
      var old = el.querySelector(".ckl-section-risk");
      if (old) old.remove();
      if (["high", "medium", "low", "none"].indexOf(r.risk) >= 0) el.append(" ", h("span", { class: "ckl-badge ckl-risk ckl-section-risk ckl-risk--" + r.risk, title: "The risk of this section as a whole" }, RISK[r.risk]));
    });
    if (st.mini) {
      var v = res.verdict;
      st.mini.textContent = "";
      st.mini.append(
        h("span", { class: "ckl-mini-score" }, head && head.value !== null && shown !== "empty" ? head.label + " " + num(head.value) : done + " of " + total + " answered"),
        v && v.state === "settled" ? h("span", { class: "ckl-mini-verdict ckl-verdict--" + v.tone }, (res.complete ? "" : "Provisional: ") + v.label)
          : res.pending.length ? h("span", { class: "ckl-mini-verdict ckl-verdict--pending" }, (v ? "Verdict" : "Result") + " pending") : "",
        h("span", { class: "ckl-mini-go" }, "See result")
      );
    }
  }

  function announce(st, res, skippedBefore) {
    var head = res.scores.filter(function (s) { return s.id === res.headline; })[0];
    var text = [];
    if (head && res.headline_status !== "empty") text.push(head.label + " " + num(head.value) + (head.band ? " (" + head.band + ")" : "") + ".");
    var v = res.verdict;
    if (v && v.state === "settled") text.push((res.complete ? "Verdict: " : "Provisional verdict: ") + v.label + ".");
    else if (res.pending.length) text.push((v ? "Verdict" : "Result") + " pending: " + res.pending.join("; ") + ".");
    if (!res.complete) text.push(plural(res.unanswered.length, "question") + " unanswered.");
    var skipped = res.items.filter(function (i) { return i.status === "skipped"; }).length;
    if (skipped < skippedBefore) text.push(plural(skippedBefore - skipped, "follow-up question") + " now " + (skippedBefore - skipped === 1 ? "applies." : "apply."));
    if (skipped > skippedBefore) text.push(plural(skipped - skippedBefore, "question") + " no longer " + (skipped - skippedBefore === 1 ? "applies." : "apply."));
    var message = text.join(" ");
    if (st.live && message !== st.live.textContent) st.live.textContent = message;
  }

  function update(st, speak) {
    clearTimeout(st.timer);
    st.timer = null;
    if (st.ready) sync(st); // another tab may have saved since: never write over its answers
    var answers = collect(st);
    var res;
    try {
      res = window.ChecklistEvaluator.evaluate(st.checklist, answers);
    } catch (e) {
      notice(st, "top", "evaluate", "error", "The result could not be computed: " + e.message);
      return;
    }
    var skippedBefore = st.skipped;
    st.notAsked = res.items.filter(function (i) { return i.status === "skipped"; }).map(function (i) { return i.id; });
    st.skipped = st.notAsked.length;
    res.items.forEach(function (r) { paint(st, r); });
    render(st, res);
    save(st, answers);
    if (speak) announce(st, res, skippedBefore);
  }

  function later(st) {
    clearTimeout(st.timer);
    st.timer = setTimeout(function () { update(st, true); }, 300);
  }

  /* outside the form: export.js writes answers out, import.js reads them in */

  // A script that defines window[name], loaded once, when first needed: export.js to
  // export, share or download answers; import.js for a share link, and js-yaml too for a file.
  function script(url, name) {
    if (window[name]) return Promise.resolve(window[name]);
    if (!loading[name]) {
      var file = url.split("/").pop();
      loading[name] = new Promise(function (resolve, reject) {
        var s = h("script", { src: url, async: "" });
        s.onload = function () {
          if (window[name]) resolve(window[name]);
          else reject(new Error("the script " + file + " did not start"));
        };
        s.onerror = function () {
          s.remove();
          delete loading[name];
          reject(new Error("the script " + file + " could not be loaded"));
        };
        document.head.append(s);
      });
    }
    return loading[name];
  }
  function reader() {
    return script(IMPORT_URL, "ChecklistImport");
  }
  function writer() {
    return script(EXPORT_URL, "ChecklistExport");
  }

  function refuse(st, text) {
    notice(st, "panel", "action", "error", text);
  }

  function cut(s, max) {
    return Array.from(s).slice(0, max).join("");
  }
  function snapshot(st) {
    var m = meta(st);
    return { project: m.project, assessors: m.assessors, answers: collect(st) };
  }
  function isEmpty(rec) {
    return !Object.keys(rec.answers).length && !rec.project && !rec.assessors.length;
  }
  // What import.js checks outside answers against.
  function page(st) {
    return { id: st.id, version: st.version, versionProblem: versionProblem, maxLink: MAX_LINK };
  }

  // The form's own functions that export.js and import.js call, with the state `st` of one form.
  // What leaves the browser (export, share link): the answers to the items asked, never
  // those to follow-up questions whose condition no longer holds (they would not count).
  function asked(st) {
    var answers = collect(st);
    (st.notAsked || []).forEach(function (id) { delete answers[id]; });
    return answers;
  }

  var FORM = {
    h: h, notice: notice, refuse: refuse, plural: plural, listed: listed, cut: cut, has: has, maxLink: MAX_LINK,
    meta: meta, collect: collect, asked: asked, snapshot: snapshot, isEmpty: isEmpty, canon: canon, fill: fill, update: update,
    page: page, cleanAnswers: cleanAnswers, cleanMeta: cleanMeta, setAside: setAside, asRecord: asRecord,
  };

  function importFile(st, file) {
    if (file.size > MAX_IMPORT) return refuse(st, file.name + " is larger than 2 MiB, the limit for an assessment file.");
    file.arrayBuffer().then(function (buffer) {
      return Promise.all([script(YAML_URL, "jsyaml"), reader()]).then(function (both) {
        both[1].importFile(FORM, st, file.name, new Uint8Array(buffer), both[0]);
      });
    }).catch(function (e) { refuse(st, file.name + " could not be imported: " + e.message + "."); });
    return null;
  }

  // Answers in the URL (#answers=...), read by import.js once the form is set up. Answers
  // that the link replaces are set aside first, and Undo brings them back.
  function openLink(st) {
    if (location.hash.slice(0, 9) !== "#answers=") return;
    var text = location.hash.slice(9);
    try {
      history.replaceState(history.state, "", location.href.split("#")[0]);
    } catch (e) { /* the fragment stays; harmless */ }
    reader().then(function (r) { r.openLink(FORM, st, text); }, function (e) {
      notice(st, "top", "link", "error", "The share link could not be read: " + e.message + ".");
    });
  }


  /* set-up */

  function act(st, action, target) {
    if (action === "export" || action === "share") {
      update(st, false);
      writer().then(function (w) {
        if (action === "export") w.exportYaml(FORM, st);
        else w.share(FORM, st);
      }, function (e) {
        refuse(st, (action === "export" ? "The answers could not be exported: " : "No share link was made: ") + e.message + ".");
      });
    } else if (action === "import") {
      if (st.file) st.file.click();
    } else if (action === "print") {
      update(st, false);
      window.print();
    } else if (action === "reset") {
      if (!window.confirm("Clear every answer, the project and the assessors of this checklist from this form and from this browser?")) return;
      var s = storage();
      try {
        if (s) s.removeItem(key(st));
        st.base = { project: "", assessors: [], answers: {} };
        st.baseRaw = null;
      } catch (e) { /* the record stays; the next save replaces it */ }
      fill(st, { project: "", assessors: [], answers: {} });
      st.lastSaved = JSON.stringify(record(st, {}));
      update(st, true);
      notice(st, "panel", "action", "success", "All answers were cleared.");
    } else if (action === "note") {
      var box = target.closest(".ckl-item");
      var it = box && st.items[box.getAttribute("data-item")];
      if (it) {
        showNote(it, true);
        it.note.focus();
      }
    } else if (action === "dismiss") {
      var n = target.closest(".ckl-notice");
      if (n) n.remove();
    }
  }

  function setup(root) {
    if (root.hasAttribute("data-ckl-ready")) return;
    root.setAttribute("data-ckl-ready", "");
    var st = {
      root: root,
      id: root.getAttribute("data-checklist-id"),
      version: root.getAttribute("data-checklist-version"),
      notices: q(root, "notices") || root.insertBefore(h("div", { class: "ckl-notices", role: "status" }), root.firstChild),
      timer: null,
      skipped: 0,
      scoresOpen: false,
      lastSaved: null,
    };
    try {
      st.checklist = JSON.parse(root.getAttribute("data-checklist"));
      if (!isMap(st.checklist) || !Array.isArray(st.checklist.sections)) throw new Error("the checklist data is missing");
      if (!window.ChecklistEvaluator) throw new Error("the evaluator script is missing");
    } catch (e) {
      notice(st, "top", "setup", "error", "The live form could not start (" + e.message + "). The questions below can still be answered in an assessment file.");
      return;
    }
    st.id = st.id || st.checklist.id;
    st.version = st.version || st.checklist.version;
    st.scoresOpen = (st.checklist.scores || []).length <= 4;
    var panel = q(root, "result");
    st.summary = q(root, "summary") || (panel || root).appendChild(h("div", { "data-role": "summary" }));
    st.live = q(root, "live");
    st.project = q(root, "project");
    st.assessors = q(root, "assessors");
    st.file = q(root, "import-file");
    var actions = q(root, "actions");
    st.panelNotices = h("div", { class: "ckl-notices ckl-panel-notices", role: "status" });
    if (actions) actions.after(st.panelNotices);
    else (panel || root).append(st.panelNotices);
    indexItems(st);
    var title = panel && panel.querySelector("h2[id], h3[id]");
    if (title) st.mini = root.appendChild(h("a", { class: "ckl-mini", href: "#" + title.id }));
    if (st.mini && window.IntersectionObserver) {
      // The bar leads to the result: hide it while the result is on screen.
      new IntersectionObserver(function (seen) {
        st.mini.classList.toggle("ckl-mini--away", seen[0].isIntersecting);
      }).observe(panel);
    }

    var rec = load(st);
    fill(st, rec);
    if (!rec.changed) st.lastSaved = JSON.stringify(record(st, collect(st)));

    root.addEventListener("change", function (e) {
      var t = e.target;
      if (t === st.file) {
        if (t.files && t.files[0]) importFile(st, t.files[0]);
        t.value = "";
      } else if (t.type === "radio" || t.type === "checkbox") {
        // "None of these" stands alone: choosing it clears the others, and the reverse.
        var group = t.checked && t.getAttribute("data-role") === "answer" && t.type === "checkbox" ? t.closest(".ckl-controls") : null;
        if (group) {
          var alone = t.getAttribute("data-exclusive") === "true";
          group.querySelectorAll("input[type='checkbox']").forEach(function (b) {
            if (b !== t && (alone || b.getAttribute("data-exclusive") === "true")) b.checked = false;
          });
        }
        update(st, true);
        var box = t.closest(".ckl-item");
        var it = box && st.items[box.getAttribute("data-item")];
        if (it && t === it.na && t.checked && it.reason) it.reason.focus();
      } else if (st.timer) {
        update(st, true);
      }
    });
    root.addEventListener("input", function (e) {
      var t = e.target;
      if (t.type !== "radio" && t.type !== "checkbox" && t !== st.file) later(st);
    });
    root.addEventListener("click", function (e) {
      var b = e.target.closest("[data-action]");
      if (b && root.contains(b)) act(st, b.getAttribute("data-action"), b);
    });

    update(st, false);
    st.ready = true;
    var all = q(root, "all");
    if (all) all.disabled = false;
    root.querySelectorAll(".ckl-nojs").forEach(function (p) { p.hidden = true; });
    [q(root, "meta"), panel].forEach(function (el) { if (el) el.hidden = false; });
    root.classList.add("ckl-js");
    live.push(st);
    openLink(st);
  }

  function setupAll() {
    live = live.filter(function (st) {
      if (st.root.isConnected) return true;
      if (st.timer) update(st, false); // keep what was typed just before leaving the page
      return false;
    });
    document.querySelectorAll(".ckl-form").forEach(setup);
  }

  function flush() {
    live.forEach(function (st) { if (st.timer) update(st, false); });
  }

  window.addEventListener("pagehide", flush);
  // Another tab of this site saved: bring its answers in before this tab saves again.
  window.addEventListener("storage", function (e) {
    live.forEach(function (st) {
      if (st.root.isConnected && (e.key === null || e.key === key(st))) update(st, false);
    });
  });
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flush(); });
  window.addEventListener("beforeprint", function () {
    flush();
    document.querySelectorAll(".ckl-js details.ckl-scores-detail").forEach(function (d) { d.open = true; });
    // Print every line of each answer's note, not only the rows the text area shows.
    document.querySelectorAll(".ckl-js textarea").forEach(function (t) { t.style.height = t.scrollHeight + 4 + "px"; });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll(".ckl-js textarea").forEach(function (t) { t.style.height = ""; });
  });

  // For tests and for pages that insert a form after loading.
  window.ChecklistForm = { setup: setupAll, answerProblem: answerProblem };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setupAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupAll);
  } else {
    setupAll();
  }
})();
