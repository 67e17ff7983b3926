"""A map of 300,000 keys (1.8 MB, short keys without values): 600,000 YAML nodes, so
the file goes over the deal's YAML node budget before the loader reads any of it."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import write_base


def name(i):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        out = digits[i % 36] + out
        i //= 36
        if not i:
            return "k" + out


write_base(sys.argv[1], agreement="agreement: main\n" + "".join(f"{name(i)}:\n" for i in range(300_000)))
