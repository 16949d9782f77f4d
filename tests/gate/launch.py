"""This checkout's ``eventscope`` command, run by the interpreter that runs it.

The gate points the scorers here (through ``$EVENTSCOPE``) so that the figures are those of the code
in this tree: the venv's ``eventscope`` script imports whatever checkout the editable install names,
which is not this one in a second worktree.
"""
import sys
from pathlib import Path

# The script's own folder would come first on sys.path; the checkout's root must, so that its
# ``eventscope`` package is the one imported (the annotate workers import the same copy).
sys.path[0] = str(Path(__file__).resolve().parents[2])

from eventscope.cli import main

if __name__ == "__main__":
    main()
