/*
 * The rule language in the browser: a line-for-line mirror of the Python package's
 * `rules.py` (holds, compare, sameValue, aggregate, firstBand, firstRisk) and
 * `engine.py` (dependencyOrder, pointsOf, maxPoints, evaluate), and `report.py`'s
 * `number`, which writes a number for people. The specification all follow is
 * docs/reference/rules.md; tests/conformance/ holds the vectors both pass.
 *
 * Input: a checklist as JSON (the YAML document's keys) and answers keyed by item id,
 * each {answer, not_applicable, reason, note}. Output: the Python engine's Result, as JSON.
 */
(function (root) {
  "use strict";

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

  /* engine.py */

  function allItems(checklist) {
    var items = [];
    checklist.sections.forEach(function (section) {
      section.items.forEach(function (item) {
        items.push(item);
      });
    });
    return items;
  }

  function referencedItems(condition, into) {
    if (!condition) return into;
    if (has(condition, "all")) condition.all.forEach(function (c) { referencedItems(c, into); });
    else if (has(condition, "any")) condition.any.forEach(function (c) { referencedItems(c, into); });
    else if (has(condition, "not")) referencedItems(condition.not, into);
    else if (has(condition, "item") && condition.item) into.push(condition.item);
    return into;
  }

  // A depth-first search with its own stack (no recursion: a chain of any length
  // works), in checklist order, visiting the items a condition names in sorted order,
  // exactly as engine.dependency_order does.
  function dependencyOrder(checklist) {
    var items = allItems(checklist);
    var byId = map();
    items.forEach(function (item) { byId[item.id] = item; });
    var placed = map();
    var open = map();
    var order = [];
    function frame(item) {
      return { item: item, refs: referencedItems(item.when, []).sort(), next: 0 };
    }
    items.forEach(function (first) {
      if (placed[first.id]) return;
      open[first.id] = true;
      var stack = [frame(first)];
      while (stack.length) {
        var top = stack[stack.length - 1];
        var ref = null;
        while (top.next < top.refs.length) {
          var candidate = top.refs[top.next++];
          if (has(byId, candidate) && !placed[candidate] && !open[candidate]) { ref = candidate; break; }
        }
        if (ref === null) {
          stack.pop();
          delete open[top.item.id];
          placed[top.item.id] = true;
          order.push(top.item);
          continue;
        }
        open[ref] = true;
        stack.push(frame(byId[ref]));
      }
    });
    return order;
  }

  function maxPoints(item) {
    var kind = item.answer;
    if (kind.type === "yes_no") return 1;
    if (kind.type === "multi") {
      // Every option that adds points, the exclusive one ("none of these") aside.
      var gains = kind.options.filter(function (o) { return !o.exclusive && typeof o.points === "number"; });
      if (!gains.length) return null;
      return gains.reduce(function (total, o) { return o.points > 0 ? total + o.points : total; }, 0);
    }
    if (kind.type === "choice") {
      var points = kind.options.filter(function (o) { return typeof o.points === "number"; }).map(function (o) { return o.points; });
      return points.length ? Math.max.apply(null, points) : null;
    }
    if (kind.type === "scale") return Math.max.apply(null, kind.levels.map(function (l) { return l.value; }));
    return null;
  }

  function pointsOf(item, value) {
    var kind = item.answer;
    if (kind.type === "multi") {
      if (!kind.options.some(function (o) { return typeof o.points === "number"; })) return null;
      var chosen = Array.isArray(value) ? value : [];
      var total = 0;
      kind.options.forEach(function (o) { // left to right, as Python adds them
        if (chosen.indexOf(o.value) >= 0 && typeof o.points === "number") total += o.points;
      });
      return total;
    }
    if (Array.isArray(value)) return null;
    if (kind.type === "yes_no") return value === "yes" ? 1 : 0;
    if (kind.type === "choice") {
      for (var i = 0; i < kind.options.length; i++) {
        if (kind.options[i].value === value) return typeof kind.options[i].points === "number" ? kind.options[i].points : null;
      }
      return null;
    }
    return typeof value === "string" ? null : Number(value);
  }

  function normalizeAnswer(item, raw) {
    if (raw === null || raw === undefined) return null;
    if (Array.isArray(raw)) {
      if (item.answer.type !== "multi") return null;
      return item.answer.options.map(function (o) { return o.value; }).filter(function (v) { return raw.indexOf(v) >= 0; });
    }
    if (item.answer.type === "yes_no" && typeof raw === "boolean") return raw ? "yes" : "no";
    if (typeof raw === "boolean") return String(raw);
    return raw;
  }

  function selectItems(checklist, over) {
    var chosen = [];
    checklist.sections.forEach(function (section) {
      section.items.forEach(function (item) {
        if (
          over.items === "all" ||
          (Array.isArray(over.items) && over.items.indexOf(item.id) >= 0) ||
          (over.section && section.id === over.section) ||
          (over.tag && (item.tags || []).indexOf(over.tag) >= 0)
        ) {
          chosen.push(item);
        }
      });
    });
    if (Array.isArray(over.items)) {
      chosen.sort(function (a, b) { return over.items.indexOf(a.id) - over.items.indexOf(b.id); });
    }
    return chosen;
  }

  function weight(weights, key) {
    return weights && has(weights, key) ? weights[key] : 1;
  }

  function itemRisk(item, status, facts) {
    if (status !== "answered") return status;
    if (item.risk) return firstRisk(item.risk, facts, item.id, null);
    var best = maxPoints(item);
    var points = has(facts.points, item.id) ? facts.points[item.id] : null;
    if (best !== null && points !== null && points < best) return SEVERITY_RISK[item.severity];
    return "none";
  }

  function highest(risks) {
    var best = null;
    risks.forEach(function (r) {
      if (has(RISK_ORDER, r) && (best === null || RISK_ORDER[r] > RISK_ORDER[best])) best = r;
    });
    if (best !== null) return best;
    if (risks.indexOf("unanswered") >= 0) return "unanswered";
    return risks.indexOf("not_applicable") >= 0 ? "not_applicable" : "skipped";
  }

  /* explain.py */

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

  /* engine.py, step 5 */

  function count(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function settlement(checklist, items, status) {
    var need = checklist.requires || {};
    var share = typeof need.answered === "number" ? need.answered : 1;
    var named = need.items || [];
    var tags = need.tags || [];
    var asked = items.filter(function (i) { return status[i.id] !== "skipped"; });
    var open = asked.filter(function (i) { return status[i.id] === "unanswered"; });
    var blockers = open.filter(function (i) { return i.severity === "blocker"; }).map(function (i) { return i.id; });
    var needed = open.filter(function (i) {
      return blockers.indexOf(i.id) < 0 && (named.indexOf(i.id) >= 0 || (i.tags || []).some(function (t) { return tags.indexOf(t) >= 0; }));
    }).map(function (i) { return i.id; });
    var done = asked.length - open.length;
    // The same float steps as in Python; 1e-9 keeps 0.7 * 10 at 7.
    var wanted = Math.ceil(share * asked.length - 1e-9);
    var reasons = [];
    if (blockers.length) reasons.push(count(blockers.length, "deal-breaker is", "deal-breakers are") + " unanswered");
    if (needed.length) {
      reasons.push(count(needed.length, "question", "questions") + " that the verdict needs " + (needed.length === 1 ? "is" : "are") + " unanswered");
    }
    // The share counts only when answering the named items would not be enough.
    var short = done + blockers.length + needed.length < wanted;
    if (short) {
      reasons.push(done + " of " + count(asked.length, "question", "questions") + " " + (done === 1 ? "is" : "are") + " answered; the verdict needs " + wanted);
    }
    if (!reasons.length) return { reasons: [], next: [] };
    var first = blockers.concat(needed);
    var rest = short ? open.filter(function (i) { return first.indexOf(i.id) < 0; }).map(function (i) { return i.id; }) : [];
    return { reasons: reasons, next: first.concat(rest) };
  }

  function chosen(option, decidedBy, index, because, blockers) {
    return {
      state: "settled",
      id: option.id,
      label: option.label,
      tone: option.tone || "neutral",
      description: option.description || null,
      decided_by: decidedBy,
      rule: index,
      because: because,
      next: [],
      blockers: blockers,
    };
  }

  function verdictOf(checklist, items, facts, pending) {
    var spec = checklist.verdict;
    if (!spec) return null;
    var options = map();
    spec.options.forEach(function (o) { options[o.id] = o; });
    var failed = items.filter(function (i) { return i.severity === "blocker" && facts.risks[i.id] === "high"; });
    var blockers = failed.map(function (i) { return i.id; });
    if (failed.length && spec.blocked && has(options, spec.blocked)) {
      var questions = failed.map(function (i) { return quoted(i.question); }).join(", ");
      return chosen(options[spec.blocked], "blocker", null,
        "Decided by " + (failed.length === 1 ? "a deal-breaker" : "deal-breakers") + ": " + questions, blockers);
    }
    if (pending.reasons.length) {
      return {
        state: "pending", id: null, label: null, tone: null, description: null, decided_by: "pending",
        rule: null, because: "Pending: " + pending.reasons.join("; "), next: pending.next, blockers: blockers,
      };
    }
    for (var n = 0; n < spec.rules.length; n++) {
      var rule = spec.rules[n];
      if (has(rule, "default")) {
        return has(options, rule["default"]) ? chosen(options[rule["default"]], "default", n, "Decided by the default: no rule held", blockers) : null;
      }
      if (holds(rule.when, facts, null, null)) {
        return has(options, rule.verdict) ? chosen(options[rule.verdict], "rule", n, "Decided by: " + describe(rule.when, checklist), blockers) : null;
      }
    }
    return null;
  }

  function headlineStatus(items, status, verdict, pending) {
    var anything = items.some(function (i) { return status[i.id] === "answered" || status[i.id] === "not_applicable"; });
    if (!anything) return "empty";
    if (verdict && verdict.decided_by === "blocker") return "blocked";
    return pending.reasons.length ? "pending" : "settled";
  }

  function evaluate(checklist, answers) {
    answers = answers || {};
    var facts = { values: map(), points: map(), risks: map(), scores: map(), status: map(), sectionRisks: map(), sectionItems: map(), tags: map() };
    checklist.sections.forEach(function (section) {
      facts.sectionItems[section.id] = section.items.map(function (i) { return i.id; });
      section.items.forEach(function (i) { if (i.tags && i.tags.length) facts.tags[i.id] = i.tags; });
    });
    var status = map();
    dependencyOrder(checklist).forEach(function (item) {
      var answer = has(answers, item.id) ? answers[item.id] : null;
      var value = answer ? normalizeAnswer(item, answer.answer) : null;
      if (item.when && !holds(item.when, facts, null, null)) status[item.id] = "skipped";
      else if (answer && answer.not_applicable) status[item.id] = "not_applicable";
      else if (value === null) status[item.id] = "unanswered";
      else {
        status[item.id] = "answered";
        facts.values[item.id] = value;
        var points = pointsOf(item, value);
        if (points !== null) facts.points[item.id] = points;
      }
      facts.status[item.id] = status[item.id];
    });

    var items = allItems(checklist);
    items.forEach(function (item) { facts.risks[item.id] = itemRisk(item, status[item.id], facts); });

    // Before the first answer no score has a value, not even a missing: zero one.
    var anything = items.some(function (i) { return status[i.id] === "answered" || status[i.id] === "not_applicable"; });
    var scores = (checklist.scores || []).map(function (score) {
      var zero = score.missing === "zero";
      var values = [];
      if (score.over.scores) {
        score.over.scores.forEach(function (ref) {
          var v = facts.scores[ref];
          var found = v !== null && v !== undefined;
          if (found || zero) values.push([found ? v : 0, weight(score.weights, ref)]);
        });
      } else {
        selectItems(checklist, score.over).forEach(function (item) {
          if (has(facts.points, item.id)) values.push([facts.points[item.id], weight(score.weights, item.id)]);
          else if (zero && status[item.id] === "unanswered") values.push([0, weight(score.weights, item.id)]);
        });
      }
      var value = anything ? aggregate(score.aggregate, values) : null;
      facts.scores[score.id] = value;
      var band = firstBand(score.bands || [], value);
      return {
        id: score.id,
        label: score.label,
        value: value,
        band: band ? (has(band, "default") ? band["default"] : band.label) : null,
        band_description: band ? band.description || null : null,
        section: ["mean", "min", "max"].indexOf(score.aggregate) >= 0 && score.over.section || null,
      };
    });

    var sections = checklist.sections.map(function (section) {
      var ids = section.items.map(function (i) { return i.id; });
      var answered = ids.filter(function (i) { return status[i] === "answered"; }).length;
      var risk = section.risk && answered > 0
        ? firstRisk(section.risk, facts, null, ids)
        : highest(ids.map(function (i) { return facts.risks[i]; }));
      facts.sectionRisks[section.id] = risk;
      return {
        id: section.id,
        title: section.title,
        risk: risk,
        items: ids.length,
        answered: answered,
        unanswered: ids.filter(function (i) { return status[i] === "unanswered"; }).length,
        not_applicable: ids.filter(function (i) { return status[i] === "not_applicable"; }).length,
        skipped: ids.filter(function (i) { return status[i] === "skipped"; }).length,
      };
    });

    var pending = settlement(checklist, items, status);
    var verdict = verdictOf(checklist, items, facts, pending);
    var headline = checklist.headline || (checklist.scores && checklist.scores.length ? checklist.scores[checklist.scores.length - 1].id : null);
    var shownAs = headlineStatus(items, status, verdict, pending);
    if (shownAs !== "settled") {
      // The headline's band is a judgement: it waits with the verdict.
      scores.forEach(function (s) { if (s.id === headline) { s.band = null; s.band_description = null; } });
    }
    var blocked = shownAs === "blocked";
    var counts = map();
    RISK_KEYS.forEach(function (k) { counts[k] = 0; });
    items.forEach(function (item) { counts[facts.risks[item.id]] += 1; });
    var sectionCounts = map();
    RISK_KEYS.forEach(function (k) { sectionCounts[k] = 0; });
    sections.forEach(function (section) { sectionCounts[section.risk] += 1; });
    var ordered = items
      .map(function (item, n) { return [n, item]; })
      .filter(function (pair) { var r = facts.risks[pair[1].id]; return r === "high" || r === "medium"; });
    ordered.sort(function (a, b) {
      return (RISK_ORDER[facts.risks[b[1].id]] - RISK_ORDER[facts.risks[a[1].id]]) ||
        (SEVERITY_ORDER[a[1].severity] - SEVERITY_ORDER[b[1].severity]) || (a[0] - b[0]);
    });
    var plan = ordered.map(function (pair) {
      var item = pair[1];
      return {
        item: item.id,
        question: item.question,
        risk: facts.risks[item.id],
        severity: item.severity,
        hint: item.hint,
        chapter: item.chapter || null,
        missing: item.answer.type !== "multi" ? [] : item.answer.options.filter(function (o) {
          var chosen = has(facts.values, item.id) ? facts.values[item.id] : [];
          return !o.exclusive && chosen.indexOf(o.value) < 0;
        }).map(function (o) { return { value: o.value, label: o.label, hint: o.hint || null }; }),
      };
    });
    var unanswered = items.filter(function (i) { return status[i.id] === "unanswered"; }).map(function (i) { return i.id; });
    return {
      checklist: checklist.id,
      version: checklist.version,
      title: checklist.title,
      complete: unanswered.length === 0,
      settled: !pending.reasons.length || blocked,
      pending: blocked ? [] : pending.reasons,
      next: blocked ? [] : pending.next,
      items: checklist.sections.reduce(function (out, section) {
        section.items.forEach(function (item) {
          var answer = has(answers, item.id) ? answers[item.id] : null;
          out.push({
            id: item.id,
            section: section.id,
            question: item.question,
            severity: item.severity,
            status: status[item.id],
            answer: has(facts.values, item.id) ? facts.values[item.id] : null,
            points: has(facts.points, item.id) ? facts.points[item.id] : null,
            risk: facts.risks[item.id],
            note: answer && answer.note ? answer.note : null,
            reason: answer && status[item.id] === "not_applicable" && answer.reason ? answer.reason : null,
          });
        });
        return out;
      }, []),
      sections: sections,
      scores: scores,
      headline: headline,
      headline_status: shownAs,
      risks: counts,
      section_risks: sectionCounts,
      verdict: verdict,
      unanswered: unanswered,
      plan: plan,
    };
  }

  /* report.py: number, the rule of docs/reference/rules.md#numbers, digit for digit */

  // The BigInt n / d rounded to a whole number, ties to even.
  function halfEven(n, d) {
    var q = n / d;
    var twice = (n % d) * BigInt(2);
    return twice > d || (twice === d && q % BigInt(2)) ? q + BigInt(1) : q;
  }

  function number(value) {
    if (typeof value !== "number" || !isFinite(value)) return "\u2014";
    var m = Math.abs(value);
    var k = 0;
    while (m % 1) { m *= 2; k += 1; } // exact: |value| = m / 2^k = m * 5^k / 10^k
    var n = BigInt(m) * BigInt(5) ** BigInt(k);
    var digits = String(k > 2 ? halfEven(n, BigInt(10) ** BigInt(k - 2)) : n * BigInt(10) ** BigInt(2 - k)); // hundredths
    if (digits === "0") return "0";
    var sign = value < 0 ? "-" : "";
    if (digits.length < 18) { // below 10^15: in full
      digits = digits.padStart(3, "0");
      return sign + (digits.slice(0, -2) + "." + digits.slice(-2)).replace(/\.?0+$/, "");
    }
    var six = String(halfEven(BigInt(digits), BigInt(10) ** BigInt(digits.length - 6)));
    return sign + (six[0] + "." + six.slice(1, 6)).replace(/\.?0+$/, "") + "e+" + (digits.length - 9 + six.length);
  }

  var api = {
    compare: compare,
    sameValue: sameValue,
    holds: holds,
    firstRisk: firstRisk,
    aggregate: aggregate,
    firstBand: firstBand,
    dependencyOrder: dependencyOrder,
    maxPoints: maxPoints,
    pointsOf: pointsOf,
    selectItems: selectItems,
    evaluate: evaluate,
    describe: describe,
    number: number,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.ChecklistEvaluator = api;
})(typeof self !== "undefined" ? self : this);
