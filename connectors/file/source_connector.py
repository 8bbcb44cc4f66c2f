"""``FileStreamSourceConnector``: lines of a file (or standard input) into one topic.

A port of ``org.apache.kafka.connect.file.FileStreamSourceConnector``, also found by that Java
class name and by the aliases ``FileStreamSourceConnector`` and ``FileStreamSource``::

    name=local-file-source
    connector.class=FileStreamSource
    tasks.max=1
    file=test.txt
    topic=connect-test

It runs one task whatever ``tasks.max`` says (one file has one reader). The task's source
partition is ``{"filename": <file>}`` and its offset ``{"position": <byte offset after the
line>}``, so a restarted task resumes after the last line whose record was stored.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from connect_data.config import (
    AbstractConfig,
    Config,
    ConfigDef,
    ConfigException,
    NonEmptyString,
)
from connect_data.errors import ConnectException
from connectors.source import ExactlyOnceSupport, SourceConnector
from connectors.task import Task
from converters.version import connectpy_version

__all__ = ["FileStreamSourceConnector"]

log = logging.getLogger(__name__)

_SINGLE_TOPIC_MESSAGE = (
    "'topic' in FileStreamSourceConnector configuration requires definition of a single topic"
)


class FileStreamSourceConnector(SourceConnector):
    """Reads a file, or standard input when ``file`` is not set, one record per line.

    Each line becomes a record with a ``STRING`` value schema, no key, and the time it was
    read as timestamp. Lines end at ``\\n``, ``\\r`` or ``\\r\\n``; a last line without a line
    end is not read until its line end is written. Only appending to the file is supported:
    the task remembers a byte position, not the content.
    """

    TOPIC_CONFIG = "topic"
    FILE_CONFIG = "file"
    TASK_BATCH_SIZE_CONFIG = "batch.size"
    DEFAULT_TASK_BATCH_SIZE = 2000

    CONFIG_DEF = (
        ConfigDef()
        .define(
            FILE_CONFIG,
            ConfigDef.Type.STRING,
            None,
            importance=ConfigDef.Importance.HIGH,
            documentation="Source filename. If not specified, the standard input will be used",
        )
        .define(
            TOPIC_CONFIG,
            ConfigDef.Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            NonEmptyString(),
            ConfigDef.Importance.HIGH,
            "The topic to publish data to",
        )
        .define(
            TASK_BATCH_SIZE_CONFIG,
            ConfigDef.Type.INT,
            DEFAULT_TASK_BATCH_SIZE,
            importance=ConfigDef.Importance.LOW,
            documentation=(
                "The maximum number of records the source task can read from the file each "
                "time it is polled"
            ),
        )
    )

    def __init__(self) -> None:
        self._props: dict[str, str] = {}

    def version(self) -> str:
        """connectpy's version (Java reports the Kafka version)."""
        return connectpy_version()

    def start(self, props: Mapping[str, str]) -> None:
        """Check the configuration (raising :class:`ConfigException`) and keep it for the task."""
        config = AbstractConfig(self.CONFIG_DEF, props)
        _check_single_topic(config.get_string(self.TOPIC_CONFIG))
        self._props = dict(props)
        filename = config.get_string(self.FILE_CONFIG)
        log.info("Starting file source connector reading from %s", filename or "standard input")

    def task_class(self) -> type[Task]:
        """:class:`~connectors.file.FileStreamSourceTask`."""
        from connectors.file.source_task import FileStreamSourceTask

        return FileStreamSourceTask

    def task_configs(self, max_tasks: int) -> list[dict[str, str]]:
        """One task configuration, the connector's own: only one reader of a stream makes sense."""
        return [dict(self._props)]

    def stop(self) -> None:
        """Nothing to stop: the connector has no background work."""

    def config(self) -> ConfigDef:
        """``file``, ``topic`` and ``batch.size``."""
        return self.CONFIG_DEF

    def validate(self, connector_configs: Mapping[str, str]) -> Config:
        """The per-key checks of :meth:`config`, and ``topic`` naming a single topic."""
        result = super().validate(connector_configs)
        for value in result.config_values():
            if value.name() == self.TOPIC_CONFIG and not value.error_messages():
                try:
                    _check_single_topic(value.value())
                except ConfigException as exc:
                    value.add_error_message(str(exc))
        return result

    def exactly_once_support(
        self, connector_config: Mapping[str, str]
    ) -> ExactlyOnceSupport | None:
        """Supported when reading a file (offsets are byte positions), not for standard input."""
        filename = AbstractConfig(self.CONFIG_DEF, connector_config).get_string(self.FILE_CONFIG)
        return ExactlyOnceSupport.SUPPORTED if filename else ExactlyOnceSupport.UNSUPPORTED

    def alter_offsets(
        self,
        connector_config: Mapping[str, str],
        offsets: Mapping[Any, Mapping[str, Any] | None],
    ) -> bool:
        """Accept new offsets of the form ``{"filename": ...} -> {"position": <int >= 0>}``.

        Removing an offset (``None``) is always accepted, whatever its partition, so stale
        entries can be cleaned up. Raises :class:`ConnectException` when reading standard
        input (no offsets are tracked) or when an entry has the wrong shape.
        """
        from connectors.file.source_task import FileStreamSourceTask

        filename = AbstractConfig(self.CONFIG_DEF, connector_config).get_string(self.FILE_CONFIG)
        if not filename:
            raise ConnectException(
                f"Offsets cannot be modified if the '{self.FILE_CONFIG}' configuration is "
                "unspecified. This is because stdin is used for input and offsets are not tracked."
            )
        position_field = FileStreamSourceTask.POSITION_FIELD
        filename_field = FileStreamSourceTask.FILENAME_FIELD
        for partition, offset in offsets.items():
            if offset is None:
                continue
            if position_field not in offset:
                raise ConnectException(
                    f"Offset objects should either be null or contain the key '{position_field}'"
                )
            position = offset[position_field]
            if not isinstance(position, int) or isinstance(position, bool):
                raise ConnectException(
                    f"The value for the '{position_field}' key in the offset is expected to be "
                    "a Long value"
                )
            if position < 0:
                raise ConnectException(
                    f"The value for the '{position_field}' key in the offset should be a "
                    "non-negative value"
                )
            if partition is None:
                raise ConnectException("Partition objects cannot be null")
            if filename_field not in partition:
                raise ConnectException(
                    f"Partition objects should contain the key '{filename_field}'"
                )
        # whether the position fits the file is for the task to find out when it opens it
        return True


def _check_single_topic(topic: Any) -> None:
    if isinstance(topic, str) and "," in topic:
        raise ConfigException(_SINGLE_TOPIC_MESSAGE)
