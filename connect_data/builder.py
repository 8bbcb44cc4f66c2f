"""``SchemaBuilder``: the fluent way to define schemas.

Example::

    person = (
        SchemaBuilder.struct().name("com.example.Person").version(2)
        .field("name", Schema.STRING_SCHEMA)
        .field("age", SchemaBuilder.int32().optional().build())
        .build()
    )

Each property can be set once (setting it again to a different value raises
:class:`SchemaBuilderException`, as in Java). Getters and setters share a name: called without an
argument the method returns the property, with one it sets it and returns the builder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, overload

from connect_data.errors import DataException, SchemaBuilderException
from connect_data.schema import ConnectSchema, Field, Schema, Type, validator_for

__all__ = ["SchemaBuilder"]

_UNSET: Any = object()


class SchemaBuilder(Schema):
    """A mutable :class:`Schema` under construction; :meth:`build` gives the immutable schema.

    A builder is itself a ``Schema`` and can be used wherever a schema is expected. Like Java's,
    builders compare by identity: a built :class:`ConnectSchema` never equals a builder.
    """

    __slots__ = (
        "_default",
        "_doc",
        "_fields",
        "_key_schema",
        "_name",
        "_optional",
        "_parameters",
        "_type",
        "_value_schema",
        "_version",
    )

    def __init__(self, type: Type) -> None:
        if type is None:
            raise SchemaBuilderException("type cannot be null")
        if not isinstance(type, Type):
            raise SchemaBuilderException(f"type must be a Type, not {type!r}")
        self._type = type
        self._optional: bool | None = None
        self._default: Any = None
        self._name: str | None = None
        self._version: int | None = None
        self._doc: str | None = None
        self._parameters: dict[str, str] | None = None
        self._fields: dict[str, Field] | None = {} if type is Type.STRUCT else None
        self._key_schema: Schema | None = None
        self._value_schema: Schema | None = None

    # ---------------------------------------------------------------- helpers

    @staticmethod
    def _check_can_set(field_name: str, current: Any, value: Any) -> None:
        if current is not None and current != value:
            raise SchemaBuilderException(
                f"Invalid SchemaBuilder call: {field_name} has already been set."
            )

    # ---------------------------------------------------------------- properties

    def type(self) -> Type:
        return self._type

    def is_optional(self) -> bool:
        return bool(self._optional)

    def optional(self) -> SchemaBuilder:
        """Let values of this schema be null."""
        self._check_can_set("optional", self._optional, True)
        self._optional = True
        return self

    def required(self) -> SchemaBuilder:
        """Require a non-null value (the default)."""
        self._check_can_set("optional", self._optional, False)
        self._optional = False
        return self

    @overload
    def default_value(self) -> Any: ...

    @overload
    def default_value(self, value: Any) -> SchemaBuilder: ...

    def default_value(self, value: Any = _UNSET) -> Any:
        """Get the default value, or set it (validated against this schema)."""
        if value is _UNSET:
            return self._default
        self._check_can_set("default", self._default, value)
        try:
            validator_for(self)(value, None)
        except DataException as e:
            raise SchemaBuilderException("Invalid default value") from e
        self._default = value
        return self

    @overload
    def name(self) -> str | None: ...

    @overload
    def name(self, name: str) -> SchemaBuilder: ...

    def name(self, name: Any = _UNSET) -> Any:
        """Get the schema name, or set it (e.g. ``"com.example.Person"``)."""
        if name is _UNSET:
            return self._name
        self._check_can_set("name", self._name, name)
        self._name = name
        return self

    @overload
    def version(self) -> int | None: ...

    @overload
    def version(self, version: int) -> SchemaBuilder: ...

    def version(self, version: Any = _UNSET) -> Any:
        """Get the schema version, or set it (a positive integer, newer is larger)."""
        if version is _UNSET:
            return self._version
        self._check_can_set("version", self._version, version)
        self._version = version
        return self

    @overload
    def doc(self) -> str | None: ...

    @overload
    def doc(self, doc: str) -> SchemaBuilder: ...

    def doc(self, doc: Any = _UNSET) -> Any:
        """Get the documentation string, or set it."""
        if doc is _UNSET:
            return self._doc
        self._check_can_set("doc", self._doc, doc)
        self._doc = doc
        return self

    @overload
    def parameters(self) -> Mapping[str, str] | None: ...

    @overload
    def parameters(self, props: Mapping[str, str]) -> SchemaBuilder: ...

    def parameters(self, props: Any = _UNSET) -> Any:
        """Get the parameters, or add all of ``props`` to them (an empty mapping adds nothing)."""
        if props is _UNSET:
            return None if self._parameters is None else MappingProxyType(self._parameters)
        if not props:
            return self
        if self._parameters is None:
            self._parameters = {}
        self._parameters.update(props)
        return self

    def parameter(self, name: str, value: str) -> SchemaBuilder:
        """Set one schema parameter; parameters keep insertion order."""
        if self._parameters is None:
            self._parameters = {}
        self._parameters[name] = value
        return self

    def fields(self) -> Sequence[Field]:
        if self._fields is None:
            raise DataException("Cannot list fields on non-struct type")
        return list(self._fields.values())

    @overload
    def field(self, field_name: str) -> Field | None: ...

    @overload
    def field(self, field_name: str, field_schema: Schema) -> SchemaBuilder: ...

    def field(self, field_name: str, field_schema: Any = _UNSET) -> Any:
        """Look up a field (one argument) or add a field to this struct (two arguments)."""
        if field_schema is _UNSET:
            if self._fields is None:
                raise DataException("Cannot look up fields on non-struct type")
            return self._fields.get(field_name)
        if self._fields is None:
            raise SchemaBuilderException(f"Cannot create fields on type {self._type}")
        if not field_name:
            raise SchemaBuilderException("fieldName cannot be null.")
        if field_schema is None:
            raise SchemaBuilderException(f"fieldSchema for field {field_name} cannot be null.")
        if field_name in self._fields:
            raise SchemaBuilderException(
                f"Cannot create field because of field name duplication {field_name}"
            )
        self._fields[field_name] = Field(field_name, len(self._fields), field_schema)
        return self

    def key_schema(self) -> Schema | None:
        """The key schema (``None`` unless set; unlike a built schema, no error for non-maps)."""
        return self._key_schema

    def value_schema(self) -> Schema | None:
        """The item or value schema (``None`` unless set; no error for other types, as in Java)."""
        return self._value_schema

    def build(self) -> ConnectSchema:
        """The immutable schema defined so far."""
        return ConnectSchema(
            self._type,
            bool(self._optional),
            self._default,
            self._name,
            self._version,
            self._doc,
            None if self._parameters is None else dict(self._parameters),
            None if self._fields is None else tuple(self._fields.values()),
            self._key_schema,
            self._value_schema,
        )

    def schema(self) -> ConnectSchema:
        """Same as :meth:`build`."""
        return self.build()

    def __repr__(self) -> str:
        return f"SchemaBuilder{{{self._name + ':' if self._name else ''}{self._type}}}"

    # ---------------------------------------------------------------- factories
    # Defined last: their names (bytes, map, ...) shadow builtins inside the class body.

    @staticmethod
    def int8() -> SchemaBuilder:
        """A builder for an INT8 schema (Python ``int`` in [-128, 127])."""
        return SchemaBuilder(Type.INT8)

    @staticmethod
    def int16() -> SchemaBuilder:
        """A builder for an INT16 schema."""
        return SchemaBuilder(Type.INT16)

    @staticmethod
    def int32() -> SchemaBuilder:
        """A builder for an INT32 schema."""
        return SchemaBuilder(Type.INT32)

    @staticmethod
    def int64() -> SchemaBuilder:
        """A builder for an INT64 schema."""
        return SchemaBuilder(Type.INT64)

    @staticmethod
    def float32() -> SchemaBuilder:
        """A builder for a FLOAT32 schema (Python ``float``)."""
        return SchemaBuilder(Type.FLOAT32)

    @staticmethod
    def float64() -> SchemaBuilder:
        """A builder for a FLOAT64 schema (Python ``float``)."""
        return SchemaBuilder(Type.FLOAT64)

    @staticmethod
    def bool() -> SchemaBuilder:
        """A builder for a BOOLEAN schema."""
        return SchemaBuilder(Type.BOOLEAN)

    @staticmethod
    def string() -> SchemaBuilder:
        """A builder for a STRING schema."""
        return SchemaBuilder(Type.STRING)

    @staticmethod
    def bytes() -> SchemaBuilder:
        """A builder for a BYTES schema (``bytes``, ``bytearray`` or ``memoryview`` values)."""
        return SchemaBuilder(Type.BYTES)

    @staticmethod
    def struct() -> SchemaBuilder:
        """A builder for a STRUCT schema; add fields with :meth:`field`."""
        return SchemaBuilder(Type.STRUCT)

    @staticmethod
    def array(value_schema: Schema) -> SchemaBuilder:
        """A builder for an ARRAY schema whose items have ``value_schema``."""
        if value_schema is None:
            raise SchemaBuilderException("valueSchema cannot be null.")
        builder = SchemaBuilder(Type.ARRAY)
        builder._value_schema = value_schema
        return builder

    @staticmethod
    def map(key_schema: Schema, value_schema: Schema) -> SchemaBuilder:
        """A builder for a MAP schema with the given key and value schemas."""
        if key_schema is None:
            raise SchemaBuilderException("keySchema cannot be null.")
        if value_schema is None:
            raise SchemaBuilderException("valueSchema cannot be null.")
        builder = SchemaBuilder(Type.MAP)
        builder._key_schema = key_schema
        builder._value_schema = value_schema
        return builder
