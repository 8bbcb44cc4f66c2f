"""SchemaProjector: the behaviours checked by Kafka's SchemaProjectorTest, and a few more."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import struct as _struct

import pytest

from connect_data import (
    DataException,
    Date,
    Decimal,
    Schema,
    SchemaBuilder,
    SchemaProjector,
    SchemaProjectorException,
    Struct,
    Time,
    Timestamp,
    Type,
)
from connect_data.javatext import round_float32
from connect_data.projector import _int_to_float32

project = SchemaProjector.project

PROMOTABLE = [
    Schema.INT8_SCHEMA,
    Schema.INT16_SCHEMA,
    Schema.INT32_SCHEMA,
    Schema.INT64_SCHEMA,
    Schema.FLOAT32_SCHEMA,
    Schema.FLOAT64_SCHEMA,
]
PROMOTABLE_OPTIONAL = [
    Schema.OPTIONAL_INT8_SCHEMA,
    Schema.OPTIONAL_INT16_SCHEMA,
    Schema.OPTIONAL_INT32_SCHEMA,
    Schema.OPTIONAL_INT64_SCHEMA,
    Schema.OPTIONAL_FLOAT32_SCHEMA,
    Schema.OPTIONAL_FLOAT64_SCHEMA,
]
VALUES = [127, 255, 32767, 327890, round_float32(1.2), 1.2345]


# ------------------------------------------------------------------ primitives


@pytest.mark.parametrize(
    ("source", "value", "target"),
    [
        (Schema.BOOLEAN_SCHEMA, False, Schema.BOOLEAN_SCHEMA),
        (Schema.BYTES_SCHEMA, b"\x01\x02", Schema.BYTES_SCHEMA),
        (Schema.STRING_SCHEMA, "abc", Schema.STRING_SCHEMA),
        (Schema.BOOLEAN_SCHEMA, False, Schema.OPTIONAL_BOOLEAN_SCHEMA),
        (Schema.BYTES_SCHEMA, b"\x01\x02", Schema.OPTIONAL_BYTES_SCHEMA),
        (Schema.STRING_SCHEMA, "abc", Schema.OPTIONAL_STRING_SCHEMA),
    ],
)
def test_primitive_same_type(source: Schema, value: object, target: Schema) -> None:
    """A primitive projects onto the same type (required or optional) unchanged."""
    assert project(source, value, target) is value


@pytest.mark.parametrize(
    ("source", "value", "target"),
    [
        (Schema.OPTIONAL_BOOLEAN_SCHEMA, False, Schema.BOOLEAN_SCHEMA),
        (Schema.OPTIONAL_BYTES_SCHEMA, b"\x01", Schema.BYTES_SCHEMA),
        (Schema.OPTIONAL_STRING_SCHEMA, "abc", Schema.STRING_SCHEMA),
    ],
)
def test_optional_to_required_without_default_fails_even_for_a_value(
    source: Schema, value: object, target: Schema
) -> None:
    """An optional source onto a required target without default fails even for a non-null value."""
    with pytest.raises(SchemaProjectorException) as info:
        project(source, value, target)
    assert str(info.value) == (
        "Writer schema is optional, however, target schema does not provide a default value."
    )


def test_null_into_required_target_from_required_source_is_null() -> None:
    """A null value of a required source projects to null, even onto a required target."""
    assert project(Schema.INT32_SCHEMA, None, Schema.INT32_SCHEMA) is None


def test_optional_null_into_optional_target_with_default_stays_null() -> None:
    """Null onto an optional target stays null even when the target has a default."""
    target = SchemaBuilder.int32().optional().default_value(9).build()
    assert project(Schema.OPTIONAL_INT32_SCHEMA, None, target) is None


# ------------------------------------------------------------------ numeric promotion


def _expected(value: float, target: Type) -> object:
    if target in (Type.INT8, Type.INT16, Type.INT32, Type.INT64):
        return value
    if target is Type.FLOAT32:
        return round_float32(float(value))
    return float(value)


@pytest.mark.parametrize("i", range(len(PROMOTABLE)))
def test_numeric_promotion_forward(i: int) -> None:
    """Each numeric type projects onto itself and every wider type (required and optional)."""
    source = PROMOTABLE[i]
    value = VALUES[i]
    for target in PROMOTABLE[i:] + PROMOTABLE_OPTIONAL[i:]:
        projected = project(source, value, target)
        if target.type() is Type.FLOAT64:
            assert projected == pytest.approx(value, abs=1e-6)
            assert type(projected) is float
        else:
            assert projected == _expected(value, target.type())
            assert type(projected) is type(_expected(value, target.type()))


@pytest.mark.parametrize("i", range(len(PROMOTABLE)))
def test_numeric_demotion_fails(i: int) -> None:
    """Projecting a number onto a narrower numeric type fails with a type mismatch."""
    for target in PROMOTABLE[:i]:
        with pytest.raises(SchemaProjectorException) as info:
            project(PROMOTABLE[i], VALUES[i], target)
        assert str(info.value) == (
            f"Schema type mismatch. source type: {PROMOTABLE[i].type()} "
            f"and target type: {target.type()}"
        )


@pytest.mark.parametrize("source", PROMOTABLE)
@pytest.mark.parametrize(
    "target", [Schema.BOOLEAN_SCHEMA, Schema.BYTES_SCHEMA, Schema.STRING_SCHEMA]
)
def test_numbers_do_not_promote_to_non_numeric(source: Schema, target: Schema) -> None:
    """Numbers never project onto boolean, bytes or string schemas (whatever the value)."""
    with pytest.raises(DataException):
        project(source, object(), target)


def test_int64_to_float32_rounds_directly() -> None:
    """int64 -> float32 rounds the exact integer to the nearest float32 (Long.floatValue)."""
    assert project(Schema.INT64_SCHEMA, 2**63 - 1, Schema.FLOAT32_SCHEMA) == 2.0**63
    # 2**53 + 2**29 + 1 is above the float32 halfway point; double rounding would tie down
    value = 2**53 + 2**29 + 1
    assert project(Schema.INT64_SCHEMA, value, Schema.FLOAT32_SCHEMA) == 2.0**53 + 2**30


def test_float32_widened_to_float64_is_the_float32_value() -> None:
    """float32 -> float64 widens the float32 the value denotes (0.1f -> 0.10000000149011612)."""
    assert project(Schema.FLOAT32_SCHEMA, 0.1, Schema.FLOAT64_SCHEMA) == 0.10000000149011612


def test_float32_to_float32_is_identity() -> None:
    """A float32 projected onto float32 is returned as is."""
    assert project(Schema.FLOAT32_SCHEMA, 0.1, Schema.FLOAT32_SCHEMA) == 0.1


def test_non_numbers_pass_through_numeric_promotion() -> None:
    """A value that is not a number (a date under a logical schema) passes through unchanged."""
    day = dt.date(2020, 1, 1)
    assert project(Date.SCHEMA, day, Date.SCHEMA) is day


def _float32_neighbours(value: float) -> tuple[float, float]:
    bits = _struct.unpack("<I", _struct.pack("<f", value))[0]
    below = _struct.unpack("<f", _struct.pack("<I", bits - 1))[0]
    above = _struct.unpack("<f", _struct.pack("<I", bits + 1))[0]
    return below, above


@pytest.mark.parametrize(
    "value", [1, 2**24 + 1, 2**24 + 3, 2**40 + 2**16, 2**62 + 2**38 + 1, -(2**63), 123456789]
)
def test_int_to_float32_is_nearest(value: int) -> None:
    """The float32 of an integer is the nearest float32 to it (ties to even)."""
    result = _int_to_float32(value)
    assert round_float32(result) == result
    below, above = _float32_neighbours(abs(result))
    error = abs(abs(result) - abs(value))
    assert error <= abs(below - abs(value)) and error <= abs(above - abs(value))


# ------------------------------------------------------------------ optional projection


def _verify_optional_projection(
    source: Schema, target_type: Type, value: object, default: object, expected: object
) -> None:
    for optional in (True, False):
        builder = SchemaBuilder(target_type)
        if optional:
            builder.optional()
        target = builder.default_value(default).build()
        projected = project(source, value, target)
        if target_type is Type.FLOAT64:
            assert projected == pytest.approx(expected, abs=1e-6)
        else:
            assert projected == expected
        assert project(source, None, target) == (None if optional else default)


@pytest.mark.parametrize(
    ("source", "target_type", "value", "default", "expected"),
    [
        (Schema.OPTIONAL_BOOLEAN_SCHEMA, Type.BOOLEAN, False, True, False),
        (Schema.OPTIONAL_BYTES_SCHEMA, Type.BYTES, b"\x01\x02", b"\x03\x04", b"\x01\x02"),
        (Schema.OPTIONAL_STRING_SCHEMA, Type.STRING, "abc", "def", "abc"),
        (Schema.OPTIONAL_INT8_SCHEMA, Type.INT8, 12, 127, 12),
        (Schema.OPTIONAL_INT8_SCHEMA, Type.INT16, 12, 127, 12),
        (Schema.OPTIONAL_INT8_SCHEMA, Type.INT32, 12, 12789, 12),
        (Schema.OPTIONAL_INT8_SCHEMA, Type.INT64, 12, 127890, 12),
        (Schema.OPTIONAL_INT8_SCHEMA, Type.FLOAT32, 12, 3.45, 12.0),
        (Schema.OPTIONAL_INT8_SCHEMA, Type.FLOAT64, 12, 3.4567, 12.0),
        (Schema.OPTIONAL_INT16_SCHEMA, Type.INT16, 12, 127, 12),
        (Schema.OPTIONAL_INT16_SCHEMA, Type.INT32, 12, 12789, 12),
        (Schema.OPTIONAL_INT16_SCHEMA, Type.INT64, 12, 127890, 12),
        (Schema.OPTIONAL_INT16_SCHEMA, Type.FLOAT32, 12, 3.45, 12.0),
        (Schema.OPTIONAL_INT16_SCHEMA, Type.FLOAT64, 12, 3.4567, 12.0),
        (Schema.OPTIONAL_INT32_SCHEMA, Type.INT32, 12, 12789, 12),
        (Schema.OPTIONAL_INT32_SCHEMA, Type.INT64, 12, 127890, 12),
        (Schema.OPTIONAL_INT32_SCHEMA, Type.FLOAT32, 12, 3.45, 12.0),
        (Schema.OPTIONAL_INT32_SCHEMA, Type.FLOAT64, 12, 3.4567, 12.0),
        (Schema.OPTIONAL_INT64_SCHEMA, Type.INT64, 12, 127890, 12),
        (Schema.OPTIONAL_INT64_SCHEMA, Type.FLOAT32, 12, 3.45, 12.0),
        (Schema.OPTIONAL_INT64_SCHEMA, Type.FLOAT64, 12, 3.4567, 12.0),
        (Schema.OPTIONAL_FLOAT32_SCHEMA, Type.FLOAT32, 12.345, 3.45, 12.345),
        (Schema.OPTIONAL_FLOAT32_SCHEMA, Type.FLOAT64, 12.345, 3.4567, 12.345),
    ],
)
def test_optional_projection(
    source: Schema, target_type: Type, value: object, default: object, expected: object
) -> None:
    """Optional values project (with promotion); null becomes null or the required target's default."""
    _verify_optional_projection(source, target_type, value, default, expected)


# ------------------------------------------------------------------ structs


def test_struct_add_field_takes_target_default() -> None:
    """A field only in the target takes the target field's default."""
    source = SchemaBuilder.struct().field("field", Schema.INT32_SCHEMA).build()
    source_struct = Struct(source).put("field", 1)
    target = (
        SchemaBuilder.struct()
        .field("field", Schema.INT32_SCHEMA)
        .field("field2", SchemaBuilder.int32().default_value(123).build())
        .build()
    )
    projected = project(source, source_struct, target)
    assert projected.schema() is target
    assert projected.get_int32("field") == 1
    assert projected.get_int32("field2") == 123


def test_struct_add_required_field_without_default_fails() -> None:
    """A required target field missing from the source and without default is an error."""
    source = SchemaBuilder.struct().name("R").field("field", Schema.INT32_SCHEMA).build()
    target = (
        SchemaBuilder.struct()
        .name("R")
        .field("field", Schema.INT32_SCHEMA)
        .field("field2", Schema.INT32_SCHEMA)
        .build()
    )
    with pytest.raises(SchemaProjectorException) as info:
        project(source, Struct(source).put("field", 1), target)
    assert (
        str(info.value) == "Required field `field2` is missing from source schema: Schema{R:STRUCT}"
    )


def test_struct_missing_optional_field_stays_null_even_with_default() -> None:
    """An optional target field missing from the source stays null even if it has a default."""
    source = SchemaBuilder.struct().build()
    target = (
        SchemaBuilder.struct()
        .field("id", SchemaBuilder.int64().optional().default_value(42).build())
        .build()
    )
    projected = project(source, Struct(source), target)
    assert projected.get_without_default("id") is None
    assert projected.get_int64("id") is None


def test_struct_missing_optional_field() -> None:
    """An optional target field missing from the source is null."""
    source = SchemaBuilder.struct().build()
    target = SchemaBuilder.struct().field("id", Schema.OPTIONAL_INT64_SCHEMA).build()
    assert project(source, Struct(source), target).get_int64("id") is None


def test_struct_missing_defaulted_field() -> None:
    """A required target field with default missing from the source gets the default."""
    source = SchemaBuilder.struct().build()
    target = SchemaBuilder.struct().field("id", SchemaBuilder.int64().default_value(42).build())
    assert project(source, Struct(source), target.build()).get_int64("id") == 42


def test_struct_remove_field() -> None:
    """Source fields absent from the target are dropped."""
    source = (
        SchemaBuilder.struct()
        .field("field", Schema.INT32_SCHEMA)
        .field("field2", Schema.INT32_SCHEMA)
        .build()
    )
    source_struct = Struct(source).put("field", 1).put("field2", 234)
    target = SchemaBuilder.struct().field("field", Schema.INT32_SCHEMA).build()
    projected = project(source, source_struct, target)
    assert projected.get("field") == 1
    with pytest.raises(DataException):
        projected.get("field2")


def test_struct_default_value() -> None:
    """A null optional struct takes the required target's default struct; values project field by field."""
    source = (
        SchemaBuilder.struct()
        .optional()
        .field("field", Schema.INT32_SCHEMA)
        .field("field2", Schema.INT32_SCHEMA)
        .build()
    )
    builder = (
        SchemaBuilder.struct()
        .field("field", Schema.INT32_SCHEMA)
        .field("field2", Schema.INT32_SCHEMA)
    )
    default_struct = Struct(builder).put("field", 12).put("field2", 345)
    builder.default_value(default_struct)
    target = builder.build()
    assert project(source, None, target) is default_struct
    source_struct = Struct(source).put("field", 45).put("field2", 678)
    projected = project(source, source_struct, target)
    assert projected.get("field") == 45
    assert projected.get("field2") == 678


def test_struct_fields_follow_target_order_and_promote() -> None:
    """The projected struct has the target's fields in the target's order, promoted."""
    source = (
        SchemaBuilder.struct()
        .field("a", Schema.INT32_SCHEMA)
        .field("b", Schema.STRING_SCHEMA)
        .build()
    )
    target = (
        SchemaBuilder.struct()
        .field("b", Schema.STRING_SCHEMA)
        .field("a", Schema.INT64_SCHEMA)
        .build()
    )
    projected = project(source, Struct(source).put("a", 1).put("b", "x"), target)
    assert list(projected) == [("b", "x"), ("a", 1)]


def test_struct_source_defaults_apply() -> None:
    """Unset source fields are read with their source default."""
    source = SchemaBuilder.struct().field("a", SchemaBuilder.int32().default_value(4).build())
    target = SchemaBuilder.struct().field("a", SchemaBuilder.int64().default_value(8).build())
    projected = project(source.build(), Struct(source.build()), target.build())
    assert projected.get_without_default("a") == 4


def test_nested_schema_projection() -> None:
    """Nested structs, arrays and maps project recursively."""
    source_flat = SchemaBuilder.struct().field("field", Schema.INT32_SCHEMA).build()
    target_flat = (
        SchemaBuilder.struct()
        .field("field", Schema.INT32_SCHEMA)
        .field("field2", SchemaBuilder.int32().default_value(123).build())
        .build()
    )

    def nested(flat: Schema) -> Schema:
        return (
            SchemaBuilder.struct()
            .field("first", Schema.INT32_SCHEMA)
            .field("second", Schema.STRING_SCHEMA)
            .field("array", SchemaBuilder.array(Schema.INT32_SCHEMA).build())
            .field("map", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
            .field("nested", flat)
            .build()
        )

    source_schema, target_schema = nested(source_flat), nested(target_flat)
    source_struct = (
        Struct(source_schema)
        .put("first", 1)
        .put("second", "abc")
        .put("array", [1, 2])
        .put("map", {5: "def"})
        .put("nested", Struct(source_flat).put("field", 113))
    )
    projected = project(source_schema, source_struct, target_schema)
    assert projected.get("first") == 1
    assert projected.get("second") == "abc"
    assert projected.get("array") == [1, 2]
    assert projected.get("map") == {5: "def"}
    inner = projected.get("nested")
    assert inner.get("field") == 113
    assert inner.get("field2") == 123


def test_nested_error_is_wrapped_with_the_field_name() -> None:
    """An error inside a struct field is raised as 'Error projecting <field>' with the cause chained."""
    inner_source = SchemaBuilder.struct().name("In").field("x", Schema.INT8_SCHEMA).build()
    inner_target = (
        SchemaBuilder.struct()
        .name("In")
        .field("x", Schema.INT8_SCHEMA)
        .field("w", Schema.INT8_SCHEMA)
        .build()
    )
    source = SchemaBuilder.struct().field("in", inner_source).build()
    target = SchemaBuilder.struct().field("in", inner_target).build()
    value = Struct(source).put("in", Struct(inner_source).put("x", 7))
    with pytest.raises(SchemaProjectorException) as info:
        project(source, value, target)
    assert str(info.value) == "Error projecting in"
    assert isinstance(info.value.__cause__, SchemaProjectorException)
    assert str(info.value.__cause__) == (
        "Required field `w` is missing from source schema: Schema{In:STRUCT}"
    )


def test_invalid_projected_field_value_is_a_data_exception() -> None:
    """A null projected into a required target field fails in Struct.put, unwrapped."""
    source = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    target = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    with pytest.raises(DataException) as info:
        project(source, Struct(source), target)
    assert not isinstance(info.value, SchemaProjectorException)


def test_struct_built_with_another_equal_schema() -> None:
    """A source struct built with an equal but distinct schema is read by field name."""
    source = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).field("b", Schema.INT8_SCHEMA)
    value = Struct(source.build()).put("a", 1).put("b", 2)
    target = SchemaBuilder.struct().field("b", Schema.INT16_SCHEMA).build()
    assert project(source.build(), value, target).get("b") == 2


# ------------------------------------------------------------------ logical types


def test_logical_type_projection() -> None:
    """Logical values project onto the same logical schema unchanged."""
    value = decimal.Decimal("1.56")
    assert project(Decimal.schema(2), value, Decimal.schema(2)) is value
    assert project(Date.SCHEMA, 1000, Date.SCHEMA) == 1000
    assert project(Time.SCHEMA, 231, Time.SCHEMA) == 231
    assert project(Timestamp.SCHEMA, 34567, Timestamp.SCHEMA) == 34567
    moment = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    assert project(Date.SCHEMA, moment.date(), Date.SCHEMA) == moment.date()
    assert project(Time.SCHEMA, moment.time(), Time.SCHEMA) == moment.time()
    assert project(Timestamp.SCHEMA, moment, Timestamp.SCHEMA) is moment


@pytest.mark.parametrize("logical", [Decimal.schema(2), Date.SCHEMA, Time.SCHEMA, Timestamp.SCHEMA])
def test_logical_types_do_not_mix_with_other_schemas(logical: Schema) -> None:
    """Logical schemas do not project to or from other types or names."""
    named = SchemaBuilder.int32().name("invalidLogicalTypeName").build()
    for source, target in (
        (logical, Schema.BOOLEAN_SCHEMA),
        (logical, named),
        (Schema.BOOLEAN_SCHEMA, logical),
    ):
        with pytest.raises(SchemaProjectorException):
            project(source, None, target)


def test_decimal_scale_mismatch_is_a_parameter_mismatch() -> None:
    """Decimals of different scales fail as unequal parameters, printed as Java maps."""
    with pytest.raises(SchemaProjectorException) as info:
        project(Decimal.schema(2), decimal.Decimal("1.23"), Decimal.schema(3))
    assert str(info.value) == (
        "Schema parameters not equal. source parameters: {scale=2} and target parameters: {scale=3}"
    )


# ------------------------------------------------------------------ arrays and maps


def test_array_projection() -> None:
    """Arrays project element-wise, with promotion and the target's default for null."""
    source = SchemaBuilder.array(Schema.INT32_SCHEMA).build()
    assert project(source, [1, 2, 3], source) == [1, 2, 3]
    optional_source = SchemaBuilder.array(Schema.INT32_SCHEMA).optional().build()
    target = SchemaBuilder.array(Schema.INT32_SCHEMA).default_value([1, 2, 3]).build()
    assert project(optional_source, [4, 5], target) == [4, 5]
    assert project(optional_source, None, target) == [1, 2, 3]
    promoted = SchemaBuilder.array(Schema.INT64_SCHEMA).default_value([1, 2, 3]).build()
    assert project(optional_source, [4, 5], promoted) == [4, 5]
    assert project(optional_source, None, promoted) == [1, 2, 3]
    with pytest.raises(SchemaProjectorException):
        project(optional_source, None, SchemaBuilder.array(Schema.INT32_SCHEMA).build())
    with pytest.raises(SchemaProjectorException):
        project(optional_source, None, SchemaBuilder.array(Schema.BOOLEAN_SCHEMA).build())


def test_array_items_checked_only_when_present() -> None:
    """Incompatible item schemas fail only when there is an item to project."""
    source = SchemaBuilder.array(Schema.INT8_SCHEMA).build()
    target = SchemaBuilder.array(Schema.BOOLEAN_SCHEMA).build()
    assert project(source, [], target) == []
    with pytest.raises(SchemaProjectorException) as info:
        project(source, [1], target)
    assert str(info.value) == "Schema type mismatch. source type: INT8 and target type: BOOLEAN"


def test_array_null_items_take_item_default() -> None:
    """Null items of optional item schemas become the required target item's default."""
    source = SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).build()
    target = SchemaBuilder.array(SchemaBuilder.int32().default_value(0).build()).build()
    assert project(source, [1, None], target) == [1, 0]


def test_map_projection() -> None:
    """Maps project keys and values, with promotion and the target's default for null."""
    source = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).optional().build()
    target = (
        SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).default_value({1: 2}).build()
    )
    assert project(source, {3: 4}, target) == {3: 4}
    assert project(source, None, target) == {1: 2}
    promoted = (
        SchemaBuilder.map(Schema.INT64_SCHEMA, Schema.FLOAT32_SCHEMA)
        .default_value({3: 4.5})
        .build()
    )
    projected = project(source, {3: 4}, promoted)
    assert projected == {3: 4.0}
    assert type(next(iter(projected.values()))) is float
    assert project(source, None, promoted) == {3: 4.5}
    with pytest.raises(SchemaProjectorException):
        project(source, None, SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).build())
    with pytest.raises(SchemaProjectorException):
        project(
            source, None, SchemaBuilder.map(Schema.BOOLEAN_SCHEMA, Schema.STRING_SCHEMA).build()
        )


# ------------------------------------------------------------------ names and parameters


def test_name_mismatch() -> None:
    """Different names fail; a missing name prints as null."""
    source = SchemaBuilder.int32().name("source").build()
    target = SchemaBuilder.int32().name("target").build()
    with pytest.raises(SchemaProjectorException) as info:
        project(source, 12, target)
    assert str(info.value) == "Schema name mismatch. source name: source and target name: target"
    with pytest.raises(SchemaProjectorException) as info:
        project(Schema.INT32_SCHEMA, 1, SchemaBuilder.int32().name("b").build())
    assert str(info.value) == "Schema name mismatch. source name: null and target name: b"


def test_parameter_mismatch() -> None:
    """Different parameters fail (a SchemaBuilder works as a target)."""
    source = SchemaBuilder.int32().name("source").build()
    target = SchemaBuilder.int32().name("source").parameters({"key": "value"})
    with pytest.raises(SchemaProjectorException) as info:
        project(source, 34, target)
    assert str(info.value) == (
        "Schema parameters not equal. source parameters: null and target parameters: {key=value}"
    )


def test_parameters_compared_as_maps_and_version_doc_ignored() -> None:
    """Parameter order, version and doc do not matter."""
    source = SchemaBuilder.int32().parameter("a", "1").parameter("b", "2").version(1).doc("x")
    target = SchemaBuilder.int32().parameter("b", "2").parameter("a", "1").version(2).doc("y")
    assert project(source.build(), 5, target.build()) == 5


# ------------------------------------------------------------------ bad input and caching


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        (SchemaBuilder.struct().build(), {"a": 1}),
        (SchemaBuilder.array(Schema.INT32_SCHEMA).build(), 5),
        (SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(), [1]),
    ],
)
def test_value_not_matching_source_type_is_reported(schema: Schema, value: object) -> None:
    """A value of the wrong Python class for a complex schema raises SchemaProjectorException."""
    with pytest.raises(SchemaProjectorException, match="Cannot project class"):
        project(schema, value, schema)


def test_missing_schema_is_reported() -> None:
    """A missing source or target schema raises SchemaProjectorException."""
    with pytest.raises(SchemaProjectorException):
        project(None, 1, Schema.INT32_SCHEMA)  # type: ignore[arg-type]


def test_builders_are_not_cached() -> None:
    """A SchemaBuilder target changed between calls is seen by the next projection."""
    source = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    target = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA)
    value = Struct(source).put("a", 1)
    assert project(source, value, target).get("a") == 1
    target.field("b", SchemaBuilder.int32().default_value(7).build())
    assert project(source, value, target).get("b") == 7


def test_repeated_projection_uses_the_given_target_schema() -> None:
    """Every projected struct carries the target schema object passed in."""
    source = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    first = SchemaBuilder.struct().field("a", Schema.INT64_SCHEMA).build()
    second = SchemaBuilder.struct().field("a", Schema.INT64_SCHEMA).build()
    value = Struct(source).put("a", 1)
    assert project(source, value, first).schema() is first
    assert project(source, value, second).schema() is second
    assert project(source, value, first).schema() is first


def test_nan_and_infinity_widen() -> None:
    """NaN and infinities survive widening to float64."""
    assert math.isnan(project(Schema.FLOAT32_SCHEMA, math.nan, Schema.FLOAT64_SCHEMA))
    assert project(Schema.FLOAT32_SCHEMA, -math.inf, Schema.FLOAT64_SCHEMA) == -math.inf
