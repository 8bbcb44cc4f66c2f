"""The records that flow through Kafka Connect, and the small value types around them.

Ports ``org.apache.kafka.connect.connector.ConnectRecord``, ``...source.SourceRecord``,
``...sink.SinkRecord``, ``org.apache.kafka.common.TopicPartition``,
``org.apache.kafka.clients.consumer.OffsetAndMetadata``,
``org.apache.kafka.clients.producer.RecordMetadata`` and
``org.apache.kafka.common.record.TimestampType``.

Records are immutable and built with keyword arguments; Java's getters are attributes::

    record = SourceRecord(
        source_partition={"file": "orders.csv"},
        source_offset={"position": 1042},
        topic="orders",
        value_schema=Schema.STRING_SCHEMA,
        value="1042,widget,3",
    )
    record.topic             # "orders"
    routed = record.new_record(topic="orders-eu")   # a copy with one field changed

The record's ``headers`` object is the one mutable part, as in Java: a transformation may add
headers to it, and :meth:`ConnectRecord.new_record` gives the copy its own duplicate.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from connect_data import Schema

if TYPE_CHECKING:
    from connect_data.headers import ConnectHeaders

__all__ = [
    "ConnectRecord",
    "OffsetAndMetadata",
    "RecordMetadata",
    "SinkRecord",
    "SourceRecord",
    "TimestampType",
    "TopicPartition",
]


def _new_headers() -> ConnectHeaders:
    from connect_data.headers import ConnectHeaders

    return ConnectHeaders()


def _headers_or_new(headers: ConnectHeaders | None) -> ConnectHeaders:
    return _new_headers() if headers is None else headers


class _Keep(enum.Enum):
    """Marks a :meth:`ConnectRecord.new_record` argument that keeps the current value."""

    KEEP = "KEEP"


KEEP: Final = _Keep.KEEP

R = TypeVar("R", bound="ConnectRecord")


class TimestampType(enum.Enum):
    """What a record's timestamp means (``org.apache.kafka.common.record.TimestampType``).

    ``str()`` gives Java's name (``CreateTime``), and :attr:`id` the wire id.
    """

    NO_TIMESTAMP_TYPE = (-1, "NoTimestampType")
    CREATE_TIME = (0, "CreateTime")
    LOG_APPEND_TIME = (1, "LogAppendTime")

    @property
    def id(self) -> int:
        """The numeric id of the timestamp type (``-1``, ``0`` or ``1``)."""
        return int(self.value[0])

    @property
    def java_name(self) -> str:
        """Java's name for the type (``NoTimestampType``, ``CreateTime``, ``LogAppendTime``)."""
        return str(self.value[1])

    def __str__(self) -> str:
        return self.java_name

    @classmethod
    def for_id(cls, type_id: int) -> TimestampType:
        """The timestamp type with numeric id ``type_id``; raises ``ValueError`` if none."""
        for member in cls:
            if member.id == type_id:
                return member
        raise ValueError(f"Invalid timestamp type {type_id}")

    @classmethod
    def for_name(cls, name: str) -> TimestampType:
        """The timestamp type with Java name ``name``; raises ``ValueError`` if none."""
        for member in cls:
            if member.java_name == name:
                return member
        raise ValueError(f"Invalid timestamp type {name}")


@attrs.frozen(order=True)
class TopicPartition:
    """A partition of a topic: the key of sink offset maps (``TopicPartition``).

    ``str()`` gives Java's ``topic-partition`` form.
    """

    topic: str
    partition: int

    def __str__(self) -> str:
        return f"{self.topic}-{self.partition}"


@attrs.frozen
class OffsetAndMetadata:
    """An offset to commit for a partition: the next offset to read, plus optional metadata.

    Sink tasks receive and return these from :meth:`SinkTask.pre_commit`.
    """

    offset: int = attrs.field()
    metadata: str = ""
    leader_epoch: int | None = None

    @offset.validator
    def _check_offset(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if value < 0:
            raise ValueError("Invalid negative offset")


@attrs.frozen(kw_only=True)
class RecordMetadata:
    """Where the record log stored a record: passed to :meth:`SourceTask.commit_record`."""

    topic: str
    partition: int
    offset: int = -1
    timestamp: int = -1
    serialized_key_size: int = -1
    serialized_value_size: int = -1

    def has_offset(self) -> bool:
        """Whether the log assigned an offset to the record."""
        return self.offset != -1

    def has_timestamp(self) -> bool:
        """Whether the log reported a timestamp for the record."""
        return self.timestamp != -1

    def __str__(self) -> str:
        return f"{self.topic}-{self.partition}@{self.offset}"


@attrs.frozen(kw_only=True, eq=True)
class ConnectRecord:
    """The fields every Kafka Connect record has (``ConnectRecord``).

    ``topic`` is the Kafka topic; ``kafka_partition`` the partition (``None`` lets the record
    log choose, by key hash); ``key``/``value`` with their optional schemas; ``timestamp`` in
    milliseconds since the epoch (``None`` for none); ``headers`` a
    :class:`~connect_data.headers.ConnectHeaders` (an empty one by default).
    """

    topic: str
    kafka_partition: int | None = None
    key_schema: Schema | None = None
    key: Any = None
    value_schema: Schema | None = None
    value: Any = None
    timestamp: int | None = None
    headers: ConnectHeaders = attrs.field(factory=_new_headers, converter=_headers_or_new)

    def new_record(
        self: R,
        topic: str | _Keep = KEEP,
        kafka_partition: int | _Keep | None = KEEP,
        key_schema: Schema | _Keep | None = KEEP,
        key: Any = KEEP,
        value_schema: Schema | _Keep | None = KEEP,
        value: Any = KEEP,
        timestamp: int | _Keep | None = KEEP,
        headers: ConnectHeaders | _Keep | None = KEEP,
    ) -> R:
        """A copy of this record with the given fields replaced (Java's ``newRecord``).

        Fields not passed keep their value; the arguments follow Java's order and can be
        given by keyword. Without ``headers`` the copy gets a duplicate of this record's
        headers, so changing one record's headers never changes the other's. Source records
        keep their source partition and offset; sink records their Kafka offset, timestamp
        type and original topic/partition/offset.
        """
        changes: dict[str, Any] = {}
        for name, given in (
            ("topic", topic),
            ("kafka_partition", kafka_partition),
            ("key_schema", key_schema),
            ("key", key),
            ("value_schema", value_schema),
            ("value", value),
            ("timestamp", timestamp),
        ):
            if given is not KEEP:
                changes[name] = given
        changes["headers"] = self.headers.duplicate() if headers is KEEP else headers
        return attrs.evolve(self, **changes)


@attrs.frozen(kw_only=True, eq=True)
class SourceRecord(ConnectRecord):
    """A record produced by a :class:`~connectors.SourceTask` (``SourceRecord``).

    ``source_partition`` names where the data came from (a file, a table, a shard) and
    ``source_offset`` how far into it this record is; both are maps of strings to primitive
    values (str, int, float, bool, bytes, ``None``). The runtime commits the offset once the
    record is stored, and hands it back through the
    :class:`~connectors.OffsetStorageReader` after a restart.
    """

    source_partition: Mapping[str, Any] | None = None
    source_offset: Mapping[str, Any] | None = None


@attrs.frozen(kw_only=True, eq=True)
class SinkRecord(ConnectRecord):
    """A record read from the record log and given to :meth:`SinkTask.put` (``SinkRecord``).

    ``kafka_offset`` is the record's offset in its partition and ``timestamp_type`` what its
    timestamp means. ``original_topic``, ``original_kafka_partition`` and
    ``original_kafka_offset`` keep where the record was read from even after a transformation
    changed ``topic`` or ``kafka_partition``: use them when reporting offsets from
    :meth:`SinkTask.pre_commit`. They default to the record's own values.
    """

    kafka_offset: int
    timestamp_type: TimestampType = TimestampType.NO_TIMESTAMP_TYPE
    _original_topic: str | None = attrs.field(default=None, alias="original_topic")
    _original_kafka_partition: int | None = attrs.field(
        default=None, alias="original_kafka_partition"
    )
    _original_kafka_offset: int | None = attrs.field(default=None, alias="original_kafka_offset")

    def __attrs_post_init__(self) -> None:
        if self._original_topic is None:
            object.__setattr__(self, "_original_topic", self.topic)
        if self._original_kafka_partition is None:
            object.__setattr__(self, "_original_kafka_partition", self.kafka_partition)
        if self._original_kafka_offset is None:
            object.__setattr__(self, "_original_kafka_offset", self.kafka_offset)

    @property
    def original_topic(self) -> str:
        """The topic the record was read from, before any transformation."""
        return self._original_topic or self.topic

    @property
    def original_kafka_partition(self) -> int | None:
        """The partition the record was read from, before any transformation."""
        return self._original_kafka_partition

    @property
    def original_kafka_offset(self) -> int:
        """The offset the record was read from, before any transformation."""
        return (
            self.kafka_offset
            if self._original_kafka_offset is None
            else self._original_kafka_offset
        )
