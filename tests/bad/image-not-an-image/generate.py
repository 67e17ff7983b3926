"""A file named like an image that holds the deal's YAML: refused, not an image, with no
attempt to read it either way."""
import os, shutil, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import write_base
write_base(sys.argv[1])
shutil.copy(os.path.join(sys.argv[1], "deal.yaml"), os.path.join(sys.argv[1], "deal.dcx"))
