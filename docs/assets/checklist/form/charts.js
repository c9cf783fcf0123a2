/*
 * The live checklist form, part 6 of 9: the result at a glance, a mirror of
 * src/checklist/charts.py. A bar per section score, coloured by that section's risk, the
 * weakest named, and the items by risk in one stacked bar: the same picture, the same
 * numbers and the same words as the site's reports (tests/test_form.py compares them).
 */

var RISK_COLOURS = {
  high: "#c62828", medium: "#b26a00", low: "#1565c0", none: "#3c7d22",
  unanswered: "#8c959f", not_applicable: "#57606a", skipped: "#afb8c1",
};
// A risk inside a sentence, as charts.py says it (report.RISK_LABELS): "high", "not asked".
function riskWord(risk) {
  return risk === "none" ? risk : RISK[risk].replace(" risk", "").toLowerCase();
}
var WIDTH = 330, BAR_WIDTH = 260, ROW = 34, BAR = 12, PAD = 4, LONGEST = 48;

function oneLine(text) {
  return String(text).replace(/\s+/g, " ").trim();
}

// charts.picture: the chart's numbers.
function picture(res) {
  var sections = {};
  res.sections.forEach(function (x) { sections[x.id] = x; });
  var bars = [];
  res.scores.forEach(function (score) {
    var x = score.section !== null && has(sections, score.section) ? sections[score.section] : null;
    if (x) bars.push({ label: x.title, value: score.value, risk: x.risk });
  });
  var weakest = null;
  bars.forEach(function (bar) {
    if (bar.value !== null && (weakest === null || bar.value < weakest.value)) weakest = bar;
  });
  var counts = Object.keys(RISK_COLOURS).filter(function (k) { return res.risks[k]; }).map(function (k) { return [k, res.risks[k]]; });
  return { bars: bars, weakest: weakest, counts: counts, settled: res.settled };
}

// charts.headline: "Weakest: Scalability 0.5".
function weakestWords(pic) {
  return pic.weakest ? "Weakest: " + oneLine(pic.weakest.label) + " " + num(pic.weakest.value) : "";
}

// charts.words: the chart in one paragraph, its text alternative.
function chartWords(pic) {
  var parts = pic.bars.map(function (bar) { return oneLine(bar.label) + " " + num(bar.value) + " (" + riskWord(bar.risk) + " risk)"; });
  var items = pic.counts.map(function (c) { return c[1] + " " + riskWord(c[0]); }).join(", ");
  var text = parts.length ? "Section scores: " + parts.join("; ") + ". " : "";
  text += items ? "Items by risk: " + items + "." : "";
  return pic.settled ? text : text + " The verdict is pending: these numbers can still change.";
}

function svgEl(tag, attrs, kids) {
  return h(tag, attrs, kids, "http://www.w3.org/2000/svg");
}

// charts.svg, drawn with the same coordinates: each name above its bar, the value after it.
function chart(pic) {
  var legend = [];
  var x = 0, line = 0;
  pic.counts.forEach(function (c) {
    var words = c[1] + " " + riskWord(c[0]);
    var step = 14 + 6.2 * words.length + 12;
    if (x + step - 12 > WIDTH && x > 0) { x = 0; line += 1; }
    legend.push([x, line, c[0], words]);
    x += step;
  });
  var rows = pic.bars.length;
  var height = PAD + rows * ROW + (pic.counts.length ? ROW + 14 * (line + 1) : 0) + PAD;
  var g = svgEl("g", { "font-family": "inherit", "font-size": "13", fill: "currentColor" });
  function text(x, y, words, attrs) {
    g.append(svgEl("text", Object.assign({ x: x, y: y }, attrs), words));
  }
  function rect(x, y, w, fill, tip, attrs) {
    attrs = Object.assign({ x: x.toFixed(1), y: y + 17, width: w.toFixed(1), height: BAR, fill: fill }, attrs);
    g.append(svgEl("rect", attrs, svgEl("title", {}, tip)));
  }
  pic.bars.forEach(function (bar, n) {
    var y = PAD + n * ROW;
    var share = bar.value === null ? 0 : Math.max(0, Math.min(1, bar.value));
    var label = oneLine(bar.label);
    var mark = bar === pic.weakest ? { "font-weight": "bold" } : {};
    text(0, y + 12, label.length <= LONGEST ? label : label.slice(0, LONGEST - 1) + "\u2026", mark);
    g.append(svgEl("rect", { x: 0, y: y + 17, width: BAR_WIDTH, height: BAR, fill: "currentColor", opacity: "0.08" }));
    if (share) rect(0, y, share * BAR_WIDTH, RISK_COLOURS[bar.risk], label + ": " + num(bar.value) + ", " + riskWord(bar.risk) + " risk" + (mark["font-weight"] ? " (weakest)" : ""));
    text(BAR_WIDTH + 8, y + 28, num(bar.value), mark);
  });
  if (pic.counts.length) {
    var y = PAD + rows * ROW;
    var total = pic.counts.reduce(function (sum, c) { return sum + c[1]; }, 0);
    x = 0;
    text(0, y + 12, "Items by risk", {});
    pic.counts.forEach(function (c) {
      var w = (c[1] / total) * BAR_WIDTH;
      rect(x, y, w, RISK_COLOURS[c[0]], c[1] + " " + riskWord(c[0]), { "data-risk": c[0], "data-count": c[1] });
      x += w;
    });
    legend.forEach(function (l) {
      var top = y + ROW + 2 + 14 * l[1];
      g.append(svgEl("rect", { x: l[0].toFixed(1), y: top, width: 10, height: 10, fill: RISK_COLOURS[l[2]] }));
      text((l[0] + 14).toFixed(1), top + 9, l[3], { "font-size": "11" });
    });
  }
  return svgEl("svg", {
    class: "ckl-chart", role: "img", viewBox: "0 0 " + WIDTH + " " + height, width: WIDTH, height: height,
    style: "max-width:100%;height:auto",
  }, [svgEl("title", {}, "The result at a glance"), svgEl("desc", {}, chartWords(pic)), g]);
}

// The figure of the result panel: the chart and, below it, the weakest section named.
function figure(res) {
  var pic = picture(res);
  if (!pic.bars.length && !pic.counts.length) return null;
  var named = weakestWords(pic);
  return h("figure", { class: "ckl-figure" }, [
    chart(pic),
    named ? h("figcaption", null, named + (pic.settled ? "" : " (pending: the numbers can still change)")) : null,
  ]);
}
