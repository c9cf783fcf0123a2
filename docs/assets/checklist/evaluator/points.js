/*
 * The rule language in the browser, part 2 of 5: `engine.py`'s order of the items
 * (dependencyOrder), their points (maxPoints, pointsOf) and the risk of one item.
 */

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
