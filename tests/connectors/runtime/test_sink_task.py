"""Tests of connectors.runtime.sink_task: the sink loop and the sink task context."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from connect_data.errors import RetriableException
from connectors import OffsetAndMetadata, SinkRecord, SinkTask, TimestampType, TopicPartition
from connectors.errors import IllegalWorkerStateException
from connectors.runtime.recordlog import EmbeddedRecordLog, ProducerRecord
from connectors.runtime.sink_task import WorkerSinkTask
from connectors.runtime.status import ConnectorTaskId, State, StatusTracker
from connectors.runtime.transformation_chain import TransformationChain, TransformationStage
from connectors.runtime.worker_task import TargetState
from connectors.transforms import Transformation
from converters.header import SimpleHeaderConverter
from converters.string import StringConverter

TASK_ID = ConnectorTaskId("sink", 0)
TP0 = TopicPartition("t", 0)
TP1 = TopicPartition("t", 1)


class FakeSinkTask(SinkTask):
    """Records every call; behaviour is steered by attributes."""

    def __init__(self) -> None:
        self.put_batches: list[list[SinkRecord]] = []
        self.calls: list[str] = []
        self.flushed: list[dict[TopicPartition, OffsetAndMetadata]] = []
        self.put_error: BaseException | None = None
        self.pre_commit_answer: dict[TopicPartition, Any] | None = None
        self.pre_commit_error: BaseException | None = None
        self.on_open: Callable[[Collection[TopicPartition]], None] | None = None
        self.on_put: Callable[[list[SinkRecord]], None] | None = None

    def start(self, props: Mapping[str, str]) -> None:
        self.calls.append("start")

    def open(self, partitions: Collection[TopicPartition]) -> None:
        self.calls.append(f"open {sorted(partitions)}")
        if self.on_open is not None:
            self.on_open(partitions)

    def put(self, records: Collection[SinkRecord]) -> None:
        if self.put_error is not None:
            error, self.put_error = self.put_error, None
            raise error
        batch = list(records)
        if batch:
            self.put_batches.append(batch)
        if self.on_put is not None:
            self.on_put(batch)

    def flush(self, current_offsets: Mapping[TopicPartition, OffsetAndMetadata]) -> None:
        self.flushed.append(dict(current_offsets))

    def pre_commit(
        self, current_offsets: Mapping[TopicPartition, OffsetAndMetadata]
    ) -> dict[TopicPartition, OffsetAndMetadata]:
        self.calls.append("pre_commit")
        if self.pre_commit_error is not None:
            error, self.pre_commit_error = self.pre_commit_error, None
            raise error
        if self.pre_commit_answer is not None:
            return self.pre_commit_answer
        return super().pre_commit(current_offsets)

    def close(self, partitions: Collection[TopicPartition]) -> None:
        self.calls.append(f"close {sorted(partitions)}")

    def stop(self) -> None:
        self.calls.append("stop")

    def values(self) -> list[Any]:
        return [r.value for batch in self.put_batches for r in batch]


@pytest.fixture
def log(tmp_path: Path) -> Iterator[EmbeddedRecordLog]:
    store = EmbeddedRecordLog(tmp_path / "c.db")
    store.admin().create_topic("t", 2)
    yield store
    store.close()


def produce(log: EmbeddedRecordLog, partition: int, *values: str, headers: Any = ()) -> None:
    producer = log.producer("p")
    for value in values:
        producer.send(
            ProducerRecord(
                topic="t",
                partition=partition,
                key=b"k",
                value=value.encode(),
                timestamp=77,
                headers=headers,
            )
        )
    producer.flush()
    producer.close()


def build(
    log: EmbeddedRecordLog,
    task: SinkTask,
    status: StatusTracker | None = None,
    chain: TransformationChain[SinkRecord] | None = None,
    interval_ms: int = 60_000,
) -> WorkerSinkTask:
    key, value = StringConverter(), StringConverter()
    key.configure({}, True)
    value.configure({}, False)
    header = SimpleHeaderConverter()
    header.configure({})
    return WorkerSinkTask(
        TASK_ID,
        task,
        {"topics": "t"},
        status or StatusTracker("w"),
        TargetState.STARTED,
        key,
        value,
        header,
        chain or TransformationChain(),
        log.consumer("connect-sink", "c"),
        ["t"],
        None,
        interval_ms,
    )


def committed(log: EmbeddedRecordLog) -> dict[TopicPartition, int | None]:
    consumer = log.consumer("connect-sink", "check")
    result = consumer.committed([TP0, TP1])
    consumer.close()
    return {tp: None if om is None else om.offset for tp, om in result.items()}


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.005)


def task_state(status: StatusTracker) -> State | None:
    """The state of the task under test, or None before it reports one."""
    current = status.task(TASK_ID)
    return None if current is None else current.state


def test_records_are_converted_and_put(log: EmbeddedRecordLog) -> None:
    """put receives SinkRecords with topic, partition, offset, timestamp, key, value, headers."""
    produce(log, 0, "a", "b", headers=[("h", b"42")])
    task = FakeSinkTask()
    worker_task = build(log, task)
    worker_task.initialize_and_start()
    worker_task.poll(0.5)
    assert task.calls[:2] == ["start", f"open {[TP0, TP1]}"]
    first = task.put_batches[0][0]
    assert (first.topic, first.kafka_partition, first.kafka_offset) == ("t", 0, 0)
    assert (first.key, first.value, first.timestamp) == ("k", "a", 77)
    assert first.timestamp_type is TimestampType.CREATE_TIME
    header = first.headers.last_with_name("h")
    assert header is not None and header.value() == 42
    assert task.values() == ["a", "b"]
    worker_task.close()


def test_commit_flushes_then_commits_what_was_put(log: EmbeddedRecordLog) -> None:
    """A commit calls pre_commit (flush by default) and commits the next offset to read."""
    produce(log, 0, "a", "b")
    produce(log, 1, "c")
    task = FakeSinkTask()
    worker_task = build(log, task)
    worker_task.initialize_and_start()
    worker_task.poll(0.5)
    worker_task.poll(0.05)
    worker_task.commit_offsets(False, worker_task._consumer.assignment())
    assert task.flushed[-1] == {TP0: OffsetAndMetadata(2), TP1: OffsetAndMetadata(1)}
    assert committed(log) == {TP0: 2, TP1: 1}
    worker_task.close()


def test_pre_commit_decides_what_is_committed(log: EmbeddedRecordLog) -> None:
    """Offsets from pre_commit are committed; those not yet consumed or not assigned are ignored."""
    produce(log, 0, "a", "b", "c")
    produce(log, 1, "d")
    task = FakeSinkTask()
    worker_task = build(log, task)
    worker_task.initialize_and_start()
    worker_task.poll(0.5)
    worker_task.poll(0.05)
    task.pre_commit_answer = {
        TP0: OffsetAndMetadata(1),
        TP1: OffsetAndMetadata(5),
        TopicPartition("other", 0): OffsetAndMetadata(1),
    }
    worker_task.commit_offsets(False, worker_task._consumer.assignment())
    # as in Kafka, partitions without a usable answer keep their last committed position
    assert committed(log) == {TP0: 1, TP1: 0}
    task.pre_commit_answer = {}
    worker_task.commit_offsets(False, worker_task._consumer.assignment())
    assert committed(log) == {TP0: 1, TP1: 0}
    worker_task.close()


def test_failed_pre_commit_rewinds_to_the_last_commit(log: EmbeddedRecordLog) -> None:
    """When pre_commit raises, the records since the last commit are read again."""
    produce(log, 0, "a", "b")
    task = FakeSinkTask()
    worker_task = build(log, task)
    worker_task.initialize_and_start()
    worker_task.poll(0.5)
    task.pre_commit_error = OSError("cannot flush")
    worker_task.commit_offsets(False, worker_task._consumer.assignment())
    worker_task.poll(0.5)
    assert task.values() == ["a", "b", "a", "b"]
    assert committed(log)[TP0] is None
    worker_task.close()


def test_retriable_put_redelivers_the_same_batch(log: EmbeddedRecordLog) -> None:
    """A RetriableException from put pauses reading and the same records are put again."""
    produce(log, 0, "a", "b")
    task = FakeSinkTask()
    task.put_error = RetriableException("busy")
    worker_task = build(log, task)
    worker_task.initialize_and_start()
    worker_task.poll(0.5)
    worker_task.context.timeout(10)  # as a task does before raising RetriableException
    assert task.put_batches == []
    assert worker_task._consumer.paused() == {TP0, TP1}
    produce(log, 0, "c")
    started = time.monotonic()
    worker_task.poll(5.0)
    assert time.monotonic() - started < 1.0  # the task's timeout(10 ms) shortened the wait
    assert task.values() == ["a", "b"]
    assert worker_task._consumer.paused() == set()
    worker_task.poll(0.5)
    assert task.values() == ["a", "b", "c"]
    worker_task.close()


def test_context_offset_rewinds_the_partition(log: EmbeddedRecordLog) -> None:
    """context.offset(tp, n) set in open() makes reading start at n."""
    produce(log, 0, "a", "b", "c")
    task = FakeSinkTask()
    worker_task = build(log, task)
    task.on_open = lambda partitions: worker_task.context.offset(TP0, 2)
    worker_task.initialize_and_start()
    worker_task.poll(0.5)  # assignment; the rewind applies before the next read
    worker_task.poll(0.5)
    assert task.values()[-1] == "c"
    worker_task.context.offset({TP0: 0})
    worker_task.poll(0.5)
    assert task.values()[-3:] == ["a", "b", "c"]
    worker_task.close()


def test_context_pause_and_resume(log: EmbeddedRecordLog) -> None:
    """A partition the task pauses is not read until it resumes it."""
    task = FakeSinkTask()
    worker_task = build(log, task)
    worker_task.initialize_and_start()
    worker_task.poll(0.05)
    worker_task.context.pause(TP0)
    produce(log, 0, "a")
    produce(log, 1, "b")
    worker_task.poll(0.2)
    assert task.values() == ["b"]
    worker_task.context.resume(TP0)
    worker_task.poll(0.5)
    assert task.values() == ["b", "a"]
    assert worker_task.context.assignment() == {TP0, TP1}
    with pytest.raises(IllegalWorkerStateException, match="not currently assigned"):
        worker_task.context.pause(TopicPartition("x", 0))
    worker_task.close()


def test_request_commit_commits_at_the_next_iteration(log: EmbeddedRecordLog) -> None:
    """request_commit() makes the loop commit without waiting for the interval."""
    produce(log, 0, "a")
    task = FakeSinkTask()
    worker_task = build(log, task, interval_ms=600_000)
    task.on_put = lambda batch: worker_task.context.request_commit() if batch else None
    worker_task.initialize_and_start()
    worker_task._next_commit = time.monotonic() + 600
    worker_task.poll(0.5)
    assert committed(log)[TP0] is None
    worker_task._next_commit = time.monotonic() + 600
    produce(log, 0, "b")  # keeps the iteration's poll from waiting
    worker_task.iteration()
    assert committed(log)[TP0] == 1
    worker_task.close()


class _DropB(Transformation[SinkRecord]):
    def apply(self, record: SinkRecord) -> SinkRecord | None:
        return None if record.value == "b" else record

    def config(self) -> Any:
        from connect_data.config import ConfigDef

        return ConfigDef()


def test_dropped_records_still_advance_the_offsets(log: EmbeddedRecordLog) -> None:
    """A record a transformation drops is not put, but is committed past."""
    produce(log, 0, "a", "b")
    task = FakeSinkTask()
    worker_task = build(log, task, chain=TransformationChain([TransformationStage(_DropB())]))
    worker_task.initialize_and_start()
    worker_task.poll(0.5)
    worker_task.commit_offsets(False, worker_task._consumer.assignment())
    assert task.values() == ["a"] and committed(log)[TP0] == 2
    worker_task.close()


def test_running_task_commits_and_closes_on_stop(log: EmbeddedRecordLog) -> None:
    """A stopped task pre-commits, closes its partitions, stops, and reports UNASSIGNED."""
    produce(log, 0, "a", "b")
    task = FakeSinkTask()
    status = StatusTracker("w")
    worker_task = build(log, task, status)
    worker_task.start()
    wait_for(lambda: task.values() == ["a", "b"])
    worker_task.stop()
    assert worker_task.await_stop(5.0)
    assert committed(log)[TP0] == 2
    assert task.calls[-3:] == ["pre_commit", f"close {[TP0, TP1]}", "stop"]
    assert task_state(status) is State.UNASSIGNED


def test_unrecoverable_put_fails_the_task(log: EmbeddedRecordLog) -> None:
    """Any other exception from put fails the task with its trace."""
    produce(log, 0, "a")
    task = FakeSinkTask()
    task.put_error = KeyError("boom")
    status = StatusTracker("w")
    worker_task = build(log, task, status)
    worker_task.start()
    assert worker_task.await_stop(5.0)
    current = status.task(TASK_ID)
    assert current is not None and current.state is State.FAILED
    assert "Exiting WorkerSinkTask due to unrecoverable exception" in (current.trace or "")
    assert "KeyError: 'boom'" in (current.trace or "")


def test_periodic_commit_in_the_running_loop(log: EmbeddedRecordLog) -> None:
    """With a short offset.flush.interval.ms, a running task commits without being asked."""
    produce(log, 1, "a")
    task = FakeSinkTask()
    worker_task = build(log, task, interval_ms=20)
    worker_task.start()
    wait_for(lambda: committed(log)[TP1] == 1)
    worker_task.stop()
    assert worker_task.await_stop(5.0)


def test_paused_sink_reads_nothing(log: EmbeddedRecordLog) -> None:
    """Pausing the task pauses every partition; resuming reads again."""
    status = StatusTracker("w")
    task = FakeSinkTask()
    worker_task = build(log, task, status, interval_ms=50)
    worker_task.start()
    wait_for(lambda: task_state(status) is State.RUNNING)
    worker_task.transition_to(TargetState.PAUSED)
    wait_for(lambda: task_state(status) is State.PAUSED)
    produce(log, 0, "a")
    time.sleep(0.1)
    assert task.values() == []
    worker_task.transition_to(TargetState.STARTED)
    wait_for(lambda: task.values() == ["a"])
    worker_task.stop()
    assert worker_task.await_stop(5.0)
