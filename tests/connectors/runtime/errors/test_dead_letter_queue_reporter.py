"""Tests of connectors.runtime.errors.dead_letter_queue_reporter (on the embedded record log)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from connect_data.errors import ConnectException
from connectors import TopicPartition
from connectors.record import TimestampType
from connectors.runtime.errors import (
    ERROR_HEADER_CONNECTOR_NAME,
    ERROR_HEADER_EXCEPTION,
    ERROR_HEADER_EXCEPTION_MESSAGE,
    ERROR_HEADER_EXCEPTION_STACK_TRACE,
    ERROR_HEADER_EXECUTING_CLASS,
    ERROR_HEADER_ORIG_OFFSET,
    ERROR_HEADER_ORIG_PARTITION,
    ERROR_HEADER_ORIG_TOPIC,
    ERROR_HEADER_STAGE,
    ERROR_HEADER_TASK_ID,
    DeadLetterQueueReporter,
    ErrorHandlingMetrics,
    ProcessingContext,
    Stage,
)
from connectors.runtime.errors.dead_letter_queue_reporter import java_stack_trace
from connectors.runtime.recordlog import (
    ConsumerRecord,
    DeliveryCallback,
    EmbeddedRecordLog,
    Producer,
    ProducerRecord,
)
from connectors.runtime.status import ConnectorTaskId
from connectors.transforms import Transformation

TASK_ID = ConnectorTaskId("job", 0)
DLQ = "my-connector-errors"


@pytest.fixture
def log(tmp_path: Path) -> Iterator[EmbeddedRecordLog]:
    store = EmbeddedRecordLog(tmp_path / "c.db")
    yield store
    store.close()


def source_record(**overrides: Any) -> ConsumerRecord:
    fields: dict[str, Any] = {
        "topic": "source-topic",
        "partition": 7,
        "offset": 10,
        "timestamp": 55,
        "timestamp_type": TimestampType.CREATE_TIME,
        "key": b"source-key",
        "value": b"source-value",
        "headers": [("h", b"1")],
    }
    fields.update(overrides)
    return ConsumerRecord(**fields)


def failed_context(error: BaseException, record: ConsumerRecord | None = None) -> Any:
    context = ProcessingContext(record or source_record())
    context.current_context(Stage.TRANSFORMATION, Transformation)
    try:
        raise error
    except BaseException as exc:
        context.error(exc)
    return context


def read_all(log: EmbeddedRecordLog, topic: str) -> list[ConsumerRecord]:
    consumer = log.consumer("check", "check")
    tp = TopicPartition(topic, 0)
    consumer.assign([tp])
    end = consumer.end_offsets([tp])[tp]
    records: list[ConsumerRecord] = []
    while consumer.position(tp) < end:
        records.extend(consumer.poll(0.1))
    consumer.close()
    return records


def header(record: ConsumerRecord, name: str) -> bytes | None:
    values = [value for key, value in record.headers if key == name]
    assert values, f"no header {name}"
    return values[-1]


class RecordingProducer(Producer):
    def __init__(self, fail: BaseException | None = None) -> None:
        self.sent: list[ProducerRecord] = []
        self.fail = fail
        self.closed = False
        self.flushes = 0

    def send(self, record: ProducerRecord, callback: DeliveryCallback | None = None) -> None:
        self.sent.append(record)
        if callback is not None:
            callback(None, self.fail) if self.fail else None

    def flush(self, timeout: float | None = None) -> bool:
        self.flushes += 1
        return True

    def close(self, timeout: float | None = None) -> None:
        self.closed = True


def test_no_topic_means_no_send() -> None:
    """An empty topic name makes the reporter a no-op."""
    producer = RecordingProducer()
    reporter = DeadLetterQueueReporter(producer, "", TASK_ID, ErrorHandlingMetrics())
    assert reporter.report(failed_context(ValueError("x"))).done()
    assert producer.sent == []


def test_the_original_bytes_are_written_with_its_headers(log: EmbeddedRecordLog) -> None:
    """The DLQ record has the consumed key, value, headers and timestamp, unchanged."""
    log.admin().create_topic(DLQ, 1)
    metrics = ErrorHandlingMetrics()
    reporter = DeadLetterQueueReporter(log.producer("dlq"), DLQ, TASK_ID, metrics)
    future = reporter.report(failed_context(ValueError("boom")))
    reporter.flush()
    assert future.result(5) is not None
    reporter.report(failed_context(ValueError("again")))
    reporter.close()
    first, second = read_all(log, DLQ)
    assert (first.key, first.value, first.timestamp) == (b"source-key", b"source-value", 55)
    assert list(first.headers) == [("h", b"1")] and second.value == b"source-value"
    assert metrics.dead_letter_queue_produce_requests == 2


def test_context_headers_as_kafka_writes_them(log: EmbeddedRecordLog) -> None:
    """With context headers enabled every __connect.errors.* header has Kafka's value."""
    log.admin().create_topic(DLQ, 1)
    reporter = DeadLetterQueueReporter(
        log.producer("dlq"), DLQ, TASK_ID, ErrorHandlingMetrics(), context_headers=True
    )
    reporter.report(failed_context(ConnectException("Test Exception")))
    reporter.close()
    (record,) = read_all(log, DLQ)
    assert header(record, ERROR_HEADER_ORIG_TOPIC) == b"source-topic"
    assert header(record, ERROR_HEADER_ORIG_PARTITION) == b"7"
    assert header(record, ERROR_HEADER_ORIG_OFFSET) == b"10"
    assert header(record, ERROR_HEADER_CONNECTOR_NAME) == b"job"
    assert header(record, ERROR_HEADER_TASK_ID) == b"0"
    assert header(record, ERROR_HEADER_STAGE) == b"TRANSFORMATION"
    assert (
        header(record, ERROR_HEADER_EXECUTING_CLASS)
        == b"org.apache.kafka.connect.transforms.Transformation"
    )
    assert (
        header(record, ERROR_HEADER_EXCEPTION)
        == b"org.apache.kafka.connect.errors.ConnectException"
    )
    assert header(record, ERROR_HEADER_EXCEPTION_MESSAGE) == b"Test Exception"
    trace = header(record, ERROR_HEADER_EXCEPTION_STACK_TRACE)
    assert trace is not None and trace.startswith(
        b"org.apache.kafka.connect.errors.ConnectException: Test Exception\n\tat "
    )
    assert next(key for key, _ in record.headers) == "h"


def test_a_null_exception_message_is_a_null_header() -> None:
    """An exception without a message gives a header with a null value."""
    producer = RecordingProducer()
    reporter = DeadLetterQueueReporter(
        producer, DLQ, TASK_ID, ErrorHandlingMetrics(), context_headers=True
    )
    headers = reporter.context_headers_for(failed_context(KeyError()))
    assert dict(headers)[ERROR_HEADER_EXCEPTION_MESSAGE] is None
    assert dict(headers)[ERROR_HEADER_EXCEPTION] == b"KeyError"
    assert (dict(headers)[ERROR_HEADER_EXCEPTION_STACK_TRACE] or b"").startswith(b"KeyError\n")


def test_context_headers_are_appended_after_existing_ones() -> None:
    """A record already carrying an error header keeps it; the new one comes last."""
    producer = RecordingProducer()
    reporter = DeadLetterQueueReporter(
        producer, DLQ, TASK_ID, ErrorHandlingMetrics(), context_headers=True
    )
    record = source_record(headers=[(ERROR_HEADER_ORIG_TOPIC, b"dummy")])
    reporter.report(failed_context(ValueError("x"), record))
    (sent,) = producer.sent
    values = [value for key, value in sent.headers if key == ERROR_HEADER_ORIG_TOPIC]
    assert values == [b"dummy", b"source-topic"]


def test_no_timestamp_lets_the_log_choose() -> None:
    """A consumed record without a timestamp is sent without one."""
    producer = RecordingProducer()
    reporter = DeadLetterQueueReporter(producer, DLQ, TASK_ID, ErrorHandlingMetrics())
    reporter.report(failed_context(ValueError("x"), source_record(timestamp=-1)))
    assert producer.sent[0].timestamp is None and producer.sent[0].partition is None


def test_a_failed_send_fails_the_future_and_counts() -> None:
    """A send the log refuses fails the report's future and the failure metric."""
    metrics = ErrorHandlingMetrics()
    reporter = DeadLetterQueueReporter(
        RecordingProducer(fail=OSError("disk full")), DLQ, TASK_ID, metrics
    )
    future = reporter.report(failed_context(ValueError("x")))
    assert isinstance(future.exception(0), OSError)
    assert metrics.dead_letter_queue_produce_failures == 1


def test_flush_only_when_something_was_sent() -> None:
    """flush() waits for the producer only after a report."""
    producer = RecordingProducer()
    reporter = DeadLetterQueueReporter(producer, DLQ, TASK_ID, ErrorHandlingMetrics())
    reporter.flush()
    assert producer.flushes == 0
    reporter.report(failed_context(ValueError("x")))
    reporter.flush()
    reporter.flush()
    assert producer.flushes == 1


def test_create_and_setup_creates_the_topic(log: EmbeddedRecordLog) -> None:
    """A missing DLQ topic is created with one partition; an existing one is kept."""
    from connectors.runtime.connector_config import ConnectorConfig
    from connectors.runtime.plugins import Plugins
    from tests.connectors import testplugins

    config = ConnectorConfig(
        Plugins(),
        {
            "name": "sink",
            "connector.class": "LineFileSink",
            "topics": "in",
            "file": "x",
            "errors.deadletterqueue.topic.name": f" {DLQ} ",
            "errors.deadletterqueue.context.headers.enable": "true",
        },
        testplugins.LineFileSinkConnector,
    )
    reporter = DeadLetterQueueReporter.create_and_setup(
        log, TASK_ID, config, {}, ErrorHandlingMetrics()
    )
    assert log.admin().list_topics() == {DLQ: 1}
    assert reporter.topic == DLQ and reporter.context_headers
    reporter.close()
    DeadLetterQueueReporter.create_and_setup(
        log, TASK_ID, config, {}, ErrorHandlingMetrics()
    ).close()
    assert log.admin().list_topics() == {DLQ: 1}


def _raise_outer() -> None:
    try:
        raise ValueError("inner")
    except ValueError as inner:
        raise ConnectException("outer") from inner


def test_java_stack_trace_lists_frames_and_causes() -> None:
    """The trace starts with Java's toString, has one 'at' line per frame (innermost first)
    and its causes."""
    try:
        _raise_outer()
    except ConnectException as exc:
        trace = java_stack_trace(exc)
    lines = trace.splitlines()
    assert lines[0] == "org.apache.kafka.connect.errors.ConnectException: outer"
    assert lines[1].startswith("\tat _raise_outer(") and "test_dead_letter_queue" in lines[1]
    assert lines[2].startswith("\tat test_java_stack_trace_lists_frames_and_causes(")
    assert lines[3] == "Caused by: ValueError: inner"
    assert lines[4].startswith("\tat _raise_outer(")


class _KafkaLikeAdmin:
    """An admin with replicas: create_topic_with, as the Kafka backend's."""

    def __init__(self, answer: bool | None) -> None:
        self.answer = answer
        self.created: list[tuple[str, int, int]] = []

    def list_topics(self) -> dict[str, int]:
        return {}

    def create_topic_with(self, name: str, partitions: int, replication_factor: int) -> Any:
        self.created.append((name, partitions, replication_factor))
        return self.answer


class _LogWith:
    def __init__(self, admin: _KafkaLikeAdmin) -> None:
        self._admin = admin

    def admin(self) -> _KafkaLikeAdmin:
        return self._admin


def test_replication_factor_is_honoured_where_the_backend_has_replicas() -> None:
    """On a backend with create_topic_with the topic gets 1 partition and the replication factor."""
    from connectors.runtime.errors.dead_letter_queue_reporter import _ensure_topic

    admin = _KafkaLikeAdmin(True)
    _ensure_topic(_LogWith(admin), DLQ, 7)  # type: ignore[arg-type]
    assert admin.created == [(DLQ, 1, 7)]


def test_a_topic_that_cannot_be_created_fails_the_setup() -> None:
    """When the cluster refuses topic creation, setup raises Kafka's message."""
    from connectors.runtime.errors.dead_letter_queue_reporter import _ensure_topic

    with pytest.raises(
        ConnectException, match=f"Could not initialize dead letter queue with topic={DLQ}"
    ):
        _ensure_topic(_LogWith(_KafkaLikeAdmin(None)), DLQ, 3)  # type: ignore[arg-type]
