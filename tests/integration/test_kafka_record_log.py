"""Tests of connectors.runtime.recordlog.kafka.record_log against the tansu broker: backend
selection, client settings passed through, override policies and source-topic creation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from confluent_kafka.admin import AdminClient
from confluent_kafka.admin._config import ConfigResource

from connect_data.errors import ConnectException
from connectors.record import RecordMetadata
from connectors.runtime.recordlog import ProducerRecord, open_record_log
from connectors.runtime.recordlog.kafka.record_log import KafkaRecordLog
from connectors.runtime.worker_config import WorkerConfig
from tests.integration.conftest import KafkaBroker
from tests.integration.kafka_helpers import create_topic, produce, unique, wait_for

pytestmark = pytest.mark.integration


@pytest.fixture
def make_log(kafka_broker: KafkaBroker) -> Iterator[Any]:
    opened: list[KafkaRecordLog] = []

    def make(**extra: str) -> KafkaRecordLog:
        log = KafkaRecordLog({"bootstrap.servers": kafka_broker.bootstrap_servers, **extra})
        opened.append(log)
        return log

    yield make
    for log in opened:
        log.close()


def partitions_and_configs(broker: KafkaBroker, topic: str) -> tuple[int, dict[str, str]]:
    admin = AdminClient({"bootstrap.servers": broker.bootstrap_servers})
    count = len(admin.list_topics(timeout=10).topics[topic].partitions)
    resource = ConfigResource("topic", topic)
    configs = admin.describe_configs([resource])[resource].result(timeout=10)
    return count, {name: str(entry.value) for name, entry in configs.items()}


def send_one(producer: Any, topic: str) -> RecordMetadata:
    results: list[tuple[RecordMetadata | None, BaseException | None]] = []
    producer.send(ProducerRecord(topic=topic, value=b"v"), lambda m, e: results.append((m, e)))
    assert producer.flush(20)
    metadata, error = results[0]
    assert error is None and metadata is not None, error
    return metadata


def test_bootstrap_servers_selects_kafka(kafka_broker: KafkaBroker) -> None:
    """A worker configuration with bootstrap.servers opens the Kafka backend."""
    config = WorkerConfig(
        {
            "bootstrap.servers": kafka_broker.bootstrap_servers,
            "key.converter": "org.apache.kafka.connect.storage.StringConverter",
            "value.converter": "org.apache.kafka.connect.storage.StringConverter",
        }
    )
    log = open_record_log(config)
    try:
        assert isinstance(log, KafkaRecordLog)
        assert not log.atomic_source_offsets()
        assert kafka_broker.bootstrap_servers in log.describe()
        assert log.admin().list_topics() is not None
    finally:
        log.close()


def test_java_client_settings_reach_the_clients(make_log: Any, kafka_broker: KafkaBroker) -> None:
    """Java property names are translated (max.request.size) or read (max.poll.records), and
    Java-only ones (serializers) are dropped instead of failing the client."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("rl-settings"), 1)
    log = make_log()
    producer = log.producer(
        "settings",
        {
            "max.request.size": "1000",
            "key.serializer": "org.apache.kafka.common.serialization.ByteArraySerializer",
            "interceptor.classes": "com.example.Interceptor",
        },
    )
    results: list[BaseException | None] = []
    producer.send(ProducerRecord(topic=topic, value=b"x" * 4000), lambda m, e: results.append(e))
    producer.close(5)
    assert results and "too large" in str(results[0])
    produce(kafka_broker.bootstrap_servers, topic, [(0, None, str(n).encode()) for n in range(10)])
    consumer = log.consumer(
        unique("group"),
        "settings",
        {"max.poll.records": "4", "auto.offset.reset": "earliest", "key.deserializer": "x"},
    )
    try:
        from connectors.record import TopicPartition

        consumer.assign([TopicPartition(topic, 0)])
        sizes: list[int] = []

        def polled_eight() -> bool:
            sizes.append(len(consumer.poll(0.5)))
            return sum(sizes) >= 8

        wait_for(polled_eight, 10, "eight records")
        assert max(sizes) == 4
    finally:
        consumer.close()


@pytest.mark.parametrize(
    ("policy", "allowed"),
    [("None", set()), ("Principal", {"security.protocol"}), ("All", {"security.protocol", "acks"})],
)
def test_override_policy(make_log: Any, policy: str, allowed: set[str]) -> None:
    """producer/consumer/admin overrides are refused as connector.client.config.override.policy says."""
    log = make_log(**{"connector.client.config.override.policy": policy})
    for key, value in (("security.protocol", "PLAINTEXT"), ("acks", "1")):
        makers: tuple[tuple[str, Callable[[dict[str, str]], Any]], ...] = (
            ("producer.override.", lambda c: log.producer("p", {}, connector_config=c)),
            ("consumer.override.", lambda c: log.consumer("g", "c", {}, connector_config=c)),
        )
        for prefix, make in makers:
            connector = {"name": "conn", f"{prefix}{key}": value}
            if key in allowed:
                client = make(connector)
                client.close()
            else:
                with pytest.raises(
                    ConnectException, match=f"'{policy}' policy does not allow '{key}'"
                ):
                    make(connector)


def test_topic_creation_groups(make_log: Any, kafka_broker: KafkaBroker) -> None:
    """A source producer creates each new topic with the first matching group's settings."""
    tag = unique("rl-create")
    connector = {
        "name": "creator",
        "topic.creation.default.replication.factor": "1",
        "topic.creation.default.partitions": "3",
        "topic.creation.groups": "compacted",
        "topic.creation.compacted.include": f"{tag}-state.*",
        "topic.creation.compacted.partitions": "2",
        "topic.creation.compacted.cleanup.policy": "compact",
    }
    producer = make_log().producer("creator-0", {}, connector_config=connector)
    try:
        plain = send_one(producer, f"{tag}-events")
        state = send_one(producer, f"{tag}-state-1")
        existing = create_topic(kafka_broker.bootstrap_servers, f"{tag}-existing", 5)
        send_one(producer, existing)
    finally:
        producer.close(5)
    assert plain.topic == f"{tag}-events"
    assert partitions_and_configs(kafka_broker, f"{tag}-events")[0] == 3
    count, configs = partitions_and_configs(kafka_broker, state.topic)
    assert (count, configs["cleanup.policy"]) == (2, "compact")
    assert partitions_and_configs(kafka_broker, existing)[0] == 5


def test_topic_creation_disabled(make_log: Any, kafka_broker: KafkaBroker) -> None:
    """topic.creation.enable=false leaves topic creation to the broker."""
    topic = unique("rl-nocreate")
    connector = {
        "name": "c",
        "topic.creation.default.replication.factor": "1",
        "topic.creation.default.partitions": "3",
    }
    log = make_log(**{"topic.creation.enable": "false"})
    producer = log.producer("c-0", {}, connector_config=connector)
    try:
        send_one(producer, topic)
    finally:
        producer.close(5)
    assert partitions_and_configs(kafka_broker, topic)[0] != 3


def test_invalid_topic_creation_fails_the_producer(make_log: Any) -> None:
    """Topic creation keys without the default group's counts fail the task's producer."""
    from connect_data.config import ConfigException

    with pytest.raises(ConfigException, match=r"topic\.creation\.default\.partitions"):
        make_log().producer(
            "p",
            {},
            connector_config={"name": "c", "topic.creation.default.replication.factor": "1"},
        )
