"""A valid deal near the size limits at once, to show the largest deal loads well
within the CPU and memory budget: four agreement files of almost 2 MiB (8 MiB in all),
1,800 clauses each with a condition of almost 4,096 bytes (7 MB of expressions to
parse and check), every clause an exception to the one before it."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import MANIFEST, CLAUSE, write, write_base

condition = "'" + " or ".join(["(target == initech and price > 2B USD)"] * 95) + "'"
manifest = MANIFEST
n = 0
for f in range(4):
    manifest += f"  - id: part{f}\n    effective: 2020-02-0{f + 1}\n    file: agreements/part{f}.yaml\n"
    clauses = []
    for i in range(450):
        c = CLAUSE.format(id=f"c{n}") + f"    when: {condition}\n"
        if n:
            c += f"    exception_to: c{n - 1}\n"
        clauses.append(c)
        n += 1
    write(sys.argv[1], f"agreements/part{f}.yaml", f"agreement: part{f}\nclauses:\n" + "".join(clauses))
write_base(sys.argv[1], manifest=manifest)
