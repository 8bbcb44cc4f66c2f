"""Hypothesis profiles for the whole suite.

- ``ci`` (the default when ``CI`` is set): the same examples on every run, so that a CI result
  depends on the commit alone; a property that fails there fails for everyone who runs it.
- ``thorough``: 1,000 examples wherever a test sets no number itself, for a hunt for bugs
  (``HYPOTHESIS_PROFILE=thorough ./scripts/test tests/...``).
- Otherwise Hypothesis' defaults: new random examples on every local run, failures replayed
  from ``.hypothesis/``.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("thorough", max_examples=1000)

_profile = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else None)
if _profile:
    settings.load_profile(_profile)
