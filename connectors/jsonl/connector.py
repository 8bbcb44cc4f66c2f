"""``JsonLinesSinkConnector``: record values of topics appended to a file as JSON lines or CSV.

Found as ``connectors.jsonl.JsonLinesSinkConnector``, ``JsonLinesSinkConnector`` or
``JsonLinesSink``::

    name=todos-file
    connector.class=JsonLinesSink
    topics=todos
    file=out/todos.jsonl
    format=jsonl
    schema.compatibility=BACKWARD
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from connect_data.config import ConfigDef
from connectors.jsonl.config import CONFIG_DEF, JsonLinesSinkConfig
from connectors.record import TopicPartition
from connectors.sink import SinkConnector
from connectors.task import Task
from converters.version import connectpy_version

__all__ = ["JsonLinesSinkConnector"]

log = logging.getLogger(__name__)


class JsonLinesSinkConnector(SinkConnector):
    """Writes each record's value as a JSON line (or CSV row) of ``file``, projecting values
    onto a reference schema per ``schema.compatibility`` as Confluent's storage sinks do.

    One task writes the file, whatever ``tasks.max`` says, so rows of one partition keep
    their order.
    """

    def __init__(self) -> None:
        self._props: dict[str, str] = {}

    def version(self) -> str:
        """connectpy's version."""
        return connectpy_version()

    def start(self, props: Mapping[str, str]) -> None:
        """Check the configuration (raising :class:`ConfigException`) and keep it for the task."""
        config = JsonLinesSinkConfig(props)
        self._props = dict(props)
        log.info(
            "Starting JSON lines sink connector writing %s to %s",
            config.format,
            config.file,
        )

    def task_class(self) -> type[Task]:
        """:class:`~connectors.jsonl.JsonLinesSinkTask`."""
        from connectors.jsonl.task import JsonLinesSinkTask

        return JsonLinesSinkTask

    def task_configs(self, max_tasks: int) -> list[dict[str, str]]:
        """One task configuration (the connector's), whatever ``max_tasks`` is."""
        return [dict(self._props)] if max_tasks >= 1 else []

    def stop(self) -> None:
        """Nothing to stop: the connector has no background work."""

    def config(self) -> ConfigDef:
        """``file``, ``format``, ``schema.compatibility``, ``behavior.on.null.values``."""
        return CONFIG_DEF

    def alter_offsets(
        self,
        connector_config: Mapping[str, str],
        offsets: Mapping[TopicPartition, int | None],
    ) -> bool:
        """Accept any change: the file keeps no offsets of its own."""
        return True
