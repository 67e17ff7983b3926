#!/usr/bin/env python3
"""The performance targets of docs/performance.md, each with its figure from one run
of bench/run: the Google Benchmark results, the peers' results at each size, and
bench/analyze's runs. Prints a Markdown table; a figure that was not measured in this
run says so (never a figure from elsewhere).

    bench/targets.py RESULTS_JSON PEERS_DIR ANALYZE_JSONL
"""

import json
import os
import sys


def benchmarks(path):
    """name -> the benchmark's run (the median when repeated, else the only run)."""
    if not os.path.exists(path):
        return {}
    runs = {}
    for b in json.load(open(path))["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        runs[b.get("run_name", b["name"])] = b
    return runs


def seconds(b):
    """A benchmark's time per iteration in seconds (real time)."""
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b.get("time_unit", "ns")]
    return b["real_time"] * scale


def peers(directory, n):
    path = os.path.join(directory, f"results-{n}.jsonl")
    if not os.path.exists(path):
        return {}
    return {r["engine"]: r for r in map(json.loads, filter(str.strip, open(path)))}


def analyze_runs(path):
    if not path or not os.path.exists(path):
        return {}
    return {(r["what"], r["clauses"]): r for r in map(json.loads, filter(str.strip, open(path)))}


def main():
    results, peers_dir, analyze_path = sys.argv[1:4]
    b = benchmarks(results)
    a = analyze_runs(analyze_path)
    rows = []

    def row(target, figure, met):
        rows.append((target, figure if figure is not None else "not measured in this run",
                     "" if figure is None else ("met" if met else "**missed**")))

    for n, wall_limit, mb_limit in [(1000, 3, 300), (10000, 60, 1024)]:
        r = a.get(("analyze", n))
        row(f"`analyze` {n:,} clauses: <= {wall_limit} s, <= {mb_limit} MB",
            r and f"{r['wall']:.1f} s wall, {r['rss_mb']:.0f} MB peak (exit {r['exit']})",
            r and r["wall"] <= wall_limit and r["rss_mb"] <= mb_limit)
    r = a.get(("analyze-edited", 10000))
    row("`analyze` 10k, re-run after a one-clause edit (cache): reported",
        r and f"{r['wall']:.1f} s wall", r is not None)
    r = a.get(("diff-edited", 10000))
    row("`diff` 10k, one clause edited: <= 10 s", r and f"{r['wall']:.1f} s wall (exit {r['exit']})",
        r and r["wall"] <= 10)

    img = b.get("ImageLoad/100000")
    row("image load, 100k clauses: <= 50 ms", img and f"{seconds(img) * 1e3:.1f} ms",
        img and seconds(img) <= 0.05)
    load = b.get("LoadCheck/100000/iterations:1")
    row("YAML load + check + compile, 100k clauses: <= 1.5 s", load and f"{seconds(load):.2f} s",
        load and seconds(load) <= 1.5)
    row("memory per loaded clause: <= 1.5 KB",
        load and f"{load['heap_bytes_per_clause'] / 1024:.2f} KB (heap held after the load)",
        load and load["heap_bytes_per_clause"] <= 1536)

    p10k = peers(peers_dir, 10000)
    for threads, goal in [(1, 3e6), (2, 5e6)]:
        r = p10k.get(f"dealcheck batch --threads {threads} (end to end)")
        row(f"`batch` 10k clauses, {threads} thread{'s' if threads > 1 else ''}, end to end: "
            f">= {goal / 1e6:.0f}M lines/s", r and f"{r['per_second'] / 1e6:.2f}M lines/s",
            r and r["per_second"] >= goal)

    p100k = peers(peers_dir, 100000)
    ours, js = p100k.get("dealcheck (in-process decide)"), p100k.get("js-index")
    row("`decide` 100k clauses: >= 3x the hand-written JS index",
        ours and js and f"{ours['per_second'] / js['per_second']:.1f}x "
        f"({ours['per_second']:,}/s vs {js['per_second']:,}/s)",
        ours and js and ours["per_second"] >= 3 * js["per_second"])
    d10, d100k = b.get("Decide/10"), b.get("Decide/100000")
    row("`decide` 100k clauses: within 4x of its 10-clause speed",
        d10 and d100k and f"{d10['items_per_second'] / d100k['items_per_second']:.1f}x slower "
        f"({d10['items_per_second'] / 1e6:.1f}M/s vs {d100k['items_per_second'] / 1e6:.2f}M/s)",
        d10 and d100k and d10["items_per_second"] <= 4 * d100k["items_per_second"])

    print("| target | this run | |")
    print("| --- | --- | --- |")
    for target, figure, verdict in rows:
        print(f"| {target} | {figure} | {verdict} |")


if __name__ == "__main__":
    main()
