#!/usr/bin/env python3
"""Former name of ``scripts/build.py``, kept as an alias: ``python scripts/build_datapackage.py [--check]``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
