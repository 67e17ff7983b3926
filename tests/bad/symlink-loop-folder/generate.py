"""--rules names a folder that is a symbolic link loop (a -> b -> a)."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.symlink("b", os.path.join(sys.argv[1], "a"))
os.symlink("a", os.path.join(sys.argv[1], "b"))
