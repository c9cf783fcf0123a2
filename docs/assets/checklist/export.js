/*
 * Answers written out of the form: an assessment YAML file, a share link, a download.
 * Loaded by form.js only when a reader exports, shares, or downloads answers that could not
 * be set aside; import.js is its counterpart, which reads answers in.
 *
 * ChecklistExport.exportYaml(form, st): downloads the answers of one form as an assessment
 *   that `checklist validate` accepts as it is, and says so in the form.
 * ChecklistExport.share(form, st): a share link (#answers=<base64url of UTF-8 JSON>), copied
 *   to the clipboard when the browser lets the page, and shown in the form.
 * ChecklistExport.download(name, text, type)
 * ChecklistExport.today() -> "YYYY-MM-DD", the reader's local date.
 *
 * form is form.js's FORM (its functions these call), st the state of one form.
 */
// Half of a UTF-16 surrogate pair on its own: form.js's LONE_SURROGATE.
var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function today() {
  var d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map(function (n) {
    return (n < 10 ? "0" : "") + n;
  }).join("-");
}

function quote(s) {
  // A JSON string is a YAML double-quoted scalar; escape what YAML reads as line breaks
  // or refuses (DEL, C1 controls, U+2028/9, U+FFFE/F). No UTF-8 file holds half a
  // surrogate pair (`checklist validate` refuses its escape): it becomes U+FFFD.
  return JSON.stringify(s.replace(LONE_SURROGATE, "\ufffd")).replace(/[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g, function (c) {
    return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
  });
}

function scalar(v) {
  if (Array.isArray(v)) return "[" + v.map(scalar).join(", ") + "]";
  return typeof v === "number" ? String(v + 0) : quote(String(v));
}

function toYaml(form, st) {
  var answers = form.asked(st);
  var m = form.meta(st);
  var missing = [];
  var lines = [
    "# An assessment of the checklist " + st.id + " " + st.version + ", exported from its web page.",
    "# Check it with: checklist validate " + st.id + "-assessment.yaml",
    "kind: assessment",
    "schema_version: 1",
    "checklist:",
    "  id: " + quote(st.id),
    "  version: " + quote(st.version),
    "project: " + quote(form.cut(m.project, 300) || "Unnamed project"),
    "date: " + quote(today()),
  ];
  if (m.assessors.length) {
    lines.push("assessors:");
    m.assessors.forEach(function (a) { lines.push("  - " + quote(form.cut(a, 300))); });
  }
  var body = [];
  st.order.forEach(function (it) {
    var e = answers[it.id];
    if (!e) return;
    var out = [];
    if (e.not_applicable && e.reason) out.push("    not_applicable: true", "    reason: " + quote(e.reason));
    else if (e.not_applicable) missing.push(it.id);
    else if (form.has(e, "answer")) out.push("    answer: " + scalar(e.answer));
    if (e.note) out.push("    note: " + quote(e.note));
    if (e.evidence) {
      out.push("    evidence:");
      e.evidence.forEach(function (x) { out.push("      - " + quote(x)); });
    }
    if (out.length) body.push.apply(body, ["  " + quote(it.id) + ":"].concat(out));
  });
  lines.push(body.length ? "answers:" : "answers: {}");
  return { text: lines.concat(body).join("\n") + "\n", missing: missing };
}

function exportYaml(form, st) {
  var out = toYaml(form, st);
  var name = st.id + "-assessment.yaml";
  download(name, out.text);
  form.notice(st, "panel", "action", out.missing.length ? "warning" : "success", "Downloaded " + name + "." +
    (out.missing.length ? " " + form.plural(out.missing.length, "question") + " marked \u201cdoes not apply\u201d without a reason " +
      (out.missing.length === 1 ? "was" : "were") + " left out (" + out.missing.join(", ") + "): say why to include them." : ""));
}

function encode(data) {
  var b = new TextEncoder().encode(JSON.stringify(data));
  var s = "";
  for (var i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function share(form, st) {
  var m = form.meta(st);
  var data = { v: 1, c: st.id, ver: st.version, a: form.asked(st) };
  if (m.project) data.p = m.project;
  if (m.assessors.length) data.s = m.assessors;
  var text = encode(data);
  if (text.length > form.maxLink) {
    return form.notice(st, "panel", "action", "warning", "These answers are too large for a share link (" + text.length.toLocaleString("en") +
      " characters; at most " + form.maxLink.toLocaleString("en") + "). Export them as YAML to pass them on.");
  }
  var url = location.href.split("#")[0] + "#answers=" + text;
  var field = form.h("input", { type: "text", readonly: "", class: "ckl-share-field", value: url, "aria-label": "Share link" });
  field.addEventListener("focus", function () { field.select(); });
  function shown(copied) {
    form.notice(st, "panel", "action", copied ? "success" : "info", copied
      ? "Link copied. Whoever opens it sees these answers (notes included); nothing is sent to a server."
      : "Copy this link. Whoever opens it sees these answers (notes included); nothing is sent to a server.", field);
    if (!copied) field.focus();
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(url).then(function () { shown(true); }, function () { shown(false); });
  } else {
    shown(false);
  }
}

function download(name, text, type) {
  var url = URL.createObjectURL(new Blob([text], { type: type || "application/yaml" }));
  var a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  // Keep Material's instant navigation away from the click.
  a.addEventListener("click", function (e) { e.stopPropagation(); });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
}

root.ChecklistExport = { exportYaml: exportYaml, share: share, download: download, today: today };
