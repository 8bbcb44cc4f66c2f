"""Flatten: the behaviours of Kafka's FlattenTest."""

from __future__ import annotations

from typing import Any

import pytest

from connect_data import DataException, Schema, SchemaBuilder, Struct, Type
from connectors.record import SourceRecord
from connectors.transforms import Flatten


def value_flatten(**props: str) -> Flatten[Any]:
    xform = Flatten.Value()
    xform.configure(props)
    return xform


def valued(schema: Schema | None, value: Any) -> SourceRecord:
    return SourceRecord(topic="topic", kafka_partition=0, value_schema=schema, value=value)


SUPPORTED = (
    SchemaBuilder.struct()
    .field("int8", Schema.INT8_SCHEMA)
    .field("int16", Schema.INT16_SCHEMA)
    .field("int32", Schema.INT32_SCHEMA)
    .field("int64", Schema.INT64_SCHEMA)
    .field("float32", Schema.FLOAT32_SCHEMA)
    .field("float64", Schema.FLOAT64_SCHEMA)
    .field("boolean", Schema.BOOLEAN_SCHEMA)
    .field("string", Schema.STRING_SCHEMA)
    .field("bytes", Schema.BYTES_SCHEMA)
    .build()
)
SUPPORTED_VALUES: dict[str, Any] = {
    "int8": 8,
    "int16": 16,
    "int32": 32,
    "int64": 64,
    "float32": 32.0,
    "float64": 64.0,
    "boolean": True,
    "string": "stringy",
    "bytes": b"bytes",
}


def test_top_level_struct_required() -> None:
    """A schema'd value must be a struct."""
    with pytest.raises(DataException):
        value_flatten().apply(valued(Schema.INT32_SCHEMA, 42))


def test_top_level_map_required() -> None:
    """A schemaless value must be a map."""
    with pytest.raises(DataException):
        value_flatten().apply(valued(None, 42))


def test_nested_struct() -> None:
    """Nested struct fields become top-level fields named A.B.x."""
    one = SchemaBuilder.struct().field("B", SUPPORTED).build()
    two = SchemaBuilder.struct().field("A", one).build()
    supported = Struct(SUPPORTED)
    for name, value in SUPPORTED_VALUES.items():
        supported.put(name, value)
    value = Struct(two).put("A", Struct(one).put("B", supported))
    out = value_flatten().apply(valued(two, value))
    assert out.value_schema.type() is Type.STRUCT
    flat = out.value
    assert len(flat.schema().fields()) == 9
    assert {name: flat.get(f"A.B.{name}") for name in SUPPORTED_VALUES} == SUPPORTED_VALUES
    assert flat.schema().field("A.B.int16").schema() == Schema.INT16_SCHEMA


def test_nested_map_with_delimiter() -> None:
    """Nested maps become one map, names joined with the delimiter."""
    value = {"A": {"B": dict(SUPPORTED_VALUES)}}
    out = value_flatten(delimiter="#").apply(valued(None, value))
    assert out.value_schema is None
    assert out.value == {f"A#B#{name}": v for name, v in SUPPORTED_VALUES.items()}


def test_optional_field_struct() -> None:
    """A null optional field stays null."""
    inner = SchemaBuilder.struct().field("opt_int32", Schema.OPTIONAL_INT32_SCHEMA).build()
    outer = SchemaBuilder.struct().field("B", inner).build()
    out = value_flatten().apply(valued(outer, Struct(outer).put("B", Struct(inner))))
    assert out.value.get("B.opt_int32") is None


def test_optional_struct() -> None:
    """A null optional struct gives a null value with the flattened schema."""
    schema = (
        SchemaBuilder.struct().optional().field("opt_int32", Schema.OPTIONAL_INT32_SCHEMA).build()
    )
    out = value_flatten().apply(valued(schema, None))
    assert out.value_schema.type() is Type.STRUCT
    assert out.value is None


def test_optional_nested_struct() -> None:
    """A null nested optional struct leaves its flattened fields null."""
    inner = (
        SchemaBuilder.struct().optional().field("opt_int32", Schema.OPTIONAL_INT32_SCHEMA).build()
    )
    outer = SchemaBuilder.struct().field("B", inner).build()
    out = value_flatten().apply(valued(outer, Struct(outer).put("B", None)))
    assert out.value.get("B.opt_int32") is None


def test_optional_field_map() -> None:
    """A null map entry is kept as null."""
    out = value_flatten().apply(valued(None, {"B": {"opt_int32": None}}))
    assert out.value == {"B.opt_int32": None}


def test_key() -> None:
    """The key variant flattens the key."""
    xform = Flatten.Key()
    xform.configure({})
    out = xform.apply(SourceRecord(topic="topic", key={"A": {"B": 12}}))
    assert out.key_schema is None and out.key == {"A.B": 12}


def test_schemaless_array() -> None:
    """Arrays are kept as they are, nested maps inside them included."""
    value = {"foo": ["bar", {"baz": {"lfg": "lfg"}}]}
    assert value_flatten().apply(valued(None, value)).value == value


def test_array_with_schema() -> None:
    """Array fields keep their schema and value."""
    nested = SchemaBuilder.struct().field("lfg", Schema.STRING_SCHEMA).build()
    inner = SchemaBuilder.struct().field("baz", nested).build()
    schema = (
        SchemaBuilder.struct().field("foo", SchemaBuilder.array(inner).doc("durk").build()).build()
    )
    value = Struct(schema).put("foo", [Struct(inner).put("baz", Struct(nested).put("lfg", "lfg"))])
    out = value_flatten().apply(valued(schema, value))
    assert out.value == value
    assert out.value_schema == schema


def test_map_with_schema_is_not_supported() -> None:
    """A MAP field with a schema cannot be flattened."""
    schema = (
        SchemaBuilder.struct()
        .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
        .build()
    )
    with pytest.raises(
        DataException, match=r"does not support MAP for record with schemas \(for field m\)"
    ):
        value_flatten().apply(valued(schema, Struct(schema).put("m", {})))


def test_unsupported_schemaless_values() -> None:
    """A struct inside a map, or a value without a Connect type, is a DataException."""
    inner = SchemaBuilder.struct().build()
    with pytest.raises(DataException, match=r"for record without schemas"):
        value_flatten().apply(valued(None, {"s": Struct(inner)}))
    with pytest.raises(DataException, match=r"not supported by Connect's data API"):
        value_flatten().apply(valued(None, {"o": object()}))


def test_optional_and_default_values_nested() -> None:
    """Fields under an optional struct become optional and take defaults from the parent."""
    builder = SchemaBuilder.struct().optional()
    builder.field("req_field", Schema.STRING_SCHEMA)
    builder.field(
        "opt_field", SchemaBuilder.string().optional().default_value("child_default").build()
    )
    child_default = Struct(builder).put("req_field", "req_default")
    builder.default_value(child_default)
    schema = builder.build()
    out = value_flatten().apply(valued(schema, Struct(schema)))
    fields = out.value_schema.fields()
    assert len(fields) == 2
    assert (
        out.value_schema.field("req_field").schema()
        == SchemaBuilder.string().optional().default_value("req_default").build()
    )
    assert (
        out.value_schema.field("opt_field").schema()
        == SchemaBuilder.string().optional().default_value("child_default").build()
    )


def test_tombstone_without_schema_passes_through() -> None:
    """A null schemaless value stays null."""
    out = value_flatten().apply(valued(None, None))
    assert out.value is None and out.value_schema is None


def test_tombstone_with_schema_passes_through() -> None:
    """A null value keeps an (already flat) schema."""
    schema = (
        SchemaBuilder.struct()
        .name("name")
        .version(1)
        .doc("doc")
        .field("magic", Schema.OPTIONAL_INT64_SCHEMA)
        .build()
    )
    out = value_flatten().apply(valued(schema, None))
    assert out.value is None
    assert out.value_schema == schema


def test_map_with_null_fields() -> None:
    """Null entries do not stop the flattening of later entries."""
    value = {
        "firstNull": None,
        "firstNonNull": "nonNull",
        "secondNull": None,
        "secondNonNull": "alsoNonNull",
        "thirdNonNull": None,
    }
    assert value_flatten().apply(valued(None, value)).value == value


def test_struct_with_null_fields() -> None:
    """Null struct fields are copied as null."""
    schema = SchemaBuilder.struct()
    for name in ("firstNull", "firstNonNull", "secondNull", "secondNonNull", "thirdNonNull"):
        schema.field(name, Schema.OPTIONAL_STRING_SCHEMA)
    built = schema.build()
    value = Struct(built).put("firstNonNull", "nonNull").put("secondNonNull", "alsoNonNull")
    assert value_flatten().apply(valued(built, value)).value == value


def test_schema_is_cached() -> None:
    """The flattened schema is built once per input schema."""
    xform = value_flatten()
    schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    first = xform.apply(valued(schema, Struct(schema).put("a", 1)))
    assert (
        xform.apply(valued(schema, Struct(schema).put("a", 2))).value_schema is first.value_schema
    )


def test_version() -> None:
    """Both variants report the same version."""
    assert Flatten.Key().version() == Flatten.Value().version()
