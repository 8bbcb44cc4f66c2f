"""The dead letter queue on the Kafka backend (tansu broker): a poison record is written to the
DLQ topic, which the worker creates, byte for byte with Kafka Connect's context headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from confluent_kafka.admin import AdminClient

from connectors.runtime.status import ConnectorTaskId, State
from tests.integration.conftest import KafkaBroker
from tests.integration.kafka_helpers import (
    FAST_GROUP,
    create_topic,
    produce,
    read_topic,
    unique,
    wait_for,
)
from tests.integration.test_kafka_worker import SINK, Running, lines

pytestmark = pytest.mark.integration


@pytest.fixture
def running(kafka_broker: KafkaBroker) -> Iterator[Running]:
    props = {
        "bootstrap.servers": kafka_broker.bootstrap_servers,
        "key.converter": "org.apache.kafka.connect.storage.StringConverter",
        "value.converter": "org.apache.kafka.connect.storage.StringConverter",
        "offset.flush.interval.ms": "200",
        "offset.storage.topic": unique("dlq-worker-offsets"),
        "offset.storage.replication.factor": "1",
        "config.storage.topic": unique("dlq-worker-configs"),
        "config.storage.replication.factor": "1",
        "throughput.log.interval.ms": "0",
        **{f"consumer.{k}": v for k, v in FAST_GROUP.items()},
    }
    workers = Running(props)
    yield workers
    for herder in list(workers.herders):
        workers.stop(herder)


def test_poison_record_goes_to_the_kafka_dlq(
    running: Running, kafka_broker: KafkaBroker, tmp_path: Path
) -> None:
    """tolerance=all: the other records reach the sink; the poison one the DLQ topic (created
    with one partition) with its original bytes and the __connect.errors.* headers."""
    bootstrap = kafka_broker.bootstrap_servers
    topic = create_topic(bootstrap, unique("dlq-input"))
    dlq = unique("dlq-errors")
    poison = b'{"id": 2, oops'
    produce(
        bootstrap,
        topic,
        [(0, b"k1", b'{"id": 1}'), (0, b"k2", poison), (0, b"k3", b'{"id": 3}')],
    )
    out = tmp_path / "out.txt"
    name = unique("dlq-sink")
    herder = running.start(
        {
            "name": name,
            "connector.class": SINK,
            "topics": topic,
            "file": str(out),
            "value.converter": "org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable": "false",
            "errors.tolerance": "all",
            "errors.deadletterqueue.topic.name": dlq,
            "errors.deadletterqueue.topic.replication.factor": "1",
            "errors.deadletterqueue.context.headers.enable": "true",
        }
    )
    wait_for(lambda: len(lines(out)) == 2, 30, "two records in the sink's file")
    assert lines(out) == ["{'id': 1}", "{'id': 3}"]
    metadata = AdminClient({"bootstrap.servers": bootstrap}).list_topics(timeout=10)
    assert len(metadata.topics[dlq].partitions) == 1
    (dead,) = read_topic(bootstrap, dlq)
    assert (dead.key, dead.value) == (b"k2", poison)
    headers = dict(dead.headers)
    assert headers["__connect.errors.topic"] == topic.encode()
    assert headers["__connect.errors.partition"] == b"0"
    assert headers["__connect.errors.offset"] == b"1"
    assert headers["__connect.errors.connector.name"] == name.encode()
    assert headers["__connect.errors.task.id"] == b"0"
    assert headers["__connect.errors.stage"] == b"VALUE_CONVERTER"
    assert headers["__connect.errors.class.name"] == b"org.apache.kafka.connect.json.JsonConverter"
    assert (
        headers["__connect.errors.exception.class.name"]
        == b"org.apache.kafka.connect.errors.DataException"
    )
    assert (headers["__connect.errors.exception.message"] or b"").startswith(
        b"Converting byte[] to Kafka Connect data failed due to serialization error"
    )
    status = herder.worker.status.task(ConnectorTaskId(name, 0))
    assert status is not None and status.state is State.RUNNING
