"""The compiled value converters and the physical (fastavro) layout of Avro schemas."""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json
from typing import Any

import pytest
from fastavro import parse_schema as fastavro_parse
from fastavro import schemaless_writer
from hypothesis import given
from hypothesis import strategies as st

from connect_data import DataException, Date, Decimal, Schema, SchemaBuilder, Struct, Timestamp
from converters.avro import AvroData
from converters.avro.codec import layout_of
from converters.avro.schema import parse_schema

NUMERIC_UNION = (
    SchemaBuilder.struct()
    .name("io.confluent.connect.avro.Union")
    .field("int", SchemaBuilder.int32().optional().build())
    .field("long", SchemaBuilder.int64().optional().build())
    .field("float", SchemaBuilder.float32().optional().build())
    .field("double", SchemaBuilder.float64().optional().build())
    .build()
)


def _round_trip(data: AvroData, schema: Schema, value: Any) -> tuple[bytes, Any]:
    avro = data.from_connect_schema(schema)
    layout = layout_of(avro)
    out = io.BytesIO()
    layout.write(data.encoder(schema, avro, physical=True)(value), out)
    datum = layout.read(io.BytesIO(out.getvalue()))
    back = data.decoder(avro, data.to_connect_schema_versioned(avro, None), physical=True)(datum)
    return out.getvalue(), back


@pytest.mark.parametrize("branch", ["int", "long", "float", "double"])
def test_union_branches_of_one_python_type_read_back_to_their_field(branch: str) -> None:
    """int/long and float/double branches (one Python type each) read back to their field."""
    data = AvroData()
    value = Struct(NUMERIC_UNION).put(branch, 2.5 if branch in ("float", "double") else 5)
    binary, back = _round_trip(data, NUMERIC_UNION, value)
    assert binary[0] == 2 * ["int", "long", "float", "double"].index(branch)
    assert back.get(branch) == value.get(branch)
    assert [f.name() for f in back.schema().fields() if back.get(f) is not None] == [branch]


def test_the_physical_layout_wraps_only_unnamed_branches_of_multi_branch_unions() -> None:
    """Only non-named branches of unions with several non-null branches are wrapped."""
    avro = parse_schema(
        '{"type":"record","name":"R","fields":['
        '{"name":"a","type":["null","int"]},'
        '{"name":"b","type":["null","int","string",{"type":"fixed","name":"F","size":1}]}]}'
    )
    layout = layout_of(avro)
    union_a = avro.fields[0].schema  # type: ignore[attr-defined]
    union_b = avro.fields[1].schema  # type: ignore[attr-defined]
    assert layout.label(union_a, 1) is None
    assert layout.wrapped(union_b, 1) and layout.wrapped(union_b, 2)
    assert not layout.wrapped(union_b, 3) and layout.label(union_b, 3) is not None
    assert layout_of(avro) is layout


@given(st.lists(st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)), max_size=5))
def test_wrapped_unions_write_the_bytes_plain_fastavro_writes(values: list[int | None]) -> None:
    """Property: wrapping a branch in a one-field record changes no byte of the encoding."""
    union = parse_schema('["null","long","string"]')
    layout = layout_of(union)
    plain = fastavro_parse(json.loads(str(union)))
    label = layout.label(union, 1)  # type: ignore[arg-type]
    for value in values:
        ours, theirs = io.BytesIO(), io.BytesIO()
        layout.write(None if value is None else (label, {"v": value}), ours)
        schemaless_writer(theirs, plain, value)
        assert ours.getvalue() == theirs.getvalue()


@pytest.mark.parametrize(
    ("text", "scale", "expected"),
    [
        ("1.50", 2, b"\x00\x96"),
        ("-0.05", 2, b"\xfb"),
        ("0.0000001", 7, b"\x01"),
        ("1E+2", -2, b"\x01"),
        ("12345678901234567890123456789.123", 3, None),
    ],
)
def test_decimals_write_their_unscaled_twos_complement(
    text: str, scale: int, expected: bytes | None
) -> None:
    """Decimals are written as the minimal big-endian unscaled bytes, at any magnitude."""
    value = decimal.Decimal(text)
    schema = Decimal.schema(scale)
    data = AvroData()
    raw = data.from_connect_data(schema, value)
    if expected is not None:
        assert raw == expected
    _, back = _round_trip(data, schema, value)
    assert back == value and back.as_tuple().exponent == -scale


@pytest.mark.parametrize("text", ["1.5", "NaN", "1.234"])
def test_decimals_at_another_scale_are_refused(text: str) -> None:
    """A decimal whose scale differs from the schema's (or not finite) is a DataException."""
    with pytest.raises(DataException):
        AvroData().from_connect_data(Decimal.schema(2), decimal.Decimal(text))


def test_logical_values_round_trip_in_records() -> None:
    """Dates and timestamps in records use the inline conversions both ways."""
    schema = (
        SchemaBuilder.struct()
        .name("T")
        .field("d", Date.SCHEMA)
        .field("t", Timestamp.SCHEMA)
        .field("o", Timestamp.builder().optional().build())
        .build()
    )
    value = (
        Struct(schema)
        .put("d", dt.date(1969, 12, 31))
        .put("t", dt.datetime(1960, 1, 1, 0, 0, 0, 1000, tzinfo=dt.timezone.utc))
        .put("o", dt.datetime(2000, 1, 1))
    )
    _, back = _round_trip(AvroData(), schema, value)
    assert back.get("d") == dt.date(1969, 12, 31)
    assert back.get("t") == value.get("t")
    assert back.get("o") == dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def test_wrong_values_in_records_name_the_problem() -> None:
    """A field with a value of the wrong type fails with the converter's message."""
    schema = SchemaBuilder.struct().name("R").field("n", Schema.INT64_SCHEMA).build()
    struct = Struct(schema)
    struct._values[0] = "x"  # bypass Struct.put's own validation
    with pytest.raises(DataException, match="Invalid type for INT64: class str"):
        AvroData().from_connect_data(schema, struct)
    with pytest.raises(DataException, match="Invalid type for STRUCT: class dict"):
        AvroData().from_connect_data(schema, {"n": 1})


def test_decoding_checks_the_data_it_is_given() -> None:
    """Data of the wrong shape for the schema is a DataException, not a crash."""
    schema = SchemaBuilder.struct().name("R").field("n", Schema.INT8_SCHEMA).build()
    data = AvroData()
    avro = data.from_connect_schema(schema)
    decode = data.decoder(avro, schema, physical=False)
    with pytest.raises(DataException, match="out of range"):
        decode({"n": 1000})
    with pytest.raises(DataException, match="Invalid type for STRUCT"):
        decode([1])
    with pytest.raises(DataException, match="Found null value for non-optional schema"):
        decode({"n": None})
    with pytest.raises(DataException, match="Found null value for non-optional schema"):
        decode({})  # a missing field reads as null (Java's Map path), required here
