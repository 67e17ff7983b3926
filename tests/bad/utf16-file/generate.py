"""The vocabulary saved as UTF-16 (with a byte-order mark)."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import VOCABULARY, write_base
write_base(sys.argv[1], vocabulary=VOCABULARY.encode("utf-16"))
