"""Tests of connectors.runtime.worker_config_transformer: config providers in a running worker
(resolved for connectors and tasks, kept out of stored and shown configs, logs and validation)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection
from pathlib import Path

import pytest

from connect_data.config import ConfigData, ConfigProvider
from connectors.runtime.rest.entities import ConfigInfo, ConfigInfos, ConfigValueInfo
from connectors.runtime.secrets import redactor
from connectors.runtime.source_task import AbstractWorkerSourceTask
from connectors.runtime.status import ConnectorTaskId
from connectors.runtime.worker_config_transformer import WorkerConfigTransformer
from tests.connectors.runtime.rest.conftest import (
    RunningWorker,
    source_config,
    wait_for,
    worker_props,
)

FILE_PROVIDER = "org.apache.kafka.common.config.provider.FileConfigProvider"


class _TtlProvider(ConfigProvider):
    def get(self, path: str, keys: Collection[str] | None = None) -> ConfigData:
        return ConfigData({k: f"value-of-{k}" for k in keys or ()}, 20)


def test_transform_registers_provided_values_as_secrets() -> None:
    """Values a provider supplies are hidden from logs from then on."""
    transformer = WorkerConfigTransformer({"p": _TtlProvider()})
    resolved = transformer.transform({"a": "${p:path:zq-secret-1}", "b": "plain"})
    assert resolved == {"a": "value-of-zq-secret-1", "b": "plain"}
    assert redactor.scrub("x value-of-zq-secret-1 y") == "x [hidden] y"
    transformer.close()


def test_ttl_schedules_a_connector_restart() -> None:
    """A TTL restarts the connector (config.action.reload=restart, the default) once it expires."""
    transformer = WorkerConfigTransformer({"p": _TtlProvider()})
    restarted = threading.Event()
    transformer.restart_connector = lambda name: restarted.set() if name == "c" else None
    transformer.transform({"a": "${p:path:k}"}, "c")
    assert restarted.wait(5.0)
    transformer.close()


def test_reload_none_schedules_nothing() -> None:
    """config.action.reload=none, or no connector name, schedules no restart."""
    transformer = WorkerConfigTransformer({"p": _TtlProvider()})
    restarted = threading.Event()
    transformer.restart_connector = lambda name: restarted.set()
    transformer.transform({"a": "${p:path:k}", "config.action.reload": "none"}, "c")
    transformer.transform({"a": "${p:path:k}"})
    assert not restarted.wait(0.3)
    transformer.close()


def test_cancelled_restarts_do_not_fire() -> None:
    """cancel_restarts (a deleted connector) stops its pending restarts."""
    transformer = WorkerConfigTransformer({"p": _TtlProvider()})
    transformer.transform({"a": "${p:path:k}"}, "c")  # no callback yet: nothing scheduled
    restarted = threading.Event()
    transformer.restart_connector = lambda name: restarted.set()
    transformer.transform({"a": "${p:path:k}"}, "c")
    transformer.cancel_restarts("c")
    assert not restarted.wait(0.3)
    transformer.close()


def test_reverse_transform_puts_references_back() -> None:
    """Task config keys whose raw connector value holds a reference get the raw value back."""
    raw = {"password": "${file:/s.properties:pw}", "topic": "t", "url": "http://${env:HOST}/x"}
    tasks = [
        {"password": "s3cr3t", "topic": "t", "url": "http://h/x", "task.partitions": "p0"},
        {"topic": "t"},
    ]
    assert WorkerConfigTransformer.reverse_transform(raw, tasks) == [
        {
            "password": "${file:/s.properties:pw}",
            "topic": "t",
            "url": "http://${env:HOST}/x",
            "task.partitions": "p0",
        },
        {"topic": "t"},
    ]


def test_restore_references_shows_values_as_submitted() -> None:
    """Validation results show the reference, and provider values are hidden from errors."""
    redactor.add(["resolved-zq-2"])
    value = ConfigValueInfo("k", "resolved-zq-2", [], ["Invalid value resolved-zq-2 for k"], True)
    infos = ConfigInfos("C", 1, [], [ConfigInfo(None, value), ConfigInfo(None, None)])
    restored = WorkerConfigTransformer.restore_references({"k": "${p:x:y}"}, infos)
    shown = restored.configs[0].value
    assert shown is not None
    assert shown.value == "${p:x:y}"
    assert shown.errors == ["Invalid value [hidden] for k"]
    assert restored.configs[1].value is None


# ------------------------------------------------------------------------------- end to end


@pytest.fixture
def secrets_file(tmp_path: Path) -> Path:
    file = tmp_path / "secrets" / "secrets.properties"
    file.parent.mkdir()
    file.write_text("secret=zq-e2e-password-41\ntopic.name=resolved-topic\n")
    return file


def test_worker_resolves_connector_configs_but_shows_them_as_submitted(
    tmp_path: Path, secrets_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Connector and task receive resolved values; stored, REST and task configs keep the
    ${file:...} references; validation passes; logs never show the secret."""
    props = worker_props(
        tmp_path,
        **{
            "config.providers": "file",
            "config.providers.file.class": FILE_PROVIDER,
            "config.providers.file.param.allowed.paths": str(secrets_file.parent),
        },
    )
    secret_ref = f"${{file:{secrets_file}:secret}}"
    topic_ref = f"${{file:{secrets_file}:topic.name}}"
    config = source_config(secret=secret_ref, topic=topic_ref)
    caplog.set_level(logging.DEBUG)
    worker = RunningWorker(props)
    try:
        validated = worker.client.put(
            "/connector-plugins/CounterSourceConnector/config/validate",
            json={**config, "name": "counter"},
        )
        assert validated.status_code == 200
        assert validated.json()["error_count"] == 0
        shown = {c["value"]["name"]: c["value"]["value"] for c in validated.json()["configs"]}
        assert shown["topic"] == topic_ref

        created = worker.client.post("/connectors", json={"name": "counter", "config": config})
        assert created.status_code == 201, created.text
        task_id = ConnectorTaskId("counter", 0)
        wait_for(lambda: task_id in worker.worker.tasks)
        task = worker.worker.tasks[task_id]
        assert isinstance(task, AbstractWorkerSourceTask)
        assert task.task_config["secret"] == "zq-e2e-password-41"
        assert task.task_config["topic"] == "resolved-topic"
        connector = worker.worker.connectors["counter"]
        assert connector.props["secret"] == "zq-e2e-password-41"

        expected = {**config, "name": "counter"}
        assert worker.client.get("/connectors/counter/config").json() == expected
        assert worker.log.config_store().get("counter") == expected
        assert worker.herder.configs["counter"] == expected
        [task_info] = worker.client.get("/connectors/counter/tasks").json()
        assert task_info["config"]["secret"] == secret_ref
        assert task_info["config"]["topic"] == topic_ref
        assert "zq-e2e-password-41" not in worker.client.get("/connectors/counter").text
    finally:
        worker.stop()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "zq-e2e-password-41" not in logged
    assert redactor.scrub("zq-e2e-password-41") == "[hidden]"  # and the log filter hides it


def test_unreadable_secret_fails_the_connector(tmp_path: Path) -> None:
    """A provider that cannot read makes the connector FAILED with the provider's message."""
    props = worker_props(
        tmp_path,
        **{"config.providers": "file", "config.providers.file.class": FILE_PROVIDER},
    )
    missing = tmp_path / "missing.properties"
    worker = RunningWorker(props)
    try:
        assert not worker.herder.put_connector_config(
            {**source_config(secret=f"${{file:{missing}:secret}}"), "name": "counter"}
        )
        status = worker.status("counter")
        assert status is not None
        assert status["connector"]["state"] == "FAILED"
        assert "Could not read properties from file" in status["connector"]["trace"]
    finally:
        worker.stop()
