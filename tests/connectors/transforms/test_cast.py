"""Cast: the behaviours of Kafka's CastTest, with Python's value types."""

from __future__ import annotations

import datetime as dt
import decimal
import math
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
    Type,
)
from connect_data.config import ConfigException
from connectors.record import SourceRecord
from connectors.transforms import Cast

MILLIS = 1483425001864  # 2017-01-03T06:30:01.864Z


def key_cast(spec: str, **extra: str) -> Cast[Any]:
    xform = Cast.Key()
    xform.configure({"spec": spec, **extra})
    return xform


def value_cast(spec: str, **extra: str) -> Cast[Any]:
    xform = Cast.Value()
    xform.configure({"spec": spec, **extra})
    return xform


def valued(schema: Schema | None, value: Any) -> SourceRecord:
    return SourceRecord(topic="topic", kafka_partition=0, value_schema=schema, value=value)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "Must specify at least one field to cast."),
        (
            "foo:faketype",
            "Invalid value java.lang.IllegalArgumentException: No enum constant "
            "org.apache.kafka.connect.data.Schema.Type.FAKETYPE for configuration Invalid type "
            "found in casting spec: faketype",
        ),
        ("faketype", "No enum constant org.apache.kafka.connect.data.Schema.Type.FAKETYPE"),
        (
            "foo:array",
            "Cast transformation does not support casting to ARRAY; supported types are "
            "[INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]",
        ),
        (
            "foo:int8:extra",
            "Invalid value [foo:int8:extra] for configuration renames: Invalid rename mapping: foo:int8:extra",
        ),
        (
            "foo:int8,int32",
            "Cast transformations that specify a type to cast the entire value to may ony specify "
            "a single cast in their spec",
        ),
        (
            "bytes",
            "Cast transformation does not support casting to BYTES; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]",
        ),
    ],
)
def test_config_errors(spec: str, message: str) -> None:
    """Invalid specs are ConfigExceptions with Java's (sometimes odd) messages."""
    with pytest.raises(ConfigException) as info:
        key_cast(spec)
    assert str(info.value) == message


def test_spec_is_required() -> None:
    """spec has no default."""
    with pytest.raises(ConfigException, match=r'Missing required configuration "spec"'):
        Cast.Value().configure({})


def test_cast_whole_record_key_with_schema() -> None:
    """The key variant casts the key and leaves the value."""
    record = SourceRecord(
        topic="topic",
        key_schema=Schema.INT32_SCHEMA,
        key=42,
        value_schema=Schema.STRING_SCHEMA,
        value="bogus",
    )
    out = key_cast("int8").apply(record)
    assert out.key_schema.type() is Type.INT8 and out.key == 42
    assert out.value == "bogus"


@pytest.mark.parametrize(
    ("spec", "value", "expected_type", "expected"),
    [
        ("int8", 42, Type.INT8, 42),
        ("int16", 42, Type.INT16, 42),
        ("int32", 42, Type.INT32, 42),
        ("int64", 42, Type.INT64, 42),
        ("float32", 42, Type.FLOAT32, 42.0),
        ("float64", 42, Type.FLOAT64, 42.0),
        ("boolean", 42, Type.BOOLEAN, True),
        ("boolean", 0, Type.BOOLEAN, False),
        ("string", 42, Type.STRING, "42"),
        ("int8", 300, Type.INT8, 44),
    ],
)
def test_cast_whole_record_value_with_schema(
    spec: str, value: int, expected_type: Type, expected: Any
) -> None:
    """An INT32 value cast to each supported type (narrowing wraps as in Java)."""
    out = value_cast(spec).apply(valued(Schema.INT32_SCHEMA, value))
    assert out.value_schema.type() is expected_type
    assert out.value == expected and type(out.value) is type(expected)


def test_cast_whole_record_default_value() -> None:
    """The schema's default value is cast too."""
    schema = SchemaBuilder.float32().default_value(-42.125).build()
    out = value_cast("int32").apply(valued(schema, 42.125))
    assert out.value_schema.type() is Type.INT32
    assert out.value == 42
    assert out.value_schema.default_value() == -42


@pytest.mark.parametrize(
    ("spec", "value", "expected"),
    [
        ("int8", 42, 42),
        ("int16", 42, 42),
        ("int32", 42, 42),
        ("int64", 42, 42),
        ("float32", 42, 42.0),
        ("float64", 42, 42.0),
        ("boolean", 42, True),
        ("boolean", 0, False),
        ("string", 42, "42"),
        ("string", 1.5, "1.5"),
        ("string", True, "true"),
        ("int32", "42", 42),
        ("float64", " 1e2 ", 100.0),
        ("boolean", "TRUE", True),
        ("boolean", "yes", False),
        ("int64", 2.9, 2),
        ("int32", 1e20, 2**31 - 1),
        ("string", b"\x00\x01", "AAE="),
    ],
)
def test_cast_whole_record_value_schemaless(spec: str, value: Any, expected: Any) -> None:
    """Without a schema the value's Python type tells the source type."""
    out = value_cast(spec).apply(valued(None, value))
    assert out.value_schema is None
    assert out.value == expected and type(out.value) is type(expected)


def test_cast_whole_record_key_schemaless() -> None:
    """Schemaless keys are cast as values are."""
    out = key_cast("int8").apply(
        SourceRecord(topic="topic", key=42, value_schema=Schema.STRING_SCHEMA, value="bogus")
    )
    assert out.key_schema is None and out.key == 42


@pytest.mark.parametrize("value", [["foo"], {"a": 1}, decimal.Decimal(1), dt.date(2020, 1, 1)])
def test_cast_whole_record_value_schemaless_unsupported_type(value: Any) -> None:
    """Lists, maps and values without a Connect type cannot be cast."""
    with pytest.raises(DataException, match=r"Cast transformation"):
        value_cast("int8").apply(valued(None, value))


@pytest.mark.parametrize(
    ("text", "spec"), [("300", "int8"), ("foo", "int32"), ("1.5", "int64"), ("x", "float32")]
)
def test_unparseable_or_out_of_range_string(text: str, spec: str) -> None:
    """A string that Java's parser rejects is "out of range for requested data type"."""
    with pytest.raises(
        DataException, match=rf"^Value \({text}\) was out of range for requested data type$"
    ):
        value_cast(spec).apply(valued(None, text))


def test_cast_fields_with_schema() -> None:
    """Fields are cast, optionality kept, defaults cast, other fields copied."""
    xform = value_cast(
        "int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,"
        "boolean:int8,string:int32,bigdecimal:string,date:string,optional:int32,timestamp:string"
    )
    schema = (
        SchemaBuilder.struct()
        .field("int8", Schema.INT8_SCHEMA)
        .field("int16", Schema.OPTIONAL_INT16_SCHEMA)
        .field("int32", SchemaBuilder.int32().default_value(2).build())
        .field("int64", Schema.INT64_SCHEMA)
        .field("float32", Schema.FLOAT32_SCHEMA)
        .field("float64", SchemaBuilder.float64().default_value(-1.125).build())
        .field("boolean", Schema.BOOLEAN_SCHEMA)
        .field("string", Schema.STRING_SCHEMA)
        .field("bigdecimal", Decimal.schema(6))
        .field("date", Date.SCHEMA)
        .field("optional", Schema.OPTIONAL_FLOAT32_SCHEMA)
        .field("timestamp", Timestamp.SCHEMA)
        .field("untouched", Schema.STRING_SCHEMA)
        .build()
    )
    value = (
        Struct(schema)
        .put("int8", 8)
        .put("int16", 16)
        .put("int32", 32)
        .put("int64", 64)
        .put("float32", 32.0)
        .put("float64", -64.0)
        .put("boolean", True)
        .put("string", "42")
        .put("bigdecimal", decimal.Decimal("42.123000"))
        .put("date", dt.date(1970, 1, 2))
        .put("timestamp", dt.datetime.fromtimestamp(MILLIS / 1000, dt.timezone.utc))
        .put("untouched", "same")
    )
    out = xform.apply(valued(schema, value)).value
    assert out.get("int8") == 8 and out.schema().field("int8").schema().type() is Type.INT16
    assert out.schema().field("int16").schema().is_optional()
    assert out.get("int16") == 16
    assert out.get("int32") == 32
    assert out.schema().field("int32").schema().default_value() == 2
    assert out.get("int64") is True
    assert out.get("float32") == 32.0
    assert out.get("float64") is True
    assert out.schema().field("float64").schema().default_value() is True
    assert out.get("boolean") == 1
    assert out.get("string") == 42
    assert out.get("bigdecimal") == "42.123000"
    assert out.get("date") == "1970-01-02"
    assert out.get("optional") is None
    assert out.get("timestamp") == "2017-01-03T06:30:01.864Z"
    assert out.get("untouched") == "same"
    assert out.schema().field("untouched").schema() is Schema.STRING_SCHEMA


def test_cast_fields_schemaless() -> None:
    """Fields of a map are cast by their Python type; missing fields become null."""
    xform = value_cast(
        "int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32,absent:int8"
    )
    value = {
        "int8": 8,
        "int16": 16,
        "int32": 32,
        "int64": 64,
        "float32": 32.0,
        "float64": -64.0,
        "boolean": True,
        "string": "42",
        "other": "x",
    }
    out = xform.apply(valued(None, value)).value
    assert out == {
        "int8": 8,
        "int16": 16,
        "int32": 32,
        "int64": True,
        "float32": 32.0,
        "float64": True,
        "boolean": 1,
        "string": 42,
        "other": "x",
        "absent": None,
    }


def test_cast_logical_to_primitive() -> None:
    """Date, Time, Timestamp and Decimal fields cast through their numeric form."""
    xform = value_cast(
        "date_to_int32:int32,timestamp_to_int64:int64,time_to_int64:int64,decimal_to_int32:int32,"
        "timestamp_to_float64:float64,null_timestamp_to_int32:int32"
    )
    schema = (
        SchemaBuilder.struct()
        .field("date_to_int32", Date.SCHEMA)
        .field("timestamp_to_int64", Timestamp.SCHEMA)
        .field("time_to_int64", Time.SCHEMA)
        .field("decimal_to_int32", Decimal.schema(10))
        .field("timestamp_to_float64", Timestamp.SCHEMA)
        .field("null_timestamp_to_int32", Timestamp.builder().optional().build())
        .build()
    )
    moment = dt.datetime.fromtimestamp(MILLIS / 1000, dt.timezone.utc)
    value = (
        Struct(schema)
        .put("date_to_int32", dt.date(1970, 1, 2))
        .put("timestamp_to_int64", moment)
        .put("time_to_int64", dt.time(0, 0, 1, 234000))
        .put("decimal_to_int32", decimal.Decimal("1.9999999999"))
        .put("timestamp_to_float64", moment)
    )
    out = xform.apply(valued(schema, value))
    assert out.value.get("date_to_int32") == 1
    assert out.value.get("timestamp_to_int64") == MILLIS
    assert out.value.get("time_to_int64") == 1234
    assert out.value.get("decimal_to_int32") == 1
    assert out.value.get("timestamp_to_float64") == float(MILLIS)
    assert out.value.get("null_timestamp_to_int32") is None
    assert out.value_schema.field("date_to_int32").schema() == Schema.INT32_SCHEMA


def test_cast_logical_to_string() -> None:
    """Logical values cast to ISO-8601 text (Java's Values.dateFormatFor) or decimal text."""
    xform = value_cast("date:string,time:string,timestamp:string,decimal:string")
    schema = (
        SchemaBuilder.struct()
        .field("date", Date.SCHEMA)
        .field("time", Time.SCHEMA)
        .field("timestamp", Timestamp.SCHEMA)
        .field("decimal", Decimal.schema(2))
        .build()
    )
    value = (
        Struct(schema)
        .put("date", dt.date(2017, 1, 3))
        .put("time", dt.time(6, 30, 1, 864000))
        .put("timestamp", dt.datetime.fromtimestamp(MILLIS / 1000, dt.timezone.utc))
        .put("decimal", decimal.Decimal("1E+3").quantize(decimal.Decimal("0.01")))
    )
    out = xform.apply(valued(schema, value)).value
    assert out.get("date") == "2017-01-03"
    assert out.get("time") == "06:30:01.864Z"
    assert out.get("timestamp") == "2017-01-03T06:30:01.864Z"
    assert out.get("decimal") == "1000.00"


def test_float32_to_string_uses_float_text() -> None:
    """A FLOAT32 value is written as Java's Float.toString."""
    schema = SchemaBuilder.struct().field("f", Schema.FLOAT32_SCHEMA).build()
    out = value_cast("f:string").apply(valued(schema, Struct(schema).put("f", 0.10000000149011612)))
    assert out.value.get("f") == "0.1"


def test_unsupported_input_type_with_schema() -> None:
    """Casting from a struct, array or map field is a DataException listing the input types."""
    inner = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build()
    schema = SchemaBuilder.struct().field("s", inner).build()
    with pytest.raises(
        DataException,
        match=r"does not support casting from STRUCT; supported types are \[INT8, .*BYTES\]",
    ):
        value_cast("s:int8").apply(
            valued(schema, Struct(schema).put("s", Struct(inner).put("x", 1)))
        )


def test_bytes_only_cast_to_string() -> None:
    """Binary fields cast to base64 text; to a number they are an error."""
    schema = SchemaBuilder.struct().field("b", Schema.BYTES_SCHEMA).build()
    value = Struct(schema).put("b", b"hello")
    assert value_cast("b:string").apply(valued(schema, value)).value.get("b") == "aGVsbG8="
    with pytest.raises(DataException, match=r"Unexpected type in Cast transformation: class bytes"):
        value_cast("b:int32").apply(valued(schema, value))


def test_null_record_passes_and_nan_casts() -> None:
    """A null value passes through; NaN casts to 0 as Java's (int) NaN."""
    record = valued(Schema.OPTIONAL_FLOAT64_SCHEMA, None)
    assert value_cast("int32").apply(record) is record
    assert value_cast("int32").apply(valued(None, math.nan)).value == 0


def test_schema_is_cached() -> None:
    """The cast schema is built once per input schema."""
    xform = value_cast("int64")
    first = xform.apply(valued(Schema.INT32_SCHEMA, 1))
    assert xform.apply(valued(Schema.INT32_SCHEMA, 2)).value_schema is first.value_schema


@pytest.mark.parametrize(("replace", "expected"), [("true", 5), ("false", None)])
def test_replace_null_with_default(replace: str, expected: int | None) -> None:
    """A null field with a default is copied as the default, or kept null when disabled."""
    schema = (
        SchemaBuilder.struct()
        .field("d", SchemaBuilder.int32().optional().default_value(5).build())
        .field("c", Schema.OPTIONAL_INT32_SCHEMA)
        .build()
    )
    out = value_cast("c:int64", **{"replace.null.with.default": replace}).apply(
        valued(schema, Struct(schema))
    )
    assert out.value.get_without_default("d") == expected
