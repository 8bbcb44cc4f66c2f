"""ValueToKey: the behaviours of Kafka's ValueToKeyTest, plus replace.null.with.default."""

from __future__ import annotations

from typing import Any

import pytest

from connect_data import DataException, Schema, SchemaBuilder, Struct
from connect_data.config import ConfigException
from connectors.record import SinkRecord
from connectors.transforms import ValueToKey


def configured(props: dict[str, Any]) -> ValueToKey[Any]:
    xform: ValueToKey[Any] = ValueToKey()
    xform.configure(props)
    return xform


def test_schemaless() -> None:
    """The key becomes a map of the named value fields."""
    xform = configured({"fields": "a,b"})
    value = {"a": 1, "b": 2, "c": 3}
    out = xform.apply(SinkRecord(topic="", kafka_partition=0, value=value, kafka_offset=0))
    assert out.key_schema is None
    assert out.key == {"a": 1, "b": 2}
    assert out.value is value


def test_with_schema() -> None:
    """The key becomes a struct of the named fields, its schema built once per value schema."""
    xform = configured({"fields": "a,b"})
    schema = (
        SchemaBuilder.struct()
        .field("a", Schema.INT32_SCHEMA)
        .field("b", Schema.INT32_SCHEMA)
        .field("c", Schema.INT32_SCHEMA)
        .build()
    )
    value = Struct(schema).put("a", 1).put("b", 2).put("c", 3)
    out = xform.apply(
        SinkRecord(topic="", kafka_partition=0, value_schema=schema, value=value, kafka_offset=0)
    )
    expected_schema = (
        SchemaBuilder.struct()
        .field("a", Schema.INT32_SCHEMA)
        .field("b", Schema.INT32_SCHEMA)
        .build()
    )
    assert out.key_schema == expected_schema
    assert out.key == Struct(expected_schema).put("a", 1).put("b", 2)
    again = xform.apply(
        SinkRecord(topic="", kafka_partition=0, value_schema=schema, value=value, kafka_offset=1)
    )
    assert again.key_schema is out.key_schema


def test_non_existing_field() -> None:
    """A field missing from the value schema is a DataException."""
    xform = configured({"fields": "not_exist"})
    schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    record = SinkRecord(
        topic="",
        kafka_partition=0,
        value_schema=schema,
        value=Struct(schema).put("a", 1),
        kafka_offset=0,
    )
    with pytest.raises(DataException, match=r"^Field does not exist: not_exist$"):
        xform.apply(record)


def test_schemaless_value_must_be_a_map() -> None:
    """Without a schema the value must be a map (a tombstone is an error, as in Java)."""
    with pytest.raises(DataException, match=r"\[copying fields from value to key\]"):
        configured({"fields": "a"}).apply(
            SinkRecord(topic="", kafka_partition=0, value=None, kafka_offset=0)
        )


def test_fields_required() -> None:
    """fields is required and must not be empty."""
    with pytest.raises(ConfigException, match=r'Missing required configuration "fields"'):
        configured({})
    with pytest.raises(ConfigException, match=r"Empty list"):
        configured({"fields": ""})


@pytest.mark.parametrize(("replace", "expected"), [("true", 5), ("false", None)])
def test_replace_null_with_default(replace: str, expected: int | None) -> None:
    """A null field with a default goes into the key as the default, or as null when disabled."""
    schema = (
        SchemaBuilder.struct()
        .field("d", SchemaBuilder.int32().optional().default_value(5).build())
        .build()
    )
    xform = configured({"fields": "d", "replace.null.with.default": replace})
    out = xform.apply(
        SinkRecord(
            topic="", kafka_partition=0, value_schema=schema, value=Struct(schema), kafka_offset=0
        )
    )
    assert out.key.get_without_default("d") == expected
