"""``python -m daytona_emulator``: the emulator in the foreground (see :mod:`daytona_emulator.cli`)."""

import sys

from daytona_emulator.cli import main

if __name__ == "__main__":
    sys.exit(main())
