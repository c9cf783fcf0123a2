/*
 * Answers from outside the form, read before form.js cleans them item by item, and put in
 * the form. Loaded by form.js only when a share link is opened or a file imported (js-yaml
 * too, for a file); export.js is its counterpart, which writes answers out.
 *
 * ChecklistImport.read(name, bytes, jsyaml, page) -> {doc} or {refused: "name:line:col: why."}
 *   An assessment file, read as `checklist validate` reads it (checklist/yamlsource.py
 *   read_source, then the loader's first checks): the same bytes are refused for the same
 *   reason, at the same line and column.
 * ChecklistImport.link(text, page) -> {data} or {refused: "why"}
 *   The text after #answers= of a share link: base64url of UTF-8 JSON.
 * ChecklistImport.importFile(form, st, name, bytes, jsyaml) and .openLink(form, st, text)
 *   read a file or a share link and, once the reader agrees, replace the answers of one
 *   form with them; the answers they replace are set aside, and Undo brings them back.
 *
 * page is {id, version, versionProblem, maxLink} of the form that reads them; form is
 * form.js's FORM (its functions these call), st the state of one form.
 */
var FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]/;
// \uD800-\uDFFF: half of a surrogate pair, which PyYAML refuses (after an odd number of \).
var SURROGATE_ESCAPE = /(?:^|[^\\])(?:\\\\)*(\\(?:u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2}))/;
var MERGE_KEY = /(^|[\s{,[-])(["']?)<<\2[ \t]*:/m;

function isMap(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

// "line:column" of the offset `at` in `text`, both from 1, columns in characters.
function position(text, at) {
  var before = text.slice(0, at);
  return before.split("\n").length + ":" + (Array.from(before.slice(before.lastIndexOf("\n") + 1)).length + 1);
}

// The offset of the first byte that starts no valid UTF-8 sequence (Python's
// UnicodeDecodeError.start), or -1.
function notUtf8(b) {
  for (var i = 0; i < b.length;) {
    var c = b[i];
    var n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    var low = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    var high = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (var k = 1; k <= n; k++) {
      var d = b[i + k];
      if (d === undefined || d < (k === 1 ? low : 0x80) || d > (k === 1 ? high : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

// "UTF-16 (little-endian)" and the like for UTF-16 or UTF-32 bytes, or null: by the
// byte order mark, or by where the NUL bytes of the first character are
// (yamlsource.py's _wide_encoding).
function wideEncoding(b) {
  var marks = [[[0xff, 0xfe, 0, 0], "UTF-32 (little-endian)"], [[0, 0, 0xfe, 0xff], "UTF-32 (big-endian)"],
    [[0xff, 0xfe], "UTF-16 (little-endian)"], [[0xfe, 0xff], "UTF-16 (big-endian)"]];
  for (var m = 0; m < marks.length; m++) {
    var mark = marks[m][0];
    if (b.length >= mark.length && mark.every(function (byte, i) { return b[i] === byte; })) return marks[m][1];
  }
  if (b.length < 4) return null;
  var nuls = "";
  for (var i = 0; i < 4; i++) nuls += b[i] === 0 ? "0" : "x";
  return { "000x": "UTF-32 (big-endian)", "x000": "UTF-32 (little-endian)",
    "0x0x": "UTF-16 (big-endian)", "x0x0": "UTF-16 (little-endian)" }[nuls] || null;
}

// The bytes as text, or a string saying why they are not YAML text.
function text(bytes) {
  var wide = wideEncoding(bytes);
  if (wide) return "1:1: the file is " + wide + "; save it as UTF-8";
  var nul = bytes.subarray(0, 8192).indexOf(0);
  if (nul >= 0) {
    var head = new TextDecoder("utf-8").decode(bytes.subarray(0, nul));
    return position(head, head.length) + ": binary file: expected UTF-8 text, found a NUL byte";
  }
  var at = notUtf8(bytes);
  if (at >= 0) {
    var start = bytes.subarray(0, at).lastIndexOf(10) + 1;
    var line = 1;
    for (var i = 0; i < start; i++) if (bytes[i] === 10) line += 1;
    return line + ":" + (at - start + 1) + ": not UTF-8 text: byte 0x" + ("0" + bytes[at].toString(16)).slice(-2) +
      " cannot be decoded; save the file as UTF-8";
  }
  return { text: new TextDecoder("utf-8").decode(bytes) }; // a UTF-8 byte order mark goes, as in the CLI
}

// The path of the first merge key ("<<") in a loaded document, or null.
function mergeKey(v, path) {
  var keys = isMap(v) || Array.isArray(v) ? Object.keys(v) : [];
  for (var k = 0; k < keys.length; k++) {
    if (isMap(v) && keys[k] === "<<") return path || "document";
    var inner = mergeKey(v[keys[k]], Array.isArray(v) ? path + "[" + keys[k] + "]" : (path ? path + "." : "") + keys[k]);
    if (inner !== null) return inner;
  }
  return null;
}

// "line:column: " of the value of checklist.<key>, when the text shows where it is.
function at(source, key) {
  var found = new RegExp("^checklist[ \\t]*:[\\s\\S]*?\\b" + key + "[ \\t]*:[ \\t]*", "m").exec(source);
  return found ? position(source, found.index + found[0].length) + ": " : "";
}

function shown(v) {
  if (typeof v === "string") return "the string '" + Array.from(v).slice(0, 40).join("") + "' (text, because of the quotes)";
  return isMap(v) ? "a mapping" : Array.isArray(v) ? "a list" : String(v);
}

function problem(name, yaml, bytes, page) {
  var read = text(bytes);
  if (typeof read === "string") return read;
  var source = read.text;
  var bad = FORBIDDEN.exec(source);
  if (bad) {
    return position(source, bad.index) + ": control character U+" + ("000" + bad[0].charCodeAt(0).toString(16).toUpperCase()).slice(-4) +
      " is not allowed in YAML; remove it or write it as an escape inside a double-quoted string";
  }
  var half = SURROGATE_ESCAPE.exec(source);
  if (half) {
    // At its hex digits, where PyYAML points.
    return position(source, half.index + half[0].length - half[1].length + 2) + ": YAML syntax error: " + half[1] +
      " is half of a UTF-16 surrogate pair, which YAML does not accept; write the character itself";
  }
  var doc;
  try {
    doc = yaml.load(source, { schema: yaml.CORE_SCHEMA, filename: name });
  } catch (e) {
    return (e.mark ? e.mark.line + 1 + ":" + (e.mark.column + 1) + ": " : "") + "not valid YAML: " + (e.reason || e.message);
  }
  var merge = mergeKey(doc, "");
  if (merge !== null) {
    var mark = MERGE_KEY.exec(source);
    return (mark ? position(source, mark.index + mark[1].length) + ": " : "") + merge + ": merge keys ('<<') are not supported; write the keys out";
  }
  if (!isMap(doc) || doc.kind !== "assessment") return "not an assessment (it needs kind: assessment)";
  if (doc.schema_version === undefined) return "no schema_version; an assessment file says schema_version: 1";
  if (doc.schema_version !== 1) {
    var value = /^schema_version[ \t]*:[ \t]*/m.exec(source);
    return (value ? position(source, value.index + value[0].length) + ": " : "") +
      "schema_version: this page reads schema_version 1, found " + shown(doc.schema_version) +
      (typeof doc.schema_version === "string" ? "; write it without quotes" : "");
  }
  if (!isMap(doc.checklist) || doc.checklist.id !== page.id) {
    return at(source, "id") + "checklist.id: it answers the checklist \u201c" + (isMap(doc.checklist) ? Array.from(String(doc.checklist.id)).slice(0, 80).join("") : "?") +
      "\u201d, not \u201c" + page.id + "\u201d: open that checklist's page to import it";
  }
  var old = page.versionProblem(doc.checklist.version, page.version);
  if (old) return at(source, "version") + "checklist.version: not imported: " + old;
  if (doc.answers !== undefined && doc.answers !== null && !isMap(doc.answers)) return "answers: expected a mapping of item ids";
  return { doc: doc };
}

function read(name, bytes, yaml, page) {
  var got = problem(name, yaml, bytes, page);
  return typeof got === "string" ? { refused: name + (/^\d/.test(got) ? ":" : ": ") + got + ". Nothing was changed." } : got;
}

function link(text, page) {
  if (text.length > page.maxLink) {
    return { refused: "it is too long (" + text.length.toLocaleString("en") + " characters; at most " + page.maxLink.toLocaleString("en") + ")" };
  }
  var data = null;
  try {
    var s = /^[\w-]*$/.test(text) ? atob(text.replace(/-/g, "+").replace(/_/g, "/")) : "";
    var b = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(b));
  } catch (e) { /* damaged */ }
  if (!isMap(data) || data.v !== 1 || !isMap(data.a)) return { refused: "it is damaged" };
  if (data.c !== page.id) return { refused: "it holds answers to another checklist (" + Array.from(String(data.c)).slice(0, 80).join("") + ")" };
  var old = page.versionProblem(data.ver, page.version);
  return old ? { refused: old } : { data: data };
}

/* into the form */

// Answers about to be replaced: set aside in this browser, and back with one click (Undo)
// while the page is open. {text, extra} for the notice that says so.
function keepForUndo(form, st, before, where, key) {
  var aside = root.ChecklistRecover.setAside(form, st, form.asRecord(st, before));
  var undo = form.h("button", { type: "button", class: "md-button", "data-role": "undo" }, "Undo");
  undo.addEventListener("click", function () {
    form.fill(st, before);
    form.update(st, true);
    form.notice(st, where, key, "success", "Your previous answers are back.");
  });
  return { text: " The answers it replaced " + aside.text.slice(5), extra: [undo].concat(aside.extra) };
}

function importFile(form, st, name, bytes, jsyaml) {
  var got = read(name, bytes, jsyaml, form.page(st));
  if (got.refused) return form.refuse(st, got.refused);
  var doc = got.doc;
  var before = root.ChecklistRecover.snapshot(form, st);
  if (!root.ChecklistRecover.isEmpty(before) && !window.confirm("Replace the answers in this form with those in " + name + "? Undo brings them back.")) return null;
  var res = form.cleanAnswers(st, doc.answers);
  var rec = form.cleanMeta(doc.project, doc.assessors);
  rec.answers = res.kept;
  form.fill(st, rec);
  form.update(st, true);
  var kept = root.ChecklistRecover.isEmpty(before) ? { text: "" } : keepForUndo(form, st, before, "panel", "action");
  var ids = Object.keys(res.dropped);
  form.notice(st, "panel", "action", ids.length ? "warning" : "success", "Loaded " + form.plural(Object.keys(rec.answers).length, "answer") +
    " from " + name + "." + (ids.length ? " " + form.plural(ids.length, "answer") + " set aside: " +
      root.ChecklistRecover.listed(form, ids, function (id) { return form.cut(id, 80) + " (" + res.why[id] + ")"; }) + "." : "") + kept.text, kept.extra);
  return null;
}

function openLink(form, st, text) {
  var got = link(text, form.page(st));
  if (got.refused) {
    form.notice(st, "top", "link", "error", "The share link was not read: " + got.refused + ". Your saved answers are unchanged.");
    return;
  }
  var res = form.cleanAnswers(st, got.data.a);
  var rec = form.cleanMeta(got.data.p, got.data.s);
  rec.answers = res.kept;
  var saved = root.ChecklistRecover.snapshot(form, st);
  var mine = !root.ChecklistRecover.isEmpty(saved) && root.ChecklistRecover.canon(saved) !== root.ChecklistRecover.canon(rec);
  if (mine && !window.confirm("This link holds shared answers to \u201c" + st.checklist.title + "\u201d. Replace your answers, project and assessors with them? Undo brings yours back.")) {
    form.notice(st, "top", "link", "info", "You kept your own answers; the shared ones were not loaded.");
    return;
  }
  form.fill(st, rec);
  form.update(st, true);
  var dropped = Object.keys(res.dropped);
  var kept = mine ? keepForUndo(form, st, saved, "top", "link") : { text: "" };
  form.notice(st, "top", "link", dropped.length ? "warning" : "success", "Loaded " + form.plural(Object.keys(res.kept).length, "answer") + " from a share link" +
    (dropped.length ? "; " + dropped.length.toLocaleString("en") + " set aside (" + root.ChecklistRecover.listed(form, dropped) + ")." : ".") + kept.text, kept.extra);
}

root.ChecklistImport = { read: read, link: link, importFile: importFile, openLink: openLink };
