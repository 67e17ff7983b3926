#!/usr/bin/env python3
"""Ask the paraphrase corpus (tests/questions/*.yaml, issue 13) and score the answers.

Usage: scripts/corpus.py [--every K] BINARY RULES_DIR FILE...

--every K asks every K-th entry only (the sanitizer build, where each run costs ten
times as much: the release build asks them all and its figure is the one that counts).

Each entry's `ask` is asked as a user types it:
    BINARY ask --json [--today D] --rules RULES_DIR "<ask>"
and scored on two counts:
  understood     the exit code is not 64 and the output is one JSON object; for an entry
                 whose verdict is ERROR (a question the deal must reject, such as a EUR
                 price for a USD attribute): exit 64 with `error_contains` in the error
  answered right the verdict is the expected one; for a single-day question (`same_as`)
                 the whole JSON answer also equals the answer to the `same_as` statement
                 (`date_is_today` aside when the entry gives `today`); for a period
                 question (a month, a year, a range) the answer is a period answer over
                 `period`, and `varies` and the verdicts of its parts are the expected ones

Prints, per file, `understood N/M (P%)` and `answered right N/M (P%)` and each failure
with its question and what went wrong. Exits 0 only when both are 100% in every file.
"""
import json
import subprocess
import sys

import yaml

TIMEOUT = 60  # seconds per question

# --- The period answer's JSON (being built for issue 13; adjust here if it moves) ------
# Expected shape: {"period": ..., "varies": bool,
#                  "parts": [{"from": D, "until": D, "answer": {... an `ask` answer ...}}]}


def is_period_answer(answer):
    return isinstance(answer, dict) and "parts" in answer and "varies" in answer


def period_bounds_text(answer):
    """The period as text, to look for the expected first and last day in."""
    return json.dumps(answer.get("period"))


def period_varies(answer):
    return bool(answer["varies"])


def period_part_verdicts(answer):
    """The verdict of each part in order, equal neighbours merged."""
    runs = []
    for part in answer["parts"]:
        v = part["answer"]["verdict"].upper()
        if not runs or runs[-1] != v:
            runs.append(v)
    return runs


# --- Asking ------------------------------------------------------------------------------


def ask(binary, rules, phrase, today=None):
    cmd = [binary, "ask", "--json"]
    if today is not None:
        cmd += ["--today", str(today)]
    cmd += ["--rules", rules, phrase]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, None, f"timed out after {TIMEOUT} s"
    answer = None
    if p.stdout.strip():
        try:
            answer = json.loads(p.stdout)
        except json.JSONDecodeError:
            pass
    return p.returncode, answer, p.stderr.strip()


def first_line(text):
    return (text or "").strip().split("\n")[0][:200]


def score_entry(binary, rules, entry, same_as_cache):
    """Returns (understood, right, problem or None)."""
    expected = str(entry["verdict"])
    today = entry.get("today")
    rc, answer, err = ask(binary, rules, entry["ask"], today)

    if expected == "ERROR":
        want = entry.get("error_contains", "")
        if rc == 64 and want in err:
            return True, True, None
        return False, False, f"expected exit 64 with an error saying {want!r}, got exit {rc}: {first_line(err)}"

    if rc is None:
        return False, False, err
    if rc == 64 or answer is None:
        return False, False, f"not understood (exit {rc}): {first_line(err)}"

    if "same_as" in entry:  # one day
        if is_period_answer(answer):
            return True, False, "expected a single-day answer, got a period answer"
        got = answer.get("verdict", "?").upper()
        if got != expected:
            return True, False, f"verdict {got}, expected {expected}"
        key = entry["same_as"]
        if key not in same_as_cache:
            same_as_cache[key] = ask(binary, rules, key)
        src, reference, serr = same_as_cache[key]
        if reference is None:
            return True, False, f"corpus error: same_as {key!r} gave exit {src}: {first_line(serr)}"
        a, b = dict(answer), dict(reference)
        if today is not None:
            a.pop("date_is_today", None)
            b.pop("date_is_today", None)
        if a != b:
            diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            return True, False, (f"answer differs from same_as {key!r} in {', '.join(diff)}: "
                                 + "; ".join(f"{k}: {json.dumps(a.get(k))[:120]} vs {json.dumps(b.get(k))[:120]}"
                                             for k in diff[:3]))
        return True, True, None

    # a period
    if not is_period_answer(answer):
        return True, False, f"expected a period answer over {entry.get('period')}, got a single-day answer ({answer.get('date')})"
    problems = []
    if "period" in entry:
        text = period_bounds_text(answer)
        for day in entry["period"]:
            if str(day) not in text:
                problems.append(f"period {text} does not include {day}")
    runs = period_part_verdicts(answer)
    if expected == "varies":
        if not period_varies(answer):
            problems.append(f"expected it to vary ({', '.join(entry.get('parts', []))}), got one verdict {runs}")
        elif "parts" in entry and runs != [str(p) for p in entry["parts"]]:
            problems.append(f"parts {runs}, expected {entry['parts']}")
    else:
        if period_varies(answer):
            problems.append(f"expected {expected} for the whole period, got varies {runs}")
        elif runs[:1] != [expected]:
            problems.append(f"verdict {runs[:1]}, expected {expected} for the whole period")
    return True, not problems, "; ".join(problems) or None


def pct(n, m):
    return f"{100.0 * n / m:.1f}%" if m else "n/a"


def main(argv):
    every = 1
    if argv[:1] == ["--every"] and len(argv) > 1 and argv[1].isdigit() and int(argv[1]) > 0:
        every, argv = int(argv[1]), argv[2:]
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 64
    binary, rules, files = argv[0], argv[1], argv[2:]
    same_as_cache = {}
    all_ok = True
    for path in files:
        entries = (yaml.safe_load(open(path, encoding="utf-8")) or [])[::every]
        understood = right = 0
        failures = []
        for entry in entries:
            u, r, problem = score_entry(binary, rules, entry, same_as_cache)
            understood += u
            right += r
            if not r:
                failures.append((entry["ask"], problem))
        m = len(entries)
        print(f"{path}:")
        print(f"  understood {understood}/{m} ({pct(understood, m)})")
        print(f"  answered right {right}/{m} ({pct(right, m)})")
        for question, problem in failures:
            print(f"  FAIL {question}\n       {problem}")
        if understood != m or right != m:
            all_ok = False
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
