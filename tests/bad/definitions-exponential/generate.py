"""Definitions that double at each step: d29 would inline 2^29 copies of d0."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, VOCABULARY, write_base
defs = '  d0: "price > 1B USD"\n' + "".join(f'  d{i}: "d{i-1} and d{i-1}"\n' for i in range(1, 30))
write_base(sys.argv[1], vocabulary=VOCABULARY + defs,
           agreement=AGREEMENT.replace("when: big and not approved", "when: d29"))
