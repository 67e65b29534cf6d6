"""``python -m lkip``: run the command line."""

import sys

from lkip.cli import main

sys.exit(main())
