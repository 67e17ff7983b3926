#!/usr/bin/env python3
"""The page of `dealcheck serve` in Debian's chromium, driven by puppeteer-core
(tests/browser/page_test.js). Installs the pinned puppeteer-core (package-lock.json) into
WORKDIR with `npm ci` when it is not there yet; it never downloads a browser. Exits 77
(ctest: skipped) when /usr/bin/chromium is not installed (scripts/bootstrap installs it).

Usage: browser_test.py DEALCHECK REPO WORKDIR
"""
import os
import re
import shutil
import subprocess
import sys

dealcheck, repo, work = (os.path.abspath(a) for a in sys.argv[1:4])
here = os.path.dirname(os.path.abspath(__file__))
if not os.path.exists("/usr/bin/chromium"):
    print("SKIP: /usr/bin/chromium is not installed (scripts/bootstrap installs the `chromium` package)")
    sys.exit(77)
os.makedirs(work, exist_ok=True)
for name in ("package.json", "package-lock.json", "page_test.js"):
    shutil.copy(os.path.join(here, name), work)
if not os.path.isdir(os.path.join(work, "node_modules", "puppeteer-core")):
    env = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=work, env=env, check=True)

server = subprocess.Popen([dealcheck, "serve", "--listen", "127.0.0.1:0", "--rules",
                           os.path.join(repo, "rules/microsoft-openai")], stderr=subprocess.PIPE, text=True)
try:
    line = ""
    while "listening on" not in line:
        line = server.stderr.readline()
        if not line:
            sys.exit("serve did not start")
    url = "http://" + re.search(r"127\.0\.0\.1:\d+", line).group(0) + "/"
    screenshot = os.path.join(work, "page.png")
    result = subprocess.run(["node", "page_test.js", url, screenshot], cwd=work, timeout=120)
    if result.returncode == 0:
        print(f"screenshot: {screenshot}")
    sys.exit(result.returncode)
finally:
    server.terminate()
    server.wait(timeout=10)
