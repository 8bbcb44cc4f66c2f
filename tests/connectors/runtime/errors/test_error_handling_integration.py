"""End to end: error handling through a real worker on the embedded store (Kafka's
ErrorHandlingIntegrationTest and more).

A standalone herder runs the connectors in-process; records go through the embedded record
log, converters and transformations exactly as in production.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from connect_data.config import ConfigDef
from connect_data.errors import RetriableException
from connectors import TopicPartition
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
)
from connectors.runtime.recordlog import ConsumerRecord, ProducerRecord, RecordLog, open_record_log
from connectors.runtime.standalone import StandaloneHerder
from connectors.runtime.status import ConnectorTaskId, State
from connectors.runtime.worker import Worker
from connectors.runtime.worker_config import WorkerConfig
from connectors.transforms import Transformation

SINK = "tests.connectors.testplugins.LineFileSinkConnector"
SOURCE = "tests.connectors.testplugins.CounterSourceConnector"
FAULTY = f"{__name__}.FaultyPassthrough"
DLQ = "my-connector-errors"


class FaultyPassthrough(Transformation[Any]):
    """Fails once with a RetriableException on "value-4" (the retry succeeds) and always on
    "value-7" (Kafka's integration test transformation)."""

    def __init__(self) -> None:
        self.should_fail = True

    def apply(self, record: Any) -> Any:
        if record.value == "value-4" and self.should_fail:
            self.should_fail = False
            raise RetriableException(
                "Error when when value='value-4'. A reattempt with this record will succeed."
            )
        if record.value == "value-7":
            raise RetriableException("Error when when value='value-7'")
        return record

    def config(self) -> ConfigDef:
        return ConfigDef()


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


class Running:
    def __init__(self, tmp_path: Path) -> None:
        self.config = WorkerConfig(
            {
                "key.converter": "org.apache.kafka.connect.storage.StringConverter",
                "value.converter": "org.apache.kafka.connect.storage.StringConverter",
                "offset.flush.interval.ms": "50",
                "embedded.store.path": str(tmp_path / "data" / "connect.db"),
                "throughput.log.interval.ms": "0",
            }
        )
        self.log: RecordLog = open_record_log(self.config)
        self.worker = Worker(self.config, self.log, "w1")
        self.herder = StandaloneHerder(self.worker)
        self.herder.start()

    def produce(self, topic: str, *pairs: tuple[bytes | None, bytes | None]) -> None:
        self.log.admin().create_topic(topic, 1)
        producer = self.log.producer("test")
        for key, value in pairs:
            producer.send(ProducerRecord(topic=topic, partition=0, key=key, value=value))
        producer.flush()
        producer.close()

    def records(self, topic: str) -> list[ConsumerRecord]:
        partitions = self.log.admin().list_topics().get(topic, 0)
        tps = [TopicPartition(topic, p) for p in range(partitions)]
        consumer = self.log.consumer("check", "check")
        consumer.assign(tps)
        ends = consumer.end_offsets(tps)
        found: list[ConsumerRecord] = []
        while any(consumer.position(tp) < ends[tp] for tp in tps):
            found.extend(consumer.poll(0.05))
        consumer.close()
        return found

    def task_state(self, name: str) -> tuple[State | None, str]:
        status = self.worker.status.task(ConnectorTaskId(name, 0))
        return (None, "") if status is None else (status.state, status.trace or "")

    def stop(self) -> None:
        self.herder.stop()
        self.log.close()


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    instance = Running(tmp_path)
    yield instance
    instance.stop()


def sink_config(out: Path, **extra: str) -> dict[str, str]:
    return {
        "name": "simple-conn",
        "connector.class": SINK,
        "tasks.max": "1",
        "topics": "test-topic",
        "file": str(out),
        **extra,
    }


def lines(out: Path) -> list[str]:
    return out.read_text().splitlines() if out.exists() else []


def header(record: ConsumerRecord, name: str) -> bytes | None:
    return dict(record.headers)[name]


def test_skip_retry_and_dlq_with_headers(running: Running, tmp_path: Path) -> None:
    """Kafka's testSkipRetryAndDLQWithHeaders: 20 records, one retried successfully, one
    always failing; 19 reach the sink, the failing one the DLQ with its context headers."""
    running.produce(
        "test-topic", *((f"key-{i}".encode(), f"value-{i}".encode()) for i in range(20))
    )
    out = tmp_path / "out.txt"
    assert running.herder.put_connector_config(
        sink_config(
            out,
            **{
                "errors.log.enable": "true",
                "errors.log.include.messages": "false",
                "errors.deadletterqueue.topic.name": DLQ,
                "errors.deadletterqueue.context.headers.enable": "true",
                "errors.deadletterqueue.topic.replication.factor": "1",
                "errors.tolerance": "all",
                "errors.retry.timeout": "1000",
                "transforms": "failing_transform",
                "transforms.failing_transform.type": FAULTY,
            },
        )
    )
    wait_for(lambda: len(lines(out)) == 19)
    assert lines(out) == [f"value-{i}" for i in range(20) if i != 7]
    wait_for(lambda: len(running.records(DLQ)) == 1)
    (dead,) = running.records(DLQ)
    assert (dead.key, dead.value) == (b"key-7", b"value-7")
    assert header(dead, ERROR_HEADER_ORIG_TOPIC) == b"test-topic"
    assert header(dead, ERROR_HEADER_ORIG_PARTITION) == b"0"
    assert header(dead, ERROR_HEADER_ORIG_OFFSET) == b"7"
    assert header(dead, ERROR_HEADER_CONNECTOR_NAME) == b"simple-conn"
    assert header(dead, ERROR_HEADER_TASK_ID) == b"0"
    assert header(dead, ERROR_HEADER_STAGE) == b"TRANSFORMATION"
    assert header(dead, ERROR_HEADER_EXECUTING_CLASS) == FAULTY.encode()
    assert (
        header(dead, ERROR_HEADER_EXCEPTION)
        == b"org.apache.kafka.connect.errors.RetriableException"
    )
    assert header(dead, ERROR_HEADER_EXCEPTION_MESSAGE) == b"Error when when value='value-7'"
    assert (header(dead, ERROR_HEADER_EXCEPTION_STACK_TRACE) or b"").startswith(
        b"org.apache.kafka.connect.errors.RetriableException: Error when when value='value-7'\n"
    )
    assert running.task_state("simple-conn")[0] is State.RUNNING


def test_poison_json_goes_to_the_dlq_as_raw_bytes(running: Running, tmp_path: Path) -> None:
    """A value the JsonConverter cannot read lands in the DLQ byte for byte; the rest arrive."""
    poison = b'{"id": 2, "broken"'
    running.produce(
        "test-topic",
        (b"a", b'{"id": 1}'),
        (b"b", poison),
        (b"c", b'{"id": 3}'),
    )
    out = tmp_path / "out.txt"
    assert running.herder.put_connector_config(
        sink_config(
            out,
            **{
                "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable": "false",
                "errors.tolerance": "all",
                "errors.deadletterqueue.topic.name": DLQ,
                "errors.deadletterqueue.context.headers.enable": "true",
            },
        )
    )
    wait_for(lambda: len(lines(out)) == 2)
    assert lines(out) == ["{'id': 1}", "{'id': 3}"]
    wait_for(lambda: len(running.records(DLQ)) == 1)
    (dead,) = running.records(DLQ)
    assert (dead.key, dead.value) == (b"b", poison)
    assert header(dead, ERROR_HEADER_STAGE) == b"VALUE_CONVERTER"
    assert (
        header(dead, ERROR_HEADER_EXECUTING_CLASS) == b"org.apache.kafka.connect.json.JsonConverter"
    )
    assert header(dead, ERROR_HEADER_EXCEPTION) == b"org.apache.kafka.connect.errors.DataException"
    assert running.task_state("simple-conn")[0] is State.RUNNING


def test_without_tolerance_the_task_fails_with_the_reason(running: Running, tmp_path: Path) -> None:
    """errors.tolerance=none (the default): the sink task is FAILED and its trace says why; as in
    Kafka the failing record is still reported (here to the DLQ) before the task fails."""
    running.produce("test-topic", (b"a", b'{"id": 1}'), (b"b", b"{oops"))
    out = tmp_path / "out.txt"
    assert running.herder.put_connector_config(
        sink_config(
            out,
            **{
                "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable": "false",
                "errors.deadletterqueue.topic.name": DLQ,
            },
        )
    )
    wait_for(lambda: running.task_state("simple-conn")[0] is State.FAILED)
    trace = running.task_state("simple-conn")[1]
    assert "Tolerance exceeded in error handler" in trace
    assert "Converting byte[] to Kafka Connect data failed due to serialization error" in trace
    assert [r.value for r in running.records(DLQ)] == [b"{oops"]


def test_the_dlq_topic_may_not_be_consumed(running: Running, tmp_path: Path) -> None:
    """A sink that would read its own DLQ topic fails to start, with Kafka's message."""
    assert not running.herder.put_connector_config(
        sink_config(tmp_path / "out.txt", **{"errors.deadletterqueue.topic.name": "test-topic"})
    )
    status = running.worker.status.connector("simple-conn")
    assert status is not None and status.state is State.FAILED
    assert "The DLQ topic 'test-topic' may not be included in the list of topics" in (
        status.trace or ""
    )


class _Rejects(Transformation[Any]):
    """Raises for every third record of the counter source."""

    def apply(self, record: Any) -> Any:
        if record.source_offset["n"] % 3 == 1:
            raise ValueError(f"rejecting {record.value}")
        return record

    def config(self) -> ConfigDef:
        return ConfigDef()


def test_source_skips_failing_records_and_keeps_going(running: Running) -> None:
    """A source with tolerance=all writes every record but the rejected ones and commits the
    offsets past them."""
    assert running.herder.put_connector_config(
        {
            "name": "counter",
            "connector.class": SOURCE,
            "topic": "numbers",
            "count": "9",
            "errors.tolerance": "all",
            "errors.log.enable": "true",
            "transforms": "reject",
            "transforms.reject.type": f"{__name__}._Rejects",
        }
    )
    wait_for(lambda: len(running.records("numbers")) == 6)
    values = sorted((r.value or b"").decode() for r in running.records("numbers"))
    assert values == [f"p0:{n}" for n in range(9) if n % 3 != 1]
    reader_store = running.worker.source_offset_store()
    from connectors.runtime.offsets import OffsetStorageReaderImpl

    reader = OffsetStorageReaderImpl(reader_store, "counter")
    wait_for(lambda: reader.offset({"partition": "p0"}) == {"n": 8})
    reader.close()
    assert running.task_state("counter")[0] is State.RUNNING


def test_source_without_tolerance_fails(running: Running) -> None:
    """A source whose transformation raises fails with tolerance none; the trace says why."""
    assert running.herder.put_connector_config(
        {
            "name": "counter",
            "connector.class": SOURCE,
            "topic": "numbers",
            "count": "9",
            "transforms": "reject",
            "transforms.reject.type": f"{__name__}._Rejects",
        }
    )
    wait_for(lambda: running.task_state("counter")[0] is State.FAILED)
    trace = running.task_state("counter")[1]
    assert "Tolerance exceeded in error handler" in trace and "rejecting p0:1" in trace
