"""300,000 keys: two agreement files of 150,000 keys each, under the file-size limit;
the first file read goes over the deal's YAML node budget."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import MANIFEST, write, write_base
manifest = MANIFEST + "  - id: more\n    effective: 2021-01-01\n    file: agreements/more.yaml\n"
write_base(sys.argv[1], manifest=manifest,
           agreement="agreement: main\n" + "".join(f"k{i}: 1\n" for i in range(150_000)))
write(sys.argv[1], "agreements/more.yaml", "agreement: more\n" + "".join(f"k{i}: 1\n" for i in range(150_000, 300_000)))
