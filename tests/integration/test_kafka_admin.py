"""Tests of connectors.runtime.recordlog.kafka.admin against the tansu broker."""

from __future__ import annotations

import confluent_kafka
import pytest
from confluent_kafka.admin import AdminClient
from confluent_kafka.admin._config import ConfigResource

from connectors.record import TopicPartition
from connectors.runtime.recordlog.kafka.admin import KafkaAdmin
from tests.integration.conftest import KafkaBroker
from tests.integration.kafka_helpers import produce, unique

pytestmark = pytest.mark.integration


@pytest.fixture
def admin(kafka_broker: KafkaBroker) -> KafkaAdmin:
    return KafkaAdmin({"bootstrap.servers": kafka_broker.bootstrap_servers}, timeout_s=5)


def test_create_then_find(admin: KafkaAdmin) -> None:
    """create_topic answers True when it created the topic, False when it already existed."""
    name = unique("admin-create")
    assert admin.create_topic(name, 3) is True
    assert admin.create_topic(name, 5) is False
    assert admin.list_topics()[name] == 3
    assert admin.partitions_of(name) == 3
    assert admin.topic_exists(name)
    assert not admin.topic_exists(unique("absent"))
    assert admin.partitions_of(unique("absent")) is None


def test_broker_default_partitions(admin: KafkaAdmin) -> None:
    """Without a partition count the broker's default applies."""
    name = unique("admin-default")
    assert admin.create_topic(name)
    assert admin.list_topics()[name] >= 1


def test_topic_configs(admin: KafkaAdmin, kafka_broker: KafkaBroker) -> None:
    """Topic-level configs given at creation are the topic's configs."""
    name = unique("admin-compact")
    created = admin.create_topic_with(
        name, partitions=2, replication_factor=1, topic_config={"cleanup.policy": "compact"}
    )
    assert created is True
    raw = AdminClient({"bootstrap.servers": kafka_broker.bootstrap_servers})
    resource = ConfigResource("topic", name)
    configs = raw.describe_configs([resource])[resource].result(timeout=10)
    assert configs["cleanup.policy"].value == "compact"


def test_offsets(admin: KafkaAdmin, kafka_broker: KafkaBroker) -> None:
    """Beginning and end offsets of each partition (one record per batch for this broker)."""
    name = unique("admin-offsets")
    admin.create_topic(name, 2)
    for n in range(3):
        produce(kafka_broker.bootstrap_servers, name, [(0, None, f"v{n}".encode())])
    tps = [TopicPartition(name, 0), TopicPartition(name, 1)]
    assert admin.end_offsets(tps) == {tps[0]: 3, tps[1]: 0}
    assert admin.beginning_offsets(tps) == {tps[0]: 0, tps[1]: 0}
    assert admin.end_offsets([]) == {}


def commit(broker: KafkaBroker, group: str, offsets: dict[TopicPartition, int]) -> None:
    consumer = confluent_kafka.Consumer(
        {"bootstrap.servers": broker.bootstrap_servers, "group.id": group}
    )
    try:
        consumer.commit(
            offsets=[
                confluent_kafka.TopicPartition(tp.topic, tp.partition, offset)
                for tp, offset in offsets.items()
            ],
            asynchronous=False,
        )
    finally:
        consumer.close()


def test_consumer_group_offsets(admin: KafkaAdmin, kafka_broker: KafkaBroker) -> None:
    """A group's committed offsets are listed, altered, and deleted per partition or all."""
    name = unique("admin-group")
    admin.create_topic(name, 3)
    tp0, tp1, tp2 = (TopicPartition(name, p) for p in range(3))
    group = unique("group")
    assert admin.list_consumer_group_offsets(group) == {}
    commit(kafka_broker, group, {tp0: 5, tp1: 7})
    assert admin.list_consumer_group_offsets(group) == {tp0: 5, tp1: 7}
    admin.alter_consumer_group_offsets(group, {tp0: 1, tp2: 9})
    assert admin.list_consumer_group_offsets(group) == {tp0: 1, tp1: 7, tp2: 9}
    admin.delete_consumer_group_offsets(group, [tp1])
    assert admin.list_consumer_group_offsets(group) == {tp0: 1, tp2: 9}
    admin.delete_consumer_group_offsets(group)
    assert admin.list_consumer_group_offsets(group) == {}
    admin.delete_consumer_group_offsets(group)


def test_cluster_id(admin: KafkaAdmin) -> None:
    """The cluster id comes from the cluster's metadata."""
    assert admin.cluster_id() == "tansu_cluster"
