"""Compiled per-schema value conversion and Avro binary encoding (through fastavro).

For a pair of schemas (Connect, Avro) this module builds, once, a function that turns a
Connect value into the generic datum fastavro writes, and one that turns the datum fastavro
reads back into the Connect value, following Confluent's ``AvroData.fromConnectData`` /
``toConnectData`` rules. No schema is inspected per record.

Binary encoding uses fastavro's C writer and reader with a *physical* copy of the Avro schema:
the same binary layout, without logical types (connectpy converts logical values itself, with
Connect's rules), with synthetic names for named types, and with each non-named branch of a
multi-branch union wrapped in a one-field record. The wrapping does not change a single byte
(a record is the concatenation of its fields) but makes fastavro report which branch it read,
which Java knows from the Java class of the value (``int`` and ``long`` are both ``int`` in
Python).
"""

from __future__ import annotations

import codecs
import datetime as _dt
import decimal as _decimal
import io
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from fastavro import parse_schema as _fastavro_parse
from fastavro import schemaless_reader as _fastavro_read
from fastavro import schemaless_writer as _fastavro_write
from fastavro._read_py import schemaless_reader as _fastavro_read_py

from connect_data import DataException, Date, Decimal, Schema, Struct, Time, Timestamp, Type
from connect_data.logical import (
    MILLIS_PER_DAY,
    datetime_from_millis,
    timestamp_millis,
    unscaled_to_bytes,
)
from connect_data.schema import BYTES_TYPES, INT_RANGES
from converters.avro import connect_meta as m
from converters.avro.schema import (
    NULL_VALUE,
    ArraySchema,
    AvroRuntimeException,
    AvroSchema,
    AvroTypeException,
    EnumSchema,
    FixedSchema,
    MapSchema,
    NamedSchema,
    RecordSchema,
    UnionSchema,
)
from converters.charsets import for_name

if TYPE_CHECKING:
    from converters.avro.avro_data import AvroData

__all__ = [
    "Layout",
    "compile_decoder",
    "compile_encoder",
    "java_utf8_datum",
    "layout_of",
    "new_struct",
]

Convert = Callable[[Any], Any]

_NULL_FOR_REQUIRED = "Found null value for non-optional schema"
_MISSING: Any = object()
_Decimal = _decimal.Decimal
_FLOAT32_OVERFLOW = 2.0**128 - 2.0**103  # from here on a double rounds to a float infinity
_INF = float("inf")
_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_MILLI = _dt.timedelta(milliseconds=1)
# Each level of a recursive datum takes at least one byte (a union index or an array block
# count), so data this short cannot nest deep enough to overflow the C stack (fastavro's C
# reader crashed at about 4,500 levels here, in the main thread and in worker threads).
_SAFE_NESTING_BYTES = 2000


_JAVA_UTF8_ERRORS = "connectpy.avro-java-utf8"


def _java_utf8_replacement(error: UnicodeError) -> tuple[str, int]:
    """Decode the rest of a malformed Avro string as Java's ``Utf8.toString()`` does (U+FFFD
    for each malformed sequence, with Java's idea of a sequence). fastavro decodes each string
    on its own, so the rest of ``error.object`` is the rest of that string."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return _UTF8.decode(error.object[error.start :]), len(error.object)


codecs.register_error(_JAVA_UTF8_ERRORS, _java_utf8_replacement)
_UTF8 = for_name("UTF-8")


def _class(value: Any) -> str:
    return f"class {type(value).__name__}"


def new_struct(schema: Schema, values: list[Any]) -> Struct:
    """A Struct holding ``values`` (already converted and checked), without re-validating."""
    struct: Struct = object.__new__(Struct)
    struct._schema = schema
    struct._values = values
    return struct


def _struct_values(struct: Struct) -> list[Any]:
    values: list[Any] = struct._values
    return values


# ================================================================ physical layout


class Layout:
    """The physical (fastavro) form of one Avro schema and how its unions are labelled.

    ``parsed`` is the fastavro schema; ``write``/``read`` encode and decode one datum.
    """

    def __init__(self, schema: AvroSchema) -> None:
        self.schema = schema
        self._names: dict[int, str] = {}
        self._labels: dict[tuple[int, int], str] = {}
        self._wrapped: set[tuple[int, int]] = set()
        self.has_labels = False
        self._open: set[int] = set()  # records being laid out (to spot recursion)
        self.recursive = False  # a record reachable from itself: data nests without bound
        self.json = self._physical(schema)
        try:
            self.parsed = _fastavro_parse(self.json)
        except Exception as e:  # fastavro rejects what Avro accepted: report, don't crash
            raise AvroRuntimeException(f"Cannot use Avro schema {schema}: {e}") from e

    def label(self, union: UnionSchema, index: int) -> str | None:
        """The tuple label of union branch ``index`` (None: the value is written bare)."""
        return self._labels.get((id(union), index))

    def wrapped(self, union: UnionSchema, index: int) -> bool:
        """Whether branch ``index`` is wrapped in a ``{"v": ...}`` record."""
        return (id(union), index) in self._wrapped

    def _physical(self, schema: AvroSchema) -> Any:
        if isinstance(schema, NamedSchema):
            existing = self._names.get(id(schema))
            if existing is not None:
                if id(schema) in self._open:
                    self.recursive = True
                return existing
            name = f"connectpy.n{len(self._names)}"
            self._names[id(schema)] = name
            if isinstance(schema, RecordSchema):
                self._open.add(id(schema))
                fields = [{"name": f.name, "type": self._physical(f.schema)} for f in schema.fields]
                self._open.discard(id(schema))
                return {"type": "record", "name": name, "fields": fields}
            if isinstance(schema, EnumSchema):
                return {"type": "enum", "name": name, "symbols": list(schema.symbols)}
            assert isinstance(schema, FixedSchema)
            return {"type": "fixed", "name": name, "size": schema.size}
        if isinstance(schema, ArraySchema):
            return {"type": "array", "items": self._physical(schema.items)}
        if isinstance(schema, MapSchema):
            return {"type": "map", "values": self._physical(schema.values)}
        if isinstance(schema, UnionSchema):
            non_null = sum(1 for t in schema.types if t.type != "null")
            members: list[Any] = []
            for index, member in enumerate(schema.types):
                physical = self._physical(member)
                key = (id(schema), index)
                if member.type == "null":
                    pass
                elif isinstance(member, NamedSchema):
                    self._labels[key] = self._names[id(member)]
                    self.has_labels = True
                elif non_null > 1:
                    wrapper = f"connectpy.w{len(self._labels)}"
                    self._labels[key] = wrapper
                    self._wrapped.add(key)
                    self.has_labels = True
                    physical = {
                        "type": "record",
                        "name": wrapper,
                        "fields": [{"name": "v", "type": physical}],
                    }
                members.append(physical)
            return members
        return schema.type

    def write(self, datum: Any, out: io.BytesIO) -> None:
        """Append the Avro binary of ``datum`` to ``out``."""
        try:
            _fastavro_write(out, self.parsed, datum)
        except UnicodeEncodeError:
            _fastavro_write(out, self.parsed, java_utf8_datum(datum))

    def read(self, stream: io.BytesIO) -> Any:
        """Read one datum from ``stream``.

        Data of a recursive schema long enough to nest deeper than fastavro's C reader can recurse (it
        would crash the process) is read with fastavro's Python reader, which raises
        ``RecursionError`` instead.
        """
        read = _fastavro_read
        if self.recursive and len(stream.getbuffer()) - stream.tell() > _SAFE_NESTING_BYTES:
            read = _fastavro_read_py
        if self.has_labels:
            return read(
                stream,
                self.parsed,
                None,
                return_named_type=True,
                return_named_type_override=True,
                handle_unicode_errors=_JAVA_UTF8_ERRORS,
            )
        return read(stream, self.parsed, None, handle_unicode_errors=_JAVA_UTF8_ERRORS)


def layout_of(schema: AvroSchema) -> Layout:
    """The (cached) physical layout of an Avro schema."""
    layout = schema._physical
    if layout is None:
        layout = schema._physical = Layout(schema)
    assert isinstance(layout, Layout)
    return layout


# ================================================================ compiler


class _Compiler:
    """Builds the converters of one schema pair; ``physical`` selects the datum form."""

    def __init__(self, data: AvroData, physical: bool, root: AvroSchema) -> None:
        self.data = data
        self.physical = physical
        self.layout = layout_of(root) if physical else None
        self.encoders: dict[tuple[int, int, bool], Convert] = {}
        self.decoders: dict[tuple[int, int, bool], Convert] = {}

    # ------------------------------------------------------------ labels

    def label(self, union: UnionSchema, index: int) -> tuple[str | None, bool]:
        """(tuple label or None, wrapped) of a union branch in this datum form."""
        if self.layout is not None:
            return self.layout.label(union, index), self.layout.wrapped(union, index)
        non_null = sum(1 for t in union.types if t.type != "null")
        if non_null > 1:
            return union.types[index].full_name, False
        return None, False

    # ------------------------------------------------------------ union branch selection

    def branch_for(self, schema: Schema, union: UnionSchema) -> int | None:
        """The union branch Java's ``GenericData.resolveUnion`` picks for values of ``schema``."""
        data = self.data
        schema_type = schema.type()
        if schema_type is Type.STRUCT:
            full = m.scrub_full_name(schema.name(), data.scrub_invalid_names)
            for index, member in enumerate(union.types):
                if member.type != "record":
                    continue
                name = member.full_name
                if name == full or (
                    schema.name() is None and name.startswith(m.DEFAULT_SCHEMA_FULL_NAME)
                ):
                    return index
            return None
        if schema_type is Type.MAP and not self._string_keys(schema):
            for index, member in enumerate(union.types):
                if member.type == "array":
                    return index
            return None
        enum_name = self._enum_name(schema)
        if enum_name is not None:
            return union.index_named(enum_name)
        if schema_type is Type.BYTES and m.is_fixed_schema(schema):
            parameters = schema.parameters() or {}
            size = int(parameters[m.CONNECT_AVRO_FIXED_SIZE_PROP])
            found = None
            for index, member in enumerate(union.types):
                if (
                    isinstance(member, FixedSchema)
                    and member.size == size
                    and data.union_member_field_name(member, index)
                    == data.connect_union_field_name(schema, index)
                ):
                    found = index
            if found is not None:
                return found
        if schema_type in (Type.INT8, Type.INT16):
            label = "int"
        else:
            label = m.CONNECT_TYPES_TO_AVRO_TYPES.get(schema_type, "")
        return union.index_named(label)

    def _string_keys(self, schema: Schema) -> bool:
        key_schema = schema.key_schema()
        assert key_schema is not None
        return key_schema.type() is Type.STRING and (
            not key_schema.is_optional() or self.data.allow_optional_map_key
        )

    def _enum_name(self, schema: Schema) -> str | None:
        """The Avro enum a Connect STRING is written as, or None (plain string)."""
        parameters = schema.parameters()
        if schema.type() is not Type.STRING or parameters is None:
            return None
        if self.data.generalized_sum_type_support and m.GENERALIZED_TYPE_ENUM in parameters:
            return parameters[m.GENERALIZED_TYPE_ENUM]
        if self.data.enhanced_schema_support and m.AVRO_TYPE_ENUM in parameters:
            return parameters[m.AVRO_TYPE_ENUM]
        return None

    # ------------------------------------------------------------ encoders

    def encoder(self, schema: Schema | None, avro: AvroSchema, in_container: bool) -> Convert:
        """Connect value (or None) -> datum, with Java's null handling."""
        if schema is None:
            return _anything_encoder(in_container)
        if m.is_union_schema(schema):
            return self._union_struct_encoder(schema, avro)
        optional = schema.is_optional()
        if isinstance(avro, UnionSchema):
            index = self.branch_for(schema, avro)
            if index is None:
                inner: Convert = _no_branch(schema, avro)
                label, wrapped = None, False
            else:
                inner = self.value_encoder(schema, avro.types[index])
                label, wrapped = self.label(avro, index)
            return _labelled(inner, label, wrapped, optional)
        inner = self.value_encoder(schema, avro)
        if optional:

            def encode_optional(value: Any) -> Any:
                return None if value is None else inner(value)

            return encode_optional

        def encode_required(value: Any) -> Any:
            if value is None:
                raise DataException(_NULL_FOR_REQUIRED)
            return inner(value)

        return encode_required

    def _direct_encoder(self, schema: Schema | None, avro: AvroSchema) -> Convert | None:
        """The converter of non-null values, when it is separate from the null handling."""
        if schema is None or m.is_union_schema(schema) or isinstance(avro, UnionSchema):
            return None
        return self.value_encoder(schema, avro)

    def _direct_decoder(self, avro: AvroSchema, schema: Schema | None) -> Convert | None:
        """The converter of non-null data, when it is separate from the null handling."""
        if schema is None or m.is_union_schema(schema) or isinstance(avro, UnionSchema):
            return None
        return self.value_decoder(avro, schema)

    def _union_struct_encoder(self, schema: Schema, avro: AvroSchema) -> Convert:
        if not isinstance(avro, UnionSchema):
            raise DataException(f"Connect union {schema.name()} needs an Avro union, not {avro}")
        branches: list[tuple[int, Convert, str | None, bool]] = []
        for field in schema.fields():
            field_schema = field.schema()
            index = self.branch_for(field_schema, avro)
            if index is None:
                branches.append((field.index(), _no_branch(field_schema, avro), None, False))
                continue
            label, wrapped = self.label(avro, index)
            branches.append(
                (field.index(), self.value_encoder(field_schema, avro.types[index]), label, wrapped)
            )
        optional = schema.is_optional()
        use_defaults = not self.data.ignore_default_for_nullables
        defaults = [f.schema().default_value() for f in schema.fields()]

        def encode_union(value: Any) -> Any:
            if value is None:
                if optional:
                    return None
                raise DataException(_NULL_FOR_REQUIRED)
            values = _check_struct(value, schema)
            for index, encode, label, wrapped in branches:
                item = values[index]
                if item is None and use_defaults:
                    item = defaults[index]
                if item is not None:
                    datum = encode(item)
                    if label is None:
                        return datum
                    return (label, {"v": datum}) if wrapped else (label, datum)
            if optional:
                return None
            raise DataException(_NULL_FOR_REQUIRED)

        return encode_union

    def value_encoder(self, schema: Schema, avro: AvroSchema) -> Convert:
        """Non-null Connect value -> datum for a non-union Avro schema."""
        return _memoized(
            self.encoders,
            (id(schema), id(avro), False),
            isinstance(avro, RecordSchema) and schema.type() is Type.STRUCT,
            lambda: self._build_value_encoder(schema, avro),
        )

    def _build_value_encoder(self, schema: Schema, avro: AvroSchema) -> Convert:
        schema_type = schema.type()
        name = schema.name()
        logical = _to_raw_converter(schema) if name is not None else None
        base = self._type_encoder(schema, avro, schema_type)
        if logical is None:
            return base
        if base is _identity:
            return logical

        def encode_logical(value: Any) -> Any:
            return base(logical(value))

        return encode_logical

    def _type_encoder(self, schema: Schema, avro: AvroSchema, schema_type: Type) -> Convert:
        if schema_type in INT_RANGES:
            if schema.name() in (Date.LOGICAL_NAME, Time.LOGICAL_NAME, Timestamp.LOGICAL_NAME):
                return _identity
            low, high = INT_RANGES[schema_type]

            def encode_int(value: Any) -> Any:
                if type(value) is not int and (
                    not isinstance(value, int) or isinstance(value, bool)
                ):
                    raise DataException(f"Invalid type for {schema_type}: {_class(value)}")
                if not low <= value <= high:
                    raise DataException(f"Invalid value for {schema_type}: {value} is out of range")
                return value

            return encode_int
        if schema_type in (Type.FLOAT32, Type.FLOAT64):
            float32 = schema_type is Type.FLOAT32

            def encode_float(value: Any) -> Any:
                if type(value) is not float and not isinstance(value, float):
                    raise DataException(f"Invalid type for {schema_type}: {_class(value)}")
                if float32 and _FLOAT32_OVERFLOW <= abs(value) < _INF:
                    raise DataException(f"Invalid value for FLOAT32: {value} is out of range")
                return value

            return encode_float
        if schema_type is Type.BOOLEAN:
            return _check_boolean
        if schema_type is Type.STRING:
            enum_name = self._enum_name(schema)
            if enum_name is not None or isinstance(avro, EnumSchema):
                if not isinstance(avro, EnumSchema):
                    raise DataException(
                        f"Connect enum {schema.name()} needs an Avro enum, not {avro}"
                    )
                symbols = frozenset(avro.symbols)
                listing = ", ".join(avro.symbols)

                def encode_enum(value: Any) -> Any:
                    if value not in symbols or type(value) is not str:
                        if not isinstance(value, str):
                            raise DataException(f"Invalid type for STRING: {_class(value)}")
                        raise AvroTypeException(
                            f"enum value '{value}' is not in the enum symbol set: [{listing}]"
                        )
                    return value

                return encode_enum

            def encode_str(value: Any) -> Any:
                if type(value) is not str and not isinstance(value, str):
                    raise DataException(f"Invalid type for STRING: {_class(value)}")
                return value

            return encode_str
        if schema_type is Type.BYTES:
            if schema.name() == Decimal.LOGICAL_NAME and not isinstance(avro, FixedSchema):
                return _identity
            size = avro.size if isinstance(avro, FixedSchema) else None
            if size is not None and schema.name() == Decimal.LOGICAL_NAME:
                return _fixed_decimal_encoder(size)

            def encode_bytes(value: Any) -> Any:
                if type(value) is not bytes:
                    if not isinstance(value, BYTES_TYPES):
                        raise DataException(f"Invalid type for BYTES: {_class(value)}")
                    value = bytes(value)
                if size is not None and len(value) != size:
                    raise AvroTypeException(
                        f"Fixed value of {len(value)} bytes does not match the fixed size {size}"
                    )
                return value

            return encode_bytes
        if schema_type is Type.ARRAY:
            item_schema = schema.value_schema()
            if not isinstance(avro, ArraySchema) or item_schema is None:
                raise DataException(f"Connect array needs an Avro array, not {avro}")
            item = self.encoder(item_schema, avro.items, True)
            return _make_collection(
                "encode_array", item, _fast_check(item_schema, avro.items, decoding=False)
            )
        if schema_type is Type.MAP:
            return self._map_encoder(schema, avro)
        return self._struct_encoder(schema, avro)

    def _map_encoder(self, schema: Schema, avro: AvroSchema) -> Convert:
        key_schema = schema.key_schema()
        value_schema = schema.value_schema()
        assert key_schema is not None and value_schema is not None
        if self._string_keys(schema):
            if not isinstance(avro, MapSchema):
                raise DataException(f"Connect map needs an Avro map, not {avro}")
            value_encode = self.encoder(value_schema, avro.values, True)
            return _make_collection(
                "encode_map", value_encode, _fast_check(value_schema, avro.values, decoding=False)
            )
        entry = avro.items if isinstance(avro, ArraySchema) else None
        if not isinstance(entry, RecordSchema):
            raise DataException(f"Connect map needs an Avro array of map entries, not {avro}")
        key_field = entry.field(m.KEY_FIELD)
        value_field = entry.field(m.VALUE_FIELD)
        if key_field is None or value_field is None:
            raise DataException(
                f"Avro map entry record {entry.full_name} has no key or value field"
            )
        key_encode = self.encoder(key_schema, key_field.schema, True)
        value_encode = self.encoder(value_schema, value_field.schema, True)

        def encode_entries(value: Any) -> Any:
            if not isinstance(value, Mapping):
                raise DataException(f"Invalid type for MAP: {_class(value)}")
            return [{"key": key_encode(k), "value": value_encode(v)} for k, v in value.items()]

        return encode_entries

    def _struct_encoder(self, schema: Schema, avro: AvroSchema) -> Convert:
        if not isinstance(avro, RecordSchema):
            raise DataException(f"Connect struct {schema.name()} needs an Avro record, not {avro}")
        specs: list[tuple[str, int, Convert, Any, Fast | None, Convert | None]] = []
        for field in schema.fields():
            avro_name = self.data._scrub(field.name())
            avro_field = avro.field(avro_name)
            if avro_field is None:
                raise DataException(
                    f"Avro record {avro.full_name} has no field {avro_name} for Connect "
                    f'field "{field.name()}"'
                )
            field_schema = field.schema()
            default = (
                None if self.data.ignore_default_for_nullables else field_schema.default_value()
            )
            specs.append(
                (
                    avro_name,
                    field.index(),
                    self.encoder(field_schema, avro_field.schema, True),
                    default,
                    _fast_check(field_schema, avro_field.schema, decoding=False),
                    self._direct_encoder(field_schema, avro_field.schema),
                )
            )
        covered = {spec[0] for spec in specs}
        extras: dict[str, Any] = {}
        for avro_field in avro.fields:
            if avro_field.name in covered:
                continue
            if avro_field.default is None:
                raise DataException(
                    f"Avro record {avro.full_name} has a field {avro_field.name} that Connect "
                    f"schema {schema.name()} lacks, and no default for it"
                )
            extras[avro_field.name] = self.default_datum(avro_field.schema, avro_field.default)
        return _make_struct_encoder(schema, specs, extras)

    def default_datum(self, avro: AvroSchema, default: Any) -> Any:
        """An Avro field default (JSON) as a datum of this datum form."""
        if isinstance(avro, UnionSchema):
            first = avro.types[0]
            if first.type == "null":
                return None
            value = self.default_datum(first, default)
            label, wrapped = self.label(avro, 0)
            if label is None:
                return value
            return (label, {"v": value}) if wrapped else (label, value)
        if default is NULL_VALUE:
            return None
        if isinstance(avro, RecordSchema):
            given = default if isinstance(default, Mapping) else {}
            return {
                f.name: self.default_datum(f.schema, given.get(f.name, f.default))
                for f in avro.fields
            }
        if isinstance(avro, ArraySchema):
            return [self.default_datum(avro.items, x) for x in default]
        if isinstance(avro, MapSchema):
            return {k: self.default_datum(avro.values, x) for k, x in default.items()}
        from converters.avro.avro_data import json_to_avro_object

        return json_to_avro_object(default, avro)

    # ------------------------------------------------------------ decoders

    def decoder(self, avro: AvroSchema, schema: Schema | None) -> Convert:
        """Datum (or None) -> Connect value, with Java's null check."""
        if schema is None:
            return _decode_anything
        optional = schema.is_optional()
        if isinstance(avro, UnionSchema):
            if m.is_union_schema(schema):
                return self._union_struct_decoder(avro, schema)
            branch: AvroSchema | None = None
            for member in avro.types:
                if member.type != "null":
                    branch = member
                    break
            if branch is None:
                raise DataException("Standalone null schemas are not supported by this converter")
            inner = self.value_decoder(branch, schema)

            def decode_branch(value: Any) -> Any:
                if value is None or value is NULL_VALUE:
                    if optional:
                        return None
                    raise DataException(_NULL_FOR_REQUIRED)
                if type(value) is tuple:
                    value = value[1]
                return inner(value)

            return decode_branch
        inner = self.value_decoder(avro, schema)

        def decode(value: Any) -> Any:
            if value is None or value is NULL_VALUE:
                if optional:
                    return None
                raise DataException(_NULL_FOR_REQUIRED)
            return inner(value)

        return decode

    def _union_struct_decoder(self, avro: UnionSchema, schema: Schema) -> Convert:
        data = self.data
        by_label: dict[str, tuple[int, Convert, bool]] = {}
        fields = list(schema.fields())
        for index, member in enumerate(avro.types):
            if member.type == "null":
                continue
            field = schema.field(data.union_member_field_name(member, index))
            if field is None:
                continue
            decode = self.decoder(member, field.schema())
            entry = (field.index(), decode, False)
            if self.layout is not None:
                label = self.layout.label(avro, index)
                if label is not None:
                    by_label[label] = (field.index(), decode, self.layout.wrapped(avro, index))
            by_label.setdefault(member.full_name, entry)
        # bare values (no branch label): Java's choice by the class of the value
        bare: list[tuple[int, Callable[[Any], bool], Convert]] = []
        for field in fields:
            field_schema = field.schema()
            test = _class_test(field_schema)
            if test is None:
                continue
            branch = self.branch_for(field_schema, avro)
            if branch is None:
                continue
            bare.append((field.index(), test, self.decoder(avro.types[branch], field_schema)))
        optional = schema.is_optional()
        size = len(fields)

        def decode_union(value: Any) -> Any:
            if value is None or value is NULL_VALUE:
                if optional:
                    return None
                raise DataException(_NULL_FOR_REQUIRED)
            values = [None] * size
            if type(value) is tuple:
                label, inner = value
                found = by_label.get(label)
                if found is None:
                    raise DataException(
                        f"Did not find matching union field for data: branch {label}"
                    )
                position, decode, wrapped = found
                values[position] = decode(inner["v"] if wrapped else inner)
                return new_struct(schema, values)
            for position, test, decode in bare:
                if test(value):
                    values[position] = decode(value)
                    return new_struct(schema, values)
            raise DataException("Did not find matching union field for data")

        return decode_union

    def value_decoder(self, avro: AvroSchema, schema: Schema) -> Convert:
        """Non-null datum -> Connect value for a non-union Avro schema."""
        return _memoized(
            self.decoders,
            (id(avro), id(schema), schema.is_optional()),
            isinstance(avro, RecordSchema) and schema.type() is Type.STRUCT,
            lambda: self._build_value_decoder(avro, schema),
        )

    def _build_value_decoder(self, avro: AvroSchema, schema: Schema) -> Convert:
        base = self._type_decoder(avro, schema)
        logical = _to_logical_converter(schema) if schema.name() is not None else None
        if logical is None:
            return base
        if base is _identity:
            return logical

        def decode_logical(value: Any) -> Any:
            return logical(base(value))

        return decode_logical

    def _type_decoder(self, avro: AvroSchema, schema: Schema) -> Convert:
        schema_type = schema.type()
        if schema_type in INT_RANGES:
            if schema.name() in (Date.LOGICAL_NAME, Time.LOGICAL_NAME, Timestamp.LOGICAL_NAME):
                return _identity
            low, high = INT_RANGES[schema_type]

            def decode_int(value: Any) -> Any:
                if type(value) is not int:
                    raise DataException(f"Invalid type for {schema_type}: {_class(value)}")
                if not low <= value <= high:
                    raise DataException(f"Invalid value for {schema_type}: {value} is out of range")
                return value

            return decode_int
        if schema_type in (Type.FLOAT32, Type.FLOAT64):

            def decode_float(value: Any) -> Any:
                if type(value) is not float:
                    if type(value) is int:
                        return float(value)
                    raise DataException(f"Invalid type for {schema_type}: {_class(value)}")
                return value

            return decode_float
        if schema_type is Type.BOOLEAN:
            return _check_boolean
        if schema_type is Type.STRING:

            def decode_str(value: Any) -> Any:
                if type(value) is not str:
                    raise DataException(
                        "Invalid class for string type, expecting String or CharSequence but "
                        f"found {_class(value)}"
                    )
                return value

            return decode_str
        if schema_type is Type.BYTES:
            if schema.name() == Decimal.LOGICAL_NAME:
                return _identity

            def decode_bytes(value: Any) -> Any:
                if type(value) is not bytes:
                    if not isinstance(value, BYTES_TYPES):
                        raise DataException(
                            "Invalid class for bytes type, expecting byte[] or ByteBuffer but "
                            f"found {_class(value)}"
                        )
                    return bytes(value)
                return value

            return decode_bytes
        if schema_type is Type.ARRAY:
            item_schema = schema.value_schema()
            assert item_schema is not None
            if not isinstance(avro, ArraySchema):
                raise DataException(f"Connect array needs an Avro array, not {avro}")
            item = self.decoder(avro.items, item_schema)
            return _make_collection(
                "decode_array", item, _fast_check(item_schema, avro.items, decoding=True)
            )
        if schema_type is Type.MAP:
            return self._map_decoder(avro, schema)
        return self._struct_decoder(avro, schema)

    def _map_decoder(self, avro: AvroSchema, schema: Schema) -> Convert:
        key_schema = schema.key_schema()
        value_schema = schema.value_schema()
        assert key_schema is not None and value_schema is not None
        if key_schema.type() is Type.STRING and not key_schema.is_optional():
            if not isinstance(avro, MapSchema):
                raise DataException(f"Connect map needs an Avro map, not {avro}")
            value_decode = self.decoder(avro.values, value_schema)
            return _make_collection(
                "decode_map", value_decode, _fast_check(value_schema, avro.values, decoding=True)
            )
        entry = avro.items if isinstance(avro, ArraySchema) else None
        if not isinstance(entry, RecordSchema):
            raise DataException(f"Connect map needs an Avro array of map entries, not {avro}")
        key_field = entry.field(m.KEY_FIELD)
        value_field = entry.field(m.VALUE_FIELD)
        if key_field is None or value_field is None:
            raise DataException(
                f"Avro map entry record {entry.full_name} has no key or value field"
            )
        key_decode = self.decoder(key_field.schema, key_schema)
        value_decode = self.decoder(value_field.schema, value_schema)

        def decode_entries(value: Any) -> Any:
            if type(value) is not list:
                raise DataException(f"Invalid type for MAP: {_class(value)}")
            result: dict[Any, Any] = {}
            for item in value:
                entry_value = item[1] if type(item) is tuple else item
                if not isinstance(entry_value, Mapping):
                    raise DataException(f"Invalid type for MAP: {_class(value)}")
                key = key_decode(entry_value.get(m.KEY_FIELD))
                try:
                    result[key] = value_decode(entry_value.get(m.VALUE_FIELD))
                except TypeError:
                    raise DataException(
                        f"Map key of {key_schema} cannot be a Python dict key: {_class(key)}"
                    ) from None
            return result

        return decode_entries

    def _struct_decoder(self, avro: AvroSchema, schema: Schema) -> Convert:
        if not isinstance(avro, RecordSchema):
            raise DataException(f"Connect struct {schema.name()} needs an Avro record, not {avro}")
        specs: list[tuple[str, Convert, Any, Fast | None, Convert | None]] = []
        for field in schema.fields():
            avro_name = self.data._scrub(field.name())
            avro_field = avro.field(avro_name)
            field_schema = field.schema()
            if avro_field is None:
                default = field_schema.default_value()

                def missing(value: Any, default: Any = default) -> Any:
                    return default

                specs.append((avro_name, missing, _MISSING, None, None))
                continue
            specs.append(
                (
                    avro_name,
                    self.decoder(avro_field.schema, field_schema),
                    field_schema.default_value(),
                    _fast_check(field_schema, avro_field.schema, decoding=True),
                    self._direct_decoder(avro_field.schema, field_schema),
                )
            )
        return _make_struct_decoder(schema, specs)


# ================================================================ helpers


def _identity(value: Any) -> Any:
    return value


def _check_boolean(value: Any) -> Any:
    """A BOOLEAN value in both directions: ``True`` or ``False``, nothing else."""
    if value is not True and value is not False:
        raise DataException(f"Invalid type for BOOLEAN: {_class(value)}")
    return value


def _no_branch(schema: Schema, avro: AvroSchema) -> Convert:
    def fail(value: Any) -> Any:
        raise AvroRuntimeException(f"Not in union {avro}: no branch for Connect schema {schema}")

    return fail


def _labelled(inner: Convert, label: str | None, wrapped: bool, optional: bool) -> Convert:
    if label is None:

        def encode_bare(value: Any) -> Any:
            if value is None:
                if optional:
                    return None
                raise DataException(_NULL_FOR_REQUIRED)
            return inner(value)

        return encode_bare
    if wrapped:

        def encode_wrapped(value: Any) -> Any:
            if value is None:
                if optional:
                    return None
                raise DataException(_NULL_FOR_REQUIRED)
            return (label, {"v": inner(value)})

        return encode_wrapped

    def encode_tuple(value: Any) -> Any:
        if value is None:
            if optional:
                return None
            raise DataException(_NULL_FOR_REQUIRED)
        return (label, inner(value))

    return encode_tuple


def _check_struct(value: Any, schema: Schema) -> list[Any]:
    if type(value) is not Struct and not isinstance(value, Struct):
        raise DataException(f"Invalid type for STRUCT: {_class(value)}")
    struct_schema = value.schema()
    if struct_schema is not schema and struct_schema != schema:
        raise DataException("Mismatching struct schema")
    return _struct_values(value)


Fast = tuple[str, str]


def _fast_check(schema: Schema, avro: AvroSchema, decoding: bool) -> Fast | None:
    """``(condition, expression)`` on a non-null ``X``: when the condition holds, the converted
    value is the expression (often ``X`` itself), computed inline by generated code.

    When it does not hold, the generated code calls the compiled converter, which converts the
    remaining cases or raises the proper error. ``None``: always call the converter.
    """
    if m.is_union_schema(schema):
        return None
    target = avro
    if isinstance(avro, UnionSchema):
        branches = [t for t in avro.types if t.type != "null"]
        if not schema.is_optional() or len(avro.types) != 2 or len(branches) != 1:
            return None
        target = branches[0]
    elif schema.is_optional():
        return None
    if target.is_named():
        return None
    name = schema.name()
    if name in _LOGICAL_NAMES:
        return _fast_logical(schema, target, decoding)
    schema_type = schema.type()
    if schema_type in INT_RANGES and target.type in ("int", "long"):
        low, high = INT_RANGES[schema_type]
        natural = (schema_type is Type.INT32 and target.type == "int") or (
            schema_type is Type.INT64 and target.type == "long"
        )
        if natural and (decoding or schema_type is Type.INT64):
            return "type(X) is int", "X"  # fastavro rejects longs beyond 64 bits itself
        return f"type(X) is int and {low} <= X <= {high}", "X"
    if schema_type is Type.FLOAT32 and target.type in ("float", "double") and not decoding:
        # NaN and the infinities take the slow path, which also rejects finite overflows
        return f"type(X) is float and {-_FLOAT32_OVERFLOW!r} < X < {_FLOAT32_OVERFLOW!r}", "X"
    if schema_type in (Type.FLOAT32, Type.FLOAT64) and target.type in ("float", "double"):
        return "type(X) is float", "X"
    if schema_type is Type.BOOLEAN and target.type == "boolean":
        return "(X is True or X is False)", "X"
    if schema_type is Type.STRING and target.type == "string":
        return "type(X) is str", "X"
    if schema_type is Type.BYTES and target.type == "bytes":
        return "type(X) is bytes", "X"
    return None


def _fast_logical(schema: Schema, target: AvroSchema, decoding: bool) -> Fast | None:
    name = schema.name()
    if name == Timestamp.LOGICAL_NAME and target.type == "long":
        if decoding:
            return "type(X) is int", "_EPOCH + _timedelta(milliseconds=X)"
        return "type(X) is _datetime and X.tzinfo is _UTC", "(X - _EPOCH) // _MILLI"
    if name == Date.LOGICAL_NAME and target.type == "int":
        if decoding:
            return "type(X) is int", f"_date_fromordinal(X + {_EPOCH_ORDINAL})"
        return "type(X) is _date", f"X.toordinal() - {_EPOCH_ORDINAL}"
    if name == Decimal.LOGICAL_NAME and target.type == "bytes" and decoding:
        scale = Decimal.scale(schema)
        return (
            "type(X) is bytes and X",
            f"_Decimal(str(_from_bytes(X, 'big', signed=True)) + 'E{-scale}')",
        )
    return None


_FAST_NAMES: dict[str, Any] = {
    "_EPOCH": _EPOCH,
    "_MILLI": _MILLI,
    "_UTC": _dt.timezone.utc,
    "_datetime": _dt.datetime,
    "_date": _dt.date,
    "_timedelta": _dt.timedelta,
    "_date_fromordinal": _dt.date.fromordinal,
    "_Decimal": _decimal.Decimal,
    "_from_bytes": int.from_bytes,
}


_LOGICAL_NAMES = frozenset(
    (Decimal.LOGICAL_NAME, Date.LOGICAL_NAME, Time.LOGICAL_NAME, Timestamp.LOGICAL_NAME)
)


_COLLECTIONS = {
    "encode_array": (
        "    if type(value) is not list and not isinstance(value, (list, tuple)): _bad(value)",
        "    return [{item} for x in value]",
    ),
    "decode_array": (
        "    if type(value) is not list: _bad(value)",
        "    return [{item} for x in value]",
    ),
    "encode_map": (
        "    if type(value) is not dict and not isinstance(value, _Mapping): _bad(value)",
        "    return {{k if type(k) is str else _bad_key(k): {item} for k, x in value.items()}}",
    ),
    "decode_map": (
        "    if type(value) is not dict and not isinstance(value, _Mapping): _bad(value)",
        "    return {{k: {item} for k, x in value.items()}}",
    ),
}


def _bad_collection(kind: str) -> Callable[[Any], Any]:
    def bad(value: Any) -> Any:
        raise DataException(f"Invalid type for {kind}: {_class(value)}")

    return bad


def _bad_key(key: Any) -> Any:
    raise DataException(f"Invalid type for MAP key: {_class(key)}")


def _make_collection(kind: str, item: Convert, fast: Fast | None) -> Convert:
    """Array or string-keyed map conversion, generated with the item's inline fast check."""
    check, body = _COLLECTIONS[kind]
    if fast is None:
        expression = "f(x)"
    else:
        condition, result = (part.replace("X", "x") for part in fast)
        expression = f"({result} if {condition} else f(x))"
    namespace: dict[str, Any] = {
        **_FAST_NAMES,
        "f": item,
        "_bad": _bad_collection("ARRAY" if kind.endswith("array") else "MAP"),
        "_bad_key": _bad_key,
        "_Mapping": Mapping,
    }
    lines = [f"def {kind}(value):", check]
    if fast is not None and fast[1] == "X":
        # items that pass as they are: check them and hand the same list or dict on (fastavro
        # only reads it; decoded ones are fresh); otherwise build a converted copy
        condition = fast[0].replace("X", "x")
        if kind.endswith("array"):
            lines += [
                "    if type(value) is list:",
                "        for x in value:",
                f"            if not ({condition}): break",
                "        else:",
                "            return value",
            ]
        else:
            key_check = "type(k) is not str or " if kind == "encode_map" else ""
            lines += [
                "    if type(value) is dict:",
                "        for k, x in value.items():",
                f"            if {key_check}not ({condition}): break",
                "        else:",
                "            return value",
            ]
    lines.append(body.format(item=expression))
    exec("\n".join(lines), namespace)
    convert: Convert = namespace[kind]
    return convert


def _field_lines(x: str, full: str, direct: str | None, fast: Fast | None) -> list[str]:
    """Lines converting variable ``x``: the inline fast path, else the direct (non-null) or
    full converter."""
    if fast is None:
        if direct is None:
            return [f"    {x} = {full}({x})"]
        return [f"    {x} = {full}({x}) if {x} is None else {direct}({x})"]
    condition, result = (part.replace("X", x) for part in fast)
    identity = result == x
    if direct is None:  # an optional value in a [null, T] union: null passes as is
        if identity:
            return [f"    if {x} is not None and not ({condition}): {x} = {full}({x})"]
        return [
            f"    if {x} is not None:",
            f"        {x} = {result} if {condition} else {full}({x})",
        ]
    slow = f"({full}({x}) if {x} is None else {direct}({x}))"
    if identity:
        return [f"    if not ({condition}): {x} = {slow}"]
    return [f"    {x} = {result} if {condition} else {slow}"]


def _make_struct_encoder(
    schema: Schema,
    specs: list[tuple[str, int, Convert, Any, Fast | None, Convert | None]],
    extras: Mapping[str, Any] | None = None,
) -> Convert:
    """Struct -> dict, generated as straight-line code for the schema's fields."""
    namespace: dict[str, Any] = {
        **_FAST_NAMES,
        "_check_struct": _check_struct,
        "_schema": schema,
        "_Struct": Struct,
    }
    lines = [
        "def encode_struct(value):",
        "    if type(value) is _Struct and value._schema is _schema:",
        "        v = value._values",
        "    else:",
        "        v = _check_struct(value, _schema)",
    ]
    items = []
    for position, (name, index, encode, default, fast, direct) in enumerate(specs):
        x = f"x{position}"
        namespace[f"e{position}"] = encode
        if direct is not None:
            namespace[f"o{position}"] = direct
        lines.append(f"    {x} = v[{index}]")
        if default is not None:
            namespace[f"d{position}"] = default
            lines.append(f"    if {x} is None: {x} = d{position}")
        lines.extend(
            _field_lines(x, f"e{position}", None if direct is None else f"o{position}", fast)
        )
        items.append(f"{name!r}: {x}")
    for position, (name, datum) in enumerate((extras or {}).items()):
        namespace[f"c{position}"] = datum
        items.append(f"{name!r}: c{position}")
    lines.append("    return {" + ", ".join(items) + "}")
    exec("\n".join(lines), namespace)
    encode_struct: Convert = namespace["encode_struct"]
    return encode_struct


def _make_struct_decoder(
    schema: Schema, specs: list[tuple[str, Convert, Any, Fast | None, Convert | None]]
) -> Convert:
    """dict -> Struct, generated as straight-line code for the schema's fields."""
    namespace: dict[str, Any] = {
        **_FAST_NAMES,
        "_object_new": object.__new__,
        "_Struct": Struct,
        "_schema": schema,
        "_Mapping": Mapping,
        "_fail": _not_a_record,
    }
    # records read by fastavro have every field: index them; a default given as a JSON object
    # may lack some, read those with .get and the field default (Java's Map path)
    sources = {}
    for variant, fetch, indent in (
        ("fast", "value[{name!r}]", "        "),
        ("lenient", "g({name!r}{default})", "    "),
    ):
        lines = [f"def decode_{variant}(value):"]
        if variant == "fast":
            lines.append("    try:")
        lines.append(
            indent + "if type(value) is not dict and not isinstance(value, _Mapping): _fail(value)"
        )
        if variant == "lenient":
            lines.append("    g = value.get")
        items = []
        for position, (name, decode, default, fast, direct) in enumerate(specs):
            x = f"x{position}"
            namespace[f"f{position}"] = decode
            if direct is not None:
                namespace[f"o{position}"] = direct
            if default is _MISSING:
                lines.append(f"{indent}{x} = f{position}(None)")
                items.append(x)
                continue
            if default is not None:
                namespace[f"d{position}"] = default
            default_arg = "" if default is None else f", d{position}"
            lines.append(f"{indent}{x} = " + fetch.format(name=name, default=default_arg))
            field = _field_lines(
                x, f"f{position}", None if direct is None else f"o{position}", fast
            )
            lines.extend(indent + line[4:] for line in field)
            items.append(x)
        if variant == "fast":
            lines.append("    except KeyError:")
            lines.append("        return decode_lenient(value)")
        lines.append("    s = _object_new(_Struct)")
        lines.append("    s._schema = _schema")
        lines.append("    s._values = [" + ", ".join(items) + "]")
        lines.append("    return s")
        sources[variant] = "\n".join(lines)
    exec(sources["lenient"], namespace)
    exec(sources["fast"], namespace)
    decode_struct: Convert = namespace["decode_fast"]
    return decode_struct


def _not_a_record(value: Any) -> None:
    raise DataException(f"Invalid type for STRUCT: {_class(value)}")


def _class_test(schema: Schema) -> Callable[[Any], bool] | None:
    """Java's ``isInstanceOfAvroSchemaTypeForSimpleSchema`` for a bare (unlabelled) value."""
    if m.is_enum_schema(schema):
        return None
    schema_type = schema.type()
    if schema_type in (Type.INT32, Type.INT64):
        return lambda v: type(v) is int
    if schema_type in (Type.FLOAT32, Type.FLOAT64):
        return lambda v: type(v) is float
    if schema_type is Type.BOOLEAN:
        return lambda v: type(v) is bool
    if schema_type is Type.STRING:
        return lambda v: type(v) is str
    if schema_type is Type.BYTES:
        if m.is_fixed_schema(schema):
            size = int((schema.parameters() or {})[m.CONNECT_AVRO_FIXED_SIZE_PROP])
            return lambda v: isinstance(v, BYTES_TYPES) and len(v) == size
        return lambda v: isinstance(v, BYTES_TYPES)
    if schema_type is Type.ARRAY:
        return lambda v: type(v) is list
    if schema_type is Type.MAP:
        return lambda v: isinstance(v, Mapping)
    return None


# ---------------------------------------------------------------- logical conversions


def _to_raw_converter(schema: Schema) -> Convert | None:
    """Connect logical value -> underlying value, with Java's checks and messages."""
    name = schema.name()
    if name == Decimal.LOGICAL_NAME:
        scale = Decimal.scale(schema)
        message = (
            "Decimal value has mismatching scale for given Decimal schema. "
            "Schema has scale {}, value has scale {}."
        )

        def decimal_to_raw(value: Any) -> Any:
            if type(value) is _Decimal and scale > 0:
                text = str(value)
                point = len(text) - scale - 1
                if point > 0 and text[point] == "." and "E" not in text:
                    n = int(text[:point] + text[point + 1 :])
                    return n.to_bytes(((n + (n < 0)).bit_length() >> 3) + 1, "big", signed=True)
            if type(value) is not _decimal.Decimal:
                raise DataException(
                    f"Invalid type for Decimal, expected BigDecimal but was {_class(value)}"
                )
            sign, digits, exponent = value.as_tuple()
            if not isinstance(exponent, int):
                raise DataException(f"Invalid value for Decimal: {value} is not a finite decimal")
            if -exponent != scale:
                raise DataException(message.format(scale, -exponent))
            unscaled = int("".join(map(str, digits))) if digits else 0
            return unscaled_to_bytes(-unscaled if sign else unscaled)

        return decimal_to_raw
    if name == Date.LOGICAL_NAME:

        def date_to_raw(value: Any) -> Any:
            if type(value) is _dt.date:
                return value.toordinal() - _EPOCH_ORDINAL
            if not isinstance(value, _dt.date):
                raise DataException(f"Invalid type for Date, expected date but was {_class(value)}")
            return Date.from_logical(schema, value)

        return date_to_raw
    if name == Time.LOGICAL_NAME:

        def time_to_raw(value: Any) -> Any:
            if not isinstance(value, _dt.time):
                raise DataException(f"Invalid type for Time, expected time but was {_class(value)}")
            return Time.from_logical(schema, value)

        return time_to_raw
    if name == Timestamp.LOGICAL_NAME:

        def timestamp_to_raw(value: Any) -> Any:
            if not isinstance(value, _dt.datetime):
                raise DataException(
                    f"Invalid type for Timestamp, expected datetime but was {_class(value)}"
                )
            if value.tzinfo is _dt.timezone.utc:
                return (value - _EPOCH) // _MILLI
            return timestamp_millis(value)

        return timestamp_to_raw
    return None


def _to_logical_converter(schema: Schema) -> Convert | None:
    """Underlying value -> Connect logical value (``TO_CONNECT_LOGICAL_CONVERTERS``)."""
    name = schema.name()
    if name == Decimal.LOGICAL_NAME:
        scale = Decimal.scale(schema)
        exponent = f"E{-scale}"

        def raw_to_decimal(value: Any) -> Any:
            if not isinstance(value, BYTES_TYPES):
                raise DataException(
                    "Invalid type for Decimal, underlying representation should be bytes but "
                    f"was {_class(value)}"
                )
            if not value:
                raise DataException("Invalid bytes for Decimal: empty")
            return _Decimal(f"{int.from_bytes(value, 'big', signed=True)}{exponent}")

        return raw_to_decimal
    if name == Date.LOGICAL_NAME:

        def raw_to_date(value: Any) -> Any:
            if type(value) is not int:
                raise DataException(
                    "Invalid type for Date, underlying representation should be int32 but was "
                    f"{_class(value)}"
                )
            return Date.to_logical(schema, value)

        return raw_to_date
    if name == Time.LOGICAL_NAME:

        def raw_to_time(value: Any) -> Any:
            if type(value) is not int:
                raise DataException(
                    "Invalid type for Time, underlying representation should be int32 but was "
                    f"{_class(value)}"
                )
            if not 0 <= value < MILLIS_PER_DAY:
                return Time.to_logical(schema, value)
            seconds, millis = divmod(value, 1000)
            minutes, second = divmod(seconds, 60)
            hour, minute = divmod(minutes, 60)
            return _dt.time(hour, minute, second, millis * 1000)

        return raw_to_time
    if name == Timestamp.LOGICAL_NAME:

        def raw_to_timestamp(value: Any) -> Any:
            if type(value) is not int:
                raise DataException(
                    "Invalid type for Timestamp, underlying representation should be int64 but "
                    f"was {_class(value)}"
                )
            try:
                return _EPOCH + _dt.timedelta(milliseconds=value)
            except OverflowError:
                return datetime_from_millis(value)

        return raw_to_timestamp
    return None


# ---------------------------------------------------------------- schemaless (Anything)

_ANYTHING_FIELDS = ("boolean", "bytes", "double", "float", "int", "long", "string", "array", "map")


def _anything(field: str | None = None, value: Any = None) -> dict[str, Any]:
    record: dict[str, Any] = dict.fromkeys(_ANYTHING_FIELDS)
    if field is not None:
        record[field] = value
    return record


def _anything_encoder(in_container: bool) -> Convert:
    def encode(value: Any) -> Any:
        return _encode_anything(value, in_container)

    return encode


def _encode_anything(value: Any, in_container: bool) -> Any:
    """A schemaless Connect value as an ``Anything`` record (Java's schemaless path)."""
    if value is None:
        return _anything() if in_container else None
    if value is True or value is False:
        return _anything("boolean", value)
    if isinstance(value, int):
        if -(2**31) <= value < 2**31:
            return _anything("int", value)
        if -(2**63) <= value < 2**63:
            return _anything("long", value)
        raise DataException(f"Schemaless integer {value} does not fit in 64 bits")
    if isinstance(value, float):
        return _anything("double", value)
    if isinstance(value, str):
        return _anything("string", value)
    if isinstance(value, BYTES_TYPES):
        return _anything("bytes", bytes(value))
    if isinstance(value, (list, tuple)):
        return _anything("array", [_encode_anything(x, True) for x in value])
    if isinstance(value, Mapping):
        return _anything(
            "map",
            [
                {"key": _encode_anything(k, True), "value": _encode_anything(v, True)}
                for k, v in value.items()
            ],
        )
    raise DataException(f"Unknown Java type for schemaless data: {_class(value)}")


def _decode_anything(value: Any) -> Any:
    """A schemaless value back from an ``Anything`` record (first field set wins, as Java)."""
    if value is None or value is NULL_VALUE:
        return None
    if type(value) is tuple:
        value = value[1]
    if not isinstance(value, Mapping):
        raise DataException("Invalid Avro data for schemaless Connect data")
    for field in ("boolean", "bytes", "double", "float", "int", "long", "string"):
        item = value.get(field)
        if item is not None:
            return bytes(item) if field == "bytes" else item
    array = value.get("array")
    if array is not None:
        if not isinstance(array, list):
            raise DataException(
                f"Expected a Collection for schemaless array field but found a {_class(array)}"
            )
        return [_decode_anything(x) for x in array]
    entries = value.get("map")
    if entries is not None:
        if not isinstance(entries, list):
            raise DataException(
                f"Expected a List for schemaless map field but found a {_class(entries)}"
            )
        result: dict[Any, Any] = {}
        for item in entries:
            entry = item[1] if type(item) is tuple else item
            key = _decode_anything(entry.get("key"))
            try:
                result[key] = _decode_anything(entry.get("value"))
            except TypeError:
                raise DataException(
                    f"Schemaless map key cannot be a Python dict key: {_class(key)}"
                ) from None
        return result
    return None


# ================================================================ entry points


def compile_encoder(
    data: AvroData, schema: Schema | None, avro_schema: AvroSchema, physical: bool
) -> Convert:
    """Connect value -> generic datum for ``avro_schema`` (top level: None stays None)."""
    compiler = _Compiler(data, physical, avro_schema)
    return compiler.encoder(schema, avro_schema, False)


def compile_decoder(
    data: AvroData, avro_schema: AvroSchema, schema: Schema | None, physical: bool
) -> Convert:
    """Generic datum of ``avro_schema`` -> Connect value of ``schema``."""
    compiler = _Compiler(data, physical, avro_schema)
    return compiler.decoder(avro_schema, schema)


def _memoized(
    cache: dict[Any, Convert], key: Any, recursive: bool, build: Callable[[], Convert]
) -> Convert:
    """The converter cached under ``key``, built once.

    A record may contain itself (recursive Avro records): while it is being built, the cache
    holds a forwarding function, so the inner reference finds the converter being built.
    """
    found = cache.get(key)
    if found is not None:
        return found
    if recursive:
        cell: list[Convert] = []

        def recurse(value: Any) -> Any:
            return cell[0](value)

        cache[key] = recurse
        built = build()
        cell.append(built)
    else:
        built = build()
    cache[key] = built
    return built


def _fixed_decimal_encoder(size: int) -> Convert:
    """Unscaled two's-complement bytes -> a ``fixed`` of ``size``, sign-extended on the left.

    Java (schema-registry 8.5, ``padToFixedSize``) pads a short unscaled value with 0x00 or
    0xFF and refuses one longer than the fixed size rather than truncating it.
    """

    def encode_fixed_decimal(value: Any) -> Any:
        length = len(value)
        if length == size:
            return value
        if length > size:
            raise DataException(
                f"Decimal unscaled value needs {length} bytes, more than the fixed size {size}"
            )
        pad = b"\xff" if length and value[0] >= 0x80 else b"\x00"
        return pad * (size - length) + bytes(value)

    return encode_fixed_decimal


def _java_string(text: str) -> str:
    """``text`` as Java's ``String.getBytes(UTF_8)`` encodes it (surrogate pairs joined, an
    unpaired surrogate replaced by ``?``), as a str fastavro can write."""
    return _UTF8.encode(text).decode("utf-8")


def java_utf8_datum(datum: Any) -> Any:
    """A copy of a datum whose strings (and map keys) UTF-8 can encode, as Java's Avro writes
    them (see :func:`_java_string`). Used only after a write failed on a surrogate."""
    if type(datum) is str:
        return _java_string(datum)
    if isinstance(datum, dict):
        return {
            (_java_string(k) if type(k) is str else k): java_utf8_datum(v) for k, v in datum.items()
        }
    if isinstance(datum, list):
        return [java_utf8_datum(v) for v in datum]
    if isinstance(datum, tuple):  # a union branch: (label, value)
        return (datum[0], *(java_utf8_datum(v) for v in datum[1:]))
    return datum
