"""Avro schemas as Java's Avro library (1.12) sees them: parse, build, compare and print.

The Avro schema text a converter registers must be byte-for-byte the text Java registers, so
this module reproduces ``org.apache.avro.Schema``: the same name and symbol validation, the same
property order, Jackson's JSON text (``Double.toString`` numbers, escapes) and ``toString()``'s
rules (a named type is written in full once, later as a name reference; namespaces relative to
the enclosing one). Parsing follows ``Schema.Parser``: defaults are validated, logical types
that do not fit their type are ignored, unknown attributes become properties.

JSON values held in properties and defaults are plain Python JSON values (``dict`` keeps the
attribute order) with one addition: :class:`JsonFloat32` marks a number Jackson holds as a
``FloatNode`` (printed with ``Float.toString``).
"""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from connect_data import DataException
from connect_data.javatext import double_to_string, float_to_string

__all__ = [
    "NULL_VALUE",
    "PRIMITIVE_TYPES",
    "ArraySchema",
    "AvroField",
    "AvroRuntimeException",
    "AvroSchema",
    "AvroTypeException",
    "EnumSchema",
    "FixedSchema",
    "JsonFloat32",
    "MapSchema",
    "NamedSchema",
    "PrimitiveSchema",
    "RecordSchema",
    "SchemaParseException",
    "UnionSchema",
    "json_text",
    "normalize",
    "parse_schema",
]


class AvroRuntimeException(DataException):
    """An Avro schema could not be built (Java's ``AvroRuntimeException``)."""


class SchemaParseException(AvroRuntimeException):
    """An Avro schema or name is not valid Avro (Java's ``SchemaParseException``)."""


class AvroTypeException(AvroRuntimeException):
    """A value or default does not match its Avro type (Java's ``AvroTypeException``)."""


class JsonFloat32(float):
    """A JSON number Jackson holds as a ``FloatNode``: printed with Java's ``Float.toString``."""

    __slots__ = ()


class _NullValue:
    """Avro's ``JsonProperties.NULL_VALUE``: a JSON ``null`` default (distinct from no default)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NULL_VALUE"


#: A field default that is JSON ``null`` (``None`` means the field has no default).
NULL_VALUE: Any = _NullValue()

PRIMITIVE_TYPES = ("null", "boolean", "int", "long", "float", "double", "bytes", "string")
_SCHEMA_RESERVED = frozenset(
    ("doc", "fields", "items", "name", "namespace", "size", "symbols", "values", "type", "aliases")
)
_ENUM_RESERVED = _SCHEMA_RESERVED | {"default"}
_FIELD_RESERVED = frozenset(("default", "doc", "name", "order", "type", "aliases"))
_ORDERS = ("ascending", "descending", "ignore")


# ---------------------------------------------------------------- JSON text (Jackson's way)

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r"}
_ESCAPES["\t"] = "\\t"
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def json_string(text: str) -> str:
    """A JSON string literal as Jackson writes it (non-ASCII raw, control characters escaped)."""
    return '"' + _NEEDS_ESCAPE.sub(_escape_char, text) + '"'


def json_text(value: Any) -> str:
    """Compact JSON text of a JSON value as Jackson writes it (``1.0E10``, ``"NaN"``)."""
    if value is None or value is NULL_VALUE:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return json_string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return json_string(
                float_to_string(value)
                if isinstance(value, JsonFloat32)
                else double_to_string(value)
            )
        if isinstance(value, JsonFloat32):
            return float_to_string(value)
        return double_to_string(value)
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{json_string(k)}:{json_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(json_text(v) for v in value) + "]"
    raise TypeError(f"not a JSON value: {value!r}")


def json_equal(a: Any, b: Any) -> bool:
    """Jackson's ``JsonNode.equals``: numbers of different node kinds are different."""
    if a is b:
        return True
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a is b
    if a is NULL_VALUE or b is NULL_VALUE:
        return False
    if isinstance(a, str) or isinstance(b, str):
        return type(a) is type(b) and a == b
    if isinstance(a, int) or isinstance(b, int):
        return isinstance(a, int) and isinstance(b, int) and a == b
    if isinstance(a, float) or isinstance(b, float):
        if not (isinstance(a, float) and isinstance(b, float)):
            return False
        if isinstance(a, JsonFloat32) != isinstance(b, JsonFloat32):
            return False
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    return False


def _props_equal(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)


# ---------------------------------------------------------------- names


def _is_letter(char: str) -> bool:
    return char.isalpha()


def _is_digit(char: str) -> bool:
    return unicodedata.category(char) == "Nd"


def validate_name(name: str | None) -> str:
    """Check an Avro simple name as Avro 1.12's default (UTF) validator does."""
    if name is None:
        raise SchemaParseException("Null name")
    if not name:
        raise SchemaParseException("Empty name")
    first = name[0]
    if not (_is_letter(first) or first == "_"):
        raise SchemaParseException(f"Illegal initial character: {name}")
    for char in name[1:]:
        if not (_is_letter(char) or _is_digit(char) or char == "_"):
            raise SchemaParseException(f"Illegal character in: {name}")
    return name


def validate_namespace(namespace: str | None) -> None:
    """Check each dotted part of a namespace (Avro checks these when parsing schema text)."""
    if not namespace:
        return
    for part in namespace.split("."):
        try:
            validate_name(part)
        except SchemaParseException as e:
            raise SchemaParseException(f'Namespace part "{part}" is invalid: {e}') from None


def split_full_name(name: str, namespace: str | None) -> tuple[str, str | None]:
    """``(simple name, namespace)`` of ``name`` given the namespace in force (Avro's ``Name``)."""
    dot = name.rfind(".")
    if dot >= 0:
        return name[dot + 1 :], name[:dot] or None
    return name, namespace or None


# ---------------------------------------------------------------- logical types


class LogicalType:
    """A logical type Avro recognised on a schema (``decimal``, ``date``, ...)."""

    __slots__ = ("name", "precision", "scale")

    def __init__(self, name: str, precision: int = 0, scale: int = 0) -> None:
        self.name = name
        self.precision = precision
        self.scale = scale

    def __repr__(self) -> str:
        return f"LogicalType({self.name!r})"


_LOGICAL_ON = {
    "date": ("int",),
    "time-millis": ("int",),
    "time-micros": ("long",),
    "timestamp-millis": ("long",),
    "timestamp-micros": ("long",),
    "timestamp-nanos": ("long",),
    "local-timestamp-millis": ("long",),
    "local-timestamp-micros": ("long",),
    "local-timestamp-nanos": ("long",),
    "uuid": ("string", "fixed"),
    "duration": ("fixed",),
    "big-decimal": ("bytes",),
}


def _max_decimal_precision(size: int) -> int:
    return round(math.floor(math.log10(2) * (8 * size - 1)))


def _decimal_problem(schema: AvroSchema, precision: Any, scale: Any) -> str | None:
    """Why ``precision``/``scale`` do not make a valid decimal on ``schema`` (None if they do)."""
    if not isinstance(precision, int) or isinstance(precision, bool):
        return "Invalid decimal precision: " + json_text(precision)
    if not isinstance(scale, int) or isinstance(scale, bool):
        return "Invalid decimal scale: " + json_text(scale)
    if schema.type not in ("bytes", "fixed"):
        return "Logical type decimal must be backed by fixed or bytes"
    if precision <= 0:
        return f"Invalid decimal precision: {precision} (must be positive)"
    if isinstance(schema, FixedSchema) and precision > _max_decimal_precision(schema.size):
        return (
            f"fixed({schema.size}) cannot store {precision} digits "
            f"(max {_max_decimal_precision(schema.size)})"
        )
    if scale < 0:
        return f"Invalid decimal scale: {scale} (must be positive)"
    if scale > precision:
        return f"Invalid decimal scale: {scale} (greater than precision: {precision})"
    return None


def _logical_from_props(schema: AvroSchema) -> LogicalType | None:
    """The logical type named by ``logicalType``, or None if absent or invalid (ignored)."""
    name = schema.props.get("logicalType")
    if not isinstance(name, str):
        return None
    if name == "decimal":
        precision = schema.props.get("precision")
        scale = schema.props.get("scale", 0)
        if _decimal_problem(schema, precision, scale) is not None:
            return None
        assert isinstance(precision, int) and isinstance(scale, int)
        return LogicalType("decimal", precision, scale)
    allowed = _LOGICAL_ON.get(name)
    if allowed is None or schema.type not in allowed:
        return None
    if name == "uuid" and isinstance(schema, FixedSchema) and schema.size != 16:
        return None
    if name == "duration" and isinstance(schema, FixedSchema) and schema.size != 12:
        return None
    return LogicalType(name)


def add_logical_type(schema: AvroSchema, name: str, precision: int = 0, scale: int = 0) -> None:
    """Java's ``LogicalType.addToSchema``: validate, then add the ``logicalType`` property."""
    if name == "decimal":
        problem = _decimal_problem(schema, precision, scale)
        if problem is not None:
            raise AvroRuntimeException(problem)
        schema.add_prop("logicalType", "decimal")
        schema.add_prop("precision", precision)
        schema.add_prop("scale", scale)
        schema.logical_type = LogicalType("decimal", precision, scale)
        return
    allowed = _LOGICAL_ON[name]
    if schema.type not in allowed:
        raise AvroRuntimeException(
            f"Logical type {name} can only be used with an underlying {allowed[0]} type"
        )
    schema.add_prop("logicalType", name)
    schema.logical_type = LogicalType(name)


# ---------------------------------------------------------------- the schema classes

_seen = threading.local()


class AvroSchema:
    """Base of all Avro schemas: the type name and the properties (``JsonProperties``).

    Equality is Avro's: same type, same properties and same content (docs and aliases are not
    compared); named types compare by full name and content. ``str(schema)`` is Java's
    ``Schema.toString()``.
    """

    __slots__ = ("_physical", "_text", "logical_type", "props", "type")

    def __init__(self, type: str, props: Mapping[str, Any] | None = None) -> None:
        self.type = type
        self.props: dict[str, Any] = dict(props) if props else {}
        self.logical_type: LogicalType | None = None
        self._text: str | None = None
        self._physical: Any = None

    # -- properties

    def add_prop(self, name: str, value: Any) -> None:
        """Add a property; setting a different value again fails as in Avro."""
        old = self.props.get(name, _MISSING)
        if old is _MISSING:
            self.props[name] = value
        elif not json_equal(old, value):
            raise AvroRuntimeException(f"Can't overwrite property: {name}")

    def get_prop(self, name: str) -> Any:
        """A property's JSON value, or None."""
        return self.props.get(name)

    # -- identity

    @property
    def full_name(self) -> str:
        """The full name of a named type, else the type name (``"int"``)."""
        return self.type

    def is_named(self) -> bool:
        """True for records, enums and fixed."""
        return False

    def _content_equal(self, other: AvroSchema) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, AvroSchema) or other.type != self.type:
            return False
        return self._content_equal(other) and _props_equal(self.props, other.props)

    def __hash__(self) -> int:
        return hash((self.type, tuple(self.props)))

    # -- text

    def to_json(self, known: set[str], namespace: str | None, out: list[str]) -> None:
        """Append Java's ``toJson`` text of this schema to ``out``."""
        raise NotImplementedError

    def _write_props(self, out: list[str]) -> None:
        for key, value in self.props.items():
            out.append(f",{json_string(key)}:{json_text(value)}")

    def to_string(self) -> str:
        """Java's ``Schema.toString()``: compact JSON, each named type defined once."""
        if self._text is None:
            out: list[str] = []
            self.to_json(set(), None, out)
            self._text = "".join(out)
        return self._text

    def __str__(self) -> str:
        return self.to_string()

    def __repr__(self) -> str:
        return f"AvroSchema({self.to_string()})"

    def freeze(self) -> None:
        """Forget the cached text (call after changing a schema under construction)."""
        self._text = None


_MISSING: Any = object()


class PrimitiveSchema(AvroSchema):
    """``null``, ``boolean``, ``int``, ``long``, ``float``, ``double``, ``bytes`` or ``string``."""

    __slots__ = ()

    def to_json(self, known: set[str], namespace: str | None, out: list[str]) -> None:
        if not self.props:
            out.append(f'"{self.type}"')
            return
        out.append(f'{{"type":"{self.type}"')
        self._write_props(out)
        out.append("}")


class NamedSchema(AvroSchema):
    """A record, enum or fixed: it has a name, a namespace, a doc and aliases."""

    __slots__ = ("aliases", "doc", "name", "namespace")

    def __init__(
        self,
        type: str,
        name: str,
        namespace: str | None,
        doc: str | None = None,
        aliases: Sequence[str] | None = None,
        props: Mapping[str, Any] | None = None,
        validate: bool = True,
    ) -> None:
        super().__init__(type, props)
        simple, space = split_full_name(name, namespace)
        self.name = validate_name(simple) if validate else simple
        self.namespace = space
        self.doc = doc
        self.aliases: list[str] = list(aliases) if aliases else []

    @property
    def full_name(self) -> str:
        return f"{self.namespace}.{self.name}" if self.namespace else self.name

    def is_named(self) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, NamedSchema) or other.type != self.type:
            return False
        if self.full_name != other.full_name:
            return False
        return self._guarded_equal(other)

    def _guarded_equal(self, other: AvroSchema) -> bool:
        seen: set[tuple[int, int]] | None = getattr(_seen, "pairs", None)
        first = seen is None
        if seen is None:
            seen = _seen.pairs = set()
        key = (id(self), id(other))
        if key in seen:
            return True
        seen.add(key)
        try:
            return self._content_equal(other) and _props_equal(self.props, other.props)
        finally:
            if first:
                _seen.pairs = None

    def __hash__(self) -> int:
        return hash((self.type, self.full_name))

    def _write_ref(self, known: set[str], namespace: str | None, out: list[str]) -> bool:
        full = self.full_name
        if full in known:
            space = self.namespace
            out.append(json_string(self.name if space is None or space == namespace else full))
            return True
        known.add(full)
        return False

    def _write_name(self, namespace: str | None, out: list[str]) -> None:
        out.append(f',"name":{json_string(self.name)}')
        if self.namespace is not None:
            if self.namespace != namespace:
                out.append(f',"namespace":{json_string(self.namespace)}')
        elif namespace is not None:
            out.append(',"namespace":""')

    def _write_aliases(self, out: list[str]) -> None:
        if self.aliases:
            names = []
            for alias in self.aliases:
                simple, space = split_full_name(alias, None)
                names.append(simple if space is None or space == self.namespace else alias)
            out.append(f',"aliases":[{",".join(json_string(a) for a in names)}]')


class AvroField:
    """A field of a record: name, schema, doc, default (``None`` if none), order, properties."""

    __slots__ = ("aliases", "default", "doc", "name", "order", "pos", "props", "schema")

    def __init__(
        self,
        name: str,
        schema: AvroSchema,
        doc: str | None = None,
        default: Any = None,
        order: str = "ascending",
        aliases: Sequence[str] | None = None,
        props: Mapping[str, Any] | None = None,
        validate: bool = True,
    ) -> None:
        self.name = validate_name(name) if validate else name
        self.schema = schema
        self.doc = doc
        if default is not None and validate and not is_valid_default(schema, default):
            raise AvroTypeException(
                f"Invalid default for field {name}: {json_text(default)} not a {schema}"
            )
        self.default = default
        self.order = order
        self.aliases: list[str] = list(aliases) if aliases else []
        self.props: dict[str, Any] = dict(props) if props else {}
        self.pos = -1

    def has_default(self) -> bool:
        """True when the field declares a default (``null`` included)."""
        return self.default is not None

    def add_prop(self, name: str, value: Any) -> None:
        """Add a field property; a different value for an existing one fails as in Avro."""
        old = self.props.get(name, _MISSING)
        if old is _MISSING:
            self.props[name] = value
        elif not json_equal(old, value):
            raise AvroRuntimeException(f"Can't overwrite property: {name}")

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, AvroField):
            return NotImplemented
        return (
            self.name == other.name
            and self.schema == other.schema
            and _default_equal(self.default, other.default)
            and self.order == other.order
            and _props_equal(self.props, other.props)
        )

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        return f"AvroField({self.name!r}, {self.schema!r})"


def _default_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return json_equal(a, b)


class RecordSchema(NamedSchema):
    """A record (or ``error``) with its fields."""

    __slots__ = ("_field_map", "fields", "is_error")

    def __init__(
        self,
        name: str,
        namespace: str | None,
        doc: str | None = None,
        is_error: bool = False,
        aliases: Sequence[str] | None = None,
        props: Mapping[str, Any] | None = None,
        validate: bool = True,
    ) -> None:
        super().__init__("record", name, namespace, doc, aliases, props, validate)
        self.is_error = is_error
        self.fields: list[AvroField] = []
        self._field_map: dict[str, AvroField] = {}

    def set_fields(self, fields: Sequence[AvroField]) -> None:
        """Set the fields (once), checking for duplicate names as Avro does."""
        field_map: dict[str, AvroField] = {}
        for pos, field in enumerate(fields):
            if field.name in field_map:
                raise AvroRuntimeException(
                    f"Duplicate field {field.name} in record {self.full_name}: "
                    f"{field.name} type:{field.schema.type} pos:{pos} and "
                    f"{field.name} type:{field_map[field.name].schema.type} "
                    f"pos:{field_map[field.name].pos}."
                )
            field.pos = pos
            field_map[field.name] = field
        self.fields = list(fields)
        self._field_map = field_map

    def field(self, name: str) -> AvroField | None:
        """The field called ``name``, or None."""
        return self._field_map.get(name)

    def _content_equal(self, other: AvroSchema) -> bool:
        assert isinstance(other, RecordSchema)
        return len(self.fields) == len(other.fields) and all(
            a == b for a, b in zip(self.fields, other.fields, strict=True)
        )

    def to_json(self, known: set[str], namespace: str | None, out: list[str]) -> None:
        if self._write_ref(known, namespace, out):
            return
        out.append('{"type":"error"' if self.is_error else '{"type":"record"')
        self._write_name(namespace, out)
        if self.doc is not None:
            out.append(f',"doc":{json_string(self.doc)}')
        out.append(',"fields":[')
        space = self.namespace
        for i, field in enumerate(self.fields):
            if i:
                out.append(",")
            out.append(f'{{"name":{json_string(field.name)},"type":')
            field.schema.to_json(known, space, out)
            if field.doc is not None:
                out.append(f',"doc":{json_string(field.doc)}')
            if field.default is not None:
                out.append(f',"default":{json_text(field.default)}')
            if field.order != "ascending":
                out.append(f',"order":"{field.order}"')
            if field.aliases:
                out.append(f',"aliases":[{",".join(json_string(a) for a in field.aliases)}]')
            for key, value in field.props.items():
                out.append(f",{json_string(key)}:{json_text(value)}")
            out.append("}")
        out.append("]")
        self._write_props(out)
        self._write_aliases(out)
        out.append("}")


class EnumSchema(NamedSchema):
    """An enum: its symbols and optional default symbol."""

    __slots__ = ("default", "symbols")

    def __init__(
        self,
        name: str,
        namespace: str | None,
        symbols: Sequence[str],
        doc: str | None = None,
        default: str | None = None,
        aliases: Sequence[str] | None = None,
        props: Mapping[str, Any] | None = None,
        validate: bool = True,
    ) -> None:
        super().__init__("enum", name, namespace, doc, aliases, props, validate)
        seen: set[str] = set()
        for symbol in symbols:
            if validate:
                validate_name(symbol)
            if symbol in seen:
                raise SchemaParseException(f"Duplicate enum symbol: {symbol}")
            seen.add(symbol)
        if default is not None and default not in seen:
            raise SchemaParseException(
                f"The Enum Default: {default} is not in the enum symbol set: [{', '.join(symbols)}]"
            )
        self.symbols: list[str] = list(symbols)
        self.default = default

    def _content_equal(self, other: AvroSchema) -> bool:
        assert isinstance(other, EnumSchema)
        return self.symbols == other.symbols and self.default == other.default

    def to_json(self, known: set[str], namespace: str | None, out: list[str]) -> None:
        if self._write_ref(known, namespace, out):
            return
        out.append('{"type":"enum"')
        self._write_name(namespace, out)
        if self.doc is not None:
            out.append(f',"doc":{json_string(self.doc)}')
        out.append(f',"symbols":[{",".join(json_string(s) for s in self.symbols)}]')
        if self.default is not None:
            out.append(f',"default":{json_string(self.default)}')
        self._write_props(out)
        self._write_aliases(out)
        out.append("}")


class FixedSchema(NamedSchema):
    """A fixed-size byte string."""

    __slots__ = ("size",)

    def __init__(
        self,
        name: str,
        namespace: str | None,
        size: int,
        doc: str | None = None,
        aliases: Sequence[str] | None = None,
        props: Mapping[str, Any] | None = None,
        validate: bool = True,
    ) -> None:
        super().__init__("fixed", name, namespace, doc, aliases, props, validate)
        if size < 0:
            raise AvroRuntimeException(f"Invalid fixed size: {size}")
        self.size = size

    def _content_equal(self, other: AvroSchema) -> bool:
        assert isinstance(other, FixedSchema)
        return self.size == other.size

    def to_json(self, known: set[str], namespace: str | None, out: list[str]) -> None:
        if self._write_ref(known, namespace, out):
            return
        out.append('{"type":"fixed"')
        self._write_name(namespace, out)
        if self.doc is not None:
            out.append(f',"doc":{json_string(self.doc)}')
        out.append(f',"size":{self.size}')
        self._write_props(out)
        self._write_aliases(out)
        out.append("}")


class ArraySchema(AvroSchema):
    """An array of ``items``."""

    __slots__ = ("items",)

    def __init__(self, items: AvroSchema, props: Mapping[str, Any] | None = None) -> None:
        super().__init__("array", props)
        self.items = items

    def _content_equal(self, other: AvroSchema) -> bool:
        assert isinstance(other, ArraySchema)
        return self.items == other.items

    def __hash__(self) -> int:
        return hash(("array", hash(self.items)))

    def to_json(self, known: set[str], namespace: str | None, out: list[str]) -> None:
        out.append('{"type":"array","items":')
        self.items.to_json(known, namespace, out)
        self._write_props(out)
        out.append("}")


class MapSchema(AvroSchema):
    """A map from strings to ``values``."""

    __slots__ = ("values",)

    def __init__(self, values: AvroSchema, props: Mapping[str, Any] | None = None) -> None:
        super().__init__("map", props)
        self.values = values

    def _content_equal(self, other: AvroSchema) -> bool:
        assert isinstance(other, MapSchema)
        return self.values == other.values

    def __hash__(self) -> int:
        return hash(("map", hash(self.values)))

    def to_json(self, known: set[str], namespace: str | None, out: list[str]) -> None:
        out.append('{"type":"map","values":')
        self.values.to_json(known, namespace, out)
        self._write_props(out)
        out.append("}")


class UnionSchema(AvroSchema):
    """A union of ``types`` (no nested unions, no two branches of one unnamed type or name)."""

    __slots__ = ("_index_by_name", "types")

    def __init__(self, types: Sequence[AvroSchema], props: Mapping[str, Any] | None = None) -> None:
        super().__init__("union", props)
        index: dict[str, int] = {}
        for i, member in enumerate(types):
            if member.type == "union":
                raise AvroRuntimeException(f"Nested union: {_union_text(types)}")
            name = member.full_name
            if name in index:
                raise AvroRuntimeException(f"Duplicate in union:{name}")
            index[name] = i
        self.types: list[AvroSchema] = list(types)
        self._index_by_name = index

    def index_named(self, name: str) -> int | None:
        """The position of the branch with full name (or type name) ``name``."""
        return self._index_by_name.get(name)

    def _content_equal(self, other: AvroSchema) -> bool:
        assert isinstance(other, UnionSchema)
        return len(self.types) == len(other.types) and all(
            a == b for a, b in zip(self.types, other.types, strict=True)
        )

    def __hash__(self) -> int:
        return hash(("union", *(hash(t) for t in self.types)))

    def to_json(self, known: set[str], namespace: str | None, out: list[str]) -> None:
        out.append("[")
        for i, member in enumerate(self.types):
            if i:
                out.append(",")
            member.to_json(known, namespace, out)
        out.append("]")


def _union_text(types: Sequence[AvroSchema]) -> str:
    out: list[str] = ["["]
    for i, member in enumerate(types):
        if i:
            out.append(",")
        member.to_json(set(), None, out)
    out.append("]")
    return "".join(out)


NULL_SCHEMA = PrimitiveSchema("null")


# ---------------------------------------------------------------- defaults


def _is_integral(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_valid_default(schema: AvroSchema, default: Any) -> bool:
    """Avro's ``Schema.isValidDefault``: does the JSON default fit the schema?"""
    if default is None:
        return False
    kind = schema.type
    if kind in ("string", "bytes", "enum", "fixed"):
        return isinstance(default, str)
    if kind == "int":
        return _is_integral(default) and -(2**31) <= default < 2**31
    if kind == "long":
        return _is_integral(default) and -(2**63) <= default < 2**63
    if kind in ("float", "double"):
        if default in ("NaN", "Infinity", "-Infinity"):
            return True  # how Jackson writes the non-finite numbers
        return isinstance(default, (int, float)) and not isinstance(default, bool)
    if kind == "boolean":
        return isinstance(default, bool)
    if kind == "null":
        return default is NULL_VALUE
    if isinstance(schema, ArraySchema):
        return isinstance(default, list) and all(is_valid_default(schema.items, x) for x in default)
    if isinstance(schema, MapSchema):
        return isinstance(default, Mapping) and all(
            is_valid_default(schema.values, x) for x in default.values()
        )
    if isinstance(schema, UnionSchema):
        return is_valid_default(schema.types[0], default)
    if isinstance(schema, RecordSchema):
        if not isinstance(default, Mapping):
            return False
        for field in schema.fields:
            value = default.get(field.name, field.default)
            if not is_valid_default(field.schema, value):
                return False
        return True
    return False


# ---------------------------------------------------------------- parsing


class _Names:
    """The named types defined so far while parsing, and the namespace in force."""

    def __init__(self) -> None:
        self.types: dict[str, NamedSchema] = {}
        self.space: str | None = None

    def define(self, schema: NamedSchema) -> None:
        full = schema.full_name
        if full in self.types:
            raise SchemaParseException(f"Can't redefine: {full}")
        self.types[full] = schema

    def resolve(self, name: str) -> AvroSchema | None:
        if name in PRIMITIVE_TYPES:
            return PrimitiveSchema(name)
        if "." not in name and self.space:
            found = self.types.get(f"{self.space}.{name}")
            if found is not None:
                return found
        return self.types.get(name)


def _to_json_value(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _to_json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_json_value(v) for v in value]
    if value is None:
        return NULL_VALUE
    return value


def parse_schema(text_or_json: str | Any) -> AvroSchema:
    """Parse Avro schema text (or its already-decoded JSON) as Avro 1.12's ``Schema.Parser``.

    Raises :class:`SchemaParseException` for invalid schemas and :class:`AvroTypeException` for
    field defaults that do not match their type.
    """
    if isinstance(text_or_json, str):
        try:
            document = json.loads(text_or_json)
        except ValueError as e:
            raise SchemaParseException(f"Not valid JSON: {e}") from None
    else:
        document = text_or_json
    return _parse(document, _Names())


def _required_text(node: Mapping[str, Any], key: str, message: str) -> str:
    value = node.get(key)
    if not isinstance(value, str):
        raise SchemaParseException(f"{message}: {json_text(_to_json_value(node))}")
    return value


def _optional_text(node: Mapping[str, Any], key: str) -> str | None:
    value = node.get(key)
    return value if isinstance(value, str) else None


def _aliases(node: Mapping[str, Any]) -> list[str]:
    value = node.get("aliases")
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise SchemaParseException(f"aliases not an array of strings: {json_text(value)}")
    return list(value)


def _parse(node: Any, names: _Names) -> AvroSchema:
    if isinstance(node, str):
        found = names.resolve(node)
        if found is None:
            raise SchemaParseException(f'"{node}" is not a defined name')
        return found
    if isinstance(node, list):
        return UnionSchema([_parse(member, names) for member in node])
    if not isinstance(node, dict):
        raise SchemaParseException(f"Schema not yet supported: {json_text(_to_json_value(node))}")
    type_node = node.get("type")
    if type_node is None:
        raise SchemaParseException(f"No type: {json_text(_to_json_value(node))}")
    if not isinstance(type_node, str):
        return _parse(type_node, names)
    if type_node in ("record", "error", "enum", "fixed"):
        return _parse_named(node, type_node, names)
    if type_node == "array":
        if "items" not in node:
            raise SchemaParseException(f"Array has no items type: {json_text(node)}")
        result: AvroSchema = ArraySchema(_parse(node["items"], names))
        reserved: frozenset[str] = _SCHEMA_RESERVED
    elif type_node == "map":
        if "values" not in node:
            raise SchemaParseException(f"Map has no values type: {json_text(node)}")
        result = MapSchema(_parse(node["values"], names))
        reserved = _SCHEMA_RESERVED
    elif type_node in PRIMITIVE_TYPES:
        result = PrimitiveSchema(type_node)
        reserved = _SCHEMA_RESERVED
    else:
        found = names.resolve(type_node)
        if found is None:
            raise SchemaParseException(f'"{type_node}" is not a defined name')
        return found
    for key, value in node.items():
        if key not in reserved:
            result.props[key] = value
    result.logical_type = _logical_from_props(result)
    return result


def _parse_named(node: dict[str, Any], kind: str, names: _Names) -> AvroSchema:
    raw_name = _required_text(node, "name", "No name in schema")
    namespace = node.get("namespace")
    if "." in raw_name:
        simple, space = split_full_name(raw_name, None)
    else:
        simple = raw_name
        space = namespace if isinstance(namespace, str) else names.space
        space = space or None
    validate_namespace(space)
    doc = _optional_text(node, "doc")
    aliases = _aliases(node)
    schema: NamedSchema
    if kind in ("record", "error"):
        record = RecordSchema(simple, space, doc, kind == "error", aliases)
        names.define(record)
        saved = names.space
        names.space = space
        fields_node = node.get("fields")
        if not isinstance(fields_node, list):
            raise SchemaParseException(f"Record has no fields: {json_text(_to_json_value(node))}")
        fields = []
        try:
            for field_node in fields_node:
                fields.append(_parse_field(field_node, names))
        finally:
            names.space = saved
        record.set_fields(fields)
        schema = record
        reserved = _SCHEMA_RESERVED
    elif kind == "enum":
        symbols = node.get("symbols")
        if not isinstance(symbols, list) or not all(isinstance(s, str) for s in symbols):
            raise SchemaParseException(f"Enum has no symbols: {json_text(_to_json_value(node))}")
        default = node.get("default")
        schema = EnumSchema(
            simple, space, symbols, doc, default if isinstance(default, str) else None, aliases
        )
        names.define(schema)
        reserved = _ENUM_RESERVED
    else:
        size = node.get("size")
        if not isinstance(size, int) or isinstance(size, bool):
            raise SchemaParseException(f"Invalid or no size: {json_text(_to_json_value(node))}")
        schema = FixedSchema(simple, space, size, doc, aliases)
        names.define(schema)
        reserved = _SCHEMA_RESERVED
    for key, value in node.items():
        if key not in reserved:
            schema.props[key] = value
    schema.logical_type = _logical_from_props(schema)
    return schema


def _parse_field(node: Any, names: _Names) -> AvroField:
    if not isinstance(node, dict):
        raise SchemaParseException(f"Field not an object: {json_text(_to_json_value(node))}")
    name = _required_text(node, "name", "No field name")
    if "type" not in node:
        raise SchemaParseException(f"No field type: {json_text(_to_json_value(node))}")
    field_schema = _parse(node["type"], names)
    order = node.get("order", "ascending")
    if not isinstance(order, str) or order.lower() not in _ORDERS:
        raise SchemaParseException(f"Invalid order: {json_text(order)}")
    default = _to_json_value(node["default"]) if "default" in node else None
    field = AvroField(
        name,
        field_schema,
        _optional_text(node, "doc"),
        default,
        order.lower(),
        _aliases(node),
    )
    for key, value in node.items():
        if key not in _FIELD_RESERVED:
            field.props[key] = value
    return field


# ---------------------------------------------------------------- walking


def iter_named(schema: AvroSchema) -> Iterator[NamedSchema]:
    """Every named type reachable from ``schema``, each once (by identity)."""
    seen: set[int] = set()
    stack = [schema]
    while stack:
        current = stack.pop()
        if current.is_named():
            if id(current) in seen:
                continue
            seen.add(id(current))
            assert isinstance(current, NamedSchema)
            yield current
        if isinstance(current, RecordSchema):
            stack.extend(f.schema for f in reversed(current.fields))
        elif isinstance(current, ArraySchema):
            stack.append(current.items)
        elif isinstance(current, MapSchema):
            stack.append(current.values)
        elif isinstance(current, UnionSchema):
            stack.extend(reversed(current.types))


def same_layout(a: AvroSchema, b: AvroSchema, seen: set[tuple[int, int]] | None = None) -> bool:
    """True when two schemas encode the same data the same way (props and docs ignored)."""
    if a is b:
        return True
    if a.type != b.type:
        return False
    if seen is None:
        seen = set()
    if isinstance(a, NamedSchema):
        assert isinstance(b, NamedSchema)
        if a.full_name != b.full_name:
            return False
        if (id(a), id(b)) in seen:
            return True
        seen.add((id(a), id(b)))
    if isinstance(a, RecordSchema):
        assert isinstance(b, RecordSchema)
        return len(a.fields) == len(b.fields) and all(
            x.name == y.name and same_layout(x.schema, y.schema, seen)
            for x, y in zip(a.fields, b.fields, strict=True)
        )
    if isinstance(a, EnumSchema):
        assert isinstance(b, EnumSchema)
        return a.symbols == b.symbols
    if isinstance(a, FixedSchema):
        assert isinstance(b, FixedSchema)
        return a.size == b.size
    if isinstance(a, ArraySchema):
        assert isinstance(b, ArraySchema)
        return same_layout(a.items, b.items, seen)
    if isinstance(a, MapSchema):
        assert isinstance(b, MapSchema)
        return same_layout(a.values, b.values, seen)
    if isinstance(a, UnionSchema):
        assert isinstance(b, UnionSchema)
        return len(a.types) == len(b.types) and all(
            same_layout(x, y, seen) for x, y in zip(a.types, b.types, strict=True)
        )
    return True


def check_named_types(schema: AvroSchema) -> None:
    """Fail if two different types share a full name (Java would print one as a reference).

    Avro's ``toString()`` writes the second definition of a name as a bare reference, so the
    text would describe different data than the schema writes. Types that differ only in
    properties or docs encode alike and are accepted.
    """
    by_name: dict[str, NamedSchema] = {}
    for named in iter_named(schema):
        other = by_name.setdefault(named.full_name, named)
        if other is not named and not same_layout(other, named):
            raise DataException(
                f"Two different Avro types are named {named.full_name}; the schema text "
                f"cannot hold both (Avro would print the second as a reference to the first)"
            )


# ---------------------------------------------------------------- normalization


def normalize(schema: AvroSchema) -> AvroSchema:
    """Confluent's ``AvroSchema.normalize()``: properties sorted, logical attributes first.

    The result prints (``to_string``) as the Schema Registry stores a schema registered with
    ``normalize=true``.
    """
    return parse_schema(_normalized_json(schema, set()))


def _sorted_props(
    props: Mapping[str, Any], first: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    result: dict[str, Any] = dict(first) if first else {}
    for key in sorted(props):
        result[key] = props[key]
    return result


def _logical_first(schema: AvroSchema) -> dict[str, Any]:
    logical = schema.logical_type
    if logical is None:
        return {}
    first: dict[str, Any] = {"logicalType": logical.name}
    if logical.name == "decimal":
        first["precision"] = logical.precision
        if logical.scale != 0:
            first["scale"] = logical.scale
    return first


def _normalized_json(schema: AvroSchema, defined: set[str]) -> Any:
    if isinstance(schema, UnionSchema):
        return [_normalized_json(t, defined) for t in schema.types]
    if isinstance(schema, NamedSchema):
        full = schema.full_name
        if full in defined:
            return full
        defined.add(full)
        node: dict[str, Any] = {"name": full, "type": schema.type}
        if isinstance(schema, EnumSchema):
            node["symbols"] = list(schema.symbols)
        elif isinstance(schema, FixedSchema):
            node["size"] = schema.size
            node.update(_logical_first(schema))
        elif isinstance(schema, RecordSchema):
            fields = []
            for field in schema.fields:
                field_node: dict[str, Any] = {
                    "name": field.name,
                    "type": _normalized_json(field.schema, defined),
                }
                if field.order != "ascending":
                    field_node["order"] = field.order
                if field.doc is not None:
                    field_node["doc"] = field.doc
                if field.aliases:
                    field_node["aliases"] = sorted(field.aliases)
                if field.default is not None:
                    field_node["default"] = _plain_json(field.default)
                field_node.update(_sorted_props(field.props))
                fields.append(field_node)
            node["fields"] = fields
        if schema.doc:
            node["doc"] = schema.doc
        if schema.aliases:
            node["aliases"] = sorted(schema.aliases)
        if isinstance(schema, EnumSchema) and schema.default is not None:
            node["default"] = schema.default
        node.update(_sorted_props(schema.props))
        return node
    if isinstance(schema, ArraySchema):
        node = {"type": "array", "items": _normalized_json(schema.items, defined)}
        node.update(_sorted_props(schema.props))
        return node
    if isinstance(schema, MapSchema):
        node = {"type": "map", "values": _normalized_json(schema.values, defined)}
        node.update(_sorted_props(schema.props))
        return node
    if schema.logical_type is None and not schema.props:
        return schema.type
    node = {"type": schema.type}
    node.update(_sorted_props(schema.props, _logical_first(schema)))
    return node


def _plain_json(value: Any) -> Any:
    if value is NULL_VALUE:
        return None
    if isinstance(value, dict):
        return {k: _plain_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_json(v) for v in value]
    return value
