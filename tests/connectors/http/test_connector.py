"""Tests of connectors.http.connector: validation, task planning and plugin lookup."""

from __future__ import annotations

import doctest
from typing import Any

import pytest

import connectors.http.connector
from connect_data.config import ConfigException
from connectors import ExactlyOnceSupport, PartitionOffsets
from connectors.http import HttpPollSourceConnector, HttpPollSourceTask
from connectors.http.connector import group_partitions
from converters.plugins import PluginType, plugin_class
from tests.connectors.task_contexts import FakeConnectorContext

# The user's configuration, written for a Java worker, exactly as given.
USER_CONNECTOR: dict[str, Any] = {
    "name": "source.custom-http-poll",
    "config": {
        "connector.class": "com.example.connect.HttpPollSourceConnector",
        "tasks.max": "1",
        "http.url": "http://127.0.0.1:8000/todos",
        "topic": "todos",
        "poll.interval.ms": "500",
        "key.converter": "org.apache.kafka.connect.storage.StringConverter",
        "value.converter": "org.apache.kafka.connect.storage.StringConverter",
        "key.converter.schemas.enable": "false",
        "value.converter.schemas.enable": "false",
    },
}


@pytest.fixture
def connector() -> HttpPollSourceConnector:
    source = HttpPollSourceConnector()
    source.initialize(FakeConnectorContext())
    return source


def _errors(connector: HttpPollSourceConnector, props: dict[str, str]) -> dict[str, list[str]]:
    return {
        value.name(): value.error_messages()
        for value in connector.validate(props).config_values()
        if value.error_messages()
    }


def test_docstring_examples() -> None:
    """The module's examples give the output shown."""
    result = doctest.testmod(connectors.http.connector)
    assert result.attempted > 0
    assert result.failed == 0


def test_user_config_validates_unchanged(connector: HttpPollSourceConnector) -> None:
    """The user's Java-worker config, with name, passes validate() with no error on any key."""
    props: dict[str, str] = {"name": USER_CONNECTOR["name"], **USER_CONNECTOR["config"]}
    assert _errors(connector, props) == {}
    connector.start(props)
    [task_config] = connector.task_configs(1)
    assert task_config == props


def test_user_config_class_name_resolves() -> None:
    """com.example.connect.HttpPollSourceConnector and the aliases find this connector."""
    for name in (
        "com.example.connect.HttpPollSourceConnector",
        "HttpPollSourceConnector",
        "HttpPollSource",
        "connectors.http.HttpPollSourceConnector",
    ):
        assert plugin_class(name, PluginType.SOURCE) is HttpPollSourceConnector


def test_validate_reports_each_problem_on_its_key(connector: HttpPollSourceConnector) -> None:
    """Missing keys, bad values and cross-key problems are reported per key, all at once."""
    errors = _errors(
        connector,
        {
            "http.auth.type": "basic",
            "http.offset.param": "since",
            "http.pagination.type": "cursor",
            "output.format": "xml",
        },
    )
    assert set(errors) == {
        "http.url",
        "topic",
        "http.auth.user",
        "http.offset.param",
        "http.pagination.cursor.path",
        "output.format",
    }
    assert errors["http.url"] == [
        'Missing required configuration "http.url" which has no default value.'
    ]
    assert "required for http.auth.type=basic" in errors["http.auth.user"][0]


def test_start_refuses_invalid_config(connector: HttpPollSourceConnector) -> None:
    """start() raises ConfigException for an invalid configuration."""
    with pytest.raises(ConfigException, match=r"http\.url"):
        connector.start({"topic": "t"})


@pytest.mark.parametrize(
    ("urls", "max_tasks", "expected"),
    [
        ("http://h/a", 3, ["http://h/a"]),
        ("http://h/a,http://h/b,http://h/c", 2, ["http://h/a,http://h/b", "http://h/c"]),
        ("http://h/a,http://h/b", 5, ["http://h/a", "http://h/b"]),
        ("http://h/a, http://h/b, http://h/c", 1, ["http://h/a,http://h/b,http://h/c"]),
    ],
)
def test_urls_are_split_across_tasks(
    connector: HttpPollSourceConnector, urls: str, max_tasks: int, expected: list[str]
) -> None:
    """task_configs splits http.url into at most tasks.max groups, keeping the other keys."""
    connector.start({"http.url": urls, "topic": "t", "transforms": "x"})
    configs = connector.task_configs(max_tasks)
    assert [c["http.url"] for c in configs] == expected
    assert all(c["topic"] == "t" and c["transforms"] == "x" for c in configs)


def test_group_partitions_like_kafka() -> None:
    """Groups are contiguous, sizes differ by at most one, longer first; 0 groups is an error."""
    assert group_partitions(list("abcdefg"), 3) == [["a", "b", "c"], ["d", "e"], ["f", "g"]]
    assert group_partitions(["a"], 2) == [["a"], []]
    with pytest.raises(ValueError, match="positive"):
        group_partitions(["a"], 0)


def test_task_class_version_and_delivery(connector: HttpPollSourceConnector) -> None:
    """The task class, the version, no exactly-once, and offsets may be altered."""
    assert connector.task_class() is HttpPollSourceTask
    assert connector.version() == HttpPollSourceTask().version() != ""
    assert connector.exactly_once_support({}) is ExactlyOnceSupport.UNSUPPORTED
    offsets = PartitionOffsets([({"url": "http://h/a"}, {"offset": 3}), ({"url": "x"}, None)])
    assert connector.alter_offsets({}, offsets) is True


def test_secrets_not_in_validate_output(connector: HttpPollSourceConnector) -> None:
    """validate() keeps the token as a hidden Password value."""
    props = {"http.url": "http://h/", "topic": "t", "http.auth.type": "bearer"}
    props["http.auth.token"] = "tok-Secret"
    values = connector.validate(props).config_values()
    assert "tok-Secret" not in repr([v.value() for v in values]) + str([str(v) for v in values])
