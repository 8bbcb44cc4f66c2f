"""A worker on the Kafka backend, in process, against the tansu broker: a source connector
writes a topic it creates, a sink connector reads it into a file, and both resume from their
offsets after the worker restarts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from connectors.runtime.recordlog import open_record_log
from connectors.runtime.standalone import StandaloneHerder
from connectors.runtime.status import ConnectorTaskId, State
from connectors.runtime.worker import Worker
from connectors.runtime.worker_config import WorkerConfig
from tests.integration.conftest import KafkaBroker
from tests.integration.kafka_helpers import FAST_GROUP, read_topic, unique, wait_for

pytestmark = pytest.mark.integration

SOURCE = "tests.connectors.testplugins.CounterSourceConnector"
SINK = "tests.connectors.testplugins.LineFileSinkConnector"


class Running:
    """Starts and stops in-process workers on one set of worker properties."""

    def __init__(self, props: dict[str, str]) -> None:
        self.props = props
        self.herders: list[StandaloneHerder] = []

    def start(self, *connectors: dict[str, str]) -> StandaloneHerder:
        config = WorkerConfig(self.props)
        herder = StandaloneHerder(Worker(config, open_record_log(config)))
        herder.start()
        self.herders.append(herder)
        for props in connectors:
            assert herder.put_connector_config(props), f"{props['name']} did not start"
        return herder

    def stop(self, herder: StandaloneHerder) -> None:
        herder.stop()
        herder.worker.record_log.close()
        self.herders.remove(herder)


@pytest.fixture
def running(kafka_broker: KafkaBroker) -> Iterator[Running]:
    props = {
        "bootstrap.servers": kafka_broker.bootstrap_servers,
        "key.converter": "org.apache.kafka.connect.storage.StringConverter",
        "value.converter": "org.apache.kafka.connect.storage.StringConverter",
        "offset.flush.interval.ms": "200",
        "offset.storage.topic": unique("worker-offsets"),
        "offset.storage.partitions": "3",
        "offset.storage.replication.factor": "1",
        "config.storage.topic": unique("worker-configs"),
        "config.storage.replication.factor": "1",
        "throughput.log.interval.ms": "0",
        **{f"consumer.{k}": v for k, v in FAST_GROUP.items()},
    }
    workers = Running(props)
    yield workers
    for herder in list(workers.herders):
        workers.stop(herder)


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def expected(count: int, partitions: int = 2) -> list[str]:
    return [f"p{p}:{n}" for p in range(partitions) for n in range(count)]


def test_source_to_sink_and_restart(
    running: Running, kafka_broker: KafkaBroker, tmp_path: Path
) -> None:
    """Records flow source -> topic -> sink; after a restart both continue where they stopped."""
    topic = unique("worker-numbers")
    out = tmp_path / "sink.txt"
    source: dict[str, Any] = {
        "name": unique("counter"),
        "connector.class": SOURCE,
        "tasks.max": "2",
        "topic": topic,
        "partitions": "2",
        "count": "300",
        "batch.size": "40",
        "topic.creation.default.replication.factor": "1",
        "topic.creation.default.partitions": "3",
    }
    sink = {
        "name": unique("lines"),
        "connector.class": SINK,
        "tasks.max": "1",
        "topics": topic,
        "file": str(out),
    }
    herder = running.start(source, sink)
    wait_for(lambda: len(lines(out)) >= 600, 30, "600 lines in the sink's file")
    status = herder.worker.status.task(ConnectorTaskId(sink["name"], 0))
    assert status is not None and status.state is State.RUNNING
    running.stop(herder)

    records = read_topic(kafka_broker.bootstrap_servers, topic)
    assert sorted(r.value.decode() for r in records if r.value) == sorted(expected(300))
    assert {r.partition for r in records} <= {0, 1, 2} and len({r.partition for r in records}) == 3
    assert sorted(lines(out)) == sorted(expected(300))
    offsets = {
        r.key: r.value
        for r in read_topic(kafka_broker.bootstrap_servers, running.props["offset.storage.topic"])
    }
    name = source["name"]
    assert orjson.loads(offsets[orjson.dumps([name, {"partition": "p1"}])] or b"") == {"n": 299}

    herder = running.start({**source, "count": "400"}, sink)
    wait_for(lambda: len(lines(out)) >= 800, 30, "800 lines in the sink's file")
    running.stop(herder)
    values = Counter(
        r.value.decode() for r in read_topic(kafka_broker.bootstrap_servers, topic) if r.value
    )
    assert sorted(values) == sorted(expected(400))
    assert max(values.values()) == 1, "a clean stop commits offsets: nothing is written twice"
    assert Counter(lines(out)) == Counter(expected(400))


def test_offsets_file_instead_of_topic(
    running: Running, kafka_broker: KafkaBroker, tmp_path: Path
) -> None:
    """With offset.storage.file.filename, source offsets go to the file, not to a topic."""
    offsets_file = tmp_path / "offsets.json"
    running.props["offset.storage.file.filename"] = str(offsets_file)
    topic = unique("worker-filed")
    source = {
        "name": unique("filed"),
        "connector.class": SOURCE,
        "tasks.max": "1",
        "topic": topic,
        "partitions": "1",
        "count": "50",
        "topic.creation.default.replication.factor": "1",
        "topic.creation.default.partitions": "1",
    }
    herder = running.start(source)
    wait_for(lambda: len(read_topic(kafka_broker.bootstrap_servers, topic)) >= 50, 20, "50 records")
    running.stop(herder)
    stored = orjson.loads(offsets_file.read_bytes())
    assert stored == {orjson.dumps([source["name"], {"partition": "p0"}]).decode(): '{"n":49}'}
    from confluent_kafka.admin import AdminClient

    topics = AdminClient({"bootstrap.servers": kafka_broker.bootstrap_servers}).list_topics(
        timeout=10
    )
    assert running.props["offset.storage.topic"] not in topics.topics
