// Cedar (npm @cedar-policy/cedar-wasm) in its fastest setup: the policies sliced by
// scope, one preparsed policy set per (party, action), authorized with
// statefulIsAuthorized. Forbid-overrides-permit, exceptions (`unless`) and consent
// (a forbid unless consented, a permit if consented) are Cedar's own; its decision and
// determining policies give the verdict and the deciding clauses.
'use strict';
const cedar = require('@cedar-policy/cedar-wasm/nodejs');
const { loadWorkload, loadAnswers, check, timeLoop, report, args } = require('./common');
const { slices, beatersOf, window } = require('./translate');

const { dir, answers: answersPath, seconds } = args();
const w = loadWorkload(dir);
const answers = loadAnswers(answersPath);
const P = w.parties.length;
const beaters = beatersOf(w);
const order = new Map(w.clauses.map((c, i) => [c.id, i]));

function cond(c) {
  const [lo, hi] = window(c);
  const t = [`context.date >= ${lo}`, `context.date <= ${hi}`];
  for (const [name, op, value] of c.atoms) {
    if (name === 'date') continue;
    const v = `context.${name}`;
    if (op === 'eq') t.push(`${v} == ${JSON.stringify(value)}`);
    else if (op === 'ne') t.push(`${v} != ${value}`);
    else if (op === 'in') t.push(`[${value.join(', ')}].contains(${v})`);
    else if (op === 'ge') t.push(`${v} >= ${value}`);
    else if (op === 'lt') t.push(`${v} < ${value}`);
  }
  return t.join(' && ');
}

const t0 = process.hrtime.bigint();
let policies = 0;
const keys = new Map();
for (const [key, list] of slices(w)) {
  const inSlice = new Set(list.map((c) => c.id));
  const set = {};
  for (const c of list) {
    const scope = `principal${c.party === null ? '' : ` == Party::"${w.parties[c.party]}"`}, action == Action::"${w.actions[Math.floor(key / P)]}", resource`;
    const by = (beaters.get(c.id) || []).filter((b) => inSlice.has(b.id));
    const unless = by.length ? ` unless { ${by.map((b) => `(${cond(b)})`).join(' || ')} }` : '';
    if (c.effect === 'consent') {
      set[c.id] = `forbid (${scope}) when { ${cond(c)} && !context.consents.contains(${c.consent_of}) }${unless};`;
      set[`${c.id}~consented`] = `permit (${scope}) when { ${cond(c)} && context.consents.contains(${c.consent_of}) }${unless};`;
    } else {
      set[c.id] = `${c.effect} (${scope}) when { ${cond(c)} }${unless};`;
    }
  }
  policies += Object.keys(set).length;
  const id = `s${key}`;
  const r = cedar.preparsePolicySet(id, { staticPolicies: set });
  if (r.type !== 'success') throw new Error(JSON.stringify(r.errors).slice(0, 500));
  keys.set(key, id);
}
cedar.preparsePolicySet('empty', { staticPolicies: {} });
const setup = Number(process.hrtime.bigint() - t0) / 1e9;

const calls = w.questions.map((q) => ({
  principal: { type: 'Party', id: w.parties[q.party] },
  action: { type: 'Action', id: w.actions[q.action] },
  resource: { type: 'Deal', id: 'portfolio' },
  context: { date: q.date_days, market: q.market, channel: q.channel, amount: q.amount,
    regulator_approved: q.facts.regulator_approved, in_default: q.facts.in_default, consents: q.consents },
  preparsedPolicySetId: keys.get(q.action * P + q.party) || 'empty',
  entities: [],
}));

function verdict(i) {
  const a = cedar.statefulIsAuthorized(calls[i]);
  if (a.type !== 'success') throw new Error(JSON.stringify(a.errors).slice(0, 500));
  const ids = a.response.diagnostics.reason.map((r) => r.replace('~consented', '')).sort((x, y) => order.get(x) - order.get(y));
  if (a.response.decision === 'allow') return { verdict: 'permitted', deciding: ids };
  if (!ids.length) return { verdict: 'not-covered', default: 'permitted', deciding: [] };
  const forbids = ids.filter((id) => w.byId.get(id).effect === 'forbid');
  if (forbids.length) return { verdict: 'forbidden', deciding: forbids };
  const whose = [...new Set(ids.map((id) => w.byId.get(id).consent_of))].sort((x, y) => x - y);
  return { verdict: 'needs-consent', consent_of: whose.map((p) => w.parties[p]), deciding: ids };
}

const results = w.questions.map((_, i) => verdict(i));
const wrong = check(results, answers, 'cedar');
const timing = timeLoop(calls.length, verdict, seconds);
report('cedar-wasm', timing, results.length, wrong, { setup_seconds: +setup.toFixed(3), policies, version: cedar.getCedarVersion() });
