"""A valid vocabulary of 20,000 facts (80,000 YAML nodes), a condition naming the
last of them: name look-ups must not scan the vocabulary."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, CLAUSE, VOCABULARY, write_base
facts = "".join(f"  f{i}: {{type: bool}}\n" for i in range(20_000))
when = "    when: " + " or ".join(f"f{19_999 - i}" for i in range(300)) + "\n"
clauses = "".join(CLAUSE.format(id=f"c{i}") + when for i in range(300))
write_base(sys.argv[1], vocabulary=VOCABULARY.replace("facts:\n", "facts:\n" + facts),
           agreement=AGREEMENT + clauses)
