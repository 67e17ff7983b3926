"""Conditions just under the length limit whose trees are as deep as the grammar
allows without brackets: 2,000 `+` in a row, 1,000 `not` in a row."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, CLAUSE, write_base
plus = "when: date < 2020-01-01" + " + 1d" * 800
nots = "when: " + "not " * 1000 + "approved"
agreement = AGREEMENT.replace("when: big and not approved", plus)
agreement += CLAUSE.format(id="nots").replace("    effect: forbid", "    " + nots + "\n    effect: forbid")
write_base(sys.argv[1], agreement=agreement)
