#!/usr/bin/env python3
"""Checks the JSON Schemas of docs/schema/ against the loader, with a real validator.

1. Every bundled rule and test file (rules/*/) validates against its schema, as do the
   fixture deal of tests/ecosystem/base-deal/, what `dealcheck init` writes, and any
   --deal given; each carries a yaml-language-server modeline naming its schema.
2. Each file of tests/ecosystem/bad/ replaces one file of the fixture deal; the loader
   must reject it (`dealcheck check|test --error-format json`, exit 3, a diagnostic
   in that file saying what its `# loader:` line says) and so must the schema.
3. The keys each MapReader of engine/src/ allows are exactly the properties of the
   schema object it corresponds to, and the effect, tag and verdict names match: a key
   added to the loader fails this test until the schema has it too.

Usage: schema_test.py --dealcheck BIN --repo SOURCE_DIR [--deal DIR]...
"""
import argparse
import glob
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import pyenv  # noqa: E402
from tally import Tally  # noqa: E402

pyenv.require_yaml_and_jsonschema()
import jsonschema  # noqa: E402
import yaml  # noqa: E402

KINDS = ["deal", "vocabulary", "agreement", "tests", "question", "history"]
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")

report = Tally()


class Schemas:
    def __init__(self, schema_dir):
        self.dir = os.path.abspath(schema_dir)
        self.docs = {}
        self.validators = {}
        store = {}
        for path in [os.path.join(self.dir, f"{k}.schema.json") for k in ["common"] + KINDS]:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            jsonschema.Draft7Validator.check_schema(doc)
            store[pathlib.Path(path).as_uri()] = doc
            store[doc["$id"]] = doc  # references resolve against each schema's $id
            self.docs[os.path.basename(path)[: -len(".schema.json")]] = doc
        for kind in KINDS:
            uri = pathlib.Path(self.dir, f"{kind}.schema.json").as_uri()
            # RefResolver: Debian's jsonschema 4.10 predates the `referencing` library.
            resolver = jsonschema.RefResolver(base_uri=uri, referrer=self.docs[kind], store=store)
            self.validators[kind] = jsonschema.Draft7Validator(self.docs[kind], resolver=resolver)

    def errors(self, kind, data):
        out = []
        for e in sorted(self.validators[kind].iter_errors(data), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in e.absolute_path) or "(top)"
            out.append(f"{where}: {e.message}")
        return out

    def pointer(self, kind, ptr):
        node = self.docs[kind]
        for part in [p for p in ptr.split("/") if p]:
            node = node[part]
        return node


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=pyenv.yaml12_loader())


def deal_files(deal_dir):
    """(path, kind) for each file of a deal, from its manifest and tests/ folder."""
    manifest = os.path.join(deal_dir, "deal.yaml")
    files = [(manifest, "deal")]
    data = load_yaml(manifest) or {}
    vocab = data.get("vocabulary", [])
    for v in [vocab] if isinstance(vocab, str) else vocab:
        files.append((os.path.join(deal_dir, v), "vocabulary"))
    for a in data.get("agreements", []):
        files.append((os.path.join(deal_dir, a["file"]), "agreement"))
    history = data.get("history", [])
    for h in [history] if isinstance(history, str) else history:
        files.append((os.path.join(deal_dir, h), "history"))
    for t in sorted(glob.glob(os.path.join(deal_dir, "tests", "*.yaml"))):
        files.append((t, "tests"))
        # A case's own history, relative to its test file.
        for case in (load_yaml(t) or {}).get("cases", []):
            if isinstance(case, dict) and "history" in case:
                path = os.path.normpath(os.path.join(os.path.dirname(t), case["history"]))
                if (path, "history") not in files:
                    files.append((path, "history"))
    return files


def check_deal(schemas, deal_dir):
    files = deal_files(deal_dir)
    listed = {os.path.normpath(p) for p, _ in files}
    stray = [p for p in glob.glob(os.path.join(deal_dir, "**", "*.yaml"), recursive=True)
             if os.path.normpath(p) not in listed]
    report(not stray, f"{deal_dir}: every YAML file is a manifest, vocabulary, agreement, history or test file",
           [f"{p}: not named by the manifest, nor under tests/" for p in stray])
    for path, kind in files:
        errors = schemas.errors(kind, load_yaml(path))
        report(not errors, f"{path}: valid against {kind}.schema.json", errors)
        with open(path, encoding="utf-8") as f:
            first = f.readline()
        m = MODELINE.match(first)
        target = os.path.normpath(os.path.join(os.path.dirname(path), m.group(1))) if m else None
        ok = (m is not None and os.path.basename(target) == f"{kind}.schema.json" and os.path.isfile(target))
        report(ok, f"{path}: first line is a yaml-language-server modeline naming {kind}.schema.json",
               [f"first line: {first.rstrip()}" + (f" (resolves to {target})" if target else "")])


def run_dealcheck(binary, args):
    p = subprocess.run([binary] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60,
                       env=dict(os.environ, NO_COLOR="1"))
    diagnostics = []
    for line in p.stdout.splitlines():
        if line.startswith("{"):
            diagnostics.append(json.loads(line))
    return p.returncode, diagnostics, p


def check_bad_files(schemas, binary, repo):
    base = os.path.join(repo, "tests", "ecosystem", "base-deal")
    with tempfile.TemporaryDirectory() as tmp:
        good = os.path.join(tmp, "good")
        shutil.copytree(base, good)
        for cmd in ("check", "test"):
            code, diags, p = run_dealcheck(binary, [cmd, "--rules", good, "--error-format", "json"])
            report(code == 0, f"the fixture deal passes `dealcheck {cmd}`", [p.stdout, p.stderr])
        for bad in sorted(glob.glob(os.path.join(repo, "tests", "ecosystem", "bad", "*.yaml"))):
            with open(bad, encoding="utf-8") as f:
                header = dict(re.findall(r"^# (replaces|loader): (.*)$", f.read(), re.M))
            name = os.path.basename(bad)
            if "replaces" not in header or "loader" not in header:
                report(False, f"{name}: starts with `# replaces: FILE` and `# loader: MESSAGE`")
                continue
            replaces = header["replaces"]
            kind = {"deal.yaml": "deal", "vocabulary.yaml": "vocabulary"}.get(
                replaces, "agreement" if replaces.startswith("agreements/") else "tests")
            deal = os.path.join(tmp, name[:-5])
            shutil.copytree(base, deal)
            shutil.copyfile(bad, os.path.join(deal, replaces))
            cmd = "test" if kind == "tests" else "check"
            code, diags, p = run_dealcheck(binary, [cmd, "--rules", deal, "--error-format", "json"])
            hit = [d for d in diags if header["loader"] in d["message"] and d["file"].endswith(replaces)]
            report(code == 3 and hit, f"{name}: the loader rejects it ({header['loader']})",
                   [f"dealcheck {cmd} exited {code}"] + [json.dumps(d) for d in diags] + [p.stderr])
            errors = schemas.errors(kind, load_yaml(bad))
            report(bool(errors), f"{name}: {kind}.schema.json rejects it")


# MapReader descriptions (the first string literal of the `what` argument) and the
# schema objects whose properties must equal the keys that reader allows.
READERS = {
    "the deal manifest": [("deal", "")],
    "a party": [("deal", "/definitions/party")],
    "an agreement": [("deal", "/definitions/agreement")],
    "the vocabulary": [("vocabulary", "")],
    "an enum value": [("vocabulary", "/definitions/enum_value")],
    "attribute `": [("vocabulary", "/definitions/attribute_map")],
    "action `": [("vocabulary", "/definitions/action")],
    "fact `": [("vocabulary", "/definitions/fact")],
    "a known value": [("vocabulary", "/definitions/known_value")],
    "reading `": [("vocabulary", "/definitions/reading")],
    "an agreement file": [("agreement", "")],
    "a clause": [("agreement", "/definitions/clause")],
    "a consequence": [("agreement", "/definitions/consequence")],
    "a test file": [("tests", "")],
    "a test case": [("tests", "/definitions/case")],
    "an expectation": [("tests", "/definitions/expectation")],
    "a question": [("question", ""), ("tests", "/definitions/question")],
    "a period": [("question", "/definitions/period")],
    "a history file": [("history", "")],
    "an event": [("history", "/definitions/event")],
    "the calendar": [("deal", "/definitions/calendar")],
    "an obligation": [("agreement", "/definitions/obligation")],
    "what is owed": [("agreement", "/definitions/owed")],
    "a trigger": [("agreement", "/definitions/trigger_map")],
    "a power": [("agreement", "/definitions/power")],
    "what opens a power": [("agreement", "/definitions/opening")],
}


def string_list(text):
    return re.findall(r'"([^"]*)"', text)


def resolve_keys(source, arg):
    """The keys a MapReader allows: a braced list, or a variable holding one."""
    arg = re.sub(r"^std::vector<std::string>\s*", "", arg.strip())
    if arg.startswith("{"):
        return string_list(arg)
    for _ in range(5):
        m = re.search(r"\b%s\s*=\s*(\{[^;]*\}|\w+)\s*;" % re.escape(arg), source)
        if not m:
            return None
        if m.group(1).startswith("{"):
            return string_list(m.group(1))
        arg = m.group(1)
    return None


def split_args(text):
    """Splits a call's arguments at top-level commas."""
    args, depth, cur, quote = [], 0, "", False
    for c in text:
        if c == '"':
            quote = not quote
        if not quote:
            if c in "({[":
                depth += 1
            elif c in ")}]":
                depth -= 1
            elif c == "," and depth == 0:
                args.append(cur)
                cur = ""
                continue
        cur += c
    args.append(cur)
    return args


def check_loader_keys(schemas, repo):
    seen = set()
    for path in sorted(glob.glob(os.path.join(repo, "engine", "src", "**", "*.cpp"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            source = f.read()
        # `MapReader m(ctx, file, node, "what", keys)`, or the same arguments to
        # `m_.emplace(...)` of a std::optional<MapReader>.
        for m in re.finditer(r"\bMapReader\s+\w+\s*\(|\b\w+(?:\.|->)emplace\s*\(", source):
            is_emplace = "emplace" in m.group(0)
            if is_emplace and "std::optional<MapReader>" not in source:
                continue
            depth, i = 1, m.end()
            while depth and i < len(source):
                depth += {"(": 1, ")": -1}.get(source[i], 0)
                i += 1
            args = split_args(source[m.end(): i - 1])
            rel = os.path.relpath(path, repo)
            if is_emplace and (len(args) != 5 or not string_list(args[3])):
                continue  # another container's emplace
            if len(args) != 5:
                report(False, f"{rel}: a MapReader this test cannot read", [source[m.start(): i]])
                continue
            what = (string_list(args[3]) or ["?"])[0]
            keys = resolve_keys(source, args[4])
            if what not in READERS:
                report(False, f"{rel}: MapReader for `{what}` has no schema object",
                       ["add its keys to docs/schema/ and a line to READERS in " + os.path.basename(__file__)])
                continue
            seen.add(what)
            if keys is None:
                report(False, f"{rel}: cannot read the keys MapReader for `{what}` allows", [args[4]])
                continue
            for kind, ptr in READERS[what]:
                props = set(schemas.pointer(kind, ptr).get("properties", {}))
                missing, extra = set(keys) - props, props - set(keys)
                report(not missing and not extra,
                       f"{rel}: the keys of `{what}` match {kind}.schema.json#{ptr}",
                       [f"in the loader, not the schema: {sorted(missing)}"] * bool(missing) +
                       [f"in the schema, not the loader: {sorted(extra)}"] * bool(extra))
    for what in sorted(set(READERS) - seen):
        report(False, f"no MapReader for `{what}` in engine/src any more", ["remove it from READERS"])

    def names(path, pattern):
        with open(os.path.join(repo, path), encoding="utf-8") as f:
            return set(re.findall(pattern, f.read()))

    pairs = [
        (names("engine/src/loader/agreement.cpp", r'\{"(\w+)", model::Effect::'),
         schemas.pointer("agreement", "/definitions/clause/properties/effect")["enum"], "effects"),
        (names("engine/src/loader/agreement.cpp", r's == "(\w+)"\)\s*c\.tag'),
         schemas.pointer("agreement", "/definitions/clause/properties/tag")["enum"], "tags"),
        (set(string_list(re.search(r"verdicts = \{([^}]*)\}", open(
            os.path.join(repo, "engine/src/tester/test_file.cpp"), encoding="utf-8").read()).group(1))),
         schemas.pointer("tests", "/definitions/expectation_properties/verdict")["enum"], "verdicts"),
    ]
    for loader, schema, what in pairs:
        report(loader == set(schema) and loader, f"the {what} of the loader and the schema match",
               [f"loader: {sorted(loader)}", f"schema: {sorted(schema)}"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dealcheck", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--deal", action="append", default=[])
    a = ap.parse_args()
    repo = os.path.abspath(a.repo)
    schemas = Schemas(os.path.join(repo, "docs", "schema"))
    deals = sorted(os.path.dirname(p) for p in glob.glob(os.path.join(repo, "rules", "*", "deal.yaml")))
    deals.append(os.path.join(repo, "tests", "ecosystem", "base-deal"))
    with tempfile.TemporaryDirectory() as tmp:
        # What `dealcheck init` writes must be valid too, modelines included.
        scaffold = os.path.join(tmp, "scaffold")
        subprocess.run([os.path.abspath(a.dealcheck), "init", scaffold], check=True, stdout=subprocess.DEVNULL)
        for deal in deals + a.deal + [scaffold]:
            check_deal(schemas, deal)
    check_bad_files(schemas, os.path.abspath(a.dealcheck), repo)
    check_loader_keys(schemas, repo)
    print(f"schema: {report.passed} passed, {report.failed} failed")
    return report.exit_code()


if __name__ == "__main__":
    sys.exit(main())
