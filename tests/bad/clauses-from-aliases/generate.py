"""One clause written once and repeated 280,000 times through an alias."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, write_base
clause = AGREEMENT.split("clauses:\n")[1].replace("  - id:", "  - &c\n    id:", 1)
write_base(sys.argv[1], agreement="agreement: main\nclauses:\n" + clause + "  - *c\n" * 280_000)
