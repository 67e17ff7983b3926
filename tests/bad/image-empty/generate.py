"""A compiled deal image that is an empty file (an interrupted copy): refused as damaged,
never read as a deal."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import write_base
write_base(sys.argv[1])
open(os.path.join(sys.argv[1], "deal.dcx"), "wb").close()
