"""Billion laughs where the loader reads a list item by item (an enum's values): ten
values, a list of ten of those lists, and so on for eight levels, 10^9 values once
the aliases are expanded."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import VOCABULARY, write_base
levels = "".join(f"  l{i}: &l{i} [" + ", ".join([f"*l{i-1}"] * 10) + "]\n" for i in range(1, 9))
vocabulary = VOCABULARY.replace("enums:\n", "enums:\n  l0: &l0 [a, b, c, d, e, f, g, h, i, j]\n" + levels)
write_base(sys.argv[1], vocabulary=vocabulary)
