#!/usr/bin/env python3
"""Every clause, obligation, power and reading of a deal appears in its notes (docs/deal-notes.md).

Usage: deal_notes_check.py RULES_DIR NOTES.md
Checks that each clause, obligation and power id, each reading and each reading value is written in the
notes as `id` (in backticks), and that every repository path the manifest's comments
name exists. Exit 1 with the missing ones listed.
"""
import os
import re
import sys

import yaml


def main():
    rules, notes_path = sys.argv[1], sys.argv[2]
    notes = open(notes_path, encoding="utf-8").read()
    manifest_text = open(os.path.join(rules, "deal.yaml"), encoding="utf-8").read()
    manifest = yaml.safe_load(manifest_text)
    missing = []
    for agreement in manifest["agreements"]:
        doc = yaml.safe_load(open(os.path.join(rules, agreement["file"]), encoding="utf-8"))
        for kind in ("clauses", "obligations", "powers"):
            for entry in doc.get(kind) or []:
                if f"`{entry['id']}`" not in notes:
                    missing.append(f"{kind[:-1]} {entry['id']} ({agreement['file']})")
    vocabularies = manifest["vocabulary"]
    if isinstance(vocabularies, str):
        vocabularies = [vocabularies]
    for name in vocabularies:
        vocab = yaml.safe_load(open(os.path.join(rules, name), encoding="utf-8"))
        for reading, spec in (vocab.get("readings") or {}).items():
            if f"`{reading}`" not in notes:
                missing.append(f"reading {reading}")
            for value in spec["values"]:
                if f"`{value}`" not in notes:
                    missing.append(f"reading value {reading}={value}")
    # Paths the manifest's comments point at must exist.
    root = os.path.abspath(os.path.join(rules, "..", ".."))
    for line in manifest_text.splitlines():
        if not line.lstrip().startswith("#"):
            continue
        for path in re.findall(r"(?:\.\./)+[\w./-]+\.md", line):
            if not os.path.exists(os.path.normpath(os.path.join(rules, path))):
                missing.append(f"file {path} named in deal.yaml")
    if missing:
        print(f"{notes_path}: missing:\n  " + "\n  ".join(missing))
        return 1
    print(f"{notes_path}: every clause and reading of {rules} is recorded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
