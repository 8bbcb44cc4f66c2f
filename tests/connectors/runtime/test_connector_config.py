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
    result = validate_connector_config(plugins, props, **kwargs)
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


# --------------------------------------------------------------------- error handling keys


def test_error_keys_have_kafkas_defaults(plugins: Plugins) -> None:
    """errors.* keys default as in Kafka; the DLQ keys exist only for sinks."""
    source = ConnectorConfig(
        plugins,
        {"name": "c", "connector.class": SOURCE, "topic": "t"},
        testplugins.CounterSourceConnector,
    )
    assert source.error_retry_timeout() == 0
    assert source.error_max_delay_in_millis() == 60000
    assert str(source.error_tolerance_type()) == "NONE"
    assert not source.enable_error_log() and not source.include_record_details_in_error_log()
    assert "errors.deadletterqueue.topic.name" not in source.definition().names()
    sink = ConnectorConfig(
        plugins,
        {"name": "s", "connector.class": SINK, "topics": "a", "file": "f"},
        testplugins.LineFileSinkConnector,
    )
    assert sink.dlq_topic_name() == "" and sink.dlq_topic_replication_factor() == 3
    assert not sink.is_dlq_context_headers_enabled() and not sink.enable_errant_record_reporter()


def test_error_keys_are_parsed(plugins: Plugins) -> None:
    """Set values are read with their types."""
    sink = ConnectorConfig(
        plugins,
        {
            "name": "s",
            "connector.class": SINK,
            "topics": "a",
            "file": "f",
            "errors.retry.timeout": "-1",
            "errors.retry.delay.max.ms": "100",
            "errors.tolerance": "all",
            "errors.log.enable": "true",
            "errors.log.include.messages": "true",
            "errors.deadletterqueue.topic.name": "dlq",
            "errors.deadletterqueue.topic.replication.factor": "7",
            "errors.deadletterqueue.context.headers.enable": "true",
        },
        testplugins.LineFileSinkConnector,
    )
    assert (sink.error_retry_timeout(), sink.error_max_delay_in_millis()) == (-1, 100)
    assert str(sink.error_tolerance_type()) == "ALL"
    assert sink.enable_error_log() and sink.include_record_details_in_error_log()
    assert (sink.dlq_topic_name(), sink.dlq_topic_replication_factor()) == ("dlq", 7)
    assert sink.is_dlq_context_headers_enabled() and sink.enable_errant_record_reporter()


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "errors.tolerance",
            "some",
            "Invalid value some for configuration errors.tolerance: String must be one of: "
            "none, all",
        ),
        (
            "errors.retry.timeout",
            "soon",
            "Invalid value soon for configuration errors.retry.timeout: Not a number of type LONG",
        ),
        (
            "errors.deadletterqueue.topic.replication.factor",
            "70000",
            "Invalid value 70000 for configuration errors.deadletterqueue.topic.replication."
            "factor: Not a number of type SHORT",
        ),
    ],
)
def test_bad_error_values_are_reported(
    plugins: Plugins, key: str, value: str, message: str
) -> None:
    """Invalid errors.* values get Kafka's validation messages."""
    found = errors(
        plugins, {"name": "s", "connector.class": SINK, "topics": "a", "file": "f", key: value}
    )
    assert found[key] == [message]


def test_the_dlq_topic_may_not_be_a_consumed_topic(plugins: Plugins) -> None:
    """A DLQ topic among topics, or matched by topics.regex, is refused as in Kafka."""
    base = {"name": "s", "connector.class": SINK, "file": "f"}
    found = errors(plugins, {**base, "topics": "a,dlq", "errors.deadletterqueue.topic.name": "dlq"})
    assert found["topics"] == [
        "The DLQ topic 'dlq' may not be included in the list of topics ('topics=[a, dlq]') "
        "consumed by the connector"
    ]
    found = errors(
        plugins, {**base, "topics.regex": "d.*", "errors.deadletterqueue.topic.name": "dlq"}
    )
    assert found["topics.regex"] == [
        "The DLQ topic 'dlq' may not be matched by the regex for the topics "
        "('topics.regex=d.*') consumed by the connector"
    ]
    config = ConnectorConfig(
        plugins,
        {**base, "topics": "dlq", "errors.deadletterqueue.topic.name": "dlq"},
        testplugins.LineFileSinkConnector,
    )
    with pytest.raises(
        ConfigException, match="Invalid value dlq for configuration topics: The DLQ"
    ):
        config.sink_subscription()


# --------------------------------------------------------------------- transforms (Java's enrich)

BASE = {"name": "c", "connector.class": SOURCE, "topic": "t"}
UPPER = "tests.connectors.testplugins.UpperCase"


def parse(plugins: Plugins, **props: str) -> ConnectorConfig:
    return ConnectorConfig(plugins, {**BASE, **props}, testplugins.CounterSourceConnector)


def test_negate_without_predicate_is_refused(plugins: Plugins) -> None:
    """transforms.a.negate needs transforms.a.predicate, with Kafka's message (parse and validate)."""
    props = {"transforms": "a", "transforms.a.type": UPPER, "transforms.a.negate": "true"}
    message = (
        "Config 'transforms.a.negate' was provided but there is no config "
        "'transforms.a.predicate' defining a predicate to be negated."
    )
    with pytest.raises(ConfigException) as info:
        parse(plugins, **props)
    assert str(info.value) == message
    assert errors(plugins, {**BASE, **props})["transforms.a.type"] == [message]


def test_a_missing_type_is_not_a_transformation(plugins: Plugins) -> None:
    """An alias without type fails to parse with Java's message; validation reports both the
    missing value and the validator's message, as Java's parseForValidate does."""
    with pytest.raises(ConfigException) as info:
        parse(plugins, transforms="a")
    assert str(info.value) == (
        "Invalid value null for configuration transforms.a.type: Not a Transformation"
    )
    assert errors(plugins, {**BASE, "transforms": "a"})["transforms.a.type"] == [
        'Missing required configuration "transforms.a.type" which has no default value.',
        "Invalid value null for configuration transforms.a.type: Not a Transformation",
    ]


def test_an_abstract_transformation_suggests_its_variants(plugins: Plugins) -> None:
    """InsertField without $Key/$Value: abstract, with Kafka's "Did you mean" list."""
    props = {
        "transforms": "a",
        "transforms.a.type": "org.apache.kafka.connect.transforms.InsertField",
    }
    expected = (
        "Invalid value class org.apache.kafka.connect.transforms.InsertField for configuration "
        "transforms.a.type: Transformation is abstract and cannot be created. Did you mean "
        "org.apache.kafka.connect.transforms.InsertField$Key, "
        "org.apache.kafka.connect.transforms.InsertField$Value?"
    )
    with pytest.raises(ConfigException) as info:
        parse(plugins, **props)
    assert str(info.value) == expected
    assert errors(plugins, {**BASE, **props})["transforms.a.type"] == [expected]


def test_a_predicate_class_that_is_not_a_predicate(plugins: Plugins) -> None:
    """predicates.p.type must be a Predicate."""
    found = errors(plugins, {**BASE, "predicates": "p", "predicates.p.type": UPPER})
    assert found["predicates.p.type"] == [
        f"Invalid value class {UPPER} for configuration predicates.p.type: Not a Predicate"
    ]


def test_transformation_keys_are_embedded_in_documentation_order(plugins: Plugins) -> None:
    """A transformation's group holds type, then the embedded keys in the child's documentation
    order (required first), as Java's embed."""
    config = parse(
        plugins,
        transforms="r",
        **{
            "transforms.r.type": "org.apache.kafka.connect.transforms.RegexRouter",
            "transforms.r.regex": "(.*)",
            "transforms.r.replacement": "$1-x",
        },
    )
    group = [k.name for k in config.definition().sorted_configs() if k.group == "Transforms: r"]
    assert group == [
        "transforms.r.type",
        "transforms.r.regex",
        "transforms.r.replacement",
        "transforms.r.negate",
        "transforms.r.predicate",
    ]
    assert config.get_boolean("transforms.r.negate") is False
    assert config.get_string("transforms.r.predicate") is None
