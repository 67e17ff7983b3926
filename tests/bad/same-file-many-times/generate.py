"""One 1.9 MB agreement file named 2,000 times: a deal's total size is limited too."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import MANIFEST, write, write_base
entries = "".join(f"  - id: a{i}\n    effective: 2020-01-01\n    file: agreements/big.yaml\n" for i in range(2000))
write_base(sys.argv[1], manifest=MANIFEST + entries)
write(sys.argv[1], "agreements/big.yaml", "agreement: a0\nclauses: []\n" + "# padding\n" * 190_000)
