"""Schemas: the types of Kafka Connect data (``Schema``, ``ConnectSchema``, ``Field``, ``Type``).

A :class:`Schema` describes a value: its :class:`Type`, whether it may be null, its default, and
for structs, arrays and maps the schemas of their parts. Build schemas with
:class:`~connect_data.SchemaBuilder`; the built :class:`ConnectSchema` is immutable and compares
and hashes by content, so it can be used as a dictionary key (converters cache per schema).
"""

from __future__ import annotations

import builtins
import datetime as _dt
import decimal
import enum
import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, overload

from connect_data.errors import DataException, class_name

if TYPE_CHECKING:
    from connect_data.struct import Struct

__all__ = [
    "ConnectSchema",
    "Field",
    "Schema",
    "SchemaAndValue",
    "Type",
]

DECIMAL_LOGICAL_NAME = "org.apache.kafka.connect.data.Decimal"
DATE_LOGICAL_NAME = "org.apache.kafka.connect.data.Date"
TIME_LOGICAL_NAME = "org.apache.kafka.connect.data.Time"
TIMESTAMP_LOGICAL_NAME = "org.apache.kafka.connect.data.Timestamp"


class Type(enum.Enum):
    """The type of a schema (``Schema.Type``). ``str(Type.INT32) == "INT32"`` as in Java."""

    INT8 = "int8"
    INT16 = "int16"
    INT32 = "int32"
    INT64 = "int64"
    FLOAT32 = "float32"
    FLOAT64 = "float64"
    BOOLEAN = "boolean"
    STRING = "string"
    BYTES = "bytes"
    ARRAY = "array"
    MAP = "map"
    STRUCT = "struct"

    def get_name(self) -> str:
        """The lower-case name of the type (``"int32"``)."""
        return self.value

    def is_primitive(self) -> bool:
        """True for every type except ARRAY, MAP and STRUCT."""
        return self not in (Type.ARRAY, Type.MAP, Type.STRUCT)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"Type.{self.name}"


class Schema(ABC):
    """The definition of a value's type, nullability, default and structure.

    Implemented by the immutable :class:`ConnectSchema` and by the mutable
    :class:`~connect_data.SchemaBuilder`. The predefined schemas ``Schema.INT8_SCHEMA`` ...
    ``Schema.BYTES_SCHEMA`` and ``Schema.OPTIONAL_INT8_SCHEMA`` ... are class attributes.
    """

    __slots__ = ()

    INT8_SCHEMA: ConnectSchema
    INT16_SCHEMA: ConnectSchema
    INT32_SCHEMA: ConnectSchema
    INT64_SCHEMA: ConnectSchema
    FLOAT32_SCHEMA: ConnectSchema
    FLOAT64_SCHEMA: ConnectSchema
    BOOLEAN_SCHEMA: ConnectSchema
    STRING_SCHEMA: ConnectSchema
    BYTES_SCHEMA: ConnectSchema
    OPTIONAL_INT8_SCHEMA: ConnectSchema
    OPTIONAL_INT16_SCHEMA: ConnectSchema
    OPTIONAL_INT32_SCHEMA: ConnectSchema
    OPTIONAL_INT64_SCHEMA: ConnectSchema
    OPTIONAL_FLOAT32_SCHEMA: ConnectSchema
    OPTIONAL_FLOAT64_SCHEMA: ConnectSchema
    OPTIONAL_BOOLEAN_SCHEMA: ConnectSchema
    OPTIONAL_STRING_SCHEMA: ConnectSchema
    OPTIONAL_BYTES_SCHEMA: ConnectSchema

    @abstractmethod
    def type(self) -> Type:
        """The type of this schema."""

    @abstractmethod
    def is_optional(self) -> bool:
        """True if values of this schema may be null (``None``)."""

    @abstractmethod
    def default_value(self) -> Any:
        """The default value, or ``None`` when there is none."""

    @abstractmethod
    def name(self) -> str | None:
        """The schema name (e.g. ``com.example.Person`` or a logical type's name), or ``None``."""

    @abstractmethod
    def version(self) -> int | None:
        """The schema version, or ``None``."""

    @abstractmethod
    def doc(self) -> str | None:
        """Documentation of the schema, or ``None``."""

    @abstractmethod
    def parameters(self) -> Mapping[str, str] | None:
        """Schema parameters (used by logical types, e.g. Decimal's ``scale``), or ``None``."""

    @abstractmethod
    def key_schema(self) -> Schema | None:
        """The schema of map keys. Raises :class:`DataException` unless the type is MAP."""

    @abstractmethod
    def value_schema(self) -> Schema | None:
        """The schema of array items or map values. Raises unless the type is ARRAY or MAP."""

    @abstractmethod
    def fields(self) -> Sequence[Field]:
        """The fields of a struct schema, in order. Raises unless the type is STRUCT."""

    @abstractmethod
    def field(self, field_name: str) -> Field | None:
        """The struct field called ``field_name``, or ``None``. Raises unless the type is STRUCT."""

    @abstractmethod
    def schema(self) -> Schema:
        """A built, immutable :class:`ConnectSchema` equivalent to this schema."""


class Field:
    """A field of a struct schema: its name, position and schema."""

    __slots__ = ("_hash", "_index", "_name", "_schema")

    def __init__(self, name: str, index: int, schema: Schema) -> None:
        self._name = name
        self._index = index
        self._schema = schema
        self._hash: int | None = None

    def name(self) -> str:
        """The field name."""
        return self._name

    def index(self) -> int:
        """The position of the field in its struct (0-based)."""
        return self._index

    def schema(self) -> Schema:
        """The schema of the field's values."""
        return self._schema

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Field):
            return NotImplemented
        return (
            self._name == other._name
            and self._index == other._index
            and self._schema == other._schema
        )

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self._name, self._index, self._schema))
        return self._hash

    def __repr__(self) -> str:
        return f"Field{{name={self._name}, index={self._index}, schema={self._schema}}}"


def deep_hash(value: Any) -> int:
    """A hash consistent with ``==`` for Connect values, including lists, maps and bytes."""
    if isinstance(value, list):
        return hash(tuple(deep_hash(v) for v in value))
    if isinstance(value, Mapping):
        return hash(frozenset((deep_hash(k), deep_hash(v)) for k, v in value.items()))
    if isinstance(value, (bytearray, memoryview)):
        return hash(bytes(value))
    return hash(value)


class ConnectSchema(Schema):
    """An immutable schema. Build one with :class:`~connect_data.SchemaBuilder`.

    Two schemas are equal when type, optionality, default, name, version, doc, parameters and
    (for complex types) fields / key / value schemas are equal. As in Java, a ``ConnectSchema``
    never equals a ``SchemaBuilder``.
    """

    __slots__ = (
        "_default",
        "_doc",
        "_fields",
        "_fields_by_name",
        "_hash",
        "_key_schema",
        "_name",
        "_optional",
        "_parameters",
        "_type",
        "_value_schema",
        "_version",
        "validator",
    )

    def __init__(
        self,
        type: Type,
        optional: bool = False,
        default_value: Any = None,
        name: str | None = None,
        version: int | None = None,
        doc: str | None = None,
        parameters: Mapping[str, str] | None = None,
        fields: Sequence[Field] | None = None,
        key_schema: Schema | None = None,
        value_schema: Schema | None = None,
    ) -> None:
        self._type = type
        self._optional = optional
        self._default = default_value
        self._name = name
        self._version = version
        self._doc = doc
        self._parameters: Mapping[str, str] | None = (
            None if parameters is None else MappingProxyType(dict(parameters))
        )
        if type is Type.STRUCT:
            self._fields: tuple[Field, ...] | None = tuple(fields) if fields is not None else ()
            self._fields_by_name: dict[str, Field] | None = {f.name(): f for f in self._fields}
        else:  # as in Java, only a struct has fields
            self._fields = None
            self._fields_by_name = None
        self._key_schema = key_schema
        self._value_schema = value_schema
        self._hash: int | None = None
        #: The compiled validator for values of this schema (see :func:`compile_validator`).
        self.validator: Callable[[Any, str | None], None] | None = None

    def type(self) -> Type:
        return self._type

    def is_optional(self) -> bool:
        return self._optional

    def default_value(self) -> Any:
        return self._default

    def name(self) -> str | None:
        return self._name

    def version(self) -> int | None:
        return self._version

    def doc(self) -> str | None:
        return self._doc

    def parameters(self) -> Mapping[str, str] | None:
        return self._parameters

    def fields(self) -> Sequence[Field]:
        if self._type is not Type.STRUCT:
            raise DataException("Cannot list fields on non-struct type")
        assert self._fields is not None
        return self._fields

    def field(self, field_name: str) -> Field | None:
        if self._fields_by_name is None:
            raise DataException("Cannot look up fields on non-struct type")
        return self._fields_by_name.get(field_name)

    def key_schema(self) -> Schema | None:
        if self._type is not Type.MAP:
            raise DataException("Cannot look up key schema on non-map type")
        return self._key_schema

    def value_schema(self) -> Schema | None:
        if self._type is not Type.MAP and self._type is not Type.ARRAY:
            raise DataException("Cannot look up value schema on non-array and non-map type")
        return self._value_schema

    def schema(self) -> ConnectSchema:
        return self

    @overload
    @staticmethod
    def validate_value(schema: Schema, value: Any, /) -> None: ...

    @overload
    @staticmethod
    def validate_value(field_name: str | None, schema: Schema, value: Any, /) -> None: ...

    @staticmethod
    def validate_value(*args: Any) -> None:
        """Check that a value can be used with a schema; raise :class:`DataException` if not.

        ``ConnectSchema.validate_value(schema, value)`` or, naming the field in the message,
        ``ConnectSchema.validate_value(field_name, schema, value)``. Checks the Python type
        (``int`` within the range of INT8/INT16/INT32/INT64 and never ``bool``, ``float``,
        ``bool``, ``str``, bytes-like, ``list``, ``dict``, :class:`~connect_data.Struct`, and
        ``decimal.Decimal`` / ``date`` / ``time`` / ``datetime`` for the logical types),
        nullability, and recursively the items of arrays, maps and structs.
        """
        if len(args) == 2:
            schema, value = args
            location = None
        elif len(args) == 3:
            field_name, schema, value = args
            location = None if field_name is None else f'field: "{field_name}"'
        else:
            raise TypeError("validate_value takes (schema, value) or (field_name, schema, value)")
        validator_for(schema)(value, location)

    def _key(self) -> tuple[Any, ...]:
        return (
            self._type,
            self._optional,
            self._default,
            self._name,
            self._version,
            self._doc,
            self._parameters,
            self._fields,
            self._key_schema,
            self._value_schema,
        )

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if type(other) is not ConnectSchema:
            return False
        if self._hash is not None and other._hash is not None and self._hash != other._hash:
            return False
        return (
            self._type is other._type
            and self._optional == other._optional
            and self._name == other._name
            and self._version == other._version
            and self._doc == other._doc
            and self._parameters == other._parameters
            and self._default == other._default
            and self._fields == other._fields
            and self._key_schema == other._key_schema
            and self._value_schema == other._value_schema
        )

    def __hash__(self) -> int:
        if self._hash is None:
            params = None if self._parameters is None else frozenset(self._parameters.items())
            self._hash = hash(
                (
                    self._type,
                    self._optional,
                    deep_hash(self._default),
                    self._name,
                    self._version,
                    self._doc,
                    params,
                    self._fields,
                    self._key_schema,
                    self._value_schema,
                )
            )
        return self._hash

    def __repr__(self) -> str:
        if self._name is not None:
            return f"Schema{{{self._name}:{self._type}}}"
        return f"Schema{{{self._type}}}"

    @staticmethod
    def schema_type(python_type: builtins.type) -> Type | None:
        """The schema type for values of a Python class, or ``None`` (``ConnectSchema.schemaType``).

        ``bool`` -> BOOLEAN, ``int`` -> INT64, ``float`` -> FLOAT64, ``str`` -> STRING, bytes-like
        -> BYTES, ``list`` -> ARRAY, ``dict`` -> MAP, ``Struct`` -> STRUCT.
        """
        from connect_data.struct import Struct

        for cls, schema_type in (
            (bool, Type.BOOLEAN),
            (int, Type.INT64),
            (float, Type.FLOAT64),
            (str, Type.STRING),
            (bytes, Type.BYTES),
            (bytearray, Type.BYTES),
            (memoryview, Type.BYTES),
            (list, Type.ARRAY),
            (Mapping, Type.MAP),
            (Struct, Type.STRUCT),
        ):
            if issubclass(python_type, cls):
                return schema_type
        return None

    # Java's name for the string form, kept for people porting code.
    def to_string(self) -> str:
        """Java's ``toString()``: ``Schema{name:TYPE}`` or ``Schema{TYPE}``."""
        return repr(self)


class SchemaAndValue:
    """A schema and a value of that schema, as returned by converters (``SchemaAndValue``)."""

    __slots__ = ("_schema", "_value")

    NULL: SchemaAndValue

    def __init__(self, schema: Schema | None, value: Any) -> None:
        self._schema = schema
        self._value = value

    def schema(self) -> Schema | None:
        """The schema, or ``None`` for schemaless data."""
        return self._schema

    def value(self) -> Any:
        """The value."""
        return self._value

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, SchemaAndValue):
            return NotImplemented
        return self._schema == other._schema and self._value == other._value

    def __hash__(self) -> int:
        return hash((self._schema, deep_hash(self._value)))

    def __repr__(self) -> str:
        return f"SchemaAndValue{{schema={self._schema!r}, value={self._value!r}}}"


SchemaAndValue.NULL = SchemaAndValue(None, None)


# --------------------------------------------------------------------------------------------
# Value validation, compiled once per ConnectSchema.

Validator = Callable[[Any, "str | None"], None]

#: The value range of each integer type (Java's byte, short, int and long).
INT_RANGES: Final[dict[Type, tuple[int, int]]] = {
    Type.INT8: (-(2**7), 2**7 - 1),
    Type.INT16: (-(2**15), 2**15 - 1),
    Type.INT32: (-(2**31), 2**31 - 1),
    Type.INT64: (-(2**63), 2**63 - 1),
}
# floats from here on round to infinity as float32 (Float.MAX_VALUE plus half an ulp)
_FLOAT32_OVERFLOW = 2.0**128 - 2.0**103
#: The Python types a BYTES value may have.
BYTES_TYPES: Final = (bytes, bytearray, memoryview)


def _invalid_object(schema: Schema, value: Any, location: str | None) -> DataException:
    message = "Invalid Python object for schema"
    if schema.name() is not None:
        message += f' "{schema.name()}"'
    message += f" with type {schema.type()}: {class_name(value)}"
    if location is not None:
        message += f" for {location}"
    return DataException(message)


def _null_check(schema: Schema) -> Validator:
    optional = schema.is_optional()
    schema_type = schema.type()

    def check_null(value: Any, location: str | None) -> None:
        if not optional:
            raise DataException(
                f"Invalid value: null used for required {location or 'value'}, "
                f"schema type: {schema_type}"
            )

    return check_null


def _logical_check(schema: Schema) -> Validator | None:
    """The class check for a logical type, or None if ``schema`` is not one."""
    name = schema.name()
    if name == DECIMAL_LOGICAL_NAME:

        def check(value: Any, location: str | None) -> None:
            if type(value) is not decimal.Decimal:
                raise _invalid_object(schema, value, location)
            if not value.is_finite():
                raise DataException(
                    f"Invalid value for schema {schema}: {value} is not a finite decimal"
                    + (f" for {location}" if location else "")
                )

        return check
    if name == DATE_LOGICAL_NAME:
        expected: tuple[type, ...] = (_dt.date,)
    elif name == TIME_LOGICAL_NAME:
        expected = (_dt.time,)
    elif name == TIMESTAMP_LOGICAL_NAME:
        expected = (_dt.datetime,)
    else:
        return None

    def check_class(value: Any, location: str | None) -> None:
        if not isinstance(value, expected):
            raise _invalid_object(schema, value, location)

    return check_class


def _type_check(schema: Schema) -> Validator:
    schema_type = schema.type()
    if schema_type in INT_RANGES:
        low, high = INT_RANGES[schema_type]

        def check_int(value: Any, location: str | None) -> None:
            if type(value) is not int and (not isinstance(value, int) or isinstance(value, bool)):
                raise _invalid_object(schema, value, location)
            if not low <= value <= high:
                raise DataException(
                    f"Invalid value for schema with type {schema_type}: {value} is out of range "
                    f"[{low}, {high}]" + (f" for {location}" if location else "")
                )

        return check_int
    if schema_type is Type.FLOAT32:

        def check_float32(value: Any, location: str | None) -> None:
            if not isinstance(value, float):
                raise _invalid_object(schema, value, location)
            if abs(value) >= _FLOAT32_OVERFLOW and math.isfinite(value):
                raise DataException(
                    f"Invalid value for schema with type FLOAT32: {value} is out of range"
                    + (f" for {location}" if location else "")
                )

        return check_float32
    classes: tuple[type, ...]
    if schema_type is Type.FLOAT64:
        classes = (float,)
    elif schema_type is Type.BOOLEAN:
        classes = (bool,)
    elif schema_type is Type.STRING:
        classes = (str,)
    elif schema_type is Type.BYTES:
        classes = BYTES_TYPES
    elif schema_type is Type.ARRAY:
        classes = (list,)
    elif schema_type is Type.MAP:
        classes = (Mapping,)
    else:
        from connect_data.struct import Struct

        classes = (Struct,)

    def check_class(value: Any, location: str | None) -> None:
        if not isinstance(value, classes):
            raise _invalid_object(schema, value, location)

    return check_class


def _require_schema(schema: Schema | None, location: str) -> Schema:
    if schema is None:
        raise DataException(f"No schema defined for {location}")
    return schema


def compile_validator(schema: Schema) -> Validator:
    """Build the function that validates values of ``schema`` (Java's ``validateValue``)."""
    null_check = _null_check(schema)
    class_check = _logical_check(schema) or _type_check(schema)
    schema_type = schema.type()

    if schema_type is Type.STRUCT:

        def check_struct(value: Any, location: str | None) -> None:
            if value is None:
                null_check(value, location)
                return
            class_check(value, location)
            struct: Struct = value
            if struct.schema() != schema:
                raise DataException("Struct schemas do not match.")
            struct.validate()

        return check_struct

    if schema_type is Type.ARRAY:
        item_schema = schema.value_schema()

        def check_array(value: Any, location: str | None) -> None:
            if value is None:
                null_check(value, location)
                return
            class_check(value, location)
            item_location = f"element of array {location or 'value'}"
            item_check = validator_for(_require_schema(item_schema, item_location))
            for item in value:
                item_check(item, item_location)

        return check_array

    if schema_type is Type.MAP:
        key_schema = schema.key_schema()
        value_schema = schema.value_schema()

        def check_map(value: Any, location: str | None) -> None:
            if value is None:
                null_check(value, location)
                return
            class_check(value, location)
            key_location = f"key of map {location or 'value'}"
            value_location = f"value of map {location or 'value'}"
            key_check = validator_for(_require_schema(key_schema, key_location))
            value_check = validator_for(_require_schema(value_schema, value_location))
            for k, v in value.items():
                key_check(k, key_location)
                value_check(v, value_location)

        return check_map

    def check_primitive(value: Any, location: str | None) -> None:
        if value is None:
            null_check(value, location)
            return
        class_check(value, location)

    return check_primitive


def validator_for(schema: Schema) -> Validator:
    """The validator of ``schema``: compiled once for a ConnectSchema, afresh for a builder."""
    if type(schema) is ConnectSchema:
        validator = schema.validator
        if validator is None:
            validator = schema.validator = compile_validator(schema)
        return validator
    return compile_validator(schema)


def _primitive(schema_type: Type, optional: bool) -> ConnectSchema:
    return ConnectSchema(schema_type, optional)


Schema.INT8_SCHEMA = _primitive(Type.INT8, False)
Schema.INT16_SCHEMA = _primitive(Type.INT16, False)
Schema.INT32_SCHEMA = _primitive(Type.INT32, False)
Schema.INT64_SCHEMA = _primitive(Type.INT64, False)
Schema.FLOAT32_SCHEMA = _primitive(Type.FLOAT32, False)
Schema.FLOAT64_SCHEMA = _primitive(Type.FLOAT64, False)
Schema.BOOLEAN_SCHEMA = _primitive(Type.BOOLEAN, False)
Schema.STRING_SCHEMA = _primitive(Type.STRING, False)
Schema.BYTES_SCHEMA = _primitive(Type.BYTES, False)
Schema.OPTIONAL_INT8_SCHEMA = _primitive(Type.INT8, True)
Schema.OPTIONAL_INT16_SCHEMA = _primitive(Type.INT16, True)
Schema.OPTIONAL_INT32_SCHEMA = _primitive(Type.INT32, True)
Schema.OPTIONAL_INT64_SCHEMA = _primitive(Type.INT64, True)
Schema.OPTIONAL_FLOAT32_SCHEMA = _primitive(Type.FLOAT32, True)
Schema.OPTIONAL_FLOAT64_SCHEMA = _primitive(Type.FLOAT64, True)
Schema.OPTIONAL_BOOLEAN_SCHEMA = _primitive(Type.BOOLEAN, True)
Schema.OPTIONAL_STRING_SCHEMA = _primitive(Type.STRING, True)
Schema.OPTIONAL_BYTES_SCHEMA = _primitive(Type.BYTES, True)
