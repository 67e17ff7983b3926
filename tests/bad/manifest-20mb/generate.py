"""A 20 MB deal.yaml: a comment line of 20 MB after a valid manifest."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import MANIFEST, write_base
write_base(sys.argv[1], manifest=MANIFEST + "# " + "x" * 20_000_000 + "\n")
