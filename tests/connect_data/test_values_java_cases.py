"""Values: branches of Kafka's ``Values`` (3.8+ parser) not pinned down by test_values.py.

Each expected result is derived from Java's source: the tokenizer, ``ValueParser``, the
``SchemaMerger`` widening, ``SimpleDateFormat``'s lenient parsing and the ``convertTo*`` paths.
"""

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

UTC = dt.timezone.utc


def parsed(text: str) -> SchemaAndValue:
    result = Values.parse_string(text)
    assert result is not None
    return result


def string(text: str) -> SchemaAndValue:
    return SchemaAndValue(Schema.STRING_SCHEMA, text)


def array_of(schema: Schema) -> Schema:
    return SchemaBuilder.array(schema).build()


# ------------------------------------------------------------------ parse_string: tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\x1b[", "\x1b"),  # U+001B is blank to String.trim(); '[' alone is no array
        ("\x00", "\x00"),
        ("\x00 \x1f", "\x00 \x1f"),
    ],
)
def test_control_characters_are_blank_like_java_trim(text: str, expected: str) -> None:
    """Characters up to U+0020 count as blank (String.trim), so a blank first token is returned."""
    assert parsed(text) == string(expected)


def test_control_characters_around_a_literal_are_trimmed() -> None:
    """A literal surrounded by control characters is still the literal."""
    assert parsed(" \x00true\x1f ") == SchemaAndValue(Schema.BOOLEAN_SCHEMA, True)


def test_blank_tokens_before_a_delimiter_are_skipped() -> None:
    """Blank tokens (control characters included) before ']' are skipped: [\\x00] is empty."""
    empty = SchemaBuilder(Type.ARRAY).build()
    assert parsed("[\x00]") == SchemaAndValue(empty, [])
    assert parsed("[ ]") == SchemaAndValue(empty, [])
    assert parsed("{ }") == SchemaAndValue(SchemaBuilder(Type.MAP).build(), {})


@pytest.mark.parametrize("text", ["[ , ]", "[1:2]", '{"a":1:2}', '{"a" 1}', "[,]", "{,}"])
def test_misplaced_delimiters_leave_the_text_a_string(text: str) -> None:
    """A comma with no element, a colon in an array, or a missing colon keeps the whole text."""
    assert parsed(text) == string(text)


@pytest.mark.parametrize(
    ("text", "schema", "value"),
    [
        ("[1,2] extra", array_of(Schema.INT8_SCHEMA), [1, 2]),
        ("[1]]", array_of(Schema.INT8_SCHEMA), [1]),
        ("[] []", SchemaBuilder(Type.ARRAY).build(), []),
        ("{}x", SchemaBuilder(Type.MAP).build(), {}),
    ],
)
def test_text_after_a_complete_array_or_map_is_ignored(
    text: str, schema: Schema, value: Any
) -> None:
    """Once the top-level array or map is closed, the rest of the text is not read."""
    assert parsed(text) == SchemaAndValue(schema, value)


def test_unicode_digits_are_numbers() -> None:
    """Character.isDigit and BigDecimal accept other scripts' decimal digits (U+0661 U+0662)."""
    assert parsed("\u0661\u0662") == SchemaAndValue(Schema.INT8_SCHEMA, 12)


def test_negative_zero_is_int8_zero() -> None:
    """-0.0 is a whole number: INT8 0 (BigDecimal has no negative zero)."""
    assert parsed("-0.0") == SchemaAndValue(Schema.INT8_SCHEMA, 0)


def test_exponents_beyond_long_are_float32_but_plain_digits_are_decimal() -> None:
    """1e19 (scale -19) becomes a float32; the same number written out (scale 0) a Decimal."""
    assert parsed("1e19") == SchemaAndValue(Schema.FLOAT32_SCHEMA, round_float32(1e19))
    digits = "10000000000000000000"
    assert parsed(digits) == SchemaAndValue(Decimal.schema(0), decimal.Decimal(digits))


# ------------------------------------------------------------------ parse_string: quoted strings


def test_quoted_strings_keep_inner_delimiters() -> None:
    """Commas and colons inside quotes belong to the string."""
    assert parsed('["a,b", "c:d"]') == SchemaAndValue(
        array_of(Schema.STRING_SCHEMA), ["a,b", "c:d"]
    )


def test_quoted_strings_keep_escape_backslashes() -> None:
    """An escaped quote stays escaped: the backslash is part of the parsed string."""
    assert parsed('["a\\"b"]') == SchemaAndValue(array_of(Schema.STRING_SCHEMA), ['a\\"b'])


def test_quoted_strings_keep_surrounding_spaces() -> None:
    """Spaces around the text inside quotes are kept."""
    assert parsed('[" a "]') == SchemaAndValue(array_of(Schema.STRING_SCHEMA), [" a "])


def test_quoted_blank_string_is_empty() -> None:
    """Only blanks between quotes are skipped while looking for the closing quote: [""]."""
    assert parsed('["  "]') == SchemaAndValue(array_of(Schema.STRING_SCHEMA), [""])


def test_quoted_literals_are_strings() -> None:
    """Inside quotes, true, null and numbers are strings; only temporal text is converted."""
    assert parsed('["true", "null", "1"]') == SchemaAndValue(
        array_of(Schema.STRING_SCHEMA), ["true", "null", "1"]
    )


def test_quoted_temporal_text_is_not_trimmed() -> None:
    """A quoted date with a leading space has the wrong length and stays a string."""
    assert parsed('[" 2024-01-01"]') == SchemaAndValue(
        array_of(Schema.STRING_SCHEMA), [" 2024-01-01"]
    )


def test_unterminated_quote_at_top_level_is_text() -> None:
    """Quotes are not special at the top level: an unterminated one is plain text."""
    assert parsed('"abc') == string('"abc')


# ------------------------------------------------------------------ parse_string: temporal text


def test_date_format_stops_at_the_first_unparsable_character() -> None:
    """SimpleDateFormat reads "2024-01-0" of "2024-01-0x": day 0, leniently 2023-12-31."""
    assert parsed("2024-01-0x") == SchemaAndValue(Date.SCHEMA, dt.date(2023, 12, 31))


def test_time_format_ignores_text_after_the_pattern() -> None:
    """A 13-character time whose pattern ends early ("...12Z" + "Z") reads 12 milliseconds."""
    assert parsed('["10:15:30.12ZZ"]') == SchemaAndValue(
        array_of(Time.SCHEMA), [dt.time(10, 15, 30, 12000)]
    )


def test_time_followed_by_text_reads_only_the_first_token() -> None:
    """A top-level time with more text is not a time: only its first token, 14, is read."""
    assert parsed("14:34:54.346Z extra") == SchemaAndValue(Schema.INT8_SCHEMA, 14)


def test_leading_minus_is_not_temporal_at_the_top_level() -> None:
    """A token starting with '-' is only tried as a number: -1:00:00.000Z gives -1."""
    assert parsed("-1:00:00.000Z") == SchemaAndValue(Schema.INT8_SCHEMA, -1)


def test_quoted_negative_hour_is_a_lenient_time() -> None:
    """Quoted text is tried as a time whatever its first character: -1h15m is 23:15 the day before."""
    assert parsed('["-1:15:30.123Z"]') == SchemaAndValue(
        array_of(Time.SCHEMA), [dt.time(23, 15, 30, 123000)]
    )


def test_time_as_an_unquoted_map_key() -> None:
    """An unquoted time key is read across its colons before the entry's own colon."""
    result = parsed("{14:34:54.346Z:1}")
    assert result.schema() == SchemaBuilder.map(Time.SCHEMA, Schema.INT8_SCHEMA).build()
    assert result.value() == {dt.time(14, 34, 54, 346000): 1}


@pytest.mark.parametrize("text", ["[2024-01-01, 5]", "[5, 2024-01-01]"])
def test_dates_and_integers_share_the_date_schema(text: str) -> None:
    """INT8 widens to the Date's INT32, so the integer is converted to a date (5 days)."""
    result = parsed(text)
    assert result.schema() == array_of(Date.SCHEMA)
    assert sorted(result.value()) == [dt.date(1970, 1, 6), dt.date(2024, 1, 1)]


def test_timestamps_and_integers_share_the_timestamp_schema() -> None:
    """INT8 widens to the Timestamp's INT64, so the integer becomes a timestamp in milliseconds."""
    result = parsed("[1, 2024-01-01T00:00:00.000Z]")
    assert result.schema() == array_of(Timestamp.SCHEMA)
    assert result.value() == [
        dt.datetime(1970, 1, 1, 0, 0, 0, 1000, tzinfo=UTC),
        dt.datetime(2024, 1, 1, tzinfo=UTC),
    ]


# ------------------------------------------------------------------ parse_string: maps


@pytest.mark.parametrize("text", ['{"a":null,"b":1}', '{"a":1,"b":null}'])
def test_null_value_beside_typed_values_makes_the_map_a_string(text: str) -> None:
    """A null value cannot be aligned with the required value schema of the other values."""
    assert parsed(text) == string(text)


def test_map_keys_without_a_common_schema_keep_raw_values() -> None:
    """With mixed key types there is no key or value schema; values are not widened."""
    result = parsed('{1:1, 2:1, 300:300, "four":1}')
    schema = result.schema()
    assert schema is not None and schema.key_schema() is None and schema.value_schema() is None
    assert result.value() == {1: 1, 2: 1, 300: 300, "four": 1}


def test_map_values_without_a_common_schema_keep_widened_keys() -> None:
    """With common keys but mixed values only the keys get a schema (INT16 here)."""
    result = parsed('{1:1, 2:1, 300:300, 4:"four"}')
    schema = result.schema()
    assert schema is not None
    assert schema.key_schema() == Schema.INT16_SCHEMA
    assert schema.value_schema() is None
    assert result.value() == {1: 1, 2: 1, 300: 300, 4: "four"}


def test_empty_array_inside_a_map() -> None:
    """{"a":[]} is a map of arrays without an item schema."""
    empty = SchemaBuilder(Type.ARRAY).build()
    assert parsed('{"a":[]}') == SchemaAndValue(
        SchemaBuilder.map(Schema.STRING_SCHEMA, empty).build(), {"a": []}
    )


def test_later_empty_array_takes_over_the_item_schema() -> None:
    """[[1],[]]: equal types merge to the later schema, an array without item schema."""
    result = parsed("[[1],[]]")
    assert result.schema() == array_of(SchemaBuilder(Type.ARRAY).build())
    assert result.value() == [[1], []]


# ------------------------------------------------------------------ conversions


@pytest.mark.parametrize(
    "method",
    [
        Values.convert_to_boolean,
        Values.convert_to_byte,
        Values.convert_to_short,
        Values.convert_to_integer,
        Values.convert_to_long,
        Values.convert_to_float,
        Values.convert_to_double,
        Values.convert_to_string,
    ],
)
def test_primitive_conversions_of_none_are_none(method: Any) -> None:
    """Every primitive conversion returns None for None, whatever the schema."""
    assert method(Schema.STRING_SCHEMA, None) is None


@pytest.mark.parametrize(
    ("method", "value"),
    [
        (Values.convert_to_boolean, False),
        (Values.convert_to_boolean, True),
        (Values.convert_to_long, 1),
        (Values.convert_to_float, 1.0),
        (Values.convert_to_double, 1.0),
    ],
)
def test_values_of_the_target_type_short_circuit(method: Any, value: Any) -> None:
    """A value already of the target type is returned even with an unrelated schema."""
    assert method(Schema.STRING_SCHEMA, value) == value


@pytest.mark.parametrize(("text", "expected"), [("0", False), ("1", True), ("2.5", True)])
def test_numeric_text_converts_to_boolean(text: str, expected: bool) -> None:
    """Text that parses to a number is false only when its long value is zero."""
    assert Values.convert_to_boolean(Schema.STRING_SCHEMA, text) is expected


@pytest.mark.parametrize("text", ["", "  "])
def test_empty_text_is_not_a_boolean(text: str) -> None:
    """Empty or blank text is neither a boolean nor a number."""
    with pytest.raises(DataException, match="to a number"):
        Values.convert_to_boolean(None, text)


def test_booleans_from_decimals_and_temporal_values() -> None:
    """Decimals truncate (0.9 is false); temporal values use their logical number."""
    assert Values.convert_to_boolean(None, decimal.Decimal("0.9")) is False
    epoch_plus_1 = dt.datetime(1970, 1, 1, 0, 0, 0, 1000, tzinfo=UTC)
    assert Values.convert_to_boolean(Timestamp.SCHEMA, epoch_plus_1) is True
    assert Values.convert_to_boolean(Date.SCHEMA, dt.date(1970, 1, 1)) is False


@pytest.mark.parametrize(
    ("method", "value", "expected"),
    [
        (Values.convert_to_integer, float("inf"), -1),  # (int) Long.MAX_VALUE
        (Values.convert_to_short, float("inf"), -1),
        (Values.convert_to_byte, float("-inf"), 0),  # (byte) Long.MIN_VALUE
        (Values.convert_to_long, float("-inf"), -(2**63)),
        (Values.convert_to_long, "1e19", 10**19 - 2**64),
        (Values.convert_to_long, "1e100", 0),
        (Values.convert_to_long, "18446744073709551617", 1),
        (Values.convert_to_short, 1e10, -7168),
    ],
)
def test_integer_casts_go_through_long(method: Any, value: Any, expected: int) -> None:
    """Narrow integers are cast from the long value, which saturates for doubles and wraps for text."""
    assert method(None, value) == expected


def test_float_from_text_rounds_through_double() -> None:
    """convertToFloat of text is (float) of the double: 0.1 gives the float32 0.1."""
    assert Values.convert_to_float(None, "0.1") == round_float32(0.1)
    assert Values.convert_to_float(None, "1e40") == float("inf")


def test_list_conversion_error_names_the_parsed_value() -> None:
    """Text that parses to a non-list is reported as the parsed value."""
    with pytest.raises(
        DataException, match=r"Unable to convert 123 \(class int\) to Schema\{ARRAY\}"
    ):
        Values.convert_to_list(None, "123")
    with pytest.raises(DataException, match=r"Unable to convert \[1\] .* to Schema\{MAP\}"):
        Values.convert_to_map(None, "[1]")


def test_time_conversion_error_names_the_parsed_value() -> None:
    """Text that parses to a list cannot become a time; the list is what is reported."""
    with pytest.raises(DataException, match=r"Unable to convert \[1\] \(class list\) to a number"):
        Values.convert_to_time(None, "[1]")


def test_time_from_fractional_text_truncates() -> None:
    """Text parsed as a float32 becomes a time through its long value."""
    assert Values.convert_to_time(None, "12.5") == dt.time(0, 0, 0, 12000)


def test_huge_numbers_wrap_to_int_before_becoming_dates() -> None:
    """1e30 parses to a float32, whose long saturates; (int) Long.MAX_VALUE is -1 day."""
    assert Values.convert_to_date(None, "1e30") == dt.date(1969, 12, 31)
    with pytest.raises(DataException, match="Time values must use"):
        Values.convert_to_time(None, "1e30")


@pytest.mark.parametrize(
    ("method", "text", "shown"),
    [
        (Values.convert_to_time, "10:15:30.123Z", "Thu Jan 01 10:15:30 UTC 1970"),
        (Values.convert_to_date, "2024-01-15", "Mon Jan 15 00:00:00 UTC 2024"),
        (Values.convert_to_timestamp, "2024-01-15T10:15:30.123Z", "Mon Jan 15 10:15:30 UTC 2024"),
    ],
)
def test_temporal_text_under_a_non_logical_schema_fails(method: Any, text: str, shown: str) -> None:
    """The parsed java.util.Date has no logical schema to convert from; Java prints Date.toString."""
    with pytest.raises(DataException, match=f"Unable to convert {shown} .* to Schema{{STRING}}"):
        method(Schema.STRING_SCHEMA, text)


def test_timestamp_from_a_date_text_under_the_time_schema_fails() -> None:
    """A parsed date read as a Time is outside the first day: Time.fromLogical rejects it."""
    with pytest.raises(DataException, match="Time type should not have any date fields"):
        Values.convert_to_timestamp(Time.SCHEMA, "2024-01-15")


def test_timestamp_from_a_date_with_a_time_of_day_fails() -> None:
    """Date.fromLogical rejects a value that is not a UTC midnight."""
    with pytest.raises(DataException, match="Date type should not have any time fields"):
        Values.convert_to_timestamp(Date.SCHEMA, dt.datetime(2024, 1, 15, 1, tzinfo=UTC))


def test_date_from_a_time_uses_its_milliseconds_as_days() -> None:
    """A Time's millisecond count is taken as the number of days (Java's asLong path)."""
    assert Values.convert_to_date(Time.SCHEMA, dt.time(0, 0, 0, 5000)) == dt.date(1970, 1, 6)


def test_time_from_a_timestamp_text_keeps_the_time_of_day() -> None:
    """Timestamp text under the Timestamp schema converts to its UTC time of day."""
    text = "1970-01-02T01:00:00.000Z"
    assert Values.convert_to_time(Timestamp.SCHEMA, text) == dt.time(1, 0)


@pytest.mark.parametrize(
    ("value", "scale", "expected"),
    [
        (1e20, 2, "1.0E+20"),  # BigDecimal.valueOf(Double.toString)
        (2**63 - 1, 2, "9.223372036854776E+18"),  # the long goes through a double
        (b"\xff", 3, "-0.001"),
        (memoryview(b"\x01\x00"), 0, "256"),
        ("1e5", 2, "1E+5"),
    ],
)
def test_decimal_conversions(value: Any, scale: int, expected: str) -> None:
    """Numbers go through Double.toString, bytes are the unscaled value, text is read as written."""
    result = Values.convert_to_decimal(None, value, scale)
    assert str(result) == expected


@pytest.mark.parametrize("value", [True, dt.date(2024, 1, 1)])
def test_decimal_from_non_numbers_fails(value: Any) -> None:
    """Booleans and dates are not numbers for convertToDecimal."""
    with pytest.raises(DataException, match="Decimal:BYTES"):
        Values.convert_to_decimal(None, value, 2)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (-0.0, "-0.0"),
        (float("nan"), "NaN"),
        (float("-inf"), "-Infinity"),
        (decimal.Decimal("1E+3"), "1E+3"),
        (decimal.Decimal("-0.000"), "0.000"),
        (b"hi", "aGk="),
        ([bytearray(b"hi")], '["aGk="]'),
        ({"k": [1.5, None], 2: {"x": True}}, '{"k":[1.5,null],2:{"x":true}}'),
        (dt.date(1969, 12, 31), "00:00:00.000Z"),
    ],
)
def test_convert_to_string_java_forms(value: Any, text: str) -> None:
    """Numbers print as Java does, bytes as base64 (quoted when nested), pre-1970-01-02 as a time."""
    assert Values.convert_to_string(None, value) == text


def test_structs_in_lists_print_with_defaults() -> None:
    """A struct nested in a list prints its fields, defaults applied, unset optional as null."""
    schema = (
        SchemaBuilder.struct()
        .field("a", SchemaBuilder.int32().default_value(7).build())
        .field("b", Schema.OPTIONAL_STRING_SCHEMA)
        .build()
    )
    assert Values.convert_to_string(None, [Struct(schema)]) == '[{"a":7,"b":null}]'


@pytest.mark.parametrize("value", [(1, 2), {1}, object()])
def test_values_java_has_no_class_for_cannot_be_written(value: Any) -> None:
    """Tuples, sets and other objects are not Connect values."""
    with pytest.raises(DataException, match="Failed to serialize unexpected value type"):
        Values.convert_to_string(None, value)


# ------------------------------------------------------------------ infer_schema


def test_inferred_item_schema_of_structs_and_maps_is_the_bare_type() -> None:
    """SchemaDetector keeps only the type: a list of structs has a field-less STRUCT item schema."""
    struct_schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    inferred = Values.infer_schema([Struct(struct_schema).put("a", 1)])
    assert inferred == array_of(SchemaBuilder.struct().build())
    assert Values.infer_schema([{"a": 1}]) == array_of(SchemaBuilder(Type.MAP).build())


@pytest.mark.parametrize("value", [[[]], (1, 2), [dt.date(2024, 1, 1)], [decimal.Decimal(1)]])
def test_no_schema_is_inferred_for_elements_without_one(value: Any) -> None:
    """Elements with no inferable schema (empty lists, dates, decimals) give no list schema."""
    assert Values.infer_schema(value) is None


@pytest.mark.parametrize("value", [{None: 1}, {1: None}])
def test_all_null_keys_or_values_fail_to_build(value: Any) -> None:
    """A map whose keys or values are all null has no type for them: SchemaBuilderException."""
    with pytest.raises(SchemaBuilderException, match="type cannot be null"):
        Values.infer_schema(value)


@pytest.mark.parametrize("value", [bytearray(b"x"), memoryview(b"x")])
def test_byte_buffers_infer_bytes(value: Any) -> None:
    """Every bytes-like value (Java: byte[] and ByteBuffer) infers BYTES."""
    assert Values.infer_schema(value) == Schema.BYTES_SCHEMA


def test_null_elements_make_the_item_schema_optional() -> None:
    """A None among bytes makes the item schema optional BYTES."""
    inferred = Values.infer_schema([b"x", None])
    assert inferred == array_of(SchemaBuilder.bytes().optional().build())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[" ","a"]', ["", "a"]),
        ('{" ":1," a ":2}', {"": 1, " a ": 2}),
        ('{"":128," ":0}', {"": 0}),
    ],
)
def test_a_quoted_string_of_blanks_inside_an_array_or_map_reads_as_empty(
    text: str, expected: Any
) -> None:
    """Inside [] or {}, a quoted string of blanks only reads as "" (Java's parser skips a blank
    token while looking for the closing quote); other quoted text keeps its blanks."""
    parsed = Values.parse_string(text)
    assert parsed is not None and parsed.value() == expected
