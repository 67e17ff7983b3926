"""An image header of a format version this dealcheck does not read (a newer one): refused
with its own code before anything else of it is read."""
import os, struct, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import write_base
write_base(sys.argv[1])
header = b"DEALCDX\x1a" + struct.pack("<II", 999, 0x01020304) + bytes(48)
open(os.path.join(sys.argv[1], "deal.dcx"), "wb").write(header + bytes(64))
