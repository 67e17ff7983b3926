"""Four history files of 1.2 MB, 150,000 YAML nodes each: the third goes over the deal's
400,000 nodes. Histories are parsed at once on several threads, yet the error must be
where parsing them one by one stops (the node that goes over) and the fourth file is
skipped, as it would be."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import MANIFEST, write, write_base

names = [f"history-{k}.yaml" for k in range(4)]
write_base(sys.argv[1], manifest=MANIFEST + "history: [" + ", ".join(names) + "]\n")
for k, name in enumerate(names):
    events = "".join(
        f"  - {{date: 2021-01-{1 + i % 28:02d}, title: buy {k}-{i}, party: acme, action: acquire, "
        f"attributes: {{target: initech, price: {i}M USD}}}}\n" for i in range(10000))
    write(sys.argv[1], name, "events:\n" + events)
