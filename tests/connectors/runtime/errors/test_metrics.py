"""Tests of connectors.runtime.errors.metrics."""

from __future__ import annotations

import threading

from connectors.runtime.errors import ErrorHandlingMetrics


def test_counters_under_kafka_names() -> None:
    """Each record_* call increments its counter, named as Kafka's task-error-metrics."""
    metrics = ErrorHandlingMetrics()
    metrics.record_failure()
    metrics.record_failure()
    metrics.record_error()
    metrics.record_skipped()
    metrics.record_retry()
    metrics.record_error_logged()
    metrics.record_dead_letter_queue_produce_request()
    metrics.record_dead_letter_queue_produce_failed()
    metrics.record_error_timestamp()
    values = metrics.as_dict()
    assert values.pop("last-error-timestamp") > 1_600_000_000_000
    assert values == {
        "total-record-failures": 2,
        "total-record-errors": 1,
        "total-records-skipped": 1,
        "total-retries": 1,
        "total-errors-logged": 1,
        "deadletterqueue-produce-requests": 1,
        "deadletterqueue-produce-failures": 1,
    }


def test_counting_from_several_threads_loses_nothing() -> None:
    """Concurrent increments (task thread and delivery thread) all count."""
    metrics = ErrorHandlingMetrics()

    def work() -> None:
        for _ in range(2000):
            metrics.record_failure()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert metrics.record_failures == 8000
