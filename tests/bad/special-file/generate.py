"""The agreement file is a named pipe that nobody writes to: reading it would block."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from base_deal import write_base
write_base(sys.argv[1])
path = os.path.join(sys.argv[1], "agreements", "main.yaml")
os.unlink(path)
os.mkfifo(path)
