"""An agreement file holding one 20 MB line."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import write_base
write_base(sys.argv[1], agreement="agreement: main\nclauses: []\ntitle: " + "a" * 20_000_000 + "\n")
