/*
 * The live checklist form, part 1 of 9: the constants and small helpers every part uses.
 *
 * src/checklist/site/assets.py joins the parts (form/*.js, in its order) into one script,
 * served minified as assets/checklist/checklist.min.js after the evaluator (evaluator/*.js).
 * The form enhances the server-rendered markup of every `.ckl-form`
 * (src/checklist/site/templates/form.html): answers -> ChecklistEvaluator -> item badges
 * and the result panel; answers kept in localStorage; export to and import from an
 * assessment YAML file; share links in the URL fragment; print. Nothing is sent to any
 * server. import.js (the reader of share links and of files, as strict as the CLI) is
 * loaded only when a link is opened or a file imported, with js-yaml
 * (docs/assets/vendor/js-yaml/) for a file; export.js (the writer of exports, share links
 * and downloads) only when a reader asks for one; upgrade.js for answers saved for an
 * older major version. They call the form through FORM (transfer.js).
 */

var PREFIX = "ml-design-checklist:";
var MAX_SAVE = 1024 * 1024; // bytes of UTF-8 JSON in localStorage
var MAX_IMPORT = 2 * 1024 * 1024; // the rule language's limit for a YAML file
var MAX_EVIDENCE = 100; // evidence entries of one answer
var MAX_LINK = 1000000; // characters after #answers=; browsers refuse URLs from about 2 MB
var SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
var SCRIPT = (document.currentScript && document.currentScript.src) ||
  (document.querySelector("script[src*='checklist/checklist.']") || location).href;
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
// An element with its attributes (those null, undefined or false left out) and children;
// ns: its namespace (the chart's SVG), else HTML.
function h(tag, attrs, kids, ns) {
  var el = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
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
