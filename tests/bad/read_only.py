#!/usr/bin/env python3
"""dealcheck never writes to rule files: runs every subcommand that reads a deal on a
copy of it (outputs such as JUnit reports go elsewhere) and checks that no file or
folder of the copy was created, removed, modified or touched (content, size, mode and
modification time), and that nothing was left beside it.

A snapshot comparison rather than read-only permissions: the tests may run as root.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys

PHRASE = "OpenAI acquires Windsurf for 3B USD on 2025-06-01"


def snapshot(root):
    state = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            entry = (st.st_mode, st.st_size, st.st_mtime_ns)
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as f:
                    entry += (hashlib.sha256(f.read()).hexdigest(),)
            state[os.path.relpath(path, root)] = entry
    st = os.lstat(root)
    state["."] = (st.st_mode, st.st_mtime_ns)
    return state


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dealcheck", required=True)
    p.add_argument("--rules", required=True)
    p.add_argument("--work", required=True)
    a = p.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    rules = os.path.join(a.work, "deal")
    other = os.path.join(a.work, "other")
    out = os.path.join(a.work, "out")
    shutil.copytree(a.rules, rules)
    shutil.copytree(a.rules, other)
    os.makedirs(out)
    tests = os.path.join(rules, "tests")
    runs = [
        (["check", "--rules", rules], None),
        (["check", "--rules", rules, "--error-format", "json"], None),
        (["ask", "--rules", rules, PHRASE], None),
        (["ask", "--rules", rules, "--json", "--why-not", "--explain", "--what-would-change", PHRASE], None),
        (["ask", "--rules", rules, "--party", "openai", "--action", "acquire", "--set", "target=windsurf",
          "--date", "2025-06-01"], None),
        (["ask", "--rules", rules, "--file", "-"], b"question: " + PHRASE.encode() + b"\n"),
        (["timeline", "--rules", rules, "OpenAI acquires Windsurf for 3B USD"], None),
        (["batch", "--rules", rules], b'{"question": "' + PHRASE.encode() + b'"}\n'),
        (["analyze", "--rules", rules, "--timeout-ms", "2000"], None),
        (["diff", rules, other, "--tests-only"], None),
    ]
    if os.path.isdir(tests):
        runs.append((["test", "--rules", rules, "--today", "2026-01-01",
                      "--junit", os.path.join(out, "junit.xml")], None))
    before, before_other = snapshot(rules), snapshot(other)
    beside = sorted(os.listdir(a.work))
    failures = []
    for args, stdin in runs:
        r = subprocess.run([a.dealcheck] + args, cwd=out, input=stdin, capture_output=True, timeout=600,
                           env=dict(os.environ, NO_COLOR="1"))
        label = "dealcheck " + " ".join(args)
        if r.returncode < 0 or r.returncode >= 64:
            failures.append(f"{label}: exit {r.returncode}\n{r.stderr.decode(errors='replace')[:2000]}")
        print(f"[exit {r.returncode}] {label}")
    after, after_other = snapshot(rules), snapshot(other)
    for name, x, y in (("deal", before, after), ("other", before_other, after_other)):
        changed = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
        if changed:
            failures.append(f"the rule folder `{name}` changed: " + ", ".join(changed[:20]))
    if sorted(os.listdir(a.work)) != beside:
        failures.append("files appeared beside the rule folders: " + ", ".join(sorted(os.listdir(a.work))))
    if failures:
        print("FAILED:\n" + "\n".join(failures))
        return 1
    shutil.rmtree(a.work, ignore_errors=True)
    print("ok: no rule file was written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
