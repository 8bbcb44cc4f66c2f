"""JsonLinesSinkConnector: configuration check, one task, lookup by alias."""

from __future__ import annotations

import pytest

from connect_data.config import ConfigException
from connectors.jsonl import JsonLinesSinkConnector, JsonLinesSinkTask
from connectors.runtime.plugins import default_plugins


def test_one_task_whatever_tasks_max() -> None:
    """task_configs gives one copy of the configuration for any tasks.max."""
    connector = JsonLinesSinkConnector()
    props = {"file": "out.jsonl", "topics": "t", "tasks.max": "4"}
    connector.start(props)
    assert connector.task_configs(4) == [props]
    assert connector.task_configs(0) == []
    assert connector.task_class() is JsonLinesSinkTask
    connector.stop()


def test_start_checks_the_configuration() -> None:
    """start() raises ConfigException for an invalid configuration."""
    with pytest.raises(ConfigException, match="format"):
        JsonLinesSinkConnector().start({"file": "x", "format": "xml"})


def test_validate_reports_errors_per_key() -> None:
    """validate() reports the bad key among the config values."""
    result = JsonLinesSinkConnector().validate({"file": "x", "schema.compatibility": "BOTH"})
    errors = {v.name(): v.error_messages() for v in result.config_values() if v.error_messages()}
    assert list(errors) == ["schema.compatibility"]


@pytest.mark.parametrize(
    "name", ["JsonLinesSink", "JsonLinesSinkConnector", "connectors.jsonl.JsonLinesSinkConnector"]
)
def test_found_by_its_names(name: str) -> None:
    """The worker's plugin lookup finds it by alias, simple name and dotted path."""
    assert default_plugins().resolve(name) is JsonLinesSinkConnector


def test_offsets_may_be_altered() -> None:
    """The connector accepts any offset change (it keeps no offsets of its own)."""
    assert JsonLinesSinkConnector().alter_offsets({}, {}) is True
