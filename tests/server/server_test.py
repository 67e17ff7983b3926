#!/usr/bin/env python3
"""`dealcheck serve` end to end: the server started on a free port of 127.0.0.1 over a
copy of the bundled deal; every endpoint called, statuses and JSON checked against the
schemas of docs/schema/; hot reload (a valid edit is served, a broken one is refused
and reported while the old revision goes on answering); the decision log; and SIGTERM
with a request in flight, which is still answered.

Usage: server_test.py DEALCHECK REPO
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import jsonschema

dealcheck, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
schemas = {}
for name in os.listdir(os.path.join(repo, "docs/schema")):
    with open(os.path.join(repo, "docs/schema", name), encoding="utf-8") as f:
        schemas[name] = json.load(f)
# A RefResolver store by $id: Debian's jsonschema 4.10 predates the `referencing` library.
store = {s["$id"]: s for s in schemas.values() if "$id" in s}
failed = 0
WINDSURF = "OpenAI acquires Windsurf on 2025-06-01"
STATELESS = "OpenAI serves stateless API on AWS on 2026-06-01"
DIAGNOSTIC_FIELDS = {"severity", "code", "name", "file", "line", "column", "end_column", "message", "hint",
                     "source_line", "related"}


def expect(ok, what, detail=""):
    global failed
    if not ok:
        failed += 1
        print(f"FAIL {what}" + (f"\n  {detail}" if detail else ""))


def valid(document, schema, what):
    """`schema`: a file of docs/schema/, or a definition of server.schema.json ("#ask")."""
    if schema.startswith("#"):
        schema = {"$ref": "https://dealcheck.dev/schema/server.schema.json#/$defs/" + schema[1:]}
    else:
        schema = schemas[schema]
    try:
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        jsonschema.Draft202012Validator(schema, resolver=resolver).validate(document)
    except jsonschema.ValidationError as e:
        expect(False, f"{what} validates against {schema}", e.message)


class Server:
    def __init__(self, *args):
        self.process = subprocess.Popen([dealcheck, "serve", "--listen", "127.0.0.1:0", *args],
                                        stderr=subprocess.PIPE, text=True)
        self.log = []
        line = ""
        deadline = time.time() + 30
        while "listening on" not in line and time.time() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            self.log.append(line)
        m = re.search(r"127\.0\.0\.1:(\d+)", line)
        if not m:
            raise SystemExit("serve did not start:\n" + "".join(self.log))
        self.port = int(m.group(1))
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.process.stderr:
            self.log.append(line)

    def call(self, method, path, body=None, content_type="application/json"):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": content_type} if body is not None else {}
        c.request(method, path, body=body.encode() if isinstance(body, str) else body, headers=headers)
        r = c.getresponse()
        data = r.read().decode()
        c.close()
        if r.getheader("Content-Type", "").startswith("application/json"):
            data = json.loads(data)
        return r.status, data, r


def error_shape(status, body, code, what):
    expect(status == code, f"{what}: status {code}", f"got {status}: {body}")
    if not isinstance(body, dict):
        return expect(False, f"{what}: a JSON error body", repr(body))
    valid(body, "#error", what)
    expect(body.get("status") == code and body.get("error"), f"{what}: status and error in the body", body)
    diagnostics = body.get("diagnostics") or []
    expect(diagnostics and all(set(d) == DIAGNOSTIC_FIELDS for d in diagnostics),
           f"{what}: diagnostics with the fields of --error-format json", body)


def wait_for(predicate, seconds=5):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


with tempfile.TemporaryDirectory() as tmp:
    deal = os.path.join(tmp, "microsoft-openai")
    shutil.copytree(os.path.join(repo, "rules/microsoft-openai"), deal)
    log_file = os.path.join(tmp, "decisions.jsonl")
    server = Server("--rules", deal, "--threads", "2", "--poll-ms", "50", "--decision-log", log_file,
                    "--max-batch", "50", "--max-body-kib", "64")
    base = "/v1/deals/microsoft-openai"
    try:
        # Health and the list of deals, with the revision every answer names.
        status, health, _ = server.call("GET", "/health")
        expect(status == 200 and health["status"] == "ok", "GET /health", health)
        valid(health, "#health", "GET /health")
        status, deals, _ = server.call("GET", "/v1/deals")
        entry = deals["deals"][0] if status == 200 else {}
        revision = entry.get("revision")
        valid(deals, "#deals", "GET /v1/deals")
        expect(re.fullmatch(r"[0-9a-f]{16}", revision or "") and entry.get("clauses", 0) > 0
               and entry.get("reload_error") is None, "GET /v1/deals: a revision and the deal's size", deals)

        # ask: a phrase, the file form as JSON, options, a period; each as docs/schema says.
        status, a, response = server.call("POST", base + "/ask", WINDSURF, "text/plain")
        expect(status == 200 and a["revision"] == revision and a["deal"] == "microsoft-openai",
               "ask names its deal and revision", a)
        expect(response.getheader("Dealcheck-Revision") == revision, "ask: the Dealcheck-Revision header")
        valid(a, "#ask", "ask")
        expect(a["answer"]["verdict"] == "permitted"
               and [c["id"] for c in a["answer"]["deciding"]] == ["acquired-ip-2025"],
               "ask: the Windsurf answer as the CLI gives it", a["answer"]["verdict"])
        cli = json.loads(subprocess.run([dealcheck, "ask", "--json", "--rules", deal, WINDSURF],
                                        stdout=subprocess.PIPE, text=True).stdout)
        expect(cli == a["answer"], "ask over HTTP equals `dealcheck ask --json`")
        status, b, _ = server.call("POST", base + "/ask?explain=true&what_if=true",
                                   json.dumps({"question": STATELESS}))
        expect(status == 200 and "explanation" in b.get("answer", {}), "ask with explain=true", b)
        valid(b, "#ask", "ask with options")
        status, p, _ = server.call("POST", base + "/ask", json.dumps(
            {"party": "openai", "action": "acquire", "attributes": {"target": "windsurf"},
             "period": {"from": "2025-01-01", "until": "2025-12-31"}}))
        expect(status == 200 and "period_answer" in p, "ask over a period", p)
        valid(p, "#ask", "ask over a period")
        status, t, response = server.call("POST", base + "/ask?format=text", WINDSURF, "text/plain")
        expect(status == 200 and t.startswith("PERMITTED"), "ask with format=text", t)

        # Errors: a located bad question, an unknown deal or route, a wrong method, too much.
        status, e, _ = server.call("POST", base + "/ask", "OpenAI acquirez Windsurf", "text/plain")
        error_shape(status, e, 400, "a phrase that does not parse")
        expect(e["diagnostics"][0]["column"] == 8 and "acquire" in e["diagnostics"][0]["hint"],
               "the bad phrase is located, with a hint", e)
        status, e, _ = server.call("POST", base + "/ask", '{"party": "openai", "acton": "acquire"}')
        error_shape(status, e, 400, "a question file with an unknown key")
        expect(e["diagnostics"][0]["line"] == 1, "the bad key is located", e)
        status, e, _ = server.call("POST", "/v1/deals/microsoft-opena/ask", WINDSURF, "text/plain")
        error_shape(status, e, 404, "an unknown deal")
        expect("microsoft-openai" in e["diagnostics"][0]["hint"], "the unknown deal gets a did-you-mean", e)
        status, e, _ = server.call("POST", base + "/asks", WINDSURF, "text/plain")
        error_shape(status, e, 404, "an unknown route of a deal")
        status, e, r = server.call("GET", base + "/ask")
        error_shape(status, e, 405, "GET on ask")
        status, e, _ = server.call("POST", base + "/ask", "x" * (65 * 1024), "text/plain")
        error_shape(status, e, 413, "a body over --max-body-kib")

        # batch: JSON Lines in and out, one line per question, in order, each naming the
        # revision; a bad line gets an error line and the rest is answered.
        lines = [json.dumps({"question": WINDSURF, "id": "w"}), '{"bad',
                 json.dumps({"party": "openai", "action": "serve_api",
                             "attributes": {"api": "stateless", "cloud": "aws"}, "date": "2026-06-01"})]
        status, out, response = server.call("POST", base + "/batch", "\n".join(lines) + "\n")
        out_lines = [json.loads(x) for x in out.splitlines()] if status == 200 else []
        expect(len(out_lines) == 3 and all(o["revision"] == revision for o in out_lines),
               "batch: a line per question, each with the revision", out)
        expect(response.getheader("Transfer-Encoding") == "chunked", "batch: the answers are streamed")
        for line in out_lines:
            valid(line, "#batch_line", "a batch line")
        if len(out_lines) == 3:
            expect(out_lines[0]["verdict"] == "permitted" and out_lines[0]["id"] == "w"
                   and out_lines[1]["line"] == 2 and "error" in out_lines[1]
                   and (out_lines[1]["code"], out_lines[1]["name"]) == ("DC5010", "question-json")
                   and out_lines[2]["verdict"] == "permitted", "batch: the verdicts of ask, the error located", out)
        status, e, _ = server.call("POST", base + "/batch", "\n".join([lines[0]] * 51))
        error_shape(status, e, 413, "a batch over --max-batch")
        expect(isinstance(e, dict) and [d["code"] for d in e.get("diagnostics", [])] == ["DC9003"],
               "a request the server cannot answer: DC9003 bad-request", e)

        # timeline, check, vocab.
        status, tl, _ = server.call("POST", base + "/timeline", STATELESS, "text/plain")
        intervals = tl.get("timeline", {}).get("intervals", []) if status == 200 else []
        expect(tl.get("revision") == revision and len(intervals) > 2, "timeline: intervals", tl)
        valid(tl, "#timeline", "timeline")
        status, svg, response = server.call("POST", base + "/timeline?format=svg", STATELESS, "text/plain")
        cli_svg = subprocess.run([dealcheck, "timeline", "--rules", deal, "--svg", "-", STATELESS],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
        expect(status == 200 and response.getheader("Content-Type") == "image/svg+xml"
               and svg.startswith("<svg") and svg == cli_svg,
               "timeline as SVG, the same as `dealcheck timeline --svg`")
        expect(svg.count('class="interval"') == len(intervals), "the SVG draws every interval")
        status, ck, _ = server.call("GET", base + "/check")
        expect(status == 200 and ck["ok"] is True and ck["files_revision"] == revision, "check", ck)
        valid(ck, "#check", "check")
        status, v, _ = server.call("GET", base + "/vocab")
        expect(status == 200 and v["revision"] == revision, "vocab", v)
        valid(v, "#vocab", "vocab")

        status, ag, _ = server.call("GET", base + "/agreements")
        valid(ag, "#agreements", "agreements")
        listed = {c["id"]: c for a in ag.get("agreements", []) for c in a["clauses"]}
        expect(status == 200 and len(listed) == entry["clauses"] and len(ag["agreements"]) == entry["agreements"],
               "agreements: every agreement and clause of the deal", ag)
        expect(any(c["superseded_by"] for c in listed.values())
               and any(c["replaces"] or c["amends"] for c in listed.values()),
               "agreements: what replaced or amended what", ag)

        # The page and its assets.
        status, page, response = server.call("GET", "/")
        expect(status == 200 and "<html" in page and "text/html" in response.getheader("Content-Type"),
               "GET / serves the page")
        status, js, _ = server.call("GET", "/app.js")
        expect(status == 200 and "/v1/deals" in js, "GET /app.js")

        # Hot reload under load: two clients ask all along; every answer must be 200, from
        # the old or the new revision, with that revision's verdict (never a mix, never
        # the broken files).
        verdicts = {revision: "permitted"}
        load_errors, load_stop, load_count = [], threading.Event(), [0]

        def load():
            while not load_stop.is_set():
                status, a, _ = server.call("POST", base + "/ask", STATELESS, "text/plain")
                load_count[0] += 1
                if status != 200:
                    load_errors.append((status, a))
                elif verdicts.setdefault(a["revision"], a["answer"]["verdict"]) != a["answer"]["verdict"]:
                    load_errors.append(("mixed", a["revision"], a["answer"]["verdict"]))
        clients = [threading.Thread(target=load) for _ in range(2)]
        for c in clients:
            c.start()

        # A broken edit is refused and reported; the old revision answers.
        deal_yaml = os.path.join(deal, "deal.yaml")
        with open(deal_yaml, encoding="utf-8") as f:
            original = f.read()
        with open(deal_yaml, "w", encoding="utf-8") as f:
            f.write(original.replace("    effective: 2026-04-27", "    effective: 2026-04-77"))

        def reload_error():
            return server.call("GET", "/v1/deals")[1]["deals"][0]["reload_error"]
        expect(wait_for(lambda: reload_error() is not None), "a broken edit is reported in /v1/deals")
        error = reload_error() or {"diagnostics": [{}]}
        d = error["diagnostics"][0]
        expect(d.get("file", "").endswith("deal.yaml") and d.get("line"), "the reload error is located", error)
        valid(server.call("GET", "/v1/deals")[1], "#deals", "GET /v1/deals with a reload error")
        status, a, _ = server.call("POST", base + "/ask", STATELESS, "text/plain")
        expect(status == 200 and a["revision"] == revision and a["answer"]["verdict"] == "permitted",
               "the old revision goes on answering", a)
        metrics = server.call("GET", "/metrics")[1]
        expect('dealcheck_reload_failures_total{deal="microsoft-openai"} 1' in metrics,
               "the refused reload is counted", metrics)
        expect(any("refused" in line for line in server.log), "the refused reload is logged", "".join(server.log))

        # ... then a valid edit is swapped in and changes the answers.
        with open(deal_yaml, "w", encoding="utf-8") as f:
            f.write(original.replace("    effective: 2026-04-27", "    effective: 2027-01-01"))

        def new_revision():
            return server.call("POST", base + "/ask", STATELESS, "text/plain")[1]
        expect(wait_for(lambda: new_revision()["revision"] != revision), "a valid edit is served")
        a = new_revision()
        expect(a["answer"]["verdict"] == "depends", "the new revision's answer", a)
        status, deals, _ = server.call("GET", "/v1/deals")
        expect(deals["deals"][0]["revision"] == a["revision"] and deals["deals"][0]["reload_error"] is None,
               "/v1/deals shows the new revision, and no error", deals)

        load_stop.set()
        for c in clients:
            c.join()
        expect(not load_errors and load_count[0] > 10 and len(verdicts) == 2,
               f"{load_count[0]} answers under load during the reloads: all 200, two revisions, none mixed",
               load_errors[:3] or verdicts)

        # Metrics in the Prometheus text format.
        metrics = server.call("GET", "/metrics")[1]
        for needle in ['dealcheck_http_requests_total{route="/v1/deals/{deal}/ask",status="200"}',
                       'dealcheck_http_request_duration_seconds_bucket{route="/v1/deals/{deal}/ask",le="+Inf"}',
                       'dealcheck_decisions_total{verdict="permitted"}',
                       'dealcheck_reloads_total{deal="microsoft-openai"} 2',
                       "# TYPE dealcheck_http_request_duration_seconds histogram"]:
            expect(needle in metrics, f"/metrics has {needle}", metrics)

        # The decision log: a line per decision, with what OPA's logs carry.
        with open(log_file, encoding="utf-8") as f:
            decisions = [json.loads(x) for x in f]
        expect(decisions and {"time", "deal", "revision", "question", "verdict", "deciding", "latency_seconds"}
               <= set(decisions[0]), "the decision log's fields", decisions[:1])
        expect(any(x["question"] == WINDSURF and x["deciding"] == ["acquired-ip-2025"] for x in decisions),
               "the Windsurf decision is logged", decisions[:3])

        # SIGTERM with a request in flight: its header is in, its body is not; it is
        # answered in full, then the server stops.
        body = json.dumps({"question": WINDSURF})
        s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        s.sendall((f"POST {base}/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   f"Content-Length: {len(body)}\r\n\r\n").encode())
        time.sleep(0.2)
        server.process.send_signal(signal.SIGTERM)
        time.sleep(0.2)
        s.sendall(body.encode())
        reply = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            reply += chunk
        s.close()
        head, _, payload = reply.partition(b"\r\n\r\n")
        expect(head.startswith(b"HTTP/1.1 200") and b'"verdict":"permitted"' in payload,
               "the request in flight at SIGTERM is answered", reply[:300])
        try:
            code = server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            code = None
        expect(code == 0, "serve exits 0 after SIGTERM", f"exit {code}")
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()

# A deal that does not load at start: 503 with its errors, until its files are fixed.
with tempfile.TemporaryDirectory() as tmp:
    deal = os.path.join(tmp, "microsoft-openai")
    shutil.copytree(os.path.join(repo, "rules/microsoft-openai"), deal)
    deal_yaml = os.path.join(deal, "deal.yaml")
    with open(deal_yaml, encoding="utf-8") as f:
        original = f.read()
    with open(deal_yaml, "w", encoding="utf-8") as f:
        f.write(original.replace("default: permitted", "default: allowed"))
    server = Server("--rules", deal, "--poll-ms", "50")
    try:
        status, health, _ = server.call("GET", "/health")
        expect(status == 503 and health["deals"] == {"microsoft-openai": None}, "/health is 503 without a revision", health)
        status, e, _ = server.call("POST", "/v1/deals/microsoft-openai/ask", WINDSURF, "text/plain")
        error_shape(status, e, 503, "ask while the deal has no valid revision")
        expect(any(d["file"].endswith("deal.yaml") and d["line"] for d in e["diagnostics"]),
               "the 503 carries the deal's located errors", e)
        with open(deal_yaml, "w", encoding="utf-8") as f:
            f.write(original)
        expect(wait_for(lambda: server.call("GET", "/health")[0] == 200), "fixed files are served")
        status, a, _ = server.call("POST", "/v1/deals/microsoft-openai/ask", WINDSURF, "text/plain")
        expect(status == 200 and a["answer"]["verdict"] == "permitted", "then the deal answers", a)
    finally:
        server.process.terminate()
        server.process.wait()

# Limits on connections and time: a connection over --max-connections is answered 503;
# one that does not finish its request within --request-ms is closed.
with tempfile.TemporaryDirectory() as tmp:
    deal = os.path.join(repo, "rules/microsoft-openai")
    server = Server("--rules", deal, "--max-connections", "1", "--request-ms", "20000")
    try:
        first = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        status, e, _ = server.call("GET", "/health")
        error_shape(status, e, 503, "a connection over --max-connections")
        first.close()
        # With one connection allowed, each call may come before the server has seen the
        # previous one close: ask until one is let in.
        refused = None
        for _ in range(200):
            status, text, _ = server.call("GET", "/metrics")
            if status == 200:
                refused = re.search(r"^dealcheck_refused_connections_total (\d+)$", text, re.M)
                break
            time.sleep(0.05)
        expect(refused and int(refused.group(1)) >= 1,
               "once the first closes, the next is served, and the refused connection is counted")
    finally:
        server.process.terminate()
        server.process.wait()
    server = Server("--rules", deal, "--request-ms", "300")
    try:
        slow = socket.create_connection(("127.0.0.1", server.port), timeout=20)
        slow.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
        try:
            closed = slow.recv(1024) == b""
        except ConnectionResetError:
            closed = True
        expect(closed, "a request not finished within --request-ms is closed")
        slow.close()
    finally:
        server.process.terminate()
        server.process.wait()

print("server: " + ("FAILED" if failed else "all checks passed"))
sys.exit(1 if failed else 0)
