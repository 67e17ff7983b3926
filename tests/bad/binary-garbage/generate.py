"""Random bytes (fixed seed, no NUL byte) where an agreement file should be."""
import os, random, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import write_base
rng = random.Random(6)
write_base(sys.argv[1], agreement=bytes(rng.randrange(1, 256) for _ in range(4096)))
