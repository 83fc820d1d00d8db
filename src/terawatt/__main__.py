"""``python -m terawatt`` runs the command line."""

import sys

from terawatt.cli import main

sys.exit(main())
