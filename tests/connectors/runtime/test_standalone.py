"""Tests of connectors.runtime.standalone: what the herder keeps across restarts.

(The REST-facing behaviour of the herder is tested through HTTP in tests/connectors/runtime/rest.)
"""

from __future__ import annotations

from pathlib import Path

from tests.connectors.runtime.rest.conftest import (
    RunningWorker,
    source_config,
    wait_for,
    worker_props,
)


def running_state(worker: RunningWorker, name: str) -> str | None:
    status = worker.status(name)
    if not status or not status["tasks"]:
        return None
    states = {status["connector"]["state"], *(t["state"] for t in status["tasks"])}
    return states.pop() if len(states) == 1 else None


def test_rest_created_connectors_survive_a_restart(tmp_path: Path) -> None:
    """A connector created over REST is stored, and a new worker on the store runs it again."""
    props = worker_props(tmp_path)
    first = RunningWorker(props)
    try:
        response = first.client.post(
            "/connectors", json={"name": "counter", "config": source_config(secret="kept")}
        )
        assert response.status_code == 201
        wait_for(lambda: running_state(first, "counter") == "RUNNING")
        assert first.log.config_store().names() == ["counter"]
    finally:
        first.stop()
    second = RunningWorker(props)
    try:
        assert second.client.get("/connectors").json() == ["counter"]
        assert second.client.get("/connectors/counter/config").json() == {
            **source_config(secret="kept"),
            "name": "counter",
        }
        wait_for(lambda: running_state(second, "counter") == "RUNNING")
    finally:
        second.stop()


def test_command_line_connectors_are_not_stored(tmp_path: Path) -> None:
    """put_connector_config (the command line's files) runs a connector without storing it."""
    props = worker_props(tmp_path)
    first = RunningWorker(props)
    try:
        assert first.herder.put_connector_config({**source_config(), "name": "file-conn"})
        assert first.client.get("/connectors").json() == ["file-conn"]
        assert first.log.config_store().names() == []
    finally:
        first.stop()
    second = RunningWorker(props)
    try:
        assert second.client.get("/connectors").json() == []
    finally:
        second.stop()


def test_changing_a_command_line_connector_over_rest_stores_it(tmp_path: Path) -> None:
    """PUT /connectors/{name}/config on a command-line connector makes it a stored one."""
    worker = RunningWorker(worker_props(tmp_path))
    try:
        worker.herder.put_connector_config({**source_config(), "name": "file-conn"})
        assert (
            worker.client.put("/connectors/file-conn/config", json=source_config()).status_code
            == 200
        )
        assert worker.log.config_store().names() == ["file-conn"]
    finally:
        worker.stop()


def test_deleted_connectors_stay_deleted(tmp_path: Path) -> None:
    """DELETE removes the stored configuration too: a restarted worker does not run it."""
    props = worker_props(tmp_path)
    first = RunningWorker(props)
    try:
        first.client.post("/connectors", json={"name": "counter", "config": source_config()})
        assert first.client.delete("/connectors/counter").status_code == 204
        assert first.log.config_store().names() == []
    finally:
        first.stop()
    second = RunningWorker(props)
    try:
        assert second.client.get("/connectors").json() == []
    finally:
        second.stop()


def test_start_skips_stored_connectors_given_on_the_command_line(tmp_path: Path) -> None:
    """start(exclude=...) leaves a stored connector of that name to the command line."""
    props = worker_props(tmp_path)
    first = RunningWorker(props)
    try:
        first.client.post("/connectors", json={"name": "counter", "config": source_config()})
    finally:
        first.stop()
    from connectors.runtime.recordlog import open_record_log
    from connectors.runtime.standalone import StandaloneHerder
    from connectors.runtime.worker import Worker
    from connectors.runtime.worker_config import WorkerConfig

    config = WorkerConfig(props)
    log = open_record_log(config)
    herder = StandaloneHerder(Worker(config, log, "w"))
    try:
        herder.start(exclude=["counter"])
        assert herder.connectors() == []
        assert herder.running.is_set()
    finally:
        herder.stop()
        log.close()
