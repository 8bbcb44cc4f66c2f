"""Properties of the data model over random schemas and values (hypothesis)."""

from __future__ import annotations

import decimal
import math
import struct as _struct
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from connect_data import (
    ConnectSchema,
    DataException,
    Schema,
    SchemaBuilder,
    SchemaProjector,
    Struct,
    Type,
)
from connect_data.javatext import round_float32
from tests.strategies import float32s, java_ints, schemas, values_for

INT_RANGES = {
    Type.INT8: (-(2**7), 2**7 - 1),
    Type.INT16: (-(2**15), 2**15 - 1),
    Type.INT32: (-(2**31), 2**31 - 1),
    Type.INT64: (-(2**63), 2**63 - 1),
}
NUMERIC = [Type.INT8, Type.INT16, Type.INT32, Type.INT64, Type.FLOAT32, Type.FLOAT64]


def rebuild(schema: Schema) -> Schema:
    """An equal copy of ``schema`` made afresh through SchemaBuilder (new objects throughout)."""
    schema_type = schema.type()
    if schema_type is Type.ARRAY:
        value_schema = schema.value_schema()
        assert value_schema is not None
        builder = SchemaBuilder.array(rebuild(value_schema))
    elif schema_type is Type.MAP:
        key_schema, value_schema = schema.key_schema(), schema.value_schema()
        assert key_schema is not None and value_schema is not None
        builder = SchemaBuilder.map(rebuild(key_schema), rebuild(value_schema))
    else:
        builder = SchemaBuilder(schema_type)
    if schema_type is Type.STRUCT:
        for field in schema.fields():
            builder.field(field.name(), rebuild(field.schema()))
    name, version, doc, parameters = (
        schema.name(),
        schema.version(),
        schema.doc(),
        schema.parameters(),
    )
    if name is not None:
        builder.name(name)
    if version is not None:
        builder.version(version)
    if doc is not None:
        builder.doc(doc)
    if parameters is not None:
        builder.parameters(dict(parameters))
    if schema.is_optional():
        builder.optional()
    default = schema.default_value()
    if default is not None:
        builder.default_value(copy_value(default, builder))
    return builder.build()


def copy_value(value: Any, schema: Schema) -> Any:
    """A copy of a value of ``schema``, structs rebuilt on ``schema`` (which may be a builder)."""
    if isinstance(value, Struct):
        copy = Struct(schema)
        for field in schema.fields():
            copy.put(field, copy_value(value.get_without_default(field.name()), field.schema()))
        return copy
    if isinstance(value, list):
        item_schema = schema.value_schema()
        assert item_schema is not None
        return [copy_value(v, item_schema) for v in value]
    if isinstance(value, dict):
        key_schema, value_schema = schema.key_schema(), schema.value_schema()
        assert key_schema is not None and value_schema is not None
        return {copy_value(k, key_schema): copy_value(v, value_schema) for k, v in value.items()}
    return value


# ------------------------------------------------------------------ equality and hashing


@given(schemas())
def test_rebuilt_schema_is_equal_with_the_same_hash(schema: Schema) -> None:
    """A schema rebuilt property by property through SchemaBuilder is equal and hashes alike."""
    copy = rebuild(schema)
    assert copy == schema
    assert schema == copy
    assert hash(copy) == hash(schema)


@given(schemas(), schemas())
def test_equal_schemas_hash_alike(a: Schema, b: Schema) -> None:
    """Any two equal schemas have equal hashes, and equality is symmetric."""
    assert (a == b) is (b == a)
    if a == b:
        assert hash(a) == hash(b)


@given(schemas(), st.sampled_from(["name", "version", "doc", "optional", "parameters"]))
def test_changing_one_property_breaks_equality(schema: Schema, prop: str) -> None:
    """A schema that differs in name, version, doc, optionality or parameters is not equal."""
    name = schema.name()
    assume(name is None or not name.startswith("org.apache"))
    copy = rebuild(schema)
    changed = ConnectSchema(
        copy.type(),
        not copy.is_optional() if prop == "optional" else copy.is_optional(),
        None if prop == "optional" else copy.default_value(),
        "zz" if prop == "name" else copy.name(),
        99 if prop == "version" else copy.version(),
        "zz doc" if prop == "doc" else copy.doc(),
        {"zz": "zz"} if prop == "parameters" else copy.parameters(),
        copy.fields() if copy.type() is Type.STRUCT else None,
        copy.key_schema() if copy.type() is Type.MAP else None,
        copy.value_schema() if copy.type() in (Type.ARRAY, Type.MAP) else None,
    )
    assert changed != schema


@given(st.lists(schemas(), max_size=4), st.data())
def test_equal_structs_hash_alike(field_schemas: list[Schema], data: st.DataObject) -> None:
    """A Struct equals a copy of it and hashes alike, whatever its fields hold."""
    builder = SchemaBuilder.struct()
    for i, field_schema in enumerate(field_schemas):
        builder.field(f"f{i}", field_schema)
    schema = builder.build()
    value = data.draw(values_for(schema))
    copy = copy_value(value, schema)
    assert copy == value
    assert hash(copy) == hash(value)


# ------------------------------------------------------------------ validate_value


@given(st.data())
def test_validate_accepts_generated_values(data: st.DataObject) -> None:
    """Every value generated for a schema validates against it (and against an equal copy)."""
    schema = data.draw(schemas())
    value = data.draw(values_for(schema))
    ConnectSchema.validate_value(schema, value)
    ConnectSchema.validate_value(rebuild(schema), value)


@given(st.sampled_from(list(INT_RANGES)), st.integers(min_value=-(2**70), max_value=2**70))
def test_validate_int_range(schema_type: Type, value: int) -> None:
    """An int validates for an integer schema exactly when it is in the Java type's range."""
    low, high = INT_RANGES[schema_type]
    schema = SchemaBuilder(schema_type).build()
    if low <= value <= high:
        ConnectSchema.validate_value(schema, value)
    else:
        with pytest.raises(DataException):
            ConnectSchema.validate_value(schema, value)


@pytest.mark.parametrize("schema_type", list(INT_RANGES))
def test_validate_int_boundaries(schema_type: Type) -> None:
    """The exact boundaries of each integer type are accepted and one beyond is rejected."""
    low, high = INT_RANGES[schema_type]
    schema = SchemaBuilder(schema_type).build()
    for value in (low, low + 1, -1, 0, 1, high - 1, high):
        ConnectSchema.validate_value(schema, value)
    for value in (low - 1, high + 1):
        with pytest.raises(DataException):
            ConnectSchema.validate_value(schema, value)


def python_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "bytes"
    return type(value).__name__


ACCEPTED_KIND = {
    Type.INT8: "int",
    Type.INT16: "int",
    Type.INT32: "int",
    Type.INT64: "int",
    Type.FLOAT32: "float",
    Type.FLOAT64: "float",
    Type.BOOLEAN: "bool",
    Type.STRING: "str",
    Type.BYTES: "bytes",
}


@given(st.data())
def test_validate_accepts_exactly_the_right_kind(data: st.DataObject) -> None:
    """A primitive value validates for a primitive schema iff its Python type fits (bool is not
    an int, an int is not a float) and, for ints, it is in range."""
    source = data.draw(schemas(max_depth=0, logical=False, defaults=False))
    target = data.draw(schemas(max_depth=0, logical=False, defaults=False))
    value = data.draw(values_for(source, nulls=False))
    accepted = python_kind(value) == ACCEPTED_KIND[target.type()]
    if accepted and target.type() in INT_RANGES:
        low, high = INT_RANGES[target.type()]
        accepted = low <= value <= high
    if accepted and target.type() is Type.FLOAT32:
        accepted = math.isinf(value) or not math.isinf(round_float32(value))
    if accepted:
        ConnectSchema.validate_value(target, value)
    else:
        with pytest.raises(DataException):
            ConnectSchema.validate_value(target, value)


@given(st.data())
def test_null_validates_only_for_optional(data: st.DataObject) -> None:
    """None validates exactly for optional schemas."""
    schema = data.draw(schemas())
    if schema.is_optional():
        ConnectSchema.validate_value(schema, None)
    else:
        with pytest.raises(DataException):
            ConnectSchema.validate_value(schema, None)


# ------------------------------------------------------------------ projection


@given(st.data())
def test_projecting_onto_the_same_schema_is_identity(data: st.DataObject) -> None:
    """Projecting a value onto its own schema (or an equal copy) gives the same value; struct
    fields left null come back holding their default, as in Java (Struct.get is used)."""
    schema = data.draw(schemas())
    value = data.draw(values_for(schema))
    for target in (schema, rebuild(schema)):
        projected = SchemaProjector.project(schema, value, target)
        assert with_defaults(projected) == with_defaults(value)
        if schema.type().is_primitive():
            assert projected is value


def with_defaults(value: Any) -> Any:
    """The value as seen through Struct.get (field defaults applied), for comparison."""
    if isinstance(value, Struct):
        return ("Struct", tuple((name, with_defaults(v)) for name, v in value))
    if isinstance(value, list):
        return [with_defaults(v) for v in value]
    if isinstance(value, dict):
        return {k: with_defaults(v) for k, v in value.items()}
    return value


def _nearest_float32(value: int) -> float:
    """The float32 nearest to an integer, by exact comparison with its neighbours."""
    if abs(value) <= 2**24:
        return float(value)
    candidate = round_float32(float(value))
    bits = _struct.unpack("<I", _struct.pack("<f", abs(candidate)))[0]
    options = [candidate]
    for neighbour_bits in (bits - 1, bits + 1):
        neighbour = _struct.unpack("<f", _struct.pack("<I", neighbour_bits))[0]
        options.append(math.copysign(neighbour, candidate))
    return min(
        options,
        key=lambda f: (
            abs(decimal.Decimal(f) - value),
            _struct.unpack("<I", _struct.pack("<f", f))[0] & 1,
        ),
    )


@given(st.data())
def test_numeric_widening_preserves_values(data: st.DataObject) -> None:
    """Widening keeps ints exact, rounds ints to the nearest float, keeps float32 values."""
    i = data.draw(st.integers(0, len(NUMERIC) - 1))
    j = data.draw(st.integers(i, len(NUMERIC) - 1))
    source, target = NUMERIC[i], NUMERIC[j]
    if source in INT_RANGES:
        value: Any = data.draw(
            java_ints({Type.INT8: 8, Type.INT16: 16, Type.INT32: 32, Type.INT64: 64}[source])
        )
    else:
        value = data.draw(
            float32s(allow_nan=False) if source is Type.FLOAT32 else st.floats(allow_nan=False)
        )
    projected = SchemaProjector.project(
        SchemaBuilder(source).build(), value, SchemaBuilder(target).build()
    )
    if target in INT_RANGES:
        assert type(projected) is int and projected == value
    elif target is Type.FLOAT64:
        assert type(projected) is float and projected == float(value)
    elif isinstance(value, int):
        assert projected == _nearest_float32(value)
    else:
        assert projected == value


@given(st.data())
def test_numeric_narrowing_always_fails(data: st.DataObject) -> None:
    """Projecting onto a narrower numeric type always fails, whatever the value."""
    i = data.draw(st.integers(1, len(NUMERIC) - 1))
    j = data.draw(st.integers(0, i - 1))
    with pytest.raises(DataException):
        SchemaProjector.project(
            SchemaBuilder(NUMERIC[i]).build(),
            data.draw(st.integers(0, 100)),
            SchemaBuilder(NUMERIC[j]).build(),
        )
