"""The user's Java-worker config for the HTTP polling source runs unchanged in ``connectpy standalone``.

The issue's exact connector configuration (``com.example.connect.HttpPollSourceConnector``,
StringConverters, ``*.converter.schemas.enable=false``) is given to the CLI as a Java
``.properties`` file and as the JSON body a user would POST to Kafka Connect's REST API; both
run and the raw response bodies reach topic ``todos``.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from connectors.http.demo_server import DemoServer
from tests.integration.test_standalone import Cli, cli, topic_values, wait_for, worker_file

pytestmark = pytest.mark.integration

__all__ = ["cli"]  # the fixture, re-used


def user_config(url: str) -> dict[str, str]:
    """The configuration exactly as the user wrote it for a Java worker (with our endpoint)."""
    return {
        "connector.class": "com.example.connect.HttpPollSourceConnector",
        "tasks.max": "1",
        "http.url": url,
        "topic": "todos",
        "poll.interval.ms": "500",
        "key.converter": "org.apache.kafka.connect.storage.StringConverter",
        "value.converter": "org.apache.kafka.connect.storage.StringConverter",
        "key.converter.schemas.enable": "false",
        "value.converter.schemas.enable": "false",
    }


@pytest.fixture
def endpoint() -> Iterator[DemoServer]:
    with DemoServer(initial=3, rate=0, stage_size=100) as server:
        yield server


@pytest.mark.parametrize("form", ["properties", "json"])
def test_user_config_runs_in_standalone(
    cli: Cli, tmp_path: Path, endpoint: DemoServer, form: str
) -> None:
    """The unchanged config file starts the connector and raw JSON bodies land in ``todos``."""
    config = user_config(endpoint.url + "/todos")
    if form == "properties":
        connector = tmp_path / "http-source.properties"
        lines = {"name": "source.custom-http-poll", **config}
        connector.write_text("".join(f"{k}={v}\n" for k, v in lines.items()))
    else:
        connector = tmp_path / "http-source.json"
        connector.write_text(json.dumps({"name": "source.custom-http-poll", "config": config}))
    proc = cli.start("standalone", str(worker_file(tmp_path)), str(connector))
    db = tmp_path / "data" / "connect.db"
    wait_for(lambda: len(topic_values(db, "todos")) >= 2, proc=proc)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(15) == 0
    bodies = [json.loads(value) for value in topic_values(db, "todos")]
    assert [item["id"] for item in bodies[0]] == [1, 2, 3]
    assert all(isinstance(body, list) for body in bodies)
