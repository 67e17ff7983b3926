#!/usr/bin/env python3
"""Validates real `dealcheck timeline --json` output against docs/schema/timeline.schema.json.

Reads timelines of the sale-of-goods deal whose questions have related obligations and
powers and none, with and without `--all-obligations`, checks each document against the
schema and that the filter shows what it says (no obligation with `all` left out, every
change of `related` among those of `all`), and that the schema rejects broken documents,
so that a schema accepting anything would fail this test.
"""
import json
import os
import subprocess
import sys

from validate_analysis import accepted_breakages, validator_for

QUESTIONS = ["Nordmill suspends", "Baltic Bakeries pays 20000 EUR", "Baltic Bakeries rejects the flour"]


def timeline(dealcheck, deal, question, *flags):
    history = ["--no-history", "--history", os.path.join(deal, "histories", "suspended.yaml")]
    p = subprocess.run([dealcheck, "timeline", "--json", "--rules", deal, *history, *flags, question],
                       stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(p.stdout)


def main():
    dealcheck, schema_path, deal = sys.argv[1], sys.argv[2], sys.argv[3]
    validator = validator_for(schema_path)
    failures, docs = 0, []
    for question in QUESTIONS:
        related = timeline(dealcheck, deal, question)
        every = timeline(dealcheck, deal, question, "--all-obligations")
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                    for doc in (related, every) for e in validator.iter_errors(doc)]
        if related["obligations_shown"] != "related" or every["obligations_shown"] != "all":
            problems.append("`obligations_shown` does not say which were kept")
        if every["obligations_left_out"] != 0:
            problems.append("--all-obligations leaves some out")
        if any(c not in every["obligations"] for c in related["obligations"]):
            problems.append("a related change is not among every change")
        if related["obligations_left_out"] == 0 or len(related["obligations"]) >= len(every["obligations"]):
            problems.append("nothing unrelated was left out")
        for problem in problems:
            print(f"{question}: {problem}")
        failures += bool(problems)
        docs.append(related)
    if not any(d["obligations"] for d in docs) or all(d["obligations"] for d in docs):
        print("the questions do not show both a timeline with related changes and one without")
        failures += 1
    broken = [
        ("a document without `obligations_shown`", lambda d: d.pop("obligations_shown")),
        ("a change of an unknown kind", lambda d: d["obligations"][0].update(kind="clause")),
        ("a change without a date", lambda d: d["obligations"][0].pop("date")),
    ]
    failures += len(accepted_breakages(validator, docs[0], broken))
    print(f"{2 * len(QUESTIONS)} timelines checked against {schema_path}: {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
