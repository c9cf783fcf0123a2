/*
 * The live checklist form, part 5 of 9 (src/checklist/site/assets.py joins the
 * parts into one script): evaluation, the item badges and the result panel.
 */

function itemLink(st, id, text) {
  var it = st.items[id];
  return it && it.el.id ? h("a", { href: "#" + it.el.id }, text) : text;
}

function badge(risk, text) {
  return h("span", { class: "ckl-badge ckl-risk ckl-risk--" + risk }, text || RISK[risk]);
}

function paint(st, r) {
  var it = st.items[r.id];
  if (!it) return;
  var skipped = r.status === "skipped";
  if (skipped !== it.el.hidden && !skipped && st.ready) {
    it.el.classList.add("ckl-item--revealed");
    setTimeout(function () { it.el.classList.remove("ckl-item--revealed"); }, 1600);
  }
  it.el.hidden = skipped;
  it.el.classList.toggle("ckl-item--skipped", skipped);
  it.el.setAttribute("data-status", r.status);
  it.el.setAttribute("data-risk", r.risk);
  var na = !!(it.na && it.na.checked);
  it.radios.concat(it.boxes, it.field ? [it.field] : []).forEach(function (c) { c.disabled = na; });
  if (it.reason) {
    it.reason.hidden = !na;
    if (it.reasonLabel) it.reasonLabel.hidden = !na;
    it.reason.required = na;
  }
  if (it.na) it.na.closest(".ckl-na").classList.toggle("ckl-na--on", na);
  it.radios.concat(it.boxes).forEach(function (radio) {
    var label = radio.closest("label");
    if (label) label.classList.toggle("ckl-option--checked", radio.checked);
  });
  if (it.note) it.note.closest(".ckl-note").classList.toggle("ckl-note--empty", !it.note.value.trim());
  if (it.status) {
    it.status.textContent = "";
    it.status.append(badge(r.risk));
    if (r.status === "answered" && r.points !== null && it.def.answer.type !== "yes_no") {
      it.status.append(h("span", { class: "ckl-points" }, num(r.points) + (r.points === 1 ? " point" : " points")));
    }
    if (it.invalid) it.status.append(h("span", { class: "ckl-problem" }, "Not counted: " + it.invalid + "."));
    if (na && !(it.reason && it.reason.value.trim())) {
      it.status.append(h("span", { class: "ckl-problem" }, "Say why it does not apply."));
    }
  }
}

// What the headline shows: no score before the first answer, the band only once the
// result is settled, and a score that a failed deal-breaker overrides said so.
var HEADLINE = { pending: "Band pending: see why below", blocked: "Overridden by a deal-breaker" };

function verdictBox(st, res) {
  var v = res.verdict;
  if (v && v.state === "settled") {
    var why = [v.because + "."];
    if (v.decided_by === "blocker") {
      why = ["Decided by " + (v.blockers.length === 1 ? "a deal-breaker" : "deal-breakers") + ": "];
      v.blockers.forEach(function (id, n) {
        if (n) why.push(", ");
        why.push(itemLink(st, id, st.items[id] ? st.items[id].def.question : id));
      });
    }
    return h("div", { class: "ckl-verdict ckl-verdict--" + v.tone, "data-verdict": v.id, "data-state": "settled" }, [
      h("p", { class: "ckl-verdict-kicker" }, res.complete ? "Verdict" : "Provisional verdict"),
      h("p", { class: "ckl-verdict-label" }, v.label),
      v.description ? h("p", { class: "ckl-verdict-description" }, v.description) : null,
      h("p", { class: "ckl-verdict-why" }, why),
    ]);
  }
  if (!res.pending.length) return null;
  var next = res.next.slice(0, 3).map(function (id) { return itemLink(st, id, st.items[id] ? st.items[id].def.question : id); });
  return h("div", { class: "ckl-verdict ckl-verdict--pending", "data-state": "pending" }, [
    h("p", { class: "ckl-verdict-kicker" }, v ? "Verdict" : "Result"),
    h("p", { class: "ckl-verdict-label" }, "Pending"),
    h("p", { class: "ckl-verdict-why" }, res.pending.join("; ").replace(/^./, function (c) { return c.toUpperCase(); }) + "."),
    next.length ? h("p", { class: "ckl-verdict-next" }, ["Answer next: "].concat(next.reduce(function (out, link, n) {
      return out.concat(n ? ["; ", link] : [link]);
    }, [])).concat(res.next.length > 3 ? ["; and " + (res.next.length - 3) + " more."] : ["."])) : null,
  ]);
}

function counts(title, values) {
  return [h("h3", null, title), h("ul", { class: "ckl-risk-counts" }, Object.keys(RISK).map(function (k) {
    return h("li", { class: values[k] ? "" : "ckl-zero" }, [badge(k), " ", h("strong", null, String(values[k]))]);
  }))];
}

function render(st, res) {
  var box = st.summary;
  var total = res.items.filter(function (i) { return i.status !== "skipped"; }).length;
  var done = total - res.unanswered.length;
  var head = res.scores.filter(function (s) { return s.id === res.headline; })[0];
  var shown = res.headline_status;
  var parts = [];
  parts.push(h("div", { class: "ckl-headline", "data-state": shown }, head ? [
    h("p", { class: "ckl-headline-label" }, head.label),
    head.value === null || shown === "empty"
      ? h("p", { class: "ckl-headline-value ckl-headline-value--none", "data-value": "" }, shown === "empty" ? "Not answered yet" : "No score yet")
      : h("p", { class: "ckl-headline-value" + (shown === "blocked" ? " ckl-headline-value--overridden" : ""), "data-value": String(head.value) }, num(head.value)),
    shown === "settled" ? (head.band ? h("p", { class: "ckl-headline-band" }, head.band) : null)
      : has(HEADLINE, shown) && head.value !== null ? h("p", { class: "ckl-headline-band ckl-headline-band--" + shown }, HEADLINE[shown]) : null,
  ] : []));
  parts.push(h("div", { class: "ckl-progress" }, [
    h("div", { class: "ckl-progress-bar", "aria-hidden": "true" },
      h("span", { style: "width:" + (total ? Math.round((100 * done) / total) : 0) + "%" })),
    h("p", null, done + " of " + plural(total, "question") + " answered" + (res.items.length > total
      ? " (" + plural(res.items.length - total, "follow-up question") + " not asked)" : "")),
  ]));
  var verdict = verdictBox(st, res);
  if (verdict) parts.push(verdict, nextLink(st, res));
  if (!res.complete && res.settled) {
    parts.push(h("p", { class: "ckl-provisional" }, "Provisional: " + plural(res.unanswered.length, "question is", "questions are") + " unanswered."));
  }
  var pic = figure(res); // the section scores and the items by risk (charts.js)
  if (pic) parts.push(pic);
  // Sections by their own risk, where a section has rules of its own (a Well-Architected
  // question); elsewhere a section's risk is only its highest item's.
  if (st.checklist.sections.some(function (x) { return x.risk; })) parts = parts.concat(counts("Sections by risk", res.section_risks));
  if (res.scores.length) {
    var table = h("table", { class: "ckl-scores" }, [
      h("thead", null, h("tr", null, [h("th", { scope: "col" }, "Score"), h("th", { scope: "col" }, "Value"), h("th", { scope: "col" }, "Band")])),
      h("tbody", null, res.scores.map(function (s) {
        var band = s.id === res.headline && has(HEADLINE, shown) ? (shown === "blocked" ? "overridden" : "pending") : s.band || "";
        return h("tr", { class: s.id === res.headline ? "ckl-headline-row" : null },
          [h("th", { scope: "row" }, s.label), h("td", null, num(s.value)), h("td", null, band)]);
      })),
    ]);
    var details = h("details", { class: "ckl-more", open: st.scoresOpen ? "" : null }, [
      h("summary", null, "All scores (" + res.scores.length + ")"), table]);
    details.addEventListener("toggle", function () { st.scoresOpen = details.open; });
    parts.push(details);
  }
  parts.push(h("h3", null, "Improvement plan"));
  parts.push(res.plan.length
    ? h("ol", { class: "ckl-plan" }, res.plan.map(function (p) {
      return h("li", null, [badge(p.risk), " ", itemLink(st, p.item, p.question), h("p", { class: "ckl-plan-hint" }, p.hint),
        p.missing.length ? h("ul", { class: "ckl-plan-missing" }, p.missing.map(function (m) {
          return h("li", null, m.hint ? [h("strong", null, m.label), " " + m.hint] : m.label);
        })) : null]);
    }))
    : h("p", { class: "ckl-plan-empty" }, done ? "Nothing is at high or medium risk." : "Answer the questions to see what to improve first."));
  box.textContent = "";
  parts.forEach(function (p) { if (p) box.append(p); }); // nextLink is null until a verdict settles
  res.sections.forEach(function (r) {
    var el = st.root.querySelector("section.ckl-section[data-section='" + r.id + "'] .ckl-section-title");
    if (!el) return;
    var old = el.querySelector(".ckl-section-risk");
    if (old) old.remove();
    if (["high", "medium", "low", "none"].indexOf(r.risk) >= 0) el.append(" ", h("span", { class: "ckl-badge ckl-risk ckl-section-risk ckl-risk--" + r.risk, title: "The risk of this section as a whole" }, RISK[r.risk]));
  });
  if (st.mini) {
    var v = res.verdict;
    st.mini.textContent = "";
    st.mini.append(
      h("span", { class: "ckl-mini-score" }, head && head.value !== null && shown !== "empty" ? head.label + " " + num(head.value) : done + " of " + total + " answered"),
      v && v.state === "settled" ? h("span", { class: "ckl-mini-verdict ckl-verdict--" + v.tone }, (res.complete ? "" : "Provisional: ") + v.label)
        : res.pending.length ? h("span", { class: "ckl-mini-verdict ckl-verdict--pending" }, (v ? "Verdict" : "Result") + " pending") : "",
      h("span", { class: "ckl-mini-go" }, "See result")
    );
  }
}

function announce(st, res, skippedBefore) {
  var head = res.scores.filter(function (s) { return s.id === res.headline; })[0];
  var text = [];
  if (head && res.headline_status !== "empty") text.push(head.label + " " + num(head.value) + (head.band ? " (" + head.band + ")" : "") + ".");
  var v = res.verdict;
  if (v && v.state === "settled") text.push((res.complete ? "Verdict: " : "Provisional verdict: ") + v.label + ".");
  else if (res.pending.length) text.push((v ? "Verdict" : "Result") + " pending: " + res.pending.join("; ") + ".");
  if (!res.complete) text.push(plural(res.unanswered.length, "question") + " unanswered.");
  var skipped = res.items.filter(function (i) { return i.status === "skipped"; }).length;
  if (skipped < skippedBefore) text.push(plural(skippedBefore - skipped, "follow-up question") + " now " + (skippedBefore - skipped === 1 ? "applies." : "apply."));
  if (skipped > skippedBefore) text.push(plural(skipped - skippedBefore, "question") + " no longer " + (skipped - skippedBefore === 1 ? "applies." : "apply."));
  var message = text.join(" ");
  if (st.live && message !== st.live.textContent) st.live.textContent = message;
}

function update(st, speak) {
  clearTimeout(st.timer);
  st.timer = null;
  if (st.ready) sync(st); // another tab may have saved since: never write over its answers
  var answers = collect(st);
  var res;
  try {
    res = window.ChecklistEvaluator.evaluate(st.checklist, answers);
  } catch (e) {
    notice(st, "top", "evaluate", "error", "The result could not be computed: " + e.message);
    return;
  }
  var skippedBefore = st.skipped;
  st.notAsked = res.items.filter(function (i) { return i.status === "skipped"; }).map(function (i) { return i.id; });
  st.skipped = st.notAsked.length;
  res.items.forEach(function (r) { paint(st, r); });
  render(st, res);
  // How close the verdict is to another (margin.js): a moment later, off the typing path.
  if (res.verdict && res.verdict.state === "settled") script("margin").then(function (m) { m.show(FORM, st, answers, res); });
  save(st, answers);
  keepThread(st, res);
  if (speak) announce(st, res, skippedBefore);
}

function later(st) {
  clearTimeout(st.timer);
  st.timer = setTimeout(function () { update(st, true); }, 300);
}
