"""Tests of connectors.runtime.worker_config, and that docs/runtime.md shows the generated reference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connect_data.config import ConfigException
from connectors.runtime.connector_config import (
    sink_connector_config_def,
    source_connector_config_def,
)
from connectors.runtime.worker_config import WorkerConfig, worker_config_def
from converters.header import SimpleHeaderConverter
from converters.string import StringConverter

DOC = Path(__file__).resolve().parents[3] / "docs" / "runtime.md"
BASE = {
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "value.converter": "StringConverter",
}


def test_defaults_are_kafkas() -> None:
    """Unset keys take Kafka Connect's defaults; no bootstrap.servers means the embedded store."""
    config = WorkerConfig(BASE)
    assert config.get_class("key.converter") is StringConverter
    assert config.get_class("header.converter") is SimpleHeaderConverter
    assert config.offset_commit_interval_ms() == 60000
    assert config.offset_commit_timeout_ms() == 5000
    assert config.get_long("task.shutdown.graceful.timeout.ms") == 5000
    assert config.embedded() and config.offsets_file() is None
    assert config.get_string("embedded.store.path") == "connectpy-data/connect.db"
    assert config.get_int("num.partitions") == 1


def test_unknown_keys_are_accepted() -> None:
    """Keys of a Java worker file connectpy does not use (listeners, ...) do not fail parsing."""
    config = WorkerConfig({**BASE, "listeners": "http://:8083", "rest.port": "8083"})
    assert config.embedded()
    assert {"listeners", "rest.port"} <= config.unused()


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("num.partitions", "0", "Value must be at least 1"),
        ("offset.flush.interval.ms", "soon", "Not a number of type LONG"),
        ("embedded.store.synchronous", "OFF", "String must be one of"),
        ("value.converter", "NoSuchConverter", "NoSuchConverter"),
    ],
)
def test_bad_values_are_refused(key: str, value: str, message: str) -> None:
    """Invalid values raise ConfigException with Kafka's wording."""
    with pytest.raises(ConfigException, match=message):
        WorkerConfig({**BASE, key: value})


def _documented(name: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(
        rf"<!-- config-reference: {re.escape(name)} -->\n(.*?)<!-- end config-reference -->",
        text,
        re.DOTALL,
    )
    assert match is not None, f"docs/runtime.md has no {name} reference"
    return match.group(1)


@pytest.mark.parametrize(
    ("name", "generate"),
    [
        ("worker", lambda: worker_config_def().to_markdown(4)),
        ("source-connector", lambda: source_connector_config_def().to_markdown(4)),
        ("sink-connector", lambda: sink_connector_config_def().to_markdown(4)),
    ],
)
def test_docs_reference_is_generated(name: str, generate: object) -> None:
    """docs/runtime.md holds exactly the to_markdown() output of each ConfigDef."""
    assert callable(generate)
    assert _documented(name) == generate().strip("\n") + "\n"


def test_worker_config_resolves_its_own_provider_references(tmp_path: Path) -> None:
    """config.providers (Java class names) resolve ${...} in the worker config's own values."""
    secrets = tmp_path / "worker.properties"
    secrets.write_text("store=/var/lib/connect/store.db\n")
    config = WorkerConfig(
        {
            **BASE,
            "config.providers": "file,env",
            "config.providers.file.class": (
                "org.apache.kafka.common.config.provider.FileConfigProvider"
            ),
            "config.providers.env.class": "EnvVarConfigProvider",
            "config.providers.env.param.allowlist.pattern": "^NOTHING$",
            "embedded.store.path": f"${{file:{secrets}:store}}",
            "rest.advertised.host.name": "${env:HOME}",
        }
    )
    assert config.get_string("embedded.store.path") == "/var/lib/connect/store.db"
    assert config.get_string("rest.advertised.host.name") == "${env:HOME}"
    assert config.get_list("config.providers") == ["file", "env"]


def test_worker_config_unknown_provider_class_is_refused() -> None:
    """A config.providers.<name>.class that names no class raises ConfigException."""
    with pytest.raises(ConfigException, match=r"config\.providers\.x\.class"):
        WorkerConfig({**BASE, "config.providers": "x", "config.providers.x.class": "NoSuchThing"})
