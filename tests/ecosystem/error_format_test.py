#!/usr/bin/env python3
"""`--error-format human|json|github` on check, test and analyze: the same diagnostics
as text for people, JSON Lines on stdout for tools, GitHub Actions workflow commands.

Usage: error_format_test.py DEALCHECK REPO
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

dealcheck, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
passed = failed = 0


def run(*args, cwd):
    return subprocess.run([dealcheck, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                          timeout=120, env=dict(os.environ, NO_COLOR="1"))


def expect(ok, what, p=None):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}")
        if p:
            print(f"  exit {p.returncode}\n  stdout: {p.stdout!r}\n  stderr: {p.stderr!r}")


def subcommands():
    out = subprocess.run([dealcheck, "--help"], stdout=subprocess.PIPE, text=True).stdout
    return out.split("Subcommands:", 1)[-1].split()


with tempfile.TemporaryDirectory() as tmp:
    deal = os.path.join(tmp, "deal")
    shutil.copytree(os.path.join(repo, "tests", "ecosystem", "base-deal"), deal)
    shutil.copyfile(os.path.join(repo, "tests", "ecosystem", "bad", "agreement-unknown-key.yaml"),
                    os.path.join(deal, "agreements", "main.yaml"))
    where = "deal/agreements/main.yaml"

    # human: file:line:col, the line, a caret, the hint; on stderr.
    p = run("check", "--rules", "deal", cwd=tmp)
    expect(p.returncode == 3 and p.stdout == "" and p.stderr.startswith(
        f"{where}:13:5: error[DC1101]: unknown key `untill` in a clause\n        untill: 2030-12-31\n        ^~~~~~\n"
        "    hint: did you mean `until`?\n"), "check --error-format human (the default)", p)
    p2 = run("check", "--rules", "deal", "--error-format", "human", cwd=tmp)
    expect((p2.returncode, p2.stdout, p2.stderr) == (p.returncode, p.stdout, p.stderr), "human is the default", p2)

    # json: one object a line on stdout, nothing else there.
    p = run("check", "--rules", "deal", "--error-format", "json", cwd=tmp)
    lines = p.stdout.splitlines()
    objs = [json.loads(line) for line in lines]
    expect(p.returncode == 3 and objs and objs[0] == {
        "severity": "error", "code": "DC1101", "name": "unknown-key", "file": where, "line": 13, "column": 5,
        "end_column": 10, "message": "unknown key `untill` in a clause", "hint": "did you mean `until`?",
        "source_line": "    untill: 2030-12-31", "related": []}, "check --error-format json", p)

    # github: workflow commands GitHub turns into annotations on the line.
    p = run("check", "--rules", "deal", "--error-format", "github", cwd=tmp)
    expect(p.returncode == 3 and p.stdout.splitlines()[0] ==
           f"::error file={where},line=13,col=5,endColumn=10,title=dealcheck DC1101 unknown-key::unknown key `untill` in a clause"
           "%0Ahint: did you mean `until`?", "check --error-format github", p)

    p = run("check", "--rules", "deal", "--error-format", "xml", cwd=tmp)
    expect(p.returncode == 64, "an unknown --error-format is a usage error", p)

    # A clean deal: json keeps stdout empty (the summary goes to stderr).
    shutil.copyfile(os.path.join(repo, "tests", "ecosystem", "base-deal", "agreements", "main.yaml"),
                    os.path.join(deal, "agreements", "main.yaml"))
    p = run("check", "--rules", "deal", "--error-format", "json", cwd=tmp)
    expect(p.returncode == 0 and p.stdout == "" and "no errors" in p.stderr, "check --error-format json, no errors",
           p)

    # test: a failing case is a diagnostic at the case.
    path = os.path.join(deal, "tests", "main.yaml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("verdict: forbidden", "verdict: permitted"))
    p = run("test", "--rules", "deal", "--error-format", "github", cwd=tmp)
    expect(p.returncode == 1 and p.stdout.splitlines()[0] ==
           "::error file=deal/tests/main.yaml,line=3,col=5,title=dealcheck DC6004 test-failed::test case `Acme may not host on AWS` "
           "failed: verdict: expected permitted, got forbidden%0Ahint: the answer was FORBIDDEN, decided by azure-only"
           and "0 passed, 1 failed" in p.stdout, "test --error-format github", p)
    p = run("test", "--rules", "deal", "--error-format", "json", cwd=tmp)
    objs = [json.loads(line) for line in p.stdout.splitlines()]
    expect(p.returncode == 1 and len(objs) == 1 and objs[0]["file"] == "deal/tests/main.yaml"
           and objs[0]["code"] == "DC6004"
           and objs[0]["line"] == 3 and "expected permitted, got forbidden" in objs[0]["message"]
           and "0 passed, 1 failed" in p.stderr, "test --error-format json", p)
    p = run("test", "--rules", "deal", cwd=tmp)
    expect(p.returncode == 1 and p.stdout.startswith("FAIL Acme may not host on AWS"), "test, human", p)

    # Every subcommand that reports rule errors takes the flag: check, test, analyze.
    for sub in ("check", "test", "analyze"):
        if sub not in subcommands():
            continue
        help_text = subprocess.run([dealcheck, sub, "--help"], stdout=subprocess.PIPE, text=True).stdout
        expect("--error-format" in help_text, f"`dealcheck {sub}` takes --error-format")

    # analyze: its errors and warnings become diagnostics at the first clause involved.
    if "analyze" in subcommands():
        shutil.copyfile(os.path.join(repo, "tests", "ecosystem", "base-deal", "tests", "main.yaml"), path)
        with open(os.path.join(deal, "agreements", "main.yaml"), "a", encoding="utf-8") as f:
            f.write("  - {id: aws-allowed, title: Acme may host on AWS, quote: Acme may host on AWS., cite: s2,\n"
                    "     tag: official, party: acme, actions: [host], when: cloud == aws, effect: permit}\n")
        p = run("analyze", "--rules", "deal", "--error-format", "github", cwd=tmp)
        first = p.stdout.splitlines()[0] if p.stdout else ""
        expect(p.returncode == 1 and first.startswith("::warning file=deal/agreements/main.yaml,line=")
               and "title=dealcheck DC7001 conflict::" in first, "analyze --error-format github", p)
        p = run("analyze", "--rules", "deal", "--error-format", "json", cwd=tmp)
        objs = [json.loads(line) for line in p.stdout.splitlines()]
        expect(p.returncode == 1 and objs and objs[0]["severity"] == "warning" and objs[0]["code"] == "DC7001"
               and objs[0]["file"] == "deal/agreements/main.yaml" and "conflict" in p.stderr,
               "analyze --error-format json", p)

print(f"error-format: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
