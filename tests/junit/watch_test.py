#!/usr/bin/env python3
"""`dealcheck test --watch` runs the tests again when a file of the deal changes: a test
file edited to expect another verdict fails, then an agreement edited to match passes.

Usage: watch_test.py DEALCHECK REPO
"""
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading

dealcheck, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
# Not a timing assertion: only how long to wait before calling the watcher hung.
PATIENCE = 120


def main():
    with tempfile.TemporaryDirectory() as tmp:
        deal = os.path.join(tmp, "deal")
        shutil.copytree(os.path.join(repo, "tests", "ecosystem", "base-deal"), deal)
        proc = subprocess.Popen([dealcheck, "test", "--watch", "--rules", deal], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, env=dict(os.environ, NO_COLOR="1"))
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()
        seen = []

        def wait_for(text):
            """The summaries printed until the watcher says it waits again after `text`."""
            summaries = []
            while True:
                try:
                    line = lines.get(timeout=PATIENCE)
                except queue.Empty:
                    sys.exit(f"FAIL no `{text}` from dealcheck test --watch; it printed:\n" + "".join(seen))
                seen.append(line)
                if " passed, " in line:
                    summaries.append(line.strip())
                if "for changes" in line:
                    if any(text in s for s in summaries):
                        return summaries
                    sys.exit(f"FAIL expected `{text}`, got {summaries}; it printed:\n" + "".join(seen))

        def edit(path, old, new):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            assert old in text, (path, old)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace(old, new))

        try:
            wait_for("1 passed, 0 failed")
            # A test file edit: the case now expects what the deal does not say.
            edit(os.path.join(deal, "tests", "main.yaml"), "{verdict: forbidden, deciding: [azure-only]}",
                 "{verdict: permitted}")
            wait_for("0 passed, 1 failed")
            # An agreement edit: the deal now says it.
            edit(os.path.join(deal, "agreements", "main.yaml"), "effect: forbid", "effect: permit  # now")
            wait_for("1 passed, 0 failed")
            running = proc.poll() is None
        finally:
            proc.terminate()
            proc.wait(timeout=PATIENCE)
    if not running:
        sys.exit("FAIL --watch stopped by itself")
    print("watch: 3 runs, each after an edit, with the expected outcome")


main()
