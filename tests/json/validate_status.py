#!/usr/bin/env python3
"""Validates real `dealcheck status --json` output against docs/schema/status.schema.json.

Reads the sale-of-goods deal's status on every lifecycle path (its own history and each
of its test histories) on days where obligations are pending, violated, suspended,
fulfilled and discharged, checks each document against the schema, and that the schema
rejects broken documents, so that a schema accepting anything would fail this test.
"""
import json
import os
import subprocess
import sys

from validate_analysis import accepted_breakages, validator_for

# (history file under the deal's histories/, or None for its own; the as-of date)
READINGS = [
    (None, "2026-02-05"),
    (None, "2026-04-30"),
    ("paid-late.yaml", "2026-04-09"),
    ("suspended.yaml", "2026-02-20"),
    ("terminated.yaml", "2026-04-15"),
]


def timeline_matches_status(dealcheck, deal):
    """`timeline --json` lists the same changes of state as the status at the end of the
    history: each instance's last change is its state then. With --all-obligations: the
    question's related ones alone would not be all of them."""
    history = ["--no-history", "--history", os.path.join(deal, "histories", "terminated.yaml")]
    t = json.loads(subprocess.run([dealcheck, "timeline", "--json", "--all-obligations", "--rules", deal, *history,
                                   "Baltic Bakeries resells the flour"],
                                  stdout=subprocess.PIPE, text=True, check=True).stdout)
    s = json.loads(subprocess.run([dealcheck, "status", "--json", "--rules", deal, *history,
                                   "--as-of", "2030-01-01"],
                                  stdout=subprocess.PIPE, text=True, check=True).stdout)
    last = {}
    for c in t["obligations"]:
        if c["kind"] == "obligation":
            last[(c["id"], c["instance"])] = c["state"]
    want = {(o["id"], o["instance"]): o["state"] for o in s["obligations"]}
    if last != want or not want:
        print(f"timeline's last states {sorted(last.items())} differ from status {sorted(want.items())}")
        return 1
    return 0


def main():
    dealcheck, schema_path, deal = sys.argv[1], sys.argv[2], sys.argv[3]
    validator = validator_for(schema_path)
    failures = 0
    docs = []
    for history, as_of in READINGS:
        args = [dealcheck, "status", "--json", "--rules", deal, "--as-of", as_of]
        if history:
            args += ["--no-history", "--history", os.path.join(deal, "histories", history)]
        p = subprocess.run(args, stdout=subprocess.PIPE, text=True)
        problems = [] if p.returncode == 0 else [f"exit {p.returncode}"]
        doc = json.loads(p.stdout) if p.returncode == 0 else {}
        docs.append(doc)
        problems += [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
        for problem in problems:
            print(f"{history or 'own history'} as of {as_of}: {problem}")
        failures += bool(problems)
    states = {o["state"] for d in docs for o in d.get("obligations", [])}
    if states != {"pending", "violated", "fulfilled", "discharged"}:
        print(f"the readings show the states {sorted(states)}, not all four")
        failures += 1
    broken = [
        ("a document without `obligations`", lambda d: d.pop("obligations")),
        ("an obligation without a state", lambda d: d["obligations"][0].pop("state")),
        ("an unknown state", lambda d: d["obligations"][0].update(state="overdue")),
        ("a power without steps", lambda d: d["powers"][0].pop("steps")),
    ]
    failures += len(accepted_breakages(validator, docs[-1], broken))
    failures += timeline_matches_status(dealcheck, deal)
    print(f"{len(READINGS)} statuses checked against {schema_path}: {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
