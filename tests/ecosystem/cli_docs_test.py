#!/usr/bin/env python3
"""docs/cli.md documents every subcommand and flag the binary has, and nothing else.

The subcommands come from `dealcheck --help`, each one's positionals, flags and exit
codes from `dealcheck SUB --help`. docs/cli.md must have a `## dealcheck SUB` section
for each, whose tables list (first cell, in backticks) exactly those positionals and
flags (`-h`/`--help` aside), and which repeats the `Exit codes:` line of --help; it
must document the global flags and the environment (DEALCHECK_RULES, NO_COLOR).

Usage: cli_docs_test.py DEALCHECK DOCS/CLI.MD
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import cli_help  # noqa: E402

dealcheck, doc_path = sys.argv[1], sys.argv[2]
with open(doc_path, encoding="utf-8") as f:
    doc = f.read()
failures = []
checked = 0


def check(ok, message):
    global checked
    checked += 1
    if not ok:
        failures.append(message)


def sections(text):
    out, name, body = {}, None, []
    for line in text.split("\n"):
        m = re.match(r"^## (.*)$", line)
        if m:
            if name:
                out[name] = "\n".join(body)
            name, body = m.group(1).strip(), []
        elif name:
            body.append(line)
    if name:
        out[name] = "\n".join(body)
    return out


def documented(body):
    """Names in the first cell of each table row: `--rules TEXT`, `-v`, `--verbose` -> --rules, -v, --verbose."""
    names = set()
    for line in body.split("\n"):
        m = re.match(r"^\|([^|]*)\|", line)
        if not m or set(m.group(1).strip()) <= set("-: "):
            continue
        for cell in re.findall(r"`([^`]+)`", m.group(1)):
            names.add(cell.split(" ")[0].removesuffix("..."))
    return names


top, subs = cli_help.read_cli(dealcheck)
checked = 0
docs = sections(doc)
doc_subs = {name.split(" ", 1)[1] for name in docs if name.startswith("dealcheck ")}
for name, sub in subs:
    title = f"dealcheck {name}"
    if title not in docs:
        check(False, f"`dealcheck {name}` has no `## {title}` section in {doc_path}")
        continue
    body = docs[title]
    have = documented(body)
    want = {n for o in sub["options"] for n in o["names"] if n not in ("-h", "--help")}
    want |= {p["name"] for p in sub["positionals"]}
    for missing in sorted(want - have):
        check(False, f"{title}: `{missing}` is in --help but not in the section's tables")
    for extra in sorted(have - want):
        check(False, f"{title}: `{extra}` is documented but `dealcheck {name} --help` has no such flag")
    checked += 1  # the section's flags
    exit_lines = [line for line in sub["footer"] if line.startswith("Exit codes:")]
    check(bool(exit_lines), f"{title}: --help gives no `Exit codes:` line")
    for line in exit_lines:
        check(line in body.split("\n"), f"{title}: the section lacks the exit codes line of --help: {line!r}")
for extra in sorted(doc_subs - {name for name, _ in subs}):
    check(False, f"`## dealcheck {extra}` documents a subcommand `dealcheck --help` does not list")
for o in top["options"]:
    for n in o["names"]:
        check(f"`{n}`" in doc, f"the global flag `{n}` is not documented")
env = docs.get("Environment", "")
for var in ("DEALCHECK_RULES", "NO_COLOR"):
    check(f"`{var}`" in env, f"the `## Environment` section does not document `{var}`")
check("Exit codes" in docs, "no `## Exit codes` section")

for f in failures:
    print("FAIL " + f)
print(f"cli docs: {len(subs)} subcommands; {checked - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures or not subs else 0)
