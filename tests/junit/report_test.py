#!/usr/bin/env python3
"""`dealcheck test` reports as CI tools read them: the JUnit XML validates against
Jenkins' junit-10.xsd (with xmllint) and reads the same in junitparser; `--json` validates
against docs/schema/test-report.schema.json and agrees with the JUnit; a case that cannot
run is an error there, located, never left out; `--run REGEX` selects cases by name.

Usage: report_test.py DEALCHECK REPO
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import jsonschema
    import junitparser
except ImportError as e:
    system = "/usr/bin/python3"
    if os.path.realpath(sys.executable) != os.path.realpath(system) and os.path.exists(system):
        os.execv(system, [system] + sys.argv)
    sys.exit(f"{sys.argv[0]}: {e}: install python3-junitparser and python3-jsonschema (scripts/bootstrap does)")

dealcheck, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
xsd = os.path.join(repo, "tests", "junit", "junit-10.xsd")
schema_dir = os.path.join(repo, "docs", "schema")
passed = failed = 0


def expect(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}" + (f"\n  {detail}" if detail else ""))


def run(*args):
    return subprocess.run([dealcheck, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=120, env=dict(os.environ, NO_COLOR="1"))


def xmllint(path):
    p = subprocess.run(["xmllint", "--noout", "--schema", xsd, path], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=60)
    return p.returncode, p.stdout


def report_validator():
    schemas = {}
    for name in os.listdir(schema_dir):
        with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
            doc = json.load(f)
        if "$id" in doc:
            schemas[doc["$id"]] = doc
    schema = schemas["https://dealcheck.dev/schema/test-report.schema.json"]
    jsonschema.Draft202012Validator.check_schema(schema)
    # RefResolver: Debian's jsonschema 4.10 predates the `referencing` library.
    resolver = jsonschema.RefResolver.from_schema(schema, store=schemas)
    return jsonschema.Draft202012Validator(schema, resolver=resolver)


validator = report_validator()


def check_json(text, what):
    try:
        doc = json.loads(text)
    except ValueError as e:
        expect(False, f"{what}: --json prints one JSON document", str(e))
        return None
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"[:300] for e in validator.iter_errors(doc)]
    expect(not errors, f"{what}: the --json report validates against test-report.schema.json", "\n  ".join(errors[:5]))
    return doc


def junit_cases(path):
    """{case name: (classname, outcome, message)} as junitparser reads the report, with
    the suites' counts checked against their cases."""
    xml = junitparser.JUnitXml.fromfile(path)
    out = {}
    for suite in xml:
        counts = {"failure": 0, "error": 0, "skipped": 0}
        n = 0
        for case in suite:
            n += 1
            results = case.result
            outcome = "passed"
            message = ""
            if results:
                kind = results[0]
                outcome = {junitparser.Failure: "failure", junitparser.Error: "error",
                           junitparser.Skipped: "skipped"}[type(kind)]
                message = kind.message or ""
                counts[outcome] += 1
            out[case.name] = (case.classname, outcome, message)
        expect((suite.tests, suite.failures, suite.errors, suite.skipped) ==
               (n, counts["failure"], counts["error"], counts["skipped"]),
               f"suite {suite.name}: tests, failures, errors and skipped count its cases",
               f"{(suite.tests, suite.failures, suite.errors, suite.skipped)} vs {n}, {counts}")
        expect(suite.time is not None and suite.time >= 0, f"suite {suite.name} has a time")
    return out


with tempfile.TemporaryDirectory() as tmp:
    # The bundled deal: every case passes.
    junit = os.path.join(tmp, "bundled.xml")
    p = run("test", "--rules", os.path.join(repo, "rules", "microsoft-openai"), "--junit", junit, "--json")
    expect(p.returncode == 0, "the bundled deal's tests pass", p.stderr[-500:])
    code, out = xmllint(junit)
    expect(code == 0, "the bundled deal's JUnit report validates against junit-10.xsd", out[-800:])
    doc = check_json(p.stdout, "bundled deal")
    cases = junit_cases(junit)
    if doc:
        expect(len(cases) == doc["summary"]["tests"] == len(doc["cases"]) > 0,
               "JUnit and JSON report the same cases", f"{len(cases)} vs {doc['summary']}")
        where = {c["name"]: f"{c['file']}:{c['line']}" for c in doc["cases"]}
        expect(all(cases[n][0] == where[n] for n in where), "each JUnit classname is the case's file:line")
    # Each classname points at its case: the line holds its name or its table row.
    for name, (classname, _, _) in list(cases.items())[:200]:
        file, line = classname.rsplit(":", 1)
        with open(file, encoding="utf-8") as f:
            text = f.read().split("\n")[int(line) - 1]
        expect(name.split(" [")[0] in text or text.lstrip().startswith("- {"),
               f"`{name}` is at {classname}", text)

    # A deal whose cases pass, fail, are skipped, and cannot run.
    deal = os.path.join(tmp, "deal")
    shutil.copytree(os.path.join(repo, "tests", "ecosystem", "base-deal"), deal)
    tests = os.path.join(deal, "tests", "main.yaml")
    with open(tests, "w", encoding="utf-8") as f:
        f.write("""cases:
  - name: passes
    ask: Acme hosts on AWS on 2024-06-01
    expect: {verdict: forbidden}
  - name: fails
    ask: Acme hosts on Azure on 2024-06-01
    expect: {verdict: forbidden}
  - name: skipped
    ask: Acme hosts on AWS on 2024-06-01
    skip: waiting for the amendment
    expect: {verdict: forbidden}
  - name: question does not parse
    ask: Acme flies to the moon on 2024-06-01
    expect: {verdict: forbidden}
  - name: no verdict
    ask: Acme hosts on AWS on 2024-06-01
  - name: rows
    ask: Acme hosts on {cloud} on 2024-06-01
    table:
      - {cloud: aws, verdict: forbidden}
      - {cloud: azure, verdict: maybe}
""")
    broken = os.path.join(deal, "tests", "broken.yaml")
    with open(broken, "w", encoding="utf-8") as f:
        f.write("cases: [ {name: x\n")
    junit = os.path.join(tmp, "mixed.xml")
    p = run("test", "--rules", deal, "--junit", junit, "--json")
    expect(p.returncode == 3, "a case that cannot run makes the run exit 3", f"exit {p.returncode}")
    code, out = xmllint(junit)
    expect(code == 0, "a report with failures, errors and skips validates against junit-10.xsd", out[-800:])
    cases = junit_cases(junit)
    outcomes = {n: c[1] for n, c in cases.items()}
    want = {"passes": "passed", "fails": "failure", "skipped": "skipped", "question does not parse": "error",
            "no verdict": "error", "rows [cloud=aws]": "passed", "rows [cloud=azure]": "error", broken: "error"}
    expect(outcomes == want, "every case is in the JUnit report, with its outcome", f"{outcomes}")
    located = {"question does not parse": f"{tests}:13:", "no verdict": f"{tests}:15:",
               "rows [cloud=azure]": f"{tests}:21:", broken: f"{broken}:2:"}
    for name, prefix in located.items():
        message = cases.get(name, ("", "", ""))[2]
        expect(message.startswith(prefix), f"the error of `{name}` is located at {prefix}", message)
    expect("unknown word `flies`" in cases.get("question does not parse", ("", "", ""))[2],
           "the error says why the question cannot be asked")
    doc = check_json(p.stdout, "mixed deal")
    if doc:
        statuses = {c["name"]: c["status"] for c in doc["cases"]}
        expect(statuses == {n: {"failure": "failed"}.get(o, o) for n, o in want.items()},
               "the JSON report has the same cases and outcomes as the JUnit", f"{statuses}")
        expect(doc["summary"] == {"tests": 8, "passed": 2, "failed": 1, "errors": 4, "skipped": 1},
               "the JSON summary counts each outcome", f"{doc['summary']}")

    # The schema has teeth: what the reports used to hold is rejected.
    with open(junit, encoding="utf-8") as f:
        text = f.read()
    bad = os.path.join(tmp, "bad.xml")
    for what, mutated in [("a file attribute on a testcase", text.replace("<testcase ", '<testcase file="x" ', 1)),
                          ("a testsuite without errors", re.sub(r' errors="\d+"', "", text)),
                          ("skipped on testsuites", text.replace("<testsuites ", '<testsuites skipped="1" ', 1))]:
        with open(bad, "w", encoding="utf-8") as f:
            f.write(mutated)
        expect(xmllint(bad)[0] != 0, f"junit-10.xsd rejects {what}")

    # --run REGEX: the cases whose name matches; a test file that cannot be read is still reported.
    p = run("test", "--rules", deal, "--json", "--run", "^rows")
    doc = check_json(p.stdout, "--run")
    if doc:
        names = sorted(c["name"] for c in doc["cases"])
        expect(names == sorted([broken, "rows [cloud=aws]", "rows [cloud=azure]"]),
               "--run selects the cases whose name matches", f"{names}")
    os.remove(broken)
    p = run("test", "--rules", deal, "--run", "^pass|^sk")
    expect(p.returncode == 0 and "1 passed, 0 failed, 1 skipped" in p.stdout and not p.stderr,
           "--run takes alternatives; the cases it leaves out, and their errors, do not count",
           p.stdout + p.stderr)
    # A long name does not exhaust the matcher (std::regex recursed once per character).
    with open(tests, "w", encoding="utf-8") as f:
        f.write(f"cases:\n  - name: {'a' * 300000}\n    ask: Acme hosts on AWS on 2024-06-01\n"
                "    expect: {verdict: forbidden}\n")
    p = run("test", "--rules", deal, "--run", "(a|b)*x")
    expect(p.returncode == 0 and "0 passed, 0 failed" in p.stdout, "--run copes with a long name",
           f"exit {p.returncode}")
    p = run("test", "--rules", deal, "--run", "(a|b)*$")
    expect(p.returncode == 0 and "1 passed, 0 failed" in p.stdout, "--run matches a long name", f"exit {p.returncode}")
    p = run("test", "--rules", deal, "--run", "(")
    expect(p.returncode == 64 and "--run takes a regular expression" in p.stderr,
           "a --run that is not a regular expression is a usage error", p.stderr)

print(f"report: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
