"""Latin-1 text (an invalid UTF-8 byte) in a clause's title."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, write_base
write_base(sys.argv[1], agreement=AGREEMENT.encode().replace(b"No big acquisitions", b"No big acquisitions \xe0 la carte"))
