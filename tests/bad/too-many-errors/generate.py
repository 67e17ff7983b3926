"""5,000 unknown keys in a clause: 5,000 errors, of which the first 1,000 are shown."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, write_base
write_base(sys.argv[1], agreement=AGREEMENT + "".join(f"    extra{i}: 1\n" for i in range(5000)))
