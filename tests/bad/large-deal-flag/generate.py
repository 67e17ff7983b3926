"""The deal of clauses-too-many (20,100 clauses, over the standard limit of 20,000)
loads with `--large-deal`: the large limits are really applied."""
import os, runpy, sys
runpy.run_path(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                            "clauses-too-many", "generate.py"), run_name="__main__")
