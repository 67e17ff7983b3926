#!/usr/bin/env python3
"""Validates JSON documents, one per line, against a schema of docs/schema/ (the answers
of `ask --json`, the statuses of `status --json`), by the draft the schema names.

Usage: validate_answers.py SCHEMA ANSWERS.jsonl
Prints each invalid line's first errors; exits 1 if any line is invalid or there are
none at all.
"""
import json
import sys

import jsonschema


def main():
    schema_path, answers_path = sys.argv[1], sys.argv[2]
    schema = json.load(open(schema_path))
    validator = jsonschema.validators.validator_for(schema)(schema)
    checked = invalid = 0
    for number, line in enumerate(open(answers_path), 1):
        checked += 1
        errors = list(validator.iter_errors(json.loads(line)))
        for e in errors[:3]:
            print(f"line {number}: /{'/'.join(map(str, e.absolute_path))}: {e.message}")
        invalid += bool(errors)
    print(f"{checked} answers checked against {schema_path}: {invalid} invalid")
    return 1 if invalid or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
