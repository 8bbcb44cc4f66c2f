"""``python -m connectors.runtime`` runs the ``connectpy`` command."""

import sys

from connectors.runtime.cli import main

sys.exit(main())
