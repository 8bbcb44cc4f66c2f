"""SetSchemaMetadata: the behaviours of Kafka's SetSchemaMetadataTest."""

from __future__ import annotations

from typing import Any

import pytest

from connect_data import DataException, Schema, SchemaBuilder, Struct
from connect_data.config import ConfigException
from connectors.record import SinkRecord
from connectors.transforms import SetSchemaMetadata
from connectors.transforms.set_schema_metadata import update_schema_in


def configured(props: dict[str, Any]) -> SetSchemaMetadata[Any]:
    xform = SetSchemaMetadata.Value()
    xform.configure(props)
    return xform


def valued(schema: Schema | None, value: Any) -> SinkRecord:
    return SinkRecord(topic="", kafka_partition=0, value_schema=schema, value=value, kafka_offset=0)


def test_schema_name_update() -> None:
    """schema.name renames the value schema."""
    out = configured({"schema.name": "foo"}).apply(valued(SchemaBuilder.struct().build(), None))
    assert out.value_schema.name() == "foo"


def test_schema_version_update() -> None:
    """schema.version sets the version (an int or its text)."""
    out = configured({"schema.version": 42}).apply(valued(SchemaBuilder.struct().build(), None))
    assert out.value_schema.version() == 42


def test_schema_name_and_version_update_with_struct() -> None:
    """A struct value is re-created under the renamed schema, fields pointing to it."""
    schema = (
        SchemaBuilder.struct()
        .name("my.orig.SchemaDefn")
        .field("f1", Schema.STRING_SCHEMA)
        .field("f2", Schema.INT32_SCHEMA)
        .build()
    )
    value = Struct(schema).put("f1", "value1").put("f2", 1)
    xform = configured({"schema.name": "foo", "schema.version": "42"})
    out = xform.apply(valued(schema, value))
    assert (out.value_schema.name(), out.value_schema.version()) == ("foo", 42)
    assert out.value.schema() is out.value_schema
    assert (out.value.get("f1"), out.value.get("f2")) == ("value1", 1)
    assert xform.apply(valued(schema, value)).value_schema is out.value_schema


def test_update_schema_in() -> None:
    """Structs are copied under the new schema; other values and null are returned as they are."""
    schema = SchemaBuilder.struct().name("a").field("f", Schema.STRING_SCHEMA).build()
    renamed = SchemaBuilder.struct().name("b").field("f", Schema.STRING_SCHEMA).build()
    copied = update_schema_in(Struct(schema).put("f", "x"), renamed)
    assert copied.schema() is renamed and copied.get("f") == "x"
    value = 1
    assert update_schema_in(value, Schema.INT32_SCHEMA) is value
    assert update_schema_in(None, Schema.INT32_SCHEMA) is None


def test_non_struct_schemas_keep_their_parts() -> None:
    """Primitive, array and map schemas are renamed too."""
    out = configured({"schema.name": "id"}).apply(valued(Schema.INT64_SCHEMA, 5))
    assert out.value_schema.name() == "id" and out.value == 5
    array = SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build()
    out = configured({"schema.version": "2"}).apply(valued(array, ["a"]))
    assert out.value_schema.value_schema() == Schema.STRING_SCHEMA
    assert out.value_schema.is_optional() and out.value_schema.version() == 2


def test_null_value_without_schema_passes() -> None:
    """A record with neither schema nor value is returned as is."""
    record = valued(None, None)
    assert configured({"schema.name": "x"}).apply(record) is record


def test_schema_required() -> None:
    """A value without a schema is an error."""
    with pytest.raises(DataException, match=r"^Schema required for \[updating schema metadata\]$"):
        configured({"schema.name": "x"}).apply(valued(None, {"a": 1}))


def test_name_or_version_required() -> None:
    """Configuring neither name nor version is a ConfigException."""
    with pytest.raises(ConfigException, match=r"^Neither schema name nor version configured$"):
        configured({})


def test_key_variant() -> None:
    """The key variant renames the key schema."""
    xform = SetSchemaMetadata.Key()
    xform.configure({"schema.name": "k"})
    out = xform.apply(
        SinkRecord(
            topic="", kafka_partition=0, key_schema=Schema.STRING_SCHEMA, key="x", kafka_offset=0
        )
    )
    assert out.key_schema.name() == "k" and out.key == "x"


@pytest.mark.parametrize(("replace", "expected"), [("true", 5), ("false", None)])
def test_replace_null_with_default(replace: str, expected: int | None) -> None:
    """Null fields with a default are copied as the default, or kept null when disabled."""
    schema = (
        SchemaBuilder.struct()
        .field("d", SchemaBuilder.int32().optional().default_value(5).build())
        .build()
    )
    out = configured({"schema.name": "n", "replace.null.with.default": replace}).apply(
        valued(schema, Struct(schema))
    )
    assert out.value.get_without_default("d") == expected
