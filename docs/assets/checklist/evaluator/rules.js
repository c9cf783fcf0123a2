/*
 * The rule language in the browser, part 1 of 5: the constants every part uses and a
 * mirror of `rules.py` (holds, compare, sameValue, aggregate, firstBand, firstRisk).
 *
 * The five parts (evaluator/*.js) mirror the Python package line for line: `rules.py`,
 * `engine.py`, `explain.py` and `report.py`'s `number`, which writes a number for people.
 * src/checklist/site/assets.py joins them, in its order, into one function that defines
 * window.ChecklistEvaluator, at the start of assets/checklist/checklist.min.js. The
 * specification all follow is docs/reference/rules.md; tests/conformance/ holds the
 * vectors both pass.
 *
 * Input: a checklist as JSON (the YAML document's keys) and answers keyed by item id,
 * each {answer, not_applicable, reason, note}. Output: the Python engine's Result, as JSON.
 */

var COMPARISONS = ["at_least", "at_most", "above", "below"];
var CONDITION_KEYS = ["all", "any", "not", "item", "score", "scores", "risks"];
var RISK_ORDER = { none: 0, low: 1, medium: 2, high: 3 };
var SEVERITY_RISK = { blocker: "high", high: "high", medium: "medium", low: "low" };
var SEVERITY_ORDER = { blocker: 0, high: 1, medium: 2, low: 3 };
var RISK_KEYS = ["high", "medium", "low", "none", "unanswered", "not_applicable", "skipped"];

function map() {
  return Object.create(null);
}

function has(object, key) {
  return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key);
}

/* rules.py */

function comparison(test) {
  for (var i = 0; i < COMPARISONS.length; i++) {
    var name = COMPARISONS[i];
    if (has(test, name) && test[name] !== null && test[name] !== undefined) return [name, test[name]];
  }
  return null;
}

function compare(number, test, threshold) {
  if (test === "at_least") return number >= threshold;
  if (test === "at_most") return number <= threshold;
  if (test === "above") return number > threshold;
  return number < threshold;
}

function sameValue(left, right) {
  if (typeof left === "string" || typeof right === "string") {
    return typeof left === "string" && typeof right === "string" && left === right;
  }
  return Number(left) === Number(right);
}

function conditionKind(condition) {
  for (var i = 0; i < CONDITION_KEYS.length; i++) {
    if (has(condition, CONDITION_KEYS[i])) return CONDITION_KEYS[i];
  }
  return "item"; // an item condition on the item itself, inside its risk rules
}

function holds(condition, facts, thisItem, scope) {
  var kind = conditionKind(condition);
  var i;
  if (kind === "all") {
    for (i = 0; i < condition.all.length; i++) if (!holds(condition.all[i], facts, thisItem, scope)) return false;
    return true;
  }
  if (kind === "any") {
    for (i = 0; i < condition.any.length; i++) if (holds(condition.any[i], facts, thisItem, scope)) return true;
    return false;
  }
  if (kind === "not") return !holds(condition.not, facts, thisItem, scope);
  if (kind === "item") return itemHolds(condition, facts, condition.item || thisItem || "");
  if (kind === "score") {
    var value = has(facts.scores, condition.score) ? facts.scores[condition.score] : null;
    var test = comparison(condition);
    return value !== null && value !== undefined && test !== null && compare(value, test[0], test[1]);
  }
  if (kind === "scores") return scoresHold(condition, facts);
  return risksHold(condition, facts, scope);
}

function scoresHold(condition, facts) {
  var test = comparison(condition);
  var wanted = comparison(condition.count);
  var ids = condition.scores === "all" ? Object.keys(facts.scores) : condition.scores;
  var passing = 0;
  for (var i = 0; i < ids.length; i++) {
    var value = has(facts.scores, ids[i]) ? facts.scores[ids[i]] : null;
    if (value !== null && value !== undefined && compare(value, test[0], test[1])) passing += 1;
  }
  return compare(passing, wanted[0], wanted[1]);
}

function risksHold(condition, facts, scope) {
  var test = comparison(condition);
  var floor = RISK_ORDER[condition.risks];
  var risks;
  var ids;
  if (condition.of === "sections") {
    risks = facts.sectionRisks;
    ids = condition.section ? [condition.section] : Object.keys(risks);
  } else {
    risks = facts.risks;
    ids = scope === null || scope === undefined ? Object.keys(risks) : scope;
    if (condition.section) {
      var own = has(facts.sectionItems, condition.section) ? facts.sectionItems[condition.section] : [];
      ids = ids.filter(function (id) { return own.indexOf(id) >= 0; });
    }
    if (condition.tag) {
      ids = ids.filter(function (id) { return has(facts.tags, id) && facts.tags[id].indexOf(condition.tag) >= 0; });
    }
  }
  var count = 0;
  for (var i = 0; i < ids.length; i++) {
    var level = has(risks, ids[i]) ? risks[ids[i]] : null;
    if (has(RISK_ORDER, level) && RISK_ORDER[level] >= floor) count += 1;
  }
  return compare(count, test[0], test[1]);
}

function statusesOf(condition) {
  return typeof condition.status === "string" ? [condition.status] : condition.status;
}

function itemHolds(condition, facts, itemId) {
  if (has(condition, "status") && condition.status !== null) {
    return statusesOf(condition).indexOf(has(facts.status, itemId) ? facts.status[itemId] : "unanswered") >= 0;
  }
  var answered = has(facts.values, itemId);
  if (has(condition, "answered") && condition.answered !== null) return answered === condition.answered;
  if (!answered) return false;
  var value = facts.values[itemId];
  var chosen = Array.isArray(value) ? value : [];
  if (has(condition, "includes") && condition.includes !== null) return chosen.indexOf(condition.includes) >= 0;
  if (has(condition, "excludes") && condition.excludes !== null) return chosen.indexOf(condition.excludes) < 0;
  if (has(condition, "is") && condition.is !== null) return !Array.isArray(value) && sameValue(value, condition.is);
  if (has(condition, "in") && condition.in !== null) {
    if (Array.isArray(value)) return false; // validation refuses is and in on a multi answer
    for (var i = 0; i < condition.in.length; i++) if (sameValue(value, condition.in[i])) return true;
    return false;
  }
  var points = has(facts.points, itemId) ? facts.points[itemId] : null;
  var test = comparison(condition);
  return points !== null && test !== null && compare(points, test[0], test[1]);
}

function firstRisk(rules, facts, thisItem, scope) {
  for (var i = 0; i < rules.length; i++) {
    if (has(rules[i], "default")) return rules[i]["default"];
    if (holds(rules[i].when, facts, thisItem, scope)) return rules[i].level;
  }
  return "none";
}

// Plain left-to-right addition, exactly as rules.aggregate does it.
function aggregate(kind, values) {
  if (kind === "count") return values.length;
  if (values.length === 0) return null;
  var i;
  if (kind === "min" || kind === "max") {
    var best = values[0][0];
    // Like Python's min and max: the first of equal values wins (0 and -0 included).
    for (i = 1; i < values.length; i++) {
      if (kind === "min" ? values[i][0] < best : values[i][0] > best) best = values[i][0];
    }
    return best;
  }
  var total = 0;
  var weightTotal = 0;
  for (i = 0; i < values.length; i++) {
    total += values[i][0] * values[i][1];
    weightTotal += values[i][1];
  }
  var value = kind === "sum" ? total : total / weightTotal;
  return isFinite(value) ? value : null; // an overflow has no value
}

function firstBand(bands, value) {
  if (value === null || value === undefined) return null;
  for (var i = 0; i < bands.length; i++) {
    if (has(bands[i], "default")) return bands[i];
    var test = comparison(bands[i]);
    if (test !== null && compare(value, test[0], test[1])) return bands[i];
  }
  return null;
}
