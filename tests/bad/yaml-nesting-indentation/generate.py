"""Block maps nested by indentation, one more space per level, up to the size limit."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import write_base
write_base(sys.argv[1], agreement="agreement: main\nclauses:\n" + "".join(" " * i + "k:\n" for i in range(1500)))
