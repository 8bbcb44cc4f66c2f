"""JsonConverter checked case by case against Kafka's JsonConverterTest and JsonConverter's branches.

Each test restates one behaviour of the Java class (its unit test or a branch of its source) with
the bytes, values and messages Java gives. Inputs keep the spacing of the Java tests, so that the
slow path (what the fast path hands over when the text is not compact) is exercised too.
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
)
from connect_data.config import ConfigException
from converters.converter_config import ConverterType
from converters.json import JsonConverter

TOPIC = "topic"
UTC = dt.timezone.utc
DECIMAL = "org.apache.kafka.connect.data.Decimal"
DATE = "org.apache.kafka.connect.data.Date"
TIME = "org.apache.kafka.connect.data.Time"
TIMESTAMP = "org.apache.kafka.connect.data.Timestamp"


def _conv(config: dict[str, Any] | None = None, is_key: bool = False) -> JsonConverter:
    converter = JsonConverter()
    converter.configure(config or {}, is_key)
    return converter


def _read(text: str, config: dict[str, Any] | None = None) -> SchemaAndValue:
    return _conv(config).to_connect_data(TOPIC, text.encode("utf-8"))


def _write(schema: Schema | None, value: Any, config: dict[str, Any] | None = None) -> str:
    data = _conv(config).from_connect_data(TOPIC, schema, value)
    assert data is not None
    return data.decode("utf-8")


def _env(schema_json: str, payload: str) -> str:
    return f'{{"schema":{schema_json},"payload":{payload}}}'


# ------------------------------------------------------------------------- reading, typed


@pytest.mark.parametrize(
    ("text", "schema", "value"),
    [
        ('{ "schema": { "type": "boolean" }, "payload": true }', Schema.BOOLEAN_SCHEMA, True),
        ('{ "schema": { "type": "boolean" }, "payload": false }', Schema.BOOLEAN_SCHEMA, False),
        ('{ "schema": { "type": "int8" }, "payload": 12 }', Schema.INT8_SCHEMA, 12),
        ('{ "schema": { "type": "int16" }, "payload": 12 }', Schema.INT16_SCHEMA, 12),
        ('{ "schema": { "type": "int32" }, "payload": 12 }', Schema.INT32_SCHEMA, 12),
        ('{ "schema": { "type": "int64" }, "payload": 12 }', Schema.INT64_SCHEMA, 12),
        (
            '{ "schema": { "type": "int64" }, "payload": 4398046511104 }',
            Schema.INT64_SCHEMA,
            4398046511104,
        ),
        ('{ "schema": { "type": "double" }, "payload": 12.34 }', Schema.FLOAT64_SCHEMA, 12.34),
        (
            '{ "schema": { "type": "bytes" }, "payload": "dGVzdC1zdHJpbmc=" }',
            Schema.BYTES_SCHEMA,
            b"test-string",
        ),
        (
            '{ "schema": { "type": "string" }, "payload": "foo-bar-baz" }',
            Schema.STRING_SCHEMA,
            "foo-bar-baz",
        ),
        (
            '{ "schema": { "type": "array", "items": { "type" : "int32" } }, "payload": [1, 2, 3] }',
            SchemaBuilder.array(Schema.INT32_SCHEMA).build(),
            [1, 2, 3],
        ),
        (
            '{ "schema": { "type": "map", "keys": { "type" : "string" }, "values": { "type" : '
            '"int32" } }, "payload": { "key1": 12, "key2": 15} }',
            SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(),
            {"key1": 12, "key2": 15},
        ),
        (
            '{ "schema": { "type": "map", "keys": { "type" : "int32" }, "values": { "type" : '
            '"int32" } }, "payload": [ [1, 12], [2, 15] ] }',
            SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).build(),
            {1: 12, 2: 15},
        ),
    ],
)
def test_java_typed_reads(text: str, schema: Schema, value: Any) -> None:
    """Each *ToConnect case of JsonConverterTest gives Java's schema and value."""
    result = _read(text)
    assert result.schema() == schema
    assert result.value() == value
    assert type(result.value()) is type(value)


def test_java_float_read_is_the_float32_of_the_text() -> None:
    """floatToConnect: 12.34 under a float schema is the float32 nearest 12.34."""
    result = _read('{ "schema": { "type": "float" }, "payload": 12.34 }')
    assert result.schema() == Schema.FLOAT32_SCHEMA
    assert result.value() == 12.34000015258789


def test_java_struct_reads() -> None:
    """structToConnect and structWithOptionalFieldToConnect: fields by name, missing optional is null."""
    text = (
        '{ "schema": { "type": "struct", "fields": [{ "field": "field1", "type": "boolean" }, '
        '{ "field": "field2", "type": "string" }] }, "payload": { "field1": true, "field2": '
        '"string" } }'
    )
    schema = (
        SchemaBuilder.struct()
        .field("field1", Schema.BOOLEAN_SCHEMA)
        .field("field2", Schema.STRING_SCHEMA)
        .build()
    )
    assert _read(text) == SchemaAndValue(
        schema, Struct(schema).put("field1", True).put("field2", "string")
    )
    text = (
        '{ "schema": { "type": "struct", "fields": [{ "field":"optional", "type": "string", '
        '"optional": true }, {  "field": "required", "type": "string" }] }, "payload": { '
        '"required": "required" } }'
    )
    schema = (
        SchemaBuilder.struct()
        .field("optional", Schema.OPTIONAL_STRING_SCHEMA)
        .field("required", Schema.STRING_SCHEMA)
        .build()
    )
    assert _read(text) == SchemaAndValue(schema, Struct(schema).put("required", "required"))


def test_java_schema_metadata_read() -> None:
    """testConnectSchemaMetadataTranslation: optional, default, name, version, doc, parameters."""
    assert _read('{ "schema": { "type": "boolean", "optional": true }, "payload": null }') == (
        SchemaAndValue(Schema.OPTIONAL_BOOLEAN_SCHEMA, None)
    )
    assert _read('{ "schema": { "type": "boolean", "default": true }, "payload": null }') == (
        SchemaAndValue(SchemaBuilder.bool().default_value(True).build(), True)
    )
    text = (
        '{ "schema": { "type": "boolean", "optional": false, "name": "bool", "version": 2, '
        '"doc": "the documentation", "parameters": { "foo": "bar" }}, "payload": true }'
    )
    expected = (
        SchemaBuilder.bool()
        .required()
        .name("bool")
        .version(2)
        .doc("the documentation")
        .parameter("foo", "bar")
        .build()
    )
    assert _read(text) == SchemaAndValue(expected, True)


def test_java_null_and_empty_reads() -> None:
    """nullToConnect and emptyBytesToConnect: a null record and empty schemaless bytes are NULL."""
    assert _conv().to_connect_data(TOPIC, None) == SchemaAndValue.NULL
    key_converter = _conv({"schemas.enable": False}, is_key=True)
    assert key_converter.to_connect_data(TOPIC, b"") == SchemaAndValue.NULL


def test_java_schemaless_empty_field_values() -> None:
    """schemalessWithEmptyFieldValueToConnect: "" stays "" and null stays null in a map."""
    result = _read('{ "a": "", "b": null}', {"schemas.enable": False})
    assert result == SchemaAndValue(None, {"a": "", "b": None})


@pytest.mark.parametrize(
    ("payload", "value"),
    [
        ("null", None),
        ("true", True),
        ("12", 12),
        ("12.24", 12.24),
        ('"a string"', "a string"),
        ('[1, "2", 3]', [1, "2", 3]),
        ('{ "field1": 1, "field2": 2}', {"field1": 1, "field2": 2}),
    ],
)
def test_java_null_schema_reads(payload: str, value: Any) -> None:
    """nullSchemaPrimitiveToConnect: a null schema gives Java's schemaless value."""
    result = _read(f'{{ "schema": null, "payload": {payload} }}')
    assert result == SchemaAndValue(None, value)
    if isinstance(value, float):
        assert type(result.value()) is float


def test_java_no_schema_read() -> None:
    """noSchemaToConnect: schemas.enable=false reads the bare JSON value."""
    assert _read("true", {"schemas.enable": False}) == SchemaAndValue(None, True)


# ------------------------------------------------------------------------- reading, logical


def _decimal_schema_json(extra: str = "", scale: int = 2) -> str:
    return (
        f'{{ "type": "bytes", "name": "{DECIMAL}", "version": 1, {extra}'
        f'"parameters": {{ "scale": "{scale}" }} }}'
    )


@pytest.mark.parametrize(
    ("extra", "payload", "expected_schema", "value"),
    [
        ("", '"AJw="', Decimal.schema(2), decimal.Decimal("1.56")),
        ('"optional": true, ', "null", Decimal.builder(2).optional().schema(), None),
        (
            '"default": "AJw=", ',
            "null",
            Decimal.builder(2).default_value(decimal.Decimal("1.56")).build(),
            decimal.Decimal("1.56"),
        ),
        (
            '"optional": true, "default": "AJw=", ',
            "null",
            Decimal.builder(2).optional().default_value(decimal.Decimal("1.56")).build(),
            decimal.Decimal("1.56"),
        ),
        ("", "1.56", Decimal.schema(2), decimal.Decimal("1.56")),
    ],
)
def test_java_decimal_reads(
    extra: str, payload: str, expected_schema: Schema, value: decimal.Decimal | None
) -> None:
    """decimalToConnect*: base64 unscaled bytes, null, the default, and numeric payloads."""
    result = _read(f'{{ "schema": {_decimal_schema_json(extra)}, "payload": {payload} }}')
    assert result.schema() == expected_schema
    assert result.value() == value
    if value is not None:
        assert result.value().as_tuple() == value.as_tuple()


@pytest.mark.parametrize(
    ("payload", "scale", "value"),
    [("1.5600", 4, "1.5600"), ("1.23456789123456789", 17, "1.23456789123456789")],
)
def test_java_numeric_decimal_reads_keep_the_text(payload: str, scale: int, value: str) -> None:
    """numericDecimalWithTrailingZerosToConnect / highPrecision...: the exact digits and scale."""
    result = _read(f'{{ "schema": {_decimal_schema_json(scale=scale)}, "payload": {payload} }}')
    assert result.schema() == Decimal.schema(scale)
    assert result.value().as_tuple() == decimal.Decimal(value).as_tuple()


@pytest.mark.parametrize(
    ("type_name", "logical", "builder", "payload", "value"),
    [
        ("int32", DATE, Date.builder, "10000", dt.date(1997, 5, 19)),
        ("int32", TIME, Time.builder, "14400000", dt.time(4, 0)),
        (
            "int64",
            TIMESTAMP,
            Timestamp.builder,
            "4000000000",
            dt.datetime(1970, 2, 16, 7, 6, 40, tzinfo=UTC),
        ),
    ],
)
def test_java_temporal_reads(
    type_name: str, logical: str, builder: Any, payload: str, value: Any
) -> None:
    """date/time/timestampToConnect: the value, optional null, and the default (payload null)."""
    base = f'"type": "{type_name}", "name": "{logical}", "version": 1'
    result = _read(f'{{ "schema": {{ {base} }}, "payload": {payload} }}')
    assert result == SchemaAndValue(builder().build(), value)
    result = _read(f'{{ "schema": {{ {base}, "optional": true }}, "payload": null }}')
    assert result == SchemaAndValue(builder().optional().build(), None)
    for optional in ("", '"optional": true, '):
        text = f'{{ "schema": {{ {base}, {optional}"default": {payload} }}, "payload": null }}'
        result = _read(text)
        assert result.value() == value
        schema = builder().default_value(value)
        if optional:
            schema = schema.optional()
        assert result.schema() == schema.build()


# ------------------------------------------------------------------------- writing


def test_java_schema_metadata_write() -> None:
    """testJsonSchemaMetadataTranslation: Java's exact envelope for each kind of metadata."""
    assert _write(Schema.BOOLEAN_SCHEMA, True) == (
        '{"schema":{"type":"boolean","optional":false},"payload":true}'
    )
    assert _write(Schema.OPTIONAL_BOOLEAN_SCHEMA, None) == (
        '{"schema":{"type":"boolean","optional":true},"payload":null}'
    )
    assert _write(SchemaBuilder.bool().default_value(True).build(), True) == (
        '{"schema":{"type":"boolean","optional":false,"default":true},"payload":true}'
    )
    schema = (
        SchemaBuilder.bool()
        .required()
        .name("bool")
        .version(3)
        .doc("the documentation")
        .parameter("foo", "bar")
        .build()
    )
    assert _write(schema, True) == (
        '{"schema":{"type":"boolean","optional":false,"name":"bool","version":3,'
        '"doc":"the documentation","parameters":{"foo":"bar"}},"payload":true}'
    )


@pytest.mark.parametrize(
    ("schema", "value", "text"),
    [
        (Schema.BOOLEAN_SCHEMA, True, '{"type":"boolean","optional":false},"payload":true'),
        (Schema.INT8_SCHEMA, 12, '{"type":"int8","optional":false},"payload":12'),
        (Schema.INT16_SCHEMA, 12, '{"type":"int16","optional":false},"payload":12'),
        (Schema.INT32_SCHEMA, 12, '{"type":"int32","optional":false},"payload":12'),
        (
            Schema.INT64_SCHEMA,
            4398046511104,
            '{"type":"int64","optional":false},"payload":4398046511104',
        ),
        (Schema.FLOAT32_SCHEMA, 12.34, '{"type":"float","optional":false},"payload":12.34'),
        (Schema.FLOAT64_SCHEMA, 12.34, '{"type":"double","optional":false},"payload":12.34'),
        (
            Schema.BYTES_SCHEMA,
            b"test-string",
            '{"type":"bytes","optional":false},"payload":"dGVzdC1zdHJpbmc="',
        ),
        (
            Schema.STRING_SCHEMA,
            "test-string",
            '{"type":"string","optional":false},"payload":"test-string"',
        ),
        (
            SchemaBuilder.array(Schema.INT32_SCHEMA).build(),
            [1, 2, 3],
            '{"type":"array","items":{"type":"int32","optional":false},"optional":false},'
            '"payload":[1,2,3]',
        ),
        (
            SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(),
            {"key1": 12, "key2": 15},
            '{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32",'
            '"optional":false},"optional":false},"payload":{"key1":12,"key2":15}',
        ),
        (
            SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).build(),
            {1: 12, 2: 15},
            '{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"int32",'
            '"optional":false},"optional":false},"payload":[[1,12],[2,15]]',
        ),
        (
            Decimal.schema(2),
            decimal.Decimal("1.56"),
            f'{{"type":"bytes","optional":false,"name":"{DECIMAL}","version":1,'
            '"parameters":{"scale":"2"}},"payload":"AJw="',
        ),
        (
            Date.SCHEMA,
            dt.date(1997, 5, 19),
            f'{{"type":"int32","optional":false,"name":"{DATE}","version":1}},"payload":10000',
        ),
        (
            Time.SCHEMA,
            dt.time(4, 0),
            f'{{"type":"int32","optional":false,"name":"{TIME}","version":1}},"payload":14400000',
        ),
        (
            Timestamp.SCHEMA,
            dt.datetime(1970, 2, 16, 7, 6, 40, tzinfo=UTC),
            f'{{"type":"int64","optional":false,"name":"{TIMESTAMP}","version":1}},'
            '"payload":4000000000',
        ),
    ],
)
def test_java_typed_writes(schema: Schema, value: Any, text: str) -> None:
    """Each *ToJson case of JsonConverterTest, as Java's exact bytes."""
    assert _write(schema, value) == '{"schema":' + text + "}"


def test_java_struct_write() -> None:
    """structToJson: fields in schema order, each field schema with "field" last."""
    schema = (
        SchemaBuilder.struct()
        .field("field1", Schema.BOOLEAN_SCHEMA)
        .field("field2", Schema.STRING_SCHEMA)
        .field("field3", Schema.STRING_SCHEMA)
        .field("field4", Schema.BOOLEAN_SCHEMA)
        .build()
    )
    value = (
        Struct(schema)
        .put("field1", True)
        .put("field2", "string2")
        .put("field3", "string3")
        .put("field4", False)
    )
    assert _write(schema, value) == (
        '{"schema":{"type":"struct","fields":[{"type":"boolean","optional":false,"field":"field1"},'
        '{"type":"string","optional":false,"field":"field2"},'
        '{"type":"string","optional":false,"field":"field3"},'
        '{"type":"boolean","optional":false,"field":"field4"}],"optional":false},'
        '"payload":{"field1":true,"field2":"string2","field3":"string3","field4":false}}'
    )


def test_java_struct_of_an_equal_schema_is_accepted() -> None:
    """structSchemaIdentical: a Struct built on an equal but distinct schema is written."""

    def build() -> Schema:
        return SchemaBuilder.struct().field("field1", Schema.BOOLEAN_SCHEMA).build()

    schema, other = build(), build()
    assert schema is not other
    assert _write(schema, Struct(other).put("field1", True), {"schemas.enable": False}) == (
        '{"field1":true}'
    )


@pytest.mark.parametrize(
    ("scale", "value", "payload"), [(2, "1.56", "1.56"), (4, "1.5600", "1.5600")]
)
def test_java_numeric_decimal_writes(scale: int, value: str, payload: str) -> None:
    """decimalToNumericJson / decimalWithTrailingZerosToNumericJson: the number keeps its scale."""
    text = _write(Decimal.schema(scale), decimal.Decimal(value), {"decimal.format": "NUMERIC"})
    assert text == (
        f'{{"schema":{{"type":"bytes","optional":false,"name":"{DECIMAL}","version":1,'
        f'"parameters":{{"scale":"{scale}"}}}},"payload":{payload}}}'
    )


def test_java_decimal_without_schema_fails() -> None:
    """decimalToJsonWithoutSchema: a decimal has no schemaless type."""
    with pytest.raises(
        DataException, match=r"^Java class class \S+ does not have corresponding schema type\.$"
    ):
        _write(None, decimal.Decimal("1.56"))


def test_java_null_schema_writes() -> None:
    """nullSchemaAnd*ToJson: schema null in the envelope; maps with a non-string key become pairs."""
    assert _write(None, True) == '{"schema":null,"payload":true}'
    assert _write(None, [1, "string", True]) == '{"schema":null,"payload":[1,"string",true]}'
    assert _write(None, {"key1": 12, "key2": "string", "key3": True}) == (
        '{"schema":null,"payload":{"key1":12,"key2":"string","key3":true}}'
    )
    assert _write(None, {"string": 12, 52: "string", False: True}) == (
        '{"schema":null,"payload":[["string",12],[52,"string"],[false,true]]}'
    )


@pytest.mark.parametrize("schemas_enable", [True, False])
def test_java_null_schema_and_null_value_write_nothing(schemas_enable: bool) -> None:
    """nullSchemaAndNullValueToJson / nullValueToJson: a tombstone is written as no bytes."""
    key_converter = _conv({"schemas.enable": schemas_enable}, is_key=True)
    assert key_converter.from_connect_data(TOPIC, None, None) is None


def test_java_mismatching_schema_fails() -> None:
    """mismatchSchemaJson: a boolean under a float64 schema is a DataException."""
    with pytest.raises(DataException, match=r"^Invalid type for FLOAT64: class bool$"):
        _write(Schema.FLOAT64_SCHEMA, True)


def test_java_no_schema_write() -> None:
    """noSchemaToJson: schemas.enable=false writes the bare value."""
    assert _write(None, True, {"schemas.enable": False}) == "true"


# ------------------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {"decimal.format": "HEX"},
            "Invalid value HEX for configuration decimal.format: String must be one of (case "
            "insensitive): BASE64, NUMERIC",
        ),
        (
            {"decimal.format": ""},
            "Invalid value  for configuration decimal.format: String must be one of (case "
            "insensitive): BASE64, NUMERIC",
        ),
        (
            {"schemas.cache.size": "abc"},
            "Invalid value abc for configuration schemas.cache.size: Not a number of type INT",
        ),
        (
            {"schemas.cache.size": "1.5"},
            "Invalid value 1.5 for configuration schemas.cache.size: Not a number of type INT",
        ),
        (
            {"replace.null.with.default": "no"},
            "Invalid value no for configuration replace.null.with.default: Expected value to be "
            "either true or false",
        ),
    ],
)
def test_config_errors(config: dict[str, Any], message: str) -> None:
    """Invalid values fail in configure() with ConfigDef's exact message."""
    with pytest.raises(ConfigException) as info:
        _conv(config)
    assert str(info.value) == message


def test_header_form_checks_converter_type() -> None:
    """configure(configs) validates converter.type against key, value, header (lower case)."""
    with pytest.raises(ConfigException) as info:
        JsonConverter().configure({"converter.type": "KEY"})
    assert str(info.value) == (
        "Invalid value KEY for configuration converter.type: String must be one of: key, value, "
        "header"
    )


def test_string_values_are_trimmed() -> None:
    """ConfigDef trims string values: " numeric " and " 5 " are NUMERIC and 5."""
    converter = _conv({"decimal.format": " numeric ", "schemas.cache.size": " 5 "})
    assert converter.from_connect_data(TOPIC, Decimal.schema(1), decimal.Decimal("1.5")) == (
        b'{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal",'
        b'"version":1,"parameters":{"scale":"1"}},"payload":1.5}'
    )


# ------------------------------------------------------------------------- caches, headers


def test_java_to_connect_cache_counts_schema_json() -> None:
    """testCacheSchemaToConnectConversion: one entry per distinct schema JSON, even if equivalent."""
    converter = _conv()
    assert converter.size_of_to_connect_schema_cache() == 0
    for text, size in (
        ('{ "schema": { "type": "boolean" }, "payload": true }', 1),
        ('{ "schema": { "type": "boolean" }, "payload": true }', 1),
        ('{ "schema": { "type": "boolean", "optional": true }, "payload": true }', 2),
        ('{ "schema": { "type": "boolean", "optional": false }, "payload": true }', 3),
    ):
        converter.to_connect_data(TOPIC, text.encode())
        assert converter.size_of_to_connect_schema_cache() == size


def test_to_connect_cache_ignores_member_order() -> None:
    """Schema JSON differing only in member order is one cache entry (JsonNode equality)."""
    converter = _conv()
    first = _env('{"type":"int32","optional":true,"parameters":{"a":"1","b":"2"}}', "1")
    second = _env('{"parameters":{"b":"2","a":"1"},"optional":true,"type":"int32"}', "1")
    schema = converter.to_connect_data(TOPIC, first.encode()).schema()
    assert converter.to_connect_data(TOPIC, second.encode()).schema() is schema
    assert converter.size_of_to_connect_schema_cache() == 1


def test_java_from_connect_cache_counts_equal_schemas_once() -> None:
    """testCacheSchemaToJsonConversion: equal schema objects share an entry."""
    converter = _conv()
    assert converter.size_of_from_connect_schema_cache() == 0
    converter.from_connect_data(TOPIC, SchemaBuilder.bool().build(), True)
    assert converter.size_of_from_connect_schema_cache() == 1
    converter.from_connect_data(TOPIC, SchemaBuilder.bool().build(), True)
    assert converter.size_of_from_connect_schema_cache() == 1
    converter.from_connect_data(TOPIC, SchemaBuilder.bool().optional().build(), True)
    assert converter.size_of_from_connect_schema_cache() == 2


def test_nested_schemas_are_cached_too() -> None:
    """asJsonSchema/asConnectSchema cache each nested schema (equal field schemas once)."""
    converter = _conv()
    schema = (
        SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).field("b", Schema.INT32_SCHEMA)
    ).build()
    converter.from_connect_data(TOPIC, schema, Struct(schema).put("a", 1).put("b", 2))
    assert converter.size_of_from_connect_schema_cache() == 2
    text = _env('{"type":"struct","fields":[{"type":"int32","field":"a"}]}', '{"a":1}')
    converter.to_connect_data(TOPIC, text.encode())
    assert converter.size_of_to_connect_schema_cache() == 2


@pytest.mark.parametrize("size", [0, -1])
def test_cache_size_zero_or_negative_keeps_nothing(size: int) -> None:
    """schemas.cache.size has no validator: 0 or less caches nothing and still converts."""
    converter = _conv({"schemas.cache.size": size})
    assert converter.from_connect_data(TOPIC, Schema.INT32_SCHEMA, 1) == (
        b'{"schema":{"type":"int32","optional":false},"payload":1}'
    )
    assert converter.to_connect_data(TOPIC, b'{"schema":{"type":"int32"},"payload":1}').value() == 1
    assert converter.size_of_from_connect_schema_cache() == 0
    assert converter.size_of_to_connect_schema_cache() == 0


def test_java_worker_style_config_is_accepted() -> None:
    """testJsonSchemaCacheSizeFromConfigFile: keys the converter does not define are ignored."""
    converter = _conv(
        {
            "bootstrap.servers": "localhost:9092",
            "key.converter": "org.apache.kafka.connect.json.JsonConverter",
            "key.converter.schemas.enable": "true",
            "offset.storage.file.filename": "/tmp/connect.offsets",
            "schemas.cache.size": "1",
        }
    )
    converter.from_connect_data(TOPIC, Schema.INT32_SCHEMA, 1)
    converter.from_connect_data(TOPIC, Schema.INT64_SCHEMA, 1)
    assert converter.size_of_from_connect_schema_cache() == 1


def test_java_headers_delegate_to_data_conversion() -> None:
    """testStringHeaderToJson / stringHeaderToConnect: headers use the record conversion."""
    converter = _conv()
    assert converter.from_connect_header(TOPIC, "headerName", Schema.STRING_SCHEMA, "s") == (
        b'{"schema":{"type":"string","optional":false},"payload":"s"}'
    )
    result = converter.to_connect_header(
        TOPIC, "headerName", b'{ "schema": { "type": "string" }, "payload": "foo-bar-baz" }'
    )
    assert result == SchemaAndValue(Schema.STRING_SCHEMA, "foo-bar-baz")


def test_is_key_changes_nothing_but_the_type() -> None:
    """The isKey flag only sets converter.type: a key converter writes and reads as a value one."""
    schema = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build()
    value = {1: "a", 2: None}
    key, val = _conv(is_key=True), _conv(is_key=False)
    assert key.converter_type() is ConverterType.KEY
    assert val.converter_type() is ConverterType.VALUE
    data = key.from_connect_data(TOPIC, schema, value)
    assert data == val.from_connect_data(TOPIC, schema, value)
    assert data is not None
    assert key.to_connect_data(TOPIC, data) == val.to_connect_data(TOPIC, data)


# ------------------------------------------------------------------------- replace.null.with.default


def _int_with_default() -> Schema:
    return SchemaBuilder.int32().optional().default_value(42).build()


@pytest.mark.parametrize(("replace", "payload"), [(True, "42"), (False, "null")])
def test_null_value_write_by_replace_null_with_default(replace: bool, payload: str) -> None:
    """A null under an optional schema with a default writes the default only when replacing."""
    text = _write(_int_with_default(), None, {"replace.null.with.default": replace})
    assert text == (
        '{"schema":{"type":"int32","optional":true,"default":42},"payload":' + payload + "}"
    )


@pytest.mark.parametrize(("replace", "value"), [(True, 42), (False, None)])
def test_null_value_read_by_replace_null_with_default(replace: bool, value: int | None) -> None:
    """A null payload of an optional schema with a default reads the default only when replacing."""
    text = _env('{"type":"int32","optional":true,"default":42}', "null")
    assert _read(text, {"replace.null.with.default": replace}).value() == value


@pytest.mark.parametrize(("replace", "payload"), [(True, '{"f":42}'), (False, '{"f":null}')])
def test_null_field_write_by_replace_null_with_default(replace: bool, payload: str) -> None:
    """An unset optional field with a default writes the default only when replacing."""
    schema = SchemaBuilder.struct().field("f", _int_with_default()).build()
    config = {"replace.null.with.default": replace, "schemas.enable": False}
    assert _write(schema, Struct(schema), config) == payload


@pytest.mark.parametrize(("replace", "value"), [(True, 42), (False, None)])
def test_null_field_read_by_replace_null_with_default(replace: bool, value: int | None) -> None:
    """A null or missing optional field with a default reads the default only when replacing."""
    schema_json = (
        '{"type":"struct","fields":[{"type":"int32","optional":true,"default":42,"field":"f"}]}'
    )
    for payload in ('{"f":null}', "{}"):
        result = _read(_env(schema_json, payload), {"replace.null.with.default": replace})
        assert result.value().get_without_default("f") == value


def test_nested_null_items_use_the_item_default() -> None:
    """Null array items and map values go through the same null rule as fields."""
    item = SchemaBuilder.int32().default_value(7).build()
    schema = SchemaBuilder.array(item).build()
    assert _write(schema, [1, None], {"schemas.enable": False}) == "[1,7]"
    with pytest.raises(DataException, match=r"^Conversion error: null value for field that is"):
        _write(schema, [None], {"schemas.enable": False, "replace.null.with.default": False})
    text = _env(
        '{"type":"map","keys":{"type":"string"},"values":{"type":"int32","default":7}}',
        '{"a":null}',
    )
    assert _read(text).value() == {"a": 7}
    with pytest.raises(DataException, match=r"^Invalid null value for required INT32 field$"):
        _read(text, {"replace.null.with.default": False})


# ------------------------------------------------------------------------- asConnectSchema branches


@pytest.mark.parametrize(
    ("schema_json", "error", "message"),
    [
        ('{"type":"array"}', DataException, "Array schema did not specify the element type"),
        (
            '{"type":"array","items":null}',
            DataException,
            "Array schema did not specify the element type",
        ),
        (
            '{"type":"map","values":{"type":"int32"}}',
            DataException,
            "Map schema did not specify the key type",
        ),
        (
            '{"type":"map","keys":{"type":"int32"}}',
            DataException,
            "Map schema did not specify the value type",
        ),
        (
            '{"type":"map","keys":{"type":"int32"},"values":null}',
            SchemaBuilderException,
            "valueSchema cannot be null.",
        ),
        ('{"type":"struct"}', DataException, 'Struct schema\'s "fields" argument is not an array.'),
        (
            '{"type":"struct","fields":{}}',
            DataException,
            'Struct schema\'s "fields" argument is not an array.',
        ),
        (
            '{"type":"struct","fields":[{"type":"int32"}]}',
            DataException,
            "Struct schema's field name not specified properly",
        ),
        (
            '{"type":"struct","fields":[{"type":"int32","field":1}]}',
            DataException,
            "Struct schema's field name not specified properly",
        ),
        (
            '{"type":"struct","fields":[5]}',
            DataException,
            "Struct schema's field name not specified properly",
        ),
        (
            '{"type":"int32","parameters":{"a":1}}',
            DataException,
            "Schema parameters must have string values.",
        ),
        ('{"type":"float32"}', DataException, "Unknown schema type: float32"),
        ('{"type":5}', DataException, "Schema must contain 'type' field"),
        ('"int32"', DataException, "Schema must contain 'type' field"),
        (
            '{"type":"int32","default":null}',
            DataException,
            "Invalid null value for required INT32 field",
        ),
    ],
)
def test_schema_json_errors(schema_json: str, error: type[Exception], message: str) -> None:
    """Each error branch of asConnectSchema, with Java's exception type and message."""
    with pytest.raises(error) as info:
        _read(_env(schema_json, "[]"))
    assert str(info.value) == message
    assert type(info.value) is error


def test_schema_json_lenient_metadata() -> None:
    """Non-text name/doc, non-integral version and non-boolean optional are ignored; versions wrap."""
    schema = _read(
        _env('{"type":"int32","optional":"true","name":1,"doc":[],"version":1.0}', "1")
    ).schema()
    assert schema is not None
    assert (schema.is_optional(), schema.name(), schema.doc(), schema.version()) == (
        False,
        None,
        None,
        None,
    )
    schema = _read(_env('{"type":"int32","version":4294967297}', "1")).schema()
    assert schema is not None and schema.version() == 1  # LongNode.intValue()
    result = _read(_env('{"type":"int32","optional":true,"default":null}', "null"))
    assert result.schema() == Schema.OPTIONAL_INT32_SCHEMA and result.value() is None


# ------------------------------------------------------------------------- convertToConnect branches


@pytest.mark.parametrize(
    ("schema_json", "payload", "message"),
    [
        (
            '{"type":"map","keys":{"type":"string"},"values":{"type":"int32"}}',
            "[]",
            "Maps with string fields should be encoded as JSON objects, but found ARRAY",
        ),
        (
            '{"type":"map","keys":{"type":"int32"},"values":{"type":"int32"}}',
            "{}",
            "Maps with non-string fields should be encoded as JSON array of tuples, but found OBJECT",
        ),
        (
            '{"type":"map","keys":{"type":"int32"},"values":{"type":"int32"}}',
            "[1]",
            "Found invalid map entry instead of array tuple: NUMBER",
        ),
        (
            '{"type":"map","keys":{"type":"int32"},"values":{"type":"int32"}}',
            "[[1,2,3]]",
            "Found invalid map entry, expected length 2 but found :3",
        ),
        (
            '{"type":"struct","fields":[{"type":"int32","field":"a"}]}',
            '"x"',
            "Structs should be encoded as JSON objects, but found STRING",
        ),
        (
            f'{{"type":"bytes","name":"{DECIMAL}","parameters":{{"scale":"2"}}}}',
            "[1]",
            "Invalid type for Decimal, underlying representation should be numeric or bytes but "
            "was ARRAY",
        ),
        (
            f'{{"type":"bytes","name":"{DECIMAL}","parameters":{{"scale":"x"}}}}',
            '"AQ=="',
            "Invalid bytes for Decimal field",
        ),
        (
            f'{{"type":"int32","name":"{TIME}"}}',
            "1.0",
            "Invalid type for Time, underlying representation should be integer but was NUMBER",
        ),
        ('{"type":"bytes"}', '"AQ"', "Invalid bytes field"),
    ],
)
def test_payload_errors(schema_json: str, payload: str, message: str) -> None:
    """Each error branch of convertToConnect, with Java's message."""
    with pytest.raises(DataException) as info:
        _read(_env(schema_json, payload))
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("schema_json", "payload", "value"),
    [
        (
            f'{{"type":"int64","name":"{TIMESTAMP}"}}',
            "18446744073709551616",
            dt.datetime(1970, 1, 1, tzinfo=UTC),
        ),
        (f'{{"type":"int32","name":"{DATE}"}}', "-1", dt.date(1969, 12, 31)),
        ('{"type":"bytes"}', '" AQID AQ== "', b"\x01\x02\x03\x01"),
        ('{"type":"bytes"}', '"AQ==AQ=="', b"\x01\x01"),
        ('{"type":"bytes"}', "5", None),
        ('{"type":"array","items":{"type":"int32"}}', "5", []),
    ],
)
def test_payload_leniencies(schema_json: str, payload: str, value: Any) -> None:
    """Jackson's accessors: BigInteger longValue wraps, base64 skips blanks between quads."""
    assert _read(_env(schema_json, payload)).value() == value


# ------------------------------------------------------------------------- convertToJson branches


@pytest.mark.parametrize(
    ("schema", "value", "message"),
    [
        (
            SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build(),
            "x",
            "Invalid type for STRUCT: class str",
        ),
        (
            SchemaBuilder.array(Schema.INT32_SCHEMA).build(),
            "x",
            "Invalid type for ARRAY: class str",
        ),
        (
            SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(),
            [1],
            "Invalid type for MAP: class list",
        ),
        (Schema.STRING_SCHEMA, 1, "Invalid type for STRING: class int"),
        (Schema.BOOLEAN_SCHEMA, 1, "Invalid type for BOOLEAN: class int"),
        (
            Decimal.schema(2),
            1.5,
            "Invalid type for Decimal, expected BigDecimal but was class float",
        ),
        (Date.SCHEMA, "x", "Invalid type for Date, expected Date but was class str"),
        (Time.SCHEMA, "x", "Invalid type for Time, expected Date but was class str"),
        (
            Timestamp.SCHEMA,
            dt.date(2020, 1, 1),
            "Invalid type for Timestamp, expected Date but was class date",
        ),
        (
            Date.SCHEMA,
            dt.datetime(2020, 1, 1, 1, tzinfo=UTC),
            "Kafka Connect Date type should not have any time fields set to non-zero values.",
        ),
        (
            SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(),
            {None: 1},
            "Conversion error: null value for field that is required and has no default value",
        ),
    ],
)
def test_value_errors(schema: Schema, value: Any, message: str) -> None:
    """Each error branch of convertToJson, with Java's message (Python class names)."""
    for config in ({}, {"schemas.enable": False}):
        with pytest.raises(DataException) as info:
            _write(schema, value, config)
        assert str(info.value) == message


def test_map_key_writes() -> None:
    """Object mode keys use asText(): a null key under an optional string schema is "null"."""
    schema = SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.INT32_SCHEMA).build()
    assert _write(schema, {None: 1, "a": 2}, {"schemas.enable": False}) == '{"null":1,"a":2}'
    assert _write(None, {}, {"schemas.enable": False}) == "{}"


def test_decimal_default_written_in_the_configured_format() -> None:
    """The schema default goes through convertToJson, so decimal.format applies to it too."""
    schema = Decimal.builder(2).default_value(decimal.Decimal("1.56")).build()
    base64_text = _write(schema, None)
    numeric_text = _write(schema, None, {"decimal.format": "numeric"})
    assert base64_text.endswith('"parameters":{"scale":"2"},"default":"AJw="},"payload":"AJw="}')
    assert numeric_text.endswith('"parameters":{"scale":"2"},"default":1.56},"payload":1.56}')


def test_bad_default_fails_only_with_schemas() -> None:
    """asJsonSchema converts the default first: a bad default fails only when schemas are written."""
    schema = Decimal.builder(2).default_value(decimal.Decimal("1.5")).build()
    with pytest.raises(DataException, match="scale"):
        _write(schema, decimal.Decimal("1.25"))
    assert _write(schema, decimal.Decimal("1.25"), {"schemas.enable": False}) == '"fQ=="'


def test_struct_fields_are_validated_by_struct_put() -> None:
    """A required string field read from a number is null, which Struct.put rejects."""
    schema_json = '{"type":"struct","fields":[{"type":"string","field":"a"}]}'
    with pytest.raises(DataException) as info:
        _read(_env(schema_json, '{"a":1}'))
    assert (
        str(info.value) == 'Invalid value: null used for required field: "a", schema type: STRING'
    )
    assert _read(_env('{"type":"string"}', "1")).value() is None  # no Struct.put at the top


def test_schemaless_struct_is_a_mismatching_schema() -> None:
    """A Struct written without a schema fails: its schema never equals null."""
    schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    with pytest.raises(DataException, match=r"^Mismatching schema\.$"):
        _write(None, Struct(schema).put("a", 1))


# ------------------------------------------------------------------------- Jackson's literal ends


@pytest.mark.parametrize(
    ("data", "value"),
    [
        (b"true~", True),  # not an identifier character
        (b"true\xc2\xb2", True),  # superscript two: No, not a Java identifier part
        (b"true\xc2\xb7", True),  # middle dot: Po
        (b"true\xc2\xa0", True),  # no-break space: Zs
        (b"true\x01", True),  # below '0': not checked at all
        (b"null\xc2\xad", DataException),  # soft hyphen: Cf, identifier-ignorable
        (b"true\xe2\x82\xac", DataException),  # euro sign: Sc
        (b"false\xcc\x81", DataException),  # combining acute: Mn
        (b"true\x7f", DataException),  # DEL: identifier-ignorable
        (b"true_", DataException),
        # beyond U+FFFF Jackson's UTF-8 parser keeps the low 16 bits of the code point:
        (b"true\xf0\x9d\x84\x9e", DataException),  # U+1D11E -> U+D11E, a Hangul syllable
        (b"true\xf0\x9f\x98\x80", True),  # U+1F600 -> U+F600, private use
        ("true\U0001d11e".encode("utf-16-be"), True),  # UTF-16: a high surrogate follows
        ("true\U0001d11e".encode("utf-32-le"), True),
    ],
)
def test_literal_followed_by_identifier_character(data: bytes, value: Any) -> None:
    """A literal followed by a Java identifier character (isJavaIdentifierPart) is a bad token."""
    converter = _conv({"schemas.enable": False})
    if value is DataException:
        with pytest.raises(DataException, match="Unrecognized token"):
            converter.to_connect_data(TOPIC, data)
    else:
        assert converter.to_connect_data(TOPIC, data).value() is value


def test_version_is_reported() -> None:
    """JsonConverter is Versioned (KIP-898): version() gives connectpy's version."""
    from converters.version import connectpy_version

    assert JsonConverter().version() == connectpy_version()


def _string_key_map(logical: str, **params: str) -> Schema:
    key_schema = SchemaBuilder.string().name(logical)
    for name, value in params.items():
        key_schema = key_schema.parameter(name, value)
    return SchemaBuilder.map(key_schema.build(), Schema.INT32_SCHEMA).build()


@pytest.mark.parametrize(
    ("schema", "key", "config", "payload"),
    [
        (_string_key_map(DECIMAL, scale="2"), decimal.Decimal("1.50"), {}, '{"AJY=":1}'),
        (
            _string_key_map(DECIMAL, scale="2"),
            decimal.Decimal("1.50"),
            {"decimal.format": "NUMERIC"},
            '{"1.50":1}',
        ),
        (_string_key_map(DATE), dt.date(2020, 1, 1), {}, '{"18262":1}'),
        (
            _string_key_map(TIMESTAMP),
            dt.datetime(2020, 1, 1, tzinfo=UTC),
            {},
            '{"1577836800000":1}',
        ),
    ],
)
def test_string_typed_logical_map_keys_make_an_object(
    json_writer: str, schema: Schema, key: Any, config: dict[str, Any], payload: str
) -> None:
    """Object mode goes by the key schema's type (STRING), the key is the logical value's text."""
    converter = _conv({"schemas.enable": False, **config})
    for _ in range(2):  # compiled on the first record, then the cached writer
        assert converter.from_connect_data(TOPIC, schema, {key: 1}) == payload.encode()
    enveloped = _conv(config)
    data = enveloped.from_connect_data(TOPIC, schema, {key: 1})
    assert data is not None and data.endswith(b',"payload":' + payload.encode() + b"}")
    # read back, the keys stay text: convertToConnect does not convert object member names
    text_key = payload[2 : payload.index('"', 2)]
    assert enveloped.to_connect_data(TOPIC, data).value() == {text_key: 1}


# ------------------------------------------------------------------------- Jackson's reading


def _low_64_bits(value: int) -> int:
    """BigInteger.longValue(): the low 64 bits as a signed long."""
    low = value & (2**64 - 1)
    return low - 2**64 if low >= 2**63 else low


@pytest.mark.parametrize(
    ("data", "value"),
    [
        (b"\x001", 1),  # two bytes 00 31: detected as UTF-16BE ("1")
        (b"1\x00", 1),  # 31 00: UTF-16LE
        (b"true$", True),  # below '0' is not checked after a literal
        (b"1\t", 1),
        (b"-" + b"1" * 1000, _low_64_bits(-int(b"1" * 1000))),  # the sign is not a digit
        (b"0" * 1000 + b"1", 1),  # skipped leading zeros are not counted
        (b"1." + b"1" * 997 + b"e-10", float(b"1." + b"1" * 997 + b"e-10")),  # 1000 digits
    ],
)
def test_jackson_accepts(data: bytes, value: Any) -> None:
    """Input Jackson (as Kafka configures it) reads, read the same way without a schema."""
    assert _conv({"schemas.enable": False}).to_connect_data(TOPIC, data).value() == value


@pytest.mark.parametrize(
    "data",
    [
        b"1\x7f",  # a root-level number must be followed by white space
        b"1]",
        b"\x01",  # only \r \n \t and space between tokens
        b"1." + b"1" * 998 + b"e-10",  # 1001 digits in all
        b'"\\x41"',
        b'"\\U00e9"',
    ],
)
def test_jackson_rejects(data: bytes) -> None:
    """Input Jackson refuses is a DataException with Kafka's serialization-error prefix."""
    with pytest.raises(DataException) as info:
        _conv({"schemas.enable": False}).to_connect_data(TOPIC, data)
    assert str(info.value).startswith(
        "Converting byte[] to Kafka Connect data failed due to serialization error: "
    )
