"""Tests of connectors.runtime.errors.reporter: futures helpers."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

import pytest

from connectors.runtime.errors.reporter import all_of, completed_future


def test_completed_future_is_done() -> None:
    """completed_future gives a done future with the result."""
    assert completed_future(5).result(0) == 5


def test_all_of_waits_for_every_future() -> None:
    """all_of is done once all are; an empty list is done at once."""
    assert all_of([]).done()
    first: Future[Any] = Future()
    second: Future[Any] = Future()
    combined = all_of([first, completed_future(), second])
    first.set_result(1)
    assert not combined.done()
    second.set_result(2)
    assert combined.result(0) is None


def test_all_of_fails_with_a_failure() -> None:
    """A failed member fails the combined future, whether already failed or later."""
    failed: Future[Any] = Future()
    failed.set_exception(OSError("gone"))
    with pytest.raises(OSError):
        all_of([failed]).result(0)
    pending: Future[Any] = Future()
    combined = all_of([pending, Future()])
    pending.set_exception(ValueError("bad"))
    with pytest.raises(ValueError):
        combined.result(0)


def test_all_of_ignores_cancelled_members() -> None:
    """A cancelled member counts as done."""
    cancelled: Future[Any] = Future()
    cancelled.cancel()
    assert all_of([cancelled]).done()
