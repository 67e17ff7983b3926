#!/usr/bin/env python3
"""`dealcheck init DIR` scaffolds a deal that passes `check` and `test` (every clause
exercised) as generated; it refuses a folder that is not empty, and a bad --id.

Usage: init_test.py DEALCHECK
"""
import os
import shutil
import subprocess
import sys
import tempfile

dealcheck = os.path.abspath(sys.argv[1])
passed = failed = 0


def run(*args, cwd=None):
    return subprocess.run([dealcheck, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          cwd=cwd, timeout=60, env=dict(os.environ, NO_COLOR="1"))


def expect(ok, what, p=None):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}" + (f"\n  exit {p.returncode}\n  " + p.stdout.replace("\n", "\n  ") if p else ""))


with tempfile.TemporaryDirectory() as tmp:
    deal = os.path.join(tmp, "Acme Deal")
    p = run("init", deal)
    expect(p.returncode == 0, "init creates the deal", p)
    files = sorted(os.path.relpath(os.path.join(d, f), deal) for d, _, fs in os.walk(deal) for f in fs)
    schemas = [f"schema/{k}.schema.json" for k in
               ["agreement", "common", "deal", "history", "question", "tests", "vocabulary"]]
    expect(files == sorted(["agreements/2025-01-01-master.yaml", "deal.yaml", "tests/master.yaml", "vocabulary.yaml"]
                           + schemas),
           f"init writes a manifest, a vocabulary, one agreement, one test file and their schemas: {files}")
    # The modelines name the deal's own copies of the schemas, by paths that hold when the
    # folder is copied elsewhere; the copies' references resolve among themselves.
    moved = os.path.join(tmp, "elsewhere", "copied deal")
    shutil.copytree(deal, moved)
    for name in ["deal.yaml", "vocabulary.yaml", "agreements/2025-01-01-master.yaml", "tests/master.yaml"]:
        with open(os.path.join(moved, name), encoding="utf-8") as f:
            first = f.readline().strip()
        target = os.path.normpath(os.path.join(os.path.dirname(os.path.join(moved, name)),
                                               first.split("$schema=", 1)[-1]))
        expect(first.startswith("# yaml-language-server: $schema=") and not first.split("=", 1)[1].startswith("/")
               and target.startswith(os.path.join(moved, "schema")) and os.path.isfile(target),
               f"the modeline of {name} names the schema in the copied deal: {first}")
    p = subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema_refs_test.py"),
                        os.path.join(moved, "schema")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    expect(p.returncode == 0, "the copied schemas' references resolve among themselves", p)
    with open(os.path.join(deal, "deal.yaml"), encoding="utf-8") as f:
        expect("\ndeal: acme-deal\n" in f.read(), "the deal id comes from the folder's name")
    p = run("check", "--rules", deal)
    expect(p.returncode == 0 and "no errors" in p.stdout, "the scaffold passes `dealcheck check`", p)
    p = run("test", "--rules", deal, "--min-coverage", "100")
    expect(p.returncode == 0 and "1 passed, 0 failed" in p.stdout, "the scaffold passes `dealcheck test`", p)
    p = run("ask", "--rules", deal, "Acme hosts on AWS on 2025-06-01")
    expect(p.returncode == 1 and p.stdout.startswith("FORBIDDEN"), "the scaffold answers questions", p)

    p = run("init", deal)
    expect(p.returncode == 64 and "not an empty folder" in p.stdout, "init refuses a folder that is not empty", p)
    os.mkdir(os.path.join(tmp, "empty"))
    p = run("init", "empty", "--id", "globex-2026", cwd=tmp)
    expect(p.returncode == 0, "init fills an empty folder", p)
    p = run("check", "--rules", os.path.join(tmp, "empty"))
    expect(p.returncode == 0 and p.stdout.startswith("globex-2026:"), "--id names the deal", p)
    p = run("init", os.path.join(tmp, "bad-id"), "--id", "Bad Id")
    expect(p.returncode == 64 and not os.path.exists(os.path.join(tmp, "bad-id")), "init refuses a bad --id", p)
    p = run("init")
    expect(p.returncode == 64, "init without a folder is a usage error", p)

print(f"init: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
