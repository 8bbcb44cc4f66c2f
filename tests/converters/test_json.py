"""JsonConverter: configuration, reading and writing each type, exact text, Jackson's reading
rules, bad input, caches, and round trips of random schemas and values."""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import json
import math
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
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
)
from connect_data.config import ConfigDef, ConfigException
from converters import JsonConverter, JsonConverterConfig
from converters.converter_config import ConverterType
from converters.json import DecimalFormat
from tests.converters.config_docs import config_reference, expected_reference
from tests.strategies import schemas, values_for

TOPIC = "topic"
UTC = dt.timezone.utc


def converter(**config: Any) -> JsonConverter:
    """A value JsonConverter configured with keys given as keyword arguments (dots as '_')."""
    result = JsonConverter()
    result.configure({k.replace("_", "."): v for k, v in config.items()}, False)
    return result


def write(conv: JsonConverter, schema: Schema | None, value: Any) -> str | None:
    data = conv.from_connect_data(TOPIC, schema, value)
    return None if data is None else data.decode("utf-8")


def read(conv: JsonConverter, text: str | bytes) -> SchemaAndValue:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return conv.to_connect_data(TOPIC, data)


def envelope(schema_json: str, payload: str) -> str:
    return f'{{"schema":{schema_json},"payload":{payload}}}'


# ------------------------------------------------------------------------------ configuration


def test_defaults() -> None:
    """Unconfigured keys take Java's defaults: schemas on, cache 1000, BASE64, replace nulls."""
    config = JsonConverterConfig({"converter.type": "value"})
    assert config.schemas_enabled() is True
    assert config.schema_cache_size() == 1000
    assert config.decimal_format() is DecimalFormat.BASE64
    assert config.replace_null_with_default() is True
    assert config.type() is ConverterType.VALUE


@pytest.mark.parametrize("value", ["false", "FALSE", False, " false "])
def test_schemas_enable_accepts_strings_and_booleans(value: Any) -> None:
    """schemas.enable takes "false" (any case) or False, as a worker config would give it."""
    assert write(converter(schemas_enable=value), Schema.INT32_SCHEMA, 1) == "1"


def test_invalid_boolean_is_a_config_exception() -> None:
    """A boolean key with another text fails in configure() with Kafka's message."""
    with pytest.raises(ConfigException) as info:
        converter(schemas_enable="no")
    assert str(info.value) == (
        "Invalid value no for configuration schemas.enable: "
        "Expected value to be either true or false"
    )


@pytest.mark.parametrize("value", ["NUMERIC", "numeric", "NuMeRiC"])
def test_decimal_format_is_case_insensitive(value: str) -> None:
    """decimal.format is read without regard to case (JsonConverterConfigTest)."""
    config = JsonConverterConfig({"converter.type": "value", "decimal.format": value})
    assert config.decimal_format() is DecimalFormat.NUMERIC


def test_unknown_decimal_format_is_rejected() -> None:
    """decimal.format must be BASE64 or NUMERIC."""
    with pytest.raises(ConfigException, match=r"decimal\.format"):
        converter(decimal_format="HEX")


@pytest.mark.parametrize("size", ["abc", "1.5"])
def test_cache_size_must_be_an_int(size: str) -> None:
    """schemas.cache.size must parse as an INT."""
    with pytest.raises(ConfigException, match=r"schemas\.cache\.size"):
        converter(schemas_cache_size=size)


def test_header_form_requires_converter_type() -> None:
    """configure(configs) without is_key needs converter.type, as Java's configure(Map)."""
    with pytest.raises(ConfigException, match=r"converter\.type"):
        JsonConverter().configure({})
    header = JsonConverter()
    header.configure({"converter.type": "header", "schemas.enable": "false"})
    assert header.converter_type() is ConverterType.HEADER
    assert header.from_connect_header(TOPIC, "h", Schema.STRING_SCHEMA, "v") == b'"v"'


def test_is_key_sets_the_converter_type() -> None:
    """configure(configs, is_key) records key or value as converter.type."""
    key = JsonConverter()
    key.configure({}, True)
    assert key.converter_type() is ConverterType.KEY
    assert converter().converter_type() is ConverterType.VALUE


def test_config_def_lists_the_java_keys() -> None:
    """config() is the ConfigDef of JsonConverterConfig, with Kafka's keys and defaults."""
    definition = JsonConverter().config()
    assert isinstance(definition, ConfigDef)
    assert list(definition.names()) == [
        "converter.type",
        "schemas.enable",
        "schemas.cache.size",
        "decimal.format",
        "replace.null.with.default",
    ]
    assert definition.default_values() == {
        "schemas.enable": True,
        "schemas.cache.size": 1000,
        "decimal.format": "BASE64",
        "replace.null.with.default": True,
    }


def test_java_class_name() -> None:
    """The converter records the Java class name configs use for it."""
    assert JsonConverter.JAVA_CLASS_NAME == "org.apache.kafka.connect.json.JsonConverter"


# ------------------------------------------------------------------------------ reading types


@pytest.mark.parametrize(
    ("schema_json", "payload", "expected_schema", "expected"),
    [
        ('{"type":"boolean"}', "true", Schema.BOOLEAN_SCHEMA, True),
        ('{"type":"int8"}', "12", Schema.INT8_SCHEMA, 12),
        ('{"type":"int16"}', "12", Schema.INT16_SCHEMA, 12),
        ('{"type":"int32"}', "12", Schema.INT32_SCHEMA, 12),
        ('{"type":"int64"}', "4398046511104", Schema.INT64_SCHEMA, 4398046511104),
        ('{"type":"double"}', "12.34", Schema.FLOAT64_SCHEMA, 12.34),
        ('{"type":"string"}', '"foo-bar-baz"', Schema.STRING_SCHEMA, "foo-bar-baz"),
        ('{"type":"bytes"}', '"dGVzdC1zdHJpbmc="', Schema.BYTES_SCHEMA, b"test-string"),
        ('{"type":"boolean","optional":true}', "null", Schema.OPTIONAL_BOOLEAN_SCHEMA, None),
    ],
)
def test_read_primitives(
    schema_json: str, payload: str, expected_schema: Schema, expected: Any
) -> None:
    """Each primitive type reads back with its schema (JsonConverterTest *ToConnect)."""
    result = read(converter(), envelope(schema_json, payload))
    assert result.schema() == expected_schema
    assert result.value() == expected
    assert type(result.value()) is type(expected)


def test_read_float32_rounds_to_float32() -> None:
    """A float payload for a float schema is the nearest float32."""
    result = read(converter(), envelope('{"type":"float"}', "12.34"))
    assert result.value() == 12.340000152587890625


def test_read_schema_metadata() -> None:
    """name, version, doc, parameters and default come back in the schema."""
    result = read(
        converter(),
        envelope(
            '{"type":"boolean","optional":false,"name":"bool","version":2,'
            '"doc":"the documentation","parameters":{"foo":"bar"}}',
            "true",
        ),
    )
    expected = (
        SchemaBuilder.bool().required().name("bool").version(2).doc("the documentation")
    ).parameter("foo", "bar")
    assert result == SchemaAndValue(expected.build(), True)


def test_read_containers() -> None:
    """Arrays, string-key maps, pair-encoded maps and structs read back."""
    conv = converter()
    array = read(conv, envelope('{"type":"array","items":{"type":"int32"}}', "[1,2,3]"))
    assert array == SchemaAndValue(SchemaBuilder.array(Schema.INT32_SCHEMA).build(), [1, 2, 3])
    string_map = read(
        conv,
        envelope(
            '{"type":"map","keys":{"type":"string"},"values":{"type":"int32"}}',
            '{"key1":12,"key2":15}',
        ),
    )
    assert string_map.value() == {"key1": 12, "key2": 15}
    pair_map = read(
        conv,
        envelope(
            '{"type":"map","keys":{"type":"int32"},"values":{"type":"int32"}}', "[[1,12],[2,15]]"
        ),
    )
    assert pair_map.value() == {1: 12, 2: 15}
    struct = read(
        conv,
        envelope(
            '{"type":"struct","fields":[{"field":"field1","type":"boolean"},'
            '{"field":"field2","type":"string"}]}',
            '{"field1":true,"field2":"string"}',
        ),
    )
    builder = SchemaBuilder.struct().field("field1", Schema.BOOLEAN_SCHEMA)
    builder = builder.field("field2", Schema.STRING_SCHEMA)
    expected = Struct(builder.build()).put("field1", True).put("field2", "string")
    assert struct == SchemaAndValue(builder.build(), expected)


def test_read_logical_types() -> None:
    """Decimal (base64 or number), Date, Time and Timestamp read as Python values."""
    conv = converter()
    decimal_json = (
        '{"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","version":1,'
        '"parameters":{"scale":"2"}}'
    )
    result = read(conv, envelope(decimal_json, '"AJw="'))
    assert result.schema() == Decimal.schema(2)
    assert result.value() == decimal.Decimal("1.56")
    numeric = read(conv, envelope(decimal_json, "1.560"))
    assert str(numeric.value()) == "1.560"  # as written, not rescaled
    date = read(
        conv,
        envelope(
            '{"type":"int32","name":"org.apache.kafka.connect.data.Date","version":1}', "10000"
        ),
    )
    assert date == SchemaAndValue(Date.SCHEMA, dt.date(1997, 5, 19))
    time_of_day = read(
        conv,
        envelope(
            '{"type":"int32","name":"org.apache.kafka.connect.data.Time","version":1}', "14400000"
        ),
    )
    assert time_of_day == SchemaAndValue(Time.SCHEMA, dt.time(4, 0))
    timestamp = read(
        conv,
        envelope(
            '{"type":"int64","name":"org.apache.kafka.connect.data.Timestamp","version":1}',
            "4000000000",
        ),
    )
    assert timestamp == SchemaAndValue(
        Timestamp.SCHEMA, dt.datetime(1970, 2, 16, 7, 6, 40, tzinfo=UTC)
    )


def test_read_null_schema_gives_schemaless_values() -> None:
    """A null schema reads the payload schemaless: ints as int64, fractions as float."""
    conv = converter()
    assert read(conv, envelope("null", "null")) == SchemaAndValue.NULL
    assert read(conv, envelope("null", "12")).value() == 12
    assert read(conv, envelope("null", "12.24")).value() == 12.24
    assert read(conv, envelope("null", '[1,"2",3]')).value() == [1, "2", 3]
    assert read(conv, envelope("null", '{"field1":1,"field2":2}')).value() == {
        "field1": 1,
        "field2": 2,
    }


def test_tombstone_reads_as_null() -> None:
    """A null record (tombstone) is SchemaAndValue.NULL in both modes."""
    assert converter().to_connect_data(TOPIC, None) == SchemaAndValue.NULL
    assert converter(schemas_enable=False).to_connect_data(TOPIC, None) == SchemaAndValue.NULL


def test_schemas_disabled_reads_plain_json() -> None:
    """With schemas.enable=false the whole document is the value, even an envelope."""
    conv = converter(schemas_enable=False)
    assert read(conv, '{"schema":null,"payload":1}').value() == {"schema": None, "payload": 1}
    assert read(conv, "9223372036854775808").value() == -(2**63)  # wraps as Java's long
    assert read(conv, "1e2").value() == 100.0
    assert read(conv, "-0.0").value() == 0.0
    assert math.copysign(1, read(conv, "-0.0").value()) == 1
    assert read(conv, "").value() is None
    assert read(conv, "  ").value() is None


# ------------------------------------------------------------------------------ writing types


@pytest.mark.parametrize(
    ("schema", "value", "payload"),
    [
        (Schema.BOOLEAN_SCHEMA, True, "true"),
        (Schema.INT8_SCHEMA, 12, "12"),
        (Schema.INT64_SCHEMA, 4398046511104, "4398046511104"),
        (Schema.FLOAT32_SCHEMA, 12.34, "12.34"),
        (Schema.FLOAT64_SCHEMA, 12.34, "12.34"),
        (Schema.FLOAT64_SCHEMA, 1e-4, "1.0E-4"),
        (Schema.FLOAT64_SCHEMA, 1e7, "1.0E7"),
        (Schema.FLOAT64_SCHEMA, 100.0, "100.0"),
        (Schema.FLOAT64_SCHEMA, math.nan, '"NaN"'),
        (Schema.FLOAT64_SCHEMA, -math.inf, '"-Infinity"'),
        (Schema.STRING_SCHEMA, "foo-bar-baz", '"foo-bar-baz"'),
        (Schema.BYTES_SCHEMA, b"test-string", '"dGVzdC1zdHJpbmc="'),
        (Schema.BYTES_SCHEMA, bytearray(b"\x00\xff"), '"AP8="'),
        (Schema.BYTES_SCHEMA, memoryview(b"\x00\xff"), '"AP8="'),
    ],
)
def test_write_primitives(schema: Schema, value: Any, payload: str) -> None:
    """Primitives are written with Java's text; the payload follows the schema JSON."""
    assert write(converter(schemas_enable=False), schema, value) == payload
    written = write(converter(), schema, value)
    assert written is not None and written.endswith(f',"payload":{payload}}}')


def test_write_schema_metadata_in_kafka_key_order() -> None:
    """Schema JSON keys come in Kafka's order: type, optional, name, version, doc, params."""
    builder = SchemaBuilder.bool().required().name("bool").version(3).doc("the documentation")
    schema = builder.parameter("foo", "bar").build()
    assert write(converter(), schema, True) == (
        '{"schema":{"type":"boolean","optional":false,"name":"bool","version":3,'
        '"doc":"the documentation","parameters":{"foo":"bar"}},"payload":true}'
    )


def test_write_containers() -> None:
    """Structs keep field order; non-string map keys give [key, value] pairs."""
    conv = converter(schemas_enable=False)
    struct_schema = (
        SchemaBuilder.struct()
        .field("field1", Schema.BOOLEAN_SCHEMA)
        .field("field2", Schema.STRING_SCHEMA)
        .field("field3", Schema.STRING_SCHEMA)
        .field("field4", Schema.BOOLEAN_SCHEMA)
        .build()
    )
    struct = (
        Struct(struct_schema)
        .put("field1", True)
        .put("field2", "string2")
        .put("field3", "string3")
        .put("field4", False)
    )
    assert write(conv, struct_schema, struct) == (
        '{"field1":true,"field2":"string2","field3":"string3","field4":false}'
    )
    int_map = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).build()
    assert write(conv, int_map, {1: 12, 2: 15}) == "[[1,12],[2,15]]"
    string_map = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build()
    assert write(conv, string_map, {"key1": 12, "key2": 15}) == '{"key1":12,"key2":15}'


def test_write_logical_types() -> None:
    """Decimal (base64 or number), Date, Time and Timestamp are written as Java does."""
    base64_conv = converter(schemas_enable=False)
    numeric_conv = converter(schemas_enable=False, decimal_format="NUMERIC")
    value = decimal.Decimal("1.56")
    assert write(base64_conv, Decimal.schema(2), value) == '"AJw="'
    assert write(numeric_conv, Decimal.schema(2), value) == "1.56"
    assert write(numeric_conv, Decimal.schema(0), decimal.Decimal("1E+3")) == "1E+3"
    assert write(base64_conv, Date.SCHEMA, dt.date(1997, 5, 19)) == "10000"
    assert write(base64_conv, Date.SCHEMA, dt.datetime(1997, 5, 19, tzinfo=UTC)) == "10000"
    assert write(base64_conv, Time.SCHEMA, dt.time(4, 0)) == "14400000"
    stamp = dt.datetime(1970, 2, 16, 7, 6, 40, tzinfo=UTC)
    assert write(base64_conv, Timestamp.SCHEMA, stamp) == "4000000000"
    assert write(base64_conv, Timestamp.SCHEMA, stamp.replace(tzinfo=None)) == "4000000000"


def test_decimal_scale_mismatch_under_base64_only() -> None:
    """BASE64 refuses a Decimal whose scale differs from the schema's; NUMERIC writes it."""
    with pytest.raises(DataException, match="mismatching scale"):
        write(converter(), Decimal.schema(2), decimal.Decimal("1.5"))
    assert (
        write(
            converter(decimal_format="NUMERIC", schemas_enable=False),
            Decimal.schema(2),
            decimal.Decimal("1.5"),
        )
        == "1.5"
    )


def test_write_null() -> None:
    """No schema and no value give no bytes; a null with a schema is an envelope."""
    assert converter().from_connect_data(TOPIC, None, None) is None
    assert write(converter(), Schema.OPTIONAL_BOOLEAN_SCHEMA, None) == (
        '{"schema":{"type":"boolean","optional":true},"payload":null}'
    )
    with pytest.raises(DataException, match="null value for field that is required"):
        write(converter(), Schema.BOOLEAN_SCHEMA, None)


def test_schemaless_write() -> None:
    """Without a schema, types are inferred; maps with non-string keys become pairs."""
    conv = converter(schemas_enable=False)
    assert write(conv, None, [1, "2", 3.0, None]) == '[1,"2",3.0,null]'
    assert write(conv, None, {"a": 1}) == '{"a":1}'
    assert write(conv, None, {1: "a"}) == '[[1,"a"]]'
    assert write(converter(), None, True) == '{"schema":null,"payload":true}'
    with pytest.raises(DataException, match="does not have corresponding schema type"):
        write(conv, None, decimal.Decimal(1))


def test_wrong_python_types_are_data_exceptions() -> None:
    """A value of the wrong Python type fails with Java's message shape."""
    with pytest.raises(DataException, match=r"^Invalid type for INT32: class str$"):
        write(converter(), Schema.INT32_SCHEMA, "1")
    with pytest.raises(DataException, match=r"^Invalid type for bytes type: class str$"):
        write(converter(), Schema.BYTES_SCHEMA, "1")
    with pytest.raises(DataException, match="out of range"):
        write(converter(), Schema.INT8_SCHEMA, 300)
    other = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    mine = SchemaBuilder.struct().field("b", Schema.INT32_SCHEMA).build()
    with pytest.raises(DataException, match=r"^Mismatching schema\.$"):
        write(converter(), mine, Struct(other).put("a", 1))


# ------------------------------------------------------------------------------ exact text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ctl\x00\x01\x1f\x0b", '"ctl\\u0000\\u0001\\u001F\\u000B"'),
        ('"\\/\b\t\n\f\r', '"\\"\\\\/\\b\\t\\n\\f\\r"'),
        ("\x7f\u0080\u2028\u2029é☃", '"\x7f\u0080\u2028\u2029é☃"'),
        ("𝄞😀", '"\\uD834\\uDD1E\\uD83D\\uDE00"'),
        ("\ud800", '"\\uD800"'),
        ("a\\u0041", '"a\\\\u0041"'),
    ],
)
def test_string_escaping_like_jackson(text: str, expected: str) -> None:
    """Strings use Jackson's escapes: upper-case hex, non-BMP as surrogate pairs."""
    data = converter(schemas_enable=False).from_connect_data(TOPIC, Schema.STRING_SCHEMA, text)
    assert data == expected.encode("utf-8", "surrogatepass")


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.1, "0.1"), (1e-5, "1.0E-5"), (2.15e9, "2.15E9"), (3.4028234663852886e38, "3.4028235E38")],
)
def test_float32_text(value: float, text: str) -> None:
    """float32 values use Float.toString's shortest float32 digits."""
    assert write(converter(schemas_enable=False), Schema.FLOAT32_SCHEMA, value) == text


# ------------------------------------------------------------------------------ replace nulls


def _defaults_schema() -> Schema:
    return (
        SchemaBuilder.struct()
        .field("opt", SchemaBuilder.int32().optional().default_value(5).build())
        .field("req", SchemaBuilder.int32().default_value(7).build())
        .build()
    )


def test_replace_null_with_default_on_write() -> None:
    """true writes the defaults of unset fields; false writes null and fails required ones."""
    schema = _defaults_schema()
    struct = Struct(schema)
    assert write(converter(schemas_enable=False), schema, struct) == '{"opt":5,"req":7}'
    off = converter(schemas_enable=False, replace_null_with_default=False)
    with pytest.raises(DataException, match="null value for field that is required"):
        write(off, schema, struct)
    assert write(off, schema, struct.put("req", 1)) == '{"opt":null,"req":1}'


def test_replace_null_with_default_on_read() -> None:
    """true reads null fields as the default (optional ones too); false keeps null."""
    schema_json = (
        '{"type":"struct","fields":[{"type":"int32","optional":true,"default":5,"field":"opt"},'
        '{"type":"int32","default":7,"field":"req"}]}'
    )
    on = read(converter(), envelope(schema_json, '{"opt":null}')).value()
    assert (on.get_without_default("opt"), on.get_without_default("req")) == (5, 7)
    off = converter(replace_null_with_default="false")
    value = read(off, envelope(schema_json, '{"opt":null,"req":1}')).value()
    assert (value.get_without_default("opt"), value.get_without_default("req")) == (None, 1)
    with pytest.raises(DataException, match=r"^Invalid null value for required INT32 field$"):
        read(off, envelope(schema_json, "{}"))


# ------------------------------------------------------------------------------ Jackson reading


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"007", 7),
        (b"-00.5", -0.5),
        (b'{"a":1} trailing', {"a": 1}),
        (b"[1,2] [3]", [1, 2]),
        (b'{"a":1,"a":2}', {"a": 2}),
        (b"\xef\xbb\xbf[1]", [1]),
        ("[1]".encode("utf-16-be"), [1]),
        ("[1]".encode("utf-16-le"), [1]),
        ("[1]".encode("utf-16"), [1]),
        ("[1]".encode("utf-32-be"), [1]),
        ("[1]".encode("utf-32-le"), [1]),
        (b"1 x", 1),
        (b"true}", True),
        (b'"\\ud83d\\ude00"', "😀"),
        (b"1e400", math.inf),
        (b"18446744073709551617", 1),
    ],
)
def test_jackson_reading_leniencies(data: bytes, expected: Any) -> None:
    """What Jackson accepts, as Kafka configures it, reads the same way."""
    assert read(converter(schemas_enable=False), data).value() == expected


@pytest.mark.parametrize(
    "data",
    [
        b"{",
        b"[1,]",
        b'{"a":1,}',
        b"'a'",
        b"NaN",
        b"+1",
        b".5",
        b"0x10",
        b"1x",
        b"truex",
        b"// c\n1",
        b'"a\tb"',
        b'"\\a"',
        b'"\xff"',
        b"[" * 1001 + b"]" * 1001,
        b"[" * 100_000,
        b"1" * 1001,
        b"0." + b"1" * 1000,
        b"1e99999999999",
        b"\x00",
        bytes(range(256)),
    ],
)
def test_bad_input_is_a_data_exception(data: bytes) -> None:
    """Input Jackson rejects fails with Kafka's serialization-error message, in both modes."""
    for conv in (converter(), converter(schemas_enable=False)):
        with pytest.raises(DataException) as info:
            read(conv, data)
        assert str(info.value).startswith(
            "Converting byte[] to Kafka Connect data failed due to serialization error: "
        )


def test_nesting_limit_is_jacksons() -> None:
    """1000 levels of nesting are read; 1001 are refused (StreamReadConstraints)."""
    deep = read(converter(schemas_enable=False), b"[" * 1000 + b"]" * 1000).value()
    depth = 0
    while isinstance(deep, list) and deep:
        deep, depth = deep[0], depth + 1
    assert depth == 999


def test_write_nesting_limit_is_jacksons() -> None:
    """Values nested 1000 deep are written; 1001 fail (Jackson 2.16 StreamWriteConstraints)."""
    conv = converter(schemas_enable=False)
    value: list[Any] = []
    for _ in range(999):
        value = [value]
    assert conv.from_connect_data(TOPIC, None, value) == b"[" * 1000 + b"]" * 1000
    with pytest.raises(DataException, match="nesting depth"):
        conv.from_connect_data(TOPIC, None, [value])


def test_very_deep_schemas_are_data_exceptions() -> None:
    """A schema nested beyond Python's recursion limit fails with DataException both ways."""
    schema: Schema = Schema.INT32_SCHEMA
    value: Any = 1
    schema_json, payload = '{"type":"int32"}', "1"
    for _ in range(900):
        schema = SchemaBuilder.array(schema).build()
        value = [value]
        schema_json, payload = f'{{"type":"array","items":{schema_json}}}', f"[{payload}]"
    with pytest.raises(DataException, match="nested too deeply"):
        converter().from_connect_data(TOPIC, schema, value)
    with pytest.raises(DataException, match="nested too deeply"):
        read(converter(), envelope(schema_json, payload))
    with pytest.raises(DataException, match="nested too deeply"):
        JsonConverter().as_connect_schema(json.loads(schema_json))


def test_absurd_input_is_refused_quickly() -> None:
    """Very deep or very long inputs fail within a fraction of a second."""
    start = time.perf_counter()
    for data in (b"[" * 1_000_000, b"1" * 1_000_000, b'{"a":' * 200_000, b'"' + b"a" * 10**6):
        with pytest.raises(DataException):
            read(converter(schemas_enable=False), data)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ('{"schema":{"type":"int32"},"payload":1,"x":0}', 'requires "schema" and "payload"'),
        ('{"payload":1}', 'requires "schema" and "payload"'),
        ('"x"', 'requires "schema" and "payload"'),
        ("", 'requires "schema" and "payload"'),
        ('{"schema":{},"payload":1}', "Schema must contain 'type' field"),
        ('{"schema":{"type":"INT32"},"payload":1}', "Unknown schema type: INT32"),
        (
            '{"schema":{"type":"struct","fields":[{"type":"int32","field":"a"}]},"payload":[1]}',
            "Structs should be encoded as JSON objects, but found ARRAY",
        ),
    ],
)
def test_envelope_errors(payload: str, message: str) -> None:
    """schemas.enable=true needs exactly schema and payload, and a valid schema."""
    with pytest.raises(DataException, match=message.replace("(", r"\(").replace(")", r"\)")):
        read(converter(), payload)


def test_lone_surrogates_read_and_written_back() -> None:
    """Escaped lone surrogates (which Jackson accepts) read, and are written escaped again."""
    conv = converter()
    data = b'{"schema":{"type":"string","default":"\\uD800x"},"payload":null}'
    result = conv.to_connect_data(TOPIC, data)
    assert result.value() == "\ud800x"
    assert conv.from_connect_data(TOPIC, result.schema(), None) == (
        b'{"schema":{"type":"string","optional":false,"default":"\\uD800x"},"payload":"\\uD800x"}'
    )


def test_struct_default_in_schema_json_fails() -> None:
    """A struct default in schema JSON always fails, as in Java."""
    with pytest.raises(SchemaBuilderException):
        JsonConverter().as_connect_schema(
            {"type": "struct", "fields": [{"type": "int32", "field": "a"}], "default": {"a": 1}}
        )


@pytest.mark.parametrize(
    ("schema_json", "payload", "expected"),
    [
        ('{"type":"int8"}', "300", 44),
        ('{"type":"int32"}', "1.9", 1),
        ('{"type":"int32"}', "-1.9", -1),
        ('{"type":"int32"}', '"12"', 0),
        ('{"type":"int64"}', "1e20", 7766279631452241920),
        ('{"type":"boolean"}', "1", False),
        ('{"type":"string"}', "1", None),
        ('{"type":"array","items":{"type":"int32"}}', '{"a":1}', [1]),
        ('{"type":"float"}', "1.00000017881393432617187499", 1.0000001192092896),
        ('{"type":"double"}', '"NaN"', math.nan),
    ],
)
def test_lenient_coercions(schema_json: str, payload: str, expected: Any) -> None:
    """Payloads of another JSON type are coerced as Jackson's accessors do."""
    value = read(converter(), envelope(schema_json, payload)).value()
    if isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(value)
    else:
        assert value == expected


# ------------------------------------------------------------------------------ caches


def test_schema_caches_grow_per_distinct_schema() -> None:
    """Reading and writing cache each schema once; the size is bounded by schemas.cache.size."""
    conv = converter()
    assert conv.size_of_to_connect_schema_cache() == 0
    read(conv, envelope('{"type":"boolean"}', "true"))
    assert conv.size_of_to_connect_schema_cache() == 1
    read(conv, envelope('{"type":"boolean"}', "false"))
    assert conv.size_of_to_connect_schema_cache() == 1
    read(conv, envelope('{"type":"boolean","optional":true}', "true"))
    assert conv.size_of_to_connect_schema_cache() == 2
    write(conv, Schema.BOOLEAN_SCHEMA, True)
    write(conv, Schema.BOOLEAN_SCHEMA, False)
    assert conv.size_of_from_connect_schema_cache() == 1
    write(conv, Schema.OPTIONAL_BOOLEAN_SCHEMA, True)
    assert conv.size_of_from_connect_schema_cache() == 2

    small = converter(schemas_cache_size=1)
    for schema, value in ((Schema.BOOLEAN_SCHEMA, True), (Schema.INT32_SCHEMA, 1)):
        write(small, schema, value)
    assert small.size_of_from_connect_schema_cache() == 1


# ------------------------------------------------------------------------------ docs


def test_docs_config_reference_is_generated_from_config_def() -> None:
    """docs/converters.md shows exactly the ConfigDef's generated reference."""
    documented = config_reference("converters.json.JsonConverter")
    assert documented == expected_reference(JsonConverter().config().to_markdown(4))


# ------------------------------------------------------------------------------ properties


def _config_pairs() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "schemas.enable": st.booleans(),
            "decimal.format": st.sampled_from(["BASE64", "NUMERIC"]),
        }
    )


@st.composite
def _schemas_and_values(draw: st.DrawFn) -> tuple[Schema, Any]:
    schema = draw(schemas(max_depth=2))
    return schema, draw(values_for(schema))


def _null_string_keys(schema: Schema, value: Any) -> bool:
    """True if ``value`` holds a null key of a string-key map (written as the key "null")."""
    if value is None:
        return False
    kind = schema.type().name
    if kind == "STRUCT":
        return any(
            _null_string_keys(f.schema(), value.get_without_default(f.name()))
            for f in schema.fields()
        )
    if kind == "ARRAY":
        item = schema.value_schema()
        return item is not None and any(_null_string_keys(item, x) for x in value)
    if kind == "MAP":
        key, item = schema.key_schema(), schema.value_schema()
        assert key is not None and item is not None
        if key.type().name == "STRING" and None in value:
            return True
        return any(_null_string_keys(item, x) for x in value.values())
    return False


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(_schemas_and_values(), _config_pairs())
def test_round_trip(case: tuple[Schema, Any], config: dict[str, Any]) -> None:
    """Any schema and value read back equal (the schema too, when schemas are enabled).

    Except null keys of string-key maps, which Java writes as the key "null".
    """
    schema, value = case
    assume(not _null_string_keys(schema, value))
    conv = JsonConverter()
    conv.configure({**config, "replace.null.with.default": False}, False)
    data = conv.from_connect_data(TOPIC, schema, value)
    assert data is not None
    fresh = JsonConverter()
    fresh.configure({**config, "replace.null.with.default": False}, False)
    if config["schemas.enable"]:
        assert fresh.to_connect_data(TOPIC, data) == SchemaAndValue(schema, value)
    else:
        json.loads(data)  # plain JSON any reader takes


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(_schemas_and_values(), _config_pairs(), st.booleans())
def test_fast_path_matches_exact_path(
    json_writer: str, case: tuple[Schema, Any], config: dict[str, Any], replace: bool
) -> None:
    """The compiled fast path writes and reads exactly what the reference path does."""
    schema, value = case
    conv = JsonConverter()
    conv.configure({**config, "replace.null.with.default": replace}, False)
    codec = conv._codec
    try:
        exact: Any = codec.serialize_exact(TOPIC, schema, value)
    except DataException as e:
        exact = ("error", str(e))
    try:
        fast: Any = conv.from_connect_data(TOPIC, schema, value)
    except DataException as e:
        fast = ("error", str(e))
    assert fast == exact
    if isinstance(exact, bytes):
        slow_read = codec.deserialize_exact(TOPIC, exact)
        fast_read = conv.to_connect_data(TOPIC, exact)
        assert fast_read.schema() == slow_read.schema()
        assert repr(fast_read.value()) == repr(slow_read.value())


@st.composite
def _damaged_records(draw: st.DrawFn) -> tuple[bool, bytes]:
    schema, value = draw(_schemas_and_values())
    schemas_enable = draw(st.booleans())
    data = bytearray(
        converter(schemas_enable=schemas_enable).from_connect_data(TOPIC, schema, value) or b""
    )
    for _ in range(draw(st.integers(1, 3))):
        pos = draw(st.integers(0, len(data)))
        byte = draw(st.sampled_from(list(b'0-.e"\\{}[],: \x00\xff\xc3tfn')))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "insert":
            data.insert(pos, byte)
        elif pos < len(data):
            if action == "delete":
                del data[pos]
            else:
                data[pos] = byte
    return schemas_enable, bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(_damaged_records())
def test_damaged_input_gives_the_exact_answer_or_a_data_exception(case: tuple[bool, bytes]) -> None:
    """Damaged records read as the exact path reads them, or raise DataException only."""
    schemas_enable, data = case
    conv = converter(schemas_enable=schemas_enable)

    def outcome(function: Any) -> Any:
        try:
            result = function()
        except DataException as e:
            return ("error", type(e).__name__)
        return (result.schema(), repr(result.value()))

    assert outcome(lambda: conv.to_connect_data(TOPIC, data)) == outcome(
        lambda: conv._codec.deserialize_exact(TOPIC, data)
    )


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=64), st.booleans())
def test_garbage_raises_only_data_exceptions(data: bytes, schemas_enable: bool) -> None:
    """Arbitrary bytes give a value or a DataException, never another exception."""
    with contextlib.suppress(DataException):
        converter(schemas_enable=schemas_enable).to_connect_data(TOPIC, data)


def _edge_schema() -> Schema:
    return (
        SchemaBuilder.struct()
        .field("amount", Decimal.schema(2))
        .field("created", Timestamp.SCHEMA)
        .field("attributes", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
        .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
        .build()
    )


class _Text(str):
    """A str subclass (orjson and the checks of the fast path treat it apart)."""


_EDGES: list[tuple[str, Any]] = [
    ("amount", decimal.Decimal("-0.05")),
    ("amount", decimal.Decimal("-1.28")),
    ("amount", decimal.Decimal("1.27")),
    ("amount", decimal.Decimal("-327.68")),
    ("amount", decimal.Decimal("0.00")),
    ("amount", decimal.Decimal("4115.2")),
    ("amount", decimal.Decimal("4.1152")),
    ("amount", decimal.Decimal("1.23E+5")),
    ("created", dt.datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=dt.timezone.utc)),
    ("created", dt.datetime(1969, 12, 31, 23, 59, 58, 999_000, tzinfo=dt.timezone.utc)),
    ("created", dt.datetime(1, 1, 1, 0, 0, 0, 1_500, tzinfo=dt.timezone.utc)),
    ("created", dt.datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=dt.timezone.utc)),
    (
        "created",
        dt.datetime(2023, 1, 1, 1, 0, 0, 123_456, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    ),
    ("created", dt.datetime(1969, 7, 20, 20, 17, 40, 500)),
    ("attributes", {"a": "b", "c": "d"}),
    ("attributes", {1: "b"}),
    ("attributes", {_Text("a"): "b"}),
    ("attributes", {"a": _Text("b")}),
    ("attributes", {"a": 1}),
    ("attributes", {None: "b"}),
    ("tags", ["x", _Text("y")]),
    ("tags", ["x", 2]),
]


@pytest.mark.parametrize("schemas_enable", [True, False])
@pytest.mark.parametrize(("field", "value"), _EDGES)
def test_fast_path_edges_match_exact_path(
    json_writer: str, schemas_enable: bool, field: str, value: Any
) -> None:
    """Decimals, timestamps and string maps/arrays at the edges write what the exact path does."""
    schema = _edge_schema()
    valid = Struct(schema)
    valid._values = [decimal.Decimal("1.00"), dt.datetime(2020, 1, 1), {}, []]
    struct = Struct(schema)
    struct._values = list(valid._values)
    index = [f.name() for f in schema.fields()].index(field)
    struct._values[index] = value  # as another converter may build it
    conv = JsonConverter()
    conv.configure({"schemas.enable": schemas_enable}, False)
    conv.from_connect_data(TOPIC, schema, valid)  # compile, and make the schema the last one
    try:
        exact: Any = conv._codec.serialize_exact(TOPIC, schema, struct)
    except DataException as e:
        exact = ("error", str(e))
    try:
        fast: Any = conv.from_connect_data(TOPIC, schema, struct)
    except DataException as e:
        fast = ("error", str(e))
    assert fast == exact
