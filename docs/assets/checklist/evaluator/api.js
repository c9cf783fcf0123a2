/*
 * The rule language in the browser, part 5 of 5: `report.py`'s `number`, and what the
 * evaluator offers the form, the tests and the benchmarks (window.ChecklistEvaluator).
 */

// base ** exp as a BigInt (the ** operator is left out: the minifier reads ES5 and BigInt).
function power(base, exp) {
  var result = BigInt(1);
  for (var i = 0; i < exp; i++) result *= BigInt(base);
  return result;
}

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
  var n = BigInt(m) * power(5, k);
  var digits = String(k > 2 ? halfEven(n, power(10, k - 2)) : n * power(10, 2 - k)); // hundredths
  if (digits === "0") return "0";
  var sign = value < 0 ? "-" : "";
  if (digits.length < 18) { // below 10^15: in full
    digits = digits.padStart(3, "0");
    return sign + (digits.slice(0, -2) + "." + digits.slice(-2)).replace(/\.?0+$/, "");
  }
  var six = String(halfEven(BigInt(digits), power(10, digits.length - 6)));
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
root.ChecklistEvaluator = api;
