"""A NUL byte in the middle of a clause."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, write_base
write_base(sys.argv[1], agreement=AGREEMENT.encode().replace(b"Section 1", b"Section\x001"))
