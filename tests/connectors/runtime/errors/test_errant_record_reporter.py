"""Tests of connectors.runtime.errors.errant_record_reporter."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

import pytest

from connect_data import Schema
from connect_data.errors import ConnectException
from connect_data.headers import ConnectHeaders
from connectors import SinkRecord, TopicPartition
from connectors.record import TimestampType
from connectors.runtime.errors import (
    ErrorReporter,
    ProcessingContext,
    RetryWithToleranceOperator,
    Stage,
    ToleranceType,
    WorkerErrantRecordReporter,
)
from connectors.runtime.internal_sink_record import InternalSinkRecord
from connectors.runtime.recordlog import ConsumerRecord
from connectors.sink import SinkTask
from converters.header import SimpleHeaderConverter
from converters.string import StringConverter

TP = TopicPartition("t", 2)


class Capture(ErrorReporter[Any]):
    def __init__(self) -> None:
        self.contexts: list[ProcessingContext[Any]] = []
        self.futures: list[Future[Any]] = []

    def report(self, context: ProcessingContext[Any]) -> Future[Any]:
        self.contexts.append(context)
        future: Future[Any] = Future()
        self.futures.append(future)
        return future


def reporter(
    tolerance: ToleranceType = ToleranceType.ALL,
) -> tuple[WorkerErrantRecordReporter, Capture]:
    operator: RetryWithToleranceOperator[Any] = RetryWithToleranceOperator(0, 60000, tolerance)
    capture = Capture()
    operator.reporters([capture])
    key, value = StringConverter(), StringConverter()
    key.configure({}, True)
    value.configure({}, False)
    header = SimpleHeaderConverter()
    header.configure({})
    return WorkerErrantRecordReporter(operator, key, value, header), capture


def consumed() -> ConsumerRecord:
    return ConsumerRecord(
        topic="t",
        partition=2,
        offset=9,
        timestamp=5,
        timestamp_type=TimestampType.CREATE_TIME,
        key=b"raw-key",
        value=b"raw-value",
    )


def test_an_internal_record_is_reported_with_its_original_bytes() -> None:
    """A record the runtime made carries the consumed record; that one is reported."""
    errant, capture = reporter()
    original = consumed()
    record = InternalSinkRecord(
        topic="t",
        kafka_partition=2,
        kafka_offset=9,
        value="changed by a transformation",
        processing_context=ProcessingContext(original),
    )
    errant.report(record, ValueError("cannot write"))
    (context,) = capture.contexts
    assert context.original() is original
    assert context.stage() is Stage.TASK_PUT and context.executing_class() is SinkTask
    assert isinstance(context.error(), ValueError)


def test_a_task_made_record_is_serialized_with_the_converters() -> None:
    """A plain SinkRecord is reported as the converters write it."""
    errant, capture = reporter()
    headers = ConnectHeaders()
    headers.add_string("h", "v")
    record = SinkRecord(
        topic="t",
        kafka_partition=2,
        kafka_offset=3,
        key_schema=Schema.STRING_SCHEMA,
        key="k",
        value_schema=Schema.STRING_SCHEMA,
        value="v",
        timestamp=8,
        headers=headers,
    )
    errant.report(record, ValueError("x"))
    original = capture.contexts[0].original()
    assert (original.key, original.value, original.offset, original.timestamp) == (
        b"k",
        b"v",
        3,
        8,
    )
    assert list(original.headers) == [("h", b"v")]


def test_without_tolerance_reporting_fails_the_task() -> None:
    """errors.tolerance=none: report() raises, so put fails and the task with it."""
    errant, capture = reporter(ToleranceType.NONE)
    with pytest.raises(ConnectException, match="Tolerance exceeded"):
        errant.report(SinkRecord(topic="t", kafka_partition=2, kafka_offset=1), ValueError("x"))
    assert len(capture.contexts) == 1  # reported before failing


def test_await_futures_waits_per_partition() -> None:
    """await_futures waits for the reports of the given partitions, and forgets them."""
    errant, capture = reporter()
    errant.report(SinkRecord(topic="t", kafka_partition=2, kafka_offset=1), ValueError("x"))
    errant.report(SinkRecord(topic="u", kafka_partition=0, kafka_offset=1), ValueError("x"))
    errant.await_futures([TopicPartition("other", 0)])  # nothing to wait for
    capture.futures[0].set_result(None)
    errant.await_futures([TP])
    capture.futures[1].set_exception(OSError("dlq down"))
    with pytest.raises(ConnectException):
        errant.await_futures([TopicPartition("u", 0)])
    errant.await_futures([TopicPartition("u", 0)])  # already taken


def test_cancel_futures_forgets_lost_partitions() -> None:
    """cancel_futures drops pending reports of lost partitions without waiting."""
    errant, capture = reporter()
    future = errant.report(
        SinkRecord(topic="t", kafka_partition=2, kafka_offset=1), ValueError("x")
    )
    errant.cancel_futures([TP])
    errant.await_futures([TP])  # returns at once: nothing left to wait for
    assert future.cancelled() and not capture.futures[0].done()
