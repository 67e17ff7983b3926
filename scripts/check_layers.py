#!/usr/bin/env python3
"""Checks that the engine's include graph runs one way (docs/architecture.md).

Each folder of engine/src is a stage; a file may include files of its own stage or
of a lower one, never of a higher one. Prints every include that breaks the rule as
file:line and exits 1. Public headers (`dealcheck/...`) are the library's API, not a
stage, and may be included anywhere.

Usage: check_layers.py [REPO]   (default: the repository this script is in)
       check_layers.py --self-test   (shows the check fails on a tree that breaks it)
"""
import os
import re
import sys
import tempfile

# Lowest first. Folders on one line form one stage.
STAGES = [
    ["util"],  # fuzzy matching, JSON writer: depends on nothing
    ["syntax"],  # the expression and phrase grammars and their trees
    ["model"],  # the deal as loaded (AST), values, calendar, value text
    ["loader"],  # YAML -> model
    ["program"],  # the evaluable form of an expression, and evaluating it
    ["checker"],  # names, amendments, windows, types; lowers expressions to programs
    ["compiler"],  # the indexed CompiledDeal and the fast path's decision index
    ["image"],  # the compiled deal written to and read from a file (docs/image.md)
    ["evaluator"],  # answers: authorizer, fast decisions, explanations, timeline, what-if
    ["question"],  # phrases, question files, JSON lines; binding to the vocabulary
    ["render", "tester", "batch"],  # outputs and the drivers built on answers
    ["analysis"],  # Z3: reads the compiled deal, re-checks with the evaluator
    [""],  # engine/src/deal.cpp: the library's façade over every stage
]
STAGE_OF = {folder: rank for rank, folders in enumerate(STAGES) for folder in folders}
PUBLIC = "dealcheck"
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def stage_name(folder):
    return folder + "/" if folder else "engine/src/ (the façade)"


def check(repo, src):
    problems = []
    for root, _, files in os.walk(src):
        for name in sorted(files):
            if not name.endswith((".hpp", ".cpp", ".h")):
                continue
            full = os.path.join(root, name)
            path = os.path.relpath(full, repo)
            rel = os.path.relpath(full, src)
            folder = rel.split(os.sep)[0] if os.sep in rel else ""
            if folder not in STAGE_OF:
                problems.append(f"{path}:1: folder `{folder}/` has no stage: add it to "
                                f"STAGES in {sys.argv[0]} and to docs/architecture.md")
                continue
            with open(full, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m or "/" not in m.group(1):
                        continue
                    target = m.group(1).split("/")[0]
                    if target == PUBLIC:
                        continue
                    if target not in STAGE_OF:
                        problems.append(f"{path}:{number}: includes `{m.group(1)}`, "
                                        f"in a folder that has no stage")
                    elif STAGE_OF[target] > STAGE_OF[folder]:
                        problems.append(
                            f"{path}:{number}: {stage_name(folder)} (stage {STAGE_OF[folder]}) "
                            f"includes `{m.group(1)}` of {stage_name(target)} "
                            f"(stage {STAGE_OF[target]}): a stage may include only its own "
                            f"or a lower stage")
    return problems


def self_test():
    """A tree with one include of each kind: only the upward one may be reported."""
    files = {
        "checker/checker.cpp": '#include "checker/checker.hpp"\n#include "model/deal.hpp"\n'
                               '#include "dealcheck/value.hpp"\n#include <vector>\n'
                               '#include "evaluator/authorizer.hpp"\n',
        "deal.cpp": '#include "analysis/encoder.hpp"\n',
        "newstage/x.cpp": "",
    }
    with tempfile.TemporaryDirectory() as repo:
        src = os.path.join(repo, "engine", "src")
        for name, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(src, name)), exist_ok=True)
            with open(os.path.join(src, name), "w", encoding="utf-8") as f:
                f.write(text)
        problems = check(repo, src)
    expected = [
        "engine/src/checker/checker.cpp:5: checker/ (stage 5) includes `evaluator/authorizer.hpp` "
        "of evaluator/ (stage 8): a stage may include only its own or a lower stage",
        "engine/src/newstage/x.cpp:1: folder `newstage/` has no stage",
    ]
    found = [p for p in problems if any(p.startswith(e) for e in expected)]
    if len(problems) != len(expected) or len(found) != len(expected):
        print("self-test: expected\n  " + "\n  ".join(expected) + "\ngot\n  " +
              "\n  ".join(problems))
        return 1
    print("self-test: the check reports an upward include and a folder without a stage")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    repo = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))
    src = os.path.join(repo, "engine", "src")
    if not os.path.isdir(src):
        sys.exit(f"no engine/src in {repo}")
    problems = check(repo, src)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} include(s) against the stage order (docs/architecture.md)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
