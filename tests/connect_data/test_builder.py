"""SchemaBuilder: the behaviours of Kafka's SchemaBuilderTest."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from connect_data import (
    ConnectSchema,
    DataException,
    Schema,
    SchemaBuilder,
    SchemaBuilderException,
    Struct,
    Type,
)

NAME = "name"
VERSION = 2
DOC = "doc"


def assert_type_and_default(
    schema: Schema, schema_type: Type, optional: bool, default: Any
) -> None:
    assert schema.type() is schema_type
    assert schema.is_optional() is optional
    assert schema.default_value() == default


def assert_metadata(
    schema: Schema,
    name: str | None,
    version: int | None,
    doc: str | None,
    parameters: dict[str, str] | None,
) -> None:
    assert schema.name() == name
    assert schema.version() == version
    assert schema.doc() == doc
    assert schema.parameters() == parameters


def assert_no_metadata(schema: Schema) -> None:
    assert_metadata(schema, None, None, None, None)


PRIMITIVES: list[tuple[Callable[[], SchemaBuilder], Type, Any, Any]] = [
    (SchemaBuilder.int8, Type.INT8, 12, "invalid"),
    (SchemaBuilder.int16, Type.INT16, 12, "invalid"),
    (SchemaBuilder.int32, Type.INT32, 12, "invalid"),
    (SchemaBuilder.int64, Type.INT64, 12, "invalid"),
    (SchemaBuilder.float32, Type.FLOAT32, 12.0, "invalid"),
    (SchemaBuilder.float64, Type.FLOAT64, 12.0, "invalid"),
    (SchemaBuilder.bool, Type.BOOLEAN, True, "invalid"),
    (SchemaBuilder.string, Type.STRING, "a default string", True),
    (SchemaBuilder.bytes, Type.BYTES, b"a default byte array", "a string, not bytes"),
]


@pytest.mark.parametrize(("factory", "schema_type", "default", "invalid"), PRIMITIVES)
def test_primitive_builder(
    factory: Callable[[], SchemaBuilder], schema_type: Type, default: Any, invalid: Any
) -> None:
    """Each primitive builder builds a plain schema, or one with every property set."""
    schema = factory().build()
    assert_type_and_default(schema, schema_type, False, None)
    assert_no_metadata(schema)
    schema = (
        factory().name(NAME).optional().default_value(default).version(VERSION).doc(DOC).build()
    )
    assert_type_and_default(schema, schema_type, True, default)
    assert_metadata(schema, NAME, VERSION, DOC, None)


@pytest.mark.parametrize(("factory", "schema_type", "default", "invalid"), PRIMITIVES)
def test_primitive_builder_invalid_default(
    factory: Callable[[], SchemaBuilder], schema_type: Type, default: Any, invalid: Any
) -> None:
    """A default of the wrong type raises SchemaBuilderException."""
    with pytest.raises(SchemaBuilderException, match="Invalid default value") as info:
        factory().default_value(invalid)
    assert isinstance(info.value.__cause__, DataException)


@pytest.mark.parametrize(
    ("factory", "invalid"),
    [
        (SchemaBuilder.int8, 128),
        (SchemaBuilder.int16, 2**15),
        (SchemaBuilder.int32, -(2**31) - 1),
        (SchemaBuilder.int64, 2**63),
        (SchemaBuilder.int32, True),
        (SchemaBuilder.float64, 1),
    ],
)
def test_python_specific_invalid_defaults(
    factory: Callable[[], SchemaBuilder], invalid: Any
) -> None:
    """Out-of-range ints, bools for ints and ints for floats are invalid defaults."""
    with pytest.raises(SchemaBuilderException):
        factory().default_value(invalid)


def test_null_default_needs_optional() -> None:
    """A null default is accepted only by an optional builder."""
    with pytest.raises(SchemaBuilderException):
        SchemaBuilder.int32().default_value(None)
    assert SchemaBuilder.int32().optional().default_value(None).build().default_value() is None


def test_type_constructor() -> None:
    """SchemaBuilder(Type.X) builds a schema of that type; a missing type is rejected."""
    assert SchemaBuilder(Type.INT16).build() == Schema.INT16_SCHEMA
    with pytest.raises(SchemaBuilderException, match="type cannot be null"):
        SchemaBuilder(None)  # type: ignore[arg-type]


def test_parameters() -> None:
    """parameter() adds one parameter, parameters() several; empty adds nothing."""
    expected = {"foo": "val", "bar": "baz"}
    schema = SchemaBuilder.string().parameter("foo", "val").parameter("bar", "baz").build()
    assert_type_and_default(schema, Type.STRING, False, None)
    assert_metadata(schema, None, None, None, expected)
    schema = SchemaBuilder.string().parameters(expected).build()
    assert_metadata(schema, None, None, None, expected)
    assert SchemaBuilder.string().parameters({}).build().parameters() is None


def test_parameters_keep_insertion_order_and_add_up() -> None:
    """Parameters keep insertion order; parameters() adds to those already set."""
    builder = SchemaBuilder.string().parameter("b", "1").parameters({"a": "2", "b": "3"})
    parameters = builder.parameters()
    assert parameters is not None
    assert list(parameters.items()) == [("b", "3"), ("a", "2")]


def test_builder_parameters_are_read_only() -> None:
    """The parameters a builder returns cannot be changed behind its back."""
    builder = SchemaBuilder.string().parameter("a", "1")
    with pytest.raises(TypeError):
        builder.parameters()["a"] = "2"  # type: ignore[index]


def test_struct_builder() -> None:
    """Struct fields keep their order, index and schema."""
    schema = (
        SchemaBuilder.struct()
        .field("field1", Schema.INT8_SCHEMA)
        .field("field2", Schema.INT8_SCHEMA)
        .build()
    )
    assert_type_and_default(schema, Type.STRUCT, False, None)
    assert [(f.name(), f.index(), f.schema()) for f in schema.fields()] == [
        ("field1", 0, Schema.INT8_SCHEMA),
        ("field2", 1, Schema.INT8_SCHEMA),
    ]
    assert_no_metadata(schema)


def test_non_struct_cant_have_fields() -> None:
    """Adding a field to a non-struct builder fails; looking one up raises DataException."""
    with pytest.raises(SchemaBuilderException, match="Cannot create fields on type INT8"):
        SchemaBuilder.int8().field("field", SchemaBuilder.int8().build())
    with pytest.raises(DataException):
        SchemaBuilder.int8().field("field")
    with pytest.raises(DataException):
        SchemaBuilder.int8().fields()


def test_array_builder() -> None:
    """An array builder keeps the item schema and accepts a matching default."""
    schema = SchemaBuilder.array(Schema.INT8_SCHEMA).build()
    assert_type_and_default(schema, Type.ARRAY, False, None)
    assert schema.value_schema() == Schema.INT8_SCHEMA
    assert_no_metadata(schema)
    schema = SchemaBuilder.array(Schema.INT8_SCHEMA).default_value([1, 2]).build()
    assert_type_and_default(schema, Type.ARRAY, False, [1, 2])


def test_array_builder_invalid_default() -> None:
    """An array default with items of the wrong type is rejected."""
    with pytest.raises(SchemaBuilderException):
        SchemaBuilder.array(Schema.INT8_SCHEMA).default_value(["string"])


def test_map_builder() -> None:
    """A map builder (itself a Schema) keeps key and value schemas and a matching default."""
    builder = SchemaBuilder.map(Schema.INT8_SCHEMA, Schema.INT8_SCHEMA)
    for schema in (builder, builder.build()):
        assert_type_and_default(schema, Type.MAP, False, None)
        assert schema.key_schema() == Schema.INT8_SCHEMA
        assert schema.value_schema() == Schema.INT8_SCHEMA
        assert_no_metadata(schema)
    schema = (
        SchemaBuilder.map(Schema.INT8_SCHEMA, Schema.INT8_SCHEMA).default_value({5: 10}).build()
    )
    assert_type_and_default(schema, Type.MAP, False, {5: 10})


def test_map_builder_invalid_default() -> None:
    """A map default with values of the wrong type is rejected."""
    with pytest.raises(SchemaBuilderException):
        SchemaBuilder.map(Schema.INT8_SCHEMA, Schema.INT8_SCHEMA).default_value({5: "foo"})


def test_builder_key_and_value_schema_of_other_types_are_none() -> None:
    """A builder answers key_schema()/value_schema() for any type (None when unset), as Java's."""
    assert SchemaBuilder.int32().key_schema() is None
    assert SchemaBuilder.struct().value_schema() is None
    assert SchemaBuilder.array(Schema.INT8_SCHEMA).key_schema() is None


def test_empty_struct() -> None:
    """An empty struct builder, and its schema, have no fields and can hold a Struct."""
    builder = SchemaBuilder.struct()
    assert len(builder.fields()) == 0
    Struct(builder)
    schema = builder.build()
    assert len(schema.fields()) == 0
    Struct(schema)


def test_duplicate_fields() -> None:
    """Two fields of the same name are rejected."""
    with pytest.raises(SchemaBuilderException, match="field name duplication id"):
        (
            SchemaBuilder.struct()
            .name("testing")
            .field("id", SchemaBuilder.string().doc("").build())
            .field("id", SchemaBuilder.string().doc("").build())
        )


def test_same_value_may_be_set_again() -> None:
    """Setting a property again to the same value is allowed."""
    builder = SchemaBuilder.string().name("testing").version(123)
    builder.name("testing")
    builder.version(123)
    builder.optional().optional()
    assert builder.name() == "testing"


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b.name("other"),
        lambda b: b.version(456),
        lambda b: b.doc("other"),
        lambda b: b.required(),
        lambda b: b.default_value("other"),
    ],
)
def test_different_value_cannot_be_set_again(change: Callable[[SchemaBuilder], Any]) -> None:
    """Setting a property again to another value raises SchemaBuilderException."""
    builder = (
        SchemaBuilder.string().name("testing").version(123).doc("d").optional().default_value("x")
    )
    with pytest.raises(SchemaBuilderException, match="has already been set"):
        change(builder)


@pytest.mark.parametrize("name", [None, ""])
def test_field_name_null(name: str | None) -> None:
    """A field needs a non-empty name."""
    with pytest.raises(SchemaBuilderException, match="fieldName cannot be null"):
        SchemaBuilder.struct().field(name, Schema.STRING_SCHEMA)  # type: ignore[arg-type]


def test_field_schema_null() -> None:
    """A field needs a schema."""
    with pytest.raises(
        SchemaBuilderException, match="fieldSchema for field fieldName cannot be null"
    ):
        SchemaBuilder.struct().field("fieldName", None)  # type: ignore[call-overload]


def test_array_and_map_schemas_not_null() -> None:
    """Array and map builders need their item, key and value schemas."""
    with pytest.raises(SchemaBuilderException, match="valueSchema cannot be null"):
        SchemaBuilder.array(None)  # type: ignore[arg-type]
    with pytest.raises(SchemaBuilderException, match="keySchema cannot be null"):
        SchemaBuilder.map(None, Schema.STRING_SCHEMA)  # type: ignore[arg-type]
    with pytest.raises(SchemaBuilderException, match="valueSchema cannot be null"):
        SchemaBuilder.map(Schema.STRING_SCHEMA, None)  # type: ignore[arg-type]


def test_struct_default_built_with_the_builder() -> None:
    """A struct default must be a Struct of the builder itself, not of the schema it builds."""
    builder = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA)
    default = Struct(builder).put("a", 1)
    schema = builder.default_value(default).build()
    assert schema.default_value() is default
    other = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA)
    with pytest.raises(SchemaBuilderException):
        other.default_value(Struct(other.build()).put("a", 1))


def test_builder_is_a_schema() -> None:
    """A builder answers the Schema getters and schema() builds it."""
    builder = SchemaBuilder.int32().name("n").version(3).doc("d")
    assert isinstance(builder, Schema)
    assert builder.schema() == builder.build()
    assert isinstance(builder.schema(), ConnectSchema)
    assert builder.type() is Type.INT32 and builder.name() == "n"
    assert builder.version() == 3 and builder.doc() == "d"


def test_builds_are_independent() -> None:
    """A schema built earlier does not change when the builder gets more fields."""
    builder = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA)
    first = builder.build()
    builder.field("b", Schema.INT32_SCHEMA)
    assert len(first.fields()) == 1
    assert len(builder.build().fields()) == 2
