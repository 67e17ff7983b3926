#!/usr/bin/env python3
"""Writes docs/diagnostics.md from the table of diagnostic codes, or checks it.

The table (engine/include/dealcheck/diagnostic_codes.def) gives each code its number,
name, summary and fix. The example of a code is what dealcheck reports on the first
case of the hostile-input corpus (tests/bad/) that expects it: the case is run, and
the example must carry that code, so every example shown is real output. A code that
no case expects yet says so.

Usage: diagnostics_doc.py DEALCHECK REPO [--update]
  without --update, exits 1 if docs/diagnostics.md is not what it would write (ctest
  docs.diagnostics): a code added to the table, or a case whose output changed.
"""
import os
import re
import subprocess
import sys

HEADER = re.compile(r"^(?P<where>.*): (?:error|warning|note)\[(?P<code>DC\d+)\]: ", re.M)

INTRO = """# Diagnostics

Every problem dealcheck reports has a stable code and a short name, such as
`DC1101 unknown-key`: in text (`file:line:col: error[DC1101]: message`), in
`--error-format json` (the `code` and `name` fields,
[schema](schema/diagnostic.schema.json)) and in GitHub annotations (the title).
Tools and tests match on the code, never on the wording, which may improve. A code
is never renumbered or reused.

The codes are grouped by the stage that finds the problem: 1000 files and YAML,
2000 names and references, 3000 expressions and types, 4000 history and obligations,
5000 questions, 6000 test files, 7000 analysis findings (`dealcheck analyze`), 9000
the run itself. A deal is checked as a whole: every file that loaded is checked even
when another did not, so one run reports every error; checks that read a file with
errors are left out, and a note (DC9004) says how many.

This page is generated from the table of codes in the engine
(`engine/include/dealcheck/diagnostic_codes.def`) by `scripts/diagnostics_doc.py`;
each example is the output of a case of `tests/bad/` that expects the code, run by the
ctest `docs.diagnostics`.
"""


def table(repo):
    path = os.path.join(repo, "engine", "include", "dealcheck", "diagnostic_codes.def")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    rows = re.findall(r'^DEALCHECK_DIAGNOSTIC\((\w+), (\d+), "([a-z0-9-]+)",\s*"((?:[^"\\]|\\.)*)",'
                      r'\s*"((?:[^"\\]|\\.)*)"\)', text, re.M)
    return [(f"DC{number}", name, summary, fix) for _, number, name, summary, fix in rows]


def cases_by_code(repo):
    """The first plain case (no generator, no arguments) of tests/bad/ expecting each code."""
    bad = os.path.join(repo, "tests", "bad")
    found = {}
    for case in sorted(os.listdir(bad)):
        folder = os.path.join(bad, case)
        expected = os.path.join(folder, "expected.txt")
        if not os.path.isfile(expected) or any(os.path.exists(os.path.join(folder, f))
                                               for f in ("generate.py", "args.txt")):
            continue
        with open(expected, encoding="utf-8") as f:
            for code in re.findall(r"\[(DC\d+)\]", f.read()):
                found.setdefault(code, case)
    return found


def example(dealcheck, repo, case, code):
    """The diagnostic with `code` that `dealcheck check` prints for the case, all its lines."""
    r = subprocess.run([dealcheck, "check", "--rules", case], cwd=os.path.join(repo, "tests", "bad"),
                       capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"), timeout=60)
    lines = r.stderr.splitlines()
    for i, line in enumerate(lines):
        m = HEADER.match(line)
        if m and m["code"] == code:
            block = [line]
            for rest in lines[i + 1:]:
                if not rest.startswith(" "):
                    break
                block.append(rest)
            return block
    sys.exit(f"diagnostics_doc.py: tests/bad/{case} expects {code}, but dealcheck does not report it")


def render(dealcheck, repo):
    rows = table(repo)
    cases = cases_by_code(repo)
    out = [INTRO, "| code | name | what |", "| --- | --- | --- |"]
    out += [f"| [{code}](#{code.lower()}-{name}) | `{name}` | {summary} |" for code, name, summary, _ in rows]
    out.append("")
    for code, name, summary, fix in rows:
        out += [f"## {code} {name}", "", summary[0].upper() + summary[1:] + ".", ""]
        if code in cases:
            out += [f"Example (`tests/bad/{cases[code]}`):", "", "```text",
                    f"$ dealcheck check --rules {cases[code]}", *example(dealcheck, repo, cases[code], code),
                    "```", ""]
        else:
            out += ["No case of `tests/bad/` expects it yet.", ""]
        out += [f"Fix: {fix}", ""]
    return "\n".join(out)


def main():
    args = [a for a in sys.argv[1:] if a != "--update"]
    dealcheck, repo = os.path.abspath(args[0]), os.path.abspath(args[1])
    doc = os.path.join(repo, "docs", "diagnostics.md")
    text = render(dealcheck, repo)
    if "--update" in sys.argv:
        with open(doc, "w", encoding="utf-8") as f:
            f.write(text)
        return 0
    current = ""
    if os.path.exists(doc):
        with open(doc, encoding="utf-8") as f:
            current = f.read()
    if current != text:
        print("docs/diagnostics.md is not what the table of codes and tests/bad give: run\n"
              "  python3 scripts/diagnostics_doc.py build/cli/dealcheck . --update\nand read the diff")
        return 1
    cases = cases_by_code(repo)
    rows = table(repo)
    print(f"ok: {len(rows)} codes documented, {sum(1 for row in rows if row[0] in cases)} "
          "with an example run from tests/bad")
    return 0


if __name__ == "__main__":
    sys.exit(main())
