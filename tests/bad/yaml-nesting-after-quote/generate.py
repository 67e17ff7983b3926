"""A `"` inside a plain scalar, then 200,000 nested `[`: the nesting pre-scan must not
take the quote for the start of a string and skip what follows."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import write_base
write_base(sys.argv[1], agreement='agreement: main\nclauses: a"\n' + "[" * 200_000 + "\n")
