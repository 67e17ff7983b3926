#!/usr/bin/env python3
"""Synthetic contract portfolios for dealcheck's benchmarks.

Writes a deal folder in dealcheck's YAML rule language with N clauses of permit /
forbid / consent over ~50 parties and ~20 action kinds, with enum, money-amount,
fact and date-window conditions, amendments (later agreements replace earlier
clauses) and exceptions; then a question set (JSON Lines, the `dealcheck batch`
input) with the expected verdict of each question, computed here by a simple
reference implementation that knows nothing of dealcheck's code.

    portfolio.py --clauses 10000 --questions 10000 --out DIR [--seed 1]

DIR receives:
    deal.yaml, vocabulary.yaml, agreements/*.yaml   the deal
    questions.jsonl                                 one structured question a line
    expected.jsonl                                  the reference's verdict a line, in the
                                                    exact form `dealcheck batch` prints
    workload.json                                   the same clauses and questions in a
                                                    flat, engine-neutral form (for peers)

Python 3 standard library only; deterministic for a given seed.
"""

import argparse
import datetime
import json
import os
import random
import sys

EPOCH = datetime.date(1970, 1, 1)

PARTY_COUNT = 50
ACTIONS = [
    "acquire", "license_ip", "sublicense", "resell", "distribute", "host_api", "serve_api",
    "invest", "sell_compute", "buy_compute", "co_market", "white_label", "bundle", "export",
    "hire_staff", "open_office", "share_data", "train_model", "release_model", "audit",
]
MARKETS = [
    "us", "ca", "mx", "br", "ar", "uk", "de", "fr", "es", "it", "nl", "se",
    "pl", "ind", "cn", "jp", "kr", "sg", "au", "nz", "za", "ng", "ae", "sa",
]
CHANNELS = ["direct", "reseller", "marketplace", "oem", "online", "retail"]
FACTS = ["regulator_approved", "in_default"]
THRESHOLDS = [1, 5, 10, 50, 100, 500, 1000]  # millions of USD
FIRST_EFFECTIVE = datetime.date(2015, 1, 1)
SPAN_DAYS = 12 * 365
CLAUSES_PER_FILE = 4000  # about 1.1 MB: a rule file may hold at most 2 MiB


def day(d):
    return (d - EPOCH).days


def iso(days):
    return (EPOCH + datetime.timedelta(days=days)).isoformat()


def money_text(millions):
    return f"{millions // 1000}B USD" if millions % 1000 == 0 else f"{millions}M USD"


class Clause:
    __slots__ = ("index", "id", "agreement", "party", "actions", "effect", "consent_of",
                 "atoms", "window_from", "window_until", "exception_to", "replaces",
                 "lo", "hi", "beats")

    def __init__(self, index, agreement):
        self.index = index
        self.id = f"c{index:06d}"
        self.agreement = agreement
        self.party = None  # None: any party
        self.actions = []
        self.effect = "permit"
        self.consent_of = None
        self.atoms = []  # (name, op, value): op in eq ne in ge lt, name an attribute or fact
        self.window_from = None  # day numbers, or None
        self.window_until = None
        self.exception_to = []
        self.replaces = []
        self.lo = self.hi = 0  # in force (agreement, supersession, window), inclusive
        self.beats = set()


def generate(n, seed):
    rng = random.Random(seed)
    parties = [f"party{i:02d}" for i in range(PARTY_COUNT)]
    agreements = max(4, -(-n // CLAUSES_PER_FILE))
    step = SPAN_DAYS // agreements
    effective = [day(FIRST_EFFECTIVE) + i * step for i in range(agreements)]
    clauses = []
    by_bucket = {}  # (party, action) -> clause indexes, for exceptions
    for i in range(n):
        ag = i * agreements // n
        c = Clause(i, ag)
        c.party = None if rng.random() < 0.02 else rng.randrange(PARTY_COUNT)
        c.actions = [rng.randrange(len(ACTIONS))]
        if rng.random() < 0.1:
            other = rng.randrange(len(ACTIONS))
            if other != c.actions[0]:
                c.actions.append(other)
        r = rng.random()
        c.effect = "permit" if r < 0.55 else ("forbid" if r < 0.9 else "consent")
        if c.effect == "consent":
            c.consent_of = rng.randrange(PARTY_COUNT)
        r = rng.random()
        if r < 0.6:
            c.atoms.append(("market", "eq", rng.randrange(len(MARKETS))))
        elif r < 0.8:
            c.atoms.append(("market", "in", sorted(rng.sample(range(len(MARKETS)), 3))))
        r = rng.random()
        if r < 0.3:
            c.atoms.append(("channel", "eq", rng.randrange(len(CHANNELS))))
        elif r < 0.4:
            c.atoms.append(("channel", "ne", rng.randrange(len(CHANNELS))))
        r = rng.random()
        if r < 0.2:
            c.atoms.append(("amount", "ge", rng.choice(THRESHOLDS)))
        elif r < 0.4:
            c.atoms.append(("amount", "lt", rng.choice(THRESHOLDS)))
        r = rng.random()
        if r < 0.05:
            c.atoms.append(("regulator_approved", "eq", True))
        elif r < 0.1:
            c.atoms.append(("in_default", "eq", False))
        if rng.random() < 0.05:
            c.atoms.append(("date", "ge", effective[ag] + rng.randrange(3 * 365)))
        if rng.random() < 0.3:
            c.window_from = effective[ag] + rng.randrange(2 * 365)
        if rng.random() < 0.3:
            start = c.window_from if c.window_from is not None else effective[ag]
            c.window_until = start + 365 + rng.randrange(7 * 365)
        # A few permits are exceptions to a forbid of the same party and action.
        key = (c.party, c.actions[0])
        if c.effect == "permit" and rng.random() < 0.05:
            forbids = [j for j in by_bucket.get(key, [])[-20:] if clauses[j].effect == "forbid"]
            if forbids:
                c.exception_to.append(clauses[rng.choice(forbids)].id)
        by_bucket.setdefault(key, []).append(i)
        clauses.append(c)
    # Amendment periods: later agreements replace some earlier clauses.
    first_of = [next(i for i, c in enumerate(clauses) if c.agreement == a) if any(
        c.agreement == a for c in clauses) else n for a in range(agreements)]
    replaced = set()
    for c in clauses:
        if c.agreement == 0 or rng.random() >= 0.05:
            continue
        target = rng.randrange(first_of[c.agreement])
        if target in replaced:
            continue
        replaced.add(target)
        c.replaces.append(clauses[target].id)
    return parties, effective, clauses


def resolve(effective, clauses):
    """The reference's view of each clause: the days it is in force, what it beats."""
    index = {c.id: c for c in clauses}
    superseded = {}
    for c in clauses:
        for r in c.replaces:
            t = index[r]
            when = effective[c.agreement]
            superseded[t.id] = min(superseded.get(t.id, when), when)
    for c in clauses:
        lo = effective[c.agreement]
        if c.window_from is not None:
            lo = max(lo, c.window_from)
        hi = day(datetime.date(9999, 12, 31))
        if c.window_until is not None:
            hi = min(hi, c.window_until)
        if c.id in superseded:
            hi = min(hi, superseded[c.id] - 1)
        c.lo, c.hi = lo, hi
    for c in clauses:  # exceptions, closed transitively
        work = list(c.exception_to)
        while work:
            t = work.pop()
            if t in c.beats:
                continue
            c.beats.add(t)
            work.extend(index[t].exception_to)


def atom_holds(atom, q):
    name, op, value = atom
    v = q["date_days"] if name == "date" else (q["facts"][name] if name in FACTS else q[name])
    if op == "eq":
        return v == value
    if op == "ne":
        return v != value
    if op == "in":
        return v in value
    if op == "ge":
        return v >= value
    if op == "lt":
        return v < value
    raise ValueError(op)


def reference_verdict(q, bucket, clauses_by_id, parties):
    """Forbid beats consent beats permit; an applicable exception overrides what it
    beats; nothing applicable: not covered, the deal's default (permitted)."""
    applicable = [c for c in bucket
                  if c.lo <= q["date_days"] <= c.hi and all(atom_holds(a, q) for a in c.atoms)]
    beaten = set()
    for c in applicable:
        beaten |= c.beats
    effective = [c for c in applicable if c.id not in beaten]
    forbid = [c.id for c in effective if c.effect == "forbid"]
    consent = [c for c in effective if c.effect == "consent" and c.consent_of not in q["consents"]]
    permit = [c.id for c in effective
              if c.effect == "permit" or (c.effect == "consent" and c.consent_of in q["consents"])]
    if forbid:
        return {"verdict": "forbidden", "deciding": forbid}
    if consent:
        whose = sorted({c.consent_of for c in consent})
        return {"verdict": "needs-consent", "consent_of": [parties[p] for p in whose],
                "deciding": [c.id for c in consent]}
    if permit:
        return {"verdict": "permitted", "deciding": permit}
    return {"verdict": "not-covered", "default": "permitted", "deciding": []}


def make_questions(rng, count, parties, effective, clauses):
    questions = []
    for _ in range(count):
        if clauses and rng.random() < 0.8:
            # Aimed at a clause, so that most questions meet clauses that apply.
            c = rng.choice(clauses)
            party = c.party if c.party is not None else rng.randrange(PARTY_COUNT)
            action = rng.choice(c.actions)
            market = None
            for name, op, value in c.atoms:
                if name == "market" and rng.random() < 0.7:
                    market = value if op == "eq" else rng.choice(value)
            if market is None:
                market = rng.randrange(len(MARKETS))
            first = max(c.lo - 365, effective[0])
            last = max(first, min(c.hi, effective[-1] + 4 * 365))
            date = rng.randrange(first, last + 1)
        else:
            party = rng.randrange(PARTY_COUNT)
            action = rng.randrange(len(ACTIONS))
            market = rng.randrange(len(MARKETS))
            date = effective[0] + rng.randrange(SPAN_DAYS + 4 * 365)
        amount = rng.choice([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000])
        facts = {f: rng.random() < 0.5 for f in FACTS}
        consents = [rng.randrange(PARTY_COUNT)] if rng.random() < 0.1 else []
        questions.append({"party": party, "action": action, "market": market,
                          "channel": rng.randrange(len(CHANNELS)), "amount": amount,
                          "date_days": date, "facts": facts, "consents": consents})
    return questions


def condition_text(atoms):
    parts = []
    for name, op, value in atoms:
        if name == "market":
            parts.append(f"market == {MARKETS[value]}" if op == "eq" else
                         "market in [" + ", ".join(MARKETS[v] for v in value) + "]")
        elif name == "channel":
            parts.append(f"channel {'==' if op == 'eq' else '!='} {CHANNELS[value]}")
        elif name == "amount":
            parts.append(f"amount {'>=' if op == 'ge' else '<'} {money_text(value)}")
        elif name == "date":
            parts.append(f"date >= {iso(value)}")
        else:
            parts.append(name if value else f"not {name}")
    return " and ".join(parts)


def write_deal(out, n, parties, effective, clauses):
    os.makedirs(os.path.join(out, "agreements"), exist_ok=True)
    with open(os.path.join(out, "deal.yaml"), "w") as f:
        f.write(f"# Synthetic portfolio of {n} clauses, generated by bench/gen/portfolio.py.\n")
        f.write(f"deal: synthetic-{n}\ntitle: Synthetic portfolio of {n} clauses\n")
        f.write("default: permitted\nparties:\n")
        for i, p in enumerate(parties):
            f.write(f"  - {{id: {p}, name: Party {i:02d}, aliases: [P{i:02d}]}}\n")
        f.write("vocabulary: vocabulary.yaml\nagreements:\n")
        for a, eff in enumerate(effective):
            f.write(f"  - id: agreement-{a:03d}\n    title: Agreement {a}\n"
                    f"    effective: {iso(eff)}\n    file: agreements/a{a:03d}.yaml\n")
    with open(os.path.join(out, "vocabulary.yaml"), "w") as f:
        f.write("enums:\n")
        f.write("  market: [" + ", ".join(MARKETS) + "]\n")
        f.write("  channel: [" + ", ".join(CHANNELS) + "]\n")
        f.write("actions:\n")
        for a in ACTIONS:
            verb = a.replace("_", " ")
            f.write(f"  {a}:\n    verbs: [{verb}s, {verb}]\n    attributes:\n"
                    "      market: {type: market, words: [in]}\n"
                    "      channel: {type: channel, words: [via, through]}\n"
                    "      amount: {type: money, words: [for, worth]}\n")
        f.write("facts:\n")
        for fact in FACTS:
            f.write(f"  {fact}: {{type: bool}}\n")
    for a in range(len(effective)):
        with open(os.path.join(out, "agreements", f"a{a:03d}.yaml"), "w") as f:
            f.write(f"agreement: agreement-{a:03d}\nclauses:\n")
            for c in clauses:
                if c.agreement != a:
                    continue
                f.write(f"  - id: {c.id}\n    title: Synthetic clause {c.index}\n"
                        f"    quote: Clause {c.index} of the synthetic portfolio.\n"
                        f"    cite: bench/gen/portfolio.py\n    tag: official\n"
                        f"    party: {'any' if c.party is None else parties[c.party]}\n"
                        f"    actions: [{', '.join(ACTIONS[x] for x in c.actions)}]\n")
                if c.atoms:
                    f.write(f"    when: {condition_text(c.atoms)}\n")
                if c.window_from is not None:
                    f.write(f"    from: {iso(c.window_from)}\n")
                if c.window_until is not None:
                    f.write(f"    until: {iso(c.window_until)}\n")
                f.write(f"    effect: {c.effect}\n")
                if c.consent_of is not None:
                    f.write(f"    consent_of: {parties[c.consent_of]}\n")
                if c.exception_to:
                    f.write(f"    exception_to: [{', '.join(c.exception_to)}]\n")
                if c.replaces:
                    f.write(f"    replaces: [{', '.join(c.replaces)}]\n")


def question_json(q, parties):
    return {"party": parties[q["party"]], "action": ACTIONS[q["action"]],
            "attributes": {"market": MARKETS[q["market"]], "channel": CHANNELS[q["channel"]],
                           "amount": money_text(q["amount"])},
            "date": iso(q["date_days"]),
            "facts": {f: q["facts"][f] for f in FACTS},
            "consents": [parties[p] for p in q["consents"]]}


def write_workload(out, parties, effective, clauses, questions, expected):
    """The flat form the peer translators read: indexes, day numbers, USD millions."""
    flat = {
        "parties": parties, "actions": ACTIONS, "markets": MARKETS, "channels": CHANNELS,
        "facts": FACTS,
        "clauses": [{"id": c.id, "party": c.party, "actions": c.actions, "effect": c.effect,
                     "consent_of": c.consent_of, "lo": c.lo, "hi": c.hi,
                     "atoms": [[a[0], a[1], a[2]] for a in c.atoms],
                     "beats": sorted(c.beats)} for c in clauses],
        "questions": questions,
        "expected": expected,
    }
    with open(os.path.join(out, "workload.json"), "w") as f:
        json.dump(flat, f, separators=(",", ":"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clauses", type=int, required=True)
    ap.add_argument("--questions", type=int, default=10000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    parties, effective, clauses = generate(args.clauses, args.seed)
    resolve(effective, clauses)
    rng = random.Random(args.seed + 1)
    questions = make_questions(rng, args.questions, parties, effective, clauses)
    buckets = {}
    for c in clauses:
        for a in c.actions:
            for p in (range(PARTY_COUNT) if c.party is None else [c.party]):
                buckets.setdefault((p, a), []).append(c)
    by_id = {c.id: c for c in clauses}
    expected = [reference_verdict(q, buckets.get((q["party"], q["action"]), []), by_id, parties)
                for q in questions]
    write_deal(args.out, args.clauses, parties, effective, clauses)
    with open(os.path.join(args.out, "questions.jsonl"), "w") as f:
        for q in questions:
            f.write(json.dumps(question_json(q, parties), separators=(",", ":")) + "\n")
    with open(os.path.join(args.out, "expected.jsonl"), "w") as f:
        for e in expected:
            f.write(json.dumps(e, separators=(",", ":")) + "\n")
    write_workload(args.out, parties, effective, clauses, questions, expected)
    counts = {}
    for e in expected:
        counts[e["verdict"]] = counts.get(e["verdict"], 0) + 1
    print(f"portfolio: {args.clauses} clauses in {len(effective)} agreements, "
          f"{len(questions)} questions {counts} -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
