"""400,000 empty clauses `- {}` (2 MB): each would be several errors."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import write_base
write_base(sys.argv[1], agreement="agreement: main\nclauses:\n" + "- {}\n" * 400_000)
