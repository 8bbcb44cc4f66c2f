"""Helpers of the Kafka integration tests: unique names, topics, and reading a topic back with
plain confluent-kafka clients (independent of the backend under test)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable

import attrs
import confluent_kafka
from confluent_kafka.admin import AdminClient
from confluent_kafka.cimpl import NewTopic

FAST_GROUP = {"session.timeout.ms": "1500", "heartbeat.interval.ms": "300"}
"""Consumer settings for quick group joins on the test broker."""


def unique(prefix: str) -> str:
    """A name no other test uses (the broker lives for the whole session)."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def create_topic(bootstrap: str, name: str, partitions: int = 1) -> str:
    """Create a topic with ``partitions`` partitions; return its name."""
    admin = AdminClient({"bootstrap.servers": bootstrap})
    admin.create_topics([NewTopic(name, partitions, 1)])[name].result(timeout=20)
    return name


def produce(bootstrap: str, topic: str, records: Iterable[tuple[int, bytes | None, bytes]]) -> None:
    """Write ``(partition, key, value)`` records and wait until all are stored."""
    producer = confluent_kafka.Producer({"bootstrap.servers": bootstrap, "linger.ms": 0})
    for partition, key, value in records:
        producer.produce(topic, value, key, partition=partition)
    assert producer.flush(20) == 0


@attrs.frozen
class Read:
    """A record read back."""

    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes | None], ...]
    timestamp: int


def read_topic(bootstrap: str, topic: str, timeout: float = 20.0) -> list[Read]:
    """Every record of ``topic``, read from the beginning until the end of each partition."""
    consumer = confluent_kafka.Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": unique("test-reader"),
            "enable.auto.commit": False,
            "enable.partition.eof": True,
            "fetch.wait.max.ms": 50,
        }
    )
    try:
        metadata = consumer.list_topics(timeout=10)
        if topic not in metadata.topics:
            return []  # not created yet: nothing to read
        partitions = sorted(metadata.topics[topic].partitions)
        consumer.assign(
            [
                confluent_kafka.TopicPartition(topic, p, confluent_kafka.OFFSET_BEGINNING)
                for p in partitions
            ]
        )
        done: set[int] = set()
        result: list[Read] = []
        deadline = time.monotonic() + timeout
        while len(done) < len(partitions):
            assert time.monotonic() < deadline, f"could not read {topic} to its end"
            for msg in consumer.consume(1000, 0.1):
                error = msg.error()
                if error is not None:
                    if error.code() == confluent_kafka.KafkaError._PARTITION_EOF:
                        done.add(int(msg.partition() or 0))
                    continue
                result.append(
                    Read(
                        partition=int(msg.partition() or 0),
                        offset=int(msg.offset() or 0),
                        key=msg.key(),
                        value=msg.value(),
                        headers=tuple(msg.headers() or ()),  # type: ignore[arg-type]
                        timestamp=msg.timestamp()[1],
                    )
                )
        return result
    finally:
        consumer.close()


def wait_for(condition: Callable[[], bool], timeout: float = 30.0, what: str = "condition") -> None:
    """Poll ``condition`` until true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what} not reached within {timeout} s"
        time.sleep(0.02)
