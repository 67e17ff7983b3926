"""20,100 valid clauses over four files, more than the clause limit."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import MANIFEST, CLAUSE, write, write_base
manifest = MANIFEST
for f in range(1, 4):
    manifest += f"  - id: part{f}\n    effective: 2020-01-0{f + 1}\n    file: agreements/part{f}.yaml\n"
write_base(sys.argv[1], manifest=manifest)
for f in range(1, 4):
    write(sys.argv[1], f"agreements/part{f}.yaml",
          f"agreement: part{f}\nclauses:\n" + "".join(CLAUSE.format(id=f"c{f}-{i}") for i in range(6700)))
