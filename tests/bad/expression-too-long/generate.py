"""A 100 KB condition: `target == initech or target == initech or ...`."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, write_base
write_base(sys.argv[1], agreement=AGREEMENT.replace("when: big and not approved",
           "when: " + " or ".join(["target == initech"] * 5000)))
