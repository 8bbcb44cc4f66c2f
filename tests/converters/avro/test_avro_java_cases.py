"""AvroData behaviours taken from Confluent's Java AvroDataTest / AvroConverterTest, re-derived.

Each test states the result Java's ``io.confluent.connect.avro.AvroData`` (schema-registry 8.5)
gives for the same input; schemas are compared as the Avro JSON Java's ``Schema.toString``
writes and values as the generic datums connectpy hands to fastavro.
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json
import re
from typing import Any

import pytest
from confluent_kafka.schema_registry import Schema as RegistrySchema
from fastavro import parse_schema as fastavro_parse
from fastavro import schemaless_reader, schemaless_writer

from connect_data import (
    DataException,
    Date,
    Decimal,
    Schema,
    SchemaAndValue,
    SchemaBuilder,
    Struct,
    Time,
    Timestamp,
)
from converters.avro import AvroConverter, AvroData, AvroDataConfig
from converters.avro.avro_data import ANYTHING_SCHEMA
from converters.avro.codec import layout_of
from converters.avro.connect_meta import scrub_name
from converters.avro.registry import mock_registry
from converters.avro.schema import AvroSchema, parse_schema

ENUM = "io.confluent.connect.avro.Enum"
UNION = "io.confluent.connect.avro.Union"
GEN_ENUM = "org.apache.kafka.connect.data.Enum"
GEN_UNION = "org.apache.kafka.connect.data.Union"
FIXED_SIZE = "connect.fixed.size"
PRECISION = "connect.decimal.precision"
MAP_ENTRY = {"type": "record", "name": "MapEntry", "namespace": "io.confluent.connect.avro"}


def _data(**config: Any) -> AvroData:
    settings: dict[str, Any] = {"schemas.cache.config": 2}
    settings.update({k.replace("_", "."): v for k, v in config.items()})
    return AvroData(AvroDataConfig(settings))


def _j(schema: AvroSchema) -> Any:
    return json.loads(str(schema))


def _binary_round_trip(avro: AvroSchema, datum: Any) -> Any:
    """Write the datum with fastavro under the schema and read it back (Java's binary path)."""
    parsed = fastavro_parse(json.loads(str(avro)))
    out = io.BytesIO()
    schemaless_writer(out, parsed, datum)
    return schemaless_reader(io.BytesIO(out.getvalue()), parsed, None)


def _schema_of(result: SchemaAndValue | None) -> Schema:
    """The (non-null) schema of a conversion result."""
    assert result is not None
    schema = result.schema()
    assert schema is not None
    return schema


def _round_trip(data: AvroData, schema: Schema, value: Any) -> SchemaAndValue:
    """Connect -> Avro binary (connectpy's codec) -> re-parsed schema -> Connect, as Java does."""
    avro = data.from_connect_schema(schema)
    out = io.BytesIO()
    layout_of(avro).write(data.encoder(schema, avro, physical=True)(value), out)
    reparsed = parse_schema(str(avro))
    datum = layout_of(reparsed).read(io.BytesIO(out.getvalue()))
    back = data.to_connect_schema_versioned(reparsed, None)
    return SchemaAndValue(back, data.decoder(reparsed, back, physical=True)(datum))


# ================================================================ Connect -> Avro: primitives


@pytest.mark.parametrize(
    ("schema", "value", "avro", "datum"),
    [
        (Schema.BOOLEAN_SCHEMA, True, "boolean", True),
        (Schema.INT8_SCHEMA, 12, {"type": "int", "connect.type": "int8"}, 12),
        (Schema.INT16_SCHEMA, 12, {"type": "int", "connect.type": "int16"}, 12),
        (Schema.INT32_SCHEMA, 12, "int", 12),
        (Schema.INT64_SCHEMA, 12, "long", 12),
        (Schema.FLOAT64_SCHEMA, 12.2, "double", 12.2),
        (Schema.BYTES_SCHEMA, b"foo", "bytes", b"foo"),
        (Schema.STRING_SCHEMA, "string", "string", "string"),
    ],
)
def test_from_connect_primitive(schema: Schema, value: Any, avro: Any, datum: Any) -> None:
    """Each primitive maps to its Avro type (int8/int16 marked connect.type) with the value as is."""
    data = _data()
    assert _j(data.from_connect_schema(schema)) == avro
    assert data.from_connect_data(schema, value) == datum


@pytest.mark.parametrize(
    "schema",
    [
        Schema.OPTIONAL_BOOLEAN_SCHEMA,
        Schema.OPTIONAL_INT8_SCHEMA,
        Schema.OPTIONAL_INT16_SCHEMA,
        Schema.OPTIONAL_INT32_SCHEMA,
        Schema.OPTIONAL_INT64_SCHEMA,
        Schema.OPTIONAL_FLOAT32_SCHEMA,
        Schema.OPTIONAL_FLOAT64_SCHEMA,
        Schema.OPTIONAL_BYTES_SCHEMA,
        Schema.OPTIONAL_STRING_SCHEMA,
        Decimal.builder(2).optional().build(),
        None,
    ],
)
def test_from_connect_null_of_optional_schema_is_null(schema: Schema | None) -> None:
    """A null value of an optional (or absent) schema converts to a null datum."""
    assert _data().from_connect_data(schema, None) is None


def test_from_connect_float32_keeps_the_float() -> None:
    """FLOAT32 is an Avro float holding the value."""
    data = _data()
    assert _j(data.from_connect_schema(Schema.FLOAT32_SCHEMA)) == "float"
    assert data.from_connect_data(Schema.FLOAT32_SCHEMA, 12.25) == 12.25


def test_from_connect_optional_primitive_with_metadata() -> None:
    """An optional string with a default is [string+connect props, null], value unwrapped."""
    schema = (
        SchemaBuilder.string()
        .doc("doc")
        .default_value("foo")
        .name("io.confluent.stringtype")
        .version(2)
        .optional()
        .parameter("foo", "bar")
        .parameter("baz", "baz")
        .build()
    )
    data = _data()
    assert _j(data.from_connect_schema(schema)) == [
        {
            "type": "string",
            "connect.doc": "doc",
            "connect.version": 2,
            "connect.parameters": {"foo": "bar", "baz": "baz"},
            "connect.default": "foo",
            "connect.name": "io.confluent.stringtype",
        },
        "null",
    ]
    assert data.from_connect_data(schema, "string") == "string"
    assert data.from_connect_data(schema, None) is None


# ================================================================ maps


def test_from_connect_map_with_string_key_is_an_avro_map() -> None:
    """map<string,int32> is an Avro map of int."""
    schema = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build()
    assert _j(_data().from_connect_schema(schema)) == {"type": "map", "values": "int"}


def test_from_connect_map_with_optional_key_is_an_array_of_map_entries() -> None:
    """An optional string key makes the map an array of MapEntry records (key optional)."""
    schema = SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.INT32_SCHEMA).build()
    assert _j(_data().from_connect_schema(schema)) == {
        "type": "array",
        "items": {
            **MAP_ENTRY,
            "fields": [
                {"name": "key", "type": ["null", "string"], "default": None},
                {"name": "value", "type": "int"},
            ],
        },
    }


def test_from_connect_map_with_allow_optional_map_keys_is_an_avro_map() -> None:
    """allow.optional.map.keys writes an optional string key as a plain Avro map."""
    schema = SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build()
    data = _data(allow_optional_map_keys=True)
    assert _j(data.from_connect_schema(schema)) == {"type": "map", "values": ["null", "string"]}


def test_from_connect_map_with_non_string_key() -> None:
    """map<int32,int32> is an array of io.confluent.connect.avro.MapEntry {key,value}."""
    schema = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).build()
    assert _j(_data().from_connect_schema(schema)) == {
        "type": "array",
        "items": {
            **MAP_ENTRY,
            "fields": [{"name": "key", "type": "int"}, {"name": "value", "type": "int"}],
        },
    }


NAMED_MAP_JSON = {
    "type": "array",
    "items": {
        "type": "record",
        "name": "bar",
        "namespace": "foo",
        "fields": [
            {"name": "key", "type": ["null", "string"], "default": None},
            {"name": "value", "type": "int"},
        ],
        "connect.internal.type": "MapEntry",
    },
    "connect.name": "foo.bar",
}


def test_named_map_with_non_string_key_uses_its_name_for_the_entry_record() -> None:
    """A named MapEntry map's record takes the map's name and connect.internal.type MapEntry."""
    schema = (
        SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.INT32_SCHEMA)
        .name("foo.bar")
        .build()
    )
    assert _j(_data().from_connect_schema(schema)) == NAMED_MAP_JSON


def test_to_connect_named_map_entry_array_is_a_named_map() -> None:
    """The named MapEntry array reads back as the named map<optional string,int32>."""
    expected = (
        SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.INT32_SCHEMA)
        .name("foo.bar")
        .build()
    )
    assert _data().to_connect_schema(parse_schema(json.dumps(NAMED_MAP_JSON))) == expected


# ================================================================ fixed


def test_fixed_round_trips_through_connect() -> None:
    """A fixed with connect.name/parameters reads as named BYTES and writes back the same fixed."""
    text = (
        '{"type":"fixed","name":"sample","size":4,'
        '"connect.parameters":{"connect.fixed.size":"4"},"connect.name":"sample"}'
    )
    data = _data()
    result = data.to_connect_data(parse_schema(text), b"foob")
    assert result is not None
    expected = SchemaBuilder.bytes().name("sample").parameter(FIXED_SIZE, "4").build()
    assert result.schema() == expected and result.value() == b"foob"
    assert _j(data.from_connect_schema(result.schema())) == json.loads(text)
    assert data.from_connect_data(result.schema(), result.value()) == b"foob"


def _optional_fixed(name: str, size: str) -> Schema:
    return SchemaBuilder.bytes().name(name).parameter(FIXED_SIZE, size).optional().build()


def _fixed_union_schema() -> Schema:
    return (
        SchemaBuilder.struct()
        .name(UNION)
        .field("sample", _optional_fixed("sample", "4"))
        .field("other", _optional_fixed("other", "6"))
        .field("sameOther", _optional_fixed("sameOther", "6"))
        .build()
    )


FIXED_UNION = (
    '[{"type":"fixed","name":"sample","size":4},{"type":"fixed","name":"other","size":6},'
    '{"type":"fixed","name":"sameOther","size":6}]'
)


def test_from_connect_fixed_union_picks_the_branch_by_size_and_name() -> None:
    """Fixed union members of one size are told apart by name: sample 0, other 1, sameOther 2."""
    union = _fixed_union_schema()
    data = _data()
    avro = data.from_connect_schema(union)
    assert [t["name"] for t in _j(avro)] == ["sample", "other", "sameOther"]
    assert data.from_connect_data(union, Struct(union).put("sample", b"foob")) == (
        "sample",
        b"foob",
    )
    assert data.from_connect_data(union, Struct(union).put("other", b"foobar"))[0] == "other"
    assert data.from_connect_data(union, Struct(union).put("sameOther", b"foobar"))[0] == (
        "sameOther"
    )


@pytest.mark.parametrize("enhanced", [False, True])
def test_to_connect_fixed_union(enhanced: bool) -> None:
    """A union of fixeds is an io.confluent.connect.avro.Union struct with one field per fixed."""
    data = _data(enhanced_avro_schema_support=enhanced)
    avro = parse_schema(FIXED_UNION)
    union = _fixed_union_schema()
    assert data.to_connect_schema(avro) == union
    for branch, value in (("sample", b"foob"), ("other", b"foobar"), ("sameOther", b"foobar")):
        result = data.to_connect_data(avro, (branch, value))
        assert result == SchemaAndValue(union, Struct(union).put(branch, value))


def test_to_connect_fixed() -> None:
    """A fixed reads as BYTES named after it with connect.fixed.size."""
    expected = SchemaBuilder.bytes().name("sample").parameter(FIXED_SIZE, "4").build()
    result = _data().to_connect_data(
        parse_schema('{"type":"fixed","name":"sample","size":4}'), b"foob"
    )
    assert result == SchemaAndValue(expected, b"foob")


# ================================================================ enums


def test_from_connect_enum_round_trips_with_enhanced_support() -> None:
    """With enhanced support an Avro enum read into Connect writes back as the same enum."""
    text = (
        '{"type":"enum","name":"enum","symbols":["one","two","three"],'
        '"connect.parameters":{"connect.enum.doc":"null","io.confluent.connect.avro.Enum":"enum",'
        '"io.confluent.connect.avro.Enum.one":"one","io.confluent.connect.avro.Enum.two":"two",'
        '"io.confluent.connect.avro.Enum.three":"three"},"connect.name":"enum"}'
    )
    data = _data(enhanced_avro_schema_support=True)
    result = data.to_connect_data(parse_schema(text), "one")
    assert result is not None and result.value() == "one"
    assert _j(data.from_connect_schema(result.schema())) == json.loads(text)
    assert data.from_connect_data(result.schema(), result.value()) == "one"


def test_from_connect_enum_with_generalized_sum_type_support() -> None:
    """A generalized enum (symbol -> ordinal parameters) writes as the Avro enum it names."""
    params = {
        "io.confluent.connect.avro.enum.doc.TestEnum": "some documentation",
        GEN_ENUM: "TestEnum",
        f"{GEN_ENUM}.foo": "0",
        f"{GEN_ENUM}.bar": "1",
        f"{GEN_ENUM}.baz": "2",
    }
    builder = SchemaBuilder.string().name("TestEnum")
    for key, value in params.items():
        builder.parameter(key, value)
    schema = builder.build()
    data = _data(generalized_sum_type_support=True)
    assert _j(data.from_connect_schema(schema)) == {
        "type": "enum",
        "name": "TestEnum",
        "doc": "some documentation",
        "symbols": ["foo", "bar", "baz"],
        "connect.parameters": params,
        "connect.name": "TestEnum",
    }
    assert data.from_connect_data(schema, "bar") == "bar"


def _enum_params(doc: bool, generalized: bool) -> Schema:
    builder = SchemaBuilder.string().name("TestEnum")
    if doc:
        builder.parameter("io.confluent.connect.avro.enum.doc.TestEnum", "some documentation")
    key = GEN_ENUM if generalized else ENUM
    builder.parameter(key, "TestEnum")
    for index, symbol in enumerate(("foo", "bar", "baz")):
        builder.parameter(f"{key}.{symbol}", str(index) if generalized else symbol)
    return builder.build()


@pytest.mark.parametrize(
    ("doc", "generalized"), [(True, False), (False, False), (True, True)], ids=str
)
def test_to_connect_enum(doc: bool, generalized: bool) -> None:
    """An Avro enum is a named STRING with the doc, the enum name and each symbol in parameters."""
    avro = {"type": "enum", "name": "TestEnum", "symbols": ["foo", "bar", "baz"]}
    if doc:
        avro["doc"] = "some documentation"
    data = _data(generalized_sum_type_support=generalized)
    result = data.to_connect_data(parse_schema(json.dumps(avro)), "bar")
    assert result == SchemaAndValue(_enum_params(doc, generalized), "bar")


ENUM_STRING_UNION_RECORD = (
    '{"type":"record","name":"EnumUnionTest","namespace":"com","fields":[{"name":"id","type":'
    '["null","string",{"type":"enum","name":"testEnum","symbols":["A","B","C","D"]}]}]}'
)


@pytest.mark.parametrize(
    ("datum", "expected"),
    [(None, None), (("string", "teststring"), "teststring"), (("com.testEnum", "A"), "A")],
)
def test_enum_string_union_round_trips_with_enhanced_support(datum: Any, expected: Any) -> None:
    """With enhanced support [null,string,enum] values come back in their own branch."""
    data = _data(enhanced_avro_schema_support=True)
    avro = parse_schema(ENUM_STRING_UNION_RECORD)
    result = data.to_connect_data(avro, {"id": datum})
    assert result is not None
    back = data.from_connect_data(result.schema(), result.value())
    if expected is None:
        assert back == {"id": None}
    else:
        label, value = back["id"]
        assert value == expected
        assert label == datum[0]


def test_enum_union_keeps_the_enum_branch_with_enhanced_support() -> None:
    """A [null, enum] field value read with enhanced support writes back as the enum symbol."""
    text = (
        '{"type":"record","name":"EnumUnion","namespace":"com.connect.avro","fields":[{"name":'
        '"userType","type":["null",{"type":"enum","name":"UserType","symbols":["ANONYMOUS",'
        '"REGISTERED"]}],"default":null}]}'
    )
    data = _data(enhanced_avro_schema_support=True)
    avro = parse_schema(text)
    for datum in ("ANONYMOUS", None):
        result = data.to_connect_data(avro, {"userType": datum})
        assert result is not None
        back = data.from_connect_data(result.schema(), result.value())
        assert back == {"userType": datum}
        assert _binary_round_trip(data.from_connect_schema(result.schema()), back) == back


# ================================================================ generalized sum types


def _generalized_union() -> tuple[Schema, Schema, Schema]:
    record1 = SchemaBuilder.struct().name("Test1").field("test", Schema.INT32_SCHEMA).optional()
    record2 = (
        SchemaBuilder.struct()
        .name("io.confluent.Test2")
        .field("test", Schema.INT32_SCHEMA)
        .optional()
    )
    r1, r2 = record1.build(), record2.build()
    union = (
        SchemaBuilder.struct()
        .name("connect_union_0")
        .parameter(GEN_UNION, "connect_union_0")
        .field("connect_union_field_0", Schema.OPTIONAL_INT32_SCHEMA)
        .field("connect_union_field_1", Schema.OPTIONAL_STRING_SCHEMA)
        .field("connect_union_field_2", r1)
        .field("connect_union_field_3", r2)
        .build()
    )
    return union, r1, r2


UNION4 = (
    '["int","string",{"type":"record","name":"Test1","fields":[{"name":"test","type":"int"}]},'
    '{"type":"record","name":"Test2","namespace":"io.confluent","fields":'
    '[{"name":"test","type":"int"}]}]'
)


def test_from_connect_union_with_generalized_sum_type_support() -> None:
    """connect_union_field_N values write into the Avro branch they name."""
    union, r1, r2 = _generalized_union()
    data = _data(generalized_sum_type_support=True)
    assert data.from_connect_data(union, Struct(union).put("connect_union_field_0", 12)) == (
        "int",
        12,
    )
    assert data.from_connect_data(union, Struct(union).put("connect_union_field_1", "x")) == (
        "string",
        "x",
    )
    value = Struct(union).put("connect_union_field_2", Struct(r1).put("test", 12))
    assert data.from_connect_data(union, value) == ("Test1", {"test": 12})
    value = Struct(union).put("connect_union_field_3", Struct(r2).put("test", 12))
    assert data.from_connect_data(union, value) == ("io.confluent.Test2", {"test": 12})


def test_to_connect_union_with_generalized_sum_type_support() -> None:
    """A four-branch union is connect_union_0 with connect_union_field_0..3."""
    union, r1, r2 = _generalized_union()
    data = _data(generalized_sum_type_support=True)
    avro = parse_schema(UNION4)
    assert data.to_connect_data(avro, ("int", 12)) == SchemaAndValue(
        union, Struct(union).put("connect_union_field_0", 12)
    )
    assert data.to_connect_data(avro, ("string", "s")) == SchemaAndValue(
        union, Struct(union).put("connect_union_field_1", "s")
    )
    result = data.to_connect_data(avro, ("Test1", {"test": 12}))
    expected = Struct(union).put("connect_union_field_2", Struct(r1).put("test", 12))
    assert result == SchemaAndValue(union, expected)
    result = data.to_connect_data(avro, ("io.confluent.Test2", {"test": 12}))
    expected = Struct(union).put("connect_union_field_3", Struct(r2).put("test", 12))
    assert result == SchemaAndValue(union, expected)


@pytest.mark.parametrize("enhanced", [False, True])
def test_to_connect_union(enhanced: bool) -> None:
    """Union fields are named by type, record name (full name with enhanced support)."""
    r1 = SchemaBuilder.struct().name("Test1").field("test", Schema.INT32_SCHEMA).optional().build()
    r2 = (
        SchemaBuilder.struct()
        .name("io.confluent.Test2")
        .field("test", Schema.INT32_SCHEMA)
        .optional()
        .build()
    )
    second = "io.confluent.Test2" if enhanced else "Test2"
    union = (
        SchemaBuilder.struct()
        .name(UNION)
        .field("int", Schema.OPTIONAL_INT32_SCHEMA)
        .field("string", Schema.OPTIONAL_STRING_SCHEMA)
        .field("Test1", r1)
        .field(second, r2)
        .build()
    )
    data = _data(enhanced_avro_schema_support=enhanced)
    avro = parse_schema(UNION4)
    assert data.to_connect_data(avro, ("int", 12)) == SchemaAndValue(
        union, Struct(union).put("int", 12)
    )
    assert data.to_connect_data(avro, ("string", "t")) == SchemaAndValue(
        union, Struct(union).put("string", "t")
    )
    assert data.to_connect_data(avro, ("Test1", {"test": 12})) == SchemaAndValue(
        union, Struct(union).put("Test1", Struct(r1).put("test", 12))
    )
    assert data.to_connect_data(avro, ("io.confluent.Test2", {"test": 12})) == SchemaAndValue(
        union, Struct(union).put(second, Struct(r2).put("test", 12))
    )


CONFLICT = (
    '[{"type":"record","name":"Test1","fields":[{"name":"test","type":"int"}]},'
    '{"type":"record","name":"Test1","namespace":"io.confluent","fields":'
    '[{"name":"test","type":"int"}]}]'
)


def test_to_connect_union_records_with_one_short_name_conflict() -> None:
    """Two union records with the same short name are refused unless enhanced support is on."""
    with pytest.raises(DataException, match="Multiple union schemas map to the Connect union"):
        _data().to_connect_data(parse_schema(CONFLICT), ("Test1", {"test": 12}))
    result = _data(enhanced_avro_schema_support=True).to_connect_data(
        parse_schema(CONFLICT), ("Test1", {"test": 12})
    )
    assert result is not None
    assert [f.name() for f in _schema_of(result).fields()] == ["Test1", "io.confluent.Test1"]


def test_to_connect_union_after_a_doc_change() -> None:
    """Unions whose record differs only in doc both convert (the cache does not mix them up)."""
    old = '{"type":"record","name":"FirstRecord","doc":"old doc","fields":[{"name":"int1","type":"int"}]}'
    new = old.replace("old doc", "new doc")
    other = '{"type":"record","name":"placeholder","doc":"old doc","fields":[{"name":"holder","type":"int"}]}'
    data = _data()
    for text in (old, new):
        result = data.to_connect_data(
            parse_schema(f"[{text},{other}]"), ("FirstRecord", {"int1": 12})
        )
        assert result is not None
        assert result.value().get("FirstRecord").get("int1") == 12


def test_to_connect_singleton_union_is_its_only_branch() -> None:
    """A one-branch union ["string"] reads as plain STRING."""
    result = _data().to_connect_data(parse_schema('["string"]'), "bar")
    assert result == SchemaAndValue(Schema.STRING_SCHEMA, "bar")


# ================================================================ names


def test_scrub_invalid_names_for_record_and_field() -> None:
    """scrub.invalid.names rewrites invalid record, namespace and field names with '_'."""
    schema = (
        SchemaBuilder.struct()
        .name("org.acme-corp.invalid record-name")
        .field("invalid field-name", Schema.STRING_SCHEMA)
        .build()
    )
    data = _data(scrub_invalid_names=True, connect_meta_data=False)
    assert _j(data.from_connect_schema(schema)) == {
        "type": "record",
        "name": "invalid_record_name",
        "namespace": "org.acme_corp",
        "fields": [{"name": "invalid_field_name", "type": "string"}],
    }
    datum = data.from_connect_data(schema, Struct(schema).put("invalid field-name", "foo"))
    assert datum == {"invalid_field_name": "foo"}


@pytest.mark.parametrize(
    ("name", "record", "namespace"),
    [
        ("invalid record-name", "invalid_record_name", None),
        (None, "ConnectDefault", "io.confluent.connect.avro"),
    ],
)
def test_scrub_invalid_names_of_optional_record(
    name: str | None, record: str, namespace: str | None
) -> None:
    """An optional record with invalid names is [null, scrubbed record] and its value writes."""
    builder = SchemaBuilder.struct().optional()
    if name is not None:
        builder.name(name)
    schema = builder.field(
        "invalid field-name", SchemaBuilder.bool().optional().default_value(None).build()
    ).build()
    data = _data(scrub_invalid_names=True, connect_meta_data=False)
    expected_record: dict[str, Any] = {"type": "record", "name": record}
    if namespace is not None:
        expected_record["namespace"] = namespace
    expected_record["fields"] = [
        {"name": "invalid_field_name", "type": ["null", "boolean"], "default": None}
    ]
    assert _j(data.from_connect_schema(schema)) == ["null", expected_record]
    datum = data.from_connect_data(schema, Struct(schema).put("invalid field-name", True))
    assert datum == {"invalid_field_name": True}


@pytest.mark.parametrize(
    ("name", "scrubbed"),
    [
        (None, None),
        ("", ""),
        ("abc_DEF_123", "abc_DEF_123"),
        ("abc+-.*_", "abc_2B____"),
        ("abc-def", "abc_def"),
        ("abc+def", "abc_2Bdef"),
        ("abc  def", "abc__def"),
        ("abc.def", "abc_def"),
        ("0abc.def", "x0abc_def"),
        ("0abc", "x0abc"),
    ],
)
def test_name_scrubbing(name: str | None, scrubbed: str | None) -> None:
    """Invalid characters are URL-encoded then replaced by '_'; a leading digit gets an 'x'."""
    assert scrub_name(name) == scrubbed


# ================================================================ structs, defaults


def _complex_schema() -> Schema:
    return (
        SchemaBuilder.struct()
        .field("int8", SchemaBuilder.int8().default_value(2).doc("int8 field").build())
        .field("int16", Schema.INT16_SCHEMA)
        .field("int32", Schema.INT32_SCHEMA)
        .field("int64", Schema.INT64_SCHEMA)
        .field("float32", Schema.FLOAT32_SCHEMA)
        .field("float64", Schema.FLOAT64_SCHEMA)
        .field("boolean", Schema.BOOLEAN_SCHEMA)
        .field("string", Schema.STRING_SCHEMA)
        .field("bytes", Schema.BYTES_SCHEMA)
        .field("array", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
        .field("map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
        .field(
            "mapNonStringKeys", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).build()
        )
        .build()
    )


def _complex_struct(schema: Schema) -> Struct:
    """A value of :func:`_complex_schema` with every field set (AvroDataTest's values)."""
    return (
        Struct(schema)
        .put("int8", 12)
        .put("int16", 12)
        .put("int32", 12)
        .put("int64", 12)
        .put("float32", 12.25)
        .put("float64", 12.2)
        .put("boolean", True)
        .put("string", "foo")
        .put("bytes", b"foo")
        .put("array", ["a", "b", "c"])
        .put("map", {"field": 1})
        .put("mapNonStringKeys", {1: 1})
    )


def test_from_connect_complex_struct() -> None:
    """A struct of every type is a ConnectDefault record; the int8 field carries its doc/default."""
    schema = _complex_schema()
    data = _data()
    assert _j(data.from_connect_schema(schema)) == {
        "type": "record",
        "name": "ConnectDefault",
        "namespace": "io.confluent.connect.avro",
        "fields": [
            {
                "name": "int8",
                "type": {
                    "type": "int",
                    "connect.doc": "int8 field",
                    "connect.default": 2,
                    "connect.type": "int8",
                },
                "default": 2,
            },
            {"name": "int16", "type": {"type": "int", "connect.type": "int16"}},
            {"name": "int32", "type": "int"},
            {"name": "int64", "type": "long"},
            {"name": "float32", "type": "float"},
            {"name": "float64", "type": "double"},
            {"name": "boolean", "type": "boolean"},
            {"name": "string", "type": "string"},
            {"name": "bytes", "type": "bytes"},
            {"name": "array", "type": {"type": "array", "items": "string"}},
            {"name": "map", "type": {"type": "map", "values": "int"}},
            {
                "name": "mapNonStringKeys",
                "type": {
                    "type": "array",
                    "items": {
                        "type": "record",
                        "name": "MapEntry",  # same namespace as ConnectDefault: not written
                        "fields": [
                            {"name": "key", "type": "int"},
                            {"name": "value", "type": "int"},
                        ],
                    },
                },
            },
        ],
    }
    struct = _complex_struct(schema)
    datum = data.from_connect_data(schema, struct)
    assert datum["mapNonStringKeys"] == [{"key": 1, "value": 1}]
    assert datum["int8"] == 12 and datum["bytes"] == b"foo" and datum["map"] == {"field": 1}
    assert _round_trip(data, schema, struct).value() == struct


def test_from_connect_struct_default_holding_nulls() -> None:
    """A struct default whose optional fields are unset converts to a schema without error."""
    builder = (
        SchemaBuilder.struct()
        .field("int8", SchemaBuilder.int8().optional().doc("int8 field").build())
        .field("string", SchemaBuilder.string().optional().doc("string field").build())
        .field("bytes", SchemaBuilder.bytes().optional().build())
        .field("array", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
        .field(
            "map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build()
        )
        .field("date", Date.builder().doc("date field").optional().build())
        .field("time", Time.builder().optional().build())
        .field("ts", Timestamp.builder().optional().build())
        .field("decimal", Decimal.builder(5).optional().build())
    )
    default = Struct(builder).put("int8", 2)
    schema = builder.default_value(default).build()
    avro = _j(_data().from_connect_schema(schema))
    assert avro["connect.default"]["int8"] == 2
    assert avro["connect.default"]["string"] is None


def test_from_connect_complex_with_defaults_round_trips() -> None:
    """Defaults of every type (logical ones too) survive Connect -> Avro -> Connect repeatedly."""
    date_default = dt.date(1970, 1, 1) + dt.timedelta(days=100)
    time_default = dt.time(2, 0)
    ts_default = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(
        milliseconds=1000 * 60 * 60 * 24 * 365 + 100
    )
    dec_default = decimal.Decimal("3.14159")
    schema = (
        SchemaBuilder.struct()
        .field("int8", SchemaBuilder.int8().default_value(2).doc("int8 field").build())
        .field("int16", SchemaBuilder.int16().default_value(12).doc("int16 field").build())
        .field("int32", SchemaBuilder.int32().default_value(12).doc("int32 field").build())
        .field("int64", SchemaBuilder.int64().default_value(12).doc("int64 field").build())
        .field("float32", SchemaBuilder.float32().default_value(12.25).build())
        .field("float64", SchemaBuilder.float64().default_value(12.2).build())
        .field("boolean", SchemaBuilder.bool().default_value(True).build())
        .field("string", SchemaBuilder.string().default_value("foo").build())
        .field("bytes", SchemaBuilder.bytes().default_value(b"foo").build())
        .field("array", SchemaBuilder.array(Schema.STRING_SCHEMA).default_value(["a", "b"]).build())
        .field(
            "map",
            SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA)
            .default_value({"field": 1})
            .build(),
        )
        .field("date", Date.builder().default_value(date_default).doc("date field").build())
        .field("time", Time.builder().default_value(time_default).build())
        .field("ts", Timestamp.builder().default_value(ts_default).build())
        .field("decimal", Decimal.builder(5).default_value(dec_default).build())
        .build()
    )
    data = _data()
    fields = {f["name"]: f for f in _j(data.from_connect_schema(schema))["fields"]}
    assert fields["date"]["default"] == 100
    assert fields["date"]["type"]["connect.default"] == 100
    assert fields["date"]["type"]["logicalType"] == "date"
    assert fields["time"]["default"] == 1000 * 60 * 60 * 2
    assert fields["decimal"]["type"]["connect.default"] == "\x04\xcb/"
    assert fields["decimal"]["default"] == "\x04\xcb/"
    assert fields["bytes"]["default"] == "foo"
    struct = Struct(schema)
    for field in schema.fields():
        struct.put(field.name(), field.schema().default_value())
    value: Any = struct
    current: Schema = schema
    for _ in range(3):
        result = _round_trip(data, current, value)
        assert result.schema() == schema
        assert result.value() == struct
        current, value = _schema_of(result), result.value()


def _inner_outer(named: bool) -> tuple[Schema, Schema, Struct]:
    inner_builder = SchemaBuilder.struct()
    outer_builder = SchemaBuilder.struct()
    if named:
        inner_builder.name("inner")
        outer_builder.name("outer")
    inner = inner_builder.field("value", Schema.INT64_SCHEMA).optional().build()
    outer = (
        outer_builder.field("struct", inner)
        .field("array", SchemaBuilder.array(inner).build())
        .build()
    )
    inner_value = Struct(inner).put("value", 46421)
    return inner, outer, Struct(outer).put("struct", inner_value).put("array", [inner_value])


@pytest.mark.parametrize("named", [True, False])
def test_optional_struct_used_twice_is_defined_once(named: bool) -> None:
    """An optional struct in a field and an array is defined once ([null, record]) and reused."""
    _, outer, value = _inner_outer(named)
    data = _data()
    avro = _j(data.from_connect_schema(outer))
    inner_name = "inner" if named else "ConnectDefault2"
    # an unnamed inner record shares the outer ConnectDefault's namespace, so it is not written
    record: dict[str, Any] = {"type": "record", "name": inner_name}
    record["fields"] = [{"name": "value", "type": "long"}]
    if named:
        record["connect.name"] = "inner"
    assert avro["fields"][0] == {"name": "struct", "type": ["null", record], "default": None}
    reference = inner_name if named else "ConnectDefault2"
    assert avro["fields"][1] == {
        "name": "array",
        "type": {"type": "array", "items": ["null", reference]},
    }
    assert avro["name"] == ("outer" if named else "ConnectDefault")
    result = _round_trip(data, outer, value)
    assert result == SchemaAndValue(outer, value)


def test_from_connect_optional_field_with_null_default() -> None:
    """An optional field with a null default is ["null", T] with "default": null."""
    schema = (
        SchemaBuilder.struct()
        .field("optionalBool", SchemaBuilder.bool().optional().default_value(None).build())
        .build()
    )
    data = _data()
    assert _j(data.from_connect_schema(schema))["fields"] == [
        {"name": "optionalBool", "type": ["null", "boolean"], "default": None}
    ]
    assert data.from_connect_data(schema, Struct(schema).put("optionalBool", True)) == {
        "optionalBool": True
    }


def test_from_connect_default_invalid_for_avro_is_dropped_from_the_field() -> None:
    """An array default Avro rejects for ["null","string"] items is kept only as connect.default."""
    schema = (
        SchemaBuilder.struct()
        .field(
            "array",
            SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA)
            .default_value(["a", "b", "c"])
            .build(),
        )
        .build()
    )
    data = _data()
    assert _j(data.from_connect_schema(schema))["fields"] == [
        {
            "name": "array",
            "type": {
                "type": "array",
                "items": ["null", "string"],
                "connect.default": ["a", "b", "c"],
            },
        }
    ]
    value = Struct(schema).put("array", ["a", "b", "c"])
    assert data.from_connect_data(schema, value) == {"array": ["a", "b", "c"]}


def test_from_connect_optional_anonymous_struct() -> None:
    """An optional unnamed struct value writes as its record."""
    schema = SchemaBuilder.struct().optional().field("int32", Schema.INT32_SCHEMA).build()
    assert _data().from_connect_data(schema, Struct(schema).put("int32", 12)) == {"int32": 12}


def test_ignore_default_for_nullables_writes_null_for_an_unset_optional() -> None:
    """ignore.default.for.nullables writes null, not the default, for an unset optional field."""
    schema = (
        SchemaBuilder.struct()
        .name("Record")
        .field("int32", Schema.INT32_SCHEMA)
        .field("string", SchemaBuilder.string().optional().default_value("default-string").build())
        .build()
    )
    value = Struct(schema).put("int32", 12)
    assert _data(ignore_default_for_nullables=True).from_connect_data(schema, value) == {
        "int32": 12,
        "string": None,
    }
    assert _data().from_connect_data(schema, value)["string"] == "default-string"


def test_from_connect_optional_complex_fields() -> None:
    """Optional struct, array, map and MapEntry map fields write values and nulls."""
    optional_struct = (
        SchemaBuilder.struct().optional().name("optionalStruct").field("int32", Schema.INT32_SCHEMA)
    ).build()
    schema = (
        SchemaBuilder.struct()
        .field("int32", Schema.INT32_SCHEMA)
        .field("optionalStruct", optional_struct)
        .field("optionalArray", SchemaBuilder.array(Schema.INT32_SCHEMA).optional().build())
        .field(
            "optionalMap",
            SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build(),
        )
        .field(
            "optionalMapNonStringKeys",
            SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).optional().build(),
        )
        .build()
    )
    data = _data()
    value = (
        Struct(schema)
        .put("int32", 12)
        .put("optionalStruct", Struct(optional_struct).put("int32", 12))
        .put("optionalArray", [12, 13])
        .put("optionalMap", {"field": 12})
        .put("optionalMapNonStringKeys", {123: 12})
    )
    assert data.from_connect_data(schema, value) == {
        "int32": 12,
        "optionalStruct": {"int32": 12},
        "optionalArray": [12, 13],
        "optionalMap": {"field": 12},
        "optionalMapNonStringKeys": [{"key": 123, "value": 12}],
    }
    empty = Struct(schema).put("int32", 12)
    assert data.from_connect_data(schema, empty) == {
        "int32": 12,
        "optionalStruct": None,
        "optionalArray": None,
        "optionalMap": None,
        "optionalMapNonStringKeys": None,
    }


def test_from_connect_record_with_metadata() -> None:
    """A named, versioned, documented struct carries connect.name/version/doc on the record."""
    schema = (
        SchemaBuilder.struct()
        .name("io.confluent.test.TestSchema")
        .version(12)
        .doc("doc")
        .field("int32", Schema.INT32_SCHEMA)
        .build()
    )
    data = _data()
    assert _j(data.from_connect_schema(schema)) == {
        "type": "record",
        "name": "TestSchema",
        "namespace": "io.confluent.test",
        "fields": [{"name": "int32", "type": "int"}],
        "connect.doc": "doc",
        "connect.version": 12,
        "connect.name": "io.confluent.test.TestSchema",
    }
    assert data.from_connect_data(schema, Struct(schema).put("int32", 12)) == {"int32": 12}


def test_to_connect_record_with_metadata() -> None:
    """Field doc and default come back as struct parameters and the field schema's default."""
    text = (
        '{"type":"record","name":"TestSchema","namespace":"io.confluent.test","fields":[{"name":'
        '"int32","type":"int","doc":"field doc","default":7}],"connect.name":'
        '"io.confluent.test.TestSchema","connect.version":12,"connect.doc":"doc"}'
    )
    schema = (
        SchemaBuilder.struct()
        .name("io.confluent.test.TestSchema")
        .version(12)
        .doc("doc")
        .field(
            "int32",
            SchemaBuilder.int32()
            .default_value(7)
            .parameter("io.confluent.connect.avro.field.default", "true")
            .build(),
        )
        .parameter("io.confluent.connect.avro.field.doc.int32", "field doc")
        .build()
    )
    result = _data().to_connect_data(parse_schema(text), {"int32": 12})
    assert result == SchemaAndValue(schema, Struct(schema).put("int32", 12))


# ================================================================ logical types


def _decimal_avro(precision: int, scale: int, fixed_size: int = 0) -> dict[str, Any]:
    params = {"scale": str(scale), PRECISION: str(precision)}
    base: dict[str, Any] = {"type": "bytes"}
    if fixed_size:
        base = {
            "type": "fixed",
            "name": "Decimal",
            "namespace": "org.apache.kafka.connect.data",
            "size": fixed_size,
        }
        params[FIXED_SIZE] = str(fixed_size)
    base.update(
        {
            "scale": scale,
            "precision": precision,
            "connect.version": 1,
            "connect.parameters": params,
            "connect.name": "org.apache.kafka.connect.data.Decimal",
            "logicalType": "decimal",
        }
    )
    return base


@pytest.mark.parametrize(("precision", "scale"), [(64, 2), (5, 7)])
def test_from_connect_decimal(precision: int, scale: int) -> None:
    """A Decimal with connect.decimal.precision is bytes+decimal; scale > precision still writes."""
    schema = Decimal.builder(scale).parameter(PRECISION, str(precision)).build()
    data = _data()
    avro = _j(data.from_connect_schema(schema))
    assert avro == _decimal_avro(precision, scale)
    unscaled = 156 if scale == 2 else 12358
    value = decimal.Decimal(unscaled).scaleb(-scale)
    datum = data.from_connect_data(schema, value)
    assert datum == unscaled.to_bytes(2, "big", signed=True)
    back = data.to_connect_data(parse_schema(json.dumps(avro)), datum)
    assert back == SchemaAndValue(schema, value)


def test_from_connect_fixed_decimal() -> None:
    """A Decimal with connect.fixed.size is the fixed org.apache.kafka.connect.data.Decimal."""
    schema = Decimal.builder(2).parameter(PRECISION, "64").parameter(FIXED_SIZE, "100").build()
    data = _data()
    avro = _j(data.from_connect_schema(schema))
    assert avro == _decimal_avro(64, 2, 100)
    datum = data.from_connect_data(schema, decimal.Decimal("1.56"))
    assert datum == bytes(98) + b"\x00\x9c"
    back = data.to_connect_data(parse_schema(json.dumps(avro)), datum)
    assert back == SchemaAndValue(schema, decimal.Decimal("1.56"))


@pytest.mark.parametrize(
    ("unscaled", "pad"), [(0, b"\x00"), (-1, b"\xff"), (156, b"\x00"), (-156, b"\xff")]
)
def test_fixed_decimal_short_unscaled_value_is_sign_extended(unscaled: int, pad: bytes) -> None:
    """A fixed-backed Decimal shorter than the size is left-padded with its sign and reads back."""
    dec = Decimal.builder(9).parameter(PRECISION, "38").parameter(FIXED_SIZE, "16").build()
    schema = SchemaBuilder.struct().name("row").field("amount", dec).build()
    value = decimal.Decimal(unscaled).scaleb(-9)
    data = _data()
    datum = data.from_connect_data(schema, Struct(schema).put("amount", value))
    raw = datum["amount"]
    assert len(raw) == 16 and int.from_bytes(raw, "big", signed=True) == unscaled
    assert raw[0:1] == pad
    result = _round_trip(data, schema, Struct(schema).put("amount", value))
    assert result.value().get("amount") == value


def test_fixed_decimal_longer_than_the_fixed_size_is_refused() -> None:
    """An unscaled value needing more bytes than connect.fixed.size is a DataException."""
    dec = Decimal.builder(0).parameter(PRECISION, "4").parameter(FIXED_SIZE, "2").build()
    schema = SchemaBuilder.struct().name("row").field("amount", dec).build()
    with pytest.raises(DataException):
        _data().from_connect_data(schema, Struct(schema).put("amount", decimal.Decimal(100000)))


def test_non_decimal_fixed_of_the_wrong_length_is_refused() -> None:
    """A plain fixed value shorter than its size is not padded: writing it fails."""
    fixed = SchemaBuilder.bytes().name("myFixed").parameter(FIXED_SIZE, "16").build()
    schema = SchemaBuilder.struct().name("row").field("id", fixed).build()
    with pytest.raises(DataException):
        _data().from_connect_data(schema, Struct(schema).put("id", b"\x01\x02\x03\x04"))


@pytest.mark.parametrize(
    ("schema", "avro_type", "logical", "raw", "value"),
    [
        (Date.SCHEMA, "int", "date", 10000, dt.date(1997, 5, 19)),
        (Time.SCHEMA, "int", "time-millis", 10000, dt.time(0, 0, 10)),
        (
            Timestamp.SCHEMA,
            "long",
            "timestamp-millis",
            1_700_000_000_123,
            dt.datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=dt.timezone.utc),
        ),
    ],
)
def test_from_connect_date_time_timestamp(
    schema: Schema, avro_type: str, logical: str, raw: int, value: Any
) -> None:
    """Date/Time/Timestamp write days/millis with logicalType and connect.name/version."""
    data = _data()
    assert _j(data.from_connect_schema(schema)) == {
        "type": avro_type,
        "connect.version": 1,
        "connect.name": schema.name(),
        "logicalType": logical,
    }
    assert data.from_connect_data(schema, value) == raw
    by_name = {"type": avro_type, "connect.name": schema.name(), "connect.version": 1}
    by_logical = {"type": avro_type, "logicalType": logical}
    for avro in (by_name, by_logical):
        assert data.to_connect_data(parse_schema(json.dumps(avro)), raw) == SchemaAndValue(
            schema, value
        )


def test_to_connect_decimal_from_connect_parameters() -> None:
    """Bytes named Decimal with parameters {scale: 2} read as Decimal(2)."""
    avro = (
        '{"type":"bytes","connect.name":"org.apache.kafka.connect.data.Decimal",'
        '"connect.version":1,"connect.parameters":{"scale":"2"}}'
    )
    result = _data().to_connect_data(parse_schema(avro), b"\x00\x9c")
    assert result == SchemaAndValue(Decimal.schema(2), decimal.Decimal("1.56"))


@pytest.mark.parametrize(
    ("avro", "scale", "fixed"),
    [
        ({"type": "bytes", "logicalType": "decimal", "precision": 50, "scale": 2}, 2, None),
        ({"type": "bytes", "logicalType": "decimal", "precision": 50}, 0, None),
    ],
)
def test_to_connect_avro_decimal(avro: dict[str, Any], scale: int, fixed: str | None) -> None:
    """An Avro bytes decimal reads as Decimal(scale, default 0) with its non-64 precision kept."""
    builder = Decimal.builder(scale).parameter(PRECISION, "50")
    if fixed is not None:
        builder.parameter(FIXED_SIZE, fixed)
    expected = builder.build()
    raw = b"\x00\x9c" if fixed is None else bytes(98) + b"\x00\x9c"
    result = _data().to_connect_data(parse_schema(json.dumps(avro)), raw)
    assert result is not None
    assert _schema_of(result).parameters() == expected.parameters()
    assert result.schema() == expected
    assert result.value() == decimal.Decimal(156).scaleb(-scale)


# ================================================================ mismatches


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        (Schema.OPTIONAL_BOOLEAN_SCHEMA, 12),
        (Schema.BOOLEAN_SCHEMA, None),
        (SchemaBuilder.array(Schema.BOOLEAN_SCHEMA).build(), [12]),
        (SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(), {True: 12}),
        (SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(), {"foobar": 12.0}),
        (SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).build(), {True: 12}),
        (SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).build(), {12: "x"}),
    ],
)
def test_from_connect_value_not_matching_the_schema(schema: Schema, value: Any) -> None:
    """A value of the wrong type (or null for a required schema) is a DataException."""
    with pytest.raises(DataException):
        _data().from_connect_data(schema, value)


def test_from_connect_struct_of_another_schema() -> None:
    """A Struct built on a different schema than the one given is a DataException."""
    first = SchemaBuilder.struct().field("foo", Schema.BOOLEAN_SCHEMA).build()
    second = SchemaBuilder.struct().field("foo", Schema.OPTIONAL_BOOLEAN_SCHEMA).build()
    with pytest.raises(DataException, match="Mismatching struct schema"):
        _data().from_connect_data(first, Struct(second).put("foo", None))


@pytest.mark.parametrize(
    ("avro", "datum"),
    [
        (
            '{"type":"record","name":"Record","fields":[{"name":"string","type":"string"}]}',
            {"string": None},
        ),
        ('"int"', "12"),
        ('{"type":"array","items":"string"}', [1, 2, 3]),
        ('{"type":"map","values":"int"}', {"foo": "x"}),
        (
            '{"type":"record","name":"Record","fields":[{"name":"string","type":"string"}]}',
            {"string": 12},
        ),
        ('"null"', True),
    ],
)
def test_to_connect_datum_not_matching_the_schema(avro: str, datum: Any) -> None:
    """A datum that does not match its Avro schema (or a standalone null type) is a DataException."""
    with pytest.raises(DataException):
        _data().to_connect_data(parse_schema(avro), datum)


# ================================================================ schemaless


SCHEMALESS_CASES: list[tuple[Any, Any]] = [
    (12, {"int": 12}),
    (2**40, {"long": 2**40}),
    (12.2, {"double": 12.2}),
    (True, {"boolean": True}),
    ("teststring", {"string": "teststring"}),
]


@pytest.mark.parametrize(("value", "fields"), SCHEMALESS_CASES)
def test_schemaless_values_use_one_field_of_the_anything_record(value: Any, fields: Any) -> None:
    """A schemaless value sets the one Anything field of its type; the others stay null."""
    data = _data()
    datum = data.from_connect_data(None, value)
    assert {k: v for k, v in datum.items() if v is not None} == fields
    assert data.to_connect_data(ANYTHING_SCHEMA, datum) == SchemaAndValue(None, value)


def test_schemaless_collections_and_nulls() -> None:
    """Schemaless arrays and maps nest Anything records; a null inside is an empty Anything."""
    data = _data()
    value = {12: "teststring", 13: None, "l": [12, "teststring", None]}
    datum = data.from_connect_data(None, value)
    back = data.to_connect_data(ANYTHING_SCHEMA, _binary_round_trip(ANYTHING_SCHEMA, datum))
    assert back == SchemaAndValue(None, value)
    assert data.from_connect_data(None, None) is None
    empty = data.to_connect_data(ANYTHING_SCHEMA, data.from_connect_data(None, [None])["array"][0])
    assert empty == SchemaAndValue(None, None)


# ================================================================ caches


def test_from_connect_schema_cache_is_bounded() -> None:
    """The Connect->Avro schema cache holds one entry per schema, up to schemas.cache.config."""
    data = _data()
    cache = data._from_connect_schema_cache
    assert len(cache) == 0
    data.from_connect_data(Schema.BOOLEAN_SCHEMA, True)
    assert len(cache) == 1
    data.from_connect_data(Schema.BOOLEAN_SCHEMA, True)
    assert len(cache) == 1
    data.from_connect_data(Schema.OPTIONAL_BOOLEAN_SCHEMA, True)
    assert len(cache) == 2
    data.from_connect_data(Schema.STRING_SCHEMA, "foo")
    assert len(cache) == 2


def test_to_connect_schema_cache_is_bounded() -> None:
    """The Avro->Connect schema cache holds one entry per schema, up to schemas.cache.config."""
    data = _data()
    cache = data._to_connect_schema_cache
    assert len(cache) == 0
    data.to_connect_data(parse_schema('"boolean"'), True)
    assert len(cache) == 1
    data.to_connect_data(parse_schema('"boolean"'), True)
    assert len(cache) == 1
    data.to_connect_data(parse_schema('"int"'), 32)
    assert len(cache) == 2
    data.to_connect_data(parse_schema('"string"'), "foo")
    assert len(cache) == 2


# ================================================================ Avro -> Connect


@pytest.mark.parametrize(
    ("avro", "datum", "schema"),
    [
        ('"boolean"', True, Schema.BOOLEAN_SCHEMA),
        ('"int"', 12, Schema.INT32_SCHEMA),
        ('"long"', 12, Schema.INT64_SCHEMA),
        ('"float"', 12.0, Schema.FLOAT32_SCHEMA),
        ('"double"', 12.0, Schema.FLOAT64_SCHEMA),
        ('"string"', "teststring", Schema.STRING_SCHEMA),
        ('["null","string"]', "teststring", Schema.OPTIONAL_STRING_SCHEMA),
        ('"bytes"', b"foo", Schema.BYTES_SCHEMA),
        ('{"type":"int","connect.type":"int8"}', 12, Schema.INT8_SCHEMA),
        ('{"type":"int","connect.type":"int16"}', 12, Schema.INT16_SCHEMA),
    ],
)
def test_to_connect_primitive(avro: str, datum: Any, schema: Schema) -> None:
    """Each Avro primitive reads as its Connect type; connect.type picks int8/int16."""
    assert _data().to_connect_data(parse_schema(avro), datum) == SchemaAndValue(schema, datum)


def test_to_connect_null_datum_is_null() -> None:
    """A null datum gives no SchemaAndValue at all."""
    assert _data().to_connect_data(parse_schema('["null","string"]'), None) is None


def test_to_connect_array_and_string_keyed_map_convert_their_elements() -> None:
    """Array and map elements marked int8 are converted element by element."""
    data = _data()
    array = parse_schema('{"type":"array","items":{"type":"int","connect.type":"int8"}}')
    assert data.to_connect_data(array, [12, 13]) == SchemaAndValue(
        SchemaBuilder.array(Schema.INT8_SCHEMA).build(), [12, 13]
    )
    mapping = parse_schema('{"type":"map","values":{"type":"int","connect.type":"int8"}}')
    assert data.to_connect_data(mapping, {"field": 12}) == SchemaAndValue(
        SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT8_SCHEMA).build(), {"field": 12}
    )


@pytest.mark.parametrize("value", ["sample string", None])
def test_to_connect_record_with_optional_field(value: str | None) -> None:
    """A record with an int8 field and an optional string reads with the value or null."""
    avro = parse_schema(
        '{"type":"record","name":"Record","fields":[{"name":"int8","type":{"type":"int",'
        '"connect.type":"int8"}},{"name":"string","type":["null","string"],"default":null}]}'
    )
    schema = (
        SchemaBuilder.struct()
        .name("Record")
        .field("int8", Schema.INT8_SCHEMA)
        .field("string", Schema.OPTIONAL_STRING_SCHEMA)
        .build()
    )
    result = _data().to_connect_data(avro, {"int8": 12, "string": value})
    assert result == SchemaAndValue(schema, Struct(schema).put("int8", 12).put("string", value))


@pytest.mark.parametrize("value", [["test"], None])
def test_to_connect_record_with_optional_array(value: list[str] | None) -> None:
    """An optional array field ([null, array]) reads as an optional Connect array."""
    avro = parse_schema(
        '{"type":"record","name":"Record","fields":[{"name":"string","type":["null","string"],'
        '"default":null},{"name":"array","type":["null",{"type":"array","items":"string"}]}]}'
    )
    schema = (
        SchemaBuilder.struct()
        .name("Record")
        .field("string", Schema.OPTIONAL_STRING_SCHEMA)
        .field("array", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
        .build()
    )
    result = _data().to_connect_data(avro, {"string": "xx", "array": value})
    assert result == SchemaAndValue(schema, Struct(schema).put("string", "xx").put("array", value))


@pytest.mark.parametrize("inner", [{"string": "xx"}, None])
def test_to_connect_record_with_optional_record_first_in_union(inner: Any) -> None:
    """A [record, null] field reads as an optional struct, with the value or null."""
    avro = parse_schema(
        '{"type":"record","name":"Record","fields":[{"name":"nestedRecord","type":[{"type":'
        '"record","name":"nestedRecord","fields":[{"name":"string","type":"string"}]},"null"]}]}'
    )
    nested = (
        SchemaBuilder.struct().optional().name("nestedRecord").field("string", Schema.STRING_SCHEMA)
    ).build()
    schema = SchemaBuilder.struct().name("Record").field("nestedRecord", nested).build()
    datum = {"nestedRecord": inner}
    expected = Struct(schema).put(
        "nestedRecord", None if inner is None else Struct(nested).put("string", "xx")
    )
    assert _data().to_connect_data(avro, datum) == SchemaAndValue(schema, expected)


@pytest.mark.parametrize("value", ["some value", None])
def test_to_connect_map_entry_array(value: str | None) -> None:
    """An array of MapEntry {int8 key, value} reads as a map with converted keys and values."""
    avro = parse_schema(
        '{"type":"array","items":{"type":"record","name":"MapEntry","namespace":'
        '"io.confluent.connect.avro","fields":[{"name":"key","type":{"type":"int",'
        '"connect.type":"int8"}},{"name":"value","type":["null","string"]}]}}'
    )
    schema = SchemaBuilder.map(Schema.INT8_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build()
    result = _data().to_connect_data(avro, [{"key": 12, "value": value}])
    assert result == SchemaAndValue(schema, {12: value})


def test_to_connect_map_entry_array_of_int8_and_int16() -> None:
    """MapEntry key int8 and value int16 read as map<int8,int16>."""
    avro = parse_schema(
        '{"type":"array","items":{"type":"record","name":"MapEntry","namespace":'
        '"io.confluent.connect.avro","fields":[{"name":"key","type":{"type":"int",'
        '"connect.type":"int8"}},{"name":"value","type":{"type":"int","connect.type":"int16"}}]}}'
    )
    schema = SchemaBuilder.map(Schema.INT8_SCHEMA, Schema.INT16_SCHEMA).build()
    assert _data().to_connect_data(avro, [{"key": 12, "value": 16}]) == SchemaAndValue(
        schema, {12: 16}
    )


def test_to_connect_optional_primitive_with_connect_metadata() -> None:
    """[string with connect.* props, null] reads as the optional named string with its default."""
    avro = parse_schema(
        '[{"type":"string","connect.name":"io.confluent.stringtype","connect.version":2,'
        '"connect.doc":"doc","connect.default":"foo","connect.parameters":{"foo":"bar",'
        '"baz":"baz"}},"null"]'
    )
    schema = (
        SchemaBuilder.string()
        .doc("doc")
        .default_value("foo")
        .name("io.confluent.stringtype")
        .version(2)
        .optional()
        .parameter("foo", "bar")
        .parameter("baz", "baz")
        .build()
    )
    assert _data().to_connect_data(avro, "string") == SchemaAndValue(schema, "string")


def test_to_connect_without_metadata_ignores_record_docs() -> None:
    """With connect.meta.data=false two records differing in doc give the same parameters."""
    first = (
        '{"type":"record","name":"ListingStateChangedEventKeyRecord","namespace":'
        '"com.acme.property","doc":"Listing State Changed Event Key","fields":[{"name":'
        '"listingUuid","type":{"type":"string","avro.java.string":"String"}}]}'
    )
    second = (
        '{"type":"record","name":"ListingStateChangedEventKeyRecord","namespace":'
        '"com.acme.property","doc":"Another listing State Changed Event Key","fields":[{"name":'
        '"listingUuid","type":"string"}]}'
    )
    data = _data(connect_meta_data=False)
    one = data.to_connect_schema(parse_schema(first))
    two = data.to_connect_schema(parse_schema(second))
    assert one.parameters() == two.parameters()


@pytest.mark.parametrize(("avro_type", "expected"), [("int", 42), ("long", 42)])
def test_connect_default_of_a_field_type(avro_type: str, expected: int) -> None:
    """connect.default 42 on an int or long field type becomes that field's default."""
    text = (
        '{"type":"record","name":"SomeThing","namespace":"com.acme.property","fields":[{"name":'
        f'"f","type":{{"type":"{avro_type}","connect.default":42,"connect.version":1}}}}]}}'
    )
    schema = AvroData(1).to_connect_schema(parse_schema(text))
    field = schema.field("f")
    assert field is not None and field.schema().default_value() == expected


def test_nested_record_with_null_default_field() -> None:
    """A record default {"nullableString": null} is valid and the value reads back null."""
    text = (
        '{"name":"RecordWithObjectDefault","type":"record","fields":[{"name":"obj","default":'
        '{"nullableString":null},"type":{"name":"Object","type":"record","fields":[{"name":'
        '"nullableString","type":["null","string"]}]}}]}'
    )
    result = AvroData(1).to_connect_data(parse_schema(text), {"obj": {"nullableString": None}})
    assert result is not None
    obj = result.value().get("obj")
    assert obj is not None and obj.get("nullableString") is None


def test_array_of_record_without_namespace() -> None:
    """An array of a record without namespace converts."""
    avro = '{"type":"array","items":{"type":"record","name":"item","fields":[{"name":"value","type":"int"}]}}'
    schema = _data().to_connect_schema(parse_schema(avro))
    items = schema.value_schema()
    assert items is not None and items.name() == "item"


def _message(connect_name: str, version: int) -> str:
    return (
        '{"type":"record","name":"Message","namespace":"org.cmatta.kafka.connect.irc","fields":'
        '[{"name":"createdat","type":{"type":"long","connect.doc":"When this message was '
        f'received.","connect.version":{version},"connect.name":"{connect_name}",'
        '"logicalType":"timestamp-millis"}}]}'
    )


def test_logical_type_with_matching_name_and_version() -> None:
    """A timestamp-millis long with connect.name Timestamp and version 1 converts."""
    schema = _data().to_connect_schema(
        parse_schema(_message("org.apache.kafka.connect.data.Timestamp", 1))
    )
    field = schema.field("createdat")
    assert field is not None and field.schema().name() == Timestamp.LOGICAL_NAME


def test_logical_type_with_mismatching_name() -> None:
    """A timestamp-millis long with another connect.name is a DataException (Mismatched names)."""
    with pytest.raises(DataException, match="Mismatched names"):
        _data().to_connect_schema(parse_schema(_message("com.custom.Timestamp", 1)))


def test_logical_type_with_mismatching_version() -> None:
    """A timestamp-millis long with connect.version 2 is a DataException (Mismatched versions)."""
    with pytest.raises(DataException, match="Mismatched versions"):
        _data().to_connect_schema(
            parse_schema(_message("org.apache.kafka.connect.data.Timestamp", 2))
        )


# ================================================================ cycles


LINKED_LIST = (
    '{"type": "record","name": "linked_list","fields" : [{"name": "value", "type": "long"},'
    '{"name": "next", "type": ["null", "linked_list"],"default" : null}]}'
)


def test_cyclical_record_round_trips() -> None:
    """A linked list record reads as nested structs and writes back to the same datum."""
    data = _data(connect_meta_data=False, enhanced_avro_schema_support=False)
    avro = parse_schema(LINKED_LIST)
    datum = {"value": 3, "next": {"value": 2, "next": None}}
    result = data.to_connect_data(avro, datum)
    assert result is not None
    head = result.value()
    assert head.get("value") == 3 and head.get("next").get("value") == 2
    assert head.get("next").get("next") is None
    assert data.from_connect_data(result.schema(), head) == datum


def test_array_cycle_round_trips() -> None:
    """A record holding an optional array of itself reads and writes back unchanged."""
    text = (
        '{"type": "record","name": "Users","fields" : [{"name": "name", "type": "string"},'
        '{"name": "friends", "type" : [ "null", {"type": "array", "items":"Users"}], '
        '"default" : null}]}'
    )
    data = _data(connect_meta_data=False, enhanced_avro_schema_support=False)
    avro = parse_schema(text)
    a = {"name": "Person A", "friends": None}
    b = {"name": "Person B", "friends": [a]}
    c = {"name": "Person C", "friends": [a, b]}
    result = data.to_connect_data(avro, c)
    assert result is not None
    person = result.value()
    assert [f.get("name") for f in person.get("friends")] == ["Person A", "Person B"]
    assert person.get("friends")[0].get("friends") is None
    assert data.from_connect_data(result.schema(), person) == c


def test_map_cycle_round_trips() -> None:
    """A record holding an optional map of itself reads and writes back unchanged."""
    text = (
        '{"type": "record","name": "Node","fields" : [{"name": "value", "type": "long"},'
        '{"name": "siblings", "type" : [ "null", {"type": "map", "values":"Node"}], '
        '"default" : null}]}'
    )
    data = _data(connect_meta_data=False)
    node1 = {"value": 1, "siblings": None}
    node2 = {"value": 2, "siblings": {"node1": node1}}
    node3 = {"value": 3, "siblings": {"node1": node1, "node2": node2}}
    result = data.to_connect_data(parse_schema(text), node3)
    assert result is not None
    assert result.value().get("siblings")["node2"].get("value") == 2
    assert data.from_connect_data(result.schema(), result.value()) == node3


def test_union_cycle_round_trips() -> None:
    """A record with a [null, string, itself] field round-trips through its generated schema."""
    text = (
        '{"type":"record","name":"Person","fields":[{"name":"name","type":"string"},'
        '{"name":"follows","type":["null","string","Person"]}]}'
    )
    data = _data(connect_meta_data=False)
    avro = data.from_connect_schema(data.to_connect_schema(parse_schema(text)))
    leader = {"name": "Leader", "follows": None}
    follower = {"name": "Follower", "follows": ("Person", leader)}
    first = data.to_connect_data(avro, follower, 1)
    assert first is not None
    assert first == data.to_connect_data(avro, follower, 1)
    assert data.from_connect_data(first.schema(), first.value()) == follower


@pytest.mark.parametrize(
    ("union", "flatten"), [('["string"]', False), ('["string","int","float"]', True)]
)
def test_record_union_field_round_trips(union: str, flatten: bool) -> None:
    """A record whose field is a (singleton or multi-branch) union round-trips its value."""
    text = (
        f'{{"fields":[{{"default":"","name":"field1","type":{union}}}],'
        '"name":"TestRecord","type":"record"}'
    )
    data = _data(connect_meta_data=False, flatten_singleton_unions=flatten)
    avro = parse_schema(text)
    _data().from_connect_schema(data.to_connect_schema(avro))
    datum = {"field1": "value1"} if union == '["string"]' else {"field1": ("string", "value1")}
    first = data.to_connect_data(avro, datum, 1)
    assert first is not None and first == data.to_connect_data(avro, datum, 1)
    back = data.from_connect_data(first.schema(), first.value())
    assert back["field1"] in ("value1", ("string", "value1"))


def test_record_default_at_field_level_converts_back() -> None:
    """A record field defaulting to {} (all inner defaults) converts to Connect and back."""
    text = (
        '{"name":"top","type":"record","fields":[{"default":{},"name":"settlement","type":'
        '{"fields":[{"default":"","name":"time","type":"string"},{"default":0,"name":"cycle",'
        '"type":"int"},{"default":"","name":"date","type":"string"},{"default":"","name":'
        '"priority","type":"string"}],"name":"settlement","type":"record"}}]}'
    )
    data = _data()
    schema = data.to_connect_schema(parse_schema(text))
    field = schema.field("settlement")
    assert field is not None
    default = field.schema().default_value()
    assert default is not None and default.get("cycle") == 0 and default.get("time") == ""
    assert data.from_connect_schema(schema) is not None


def test_record_type_with_invalid_connect_default_is_read_without_default() -> None:
    """A connect.default that is not an object on a record type is ignored; data still reads."""
    text = (
        '{"name":"RecordWithObjectDefault","type":"record","fields":[{"name":"obj","type":'
        '{"name":"Object","type":"record","connect.default":[1.23],"fields":[{"name":'
        '"nullableString","type":["null","string"]}]}}]}'
    )
    result = AvroData(1).to_connect_data(parse_schema(text), {"obj": {"nullableString": None}})
    assert result is not None
    field = _schema_of(result).field("obj")
    assert field is not None and field.schema().default_value() is None
    assert result.value().get("obj").get("nullableString") is None


# ================================================================ AvroConverter


_SCOPES = iter(range(1_000_000))


def _converter(**configs: Any) -> tuple[AvroConverter, str]:
    url = f"mock://java-cases-{next(_SCOPES)}"
    converter = AvroConverter()
    converter.configure({"schema.registry.url": url, **configs}, False)
    return converter, url


def test_converter_primitive_reads_back_with_registry_version_one() -> None:
    """A boolean written through the converter reads back as BOOLEAN version 1."""
    converter, _ = _converter()
    data = converter.from_connect_data("topic", Schema.BOOLEAN_SCHEMA, True)
    expected = SchemaBuilder.bool().version(1).build()
    assert converter.to_connect_data("topic", data) == SchemaAndValue(expected, True)


def test_converter_complex_struct_round_trips() -> None:
    """A struct of every type reads back equal, its schema now at version 1."""
    converter, _ = _converter()
    schema = _complex_schema()
    value = _complex_struct(schema)
    result = converter.to_connect_data("topic", converter.from_connect_data("topic", schema, value))
    assert _schema_of(result).version() == 1
    assert [f.name() for f in _schema_of(result).fields()] == [f.name() for f in schema.fields()]
    for field in schema.fields():
        assert result.value().get(field.name()) == value.get(field)


@pytest.mark.parametrize(
    "strategy", [None, "io.confluent.kafka.serializers.subject.RecordNameStrategy"]
)
def test_converter_reads_the_version_of_plain_avro_data(strategy: str | None) -> None:
    """Data of pre-registered schemas gets the version of its subject (topic or record name)."""
    configs = {} if strategy is None else {"value.subject.name.strategy": strategy}
    converter, url = _converter(**configs)
    subject = "topic-value" if strategy is None else "Foo"
    registry = mock_registry(url[len("mock://") :])
    v1 = '{"type":"record","name":"Foo","fields":[{"name":"key","type":"int"}]}'
    v2 = (
        '{"type":"record","name":"Foo","fields":[{"name":"key","type":"int"},'
        '{"name":"value","type":"string"}]}'
    )
    id1 = registry.register_schema(subject, RegistrySchema(v1))
    id2 = registry.register_schema(subject, RegistrySchema(v2))
    first = converter.to_connect_data("topic", b"\0" + id1.to_bytes(4, "big") + b"\x1e")
    second = converter.to_connect_data("topic", b"\0" + id2.to_bytes(4, "big") + b"\x1e\x06bar")
    assert _schema_of(first).version() == 1
    assert _schema_of(second).version() == 2
    assert second is not None
    assert second.value().get("value") == "bar"


def test_converter_null_is_no_bytes_and_reads_back_null() -> None:
    """A null value of an optional schema is written as no bytes and read back as NULL."""
    converter, _ = _converter()
    assert converter.from_connect_data("topic", Schema.OPTIONAL_BOOLEAN_SCHEMA, None) is None
    assert converter.to_connect_data("topic", None) == SchemaAndValue.NULL


@pytest.mark.parametrize(
    ("text", "written"),
    [("a\ud800b", "a?b"), ("\udfff", "?"), ("\ud83d\ude00", "\U0001f600"), ("ok", "ok")],
)
def test_converter_writes_strings_as_javas_utf8(text: str, written: str) -> None:
    """Unpaired surrogates are written as '?' and surrogate pairs as their character (Java)."""
    converter, _ = _converter()
    schema = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build()
    data = converter.from_connect_data("topic", schema, {text: text})
    assert data is not None
    encoded = written.encode("utf-8")
    item = bytes([2 * len(encoded)]) + encoded  # zig-zag length, then the UTF-8 bytes
    assert data[5:] == b"\x02" + item * 2 + b"\x00"  # one block of one entry, then the end
    result = converter.to_connect_data("topic", data)
    assert result.value() == {written: written}


LINKED = (
    '{"type":"record","name":"L","fields":[{"name":"v","type":"string"},'
    '{"name":"next","type":["null","L"],"default":null}]}'
)


def _linked_wire(registry_id: int, depth: int, text: bytes) -> bytes:
    item = bytes([2 * len(text)]) + text
    return b"\0" + registry_id.to_bytes(4, "big") + (item + b"\x02") * depth + item + b"\x00"


@pytest.mark.parametrize("depth", [500, 5_000, 100_000])
def test_deeply_nested_recursive_data_is_a_data_exception(depth: int) -> None:
    """Recursive data nested beyond what connectpy converts is a DataException, not a crash."""
    converter, url = _converter()
    schema_id = mock_registry(url[len("mock://") :]).register_schema(
        "topic-value", RegistrySchema(LINKED)
    )
    with pytest.raises(DataException, match="nested too deeply"):
        converter.to_connect_data("topic", _linked_wire(schema_id, depth, b""))


def test_long_recursive_data_reads_the_same_through_the_python_reader() -> None:
    """Recursive data over 2,000 bytes (read by fastavro's Python reader) reads as usual."""
    converter, url = _converter()
    schema_id = mock_registry(url[len("mock://") :]).register_schema(
        "topic-value", RegistrySchema(LINKED)
    )
    text = b"x" * 60
    short = converter.to_connect_data("topic", _linked_wire(schema_id, 3, text))
    long = converter.to_connect_data("topic", _linked_wire(schema_id, 40, text))
    node, count = long.value(), 0
    while node is not None:
        assert node.get("v") == "x" * 60
        node, count = node.get("next"), count + 1
    assert count == 41
    assert short.value().get("next").get("v") == "x" * 60
    data = converter.from_connect_data("topic", long.schema(), long.value())
    assert data is not None and data[5:] == _linked_wire(schema_id, 40, text)[5:]


@pytest.mark.parametrize(
    ("avro", "default"),
    [
        ('{"type":"int","connect.type":"int8","connect.default":300}', 44),
        ('{"type":"int","connect.type":"int16","connect.default":70000}', 4464),
        ('{"type":"int","connect.default":3000000000}', -1294967296),
        ('{"type":"long","connect.default":1.5}', 1),
        ('{"type":"long","connect.default":"12"}', 0),
        ('{"type":"boolean","connect.default":"true"}', True),
        ('{"type":"boolean","connect.default":1}', True),
        ('{"type":"string","connect.default":5}', "5"),
        ('{"type":"string","connect.default":{"a":1}}', ""),
        ('{"type":"float","connect.default":"x"}', 0.0),
        ('{"type":"double","connect.default":true}', 0.0),
        ('{"type":"bytes","connect.default":5}', None),
        ('{"type":"bytes","connect.default":"AQI="}', b"AQI="),
        ('{"type":"array","items":"int","connect.default":5}', None),
        ('{"type":"array","items":"int","connect.default":[1,"x",2.7]}', [1, 0, 2]),
        ('{"type":"map","values":"int","connect.default":{"a":"1"}}', {"a": 0}),
    ],
)
def test_connect_default_is_read_with_jacksons_coercions(avro: str, default: Any) -> None:
    """connect.default values convert as Jackson's intValue/longValue/asText/... do (or drop)."""
    assert _data().to_connect_schema(parse_schema(avro)).default_value() == default


@pytest.mark.parametrize(
    ("avro", "message"),
    [
        ('{"type":"int","connect.version":"x"}', "Invalid Connect version found: x"),
        ('{"type":"int","connect.name":5}', "Invalid schema name: 5"),
        (
            '{"type":"int","connect.parameters":{"a":1}}',
            "Expected schema parameter values to be strings but found: 1",
        ),
        (
            '{"type":"int","connect.parameters":[1]}',
            "Expected JSON object for schema parameters but found: [1]",
        ),
        ('{"type":"int","connect.type":"int64"}', "Connect type annotation for Avro int field"),
        ('["null"]', "Standalone null schemas are not supported"),
    ],
)
def test_invalid_connect_properties_are_data_exceptions(avro: str, message: str) -> None:
    """Malformed connect.* properties are DataExceptions with Java's messages."""
    with pytest.raises(DataException, match=re.escape(message)):
        _data().to_connect_schema(parse_schema(avro))


def test_field_default_flag_hides_connect_default_unless_discarding() -> None:
    """A default flagged as an Avro field default is written only as the field default."""
    schema = (
        SchemaBuilder.struct()
        .name("R")
        .field(
            "a",
            SchemaBuilder.int32()
            .doc("fd")
            .default_value(3)
            .parameter("io.confluent.connect.avro.field.default", "true")
            .build(),
        )
        .build()
    )
    kept = _j(_data().from_connect_schema(schema))["fields"][0]
    assert kept == {"name": "a", "type": {"type": "int", "connect.doc": "fd"}, "default": 3}
    discarded = _j(_data(discard_type_doc_default=True).from_connect_schema(schema))["fields"][0]
    assert discarded["doc"] == "fd"
    assert discarded["type"]["connect.default"] == 3
    assert discarded["type"]["connect.parameters"] == {
        "io.confluent.connect.avro.field.default": "true"
    }


def test_generalized_union_names_count_per_conversion_and_version() -> None:
    """connect_union_N counts per AvroData; a cached (schema, version) pair keeps its name."""
    data = _data(generalized_sum_type_support=True)
    avro = parse_schema('["int","string"]')
    assert _schema_of(data.to_connect_data(avro, ("int", 1), 1)).name() == "connect_union_0"
    assert _schema_of(data.to_connect_data(avro, ("int", 1), 2)).name() == "connect_union_1"
    assert _schema_of(data.to_connect_data(avro, ("int", 1), 1)).name() == "connect_union_0"
