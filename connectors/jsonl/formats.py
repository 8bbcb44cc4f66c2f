"""Rendering record values as JSON lines or CSV rows.

Values are rendered readably rather than in a converter's wire form:

- a ``Struct`` becomes a JSON object with its fields in schema order (a ``null`` for a field
  without value or default), arrays become JSON arrays, maps JSON objects (keys that are not
  strings become their JSON text, ``1`` -> ``"1"``);
- ``Decimal`` becomes a string in plain notation (``"1234.50"``, no precision lost), ``Date``
  ``"2024-05-01"``, ``Time`` ``"13:45:00.250"``, ``Timestamp`` ISO-8601 in UTC with
  milliseconds (``"2024-05-01T13:45:00.250Z"``);
- bytes become base64 text; ``NaN`` and infinities the strings ``"NaN"``, ``"Infinity"``,
  ``"-Infinity"`` (JSON has no such numbers);
- a value without a schema is rendered by its Python type with the same rules.

CSV rows have one column per top-level field of a struct (per key of a map, or a single
``value`` column for anything else); text, numbers and booleans (``true``/``false``) are
written as they are, ``null`` as an empty cell, and nested structs, arrays and maps as their
JSON text.

The rendering of a schema is compiled once and reused for every value of that schema.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import decimal
import io
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import orjson

from connect_data import DataException, Date, Decimal, Schema, Struct, Time, Timestamp, Type

__all__ = ["CsvRenderer", "JsonLinesRenderer", "json_encoder"]

Encoder = Callable[[Any], Any]

_VALUE_COLUMN: Final = "value"


def _decimal_text(value: decimal.Decimal) -> str:
    return format(value, "f")


def _timestamp_text(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    text = value.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds")
    return text.removesuffix("+00:00") + "Z"


def _time_text(value: dt.time) -> str:
    return value.replace(tzinfo=None).isoformat(timespec="milliseconds")


def _bytes_text(value: bytes | bytearray | memoryview) -> str:
    return base64.b64encode(bytes(value)).decode("ascii")


def _float(value: float) -> float | str:
    if math.isfinite(value):
        return value
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def _key_text(key: Any) -> str:
    """An object key from a rendered map key: text as it is, anything else as its JSON."""
    if isinstance(key, str):
        return key
    return orjson.dumps(key).decode()


def _schemaless(value: Any) -> Any:
    """JSON-ready form of a value without a schema (dispatch on its Python type)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, Struct):
        return json_encoder(value.schema())(value)
    if isinstance(value, Mapping):
        return {_key_text(_schemaless(k)): _schemaless(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_schemaless(v) for v in value]
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _bytes_text(value)
    if isinstance(value, decimal.Decimal):
        return _decimal_text(value)
    if isinstance(value, dt.datetime):
        return _timestamp_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return _time_text(value)
    return str(value)


def _nullable(encode: Encoder) -> Encoder:
    def encode_nullable(value: Any) -> Any:
        return None if value is None else encode(value)

    return encode_nullable


def _identity(value: Any) -> Any:
    return value


def _part(schema: Schema, part: Schema | None) -> Schema:
    if part is None:
        raise DataException(f"Schema {schema} has no key or value schema")
    return part


def _compile(schema: Schema) -> Encoder:
    name = schema.name()
    kind = schema.type()
    if name == Decimal.LOGICAL_NAME:
        return _nullable(_decimal_text)
    if name == Date.LOGICAL_NAME and kind is Type.INT32:
        return _nullable(dt.date.isoformat)
    if name == Time.LOGICAL_NAME and kind is Type.INT32:
        return _nullable(_time_text)
    if name == Timestamp.LOGICAL_NAME and kind is Type.INT64:
        return _nullable(_timestamp_text)
    if kind is Type.STRUCT:
        fields = [(field.name(), field, _compile(field.schema())) for field in schema.fields()]

        def encode_struct(value: Any) -> Any:
            if value is None:
                return None
            return {name: encode(value.get(field)) for name, field, encode in fields}

        return encode_struct
    if kind is Type.ARRAY:
        item = _compile(_part(schema, schema.value_schema()))

        def encode_array(value: Any) -> Any:
            return None if value is None else [item(v) for v in value]

        return encode_array
    if kind is Type.MAP:
        key_schema = _part(schema, schema.key_schema())
        entry = _compile(_part(schema, schema.value_schema()))
        if key_schema.type() is Type.STRING:

            def encode_string_map(value: Any) -> Any:
                if value is None:
                    return None
                # an optional key schema admits a null key: "null", as without a schema
                return {k if type(k) is str else _key_text(k): entry(v) for k, v in value.items()}

            return encode_string_map
        key = _compile(key_schema)

        def encode_map(value: Any) -> Any:
            if value is None:
                return None
            return {_key_text(key(k)): entry(v) for k, v in value.items()}

        return encode_map
    if kind is Type.BYTES:
        return _nullable(_bytes_text)
    if kind in (Type.FLOAT32, Type.FLOAT64):
        return _nullable(_float)
    return _identity


_cache: dict[int, tuple[Schema, Encoder]] = {}
_CACHE_LIMIT: Final = 1024


def json_encoder(schema: Schema | None) -> Encoder:
    """A function turning a value of ``schema`` into JSON-ready Python data (see the module docs).

    Compiled once per schema object and cached; ``None`` gives the schemaless rendering.
    """
    if schema is None:
        return _schemaless
    cached = _cache.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    encoder = _compile(schema)
    if len(_cache) >= _CACHE_LIMIT:
        _cache.clear()
    _cache[id(schema)] = (schema, encoder)
    return encoder


class JsonLinesRenderer:
    """Renders values as JSON lines (UTF-8 bytes ending in ``\\n``)."""

    def render(self, schema: Schema | None, values: Sequence[Any]) -> bytes:
        """The lines of ``values`` (all of ``schema``), concatenated."""
        encode = json_encoder(schema)
        dumps = orjson.dumps
        return b"".join([dumps(encode(v)) + b"\n" for v in values])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return orjson.dumps(value).decode()


class CsvRenderer:
    """Renders values as CSV rows, with a header row whenever the columns change.

    The first row rendered by a renderer is preceded by a header, and so is every row whose
    columns differ from those of the row before.
    """

    def __init__(self) -> None:
        self._columns: list[str] | None = None

    @staticmethod
    def columns(schema: Schema | None, value: Any) -> list[str]:
        """The column names of a value: struct fields, map keys, or ``value``."""
        if schema is not None:
            if schema.type() is Type.STRUCT:
                return [field.name() for field in schema.fields()]
            return [_VALUE_COLUMN]
        if isinstance(value, Struct):
            return [field.name() for field in value.schema().fields()]
        if isinstance(value, Mapping):
            return [_key_text(_schemaless(k)) for k in value]
        return [_VALUE_COLUMN]

    def render(self, schema: Schema | None, values: Sequence[Any]) -> bytes:
        """The rows of ``values`` (all of ``schema``), with header rows as needed."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        encode = json_encoder(schema)
        for value in values:
            columns = self.columns(schema, value)
            if columns != self._columns:
                writer.writerow(columns)
                self._columns = columns
            data = encode(value)
            if isinstance(data, Mapping):
                writer.writerow([_cell(v) for v in data.values()])
            else:
                writer.writerow([_cell(data)])
        return buffer.getvalue().encode("utf-8")
