"""``python -m belarus_measures`` runs the command line."""

import sys

from belarus_measures.cli import main

sys.exit(main())
