"""Waiting for a condition in a test, with a deadline and a useful failure message."""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["wait_until"]


def wait_until(
    condition: Callable[[], bool],
    timeout: float = 30.0,
    message: str | Callable[[], str] = "condition not met",
    interval: float = 0.02,
) -> None:
    """Call ``condition`` until it returns true; raise :class:`AssertionError` after
    ``timeout`` seconds, with ``message`` (or what ``message()`` returns at that moment)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            text = message() if callable(message) else message
            raise AssertionError(f"{text} (waited {timeout:.1f} s)")
        time.sleep(interval)
