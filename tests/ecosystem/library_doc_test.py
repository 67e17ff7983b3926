#!/usr/bin/env python3
"""The program shown in docs/library.md is docs/examples/ask.cpp, the one the tests
build and run, character for character.

Usage: library_doc_test.py REPO
"""
import os
import re
import sys

repo = sys.argv[1]
with open(os.path.join(repo, "docs", "library.md"), encoding="utf-8") as f:
    blocks = re.findall(r"^```cpp\n(.*?)^```", f.read(), re.S | re.M)
with open(os.path.join(repo, "docs", "examples", "ask.cpp"), encoding="utf-8") as f:
    source = f.read()
if source not in blocks:
    print("FAIL docs/library.md does not show docs/examples/ask.cpp as it is: copy the file into its ```cpp block")
    print("library doc: 0 passed, 1 failed")
    sys.exit(1)
print("library doc: 1 passed, 0 failed")
