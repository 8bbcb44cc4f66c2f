"""Tests of connectors.runtime.recordlog.kafka.topic_creation (no broker needed)."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import pytest

from connect_data.config import ConfigException
from connect_data.errors import ConnectException
from connectors.runtime.recordlog.kafka.topic_creation import (
    TopicCreation,
    TopicCreator,
    uses_topic_creation,
)

DEFAULTS = {
    "topic.creation.default.replication.factor": "3",
    "topic.creation.default.partitions": "5",
}


def test_uses_topic_creation() -> None:
    """Any topic.creation. key opts a connector in; none leaves it out."""
    assert uses_topic_creation({"topic.creation.groups": "a"})
    assert not uses_topic_creation({"topics": "x", "name": "c"})


def test_default_group() -> None:
    """The default group matches every topic with its partitions, replication and configs."""
    creation = TopicCreation.from_connector_config(
        {**DEFAULTS, "topic.creation.default.cleanup.policy": "compact"}
    )
    group = creation.find_first_group("anything")
    assert group is creation.default
    assert (group.name, group.partitions, group.replication_factor) == ("default", 5, 3)
    assert dict(group.other_configs) == {"cleanup.policy": "compact"}


@pytest.mark.parametrize("missing", sorted(DEFAULTS))
def test_default_group_needs_both_counts(missing: str) -> None:
    """Without the default replication factor or partitions the configuration is invalid."""
    props = {k: v for k, v in DEFAULTS.items() if k != missing}
    with pytest.raises(ConfigException, match=f'"{missing}"'):
        TopicCreation.from_connector_config(props)


def test_default_include_and_exclude_are_ignored() -> None:
    """The default group always includes every topic: its include/exclude keys are ignored."""
    creation = TopicCreation.from_connector_config(
        {**DEFAULTS, "topic.creation.default.exclude": ".*", "topic.creation.default.include": "x"}
    )
    assert creation.default.matches("orders")
    assert dict(creation.default.other_configs) == {}


def test_groups_in_order_and_inheritance() -> None:
    """Listed groups are tried in order; unset counts come from the default group."""
    creation = TopicCreation.from_connector_config(
        {
            **DEFAULTS,
            "topic.creation.groups": "compacted,orders",
            "topic.creation.compacted.include": "orders.*, .*-state",
            "topic.creation.compacted.exclude": "orders-raw",
            "topic.creation.compacted.cleanup.policy": "compact",
            "topic.creation.orders.include": "orders-.*",
            "topic.creation.orders.partitions": "-1",
        }
    )
    assert [g.name for g in creation.groups] == ["compacted", "orders"]
    compacted = creation.find_first_group("orders-1")
    assert compacted.name == "compacted"
    assert (compacted.partitions, compacted.replication_factor) == (5, 3)
    assert dict(compacted.other_configs) == {"cleanup.policy": "compact"}
    orders = creation.find_first_group("orders-raw")
    assert (orders.name, orders.partitions, orders.replication_factor) == ("orders", -1, 3)
    assert creation.find_first_group("x-state").name == "compacted"
    assert creation.find_first_group("other").name == "default"


def test_patterns_match_whole_names() -> None:
    """Include and exclude patterns must match the whole topic name, as Java's matches()."""
    creation = TopicCreation.from_connector_config(
        {**DEFAULTS, "topic.creation.groups": "g", "topic.creation.g.include": "abc"}
    )
    assert creation.find_first_group("abc").name == "g"
    assert creation.find_first_group("abcd").name == "default"
    assert creation.find_first_group("xabc").name == "default"


def test_group_without_include_matches_nothing() -> None:
    """A listed group without include patterns never matches."""
    creation = TopicCreation.from_connector_config({**DEFAULTS, "topic.creation.groups": "g"})
    assert creation.find_first_group("g").name == "default"


def test_listing_default_warns(caplog: pytest.LogCaptureFixture) -> None:
    """Listing 'default' in topic.creation.groups is redundant: a warning, then ignored."""
    with caplog.at_level(logging.WARNING):
        creation = TopicCreation.from_connector_config(
            {**DEFAULTS, "topic.creation.groups": "default"}
        )
    assert creation.groups == ()
    assert "does not need to be listed" in caplog.text


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("topic.creation.groups", "a,a", "Duplicate alias"),
        ("topic.creation.default.partitions", "0", "-1 or at least 1"),
        ("topic.creation.default.replication.factor", "-2", "-1 or at least 1"),
        ("topic.creation.default.partitions", "many", "INT"),
    ],
)
def test_invalid_values(key: str, value: str, message: str) -> None:
    """Bad values are ConfigExceptions naming the key."""
    with pytest.raises(ConfigException, match=message) as info:
        TopicCreation.from_connector_config({**DEFAULTS, key: value})
    assert key in str(info.value)


def test_invalid_regex() -> None:
    """An include pattern that does not compile is a ConfigException naming the key."""
    with pytest.raises(ConfigException, match=r"topic\.creation\.g\.include"):
        TopicCreation.from_connector_config(
            {**DEFAULTS, "topic.creation.groups": "g", "topic.creation.g.include": "("}
        )


class FakeAdmin:
    def __init__(self, existing: set[str], result: bool | None = True) -> None:
        self.existing = existing
        self.result = result
        self.created: list[tuple[str, int, int, Mapping[str, str]]] = []
        self.checks = 0

    def topic_exists(self, name: str) -> bool:
        self.checks += 1
        return name in self.existing

    def create_topic_with(
        self,
        name: str,
        partitions: int,
        replication_factor: int,
        topic_config: Mapping[str, str],
        timeout_s: float,
    ) -> bool | None:
        self.created.append((name, partitions, replication_factor, topic_config))
        return self.result


def test_creator_creates_missing_topics_once() -> None:
    """A missing topic is created with its group's settings, and checked only once."""
    creation = TopicCreation.from_connector_config(
        {**DEFAULTS, "topic.creation.default.compression.type": "lz4"}
    )
    admin = FakeAdmin({"there"})
    creator = TopicCreator(creation, admin, 1.0)
    creator.maybe_create("there")
    creator.maybe_create("new")
    creator.maybe_create("new")
    creator.maybe_create("there")
    assert admin.created == [("new", 5, 3, {"compression.type": "lz4"})]
    assert admin.checks == 2


def test_creator_fails_when_not_allowed() -> None:
    """When the cluster does not let the task create a topic, the task fails with Kafka's hint."""
    creator = TopicCreator(
        TopicCreation.from_connector_config(DEFAULTS), FakeAdmin(set(), result=None), 1.0
    )
    with pytest.raises(ConnectException, match="Task failed to create new topic t"):
        creator.maybe_create("t")
