"""Reading, altering and resetting a connector's offsets (KIP-875), as Kafka Connect's
``Worker.connectorOffsets`` / ``modifyConnectorOffsets`` do.

- Source connectors: the entries of the worker's source offset store whose key names the
  connector (``["<name>", {partition}]``). Altering writes the given offsets (``None``
  removes a partition's offset); resetting removes every one.
- Sink connectors: the committed offsets of the consumer group ``connect-<name>``, shown as
  ``{"kafka_topic": ..., "kafka_partition": ...}`` / ``{"kafka_offset": ...}``. Altering
  commits the given offsets (``None`` deletes a partition's); resetting deletes them all.

Before writing, the connector's ``alter_offsets(config, offsets)`` is asked (a
``NotImplementedError`` refuses the change); its answer picks the success message. The
herder allows changes only while the connector is STOPPED.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import orjson

from connect_data.errors import ConnectException, DataException
from connectors.connector import Connector
from connectors.offsets import PartitionOffsets
from connectors.record import TopicPartition
from connectors.runtime.offsets import (
    deserialize_offset_key,
    serialize_offset_key,
    serialize_offset_value,
    validate_offset_format,
)
from connectors.runtime.rest.entities import ConnectorOffset, ConnectorOffsets, Message
from connectors.runtime.rest.errors import BadRequestException
from connectors.runtime.worker import Worker
from connectors.sink import SinkConnector
from connectors.source import SourceConnector

__all__ = [
    "KAFKA_OFFSET_KEY",
    "KAFKA_PARTITION_KEY",
    "KAFKA_TOPIC_KEY",
    "connector_offsets",
    "consumer_group_id",
    "modify_connector_offsets",
    "parse_sink_offsets",
]

KAFKA_TOPIC_KEY: Final = "kafka_topic"
KAFKA_PARTITION_KEY: Final = "kafka_partition"
KAFKA_OFFSET_KEY: Final = "kafka_offset"


def consumer_group_id(connector: str) -> str:
    """The consumer group of a sink connector's tasks."""
    return f"connect-{connector}"


def _connector(worker: Worker, props: Mapping[str, str]) -> Connector:
    return worker.connector_class(props)()


def connector_offsets(worker: Worker, name: str, props: Mapping[str, str]) -> ConnectorOffsets:
    """The current offsets of connector ``name`` (configured by ``props``)."""
    connector = _connector(worker, props)
    if isinstance(connector, SinkConnector):
        return ConnectorOffsets(
            [
                ConnectorOffset(
                    {KAFKA_TOPIC_KEY: tp.topic, KAFKA_PARTITION_KEY: tp.partition},
                    {KAFKA_OFFSET_KEY: offset},
                )
                for tp, offset in _group_offsets(worker, name).items()
            ]
        )
    return ConnectorOffsets(
        [ConnectorOffset(p, o) for p, o in _source_offsets(worker, name).items()]
    )


def _group_offsets(worker: Worker, name: str) -> dict[TopicPartition, int]:
    admin = worker.record_log.admin()
    try:
        return admin.list_consumer_group_offsets(consumer_group_id(name))
    except NotImplementedError as exc:
        raise ConnectException(
            f"Failed to retrieve consumer group offsets for sink connector {name}: {exc}"
        ) from exc


def _source_offsets(worker: Worker, name: str) -> PartitionOffsets:
    store = worker.source_offset_store()
    store.start()
    try:
        entries = store.entries()
    except NotImplementedError as exc:
        raise ConnectException(
            f"Failed to retrieve offsets for source connector {name}: {exc}"
        ) from exc
    finally:
        store.stop()
    found: list[tuple[Mapping[str, Any], dict[str, Any] | None]] = []
    for key, value in sorted(entries.items()):
        parsed = deserialize_offset_key(key)
        if parsed is None or parsed[0] != name:
            continue
        try:
            offset = orjson.loads(value)
        except orjson.JSONDecodeError:
            continue
        if isinstance(offset, dict):
            found.append((parsed[1], offset))
    return PartitionOffsets(found)


def parse_sink_offsets(offsets: Sequence[ConnectorOffset]) -> dict[TopicPartition, int | None]:
    """Read ``kafka_topic`` / ``kafka_partition`` / ``kafka_offset`` entries (numbers or
    numeric strings, as Kafka accepts); raises :class:`BadRequestException` with Kafka's
    messages."""
    result: dict[TopicPartition, int | None] = {}
    for entry in offsets:
        partition = entry.partition
        if partition is None:
            raise BadRequestException(
                "The partition for a sink connector offset cannot be null or missing"
            )
        if KAFKA_TOPIC_KEY not in partition or KAFKA_PARTITION_KEY not in partition:
            raise BadRequestException(
                "The partition for a sink connector offset must contain the keys "
                f"'{KAFKA_TOPIC_KEY}' and '{KAFKA_PARTITION_KEY}'"
            )
        raw_partition = partition[KAFKA_PARTITION_KEY]
        try:
            number = _java_int(raw_partition, 2**31)
        except ValueError:
            raise BadRequestException(
                "Failed to parse the following Kafka partition value in the provided offsets: "
                f"'{_java_text(raw_partition)}'. Partition values for sink connectors need to "
                "be integers."
            ) from None
        tp = TopicPartition(_java_text(partition[KAFKA_TOPIC_KEY]), number)
        if entry.offset is None:
            result[tp] = None
            continue
        if KAFKA_OFFSET_KEY not in entry.offset:
            raise BadRequestException(
                "The offset for a sink connector should either be null or contain the key "
                f"'{KAFKA_OFFSET_KEY}'"
            )
        raw_offset = entry.offset[KAFKA_OFFSET_KEY]
        try:
            result[tp] = _java_int(raw_offset, 2**63)
        except ValueError:
            raise BadRequestException(
                "Failed to parse the following Kafka offset value in the provided offsets: "
                f"'{_java_text(raw_offset)}'. Offset values for sink connectors need to be "
                "integers."
            ) from None
    return result


def _java_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _java_int(value: Any, bound: int) -> int:
    """``Integer.parseInt`` / ``Long.parseLong`` of ``String.valueOf(value)``."""
    text = _java_text(value)
    if not text or text.strip() != text or not text.lstrip("+-").isdigit():
        raise ValueError(text)
    number = int(text)
    if not -bound <= number < bound:
        raise ValueError(text)
    return number


def modify_connector_offsets(
    worker: Worker,
    name: str,
    props: Mapping[str, str],
    offsets: Sequence[ConnectorOffset] | None,
) -> Message:
    """Alter (``offsets``) or reset (``None``) the offsets of a stopped connector."""
    connector = _connector(worker, props)
    if isinstance(connector, SinkConnector):
        return _modify_sink(worker, name, props, connector, offsets)
    if isinstance(connector, SourceConnector):
        return _modify_source(worker, name, props, connector, offsets)
    raise ConnectException(f"Connector {name} is neither a source nor a sink connector")


def _ask_connector(name: str, ask: Any) -> bool:
    try:
        return bool(ask())
    except NotImplementedError as exc:
        raise ConnectException(
            f"Failed to modify offsets for connector {name} because it doesn't support external "
            "modification of offsets"
        ) from exc


def _done(accepted: bool, reset: bool) -> Message:
    kind = "reset" if reset else "altered"
    if accepted:
        return Message(f"The offsets for this connector have been {kind} successfully")
    return Message(
        f"The Connect framework-managed offsets for this connector have been {kind} "
        "successfully. However, if this connector manages offsets externally, they will need "
        f"to be manually {kind} in the system that the connector uses."
    )


def _modify_sink(
    worker: Worker,
    name: str,
    props: Mapping[str, str],
    connector: SinkConnector,
    offsets: Sequence[ConnectorOffset] | None,
) -> Message:
    reset = offsets is None
    group = consumer_group_id(name)
    if offsets is None:
        to_write: dict[TopicPartition, int | None] = dict.fromkeys(_group_offsets(worker, name))
    else:
        to_write = parse_sink_offsets(offsets)
    accepted = _ask_connector(name, lambda: connector.alter_offsets(dict(props), to_write))
    admin = worker.record_log.admin()
    try:
        if reset:
            admin.delete_consumer_group_offsets(group)
        else:
            altered = {tp: o for tp, o in to_write.items() if o is not None}
            removed = [tp for tp, o in to_write.items() if o is None]
            if altered:
                admin.alter_consumer_group_offsets(group, altered)
            if removed:
                admin.delete_consumer_group_offsets(group, removed)
    except NotImplementedError as exc:
        raise ConnectException(
            f"Failed to {'reset' if reset else 'alter'} consumer group offsets for sink "
            f"connector {name}: {exc}"
        ) from exc
    return _done(accepted, reset)


def _modify_source(
    worker: Worker,
    name: str,
    props: Mapping[str, str],
    connector: SourceConnector,
    offsets: Sequence[ConnectorOffset] | None,
) -> Message:
    reset = offsets is None
    if offsets is None:
        entries: list[tuple[Mapping[str, Any], Mapping[str, Any] | None]] = [
            (partition, None) for partition in _source_offsets(worker, name)
        ]
    else:
        entries = []
        for entry in offsets:
            if entry.partition is None:
                raise BadRequestException(
                    "The partition for a source connector offset cannot be null or missing"
                )
            entries.append((entry.partition, entry.offset))
    normalized: list[tuple[Mapping[str, Any], dict[str, Any] | None]] = []
    serialized: dict[bytes, bytes | None] = {}
    for partition, offset in entries:
        try:
            validate_offset_format(partition, "Partitions")
            validate_offset_format(offset)
        except DataException as exc:
            raise BadRequestException(str(exc)) from exc
        key = serialize_offset_key(name, partition)
        value = serialize_offset_value(offset)
        serialized[key] = value
        normalized.append((orjson.loads(key)[1], None if value is None else orjson.loads(value)))
    partition_offsets = PartitionOffsets(normalized)
    accepted = _ask_connector(name, lambda: connector.alter_offsets(dict(props), partition_offsets))
    if serialized:
        store = worker.source_offset_store()
        store.start()
        try:
            store.set(serialized)
        except Exception as exc:
            raise ConnectException(
                f"Failed to modify offsets for source connector {name}: {exc}"
            ) from exc
        finally:
            store.stop()
    return _done(accepted, reset)
