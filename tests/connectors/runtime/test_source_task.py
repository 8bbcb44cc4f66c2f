"""Tests of connectors.runtime.source_task: the at-least-once and exactly-once source loops."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from connect_data import Schema
from connect_data.errors import ConnectException, RetriableException
from connectors import RecordMetadata, SourceRecord, SourceTask, TopicPartition
from connectors.runtime.offsets import MemoryOffsetBackingStore, OffsetStorageReaderImpl
from connectors.runtime.recordlog import (
    DeliveryCallback,
    EmbeddedRecordLog,
    Producer,
    ProducerRecord,
)
from connectors.runtime.source_task import (
    AbstractWorkerSourceTask,
    ExactlyOnceWorkerSourceTask,
    WorkerSourceTask,
)
from connectors.runtime.status import ConnectorTaskId, State, StatusTracker
from connectors.runtime.transformation_chain import TransformationChain, TransformationStage
from connectors.runtime.worker_task import TargetState
from connectors.transforms import Transformation
from converters.header import SimpleHeaderConverter
from converters.string import StringConverter

TASK_ID = ConnectorTaskId("conn", 0)


class FakeSourceTask(SourceTask):
    """Returns the batches it was given, one per poll, then None."""

    def __init__(self, batches: list[list[SourceRecord]] | None = None) -> None:
        self.batches = list(batches or [])
        self.committed: list[tuple[SourceRecord, RecordMetadata | None]] = []
        self.commits = 0
        self.started_with: dict[str, str] | None = None
        self.stopped = False
        self.poll_error: BaseException | None = None
        self.resumed_offset: Any = None

    def start(self, props: Mapping[str, str]) -> None:
        self.started_with = dict(props)
        self.resumed_offset = self.context.offset_storage_reader().offset({"s": "a"})

    def poll(self) -> list[SourceRecord] | None:
        if self.poll_error is not None:
            error, self.poll_error = self.poll_error, None
            raise error
        if self.batches:
            return self.batches.pop(0)
        time.sleep(0.005)
        return None

    def commit(self) -> None:
        self.commits += 1

    def commit_record(self, record: SourceRecord, metadata: RecordMetadata | None) -> None:
        self.committed.append((record, metadata))

    def stop(self) -> None:
        self.stopped = True


class FakeProducer(Producer):
    """Holds sends until the test acknowledges them."""

    def __init__(self) -> None:
        self.sent: list[tuple[ProducerRecord, DeliveryCallback | None]] = []
        self.fail_at_call: int | None = None
        self.failure: Exception = RetriableException("buffer full")
        self.calls = 0
        self.closed = False

    def send(self, record: ProducerRecord, callback: DeliveryCallback | None = None) -> None:
        self.calls += 1
        if self.fail_at_call == self.calls:
            raise self.failure
        self.sent.append((record, callback))

    def ack(self, index: int, error: BaseException | None = None) -> None:
        record, callback = self.sent[index]
        assert callback is not None
        if error is not None:
            callback(None, error)
        else:
            callback(RecordMetadata(topic=record.topic, partition=0, offset=index), None)

    def flush(self, timeout: float | None = None) -> bool:
        return True

    def close(self, timeout: float | None = None) -> None:
        self.closed = True


def record(n: int, partition: str = "a", topic: str = "t") -> SourceRecord:
    return SourceRecord(
        source_partition={"s": partition},
        source_offset={"n": n},
        topic=topic,
        value_schema=Schema.STRING_SCHEMA,
        value=f"{partition}{n}",
    )


def converters() -> tuple[StringConverter, StringConverter, SimpleHeaderConverter]:
    key, value = StringConverter(), StringConverter()
    key.configure({}, True)
    value.configure({}, False)
    header = SimpleHeaderConverter()
    header.configure({})
    return key, value, header


def build(
    cls: type[AbstractWorkerSourceTask],
    task: SourceTask,
    producer: Producer,
    store: Any,
    status: StatusTracker | None = None,
    chain: TransformationChain[SourceRecord] | None = None,
    **kwargs: Any,
) -> Any:
    key, value, header = converters()
    return cls(
        TASK_ID,
        task,
        {"k": "v"},
        status or StatusTracker("w"),
        TargetState.STARTED,
        key,
        value,
        header,
        chain or TransformationChain(),
        producer,
        store,
        1000,
        **kwargs,
    )


def stored_offset(store: Any, partition: str = "a") -> Any:
    return OffsetStorageReaderImpl(store, "conn").offset({"s": partition})


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.005)


def task_state(status: StatusTracker) -> State | None:
    """The state of the task under test, or None before it reports one."""
    current = status.task(TASK_ID)
    return None if current is None else current.state


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[EmbeddedRecordLog]:
    log = EmbeddedRecordLog(tmp_path / "c.db")
    yield log
    log.close()


# --------------------------------------------------------------------- at least once


def test_offsets_are_committed_only_for_acknowledged_records() -> None:
    """An offset is committed once its record and all earlier ones of its partition were acked."""
    task = FakeSourceTask([[record(1), record(2), record(1, "b")]])
    producer, store = FakeProducer(), MemoryOffsetBackingStore()
    worker_task = build(WorkerSourceTask, task, producer, store)
    worker_task.initialize_and_start()
    assert task.started_with == {"k": "v"} and task.resumed_offset is None
    worker_task.to_send = worker_task.poll()
    assert worker_task.send_records()
    assert [r.value for r, _ in producer.sent] == [b"a1", b"a2", b"b1"]
    producer.ack(1)
    producer.ack(2)
    worker_task.update_committable_offsets()
    worker_task.commit_offsets()
    assert stored_offset(store) is None
    assert stored_offset(store, "b") == {"n": 1}
    producer.ack(0)
    worker_task.update_committable_offsets()
    worker_task.commit_offsets()
    assert stored_offset(store) == {"n": 2}
    assert task.commits == 2
    assert [(r.value, m.offset if m else None) for r, m in task.committed] == [
        ("a2", 1),
        ("b1", 2),
        ("a1", 0),
    ]


class _DropOdd(Transformation[SourceRecord]):
    def apply(self, record: SourceRecord) -> SourceRecord | None:
        return None if record.source_offset and record.source_offset["n"] % 2 else record

    def config(self) -> Any:
        from connect_data.config import ConfigDef

        return ConfigDef()


def test_dropped_records_still_commit_their_offsets() -> None:
    """A record a transformation drops is never sent, but its offset is committed."""
    task = FakeSourceTask([[record(0), record(1)]])
    producer, store = FakeProducer(), MemoryOffsetBackingStore()
    chain = TransformationChain([TransformationStage(_DropOdd())])
    worker_task = build(WorkerSourceTask, task, producer, store, chain=chain)
    worker_task.initialize_and_start()
    worker_task.to_send = worker_task.poll()
    worker_task.send_records()
    assert len(producer.sent) == 1
    assert task.committed == [(record(1), None)]
    producer.ack(0)
    worker_task.update_committable_offsets()
    worker_task.commit_offsets()
    assert stored_offset(store) == {"n": 1}


def test_retriable_send_failure_resends_only_the_rest() -> None:
    """After a RetriableException from send, the unsent records are sent again, once."""
    task = FakeSourceTask([[record(0), record(1), record(2)]])
    producer, store = FakeProducer(), MemoryOffsetBackingStore()
    worker_task = build(WorkerSourceTask, task, producer, store)
    worker_task.initialize_and_start()
    worker_task.to_send = worker_task.poll()
    producer.fail_at_call = 2
    assert not worker_task.send_records()
    assert [r.source_offset for r in worker_task.to_send] == [{"n": 1}, {"n": 2}]
    assert worker_task.send_records()
    assert [r.value for r, _ in producer.sent] == [b"a0", b"a1", b"a2"]
    for i in range(3):
        producer.ack(i)
    worker_task.update_committable_offsets()
    worker_task.commit_offsets()
    assert stored_offset(store) == {"n": 2}


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (ValueError("record too large"), "Unrecoverable exception trying to send"),
        (ConnectException("refused"), "refused"),
    ],
)
def test_unrecoverable_send_failure_fails_with_a_connect_exception(
    failure: Exception, message: str
) -> None:
    """A non-retriable send error is wrapped in a ConnectException, as Java does (kept if one)."""
    task = FakeSourceTask([[record(0), record(1)]])
    producer, store = FakeProducer(), MemoryOffsetBackingStore()
    worker_task = build(WorkerSourceTask, task, producer, store)
    worker_task.initialize_and_start()
    worker_task.to_send = worker_task.poll()
    producer.fail_at_call, producer.failure = 2, failure
    with pytest.raises(ConnectException, match=message) as raised:
        worker_task.send_records()
    if not isinstance(failure, ConnectException):
        assert raised.value.__cause__ is failure


def test_retriable_poll_failure_polls_again(embedded: EmbeddedRecordLog) -> None:
    """A RetriableException from poll is logged and the task keeps running."""
    task = FakeSourceTask([[record(0)]])
    task.poll_error = RetriableException("try later")
    status = StatusTracker("w")
    worker_task = build(
        WorkerSourceTask, task, embedded.producer("p"), embedded.offset_store(), status
    )
    worker_task.start()
    wait_for(lambda: len(task.committed) == 1)
    worker_task.stop()
    assert worker_task.await_stop(5.0)
    assert task_state(status) is State.UNASSIGNED


def test_stop_commits_the_final_offsets(embedded: EmbeddedRecordLog) -> None:
    """A running task stopped cleanly commits the offsets of everything stored and calls commit()."""
    task = FakeSourceTask([[record(i) for i in range(50)], [record(50)]])
    status = StatusTracker("w")
    states: list[State] = []
    status.add_listener(lambda s: states.append(s.state))
    store = embedded.offset_store()
    worker_task = build(WorkerSourceTask, task, embedded.producer("p"), store, status)
    worker_task.start()
    wait_for(lambda: len(task.committed) == 51)
    worker_task.stop()
    assert worker_task.await_stop(5.0)
    assert stored_offset(store) == {"n": 50}
    assert task.commits >= 1 and task.stopped
    assert states == [State.RUNNING, State.UNASSIGNED]
    assert worker_task.metrics.processed == 51 and worker_task.metrics.stored == 51


def test_failing_poll_marks_the_task_failed_with_its_trace(embedded: EmbeddedRecordLog) -> None:
    """An exception from poll fails the task; acknowledged offsets are still committed."""
    task = FakeSourceTask([[record(0), record(1)]])
    status = StatusTracker("w")
    store = embedded.offset_store()
    worker_task = build(WorkerSourceTask, task, embedded.producer("p"), store, status)
    worker_task.start()
    wait_for(lambda: len(task.committed) == 2)
    task.poll_error = ValueError("source is gone")
    assert worker_task.await_stop(5.0)
    current = status.task(TASK_ID)
    assert current is not None and current.state is State.FAILED
    assert current.trace is not None and "ValueError: source is gone" in current.trace
    assert stored_offset(store) == {"n": 1}
    assert task.stopped


def test_converter_failure_fails_the_task(embedded: EmbeddedRecordLog) -> None:
    """A value the converter cannot write fails the task with Kafka's tolerance message."""
    bad = SourceRecord(topic="t", value_schema=Schema.INT32_SCHEMA, value="not an int")
    task = FakeSourceTask([[bad]])
    status = StatusTracker("w")
    key, _, header = converters()
    from converters.json import JsonConverter

    json_converter = JsonConverter()
    json_converter.configure({"schemas.enable": "true"}, False)
    worker_task = WorkerSourceTask(
        TASK_ID,
        task,
        {},
        status,
        TargetState.STARTED,
        key,
        json_converter,
        header,
        TransformationChain(),
        embedded.producer("p"),
        embedded.offset_store(),
        1000,
    )
    worker_task.start()
    assert worker_task.await_stop(5.0)
    current = status.task(TASK_ID)
    assert current is not None and current.state is State.FAILED
    assert "Tolerance exceeded in error handler" in (current.trace or "")


def test_record_timestamps_are_checked_as_kafka_does(embedded: EmbeddedRecordLog) -> None:
    """-1 is sent as no timestamp, 0 and up as given; any other negative fails the task."""
    stamped = [
        SourceRecord(topic="t", value_schema=Schema.STRING_SCHEMA, value=str(ts), timestamp=ts)
        for ts in (-1, 0, 5, -2)
    ]
    task = FakeSourceTask([stamped[:3], stamped[3:]])
    status = StatusTracker("w")
    worker_task = build(
        WorkerSourceTask, task, embedded.producer("p"), MemoryOffsetBackingStore(), status
    )
    worker_task.start()
    assert worker_task.await_stop(5.0)
    current = status.task(TASK_ID)
    assert current is not None and current.state is State.FAILED
    assert "ConnectException: Invalid record timestamp -2" in (current.trace or "")
    consumer = embedded.consumer("check", "check")
    consumer.assign([TopicPartition("t", 0)])
    got = consumer.poll(1.0)
    consumer.close()
    assert [(r.value, r.timestamp) for r in got][1:] == [(b"0", 0), (b"5", 5)]
    assert got[0].value == b"-1" and got[0].timestamp > 0  # the log's own time


def test_asynchronous_send_failure_fails_the_task() -> None:
    """A record the log reports as failed makes the next iteration raise."""
    task = FakeSourceTask([[record(0)]])
    producer, store = FakeProducer(), MemoryOffsetBackingStore()
    worker_task = build(WorkerSourceTask, task, producer, store)
    worker_task.initialize_and_start()
    worker_task.to_send = worker_task.poll()
    worker_task.send_records()
    producer.ack(0, OSError("disk full"))
    with pytest.raises(
        ConnectException, match="Unrecoverable exception from producer send callback"
    ):
        worker_task._maybe_throw_producer_send_exception()
    worker_task.update_committable_offsets()
    worker_task.commit_offsets()
    assert stored_offset(store) is None


def test_paused_task_stops_polling(embedded: EmbeddedRecordLog) -> None:
    """A paused task reports PAUSED and polls nothing until resumed."""
    task = FakeSourceTask()
    status = StatusTracker("w")
    worker_task = build(
        WorkerSourceTask, task, embedded.producer("p"), embedded.offset_store(), status
    )
    worker_task.start()
    wait_for(lambda: task_state(status) is State.RUNNING)
    worker_task.transition_to(TargetState.PAUSED)
    wait_for(lambda: task_state(status) is State.PAUSED)
    task.batches.append([record(0)])
    time.sleep(0.05)
    assert task.batches
    worker_task.transition_to(TargetState.STARTED)
    wait_for(lambda: not task.batches and len(task.committed) == 1)
    worker_task.stop()
    assert worker_task.await_stop(5.0)


def test_restarted_task_reads_its_committed_offset(embedded: EmbeddedRecordLog) -> None:
    """The offset reader gives a restarted task exactly what was committed."""
    task = FakeSourceTask([[record(0), record(1), record(2)]])
    worker_task = build(WorkerSourceTask, task, embedded.producer("p"), embedded.offset_store())
    worker_task.start()
    wait_for(lambda: len(task.committed) == 3)
    worker_task.stop()
    assert worker_task.await_stop(5.0)
    again = FakeSourceTask()
    second = build(WorkerSourceTask, again, embedded.producer("p"), embedded.offset_store())
    second.initialize_and_start()
    assert again.resumed_offset == {"n": 2}
    second.close()


# --------------------------------------------------------------------- exactly once


def _topic_values(log: EmbeddedRecordLog, topic: str = "t") -> list[bytes | None]:
    consumer = log.consumer("check", "check")
    consumer.assign([TopicPartition(topic, 0)])
    values: list[bytes | None] = []
    while True:
        batch = consumer.poll(0.05)
        if not batch:
            break
        values.extend(r.value for r in batch)
    consumer.close()
    return values


def test_exactly_once_commits_each_poll_batch_with_its_offsets(embedded: EmbeddedRecordLog) -> None:
    """With transaction.boundary=poll each batch and its offsets are committed together."""
    task = FakeSourceTask([[record(0), record(1)], [record(2, "b")]])
    store = embedded.offset_store()
    worker_task = build(ExactlyOnceWorkerSourceTask, task, embedded.producer("p"), store)
    worker_task.initialize_and_start()
    worker_task.to_send = worker_task.poll()
    worker_task.send_records()
    assert task.committed == [] and stored_offset(store) is None
    worker_task.batch_dispatched()
    assert _topic_values(embedded) == [b"a0", b"a1"]
    assert stored_offset(store) == {"n": 1} and stored_offset(store, "b") is None
    assert [m.offset for _, m in task.committed if m] == [0, 1] and task.commits == 1
    worker_task.to_send = worker_task.poll()
    worker_task.send_records()
    worker_task.batch_dispatched()
    assert stored_offset(store, "b") == {"n": 2}
    worker_task.close()


def test_exactly_once_interval_boundary(embedded: EmbeddedRecordLog) -> None:
    """With transaction.boundary=interval, batches are committed when the interval passed."""
    task = FakeSourceTask([[record(0)], [record(1)]])
    store = embedded.offset_store()
    worker_task = build(
        ExactlyOnceWorkerSourceTask,
        task,
        embedded.producer("p"),
        store,
        transaction_boundary="interval",
        transaction_interval_ms=60_000,
    )
    worker_task.initialize_and_start()
    worker_task.prepare_to_enter_send_loop()
    for _ in range(2):
        worker_task.begin_send_iteration()
        worker_task.to_send = worker_task.poll()
        worker_task.send_records()
        worker_task.batch_dispatched()
    assert stored_offset(store) is None
    worker_task._next_commit = 0.0
    worker_task.begin_send_iteration()
    assert stored_offset(store) == {"n": 1} and _topic_values(embedded) == [b"a0", b"a1"]
    worker_task.close()


def test_exactly_once_failure_aborts_the_open_transaction(embedded: EmbeddedRecordLog) -> None:
    """A task failing mid-transaction stores neither the records nor their offsets."""
    task = FakeSourceTask([[record(0)]])
    store = embedded.offset_store()
    worker_task = build(
        ExactlyOnceWorkerSourceTask,
        task,
        embedded.producer("p"),
        store,
        transaction_boundary="interval",
        transaction_interval_ms=60_000,
    )
    worker_task.initialize_and_start()
    worker_task.to_send = worker_task.poll()
    worker_task.send_records()
    worker_task.final_offset_commit(True)
    assert stored_offset(store) is None and "t" not in embedded.topics()
    worker_task.close()


def test_exactly_once_dropped_records_commit_their_offsets(embedded: EmbeddedRecordLog) -> None:
    """Offsets of dropped records go into the transaction too."""
    task = FakeSourceTask([[record(0), record(1)]])
    store = embedded.offset_store()
    chain = TransformationChain([TransformationStage(_DropOdd())])
    worker_task = build(
        ExactlyOnceWorkerSourceTask, task, embedded.producer("p"), store, chain=chain
    )
    worker_task.initialize_and_start()
    worker_task.to_send = worker_task.poll()
    worker_task.send_records()
    worker_task.batch_dispatched()
    assert stored_offset(store) == {"n": 1} and _topic_values(embedded) == [b"a0"]
    worker_task.close()


def test_exactly_once_needs_a_transactional_producer() -> None:
    """Building the exactly-once loop on a non-transactional producer fails clearly."""
    with pytest.raises(ConnectException, match="transactional producer"):
        build(
            ExactlyOnceWorkerSourceTask,
            FakeSourceTask(),
            FakeProducer(),
            MemoryOffsetBackingStore(),
        )


class BlockingSourceTask(FakeSourceTask):
    """A poll that blocks until stop() is called."""

    def start(self, props: Mapping[str, str]) -> None:
        super().start(props)
        import threading

        self.released = threading.Event()

    def poll(self) -> list[SourceRecord] | None:
        self.released.wait(30)
        return None

    def stop(self) -> None:
        super().stop()
        self.released.set()


def test_stop_unblocks_a_blocked_poll(embedded: EmbeddedRecordLog) -> None:
    """stop() calls the task's stop() at once, from another thread, so a blocked poll returns."""
    task = BlockingSourceTask()
    status = StatusTracker("w")
    worker_task = build(
        WorkerSourceTask, task, embedded.producer("p"), embedded.offset_store(), status
    )
    worker_task.start()
    wait_for(lambda: status.task(TASK_ID) is not None)
    started = time.monotonic()
    worker_task.stop()
    assert worker_task.await_stop(5.0)
    assert time.monotonic() - started < 2.0
    assert task.stopped
