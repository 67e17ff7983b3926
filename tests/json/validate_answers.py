#!/usr/bin/env python3
"""Validates real `dealcheck ask --json` output against docs/schema/answer.schema.json.

Asks questions that produce every verdict and every optional part of an answer
(consequences, dependencies, combinations, readings, explanations, what-ifs), checks
each document against the schema, and checks that the schema does reject a broken
document, so that a schema accepting anything would fail this test.
"""
import json
import subprocess
import sys

import jsonschema

QUESTIONS = [
    ["OpenAI acquires Windsurf for 3B USD on 2025-06-01"],
    ["OpenAI acquires Windsurf for 3B USD on 2025-06-01 withholding its IP from Microsoft"],
    ["OpenAI serves stateless API to enterprise customers on AWS on 2026-03-15", "--fact", "agi_verified=unknown"],
    ["OpenAI serves stateless API to enterprise customers on AWS on 2028-06-01"],
    ["OpenAI serves stateless API on AWS on 2026-03-15 given agi_verified=unknown"],
    ["Microsoft uses GPT-5 in Windows royalty-free on 2033-06-01"],
    ["OpenAI buys training capacity from Oracle on 2025-03-01"],
    ["OpenAI deploys Sora on AWS on 2026-06-01"],
    ["OpenAI serves stateless API to enterprise customers on AWS on 2026-06-01", "--reading", "exclusivity_survives"],
    ["Microsoft pursues AGI with OpenAI IP above the compute threshold on 2026-01-15", "--explain", "--what-would-change"],
    ["OpenAI serves stateless API to enterprise customers on Azure on 2026-01-15", "--why-not", "--what-would-change"],
    # A sum under a cap whose amount is unknown: `history` with its `limit`, in the answer
    # and in the clause's explanation.
    ["OpenAI pays Microsoft a revenue share of 1B USD on 2029-01-01", "--why-not"],
]


def main():
    dealcheck, schema_path = sys.argv[1], sys.argv[2]
    schema = json.load(open(schema_path))
    validator = jsonschema.Draft202012Validator(schema)
    verdicts, failures = set(), 0
    for args in QUESTIONS:
        p = subprocess.run([dealcheck, "ask", "--json", *args], stdout=subprocess.PIPE, text=True)
        doc = json.loads(p.stdout)
        verdicts.add(doc["verdict"])
        errors = list(validator.iter_errors(doc))
        for e in errors:
            print(f"{args[0]}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        failures += bool(errors)
    missing = {"permitted", "forbidden", "needs-consent", "not-covered", "depends"} - verdicts
    if missing:
        print("no question produced:", ", ".join(sorted(missing)))
        failures += 1
    broken = json.loads(subprocess.run([dealcheck, "ask", "--json", QUESTIONS[0][0]], stdout=subprocess.PIPE,
                                       text=True).stdout)
    del broken["verdict"]
    broken["surprise"] = 1
    if validator.is_valid(broken):
        print("the schema accepts a document without a verdict: it validates nothing")
        failures += 1
    print(f"{len(QUESTIONS)} answers checked against {schema_path}: {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
