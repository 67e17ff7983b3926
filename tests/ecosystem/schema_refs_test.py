#!/usr/bin/env python3
"""Every JSON Schema of a folder has an `$id` (https://dealcheck.dev/schema/<its file
name>), and every `$ref` in them resolves by `$id`, offline, as ajv and other validators
that are given the folder's schemas resolve it: against the `$id` of the schema it is in,
to a schema of the folder, and within it to a node its JSON pointer names.

Usage: schema_refs_test.py SCHEMA_DIR [SCHEMA_DIR...]
"""
import json
import os
import sys
import urllib.parse

BASE = "https://dealcheck.dev/schema/"
failures = []
checked = 0


def refs(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield path, v
            elif k not in ("const", "enum", "examples", "default"):
                yield from refs(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from refs(v, f"{path}/{i}")


def pointer(doc, fragment):
    node = doc
    for part in [p for p in urllib.parse.unquote(fragment).split("/") if p]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(part)]
        else:
            node = node[part]
    return node


for folder in sys.argv[1:]:
    schemas = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".schema.json"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            doc = json.load(f)
        if doc.get("$id") != BASE + name:
            failures.append(f"{folder}/{name}: `$id` is {doc.get('$id')!r}, not {BASE + name!r}")
        schemas[doc.get("$id", name)] = (name, doc)
    if not schemas:
        failures.append(f"{folder}: no schemas")
    for sid, (name, doc) in schemas.items():
        for where, ref in refs(doc):
            checked += 1
            target, _, fragment = urllib.parse.urljoin(sid, ref).partition("#")
            if target not in schemas:
                failures.append(f"{folder}/{name}{where}: `$ref: {ref}` resolves to {target}, which no schema "
                                f"of the folder has as its $id")
                continue
            try:
                pointer(schemas[target][1], fragment)
            except (KeyError, IndexError, ValueError, TypeError):
                failures.append(f"{folder}/{name}{where}: `$ref: {ref}`: {schemas[target][0]} has no #{fragment}")

for f in failures:
    print("FAIL " + f)
print(f"schema refs: {checked} references checked, {len(failures)} failures")
sys.exit(1 if failures or not checked else 0)
