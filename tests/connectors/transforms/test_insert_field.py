"""InsertField: the behaviours of Kafka's InsertFieldTest, plus replace.null.with.default."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from connect_data import DataException, Schema, SchemaBuilder, Struct, Timestamp
from connect_data.config import ConfigException
from connectors.record import SinkRecord, SourceRecord
from connectors.transforms import InsertField

PROPS = {
    "topic.field": "topic_field!",
    "partition.field": "partition_field",
    "timestamp.field": "timestamp_field?",
    "static.field": "instance_id",
    "static.value": "my-instance-id",
}
SIMPLE = (
    SchemaBuilder.struct()
    .name("name")
    .version(1)
    .doc("doc")
    .field("magic", Schema.OPTIONAL_INT64_SCHEMA)
    .build()
)


def configured(variant: type[InsertField[Any]], props: dict[str, Any]) -> InsertField[Any]:
    xform = variant()
    xform.configure(props)
    return xform


def test_top_level_struct_required() -> None:
    """A schema'd value that is not a struct is a DataException."""
    xform = configured(InsertField.Value, {"topic.field": "topic_field"})
    with pytest.raises(
        DataException, match=r"Only Struct objects supported for \[field insertion\]"
    ):
        xform.apply(
            SourceRecord(topic="", kafka_partition=0, value_schema=Schema.INT32_SCHEMA, value=42)
        )


def test_copy_schema_and_insert_configured_fields() -> None:
    """Metadata fields are added with their schemas (! required, ? optional); the schema is cached."""
    xform = configured(InsertField.Value, PROPS)
    record = SourceRecord(
        topic="test",
        kafka_partition=0,
        value_schema=SIMPLE,
        value=Struct(SIMPLE).put("magic", 42),
        timestamp=789,
    )
    out = xform.apply(record)
    schema = out.value_schema
    assert (schema.name(), schema.version(), schema.doc()) == ("name", 1, "doc")
    assert schema.field("magic").schema() == Schema.OPTIONAL_INT64_SCHEMA
    assert out.value.get_int64("magic") == 42
    assert schema.field("topic_field").schema() == Schema.STRING_SCHEMA
    assert out.value.get_string("topic_field") == "test"
    assert schema.field("partition_field").schema() == Schema.OPTIONAL_INT32_SCHEMA
    assert out.value.get_int32("partition_field") == 0
    assert schema.field("timestamp_field").schema() == Timestamp.builder().optional().build()
    assert out.value.get("timestamp_field") == dt.datetime(
        1970, 1, 1, 0, 0, 0, 789000, dt.timezone.utc
    )
    assert schema.field("instance_id").schema() == Schema.OPTIONAL_STRING_SCHEMA
    assert out.value.get_string("instance_id") == "my-instance-id"
    again = xform.apply(
        SourceRecord(topic="test", kafka_partition=1, value_schema=SIMPLE, value=Struct(SIMPLE))
    )
    assert again.value_schema is out.value_schema
    assert again.value.get("timestamp_field") is None


def test_schemaless_insert_configured_fields() -> None:
    """Without a schema the fields are added to a copy of the map; the timestamp stays a number."""
    xform = configured(InsertField.Value, PROPS)
    original = {"magic": 42}
    out = xform.apply(SourceRecord(topic="test", kafka_partition=0, value=original, timestamp=123))
    assert out.value == {
        "magic": 42,
        "topic_field": "test",
        "partition_field": 0,
        "timestamp_field": 123,
        "instance_id": "my-instance-id",
    }
    assert original == {"magic": 42}


@pytest.mark.parametrize("schema", [None, SIMPLE])
def test_tombstone_value_left_unchanged(schema: Schema | None) -> None:
    """A null value passes through, schema and all (the record itself is returned)."""
    xform = configured(InsertField.Value, PROPS)
    record = SourceRecord(topic="test", kafka_partition=0, value_schema=schema, value=None)
    out = xform.apply(record)
    assert out is record
    assert out.value is None and out.value_schema == schema


def test_insert_key_fields_into_tombstone_event() -> None:
    """The key variant fills the key even when the value is null; no timestamp, no field."""
    xform = configured(InsertField.Key, PROPS)
    out = xform.apply(SourceRecord(topic="test", kafka_partition=0, key={"magic": 42}, value=None))
    assert out.key == {
        "magic": 42,
        "topic_field": "test",
        "partition_field": 0,
        "instance_id": "my-instance-id",
    }
    assert out.value is None


def test_insert_into_null_key_leaves_record_unchanged() -> None:
    """A null key is left alone by the key variant."""
    xform = configured(InsertField.Key, PROPS)
    record = SourceRecord(topic="test", kafka_partition=0, value={"magic": 42})
    assert xform.apply(record) is record


def test_offset_only_for_sink_records() -> None:
    """offset.field takes the Kafka offset of a sink record; a source record is an error."""
    xform = configured(InsertField.Value, {"offset.field": "offset!"})
    schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    sink = SinkRecord(
        topic="t",
        kafka_partition=0,
        value_schema=schema,
        value=Struct(schema).put("a", 1),
        kafka_offset=17,
    )
    out = xform.apply(sink)
    assert out.value.get("offset") == 17
    assert out.value_schema.field("offset").schema() == Schema.INT64_SCHEMA
    assert xform.apply(
        SinkRecord(topic="t", kafka_partition=0, value={}, kafka_offset=3)
    ).value == {"offset": 3}
    with pytest.raises(
        DataException,
        match=r"Only SinkRecord supported for \[field insertion\], found: SourceRecord",
    ):
        xform.apply(SourceRecord(topic="t", value={}))


def test_no_partition_means_no_partition_value() -> None:
    """A record without a partition leaves the (optional) partition field null."""
    xform = configured(InsertField.Value, {"partition.field": "p"})
    assert xform.apply(SourceRecord(topic="t", value={"a": 1})).value == {"a": 1}


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({}, "No field insertion configured"),
        (
            {"static.field": "s"},
            "Invalid value null for configuration static.value: No value specified for static field: s",
        ),
    ],
)
def test_configuration_errors(props: dict[str, str], message: str) -> None:
    """Nothing to insert, or a static field without a value, is a ConfigException."""
    with pytest.raises(ConfigException) as info:
        InsertField.Value().configure(props)
    assert str(info.value) == message


@pytest.mark.parametrize(("replace", "expected"), [("true", 5), ("false", None)])
def test_replace_null_with_default(replace: str, expected: int | None) -> None:
    """A null field with a default is copied as the default, or as null when disabled."""
    schema = (
        SchemaBuilder.struct()
        .field("d", SchemaBuilder.int32().optional().default_value(5).build())
        .build()
    )
    xform = configured(
        InsertField.Value,
        {"static.field": "s", "static.value": "v", "replace.null.with.default": replace},
    )
    out = xform.apply(SourceRecord(topic="t", value_schema=schema, value=Struct(schema)))
    assert out.value.get_without_default("d") == expected


def test_config_and_version() -> None:
    """config() is the definition of the keys; version() names the release."""
    xform = InsertField.Value()
    assert set(xform.config().names()) == {
        "topic.field",
        "partition.field",
        "offset.field",
        "timestamp.field",
        "static.field",
        "static.value",
        "replace.null.with.default",
    }
    assert isinstance(xform.version(), str)
    xform.close()


def test_base_class_is_abstract() -> None:
    """Only the Key and Value variants can be created, as in Java."""
    with pytest.raises(TypeError):
        InsertField()  # type: ignore[abstract]
