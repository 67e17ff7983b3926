#!/usr/bin/env python3
"""Validates real `dealcheck ask --json` answers over a period against
docs/schema/period-answer.schema.json (which refers to answer.schema.json for each part).

Asks periods whose verdict holds throughout and periods over which it varies, checks
the exit code of each (the verdict's, or 4 when it varies), each document against the
schema, and that the schema rejects broken documents, so that a schema accepting
anything would fail this test.
"""
import json
import subprocess
import sys

from validate_analysis import accepted_breakages, validator_for

# (arguments, whether the verdict varies, the exit code)
QUESTIONS = [
    (["--from", "2025-06-01", "--until", "2025-06-30", "OpenAI acquires Windsurf for 3B USD"], False, 0),
    (["--from", "2019-01-01", "--until", "2026-12-31", "OpenAI acquires Windsurf for 3B USD"], True, 4),
    (["--from", "2026-01-01", "--until", "2026-04-26", "OpenAI serves stateless API on AWS"], False, 2),
    (["--from", "2025-01-01", "--until", "2031-12-31",
      "OpenAI serves stateless API to enterprise customers on AWS"], True, 4),
    (["--from", "2025-01-01", "--until", "2025-12-31", "--what-would-change",
      "OpenAI buys training capacity from Oracle"], True, 4),
]


def main():
    dealcheck, schema_path = sys.argv[1], sys.argv[2]
    validator = validator_for(schema_path)
    failures = 0
    docs = []
    for args, varies, code in QUESTIONS:
        p = subprocess.run([dealcheck, "ask", "--json", *args], stdout=subprocess.PIPE, text=True)
        doc = json.loads(p.stdout)
        docs.append(doc)
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
        if doc.get("varies") != varies:
            problems.append(f"varies is {doc.get('varies')}, expected {varies}")
        if p.returncode != code:
            problems.append(f"exit {p.returncode}, expected {code}")
        for problem in problems:
            print(f"{' '.join(args)}: {problem}")
        failures += bool(problems)
    broken = [
        ("a document without `varies`", lambda d: d.pop("varies")),
        ("a part without an answer", lambda d: d["parts"][0].pop("answer")),
        ("a part's answer without a verdict", lambda d: d["parts"][0]["answer"].pop("verdict")),
        ("no parts", lambda d: d.update(parts=[])),
    ]
    failures += len(accepted_breakages(validator, docs[1], broken))
    print(f"{len(QUESTIONS)} answers over a period checked against {schema_path}: {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
