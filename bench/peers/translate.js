// Helpers the translators share: which clauses a question's (party, action) can meet,
// in declaration order, and the clauses that beat each clause.
'use strict';

function slices(w) {
  const P = w.parties.length, out = new Map();
  for (const c of w.clauses)
    for (const a of c.actions)
      for (let p = 0; p < P; ++p)
        if (c.party === null || c.party === p) {
          const key = a * P + p;
          if (!out.has(key)) out.set(key, []);
          out.get(key).push(c);
        }
  return out;
}

function beatersOf(w) {
  const out = new Map();
  for (const c of w.clauses) for (const b of c.beats) (out.get(b) || out.set(b, []).get(b)).push(c);
  return out;
}

// The lowest and highest day a clause can apply on, with a `date >= X` condition folded in.
function window(c) {
  let lo = c.lo;
  for (const [name, op, value] of c.atoms) if (name === 'date' && op === 'ge') lo = Math.max(lo, value);
  return [lo, c.hi];
}

module.exports = { slices, beatersOf, window };
