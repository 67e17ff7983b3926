"""An enum of 100,000 values, on one line (0.8 MB): within the limits, so it loads
within the CPU and memory budget (yaml-cpp alone takes about 0.8 s of CPU for it; at
200,000 values it came within a few percent of the 2 s limit on a busy machine)."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import VOCABULARY, write_base
values = ", ".join(f"v{i}" for i in range(100_000))
write_base(sys.argv[1], vocabulary=VOCABULARY.replace("company: [initech, hooli]", f"company: [initech, hooli, {values}]"))
