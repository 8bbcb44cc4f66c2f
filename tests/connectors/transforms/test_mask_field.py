"""MaskField: the behaviours of Kafka's MaskFieldTest, with Python's value types."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

import pytest

from connect_data import (
    DataException,
    Date,
    Decimal,
    Schema,
    SchemaBuilder,
    Struct,
    Time,
    Timestamp,
)
from connect_data.config import ConfigException
from connectors.record import SinkRecord
from connectors.transforms import MaskField

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
NOW = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc)

SCHEMA = (
    SchemaBuilder.struct()
    .field("magic", Schema.INT32_SCHEMA)
    .field("bool", Schema.BOOLEAN_SCHEMA)
    .field("byte", Schema.INT8_SCHEMA)
    .field("short", Schema.INT16_SCHEMA)
    .field("int", Schema.INT32_SCHEMA)
    .field("long", Schema.INT64_SCHEMA)
    .field("float", Schema.FLOAT32_SCHEMA)
    .field("double", Schema.FLOAT64_SCHEMA)
    .field("string", Schema.STRING_SCHEMA)
    .field("date", Date.SCHEMA)
    .field("time", Time.SCHEMA)
    .field("timestamp", Timestamp.SCHEMA)
    .field("decimal", Decimal.schema(0))
    .field("array", SchemaBuilder.array(Schema.INT32_SCHEMA).build())
    .field("map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
    .build()
)

VALUES: dict[str, Any] = {
    "magic": 42,
    "bool": True,
    "int": 42,
    "float": 42.5,
    "string": "55.121.20.20",
    "date": NOW,
    "bigdec": decimal.Decimal("42.0"),
    "list": [42],
    "map": {"key": "value"},
}


def values_with_schema() -> Struct:
    return (
        Struct(SCHEMA)
        .put("magic", 42)
        .put("bool", True)
        .put("byte", 42)
        .put("short", 42)
        .put("int", 42)
        .put("long", 42)
        .put("float", 42.0)
        .put("double", 42.0)
        .put("string", "hmm")
        .put("date", dt.date(2024, 5, 6))
        .put("time", dt.time(7, 8, 9))
        .put("timestamp", NOW)
        .put("decimal", decimal.Decimal(42))
        .put("array", [1, 2, 3])
        .put("map", {"what": "what"})
    )


def transform(fields: list[str], replacement: str | None = None) -> MaskField[Any]:
    xform = MaskField.Value()
    props: dict[str, Any] = {"fields": fields}
    if replacement is not None:
        props["replacement"] = replacement
    xform.configure(props)
    return xform


def record(schema: Schema | None, value: Any) -> SinkRecord:
    return SinkRecord(topic="", kafka_partition=0, value_schema=schema, value=value, kafka_offset=0)


def test_schemaless() -> None:
    """Each masked value becomes the empty value of its type."""
    fields = [name for name in VALUES if name != "magic"]
    out = transform(fields).apply(record(None, VALUES)).value
    assert out == {
        "magic": 42,
        "bool": False,
        "int": 0,
        "float": 0.0,
        "string": "",
        "date": EPOCH,
        "bigdec": decimal.Decimal(0),
        "list": [],
        "map": {},
    }


def test_schemaless_masks_absent_fields_to_null() -> None:
    """A masked field missing from the map is added as null, as Java's HashMap.put does."""
    assert transform(["nope"]).apply(record(None, {"a": 1})).value == {"a": 1, "nope": None}


def test_with_schema() -> None:
    """With a schema, every supported type is masked, the schema unchanged."""
    fields = [f.name() for f in SCHEMA.fields() if f.name() != "magic"]
    out = transform(fields).apply(record(SCHEMA, values_with_schema()))
    value = out.value
    assert out.value_schema is SCHEMA
    assert value.get("magic") == 42
    assert value.get("bool") is False
    assert [value.get(n) for n in ("byte", "short", "int", "long")] == [0, 0, 0, 0]
    assert value.get("float") == 0.0 and value.get("double") == 0.0
    assert value.get("string") == ""
    assert value.get("date") == dt.date(1970, 1, 1)
    assert value.get("time") == dt.time(0)
    assert value.get("timestamp") == EPOCH
    assert value.get("decimal") == decimal.Decimal(0)
    assert value.get("array") == [] and value.get("map") == {}


@pytest.mark.parametrize(
    ("field", "replacement", "expected"),
    [
        ("int", "123", 123),
        ("float", "123.0", 123.0),
        ("string", "123", "123"),
        ("bigdec", "123.0", decimal.Decimal("123.0")),
    ],
)
def test_schemaless_with_replacement(field: str, replacement: str, expected: Any) -> None:
    """Numeric and string fields take the replacement converted to their type."""
    out = transform([field], replacement).apply(record(None, VALUES)).value
    assert out[field] == expected
    assert type(out[field]) is type(expected)


@pytest.mark.parametrize(
    ("field", "replacement", "expected"),
    [
        ("byte", "123", 123),
        ("short", "123", 123),
        ("int", "123", 123),
        ("long", "123", 123),
        ("float", "123.0", 123.0),
        ("double", "123.0", 123.0),
        ("string", "123", "123"),
        ("decimal", "123.0", decimal.Decimal("123.0")),
    ],
)
def test_with_schema_and_replacement(field: str, replacement: str, expected: Any) -> None:
    """With a schema the replacement is converted to the field's type."""
    out = transform([field], replacement).apply(record(SCHEMA, values_with_schema())).value
    assert out.get(field) == expected


@pytest.mark.parametrize("field", ["date", "bool", "list", "map"])
def test_schemaless_unsupported_replacement_type(field: str) -> None:
    """Booleans, dates, lists and maps cannot take a custom replacement."""
    with pytest.raises(DataException, match=r"Cannot mask value of type"):
        transform([field], "x").apply(record(None, VALUES))


@pytest.mark.parametrize("field", ["time", "timestamp", "array"])
def test_with_schema_unsupported_replacement_type(field: str) -> None:
    """Times, timestamps and arrays cannot take a custom replacement."""
    with pytest.raises(DataException, match=r"Cannot mask value of type"):
        transform([field], "x").apply(record(SCHEMA, values_with_schema()))


@pytest.mark.parametrize("field", ["int", "float", "bigdec"])
def test_replacement_type_mismatch(field: str) -> None:
    """A replacement that is not a number of the field's type is a DataException."""
    with pytest.raises(DataException):
        transform([field], "foo").apply(record(None, VALUES))


def test_byte_replacement_out_of_range_wraps() -> None:
    """A replacement too large for an INT8 field wraps, as Java's Values.convertToByte does."""
    out = transform(["byte"], "300").apply(record(SCHEMA, values_with_schema()))
    assert out.value.get("byte") == 44


def test_unmaskable_value() -> None:
    """Bytes (or structs) have no empty value: DataException naming the type."""
    with pytest.raises(DataException, match=r"^Cannot mask value of type: class bytes$"):
        transform(["b"]).apply(record(None, {"b": b"\x01"}))


def test_null_values_stay_null() -> None:
    """A null field is not masked."""
    schema = SchemaBuilder.struct().field("s", Schema.OPTIONAL_STRING_SCHEMA).build()
    assert transform(["s"], "x").apply(record(schema, Struct(schema))).value.get("s") is None


def test_empty_string_replacement_value() -> None:
    """An empty replacement is rejected by the configuration."""
    with pytest.raises(ConfigException, match=r"String must be non-empty"):
        transform(["short"], "")


def test_fields_required() -> None:
    """fields must name at least one field."""
    with pytest.raises(ConfigException, match=r"Empty list"):
        transform([])


@pytest.mark.parametrize(("replace", "expected"), [("true", 5), ("false", None)])
def test_replace_null_with_default(replace: str, expected: int | None) -> None:
    """Unmasked null fields with a default are copied as the default, or as null when disabled."""
    schema = (
        SchemaBuilder.struct()
        .field("d", SchemaBuilder.int32().optional().default_value(5).build())
        .field("m", Schema.OPTIONAL_STRING_SCHEMA)
        .build()
    )
    xform = MaskField.Value()
    xform.configure({"fields": "m", "replace.null.with.default": replace})
    out = xform.apply(record(schema, Struct(schema).put("m", "secret")))
    assert out.value.get_without_default("d") == expected
    assert out.value.get("m") == ""


def test_key_variant() -> None:
    """MaskField.Key masks the key and leaves the value."""
    xform = MaskField.Key()
    xform.configure({"fields": "k"})
    out = xform.apply(
        SinkRecord(topic="t", kafka_partition=0, key={"k": "v"}, value={"k": "v"}, kafka_offset=0)
    )
    assert (out.key, out.value) == ({"k": ""}, {"k": "v"})
