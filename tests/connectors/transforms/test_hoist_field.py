"""HoistField: the behaviours of Kafka's HoistFieldTest."""

from __future__ import annotations

from connect_data import Schema, SchemaBuilder, Struct
from connectors.record import SinkRecord
from connectors.transforms import HoistField


def test_schemaless() -> None:
    """Without a schema the key is wrapped in a one-entry map."""
    xform = HoistField.Key()
    xform.configure({"field": "magic"})
    out = xform.apply(SinkRecord(topic="", kafka_partition=0, key=42, kafka_offset=0))
    assert out.key_schema is None and out.key == {"magic": 42}


def test_with_schema() -> None:
    """With a schema the key is wrapped in a struct whose one field has the key's schema."""
    xform = HoistField.Key()
    xform.configure({"field": "magic"})
    record = SinkRecord(
        topic="", kafka_partition=0, key_schema=Schema.INT32_SCHEMA, key=42, kafka_offset=0
    )
    out = xform.apply(record)
    assert out.key_schema == SchemaBuilder.struct().field("magic", Schema.INT32_SCHEMA).build()
    assert out.key == Struct(out.key_schema).put("magic", 42)
    assert xform.apply(record).key_schema is out.key_schema


def test_value_variant_with_null() -> None:
    """The value variant wraps the value; a null schemaless value is wrapped too."""
    xform = HoistField.Value()
    xform.configure({"field": "line"})
    out = xform.apply(SinkRecord(topic="", kafka_partition=0, key="k", value=None, kafka_offset=0))
    assert (out.key, out.value) == ("k", {"line": None})
    schema = Schema.OPTIONAL_STRING_SCHEMA
    out = xform.apply(
        SinkRecord(topic="", kafka_partition=0, value_schema=schema, value=None, kafka_offset=0)
    )
    assert out.value.get("line") is None
    xform.close()
