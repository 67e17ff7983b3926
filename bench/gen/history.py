#!/usr/bin/env python3
"""Writes a deal with a history of N action events, for the history benchmarks.

The deal is tests/e2e/history_deal's (a twelve-month spending cap and at most two
acquisitions a calendar year, both sums and counts over the history) with N
acquisitions by Acme spread over 2020-2029 instead of its own history:

    bench/gen/history.py --events 100000 --out build/bench/data/history-n100000
"""
import argparse
import datetime
import os
import random
import shutil

parser = argparse.ArgumentParser()
parser.add_argument("--events", type=int, required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--seed", type=int, default=7)
args = parser.parse_args()

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
source = os.path.join(root, "tests", "e2e", "history_deal")
if os.path.exists(args.out):
    shutil.rmtree(args.out)
shutil.copytree(source, args.out, ignore=shutil.ignore_patterns("tests"))

rng = random.Random(args.seed)
start = datetime.date(2020, 1, 1).toordinal()
days = datetime.date(2029, 12, 31).toordinal() - start
# At most 10,000 events a file: a file is limited to 2 MiB (docs/limits.md).
per_file = 10000
files = []
lines = []
for k in range(args.events):
    if k % per_file == 0:
        if lines:
            files.append(lines)
        lines = ["events:"]
    day = datetime.date.fromordinal(start + rng.randrange(days)).isoformat()
    target = rng.choice(["initech", "hooli"])
    price = rng.randrange(1, 500)
    lines.append(f"  - {{date: {day}, title: acquisition {k}, party: acme, action: acquire, "
                 f"attributes: {{target: {target}, price: {price}M USD}}}}")
files.append(lines)
names = []
for i, file_lines in enumerate(files):
    name = "history.yaml" if i == 0 else f"history-{i}.yaml"
    names.append(name)
    with open(os.path.join(args.out, name), "w") as f:
        f.write("\n".join(file_lines) + "\n")
manifest = os.path.join(args.out, "deal.yaml")
text = open(manifest).read().replace("history: history.yaml", "history: [" + ", ".join(names) + "]")
open(manifest, "w").write(text)
