// GoRules zen-engine (npm @gorules/zen-engine): the clauses as one decision table
// (a row per clause, hit policy "collect") in a JDM graph; the rows that match are
// the clauses that apply, and the deal's rule (common.js) gives the verdict.
'use strict';
const { ZenEngine } = require('@gorules/zen-engine');
const { loadWorkload, loadAnswers, verdictOf, check, timeLoopAsync, report, args } = require('./common');
const { window } = require('./translate');

(async () => {
  const { dir, answers: answersPath, seconds } = args();
  const w = loadWorkload(dir);
  const answers = loadAnswers(answersPath);
  const order = new Map(w.clauses.map((c, i) => [c.id, i]));
  const fields = ['party', 'action', 'date', 'market', 'channel', 'amount', 'regulator_approved', 'in_default'];
  const rules = w.clauses.map((c, i) => {
    const [lo, hi] = window(c);
    const row = { _id: `r${i}`, i_party: c.party === null ? '' : `${c.party}`, i_action: c.actions.join(', '),
      i_date: `[${lo}..${hi}]`, i_market: '', i_channel: '', i_amount: '', i_regulator_approved: '', i_in_default: '',
      o_id: JSON.stringify(c.id) };
    for (const [name, op, value] of c.atoms) {
      if (name === 'date') continue;
      row[`i_${name}`] = op === 'eq' ? JSON.stringify(value) : op === 'ne' ? `!= ${value}` : op === 'in' ? value.join(', ')
        : op === 'ge' ? `>= ${value}` : `< ${value}`;
    }
    return row;
  });
  const jdm = {
    nodes: [
      { id: 'in', type: 'inputNode', name: 'question', position: { x: 0, y: 0 } },
      { id: 'table', type: 'decisionTableNode', name: 'clauses', position: { x: 200, y: 0 },
        content: { hitPolicy: 'collect', inputs: fields.map((f) => ({ id: `i_${f}`, name: f, field: f })),
          outputs: [{ id: 'o_id', name: 'id', field: 'id' }], rules } },
      { id: 'out', type: 'outputNode', name: 'clauses', position: { x: 400, y: 0 } },
    ],
    edges: [{ id: 'e1', sourceId: 'in', targetId: 'table', type: 'edge' }, { id: 'e2', sourceId: 'table', targetId: 'out', type: 'edge' }],
  };
  const t0 = process.hrtime.bigint();
  const engine = new ZenEngine();
  const decision = engine.createDecision(jdm);
  const setup = Number(process.hrtime.bigint() - t0) / 1e9;
  const inputs = w.questions.map((q) => ({ party: q.party, action: q.action, date: q.date_days, market: q.market,
    channel: q.channel, amount: q.amount, regulator_approved: q.facts.regulator_approved, in_default: q.facts.in_default }));
  async function decide(i) {
    const r = await decision.evaluate(inputs[i]);
    const rows = Array.isArray(r.result) ? r.result : r.result ? [r.result] : [];
    const applicable = rows.map((x) => w.byId.get(x.id)).sort((a, b) => order.get(a.id) - order.get(b.id));
    return verdictOf(applicable, w.questions[i], w);
  }
  const checkCount = Math.min(w.questions.length, Number(process.env.CHECK || 2000));
  const results = [];
  for (let i = 0; i < checkCount; ++i) results.push(await decide(i));
  const wrong = check(results, answers, 'zen');
  const timing = await timeLoopAsync(w.questions.length, decide, seconds, 20);
  report('zen-engine', timing, results.length, wrong, { setup_seconds: +setup.toFixed(3) });
})().catch((e) => { console.error(e); process.exit(1); });
