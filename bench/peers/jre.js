// json-rules-engine (npm): a rule per clause whose `all` conditions are its scope,
// window and conditions; the events a run fires are the clauses that apply, and the
// deal's rule (common.js) gives the verdict.
'use strict';
const { Engine } = require('json-rules-engine');
const { loadWorkload, loadAnswers, verdictOf, check, timeLoopAsync, report, args } = require('./common');
const { window } = require('./translate');

(async () => {
  const { dir, answers: answersPath, seconds } = args();
  const w = loadWorkload(dir);
  const answers = loadAnswers(answersPath);
  const order = new Map(w.clauses.map((c, i) => [c.id, i]));
  const t0 = process.hrtime.bigint();
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const c of w.clauses) {
    const [lo, hi] = window(c);
    const all = [{ fact: 'action', operator: 'in', value: c.actions },
      { fact: 'date', operator: 'greaterThanInclusive', value: lo }, { fact: 'date', operator: 'lessThanInclusive', value: hi }];
    if (c.party !== null) all.unshift({ fact: 'party', operator: 'equal', value: c.party });
    for (const [name, op, value] of c.atoms) {
      if (name === 'date') continue;
      all.push({ fact: name, value, operator: op === 'eq' ? 'equal' : op === 'ne' ? 'notEqual' : op === 'in' ? 'in'
        : op === 'ge' ? 'greaterThanInclusive' : 'lessThan' });
    }
    engine.addRule({ conditions: { all }, event: { type: c.id } });
  }
  const setup = Number(process.hrtime.bigint() - t0) / 1e9;
  const facts = w.questions.map((q) => ({ party: q.party, action: q.action, date: q.date_days, market: q.market,
    channel: q.channel, amount: q.amount, regulator_approved: q.facts.regulator_approved, in_default: q.facts.in_default }));
  async function decide(i) {
    const { events } = await engine.run(facts[i]);
    const applicable = events.map((e) => w.byId.get(e.type)).sort((a, b) => order.get(a.id) - order.get(b.id));
    return verdictOf(applicable, w.questions[i], w);
  }
  const checkCount = Math.min(w.questions.length, Number(process.env.CHECK || 20));
  const results = [];
  for (let i = 0; i < checkCount; ++i) results.push(await decide(i));
  const wrong = check(results, answers, 'json-rules-engine');
  const timing = await timeLoopAsync(w.questions.length, decide, seconds, 3);
  report('json-rules-engine', timing, results.length, wrong, { setup_seconds: +setup.toFixed(3) });
})().catch((e) => { console.error(e); process.exit(1); });
