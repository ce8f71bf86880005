"""`python -m orderdesk` and the `orderdesk` console script."""

from __future__ import annotations

import sys

from .cli.main import main as _cli_main


def main() -> None:
    sys.exit(_cli_main(sys.argv[1:]))


if __name__ == "__main__":
    main()
