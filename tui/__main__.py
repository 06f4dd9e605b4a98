"""`python -m tui` does what the `form4` command does."""

import sys

from tui.cli import main

if __name__ == "__main__":
    sys.exit(main())
