"""Counters of a task's error handling (``ErrorHandlingMetrics``), named as Kafka's metrics."""

from __future__ import annotations

import threading
import time

__all__ = ["ErrorHandlingMetrics"]


class ErrorHandlingMetrics:
    """The ``task-error-metrics`` group of one task, as plain counters.

    Updated by the task's thread and by the record log's delivery thread (dead letter queue
    sends), under a lock. :meth:`as_dict` gives them under Kafka's metric names.
    """

    __slots__ = (
        "_lock",
        "dead_letter_queue_produce_failures",
        "dead_letter_queue_produce_requests",
        "errors_logged",
        "last_error_timestamp",
        "record_errors",
        "record_failures",
        "records_skipped",
        "retries",
    )

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.record_failures = 0
        """Failed attempts, retried or not (``total-record-failures``)."""
        self.record_errors = 0
        """Operations that ended in an error (``total-record-errors``)."""
        self.records_skipped = 0
        """Records skipped because of an error (``total-records-skipped``)."""
        self.retries = 0
        """Retries of failed operations (``total-retries``)."""
        self.errors_logged = 0
        """Errors written to the log (``total-errors-logged``)."""
        self.dead_letter_queue_produce_requests = 0
        """Records sent to the dead letter queue (``deadletterqueue-produce-requests``)."""
        self.dead_letter_queue_produce_failures = 0
        """Dead letter queue sends that failed (``deadletterqueue-produce-failures``)."""
        self.last_error_timestamp = 0
        """Epoch milliseconds of the last error (``last-error-timestamp``), 0 if none."""

    def _add(self, name: str) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + 1)

    def record_failure(self) -> None:
        """One failed attempt."""
        self._add("record_failures")

    def record_error(self) -> None:
        """One operation ended in an error."""
        self._add("record_errors")

    def record_skipped(self) -> None:
        """One record skipped."""
        self._add("records_skipped")

    def record_retry(self) -> None:
        """One retry."""
        self._add("retries")

    def record_error_logged(self) -> None:
        """One error written to the log."""
        self._add("errors_logged")

    def record_dead_letter_queue_produce_request(self) -> None:
        """One record sent to the dead letter queue."""
        self._add("dead_letter_queue_produce_requests")

    def record_dead_letter_queue_produce_failed(self) -> None:
        """One dead letter queue send failed."""
        self._add("dead_letter_queue_produce_failures")

    def record_error_timestamp(self) -> None:
        """Remember now as the time of the last error."""
        with self._lock:
            self.last_error_timestamp = time.time_ns() // 1_000_000

    def as_dict(self) -> dict[str, int]:
        """The counters under Kafka's ``task-error-metrics`` names."""
        with self._lock:
            return {
                "total-record-failures": self.record_failures,
                "total-record-errors": self.record_errors,
                "total-records-skipped": self.records_skipped,
                "total-retries": self.retries,
                "total-errors-logged": self.errors_logged,
                "deadletterqueue-produce-requests": self.dead_letter_queue_produce_requests,
                "deadletterqueue-produce-failures": self.dead_letter_queue_produce_failures,
                "last-error-timestamp": self.last_error_timestamp,
            }
