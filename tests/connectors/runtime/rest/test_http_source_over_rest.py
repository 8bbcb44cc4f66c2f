"""The user's HTTP polling source, created over the REST API with its exact JSON body, runs and
writes the demo endpoint's to-do items to topic ``todos``."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from connectors import TopicPartition
from connectors.http.demo_server import DemoServer
from tests.connectors.runtime.rest.conftest import RunningWorker, wait_for


@pytest.fixture
def demo() -> Iterator[DemoServer]:
    with DemoServer("127.0.0.1", 0, initial=5, rate=0) as server:
        yield server


def todo_values(worker: RunningWorker) -> list[str]:
    topics = worker.log.admin().list_topics()
    if "todos" not in topics:
        return []
    consumer = worker.log.consumer("check", "check")
    tps = [TopicPartition("todos", p) for p in range(topics["todos"])]
    consumer.assign(tps)
    ends = consumer.end_offsets(tps)
    values: list[str] = []
    while any(consumer.position(tp) < ends[tp] for tp in tps):
        values.extend((r.value or b"").decode() for r in consumer.poll(0.05))
    consumer.close()
    return values


def test_users_http_source_config_runs_over_rest(
    running: RunningWorker, client: httpx.Client, demo: DemoServer
) -> None:
    """POST the user's config unchanged (but the URL): 201, RUNNING, 5 records in todos."""
    body = {
        "name": "source.custom-http-poll",
        "config": {
            "connector.class": "com.example.connect.HttpPollSourceConnector",
            "tasks.max": "1",
            "http.url": f"{demo.url}/todos",
            "topic": "todos",
            "poll.interval.ms": "500",
            "key.converter": "org.apache.kafka.connect.storage.StringConverter",
            "value.converter": "org.apache.kafka.connect.storage.StringConverter",
            "key.converter.schemas.enable": "false",
            "value.converter.schemas.enable": "false",
        },
    }
    response = client.post(
        "/connectors",
        content=json.dumps(body),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["name"] == "source.custom-http-poll" and created["type"] == "source"
    assert created["tasks"] == [{"connector": "source.custom-http-poll", "task": 0}]

    def running_task() -> bool:
        status = running.status("source.custom-http-poll")
        return bool(status.get("tasks")) and status["tasks"][0]["state"] == "RUNNING"

    wait_for(running_task)
    wait_for(lambda: len(todo_values(running)) >= 5)
    values = todo_values(running)
    assert len(values) == 5
    assert all("To-do number" in v for v in values)
    topics = client.get("/connectors/source.custom-http-poll/topics").json()
    assert topics == {"source.custom-http-poll": {"topics": ["todos"]}}
    status = client.get("/connectors/source.custom-http-poll/status").json()
    assert status["connector"]["state"] == "RUNNING"
