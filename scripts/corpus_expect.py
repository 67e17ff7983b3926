#!/usr/bin/env python3
"""Fill in the expected verdicts of the paraphrase corpus (tests/questions/*.yaml).

NOT part of the product, and not run by ctest: a maintainer's tool, kept so that the
corpus's expected verdicts can be re-derived (and checked) from the engine instead of
being guessed. It never reads the `ask` phrase of an entry, only its canonical forms:

  - an entry with `same_as` (a single day, in the statement form the grammar of
    2026-11 already accepts) gets the verdict of `dealcheck ask --json "<same_as>"`:
    PERMITTED, FORBIDDEN, NEEDS-CONSENT, DEPENDS or NOT-COVERED, or ERROR when that
    statement is rejected with exit 64 (the entry then says which error in
    `error_contains`);
  - an entry with `timeline` (the statement without a date) and `period: [FROM, UNTIL]`
    (both days included) gets the verdict over every day of the period from
    `dealcheck timeline --json "<timeline>"`: the verdict if it is the same on every
    day, else `varies`, with `parts:` the verdicts in order (equal neighbours merged).

Usage: scripts/corpus_expect.py BINARY RULES_DIR FILE... [--check]
  Rewrites each FILE's `verdict:` (and `parts:`) lines in place, keeping everything
  else as written; with --check, only reports the entries whose verdict differs.
"""
import datetime
import json
import re
import subprocess
import sys

import yaml


def run(binary, args):
    p = subprocess.run([binary] + args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def day_verdict(binary, rules, statement):
    rc, out, err = run(binary, ["ask", "--json", "--rules", rules, statement])
    if rc == 64:
        return "ERROR", err.strip()
    return json.loads(out)["verdict"].upper(), None


def parse_day(s):
    return datetime.date.fromisoformat(str(s))


def period_verdict(binary, rules, statement, start, until):
    rc, out, err = run(binary, ["timeline", "--json", "--rules", rules, statement])
    if rc != 0:
        raise SystemExit(f"timeline failed on {statement!r}: {err.strip()}")
    start, until = parse_day(start), parse_day(until)
    runs = []
    for iv in json.loads(out)["intervals"]:
        lo = parse_day(iv["from"]) if iv["from"] else datetime.date.min
        hi = parse_day(iv["until"]) if iv["until"] else datetime.date.max
        if hi < start or lo > until:
            continue
        v = iv["verdict"].upper()
        if not runs or runs[-1] != v:
            runs.append(v)
    return ("varies" if len(runs) > 1 else runs[0]), runs


def expected(binary, rules, entry):
    if "same_as" in entry:
        if "today" in entry and str(entry["today"]) not in entry["same_as"]:
            raise SystemExit(f"{entry['ask']!r}: same_as does not say today's date {entry['today']}")
        v, err = day_verdict(binary, rules, entry["same_as"])
        if v == "ERROR" and entry.get("error_contains", "\0") not in err:
            raise SystemExit(f"{entry['same_as']!r}: error {err!r} lacks error_contains")
        return v, None
    if "timeline" in entry and "period" in entry:
        start, until = entry["period"]
        v, runs = period_verdict(binary, rules, entry["timeline"], start, until)
        return v, (runs if v == "varies" else None)
    raise SystemExit(f"{entry['ask']!r}: neither same_as nor timeline+period")


def fmt_parts(runs):
    return "[" + ", ".join(runs) + "]"


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    if len(args) < 3:
        raise SystemExit(__doc__)
    binary, rules, files = args[0], args[1], args[2:]
    differ = 0
    for path in files:
        entries = yaml.safe_load(open(path, encoding="utf-8"))
        results = [expected(binary, rules, e) for e in entries]
        for e, (v, runs) in zip(entries, results):
            if str(e.get("verdict")) != v or (runs and e.get("parts") != runs):
                differ += 1
                print(f"{path}: {e['ask']!r}: written {e.get('verdict')} {e.get('parts') or ''}, "
                      f"engine {v} {fmt_parts(runs) if runs else ''}")
        if check:
            continue
        # Rewrite the verdict (and parts) lines of each entry, in order, keeping the rest.
        lines = open(path, encoding="utf-8").read().split("\n")
        out, i = [], -1
        for line in lines:
            if re.match(r"^- ask:", line):
                i += 1
            m = re.match(r"^(\s+)verdict:\s*[^#\s]*(\s*#.*)?$", line)
            if m and i >= 0:
                v, runs = results[i]
                out.append(f"{m.group(1)}verdict: {v}{m.group(2) or ''}")
                if runs:
                    out.append(f"{m.group(1)}parts: {fmt_parts(runs)}")
                continue
            if re.match(r"^\s+parts:", line):
                continue  # rewritten after its verdict line
            out.append(line)
        if i + 1 != len(entries):
            raise SystemExit(f"{path}: found {i + 1} '- ask:' lines for {len(entries)} entries")
        open(path, "w", encoding="utf-8").write("\n".join(out))
    print(f"{differ} entr{'y' if differ == 1 else 'ies'} {'differ' if check else 'updated'}")
    return 1 if (check and differ) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
