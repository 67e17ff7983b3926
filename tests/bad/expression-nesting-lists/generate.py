"""A condition of 100,000 nested lists inside `in`."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, write_base
write_base(sys.argv[1], agreement=AGREEMENT.replace("when: big and not approved",
           "when: \"target in " + "[" * 100_000 + "initech" + "]" * 100_000 + '"'))
