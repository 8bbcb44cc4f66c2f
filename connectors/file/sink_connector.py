"""``FileStreamSinkConnector``: records of topics appended as lines to a file (or standard output).

A port of ``org.apache.kafka.connect.file.FileStreamSinkConnector``, also found by that Java
class name and by the aliases ``FileStreamSinkConnector`` and ``FileStreamSink``::

    name=local-file-sink
    connector.class=FileStreamSink
    tasks.max=1
    file=test.sink.txt
    topics=connect-test

The topics come from ``topics`` (or ``topics.regex``), which every sink connector accepts.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from connect_data.config import AbstractConfig, ConfigDef
from connectors.record import TopicPartition
from connectors.sink import SinkConnector
from connectors.task import Task
from converters.version import connectpy_version

__all__ = ["FileStreamSinkConnector"]

log = logging.getLogger(__name__)


class FileStreamSinkConnector(SinkConnector):
    """Appends each record's value, as Java's ``String.valueOf`` prints it, as a line of ``file``.

    Every task gets the same configuration, so with ``tasks.max`` above 1 several tasks append
    to the same file, each writing the records of its own partitions.
    """

    FILE_CONFIG = "file"

    CONFIG_DEF = ConfigDef().define(
        FILE_CONFIG,
        ConfigDef.Type.STRING,
        None,
        importance=ConfigDef.Importance.HIGH,
        documentation="Destination filename. If not specified, the standard output will be used",
    )

    def __init__(self) -> None:
        self._props: dict[str, str] = {}

    def version(self) -> str:
        """connectpy's version (Java reports the Kafka version)."""
        return connectpy_version()

    def start(self, props: Mapping[str, str]) -> None:
        """Check the configuration (raising :class:`ConfigException`) and keep it for the tasks."""
        filename = AbstractConfig(self.CONFIG_DEF, props).get_string(self.FILE_CONFIG)
        self._props = dict(props)
        log.info("Starting file sink connector writing to %s", filename or "standard output")

    def task_class(self) -> type[Task]:
        """:class:`~connectors.file.FileStreamSinkTask`."""
        from connectors.file.sink_task import FileStreamSinkTask

        return FileStreamSinkTask

    def task_configs(self, max_tasks: int) -> list[dict[str, str]]:
        """``max_tasks`` copies of the connector's configuration."""
        return [dict(self._props) for _ in range(max_tasks)]

    def stop(self) -> None:
        """Nothing to stop: the connector has no background work."""

    def config(self) -> ConfigDef:
        """``file``."""
        return self.CONFIG_DEF

    def alter_offsets(
        self,
        connector_config: Mapping[str, str],
        offsets: Mapping[TopicPartition, int | None],
    ) -> bool:
        """Always accepted: the connector keeps no offsets of its own in the file."""
        return True
