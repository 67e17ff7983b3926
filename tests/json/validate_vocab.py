#!/usr/bin/env python3
"""Validates real `dealcheck vocab --json` output against docs/schema/vocab.schema.json.

Lists the bundled deal ($DEALCHECK_RULES), a deal made by `dealcheck init`, the same
given the vocabulary of tests/e2e/own_vocabulary/ (actors, nouns, units), and the
example deals of tests/analysis/deals/, and checks that:
1. the schema is a valid Draft 2020-12 schema and every document validates;
2. the documents show every optional part (an action's own default, a bool's flag
   phrases, an attribute's default, a value without a label, a known record, a
   reading, an actor, nouns, units, a fact-giving example, an interrogative one...);
3. the text and JSON listings agree on the examples, and each example, asked with
   `dealcheck ask --json`, gets the verdict the listing gives;
4. the schema rejects broken documents, so that a schema accepting anything fails.

Usage: validate_vocab.py DEALCHECK SCHEMA DEALS_DIR
"""
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema


def features(doc):
    out = set()
    if doc["actors"]:
        out.add("actor")
    for a in doc["actions"]:
        if a["nouns"]:
            out.add("nouns")
        if a["default"]:
            out.add("action default")
        if not a["attributes"]:
            out.add("action without attributes")
        for attr in a["attributes"]:
            if attr["phrases"]:
                out.add("flag phrases")
            if attr["default"] is not None:
                out.add("attribute default")
            if attr["words"]:
                out.add("marker words")
            if attr["units"]:
                out.add("units")
            for v in attr["values"]:
                out.add("value label" if v["label"] is not None else "value without label")
                if v["aliases"]:
                    out.add("value aliases")
    for f in doc["facts"]:
        for k in f["known"]:
            out.add("known through" if k["through"] else "known open-ended")
    if doc["readings"]:
        out.add("reading")
    for e in doc["examples"]:
        if " given " in e["question"]:
            out.add("example giving a fact")
        if " with consent of " in e["question"]:
            out.add("example giving a consent")
        if e["question"].startswith("Can ") and e["question"].endswith("?"):
            out.add("interrogative example")
    return out


EXPECTED = {"action default", "action without attributes", "flag phrases", "attribute default",
            "marker words", "value label", "value without label", "value aliases", "known through",
            "reading", "example giving a fact", "example giving a consent", "actor", "nouns", "units",
            "interrogative example"}


def broken(doc):
    cases = []

    def case(what, change):
        d = copy.deepcopy(doc)
        change(d)
        cases.append((what, d))

    case("a document without `actions`", lambda d: d.pop("actions"))
    case("an unknown top-level key", lambda d: d.update(surprise=1))
    case("an attribute without `type`", lambda d: d["actions"][0]["attributes"][0].pop("type"))
    case("an action without verbs", lambda d: d["actions"][0].update(verbs=[]))
    case("an example verdict in capitals", lambda d: d["examples"][0].update(verdict="PERMITTED"))
    case("a known record dated June 2024", lambda d: d["facts"][0]["known"][0].update(through="June 2024"))
    case("an attribute without `units`", lambda d: d["actions"][0]["attributes"][0].pop("units"))
    case("an actor without a name", lambda d: d["actors"].append({"id": "someone", "aliases": []}))
    case("a noun that is empty", lambda d: d["actions"][0].update(nouns=[""]))
    case("a reading with one value", lambda d: d["readings"][0].update(values=d["readings"][0]["values"][:1]))
    return cases


def run(dealcheck, *args):
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([dealcheck, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=env, timeout=60)


def own_vocabulary(dealcheck, folder):
    """`dealcheck init FOLDER`, then the parties, vocabulary, agreement and tests of
    tests/e2e/own_vocabulary/ in place of init's (as tests/e2e/own_vocabulary_test.cpp)."""
    own = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e", "own_vocabulary")
    p = run(dealcheck, "init", folder)
    if p.returncode != 0:
        return f"init: exit {p.returncode}: {p.stderr}"
    manifest = open(os.path.join(folder, "deal.yaml"), encoding="utf-8").read()
    start, end = manifest.find("\nparties:\n"), manifest.find("\nvocabulary:")
    if start < 0 or end < 0:
        return "init's deal.yaml has no `parties:` block before `vocabulary:`"
    parties = open(os.path.join(own, "parties.yaml"), encoding="utf-8").read()
    with open(os.path.join(folder, "deal.yaml"), "w", encoding="utf-8") as f:
        f.write(manifest[:start + 1] + parties + manifest[end + 1:])
    for source, target in [("vocabulary.yaml", "vocabulary.yaml"),
                           ("agreement.yaml", "agreements/2025-01-01-master.yaml"),
                           ("tests.yaml", "tests/master.yaml")]:
        with open(os.path.join(folder, target), "w", encoding="utf-8") as f:
            f.write(open(os.path.join(own, source), encoding="utf-8").read())
    return None


def main():
    dealcheck, schema_path, deals = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
    schema = json.load(open(schema_path, encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures, docs, seen, asked = 0, [], set(), 0
    with tempfile.TemporaryDirectory() as tmp:
        init = os.path.join(tmp, "acme")
        p = run(dealcheck, "init", init)
        if p.returncode != 0:
            print(f"init: exit {p.returncode}: {p.stderr}")
            return 1
        own = os.path.join(tmp, "lumen")
        problem = own_vocabulary(dealcheck, own)
        if problem:
            print(problem)
            return 1
        rule_sets = [[], ["--rules", init], ["--rules", own]] + [["--rules", d] for d in sorted(glob.glob(os.path.join(deals, "*")))
                                                 if os.path.isfile(os.path.join(d, "deal.yaml"))]
        for rules in rule_sets:
            p = run(dealcheck, "vocab", "--json", *rules)
            if p.returncode != 0:
                print(f"vocab {' '.join(rules)}: exit {p.returncode}: {p.stderr}")
                failures += 1
                continue
            doc = json.loads(p.stdout)
            docs.append(doc)
            seen |= features(doc)
            for e in validator.iter_errors(doc):
                print(f"vocab {' '.join(rules)}: /{'/'.join(map(str, e.absolute_path))}: {e.message}")
                failures += 1
            text = run(dealcheck, "vocab", *rules).stdout
            for ex in doc["examples"]:
                if ex["question"] not in text:
                    print(f"vocab {' '.join(rules)}: the text listing lacks the example {ex['question']!r}")
                    failures += 1
                a = run(dealcheck, "ask", "--json", *rules, ex["question"])
                asked += 1
                if a.returncode not in (0, 1, 2):
                    print(f"ask {ex['question']!r}: exit {a.returncode}: {a.stderr}")
                    failures += 1
                    continue
                verdict = json.loads(a.stdout)["verdict"]
                if verdict != ex["verdict"]:
                    print(f"ask {ex['question']!r}: {verdict}, the listing says {ex['verdict']}")
                    failures += 1
    missing = EXPECTED - seen
    if missing:
        print("no document showed:", ", ".join(sorted(missing)))
        failures += 1
    base = docs[0]
    for what, doc in broken(base):
        if validator.is_valid(doc):
            print(f"the schema accepts {what}")
            failures += 1
    print(f"{len(docs)} documents ({asked} examples asked) and {len(broken(base))} broken ones checked "
          f"against {schema_path}: {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
