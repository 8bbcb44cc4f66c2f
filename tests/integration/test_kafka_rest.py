"""The REST API of a worker on the Kafka backend (tansu broker on 127.0.0.1): the cluster id,
source offsets from the offsets topic, a sink's consumer-group offsets altered and reset, and
connectors created over REST back after a restart (stored in the configs topic)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.connectors.runtime.rest.conftest import RunningWorker
from tests.integration.conftest import KafkaBroker
from tests.integration.kafka_helpers import FAST_GROUP, unique, wait_for

pytestmark = pytest.mark.integration

SOURCE = "tests.connectors.testplugins.CounterSourceConnector"
SINK = "tests.connectors.testplugins.LineFileSinkConnector"


def kafka_worker_props(broker: KafkaBroker, tmp_path: Path) -> dict[str, str]:
    return {
        "bootstrap.servers": broker.bootstrap_servers,
        "key.converter": "org.apache.kafka.connect.storage.StringConverter",
        "value.converter": "org.apache.kafka.connect.storage.StringConverter",
        "offset.flush.interval.ms": "200",
        "offset.storage.topic": unique("rest-offsets"),
        "offset.storage.partitions": "1",
        "offset.storage.replication.factor": "1",
        "config.storage.topic": unique("rest-configs"),
        "config.storage.replication.factor": "1",
        "throughput.log.interval.ms": "0",
        "listeners": "http://127.0.0.1:0",
        **{f"consumer.{k}": v for k, v in FAST_GROUP.items()},
    }


def test_rest_on_the_kafka_backend(kafka_broker: KafkaBroker, tmp_path: Path) -> None:
    """Offsets, topics and stored connectors work through REST on Kafka."""
    props = kafka_worker_props(kafka_broker, tmp_path)
    topic = unique("rest-numbers")
    out = tmp_path / "sink.txt"
    source = {
        "connector.class": SOURCE,
        "topic": topic,
        "count": "20",
        "topic.creation.default.replication.factor": "1",
        "topic.creation.default.partitions": "1",
    }
    sink = {"connector.class": SINK, "topics": topic, "file": str(out)}
    worker = RunningWorker(props)
    try:
        client = worker.client
        cluster_id = client.get("/").json()["kafka_cluster_id"]
        assert isinstance(cluster_id, str) and cluster_id
        assert client.post("/connectors", json={"name": "src", "config": source}).status_code == 201
        assert client.post("/connectors", json={"name": "snk", "config": sink}).status_code == 201
        wait_for(lambda: out.exists() and len(out.read_text().splitlines()) == 20, 30, "20 lines")

        def offsets(name: str) -> list[dict[str, Any]]:
            return list(client.get(f"/connectors/{name}/offsets").json()["offsets"])

        wait_for(
            lambda: offsets("src") == [{"partition": {"partition": "p0"}, "offset": {"n": 19}}],
            20,
            "source offsets",
        )
        wait_for(lambda: bool(offsets("snk")), 20, "sink offsets")
        assert offsets("snk") == [
            {
                "partition": {"kafka_topic": topic, "kafka_partition": 0},
                "offset": {"kafka_offset": 20},
            }
        ]
        assert client.get("/connectors/src/topics").json() == {"src": {"topics": [topic]}}
        assert client.put("/connectors/snk/stop").status_code == 204
        altered = client.patch(
            "/connectors/snk/offsets",
            json={
                "offsets": [
                    {
                        "partition": {"kafka_topic": topic, "kafka_partition": 0},
                        "offset": {"kafka_offset": 5},
                    }
                ]
            },
        )
        assert altered.status_code == 200, altered.text
        assert offsets("snk")[0]["offset"] == {"kafka_offset": 5}
        assert client.delete("/connectors/snk/offsets").status_code == 200
        assert offsets("snk") == []
    finally:
        worker.stop()
    again = RunningWorker(props)
    try:
        assert again.client.get("/connectors").json() == ["snk", "src"]
        wait_for(
            lambda: again.status("src").get("connector", {}).get("state") == "RUNNING", 20, "src"
        )
    finally:
        again.stop()
