"""Source-topic creation from a connector's ``topic.creation.*`` keys (KIP-158), as Kafka Connect's
``TopicCreationConfig``, ``TopicCreationGroup`` and ``TopicCreation``.

A source connector opts in by setting ``topic.creation.default.replication.factor`` and
``topic.creation.default.partitions`` (``-1`` asks for the broker's default). More groups are
listed in ``topic.creation.groups``; each has ``include`` / ``exclude`` lists of regular
expressions matched against the whole topic name (exclusion wins), and optional
``replication.factor`` and ``partitions`` (defaulting to the default group's). Any other
``topic.creation.<group>.<key>`` is a topic-level config of the topics the group creates
(``cleanup.policy``, ``compression.type``, ...). The first listed group matching a topic
creates it; the default group matches every topic.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Mapping
from typing import Any, Final

import attrs

from connect_data.config import ConfigException
from connect_data.errors import ConnectException

__all__ = ["TopicCreation", "TopicCreationGroup", "TopicCreator", "uses_topic_creation"]

log = logging.getLogger(__name__)

TOPIC_CREATION_PREFIX: Final = "topic.creation."
TOPIC_CREATION_GROUPS_CONFIG: Final = "topic.creation.groups"
DEFAULT_GROUP: Final = "default"
INCLUDE: Final = "include"
EXCLUDE: Final = "exclude"
REPLICATION_FACTOR: Final = "replication.factor"
PARTITIONS: Final = "partitions"
_OWN_KEYS: Final = frozenset({INCLUDE, EXCLUDE, REPLICATION_FACTOR, PARTITIONS})


def uses_topic_creation(connector_config: Mapping[str, Any]) -> bool:
    """Whether a connector configuration has any ``topic.creation.`` key (Kafka's test)."""
    return any(key.startswith(TOPIC_CREATION_PREFIX) for key in connector_config)


def _list(key: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value).strip()
    return [v.strip() for v in text.split(",") if v.strip()] if text else []


def _count(key: str, value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError as exc:
        raise ConfigException(key, value, "Not a number of type INT") from exc
    if number != -1 and number < 1:
        raise ConfigException(key, value, "Value must be -1 or at least 1")
    return number


def _pattern(key: str, patterns: list[str]) -> re.Pattern[str]:
    try:
        return re.compile("|".join(patterns))
    except re.error as exc:
        raise ConfigException(
            key, ",".join(patterns), f"Invalid regular expression: {exc}"
        ) from exc


@attrs.frozen
class TopicCreationGroup:
    """One group: which topics it creates, and how."""

    name: str
    inclusion: re.Pattern[str]
    exclusion: re.Pattern[str]
    partitions: int
    replication_factor: int
    other_configs: Mapping[str, str]

    def matches(self, topic: str) -> bool:
        """Whether the group creates ``topic``: included and not excluded (whole-name matches)."""
        return (
            self.exclusion.fullmatch(topic) is None and self.inclusion.fullmatch(topic) is not None
        )


@attrs.frozen
class TopicCreation:
    """A connector's topic-creation groups, the default group last."""

    default: TopicCreationGroup
    groups: tuple[TopicCreationGroup, ...]

    @classmethod
    def from_connector_config(cls, props: Mapping[str, Any]) -> TopicCreation:
        """Parse the ``topic.creation.*`` keys; raises :class:`ConfigException` naming a bad key."""
        prefix = f"{TOPIC_CREATION_PREFIX}{DEFAULT_GROUP}."
        for required in (REPLICATION_FACTOR, PARTITIONS):
            if prefix + required not in props:
                raise ConfigException(
                    f'Missing required configuration "{prefix}{required}" which has no default '
                    "value."
                )
        default_rf = _count(prefix + REPLICATION_FACTOR, props[prefix + REPLICATION_FACTOR])
        default_partitions = _count(prefix + PARTITIONS, props[prefix + PARTITIONS])
        names = _list(TOPIC_CREATION_GROUPS_CONFIG, props.get(TOPIC_CREATION_GROUPS_CONFIG))
        if len(set(names)) != len(names):
            raise ConfigException(
                TOPIC_CREATION_GROUPS_CONFIG, ",".join(names), "Duplicate alias provided."
            )
        if DEFAULT_GROUP in names:
            log.warning(
                "'%s' topic creation group always exists and does not need to be listed explicitly",
                DEFAULT_GROUP,
            )
            names.remove(DEFAULT_GROUP)
        groups = tuple(cls._group(props, name, default_rf, default_partitions) for name in names)
        default = cls._group(props, DEFAULT_GROUP, default_rf, default_partitions)
        return cls(default, groups)

    @staticmethod
    def _group(
        props: Mapping[str, Any], name: str, default_rf: int, default_partitions: int
    ) -> TopicCreationGroup:
        prefix = f"{TOPIC_CREATION_PREFIX}{name}."
        if name == DEFAULT_GROUP:
            include, exclude = [".*"], []
        else:
            include = _list(prefix + INCLUDE, props.get(prefix + INCLUDE))
            exclude = _list(prefix + EXCLUDE, props.get(prefix + EXCLUDE))
        rf_key, partitions_key = prefix + REPLICATION_FACTOR, prefix + PARTITIONS
        others = {
            key[len(prefix) :]: str(value)
            for key, value in props.items()
            if key.startswith(prefix) and key[len(prefix) :] not in _OWN_KEYS and value is not None
        }
        return TopicCreationGroup(
            name=name,
            inclusion=_pattern(prefix + INCLUDE, include),
            exclusion=_pattern(prefix + EXCLUDE, exclude),
            partitions=(
                _count(partitions_key, props[partitions_key])
                if partitions_key in props
                else default_partitions
            ),
            replication_factor=(_count(rf_key, props[rf_key]) if rf_key in props else default_rf),
            other_configs=others,
        )

    def find_first_group(self, topic: str) -> TopicCreationGroup:
        """The first listed group that matches ``topic``, else the default group."""
        for group in self.groups:
            if group.matches(topic):
                return group
        return self.default


class TopicCreator:
    """Creates each topic a task writes to, once, before its first record (``maybe_create``)."""

    def __init__(self, creation: TopicCreation, admin: Any, timeout_s: float) -> None:
        self.creation = creation
        self._admin = admin
        self._timeout_s = timeout_s
        self._known: set[str] = set()
        self._lock = threading.Lock()

    def maybe_create(self, topic: str) -> None:
        """Make sure ``topic`` exists, creating it with its group's settings if it does not.

        Raises :class:`~connect_data.ConnectException` if the topic neither exists nor could be
        created.
        """
        with self._lock:
            if topic in self._known:
                return
            log.info(
                "The task will send records to topic '%s' for the first time. Checking whether "
                "topic exists",
                topic,
            )
            if self._admin.topic_exists(topic):
                log.info("Topic '%s' already exists.", topic)
                self._known.add(topic)
                return
            group = self.creation.find_first_group(topic)
            log.info("Creating topic '%s'", topic)
            created = self._admin.create_topic_with(
                topic,
                partitions=group.partitions,
                replication_factor=group.replication_factor,
                topic_config=dict(group.other_configs),
                timeout_s=self._timeout_s,
            )
            if created is None:
                raise ConnectException(
                    f"Task failed to create new topic {topic} (creation group {group.name}). "
                    "Ensure that the task is authorized to create topics or that the topic "
                    "exists and restart the task"
                )
            if created:
                log.info("Created topic '%s' using creation group %s", topic, group.name)
            else:
                log.info("Found existing topic '%s'", topic)
            self._known.add(topic)
