"""A 1 MB line (under the file-size limit) holding a condition."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, write_base
write_base(sys.argv[1], agreement=AGREEMENT.replace("when: big and not approved", "when: big and " + "x" * 1_000_000))
