#!/usr/bin/env python3
"""Writes docs/diagnostics.md from the table of diagnostic codes, or checks it.

The table (engine/include/dealcheck/diagnostic_codes.def) gives each code its number,
name, summary and fix. The example of a code is what dealcheck reports on a case of the
hostile-input corpus (tests/bad/) that expects it: the case is run, and the example
must carry that code, so every example shown is real output. Every code needs a case,
or an entry in NO_CASE saying why no case can show it and which test reports it.

Usage: diagnostics_doc.py DEALCHECK REPO [--update]
  without --update, exits 1 if docs/diagnostics.md is not what it would write (ctest
  docs.diagnostics): a code added to the table, or a case whose output changed; with or
  without it, exits 1 if a code has no case and no NO_CASE entry.
"""
import concurrent.futures
import os
import re
import shlex
import subprocess
import sys
import tempfile

HEADER = re.compile(r"^(?P<where>.*): (?:error|warning|note)\[(?P<code>DC\d+)\]: ", re.M)
# A finding of `analyze`, a failure of `test`: as GitHub annotations (--error-format github).
ANNOTATION = re.compile(r"^::(?:error|warning|notice) file=[^:]*,title=dealcheck (?P<code>DC\d+) ")
# The error line of a bad `batch` input line.
JSON_CODE = re.compile(r'^\{.*"code":"(?P<code>DC\d+)"')

INTRO = """# Diagnostics

Every problem dealcheck reports has a stable code and a short name, such as
`DC1101 unknown-key`: in text (`file:line:col: error[DC1101]: message`), in
`--error-format json` (the `code` and `name` fields,
[schema](schema/diagnostic.schema.json)) and in GitHub annotations (the title).
Tools and tests match on the code, never on the wording, which may improve. A code
is never renumbered or reused.

Questions have codes too: a phrase that `ask`, `timeline` or a test case cannot read
(`<question>:1:8: error[DC5002]: unknown word ...`), and a bad line of `dealcheck batch`
or of the server's batch, whose error object carries `code` and `name`
([schema](schema/batch-line.schema.json)). Only usage errors have none: an unknown
subcommand or flag, a missing or malformed argument (exit 64) are reported by the
command line parser, with a did-you-mean, and have no place in a rule file or a question.

The findings of `dealcheck analyze` carry their code in its text report
(`warning[DC7001]: conflict: …`) and in `--json` (`code`); the failures of
`dealcheck test` are reported in words by its text report. Both are diagnostics with
their codes under `--error-format json` or `github`: their examples below are GitHub
annotations, one line each.

The codes are grouped by the stage that finds the problem: 1000 files and YAML,
2000 names and references, 3000 expressions and types, 4000 history and obligations,
5000 questions, 6000 test files, 7000 analysis findings (`dealcheck analyze`), 9000
the run itself. A deal is checked as a whole: every file that loaded is checked even
when another did not, so one run reports every error; checks that read a file with
errors are left out, and a note (DC9004) says how many.

This page is generated from the table of codes in the engine
(`engine/include/dealcheck/diagnostic_codes.def`) by `scripts/diagnostics_doc.py`;
each example is the output of a case of `tests/bad/` that expects the code, run by the
ctest `docs.diagnostics`, which fails when a code has no example.
"""


def table(repo):
    path = os.path.join(repo, "engine", "include", "dealcheck", "diagnostic_codes.def")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    rows = re.findall(r'^DEALCHECK_DIAGNOSTIC\((\w+), (\d+), "([a-z0-9-]+)",\s*"((?:[^"\\]|\\.)*)",'
                      r'\s*"((?:[^"\\]|\\.)*)"\)', text, re.M)
    return [(f"DC{number}", name, summary, fix) for _, number, name, summary, fix in rows]


# Codes that no case of tests/bad/ can show, each with why and the test that reports it.
NO_CASE = {
    "DC1202": "Needs an image compiled by the dealcheck under test, then a source file edited: "
              "a case folder holds inputs, not a compile step. The ctest `image.cli` "
              "(tests/image/image_test.py) compiles, edits and removes a source file, and checks "
              "the code, the file named and the exit code, explicitly given and through `batch`.",
    "DC1204": "Needs an image compiled by the dealcheck under test, then loaded with other "
              "options: the ctest `image.cli` (tests/image/image_test.py) compiles one with its "
              "history and loads it with `--no-history`, and checks the code and exit code.",
    "DC9003": "Reported only by `dealcheck serve`, in the body of an HTTP error response "
              "(docs/server.md), which a rule folder run by `dealcheck` cannot show: the ctest "
              "`server.api` (tests/server/server_test.py) sends bad requests and checks the "
              "code of their diagnostics.",
    "DC9005": "A bug: no input is meant to produce it, so no case (nor any test) can. A line "
              "that `dealcheck batch` (or `serve`) fails to answer because of one is an error "
              "line with this code, and the run goes on; the fields of such a line are those of "
              "every coded error line, which the ctest `json.batch-line-schema` checks.",
}


# Where only generated cases show a code, the quickest of them: the first by name would
# write megabytes or run for a second (the ctest docs.diagnostics runs every example).
QUICKEST = {"DC1010": "yaml-nesting-explicit-keys", "DC3003": "expression-operator-chain"}


def read(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return f.read()


def cases_by_code(repo):
    """The case of tests/bad/ that shows each code: the first one expecting it that runs
    `dealcheck check` on committed files, else the first with its own arguments (args.txt),
    else the first whose rule folder is generated (generate.py)."""
    bad = os.path.join(repo, "tests", "bad")
    found = {}
    for case in sorted(os.listdir(bad)):
        folder = os.path.join(bad, case)
        expected = read(folder, "expected.txt")
        if expected is None:
            continue
        rank = 2 if os.path.exists(os.path.join(folder, "generate.py")) else \
            1 if os.path.exists(os.path.join(folder, "args.txt")) else 0
        for code in re.findall(r"\[(DC\d+)\]", expected):
            if code not in found or rank < found[code][0]:
                found[code] = (rank, case)
    cases = {code: case for code, (_, case) in found.items()}
    cases.update({code: case for code, case in QUICKEST.items() if found.get(code, (0,))[0] == 2})
    return cases


def arguments(repo, case):
    args = read(os.path.join(repo, "tests", "bad", case), "args.txt") or "check\n--rules\n{case}"
    return [a.replace("{case}", case) for a in args.splitlines() if a]


def run_case(dealcheck, repo, case):
    """What dealcheck prints (stderr, then stdout) for the case, run as tests/bad/run_case.py
    runs it: from tests/bad/, or from a scratch folder its generate.py writes the rules into."""
    folder = os.path.join(repo, "tests", "bad", case)
    with tempfile.TemporaryDirectory() as scratch:
        cwd = os.path.dirname(folder)
        generator = os.path.join(folder, "generate.py")
        if os.path.exists(generator):
            cwd = scratch
            os.makedirs(os.path.join(scratch, case))
            subprocess.run([sys.executable, generator, os.path.join(scratch, case)], check=True)
        r = subprocess.run([dealcheck] + arguments(repo, case), cwd=cwd, capture_output=True,
                           text=True, errors="replace", env=dict(os.environ, NO_COLOR="1"),
                           timeout=60)
    return r.stderr + r.stdout


def example(output, case, code):
    """The diagnostic with `code` in a case's output, all its lines."""
    lines = output.splitlines()
    for i, line in enumerate(lines):
        one_line = ANNOTATION.match(line) or JSON_CODE.match(line)
        if one_line and one_line["code"] == code:
            return [line]
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
    missing = [code for code, *_ in rows if code not in cases and code not in NO_CASE]
    if missing:
        sys.exit("diagnostics_doc.py: no case of tests/bad/ shows " + ", ".join(missing) +
                 ": add one (tests/bad/README.md), or say in NO_CASE why none can")
    # Each case runs once, however many codes it shows; two at a time.
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        outputs = dict(zip(sorted(set(cases.values())), pool.map(
            lambda case: run_case(dealcheck, repo, case), sorted(set(cases.values())))))
    out = [INTRO, "| code | name | what |", "| --- | --- | --- |"]
    out += [f"| [{code}](#{code.lower()}-{name}) | `{name}` | {summary} |" for code, name, summary, _ in rows]
    out.append("")
    for code, name, summary, fix in rows:
        out += [f"## {code} {name}", "", summary[0].upper() + summary[1:] + ".", ""]
        if code in cases:
            case = cases[code]
            written = ", its rule folder written by `generate.py`" if os.path.exists(
                os.path.join(repo, "tests", "bad", case, "generate.py")) else ""
            out += [f"Example (`tests/bad/{case}`{written}):", "", "```text",
                    "$ dealcheck " + shlex.join(arguments(repo, case)), *example(outputs[case], case, code),
                    "```", ""]
        else:
            out += ["No example: " + NO_CASE[code], ""]
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
          f"with an example run from tests/bad, {len(NO_CASE)} that no case can show")
    return 0


if __name__ == "__main__":
    sys.exit(main())
