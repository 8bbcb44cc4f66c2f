"""AvroData: Connect schemas and values <-> Avro, beyond what the reference vectors pin down."""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json
from typing import Any

import pytest
from fastavro import parse_schema as fastavro_parse
from fastavro import schemaless_reader, schemaless_writer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_data import (
    ConnectSchema,
    DataException,
    Date,
    Decimal,
    Schema,
    SchemaBuilder,
    Struct,
    Timestamp,
    Type,
)
from converters.avro import AvroData, AvroDataConfig
from converters.avro.avro_data import ANYTHING_SCHEMA, CyclicSchemaWrapper
from converters.avro.codec import layout_of
from converters.avro.schema import parse_schema
from tests.strategies import schemas, values_for

PERSON = (
    SchemaBuilder.struct()
    .name("com.example.Person")
    .field("name", Schema.STRING_SCHEMA)
    .field("age", SchemaBuilder.int32().optional().build())
    .build()
)


def _avro(data: AvroData, schema: Schema | None) -> Any:
    return json.loads(str(data.from_connect_schema(schema)))


def test_struct_becomes_a_record_with_optional_fields_as_null_unions() -> None:
    """A named struct is a record of that name; an optional field is ["null", T] default null."""
    assert _avro(AvroData(), PERSON) == {
        "type": "record",
        "name": "Person",
        "namespace": "com.example",
        "fields": [
            {"name": "name", "type": "string"},
            {"name": "age", "type": ["null", "int"], "default": None},
        ],
        "connect.name": "com.example.Person",
    }


def test_unnamed_structs_are_numbered_connect_defaults() -> None:
    """Unnamed structs become ConnectDefault, ConnectDefault2, ... and read back unnamed."""
    inner = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build()
    outer = SchemaBuilder.struct().field("a", inner).field("b", Schema.STRING_SCHEMA).build()
    avro = AvroData().from_connect_schema(outer)
    text = str(avro)
    assert '"name":"ConnectDefault","namespace":"io.confluent.connect.avro"' in text
    assert '"name":"ConnectDefault2"' in text
    back = AvroData().to_connect_schema(avro)
    assert back.name() is None
    a_field = back.field("a")
    assert a_field is not None and a_field.schema().name() is None


def test_from_connect_schema_is_cached_per_schema() -> None:
    """Converting an equal schema twice returns the same Avro schema object."""
    data = AvroData()
    assert data.from_connect_schema(PERSON) is data.from_connect_schema(PERSON)


def test_cache_size_comes_from_schemas_cache_config() -> None:
    """schemas.cache.config bounds the schema caches (at least 1 entry)."""
    data = AvroData(AvroDataConfig({"schemas.cache.config": 2}))
    for n in range(5):
        data.from_connect_schema(SchemaBuilder.int32().version(n + 1).build())
    assert len(data._from_connect_schema_cache) == 2
    assert AvroDataConfig({"schemas.cache.config": 0}).schema_cache_size() == 1
    assert AvroData(7).config.schema_cache_size() == 7


def test_logical_types_map_to_avro_logical_types() -> None:
    """Decimal, Date, Time and Timestamp are Avro decimal, date, time-millis, timestamp-millis."""
    schema = (
        SchemaBuilder.struct()
        .name("L")
        .field("d", Decimal.schema(3))
        .field("day", Date.SCHEMA)
        .field("ts", Timestamp.SCHEMA)
        .build()
    )
    fields = {f["name"]: f["type"] for f in _avro(AvroData(), schema)["fields"]}
    assert fields["d"]["logicalType"] == "decimal" and fields["d"]["scale"] == 3
    assert fields["d"]["precision"] == 64
    assert fields["day"]["logicalType"] == "date"
    assert fields["ts"]["logicalType"] == "timestamp-millis"


def test_decimal_precision_parameter_is_kept() -> None:
    """connect.decimal.precision sets the Avro precision and comes back as a parameter."""
    schema = Decimal.builder(2).parameter("connect.decimal.precision", "10").build()
    data = AvroData()
    avro = data.from_connect_schema(schema)
    assert avro.props["precision"] == 10
    back = data.to_connect_schema(parse_schema(str(avro)))
    assert back.parameters() == {"scale": "2", "connect.decimal.precision": "10"}


def test_values_convert_to_fastavro_generic_data_and_back() -> None:
    """from_connect_data gives data fastavro writes; to_connect_data reads fastavro's data."""
    data = AvroData()
    value = Struct(PERSON).put("name", "Ada").put("age", 36)
    avro = data.from_connect_schema(PERSON)
    datum = data.from_connect_data(PERSON, value)
    assert datum == {"name": "Ada", "age": 36}
    out = io.BytesIO()
    schemaless_writer(out, fastavro_parse(json.loads(str(avro))), datum)
    read = schemaless_reader(
        io.BytesIO(out.getvalue()), fastavro_parse(json.loads(str(avro))), None
    )
    result = data.to_connect_data(avro, read)
    assert result is not None
    assert result.value().get("name") == "Ada" and result.value().get("age") == 36
    assert data.to_connect_data(avro, None) is None


def test_union_values_use_fastavros_tuple_notation() -> None:
    """A Connect union is written as (branch name, value) and read back from either form."""
    union = (
        SchemaBuilder.struct()
        .name("io.confluent.connect.avro.Union")
        .field("int", SchemaBuilder.int32().optional().build())
        .field("long", SchemaBuilder.int64().optional().build())
        .build()
    )
    data = AvroData()
    assert data.from_connect_data(union, Struct(union).put("long", 5)) == ("long", 5)
    avro = data.from_connect_schema(union)
    result = data.to_connect_data(avro, ("long", 5))
    assert result is not None and result.value().get("long") == 5
    bare = data.to_connect_data(avro, 7)  # no branch name: Java's choice by class, first match
    assert bare is not None and bare.value().get("int") == 7


def test_value_not_matching_its_schema_raises_data_exception() -> None:
    """Wrong Python types, out-of-range ints and missing required values are DataExceptions."""
    data = AvroData()
    with pytest.raises(DataException, match="Invalid type for INT32: class str"):
        data.from_connect_data(Schema.INT32_SCHEMA, "x")
    with pytest.raises(DataException, match="out of range"):
        data.from_connect_data(Schema.INT8_SCHEMA, 300)
    with pytest.raises(DataException, match="Found null value for non-optional schema"):
        data.from_connect_data(Schema.STRING_SCHEMA, None)
    with pytest.raises(DataException, match="Mismatching struct schema"):
        other = SchemaBuilder.struct().name("com.example.Person").build()
        data.from_connect_data(PERSON, Struct(other))
    with pytest.raises(DataException, match="mismatching scale"):
        data.from_connect_data(Decimal.schema(2), decimal.Decimal("1.5"))
    with pytest.raises(DataException, match="out of range"):
        data.from_connect_data(Schema.FLOAT32_SCHEMA, 1e300)


def test_timestamps_accept_naive_and_aware_datetimes() -> None:
    """Naive datetimes are UTC; aware ones are converted to UTC milliseconds."""
    data = AvroData()
    aware = dt.datetime(2024, 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    naive = dt.datetime(2024, 1, 1)
    assert data.from_connect_data(Timestamp.SCHEMA, aware) == 1704067200000
    assert data.from_connect_data(Timestamp.SCHEMA, naive) == 1704067200000


def test_schemaless_values_use_the_anything_record() -> None:
    """A null schema writes io.confluent.connect.avro.Anything and reads back without schema."""
    data = AvroData()
    assert data.from_connect_schema(None) is ANYTHING_SCHEMA
    datum = data.from_connect_data(None, {"a": [1, 2**40, "x", None, 1.5, True, b"b"]})
    result = data.to_connect_data(ANYTHING_SCHEMA, datum)
    assert result is not None and result.schema() is None
    assert result.value() == {"a": [1, 2**40, "x", None, 1.5, True, b"b"]}
    with pytest.raises(DataException, match="Unknown Java type for schemaless data"):
        data.from_connect_data(None, object())


def test_recursive_avro_record_reads_with_a_cyclic_wrapper() -> None:
    """A recursive record's inner reference is a CyclicSchemaWrapper to the enclosing struct."""
    text = (
        '{"type":"record","name":"Node","namespace":"ll","fields":[{"name":"v","type":"int"},'
        '{"name":"next","type":["null","Node"],"default":null}]}'
    )
    data = AvroData()
    schema = data.to_connect_schema(text)
    outer_next = schema.field("next")
    assert outer_next is not None
    inner = outer_next.schema()
    inner_next = inner.field("next")
    assert inner_next is not None
    deeper = inner_next.schema()
    assert isinstance(deeper, CyclicSchemaWrapper) and deeper.is_optional()
    assert deeper.type() is Type.STRUCT and deeper.name() == "ll.Node"
    value = data.to_connect_data(text, {"v": 1, "next": {"v": 2, "next": None}})
    assert value is not None
    assert value.value().get("next").get("v") == 2
    again = data.from_connect_schema(schema)
    assert str(again) == (
        '{"type":"record","name":"Node","namespace":"ll","fields":[{"name":"v","type":"int"},'
        '{"name":"next","type":["null","Node"],"default":null}],"connect.name":"ll.Node"}'
    )
    assert data.from_connect_data(schema, value.value()) == {
        "v": 1,
        "next": {"v": 2, "next": None},
    }


def test_repeated_named_type_keeps_field_parameters() -> None:
    """A named type used twice with other parameters: the second field carries them."""
    first = SchemaBuilder.struct().name("ns.Address").field("s", Schema.STRING_SCHEMA).build()
    second = (
        SchemaBuilder.struct()
        .name("ns.Address")
        .parameter("tag", "2")
        .field("s", Schema.STRING_SCHEMA)
        .build()
    )
    schema = SchemaBuilder.struct().name("ns.P").field("home", first).field("work", second).build()
    data = AvroData()
    avro = json.loads(str(data.from_connect_schema(schema)))
    work = avro["fields"][1]
    assert work["type"] == "Address" and work["connect.parameters"] == {"tag": "2"}
    back = data.to_connect_schema(json.dumps(avro))
    assert back.field("work").schema().parameters() == {"tag": "2"}  # type: ignore[union-attr]
    assert back.field("home").schema().parameters() is None  # type: ignore[union-attr]


def test_maps_with_non_string_keys_are_arrays_of_map_entries() -> None:
    """A map with int keys is an array of io.confluent.connect.avro.MapEntry records."""
    schema = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build()
    data = AvroData()
    assert data.from_connect_data(schema, {1: "a"}) == [{"key": 1, "value": "a"}]
    avro = data.from_connect_schema(schema)
    assert '"name":"MapEntry","namespace":"io.confluent.connect.avro"' in str(avro)
    result = data.to_connect_data(avro, [{"key": 1, "value": "a"}])
    assert result is not None and result.value() == {1: "a"}


def test_enhanced_support_keeps_enums() -> None:
    """With enhanced.avro.schema.support an Avro enum reads back and writes as an enum."""
    text = '{"type":"enum","name":"Color","namespace":"x","symbols":["RED","BLUE"]}'
    plain = AvroData()
    assert str(plain.from_connect_schema(plain.to_connect_schema(text))) != text
    enhanced = AvroData({"enhanced.avro.schema.support": True})
    schema = enhanced.to_connect_schema(text)
    assert json.loads(str(enhanced.from_connect_schema(schema)))["type"] == "enum"
    with pytest.raises(DataException, match="enum value 'GREEN' is not in the enum symbol set"):
        enhanced.from_connect_data(schema, "GREEN")


def test_scrubbed_names_map_fields_both_ways() -> None:
    """With scrub.invalid.names, invalid field and record names are rewritten and still read."""
    schema = SchemaBuilder.struct().name("my-rec").field("first name", Schema.STRING_SCHEMA).build()
    data = AvroData({"scrub.invalid.names": True})
    avro = json.loads(str(data.from_connect_schema(schema)))
    assert avro["name"] == "my_rec" and avro["fields"][0]["name"] == "first_name"
    value = Struct(schema).put("first name", "x")
    assert data.from_connect_data(schema, value) == {"first_name": "x"}


def test_standalone_null_schema_is_refused() -> None:
    """An Avro null schema has no Connect equivalent."""
    with pytest.raises(DataException, match="Standalone null schemas are not supported"):
        AvroData().to_connect_schema('"null"')


def test_version_from_the_registry_is_used_without_connect_version() -> None:
    """to_connect_data's version applies when the Avro schema has no connect.version."""
    data = AvroData()
    result = data.to_connect_data('"string"', "x", version=4)
    assert result is not None and result.schema().version() == 4  # type: ignore[union-attr]
    result = data.to_connect_data('{"type":"string","connect.version":2}', "x", version=4)
    assert result is not None and result.schema().version() == 2  # type: ignore[union-attr]


def _plain(schema: Schema | None, value: Any) -> Any:
    """A Connect value with struct defaults applied, as plain Python data."""
    if isinstance(value, Struct):
        return {f.name(): _plain(f.schema(), value.get(f)) for f in value.schema().fields()}
    if isinstance(value, list):
        return [_plain(None, x) for x in value]
    if isinstance(value, dict):
        return {_plain(None, k): _plain(None, v) for k, v in value.items()}
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    return value


@st.composite
def _schema_and_value(draw: st.DrawFn) -> tuple[Schema, Any]:
    schema = draw(schemas())
    return schema, draw(values_for(schema))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_schema_and_value())
def test_connect_values_round_trip_through_avro_binary(case: tuple[Schema, Any]) -> None:
    """Property: value -> Avro binary -> value gives the value back (struct fields that were
    null read back as their default, as Java writes Struct.get), and the binary is what plain
    fastavro writes for the generic datum (the physical layout changes no byte)."""
    schema, value = case
    data = AvroData()
    try:
        avro = data.from_connect_schema(schema)
    except DataException as e:  # two different structs drawn with one name
        assert "Two different Avro types are named" in str(e)
        return
    datum = data.encoder(schema, avro, physical=True)(value)
    if datum is None and avro.type != "union":
        return  # a schemaless top-level null has no datum
    out = io.BytesIO()
    layout_of(avro).write(datum, out)
    binary = out.getvalue()

    plain = io.BytesIO()
    schemaless_writer(plain, _raw_schema(avro), data.from_connect_data(schema, value))
    assert plain.getvalue() == binary

    reparsed = parse_schema(str(avro))
    read = layout_of(reparsed).read(io.BytesIO(binary))
    back = data.to_connect_schema_versioned(reparsed, None)
    actual = data.decoder(reparsed, back, physical=True)(read)
    assert _plain(schema, actual) == _plain(schema, value)


def _raw_schema(avro: Any) -> Any:
    """The fastavro schema without logical types (fastavro would convert them itself) and
    without field defaults (writing does not use them; fastavro refuses some Java writes)."""
    text = str(avro).replace('"logicalType"', '"connectpyIgnoredLogicalType"')

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "default"}
        if isinstance(node, list):
            return [strip(x) for x in node]
        return node

    return fastavro_parse(strip(json.loads(text)))


def test_connect_schema_round_trips_with_its_metadata() -> None:
    """Names, versions, docs, parameters and defaults survive Connect -> Avro -> Connect."""
    schema = (
        SchemaBuilder.struct()
        .name("com.example.Meta")
        .version(3)
        .doc("the doc")
        .parameter("k", "v")
        .field("i8", SchemaBuilder.int8().default_value(5).build())
        .field("s", SchemaBuilder.string().optional().default_value("d").build())
        .build()
    )
    data = AvroData()
    back = data.to_connect_schema(str(data.from_connect_schema(schema)))
    assert back == schema
    assert isinstance(back, ConnectSchema)
