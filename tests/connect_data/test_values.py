"""Tests for connect_data.values (behaviours of Kafka's ValuesTest, plus Python specifics)."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import struct
import time
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_data import (
    DataException,
    Date,
    Decimal,
    Schema,
    SchemaAndValue,
    SchemaBuilder,
    SchemaBuilderException,
    Struct,
    Time,
    Timestamp,
    Type,
    Values,
)
from connect_data.javatext import round_float32
from connect_data.values import _parse_single_token, _Parser, _ValueParser
from tests.strategies import java_ints, java_strings, values_text_round_trips

UTC = dt.timezone.utc
WHITESPACE = "\n \t \t\n"
MILLIS_PER_DAY = 24 * 60 * 60 * 1000

STRING_MAP = {"foo": "123", "bar": "baz"}
STRING_MAP_SCHEMA = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build()
STRING_SHORT_MAP = {"foo": 12345, "bar": 0, "baz": -4321}
STRING_SHORT_MAP_SCHEMA = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT16_SCHEMA).build()
STRING_INT_MAP = {"foo": 1234567890, "bar": 0, "baz": -987654321}
STRING_INT_MAP_SCHEMA = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build()
INT_LIST = [1234567890, -987654321]
INT_LIST_SCHEMA = SchemaBuilder.array(Schema.INT32_SCHEMA).build()
STRING_LIST = ["foo", "bar"]
STRING_LIST_SCHEMA = SchemaBuilder.array(Schema.STRING_SCHEMA).build()


def parsed(text: str) -> SchemaAndValue:
    result = Values.parse_string(text)
    assert result is not None
    return result


def schema_type(result: SchemaAndValue) -> Type:
    schema = result.schema()
    assert schema is not None
    return schema.type()


def millis(value: dt.datetime) -> int:
    return (value - dt.datetime(1970, 1, 1, tzinfo=UTC)) // dt.timedelta(milliseconds=1)


def utc(millis_since_epoch: int) -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(milliseconds=millis_since_epoch)


# -- the round trip of Kafka's ValuesTest: convert_to_string, then convert_to_X of that text

_CONVERTERS = {
    Type.STRING: Values.convert_to_string,
    Type.INT8: Values.convert_to_byte,
    Type.INT16: Values.convert_to_short,
    Type.INT32: Values.convert_to_integer,
    Type.INT64: Values.convert_to_long,
    Type.FLOAT32: Values.convert_to_float,
    Type.FLOAT64: Values.convert_to_double,
    Type.BOOLEAN: Values.convert_to_boolean,
    Type.ARRAY: Values.convert_to_list,
    Type.MAP: Values.convert_to_map,
    Type.STRUCT: Values.convert_to_struct,
}


def round_trip(desired: Schema, current: SchemaAndValue) -> SchemaAndValue:
    serialized = Values.convert_to_string(current.schema(), current.value())
    if current.value() is not None:
        assert serialized is not None
    new_value = _CONVERTERS[desired.type()](Schema.STRING_SCHEMA, serialized)
    return SchemaAndValue(Values.infer_schema(new_value), new_value)


def assert_round_trip(schema: Schema, current_schema: Schema, value: Any) -> None:
    result = round_trip(schema, SchemaAndValue(current_schema, value))
    if value is None:
        assert result.schema() is None
        assert result.value() is None
        return
    assert result.value() == value
    assert result.schema() == schema
    result_schema = result.schema()
    assert result_schema is not None
    again = round_trip(result_schema, result)
    assert again.schema() == schema
    assert again.value() == value
    assert again == result


# -- parse_string: literals and plain strings


def test_does_not_loop_on_the_char_java_iterators_use_as_done() -> None:
    """U+FFFF (CharacterIterator.DONE in Java) parses as an ordinary string."""
    text = bytes([0xEF, 0xBF, 0xBF]).decode("utf-8")
    result = parsed(text)
    assert schema_type(result) is Type.STRING
    assert result.value() == text


@pytest.mark.parametrize("text", ["{foo: 3}", "{3: foo}", "[foo]", "{null: 3}"])
def test_unquoted_embedded_strings_or_null_keys_make_the_whole_input_a_string(text: str) -> None:
    """An unquoted word inside a map or array (or a null key) fails, so the text stays a string."""
    assert parsed(text) == SchemaAndValue(Schema.STRING_SCHEMA, text)


@pytest.mark.parametrize("text", ["null=", "true}", "false]", "true false", "nullx", "TRUE"])
def test_a_literal_followed_by_more_text_is_a_string(text: str) -> None:
    """true/false/null are literals only as the only token, and only in lower case."""
    assert parsed(text) == SchemaAndValue(Schema.STRING_SCHEMA, text)


@pytest.mark.parametrize(("literal", "value"), [("true", True), ("false", False)])
def test_booleans_surrounded_by_whitespace(literal: str, value: bool) -> None:
    """A boolean literal with whitespace around it is a BOOLEAN."""
    assert parsed(WHITESPACE + literal + WHITESPACE) == SchemaAndValue(Schema.BOOLEAN_SCHEMA, value)


def test_null_parses_to_no_result_even_with_whitespace() -> None:
    """The literal null (also padded) gives None, not a SchemaAndValue."""
    assert Values.parse_string("null") is None
    assert Values.parse_string(WHITESPACE + "null" + WHITESPACE) is None


def test_none_and_empty_text() -> None:
    """None parses to the null schema and value; the empty text to an empty STRING."""
    assert Values.parse_string(None) == SchemaAndValue(None, None)
    assert Values.parse_string("") == SchemaAndValue(Schema.STRING_SCHEMA, "")


@pytest.mark.parametrize(
    "text",
    ["  ", "simple", "simple string", "hello world", "'single'", "héllo ☃", "}", ":", ",", '"'],
)
def test_text_that_is_nothing_else_is_a_string(text: str) -> None:
    """Text without a number, literal, array or map at its start is a STRING of the whole text."""
    assert parsed(text) == SchemaAndValue(Schema.STRING_SCHEMA, text)


def test_top_level_quotes_are_kept() -> None:
    """Quotes at the top level are not string delimiters: the text is kept as it is."""
    assert parsed('"quoted"') == SchemaAndValue(Schema.STRING_SCHEMA, '"quoted"')
    assert parsed('"2024-01-15"') == SchemaAndValue(Schema.STRING_SCHEMA, '"2024-01-15"')


# -- parse_string: numbers


@pytest.mark.parametrize(
    ("value", "schema"),
    [
        (127, Schema.INT8_SCHEMA),
        (-128, Schema.INT8_SCHEMA),
        (128, Schema.INT16_SCHEMA),
        (-129, Schema.INT16_SCHEMA),
        (32767, Schema.INT16_SCHEMA),
        (-32768, Schema.INT16_SCHEMA),
        (2147483647, Schema.INT32_SCHEMA),
        (-2147483648, Schema.INT32_SCHEMA),
        (9223372036854775807, Schema.INT64_SCHEMA),
        (-9223372036854775808, Schema.INT64_SCHEMA),
    ],
)
def test_integers_get_the_smallest_integer_type(value: int, schema: Schema) -> None:
    """Integers parse as INT8, INT16, INT32 or INT64: the smallest that holds them."""
    assert parsed(str(value)) == SchemaAndValue(schema, value)


def test_integers_beyond_long_are_decimals_of_scale_zero() -> None:
    """An integer outside the long range is a Decimal with scale 0."""
    for value in (2**63, -(2**63) - 1):
        result = parsed(str(value))
        assert result.schema() == Decimal.schema(0)
        assert result.value() == decimal.Decimal(value)
        assert result.value().as_tuple().exponent == 0


@pytest.mark.parametrize(
    ("text", "schema", "value"),
    [
        ("1.0", Schema.INT8_SCHEMA, 1),
        ("300.0", Schema.INT16_SCHEMA, 300),
        ("66000.0", Schema.INT32_SCHEMA, 66000),
        ("1e3", Schema.INT16_SCHEMA, 1000),
        ("1E+3", Schema.INT16_SCHEMA, 1000),
        ("1.5e10", Schema.INT64_SCHEMA, 15000000000),
        ("-0.0", Schema.INT8_SCHEMA, 0),
        ("+5", Schema.INT8_SCHEMA, 5),
        ("  42  ", Schema.INT8_SCHEMA, 42),
    ],
)
def test_whole_numbers_written_with_fractions_or_exponents_are_integers(
    text: str, schema: Schema, value: int
) -> None:
    """A number with no fractional part is an integer, whatever its notation."""
    assert parsed(text) == SchemaAndValue(schema, value)


@pytest.mark.parametrize("text", ["1.1", "300.01", "66000.0008", "0.1", "1.5", "-2.5e-3"])
def test_fractions_are_float32_when_they_fit(text: str) -> None:
    """A non-integral number is FLOAT32 (rounded directly from the decimal) when in range."""
    result = parsed(text)
    assert result.schema() == Schema.FLOAT32_SCHEMA
    assert result.value() == round_float32(float(text))


def test_float32_rounds_the_decimal_once() -> None:
    """FLOAT32 values are rounded from the exact decimal, not through a double."""
    # rounded through a double this decimal lands on a float32 midpoint and rounds up
    assert parsed("1.00000017881393432617187499").value() == round_float32(1.0000001)


def test_float_and_double_extremes() -> None:
    """Float.MAX_VALUE text is FLOAT32; Double.MAX_VALUE text (beyond float32) is FLOAT64."""
    flt_max = 3.4028234663852886e38
    assert parsed("3.4028235E38") == SchemaAndValue(Schema.FLOAT32_SCHEMA, flt_max)
    assert parsed("-3.4028235E38") == SchemaAndValue(Schema.FLOAT32_SCHEMA, -flt_max)
    assert parsed("1.7976931348623157E308") == SchemaAndValue(
        Schema.FLOAT64_SCHEMA, 1.7976931348623157e308
    )
    assert parsed("-1.7976931348623157E308") == SchemaAndValue(
        Schema.FLOAT64_SCHEMA, -1.7976931348623157e308
    )


def test_numbers_beyond_double_are_decimals() -> None:
    """A number too large for a double is a Decimal keeping its scale."""
    result = parsed("1.5e400")
    assert result.schema() == Decimal.schema(-399)
    assert result.value() == decimal.Decimal("1.5e400")


def test_integral_values_just_past_long_are_float32() -> None:
    """A whole number above 1e19 written with an exponent is a FLOAT32 (Java's order of checks)."""
    assert parsed("1e19").schema() == Schema.FLOAT32_SCHEMA
    assert parsed("1e20") == SchemaAndValue(Schema.FLOAT32_SCHEMA, round_float32(1e20))


def test_extreme_exponents_parse_quickly() -> None:
    """Huge exponents do not expand the number (Java's guard against CPU and memory blow-ups)."""
    start = time.monotonic()
    big = parsed("1e+100000000")
    assert big.schema() == Decimal.schema(-100000000)
    assert big.value() == decimal.Decimal("1e+100000000")
    Values.parse_string("1e-100000000")
    Values.convert_to_long(None, "1e+100000000")
    assert time.monotonic() - start < 1.0


@pytest.mark.parametrize("text", ["12abc", "4 2", "0x10", "NaN", "Infinity", "1.2.3", "+", "-"])
def test_text_that_is_not_a_java_decimal_is_a_string(text: str) -> None:
    """Java's BigDecimal grammar decides what is a number; anything else stays text."""
    assert parsed(text) == SchemaAndValue(Schema.STRING_SCHEMA, text)


def test_only_the_first_top_level_token_is_read() -> None:
    """At the top level a number followed by a delimiter is just that number."""
    assert parsed("1,2") == SchemaAndValue(Schema.INT8_SCHEMA, 1)
    assert parsed("1:2") == SchemaAndValue(Schema.INT8_SCHEMA, 1)


# -- parse_string: arrays and maps


def test_empty_array_and_map() -> None:
    """[] and {} parse as an empty list and map with no element schemas."""
    array = parsed("[]")
    assert schema_type(array) is Type.ARRAY
    assert array.value() == []
    assert array.schema().value_schema() is None  # type: ignore[union-attr]
    mapping = parsed("{}")
    assert schema_type(mapping) is Type.MAP
    assert mapping.value() == {}
    assert mapping.schema().key_schema() is None  # type: ignore[union-attr]
    assert mapping.schema().value_schema() is None  # type: ignore[union-attr]


def test_boolean_literals_in_an_array() -> None:
    """Booleans inside an array make an array of BOOLEAN."""
    result = parsed("[true, false]")
    assert result.schema() == SchemaBuilder.array(Schema.BOOLEAN_SCHEMA).build()
    assert result.value() == [True, False]


def test_boolean_literals_in_a_map() -> None:
    """Booleans as keys and values make a map of BOOLEAN to BOOLEAN."""
    result = parsed("{true: false, false: true}")
    assert (
        result.schema() == SchemaBuilder.map(Schema.BOOLEAN_SCHEMA, Schema.BOOLEAN_SCHEMA).build()
    )
    assert result.value() == {True: False, False: True}


@pytest.mark.parametrize("text", ["{6:9 4:20}", "[0 1 2]", "[1 2]", "[1,,2]", "[1,2", '{"a"}'])
def test_malformed_arrays_and_maps_are_strings(text: str) -> None:
    """Missing delimiters, empty elements or missing terminators leave the text a string."""
    assert parsed(text) == SchemaAndValue(Schema.STRING_SCHEMA, text)


def test_a_trailing_comma_in_an_array_is_accepted() -> None:
    """[1,2,] is the array [1, 2]."""
    assert parsed("[1,2,]").value() == [1, 2]


def test_map_entries_need_no_commas_when_quoted() -> None:
    """A quoted key right after a value starts the next entry."""
    result = parsed('{"a":1 "b":2}')
    assert result.value() == {"a": 1, "b": 2}


def test_null_map_values_give_a_key_schema_only() -> None:
    """{3: null} has an INT8 key schema and no value schema."""
    result = parsed("{3: null}")
    assert schema_type(result) is Type.MAP
    assert result.schema().key_schema() == Schema.INT8_SCHEMA  # type: ignore[union-attr]
    assert result.schema().value_schema() is None  # type: ignore[union-attr]
    assert result.value() == {3: None}


def test_null_array_elements() -> None:
    """[null] is a list holding None with no element schema."""
    result = parsed("[null]")
    assert schema_type(result) is Type.ARRAY
    assert result.schema().value_schema() is None  # type: ignore[union-attr]
    assert result.value() == [None]


@pytest.mark.parametrize("text", ["[1, null]", "[null, 1]"])
def test_null_beside_typed_elements_makes_the_input_a_string(text: str) -> None:
    """A null next to typed elements cannot be aligned with the required element schema."""
    assert parsed(text) == SchemaAndValue(Schema.STRING_SCHEMA, text)


def test_mixed_element_types_give_an_array_without_element_schema() -> None:
    """Elements without a common schema keep their own values; the array has no item schema."""
    result = parsed('[1, 2, 3, "four"]')
    assert schema_type(result) is Type.ARRAY
    assert result.schema().value_schema() is None  # type: ignore[union-attr]
    assert result.value() == [1, 2, 3, "four"]


def test_numeric_elements_are_widened_to_a_common_type() -> None:
    """Numbers in an array share the widest of their types, values converted to it."""
    result = parsed("[1, 2, 32768]")
    assert result.schema() == SchemaBuilder.array(Schema.INT32_SCHEMA).build()
    assert result.value() == [1, 2, 32768]
    floats = parsed("[1, 2.5]")
    assert floats.schema() == SchemaBuilder.array(Schema.FLOAT32_SCHEMA).build()
    assert floats.value() == [1.0, 2.5]
    assert all(type(v) is float for v in floats.value())


def test_integers_with_float_max_convert_to_float32() -> None:
    """Integers in an array with Float.MAX_VALUE become float32 values."""
    result = Values.convert_to_list(Schema.STRING_SCHEMA, "[1, 2, 3.4028235E38]")
    assert result == [1.0, 2.0, 3.4028234663852886e38]
    assert all(type(v) is float for v in result)


def test_integers_with_double_max_convert_to_float64() -> None:
    """Integers in an array with Double.MAX_VALUE become float64 values."""
    result = parsed("[1, 2, 1.7976931348623157E308]")
    assert result.schema() == SchemaBuilder.array(Schema.FLOAT64_SCHEMA).build()
    assert result.value() == [1.0, 2.0, 1.7976931348623157e308]


def test_arrays_of_only_decimals_share_the_decimal_schema() -> None:
    """Numbers beyond long in an array make an array of Decimal."""
    values = [2**63, -(2**63) - 1]
    result = parsed(str(values))
    assert result.schema() == SchemaBuilder.array(Decimal.schema(0)).build()
    assert result.value() == [decimal.Decimal(v) for v in values]


def test_decimals_mixed_with_other_values_are_not_converted() -> None:
    """A quoted number, big integers and small integers have no common schema and stay as read."""
    result = parsed('["1.0", 9223372036854775808, -9223372036854775809, 1, 1]')
    assert result.schema().value_schema() is None  # type: ignore[union-attr]
    assert result.value() == [
        "1.0",
        decimal.Decimal(2**63),
        decimal.Decimal(-(2**63) - 1),
        1,
        1,
    ]


def test_nested_arrays_and_maps() -> None:
    """Arrays and maps nest, each with its own inferred schema."""
    nested = parsed("[[1],[2,3]]")
    int8_array = SchemaBuilder.array(Schema.INT8_SCHEMA).build()
    assert nested.schema() == SchemaBuilder.array(int8_array).build()
    assert nested.value() == [[1], [2, 3]]
    in_map = parsed('{"a":[1,2],"b":[3]}')
    assert in_map.schema() == SchemaBuilder.map(Schema.STRING_SCHEMA, int8_array).build()
    assert in_map.value() == {"a": [1, 2], "b": [3]}
    map_in_array = parsed('[{"a":1},{"b":2}]')
    assert map_in_array.value() == [{"a": 1}, {"b": 2}]


def test_empty_collections_nest() -> None:
    """Empty arrays and maps inside arrays and maps keep their schemas without item schemas."""
    empty_array = SchemaBuilder(Type.ARRAY).build()
    empty_map = SchemaBuilder(Type.MAP).build()
    assert parsed("[[]]") == SchemaAndValue(SchemaBuilder.array(empty_array).build(), [[]])
    assert parsed("[{}]") == SchemaAndValue(SchemaBuilder.array(empty_map).build(), [{}])
    assert parsed('{"a":{}}') == SchemaAndValue(
        SchemaBuilder.map(Schema.STRING_SCHEMA, empty_map).build(), {"a": {}}
    )
    nested_map = parsed('{"a":{"b":1}}')
    inner = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT8_SCHEMA).build()
    assert nested_map == SchemaAndValue(
        SchemaBuilder.map(Schema.STRING_SCHEMA, inner).build(), {"a": {"b": 1}}
    )


def test_merging_same_typed_schemas_keeps_the_last_without_converting() -> None:
    """[[1],["a"]] takes the later element schema but keeps the earlier values as they were."""
    result = parsed('[[1],["a"]]')
    string_array = SchemaBuilder.array(Schema.STRING_SCHEMA).build()
    assert result.schema() == SchemaBuilder.array(string_array).build()
    assert result.value() == [[1], ["a"]]


def test_map_values_without_a_common_schema_give_a_key_schema_only() -> None:
    """A map whose values differ in type keeps only a key schema."""
    result = parsed('{"a":1,"b":"x"}')
    assert result.schema().key_schema() == Schema.STRING_SCHEMA  # type: ignore[union-attr]
    assert result.schema().value_schema() is None  # type: ignore[union-attr]
    assert result.value() == {"a": 1, "b": "x"}


def test_list_keys_make_the_input_a_string() -> None:
    """A list as a map key (which a Python dict cannot hold) leaves the text a string."""
    assert parsed("{[1]:2}") == SchemaAndValue(Schema.STRING_SCHEMA, "{[1]:2}")


# -- parse_string: dates, times and timestamps


def test_timestamp_text() -> None:
    """yyyy-MM-dd'T'HH:mm:ss.SSS'Z' is a Timestamp in UTC."""
    result = parsed("2019-08-23T14:34:54.346Z")
    assert result.schema() == Timestamp.SCHEMA
    assert result.value() == dt.datetime(2019, 8, 23, 14, 34, 54, 346000, tzinfo=UTC)


def test_date_text() -> None:
    """yyyy-MM-dd is a Date."""
    assert parsed("2019-08-23") == SchemaAndValue(Date.SCHEMA, dt.date(2019, 8, 23))


def test_time_text() -> None:
    """HH:mm:ss.SSS'Z' is a Time."""
    assert parsed("14:34:54.346Z") == SchemaAndValue(Time.SCHEMA, dt.time(14, 34, 54, 346000))


def test_escaped_colons_in_times_and_timestamps() -> None:
    """Colons escaped with a backslash are read as plain colons."""
    assert parsed("2019-08-23T14\\:34\\:54.346Z").value() == dt.datetime(
        2019, 8, 23, 14, 34, 54, 346000, tzinfo=UTC
    )
    assert parsed("14\\:34\\:54.346Z").value() == dt.time(14, 34, 54, 346000)


def test_temporal_text_in_arrays() -> None:
    """Dates, times and timestamps inside arrays give arrays of those logical types."""
    assert parsed("[2019-08-23]") == SchemaAndValue(
        SchemaBuilder.array(Date.SCHEMA).build(), [dt.date(2019, 8, 23)]
    )
    assert parsed("[14:34:54.346Z]") == SchemaAndValue(
        SchemaBuilder.array(Time.SCHEMA).build(), [dt.time(14, 34, 54, 346000)]
    )
    stamps = ["2019-08-23T14:34:54.346Z", "2019-01-23T15:12:34.567Z", "2019-04-23T19:12:34.567Z"]
    result = parsed(f"[{stamps[0]},{stamps[1]},   {stamps[2]}]")
    assert result.schema() == SchemaBuilder.array(Timestamp.SCHEMA).build()
    assert result.value() == [parsed(s).value() for s in stamps]


def test_temporal_text_in_maps_quoted_or_not() -> None:
    """A time as a map value, quoted or not, is a Time."""
    expected = SchemaAndValue(
        SchemaBuilder.map(Schema.STRING_SCHEMA, Time.SCHEMA).build(),
        {"k1": dt.time(14, 34, 54, 346000)},
    )
    assert parsed('{"k1":"14:34:54.346Z"}') == expected
    assert parsed('{"k1":14:34:54.346Z}') == expected


def test_quoted_dates_in_arrays_are_dates() -> None:
    """A quoted date inside an array is a Date, not a string."""
    assert parsed('["2024-01-15"]').value() == [dt.date(2024, 1, 15)]


def test_dates_are_parsed_leniently() -> None:
    """Out-of-range fields roll over as in Java's lenient calendar; the text may run on."""
    assert parsed("2024-13-45").value() == dt.date(2025, 2, 14)
    assert parsed("2024-02-30").value() == dt.date(2024, 3, 1)
    assert parsed("2024-01-1x").value() == dt.date(2024, 1, 1)
    assert parsed("2024--1-15").value() == dt.date(2023, 11, 15)
    assert parsed("2024-01- 5").value() == dt.date(2024, 1, 5)


def test_times_beyond_a_day_keep_their_time_of_day() -> None:
    """25:00:00.000Z is a Time of 01:00 (Java keeps 90000000 ms; Python the time of day)."""
    assert parsed("25:00:00.000Z") == SchemaAndValue(Time.SCHEMA, dt.time(1, 0))


def test_dates_before_1582_use_the_julian_calendar() -> None:
    """Java's calendar is Julian before 1582-10-15: 1000-01-01 is the proleptic 1000-01-06."""
    assert parsed("1000-01-01").value() == dt.date(1000, 1, 6)
    assert parsed("1582-10-04").value() == dt.date(1582, 10, 14)
    assert parsed("1582-10-15").value() == dt.date(1582, 10, 15)
    # written back, an instant before 1970 is a time of day (Java picks the format by instant)
    assert Values.convert_to_string(Date.SCHEMA, dt.date(1000, 1, 6)) == "00:00:00.000Z"


@pytest.mark.parametrize(
    "text", ["2024-01-15T10:15:30Z", "2024-1-15", "1x:00:00.000Z", "0000-01-01", "abcd-01-15"]
)
def test_text_of_other_lengths_or_forms_is_not_temporal(text: str) -> None:
    """Only the exact ISO lengths are tried, and a date Python cannot hold is not one."""
    assert parsed(text) == SchemaAndValue(Schema.STRING_SCHEMA, text)


# -- the tokenizer


def assert_tokens(text: str, *expected: str) -> None:
    """The parser splits ``text`` into ``expected`` and can rewind and consume each token."""
    expected = expected or (text,)
    parser = _Parser(text)
    for token in expected:
        assert parser.has_next()
        position = parser.mark()
        assert parser.next() == token
        assert parser.position() == position + len(token)
        assert parser.previous() == token
        parser.rewind_to(position)
        assert parser.position() == position
        assert parser.next() == token
        assert parser.mark() == position + len(token)
    assert not parser.has_next()
    for fresh in (True, False):
        if fresh:
            parser.rewind_to(0)
        else:
            parser = _Parser(text)
        for token in expected:
            if token.strip():
                position = parser.mark()
                assert parser.can_consume(token.strip())
                parser.rewind_to(position)
                assert parser.can_consume(token.strip(), True)
                parser.rewind_to(position)
                assert parser.can_consume(token, False)


@pytest.mark.parametrize(
    "text",
    [
        "  ",
        "simple",
        "simple string",
        "simple \n\t\bstring",
        "'simple' string",
        "si\\mple",
        "si\\\\mple",
    ],
)
def test_tokens_without_delimiters(text: str) -> None:
    """Text without delimiters is one token."""
    assert_tokens(text)


@pytest.mark.parametrize("delimiter", ['"', "{", "}", "]", "[", ":", ","])
def test_escaped_delimiters_do_not_split(delimiter: str) -> None:
    """A delimiter escaped with a backslash stays inside its token."""
    assert_tokens(f"si\\{delimiter}mple")


@pytest.mark.parametrize("delimiter", ["{", "}", "[", "]", ":", ",", '"'])
def test_single_delimiters_are_tokens(delimiter: str) -> None:
    """Each delimiter is a token of its own, wherever it appears."""
    assert_tokens(f"a{delimiter}b", "a", delimiter, "b")
    assert_tokens(f"{delimiter}b", delimiter, "b")
    assert_tokens(delimiter, delimiter)


def test_multiple_delimiters() -> None:
    """Text splits at every delimiter, keeping the whitespace inside tokens."""
    assert_tokens('"simple" string', '"', "simple", '"', " string")
    assert_tokens("a{bc}d", "a", "{", "bc", "}", "d")
    assert_tokens("a { b c } d", "a ", "{", " b c ", "}", " d")


def test_consume_several_tokens() -> None:
    """next_n reads n tokens as one text, or nothing if fewer remain."""
    parser = _Parser("a:b:c:d:e:f:g:h")
    assert parser.next_n(5) == "a:b:c"
    assert parser.next() == ":"
    assert parser.next() == "d"
    assert parser.next() == ":"
    assert parser.next_n(8) is None  # only 7 remain
    assert parser.next() == "e"


# -- convert_to_string


def test_escape_of_nested_strings() -> None:
    """Quotes and backslashes in nested strings are escaped with a backslash."""
    original = 'three"blind\\"mice'
    assert Values.convert_to_string(None, [original]) == '["three\\"blind\\\\\\"mice"]'


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (-5, "-5"),
        (True, "true"),
        (0.001, "0.001"),
        (0.0001, "1.0E-4"),
        (1e7, "1.0E7"),
        (decimal.Decimal("0.0000001"), "1E-7"),
        (decimal.Decimal("100.00"), "100.00"),
        ("top level", "top level"),
        (b"hi", "aGk="),
        (["a", 1, None, False], '["a",1,null,false]'),
        ({"a b": None}, '{"a b":null}'),
        ({"k": 1, 2: [1.5]}, '{"k":1,2:[1.5]}'),
        ([b"hi"], '["aGk="]'),
        ([], "[]"),
        ({}, "{}"),
    ],
)
def test_convert_to_string_formats(value: Any, text: str) -> None:
    """Values are written as Java writes them: nested strings quoted, bytes in base64."""
    assert Values.convert_to_string(None, value) == text


def test_floats_print_as_float32_under_a_float32_schema() -> None:
    """A FLOAT32 schema (also of list items) prints floats with float32 digits."""
    value = round_float32(0.1)
    assert Values.convert_to_string(Schema.FLOAT32_SCHEMA, value) == "0.1"
    assert Values.convert_to_string(None, value) == "0.10000000149011612"
    schema = SchemaBuilder.array(Schema.FLOAT32_SCHEMA).build()
    assert Values.convert_to_string(schema, [value]) == "[0.1]"


def test_structs_print_as_maps_with_defaults_applied() -> None:
    """A struct prints its fields in order, field defaults filling unset fields."""
    schema = (
        SchemaBuilder.struct()
        .field("a", Schema.INT32_SCHEMA)
        .field("b", Schema.OPTIONAL_STRING_SCHEMA)
        .field("c", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
        .field("d", SchemaBuilder.int8().default_value(7).build())
        .build()
    )
    struct = Struct(schema).put("a", 1).put("c", ["x"])
    assert Values.convert_to_string(schema, struct) == '{"a":1,"b":null,"c":["x"],"d":7}'


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.date(1970, 1, 1), "00:00:00.000Z"),
        (dt.date(2024, 1, 15), "2024-01-15"),
        (dt.time(12, 34, 56, 789000), "12:34:56.789Z"),
        (utc(86400000), "1970-01-02"),
        (utc(-1), "23:59:59.999Z"),
        (utc(-86400000), "00:00:00.000Z"),
        (utc(1705314896789), "2024-01-15T10:34:56.789Z"),
    ],
)
def test_temporal_values_print_by_their_instant(value: Any, text: str) -> None:
    """Under one day after the epoch: a time; whole days: a date; else a timestamp."""
    assert Values.convert_to_string(None, value) == text


def test_unknown_types_cannot_be_written() -> None:
    """A value of no Connect type raises DataException."""
    with pytest.raises(DataException, match="unexpected value type"):
        Values.convert_to_string(None, object())


def test_convert_none_to_string_is_none() -> None:
    """None converts to None."""
    assert Values.convert_to_string(Schema.STRING_SCHEMA, None) is None


# -- Kafka's round trips through text


def test_round_trip_of_null() -> None:
    """None round-trips to no schema and no value."""
    assert_round_trip(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA, None)
    assert_round_trip(Schema.OPTIONAL_STRING_SCHEMA, Schema.STRING_SCHEMA, None)


def test_round_trip_of_booleans() -> None:
    """Booleans round-trip, from a boolean or from its text."""
    assert_round_trip(Schema.BOOLEAN_SCHEMA, Schema.BOOLEAN_SCHEMA, False)
    assert_round_trip(Schema.BOOLEAN_SCHEMA, Schema.BOOLEAN_SCHEMA, True)
    assert round_trip(Schema.BOOLEAN_SCHEMA, SchemaAndValue(Schema.STRING_SCHEMA, "false")) == (
        SchemaAndValue(Schema.BOOLEAN_SCHEMA, False)
    )
    assert round_trip(Schema.BOOLEAN_SCHEMA, SchemaAndValue(Schema.STRING_SCHEMA, "true")) == (
        SchemaAndValue(Schema.BOOLEAN_SCHEMA, True)
    )


@pytest.mark.parametrize(
    "value",
    [
        "simple",
        "",
        "null",
        'three"blind\\"mice',
        "string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':",
    ],
)
def test_round_trip_of_strings(value: str) -> None:
    """Strings, also with quotes and delimiters, round-trip as strings."""
    assert_round_trip(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA, value)


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        (STRING_MAP_SCHEMA, STRING_MAP),
        (STRING_SHORT_MAP_SCHEMA, STRING_SHORT_MAP),
        (STRING_INT_MAP_SCHEMA, STRING_INT_MAP),
        (STRING_LIST_SCHEMA, STRING_LIST),
        (INT_LIST_SCHEMA, INT_LIST),
    ],
)
def test_round_trip_of_maps_and_lists(schema: Schema, value: Any) -> None:
    """Maps and lists of strings and integers round-trip with the same schema."""
    assert_round_trip(schema, schema, value)


@pytest.mark.parametrize(
    ("schema", "text", "expected"),
    [
        (STRING_MAP_SCHEMA, '{"foo":"123","bar":"baz"}', STRING_MAP),
        (STRING_MAP_SCHEMA, '{ "foo" : "123", \n"bar" : "baz" } ', STRING_MAP),
        (STRING_SHORT_MAP_SCHEMA, '{"foo":12345,"bar":0,"baz":-4321}', STRING_SHORT_MAP),
        (
            STRING_SHORT_MAP_SCHEMA,
            ' { "foo" :  12345 , "bar" : 0,  "baz" : -4321 }  ',
            STRING_SHORT_MAP,
        ),
        (STRING_INT_MAP_SCHEMA, '{"foo":1234567890,"bar":0,"baz":-987654321}', STRING_INT_MAP),
        (
            STRING_INT_MAP_SCHEMA,
            ' { "foo" :  1234567890 , "bar" : 0,  "baz" : -987654321 }  ',
            STRING_INT_MAP,
        ),
    ],
)
def test_map_text_with_or_without_whitespace(schema: Schema, text: str, expected: Any) -> None:
    """Map text converts to the map, with whitespace around delimiters or without."""
    result = round_trip(schema, SchemaAndValue(Schema.STRING_SCHEMA, text))
    assert result == SchemaAndValue(schema, expected)


# -- convert_to_list / convert_to_map / convert_to_struct


def test_list_text_with_mixed_elements() -> None:
    """A list of numbers and a string converts with each element as parsed."""
    assert Values.convert_to_list(Schema.STRING_SCHEMA, '[1, 2, "three"]') == [1, 2, "three"]


def test_list_text_with_only_numbers_takes_the_largest_type() -> None:
    """[1, 2, 32768] converts to ints of the common (INT32) type."""
    assert Values.convert_to_list(Schema.STRING_SCHEMA, "[1, 2, 32768]") == [1, 2, 32768]


@pytest.mark.parametrize(
    ("method", "text"),
    [
        (Values.convert_to_list, "[1, 2, 3,,,]"),
        (Values.convert_to_list, '[1, 2, 3, "four",,,]'),
        (Values.convert_to_map, ' { "foo" :  1234567890 ,, "bar" : 0,  "baz" : -987654321 }  '),
        (Values.convert_to_map, ' { "foo" :  1234567890 , "a", "bar" : 0,  "baz" : -987654321 }  '),
        (Values.convert_to_map, " { ,,  , , }  "),
        (Values.convert_to_map, ' { "foo" :  "1234567890" ,, "bar" : "0",  "baz" : "boz" }  '),
        (Values.convert_to_map, "{a:1}"),
        (Values.convert_to_list, "not a list"),
    ],
)
def test_malformed_text_does_not_convert_to_a_list_or_map(method: Any, text: str) -> None:
    """Blank or malformed elements leave the text a string, which is no list or map."""
    with pytest.raises(DataException):
        method(Schema.STRING_SCHEMA, text)


def test_extra_delimiters_parse_as_the_original_string() -> None:
    """[1, 2, 3,,,] parses as the string it is."""
    assert parsed("[1, 2, 3,,,]") == SchemaAndValue(Schema.STRING_SCHEMA, "[1, 2, 3,,,]")


def test_lists_and_maps_pass_through() -> None:
    """A list or map value is returned as it is."""
    values = [1, "a"]
    mapping = {"k": 1}
    assert Values.convert_to_list(None, values) is values
    assert Values.convert_to_map(None, mapping) is mapping


@pytest.mark.parametrize(
    "method", [Values.convert_to_list, Values.convert_to_map, Values.convert_to_struct]
)
def test_none_does_not_convert_to_a_collection_or_struct(method: Any) -> None:
    """None cannot become a list, map or struct."""
    with pytest.raises(DataException, match="null value"):
        method(None, None)


def test_text_null_does_not_convert_to_a_list() -> None:
    """The text null parses to nothing, which is no list (Java: NullPointerException)."""
    with pytest.raises(DataException):
        Values.convert_to_list(None, "null")


def test_structs_convert_only_from_structs() -> None:
    """A struct passes through; nothing else converts to one."""
    struct = Struct(SchemaBuilder.struct().build())
    assert Values.convert_to_struct(struct.schema(), struct) is struct
    with pytest.raises(DataException):
        Values.convert_to_struct(struct.schema(), "")
    with pytest.raises(DataException):
        Values.convert_to_struct(None, {"a": 1})


# -- convert_to_boolean and the numbers


def test_booleans_from_text_and_numbers() -> None:
    """Text true/false parses; other values are true unless their long value is zero."""
    assert Values.convert_to_boolean(None, "true") is True
    assert Values.convert_to_boolean(Schema.BOOLEAN_SCHEMA, "false") is False
    assert Values.convert_to_boolean(None, "1") is True
    assert Values.convert_to_boolean(None, 0) is False
    assert Values.convert_to_boolean(None, 0.5) is False
    assert Values.convert_to_boolean(None, None) is None


@pytest.mark.parametrize("value", ['"green"', "TRUE", "yes", b"\x01", [], "null"])
def test_invalid_booleans(value: Any) -> None:
    """Text that is neither a boolean nor a number, and non-numbers, raise DataException."""
    with pytest.raises(DataException):
        Values.convert_to_boolean(Schema.STRING_SCHEMA, value)


@pytest.mark.parametrize(
    ("method", "value", "expected"),
    [
        (Values.convert_to_byte, 127, 127),
        (Values.convert_to_byte, 128, -128),
        (Values.convert_to_byte, -129, 127),
        (Values.convert_to_byte, "12", 12),
        (Values.convert_to_byte, 1.9, 1),
        (Values.convert_to_byte, -1.9, -1),
        (Values.convert_to_short, 40000, -25536),
        (Values.convert_to_short, "1e3", 1000),
        (Values.convert_to_short, round_float32(3.7), 3),
        (Values.convert_to_integer, 2**33, 0),
        (Values.convert_to_integer, 1e10, 1410065408),
        (Values.convert_to_integer, "12.7", 12),
        (Values.convert_to_integer, "1.2345e4", 12345),
        (Values.convert_to_long, 7, 7),
        (Values.convert_to_long, "9223372036854775808", -(2**63)),
        (Values.convert_to_long, 9.3e18, 2**63 - 1),
        (Values.convert_to_long, float("inf"), 2**63 - 1),
        (Values.convert_to_long, float("-inf"), -(2**63)),
        (Values.convert_to_long, float("nan"), 0),
        (Values.convert_to_long, decimal.Decimal("-12.9"), -12),
        (Values.convert_to_long, 2**64 + 5, 5),
    ],
)
def test_integer_conversions_follow_java_casts(method: Any, value: Any, expected: int) -> None:
    """Integers narrow with wrap-around, doubles truncate and saturate, text is a BigDecimal."""
    assert method(None, value) == expected


@pytest.mark.parametrize(
    ("method", "value", "expected"),
    [
        (Values.convert_to_float, 16777217, 16777216.0),
        (Values.convert_to_float, 1e300, float("inf")),
        (Values.convert_to_float, 9007199254740993, 9007199254740992.0),
        (Values.convert_to_float, "0.1", round_float32(0.1)),
        (Values.convert_to_double, "3.14", 3.14),
        (Values.convert_to_double, 9007199254740993, 9007199254740992.0),
        (Values.convert_to_double, decimal.Decimal("1.10"), 1.1),
        (Values.convert_to_double, 2**1100, float("inf")),
    ],
)
def test_floating_conversions(method: Any, value: Any, expected: float) -> None:
    """Numbers and numeric text convert to the nearest float32 or double."""
    result = method(None, value)
    assert type(result) is float
    assert result == expected


@pytest.mark.parametrize(
    "value", ["abc", " 12 ", "", "0x10", "NaN", "Infinity", "1_000", True, b"1"]
)
@pytest.mark.parametrize(
    "method",
    [
        Values.convert_to_byte,
        Values.convert_to_short,
        Values.convert_to_integer,
        Values.convert_to_long,
        Values.convert_to_float,
        Values.convert_to_double,
    ],
)
def test_non_numbers_do_not_convert_to_numbers(method: Any, value: Any) -> None:
    """Text outside Java's decimal grammar, booleans and bytes raise DataException."""
    with pytest.raises(DataException, match="Unable to convert"):
        method(None, value)


def test_conversion_errors_name_the_schema() -> None:
    """With a schema, the error names it."""
    with pytest.raises(DataException, match=r"to Schema\{BOOLEAN\}"):
        Values.convert_to_byte(Schema.BOOLEAN_SCHEMA, True)


def test_numbers_from_logical_values() -> None:
    """Dates, times and timestamps convert to numbers under their logical schema."""
    assert Values.convert_to_byte(Date.SCHEMA, dt.date(1970, 1, 4)) == 3
    assert Values.convert_to_short(Time.SCHEMA, dt.time(0, 0, 1)) == 1000
    assert Values.convert_to_integer(Timestamp.SCHEMA, utc(1700000000000)) == -807049216
    assert Values.convert_to_long(Timestamp.SCHEMA, utc(-5)) == -5
    assert Values.convert_to_double(Date.SCHEMA, dt.date(1970, 1, 3)) == 2.0
    assert Values.convert_to_float(Timestamp.SCHEMA, utc(1000)) == 1000.0
    with pytest.raises(DataException):
        Values.convert_to_long(None, utc(1000))
    with pytest.raises(DataException):
        Values.convert_to_long(Date.SCHEMA, utc(1000))


# -- temporal conversions


def test_convert_time_values() -> None:
    """Times pass through, timestamps lose their date, numbers are milliseconds of the day."""
    now = dt.datetime.now(UTC).replace(microsecond=123000)
    current_millis = millis(now) % MILLIS_PER_DAY
    of_day = (dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=current_millis)).time()
    assert Values.convert_to_time(Time.SCHEMA, of_day) is of_day
    assert Values.convert_to_time(Timestamp.SCHEMA, now) == of_day
    assert Values.convert_to_time(Time.SCHEMA, str(current_millis)) == of_day
    assert Values.convert_to_time(Time.SCHEMA, current_millis) == of_day
    assert Values.convert_to_time(None, "10:15:30.123Z") == dt.time(10, 15, 30, 123000)
    assert Values.convert_to_time(Time.SCHEMA, "10:15:30.123Z") == dt.time(10, 15, 30, 123000)
    assert Values.convert_to_time(Timestamp.SCHEMA, utc(-1)) == dt.time(23, 59, 59, 999000)
    assert Values.convert_to_time(Date.SCHEMA, dt.date(1970, 1, 2)) == dt.time(0, 0, 0, 1000)


def test_time_range() -> None:
    """Time accepts 0..86400000 ms (the end of the day reads as midnight) and nothing beyond."""
    assert Values.convert_to_time(None, 86400000) == dt.time(0, 0)
    for bad in (86400001, -1):
        with pytest.raises(DataException, match="milliseconds"):
            Values.convert_to_time(None, bad)


def test_convert_date_values() -> None:
    """Dates pass through, timestamps keep their date, numbers are days since the epoch."""
    today = dt.datetime.now(UTC).date()
    days = (today - dt.date(1970, 1, 1)).days
    midnight = dt.datetime(today.year, today.month, today.day, tzinfo=UTC)
    assert Values.convert_to_date(Date.SCHEMA, today) is today
    assert Values.convert_to_date(Timestamp.SCHEMA, midnight) == today
    assert Values.convert_to_date(Timestamp.SCHEMA, midnight + dt.timedelta(hours=5)) == today
    assert Values.convert_to_date(Date.SCHEMA, str(days)) == today
    assert Values.convert_to_date(Date.SCHEMA, days) == today
    assert Values.convert_to_date(None, 19000) == dt.date(1970, 1, 1) + dt.timedelta(days=19000)
    assert Values.convert_to_date(None, "2024-01-15") == dt.date(2024, 1, 15)
    assert Values.convert_to_date(Date.SCHEMA, "2024-01-15") == dt.date(2024, 1, 15)


def test_dates_from_timestamps_truncate_toward_zero() -> None:
    """A timestamp 1 ms before the epoch is day 0 (Java's integer division)."""
    assert Values.convert_to_date(Timestamp.SCHEMA, utc(-1)) == dt.date(1970, 1, 1)
    assert Values.convert_to_date(Timestamp.SCHEMA, utc(-86400001)) == dt.date(1969, 12, 31)


def test_convert_timestamp_values() -> None:
    """Timestamps pass through; dates and times give their instant; numbers are epoch ms."""
    now = dt.datetime.now(UTC).replace(microsecond=456000)
    today = now.date()
    of_day = millis(now) % MILLIS_PER_DAY
    assert Values.convert_to_timestamp(Timestamp.SCHEMA, now) is now
    assert Values.convert_to_timestamp(Date.SCHEMA, today) == dt.datetime(
        today.year, today.month, today.day, tzinfo=UTC
    )
    assert Values.convert_to_timestamp(Time.SCHEMA, of_day) == utc(of_day)
    assert Values.convert_to_timestamp(Time.SCHEMA, now.time()) == utc(of_day)
    assert Values.convert_to_timestamp(Timestamp.SCHEMA, str(millis(now))) == now
    assert Values.convert_to_timestamp(Timestamp.SCHEMA, millis(now)) == now
    assert Values.convert_to_timestamp(None, 1.5) == utc(1)
    assert Values.convert_to_timestamp(None, "2024-01-15T10:15:30.123Z") == utc(1705313730123)
    assert Values.convert_to_timestamp(Timestamp.SCHEMA, "2024-01-15T10:15:30.123Z") == utc(
        1705313730123
    )


def test_temporal_values_without_schema_pass_through() -> None:
    """Without a schema a temporal value is kept as the same instant, not truncated."""
    moment = utc(1705314896789)
    assert Values.convert_to_date(None, moment) is moment
    assert Values.convert_to_timestamp(None, dt.date(1970, 1, 2)) == utc(86400000)
    assert Values.convert_to_time(None, dt.time(0, 0, 0, 5000)) == dt.time(0, 0, 0, 5000)


@pytest.mark.parametrize(
    "method", [Values.convert_to_date, Values.convert_to_time, Values.convert_to_timestamp]
)
def test_none_and_null_text_do_not_convert_to_temporal_values(method: Any) -> None:
    """None, and the text null, raise DataException (Java: NullPointerException for null text)."""
    with pytest.raises(DataException):
        method(None, None)
    with pytest.raises(DataException):
        method(None, "null")
    with pytest.raises(DataException):
        method(None, "x")


def test_a_date_parsed_from_text_needs_no_schema_or_a_logical_one() -> None:
    """Under a non-logical schema a date parsed from text cannot convert (as in Java)."""
    with pytest.raises(DataException):
        Values.convert_to_date(Schema.STRING_SCHEMA, "2024-01-15")


# -- convert_to_decimal


def test_convert_decimal_values() -> None:
    """A number, its text, the decimal and its unscaled bytes give the same decimal."""
    number = round_float32(1.0)
    text = "1.0"
    value = decimal.Decimal(text)
    data = Decimal.from_logical(Decimal.schema(1), value)
    for source in (number, text, value, data, bytearray(data), memoryview(data)):
        result = Values.convert_to_decimal(None, source, 1)
        assert result == value
        assert result.as_tuple().exponent == -1


@pytest.mark.parametrize(
    ("value", "scale", "expected"),
    [
        (decimal.Decimal("1.23"), 5, "1.23"),
        (5, 2, "5.0"),
        (round_float32(0.1), 2, "0.10000000149011612"),
        (9007199254740993, 0, "9007199254740992"),
        ("1.2345", 2, "1.2345"),
        (base64.b64decode("BNI="), 2, "12.34"),
    ],
)
def test_decimal_conversions(value: Any, scale: int, expected: str) -> None:
    """Decimals pass through, numbers go through their double, bytes are read at ``scale``."""
    result = Values.convert_to_decimal(None, value, scale)
    assert str(result) == str(decimal.Decimal(expected))
    assert result.as_tuple() == decimal.Decimal(expected).as_tuple()


@pytest.mark.parametrize("value", [None, float("nan"), float("inf"), "abc", b"", True, [1]])
def test_invalid_decimals(value: Any) -> None:
    """None, non-finite doubles, non-numeric text, empty bytes and other types raise."""
    with pytest.raises(DataException):
        Values.convert_to_decimal(None, value, 2)


# -- infer_schema


@pytest.mark.parametrize(
    ("value", "schema"),
    [
        ("s", Schema.STRING_SCHEMA),
        (True, Schema.BOOLEAN_SCHEMA),
        (5, Schema.INT8_SCHEMA),
        (300, Schema.INT16_SCHEMA),
        (70000, Schema.INT32_SCHEMA),
        (2**40, Schema.INT64_SCHEMA),
        (1.5, Schema.FLOAT32_SCHEMA),
        (0.1, Schema.FLOAT64_SCHEMA),
        (b"x", Schema.BYTES_SCHEMA),
        (bytearray(b"x"), Schema.BYTES_SCHEMA),
        (memoryview(b"x"), Schema.BYTES_SCHEMA),
    ],
)
def test_infer_primitive_schemas(value: Any, schema: Schema) -> None:
    """Ints get the smallest integer type, floats FLOAT32 when exactly a float32."""
    assert Values.infer_schema(value) == schema


@pytest.mark.parametrize(
    "value",
    [None, [], {}, 2**64, decimal.Decimal("1.5"), dt.date(2024, 1, 1), [object()], {"a": object()}],
)
def test_infer_no_schema(value: Any) -> None:
    """None, empty collections, decimals, dates and collections of unknown values have none."""
    assert Values.infer_schema(value) is None


def test_infer_collection_schemas() -> None:
    """Lists and maps infer one element type (ints widened), optional when a None appears."""
    assert Values.infer_schema([1, 300]) == SchemaBuilder.array(Schema.INT16_SCHEMA).build()
    assert Values.infer_schema({1: "a", 2: None}) == (
        SchemaBuilder.map(Schema.INT8_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build()
    )
    assert Values.infer_schema({"a": 1, 2: 2}) is None
    assert Values.infer_schema([1, "a"]) is None
    assert Values.infer_schema([1, 1.5]) is None


def test_infer_nested_lists_without_item_schema() -> None:
    """A list of lists infers an array of arrays with no inner item schema (as Java)."""
    schema = Values.infer_schema([[1]])
    assert schema is not None
    inner = schema.value_schema()
    assert inner is not None
    assert inner.type() is Type.ARRAY
    assert inner.value_schema() is None


def test_infer_struct_schema() -> None:
    """A struct's schema is its own."""
    schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    assert Values.infer_schema(Struct(schema).put("a", 1)) is schema


def test_infer_all_null_collections_fails_like_java() -> None:
    """A list or map whose values are all None raises SchemaBuilderException."""
    with pytest.raises(SchemaBuilderException, match="type cannot be null"):
        Values.infer_schema([None])
    with pytest.raises(SchemaBuilderException, match="type cannot be null"):
        Values.infer_schema({"a": None})


# -- properties


@given(values_text_round_trips())
def test_text_round_trip(pair: tuple[Schema, Any]) -> None:
    """parse_string(convert_to_string(schema, v)) gives (schema, v) wherever Java's does."""
    schema, value = pair
    result = Values.parse_string(Values.convert_to_string(schema, value))
    assert result == SchemaAndValue(schema, value)
    assert result is not None
    assert type(result.value()) is type(value)


@given(values_text_round_trips())
def test_inferred_schema_of_a_parsed_primitive_is_its_parsed_schema(
    pair: tuple[Schema, Any],
) -> None:
    """infer_schema of a parsed number, boolean or string is the schema it was parsed with."""
    schema, value = pair
    if schema.type().is_primitive() and schema.name() is None:
        assert Values.infer_schema(value) == schema


_JAVA_BLANKS = "".join(map(chr, range(0x21)))


@given(java_strings())
def test_parse_string_never_raises(text: str) -> None:
    """Any text parses to something; a STRING result is the whole text or its leading blanks.

    Java rewinds a failed '[' or '{' to the start and returns the first token, so ``" {"``
    gives ``" "`` (its blank first token) while ``"{"`` gives ``"{"``.
    """
    result = Values.parse_string(text)
    if result is not None and result.schema() == Schema.STRING_SCHEMA:
        value = result.value()
        # blanks as Java's String.trim() sees them: every char up to U+0020
        assert value == text or (value.strip(_JAVA_BLANKS) == "" and text.startswith(value)), value


@given(st.text(alphabet='[]{}:,"\\ 1a-.tenul', max_size=30))
def test_parse_string_never_raises_on_delimiter_soup(text: str) -> None:
    """Text made of delimiters, literals and digits parses without an error."""
    Values.parse_string(text)


@given(java_ints(64))
def test_integer_narrowing_matches_twos_complement(value: int) -> None:
    """convert_to_byte/short/integer keep the low bits of the long, as Java's casts."""
    packed = struct.pack("<q", value)
    assert Values.convert_to_byte(None, value) == struct.unpack("<b", packed[:1])[0]
    assert Values.convert_to_short(None, value) == struct.unpack("<h", packed[:2])[0]
    assert Values.convert_to_integer(None, value) == struct.unpack("<i", packed[:4])[0]
    assert Values.convert_to_long(None, str(value)) == value


@given(st.text(alphabet=" \t\n\\+-.eE0123456789٣tfalsenurTZ", min_size=1, max_size=16))
def test_single_token_shortcut_matches_the_parser(text: str) -> None:
    """Text without delimiters parses the same through the shortcut and the full parser."""
    assert _parse_single_token(text) == _ValueParser(_Parser(text)).parse(False)


def nearest_float32(exact: Fraction) -> float:
    """The float32 nearest to ``exact`` (ties to even), computed exactly."""
    if exact == 0:
        return 0.0
    sign, magnitude = (-1 if exact < 0 else 1), abs(exact)
    exponent = magnitude.numerator.bit_length() - magnitude.denominator.bit_length()
    if Fraction(2) ** exponent > magnitude:
        exponent -= 1
    ulp = Fraction(2) ** (max(exponent, -126) - 23)
    units = magnitude / ulp
    whole = units.numerator // units.denominator
    rest = units - whole
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and whole % 2):
        whole += 1
    value = whole * ulp
    return sign * (float("inf") if value >= 2**128 else float(value))


@given(
    st.decimals(
        min_value=decimal.Decimal("-0.999999999"),
        max_value=decimal.Decimal("0.999999999"),
        allow_nan=False,
        allow_infinity=False,
    ).filter(lambda d: not d.is_zero())
)
def test_fractions_round_once_to_the_nearest_float32(value: decimal.Decimal) -> None:
    """A fraction's FLOAT32 value is the float32 nearest to the exact decimal."""
    result = parsed(str(value))
    assert result.schema() == Schema.FLOAT32_SCHEMA
    assert result.value() == nearest_float32(Fraction(value))


@pytest.mark.parametrize(
    "text", ["1.00000017881393432617187499", "1.000000178813934326171875", "3.4028235677973366e38"]
)
def test_float32_rounding_at_midpoints(text: str) -> None:
    """Decimals at or next to a float32 midpoint round as the exact value says."""
    result = parsed(text)
    assert result.value() == nearest_float32(Fraction(decimal.Decimal(text)))


def test_only_text_parses() -> None:
    """parse_string of something that is not a str raises DataException."""
    with pytest.raises(DataException, match="Only text"):
        Values.parse_string(b"1")  # type: ignore[arg-type]


def test_deep_nesting_raises_data_exception() -> None:
    """Nesting deeper than Python's stack allows is a DataException, never a RecursionError."""
    depth = 5000
    with pytest.raises(DataException, match="deeply"):
        Values.parse_string("[" * depth + "1" + "]" * depth)
    nested: list[Any] = []
    for _ in range(depth):
        nested = [nested]
    with pytest.raises(DataException, match="deeply"):
        Values.convert_to_string(None, nested)
    with pytest.raises(DataException, match="deeply"):
        Values.infer_schema(nested)
    assert Values.parse_string("[" * 100 + "1" + "]" * 100) is not None
