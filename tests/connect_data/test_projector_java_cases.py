"""SchemaProjector: branches of Kafka's SchemaProjector not pinned down by test_projector.py.

Expected results follow Java's order of checks (type, then name, then parameters, then
optionality), its messages and its wrapping of struct field errors.
"""

from __future__ import annotations

import datetime as dt

import pytest

from connect_data import (
    Date,
    Decimal,
    Schema,
    SchemaBuilder,
    SchemaProjector,
    SchemaProjectorException,
    Struct,
)

project = SchemaProjector.project


def test_compatibility_is_checked_before_null_handling() -> None:
    """A null value still fails when the types are incompatible."""
    with pytest.raises(SchemaProjectorException) as info:
        project(Schema.OPTIONAL_INT32_SCHEMA, None, Schema.STRING_SCHEMA)
    assert str(info.value) == "Schema type mismatch. source type: INT32 and target type: STRING"


def test_type_mismatch_between_complex_and_primitive() -> None:
    """A struct never projects onto a primitive."""
    empty = SchemaBuilder.struct().build()
    with pytest.raises(SchemaProjectorException) as info:
        project(empty, Struct(empty), Schema.INT32_SCHEMA)
    assert str(info.value) == "Schema type mismatch. source type: STRUCT and target type: INT32"


def test_name_is_checked_before_parameters() -> None:
    """With both name and parameters different, the name mismatch is reported."""
    source = SchemaBuilder.int32().name("a").parameters({"k": "v"}).build()
    target = SchemaBuilder.int32().name("b").build()
    with pytest.raises(SchemaProjectorException) as info:
        project(source, 1, target)
    assert str(info.value) == "Schema name mismatch. source name: a and target name: b"


def test_missing_parameters_print_as_null() -> None:
    """Absent parameters are printed as null in the mismatch message."""
    target = SchemaBuilder.int32().parameters({"key": "value"}).build()
    with pytest.raises(SchemaProjectorException) as info:
        project(Schema.INT32_SCHEMA, 1, target)
    assert str(info.value) == (
        "Schema parameters not equal. source parameters: null and target parameters: {key=value}"
    )


def test_logical_type_onto_plain_type_is_a_name_mismatch() -> None:
    """Date onto a plain INT32 fails on the name, even for a null value."""
    with pytest.raises(SchemaProjectorException) as info:
        project(Date.SCHEMA, None, Schema.INT32_SCHEMA)
    assert str(info.value) == (
        "Schema name mismatch. source name: org.apache.kafka.connect.data.Date "
        "and target name: null"
    )


def test_null_decimal_into_an_optional_decimal_is_null() -> None:
    """Required to optional with the same logical schema: null stays null."""
    assert project(Decimal.schema(2), None, Decimal.builder(2).optional().build()) is None


def test_date_value_passes_through_unchanged() -> None:
    """A logical value of the same schema is returned as it is."""
    day = dt.date(2024, 1, 15)
    assert project(Date.SCHEMA, day, Date.SCHEMA) == day


def test_optional_source_field_onto_required_field_without_default_fails_for_a_value() -> None:
    """The optional-to-required check does not look at the value; the error names the field."""
    source = SchemaBuilder.struct().field("x", Schema.OPTIONAL_INT32_SCHEMA).build()
    target = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build()
    with pytest.raises(SchemaProjectorException) as info:
        project(source, Struct(source).put("x", 5), target)
    assert str(info.value) == "Error projecting x"
    cause = info.value.__cause__
    assert isinstance(cause, SchemaProjectorException)
    assert str(cause) == (
        "Writer schema is optional, however, target schema does not provide a default value."
    )


def test_nested_field_errors_chain_one_level_per_struct() -> None:
    """A missing required field two structs down is wrapped once per enclosing field."""
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
    cause = info.value.__cause__
    assert isinstance(cause, SchemaProjectorException)
    assert str(cause) == "Required field `w` is missing from source schema: Schema{In:STRUCT}"


def test_promoted_map_keys_that_collide_keep_the_later_entry() -> None:
    """Keys equal after promotion to float32 collapse into one entry; the later value wins."""
    source = SchemaBuilder.map(Schema.INT64_SCHEMA, Schema.STRING_SCHEMA).build()
    target = SchemaBuilder.map(Schema.FLOAT32_SCHEMA, Schema.STRING_SCHEMA).build()
    projected = project(source, {16777217: "a", 16777216: "b"}, target)
    assert projected == {16777216.0: "b"}


def test_long_min_promotes_to_float32_exactly() -> None:
    """Long.MIN_VALUE is a power of two, exact as a float32."""
    assert project(Schema.INT64_SCHEMA, -(2**63), Schema.FLOAT32_SCHEMA) == -(2.0**63)


def test_negative_int8_promotes_to_float64() -> None:
    """Widening keeps the sign."""
    assert project(Schema.INT8_SCHEMA, -1, Schema.FLOAT64_SCHEMA) == -1.0


def test_map_values_take_the_target_default_for_null() -> None:
    """A null map value under an optional source value schema becomes the target's default."""
    source = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA).build()
    target = SchemaBuilder.map(
        Schema.STRING_SCHEMA, SchemaBuilder.int64().default_value(-1).build()
    ).build()
    assert project(source, {"a": None, "b": 2}, target) == {"a": -1, "b": 2}
