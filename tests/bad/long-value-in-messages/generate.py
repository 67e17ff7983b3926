"""Errors that quote a 1 MB value, 14 times through an alias (under the text budget):
each message is cut short instead of holding the whole value."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import VOCABULARY, write_base
value = "Not An Identifier " * 55_000
vocabulary = VOCABULARY.replace("company: [initech, hooli]", f"company: [&v '{value}', " + ", ".join(["*v"] * 14) + "]")
write_base(sys.argv[1], vocabulary=vocabulary)
