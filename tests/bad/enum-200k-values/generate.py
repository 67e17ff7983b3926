"""An enum of 200,000 values, on one line (1.6 MB): within the limits, so it loads,
well within the CPU and memory budget."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import VOCABULARY, write_base
values = ", ".join(f"v{i}" for i in range(200_000))
write_base(sys.argv[1], vocabulary=VOCABULARY.replace("company: [initech, hooli]", f"company: [initech, hooli, {values}]"))
