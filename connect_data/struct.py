"""``Struct``: a structured record whose fields are defined by a STRUCT schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from connect_data.errors import DataException
from connect_data.javatext import to_java_string
from connect_data.schema import Field, Schema, Type, deep_hash, validator_for

__all__ = ["Struct"]


class Struct:
    """A record of a STRUCT schema.

    ``put`` validates each value against its field schema and returns the struct, so calls
    chain; ``get`` falls back to the field's default value when nothing (or ``None``) was put.
    ``struct["name"]`` is ``get("name")`` and ``struct["name"] = v`` is ``put("name", v)``.

    Example::

        person = Struct(person_schema).put("name", "Ada").put("age", 36)
        person.validate()  # raises DataException if a required field is missing
    """

    __slots__ = ("_schema", "_values")

    def __init__(self, schema: Schema) -> None:
        if schema.type() is not Type.STRUCT:
            raise DataException(f"Not a struct schema: {schema}")
        self._schema = schema
        self._values: list[Any] = [None] * len(schema.fields())

    def schema(self) -> Schema:
        """The schema of this struct."""
        return self._schema

    def _lookup_field(self, field_name: str) -> Field:
        field = self._schema.field(field_name)
        if field is None:
            raise DataException(f"{field_name} is not a valid field name")
        return field

    def get(self, field: str | Field) -> Any:
        """The value of a field (by name or :class:`Field`), or the field's default if unset."""
        if not isinstance(field, Field):
            field = self._lookup_field(field)
        value = self._values[field.index()]
        if value is None:
            return field.schema().default_value()
        return value

    def get_without_default(self, field_name: str) -> Any:
        """The value put into a field, ignoring the field's default (``None`` if unset)."""
        return self._values[self._lookup_field(field_name).index()]

    def _get_check_type(self, field_name: str, expected: Type) -> Any:
        field = self._lookup_field(field_name)
        if field.schema().type() is not expected:
            raise DataException(f"Field '{field_name}' is not of type {expected}")
        return self._values[field.index()]

    def get_int8(self, field_name: str) -> int | None:
        """The value of an INT8 field (no default substitution, as in Java)."""
        value: int | None = self._get_check_type(field_name, Type.INT8)
        return value

    def get_int16(self, field_name: str) -> int | None:
        """The value of an INT16 field."""
        value: int | None = self._get_check_type(field_name, Type.INT16)
        return value

    def get_int32(self, field_name: str) -> int | None:
        """The value of an INT32 field."""
        value: int | None = self._get_check_type(field_name, Type.INT32)
        return value

    def get_int64(self, field_name: str) -> int | None:
        """The value of an INT64 field."""
        value: int | None = self._get_check_type(field_name, Type.INT64)
        return value

    def get_float32(self, field_name: str) -> float | None:
        """The value of a FLOAT32 field."""
        value: float | None = self._get_check_type(field_name, Type.FLOAT32)
        return value

    def get_float64(self, field_name: str) -> float | None:
        """The value of a FLOAT64 field."""
        value: float | None = self._get_check_type(field_name, Type.FLOAT64)
        return value

    def get_boolean(self, field_name: str) -> bool | None:
        """The value of a BOOLEAN field."""
        value: bool | None = self._get_check_type(field_name, Type.BOOLEAN)
        return value

    def get_string(self, field_name: str) -> str | None:
        """The value of a STRING field."""
        value: str | None = self._get_check_type(field_name, Type.STRING)
        return value

    def get_bytes(self, field_name: str) -> bytes | None:
        """The value of a BYTES field, as ``bytes``."""
        value = self._get_check_type(field_name, Type.BYTES)
        return None if value is None else bytes(value)

    def get_array(self, field_name: str) -> list[Any] | None:
        """The value of an ARRAY field."""
        value: list[Any] | None = self._get_check_type(field_name, Type.ARRAY)
        return value

    def get_map(self, field_name: str) -> dict[Any, Any] | None:
        """The value of a MAP field."""
        value: dict[Any, Any] | None = self._get_check_type(field_name, Type.MAP)
        return value

    def get_struct(self, field_name: str) -> Struct | None:
        """The value of a STRUCT field."""
        value: Struct | None = self._get_check_type(field_name, Type.STRUCT)
        return value

    def put(self, field: str | Field, value: Any) -> Struct:
        """Set a field (by name or :class:`Field`) after validating the value; returns ``self``."""
        if field is None:
            raise DataException("field cannot be null.")
        if not isinstance(field, Field):
            field = self._lookup_field(field)
        validator_for(field.schema())(value, f'field: "{field.name()}"')
        self._values[field.index()] = value
        return self

    def validate(self) -> None:
        """Check every field: required fields without a default must have a value."""
        values = self._values
        for field in self._schema.fields():
            field_schema = field.schema()
            value = values[field.index()]
            if value is None and (
                field_schema.is_optional() or field_schema.default_value() is not None
            ):
                continue
            validator_for(field_schema)(value, f'field: "{field.name()}"')

    def __getitem__(self, field_name: str) -> Any:
        return self.get(field_name)

    def __setitem__(self, field_name: str, value: Any) -> None:
        self.put(field_name, value)

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """Iterate ``(field name, value)`` pairs in schema order, with defaults applied."""
        for field in self._schema.fields():
            yield field.name(), self.get(field)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if type(other) is not Struct:
            return NotImplemented
        return self._schema == other._schema and self._values == other._values

    def __hash__(self) -> int:
        return hash((self._schema, deep_hash(self._values)))

    def __repr__(self) -> str:
        parts = []
        for field in self._schema.fields():
            value = self._values[field.index()]
            if value is not None:
                parts.append(f"{field.name()}={to_java_string(value, field.schema())}")
        return "Struct{" + ",".join(parts) + "}"
