"""PyInstaller's entry script for DeepDive (see build_app.spec): the ``deepdive`` command."""

import sys

from deepdive.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
