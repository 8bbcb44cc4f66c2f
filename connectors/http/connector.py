"""``HttpPollSourceConnector``: polls REST endpoints and writes what they return to a topic.

A source connector written only against the plugin API, as a third-party plugin would be;
docs/connectors.md walks through it. Configuration (reference in docs/connectors.md)::

    name=source.custom-http-poll
    connector.class=com.example.connect.HttpPollSourceConnector
    tasks.max=1
    http.url=http://127.0.0.1:8000/todos
    topic=todos
    poll.interval.ms=500

``com.example.connect.HttpPollSourceConnector`` is the Java class name this connector stands
in for, so configurations written for a Java worker keep working.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from connect_data.config import Config, ConfigDef
from connectors.http.config import (
    CONFIG_DEF,
    HTTP_URL_CONFIG,
    HttpPollSourceConfig,
    add_cross_key_errors,
    redact_url,
)
from connectors.source import ExactlyOnceSupport, SourceConnector
from connectors.task import Task
from converters.version import connectpy_version

__all__ = ["JAVA_CLASS_NAME", "HttpPollSourceConnector"]

log = logging.getLogger(__name__)

JAVA_CLASS_NAME = "com.example.connect.HttpPollSourceConnector"
"""The Java class name that users' existing configurations give as ``connector.class``."""


class HttpPollSourceConnector(SourceConnector):
    """Polls one or more HTTP URLs on an interval and writes their records to ``topic``.

    The URLs of ``http.url`` are split into at most ``tasks.max`` contiguous groups, one per
    task (each URL is one source partition). Records are the raw response bodies, the JSON
    text of each record, or structs with an inferred, evolving schema (``output.format``).
    """

    def __init__(self) -> None:
        self._props: dict[str, str] = {}
        self._urls: list[str] = []

    def version(self) -> str:
        """connectpy's version."""
        return connectpy_version()

    def start(self, props: Mapping[str, str]) -> None:
        """Check the configuration (raising :class:`ConfigException`) and keep it for the tasks."""
        config = HttpPollSourceConfig(props)
        self._props = dict(props)
        self._urls = config.urls
        log.info(
            "Starting HTTP poll source for %s into topic %s",
            ", ".join(redact_url(url) for url in self._urls),
            config.topic,
        )

    def task_class(self) -> type[Task]:
        """:class:`~connectors.http.HttpPollSourceTask`."""
        from connectors.http.task import HttpPollSourceTask

        return HttpPollSourceTask

    def task_configs(self, max_tasks: int) -> list[dict[str, str]]:
        """One configuration per group of URLs: the connector's, with ``http.url`` narrowed.

        ``min(max_tasks, number of URLs)`` groups of consecutive URLs, as even as possible
        (Kafka's ``ConnectorUtils.groupPartitions``).
        """
        groups = group_partitions(self._urls, min(max_tasks, len(self._urls)))
        return [{**self._props, HTTP_URL_CONFIG: ",".join(group)} for group in groups]

    def stop(self) -> None:
        """Nothing to stop: the connector has no background work."""

    def config(self) -> ConfigDef:
        """The keys described in docs/connectors.md."""
        return CONFIG_DEF

    def validate(self, connector_configs: Mapping[str, str]) -> Config:
        """Per-key checks, plus those across keys (``basic`` needs a user, ``cursor`` a path, ...).

        Keys of the worker and of Kafka Connect's connector configuration (``name``,
        ``connector.class``, ``tasks.max``, converters, transforms) are not reported.
        """
        result = super().validate(connector_configs)
        add_cross_key_errors(result.config_values())
        return result

    def exactly_once_support(
        self, connector_config: Mapping[str, str]
    ) -> ExactlyOnceSupport | None:
        """Unsupported: an HTTP endpoint cannot be re-read at an exact position."""
        return ExactlyOnceSupport.UNSUPPORTED

    def alter_offsets(
        self,
        connector_config: Mapping[str, str],
        offsets: Mapping[Any, Mapping[str, Any] | None],
    ) -> bool:
        """Accept any change: a task reads whatever offset it finds when it starts."""
        return True


def group_partitions(elements: list[str], num_groups: int) -> list[list[str]]:
    """``elements`` split into ``num_groups`` runs of consecutive elements, sizes differing by at
    most one, the longer runs first (Kafka's ``ConnectorUtils.groupPartitions``).

    >>> group_partitions(["a", "b", "c", "d", "e"], 2)
    [['a', 'b', 'c'], ['d', 'e']]
    """
    if num_groups <= 0:
        raise ValueError("Number of groups must be positive.")
    per_group, leftover = divmod(len(elements), num_groups)
    groups = []
    position = 0
    for index in range(num_groups):
        size = per_group + (1 if index < leftover else 0)
        groups.append(elements[position : position + size])
        position += size
    return groups
