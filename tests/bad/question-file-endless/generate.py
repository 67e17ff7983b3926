"""A question file that never ends (/dev/zero): `ask --file` reads one byte past the
2 MiB limit for a question, not the whole stream."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import write_base
write_base(sys.argv[1])
