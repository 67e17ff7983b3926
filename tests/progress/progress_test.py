#!/usr/bin/env python3
"""Progress lines (cli/progress.hpp): on stderr when it is a terminal, never on a pipe
nor under --json.

    progress_test.py DEALCHECK REPO

Runs `dealcheck batch` and `dealcheck test` on the bundled deal with stderr on a
pseudo-terminal (python's pty module), then on a pipe, and compares what stderr got.
"""
import os
import pty
import subprocess
import sys
import tempfile

dealcheck, repo = sys.argv[1], sys.argv[2]
rules = os.path.join(repo, "rules", "microsoft-openai")
failures = []


def run(args, on_terminal, stdin=None):
    """dealcheck's exit code, stdout and stderr, with stderr on a pty or a pipe."""
    if not on_terminal:
        p = subprocess.run([dealcheck, *args], stdin=stdin, capture_output=True, timeout=60)
        return p.returncode, p.stdout, p.stderr
    master, slave = pty.openpty()
    out_file = tempfile.TemporaryFile()  # a pipe could fill while stderr is read
    p = subprocess.Popen([dealcheck, *args], stdin=stdin, stdout=out_file, stderr=slave)
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        err += chunk
    p.wait(timeout=60)
    os.close(master)
    out_file.seek(0)
    out = out_file.read()
    return p.returncode, out, err


def check(what, condition):
    if not condition:
        failures.append(what)


with tempfile.TemporaryDirectory() as tmp:
    questions = os.path.join(tmp, "questions.jsonl")
    with open(questions, "w") as f:
        for i in range(2000):
            f.write('{"party":"openai","action":"acquire","attributes":{"target":"windsurf",'
                    f'"price":"3B USD"}},"date":"2025-06-01","id":{i}}}\n')

    code, out_tty, err = run(["batch", "--rules", rules, questions], True)
    check(f"batch on a terminal exits 0 (got {code})", code == 0)
    check(f"batch on a terminal shows lines done: {err!r}", b"dealcheck batch: " in err and b" lines" in err)
    check("batch erases its progress line", err.endswith(b"\r\x1b[K"))
    code, out_pipe, err = run(["batch", "--rules", rules, questions], False)
    check(f"batch on a pipe prints nothing on stderr: {err!r}", code == 0 and err == b"")
    check("the answers do not depend on the progress line", out_tty == out_pipe and out_pipe.count(b"\n") == 2000)

    # Standard input as a file: its size gives the time left.
    with open(questions, "rb") as f:
        code, _, err = run(["batch", "--rules", rules], True, stdin=f)
    check(f"batch reading stdin on a terminal shows progress: {err!r}", code == 0 and b"lines" in err)

    code, out_tty, err = run(["test", "--rules", rules], True)
    check(f"test on a terminal shows cases done: {err!r}", code == 0 and b"dealcheck test: " in err and b" cases" in err)
    code, out_pipe, err = run(["test", "--rules", rules], False)
    check(f"test on a pipe prints nothing on stderr: {err!r}", code == 0 and err == b"")
    check("test prints the same report either way", out_tty == out_pipe)
    code, _, err = run(["test", "--rules", rules, "--json"], True)
    check(f"test --json shows no progress on a terminal: {err!r}", b"cases" not in err)

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
