"""HttpPollSource end to end: through SourceTaskHarness and an embedded worker, against the demo
endpoint on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest

from connectors.http import HttpPollSourceConnector, HttpPollSourceTask
from connectors.http.demo_server import DemoServer, todo
from connectors.testing import (
    EmbeddedConnectCluster,
    SourceTaskHarness,
    make_converter,
    task_config_of,
    wait_until,
)

STRING = "org.apache.kafka.connect.storage.StringConverter"


@pytest.fixture
def demo() -> Iterator[DemoServer]:
    with DemoServer(initial=5, rate=0, stage_size=3) as server:
        yield server


def _struct_config(url: str, **extra: str) -> dict[str, str]:
    return {
        "http.url": url,
        "topic": "todos",
        "poll.interval.ms": "0",
        "output.format": "struct",
        "http.offset.field": "id",
        "http.offset.param": "since",
        "http.record.key.field": "id",
        "value.converter": "JsonConverter",
        "key.converter": STRING,
        **extra,
    }


def test_struct_records_as_json_with_evolving_schema(demo: DemoServer) -> None:
    """Records carry their inferred schema in JsonConverter's envelope; versions grow."""
    config = task_config_of(HttpPollSourceConnector, _struct_config(demo.url + "/todos"))
    with SourceTaskHarness(HttpPollSourceTask, config) as harness:
        first = harness.poll_until(5)
        demo.add(3)
        later = harness.poll_until(3)
    envelopes = [r.value_json() for r in first + later]
    assert [e["payload"] for e in envelopes] == [
        {k: todo(i, 3).get(k) for k in e["payload"]} for i, e in enumerate(envelopes, start=1)
    ]
    versions = [e["schema"]["version"] for e in envelopes]
    assert versions == sorted(versions) and versions[0] < versions[-1]
    assert [r.key for r in first] == [str(i).encode() for i in range(1, 6)]


def test_restart_resumes_without_duplicates(demo: DemoServer) -> None:
    """Committed offsets (and the inferred schema) survive a restart: only new items follow."""
    config = task_config_of(HttpPollSourceConnector, _struct_config(demo.url + "/todos"))
    with SourceTaskHarness(HttpPollSourceTask, config) as harness:
        harness.poll_until(5)
        version_before = harness.records[-1].value_json()["schema"]["version"]
        harness.commit()
        offset = harness.committed_offset({"url": demo.url + "/todos"})
        assert offset is not None
        assert offset["offset"] == 5
        harness.restart()
        demo.add(2)
        resumed = harness.poll_until(2)
        assert harness.poll() == []
    ids = [r.value_json()["payload"]["id"] for r in resumed]
    assert ids == [6, 7]
    assert resumed[0].value_json()["schema"]["version"] >= version_before


def test_users_java_config_through_an_embedded_worker(demo: DemoServer) -> None:
    """The issue's Java worker configuration, unchanged, writes each raw body to the topic."""
    with EmbeddedConnectCluster() as connect:
        connect.configure_connector(
            "source.custom-http-poll",
            {
                "connector.class": "com.example.connect.HttpPollSourceConnector",
                "tasks.max": "1",
                "http.url": demo.url + "/todos",
                "topic": "todos",
                "poll.interval.ms": "500",
                "key.converter": STRING,
                "value.converter": STRING,
                "key.converter.schemas.enable": "false",
                "value.converter.schemas.enable": "false",
            },
        )
        connect.wait_for_connector_and_tasks_running("source.custom-http-poll", 1)
        records = connect.consume(2, 10, "todos", value_converter=make_converter(STRING))
    bodies = [r.value_json() for r in records[:2]]
    assert bodies[0] == [todo(i, 3) for i in range(1, 6)]
    assert records[0].key is None


def test_struct_records_reach_a_sink_through_an_embedded_worker(
    demo: DemoServer, tmp_path: Any
) -> None:
    """Struct records written with JsonConverter are read back and written as JSON lines."""
    out = tmp_path / "todos.jsonl"
    worker = {"value.converter": "JsonConverter", "key.converter": STRING}
    with EmbeddedConnectCluster(worker) as connect:
        connect.configure_connector(
            "http", {"connector.class": "HttpPollSource", **_struct_config(demo.url + "/todos")}
        )
        connect.configure_connector(
            "file",
            {
                "connector.class": "JsonLinesSink",
                "topics": "todos",
                "file": str(out),
                "schema.compatibility": "BACKWARD",
            },
        )
        connect.wait_for_connector_and_tasks_running("http", 1)
        connect.wait_for_connector_and_tasks_running("file", 1)
        demo.add(4)
        wait_until(lambda: out.exists() and len(out.read_bytes().splitlines()) == 9, 15)
        json = make_converter("JsonConverter")
        consumed = connect.consume(9, 5, "todos", value_converter=json)
    rows = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert [row["id"] for row in rows] == list(range(1, 10))
    assert rows[-1] == {**dict.fromkeys(rows[-1]), **todo(9, 3)}
    assert (
        consumed[0].value_schema is not None
        and consumed[0].value_schema.name() == "connectpy.http.todos"
    )
