"""Definitions that refer to each other in a ring."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, VOCABULARY, write_base
defs = "".join(f'  d{i}: "d{(i + 1) % 5} or approved"\n' for i in range(5))
write_base(sys.argv[1], vocabulary=VOCABULARY + defs,
           agreement=AGREEMENT.replace("when: big and not approved", "when: d0"))
