/*
 * The live checklist form, part 9 of 9 (src/checklist/site/assets.py joins the
 * parts into one script): set-up of each form, its actions, and the page's events.
 */

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
    if (!window.confirm("Clear every answer, the project and the assessors of this checklist from this browser?")) return;
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
  offerDetails(st, rec);
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
  showProgress();
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
  document.querySelectorAll(".ckl-js details.ckl-more").forEach(function (d) { d.open = true; });
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
