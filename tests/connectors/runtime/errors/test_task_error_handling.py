"""Error handling in the task loops, with in-process fake tasks (Kafka's ErrorHandlingTaskTest).

Poison records in the key converter, the value converter and a transformation; retriable
failures recovered within ``errors.retry.timeout`` and exhausted after it; the dead letter
queue and the errant record reporter of sink tasks; failed sends of source tasks.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from connect_data import Schema
from connect_data.config import ConfigDef
from connect_data.errors import RetriableException
from connectors import SinkRecord, SourceRecord, TopicPartition
from connectors.runtime.errors import (
    ERROR_HEADER_EXCEPTION,
    ERROR_HEADER_ORIG_OFFSET,
    ERROR_HEADER_STAGE,
    DeadLetterQueueReporter,
    RetryWithToleranceOperator,
    SinkLogReporter,
    SourceLogReporter,
    ToleranceType,
    WorkerErrantRecordReporter,
)
from connectors.runtime.internal_sink_record import InternalSinkRecord
from connectors.runtime.offsets import MemoryOffsetBackingStore
from connectors.runtime.recordlog import ConsumerRecord, EmbeddedRecordLog, ProducerRecord
from connectors.runtime.sink_task import WorkerSinkTask
from connectors.runtime.source_task import WorkerSourceTask
from connectors.runtime.status import ConnectorTaskId, State, StatusTracker
from connectors.runtime.transformation_chain import TransformationChain, TransformationStage
from connectors.runtime.worker_task import TargetState
from connectors.transforms import Transformation
from converters.header import SimpleHeaderConverter
from converters.json import JsonConverter
from converters.string import StringConverter
from tests.connectors.runtime.test_sink_task import FakeSinkTask, committed
from tests.connectors.runtime.test_source_task import (
    FakeProducer,
    FakeSourceTask,
    stored_offset,
    wait_for,
)

SINK_ID = ConnectorTaskId("sink", 0)
SOURCE_ID = ConnectorTaskId("conn", 0)
TP0 = TopicPartition("t", 0)
DLQ = "dlq"


@pytest.fixture
def log(tmp_path: Path) -> Iterator[EmbeddedRecordLog]:
    store = EmbeddedRecordLog(tmp_path / "c.db")
    store.admin().create_topic("t", 2)
    yield store
    store.close()


def produce(log: EmbeddedRecordLog, *pairs: tuple[bytes | None, bytes | None]) -> None:
    producer = log.producer("p")
    for key, value in pairs:
        producer.send(ProducerRecord(topic="t", partition=0, key=key, value=value, timestamp=9))
    producer.flush()
    producer.close()


def json_converter(is_key: bool) -> JsonConverter:
    converter = JsonConverter()
    converter.configure({"schemas.enable": "false"}, is_key)
    return converter


def operator(
    tolerance: ToleranceType, timeout_ms: int = 0, max_delay_ms: int = 60000
) -> RetryWithToleranceOperator[Any]:
    return RetryWithToleranceOperator(timeout_ms, max_delay_ms, tolerance)


class Poisoned(Transformation[Any]):
    """Raises for the value "poison"; raises RetriableException ``retriable`` times for "flaky"."""

    def __init__(self, retriable: int = 0) -> None:
        self.retriable = retriable
        self.calls = 0

    def apply(self, record: Any) -> Any:
        self.calls += 1
        if record.value == "poison":
            raise ValueError("poisoned value")
        if record.value == "flaky" and self.retriable > 0:
            self.retriable -= 1
            raise RetriableException("try again")
        return record

    def config(self) -> ConfigDef:
        return ConfigDef()


def chain(transformation: Transformation[Any] | None) -> TransformationChain[Any]:
    return TransformationChain([TransformationStage(transformation)] if transformation else [])


def sink(
    log: EmbeddedRecordLog,
    task: FakeSinkTask,
    op: RetryWithToleranceOperator[Any],
    *,
    transformation: Transformation[Any] | None = None,
    errant: bool = False,
    status: StatusTracker | None = None,
    string_values: bool = False,
) -> WorkerSinkTask:
    header = SimpleHeaderConverter()
    header.configure({})
    key = json_converter(True)
    value: Any = json_converter(False)
    if string_values:
        value = StringConverter()
        value.configure({}, False)
    return WorkerSinkTask(
        SINK_ID,
        task,
        {"topics": "t"},
        status or StatusTracker("w"),
        TargetState.STARTED,
        key,
        value,
        header,
        chain(transformation),
        log.consumer("connect-sink", "c"),
        ["t"],
        None,
        60_000,
        retry_with_tolerance_operator=op,
        errant_record_reporter=(
            WorkerErrantRecordReporter(op, key, value, header) if errant else None
        ),
    )


def dlq_reporter(log: EmbeddedRecordLog) -> DeadLetterQueueReporter:
    log.admin().create_topic(DLQ, 1)
    return DeadLetterQueueReporter(
        log.producer("dlq"), DLQ, SINK_ID, operator(ToleranceType.ALL).metrics, context_headers=True
    )


def dlq_records(log: EmbeddedRecordLog) -> list[ConsumerRecord]:
    consumer = log.consumer("check-dlq", "check")
    tp = TopicPartition(DLQ, 0)
    consumer.assign([tp])
    end = consumer.end_offsets([tp])[tp]
    records: list[ConsumerRecord] = []
    while consumer.position(tp) < end:
        records.extend(consumer.poll(0.1))
    consumer.close()
    return records


def run_until_failed(worker_task: Any, status: StatusTracker, task_id: ConnectorTaskId) -> str:
    worker_task.start()
    assert worker_task.await_stop(10.0)
    current = status.task(task_id)
    assert current is not None and current.state is State.FAILED
    return current.trace or ""


# --------------------------------------------------------------------- sink


@pytest.mark.parametrize(
    ("poison", "stage"),
    [((b"{not json", b"2"), "KEY_CONVERTER"), ((b"2", b"{not json"), "VALUE_CONVERTER")],
)
def test_sink_skips_a_poison_record_with_tolerance_all(
    log: EmbeddedRecordLog, poison: tuple[bytes, bytes], stage: str
) -> None:
    """A record the key or value converter cannot read is skipped; the others are put and the
    skipped offset is committed with them."""
    produce(log, (b"1", b"1"), poison, (b"3", b"3"))
    task = FakeSinkTask()
    op = operator(ToleranceType.ALL)
    reporter = dlq_reporter(log)
    op.reporters([reporter])
    worker_task = sink(log, task, op)
    worker_task.initialize_and_start()
    worker_task.poll(0.5)
    assert task.values() == [1, 3]
    worker_task.commit_offsets(False, worker_task._consumer.assignment())
    assert committed(log)[TP0] == 3
    worker_task.close()
    (dead,) = dlq_records(log)
    assert (dead.key, dead.value) == poison
    headers = dict(dead.headers)
    assert headers[ERROR_HEADER_STAGE] == stage.encode()
    assert headers[ERROR_HEADER_ORIG_OFFSET] == b"1"
    assert headers[ERROR_HEADER_EXCEPTION] == b"org.apache.kafka.connect.errors.DataException"
    assert op.metrics.records_skipped == 1


def test_sink_fails_on_a_poison_record_without_tolerance(log: EmbeddedRecordLog) -> None:
    """With errors.tolerance=none the task fails; its trace names the reason; nothing past the
    poison record is committed."""
    produce(log, (b"1", b"1"), (b"2", b"{not json"), (b"3", b"3"))
    task = FakeSinkTask()
    status = StatusTracker("w")
    worker_task = sink(log, task, operator(ToleranceType.NONE), status=status)
    trace = run_until_failed(worker_task, status, SINK_ID)
    assert "Tolerance exceeded in error handler" in trace
    assert "DataException: Converting byte[] to Kafka Connect data failed" in trace
    assert task.values() == []
    assert (committed(log)[TP0] or 0) == 0


def test_sink_skips_a_record_a_transformation_fails_on(log: EmbeddedRecordLog) -> None:
    """A transformation raising on one record skips only that record with tolerance all."""
    produce(log, (None, b'"a"'), (None, b'"poison"'), (None, b'"b"'))
    task = FakeSinkTask()
    op = operator(ToleranceType.ALL)
    worker_task = sink(log, task, op, transformation=Poisoned())
    worker_task.initialize_and_start()
    worker_task.poll(0.5)
    assert task.values() == ["a", "b"]
    worker_task.close()


def test_sink_transformation_failure_without_tolerance_fails(log: EmbeddedRecordLog) -> None:
    """A transformation error fails the task with tolerance none."""
    produce(log, (None, b'"poison"'))
    status = StatusTracker("w")
    worker_task = sink(
        log, FakeSinkTask(), operator(ToleranceType.NONE), transformation=Poisoned(), status=status
    )
    trace = run_until_failed(worker_task, status, SINK_ID)
    assert "Tolerance exceeded in error handler" in trace and "poisoned value" in trace


def test_a_retriable_failure_recovers_within_the_timeout(log: EmbeddedRecordLog) -> None:
    """A RetriableException retried within errors.retry.timeout delivers the record."""
    produce(log, (None, b'"flaky"'))
    task = FakeSinkTask()
    transformation = Poisoned(retriable=1)
    worker_task = sink(
        log, task, operator(ToleranceType.NONE, 5000, 50), transformation=transformation
    )
    worker_task.initialize_and_start()
    worker_task.poll(0.5)
    assert task.values() == ["flaky"] and transformation.calls == 2
    worker_task.close()


@pytest.mark.parametrize("tolerance", [ToleranceType.ALL, ToleranceType.NONE])
def test_a_retriable_failure_exhausted_after_the_timeout(
    log: EmbeddedRecordLog, tolerance: ToleranceType
) -> None:
    """Retries that run past errors.retry.timeout skip the record (all) or fail the task (none)."""
    produce(log, (None, b'"flaky"'), (None, b'"next"'))
    task = FakeSinkTask()
    status = StatusTracker("w")
    transformation = Poisoned(retriable=1000)
    worker_task = sink(
        log,
        task,
        operator(tolerance, 200, 20),
        transformation=transformation,
        status=status,
    )
    if tolerance is ToleranceType.ALL:
        worker_task.initialize_and_start()
        worker_task.poll(0.5)
        assert task.values() == ["next"]
        assert transformation.calls > 2
        worker_task.close()
    else:
        trace = run_until_failed(worker_task, status, SINK_ID)
        assert "Tolerance exceeded in error handler" in trace and "try again" in trace
        assert task.values() == []


class ReportingSinkTask(FakeSinkTask):
    """Reports every record whose value is "bad" through the errant record reporter."""

    def put(self, records: Collection[SinkRecord]) -> None:
        reporter = self.context.errant_record_reporter()
        assert reporter is not None
        good = []
        for record in records:
            if record.value == "bad":
                reporter.report(record, ValueError("cannot store bad"))
            else:
                good.append(record)
        super().put(good)

    def flush(self, current_offsets: Mapping[TopicPartition, Any]) -> None:
        super().flush(current_offsets)


def test_errant_records_reported_by_the_task_reach_the_dlq(log: EmbeddedRecordLog) -> None:
    """A record reported from put goes to the DLQ as it was read, before offsets are committed."""
    produce(log, (None, b"good"), (b'"k"', b"bad"))
    task = ReportingSinkTask()
    op = operator(ToleranceType.ALL)
    op.reporters([dlq_reporter(log)])
    worker_task = sink(log, task, op, errant=True, string_values=True)
    worker_task.initialize_and_start()
    worker_task.poll(0.5)
    assert isinstance(task.put_batches[0][0], InternalSinkRecord)
    worker_task.commit_offsets(False, worker_task._consumer.assignment())
    (dead,) = dlq_records(log)
    assert (dead.key, dead.value) == (b'"k"', b"bad")
    assert dict(dead.headers)[ERROR_HEADER_STAGE] == b"TASK_PUT"
    assert committed(log)[TP0] == 2
    worker_task.close()


def test_the_log_reporter_logs_each_failure_when_enabled(
    log: EmbeddedRecordLog, caplog: pytest.LogCaptureFixture
) -> None:
    """errors.log.enable: one ERROR line per skipped record, naming the task and stage."""
    produce(log, (None, b"{"), (None, b"["))
    op = operator(ToleranceType.ALL)
    op.reporters([SinkLogReporter(SINK_ID, True, False, op.metrics)])
    worker_task = sink(log, FakeSinkTask(), op)
    worker_task.initialize_and_start()
    with caplog.at_level(logging.ERROR, logger="connectors.runtime.errors"):
        worker_task.poll(0.5)
    worker_task.close()
    lines = [
        r.getMessage() for r in caplog.records if r.name.startswith("connectors.runtime.errors")
    ]
    assert (
        lines
        == [
            "Error encountered in task sink-0. Executing stage 'VALUE_CONVERTER' with class "
            "'org.apache.kafka.connect.json.JsonConverter'."
        ]
        * 2
    )


# --------------------------------------------------------------------- source


def source(
    task: FakeSourceTask,
    producer: Any,
    store: Any,
    op: RetryWithToleranceOperator[Any],
    *,
    transformation: Transformation[Any] | None = None,
    status: StatusTracker | None = None,
) -> WorkerSourceTask:
    key = StringConverter()
    key.configure({}, True)
    header = SimpleHeaderConverter()
    header.configure({})
    value = JsonConverter()
    value.configure({"schemas.enable": "true"}, False)
    return WorkerSourceTask(
        SOURCE_ID,
        task,
        {},
        status or StatusTracker("w"),
        TargetState.STARTED,
        key,
        value,
        header,
        chain(transformation),
        producer,
        store,
        1000,
        retry_with_tolerance_operator=op,
    )


def int_record(n: int, value: Any) -> SourceRecord:
    return SourceRecord(
        source_partition={"s": "a"},
        source_offset={"n": n},
        topic="t",
        value_schema=Schema.INT32_SCHEMA,
        value=value,
    )


def test_source_skips_a_record_it_cannot_convert_and_commits_its_offset(
    log: EmbeddedRecordLog,
) -> None:
    """tolerance=all: the poison record is not written, later ones are, and the offset of the
    last record (past the poison one) is committed."""
    task = FakeSourceTask([[int_record(0, 1), int_record(1, "not an int"), int_record(2, 3)]])
    store = log.offset_store()
    op = operator(ToleranceType.ALL)
    worker_task = source(task, log.producer("p"), store, op)
    worker_task.start()
    wait_for(lambda: len(task.committed) == 3)
    worker_task.stop()
    assert worker_task.await_stop(5.0)
    assert stored_offset(store) == {"n": 2}
    skipped = [r for r, metadata in task.committed if metadata is None]
    assert [r.value for r in skipped] == ["not an int"]
    consumer = log.consumer("check", "check")
    consumer.assign([TopicPartition("t", 0), TopicPartition("t", 1)])
    values = sorted(r.value or b"" for r in consumer.poll(0.5))
    consumer.close()
    assert values == [
        b'{"schema":{"type":"int32","optional":false},"payload":1}',
        b'{"schema":{"type":"int32","optional":false},"payload":3}',
    ]


def test_source_fails_on_a_poison_record_without_tolerance() -> None:
    """tolerance=none: the task fails with the reason; the poison record's offset is not
    committed."""
    task = FakeSourceTask([[int_record(0, 1), int_record(1, "not an int")]])
    producer, store = FakeProducer(), MemoryOffsetBackingStore()
    status = StatusTracker("w")
    worker_task = source(task, producer, store, operator(ToleranceType.NONE), status=status)
    trace = run_until_failed(worker_task, status, SOURCE_ID)
    assert "Tolerance exceeded in error handler" in trace
    assert "DataException: Invalid type for INT32" in trace
    assert [r.value for r, _ in producer.sent] != []  # the first record was sent
    assert stored_offset(store) is None  # never acknowledged, and the poison one not skipped


def test_source_skips_a_record_a_transformation_fails_on() -> None:
    """A transformation error skips the record with tolerance all, logged when enabled."""
    record = SourceRecord(
        source_partition={"s": "a"}, source_offset={"n": 0}, topic="t", value="poison"
    )
    task = FakeSourceTask([[record]])
    producer, store = FakeProducer(), MemoryOffsetBackingStore()
    op = operator(ToleranceType.ALL)
    op.reporters([SourceLogReporter(SOURCE_ID, True, True, op.metrics)])
    worker_task = source(task, producer, store, op, transformation=Poisoned())
    worker_task.initialize_and_start()
    worker_task.to_send = worker_task.poll()
    assert worker_task.send_records()
    assert producer.sent == [] and op.metrics.errors_logged == 1
    worker_task.update_committable_offsets()
    worker_task.commit_offsets()
    assert stored_offset(store) == {"n": 0}


@pytest.mark.parametrize("tolerance", [ToleranceType.ALL, ToleranceType.NONE])
def test_a_send_the_log_refuses(tolerance: ToleranceType) -> None:
    """An asynchronous send failure is skipped with tolerance all (offset committed) and fails
    the task with none."""
    task = FakeSourceTask([[int_record(0, 1)]])
    producer, store = FakeProducer(), MemoryOffsetBackingStore()
    op = operator(tolerance)
    worker_task = source(task, producer, store, op)
    worker_task.initialize_and_start()
    worker_task.to_send = worker_task.poll()
    assert worker_task.send_records()
    producer.ack(0, OSError("broker says no"))
    worker_task.update_committable_offsets()
    if tolerance is ToleranceType.ALL:
        worker_task.commit_offsets()
        assert stored_offset(store) == {"n": 0}
        assert task.committed[0][1] is None
        assert op.metrics.record_failures == 1
    else:
        with pytest.raises(Exception, match="Unrecoverable exception from producer send callback"):
            worker_task._maybe_throw_producer_send_exception()
