"""Tests of connectors.connector: Connector's default validate and reconfigure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from connect_data.errors import ConnectException
from connectors import ConfigDef, Connector, SourceConnector
from connectors.task import Task


class _Connector(SourceConnector):
    def __init__(self, definition: Any = None) -> None:
        self.definition = definition
        self.calls: list[str] = []

    def start(self, props: Mapping[str, str]) -> None:
        self.calls.append(f"start {dict(props)}")

    def task_class(self) -> type[Task]:
        raise NotImplementedError

    def task_configs(self, max_tasks: int) -> list[dict[str, str]]:
        return []

    def stop(self) -> None:
        self.calls.append("stop")

    def config(self) -> ConfigDef:
        return self.definition  # type: ignore[no-any-return]


def test_validate_reports_every_key_of_config() -> None:
    """The default validate runs ConfigDef.validate and keeps one ConfigValue per key."""
    definition = (
        ConfigDef()
        .define("topic", ConfigDef.Type.STRING, importance=ConfigDef.Importance.HIGH)
        .define("size", ConfigDef.Type.INT, 1, importance=ConfigDef.Importance.LOW)
    )
    result = _Connector(definition).validate({"size": "x"})
    errors = {v.name(): v.error_messages() for v in result.config_values()}
    assert errors["topic"] == ['Missing required configuration "topic" which has no default value.']
    assert errors["size"] and "size" in errors["size"][0]


def test_validate_refuses_a_missing_config_def() -> None:
    """config() returning None is a ConnectException naming the class."""
    with pytest.raises(ConnectException, match=r"_Connector\.config\(\) must return a ConfigDef"):
        _Connector(None).validate({})


def test_reconfigure_stops_then_starts() -> None:
    """The default reconfigure is stop() then start(new props)."""
    connector = _Connector(ConfigDef())
    connector.reconfigure({"a": "1"})
    assert connector.calls == ["stop", "start {'a': '1'}"]


def test_initialize_sets_context() -> None:
    """initialize() stores the context as self.context."""
    connector = _Connector(ConfigDef())
    marker: Any = object()
    Connector.initialize(connector, marker)
    assert connector.context is marker


def test_source_connector_defaults() -> None:
    """A source connector says nothing about exactly-once and refuses offset changes."""
    connector = _Connector(ConfigDef())
    assert connector.exactly_once_support({}) is None
    assert connector.alter_offsets({}, {}) is False
