"""``python -m connectors.demo``: run the schema evolution demo."""

import sys

from connectors.demo.cli import main

if __name__ == "__main__":
    sys.exit(main())
