/*
 * The live checklist form, part 8 of 9 (src/checklist/site/assets.py joins the
 * parts into one script): outside the form: export.js writes answers out, import.js reads them in.
 */

// A script loaded once, when first needed, from beside this one (assets.py minifies it
// too): "import" is import.min.js, which defines window.ChecklistImport (or window[name]).
// export.js exports, shares or downloads answers; import.js reads a share link, and
// js-yaml ("../vendor/js-yaml/js-yaml", "jsyaml") too for a file.
function script(base, name) {
  var file = base.split("/").pop() + ".min.js";
  name = name || "Checklist" + file[0].toUpperCase() + file.slice(1, -7);
  if (window[name]) return Promise.resolve(window[name]);
  if (!loading[name]) {
    loading[name] = new Promise(function (resolve, reject) {
      var s = h("script", { src: new URL(base + ".min.js", SCRIPT).href, async: "" });
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
// import.js sets aside the answers it replaces: recover.js comes with it.
function reader() {
  return Promise.all([script("import"), script("recover")]).then(function (both) { return both[0]; });
}
function writer() {
  return script("export");
}

function refuse(st, text) {
  notice(st, "panel", "action", "error", text);
}

function cut(s, max) {
  return Array.from(s).slice(0, max).join("");
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
  h: h, notice: notice, refuse: refuse, plural: plural, cut: cut, has: has, maxLink: MAX_LINK,
  meta: meta, collect: collect, asked: asked, fill: fill, update: update,
  page: page, cleanAnswers: cleanAnswers, cleanMeta: cleanMeta, asRecord: asRecord, storage: storage, key: key,
  writer: writer, readItem: readItem, summaryKey: summaryKey, readRaw: readRaw, parseRecord: parseRecord,
  fillItem: fillItem, fillMeta: fillMeta, itemLink: itemLink,
};

function importFile(st, file) {
  if (file.size > MAX_IMPORT) return refuse(st, file.name + " is larger than 2 MiB, the limit for an assessment file.");
  file.arrayBuffer().then(function (buffer) {
    return Promise.all([script("../vendor/js-yaml/js-yaml", "jsyaml"), reader()]).then(function (both) {
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
