"""20,000 definitions each naming the one before: a chain far deeper than any stack."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, VOCABULARY, write_base
defs = '  d0: "price > 1B USD"\n' + "".join(f'  d{i}: "not d{i-1}"\n' for i in range(1, 20_000))
write_base(sys.argv[1], vocabulary=VOCABULARY + defs,
           agreement=AGREEMENT.replace("when: big and not approved", "when: d19999"))
