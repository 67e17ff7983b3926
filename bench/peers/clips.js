// CLIPS 6.3 (Debian `clips`, Rete, in C): a rule per clause whose patterns are its
// scope, window and conditions; the questions are asserted as facts and run at once,
// timed inside CLIPS; the `hit` facts are the clauses that apply, and the deal's rule
// (common.js) gives the verdict.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { loadWorkload, loadAnswers, verdictOf, check, report, args } = require('./common');
const { window } = require('./translate');

const { dir, answers: answersPath } = args();
const w = loadWorkload(dir);
const answers = loadAnswers(answersPath);
const work = path.join(__dirname, 'work', 'clips');
fs.mkdirSync(work, { recursive: true });

const rules = ['(deftemplate q (slot id) (slot party) (slot action) (slot date) (slot market) (slot channel) (slot amount) (slot regulator_approved) (slot in_default))'];
w.clauses.forEach((c, i) => {
  const [lo, hi] = window(c);
  const slots = ['(id ?i)'];
  if (c.party !== null) slots.push(`(party ${c.party})`);
  slots.push(`(action ${c.actions.join('|')})`, `(date ?d&:(>= ?d ${lo})&:(<= ?d ${hi}))`);
  for (const [name, op, value] of c.atoms) {
    if (name === 'date') continue;
    const v = typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value;
    if (op === 'eq') slots.push(`(${name} ${v})`);
    else if (op === 'ne') slots.push(`(${name} ~${v})`);
    else if (op === 'in') slots.push(`(${name} ${value.join('|')})`);
    else if (op === 'ge') slots.push(`(${name} ?${name}&:(>= ?${name} ${value}))`);
    else if (op === 'lt') slots.push(`(${name} ?${name}&:(< ?${name} ${value}))`);
  }
  rules.push(`(defrule r${i} (q ${slots.join(' ')}) => (assert (hit ?i ${i})))`);
});
fs.writeFileSync(path.join(work, 'rules.clp'), rules.join('\n') + '\n');
const b = (x) => (x ? 'TRUE' : 'FALSE');
fs.writeFileSync(path.join(work, 'questions.fct'), w.questions.map((q, i) =>
  `(q (id ${i}) (party ${q.party}) (action ${q.action}) (date ${q.date_days}) (market ${q.market}) (channel ${q.channel}) (amount ${q.amount}) (regulator_approved ${b(q.facts.regulator_approved)}) (in_default ${b(q.facts.in_default)}))`).join('\n') + '\n');
fs.writeFileSync(path.join(work, 'run.clp'), `(load* "rules.clp")
(defglobal ?*t0* = 0.0 ?*t1* = 0.0)
(bind ?*t0* (time))
(load-facts "questions.fct")
(run)
(bind ?*t1* (time))
(printout t "TIME " (- ?*t1* ?*t0*) crlf)
(do-for-all-facts ((?h hit)) TRUE (printout t "HIT " (implode$ ?h:implied) crlf))
(exit)
`);
const t0 = process.hrtime.bigint();
const out = execFileSync('clips', ['-f2', 'run.clp'], { cwd: work, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
const total = Number(process.hrtime.bigint() - t0) / 1e9;
const seconds = Number((out.match(/TIME ([0-9.e+-]+)/) || [])[1]);
const hits = w.questions.map(() => []);
for (const m of out.matchAll(/HIT (\d+) (\d+)/g)) hits[+m[1]].push(+m[2]);
const results = hits.map((h, i) => verdictOf(h.sort((x, y) => x - y).map((k) => w.clauses[k]), w.questions[i], w));
const wrong = check(results, answers, 'clips');
report('clips', { decisions: w.questions.length, seconds }, results.length, wrong,
  { setup_seconds: +(total - seconds).toFixed(3) });
