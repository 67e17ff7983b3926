"""A 1.5 MB quote written once, anchored, and repeated by alias in 3,000 clauses: the
loader would copy 4.5 GB of text. Aliases count as the text they stand for."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import AGREEMENT, CLAUSE, write_base
quote = "x" * 1_500_000
agreement = AGREEMENT.replace("quote: Acme shall not acquire a company for more than one billion dollars.",
                              f"quote: &q {quote}")
agreement += "".join(CLAUSE.format(id=f"c{i}").replace(f"quote: Text of c{i}.", "quote: *q") for i in range(3000))
write_base(sys.argv[1], agreement=agreement)
