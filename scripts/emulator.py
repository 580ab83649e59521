"""Run the local Daytona emulator in the foreground (``make emulator``).

    python scripts/emulator.py --port 8787 --api-key my-key [--delay 0.2]

A thin wrapper of the package's entry point, the same as ``python -m daytona_emulator`` and the
``daytona-emulator`` command (:mod:`daytona_emulator.cli`).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from daytona_emulator.cli import main

if __name__ == "__main__":
    sys.exit(main())
