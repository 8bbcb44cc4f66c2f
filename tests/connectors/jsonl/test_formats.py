"""JSON lines and CSV rendering of record values: readable logical types, per-schema compilation."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
from typing import Any

import orjson
from hypothesis import given
from hypothesis import strategies as st

from connect_data import Date, Decimal, Schema, SchemaBuilder, Struct, Time, Timestamp
from connectors.jsonl import CsvRenderer, JsonLinesRenderer, json_encoder
from tests.strategies import schemas, values_for

OWNER = (
    SchemaBuilder.struct()
    .name("owner")
    .field("name", Schema.STRING_SCHEMA)
    .field("team", Schema.OPTIONAL_STRING_SCHEMA)
    .build()
)
TODO = (
    SchemaBuilder.struct()
    .name("todo")
    .field("id", Schema.INT64_SCHEMA)
    .field("price", Decimal.schema(2))
    .field("due", Date.SCHEMA)
    .field("at", Time.SCHEMA)
    .field("created", Timestamp.SCHEMA)
    .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
    .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
    .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
    .field("counts", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT64_SCHEMA).optional().build())
    .field(
        "owner",
        SchemaBuilder.struct().name("o").field("name", Schema.STRING_SCHEMA).optional().build(),
    )
    .field("done", SchemaBuilder.bool().default_value(False).build())
    .build()
)


def _todo(**changes: Any) -> Struct:
    struct = (
        Struct(TODO)
        .put("id", 2**40)
        .put("price", decimal.Decimal("1234.50"))
        .put("due", dt.date(2024, 5, 1))
        .put("at", dt.time(13, 45, 0, 250000))
        .put("created", dt.datetime(2024, 5, 1, 13, 45, 0, 250000, tzinfo=dt.timezone.utc))
        .put("blob", b"\x00\xff")
        .put("score", float("nan"))
        .put("tags", ["a", "b"])
        .put("counts", {1: 10})
    )
    for name, value in changes.items():
        struct.put(name, value)
    return struct


def test_struct_renders_readably_in_field_order() -> None:
    """Logical types as readable text, bytes as base64, NaN as text, defaults filled in."""
    line = JsonLinesRenderer().render(TODO, [_todo()])
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert list(orjson.loads(line).items()) == [
        ("id", 2**40),
        ("price", "1234.50"),
        ("due", "2024-05-01"),
        ("at", "13:45:00.250"),
        ("created", "2024-05-01T13:45:00.250Z"),
        ("blob", "AP8="),
        ("score", "NaN"),
        ("tags", ["a", "b"]),
        ("counts", {"1": 10}),
        ("owner", None),
        ("done", False),
    ]


def test_decimal_is_written_in_plain_notation() -> None:
    """A Decimal with a positive exponent is not written in scientific notation."""
    schema = Decimal.schema(-2)
    assert json_encoder(schema)(decimal.Decimal("1.2E+4")) == "12000"


def test_naive_timestamps_are_utc_and_offsets_are_converted() -> None:
    """Naive datetimes are taken as UTC; aware ones are shown in UTC."""
    encode = json_encoder(Timestamp.SCHEMA)
    assert encode(dt.datetime(2024, 1, 1)) == "2024-01-01T00:00:00.000Z"
    plus_two = dt.timezone(dt.timedelta(hours=2))
    assert encode(dt.datetime(2024, 1, 1, 2, tzinfo=plus_two)) == "2024-01-01T00:00:00.000Z"


def test_infinities_are_text() -> None:
    """Infinite floats become "Infinity" and "-Infinity"."""
    encode = json_encoder(Schema.FLOAT32_SCHEMA)
    assert [encode(float("inf")), encode(float("-inf")), encode(1.5)] == [
        "Infinity",
        "-Infinity",
        1.5,
    ]


def test_schemaless_values_render_by_type() -> None:
    """Without a schema, maps, lists, bytes, decimals and dates render by their Python type."""
    value = {"a": [b"\x01", decimal.Decimal("2.50")], 3: dt.date(2020, 2, 29), "s": _todo()}
    data = json_encoder(None)(value)
    assert data["a"] == ["AQ==", "2.50"]
    assert data["3"] == "2020-02-29"
    assert data["s"]["price"] == "1234.50"


def test_a_null_key_of_a_string_keyed_map_renders_as_null_text() -> None:
    """A map with an optional STRING key schema renders a null key as "null", as without a
    schema (JSON object keys are text)."""
    schema = SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.INT32_SCHEMA).build()
    value = {None: 0, "a": 1}
    assert json_encoder(schema)(value) == {"null": 0, "a": 1} == json_encoder(None)(value)
    assert JsonLinesRenderer().render(schema, [value]) == b'{"null":0,"a":1}\n'


def test_encoder_is_compiled_once_per_schema() -> None:
    """The same schema object gives the same compiled function."""
    assert json_encoder(TODO) is json_encoder(TODO)


@given(st.data())
def test_schema_rendering_equals_schemaless_rendering(data: st.DataObject) -> None:
    """The compiled per-schema rendering agrees with the type-driven one, and is valid JSON."""
    schema = data.draw(schemas())
    value = data.draw(values_for(schema))
    rendered = json_encoder(schema)(value)
    assert rendered == json_encoder(None)(value)
    line = JsonLinesRenderer().render(schema, [value])
    assert orjson.loads(line) == rendered


def test_csv_writes_a_header_then_rows() -> None:
    """The first row is preceded by the field names; nested values are JSON text."""
    renderer = CsvRenderer()
    owner = Struct(OWNER).put("name", "ann")
    text = renderer.render(OWNER, [owner, Struct(OWNER).put("name", "bo, b").put("team", "x")])
    assert text.decode() == 'name,team\nann,\n"bo, b",x\n'
    nested = SchemaBuilder.struct().field("o", OWNER).field("ok", Schema.BOOLEAN_SCHEMA).build()
    rows = list(
        csv.reader(
            io.StringIO(
                CsvRenderer()
                .render(nested, [Struct(nested).put("o", owner).put("ok", True)])
                .decode()
            )
        )
    )
    assert rows == [["o", "ok"], ['{"name":"ann","team":null}', "true"]]


def test_csv_repeats_the_header_when_the_columns_change() -> None:
    """A new header line comes before the first row with different columns, not before others."""
    renderer = CsvRenderer()
    first = renderer.render(None, [{"a": 1}, {"a": 2}])
    second = renderer.render(None, [{"a": 3}, {"a": 4, "b": 5}, "plain"])
    assert first.decode() == "a\n1\n2\n"
    assert second.decode() == "3\na,b\n4,5\nvalue\nplain\n"


def test_csv_of_a_primitive_schema_has_one_value_column() -> None:
    """Values of a non-struct schema go in a single "value" column."""
    assert CsvRenderer().render(Schema.STRING_SCHEMA, ["x", None]).decode() == 'value\nx\n""\n'
