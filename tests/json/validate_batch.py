#!/usr/bin/env python3
"""Validates real `dealcheck batch` output against docs/schema/batch-line.schema.json.

Answers questions of every kind of answer and bad lines of every kind on the bundled
deal, and checks that:
1. the schema is a valid Draft 2020-12 schema and every output line validates;
2. each bad line's error carries the code and name that `--error-format json` gives that
   kind of problem (the table of codes, engine/include/dealcheck/diagnostic_codes.def),
   and the run goes on, exiting 65;
3. the schema rejects an error line without its code, so that a schema accepting
   anything fails.

Usage: validate_batch.py DEALCHECK REPO
"""
import json
import os
import re
import subprocess
import sys

import jsonschema

dealcheck, repo = sys.argv[1], sys.argv[2]
with open(os.path.join(repo, "docs", "schema", "batch-line.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
with open(os.path.join(repo, "engine", "include", "dealcheck", "diagnostic_codes.def"), encoding="utf-8") as f:
    names = {f"DC{n}": name for n, name in re.findall(r'^DEALCHECK_DIAGNOSTIC\(\w+, (\d+), "([a-z0-9-]+)"', f.read(), re.M)}
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

# (input line, the verdict or the error code expected)
CASES = [
    ('{"id": "q1", "question": "OpenAI acquires Windsurf for 3B USD on 2025-06-01"}', "permitted"),
    ('{"party": "openai", "action": "buy_compute", "attributes": {"capacity": "training", "cloud": "oracle"}, '
     '"date": "2025-03-01"}', "needs-consent"),
    ('{"question": "Microsoft attends board meetings on 2023-01-01"}', "not-covered"),
    ('{"question": "OpenAI serves stateless API on AWS on 2026-03-15 given agi_verified=unknown"}', "depends"),
    ('{"party": "openai" "action": "acquire"}', "DC5010"),
    ('[1, 2]', "DC5010"),
    ('{"party": "opnai", "action": "acquire", "date": "2025-06-01"}', "DC2005"),
    ('{"party": "openai", "action": "acquire", "dtae": "2025-06-01"}', "DC1101"),
    ('{"party": "openai", "action": "acquire", "party": "openai"}', "DC1102"),
    ('{"party": "openai"}', "DC1103"),
    ('{"party": "openai", "action": "acquire", "date": "2025-02-30"}', "DC5009"),
    ('{"party": "openai", "action": "acquire", "period": {"from": "2025-01-01"}}', "DC5007"),
    ('{"id": 7, "question": "OpenAI frobnicates Windsurf on 2025-06-01"}', "DC5002"),
    ('{"question": "OpenAI"}', "DC5006"),
]

r = subprocess.run([dealcheck, "batch", "--rules", os.path.join(repo, "rules", "microsoft-openai")],
                   input="\n".join(line for line, _ in CASES) + "\n", capture_output=True, text=True, timeout=60)
failures = []
out = r.stdout.splitlines()
errors = sum(1 for _, want in CASES if want.startswith("DC"))
if r.returncode != 65:
    failures.append(f"exit {r.returncode}, expected 65 (some lines were bad)\n{r.stderr}")
if len(out) != len(CASES):
    failures.append(f"{len(out)} output lines for {len(CASES)} input lines")
for number, ((line, want), got) in enumerate(zip(CASES, out), 1):
    doc = json.loads(got)
    for e in validator.iter_errors(doc):
        failures.append(f"line {number}: {e.message} in {got}")
    if want.startswith("DC"):
        if (doc.get("line"), doc.get("code"), doc.get("name")) != (number, want, names[want]):
            failures.append(f"line {number} `{line}`: expected an error {want} {names[want]}, got {got}")
    elif doc.get("verdict") != want:
        failures.append(f"line {number} `{line}`: expected {want}, got {got}")

# The negative control: the schema must reject an error line that has lost its code.
coded = next(json.loads(got) for (_, want), got in zip(CASES, out) if want.startswith("DC"))
coded.pop("code", None)
if validator.is_valid(coded):
    failures.append("the schema accepts an error line without `code`")

for f in failures:
    print("FAIL " + f)
print(f"batch lines: {len(out)} validated, {errors} errors with their codes, {len(failures)} failures")
sys.exit(1 if failures else 0)
