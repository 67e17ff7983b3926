"""Terminal escape sequences in a key: reported, never echoed raw to the terminal."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, write_base
write_base(sys.argv[1], agreement=AGREEMENT.replace("    effect: forbid", "    effect: forbid\n    \x1b[2Jx\x07: 1"))
