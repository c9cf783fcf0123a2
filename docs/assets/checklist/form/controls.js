/*
 * The live checklist form, part 3 of 9 (src/checklist/site/assets.py joins the
 * parts into one script): the controls of each question, read and filled, and the notices.
 */

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
