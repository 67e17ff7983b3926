"""A minimal Language Server Protocol client: enough of it to open YAML files in
yaml-language-server, as an editor does, and collect the diagnostics it publishes."""
import json
import os
import pathlib
import subprocess
import threading
import queue


class Server:
    def __init__(self, command, settings):
        self.settings = settings
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(out.read(length)))

    def _send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method, params):
        self._send({"method": method, "params": params})

    def receive(self, timeout):
        """The next notification or response; answers the server's own requests."""
        while True:
            m = self.messages.get(timeout=timeout)
            if m is None:
                raise RuntimeError("the language server exited")
            if "method" in m and "id" in m:  # a request from the server
                result = None
                if m["method"] == "workspace/configuration":
                    result = [self.settings.get(item.get("section", ""), None) for item in m["params"]["items"]]
                self._send({"id": m["id"], "result": result})
                continue
            return m

    def start(self, root):
        rid = self.request("initialize", {"processId": os.getpid(), "rootUri": pathlib.Path(root).as_uri(),
                                          "capabilities": {"workspace": {"configuration": True}}})
        while self.receive(30).get("id") != rid:
            pass
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def diagnostics(self, files, timeout=30):
        """Opens each (uri, text) and returns {uri: [diagnostic]} once every file has its
        diagnostics published. Call it once per server: closing a file publishes an
        empty list, which a later call would mistake for its result."""
        pending = {}
        for uri, text in files:
            pending[uri] = None
            self.notify("textDocument/didOpen",
                        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        while any(v is None for v in pending.values()):
            m = self.receive(timeout)
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] in pending:
                pending[m["params"]["uri"]] = m["params"]["diagnostics"]
        return pending

    def stop(self):
        try:
            rid = self.request("shutdown", None)
            while self.receive(10).get("id") != rid:
                pass
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
