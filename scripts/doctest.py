#!/usr/bin/env python3
"""Runs the examples of a Markdown document and checks their output.

A ```console block holds commands (lines starting with "$ ", continued by lines
starting with "> ") each followed by its expected output (stdout and stderr together). A line "..." in the expected output
matches any number of lines; "[exit N]" as the last expected line checks the exit
code (otherwise it must be 0). With --update, the document's expected outputs are
rewritten from what the commands print (review the diff). Commands run with bash, in order, in one scratch
folder that starts with a copy of the repository's rules/, with `dealcheck` on PATH,
DEALCHECK_RULES pointing at the copy of the bundled deal, DEALCHECK_REPO at the repository (to copy
other examples from) and NO_COLOR set, so a document can edit files without touching the repository.

A ```pycon block holds a Python session (">>> " and "... " prompts, each statement followed by
what it prints, "..." in the output matching anything): the document's sessions run after its
commands, in order, in one namespace and in the same scratch folder, as cells of a notebook
would. Their outputs are checked, not rewritten by --update.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# This script is named doctest.py: import the standard library's doctest, not itself.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
import doctest  # noqa: E402


def blocks(text):
    for m in re.finditer(r"^```console\n(.*?)^```", text, re.S | re.M):
        line = text[: m.start()].count("\n") + 2
        yield line, m.group(1).splitlines()


def python_sessions(text, work, env, doc):
    """Runs the document's ```pycon blocks; returns (examples, failures)."""
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    namespace = {"__name__": "__doc__"}
    saved_cwd, saved_env = os.getcwd(), dict(os.environ)
    os.chdir(work)
    os.environ.update(env)
    try:
        for m in re.finditer(r"^```pycon\n(.*?)^```", text, re.S | re.M):
            line = text[: m.start()].count("\n") + 1
            test = parser.get_doctest(m.group(1), namespace, os.path.basename(doc), doc, line)
            runner.run(test, clear_globs=False)
            namespace = test.globs  # a DocTest works on a copy: the next block goes on from here
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    result = runner.summarize(verbose=False)
    return result.attempted, result.failed


def examples(lines, first_line):
    cmd, expected, at = None, [], first_line
    for i, l in enumerate(lines):
        if l.startswith("$ "):
            if cmd is not None:
                yield at, cmd, expected
            cmd, expected, at = l[2:], [], first_line + i
        elif cmd is not None and not expected and (l.startswith("> ") or l == ">"):
            cmd += "\n" + l[2:]  # a continuation line, as a shell prompts for one
            at += 1
        elif cmd is not None:
            expected.append(l)
    if cmd is not None:
        yield at, cmd, expected


def matches(expected, actual):
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and expected[0].rstrip() == actual[0].rstrip() and matches(expected[1:], actual[1:])


def main():
    update = "--update" in sys.argv
    doc, binary_dir, repo = [os.path.abspath(a) for a in sys.argv[1:] if a != "--update"]
    text = open(doc, encoding="utf-8").read()
    doc_lines = text.split("\n")
    replacements = []  # (first line index, last line index exclusive, new lines)
    failures = count = 0
    with tempfile.TemporaryDirectory() as work:
        shutil.copytree(os.path.join(repo, "rules"), os.path.join(work, "rules"))
        # The bundled deal, from the scratch copy: paths in answers stay short and the
        # same on every machine.
        env = dict(os.environ, PATH=binary_dir + os.pathsep + os.environ["PATH"], NO_COLOR="1",
                   DEALCHECK_RULES="rules/microsoft-openai", DEALCHECK_REPO=repo)
        for first, lines in blocks(text):
            for at, cmd, expected in examples(lines, first):
                count += 1
                code = 0
                if expected and re.fullmatch(r"\[exit \d+\]", expected[-1]):
                    code = int(expected[-1][6:-1])
                    expected = expected[:-1]
                p = subprocess.run(["bash", "-c", cmd], cwd=work, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, timeout=60)
                actual = p.stdout.splitlines()
                if p.returncode in (126, 127):  # the shell could not run it: never an example
                    failures += 1
                    print(f"{doc}:{at}: example does not run: $ {cmd}\n    " + "\n    ".join(actual))
                    continue
                if update:
                    new = actual + ([f"[exit {p.returncode}]"] if p.returncode else [])
                    start = at  # 1-based line of the command = 0-based index of its output
                    end = start
                    while end < len(doc_lines) and not doc_lines[end].startswith("$ ") and doc_lines[end] != "```":
                        end += 1
                    replacements.append((start, end, new))
                    continue
                if p.returncode != code or not matches(expected, actual):
                    failures += 1
                    print(f"{doc}:{at}: example failed: $ {cmd}")
                    print(f"  exit code: expected {code}, got {p.returncode}")
                    print("  expected:\n    " + "\n    ".join(expected))
                    print("  got:\n    " + "\n    ".join(actual))
        if not update:
            attempted, failed = python_sessions(text, work, env, doc)
            count += attempted
            failures += failed
    if update and not failures:
        for start, end, new in reversed(replacements):
            doc_lines[start:end] = new
        open(doc, "w", encoding="utf-8").write("\n".join(doc_lines))
        print(f"{doc}: updated {count} examples")
        return 0
    print(f"{doc}: {count - failures} of {count} examples passed")
    return 1 if failures or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
