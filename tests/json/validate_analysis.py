#!/usr/bin/env python3
"""Validates real `dealcheck analyze --json` or `dealcheck diff --json` output against
docs/schema/analysis.schema.json or docs/schema/diff.schema.json (chosen by the schema
given).

Runs the commands of docs/analysis.md against the bundled deal ($DEALCHECK_RULES) and
the example deals of tests/analysis/deals/ — every finding kind and severity, two
folders, one deal as of two dates, --tests-only, --no-tests, --all, --max,
--hypothetical — and checks that:
1. each schema is a valid Draft 2020-12 schema and every document validates;
2. the documents show every finding kind, severity, verdict and optional field listed
   in EXPECTED (those in UNREACHABLE are printed when missing, not failed: see why);
3. the schema rejects each of a set of broken documents (a finding without `kind`, an
   unknown top-level key, ...), so that a schema accepting anything fails this test.

Usage: validate_analysis.py DEALCHECK SCHEMA DEALS_DIR
"""
import copy
import glob
import json
import os
import subprocess
import sys

import jsonschema

ANALYZE_RUNS = [
    [],  # the bundled deal: a conflict that is a note (hypothetical), facts in the example
    ["--rules", "{deals}/conflicting"],
    ["--rules", "{deals}/dead"],
    ["--rules", "{deals}/shadowed"],
    ["--rules", "{deals}/gappy"],
]

DIFF_RUNS = [
    ["{deals}/diff-old", "{deals}/diff-new"],
    ["{deals}/diff-old", "{deals}/conflicting"],
    ["{deals}/conflicting", "{deals}/gappy", "--as-of", "2024-06-01"],  # notes, no change
    ["{rules}", "{deals}/conflicting", "--tests-only"],  # tests the new rules cannot ask
    ["--as-of", "2026-04-26", "--as-of", "2026-04-27"],
    ["--rules", "{rules}", "--as-of", "2026-04-26", "--as-of", "2026-04-27", "--no-tests"],
    ["--as-of", "2024-01-01", "--as-of", "2026-04-27", "--tests-only"],
    ["--as-of", "2026-04-26", "--as-of", "2026-04-27", "--all", "--max", "1"],  # incomplete
    ["--as-of", "2026-04-26", "--as-of", "2026-04-27", "--hypothetical", "--no-tests"],
]

VERDICTS = ["PERMITTED", "FORBIDDEN", "NEEDS-CONSENT", "NOT-COVERED", "DEPENDS"]

EXPECTED = {
    "analysis": {"kind:conflict", "kind:dead", "kind:shadowed", "kind:gap", "severity:error",
                 "severity:warning", "severity:note", "example", "confirmed", "clause located",
                 "details", "answer default", "answer consent_of", "answer overridden",
                 "question attributes", "question facts"}
                | {f"verdict:{v}" for v in VERDICTS if v != "DEPENDS"},
    "diff": {"source:rules", "source:test", "test file and line", "outcome_same", "hypothetical",
             "hypothetical from rules", "notes", "incomplete", "no changes", "labels as of",
             "answer default", "answer consent_of", "question consents", "question facts",
             "answer overridden", "dates differ", "rejected"}
            | {f"verdict:{v}" for v in VERDICTS},
}

# Allowed by the schemas, but not produced by the deals this test can use; printed when
# missing, never failed.
UNREACHABLE = {
    "analysis": {
        # A dead clause keeps a null example (and `confirmed: false`) only when the solver
        # finds no question at all for it; every dead clause of the example deals has one.
        "no example": "every dead clause of the example deals has an example",
        "not confirmed": "every dead clause of the example deals has an example",
        # The example deals finish in a few solver checks, even with --timeout-ms 1.
        "incomplete": "the deals are too small for the solver to time out",
        "timeouts": "the deals are too small for the solver to time out",
        "rejected": "the evaluator confirms the solver's first candidate on these deals",
        # A gap that only arises against recorded facts or under a non-default reading:
        # no example deal records facts for an action kind declared `covered: true`.
        "kind:gap severity:note": "no deal has a gap only against what it records",
        # Examples are sought definite first; DEPENDS is the last resort for a dead clause.
        "verdict:DEPENDS": "every example of these deals is definite",
        "question consents": "no example of these deals needs a consent given",
        "phrase does not round-trip": "every example phrase of these deals parses back",
        # Findings' examples are always dated.
        "question without date": "examples are always dated",
    },
    "diff": {
        "timeouts": "the deals are too small for the solver to time out",
        "phrase does not round-trip": "every phrase of these deals parses back",
        # Test questions are answered on a date (today when they give none), and the
        # solver's questions are dated.
        "question without date": "every question of a diff is dated",
    },
}


def features_of_answer(out, a):
    out.add(f"verdict:{a['verdict']}")
    if "default" in a:
        out.add("answer default")
    if a["consent_of"]:
        out.add("answer consent_of")
    if a["overridden"]:
        out.add("answer overridden")


def features_of_question(out, q):
    for key in ["attributes", "facts", "consents"]:
        if q[key]:
            out.add(f"question {key}")
    if q["date"] is None:
        out.add("question without date")


def analysis_features(doc):
    out = set()
    for f in doc["findings"]:
        out |= {f"kind:{f['kind']}", f"severity:{f['severity']}", f"kind:{f['kind']} severity:{f['severity']}"}
        if f["details"]:
            out.add("details")
        if any("file" in c for c in f["clauses"]):
            out.add("clause located")
        out.add("confirmed" if f["confirmed"] else "not confirmed")
        if f["example"] is None:
            out.add("no example")
            continue
        out.add("example")
        if not f["example"]["phrase_round_trips"]:
            out.add("phrase does not round-trip")
        features_of_question(out, f["example"]["question"])
        features_of_answer(out, f["example"]["answer"])
    if doc["incomplete"]:
        out.add("incomplete")
    if doc["stats"]["timeouts"]:
        out.add("timeouts")
    if doc["stats"]["rejected"]:
        out.add("rejected")
    return out


def diff_features(doc):
    out = set()
    for c in doc["changes"]:
        out.add("source:rules" if c["source"] == "rules" else "source:test")
        if "file" in c and "line" in c:
            out.add("test file and line")
        if c["outcome_same"]:
            out.add("outcome_same")
        if c["hypothetical"]:
            out.add("hypothetical")
            if c["source"] == "rules":
                out.add("hypothetical from rules")
        if not c["phrase_round_trips"]:
            out.add("phrase does not round-trip")
        if c["old"]["question"]["date"] != c["new"]["question"]["date"]:
            out.add("dates differ")
        for side in ["old", "new"]:
            features_of_question(out, c[side]["question"])
            features_of_answer(out, c[side]["answer"])
    if not doc["changes"]:
        out.add("no changes")
    if " as of " in doc["old"] and " as of " in doc["new"]:
        out.add("labels as of")
    for key in ["notes", "incomplete"]:
        if doc[key]:
            out.add(key)
    if doc["stats"]["timeouts"]:
        out.add("timeouts")
    if doc["stats"]["rejected"]:
        out.add("rejected")
    return out


def broken_analysis(doc):
    """Documents the analysis schema must reject, made from a valid one with findings."""
    finding = next(f for f in doc["findings"] if f["example"] and f["clauses"])
    i = doc["findings"].index(finding)
    cases = []

    def case(what, change):
        d = copy.deepcopy(doc)
        change(d, d["findings"][i])
        cases.append((what, d))

    case("a finding without `kind`", lambda d, f: f.pop("kind"))
    case("an unknown top-level key", lambda d, f: d.update(surprise=1))
    case("an unknown finding kind", lambda d, f: f.update(kind="oddity"))
    case("a verdict in lower case", lambda d, f: f["example"]["answer"].update(verdict="permitted"))
    case("a NOT-COVERED answer without `default`",
         lambda d, f: (f["example"]["answer"].update(verdict="NOT-COVERED"), f["example"]["answer"].pop("default", 0)))
    case("an unknown key in a clause", lambda d, f: f["clauses"][0].update(title="x"))
    case("a summary without `notes`", lambda d, f: d["summary"].pop("notes"))
    case("an undated-looking date", lambda d, f: f["example"]["question"].update(date="June 2024"))
    case("a shadowed clause as an error", lambda d, f: f.update(kind="shadowed", severity="error"))
    case("stats with a fraction of a millisecond", lambda d, f: d["stats"].update(milliseconds=1.5))
    return cases


def broken_diff(doc):
    """Documents the diff schema must reject, made from a valid one with a test's change."""
    i = next(k for k, c in enumerate(doc["changes"]) if c["source"] != "rules")
    cases = []

    def case(what, change):
        d = copy.deepcopy(doc)
        change(d, d["changes"][i])
        cases.append((what, d))

    case("a change without `source`", lambda d, c: c.pop("source"))
    case("an unknown top-level key", lambda d, c: d.update(surprise=1))
    case("a test's change without `file`", lambda d, c: c.pop("file"))
    case("a rules change with a `file`", lambda d, c: c.update(source="rules"))
    case("a source that is neither rules nor a test", lambda d, c: c.update(source="magic"))
    case("an unknown key in a question", lambda d, c: c["old"]["question"].update(readings=[]))
    case("an answer without `deciding`", lambda d, c: c["new"]["answer"].pop("deciding"))
    case("a `default` on a PERMITTED answer",
         lambda d, c: c["new"]["answer"].update(verdict="PERMITTED", default="PERMITTED"))
    case("stats without `queries`", lambda d, c: d["stats"].pop("queries"))
    return cases


def validator_for(schema_path):
    """A Draft 2020-12 validator resolving `$ref`s to the other schemas of the folder by `$id`."""
    schemas = []
    for path in sorted(glob.glob(os.path.join(os.path.dirname(schema_path), "*.schema.json"))):
        doc = json.load(open(path, encoding="utf-8"))
        if "$id" in doc:
            schemas.append(doc)
    schema = json.load(open(schema_path, encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    try:
        import referencing  # jsonschema >= 4.18
        registry = referencing.Registry().with_resources(
            [(s["$id"], referencing.Resource.from_contents(s)) for s in schemas])
        return jsonschema.Draft202012Validator(schema, registry=registry)
    except ImportError:  # Debian's jsonschema 4.10 predates the `referencing` library
        resolver = jsonschema.RefResolver.from_schema(schema, store={s["$id"]: s for s in schemas})
        return jsonschema.Draft202012Validator(schema, resolver=resolver)


def accepted_breakages(validator, doc, broken):
    """The breakages, (what, how) pairs, that the schema still accepts when applied to a
    copy of a valid doc: each one found is a schema that validates nothing of it."""
    accepted = []
    for what, breaking in broken:
        copy = json.loads(json.dumps(doc))
        breaking(copy)
        if validator.is_valid(copy):
            print(f"the schema accepts {what}: it validates nothing")
            accepted.append(what)
    return accepted


def main():
    dealcheck, schema_path, deals = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
    kind = "diff" if os.path.basename(schema_path).startswith("diff") else "analysis"
    validator = validator_for(schema_path)
    rules = os.environ.get("DEALCHECK_RULES", "")
    runs = ([["diff", "--json", *r] for r in DIFF_RUNS] if kind == "diff"
            else [["analyze", "--json", *r] for r in ANALYZE_RUNS])
    features_of = diff_features if kind == "diff" else analysis_features
    seen, failures, docs = set(), 0, []
    for args in runs:
        args = [a.format(deals=deals, rules=rules) for a in args]
        p = subprocess.run([dealcheck, *args], stdout=subprocess.PIPE, text=True, timeout=120)
        if p.returncode not in (0, 1):
            print(f"{' '.join(args)}: exit {p.returncode}")
            failures += 1
            continue
        doc = json.loads(p.stdout)
        docs.append(doc)
        seen |= features_of(doc)
        errors = list(validator.iter_errors(doc))
        for e in errors:
            print(f"{' '.join(args)}: /{'/'.join(map(str, e.absolute_path))}: {e.message}")
        failures += bool(errors)
    missing = EXPECTED[kind] - seen
    if missing:
        print("no document showed:", ", ".join(sorted(missing)))
        failures += 1
    for feature, why in sorted(UNREACHABLE[kind].items()):
        if feature not in seen and feature not in EXPECTED[kind]:
            print(f"not covered (unreachable with these deals: {why}): {feature}")
    if kind == "diff":
        base = next(d for d in docs if any(c["source"] != "rules" for c in d["changes"]))
        broken = broken_diff(base)
    else:
        base = next(d for d in docs if any(f["example"] and f["clauses"] for f in d["findings"]))
        broken = broken_analysis(base)
    for what, doc in broken:
        if validator.is_valid(doc):
            print(f"the schema accepts {what}")
            failures += 1
    print(f"{len(docs)} documents and {len(broken)} broken ones checked against {schema_path}: "
          f"{failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
