"""Inferring an evolving Connect schema from a stream of JSON records.

:class:`SchemaInferrer` turns parsed JSON objects into :class:`~connect_data.Struct` values
whose STRUCT schema it infers from the records seen so far. When a record does not fit the
current schema, the schema grows and gets the next version:

- a field seen for the first time is added, at the end, as an OPTIONAL field (every inferred
  field is optional: JSON promises no field);
- numbers widen along ``int32 -> int64 -> float64`` (integers beyond the int64 range are
  float64; beyond the float64 range, strings);
- a field whose values have different JSON kinds (number and text, object and number, ...)
  becomes a string: text stays as it is, anything else becomes its compact JSON text;
- objects become structs (merged field by field), arrays become arrays of the merged item
  type (items optional);
- a field that has only been ``null`` (or empty arrays) so far is left out until a value
  says what it is.

Nothing ever narrows, so every record read earlier is valid under every later schema (convert
it again with :func:`json_converter`), and as long as a field keeps its JSON kind, earlier
structs project onto later schemas with :class:`~connect_data.SchemaProjector`. Versions start
at 1 and grow by one per change; the same records in the same order always give the same
schemas. Nested structs are named ``<name>.<field>.<field>`` (with characters other than
letters, digits and ``_`` replaced by ``_``), so names stay stable across versions.

>>> inferrer = SchemaInferrer("com.example.Todo")
>>> [first] = inferrer.convert([{"id": 1, "title": "write docs"}])
>>> first
Struct{id=1,title=write docs}
>>> inferrer.version(), [f.name() for f in inferrer.schema().fields()]
(1, ['id', 'title'])
>>> [later] = inferrer.convert([{"id": 3_000_000_000, "title": "ship", "done": True}])
>>> inferrer.version(), inferrer.schema().field("id").schema().type().get_name()
(2, 'int64')

The conversion of a record that fits the current schema is compiled once per schema: one pass
over the record, no inference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final

import orjson

from connect_data import DataException, Schema, SchemaBuilder, Struct, Type

__all__ = ["SchemaInferrer", "json_converter", "json_text"]

_INT32_MIN: Final = -(1 << 31)
_INT32_MAX: Final = (1 << 31) - 1
_INT64_MIN: Final = -(1 << 63)
_INT64_MAX: Final = (1 << 63) - 1

# Shape kinds, in the order they are written to the saved state.
_NULL: Final = "null"
_BOOLEAN: Final = "boolean"
_INT32: Final = "int32"
_INT64: Final = "int64"
_FLOAT64: Final = "float64"
_STRING: Final = "string"
_ARRAY: Final = "array"
_STRUCT: Final = "struct"
_NUMBER_RANK: Final = {_INT32: 0, _INT64: 1, _FLOAT64: 2}
_SCALARS: Final = (_NULL, _BOOLEAN, _INT32, _INT64, _FLOAT64, _STRING)

Converter = Callable[[Any], Any]


class _Shape:
    """What the JSON values seen at one place had in common (an immutable lattice element)."""

    __slots__ = ("fields", "item", "kind")

    def __init__(
        self,
        kind: str,
        item: _Shape | None = None,
        fields: tuple[tuple[str, _Shape], ...] = (),
    ) -> None:
        self.kind = kind
        self.item = item
        self.fields = fields

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Shape)
            and self.kind == other.kind
            and self.item == other.item
            and self.fields == other.fields
        )

    def __hash__(self) -> int:
        return hash((self.kind, self.item, self.fields))

    def known(self) -> bool:
        """Whether a schema can be built: something other than nulls and empty arrays was seen."""
        if self.kind == _NULL:
            return False
        if self.kind == _ARRAY:
            assert self.item is not None
            return self.item.known()
        return True

    def to_json(self) -> Any:
        if self.kind == _ARRAY:
            assert self.item is not None
            return [_ARRAY, self.item.to_json()]
        if self.kind == _STRUCT:
            return [_STRUCT, [[name, shape.to_json()] for name, shape in self.fields]]
        return self.kind

    @classmethod
    def from_json(cls, data: Any) -> _Shape:
        if isinstance(data, str) and data in _SCALARS:
            return _SCALAR_SHAPES[data]
        if isinstance(data, list) and len(data) == 2 and data[0] == _ARRAY:
            return cls(_ARRAY, item=cls.from_json(data[1]))
        if isinstance(data, list) and len(data) == 2 and data[0] == _STRUCT:
            fields = []
            for entry in data[1]:
                if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)):
                    raise DataException(f"Malformed struct field in saved schema state: {entry!r}")
                fields.append((entry[0], cls.from_json(entry[1])))
            return cls(_STRUCT, fields=tuple(fields))
        raise DataException(f"Malformed saved schema state: {data!r}")


_SCALAR_SHAPES: Final = {kind: _Shape(kind) for kind in _SCALARS}
_EMPTY_ARRAY: Final = _Shape(_ARRAY, item=_SCALAR_SHAPES[_NULL])


def _shape_of(value: Any) -> _Shape:
    """The shape of one parsed JSON value."""
    kind = type(value)
    if value is None:
        return _SCALAR_SHAPES[_NULL]
    if kind is bool:
        return _SCALAR_SHAPES[_BOOLEAN]
    if kind is int:
        if _INT32_MIN <= value <= _INT32_MAX:
            return _SCALAR_SHAPES[_INT32]
        if _INT64_MIN <= value <= _INT64_MAX:
            return _SCALAR_SHAPES[_INT64]
        try:
            float(value)
        except OverflowError:
            return _SCALAR_SHAPES[_STRING]
        return _SCALAR_SHAPES[_FLOAT64]
    if kind is float:
        return _SCALAR_SHAPES[_FLOAT64]
    if kind is str:
        return _SCALAR_SHAPES[_STRING]
    if kind is list:
        item = _SCALAR_SHAPES[_NULL]
        for element in value:
            item = _join(item, _shape_of(element))
        return _Shape(_ARRAY, item=item) if item.kind != _NULL else _EMPTY_ARRAY
    if kind is dict:
        return _Shape(
            _STRUCT, fields=tuple((str(name), _shape_of(field)) for name, field in value.items())
        )
    raise DataException(f"Not a JSON value: {type(value).__name__}")


def _join(a: _Shape, b: _Shape) -> _Shape:
    """The least shape that both ``a`` and ``b`` fit (the lattice join)."""
    if a is b or a == b:
        return a
    if a.kind == _NULL:
        return b
    if b.kind == _NULL:
        return a
    if a.kind in _NUMBER_RANK and b.kind in _NUMBER_RANK:
        return a if _NUMBER_RANK[a.kind] >= _NUMBER_RANK[b.kind] else b
    if a.kind == _ARRAY and b.kind == _ARRAY:
        assert a.item is not None and b.item is not None
        return _Shape(_ARRAY, item=_join(a.item, b.item))
    if a.kind == _STRUCT and b.kind == _STRUCT:
        merged = dict(a.fields)
        for name, shape in b.fields:
            existing = merged.get(name)
            merged[name] = shape if existing is None else _join(existing, shape)
        return _Shape(_STRUCT, fields=tuple(merged.items()))
    return _SCALAR_SHAPES[_STRING]


_NAME_UNSAFE: Final = re.compile(r"[^A-Za-z0-9_]")


def _name_part(field_name: str) -> str:
    part = _NAME_UNSAFE.sub("_", field_name) or "_"
    return "_" + part if part[0].isdigit() else part


_PRIMITIVE_SCHEMAS: Final = {
    _BOOLEAN: Schema.OPTIONAL_BOOLEAN_SCHEMA,
    _INT32: Schema.OPTIONAL_INT32_SCHEMA,
    _INT64: Schema.OPTIONAL_INT64_SCHEMA,
    _FLOAT64: Schema.OPTIONAL_FLOAT64_SCHEMA,
    _STRING: Schema.OPTIONAL_STRING_SCHEMA,
}


def _build(shape: _Shape, name: str) -> Schema | None:
    """The optional Connect schema of a known shape (``None`` for an unknown one)."""
    primitive = _PRIMITIVE_SCHEMAS.get(shape.kind)
    if primitive is not None:
        return primitive
    if shape.kind == _ARRAY:
        assert shape.item is not None
        item = _build(shape.item, name)
        return None if item is None else SchemaBuilder.array(item).optional().build()
    if shape.kind == _STRUCT:
        return _struct_builder(shape, name).optional().build()
    return None


def _struct_builder(shape: _Shape, name: str) -> SchemaBuilder:
    builder = SchemaBuilder.struct().name(name)
    taken: set[str] = set()
    for field_name, field_shape in shape.fields:
        part = _name_part(field_name)
        candidate, suffix = part, 2
        while candidate in taken:
            candidate, suffix = f"{part}_{suffix}", suffix + 1
        taken.add(candidate)
        field_schema = _build(field_shape, f"{name}.{candidate}")
        if field_schema is not None:
            builder.field(field_name, field_schema)
    return builder


class _Mismatch(DataException):
    """A value that does not fit the schema a converter was compiled for.

    Raised as a fresh instance each time: a shared instance would keep the ``__traceback__``
    (and ``__context__``) of its last raise, and with it every frame and object on that stack.
    """

    def __init__(self) -> None:
        super().__init__("value does not fit the schema")


def json_text(value: Any) -> str:
    """The compact JSON text of a parsed JSON value (key order kept, no spaces)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # integers beyond 64 bits, NaN read by the standard library
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _is_unknown(value: Any) -> bool:
    """Whether a value says nothing about its field's type (null, or arrays of only such)."""
    if value is None:
        return True
    return type(value) is list and all(_is_unknown(item) for item in value)


def _compile(schema: Schema, shape: _Shape | None = None) -> Converter:
    """The converter of values of ``schema``; ``shape`` (the inferrer's, which the schema was
    built from) makes it refuse values that would change the shape without changing the schema
    (see :func:`_compile_struct`); without it, such values are accepted."""
    schema_type = schema.type()
    if schema_type is Type.BOOLEAN:

        def convert_boolean(value: Any) -> Any:
            if value is None or value is True or value is False:
                return value
            raise _Mismatch()

        return convert_boolean
    if schema_type in (Type.INT32, Type.INT64):
        low, high = (
            (_INT32_MIN, _INT32_MAX) if schema_type is Type.INT32 else (_INT64_MIN, _INT64_MAX)
        )

        def convert_int(value: Any) -> Any:
            if value is None or (type(value) is int and low <= value <= high):
                return value
            raise _Mismatch()

        return convert_int
    if schema_type is Type.FLOAT64:

        def convert_float(value: Any) -> Any:
            kind = type(value)
            if value is None or kind is float:
                return value
            if kind is int:
                try:
                    return float(value)
                except OverflowError:
                    raise _Mismatch() from None
            raise _Mismatch()

        return convert_float
    if schema_type is Type.STRING:

        def convert_string(value: Any) -> Any:
            if value is None or type(value) is str:
                return value
            return json_text(value)

        return convert_string
    if schema_type is Type.ARRAY:
        item_schema = schema.value_schema()
        assert item_schema is not None
        convert_item = _compile(item_schema, None if shape is None else shape.item)

        def convert_array(value: Any) -> Any:
            if value is None:
                return None
            if type(value) is not list:
                raise _Mismatch()
            return [convert_item(item) for item in value]

        return convert_array
    if schema_type is Type.STRUCT:
        return _compile_struct(schema, shape)
    raise DataException(f"Inferred schemas have no {schema_type.get_name()} values")


def _compile_struct(schema: Schema, shape: _Shape | None) -> Converter:
    """A struct converter. A JSON field the schema leaves out is accepted when its value says
    nothing about its type (null, empty arrays). Given the ``shape``, such a value is accepted
    only if the shape already holds it: an empty array must be remembered even though it adds
    no field, so that a later number in that field makes the field a string (which the empty
    array converts to) rather than a number (which it would not fit)."""
    sub_shapes = dict(shape.fields) if shape is not None else {}
    fields = [
        (field.name(), field, _compile(field.schema(), sub_shapes.get(field.name())))
        for field in schema.fields()
    ]
    names = frozenset(name for name, _, _ in fields)
    pending = {name: sub for name, sub in sub_shapes.items() if name not in names}
    lenient = shape is None

    def convert_struct(value: Any) -> Any:
        if value is None:
            return None
        if type(value) is not dict:
            raise _Mismatch()
        if not names.issuperset(value):
            for name, item in value.items():
                if name in names or item is None:
                    continue
                if not _is_unknown(item):
                    raise _Mismatch()
                if not lenient:
                    recorded = pending.get(name)
                    if recorded is None or _join(recorded, _shape_of(item)) != recorded:
                        raise _Mismatch()
        struct = Struct(schema)
        for name, field, convert in fields:
            item = value.get(name)
            if item is not None:
                struct.put(field, convert(item))
        return struct

    return convert_struct


def json_converter(schema: Schema) -> Converter:
    """A function from a parsed JSON value to a value of ``schema`` (an inferred schema).

    It applies the inference's rules (ints as floats under FLOAT64, anything as JSON text under
    STRING) and raises :class:`~connect_data.DataException` for a value that does not fit.
    Use it to read an earlier record again under a later schema.
    """
    convert = _compile(schema)

    def checked(value: Any) -> Any:
        try:
            return convert(value)
        except _Mismatch:
            raise DataException(
                f"JSON value does not fit the schema {schema.name() or schema.type().get_name()}"
                f" (version {schema.version()}): {json_text(value)[:200]}"
            ) from None

    return checked


class SchemaInferrer:
    """Infers and evolves the STRUCT schema of a stream of JSON objects (see the module docs).

    ``name`` is the schema's name. ``state`` is the text of :meth:`state` from an earlier
    inferrer: the new one continues with that schema and version, so versions keep growing
    across restarts. Not thread-safe: use one per task.
    """

    def __init__(self, name: str, state: str | None = None) -> None:
        if not name:
            raise DataException("An inferred schema needs a name")
        self._name = name
        self._shape = _Shape(_STRUCT)
        self._version = 0
        self._schema: Schema | None = None
        self._convert: Converter | None = None
        if state:
            self._restore(state)

    def name(self) -> str:
        """The name of the inferred schemas."""
        return self._name

    def version(self) -> int:
        """The current schema's version: 0 before the first record, then 1, 2, ..."""
        return self._version

    def schema(self) -> Schema | None:
        """The current schema, or ``None`` before the first record."""
        return self._schema

    def convert(self, records: Sequence[Any]) -> list[Struct]:
        """Structs for parsed JSON objects, all of the schema that fits every one of them.

        If some record does not fit the current schema, the schema is first widened to fit
        all of them (one new version per call at most). A record that is not a JSON object
        raises :class:`~connect_data.DataException` naming its position.
        """
        if not records:
            return []
        convert = self._convert
        if convert is not None:
            try:
                return [self._top(convert, record, index) for index, record in enumerate(records)]
            except _Mismatch:
                pass
        self._evolve(records)
        convert = self._convert
        assert convert is not None
        return [self._top(convert, record, index) for index, record in enumerate(records)]

    @staticmethod
    def _top(convert: Converter, record: Any, index: int) -> Struct:
        if type(record) is not dict:
            raise DataException(
                f"Record {index} is a JSON {_json_kind(record)}, not an object: only JSON "
                "objects can be converted to structs"
            )
        result: Struct = convert(record)
        return result

    def observe(self, records: Iterable[Any]) -> Schema | None:
        """Widen the schema to fit ``records`` without converting them; returns the schema."""
        self._evolve(list(records))
        return self._schema

    def _evolve(self, records: Sequence[Any]) -> None:
        shape = self._shape
        for index, record in enumerate(records):
            if type(record) is not dict:
                raise DataException(
                    f"Record {index} is a JSON {_json_kind(record)}, not an object: only JSON "
                    "objects can be converted to structs"
                )
            shape = _join(shape, _shape_of(record))
        if shape == self._shape and self._schema is not None:
            return
        self._shape = shape
        candidate = self._build(max(self._version, 1))
        if self._schema is None or candidate != self._schema:
            if self._schema is not None:
                candidate = self._build(self._version + 1)
            self._schema = candidate
            self._version = candidate.version() or 1
        # recompiled even when the schema stays: the shape may have learnt of empty arrays
        self._convert = _compile(self._schema, shape)

    def _build(self, version: int) -> Schema:
        return _struct_builder(self._shape, self._name).version(version).build()

    def state(self) -> str:
        """The inferred shape and version as compact JSON text, for :class:`SchemaInferrer`'s
        ``state`` argument (connectors keep it in their source offsets)."""
        return orjson.dumps({"version": self._version, "shape": self._shape.to_json()}).decode()

    def _restore(self, state: str) -> None:
        try:
            data = json.loads(state)
        except ValueError as exc:
            raise DataException(f"Saved schema state is not JSON: {exc}") from exc
        version = data.get("version") if isinstance(data, dict) else None
        if not isinstance(version, int) or isinstance(version, bool) or version < 0:
            raise DataException(f"Saved schema state has no valid version: {state[:200]}")
        shape = _Shape.from_json(data.get("shape"))
        if shape.kind != _STRUCT:
            raise DataException(f"Saved schema state is not a struct shape: {state[:200]}")
        self._shape = shape
        self._version = version
        if version > 0:
            schema = self._build(version)
            self._schema = schema
            self._convert = _compile(schema, shape)


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__
