/*
 * The rule language in the browser, part 4 of 5: `engine.py`'s evaluation of answers
 * into the Result (settlement, verdict, headline, evaluate).
 */

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

// engine._held: of each `any`, only the alternatives that held (inside `all` too).
function held(c, facts) {
  if (has(c, "all")) return { all: c.all.map(function (x) { return held(x, facts); }) };
  if (!has(c, "any")) return c;
  var got = c.any.filter(function (x) { return holds(x, facts, null, null); }).map(function (x) { return held(x, facts); });
  return got.length === 1 ? got[0] : { any: got };
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
      return has(options, rule.verdict) ? chosen(options[rule.verdict], "rule", n, "Decided by: " + describe(held(rule.when, facts), checklist), blockers) : null;
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
