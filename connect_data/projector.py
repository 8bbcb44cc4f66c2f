"""``SchemaProjector``: carry a value from the schema it was written with to a compatible one.

Use it to read old records with a newer schema (schema evolution)::

    v3 = SchemaProjector.project(record.value_schema, record.value, person_schema_v3)

The rules are Kafka Connect's: numbers widen along int8 -> int16 -> int32 -> int64 -> float32
-> float64; names and parameters must match (version and doc are not compared); an optional
source may only go to a required target that has a default; struct fields are matched by name,
fields missing from the source take the target field's default (an optional target field stays
null); arrays and maps are projected element by element.

The walk over a pair of schemas is compiled once and cached (for built, immutable schemas), so
projecting many records with the same schemas does no per-record schema inspection.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from connect_data.errors import SchemaProjectorException, class_name
from connect_data.javatext import round_float32
from connect_data.schema import ConnectSchema, Field, Schema, Type
from connect_data.struct import Struct

__all__ = ["SchemaProjector"]

Projector = Callable[[Any], Any]

_NUMERIC_ORDER = (Type.INT8, Type.INT16, Type.INT32, Type.INT64, Type.FLOAT32, Type.FLOAT64)
_PROMOTABLE = frozenset(
    (source, target) for i, source in enumerate(_NUMERIC_ORDER) for target in _NUMERIC_ORDER[i:]
)
_INT_BITS = {Type.INT8: 8, Type.INT16: 16, Type.INT32: 32, Type.INT64: 64}
_WRITER_OPTIONAL = (
    "Writer schema is optional, however, target schema does not provide a default value."
)
_CACHE_SIZE = 1024
_cache: dict[tuple[int, int], tuple[Schema, Schema, Projector]] = {}


class SchemaProjector:
    """Projects values between compatible schemas (``org.apache.kafka.connect.data.SchemaProjector``)."""

    @staticmethod
    def project(source_schema: Schema, value: Any, target_schema: Schema) -> Any:
        """``value`` (of ``source_schema``) converted to ``target_schema``.

        Raises :class:`~connect_data.SchemaProjectorException` when the schemas are not
        compatible: different types other than a numeric widening, different names or
        parameters, an optional source onto a required target without a default, or a required
        target struct field that the source lacks and that has no default. Errors inside a struct
        field are wrapped as ``"Error projecting <field>"`` with the cause chained.
        """
        return _projector_for(source_schema, target_schema)(value)


def _projector_for(source: Schema, target: Schema) -> Projector:
    key = (id(source), id(target))
    entry = _cache.get(key)
    # the entry holds both schemas, so their ids cannot be reused while it is cached
    if entry is not None and entry[0] is source and entry[1] is target:
        return entry[2]
    projector = _compile(source, target)
    if _is_immutable(source) and _is_immutable(target):
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        _cache[key] = (source, target, projector)
    return projector


def _is_immutable(schema: Schema | None) -> bool:
    """True when ``schema`` and every schema inside it are built ``ConnectSchema`` objects."""
    if schema is None:
        return True
    if type(schema) is not ConnectSchema:
        return False
    schema_type = schema.type()
    if schema_type is Type.STRUCT:
        return all(_is_immutable(f.schema()) for f in schema.fields())
    if schema_type is Type.MAP:
        return _is_immutable(schema.key_schema()) and _is_immutable(schema.value_schema())
    if schema_type is Type.ARRAY:
        return _is_immutable(schema.value_schema())
    return True


def _raiser(message: str) -> Projector:
    def fail(record: Any) -> Any:
        raise SchemaProjectorException(message)

    return fail


def _java_map(parameters: Mapping[str, str] | None) -> str:
    if parameters is None:
        return "null"
    return "{" + ", ".join(f"{k}={v}" for k, v in parameters.items()) + "}"


def _java_str(text: str | None) -> str:
    return "null" if text is None else text


def _compatibility_error(source: Schema, target: Schema) -> str | None:
    source_type, target_type = source.type(), target.type()
    if source_type is not target_type and (source_type, target_type) not in _PROMOTABLE:
        return f"Schema type mismatch. source type: {source_type} and target type: {target_type}"
    if source.name() != target.name():
        return (
            f"Schema name mismatch. source name: {_java_str(source.name())} "
            f"and target name: {_java_str(target.name())}"
        )
    if source.parameters() != target.parameters():
        return (
            f"Schema parameters not equal. source parameters: {_java_map(source.parameters())} "
            f"and target parameters: {_java_map(target.parameters())}"
        )
    return None


def _compile(source: Schema | None, target: Schema | None) -> Projector:
    """The function projecting values of ``source`` onto ``target``; it raises what Java raises."""
    if source is None or target is None:
        return _raiser("Cannot project a value without both a source and a target schema")
    error = _compatibility_error(source, target)
    if error is not None:
        return _raiser(error)
    project_value = _compile_value(source, target)
    if source.is_optional() and not target.is_optional():
        default = target.default_value()
        if default is None:
            return _raiser(_WRITER_OPTIONAL)

        def project_or_default(record: Any) -> Any:
            if record is None:
                return default
            return project_value(record)

        return project_or_default

    def project_or_null(record: Any) -> Any:
        if record is None:
            return None
        return project_value(record)

    return project_or_null


def _lazy(source: Schema | None, target: Schema | None) -> Projector:
    """Compile the projector of a child schema pair on first use (children may be unused)."""
    compiled: Projector | None = None

    def project_child(record: Any) -> Any:
        nonlocal compiled
        if compiled is None:
            compiled = _compile(source, target)
        return compiled(record)

    return project_child


def _compile_value(source: Schema, target: Schema) -> Projector:
    """Projection of a non-null value (Java's ``projectRequiredSchema``)."""
    target_type = target.type()
    if target_type is Type.STRUCT:
        return _compile_struct(source, target)
    if target_type is Type.ARRAY:
        return _compile_array(source, target)
    if target_type is Type.MAP:
        return _compile_map(source, target)
    source_type = source.type()
    if source_type is target_type:
        return _identity
    return _numeric_promotion(source_type, target_type)


def _identity(record: Any) -> Any:
    return record


def _wrong_class(record: Any, expected: str, source: Schema) -> SchemaProjectorException:
    return SchemaProjectorException(
        f"Cannot project {class_name(record)}: a value of schema {source} must be {expected}"
    )


def _compile_struct(source: Schema, target: Schema) -> Projector:
    # each step: (target field, source field or None, child projector or None, default, error)
    steps: list[tuple[Field, Field | None, Projector | None, Any, str | None]] = []
    for target_field in target.fields():
        name = target_field.name()
        source_field = source.field(name)
        field_schema = target_field.schema()
        if source_field is not None:
            child = _lazy(source_field.schema(), field_schema)
            steps.append((target_field, source_field, child, None, None))
        elif field_schema.is_optional():
            continue
        elif field_schema.default_value() is not None:
            steps.append((target_field, None, None, field_schema.default_value(), None))
        else:
            message = f"Required field `{name}` is missing from source schema: {source}"
            steps.append((target_field, None, None, None, message))

    def project_struct(record: Any) -> Struct:
        if not isinstance(record, Struct):
            raise _wrong_class(record, "a Struct", source)
        same_schema = record.schema() is source
        result = Struct(target)
        for target_field, source_field, child, default, error in steps:
            if error is not None:
                raise SchemaProjectorException(error)
            if source_field is None:
                result.put(target_field, default)
                continue
            assert child is not None
            name = source_field.name()
            value = record.get(source_field) if same_schema else record.get(name)
            try:
                projected = child(value)
            except SchemaProjectorException as e:
                raise SchemaProjectorException(f"Error projecting {name}") from e
            result.put(target_field, projected)
        return result

    return project_struct


def _compile_array(source: Schema, target: Schema) -> Projector:
    project_item = _lazy(source.value_schema(), target.value_schema())

    def project_array(record: Any) -> list[Any]:
        if not isinstance(record, (list, tuple)):
            raise _wrong_class(record, "a list", source)
        return [project_item(item) for item in record]

    return project_array


def _compile_map(source: Schema, target: Schema) -> Projector:
    project_key = _lazy(source.key_schema(), target.key_schema())
    project_value = _lazy(source.value_schema(), target.value_schema())

    def project_map(record: Any) -> dict[Any, Any]:
        if not isinstance(record, Mapping):
            raise _wrong_class(record, "a dict", source)
        result: dict[Any, Any] = {}
        for key, value in record.items():
            projected_key = project_key(key)
            result[projected_key] = project_value(value)
        return result

    return project_map


# ------------------------------------------------------------------ numeric widening
# Java converts with Number.byteValue() ... doubleValue(); values that are not numbers (a bool,
# a date under a logical type) pass through unchanged, as in Java.


def _wrap(value: int, bits: int) -> int:
    """Java's narrowing of an integer to ``bits`` bits (two's complement wrap-around)."""
    half = 1 << (bits - 1)
    if -half <= value < half:
        return value
    return ((value + half) % (1 << bits)) - half


def _float_to_long(value: float, bits: int) -> int:
    """Java's ``(int) d`` / ``(long) d``: truncate toward zero, saturate, NaN -> 0."""
    if math.isnan(value):
        return 0
    limit = 1 << (bits - 1)
    if value >= limit:
        return limit - 1
    if value <= -limit:
        return -limit
    return int(value)


def _int_to_float32(value: int) -> float:
    """Java's ``(float) long``: the float32 nearest to the exact integer (ties to even)."""
    magnitude = abs(value)
    excess = magnitude.bit_length() - 24
    if excess > 0:
        quotient, remainder = divmod(magnitude, 1 << excess)
        half = 1 << (excess - 1)
        if remainder > half or (remainder == half and quotient & 1):
            quotient += 1
        magnitude = quotient << excess
    try:
        result = round_float32(float(magnitude))
    except OverflowError:
        result = math.inf
    return -result if value < 0 else result


def _int_to_float64(value: int) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.copysign(math.inf, value)


def _is_int(record: Any) -> bool:
    return isinstance(record, int) and not isinstance(record, bool)


def _numeric_promotion(source_type: Type, target_type: Type) -> Projector:
    if target_type in _INT_BITS:
        bits = _INT_BITS[target_type]
        narrow_bits = 64 if bits == 64 else 32

        def to_int(record: Any) -> Any:
            if _is_int(record):
                return _wrap(record, bits)
            if isinstance(record, float):
                return _wrap(_float_to_long(record, narrow_bits), bits)
            return record

        return to_int
    if target_type is Type.FLOAT32:

        def to_float32(record: Any) -> Any:
            if _is_int(record):
                return _int_to_float32(record)
            if isinstance(record, float):
                return round_float32(record)
            return record

        return to_float32

    # FLOAT64: a FLOAT32 value is the float32 it denotes, widened exactly
    widen_float = round_float32 if source_type is Type.FLOAT32 else _identity

    def to_float64(record: Any) -> Any:
        if _is_int(record):
            return _int_to_float64(record)
        if isinstance(record, float):
            return widen_float(record)
        return record

    return to_float64
