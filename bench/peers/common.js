// Shared by the peer drivers: the workload (bench/gen/portfolio.py's workload.json),
// dealcheck's own answers to check against, the verdict rule for engines that only
// report which clauses apply, and timing.
'use strict';
const fs = require('fs');

function loadWorkload(dir) {
  const w = JSON.parse(fs.readFileSync(`${dir}/workload.json`, 'utf8'));
  w.byId = new Map(w.clauses.map((c) => [c.id, c]));
  return w;
}

// dealcheck's answers, one JSON object a line, in question order.
function loadAnswers(path) {
  return fs.readFileSync(path, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));
}

// The verdict from the clauses that apply (in declaration order): an applicable
// exception overrides what it beats; forbid beats consent beats permit; nothing left:
// not covered (the generated deals default to permitted). Same rule as the deal's.
function verdictOf(applicable, q, w) {
  const beaten = new Set();
  for (const c of applicable) for (const b of c.beats) beaten.add(b);
  const forbid = [], consent = [], permit = [];
  for (const c of applicable) {
    if (beaten.has(c.id)) continue;
    if (c.effect === 'forbid') forbid.push(c);
    else if (c.effect === 'consent' && !q.consents.includes(c.consent_of)) consent.push(c);
    else permit.push(c);
  }
  if (forbid.length) return { verdict: 'forbidden', deciding: forbid.map((c) => c.id) };
  if (consent.length) {
    const whose = [...new Set(consent.map((c) => c.consent_of))].sort((a, b) => a - b);
    return { verdict: 'needs-consent', consent_of: whose.map((p) => w.parties[p]), deciding: consent.map((c) => c.id) };
  }
  if (permit.length) return { verdict: 'permitted', deciding: permit.map((c) => c.id) };
  return { verdict: 'not-covered', default: 'permitted', deciding: [] };
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// Checks the first `n` verdicts against dealcheck's; returns how many differ.
function check(results, answers, label) {
  let wrong = 0;
  results.forEach((r, i) => {
    if (r === undefined) return;
    if (!same(r, answers[i])) {
      if (wrong < 3) console.error(`${label}: question ${i + 1}: ${JSON.stringify(r)} but dealcheck says ${JSON.stringify(answers[i])}`);
      ++wrong;
    }
  });
  return wrong;
}

// Runs `decideOne(i)` over the questions, round and round, for about `seconds`
// (at least `min` decisions), and returns decisions per second.
function timeLoop(count, decideOne, seconds, min = 1) {
  let n = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  for (;;) {
    decideOne(n % count);
    ++n;
    if ((n & 63) === 0 || n < 64) {
      const elapsed = process.hrtime.bigint() - start;
      if (n >= min && elapsed >= limit) return { decisions: n, seconds: Number(elapsed) / 1e9 };
    }
  }
}

async function timeLoopAsync(count, decideOne, seconds, min = 1) {
  let n = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  for (;;) {
    await decideOne(n % count);
    ++n;
    const elapsed = process.hrtime.bigint() - start;
    if (n >= min && elapsed >= limit) return { decisions: n, seconds: Number(elapsed) / 1e9 };
  }
}

function report(engine, timing, checked, wrong, extra = {}) {
  const out = { engine, decisions: timing.decisions, seconds: +timing.seconds.toFixed(3),
    per_second: Math.round(timing.decisions / timing.seconds), checked, wrong, ...extra };
  console.log(JSON.stringify(out));
}

function args() {
  const [dir, answers, seconds] = process.argv.slice(2);
  if (!dir || !answers) {
    console.error('usage: node DRIVER.js WORKLOAD_DIR DEALCHECK_ANSWERS.jsonl [SECONDS]');
    process.exit(64);
  }
  return { dir, answers, seconds: Number(seconds || 3) };
}

module.exports = { loadWorkload, loadAnswers, verdictOf, same, check, timeLoop, timeLoopAsync, report, args };
