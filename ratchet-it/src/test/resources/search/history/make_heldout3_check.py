#!/usr/bin/env python3
"""Checks heldout3.tsv (stdlib only; reads no code, runs no search).

For each query: the share of its word set (lowercase alphanumeric runs) found in any one earlier query
(tuning.tsv, heldout.tsv, heldout2.tsv, then the queries above it in heldout3.tsv) must be < 0.5; every thread id it
cites must be a thread of history-*.txt. Prints the counts. Exit status 1 on any failure.
"""
import collections
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def words(text):
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def read_tsv(name):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            ids, query = line.split("\t")
            rows.append((n, ids.split(), query))
    return rows


threads = set()
for path in sorted(glob.glob(os.path.join(HERE, "history-*.txt"))):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("== "):
                threads.add(line.split()[1])

earlier = [(name, q) for name in ("tuning.tsv", "heldout.tsv", "heldout2.tsv") for _, _, q in read_tsv(name)]
rows = read_tsv("heldout3.tsv")
failures = 0
worst = (0.0, None, None)
for n, ids, query in rows:
    qw = words(query)
    for name, other in earlier:
        share = len(qw & words(other)) / len(qw)
        if share > worst[0]:
            worst = (share, query, f"{name}: {other}")
        if share >= 0.5:
            failures += 1
            print(f"line {n}: '{query}' shares {share:.2f} of its words with {name} '{other}'")
    if ids != ["-"]:
        for t in ids:
            if t not in threads:
                failures += 1
                print(f"line {n}: unknown thread {t}")
        if len(set(ids)) != len(ids):
            failures += 1
            print(f"line {n}: repeated thread id")
    earlier.append(("heldout3.tsv", query))

sizes = collections.Counter(0 if ids == ["-"] else len(ids) for _, ids, _ in rows)
print(f"threads in history: {len(threads)}")
print(f"queries: {len(rows)}; with none: {sizes[0]}; "
      + ", ".join(f"with {k}: {sizes[k]}" for k in sorted(sizes) if k)
      + f"; relevant labels: {sum(k * v for k, v in sizes.items())}")
print(f"highest word-set share with an earlier query: {worst[0]:.2f} ('{worst[1]}' vs {worst[2]})")
print("failures:", failures)
sys.exit(1 if failures else 0)
