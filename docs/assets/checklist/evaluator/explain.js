/*
 * The rule language in the browser, part 3 of 5: `explain.py`, rules in words (describe),
 * word for word.
 */

var SCORE_TESTS = { at_least: "at least", at_most: "at most", above: "above", below: "below" };
var COUNT_TESTS = { at_least: "at least", at_most: "at most", above: "more than", below: "fewer than" };
var RISK_WORDS = { high: "at high risk", medium: "at medium or high risk", low: "at low, medium or high risk" };
var STATUS_WORDS = { answered: "answered", unanswered: "unanswered", not_applicable: "not applicable", skipped: "not asked" };

function quoted(text) {
  return "\u201c" + text + "\u201d";
}

function answerWords(item, value) {
  var kind = item ? item.answer : null;
  var i;
  if (kind && kind.type === "yes_no" && (value === "yes" || value === "no")) return value === "yes" ? "Yes" : "No";
  if (kind && (kind.type === "choice" || kind.type === "multi")) {
    for (i = 0; i < kind.options.length; i++) if (kind.options[i].value === value) return quoted(kind.options[i].label);
  }
  if (typeof value === "string") return quoted(value);
  if (kind && kind.type === "scale") {
    for (i = 0; i < kind.levels.length; i++) {
      if (kind.levels[i].value === value) return number(value) + " (" + kind.levels[i].label + ")";
    }
  }
  return number(value);
}

function listWords(words, joiner) {
  if (words.length === 1) return words[0];
  return words.slice(0, -1).join(", ") + " " + joiner + " " + words[words.length - 1];
}

function describe(condition, checklist, thisItem) {
  var items = map();
  allItems(checklist).forEach(function (i) { items[i.id] = i; });
  var scores = map();
  (checklist.scores || []).forEach(function (s) { scores[s.id] = s.label; });
  var sections = map();
  checklist.sections.forEach(function (s) { sections[s.id] = s.title; });
  return describeIn(condition, { items: items, scores: scores, sections: sections }, thisItem || null, false);
}

function describeRisks(condition, names) {
  var test = comparison(condition);
  var one = test[1] === 1 && (test[0] === "at_least" || test[0] === "at_most");
  var noun = condition.of === "sections" ? (one ? "section" : "sections") : (one ? "item" : "items");
  var where = "";
  if (condition.tag) where += " tagged " + condition.tag;
  if (condition.section) {
    var title = quoted(has(names.sections, condition.section) ? names.sections[condition.section] : condition.section);
    where = condition.of === "sections" ? " (" + title + ")" : where + " in " + title;
  }
  return COUNT_TESTS[test[0]] + " " + number(test[1]) + " " + noun + where + " " + RISK_WORDS[condition.risks];
}

function describeIn(condition, names, thisItem, nested) {
  var items = names.items;
  var scores = names.scores;
  var kind = conditionKind(condition);
  var test;
  if (kind === "all" || kind === "any") {
    var words = condition[kind].map(function (c) { return describeIn(c, names, thisItem, true); });
    var text = words.join(kind === "all" ? " and " : " or ");
    return nested && words.length > 1 ? "(" + text + ")" : text;
  }
  if (kind === "not") return "not " + describeIn(condition.not, names, thisItem, true);
  if (kind === "score") {
    test = comparison(condition);
    var label = has(scores, condition.score) ? scores[condition.score] : condition.score;
    return label + " is " + SCORE_TESTS[test[0]] + " " + number(test[1]);
  }
  if (kind === "scores") {
    test = comparison(condition);
    var wanted = comparison(condition.count);
    var which = condition.scores === "all" ? "scores"
      : "of " + listWords(condition.scores.map(function (id) { return has(scores, id) ? scores[id] : id; }), "and");
    var noun = wanted[1] === 1 && condition.scores === "all" ? "score" : which;
    return COUNT_TESTS[wanted[0]] + " " + number(wanted[1]) + " " + noun + " " + SCORE_TESTS[test[0]] + " " + number(test[1]);
  }
  if (kind === "risks") return describeRisks(condition, names);
  var itemId = condition.item || thisItem || "";
  var item = has(items, itemId) ? items[itemId] : null;
  var subject = quoted(item ? item.question : itemId);
  if (has(condition, "status") && condition.status !== null) {
    return subject + " is " + listWords(statusesOf(condition).map(function (st) { return STATUS_WORDS[st]; }), "or");
  }
  if (has(condition, "answered") && condition.answered !== null) return subject + " is " + (condition.answered ? "answered" : "not answered");
  if (has(condition, "includes") && condition.includes !== null) return subject + " includes " + answerWords(item, condition.includes);
  if (has(condition, "excludes") && condition.excludes !== null) return subject + " does not include " + answerWords(item, condition.excludes);
  if (has(condition, "is") && condition.is !== null) return subject + " is " + answerWords(item, condition.is);
  if (has(condition, "in") && condition.in !== null) {
    return subject + " is " + listWords(condition.in.map(function (v) { return answerWords(item, v); }), "or");
  }
  test = comparison(condition);
  return subject + " has " + COUNT_TESTS[test[0]] + " " + number(test[1]) + (test[1] === 1 ? " point" : " points");
}
