"""Type, ConnectSchema, Field and SchemaAndValue: the behaviours of Kafka's ConnectSchemaTest,
FieldTest and SchemaAndValue, in Python's value types."""

from __future__ import annotations

import datetime as dt
import decimal
import math

import pytest

from connect_data import (
    ConnectSchema,
    DataException,
    Date,
    Decimal,
    Field,
    Schema,
    SchemaAndValue,
    SchemaBuilder,
    Struct,
    Time,
    Timestamp,
    Type,
)

MAP_INT_STRING = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build()
FLAT_STRUCT = SchemaBuilder.struct().field("field", Schema.INT32_SCHEMA).build()
STRUCT = (
    SchemaBuilder.struct()
    .field("first", Schema.INT32_SCHEMA)
    .field("second", Schema.STRING_SCHEMA)
    .field("array", SchemaBuilder.array(Schema.INT32_SCHEMA).build())
    .field("map", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
    .field("nested", FLAT_STRUCT)
    .build()
)
PARENT_STRUCT = SchemaBuilder.struct().field("nested", FLAT_STRUCT).build()

validate = ConnectSchema.validate_value


# ------------------------------------------------------------------ Type


def test_type_names() -> None:
    """Types have Java's lower-case names and upper-case str()."""
    assert Type.INT32.get_name() == "int32"
    assert Type.FLOAT64.get_name() == "float64"
    assert str(Type.STRUCT) == "STRUCT"
    assert [t.name for t in Type] == [
        "INT8",
        "INT16",
        "INT32",
        "INT64",
        "FLOAT32",
        "FLOAT64",
        "BOOLEAN",
        "STRING",
        "BYTES",
        "ARRAY",
        "MAP",
        "STRUCT",
    ]


def test_type_is_primitive() -> None:
    """Every type but ARRAY, MAP and STRUCT is primitive."""
    assert [t for t in Type if not t.is_primitive()] == [Type.ARRAY, Type.MAP, Type.STRUCT]


# ------------------------------------------------------------------ predefined schemas


@pytest.mark.parametrize("schema_type", [t for t in Type if t.is_primitive()])
def test_predefined_schemas(schema_type: Type) -> None:
    """Schema.X_SCHEMA and Schema.OPTIONAL_X_SCHEMA are plain required / optional schemas."""
    required = getattr(Schema, f"{schema_type.name}_SCHEMA")
    optional = getattr(Schema, f"OPTIONAL_{schema_type.name}_SCHEMA")
    for schema, is_optional in ((required, False), (optional, True)):
        assert schema.type() is schema_type
        assert schema.is_optional() is is_optional
        assert schema.default_value() is None
        assert schema.name() is None and schema.version() is None and schema.doc() is None
        assert schema.parameters() is None
        assert schema.schema() is schema
    assert required == ConnectSchema(schema_type)
    assert required != optional


# ------------------------------------------------------------------ fields


def test_fields_on_struct_schema() -> None:
    """Struct fields are listed in order and looked up by name; unknown names give None."""
    schema = (
        SchemaBuilder.struct()
        .field("foo", Schema.BOOLEAN_SCHEMA)
        .field("bar", Schema.INT32_SCHEMA)
        .build()
    )
    assert len(schema.fields()) == 2
    foo, bar = schema.field("foo"), schema.field("bar")
    assert foo is not None and foo.index() == 0 and foo.name() == "foo"
    assert bar is not None and bar.index() == 1 and bar.schema() is Schema.INT32_SCHEMA
    assert schema.field("other") is None


def test_fields_only_valid_for_structs() -> None:
    """fields()/field() of a non-struct schema raise DataException."""
    with pytest.raises(DataException, match="Cannot list fields on non-struct type"):
        Schema.INT8_SCHEMA.fields()
    with pytest.raises(DataException, match="Cannot look up fields on non-struct type"):
        Schema.INT8_SCHEMA.field("x")


def test_key_and_value_schema_only_for_maps_and_arrays() -> None:
    """key_schema() needs a MAP, value_schema() a MAP or ARRAY."""
    with pytest.raises(DataException, match="Cannot look up key schema on non-map type"):
        SchemaBuilder.array(Schema.INT8_SCHEMA).build().key_schema()
    with pytest.raises(DataException, match="non-array and non-map"):
        Schema.STRING_SCHEMA.value_schema()
    assert MAP_INT_STRING.key_schema() is Schema.INT32_SCHEMA
    assert MAP_INT_STRING.value_schema() is Schema.STRING_SCHEMA


def test_empty_struct() -> None:
    """A struct schema constructed without fields has none, and a Struct can be made of it."""
    empty = ConnectSchema(Type.STRUCT)
    assert len(empty.fields()) == 0
    Struct(empty)


def test_field_equality() -> None:
    """Fields are equal when name, index and schema are (FieldTest)."""
    field = Field("name", 0, Schema.INT8_SCHEMA)
    assert field == Field("name", 0, Schema.INT8_SCHEMA)
    assert hash(field) == hash(Field("name", 0, Schema.INT8_SCHEMA))
    assert field != Field("name2", 0, Schema.INT8_SCHEMA)
    assert field != Field("name", 1, Schema.INT8_SCHEMA)
    assert field != Field("name", 0, Schema.INT16_SCHEMA)


def test_field_repr() -> None:
    """A field prints like Java's Field.toString."""
    assert repr(Field("f", 2, Schema.INT8_SCHEMA)) == "Field{name=f, index=2, schema=Schema{INT8}}"


# ------------------------------------------------------------------ validate_value: matching


def test_validate_value_matching_type() -> None:
    """Values of each schema's Python type validate, including nested structs."""
    validate(Schema.INT8_SCHEMA, 1)
    validate(Schema.INT16_SCHEMA, 1)
    validate(Schema.INT32_SCHEMA, 1)
    validate(Schema.INT64_SCHEMA, 1)
    validate(Schema.FLOAT32_SCHEMA, 1.0)
    validate(Schema.FLOAT64_SCHEMA, 1.0)
    validate(Schema.BOOLEAN_SCHEMA, True)
    validate(Schema.STRING_SCHEMA, "a string")
    validate(Schema.BYTES_SCHEMA, b"a byte array")
    validate(Schema.BYTES_SCHEMA, bytearray(b"a byte array"))
    validate(Schema.BYTES_SCHEMA, memoryview(b"a byte array"))
    validate(SchemaBuilder.array(Schema.INT32_SCHEMA).build(), [1, 2, 3])
    validate(MAP_INT_STRING, {1: "value"})
    struct = (
        Struct(STRUCT)
        .put("first", 1)
        .put("second", "foo")
        .put("array", [1, 2, 3])
        .put("map", {1: "value"})
        .put("nested", Struct(FLAT_STRUCT).put("field", 12))
    )
    validate(STRUCT, struct)


def test_validate_value_matching_logical_type() -> None:
    """Logical schemas take Decimal, date, time and datetime values."""
    validate(Decimal.schema(2), decimal.Decimal("1.56"))
    validate(Date.SCHEMA, dt.date(1970, 1, 1))
    validate(Time.SCHEMA, dt.time(0))
    validate(Timestamp.SCHEMA, dt.datetime(1970, 1, 1))


@pytest.mark.parametrize(
    ("schema", "low", "high"),
    [
        (Schema.INT8_SCHEMA, -128, 127),
        (Schema.INT16_SCHEMA, -32768, 32767),
        (Schema.INT32_SCHEMA, -(2**31), 2**31 - 1),
        (Schema.INT64_SCHEMA, -(2**63), 2**63 - 1),
    ],
)
def test_validate_int_ranges(schema: Schema, low: int, high: int) -> None:
    """Ints validate exactly within the Java range of their type."""
    validate(schema, low)
    validate(schema, high)
    for outside in (low - 1, high + 1):
        with pytest.raises(DataException, match="out of range"):
            validate(schema, outside)


def test_validate_float32_range() -> None:
    """FLOAT32 takes any float that rounds to a finite float32 (and infinities, NaN)."""
    validate(Schema.FLOAT32_SCHEMA, 3.4028234663852886e38)
    validate(Schema.FLOAT32_SCHEMA, 3.4028235e38)  # Java's float literal for Float.MAX_VALUE
    validate(Schema.FLOAT32_SCHEMA, math.inf)
    validate(Schema.FLOAT32_SCHEMA, math.nan)
    validate(Schema.FLOAT32_SCHEMA, 2.0**128 - 2.0**103 - 2.0**75)  # rounds down to the max
    with pytest.raises(DataException, match="out of range"):
        validate(Schema.FLOAT32_SCHEMA, 2.0**128 - 2.0**103)  # rounds up to infinity
    with pytest.raises(DataException, match="out of range"):
        validate(Schema.FLOAT32_SCHEMA, -1e300)


def test_validate_null() -> None:
    """None validates for optional schemas only."""
    validate(Schema.OPTIONAL_STRING_SCHEMA, None)
    with pytest.raises(DataException) as info:
        validate(Schema.STRING_SCHEMA, None)
    assert str(info.value) == "Invalid value: null used for required value, schema type: STRING"


# ------------------------------------------------------------------ validate_value: mismatches


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        (Schema.INT8_SCHEMA, 1.0),
        (Schema.INT16_SCHEMA, "1"),
        (Schema.INT32_SCHEMA, True),
        (Schema.INT64_SCHEMA, decimal.Decimal(1)),
        (Schema.FLOAT32_SCHEMA, 1),
        (Schema.FLOAT64_SCHEMA, 1),
        (Schema.FLOAT64_SCHEMA, decimal.Decimal("1.5")),
        (Schema.BOOLEAN_SCHEMA, 1),
        (Schema.BOOLEAN_SCHEMA, 1.0),
        (Schema.STRING_SCHEMA, b"abc"),
        (Schema.BYTES_SCHEMA, [1, "foo"]),
        (Schema.BYTES_SCHEMA, "abc"),
        (SchemaBuilder.array(Schema.INT32_SCHEMA).build(), (1, 2)),
        (MAP_INT_STRING, [(1, "a")]),
        (FLAT_STRUCT, {"field": 1}),
    ],
)
def test_validate_value_mismatched_class(schema: Schema, value: object) -> None:
    """A value of another Python type is rejected (bool is not an int, int is not a float)."""
    with pytest.raises(DataException):
        validate(schema, value)


def test_validate_value_mismatch_array() -> None:
    """Arrays with any element of the wrong type are rejected."""
    array = SchemaBuilder.array(Schema.INT32_SCHEMA).build()
    with pytest.raises(DataException):
        validate(array, ["a", "b", "c"])
    with pytest.raises(DataException):
        validate(array, [1, 2, "c"])


def test_validate_value_mismatch_map() -> None:
    """Maps with any key or value of the wrong type are rejected."""
    for value in ({"wrong key type": "value"}, {1: 2}, {1: "abc", "wrong": "x"}, {1: "a", 2: b"b"}):
        with pytest.raises(DataException):
            validate(MAP_INT_STRING, value)


def test_validate_value_mismatch_struct_schema() -> None:
    """A struct of another schema, also nested, is rejected."""
    other = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build()
    with pytest.raises(DataException, match=r"Struct schemas do not match\."):
        validate(FLAT_STRUCT, Struct(other).put("x", 1))
    with pytest.raises(DataException):
        validate(PARENT_STRUCT, Struct(PARENT_STRUCT).put("nested", Struct(other).put("x", 1)))


def test_validate_value_struct_missing_required_field() -> None:
    """Validating a struct validates its fields (a missing required field fails)."""
    with pytest.raises(DataException):
        validate(FLAT_STRUCT, Struct(FLAT_STRUCT))


def test_validate_value_equal_struct_schema_is_fine() -> None:
    """A struct built with an equal (not identical) schema validates."""
    copy = SchemaBuilder.struct().field("field", Schema.INT32_SCHEMA).build()
    validate(FLAT_STRUCT, Struct(copy).put("field", 1))


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        (Decimal.schema(2), 156),
        (Decimal.schema(2), decimal.Decimal("NaN")),
        (Date.SCHEMA, 1000),
        (Time.SCHEMA, 1000),
        (Time.SCHEMA, dt.datetime(1970, 1, 1)),
        (Timestamp.SCHEMA, 1000),
        (Timestamp.SCHEMA, dt.date(1970, 1, 1)),
    ],
)
def test_validate_value_mismatch_logical(schema: Schema, value: object) -> None:
    """Logical schemas reject their raw representation and other temporal types."""
    with pytest.raises(DataException):
        validate(schema, value)


def test_logical_class_is_chosen_by_name() -> None:
    """The class check follows the schema name, whatever the underlying type."""
    named = SchemaBuilder.string().name(Date.LOGICAL_NAME).build()
    validate(named, dt.date(2020, 1, 1))
    with pytest.raises(DataException):
        validate(named, "2020-01-01")


def test_validate_field_messages() -> None:
    """Messages name the schema, type, Python class and field, like Java's."""
    with pytest.raises(DataException) as info:
        validate("field", Schema.INT8_SCHEMA, object())
    assert str(info.value) == (
        'Invalid Python object for schema with type INT8: class object for field: "field"'
    )
    with pytest.raises(DataException) as info:
        validate("field", Timestamp.SCHEMA, 1000)
    assert str(info.value) == (
        'Invalid Python object for schema "org.apache.kafka.connect.data.Timestamp" '
        'with type INT64: class int for field: "field"'
    )
    with pytest.raises(DataException) as info:
        validate("f", Schema.STRING_SCHEMA, None)
    assert (
        str(info.value) == 'Invalid value: null used for required field: "f", schema type: STRING'
    )


def test_validate_nested_messages_name_the_location() -> None:
    """Errors inside arrays and maps say where the bad value is."""
    array = SchemaBuilder.array(Schema.INT32_SCHEMA).build()
    with pytest.raises(DataException, match='element of array field: "a"'):
        validate("a", array, ["x"])
    with pytest.raises(DataException, match="key of map value"):
        validate(MAP_INT_STRING, {"x": "y"})
    with pytest.raises(DataException, match="value of map value"):
        validate(MAP_INT_STRING, {1: 2})


def test_validate_missing_item_schema() -> None:
    """An array whose schema has no item schema fails with a DataException, even empty."""
    no_items = ConnectSchema(Type.ARRAY)
    for value in ([], [1]):
        with pytest.raises(DataException, match="No schema defined for element of array value"):
            validate(no_items, value)


def test_validate_with_a_builder() -> None:
    """A SchemaBuilder can be used as the schema to validate against."""
    validate(SchemaBuilder.int32().optional(), None)
    with pytest.raises(DataException):
        validate(SchemaBuilder.int32(), "x")


def test_validate_value_arguments() -> None:
    """validate_value takes (schema, value) or (field_name, schema, value)."""
    with pytest.raises(TypeError):
        validate(Schema.INT8_SCHEMA)  # type: ignore[call-overload]


# ------------------------------------------------------------------ equality


def test_primitive_equality() -> None:
    """Primitive schemas compare type, optionality, default, name, version, doc, parameters."""
    s1 = ConnectSchema(Type.INT8, False, None, "name", 2, "doc")
    assert s1 == ConnectSchema(Type.INT8, False, None, "name", 2, "doc")
    assert hash(s1) == hash(ConnectSchema(Type.INT8, False, None, "name", 2, "doc"))
    for different in (
        ConnectSchema(Type.INT16, False, None, "name", 2, "doc"),
        ConnectSchema(Type.INT8, True, None, "name", 2, "doc"),
        ConnectSchema(Type.INT8, False, 1, "name", 2, "doc"),
        ConnectSchema(Type.INT8, False, None, "otherName", 2, "doc"),
        ConnectSchema(Type.INT8, False, None, "name", 4, "doc"),
        ConnectSchema(Type.INT8, False, None, "name", 2, "other doc"),
        ConnectSchema(Type.INT8, False, None, "name", 2, "doc", {"param": "value"}),
    ):
        assert s1 != different


def test_array_equality() -> None:
    """Array schemas compare their item schemas."""
    s1 = ConnectSchema(Type.ARRAY, value_schema=SchemaBuilder.int8().build())
    s2 = ConnectSchema(Type.ARRAY, value_schema=SchemaBuilder.int8().build())
    assert s1 == s2 and hash(s1) == hash(s2)
    assert s1 != ConnectSchema(Type.ARRAY, value_schema=SchemaBuilder.int16().build())


def test_array_default_value_equality() -> None:
    """Array defaults compare by content."""
    item = SchemaBuilder.string().build()
    s1 = ConnectSchema(Type.ARRAY, default_value=["a", "b"], value_schema=item)
    s2 = ConnectSchema(Type.ARRAY, default_value=["a", "b"], value_schema=item)
    assert s1 == s2 and hash(s1) == hash(s2)
    assert s1 != ConnectSchema(Type.ARRAY, default_value=["b", "c"], value_schema=item)


def test_bytes_default_value_equality() -> None:
    """Bytes defaults compare by content (Java's deepEquals)."""
    s1 = SchemaBuilder.bytes().default_value(b"ab").build()
    s2 = SchemaBuilder.bytes().default_value(bytearray(b"ab")).build()
    assert s1 == s2 and hash(s1) == hash(s2)


def test_map_equality() -> None:
    """Map schemas compare key and value schemas."""

    def map_schema(key: Schema, value: Schema) -> ConnectSchema:
        return ConnectSchema(Type.MAP, key_schema=key, value_schema=value)

    s1 = map_schema(SchemaBuilder.int8().build(), SchemaBuilder.int16().build())
    s2 = map_schema(SchemaBuilder.int8().build(), SchemaBuilder.int16().build())
    assert s1 == s2 and hash(s1) == hash(s2)
    assert s1 != map_schema(SchemaBuilder.string().build(), SchemaBuilder.int16().build())
    assert s1 != map_schema(SchemaBuilder.int8().build(), SchemaBuilder.string().build())


def test_struct_equality() -> None:
    """Struct schemas compare their fields."""

    def struct(second: str) -> ConnectSchema:
        fields = [
            Field("field", 0, SchemaBuilder.int8().build()),
            Field(second, 1, SchemaBuilder.int16().build()),
        ]
        return ConnectSchema(Type.STRUCT, fields=fields)

    assert struct("field2") == struct("field2")
    assert hash(struct("field2")) == hash(struct("field2"))
    assert struct("field2") != struct("different field name")


def test_schema_never_equals_builder() -> None:
    """A built schema never equals a SchemaBuilder, as in Java."""
    builder = SchemaBuilder.int32()
    assert builder.build() != builder
    assert builder != builder.build()
    same = builder
    assert builder == same


def test_fields_ignored_for_non_struct_equality() -> None:
    """Fields given to a non-struct schema are dropped, as Java does."""
    with_fields = ConnectSchema(Type.INT8, fields=[Field("x", 0, Schema.INT8_SCHEMA)])
    assert with_fields == Schema.INT8_SCHEMA
    assert hash(with_fields) == hash(Schema.INT8_SCHEMA)


def test_schema_repr() -> None:
    """A schema prints as Schema{TYPE} or Schema{name:TYPE}."""
    assert repr(Schema.INT32_SCHEMA) == "Schema{INT32}"
    assert repr(Date.SCHEMA) == "Schema{org.apache.kafka.connect.data.Date:INT32}"
    assert Date.SCHEMA.to_string() == repr(Date.SCHEMA)


def test_parameters_are_read_only() -> None:
    """The parameters of a built schema cannot be changed."""
    parameters = Decimal.schema(2).parameters()
    assert parameters == {"scale": "2"}
    with pytest.raises(TypeError):
        parameters["scale"] = "3"  # type: ignore[index]


# ------------------------------------------------------------------ schema_type


@pytest.mark.parametrize(
    ("python_type", "schema_type"),
    [
        (bool, Type.BOOLEAN),
        (int, Type.INT64),
        (float, Type.FLOAT64),
        (str, Type.STRING),
        (bytes, Type.BYTES),
        (bytearray, Type.BYTES),
        (list, Type.ARRAY),
        (dict, Type.MAP),
        (Struct, Type.STRUCT),
        (decimal.Decimal, None),
        (dt.date, None),
        (object, None),
    ],
)
def test_schema_type(python_type: type, schema_type: Type | None) -> None:
    """schema_type maps Python classes to schema types (logical classes to None)."""
    assert ConnectSchema.schema_type(python_type) is schema_type


# ------------------------------------------------------------------ SchemaAndValue


def test_schema_and_value() -> None:
    """SchemaAndValue holds a schema and value and compares both."""
    pair = SchemaAndValue(Schema.INT32_SCHEMA, 5)
    assert pair.schema() is Schema.INT32_SCHEMA and pair.value() == 5
    assert pair == SchemaAndValue(SchemaBuilder.int32().build(), 5)
    assert hash(pair) == hash(SchemaAndValue(SchemaBuilder.int32().build(), 5))
    assert pair != SchemaAndValue(Schema.INT32_SCHEMA, 6)
    assert pair != SchemaAndValue(Schema.INT64_SCHEMA, 5)
    assert SchemaAndValue(None, None) == SchemaAndValue.NULL
    assert SchemaAndValue.NULL.schema() is None and SchemaAndValue.NULL.value() is None


def test_schema_and_value_with_unhashable_value() -> None:
    """A SchemaAndValue holding a list or dict still hashes consistently with equality."""
    array = SchemaBuilder.array(Schema.INT32_SCHEMA).build()
    assert hash(SchemaAndValue(array, [1, 2])) == hash(SchemaAndValue(array, [1, 2]))
    assert hash(SchemaAndValue(MAP_INT_STRING, {1: "a"})) == hash(
        SchemaAndValue(MAP_INT_STRING, {1: "a"})
    )
