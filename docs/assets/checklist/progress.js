/*
 * The reader's progress on each checklist, on the checklists index: what each form keeps
 * in this browser after every change (thread.js, keepThread), written into the cells that
 * the site renders for it (checklist_progress, src/checklist/site/templates/progress.html).
 * Loaded by the form script only on a page with such cells.
 *
 * ChecklistProgress.show(form): form is the form script's FORM (transfer.js).
 */

var TONES = ["positive", "caution", "negative", "neutral"];

function show(form) {
  document.querySelectorAll(".ckl-progress-of[data-checklist]").forEach(function (el) {
    var s = form.readItem(form.summaryKey(el.getAttribute("data-checklist")));
    var text = "Not started";
    var tone = "";
    if (s && typeof s.answered === "number" && typeof s.asked === "number") {
      text = s.answered + " of " + s.asked + " answered \u00b7 ";
      var version = form.cut(String(s.version), 20);
      if (version.split(".")[0] !== el.getAttribute("data-major")) {
        text += "saved for version " + version + ": open it to carry the answers over";
      } else if (s.state === "settled" && typeof s.label === "string") {
        text += form.cut(s.label, 120);
        tone = TONES.indexOf(s.tone) >= 0 ? s.tone : "";
      } else {
        text += "verdict pending";
      }
    }
    el.textContent = text;
    el.className = "ckl-progress-of" + (tone ? " ckl-verdict--" + tone : "");
  });
}

root.ChecklistProgress = { show: show };
