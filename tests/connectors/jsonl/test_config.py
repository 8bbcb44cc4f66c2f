"""JsonLinesSinkConfig: the connector's keys, defaults and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_data.config import ConfigException
from connectors.jsonl import CONFIG_DEF, JsonLinesSinkConfig, StorageSchemaCompatibility


def test_defaults() -> None:
    """Only file is required: jsonl, NONE and failing on nulls by default."""
    config = JsonLinesSinkConfig({"file": "out.jsonl"})
    assert config.file == Path("out.jsonl")
    assert config.format == "jsonl"
    assert config.compatibility is StorageSchemaCompatibility.NONE
    assert config.fail_on_null_values is True


def test_values_are_case_insensitive() -> None:
    """format, schema.compatibility and behavior.on.null.values accept any case."""
    config = JsonLinesSinkConfig(
        {
            "file": "x",
            "format": "CSV",
            "schema.compatibility": "backward",
            "behavior.on.null.values": "Ignore",
        }
    )
    assert config.format == "csv"
    assert config.compatibility is StorageSchemaCompatibility.BACKWARD
    assert config.fail_on_null_values is False


@pytest.mark.parametrize(
    ("props", "key"),
    [
        ({}, "file"),
        ({"file": ""}, "file"),
        ({"file": "x", "format": "parquet"}, "format"),
        ({"file": "x", "schema.compatibility": "TRANSITIVE"}, "schema.compatibility"),
        ({"file": "x", "behavior.on.null.values": "write"}, "behavior.on.null.values"),
    ],
)
def test_invalid_configurations_name_the_key(props: dict[str, str], key: str) -> None:
    """A missing or invalid value raises ConfigException naming the key."""
    with pytest.raises(ConfigException, match=key):
        JsonLinesSinkConfig(props)


def test_config_def_keys() -> None:
    """The ConfigDef defines exactly the documented keys."""
    assert sorted(CONFIG_DEF.names()) == [
        "behavior.on.null.values",
        "file",
        "format",
        "schema.compatibility",
    ]
