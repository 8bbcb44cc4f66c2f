"""Tests of connectors.runtime.connector_config: runtime keys, transforms, validation."""

from __future__ import annotations

import pytest

from connect_data.config import ConfigException
from connectors.runtime.connector_config import ConnectorConfig, validate_connector_config
from connectors.runtime.plugins import Plugins
from tests.connectors import testplugins

SOURCE = "tests.connectors.testplugins.CounterSourceConnector"
SINK = "tests.connectors.testplugins.LineFileSinkConnector"


@pytest.fixture(scope="module")
def plugins() -> Plugins:
    return Plugins()


def errors(plugins: Plugins, props: dict[str, str], **kwargs: bool | None) -> dict[str, list[str]]:
    result = validate_connector_config(plugins, props, **kwargs)  # type: ignore[arg-type]
    return {v.name(): v.error_messages() for v in result.config_values() if v.error_messages()}


def test_a_valid_source_config_has_no_errors(plugins: Plugins) -> None:
    """A complete config validates cleanly, including the connector's own keys."""
    assert errors(plugins, {"name": "c", "connector.class": SOURCE, "topic": "t"}) == {}


def test_errors_are_reported_per_key(plugins: Plugins) -> None:
    """Runtime keys and the connector's own keys each get their error messages."""
    found = errors(plugins, {"connector.class": SOURCE, "tasks.max": "0", "count": "x"})
    assert found["name"] == ['Missing required configuration "name" which has no default value.']
    assert found["tasks.max"] == [
        "Invalid value 0 for configuration tasks.max: Value must be at least 1"
    ]
    assert "topic" in found and "count" in found


def test_unknown_connector_class_is_an_error_on_that_key(plugins: Plugins) -> None:
    """A connector.class that does not resolve is reported on connector.class."""
    found = errors(plugins, {"name": "c", "connector.class": "nope.Nothing"})
    assert "nope.Nothing" in found["connector.class"][0]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "Must configure one of topics or topics.regex"),
        ({"topics": "a", "topics.regex": "a.*"}, "mutually exclusive"),
        ({"topics.regex": "(unclosed"}, "Invalid regex"),
    ],
)
def test_sink_topics_rules(plugins: Plugins, extra: dict[str, str], message: str) -> None:
    """Sinks need exactly one of topics and topics.regex, and a valid regex."""
    found = errors(plugins, {"name": "s", "connector.class": SINK, "file": "x", **extra})
    assert any(message in m for messages in found.values() for m in messages), found


def test_transform_keys_are_validated_with_the_plugin_config(plugins: Plugins) -> None:
    """transforms.<alias>.type must be a Transformation; its predicate's keys are checked."""
    base = {"name": "c", "connector.class": SOURCE, "topic": "t"}
    found = errors(plugins, {**base, "transforms": "a", "transforms.a.type": SOURCE})
    assert "Not a Transformation" in found["transforms.a.type"][0]
    found = errors(
        plugins,
        {
            **base,
            "transforms": "a",
            "transforms.a.type": "tests.connectors.testplugins.UpperCase",
            "transforms.a.predicate": "p",
            "predicates": "p",
            "predicates.p.type": "tests.connectors.testplugins.ValueStartsWith",
        },
    )
    assert found == {
        "predicates.p.prefix": [
            'Missing required configuration "predicates.p.prefix" which has no default value.'
        ]
    }


def test_transform_referring_to_an_undeclared_predicate(plugins: Plugins) -> None:
    """A transformation naming a predicate not in predicates is an error."""
    found = errors(
        plugins,
        {
            "name": "c",
            "connector.class": SOURCE,
            "topic": "t",
            "transforms": "a",
            "transforms.a.type": "tests.connectors.testplugins.UpperCase",
            "transforms.a.predicate": "ghost",
        },
    )
    assert "ghost" in found["transforms.a.predicate"][0]


def test_duplicate_aliases_are_refused(plugins: Plugins) -> None:
    """The same alias twice in transforms is an error."""
    found = errors(
        plugins, {"name": "c", "connector.class": SOURCE, "topic": "t", "transforms": "a,a"}
    )
    assert found["transforms"] == [
        "Invalid value [a, a] for configuration transforms: Duplicate alias provided."
    ]


def test_exactly_once_required_needs_worker_and_connector_support(plugins: Plugins) -> None:
    """exactly.once.support=required fails when the worker cannot, or the connector does not say."""
    props = {
        "name": "c",
        "connector.class": SOURCE,
        "topic": "t",
        "exactly.once.support": "required",
    }
    assert (
        "cannot give exactly-once"
        in errors(plugins, props, exactly_once_available=False)["exactly.once.support"][0]
    )
    assert (
        "does not say"
        in errors(plugins, props, exactly_once_available=True)["exactly.once.support"][0]
    )


def test_connector_config_parses_aliases(plugins: Plugins) -> None:
    """ConnectorConfig gives tasks.max, the transform aliases and the sink subscription."""
    config = ConnectorConfig(
        plugins,
        {"name": "s", "connector.class": SINK, "topics.regex": "logs-.*", "tasks.max": "3"},
        testplugins.LineFileSinkConnector,
    )
    topics, pattern = config.sink_subscription()
    assert config.tasks_max() == 3 and topics is None and pattern is not None
    assert pattern.fullmatch("logs-a") and not pattern.fullmatch("other")
    with pytest.raises(ConfigException, match=r"tasks\.max"):
        ConnectorConfig(plugins, {"name": "s", "connector.class": SINK, "tasks.max": "-1"}, None)
