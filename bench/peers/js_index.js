// The plain hand-written reference: clauses in a Map keyed by (party, action), each
// clause's window and conditions checked in a loop. What a team would write by hand
// instead of using a rules engine.
'use strict';
const { loadWorkload, loadAnswers, verdictOf, check, timeLoop, report, args } = require('./common');

const { dir, answers: answersPath, seconds } = args();
const w = loadWorkload(dir);
const answers = loadAnswers(answersPath);
const P = w.parties.length;

// Each clause as plain numeric fields: its window, the markets it allows (a bit
// mask), channel, amount bounds, what it needs of the facts.
function flatten(c) {
  const f = { c, lo: c.lo, hi: c.hi, markets: 0xffffffff, channelEq: -1, channelNe: -1, amountGe: -Infinity,
    amountLt: Infinity, approved: -1, inDefault: -1, forbid: c.effect === 'forbid', consentOf: c.effect === 'consent' ? c.consent_of : -1,
    exception: c.beats.length > 0 };
  for (const [name, op, value] of c.atoms) {
    if (name === 'market') f.markets &= op === 'eq' ? 1 << value : value.reduce((m, v) => m | (1 << v), 0);
    else if (name === 'channel') op === 'eq' ? (f.channelEq = value) : (f.channelNe = value);
    else if (name === 'amount') op === 'ge' ? (f.amountGe = value) : (f.amountLt = value);
    else if (name === 'date') f.lo = Math.max(f.lo, value);
    else if (name === 'regulator_approved') f.approved = value ? 1 : 0;
    else if (name === 'in_default') f.inDefault = value ? 1 : 0;
  }
  return f;
}

function applies(f, q) {
  return q.date_days >= f.lo && q.date_days <= f.hi && ((f.markets >>> q.market) & 1) === 1 &&
    (f.channelEq < 0 || q.channel === f.channelEq) && (f.channelNe < 0 || q.channel !== f.channelNe) &&
    q.amount >= f.amountGe && q.amount < f.amountLt &&
    (f.approved < 0 || (q.facts.regulator_approved ? 1 : 0) === f.approved) &&
    (f.inDefault < 0 || (q.facts.in_default ? 1 : 0) === f.inDefault);
}

const t0 = process.hrtime.bigint();
const index = new Map();
for (const c of w.clauses) {
  const f = flatten(c);
  for (const a of c.actions)
    for (let p = 0; p < P; ++p)
      if (c.party === null || c.party === p) {
        const key = a * P + p;
        if (!index.has(key)) index.set(key, []);
        index.get(key).push(f);
      }
}
const setup = Number(process.hrtime.bigint() - t0) / 1e9;
const none = [];

// The verdict with its reasons (for the check against dealcheck).
function decide(q) {
  const applicable = [];
  for (const f of index.get(q.action * P + q.party) || none) if (applies(f, q)) applicable.push(f.c);
  return verdictOf(applicable, q, w);
}

// The verdict alone, as evaluator::decide gives it: what is timed.
const hit = [];
function verdict(q) {
  hit.length = 0;
  let exceptions = false;
  for (const f of index.get(q.action * P + q.party) || none)
    if (applies(f, q)) {
      hit.push(f);
      if (f.exception) exceptions = true;
    }
  if (exceptions) return verdictOf(hit.map((f) => f.c), q, w).verdict;
  let forbid = false, consent = 0, permit = false;
  for (const f of hit) {
    if (f.forbid) forbid = true;
    else if (f.consentOf >= 0 && !q.consents.includes(f.consentOf)) consent |= 1 << f.consentOf;
    else permit = true;
  }
  return forbid ? 'forbidden' : consent ? 'needs-consent' : permit ? 'permitted' : 'not-covered';
}

const results = w.questions.map(decide);
const wrong = check(results, answers, 'js-index');
let agree = 0;
for (let i = 0; i < w.questions.length; ++i) agree += verdict(w.questions[i]) === results[i].verdict;
if (agree !== w.questions.length) console.error(`js-index: the timed verdicts differ on ${w.questions.length - agree} questions`);
const timing = timeLoop(w.questions.length, (i) => verdict(w.questions[i]), seconds);
report('js-index', timing, results.length, wrong, { setup_seconds: +setup.toFixed(3) });
