"""A valid deal built to be slow: 3,000 clauses each an exception to the one before
(a deep precedence chain), and 500 agreements, listed newest first, each amending
the clause of the agreement before it, with exceptions to the first of them."""
import datetime, os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import MANIFEST, AGREEMENT, CLAUSE, write, write_base

n, m = 3000, 500
clauses = "".join(CLAUSE.format(id=f"e{i}") + (f"    exception_to: e{i-1}\n" if i else "") for i in range(n))
clauses += "".join(CLAUSE.format(id=f"x{i}").replace("effect: forbid", "effect: permit") +
                   "    exception_to: [e0, m0]\n" for i in range(200))
manifest = MANIFEST
for i in reversed(range(m)):
    day = datetime.date(2021, 1, 1) + datetime.timedelta(days=i)
    manifest += f"  - id: a{i}\n    effective: {day}\n    file: agreements/a{i}.yaml\n"
    amends = f"    amends: m{i-1}\n" if i else ""
    body = f"  - id: m{i}\n" + amends if i else CLAUSE.format(id="m0")
    write(sys.argv[1], f"agreements/a{i}.yaml", f"agreement: a{i}\nclauses:\n" + body)
write_base(sys.argv[1], manifest=manifest, agreement=AGREEMENT + clauses)
