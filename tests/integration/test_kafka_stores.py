"""Tests of connectors.runtime.recordlog.kafka.stores and .topic_log against the tansu broker."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from confluent_kafka.admin import AdminClient
from confluent_kafka.admin._config import ConfigResource

from connectors.runtime.offsets import serialize_offset_key, serialize_offset_value
from connectors.runtime.recordlog.kafka.record_log import KafkaRecordLog
from connectors.runtime.recordlog.partitioner import KeyPartitioner
from tests.integration.conftest import KafkaBroker
from tests.integration.kafka_helpers import read_topic, unique

pytestmark = pytest.mark.integration


class Logs:
    def __init__(self, broker: KafkaBroker) -> None:
        self.props: dict[str, Any] = {
            "bootstrap.servers": broker.bootstrap_servers,
            "offset.storage.topic": unique("offsets"),
            "offset.storage.partitions": "5",
            "offset.storage.replication.factor": "1",
            "config.storage.topic": unique("configs"),
            "config.storage.replication.factor": "1",
            "default.api.timeout.ms": "20000",
        }
        self.opened: list[KafkaRecordLog] = []

    def open(self) -> KafkaRecordLog:
        log = KafkaRecordLog(self.props)
        self.opened.append(log)
        return log


@pytest.fixture
def logs(kafka_broker: KafkaBroker) -> Iterator[Logs]:
    made = Logs(kafka_broker)
    yield made
    for log in made.opened:
        log.close()


def key(connector: str, **partition: Any) -> bytes:
    return serialize_offset_key(connector, partition)


def value(**offset: Any) -> bytes:
    result = serialize_offset_value(offset)
    assert result is not None
    return result


def test_offsets_round_trip(logs: Logs) -> None:
    """Stored offsets are read back; a None value deletes; unknown keys read as None."""
    store = logs.open().offset_store()
    store.start()
    a, b = key("conn", file="a"), key("conn", file="b")
    store.set({a: value(position=10), b: value(position=20)})
    assert store.get([a, b, key("other", file="a")]) == {
        a: value(position=10),
        b: value(position=20),
        key("other", file="a"): None,
    }
    store.set({a: None, b: value(position=21)})
    assert store.get([a, b]) == {a: None, b: value(position=21)}


def test_offsets_survive_the_worker(logs: Logs) -> None:
    """A new worker (another record log) reads the offsets the previous one stored."""
    first = logs.open()
    store = first.offset_store()
    entries = {key("conn", p=n): value(n=n * 10) for n in range(12)}
    for k, v in entries.items():
        store.set({k: v})
    store.set({key("conn", p=0): None})
    first.close()
    again = logs.open().offset_store()
    assert again.get(list(entries)) == {**entries, key("conn", p=0): None}


def test_offsets_topic_is_kafka_connects(logs: Logs, kafka_broker: KafkaBroker) -> None:
    """The offsets topic is compacted, with Java's JSON key/value records, keys partitioned by
    murmur2 as Java's producer does."""
    log = logs.open()
    store = log.offset_store()
    entries = {
        key("my-source", table="orders", shard=n): value(id=n, ts=1700000000000 + n)
        for n in range(8)
    }
    store.set(entries)
    topic = logs.props["offset.storage.topic"]
    records = read_topic(kafka_broker.bootstrap_servers, topic)
    assert {r.key: r.value for r in records} == entries
    partitioner = KeyPartitioner()
    assert all(r.partition == partitioner.partition(r.key, 5) for r in records)
    some = next(r for r in records if r.key == key("my-source", table="orders", shard=3))
    assert orjson.loads(some.key or b"") == ["my-source", {"shard": 3, "table": "orders"}]
    assert some.value == b'{"id":3,"ts":1700000000003}'
    admin = AdminClient({"bootstrap.servers": kafka_broker.bootstrap_servers})
    resource = ConfigResource("topic", topic)
    configs = admin.describe_configs([resource])[resource].result(timeout=10)
    assert configs["cleanup.policy"].value == "compact"
    assert len(admin.list_topics(timeout=10).topics[topic].partitions) == 5


def test_entries(logs: Logs) -> None:
    """Every stored offset entry is listed (the REST API's offsets endpoints read them)."""
    log = logs.open()
    a, b = key("conn", p=1), key("other", p=1)
    log.offset_store().set({a: value(n=1), b: value(n=2)})
    log.offset_store().set({b: None})
    assert log.offset_store().entries() == {a: value(n=1)}


def test_offsets_of_another_worker_are_read(logs: Logs) -> None:
    """get() first reads what other workers wrote to the topic."""
    reader = logs.open().offset_store()
    k = key("shared", p=1)
    assert reader.get([k]) == {k: None}
    logs.open().offset_store().set({k: value(n=5)})
    assert reader.get([k]) == {k: value(n=5)}


def test_configs_round_trip(logs: Logs, kafka_broker: KafkaBroker) -> None:
    """Connector configs are stored as Kafka Connect's records, listed, read back and removed."""
    log = logs.open()
    configs = log.config_store()
    configs.put("alpha", {"connector.class": "FileStreamSource", "tasks.max": "1"})
    configs.put("beta", {"connector.class": "X"})
    configs.put("alpha", {"connector.class": "FileStreamSource", "tasks.max": "2"})
    assert configs.names() == ["alpha", "beta"]
    assert configs.get("alpha") == {"connector.class": "FileStreamSource", "tasks.max": "2"}
    configs.remove("beta")
    assert configs.get("beta") is None
    assert logs.open().config_store().names() == ["alpha"]
    records = read_topic(kafka_broker.bootstrap_servers, logs.props["config.storage.topic"])
    assert [(r.key, r.value) for r in records][-1] == (b"connector-beta", None)
    alpha = [r for r in records if r.key == b"connector-alpha"][-1]
    assert orjson.loads(alpha.value or b"") == {
        "properties": {"connector.class": "FileStreamSource", "tasks.max": "2"}
    }


def test_config_written_by_java_is_read(logs: Logs, kafka_broker: KafkaBroker) -> None:
    """A Java worker's connector record (and its other records) in the configs topic are read."""
    from tests.integration.kafka_helpers import produce

    configs = logs.open().config_store()
    configs.put("seed", {"a": "b"})
    topic = logs.props["config.storage.topic"]
    produce(
        kafka_broker.bootstrap_servers,
        topic,
        [
            (0, b"connector-java", b'{"properties":{"connector.class":"J","tasks.max":"3"}}'),
            (0, b"target-state-java", b'{"state":"STARTED","state.v2":"STARTED"}'),
            (0, b"task-java-0", b'{"properties":{"task.class":"T"}}'),
        ],
    )
    fresh = logs.open().config_store()
    assert fresh.get("java") == {"connector.class": "J", "tasks.max": "3"}
    assert fresh.names() == ["java", "seed"]
