"""wait_until: polls a condition until a deadline."""

from __future__ import annotations

import itertools

import pytest

from connectors.testing import wait_until


def test_returns_once_the_condition_holds() -> None:
    """The condition is called until it is true."""
    calls = itertools.count()
    wait_until(lambda: next(calls) >= 3, timeout=5, interval=0)
    assert next(calls) == 4


def test_raises_with_the_message_after_the_timeout() -> None:
    """A condition that never holds raises AssertionError with the message, computed late."""
    state = {"n": 0}

    def never() -> bool:
        state["n"] += 1
        return False

    with pytest.raises(AssertionError, match=r"still false after \d+ calls \(waited 0.1 s\)"):
        wait_until(never, timeout=0.1, message=lambda: f"still false after {state['n']} calls")
