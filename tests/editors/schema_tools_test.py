#!/usr/bin/env python3
"""The rule-file schemas of docs/schema/ in the validators people use, not ours:

- ajv-cli (the JSON Schema command line): every bundled file is valid against its schema
  and every structural reject (tests/ecosystem/bad/, and the cases of tests/bad/ whose
  error is about a file's shape) invalid, with the schemas' `$ref`s
  resolved by `$id` among the folder's files (`-r`). ajv-cli reads YAML as YAML 1.1, where
  `2025-01-21` is a date object that no string schema accepts, so the files go to it as
  JSON read by a YAML 1.2 core-schema reader, as editors read them.
- yaml-language-server, as VS Code and Neovim run it: the bundled files and the deal that
  `dealcheck init` writes (copied elsewhere first) get no diagnostic through their own
  `$schema` modelines, and the same text with an unknown top-level key gets one (the
  modeline did reach a schema); each structural reject gets a diagnostic.

Both are pinned in package-lock.json and installed into WORKDIR with `npm ci` on the first
run. Exits 77 (ctest: skipped) only when npm or node is missing or the registry cannot be
reached for that install.

Usage: schema_tools_test.py DEALCHECK REPO WORKDIR
"""
import glob
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "ecosystem"))
sys.path.insert(0, os.path.join(here, "..", "common"))
import pyenv  # noqa: E402
from tally import Tally  # noqa: E402

pyenv.require_yaml_and_jsonschema()
import lsp  # noqa: E402
import schema_test  # noqa: E402  (deal_files: each file of a deal with its kind)
import yaml  # noqa: E402

SKIP = 77
KINDS = ["deal", "vocabulary", "agreement", "tests", "history"]
UNKNOWN_KEY = "zz_not_a_dealcheck_key"

dealcheck, repo, work = (os.path.abspath(a) for a in sys.argv[1:4])
schema_dir = os.path.join(repo, "docs", "schema")
report = Tally()


def install():
    """node_modules of the pinned tools in WORKDIR; exits SKIP when they cannot be had."""
    os.makedirs(work, exist_ok=True)
    lock = os.path.join(here, "package-lock.json")
    installed = os.path.join(work, "node_modules", ".package-lock.json")
    stamp = os.path.join(work, "installed-from.json")
    if os.path.exists(installed) and os.path.exists(stamp) and open(stamp).read() == open(lock).read():
        return
    if not shutil.which("npm") or not shutil.which("node"):
        print("SKIP: npm and node are needed (scripts/bootstrap installs them)")
        sys.exit(SKIP)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(os.path.join(here, name), work)
    p = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=work,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    if p.returncode != 0:
        reachable = subprocess.run(["npm", "ping"], cwd=work, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, timeout=120).returncode == 0
        print(p.stdout)
        if not reachable:
            print("SKIP: the npm registry cannot be reached to install ajv-cli and yaml-language-server")
            sys.exit(SKIP)
        sys.exit("npm ci failed")
    shutil.copy(lock, stamp)


def good_files(tmp):
    """(path, kind) of every bundled deal, the test fixtures and an `init` deal moved
    away from where it was written."""
    deals = sorted(os.path.dirname(p) for p in glob.glob(os.path.join(repo, "rules", "*", "deal.yaml")))
    deals += [os.path.join(repo, "tests", "ecosystem", "base-deal"), os.path.join(repo, "tests", "e2e", "history_deal")]
    scaffold = os.path.join(tmp, "written")
    subprocess.run([dealcheck, "init", scaffold], check=True, stdout=subprocess.DEVNULL)
    moved = os.path.join(tmp, "elsewhere", "moved deal")
    shutil.copytree(scaffold, moved)
    shutil.rmtree(scaffold)
    files = []
    for deal in deals + [moved]:
        files += [(p, k) for p, k in schema_test.deal_files(deal) if (p, k) not in files]
    return files


KIND_OF = {"deal.yaml": "deal", "vocabulary.yaml": "vocabulary"}
# Errors of tests/bad/ that are about the shape of a file, which a schema can see.
STRUCTURAL = re.compile(r"^([^:]+):\d+:\d+: error: (unknown key|unknown tag|`\w+` must be a list|"
                        r"the \w+ must be a map|the [\w ]+ must be text, not|the [\w ]+ must be a date YYYY)")


def kind_of(relative):
    return KIND_OF.get(relative, "agreement" if relative.startswith("agreements/") else "tests")


def bad_files():
    """(path, kind) of each structural reject: the files of tests/ecosystem/bad/, each of
    the kind of the file it replaces, and the file of each committed tests/bad/ case
    whose error is structural."""
    out = []
    for path in sorted(glob.glob(os.path.join(repo, "tests", "ecosystem", "bad", "*.yaml"))):
        replaces = re.search(r"^# replaces: (\S+)", open(path, encoding="utf-8").read(), re.M).group(1)
        out.append((path, kind_of(replaces)))
    for expected in sorted(glob.glob(os.path.join(repo, "tests", "bad", "*", "expected.txt"))):
        case = os.path.dirname(expected)
        for m in filter(None, map(STRUCTURAL.match, open(expected, encoding="utf-8").read().splitlines())):
            path = os.path.join(os.path.dirname(case), m.group(1))
            if os.path.isfile(path):  # not a generated case
                kinds = {os.path.normpath(p): k for p, k in schema_test.deal_files(case)}
                out.append((path, kinds[os.path.normpath(path)]))
    return out


def start_ajv(good, bad, tmp):
    """One ajv-cli run per kind over its files as JSON; returns [(process, {json: (path, valid)})]."""
    runs = []
    ajv = os.path.join(work, "node_modules", ".bin", "ajv")
    for kind in KINDS:
        mine = [(p, True) for p, k in good if k == kind] + [(p, False) for p, k in bad if k == kind]
        folder = os.path.join(tmp, "json", kind)
        os.makedirs(folder)
        names = {}
        for i, (path, valid) in enumerate(mine):
            name = os.path.join(folder, f"{i:03}.json")
            with open(path, encoding="utf-8") as f, open(name, "w", encoding="utf-8") as out:
                json.dump(yaml.load(f, Loader=pyenv.yaml12_loader()), out)
            names[name] = (path, valid)
        # The schemas it may reference, by $id: the other rule-file schemas.
        others = [os.path.join(schema_dir, f"{k}.schema.json") for k in ["common", "question"] + KINDS if k != kind]
        cmd = [ajv, "validate", "--spec=draft7", "--allow-union-types", "--errors=line",
               "-s", os.path.join(schema_dir, f"{kind}.schema.json")]
        cmd += [a for s in others for a in ("-r", s)] + [a for n in names for a in ("-d", n)]
        runs.append((subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True), names))
    return runs


def check_ajv(runs):
    for proc, names in runs:
        out = proc.communicate(timeout=120)[0]
        verdicts = dict(re.findall(r"^(\S+\.json) (valid|invalid)$", out, re.M))
        for name, (path, valid) in names.items():
            rel = os.path.relpath(path, repo) if path.startswith(repo) else path
            got = verdicts.get(name)
            report(got == ("valid" if valid else "invalid"),
                   f"ajv-cli: {rel} is {'valid' if valid else 'rejected'}", [f"ajv-cli says: {got}", out[-2000:]])


def check_language_server(good, bad):
    server = lsp.Server(["node", os.path.join(work, "node_modules", "yaml-language-server", "bin",
                                              "yaml-language-server"), "--stdio"],
                        {"yaml": {"validate": True, "hover": False, "completion": False, "yamlVersion": "1.2",
                                  "schemaStore": {"enable": False}}})
    try:
        server.start(repo)
        docs, expect = [], {}
        for path, kind in good:
            text = open(path, encoding="utf-8").read()
            uri = pathlib.Path(path).as_uri()
            docs.append((uri, text))
            expect[uri] = (path, "clean")
            # The same file with a key no schema has, beside it: flagged only if the
            # modeline led to the schema.
            mutated = uri[: -len(".yaml")] + ".unknown-key.yaml"
            docs.append((mutated, text.rstrip("\n") + f"\n{UNKNOWN_KEY}: 1\n"))
            expect[mutated] = (path, "unknown key")
        for path, kind in bad:
            schema = pathlib.Path(schema_dir, f"{kind}.schema.json").as_uri()
            uri = pathlib.Path(path).as_uri()
            docs.append((uri, f"# yaml-language-server: $schema={schema}\n" + open(path, encoding="utf-8").read()))
            expect[uri] = (path, "rejected")
        found = server.diagnostics(docs, timeout=60)
    finally:
        server.stop()
    for uri, (path, want) in expect.items():
        rel = os.path.relpath(path, repo) if path.startswith(repo) else path
        messages = [f"{d['range']['start']['line'] + 1}: {d['message']}" for d in found[uri]]
        if want == "clean":
            report(not messages, f"yaml-language-server: {rel} has no diagnostic", messages)
        elif want == "unknown key":
            report(any(UNKNOWN_KEY in m for m in messages),
                   f"yaml-language-server: {rel} with an unknown key is flagged through its modeline", messages)
        else:
            report(bool(messages), f"yaml-language-server: {rel} is rejected")


def main():
    install()
    with tempfile.TemporaryDirectory() as tmp:
        good, bad = good_files(tmp), bad_files()
        runs = start_ajv(good, bad, tmp)
        check_language_server(good, bad)  # while ajv-cli runs
        check_ajv(runs)
    print(f"schema tools: {report.passed} passed, {report.failed} failed ({len(good)} valid files, "
          f"{len(bad)} rejects)")
    return report.exit_code()


if __name__ == "__main__":
    sys.exit(main())
