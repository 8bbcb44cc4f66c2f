"""Tests of connectors.runtime.recordlog.kafka.producer against the tansu broker."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from connect_data.errors import ConnectException
from connectors.record import RecordMetadata
from connectors.runtime.recordlog import ProducerRecord
from connectors.runtime.recordlog.kafka.producer import KafkaProducer
from connectors.runtime.recordlog.partitioner import KeyPartitioner
from tests.integration.conftest import KafkaBroker
from tests.integration.kafka_helpers import create_topic, read_topic, unique, wait_for

pytestmark = pytest.mark.integration


class Deliveries:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.results: list[tuple[RecordMetadata | None, BaseException | None, str]] = []

    def callback(self, metadata: RecordMetadata | None, error: BaseException | None) -> None:
        with self.lock:
            self.results.append((metadata, error, threading.current_thread().name))

    def __len__(self) -> int:
        with self.lock:
            return len(self.results)


@pytest.fixture
def producer(kafka_broker: KafkaBroker) -> Iterator[KafkaProducer]:
    producer = KafkaProducer({"bootstrap.servers": kafka_broker.bootstrap_servers}, "test-producer")
    yield producer
    producer.close(5)


def test_callbacks_without_flush(producer: KafkaProducer, kafka_broker: KafkaBroker) -> None:
    """Every record's callback runs on the delivery thread, without any flush."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("prod-cb"), 2)
    deliveries = Deliveries()
    for n in range(200):
        producer.send(
            ProducerRecord(topic=topic, key=f"k{n}".encode(), value=f"value-{n}".encode()),
            deliveries.callback,
        )
    wait_for(lambda: len(deliveries) == 200, 20, "200 delivery callbacks")
    assert all(error is None for _, error, _ in deliveries.results)
    assert {thread for _, _, thread in deliveries.results} == {"test-producer-delivery"}
    per_partition: dict[int, list[int]] = {}
    for metadata, _, _ in deliveries.results:
        assert metadata is not None and metadata.topic == topic
        per_partition.setdefault(metadata.partition, []).append(metadata.offset)
    for offsets in per_partition.values():
        assert sorted(offsets) == list(range(len(offsets)))
    assert len(producer) == 0


def test_record_fields_round_trip(producer: KafkaProducer, kafka_broker: KafkaBroker) -> None:
    """Key, value, headers (null values too), partition and timestamp are stored as sent."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("prod-fields"), 3)
    deliveries = Deliveries()
    producer.send(
        ProducerRecord(
            topic=topic,
            partition=2,
            key=None,
            value=b"\x00\x01binary",
            timestamp=1_600_000_000_123,
            headers=[("h1", b"one"), ("h2", None), ("h1", b"again")],
        ),
        deliveries.callback,
    )
    producer.send(
        ProducerRecord(topic=topic, partition=0, key=b"k", value=None), deliveries.callback
    )
    assert producer.flush(10)
    by_partition = {m.partition: m for m, _, _ in deliveries.results if m is not None}
    first, second = by_partition[2], by_partition[0]
    assert first == RecordMetadata(
        topic=topic,
        partition=2,
        offset=0,
        timestamp=1_600_000_000_123,
        serialized_key_size=-1,
        serialized_value_size=8,
    )
    assert second.serialized_value_size == -1 and second.serialized_key_size == 1
    records = {r.partition: r for r in read_topic(kafka_broker.bootstrap_servers, topic)}
    assert records[2].value == b"\x00\x01binary" and records[2].key is None
    assert records[2].headers == (("h1", b"one"), ("h2", None), ("h1", b"again"))
    assert records[2].timestamp == 1_600_000_000_123
    assert records[0].key == b"k" and records[0].value is None


def test_keys_partitioned_as_java(producer: KafkaProducer, kafka_broker: KafkaBroker) -> None:
    """A keyed record lands on the partition Java's murmur2 partitioner picks."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("prod-murmur"), 7)
    keys = [f"customer-{n}".encode() for n in range(60)]
    deliveries = Deliveries()
    for key in keys:
        producer.send(ProducerRecord(topic=topic, key=key, value=b"x"), deliveries.callback)
    assert producer.flush(10)
    partitioner = KeyPartitioner()
    expected = {key: partitioner.partition(key, 7) for key in keys}
    stored = {r.key: r.partition for r in read_topic(kafka_broker.bootstrap_servers, topic)}
    assert stored == expected
    assert len(set(stored.values())) > 1


def test_refused_record_reaches_callback(kafka_broker: KafkaBroker) -> None:
    """A record the producer refuses (too large, unknown partition) ends in its callback."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("prod-fail"), 1)
    producer = KafkaProducer(
        {"bootstrap.servers": kafka_broker.bootstrap_servers, "message.max.bytes": "1000"},
        "test-small-producer",
    )
    deliveries = Deliveries()
    try:
        producer.send(ProducerRecord(topic=topic, value=b"x" * 5000), deliveries.callback)
        producer.send(ProducerRecord(topic=topic, value=b"fits"), deliveries.callback)
        assert producer.flush(10)
        producer.send(ProducerRecord(topic=topic, partition=9, value=b"x"), deliveries.callback)
        wait_for(lambda: len(deliveries) == 3, 10, "three callbacks")
        (big, big_error, _), (fits, fits_error, _), (bad, bad_error, _) = deliveries.results
        assert big is None and isinstance(big_error, ConnectException)
        assert "too large" in str(big_error) and topic in str(big_error)
        assert fits is not None and fits_error is None
        assert bad is None and "Unknown partition" in str(bad_error)
        with pytest.raises(ConnectException, match="Unknown partition"):
            producer.send(ProducerRecord(topic=topic, partition=9, value=b"x"))
    finally:
        producer.close(5)


def test_close(kafka_broker: KafkaBroker) -> None:
    """close() delivers what is queued, then sending fails with a clear error."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("prod-close"), 1)
    producer = KafkaProducer({"bootstrap.servers": kafka_broker.bootstrap_servers}, "closing")
    deliveries = Deliveries()
    for n in range(50):
        producer.send(ProducerRecord(topic=topic, value=str(n).encode()), deliveries.callback)
    started = time.monotonic()
    producer.close(10)
    assert time.monotonic() - started < 10
    assert len(deliveries) == 50
    with pytest.raises(ConnectException, match="closed"):
        producer.send(ProducerRecord(topic=topic, value=b"late"))
    producer.close()


def test_acks_other_than_all_turn_idempotence_off(kafka_broker: KafkaBroker) -> None:
    """acks=1 without an explicit enable.idempotence is accepted (idempotence needs acks=all)."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("prod-acks"), 1)
    producer = KafkaProducer(
        {"bootstrap.servers": kafka_broker.bootstrap_servers, "acks": "1"}, "acks-one"
    )
    try:
        deliveries = Deliveries()
        producer.send(ProducerRecord(topic=topic, value=b"v"), deliveries.callback)
        assert producer.flush(10)
        assert deliveries.results[0][1] is None
    finally:
        producer.close(5)
