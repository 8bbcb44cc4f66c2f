"""A running worker with its REST API on a free 127.0.0.1 port, and an httpx client for it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from connectors.runtime.recordlog import RecordLog, open_record_log
from connectors.runtime.rest import RestServer, create_app
from connectors.runtime.standalone import StandaloneHerder
from connectors.runtime.worker import Worker
from connectors.runtime.worker_config import WorkerConfig

SOURCE = "tests.connectors.testplugins.CounterSourceConnector"
SINK = "tests.connectors.testplugins.LineFileSinkConnector"


def wait_for(condition: Callable[[], Any], timeout: float = 10.0) -> None:
    """Poll ``condition`` until it is true; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


class RunningWorker:
    """An in-process worker, its herder and a real uvicorn server; ``client`` talks to it."""

    def __init__(self, props: dict[str, str]) -> None:
        self.config = WorkerConfig(props)
        self.server = RestServer(self.config)
        self.server.bind()
        self.log: RecordLog = open_record_log(self.config)
        self.worker = Worker(self.config, self.log, self.server.worker_id())
        self.herder = StandaloneHerder(self.worker)
        self.herder.start()
        self.server.start(create_app(self.herder))
        self.url = f"http://127.0.0.1:{self.server.bound_ports()[0]}"
        self.client = httpx.Client(base_url=self.url, timeout=30.0)

    def status(self, name: str) -> dict[str, Any]:
        """The connector's status body (``{}`` while it has none)."""
        response = self.client.get(f"/connectors/{name}/status")
        return dict(response.json()) if response.status_code == 200 else {}

    def stop(self) -> None:
        self.client.close()
        self.server.stop()
        self.herder.stop()
        self.log.close()


def worker_props(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A worker configuration on an embedded store in ``tmp_path``, REST on a free port."""
    return {
        "key.converter": "org.apache.kafka.connect.storage.StringConverter",
        "value.converter": "org.apache.kafka.connect.storage.StringConverter",
        "offset.flush.interval.ms": "50",
        "embedded.store.path": str(tmp_path / "data" / "connect.db"),
        "throughput.log.interval.ms": "0",
        "task.shutdown.graceful.timeout.ms": "2000",
        "listeners": "http://127.0.0.1:0",
        **extra,
    }


@pytest.fixture
def running(tmp_path: Path) -> Iterator[RunningWorker]:
    worker = RunningWorker(worker_props(tmp_path))
    yield worker
    worker.stop()


@pytest.fixture
def client(running: RunningWorker) -> httpx.Client:
    return running.client


def source_config(name: str = "counter", **extra: str) -> dict[str, str]:
    """A CounterSourceConnector configuration writing to topic ``numbers``."""
    return {
        "connector.class": SOURCE,
        "tasks.max": "1",
        "topic": "numbers",
        "poll.interval.ms": "5",
        "batch.size": "1",
        **extra,
    }


def sink_config(file: Path, **extra: str) -> dict[str, str]:
    """A LineFileSinkConnector configuration reading topic ``numbers``."""
    return {
        "connector.class": SINK,
        "tasks.max": "1",
        "topics": "numbers",
        "file": str(file),
        **extra,
    }
