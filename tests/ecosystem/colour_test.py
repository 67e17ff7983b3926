#!/usr/bin/env python3
"""Colour only on a terminal, and never with NO_COLOR: runs dealcheck under a
pseudo-terminal (answers on stdout, diagnostics on stderr) and through pipes.

Usage: colour_test.py DEALCHECK REPO
"""
import os
import pty
import shutil
import subprocess
import sys
import tempfile

dealcheck, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ESC = "\x1b["
passed = failed = 0


def env(no_color):
    e = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color is not None:
        e["NO_COLOR"] = no_color
    return e


def on_terminal(args, no_color=None):
    """Runs with stdout and stderr on a pseudo-terminal; returns what it printed."""
    master, slave = pty.openpty()
    p = subprocess.Popen([dealcheck, *args], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
                         env=env(no_color), close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the terminal closed
            break
        if not data:
            break
        chunks.append(data)
    p.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def piped(args, no_color=None):
    p = subprocess.run([dealcheck, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       env=env(no_color), timeout=60)
    return p.stdout + p.stderr


def expect(ok, what, output):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}\n  output: {output[:400]!r}")


with tempfile.TemporaryDirectory() as tmp:
    bad = os.path.join(tmp, "bad")
    shutil.copytree(os.path.join(repo, "tests", "ecosystem", "base-deal"), bad)
    shutil.copyfile(os.path.join(repo, "tests", "ecosystem", "bad", "agreement-unknown-key.yaml"),
                    os.path.join(bad, "agreements", "main.yaml"))
    rules = os.path.join(repo, "rules", "microsoft-openai")
    runs = {
        "an answer (stdout)": ["ask", "--rules", rules, "OpenAI acquires Windsurf for 3B USD on 2025-06-01"],
        "rule-file errors (stderr)": ["check", "--rules", bad],
    }
    for what, args in runs.items():
        out = on_terminal(args)
        expect("PERMITTED" in out or "untill" in out, f"{what}: the run works on a terminal", out)
        expect(ESC in out, f"{what}: coloured on a terminal", out)
        out = on_terminal(args, no_color="1")
        expect(ESC not in out and out.strip(), f"{what}: not coloured on a terminal with NO_COLOR=1", out)
        out = on_terminal(args, no_color="")
        expect(ESC in out, f"{what}: an empty NO_COLOR does not count (no-color.org)", out)
        out = piped(args)
        expect(ESC not in out and out.strip(), f"{what}: not coloured through a pipe", out)

print(f"colour: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
