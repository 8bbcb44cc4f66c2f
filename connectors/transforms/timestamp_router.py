"""``TimestampRouter``: route records to topics named after the topic and the record time.

A port of ``org.apache.kafka.connect.transforms.TimestampRouter``::

    transforms=daily
    transforms.daily.type=org.apache.kafka.connect.transforms.TimestampRouter
    transforms.daily.topic.format=${topic}-${timestamp}
    transforms.daily.timestamp.format=yyyyMMdd

``timestamp.format`` is a Java ``SimpleDateFormat`` pattern, applied in UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data import DataException
from connect_data.config import ConfigDef, ConfigException
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.simple_date_format import SimpleDateFormat
from connectors.transforms.util.version import connectpy_version

__all__ = ["TimestampRouter"]

R = TypeVar("R", bound=ConnectRecord)

TOPIC_FORMAT = "topic.format"
TIMESTAMP_FORMAT = "timestamp.format"

_TOPIC_PLACEHOLDER = "${topic}"
_TIMESTAMP_PLACEHOLDER = "${timestamp}"


class TimestampRouter(Transformation[R], Generic[R]):
    """Sets the topic to ``topic.format`` with ``${topic}`` and ``${timestamp}`` filled in.

    ``${timestamp}`` is the record timestamp formatted with ``timestamp.format`` in UTC. A
    record without a timestamp is a :class:`~connect_data.DataException`.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Update the record's topic field as a function of the original topic value and the "
        "record timestamp.<p/>This is mainly useful for sink connectors, since the topic field "
        "is often used to determine the equivalent entity name in the destination system(e.g. "
        "database table or search index name)."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = (
        ConfigDef()
        .define(
            TOPIC_FORMAT,
            ConfigDef.Type.STRING,
            "${topic}-${timestamp}",
            importance=ConfigDef.Importance.HIGH,
            documentation=(
                "Format string which can contain <code>${topic}</code> and "
                "<code>${timestamp}</code> as placeholders for the topic and timestamp, "
                "respectively."
            ),
        )
        .define(
            TIMESTAMP_FORMAT,
            ConfigDef.Type.STRING,
            "yyyyMMdd",
            importance=ConfigDef.Importance.HIGH,
            documentation=(
                "Format string for the timestamp that is compatible with "
                "<code>java.text.SimpleDateFormat</code>."
            ),
        )
    )

    def __init__(self) -> None:
        self._topic_format = "${topic}-${timestamp}"
        self._timestamp_format: SimpleDateFormat | None = None

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``topic.format`` and ``timestamp.format``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the formats; an invalid ``timestamp.format`` is a :class:`ConfigException`."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._topic_format = config.get_string(TOPIC_FORMAT) or ""
        pattern = config.get_string(TIMESTAMP_FORMAT) or ""
        try:
            self._timestamp_format = SimpleDateFormat(pattern)
        except ValueError as exc:
            raise ConfigException(TIMESTAMP_FORMAT, pattern, str(exc)) from exc

    def apply(self, record: R) -> R:
        """The record routed to the topic for its timestamp."""
        timestamp = record.timestamp
        if timestamp is None:
            raise DataException(f"Timestamp missing on record: {record}")
        if self._timestamp_format is None:
            raise DataException("TimestampRouter is not configured")
        formatted = self._timestamp_format.format(timestamp)
        topic = self._topic_format.replace(_TOPIC_PLACEHOLDER, record.topic).replace(
            _TIMESTAMP_PLACEHOLDER, formatted
        )
        return record.new_record(topic=topic)

    def close(self) -> None:
        """Release the timestamp format."""
        self._timestamp_format = None
