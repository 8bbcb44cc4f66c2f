"""Record headers: :class:`Header` and the ordered, mutable :class:`ConnectHeaders`.

A port of ``org.apache.kafka.connect.header``. A header is a key with a value and (usually) the
schema of that value; several headers may share a key, and their order is kept::

    headers = ConnectHeaders().add_string("trace-id", "abc").add_int("attempt", 3)
    headers.last_with_name("attempt").value()  # 3
"""

from __future__ import annotations

import datetime as _dt
import decimal
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar, overload

from connect_data.errors import DataException
from connect_data.javatext import to_java_string
from connect_data.logical import Date, Decimal, Time, Timestamp, decimal_scale
from connect_data.schema import (
    DATE_LOGICAL_NAME,
    DECIMAL_LOGICAL_NAME,
    INT_RANGES,
    TIME_LOGICAL_NAME,
    TIMESTAMP_LOGICAL_NAME,
    Schema,
    SchemaAndValue,
    Type,
    deep_hash,
)
from connect_data.struct import Struct

__all__ = ["ConnectHeaders", "Header", "HeaderTransform"]

#: A function given to :meth:`ConnectHeaders.apply`: returns the replacement header, or
#: ``None`` to remove the header.
HeaderTransform = Callable[["Header"], "Header | None"]


class Header:
    """One header: a key, a value and the value's schema (Java's ``Header`` / ``ConnectHeader``).

    Immutable. ``schema()`` is the given schema or, for a :class:`~connect_data.Struct` value
    without one, the struct's schema. Two headers are equal when key, schema and value are.
    """

    __slots__ = ("_key", "_schema_and_value")

    def __init__(self, key: str, value: Any = None, schema: Schema | None = None) -> None:
        """A header ``key`` with ``value`` of ``schema`` (a :class:`SchemaAndValue` as ``value``
        with no ``schema`` is taken as the pair). The value is not validated: use
        :meth:`ConnectHeaders.add` for that."""
        self._key = _check_key(key, "Null header keys are not permitted")
        if schema is None and isinstance(value, SchemaAndValue):
            self._schema_and_value = value
        elif schema is None and value is None:
            self._schema_and_value = SchemaAndValue.NULL
        else:
            self._schema_and_value = SchemaAndValue(schema, value)

    def key(self) -> str:
        """The header key."""
        return self._key

    def value(self) -> Any:
        """The header value (may be ``None``)."""
        return self._schema_and_value.value()

    def schema(self) -> Schema | None:
        """The schema of the value; for a schemaless Struct value, the struct's schema."""
        schema = self._schema_and_value.schema()
        if schema is None:
            value = self._schema_and_value.value()
            if isinstance(value, Struct):
                return value.schema()
        return schema

    def rename(self, key: str) -> Header:
        """This header under another key (``self`` if the key is the same)."""
        if _check_key(key, "Null header keys are not permitted") == self._key:
            return self
        return Header(key, self._schema_and_value)

    def with_(self, schema: Schema | None, value: Any) -> Header:
        """A header with the same key and a new schema and value (Java's ``with``)."""
        return Header(self._key, SchemaAndValue(schema, value))

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        if not isinstance(other, Header):
            return NotImplemented
        return (
            self._key == other._key
            and self.schema() == other.schema()
            and self.value() == other.value()
        )

    def __hash__(self) -> int:
        return hash((self._key, self.schema(), deep_hash(self.value())))

    def __repr__(self) -> str:
        schema = self.schema()
        value = to_java_string(self.value(), schema)
        return f"ConnectHeader(key={self._key}, value={value}, schema={_schema_text(schema)})"


class ConnectHeaders:
    """An ordered, mutable collection of :class:`Header` objects (Java's ``ConnectHeaders``).

    Several headers may have the same key. Iteration yields headers in insertion order; the
    mutating methods return ``self`` so calls chain. Equal when the headers are equal in order.
    """

    __slots__ = ("_headers",)

    #: Prefix of header keys reserved for Kafka Connect itself.
    HEADER_PREFIX: ClassVar[str] = "__connect"

    def __init__(self, original: Iterable[Header] | None = None) -> None:
        """Empty headers, or a copy of ``original`` (the same Header objects, a new list)."""
        self._headers: list[Header] = []
        if original is not None:
            for header in original:
                self._headers.append(_require_header(header))

    # ---------------------------------------------------------------- size and iteration

    def size(self) -> int:
        """The number of headers."""
        return len(self._headers)

    def is_empty(self) -> bool:
        """True when there are no headers."""
        return not self._headers

    def __len__(self) -> int:
        return len(self._headers)

    def __iter__(self) -> Iterator[Header]:
        return iter(self._headers)

    def last_with_name(self, key: str) -> Header | None:
        """The last header with ``key``, or ``None``."""
        _check_key(key)
        for header in reversed(self._headers):
            if header.key() == key:
                return header
        return None

    def all_with_name(self, key: str) -> Iterator[Header]:
        """The headers with ``key``, in order."""
        _check_key(key)
        return (header for header in self._headers if header.key() == key)

    # ---------------------------------------------------------------- adding

    def add(
        self, key_or_header: str | Header, value: Any = None, schema: Schema | None = None
    ) -> ConnectHeaders:
        """Add a header: ``add(header)``, ``add(key, schema_and_value)`` or ``add(key, value, schema)``.

        The value must match the schema's type (a Python ``int`` within the range of INT8 ...
        INT64, ``float``, ``bool``, ``str``, bytes-like, ``list``, ``dict``, ``Struct``, or
        ``Decimal`` / ``date`` / ``time`` / ``datetime`` under the matching logical schema), and
        a ``None`` value needs an optional schema (or no schema); else :class:`DataException`.
        """
        if isinstance(key_or_header, Header):
            self._headers.append(key_or_header)
            return self
        given: object = key_or_header  # None is a caller error, reported as Java does
        if given is None and value is None and schema is None:
            raise TypeError("Unable to add a null header.")
        if schema is None and isinstance(value, SchemaAndValue):
            schema_and_value = value
        elif value is None and schema is None:
            schema_and_value = SchemaAndValue.NULL
        else:
            schema_and_value = SchemaAndValue(schema, value)
        check_schema_matches(schema_and_value)
        self._headers.append(Header(_check_key(key_or_header), schema_and_value))
        return self

    def _add_checked(self, key: str, value: Any, schema: Schema) -> ConnectHeaders:
        # Java's typed add methods do not validate: their parameter types do. Python checks the
        # value's type here instead.
        check_schema_matches(SchemaAndValue(schema, value))
        self._headers.append(Header(_check_key(key), value, schema))
        return self

    def add_string(self, key: str, value: str | None) -> ConnectHeaders:
        """Add a STRING header (an optional string schema when ``value`` is ``None``)."""
        schema = Schema.STRING_SCHEMA if value is not None else Schema.OPTIONAL_STRING_SCHEMA
        return self._add_checked(key, value, schema)

    def add_bytes(self, key: str, value: bytes | bytearray | memoryview | None) -> ConnectHeaders:
        """Add a BYTES header (an optional bytes schema when ``value`` is ``None``)."""
        schema = Schema.BYTES_SCHEMA if value is not None else Schema.OPTIONAL_BYTES_SCHEMA
        return self._add_checked(key, value, schema)

    def add_boolean(self, key: str, value: bool) -> ConnectHeaders:
        """Add a BOOLEAN header."""
        return self._add_checked(key, value, Schema.BOOLEAN_SCHEMA)

    def add_byte(self, key: str, value: int) -> ConnectHeaders:
        """Add an INT8 header (``value`` in [-128, 127])."""
        return self._add_checked(key, value, Schema.INT8_SCHEMA)

    def add_short(self, key: str, value: int) -> ConnectHeaders:
        """Add an INT16 header."""
        return self._add_checked(key, value, Schema.INT16_SCHEMA)

    def add_int(self, key: str, value: int) -> ConnectHeaders:
        """Add an INT32 header."""
        return self._add_checked(key, value, Schema.INT32_SCHEMA)

    def add_long(self, key: str, value: int) -> ConnectHeaders:
        """Add an INT64 header."""
        return self._add_checked(key, value, Schema.INT64_SCHEMA)

    def add_float(self, key: str, value: float) -> ConnectHeaders:
        """Add a FLOAT32 header (an ``int`` is converted to ``float``, as Java widens it)."""
        return self._add_checked(key, _widen(value), Schema.FLOAT32_SCHEMA)

    def add_double(self, key: str, value: float) -> ConnectHeaders:
        """Add a FLOAT64 header (an ``int`` is converted to ``float``, as Java widens it)."""
        return self._add_checked(key, _widen(value), Schema.FLOAT64_SCHEMA)

    def add_list(self, key: str, value: list[Any] | None, schema: Schema) -> ConnectHeaders:
        """Add an ARRAY header; ``schema`` must be an ARRAY schema (items are not checked)."""
        if value is None:
            return self.add(key, None, None)
        _check_schema_type(schema, Type.ARRAY)
        return self._add_checked(key, value, schema)

    def add_map(self, key: str, value: Mapping[Any, Any] | None, schema: Schema) -> ConnectHeaders:
        """Add a MAP header; ``schema`` must be a MAP schema (entries are not checked)."""
        if value is None:
            return self.add(key, None, None)
        _check_schema_type(schema, Type.MAP)
        return self._add_checked(key, value, schema)

    def add_struct(self, key: str, value: Struct | None) -> ConnectHeaders:
        """Add a STRUCT header whose schema is the struct's."""
        if value is None:
            return self.add(key, None, None)
        if not isinstance(value, Struct):
            raise DataException(f"The value {to_java_string(value)} is not a Struct")
        _check_schema_type(value.schema(), Type.STRUCT)
        return self._add_checked(key, value, value.schema())

    def add_decimal(self, key: str, value: decimal.Decimal | None) -> ConnectHeaders:
        """Add a Decimal header whose schema has the value's own scale."""
        if value is None:
            return self.add(key, None, None)
        if not isinstance(value, decimal.Decimal) or not value.is_finite():
            raise DataException(f"Invalid value for Decimal: {value!r}")
        schema = Decimal.schema(decimal_scale(value))
        Decimal.from_logical(schema, value)
        return self._add_checked(key, value, schema)

    def add_date(self, key: str, value: _dt.date | None) -> ConnectHeaders:
        """Add a Date header (a ``datetime`` is accepted only at midnight UTC)."""
        if value is not None:
            Date.from_logical(Date.SCHEMA, value)
        return self._add_unchecked(key, value, Date.SCHEMA)

    def add_time(self, key: str, value: _dt.time | None) -> ConnectHeaders:
        """Add a Time header."""
        if value is not None:
            Time.from_logical(Time.SCHEMA, value)
        return self._add_unchecked(key, value, Time.SCHEMA)

    def add_timestamp(self, key: str, value: _dt.datetime | None) -> ConnectHeaders:
        """Add a Timestamp header."""
        if value is not None:
            Timestamp.from_logical(Timestamp.SCHEMA, value)
        return self._add_unchecked(key, value, Timestamp.SCHEMA)

    def _add_unchecked(self, key: str, value: Any, schema: Schema) -> ConnectHeaders:
        # Java adds a null Date/Time/Timestamp under the (required) logical schema, unchecked.
        self._headers.append(Header(_check_key(key), SchemaAndValue(schema, value)))
        return self

    # ---------------------------------------------------------------- removing and changing

    def clear(self) -> ConnectHeaders:
        """Remove every header."""
        self._headers.clear()
        return self

    def remove(self, key: str) -> ConnectHeaders:
        """Remove every header with ``key``."""
        _check_key(key)
        self._headers[:] = [h for h in self._headers if h.key() != key]
        return self

    def retain_latest(self, key: str | None = None) -> ConnectHeaders:
        """Keep only the last header with ``key``; without a key, the last header of every key."""
        if key is None:
            seen: set[str] = set()
            kept: list[Header] = []
            for header in reversed(self._headers):
                if header.key() not in seen:
                    seen.add(header.key())
                    kept.append(header)
            kept.reverse()
            self._headers[:] = kept
            return self
        last = self.last_with_name(key)
        self._headers[:] = [h for h in self._headers if h.key() != key or h is last]
        return self

    @overload
    def apply(self, key_or_transform: HeaderTransform, /) -> ConnectHeaders: ...

    @overload
    def apply(self, key_or_transform: str, transform: HeaderTransform, /) -> ConnectHeaders: ...

    def apply(
        self,
        key_or_transform: str | HeaderTransform,
        transform: HeaderTransform | None = None,
        /,
    ) -> ConnectHeaders:
        """Replace headers by what ``transform`` returns for them (``None`` removes the header).

        ``apply(transform)`` transforms every header; ``apply(key, transform)`` only those with
        ``key``.
        """
        if transform is None:
            if isinstance(key_or_transform, str) or key_or_transform is None:
                raise TypeError(
                    "apply() needs a transform: apply(transform) or apply(key, transform)"
                )
            key = None
            function = key_or_transform
        else:
            key = _check_key(key_or_transform)
            function = transform
        updated: list[Header] = []
        for header in self._headers:
            if key is not None and header.key() != key:
                updated.append(header)
                continue
            result = function(header)
            if result is not None:
                updated.append(result)
        self._headers[:] = updated
        return self

    def duplicate(self) -> ConnectHeaders:
        """A copy holding the same Header objects in a new list."""
        return ConnectHeaders(self._headers)

    # ---------------------------------------------------------------- comparison

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        if not isinstance(other, ConnectHeaders):
            return NotImplemented
        return self._headers == other._headers

    def __hash__(self) -> int:
        # mutable, like Java's: the hash changes when headers are added or removed
        return hash(tuple(self._headers))

    def __repr__(self) -> str:
        return "ConnectHeaders(headers=[" + ", ".join(repr(h) for h in self._headers) + "])"


def _check_key(key: Any, null_message: str = "Header key cannot be null") -> str:
    if key is None:
        raise TypeError(null_message)
    if not isinstance(key, str):
        raise TypeError(f"Header key must be a str, not {type(key).__name__}")
    return key


def _schema_text(schema: Schema | None) -> str:
    return "null" if schema is None else repr(schema)


def _require_header(header: Any) -> Header:
    if header is None:
        raise TypeError("Unable to add a null header.")
    if not isinstance(header, Header):
        raise TypeError(f"Expected a Header, not {type(header).__name__}")
    return header


def _widen(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _check_schema_type(schema: Schema, expected: Type) -> None:
    if schema is None:
        raise DataException(f"Expecting {expected} but no schema was given")
    if schema.type() is not expected:
        raise DataException(f"Expecting {expected} but instead found {schema.type()}")


def _value_matches(schema: Schema, value: Any) -> bool:
    """Java's class check of a header value against its schema type (not deep)."""
    schema_type = schema.type()
    name = schema.name()
    if schema_type in INT_RANGES:
        if isinstance(value, int) and not isinstance(value, bool):
            low, high = INT_RANGES[schema_type]
            return low <= value <= high
        if schema_type is Type.INT32:
            if name == DATE_LOGICAL_NAME:
                return isinstance(value, _dt.date)
            if name == TIME_LOGICAL_NAME:
                return isinstance(value, _dt.time)
        if schema_type is Type.INT64 and name == TIMESTAMP_LOGICAL_NAME:
            return isinstance(value, _dt.datetime)
        return False
    if schema_type is Type.FLOAT32 or schema_type is Type.FLOAT64:
        return isinstance(value, float)
    if schema_type is Type.BOOLEAN:
        return isinstance(value, bool)
    if schema_type is Type.STRING:
        return isinstance(value, str)
    if schema_type is Type.BYTES:
        if isinstance(value, (bytes, bytearray, memoryview)):
            return True
        return name == DECIMAL_LOGICAL_NAME and isinstance(value, decimal.Decimal)
    if schema_type is Type.ARRAY:
        return isinstance(value, list)
    if schema_type is Type.MAP:
        return isinstance(value, Mapping)
    return isinstance(value, Struct)


def check_schema_matches(schema_and_value: SchemaAndValue | None) -> None:
    """Raise :class:`DataException` unless the value's class fits its schema's type.

    A ``None`` value needs an optional schema; without a schema anything goes. Only the
    top-level value is checked (list items, map entries and struct fields are not), as in Java.
    """
    if schema_and_value is None:
        return
    schema = schema_and_value.schema()
    if schema is None:
        return
    schema = schema.schema()  # a SchemaBuilder is checked as the schema it builds
    value = schema_and_value.value()
    if value is None:
        if not schema.is_optional():
            raise DataException(f"A null value requires an optional schema but was {schema!r}")
        return
    if not _value_matches(schema, value):
        raise DataException(
            f"The value {to_java_string(value, schema)} is not compatible with the schema {schema!r}"
        )
