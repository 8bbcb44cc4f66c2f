"""The interface of error reporters, and the futures they answer with (``ErrorReporter``)."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

from connectors.runtime.errors.processing_context import ProcessingContext

__all__ = ["ErrorReporter", "all_of", "completed_future"]

T = TypeVar("T")


class ErrorReporter(ABC, Generic[T]):
    """Reports a failed record somewhere: the log, a dead letter queue topic.

    Called on the thread that saw the failure (the task's, or the record log's delivery
    thread for a failed source send), once per failure.
    """

    @abstractmethod
    def report(self, context: ProcessingContext[T]) -> Future[Any]:
        """Report the failure in ``context``; the future completes once it is stored."""

    def close(self) -> None:
        """Release what the reporter holds; the default does nothing."""


def completed_future(result: Any = None) -> Future[Any]:
    """A future that is already done with ``result``."""
    future: Future[Any] = Future()
    future.set_result(result)
    return future


def all_of(futures: Sequence[Future[Any]]) -> Future[None]:
    """A future done when every one of ``futures`` is; it fails with the first failure seen."""
    combined: Future[None] = Future()
    pending = [f for f in futures if not f.done()]
    for future in futures:
        if future.done() and not future.cancelled():
            error = future.exception()
            if error is not None:
                combined.set_exception(error)
                return combined
    if not pending:
        combined.set_result(None)
        return combined
    lock = threading.Lock()
    remaining = [len(pending)]

    def on_done(done: Future[Any]) -> None:
        with lock:
            if combined.done():
                return
            error = None if done.cancelled() else done.exception()
            if error is not None:
                combined.set_exception(error)
                return
            remaining[0] -= 1
            if remaining[0] == 0:
                combined.set_result(None)

    for future in pending:
        future.add_done_callback(on_done)
    return combined
