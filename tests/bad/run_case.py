#!/usr/bin/env python3
"""Runs one case of the hostile-input corpus (tests/bad/<case>/) and checks it.

A case is a folder holding either a rule folder (deal.yaml and what it names) or a
`generate.py` that writes one into a scratch folder at test time (large or binary
inputs are never committed), plus:

  expected.txt  one or more lines, each a diagnostic dealcheck must report, written
                `<case>/<file>:<line>:<col>: error[DC1101] unknown-key`: where, the
                severity and the code with its name (checked against the table,
                engine/include/dealcheck/diagnostic_codes.def), not the wording; or,
                for the valid deals, a substring of the output
  absent.txt    optional: lines that must not appear in the output (a code such as
                `[DC3004]` that would only follow from an error reported already)
  args.txt      optional: the dealcheck arguments, one per line, `{case}` standing
                for the rule folder (default: check / --rules / {case})
  exit.txt      optional: the expected exit code (default: 3, rule errors)
  cpu.txt       optional: a CPU-time limit in seconds above --cpu, for a valid deal
                built to be heavy whose load is close to --cpu on an idle core

dealcheck runs under resource limits set with setrlimit in the child: RLIMIT_AS
(address space, default 512 MiB) and RLIMIT_CPU (default 2 s of CPU time). Hitting
either kills it, which fails the case: the limits are enforced, not timed. The case
passes when dealcheck exits with the expected code, prints every expected line,
prints no sanitizer report, gives byte-identical output when run twice (--runs 1 in
the sanitizer build skips that), and leaves every file of the rule folder as it was
(dealcheck never writes to rules).
"""
import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys

SANITIZER_MARKERS = ("AddressSanitizer", "LeakSanitizer", "UndefinedBehaviorSanitizer",
                     "runtime error:", "internal error")


def snapshot(root):
    """Every entry under root (symlinks not followed): type, size, mtime, content hash."""
    state = {}
    if not os.path.lexists(root):
        return state
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in sorted(dirs + files):
            path = os.path.join(folder, name)
            st = os.lstat(path)
            entry = (st.st_mode, st.st_size, st.st_mtime_ns)
            if os.path.islink(path):
                entry += (os.readlink(path),)
            elif os.path.isfile(path):
                h = hashlib.sha256()
                with open(path, "rb") as f:
                    for chunk in iter(lambda: f.read(1 << 20), b""):
                        h.update(chunk)
                entry += (h.hexdigest(),)
            state[os.path.relpath(path, root)] = entry
    return state


# An expected diagnostic, and the first line of a diagnostic in dealcheck's output: as
# text, as a GitHub annotation (--error-format github, with which `analyze` and `test`
# report findings and failures as diagnostics), or as a JSON line (a diagnostic of
# --error-format json, or the error line of a bad `batch` input line, `<batch>:LINE:COL`).
EXPECTED = re.compile(r"^(?P<where>.*): (?P<severity>error|warning|note)\[(?P<code>DC\d+)\] (?P<name>[a-z0-9-]+)$")
REPORTED = re.compile(r"^(?P<where>.*): (?P<severity>error|warning|note)\[(?P<code>DC\d+)\]: ", re.M)
ANNOTATION = re.compile(r"^::(?P<severity>error|warning|notice) file=(?P<file>[^,]*),line=(?P<line>\d+),"
                        r"col=(?P<column>\d+)[^:]*,title=dealcheck (?P<code>DC\d+) ", re.M)


def reported(text):
    """(where, severity, code) of each diagnostic in the output."""
    found = {(m["where"], m["severity"], m["code"]) for m in REPORTED.finditer(text)}
    found |= {(f"{m['file']}:{m['line']}:{m['column']}", "note" if m["severity"] == "notice" else m["severity"],
               m["code"]) for m in ANNOTATION.finditer(text)}
    for line in text.splitlines():
        if line.startswith("{") and '"code":' in line:
            d = json.loads(line)
            where = f"{d.get('file', '<batch>')}:{d['line']}" + (f":{d['column']}" if d.get("column") else "")
            found.add((where, d.get("severity", "error"), d["code"]))
    return found


def code_names(table):
    """{"DC1101": "unknown-key", ...} from the table of diagnostic codes."""
    with open(table, encoding="utf-8") as f:
        return {f"DC{number}": name for number, name in
                re.findall(r'^DEALCHECK_DIAGNOSTIC\(\w+, (\d+), "([a-z0-9-]+)"', f.read(), re.M)}


def limits(as_bytes, cpu_seconds):
    def apply():
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if cpu_seconds:
            # SIGXCPU at the soft limit, SIGKILL a second later if it is ignored.
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        if as_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (as_bytes, as_bytes))
    return apply


def describe_signal(rc):
    sig = -rc
    name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
    why = {"SIGXCPU": "the CPU-time limit was exceeded (a hang?)",
           "SIGKILL": "killed: CPU-time limit, or out of memory",
           "SIGSEGV": "crashed (stack overflow?)",
           "SIGABRT": "aborted (assertion, uncaught exception, or allocation failure under RLIMIT_AS)"}
    return f"killed by {name}: {why.get(name, 'crashed')}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dealcheck", required=True)
    p.add_argument("--case", required=True, help="the case folder")
    p.add_argument("--codes", required=True, help="the table of diagnostic codes (diagnostic_codes.def)")
    p.add_argument("--work", required=True, help="scratch folder for generated cases")
    p.add_argument("--as-mb", type=int, default=512, help="RLIMIT_AS in MiB; 0: none")
    p.add_argument("--cpu", type=int, default=2, help="RLIMIT_CPU in seconds; 0: none")
    p.add_argument("--runs", type=int, default=2, help="2: also check the output is the same twice")
    a = p.parse_args()

    case = os.path.abspath(a.case)
    name = os.path.basename(case)
    generator = os.path.join(case, "generate.py")
    if os.path.exists(generator):
        cwd = os.path.abspath(a.work)
        rules = os.path.join(cwd, name)
        if os.path.lexists(rules):
            shutil.rmtree(rules) if os.path.isdir(rules) and not os.path.islink(rules) else os.unlink(rules)
        os.makedirs(rules)
        subprocess.run([sys.executable, generator, rules], check=True)
    else:
        cwd = os.path.dirname(case)
        rules = case

    def read(fname, default):
        path = os.path.join(case, fname)
        if not os.path.exists(path):
            return default
        with open(path, encoding="utf-8") as f:
            return f.read()

    expected = [l for l in read("expected.txt", "").splitlines() if l.strip()]
    absent = [l for l in read("absent.txt", "").splitlines() if l.strip()]
    args = read("args.txt", "check\n--rules\n{case}").splitlines()
    args = [x.replace("{case}", name) for x in args if x]
    exit_code = int(read("exit.txt", "3").strip())
    cpu = max(a.cpu, int(read("cpu.txt", "0").strip())) if a.cpu else 0

    before = snapshot(rules)
    runs = []
    for _ in range(max(1, a.runs)):
        r = subprocess.run([a.dealcheck] + args, cwd=cwd, capture_output=True,
                           env=dict(os.environ, NO_COLOR="1"),
                           preexec_fn=limits(a.as_mb << 20, cpu), timeout=300)
        runs.append(r)
    after = snapshot(rules)

    r = runs[0]
    stderr = r.stderr.decode("utf-8", "replace")
    stdout = r.stdout.decode("utf-8", "replace")
    failures = []
    if not expected:
        failures.append("expected.txt is missing or empty")
    if r.returncode < 0:
        failures.append(describe_signal(r.returncode))
    elif r.returncode != exit_code:
        failures.append(f"exit code {r.returncode}, expected {exit_code}")
    for marker in SANITIZER_MARKERS:
        if marker in stderr:
            failures.append(f"stderr reports `{marker}`")
    names = code_names(a.codes)
    found = reported(stderr) | reported(stdout)
    for line in expected:
        m = EXPECTED.match(line)
        if not m:
            if line not in stderr and line not in stdout:
                failures.append(f"output lacks: {line}")
        elif names.get(m["code"]) != m["name"]:
            failures.append(f"expected.txt: {m['code']} is `{names.get(m['code'])}`, not `{m['name']}`")
        elif (m["where"], m["severity"], m["code"]) not in found:
            failures.append(f"output lacks: {line}")
    for line in absent:
        if line in stderr or line in stdout:
            failures.append(f"output has: {line}")
    if (runs[-1].returncode, runs[-1].stdout, runs[-1].stderr) != (r.returncode, r.stdout, r.stderr):
        failures.append("a second run gave different output (non-deterministic)")
    if before != after:
        changed = sorted(set(before) ^ set(after) | {k for k in before if before.get(k) != after.get(k)})
        failures.append("dealcheck changed the rule folder: " + ", ".join(changed[:10]))

    shown = stderr if len(stderr) < 4000 else stderr[:4000] + f"\n... ({len(stderr)} bytes)"
    print(f"$ dealcheck {' '.join(args)}  (in {cwd})\n[exit {r.returncode}]\n{shown}")
    if stdout:
        print("stdout:", stdout[:2000])
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        return 1
    if os.path.exists(generator):
        shutil.rmtree(rules) # generated inputs are large: keep them only when a case fails
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
