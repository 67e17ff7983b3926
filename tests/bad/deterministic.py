#!/usr/bin/env python3
"""Same rules, same output: dealcheck's output must be byte-identical whatever order
the manifest lists the files in, and from one run to the next.

Copies the deal twice, the second with its manifest's `agreements:` (and a
`vocabulary:` list, if any) in reverse order, then runs the same commands in both
(from inside each copy, with `--rules .`, so that the paths printed are the same)
and compares stdout, stderr and exit codes. It does the same for a broken copy of
the deal, whose errors are spread over several files.
"""
import argparse
import os
import shutil
import subprocess
import sys

QUESTIONS = [
    "OpenAI acquires Windsurf for 3B USD on 2025-06-01",
    "OpenAI serves stateless API to enterprise customers on AWS on 2026-01-15",
    "Microsoft uses OpenAI's model weights in Copilot on 2024-06-01",
    "OpenAI releases open-weight models to AWS on 2025-08-05",
]


def reverse_list(text, key):
    """Reverses the block list under `key:` at the top level of a manifest."""
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith(key + ":"))
    except StopIteration:
        return text
    end = start + 1
    while end < len(lines) and (lines[end].startswith(" ") or not lines[end].strip()):
        end += 1
    items, current = [], []
    for l in lines[start + 1:end]:
        if l.lstrip().startswith("- ") and current and l.index("-") == current[0].index("-"):
            items.append(current)
            current = []
        current.append(l)
    if current:
        items.append(current)
    if len(items) < 2:
        return text
    return "".join(lines[:start + 1] + [l for item in reversed(items) for l in item] + lines[end:])


def commands():
    yield ["check", "--rules", "."]
    yield ["check", "--rules", ".", "--error-format", "json"]
    for q in QUESTIONS:
        yield ["ask", "--rules", ".", q]
        yield ["ask", "--rules", ".", "--json", "--why-not", q]
        yield ["ask", "--rules", ".", "--explain", q]
        yield ["timeline", "--rules", ".", q]
    yield ["test", "--rules", ".", "--today", "2026-01-01"]


def run(dealcheck, cwd, args, stdin=None):
    r = subprocess.run([dealcheck] + args, cwd=cwd, capture_output=True, input=stdin,
                       env=dict(os.environ, NO_COLOR="1"), timeout=300)
    return r.returncode, r.stdout, r.stderr


def compare(dealcheck, a, b, cmds):
    failures = 0
    for args in cmds:
        first = run(dealcheck, a, args)
        again = run(dealcheck, a, args)
        other = run(dealcheck, b, args)
        label = "dealcheck " + " ".join(args)
        if first != again:
            print(f"FAIL (differs from one run to the next): {label}")
            failures += 1
        elif first != other:
            print(f"FAIL (differs when the manifest lists files in another order): {label}")
            for name, x, y in (("stdout", first[1], other[1]), ("stderr", first[2], other[2])):
                if x != y:
                    print(f"  {name}, as listed:\n{x.decode(errors='replace')[:1500]}\n"
                          f"  {name}, reversed:\n{y.decode(errors='replace')[:1500]}")
            failures += 1
        else:
            print(f"ok [exit {first[0]}, {len(first[1]) + len(first[2])} bytes]: {label}")
    return failures


def break_deal(root):
    """The same errors in several files, so that their order in the output matters."""
    def append(rel, text):
        with open(os.path.join(root, rel), "a", encoding="utf-8") as f:
            f.write(text)
    agreements = sorted(os.listdir(os.path.join(root, "agreements")))
    for i, name in enumerate(agreements[:3]):
        append(os.path.join("agreements", name),
               f"  - id: broken-{i}\n    title: Broken\n    quote: x\n    cite: x\n    tag: official\n"
               f"    party: nobody\n    actions: [acquire]\n    when: price > 2030-02-30\n"
               f"    effect: forbid\n    exception_to: missing-{i}\n")
    append("vocabulary.yaml", "\nextra_key: 1\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dealcheck", required=True)
    p.add_argument("--rules", required=True)
    p.add_argument("--work", required=True)
    a = p.parse_args()
    dealcheck = os.path.abspath(a.dealcheck)
    shutil.rmtree(a.work, ignore_errors=True)
    failures = 0
    for broken in (False, True):
        listed = os.path.join(a.work, "broken" if broken else "valid", "listed")
        reversed_ = os.path.join(a.work, "broken" if broken else "valid", "reversed")
        for d in (listed, reversed_):
            shutil.copytree(a.rules, d)
            if broken:
                break_deal(d)
        manifest = os.path.join(reversed_, "deal.yaml")
        with open(manifest, encoding="utf-8") as f:
            text = f.read()
        changed = reverse_list(reverse_list(text, "agreements"), "vocabulary")
        if changed == text:
            print("FAIL: could not reorder the manifest's lists")
            return 1
        with open(manifest, "w", encoding="utf-8") as f:
            f.write(changed)
        cmds = list(commands()) if not broken else [["check", "--rules", "."],
                                                    ["check", "--rules", ".", "--error-format", "json"]]
        failures += compare(dealcheck, listed, reversed_, cmds)
    if failures:
        print(f"{failures} command(s) gave different output")
        return 1
    shutil.rmtree(a.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
