"""A condition of 200,000 nested parentheses."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, write_base
write_base(sys.argv[1], agreement=AGREEMENT.replace("when: big and not approved",
           "when: " + "(" * 200_000 + "big" + ")" * 200_000))
