"""Entry point: ``python -m deepdive`` and the ``deepdive`` command."""

from __future__ import annotations

import sys


def main() -> int:
    """Run DeepDive's command line (no command opens the app)."""
    from deepdive.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
