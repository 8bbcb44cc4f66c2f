"""Retrying failed operations and tolerating failed records (``RetryWithToleranceOperator``).

An operation that raises :class:`~connect_data.RetriableException` is tried again with an
exponential backoff (300 ms, 600 ms, 1.2 s, ... capped by ``errors.retry.delay.max.ms``, then a
random delay below that cap) until ``errors.retry.timeout`` has passed since the first attempt
(``-1``: forever, ``0``: no retry). What happens to an error that is not retried, or whose
retries ran out, depends on the stage and on ``errors.tolerance``:

- in the converter and transformation stages every exception can be tolerated: with
  ``errors.tolerance=all`` the operation returns ``None`` and the record is skipped; with
  ``none`` a :class:`~connect_data.ConnectException` ("Tolerance exceeded in error handler")
  is raised and the task fails;
- in the other stages only a :class:`~connect_data.RetriableException` can be; anything else
  raises "Unhandled exception in error handler".

Every failure is handed to the task's error reporters (the error log, the dead letter queue).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

from connect_data.config import ConfigException
from connect_data.errors import ConnectException, RetriableException
from connectors.runtime.errors.metrics import ErrorHandlingMetrics
from connectors.runtime.errors.processing_context import ProcessingContext
from connectors.runtime.errors.reporter import ErrorReporter, all_of, completed_future
from connectors.runtime.errors.stage import Stage
from connectors.runtime.errors.tolerance import ToleranceType

if TYPE_CHECKING:
    from connectors.runtime.connector_config import ConnectorConfig

__all__ = ["Operation", "RetryWithToleranceOperator"]

log = logging.getLogger(__name__)

T = TypeVar("T")
V = TypeVar("V")

Operation = Callable[[], V]
"""An operation to run: a callable without arguments (Java's ``Operation<V>``)."""

RETRIES_DELAY_MIN_MS: Final = 300
"""The first backoff delay; each retry doubles it up to ``errors.retry.delay.max.ms``."""

# The stages in which any exception may be tolerated; elsewhere only a RetriableException.
_TOLERATE_ANY: Final = frozenset(
    {Stage.TRANSFORMATION, Stage.HEADER_CONVERTER, Stage.KEY_CONVERTER, Stage.VALUE_CONVERTER}
)


def _system_clock_ms() -> float:
    return time.monotonic() * 1000.0


class RetryWithToleranceOperator(Generic[T]):
    """Runs one task's operations with retries and tolerance (see the module docs).

    ``error_retry_timeout_ms`` is ``errors.retry.timeout``, ``error_max_delay_ms``
    ``errors.retry.delay.max.ms``. ``clock`` (milliseconds) and ``sleep`` (seconds, returning
    early when :meth:`trigger_stop` is called) are for tests. Thread-safe.
    """

    RETRIES_DELAY_MIN_MS: Final = RETRIES_DELAY_MIN_MS

    def __init__(
        self,
        error_retry_timeout_ms: int,
        error_max_delay_ms: int,
        tolerance_type: ToleranceType,
        metrics: ErrorHandlingMetrics | None = None,
        *,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], object] | None = None,
    ) -> None:
        self.error_retry_timeout_ms = error_retry_timeout_ms
        self.error_max_delay_ms = error_max_delay_ms
        self.tolerance_type = tolerance_type
        self.metrics = metrics if metrics is not None else ErrorHandlingMetrics()
        self._clock = clock or _system_clock_ms
        self._stop_requested = threading.Event()
        self._sleep = sleep or self._stop_requested.wait
        self._stopping = False
        self._total_failures = 0
        self._lock = threading.RLock()
        self._reporters: list[ErrorReporter[T]] = []

    @classmethod
    def from_config(
        cls, config: ConnectorConfig, metrics: ErrorHandlingMetrics | None = None
    ) -> RetryWithToleranceOperator[Any]:
        """The operator a connector configuration asks for (its ``errors.*`` keys)."""
        return cls(
            config.error_retry_timeout(),
            config.error_max_delay_in_millis(),
            config.error_tolerance_type(),
            metrics,
        )

    # ----------------------------------------------------------------- reporters

    def reporters(self, reporters: Sequence[ErrorReporter[T]]) -> None:
        """Set the error reporters every failure goes to."""
        with self._lock:
            self._reporters = list(reporters)

    def report(self, context: ProcessingContext[T]) -> Future[None]:
        """Hand ``context`` to every reporter; the future completes when all stored it."""
        with self._lock:
            reporters = list(self._reporters)
        futures: list[Future[Any]] = []
        for reporter in reporters:
            try:
                futures.append(reporter.report(context))
            except Exception as exc:
                log.error("Error reporter %s failed to report an error", reporter, exc_info=exc)
                failed: Future[Any] = Future()
                failed.set_exception(exc)
                futures.append(failed)
        if not futures:
            return completed_future()
        return all_of(futures)

    def flush_reporters(self, timeout: float | None = None) -> None:
        """Wait until the reporters stored what they were given (those that buffer)."""
        with self._lock:
            reporters = list(self._reporters)
        for reporter in reporters:
            flush = getattr(reporter, "flush", None)
            if callable(flush):
                flush(timeout)

    # ----------------------------------------------------------------- operations

    def execute(
        self,
        context: ProcessingContext[T],
        operation: Operation[V],
        stage: Stage,
        executing_class: type | None,
    ) -> V | None:
        """Run ``operation`` for the record of ``context``, retrying and tolerating as configured.

        Returns its result, or ``None`` when it failed with a tolerated error (or when the
        context had already failed: nothing is run then). Raises
        :class:`~connect_data.ConnectException` for an error that is not tolerated.
        """
        context.current_context(stage, executing_class)
        if context.failed():
            log.debug("ProcessingContext is already in failed state. Ignoring requested operation.")
            return None
        return self._run(context, operation, None)

    def recover(
        self,
        context: ProcessingContext[T],
        operation: Operation[V],
        stage: Stage,
        executing_class: type | None,
        error: BaseException,
    ) -> V | None:
        """:meth:`execute` for an operation whose first attempt already raised ``error``.

        The task loops run each stage directly and call this only when it raised, so that a
        record that goes through cleanly costs nothing extra.
        """
        context.current_context(stage, executing_class)
        if context.failed():
            return None
        return self._run(context, operation, error)

    def _run(
        self, context: ProcessingContext[T], operation: Operation[V], first: BaseException | None
    ) -> V | None:
        stage = context.stage()
        tolerate_any = stage in _TOLERATE_ANY
        try:
            return self._exec_and_handle_error(context, operation, tolerate_any, first)
        finally:
            if context.failed():
                self.metrics.record_error()
                self.report(context)

    def execute_failed(
        self,
        context: ProcessingContext[T],
        stage: Stage,
        executing_class: type | None,
        error: BaseException,
    ) -> Future[None]:
        """Record a failure that happened outside :meth:`execute` (a failed send, a record a
        sink task reported as errant).

        Reports it and returns the reporters' future; raises
        :class:`~connect_data.ConnectException` when the tolerance is exceeded.
        """
        self._mark_as_failed()
        context.current_context(stage, executing_class)
        context.error(error)
        self.metrics.record_failure()
        future = self.report(context)
        if not self.within_tolerance_limits():
            self.metrics.record_error()
            raise ConnectException("Tolerance exceeded in error handler") from error
        return future

    def _exec_and_retry(
        self, context: ProcessingContext[T], operation: Operation[V], first: BaseException | None
    ) -> V | None:
        """Run ``operation`` until it does not raise a RetriableException or time runs out."""
        attempt = 0
        start = self._clock()
        timeout = self.error_retry_timeout_ms
        deadline = start + timeout if timeout >= 0 else float("inf")
        pending = first
        while True:
            attempt += 1
            try:
                if pending is not None:
                    error, pending = pending, None
                    raise error
                return operation()
            except RetriableException as exc:
                log.debug(
                    "Caught a retriable exception while executing %s operation with %s",
                    context.stage(),
                    context.executing_class(),
                )
                self.metrics.record_failure()
                if self._clock() < deadline:
                    self.backoff(attempt, deadline)
                    self.metrics.record_retry()
                else:
                    log.debug(
                        "Can't retry. start=%s, attempt=%s, deadline=%s", start, attempt, deadline
                    )
                    context.error(exc)
                    return None
                if self._stopping:
                    log.debug("Shutdown has been scheduled. Marking operation as failed.")
                    context.error(exc)
                    return None
            finally:
                context.attempt(attempt)

    def _exec_and_handle_error(
        self,
        context: ProcessingContext[T],
        operation: Operation[V],
        tolerate_any: bool,
        first: BaseException | None = None,
    ) -> V | None:
        try:
            result = self._exec_and_retry(context, operation, first)
        except Exception as exc:
            self.metrics.record_failure()
            self._mark_as_failed()
            context.error(exc)
            if not tolerate_any:
                raise ConnectException("Unhandled exception in error handler") from exc
            if not self.within_tolerance_limits():
                raise ConnectException("Tolerance exceeded in error handler") from exc
            self.metrics.record_skipped()
            return None
        if context.failed():
            # retries ran out: skipped only if tolerated (KAFKA-18073)
            self._mark_as_failed()
            if not self.within_tolerance_limits():
                raise ConnectException("Tolerance exceeded in error handler") from context.error()
            self.metrics.record_skipped()
        return result

    def _mark_as_failed(self) -> None:
        self.metrics.record_error_timestamp()
        with self._lock:
            self._total_failures += 1

    def within_tolerance_limits(self) -> bool:
        """Whether the failures so far are tolerated."""
        with self._lock:
            if self.tolerance_type is ToleranceType.ALL:
                return True
            if self.tolerance_type is ToleranceType.NONE:
                return self._total_failures == 0
        raise ConfigException(f"Unknown tolerance type: {self.tolerance_type}")

    def error_tolerance_type(self) -> ToleranceType:
        """``errors.tolerance``."""
        return self.tolerance_type

    def backoff(self, attempt: int, deadline: float) -> None:
        """Wait before retry ``attempt`` (1 for the first), never past ``deadline`` (ms)."""
        delay = float(RETRIES_DELAY_MIN_MS << min(attempt - 1, 62))
        if delay > self.error_max_delay_ms:
            delay = float(random.randrange(max(self.error_max_delay_ms, 1)))
        now = self._clock()
        if delay + now > deadline:
            delay = max(0.0, deadline - now)
        log.debug("Sleeping for up to %s millis", delay)
        self._sleep(delay / 1000.0)

    def trigger_stop(self) -> None:
        """Stop retrying: a backoff in progress ends now and its operation counts as failed."""
        self._stopping = True
        self._stop_requested.set()

    def close(self) -> None:
        """Close every reporter; raises :class:`~connect_data.ConnectException` if one failed."""
        with self._lock:
            reporters, self._reporters = self._reporters, []
        failure: ConnectException | None = None
        for reporter in reporters:
            try:
                reporter.close()
            except Exception as exc:
                log.error("Failed to close error reporter %s", reporter, exc_info=exc)
                if failure is None:
                    failure = ConnectException("Failed to close all reporters")
                    failure.__cause__ = exc
        if failure is not None:
            raise failure

    def __repr__(self) -> str:
        return (
            f"RetryWithToleranceOperator{{errorRetryTimeout={self.error_retry_timeout_ms}, "
            f"errorMaxDelayInMillis={self.error_max_delay_ms}, "
            f"errorToleranceType={self.tolerance_type}, totalFailures={self._total_failures}}}"
        )
