"""Tests of connectors.runtime.rest.validation: ConfigInfos and plugin definitions."""

from __future__ import annotations

import pytest

from connect_data.config import ConfigDef, ConfigValue
from connectors.runtime.plugins import Plugins
from connectors.runtime.rest.entities import ConfigInfos, ConnectorType
from connectors.runtime.rest.errors import BadRequestException, NotFoundException
from connectors.runtime.rest.validation import (
    connector_type,
    generate_result,
    plugin_config,
    validate_connector_config,
)
from connectors.sink import SinkConnector
from connectors.source import SourceConnector

SOURCE = "tests.connectors.testplugins.CounterSourceConnector"


@pytest.fixture(scope="module")
def plugins() -> Plugins:
    return Plugins()


def values(infos: ConfigInfos) -> dict[str, tuple[str | None, list[str]]]:
    return {
        c.value.name: (c.value.value, list(c.value.errors))
        for c in infos.configs
        if c.value is not None
    }


def test_generate_result_pairs_keys_and_values_like_kafka() -> None:
    """Values of undefined keys come first, then each key with its value; errors are counted."""
    definition = ConfigDef().define("a", ConfigDef.Type.INT, 1, importance=ConfigDef.Importance.LOW)
    definition.define("b", ConfigDef.Type.LIST, "", importance=ConfigDef.Importance.LOW)
    extra = ConfigValue("zzz", "v", [], ["e1", "e2"])
    a = ConfigValue("a", 5, [1, 2], ["bad a"])
    b = ConfigValue("b", ["x", "y"], ["p", "q"])
    infos = generate_result("X", definition.config_keys(), [a, b, extra], ["G"])
    assert infos.error_count == 3
    assert [c.definition.name if c.definition else None for c in infos.configs] == [None, "a", "b"]
    assert infos.configs[1].value is not None and infos.configs[1].value.value == "5"
    assert infos.configs[1].value.recommended_values == ["1", "2"]
    assert infos.configs[2].value is not None and infos.configs[2].value.value == "x,y"
    assert infos.configs[2].definition is not None
    assert infos.configs[2].definition.default_value == ""


def test_a_valid_config_has_no_errors(plugins: Plugins) -> None:
    """The runtime keys, the connector's keys and the transforms' keys are all reported."""
    infos = validate_connector_config(
        plugins,
        {
            "connector.class": SOURCE,
            "name": "c",
            "topic": "t",
            "transforms": "up",
            "transforms.up.type": "tests.connectors.testplugins.UpperCase",
        },
    )
    assert infos.error_count == 0 and infos.name == SOURCE
    names = {c.definition.name for c in infos.configs if c.definition}
    assert {"name", "tasks.max", "topic", "partitions", "transforms.up.type"} <= names
    assert "Common" in infos.groups and "Transforms: up" in infos.groups


def test_null_values_are_errors(plugins: Plugins) -> None:
    """A key given as null gets Kafka's error."""
    infos = validate_connector_config(
        plugins, {"connector.class": SOURCE, "name": "c", "topic": "t", "batch.size": None}
    )
    assert infos.error_count == 1
    assert values(infos)["batch.size"][1] == [
        "Null value can not be supplied as the configuration value."
    ]


def test_missing_and_unknown_connector_class_are_bad_requests(plugins: Plugins) -> None:
    """No connector.class, or one that names nothing, is a BadRequestException."""
    with pytest.raises(BadRequestException, match=r"Connector config \{name=x\} contains no"):
        validate_connector_config(plugins, {"name": "x"})
    with pytest.raises(BadRequestException, match="NoSuchConnector"):
        validate_connector_config(plugins, {"connector.class": "NoSuchConnector"})


def test_converter_keys_are_validated_under_their_prefix(plugins: Plugins) -> None:
    """A connector's own value.converter has its keys checked as value.converter.*."""
    infos = validate_connector_config(
        plugins,
        {
            "connector.class": SOURCE,
            "name": "c",
            "topic": "t",
            "value.converter": "org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable": "maybe",
        },
    )
    found = values(infos)
    assert found["value.converter.schemas.enable"][1]
    assert infos.error_count == 1
    definitions = {c.definition.name for c in infos.configs if c.definition}
    assert "value.converter.decimal.format" in definitions


def test_passwords_are_hidden_everywhere(plugins: Plugins) -> None:
    """PASSWORD values show as [hidden] and are removed from other values and error texts."""
    infos = validate_connector_config(
        plugins,
        {
            "connector.class": SOURCE,
            "name": "c",
            "topic": "t",
            "secret": "p4ss-word-x",
            "partitions": "p4ss-word-x",
        },
    )
    found = values(infos)
    assert found["secret"][0] == "[hidden]"
    text = repr(infos)
    assert "p4ss-word-x" not in text
    assert any("[hidden]" in e for e in found["partitions"][1])


def test_connector_type() -> None:
    """Sources, sinks and anything else."""
    assert connector_type(SourceConnector) is ConnectorType.SOURCE
    assert connector_type(SinkConnector) is ConnectorType.SINK
    assert (
        connector_type(None) is ConnectorType.UNKNOWN
        and connector_type(int) is ConnectorType.UNKNOWN
    )


def test_plugin_config_kinds(plugins: Plugins) -> None:
    """Connectors, converters and transformations have definitions; other classes do not."""
    source = [k.name for k in plugin_config(plugins, SOURCE)]
    assert source[0] == "topic" and "exactly.once.support" in source
    assert "field" in {
        k.name
        for k in plugin_config(plugins, "org.apache.kafka.connect.transforms.ExtractField$Value")
    }
    with pytest.raises(NotFoundException, match=r"Unknown plugin Nope\."):
        plugin_config(plugins, "Nope")
    with pytest.raises(BadRequestException, match="Valid types are sink, source"):
        plugin_config(plugins, "connectors.runtime.worker.Worker")
