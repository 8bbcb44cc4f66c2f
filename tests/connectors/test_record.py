"""Tests of connectors.record: ConnectRecord, SourceRecord, SinkRecord and the small value types."""

from __future__ import annotations

import attrs
import pytest

from connect_data import Schema
from connect_data.headers import ConnectHeaders
from connectors import (
    OffsetAndMetadata,
    RecordMetadata,
    SinkRecord,
    SourceRecord,
    TimestampType,
    TopicPartition,
)


def _source() -> SourceRecord:
    return SourceRecord(
        source_partition={"file": "a.txt"},
        source_offset={"position": 7},
        topic="t",
        kafka_partition=2,
        key_schema=Schema.STRING_SCHEMA,
        key="k",
        value_schema=Schema.INT32_SCHEMA,
        value=5,
        timestamp=1000,
    )


def test_records_are_built_with_keywords_only() -> None:
    """Positional arguments are refused, so field order can never be mixed up."""
    with pytest.raises(TypeError):
        SourceRecord({"a": 1}, {"b": 2}, "t")  # type: ignore[call-arg, arg-type]


def test_records_are_immutable() -> None:
    """Assigning a field raises."""
    record = _source()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.topic = "other"  # type: ignore[misc]


def test_headers_default_to_an_empty_connect_headers() -> None:
    """A record built without headers (or with None) gets its own empty ConnectHeaders."""
    first = SourceRecord(topic="t")
    second = SourceRecord(topic="t", headers=None)
    assert isinstance(first.headers, ConnectHeaders)
    assert first.headers.is_empty() and second.headers.is_empty()
    assert first.headers is not second.headers


def test_new_record_replaces_only_the_given_fields() -> None:
    """new_record keeps source partition/offset and the fields not passed."""
    record = _source()
    copy = record.new_record(topic="u", value=6)
    assert copy.topic == "u" and copy.value == 6
    assert copy.key == "k" and copy.kafka_partition == 2 and copy.timestamp == 1000
    assert copy.source_partition == {"file": "a.txt"} and copy.source_offset == {"position": 7}
    assert record.topic == "t" and record.value == 5


def test_new_record_can_set_a_field_to_none() -> None:
    """Passing None explicitly clears a field (None is not 'keep')."""
    copy = _source().new_record(key=None, key_schema=None, kafka_partition=None)
    assert copy.key is None and copy.key_schema is None and copy.kafka_partition is None


def test_new_record_accepts_java_positional_order() -> None:
    """Arguments follow Java's newRecord order: topic, partition, key schema, key, value schema, value, timestamp."""
    copy = _source().new_record("u", 0, None, "k2", Schema.STRING_SCHEMA, "v", 5)
    assert (copy.topic, copy.kafka_partition, copy.key, copy.value, copy.timestamp) == (
        "u",
        0,
        "k2",
        "v",
        5,
    )


def test_new_record_duplicates_headers() -> None:
    """Adding a header to the copy leaves the original's headers unchanged."""
    record = SourceRecord(topic="t", headers=ConnectHeaders().add_string("a", "1"))
    copy = record.new_record()
    copy.headers.add_string("b", "2")
    assert len(record.headers) == 1 and len(copy.headers) == 2
    assert copy.new_record(headers=record.headers).headers is record.headers


def test_records_compare_by_value() -> None:
    """Two records with equal fields are equal; a different offset makes them differ."""
    assert _source() == _source()
    assert _source() != _source().new_record(timestamp=1)


def test_sink_record_originals_default_to_its_own_fields() -> None:
    """original_topic/partition/offset are the record's own when not given."""
    record = SinkRecord(topic="t", kafka_partition=3, kafka_offset=42)
    assert (
        record.original_topic,
        record.original_kafka_partition,
        record.original_kafka_offset,
    ) == (
        "t",
        3,
        42,
    )
    assert record.timestamp_type is TimestampType.NO_TIMESTAMP_TYPE


def test_sink_new_record_keeps_the_originals_and_offset() -> None:
    """A transformation changing the topic keeps where the record was read from."""
    record = SinkRecord(
        topic="t", kafka_partition=1, kafka_offset=9, timestamp_type=TimestampType.CREATE_TIME
    )
    routed = record.new_record(topic="routed", kafka_partition=0)
    assert routed.topic == "routed" and routed.kafka_offset == 9
    assert routed.timestamp_type is TimestampType.CREATE_TIME
    assert (routed.original_topic, routed.original_kafka_partition) == ("t", 1)
    assert routed.original_kafka_offset == 9


def test_topic_partition_is_hashable_and_prints_as_java() -> None:
    """TopicPartition is a dict key and str() gives 'topic-partition'."""
    tp = TopicPartition("orders", 3)
    assert {tp: 1}[TopicPartition("orders", 3)] == 1
    assert str(tp) == "orders-3"


def test_offset_and_metadata_rejects_negative_offsets() -> None:
    """OffsetAndMetadata(-1) raises, as Java's."""
    with pytest.raises(ValueError, match="negative"):
        OffsetAndMetadata(-1)
    assert OffsetAndMetadata(5).metadata == ""


@pytest.mark.parametrize(
    ("member", "type_id", "name"),
    [
        (TimestampType.NO_TIMESTAMP_TYPE, -1, "NoTimestampType"),
        (TimestampType.CREATE_TIME, 0, "CreateTime"),
        (TimestampType.LOG_APPEND_TIME, 1, "LogAppendTime"),
    ],
)
def test_timestamp_type_ids_and_names(member: TimestampType, type_id: int, name: str) -> None:
    """TimestampType has Java's ids and names, both ways."""
    assert member.id == type_id and str(member) == name
    assert TimestampType.for_id(type_id) is member and TimestampType.for_name(name) is member


def test_timestamp_type_unknown_id_raises() -> None:
    """An unknown id raises ValueError."""
    with pytest.raises(ValueError, match="Invalid timestamp type"):
        TimestampType.for_id(7)


def test_record_metadata_offset_presence() -> None:
    """has_offset is false for the -1 default."""
    assert not RecordMetadata(topic="t", partition=0).has_offset()
    assert RecordMetadata(topic="t", partition=0, offset=0).has_offset()
