#!/usr/bin/env python3
"""docs/language.md's "Test files" section names every key of a test case and of an
expectation that tests.schema.json (kept in step with the reader by schema_test.py)
has, and every verdict spelling.

Usage: test_file_doc_test.py REPO
"""
import json
import os
import re
import sys

repo = sys.argv[1]
with open(os.path.join(repo, "docs", "schema", "tests.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
with open(os.path.join(repo, "docs", "language.md"), encoding="utf-8") as f:
    doc = f.read()
m = re.search(r"^## Test files\n(.*?)^## ", doc, re.S | re.M)
section = m.group(1) if m else ""
defs = schema["definitions"]
wanted = {"cases"} | set(defs["case"]["properties"]) | set(defs["expectation"]["properties"]) \
    | set(defs["expectation_properties"]["verdict"]["enum"])
missing = sorted(k for k in wanted if f"`{k}`" not in section)
examples = section.count("```console")
for k in missing:
    print(f"FAIL docs/language.md's Test files section does not name `{k}`")
if examples < 2:
    print("FAIL docs/language.md's Test files section has no examples for the docs test to run")
print(f"test file doc: {len(wanted)} keys and verdicts, {len(missing)} missing, {examples} examples")
sys.exit(1 if missing or examples < 2 else 0)
