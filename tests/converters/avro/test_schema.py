"""The Avro schema model: parsing as Avro 1.12 does, and Java's exact ``Schema.toString()``."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given

from converters.avro.schema import (
    NULL_VALUE,
    ArraySchema,
    AvroField,
    AvroRuntimeException,
    AvroTypeException,
    EnumSchema,
    FixedSchema,
    JsonFloat32,
    PrimitiveSchema,
    RecordSchema,
    SchemaParseException,
    UnionSchema,
    check_named_types,
    json_text,
    normalize,
    parse_schema,
    validate_name,
)
from tests.strategies import avro_schema_documents


def test_primitive_without_properties_prints_as_its_name() -> None:
    """A primitive with no properties is written as a bare JSON string."""
    assert parse_schema('{"type": "int"}').to_string() == '"int"'


def test_properties_keep_their_order_and_follow_type() -> None:
    """Properties are written after "type" in the order they were given."""
    text = '{"type":"long","b":1,"a":"x","logicalType":"timestamp-millis"}'
    assert parse_schema(text).to_string() == text


def test_record_text_matches_javas_layout() -> None:
    """Records write type, name, namespace, doc, fields, then properties; fields write name,
    type, doc, default, then field properties."""
    text = (
        '{"type":"record","name":"R","namespace":"a.b","doc":"d","fields":[{"name":"f",'
        '"type":"int","doc":"fd","default":1,"p":true}],"q":[1,2]}'
    )
    assert parse_schema(text).to_string() == text


def test_nested_named_type_omits_an_equal_namespace_and_repeats_become_references() -> None:
    """A nested type in the enclosing namespace has no "namespace"; its second use is a name."""
    schema = parse_schema(
        {
            "type": "record",
            "name": "Outer",
            "namespace": "ns",
            "fields": [
                {"name": "a", "type": {"type": "record", "name": "In", "fields": []}},
                {"name": "b", "type": ["null", "In"]},
                {
                    "name": "c",
                    "type": {"type": "fixed", "name": "F", "namespace": "other", "size": 2},
                },
                {"name": "d", "type": "other.F"},
            ],
        }
    )
    assert schema.to_string() == (
        '{"type":"record","name":"Outer","namespace":"ns","fields":[{"name":"a","type":'
        '{"type":"record","name":"In","fields":[]}},{"name":"b","type":["null","In"]},'
        '{"name":"c","type":{"type":"fixed","name":"F","namespace":"other","size":2}},'
        '{"name":"d","type":"other.F"}]}'
    )


def test_null_namespace_inside_a_namespace_is_written_empty() -> None:
    """A type without namespace nested in a namespaced record writes "namespace":""."""
    inner = RecordSchema("Inner", None)
    inner.set_fields([])
    outer = RecordSchema("Outer", "ns")
    outer.set_fields([AvroField("i", inner)])
    assert '"name":"Inner","namespace":""' in outer.to_string()


def test_json_numbers_and_strings_are_written_as_jackson_writes_them() -> None:
    """Doubles use Java's Double.toString, float nodes Float.toString, control characters
    are escaped with upper-case hex, other characters are written as is."""
    assert json_text(1e10) == "1.0E10"
    assert json_text(0.001) == "0.001"
    assert json_text(JsonFloat32(0.1)) == "0.1"
    assert json_text("\x1f\u00e9\n") == '"\\u001F\u00e9\\n"'
    assert json_text({"a": [1, None, True]}) == '{"a":[1,null,true]}'
    assert json_text(math.nan) == '"NaN"'


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Empty name"),
        ("1a", "Illegal initial character: 1a"),
        ("a-b", "Illegal character in: a-b"),
        ("first name", "Illegal character in: first name"),
    ],
)
def test_invalid_names_are_rejected_with_avros_messages(name: str, message: str) -> None:
    """Names must start with a letter or _ and hold only letters, digits and _."""
    with pytest.raises(SchemaParseException, match=message):
        validate_name(name)


def test_unicode_letters_are_valid_names() -> None:
    """Avro 1.12's validator accepts any Unicode letter."""
    assert validate_name("Émile_2") == "Émile_2"


def test_namespace_parts_are_checked_only_when_parsing() -> None:
    """An invalid namespace part fails parsing (building in memory does not check it)."""
    record = RecordSchema("R", "my-org")
    record.set_fields([])
    with pytest.raises(SchemaParseException, match='Namespace part "my-org" is invalid'):
        parse_schema(record.to_string())


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ('["int", "int"]', AvroRuntimeException, "Duplicate in union:int"),
        ('["int", ["null"]]', AvroRuntimeException, "Nested union"),
        ('"Nope"', SchemaParseException, '"Nope" is not a defined name'),
        ('{"type":"enum","name":"E","symbols":["A","A"]}', SchemaParseException, "Duplicate enum"),
        ('{"type":"record","name":"R"}', SchemaParseException, "Record has no fields"),
        (
            '{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"x"}]}',
            AvroTypeException,
            "Invalid default for field a",
        ),
        (
            '{"type":"record","name":"R","fields":[{"name":"a","type":"int"},'
            '{"name":"a","type":"int"}]}',
            AvroRuntimeException,
            "Duplicate field a",
        ),
        (
            '{"type":"record","name":"R","fields":[{"name":"r","type":'
            '{"type":"record","name":"R","fields":[]}}]}',
            SchemaParseException,
            "Can't redefine: R",
        ),
        ("{", SchemaParseException, "Not valid JSON"),
    ],
)
def test_invalid_schemas_are_rejected(text: str, error: type[Exception], message: str) -> None:
    """Schema text Avro rejects raises the matching exception (a DataException)."""
    with pytest.raises(error, match=message):
        parse_schema(text)


def test_union_default_must_match_the_first_branch() -> None:
    """A union field's default is checked against the union's first branch only."""
    ok = '{"type":"record","name":"R","fields":[{"name":"a","type":["null","int"],"default":null}]}'
    assert parse_schema(ok).fields[0].default is NULL_VALUE  # type: ignore[attr-defined]
    bad = '{"type":"record","name":"R","fields":[{"name":"a","type":["null","int"],"default":1}]}'
    with pytest.raises(AvroTypeException):
        parse_schema(bad)


def test_invalid_logical_types_are_ignored() -> None:
    """A decimal whose scale exceeds its precision keeps its properties but no logical type."""
    schema = parse_schema('{"type":"bytes","logicalType":"decimal","precision":2,"scale":3}')
    assert schema.logical_type is None
    assert parse_schema('{"type":"int","logicalType":"date"}').logical_type is not None
    assert parse_schema('{"type":"long","logicalType":"date"}').logical_type is None


def test_equality_compares_properties_but_not_docs() -> None:
    """Avro equality includes properties and content, not documentation."""
    a = parse_schema('{"type":"record","name":"R","doc":"x","fields":[{"name":"f","type":"int"}]}')
    b = parse_schema('{"type":"record","name":"R","doc":"y","fields":[{"name":"f","type":"int"}]}')
    c = parse_schema('{"type":"record","name":"R","p":1,"fields":[{"name":"f","type":"int"}]}')
    assert a == b and hash(a) == hash(b)
    assert a != c
    assert PrimitiveSchema("int", {"p": 1}) != PrimitiveSchema("int", {"p": 1.0})


def test_recursive_schemas_compare_and_print() -> None:
    """Equality and printing terminate on recursive records."""
    text = (
        '{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},'
        '{"name":"next","type":["null","Node"],"default":null}]}'
    )
    assert parse_schema(text) == parse_schema(text)
    assert parse_schema(text).to_string() == text


def test_adding_a_different_property_value_fails() -> None:
    """Setting a property again to another value raises, as Avro's addProp."""
    schema = PrimitiveSchema("int")
    schema.add_prop("a", 1)
    schema.add_prop("a", 1)
    with pytest.raises(AvroRuntimeException, match="Can't overwrite property: a"):
        schema.add_prop("a", 2)


def test_enum_default_must_be_a_symbol() -> None:
    """An enum default outside the symbols is rejected."""
    with pytest.raises(SchemaParseException, match="not in the enum symbol set"):
        EnumSchema("E", None, ["A"], default="B")
    enum = EnumSchema("E", "ns", ["A", "B"], doc="d", default="B")
    assert enum.to_string() == (
        '{"type":"enum","name":"E","namespace":"ns","doc":"d","symbols":["A","B"],"default":"B"}'
    )


def test_two_different_types_with_one_name_are_refused() -> None:
    """A schema holding two different definitions of one name cannot be printed faithfully."""
    first = FixedSchema("F", None, 2)
    second = FixedSchema("F", None, 3)
    union_record = RecordSchema("R", None)
    union_record.set_fields([AvroField("a", first), AvroField("b", ArraySchema(second))])
    with pytest.raises(Exception, match="Two different Avro types are named F"):
        check_named_types(union_record)
    same = RecordSchema("S", None)
    same.set_fields([AvroField("a", FixedSchema("F", None, 2)), AvroField("b", first)])
    check_named_types(same)


def test_normalize_sorts_properties_with_logical_attributes_first() -> None:
    """Confluent's normalization: logicalType, precision, scale first, then sorted properties."""
    schema = parse_schema(
        '{"type":"bytes","scale":2,"precision":64,"connect.version":1,'
        '"connect.name":"org.apache.kafka.connect.data.Decimal","logicalType":"decimal"}'
    )
    assert normalize(schema).to_string() == (
        '{"type":"bytes","logicalType":"decimal","precision":64,"scale":2,'
        '"connect.name":"org.apache.kafka.connect.data.Decimal","connect.version":1}'
    )


def test_union_of_nothing_but_null_parses() -> None:
    """A union may hold a single null branch (AvroData refuses it later, not the parser)."""
    schema = parse_schema('["null"]')
    assert isinstance(schema, UnionSchema) and schema.types == [PrimitiveSchema("null")]


@given(avro_schema_documents())
def test_printing_then_parsing_gives_the_same_schema(document: object) -> None:
    """Property: to_string() parses back to an equal schema with the same text."""
    schema = parse_schema(json.dumps(document))
    again = parse_schema(schema.to_string())
    assert again == schema
    assert again.to_string() == schema.to_string()
