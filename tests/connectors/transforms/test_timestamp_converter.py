"""TimestampConverter: the behaviours of Kafka's TimestampConverterTest."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from connect_data import (
    ConnectException,
    DataException,
    Date,
    Schema,
    SchemaBuilder,
    Struct,
    Time,
    Timestamp,
)
from connect_data.config import ConfigException
from connectors.record import SourceRecord
from connectors.transforms import TimestampConverter

UTC = dt.timezone.utc
# As in Java's test: 1970-01-02, 1970-01-02T00:00:01.234Z, and the time 00:00:01.234.
DATE = dt.date(1970, 1, 2)
DATE_PLUS_TIME = dt.datetime(1970, 1, 2, 0, 0, 1, 234000, UTC)
DATE_PLUS_TIME_UNIX = 86401234
DATE_PLUS_TIME_UNIX_MICROS = 86401234123
DATE_PLUS_TIME_UNIX_NANOS = 86401234123456
DATE_PLUS_TIME_UNIX_SECONDS = 86401
TIME = dt.time(0, 0, 1, 234000)
STRING_DATE_FMT = "yyyy MM dd HH mm ss SSS z"
DATE_PLUS_TIME_STRING = "1970 01 02 00 00 01 234 UTC"


def value_converter(**props: str) -> TimestampConverter[Any]:
    xform = TimestampConverter.Value()
    xform.configure(props)
    return xform


def valued(schema: Schema | None, value: Any) -> SourceRecord:
    return SourceRecord(topic="topic", kafka_partition=0, value_schema=schema, value=value)


def convert(schema: Schema | None, value: Any, **props: str) -> Any:
    return value_converter(**props).apply(valued(schema, value))


# ------------------------------------------------------------------------------ configuration


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({}, 'Missing required configuration "target.type" which has no default value.'),
        ({"target.type": "invalid"}, "Invalid value invalid for configuration target.type"),
        (
            {"target.type": "string"},
            "TimestampConverter requires format option to be specified when using string timestamps",
        ),
        (
            {"target.type": "unix", "format": "bad-format Q"},
            "TimestampConverter requires a SimpleDateFormat-compatible pattern for string "
            "timestamps: bad-format Q",
        ),
        (
            {"target.type": "unix", "unix.precision": "minutes"},
            "Invalid value minutes for configuration unix.precision",
        ),
    ],
)
def test_configuration_errors(props: dict[str, str], message: str) -> None:
    """Missing or invalid settings are ConfigExceptions."""
    with pytest.raises(ConfigException) as info:
        value_converter(**props)
    assert str(info.value).startswith(message)


# ------------------------------------------------------------------------------ schemaless


@pytest.mark.parametrize(
    ("target", "source", "expected"),
    [
        ("Timestamp", DATE_PLUS_TIME, DATE_PLUS_TIME),
        ("Timestamp", DATE_PLUS_TIME_UNIX, DATE_PLUS_TIME),
        ("Timestamp", DATE_PLUS_TIME_STRING, DATE_PLUS_TIME),
        ("Date", DATE_PLUS_TIME, DATE),
        ("Time", DATE_PLUS_TIME, TIME),
        ("unix", DATE_PLUS_TIME, DATE_PLUS_TIME_UNIX),
        ("unix", DATE_PLUS_TIME_STRING, DATE_PLUS_TIME_UNIX),
        ("string", DATE_PLUS_TIME, DATE_PLUS_TIME_STRING),
        ("string", DATE_PLUS_TIME_UNIX, DATE_PLUS_TIME_STRING),
    ],
)
def test_schemaless(target: str, source: Any, expected: Any) -> None:
    """Without a schema the source type is inferred from the value (datetime, int, str)."""
    out = convert(None, source, **{"target.type": target, "format": STRING_DATE_FMT})
    assert out.value_schema is None
    assert out.value == expected


def test_schemaless_null_value_passes() -> None:
    """A null value stays null."""
    assert convert(None, None, **{"target.type": "unix"}).value is None


def test_schemaless_unsupported_type() -> None:
    """A float is not a timestamp."""
    with pytest.raises(
        DataException, match=r"TimestampConverter does not support class float objects"
    ):
        convert(None, 1.5, **{"target.type": "unix"})


def test_schemaless_string_needs_matching_pattern() -> None:
    """A string that does not match the format names the value and the pattern."""
    with pytest.raises(
        DataException,
        match=r"^Could not parse timestamp: value \(nope\) does not match pattern \(yyyy\)$",
    ):
        convert(None, "nope", **{"target.type": "unix", "format": "yyyy"})


def test_string_source_without_format() -> None:
    """Reading a string needs a format even when the target is not a string."""
    with pytest.raises(DataException, match=r"requires format"):
        convert(None, "1970", **{"target.type": "unix"})


# ------------------------------------------------------------------------------ with schema


@pytest.mark.parametrize(
    ("target", "schema", "source", "expected_schema", "expected"),
    [
        ("Timestamp", Timestamp.SCHEMA, DATE_PLUS_TIME, Timestamp.SCHEMA, DATE_PLUS_TIME),
        ("Timestamp", Date.SCHEMA, DATE, Timestamp.SCHEMA, dt.datetime(1970, 1, 2, tzinfo=UTC)),
        (
            "Timestamp",
            Time.SCHEMA,
            TIME,
            Timestamp.SCHEMA,
            dt.datetime(1970, 1, 1, 0, 0, 1, 234000, UTC),
        ),
        ("Timestamp", Schema.INT64_SCHEMA, DATE_PLUS_TIME_UNIX, Timestamp.SCHEMA, DATE_PLUS_TIME),
        (
            "Timestamp",
            Schema.STRING_SCHEMA,
            DATE_PLUS_TIME_STRING,
            Timestamp.SCHEMA,
            DATE_PLUS_TIME,
        ),
        ("Date", Timestamp.SCHEMA, DATE_PLUS_TIME, Date.SCHEMA, DATE),
        ("Time", Timestamp.SCHEMA, DATE_PLUS_TIME, Time.SCHEMA, TIME),
        ("unix", Timestamp.SCHEMA, DATE_PLUS_TIME, Schema.INT64_SCHEMA, DATE_PLUS_TIME_UNIX),
        ("string", Timestamp.SCHEMA, DATE_PLUS_TIME, Schema.STRING_SCHEMA, DATE_PLUS_TIME_STRING),
        (
            "Timestamp",
            Timestamp.builder().optional().build(),
            None,
            Timestamp.builder().optional().build(),
            None,
        ),
        ("unix", Schema.OPTIONAL_STRING_SCHEMA, None, Schema.OPTIONAL_INT64_SCHEMA, None),
    ],
)
def test_with_schema(
    target: str, schema: Schema, source: Any, expected_schema: Schema, expected: Any
) -> None:
    """The source type comes from the schema; the new schema keeps its optionality."""
    out = convert(schema, source, **{"target.type": target, "format": STRING_DATE_FMT})
    assert out.value_schema == expected_schema
    assert out.value == expected


def test_with_schema_unsupported_source_schema() -> None:
    """An INT32 (not logical) schema is not a known timestamp format."""
    with pytest.raises(
        ConnectException, match=r"does not correspond to a known timestamp type format"
    ):
        convert(Schema.INT32_SCHEMA, 5, **{"target.type": "unix"})


def test_unix_value_must_be_an_int() -> None:
    """An INT64 schema with a non-int value is reported with Java's wording."""
    with pytest.raises(
        DataException, match=r"Expected Unix timestamp to be a Long, but found class str"
    ):
        convert(Schema.INT64_SCHEMA, "x", **{"target.type": "Timestamp"})
    with pytest.raises(
        DataException, match=r"Expected Timestamp to be a java.util.Date, but found class int"
    ):
        convert(Timestamp.SCHEMA, 5, **{"target.type": "unix"})
    with pytest.raises(
        DataException, match=r"Expected string timestamp to be a String, but found class int"
    ):
        convert(Schema.STRING_SCHEMA, 5, **{"target.type": "unix", "format": "yyyy"})


# ------------------------------------------------------------------------------ unix precision


@pytest.mark.parametrize(
    ("precision", "unix"),
    [
        ("seconds", DATE_PLUS_TIME_UNIX_SECONDS),
        ("milliseconds", DATE_PLUS_TIME_UNIX),
        ("microseconds", DATE_PLUS_TIME_UNIX * 1000),
        ("nanoseconds", DATE_PLUS_TIME_UNIX * 1_000_000),
    ],
)
def test_to_unix_with_precision(precision: str, unix: int) -> None:
    """unix.precision scales the epoch number written (sub-millisecond digits are zero)."""
    out = convert(
        Timestamp.SCHEMA, DATE_PLUS_TIME, **{"target.type": "unix", "unix.precision": precision}
    )
    assert out.value == unix


@pytest.mark.parametrize(
    ("precision", "unix", "expected"),
    [
        ("seconds", DATE_PLUS_TIME_UNIX_SECONDS, dt.datetime(1970, 1, 2, 0, 0, 1, tzinfo=UTC)),
        ("microseconds", DATE_PLUS_TIME_UNIX_MICROS, DATE_PLUS_TIME),
        ("nanoseconds", DATE_PLUS_TIME_UNIX_NANOS, DATE_PLUS_TIME),
        ("microseconds", -1500, dt.datetime(1969, 12, 31, 23, 59, 59, 999000, UTC)),
    ],
)
def test_from_unix_with_precision(precision: str, unix: int, expected: dt.datetime) -> None:
    """Epoch numbers are read at unix.precision, truncated to milliseconds towards zero."""
    out = convert(
        Schema.INT64_SCHEMA, unix, **{"target.type": "Timestamp", "unix.precision": precision}
    )
    assert out.value == expected


def test_precision_overflow_saturates() -> None:
    """Scaling beyond a long saturates, as Java's TimeUnit does."""
    far = dt.datetime(9999, 1, 1, tzinfo=UTC)
    out = convert(None, far, **{"target.type": "unix", "unix.precision": "nanoseconds"})
    assert out.value == 2**63 - 1


# ------------------------------------------------------------------------------ fields


def test_with_schema_field_conversion() -> None:
    """Only the named field is converted; the rest are copied; the schema is cached."""
    schema = (
        SchemaBuilder.struct()
        .field("ts", Timestamp.SCHEMA)
        .field("other", Schema.STRING_SCHEMA)
        .build()
    )
    xform = value_converter(**{"field": "ts", "target.type": "string", "format": STRING_DATE_FMT})
    out = xform.apply(valued(schema, Struct(schema).put("ts", DATE_PLUS_TIME).put("other", "test")))
    assert out.value_schema.field("ts").schema() == Schema.STRING_SCHEMA
    assert out.value.get("ts") == DATE_PLUS_TIME_STRING
    assert out.value.get("other") == "test"
    again = xform.apply(valued(schema, Struct(schema).put("ts", DATE_PLUS_TIME).put("other", "x")))
    assert again.value_schema is out.value_schema


def test_with_schema_field_null_struct_and_null_field() -> None:
    """A null struct stays null (optional schema); a null field stays null."""
    schema = (
        SchemaBuilder.struct()
        .field("ts", Timestamp.builder().optional().build())
        .optional()
        .build()
    )
    xform = value_converter(**{"field": "ts", "target.type": "unix"})
    out = xform.apply(valued(schema, None))
    assert out.value is None
    assert out.value_schema.is_optional()
    assert out.value_schema.field("ts").schema() == Schema.OPTIONAL_INT64_SCHEMA
    assert xform.apply(valued(schema, Struct(schema))).value.get("ts") is None


def test_struct_default_value_is_converted() -> None:
    """The struct schema's default has its timestamp field converted too."""
    builder = SchemaBuilder.struct().field("ts", Timestamp.SCHEMA)
    default = Struct(builder).put("ts", DATE_PLUS_TIME)
    schema = builder.default_value(default).build()
    out = convert(
        schema, Struct(schema).put("ts", DATE_PLUS_TIME), field="ts", **{"target.type": "unix"}
    )
    assert out.value_schema.default_value().get("ts") == DATE_PLUS_TIME_UNIX


def test_schemaless_field_conversion() -> None:
    """Without a schema the named map entry is converted (null stays null)."""
    out = convert(None, {"ts": DATE_PLUS_TIME, "other": "x"}, field="ts", **{"target.type": "unix"})
    assert out.value == {"ts": DATE_PLUS_TIME_UNIX, "other": "x"}
    assert convert(None, {"ts": None}, field="ts", **{"target.type": "unix"}).value == {"ts": None}


def test_key_variant() -> None:
    """The key variant converts the key."""
    xform = TimestampConverter.Key()
    xform.configure({"target.type": "Timestamp"})
    record = SourceRecord(
        topic="t", key_schema=Schema.INT64_SCHEMA, key=DATE_PLUS_TIME_UNIX, value="v"
    )
    out = xform.apply(record)
    assert (out.key_schema, out.key, out.value) == (Timestamp.SCHEMA, DATE_PLUS_TIME, "v")


@pytest.mark.parametrize(("replace", "expected"), [("true", 5), ("false", None)])
def test_replace_null_with_default(replace: str, expected: int | None) -> None:
    """Copied null fields with a default become the default, or stay null when disabled."""
    schema = (
        SchemaBuilder.struct()
        .field("d", SchemaBuilder.int32().optional().default_value(5).build())
        .field("ts", Timestamp.builder().optional().build())
        .build()
    )
    out = convert(
        schema,
        Struct(schema),
        field="ts",
        **{"target.type": "unix", "replace.null.with.default": replace},
    )
    assert out.value.get_without_default("d") == expected
