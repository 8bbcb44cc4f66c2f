"""Struct: the behaviours of Kafka's StructTest."""

from __future__ import annotations

import pytest

from connect_data import (
    ConnectSchema,
    DataException,
    Field,
    Schema,
    SchemaBuilder,
    Struct,
    Timestamp,
)
from connect_data.javatext import round_float32

FLAT_STRUCT_SCHEMA = (
    SchemaBuilder.struct()
    .field("int8", Schema.INT8_SCHEMA)
    .field("int16", Schema.INT16_SCHEMA)
    .field("int32", Schema.INT32_SCHEMA)
    .field("int64", Schema.INT64_SCHEMA)
    .field("float32", Schema.FLOAT32_SCHEMA)
    .field("float64", Schema.FLOAT64_SCHEMA)
    .field("boolean", Schema.BOOLEAN_SCHEMA)
    .field("string", Schema.STRING_SCHEMA)
    .field("bytes", Schema.BYTES_SCHEMA)
    .build()
)
ARRAY_SCHEMA = SchemaBuilder.array(Schema.INT8_SCHEMA).build()
MAP_SCHEMA = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build()
NESTED_CHILD_SCHEMA = SchemaBuilder.struct().field("int8", Schema.INT8_SCHEMA).build()
NESTED_SCHEMA = (
    SchemaBuilder.struct()
    .field("array", ARRAY_SCHEMA)
    .field("map", MAP_SCHEMA)
    .field("nested", NESTED_CHILD_SCHEMA)
    .build()
)
REQUIRED_FIELD_SCHEMA = Schema.INT8_SCHEMA
OPTIONAL_FIELD_SCHEMA = SchemaBuilder.int8().optional().build()
DEFAULT_FIELD_SCHEMA = SchemaBuilder.int8().default_value(0).build()


def flat_struct(string: str = "foobar", data: bytes = b"foobar") -> Struct:
    return (
        Struct(FLAT_STRUCT_SCHEMA)
        .put("int8", 12)
        .put("int16", 12)
        .put("int32", 12)
        .put("int64", 12)
        .put("float32", 12.0)
        .put("float64", 12.0)
        .put("boolean", True)
        .put("string", string)
        .put("bytes", data)
    )


def nested_struct(array: list[int], mapping: dict[int, str], child: int) -> Struct:
    return (
        Struct(NESTED_SCHEMA)
        .put("array", array)
        .put("map", mapping)
        .put("nested", Struct(NESTED_CHILD_SCHEMA).put("int8", child))
    )


def test_flat_struct() -> None:
    """Typed getters return the values put; a complete struct validates."""
    struct = flat_struct()
    assert struct.get_int8("int8") == 12
    assert struct.get_int16("int16") == 12
    assert struct.get_int32("int32") == 12
    assert struct.get_int64("int64") == 12
    assert struct.get_float32("float32") == 12.0
    assert struct.get_float64("float64") == 12.0
    assert struct.get_boolean("boolean") is True
    assert struct.get_string("string") == "foobar"
    assert struct.get_bytes("bytes") == b"foobar"
    struct.validate()


def test_get_bytes_returns_bytes() -> None:
    """get_bytes returns bytes whatever bytes-like value was put."""
    struct = flat_struct(data=bytearray(b"ab"))  # type: ignore[arg-type]
    assert type(struct.get_bytes("bytes")) is bytes
    assert struct.get_bytes("bytes") == b"ab"


def test_complex_struct() -> None:
    """Array, map and nested struct fields are returned by the typed getters."""
    struct = nested_struct([1, 2], {1: "string"}, 12)
    assert struct.get_array("array") == [1, 2]
    assert struct.get_map("map") == {1: "string"}
    nested = struct.get_struct("nested")
    assert nested is not None and nested.get("int8") == 12
    struct.validate()


def test_typed_getter_checks_the_field_type() -> None:
    """A typed getter for another type raises DataException."""
    with pytest.raises(DataException, match="Field 'int8' is not of type INT16"):
        flat_struct().get_int16("int8")


@pytest.mark.parametrize(
    ("schema", "field", "value"),
    [
        (FLAT_STRUCT_SCHEMA, "int8", "should fail because this is a string, not int8"),
        (NESTED_SCHEMA, "array", ["should fail since elements should be int8s"]),
        (NESTED_SCHEMA, "map", {"should fail because keys should be int8s": 12}),
        (NESTED_SCHEMA, "nested", Struct(FLAT_STRUCT_SCHEMA)),
        (NESTED_SCHEMA, "nested", Struct(NESTED_CHILD_SCHEMA)),
        (FLAT_STRUCT_SCHEMA, "int8", 128),
        (FLAT_STRUCT_SCHEMA, "boolean", 1),
        (FLAT_STRUCT_SCHEMA, "float64", 1),
    ],
)
def test_invalid_put(schema: Schema, field: str, value: object) -> None:
    """put() validates the value deeply against the field schema."""
    with pytest.raises(DataException):
        Struct(schema).put(field, value)


def test_struct_of_non_struct_schema() -> None:
    """A Struct needs a STRUCT schema."""
    with pytest.raises(DataException, match=r"Not a struct schema: Schema\{MAP\}"):
        Struct(MAP_SCHEMA)


def test_missing_field_validation() -> None:
    """validate() rejects a missing required field without default."""
    schema = SchemaBuilder.struct().field("field", REQUIRED_FIELD_SCHEMA).build()
    with pytest.raises(DataException):
        Struct(schema).validate()


def test_missing_optional_field_validation() -> None:
    """validate() accepts a missing optional field."""
    Struct(SchemaBuilder.struct().field("field", OPTIONAL_FIELD_SCHEMA).build()).validate()


def test_missing_field_with_default_validation() -> None:
    """validate() accepts a missing field that has a default."""
    Struct(SchemaBuilder.struct().field("field", DEFAULT_FIELD_SCHEMA).build()).validate()


def test_missing_field_with_default_value() -> None:
    """get() of an unset field returns its default; get_without_default returns None."""
    struct = Struct(SchemaBuilder.struct().field("field", DEFAULT_FIELD_SCHEMA).build())
    assert struct.get("field") == 0
    assert struct.get_without_default("field") is None


def test_typed_getters_do_not_apply_defaults() -> None:
    """Typed getters return the raw value, without the field default (as Java's)."""
    struct = Struct(SchemaBuilder.struct().field("field", DEFAULT_FIELD_SCHEMA).build())
    assert struct.get_int8("field") is None


def test_missing_field_without_default_value() -> None:
    """get() of an unset field without default is None."""
    assert (
        Struct(SchemaBuilder.struct().field("field", REQUIRED_FIELD_SCHEMA).build()).get("field")
        is None
    )


def test_get_and_put_by_field() -> None:
    """get() and put() also take a Field; __getitem__/__setitem__ use names."""
    schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    field = schema.field("a")
    assert field is not None
    struct = Struct(schema).put(field, 5)
    assert struct.get(field) == 5
    assert struct["a"] == 5
    struct["a"] = 6
    assert struct.get("a") == 6
    with pytest.raises(DataException):
        struct["a"] = "x"


def test_unknown_field_name() -> None:
    """Unknown field names raise DataException."""
    struct = flat_struct()
    with pytest.raises(DataException, match="nope is not a valid field name"):
        struct.get("nope")
    with pytest.raises(DataException, match="nope is not a valid field name"):
        struct.put("nope", 1)
    with pytest.raises(DataException):
        struct.get_without_default("nope")


def test_equals() -> None:
    """Structs are equal when schema and values are equal."""
    assert flat_struct() == flat_struct()
    assert flat_struct() != flat_struct(string="mismatching string")
    assert nested_struct([1, 2], {1: "string"}, 12) == nested_struct([1, 2], {1: "string"}, 12)
    assert nested_struct([1, 2], {1: "string"}, 12) != nested_struct([1, 2, 3], {2: "string"}, 13)


def test_equals_and_hash_with_bytes_value() -> None:
    """Bytes values compare and hash by content."""
    struct1, struct2 = flat_struct(), flat_struct(data=bytearray(b"foobar"))  # type: ignore[arg-type]
    struct3 = flat_struct(data=b"mismatching_string")
    assert struct1 == struct2 and struct2 == struct1
    assert struct1 != struct3
    assert struct2 != struct3
    assert hash(struct1) == hash(struct2)
    assert hash(struct1) != hash(struct3)


def test_equal_structs_hash_alike_with_lists_and_maps() -> None:
    """Structs holding lists and maps are hashable, consistently with equality."""
    assert hash(nested_struct([1, 2], {1: "a"}, 1)) == hash(nested_struct([1, 2], {1: "a"}, 1))


def test_not_equal_to_other_types() -> None:
    """A struct is not equal to a non-struct."""
    assert flat_struct() != "Struct"


def test_validate_struct_with_null_value() -> None:
    """validate() names the first missing required field."""
    schema = (
        SchemaBuilder.struct()
        .field("one", Schema.STRING_SCHEMA)
        .field("two", Schema.STRING_SCHEMA)
        .field("three", Schema.STRING_SCHEMA)
        .build()
    )
    with pytest.raises(DataException) as info:
        Struct(schema).validate()
    assert (
        str(info.value) == 'Invalid value: null used for required field: "one", schema type: STRING'
    )


def test_validate_field_with_invalid_value_type() -> None:
    """Messages of a wrong value name the schema type, the Python class and the field."""
    with pytest.raises(DataException) as info:
        ConnectSchema.validate_value("field", Schema.INT8_SCHEMA, object())
    assert str(info.value) == (
        'Invalid Python object for schema with type INT8: class object for field: "field"'
    )


def test_validate_field_with_invalid_value_mismatch_timestamp() -> None:
    """A raw int is fine for INT64 but not for the Timestamp logical type."""
    ConnectSchema.validate_value("field", Schema.INT64_SCHEMA, 1000)
    with pytest.raises(DataException) as info:
        ConnectSchema.validate_value("field", Timestamp.SCHEMA, 1000)
    assert str(info.value) == (
        'Invalid Python object for schema "org.apache.kafka.connect.data.Timestamp" '
        'with type INT64: class int for field: "field"'
    )


def test_put_null_field() -> None:
    """put(None, value) raises DataException."""
    schema = SchemaBuilder.struct().field("fieldName", Schema.STRING_SCHEMA)
    with pytest.raises(DataException, match=r"field cannot be null\."):
        Struct(schema).put(None, "valid")  # type: ignore[arg-type]


def test_invalid_put_includes_field_name() -> None:
    """A null put into a required field names the field."""
    schema = SchemaBuilder.struct().field("fieldName", Schema.STRING_SCHEMA)
    with pytest.raises(DataException) as info:
        Struct(schema).put("fieldName", None)
    assert str(info.value) == (
        'Invalid value: null used for required field: "fieldName", schema type: STRING'
    )


def test_put_with_field_of_another_schema_uses_its_index() -> None:
    """put(Field) trusts the field's index, as Java does."""
    schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    foreign = Field("b", 0, Schema.INT32_SCHEMA)
    assert Struct(schema).put(foreign, 3).get("a") == 3


def test_repr_is_javas_to_string() -> None:
    """repr() prints like Java's Struct.toString, skipping null fields."""
    schema = (
        SchemaBuilder.struct()
        .field("a", Schema.INT32_SCHEMA)
        .field("b", Schema.OPTIONAL_STRING_SCHEMA)
        .field("f", Schema.FLOAT32_SCHEMA)
        .field("d", Schema.FLOAT64_SCHEMA)
        .build()
    )
    struct = Struct(schema).put("a", 1).put("f", round_float32(0.1)).put("d", 1e10)
    assert repr(struct) == "Struct{a=1,f=0.1,d=1.0E10}"
    assert repr(Struct(schema)) == "Struct{}"


def test_iteration_applies_defaults() -> None:
    """Iterating a struct yields (name, value) pairs in schema order, with defaults."""
    schema = (
        SchemaBuilder.struct()
        .field("a", DEFAULT_FIELD_SCHEMA)
        .field("b", Schema.OPTIONAL_STRING_SCHEMA)
        .build()
    )
    assert list(Struct(schema)) == [("a", 0), ("b", None)]


def test_struct_with_builder_schema() -> None:
    """A Struct may be built on a SchemaBuilder and validates against it."""
    builder = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA)
    struct = Struct(builder).put("a", 1)
    assert struct.schema() is builder
    ConnectSchema.validate_value(builder, struct)
    with pytest.raises(DataException, match="Struct schemas do not match"):
        ConnectSchema.validate_value(builder.build(), struct)
