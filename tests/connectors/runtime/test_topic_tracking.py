"""Tests of connectors.runtime.topic_tracking (KIP-558 active topics)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from connectors import RecordMetadata, TopicPartition
from connectors.runtime.recordlog import EmbeddedRecordLog, ProducerRecord
from connectors.runtime.topic_tracking import (
    ActiveTopicsStore,
    EmbeddedActiveTopicsStore,
    MemoryActiveTopicsStore,
    TopicTrackingConsumer,
    TopicTrackingProducer,
    open_active_topics_store,
)


@pytest.fixture
def log(tmp_path: Path) -> Iterator[EmbeddedRecordLog]:
    record_log = EmbeddedRecordLog(tmp_path / "connect.db")
    yield record_log
    record_log.close()


@pytest.fixture(params=["memory", "embedded"])
def store(request: pytest.FixtureRequest, log: EmbeddedRecordLog) -> Iterator[ActiveTopicsStore]:
    instance: ActiveTopicsStore = (
        MemoryActiveTopicsStore() if request.param == "memory" else EmbeddedActiveTopicsStore(log)
    )
    yield instance
    instance.close()


def test_record_topics_and_reset(store: ActiveTopicsStore) -> None:
    """Recorded topics are listed sorted per connector; reset empties one connector's set."""
    store.record("a", "zeta")
    store.record("a", "alpha")
    store.record("a", "alpha")
    store.record("b", "beta")
    assert store.topics("a") == ["alpha", "zeta"] and store.topics("b") == ["beta"]
    known = store.known("a")
    store.reset("a")
    assert store.topics("a") == [] and store.topics("b") == ["beta"]
    assert known == set()
    store.record("a", "zeta")
    assert store.topics("a") == ["zeta"] and "zeta" in known


def test_unknown_connector_has_no_topics(store: ActiveTopicsStore) -> None:
    """A connector never recorded has an empty set (no error)."""
    assert store.topics("nobody") == []


def test_embedded_store_survives_reopening(tmp_path: Path) -> None:
    """The embedded store's sets are in the file: a new process sees them."""
    path = tmp_path / "c.db"
    first_log = EmbeddedRecordLog(path)
    first = open_active_topics_store(first_log)
    assert isinstance(first, EmbeddedActiveTopicsStore)
    first.record("conn", "orders")
    first.close()
    first_log.close()
    second_log = EmbeddedRecordLog(path)
    second = open_active_topics_store(second_log)
    assert second.topics("conn") == ["orders"] and second.known("conn") == {"orders"}
    second.close()
    second_log.close()


def test_producer_records_topics_of_acknowledged_records(log: EmbeddedRecordLog) -> None:
    """A topic becomes active when a record sent to it is stored; the callback still runs."""
    store = MemoryActiveTopicsStore()
    producer = TopicTrackingProducer(log.producer("p"), store, "src")
    seen: list[RecordMetadata | None] = []
    producer.send(ProducerRecord(topic="t1", value=b"x"), lambda m, e: seen.append(m))
    producer.send(ProducerRecord(topic="t1", value=b"y"))
    producer.send(ProducerRecord(topic="t2", value=b"z"))
    assert producer.flush(5.0)
    assert store.topics("src") == ["t1", "t2"]
    assert len(seen) == 1 and seen[0] is not None and seen[0].topic == "t1"
    producer.close()


def test_failed_send_does_not_make_a_topic_active(log: EmbeddedRecordLog) -> None:
    """A record the log refuses (bad topic name) leaves the set unchanged."""
    store = MemoryActiveTopicsStore()
    producer = TopicTrackingProducer(log.producer("p"), store, "src")
    errors: list[BaseException | None] = []
    producer.send(ProducerRecord(topic="bad topic!", value=b"x"), lambda m, e: errors.append(e))
    producer.flush(5.0)
    assert errors and errors[0] is not None
    assert store.topics("src") == []
    producer.close()


def test_consumer_records_topics_of_polled_records(log: EmbeddedRecordLog) -> None:
    """A sink's topic becomes active when a record of it is returned by poll."""
    admin = log.admin()
    admin.create_topic("in1", 1)
    admin.create_topic("in2", 1)
    producer = log.producer("p")
    producer.send(ProducerRecord(topic="in1", value=b"x"))
    assert producer.flush(5.0)
    producer.close()
    store = MemoryActiveTopicsStore()
    consumer = TopicTrackingConsumer(log.consumer("g", "c"), store, "sink")
    consumer.assign([TopicPartition("in1", 0), TopicPartition("in2", 0)])
    consumer.seek(TopicPartition("in1", 0), 0)
    consumer.seek(TopicPartition("in2", 0), 0)
    records = []
    for _ in range(20):
        records.extend(consumer.poll(0.1))
        if records:
            break
    assert [r.topic for r in records] == ["in1"]
    assert store.topics("sink") == ["in1"]
    assert consumer.assignment() == {TopicPartition("in1", 0), TopicPartition("in2", 0)}
    consumer.close()
