"""Checks that a record part has the shape a transformation needs (Java's ``util.Requirements``).

Each raises :class:`~connect_data.DataException` with Java's message, naming the purpose
(``"field insertion"``) and the type found.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connect_data import DataException, Schema, Struct
from connectors.record import ConnectRecord, SinkRecord

__all__ = [
    "require_map",
    "require_map_or_null",
    "require_schema",
    "require_sink_record",
    "require_struct",
    "require_struct_or_null",
]


def _type_name(value: object) -> str:
    """What Java's ``x.getClass().getName()`` shows: here the Python class name, or ``null``."""
    return "null" if value is None else type(value).__name__


def require_schema(schema: Schema | None, purpose: str) -> Schema:
    """``schema``, or :class:`DataException` when there is none."""
    if schema is None:
        raise DataException(f"Schema required for [{purpose}]")
    return schema


def require_map(value: Any, purpose: str) -> Mapping[str, Any]:
    """``value`` if it is a map (schemaless data), else :class:`DataException`."""
    if not isinstance(value, Mapping):
        raise DataException(
            f"Only Map objects supported in absence of schema for [{purpose}], found: "
            + _type_name(value)
        )
    return value


def require_map_or_null(value: Any, purpose: str) -> Mapping[str, Any] | None:
    """``None``, or ``value`` if it is a map; else :class:`DataException`."""
    if value is None:
        return None
    return require_map(value, purpose)


def require_struct(value: Any, purpose: str) -> Struct:
    """``value`` if it is a :class:`~connect_data.Struct`, else :class:`DataException`."""
    if not isinstance(value, Struct):
        raise DataException(
            f"Only Struct objects supported for [{purpose}], found: {_type_name(value)}"
        )
    return value


def require_struct_or_null(value: Any, purpose: str) -> Struct | None:
    """``None``, or ``value`` if it is a :class:`~connect_data.Struct`; else :class:`DataException`."""
    if value is None:
        return None
    return require_struct(value, purpose)


def require_sink_record(record: ConnectRecord, purpose: str) -> SinkRecord:
    """``record`` if it is a :class:`~connectors.SinkRecord`, else :class:`DataException`."""
    if not isinstance(record, SinkRecord):
        raise DataException(
            f"Only SinkRecord supported for [{purpose}], found: {_type_name(record)}"
        )
    return record
