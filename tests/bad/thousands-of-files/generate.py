"""A manifest naming 5,000 agreement files (each small and valid)."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import MANIFEST, CLAUSE, write, write_base
entries = "".join(f"  - id: a{i}\n    effective: 2020-01-01\n    file: agreements/a{i}.yaml\n" for i in range(5000))
write_base(sys.argv[1], manifest=MANIFEST + entries)
for i in range(5000):
    write(sys.argv[1], f"agreements/a{i}.yaml", f"agreement: a{i}\nclauses:\n" + CLAUSE.format(id=f"c{i}"))
