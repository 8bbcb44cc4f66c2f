"""``AvroData``: Kafka Connect schemas and values <-> Avro schemas and generic Avro data.

A port of Confluent's ``io.confluent.connect.avro.AvroData``: a Connect schema becomes the
Avro schema Java's ``AvroConverter`` registers (same names, ``connect.*`` properties, union
order, defaults), and an Avro schema written by any producer becomes the Connect schema Java
would build. Values convert through per-schema compiled functions (:mod:`converters.avro.codec`).

Generic Avro data is fastavro's: records are ``dict``\\ s keyed by field name, enums ``str``,
fixed and bytes ``bytes``; a value of a union with more than one non-null branch is a
``(branch name, value)`` tuple (fastavro's tuple notation; the branch name is the full name
of a named type or the type name of a primitive).
"""

from __future__ import annotations

import contextlib
import decimal
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from connect_data import (
    ConnectSchema,
    DataException,
    Date,
    Decimal,
    Field,
    Schema,
    SchemaAndValue,
    SchemaBuilder,
    Struct,
    Time,
    Timestamp,
    Type,
)
from connect_data.javatext import double_to_string, float_to_string
from connect_data.logical import unscaled_to_bytes, unscaled_value
from converters.avro import connect_meta as m
from converters.avro.avro_data_config import AvroDataConfig
from converters.avro.schema import (
    NULL_SCHEMA,
    NULL_VALUE,
    ArraySchema,
    AvroField,
    AvroSchema,
    AvroTypeException,
    EnumSchema,
    FixedSchema,
    JsonFloat32,
    MapSchema,
    NamedSchema,
    PrimitiveSchema,
    RecordSchema,
    UnionSchema,
    add_logical_type,
    check_named_types,
    parse_schema,
)

__all__ = ["AvroData", "CyclicSchemaWrapper"]

_NON_AVRO_TYPES_BY_TYPE_CODE = {m.CONNECT_TYPE_INT8: Type.INT8, m.CONNECT_TYPE_INT16: Type.INT16}

_ANYTHING_JSON = {
    "type": "record",
    "name": "Anything",
    "namespace": m.NAMESPACE,
    "fields": [
        {"name": "boolean", "type": ["null", "boolean"], "default": None},
        {"name": "bytes", "type": ["null", "bytes"], "default": None},
        {"name": "double", "type": ["null", "double"], "default": None},
        {"name": "float", "type": ["null", "float"], "default": None},
        {"name": "int", "type": ["null", "int"], "default": None},
        {"name": "long", "type": ["null", "long"], "default": None},
        {"name": "string", "type": ["null", "string"], "default": None},
        {
            "name": "array",
            "type": ["null", {"type": "array", "items": "Anything"}],
            "default": None,
        },
        {
            "name": "map",
            "type": [
                "null",
                {
                    "type": "array",
                    "items": {
                        "type": "record",
                        "name": "MapEntry",
                        "fields": [
                            {"name": "key", "type": "Anything"},
                            {"name": "value", "type": "Anything"},
                        ],
                    },
                },
            ],
            "default": None,
        },
    ],
}

#: The Avro schema of schemaless Connect data (``io.confluent.connect.avro.Anything``).
ANYTHING_SCHEMA: RecordSchema = parse_schema(_ANYTHING_JSON)  # type: ignore[assignment]


_K = TypeVar("_K")
_V = TypeVar("_V")


class _BoundedCache(dict[_K, _V]):
    """A dict that forgets its oldest entries beyond ``size`` (Java's bounded cache map).

    Insert with :meth:`put`; reads are plain dict reads.
    """

    __slots__ = ("_size",)

    def __init__(self, size: int) -> None:
        super().__init__()
        self._size = max(1, size)

    def put(self, key: _K, value: _V) -> None:
        """Insert, forgetting the oldest entry when ``key`` is new and the cache is full."""
        if key not in self and len(self) >= self._size:
            del self[next(iter(self))]
        self[key] = value


class CyclicSchemaWrapper(Schema):
    """A reference to a struct schema still being built, for recursive Avro records.

    Reading a recursive Avro record gives a Connect schema whose recursive fields hold this
    wrapper around the enclosing struct's :class:`SchemaBuilder` (as Java's
    ``AvroData.CyclicSchemaWrapper``); it answers every question with the wrapped schema's
    answer, except :meth:`is_optional`.
    """

    __slots__ = ("_optional", "_schema")

    def __init__(self, schema: Schema, optional: bool | None = None) -> None:
        self._schema = schema
        self._optional = schema.is_optional() if optional is None else optional

    def wrapped(self) -> Schema:
        """The schema this wrapper refers to."""
        return self._schema

    def type(self) -> Type:
        return self._schema.type()

    def is_optional(self) -> bool:
        return self._optional

    def default_value(self) -> Any:
        return self._schema.default_value()

    def name(self) -> str | None:
        return self._schema.name()

    def version(self) -> int | None:
        return self._schema.version()

    def doc(self) -> str | None:
        return self._schema.doc()

    def parameters(self) -> Mapping[str, str] | None:
        return self._schema.parameters()

    def key_schema(self) -> Schema | None:
        return self._schema.key_schema()

    def value_schema(self) -> Schema | None:
        return self._schema.value_schema()

    def fields(self) -> Sequence[Field]:
        return self._schema.fields()

    def field(self, field_name: str) -> Field | None:
        return self._schema.field(field_name)

    def schema(self) -> Schema:
        return self._schema

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if type(other) is not CyclicSchemaWrapper:
            return False
        return self._optional == other._optional and self._schema == other._schema

    def __hash__(self) -> int:
        return hash(self._optional) + hash(self._schema)

    def __repr__(self) -> str:
        return f"CyclicSchemaWrapper({self._schema!r}, optional={self._optional})"


def underlying(schema: Schema) -> Schema:
    """The schema a :class:`CyclicSchemaWrapper` refers to (else ``schema`` itself)."""
    while isinstance(schema, CyclicSchemaWrapper):
        schema = schema.wrapped()
    return schema


def non_optional(schema: Schema) -> ConnectSchema:
    """A required copy of ``schema`` (Java's ``AvroData.nonOptional``)."""
    schema_type = schema.type()
    return ConnectSchema(
        schema_type,
        False,
        schema.default_value(),
        schema.name(),
        schema.version(),
        schema.doc(),
        schema.parameters(),
        schema.fields() if schema_type is Type.STRUCT else None,
        schema.key_schema() if schema_type is Type.MAP else None,
        schema.value_schema() if schema_type in (Type.MAP, Type.ARRAY) else None,
    )


def with_parameters(schema: Schema, parameters: Mapping[str, str]) -> ConnectSchema:
    """A copy of ``schema`` with other parameters."""
    schema_type = schema.type()
    return ConnectSchema(
        schema_type,
        schema.is_optional(),
        schema.default_value(),
        schema.name(),
        schema.version(),
        schema.doc(),
        parameters,
        schema.fields() if schema_type is Type.STRUCT else None,
        schema.key_schema() if schema_type is Type.MAP else None,
        schema.value_schema() if schema_type in (Type.MAP, Type.ARRAY) else None,
    )


class _JsonNode:
    """A default given as JSON (from ``connect.default``), read with Jackson's lenient getters."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


# ---------------------------------------------------------------- Jackson's JsonNode getters


def _node_int(value: Any) -> int:
    """``JsonNode.intValue()``: numbers truncate to 32 bits, anything else is 0."""
    number = _node_long(value)
    number &= 0xFFFFFFFF
    return number - (1 << 32) if number >= 1 << 31 else number


def _node_long(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0
    if isinstance(value, float):
        if math.isnan(value):
            return 0
        if value >= 2**63:
            return 2**63 - 1
        if value <= -(2**63):
            return -(2**63)
        return int(value)
    number = value & 0xFFFFFFFFFFFFFFFF
    return number - (1 << 64) if number >= 1 << 63 else number


def _node_double(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    return float(value)


def _node_as_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip() == "true"
    if isinstance(value, int):
        return value != 0
    return False


def _node_as_text(value: Any) -> str:
    """Jackson's ``asText()``: a scalar's text, ``""`` for an object or array."""
    if isinstance(value, (str, int, float)) or value is None or value is NULL_VALUE:
        return java_to_string(value)
    return ""


def java_to_string(value: Any) -> str:
    """``Object.toString()`` of a JSON value as Avro hands it over (``{a=1}``, ``[1, 2]``)."""
    if isinstance(value, str):
        return value
    if value is None or value is NULL_VALUE:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, JsonFloat32):
        return float_to_string(value)
    if isinstance(value, float):
        return double_to_string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}={java_to_string(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(java_to_string(v) for v in value) + "]"
    return str(value)


def json_to_avro_object(value: Any, schema: AvroSchema | None) -> Any:
    """Avro's ``JacksonUtils.toObject(node, schema)``: a JSON default as generic Avro data.

    Integers become ``int``, numbers for ``float``/``double`` become ``float``, strings for
    ``bytes``/``fixed`` become their ISO-8859-1 bytes, JSON null becomes :data:`NULL_VALUE`;
    a value that does not fit the schema becomes ``None``.
    """
    if isinstance(schema, UnionSchema):
        return json_to_avro_object(value, schema.types[0])
    if value is None:
        return None
    if value is NULL_VALUE:
        return NULL_VALUE
    kind = schema.type if schema is not None else None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if kind in (None, "int", "long"):
            return value
        if kind in ("float", "double"):
            return float(value)
        return None
    if isinstance(value, float):
        if kind in (None, "double", "float"):
            return float(value)
        return None
    if isinstance(value, str):
        if kind in ("float", "double") and value in ("NaN", "Infinity", "-Infinity"):
            return float(value)
        if kind in (None, "string", "enum"):
            return value
        if kind in ("bytes", "fixed"):
            return value.encode("latin-1", "replace")
        return None
    if isinstance(value, list):
        items = schema.items if isinstance(schema, ArraySchema) else None
        return [json_to_avro_object(v, items) for v in value]
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            item_schema: AvroSchema | None = None
            if isinstance(schema, MapSchema):
                item_schema = schema.values
            elif isinstance(schema, RecordSchema):
                field = schema.field(key)
                item_schema = field.schema if field is not None else None
            result[key] = json_to_avro_object(item, item_schema)
        return result
    return None


def _plain_default(value: Any) -> Any:
    """Java's ``toObject`` then ``toJsonNode`` of a default: float nodes become doubles."""
    if value is None:
        return NULL_VALUE
    if isinstance(value, JsonFloat32):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain_default(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_default(v) for v in value]
    return value


class _FromConnectContext:
    """State of one ``from_connect_schema`` call (Java's ``FromConnectContext``)."""

    __slots__ = ("cycle_references", "name_index", "named", "schema_map")

    def __init__(self, schema_map: dict[Schema, AvroSchema]) -> None:
        self.schema_map = schema_map
        # records being defined, by Connect name: (the Connect schema, its Avro record)
        self.cycle_references: dict[str, tuple[Schema, AvroSchema]] = {}
        self.named: set[str] = set()
        self.name_index = 0


class _ToConnectContext:
    """State of one ``to_connect_schema`` call (Java's ``ToConnectContext``)."""

    __slots__ = ("cycle_references", "detected_cycles", "map_entry_stack")

    def __init__(self) -> None:
        self.cycle_references: dict[int, tuple[AvroSchema, CyclicSchemaWrapper]] = {}
        self.detected_cycles: set[int] = set()
        self.map_entry_stack: set[int] = set()


_KAFKA_DECIMAL_SCALE = (
    "Decimal value has mismatching scale for given Decimal schema. "
    "Schema has scale {}, value has scale {}."
)


def decimal_to_bytes(schema: Schema, value: Any) -> bytes:
    """Connect's ``Decimal.fromLogical`` with Java's messages."""
    if not isinstance(value, decimal.Decimal):
        raise DataException(
            f"Invalid type for Decimal, expected BigDecimal but was class {type(value).__name__}"
        )
    if not value.is_finite():
        raise DataException(f"Invalid value for Decimal: {value} is not a finite decimal")
    scale = Decimal.scale(schema)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent != scale:
        raise DataException(_KAFKA_DECIMAL_SCALE.format(scale, -exponent))
    return unscaled_to_bytes(unscaled_value(value))


def to_avro_logical(schema: Schema, value: Any) -> Any:
    """A logical Connect value as its underlying value (``AvroData.toAvroLogical``)."""
    name = schema.name()
    if name is None or value is None:
        return value
    if name == Decimal.LOGICAL_NAME:
        return decimal_to_bytes(schema, value)
    import datetime as dt

    if name == Date.LOGICAL_NAME:
        if not isinstance(value, dt.date):
            raise DataException(
                f"Invalid type for Date, expected date but was class {type(value).__name__}"
            )
        return Date.from_logical(schema, value)
    if name == Time.LOGICAL_NAME:
        if not isinstance(value, dt.time):
            raise DataException(
                f"Invalid type for Time, expected time but was class {type(value).__name__}"
            )
        return Time.from_logical(schema, value)
    if name == Timestamp.LOGICAL_NAME:
        if not isinstance(value, dt.datetime):
            raise DataException(
                "Invalid type for Timestamp, expected datetime but was class "
                f"{type(value).__name__}"
            )
        return Timestamp.from_logical(schema, value)
    return value


def to_connect_logical(schema: Schema, value: Any) -> Any:
    """An underlying value as its logical Connect value (``AvroData.toConnectLogical``)."""
    name = schema.name()
    if name is None or value is None:
        return value
    if name == Decimal.LOGICAL_NAME:
        if not isinstance(value, (bytes, bytearray, memoryview)):
            raise DataException(
                "Invalid type for Decimal, underlying representation should be bytes but was "
                f"class {type(value).__name__}"
            )
        return Decimal.to_logical(schema, value)
    if name in (Date.LOGICAL_NAME, Time.LOGICAL_NAME, Timestamp.LOGICAL_NAME):
        if not isinstance(value, int) or isinstance(value, bool):
            kind = "int64" if name == Timestamp.LOGICAL_NAME else "int32"
            short = name.rsplit(".", 1)[1]
            raise DataException(
                f"Invalid type for {short}, underlying representation should be {kind} but was "
                f"class {type(value).__name__}"
            )
        if name == Date.LOGICAL_NAME:
            return Date.to_logical(schema, value)
        if name == Time.LOGICAL_NAME:
            return Time.to_logical(schema, value)
        return Timestamp.to_logical(schema, value)
    return value


class AvroData:
    """Converts between Kafka Connect data and Avro (Confluent's ``AvroData``).

    Example::

        avro_data = AvroData(AvroDataConfig({"enhanced.avro.schema.support": True}))
        avro_schema = avro_data.from_connect_schema(person_schema)  # the Avro schema Java makes
        str(avro_schema)                       # the text Java's AvroConverter registers
        connect_schema = avro_data.to_connect_schema(avro_schema)

    An instance caches converted schemas (``schemas.cache.config`` entries per direction) and
    the per-schema compiled value converters; it is safe to share between threads.
    """

    NAMESPACE = m.NAMESPACE
    DEFAULT_SCHEMA_NAME = m.DEFAULT_SCHEMA_NAME
    DEFAULT_SCHEMA_FULL_NAME = m.DEFAULT_SCHEMA_FULL_NAME
    MAP_ENTRY_TYPE_NAME = m.MAP_ENTRY_TYPE_NAME
    KEY_FIELD = m.KEY_FIELD
    VALUE_FIELD = m.VALUE_FIELD
    CONNECT_NAME_PROP = m.CONNECT_NAME_PROP
    CONNECT_DOC_PROP = m.CONNECT_DOC_PROP
    CONNECT_RECORD_DOC_PROP = m.CONNECT_RECORD_DOC_PROP
    CONNECT_ENUM_DOC_PROP = m.CONNECT_ENUM_DOC_PROP
    CONNECT_VERSION_PROP = m.CONNECT_VERSION_PROP
    CONNECT_DEFAULT_VALUE_PROP = m.CONNECT_DEFAULT_VALUE_PROP
    CONNECT_PARAMETERS_PROP = m.CONNECT_PARAMETERS_PROP
    CONNECT_INTERNAL_TYPE_NAME = m.CONNECT_INTERNAL_TYPE_NAME
    AVRO_RECORD_DOC_PROP = m.AVRO_RECORD_DOC_PROP
    AVRO_ENUM_DOC_PREFIX_PROP = m.AVRO_ENUM_DOC_PREFIX_PROP
    AVRO_FIELD_DOC_PREFIX_PROP = m.AVRO_FIELD_DOC_PREFIX_PROP
    AVRO_FIELD_DEFAULT_FLAG_PROP = m.AVRO_FIELD_DEFAULT_FLAG_PROP
    AVRO_ENUM_DEFAULT_PREFIX_PROP = m.AVRO_ENUM_DEFAULT_PREFIX_PROP
    CONNECT_TYPE_PROP = m.CONNECT_TYPE_PROP
    CONNECT_TYPE_INT8 = m.CONNECT_TYPE_INT8
    CONNECT_TYPE_INT16 = m.CONNECT_TYPE_INT16
    AVRO_TYPE_UNION = m.AVRO_TYPE_UNION
    AVRO_TYPE_ENUM = m.AVRO_TYPE_ENUM
    AVRO_TYPE_ANYTHING = m.AVRO_TYPE_ANYTHING
    GENERALIZED_TYPE_UNION = m.GENERALIZED_TYPE_UNION
    GENERALIZED_TYPE_ENUM = m.GENERALIZED_TYPE_ENUM
    GENERALIZED_TYPE_UNION_PREFIX = m.GENERALIZED_TYPE_UNION_PREFIX
    GENERALIZED_TYPE_UNION_FIELD_PREFIX = m.GENERALIZED_TYPE_UNION_FIELD_PREFIX
    ANYTHING_SCHEMA: RecordSchema = ANYTHING_SCHEMA

    def __init__(self, config: AvroDataConfig | Mapping[str, Any] | int | None = None) -> None:
        if isinstance(config, bool):
            raise TypeError("AvroData takes an AvroDataConfig, a mapping or a cache size")
        if isinstance(config, int):
            config = AvroDataConfig({AvroDataConfig.SCHEMAS_CACHE_SIZE_CONFIG: config})
        elif not isinstance(config, AvroDataConfig):
            config = AvroDataConfig(config or {})
        self.config = config
        size = config.schema_cache_size()
        self._from_connect_schema_cache: _BoundedCache[Schema | None, AvroSchema]
        self._from_connect_schema_cache = _BoundedCache(size)
        self._to_connect_schema_cache: _BoundedCache[Any, Schema] = _BoundedCache(size)
        # schema pair -> (Avro schema, compiled converter)
        self._encoders: _BoundedCache[Any, tuple[AvroSchema, Callable[[Any], Any]]]
        self._encoders = _BoundedCache(size)
        self._decoders: _BoundedCache[Any, tuple[AvroSchema, Callable[[Any], Any]]]
        self._decoders = _BoundedCache(size)
        self.connect_meta_data = config.is_connect_meta_data()
        self.generalized_sum_type_support = config.is_generalized_sum_type_support()
        self.ignore_default_for_nullables = config.ignore_default_for_nullables()
        self.enhanced_schema_support = config.is_enhanced_avro_schema_support()
        self.scrub_invalid_names = config.is_scrub_invalid_names()
        self.discard_type_doc_default = config.is_discard_type_doc_default()
        self.allow_optional_map_key = config.is_allow_optional_map_keys()
        self.flatten_singleton_union = config.is_flatten_singleton_union()
        self._union_index = 0

    # ================================================================ Connect -> Avro schema

    def from_connect_schema(self, schema: Schema | None) -> AvroSchema:
        """The Avro schema for a Connect schema (``None``: the schemaless ``Anything`` schema).

        Raises :class:`~connect_data.DataException` (or its subclasses
        :class:`~converters.avro.schema.SchemaParseException` for names Avro rejects) when
        the schema cannot be written as Avro.
        """
        if schema is None:
            return ANYTHING_SCHEMA
        cached: AvroSchema | None = self._from_connect_schema_cache.get(schema)
        if cached is not None:
            return cached
        context = _FromConnectContext({})
        result = self._from_connect(schema, context, False)
        check_named_types(result)
        result.freeze()
        result.to_string()
        self._from_connect_schema_cache.put(schema, result)
        return result

    def _name_or_default(
        self, context: _FromConnectContext, name: str | None
    ) -> tuple[str | None, str]:
        if name is not None:
            namespace, simple = m.split_name(name, self.scrub_invalid_names)
            return namespace, simple or ""
        context.name_index += 1
        index = context.name_index
        return m.NAMESPACE, m.DEFAULT_SCHEMA_NAME + (str(index) if index > 1 else "")

    def _scrub(self, name: str) -> str:
        return (m.scrub_name(name) or name) if self.scrub_invalid_names else name

    def _from_connect_with_cycle(
        self, schema: Schema, context: _FromConnectContext, ignore_optional: bool
    ) -> AvroSchema:
        name = schema.name()
        if name is not None and schema.type() is Type.STRUCT:
            reference = context.cycle_references.get(name)
            if reference is not None and _same_struct(reference[0], schema):
                resolved = reference[1]
                return resolved if ignore_optional else self._maybe_make_optional(schema, resolved)
        return self._from_connect(schema, context, ignore_optional)

    def _from_connect(
        self, schema: Schema, context: _FromConnectContext, ignore_optional: bool
    ) -> AvroSchema:
        union = m.is_union_schema(schema)
        if not union and not schema.is_optional():
            cached = context.schema_map.get(schema)
            if cached is not None:
                return cached

        connect_type: str | None = None
        schema_type = schema.type()
        base: AvroSchema
        if schema_type is Type.INT8:
            connect_type = m.CONNECT_TYPE_INT8
            base = PrimitiveSchema("int")
        elif schema_type is Type.INT16:
            connect_type = m.CONNECT_TYPE_INT16
            base = PrimitiveSchema("int")
        elif schema_type is Type.INT32:
            base = PrimitiveSchema("int")
        elif schema_type is Type.INT64:
            base = PrimitiveSchema("long")
        elif schema_type is Type.FLOAT32:
            base = PrimitiveSchema("float")
        elif schema_type is Type.FLOAT64:
            base = PrimitiveSchema("double")
        elif schema_type is Type.BOOLEAN:
            base = PrimitiveSchema("boolean")
        elif schema_type is Type.STRING:
            base = self._string_or_enum(schema, context)
        elif schema_type is Type.BYTES:
            base = self._bytes_or_fixed(schema, context)
        elif schema_type is Type.ARRAY:
            value_schema = schema.value_schema()
            assert value_schema is not None
            base = ArraySchema(self._from_connect_with_cycle(value_schema, context, False))
        elif schema_type is Type.MAP:
            base = self._map(schema, context)
        elif union:
            members: list[AvroSchema] = []
            if schema.is_optional():
                members.append(PrimitiveSchema("null"))
            for field in schema.fields():
                members.append(
                    self._from_connect_with_cycle(non_optional(field.schema()), context, True)
                )
            base = UnionSchema(members)
        elif schema.is_optional():
            base = UnionSchema(
                [
                    PrimitiveSchema("null"),
                    self._from_connect_with_cycle(non_optional(schema), context, False),
                ]
            )
        else:
            base = self._record(schema, context)

        final = base
        if base.type != "union":
            self._add_metadata(schema, base, connect_type)
            if not ignore_optional:
                final = self._maybe_make_optional(schema, base)

        if not schema.is_optional():
            context.schema_map[schema] = final
        return final

    def _string_or_enum(self, schema: Schema, context: _FromConnectContext) -> AvroSchema:
        parameters = schema.parameters()
        if (
            (self.generalized_sum_type_support or self.enhanced_schema_support)
            and parameters is not None
            and (m.GENERALIZED_TYPE_ENUM in parameters or m.AVRO_TYPE_ENUM in parameters)
        ):
            param_name = (
                m.GENERALIZED_TYPE_ENUM if self.generalized_sum_type_support else m.AVRO_TYPE_ENUM
            )
            prefix = param_name + "."
            symbols = [key[len(prefix) :] for key in parameters if key.startswith(prefix)]
            _, name = self._name_or_default(context, schema.name())
            enum_name = parameters.get(param_name)
            if enum_name is None:
                raise DataException(
                    f"Enum schema {schema.name()} has no {param_name} parameter naming the enum"
                )
            if self.discard_type_doc_default:
                enum = EnumSchema(enum_name, None, symbols, parameters.get(m.CONNECT_ENUM_DOC_PROP))
            else:
                enum = EnumSchema(
                    enum_name,
                    None,
                    symbols,
                    parameters.get(m.AVRO_ENUM_DOC_PREFIX_PROP + name),
                    parameters.get(m.AVRO_ENUM_DEFAULT_PREFIX_PROP + name),
                )
            context.named.add(enum.full_name)
            return enum
        return PrimitiveSchema("string")

    def _bytes_or_fixed(self, schema: Schema, context: _FromConnectContext) -> AvroSchema:
        parameters = schema.parameters() or {}
        base: AvroSchema
        if m.is_fixed_schema(schema):
            namespace, name = self._name_or_default(context, schema.name())
            base = FixedSchema(
                name,
                namespace,
                _parse_int(
                    parameters[m.CONNECT_AVRO_FIXED_SIZE_PROP], m.CONNECT_AVRO_FIXED_SIZE_PROP
                ),
            )
            context.named.add(base.full_name)
        else:
            base = PrimitiveSchema("bytes")
        connect_name = schema.name()
        if connect_name is not None and connect_name.lower() == Decimal.LOGICAL_NAME.lower():
            scale = _parse_int(parameters.get(Decimal.SCALE_FIELD), Decimal.SCALE_FIELD)
            base.add_prop(m.AVRO_LOGICAL_DECIMAL_SCALE_PROP, scale)
            precision_text = parameters.get(m.CONNECT_AVRO_DECIMAL_PRECISION_PROP)
            if precision_text is not None:
                precision = _parse_int(precision_text, m.CONNECT_AVRO_DECIMAL_PRECISION_PROP)
                base.add_prop(m.AVRO_LOGICAL_DECIMAL_PRECISION_PROP, precision)
            else:
                base.add_prop(
                    m.AVRO_LOGICAL_DECIMAL_PRECISION_PROP, m.CONNECT_AVRO_DECIMAL_PRECISION_DEFAULT
                )
        return base

    def _map(self, schema: Schema, context: _FromConnectContext) -> AvroSchema:
        key_schema = schema.key_schema()
        value_schema = schema.value_schema()
        assert key_schema is not None and value_schema is not None
        if key_schema.type() is Type.STRING and (
            not key_schema.is_optional() or self.allow_optional_map_key
        ):
            return MapSchema(self._from_connect_with_cycle(value_schema, context, False))
        if schema.name() is None:
            entry = RecordSchema(m.MAP_ENTRY_TYPE_NAME, m.NAMESPACE)
        else:
            namespace, name = self._name_or_default(context, schema.name())
            entry = RecordSchema(name, namespace)
            entry.add_prop(m.CONNECT_INTERNAL_TYPE_NAME, m.MAP_ENTRY_TYPE_NAME)
        context.named.add(entry.full_name)
        fields: list[AvroField] = []
        self._add_field(fields, m.KEY_FIELD, key_schema, None, context)
        self._add_field(fields, m.VALUE_FIELD, value_schema, None, context)
        entry.set_fields(fields)
        return ArraySchema(entry)

    def _record(self, schema: Schema, context: _FromConnectContext) -> AvroSchema:
        parameters = schema.parameters()
        namespace, name = self._name_or_default(context, schema.name())
        doc = None
        if parameters is not None:
            doc = parameters.get(
                m.CONNECT_RECORD_DOC_PROP
                if self.discard_type_doc_default
                else m.AVRO_RECORD_DOC_PROP
            )
        record = RecordSchema(name, namespace, doc)
        context.named.add(record.full_name)
        connect_name = schema.name()
        if connect_name is not None:
            context.cycle_references[connect_name] = (schema, record)
        fields: list[AvroField] = []
        for field in schema.fields():
            field_doc = None
            if not self.discard_type_doc_default and parameters is not None:
                field_doc = parameters.get(m.AVRO_FIELD_DOC_PREFIX_PROP + field.name())
            self._add_field(fields, self._scrub(field.name()), field.schema(), field_doc, context)
        record.set_fields(fields)
        return record

    def _add_metadata(self, schema: Schema, base: AvroSchema, connect_type: str | None) -> None:
        parameters = schema.parameters()
        name = schema.name()
        if self.connect_meta_data:
            if schema.doc() is not None:
                base.add_prop(m.CONNECT_DOC_PROP, schema.doc())
            if schema.version() is not None:
                base.add_prop(m.CONNECT_VERSION_PROP, schema.version())
            if parameters is not None:
                params = self._parameters_from_connect(parameters)
                if params:
                    base.add_prop(m.CONNECT_PARAMETERS_PROP, params)
            default = schema.default_value()
            if default is not None and (
                self.discard_type_doc_default
                or parameters is None
                or m.AVRO_FIELD_DEFAULT_FLAG_PROP not in parameters
            ):
                base.add_prop(
                    m.CONNECT_DEFAULT_VALUE_PROP, self._default_from_connect(schema, default)
                )
            if name is not None:
                base.add_prop(m.CONNECT_NAME_PROP, name)
            if connect_type is not None:
                base.add_prop(m.CONNECT_TYPE_PROP, connect_type)

        force_legacy_decimal = False
        lower = name.lower() if name is not None else None
        if lower is not None:
            if lower == Decimal.LOGICAL_NAME.lower():
                decimal_params: Mapping[str, str] = parameters or {}
                precision_text = decimal_params.get(m.CONNECT_AVRO_DECIMAL_PRECISION_PROP)
                scale_text = decimal_params.get(Decimal.SCALE_FIELD)
                precision = (
                    m.CONNECT_AVRO_DECIMAL_PRECISION_DEFAULT
                    if precision_text is None
                    else _parse_int(precision_text, m.CONNECT_AVRO_DECIMAL_PRECISION_PROP)
                )
                scale = 0 if scale_text is None else _parse_int(scale_text, Decimal.SCALE_FIELD)
                if scale < 0 or scale > precision:
                    force_legacy_decimal = True
                else:
                    add_logical_type(base, "decimal", precision, scale)
            elif lower == Time.LOGICAL_NAME.lower():
                add_logical_type(base, m.AVRO_LOGICAL_TIME_MILLIS)
            elif lower == Timestamp.LOGICAL_NAME.lower():
                add_logical_type(base, m.AVRO_LOGICAL_TIMESTAMP_MILLIS)
            elif lower == Date.LOGICAL_NAME.lower():
                add_logical_type(base, m.AVRO_LOGICAL_DATE)

            if lower == Decimal.LOGICAL_NAME.lower() and (
                m.CONNECT_AVRO_DECIMAL_PRECISION_PROP in (parameters or {}) or force_legacy_decimal
            ):
                base.add_prop(m.AVRO_LOGICAL_TYPE_PROP, m.AVRO_LOGICAL_DECIMAL)
            elif lower == Time.LOGICAL_NAME.lower():
                base.add_prop(m.AVRO_LOGICAL_TYPE_PROP, m.AVRO_LOGICAL_TIME_MILLIS)
            elif lower == Timestamp.LOGICAL_NAME.lower():
                base.add_prop(m.AVRO_LOGICAL_TYPE_PROP, m.AVRO_LOGICAL_TIMESTAMP_MILLIS)
            elif lower == Date.LOGICAL_NAME.lower():
                base.add_prop(m.AVRO_LOGICAL_TYPE_PROP, m.AVRO_LOGICAL_DATE)

        if parameters is not None:
            for key, value in parameters.items():
                if key.startswith(m.AVRO_PROP):
                    base.add_prop(key, value)

    def _maybe_make_optional(self, schema: Schema, base: AvroSchema) -> AvroSchema:
        if not schema.is_optional():
            return base
        if schema.default_value() is not None:
            return UnionSchema([base, PrimitiveSchema("null")])
        return UnionSchema([PrimitiveSchema("null"), base])

    def _add_field(
        self,
        fields: list[AvroField],
        field_name: str,
        field_schema: Schema,
        field_doc: str | None,
        context: _FromConnectContext,
    ) -> None:
        default: Any = None
        if field_schema.default_value() is not None:
            default = _plain_default(
                self._default_from_connect(field_schema, field_schema.default_value())
            )
        elif field_schema.is_optional():
            default = NULL_VALUE
        named_before = set(context.named)
        avro_schema = self._from_connect(field_schema, context, False)
        doc = field_schema.doc() if self.discard_type_doc_default else field_doc
        try:
            field = AvroField(field_name, avro_schema, doc, default)
        except AvroTypeException:
            # Java logs "Ignoring invalid default for field" and keeps the field without one
            field = AvroField(field_name, avro_schema, doc)
        parameters = field_schema.parameters()
        if parameters and self.connect_meta_data:
            named = _named_branch(avro_schema)
            if named is not None and named.full_name in named_before:
                params = self._parameters_from_connect(parameters)
                if params:
                    field.add_prop(m.CONNECT_PARAMETERS_PROP, params)
        fields.append(field)

    def _parameters_from_connect(self, parameters: Mapping[str, str]) -> dict[str, Any]:
        return {
            key: value
            for key, value in parameters.items()
            if self.discard_type_doc_default or key != m.AVRO_FIELD_DEFAULT_FLAG_PROP
        }

    def _default_from_connect(self, schema: Schema, value: Any) -> Any:
        """The JSON form of a Connect default (Java's ``defaultValueFromConnect``)."""
        if value is None:
            return None
        raw = to_avro_logical(schema, value)
        schema_type = schema.type()
        try:
            if schema_type in (Type.INT8, Type.INT16, Type.INT32, Type.INT64):
                if not isinstance(raw, int) or isinstance(raw, bool):
                    raise TypeError
                return int(raw)
            if schema_type is Type.FLOAT32:
                if not isinstance(raw, float):
                    raise TypeError
                return JsonFloat32(raw)
            if schema_type is Type.FLOAT64:
                if not isinstance(raw, float):
                    raise TypeError
                return float(raw)
            if schema_type is Type.BOOLEAN:
                if not isinstance(raw, bool):
                    raise TypeError
                return raw
            if schema_type is Type.STRING:
                if not isinstance(raw, str):
                    raise TypeError
                return raw
            if schema_type is Type.BYTES:
                if not isinstance(raw, (bytes, bytearray, memoryview)):
                    raise TypeError
                return bytes(raw).decode("latin-1")
            if schema_type is Type.ARRAY:
                item_schema = schema.value_schema()
                assert item_schema is not None
                return [self._default_from_connect(item_schema, item) for item in raw]
            if schema_type is Type.MAP:
                key_schema = schema.key_schema()
                value_schema = schema.value_schema()
                assert key_schema is not None and value_schema is not None
                if key_schema.type() is Type.STRING and (
                    not key_schema.is_optional() or self.allow_optional_map_key
                ):
                    return {k: self._default_from_connect(value_schema, v) for k, v in raw.items()}
                return [
                    [
                        self._default_from_connect(key_schema, k),
                        self._default_from_connect(value_schema, v),
                    ]
                    for k, v in raw.items()
                ]
            if schema_type is Type.STRUCT:
                if not isinstance(raw, Struct):
                    raise TypeError
                union = m.is_union_schema(schema)
                node: dict[str, Any] = {}
                for field in schema.fields():
                    field_default = self._default_from_connect(field.schema(), raw.get(field))
                    if union:
                        return field_default
                    node[self._scrub(field.name())] = field_default
                return node
        except (TypeError, AttributeError):
            raise DataException(
                f"Invalid type used for default value of {schema_type} field: "
                f"class {type(schema.default_value()).__name__}"
            ) from None
        raise DataException(f"Unknown schema type:{schema_type}")

    # ================================================================ Avro -> Connect schema

    def to_connect_schema(self, avro_schema: AvroSchema | str) -> Schema:
        """The Connect schema for an Avro schema (or Avro schema text)."""
        if isinstance(avro_schema, str):
            avro_schema = parse_schema(avro_schema)
        return self._to_connect_top(avro_schema, None, _ToConnectContext())

    def to_connect_schema_versioned(
        self, avro_schema: AvroSchema, version: int | None
    ) -> Schema | None:
        """The Connect schema (``None`` for ``Anything``), with ``version`` as a fallback version."""
        if avro_schema == ANYTHING_SCHEMA:
            return None
        return self._to_connect_top(avro_schema, version, _ToConnectContext())

    def _to_connect_top(
        self, schema: AvroSchema, version: int | None, context: _ToConnectContext
    ) -> Schema:
        key = (schema.to_string(), version)
        cached: Schema | None = self._to_connect_schema_cache.get(key)
        if cached is not None:
            if isinstance(schema, RecordSchema):
                context.cycle_references[id(schema)] = (schema, CyclicSchemaWrapper(cached))
            return cached
        result = self._to_connect(schema, False, None, None, version, context)
        self._to_connect_schema_cache.put(key, result)
        return result

    def _to_connect_with_cycles(
        self,
        schema: AvroSchema,
        force_optional: bool,
        field_default: Any,
        doc_default: str | None,
        context: _ToConnectContext,
    ) -> Schema:
        reference = context.cycle_references.get(id(schema))
        if reference is not None:
            context.detected_cycles.add(id(schema))
            return CyclicSchemaWrapper(reference[1].wrapped(), force_optional)
        return self._to_connect(schema, force_optional, field_default, doc_default, None, context)

    def _to_connect(
        self,
        schema: AvroSchema,
        force_optional: bool,
        field_default: Any,
        doc_default: str | None,
        version: int | None,
        context: _ToConnectContext,
    ) -> Schema:
        props = schema.props
        type_prop = props.get(m.CONNECT_TYPE_PROP)
        type_prop = type_prop if isinstance(type_prop, str) else None
        logical = props.get(m.AVRO_LOGICAL_TYPE_PROP)
        logical = logical if isinstance(logical, str) else None
        kind = schema.type
        builder: SchemaBuilder

        if kind == "boolean":
            builder = SchemaBuilder.bool()
        elif kind in ("bytes", "fixed"):
            if logical is not None and logical.lower() == m.AVRO_LOGICAL_DECIMAL:
                scale_node = props.get(m.AVRO_LOGICAL_DECIMAL_SCALE_PROP)
                scale = _number_int(scale_node) if _is_number(scale_node) else 0
                builder = Decimal.builder(scale)
                precision_node = props.get(m.AVRO_LOGICAL_DECIMAL_PRECISION_PROP)
                if precision_node is not None:
                    if not _is_number(precision_node):
                        raise DataException(
                            "precision property must be a JSON Integer. "
                            "https://avro.apache.org/docs/1.9.1/spec.html#Decimal"
                        )
                    precision = _number_int(precision_node)
                    if precision != m.CONNECT_AVRO_DECIMAL_PRECISION_DEFAULT:
                        builder.parameter(m.CONNECT_AVRO_DECIMAL_PRECISION_PROP, str(precision))
            else:
                builder = SchemaBuilder.bytes()
            if isinstance(schema, FixedSchema):
                builder.parameter(m.CONNECT_AVRO_FIXED_SIZE_PROP, str(schema.size))
        elif kind == "double":
            builder = SchemaBuilder.float64()
        elif kind == "float":
            builder = SchemaBuilder.float32()
        elif kind == "int":
            if type_prop is None and logical is None:
                builder = SchemaBuilder.int32()
            elif logical is not None:
                if logical.lower() == m.AVRO_LOGICAL_DATE:
                    builder = Date.builder()
                elif logical.lower() == m.AVRO_LOGICAL_TIME_MILLIS:
                    builder = Time.builder()
                else:
                    builder = SchemaBuilder.int32()
            else:
                connect_type = _NON_AVRO_TYPES_BY_TYPE_CODE.get(type_prop or "")
                if connect_type is None:
                    raise DataException("Connect type annotation for Avro int field is null")
                builder = SchemaBuilder(connect_type)
        elif kind == "long":
            if logical is not None and logical.lower() == m.AVRO_LOGICAL_TIMESTAMP_MILLIS:
                builder = Timestamp.builder()
            else:
                builder = SchemaBuilder.int64()
        elif kind == "string":
            builder = SchemaBuilder.string()
        elif isinstance(schema, ArraySchema):
            element = schema.items
            if _is_map_entry(element):
                assert isinstance(element, RecordSchema)
                key_field = element.field(m.KEY_FIELD)
                value_field = element.field(m.VALUE_FIELD)
                if len(element.fields) != 2 or key_field is None or value_field is None:
                    raise DataException(
                        "Found map encoded as array of key-value pairs, but array elements do "
                        "not match the expected format."
                    )
                if id(element) in context.map_entry_stack:
                    raise DataException(
                        f"Cannot convert the Avro schema: the map entry record "
                        f"{element.full_name} refers to itself (Java overflows its stack here)"
                    )
                context.map_entry_stack.add(id(element))
                try:
                    builder = SchemaBuilder.map(
                        self._to_connect_fresh(key_field.schema, context),
                        self._to_connect_fresh(value_field.schema, context),
                    )
                finally:
                    context.map_entry_stack.discard(id(element))
            else:
                builder = SchemaBuilder.array(
                    self._to_connect_with_cycles(element, False, None, None, context)
                )
        elif isinstance(schema, MapSchema):
            builder = SchemaBuilder.map(
                Schema.STRING_SCHEMA,
                self._to_connect_with_cycles(schema.values, False, None, None, context),
            )
        elif isinstance(schema, RecordSchema):
            builder = self._record_to_connect(schema, context)
        elif isinstance(schema, EnumSchema):
            builder = SchemaBuilder.string()
            if self.connect_meta_data:
                if schema.doc is not None:
                    builder.parameter(
                        m.CONNECT_ENUM_DOC_PROP
                        if self.discard_type_doc_default
                        else m.AVRO_ENUM_DOC_PREFIX_PROP + schema.name,
                        schema.doc,
                    )
                if not self.discard_type_doc_default and schema.default is not None:
                    builder.parameter(m.AVRO_ENUM_DEFAULT_PREFIX_PROP + schema.name, schema.default)
            param_name = (
                m.GENERALIZED_TYPE_ENUM if self.generalized_sum_type_support else m.AVRO_TYPE_ENUM
            )
            builder.parameter(param_name, schema.full_name)
            for index, symbol in enumerate(schema.symbols):
                builder.parameter(
                    f"{param_name}.{symbol}",
                    str(index) if self.generalized_sum_type_support else symbol,
                )
        elif isinstance(schema, UnionSchema):
            types = schema.types
            if len(types) == 1 and self.flatten_singleton_union:
                return self._to_connect_with_cycles(types[0], False, None, doc_default, context)
            if len(types) == 2 and NULL_SCHEMA in types:
                for member in types:
                    if member != NULL_SCHEMA:
                        return self._to_connect_with_cycles(
                            member, True, None, doc_default, context
                        )
            if self.generalized_sum_type_support:
                union_name = m.GENERALIZED_TYPE_UNION_PREFIX + str(self._union_index)
                self._union_index += 1
            else:
                union_name = m.AVRO_TYPE_UNION
            builder = SchemaBuilder.struct().name(union_name)
            if self.generalized_sum_type_support:
                builder.parameter(m.GENERALIZED_TYPE_UNION, union_name)
            field_names: set[str] = set()
            for index, member in enumerate(types):
                if member.type == "null":
                    builder.optional()
                    continue
                field_name = self.union_member_field_name(member, index)
                if field_name in field_names:
                    raise DataException(
                        "Multiple union schemas map to the Connect union field name"
                    )
                field_names.add(field_name)
                builder.field(
                    field_name, self._to_connect_with_cycles(member, True, None, None, context)
                )
        elif kind == "null":
            raise DataException("Standalone null schemas are not supported by this converter")
        else:
            raise DataException(f"Couldn't translate unsupported schema type {kind}.")

        self._finish_to_connect(schema, builder, field_default, doc_default, version, context)
        if force_optional:
            builder.optional()
        if id(schema) not in context.detected_cycles and id(schema) in context.cycle_references:
            del context.cycle_references[id(schema)]
        return builder.build()

    def _to_connect_fresh(self, schema: AvroSchema, outer: _ToConnectContext) -> Schema:
        """Java calls the public ``toConnectSchema`` for map entries: a fresh context."""
        context = _ToConnectContext()
        context.map_entry_stack = outer.map_entry_stack
        return self._to_connect_top(schema, None, context)

    def _record_to_connect(self, schema: RecordSchema, context: _ToConnectContext) -> SchemaBuilder:
        builder = SchemaBuilder.struct()
        context.cycle_references[id(schema)] = (schema, CyclicSchemaWrapper(builder))
        keep_docs = not self.discard_type_doc_default and self.connect_meta_data
        if keep_docs and schema.doc is not None:
            builder.parameter(m.AVRO_RECORD_DOC_PROP, schema.doc)
        for field in schema.fields:
            if keep_docs and field.doc is not None:
                builder.parameter(m.AVRO_FIELD_DOC_PREFIX_PROP + field.name, field.doc)
            default = None
            if field.default is not None:
                default = json_to_avro_object(field.default, field.schema)
            field_schema = self._to_connect(field.schema, False, default, field.doc, None, context)
            field_params = field.props.get(m.CONNECT_PARAMETERS_PROP)
            if self.connect_meta_data and isinstance(field_params, Mapping) and field_params:
                field_schema = self._with_field_parameters(field_schema, field_params)
            builder.field(field.name, field_schema)
        return builder

    def _with_field_parameters(self, schema: Schema, field_params: Mapping[str, Any]) -> Schema:
        if isinstance(schema, CyclicSchemaWrapper):
            return schema
        merged = dict(schema.parameters() or {})
        for key, value in field_params.items():
            if not isinstance(value, str):
                raise DataException(
                    "Expected schema parameter values to be strings but found: "
                    + java_to_string(value)
                )
            merged[key] = value
        if merged == dict(schema.parameters() or {}):
            return schema
        return with_parameters(schema, merged)

    def _finish_to_connect(
        self,
        schema: AvroSchema,
        builder: SchemaBuilder,
        field_default: Any,
        doc_default: str | None,
        version: int | None,
        context: _ToConnectContext,
    ) -> None:
        props = schema.props
        schema_doc = schema.doc if isinstance(schema, NamedSchema) else None
        connect_doc = props.get(m.CONNECT_DOC_PROP)
        connect_doc = connect_doc if isinstance(connect_doc, str) else None
        if self.discard_type_doc_default:
            doc = (
                doc_default
                if doc_default is not None
                else (schema_doc if schema_doc is not None else connect_doc)
            )
            if doc is not None:
                builder.doc(doc)
            if self.connect_meta_data and schema_doc is not None:
                builder.parameter(m.CONNECT_RECORD_DOC_PROP, schema_doc)
        elif self.connect_meta_data and connect_doc is not None:
            builder.doc(connect_doc)

        version_int = -1
        version_node = props.get(m.CONNECT_VERSION_PROP)
        if version_node is not None:
            if not _is_number(version_node):
                raise DataException(
                    f"Invalid Connect version found: {java_to_string(version_node)}"
                )
            version_int = _number_int(version_node)
        elif version is not None:
            version_int = version
        if version_int >= 0:
            current = builder.version()
            if current is not None:
                if current != version_int:
                    raise DataException(
                        "Mismatched versions: version already added to SchemaBuilder "
                        f"({current}) differs from version in source schema ({version_int})"
                    )
            else:
                builder.version(version_int)

        parameters = props.get(m.CONNECT_PARAMETERS_PROP)
        if self.connect_meta_data and parameters is not None:
            if not isinstance(parameters, Mapping):
                raise DataException(
                    "Expected JSON object for schema parameters but found: "
                    + java_to_string(parameters)
                )
            for key, value in parameters.items():
                if not isinstance(value, str):
                    raise DataException(
                        "Expected schema parameter values to be strings but found: "
                        + java_to_string(value)
                    )
                builder.parameter(key, value)

        for key, value in props.items():
            if key.startswith(m.AVRO_PROP):
                builder.parameter(key, java_to_string(value))

        connect_default = props.get(m.CONNECT_DEFAULT_VALUE_PROP, _ABSENT)
        if field_default is None:
            if connect_default is not _ABSENT:
                field_default = _JsonNode(connect_default)
        elif (
            not self.discard_type_doc_default
            and self.connect_meta_data
            and connect_default is _ABSENT
        ):
            builder.parameter(m.AVRO_FIELD_DEFAULT_FLAG_PROP, "true")
        if field_default is not None:
            # Java logs "Ignoring invalid default for schema" and goes on without one
            with contextlib.suppress(DataException):
                builder.default_value(self._default_from_avro(builder, schema, field_default))

        name_node = props.get(m.CONNECT_NAME_PROP)
        name: str | None = None
        if name_node is not None:
            if not isinstance(name_node, str):
                raise DataException(f"Invalid schema name: {java_to_string(name_node)}")
            name = name_node
        elif isinstance(schema, NamedSchema):
            name = schema.full_name
        if name is not None and not name.startswith(m.DEFAULT_SCHEMA_FULL_NAME):
            current_name = builder.name()
            if current_name is not None:
                if name != current_name:
                    raise DataException(
                        "Mismatched names: name already added to SchemaBuilder "
                        f"({current_name}) differs from name in source schema ({name})"
                    )
            else:
                builder.name(name)

    def union_member_field_name(self, schema: AvroSchema, index: int) -> str:
        """The Connect union field name of Avro union branch ``index``."""
        if self.generalized_sum_type_support:
            return m.GENERALIZED_TYPE_UNION_FIELD_PREFIX + str(index)
        if isinstance(schema, NamedSchema):
            if self.enhanced_schema_support:
                return schema.full_name
            return m.split_name(schema.name, self.scrub_invalid_names)[1] or schema.name
        return schema.type

    def connect_union_field_name(self, schema: Schema, index: int) -> str:
        """The union field name Java derives from a Connect schema (its Avro branch name)."""
        if self.generalized_sum_type_support:
            return m.GENERALIZED_TYPE_UNION_FIELD_PREFIX + str(index)
        if schema.type() is Type.STRUCT or m.is_enum_schema(schema) or m.is_fixed_schema(schema):
            if self.enhanced_schema_support:
                return m.scrub_full_name(schema.name(), self.scrub_invalid_names) or ""
            return m.split_name(schema.name(), self.scrub_invalid_names)[1] or ""
        avro_type = m.CONNECT_TYPES_TO_AVRO_TYPES.get(schema.type())
        if avro_type is None:
            raise DataException(f"No Avro union branch type for Connect type {schema.type()}")
        return avro_type

    def _default_from_avro(self, schema: Schema, avro_schema: AvroSchema, value: Any) -> Any:
        """A default as a Connect value (Java's ``defaultValueFromAvro``)."""
        if isinstance(value, _JsonNode):
            result = self._default_from_json(schema, avro_schema, value.value)
            return to_connect_logical(schema, result)
        if value is None or value is NULL_VALUE:
            return None
        from converters.avro.codec import compile_decoder

        return compile_decoder(self, avro_schema, schema, physical=False)(value)

    def _default_from_json(self, schema: Schema, avro_schema: AvroSchema, node: Any) -> Any:
        """A ``connect.default`` JSON value, read with Jackson's lenient getters."""
        if node is NULL_VALUE:
            node = None
        kind = avro_schema.type
        schema_type = schema.type()
        if kind == "int":
            if schema_type is Type.INT8:
                byte = _node_int(node) & 0xFF
                return byte - 256 if byte >= 128 else byte
            if schema_type is Type.INT16:
                short = _node_int(node) & 0xFFFF
                return short - 65536 if short >= 32768 else short
            if schema_type is Type.INT32:
                return _node_int(node)
            return None
        if kind == "long":
            return _node_long(node)
        if kind in ("float", "double"):
            return _node_double(node)
        if kind == "boolean":
            return _node_as_boolean(node)
        if kind == "null":
            return None
        if kind in ("string", "enum"):
            return _node_as_text(node)
        if kind in ("bytes", "fixed"):
            if isinstance(node, str):
                return node.encode("latin-1", "replace")
            return None
        if isinstance(avro_schema, ArraySchema):
            if not isinstance(node, list):
                raise DataException("Invalid JSON for array default value")
            item_schema = schema.value_schema()
            assert item_schema is not None
            return [
                to_connect_logical(
                    item_schema, self._default_from_json(item_schema, avro_schema.items, item)
                )
                for item in node
            ]
        if isinstance(avro_schema, MapSchema):
            if not isinstance(node, Mapping):
                raise DataException("Invalid JSON for map default value")
            value_schema = schema.value_schema()
            assert value_schema is not None
            return {
                key: to_connect_logical(
                    value_schema, self._default_from_json(value_schema, avro_schema.values, item)
                )
                for key, item in node.items()
            }
        if isinstance(avro_schema, RecordSchema):
            if not isinstance(node, Mapping):
                raise DataException("Invalid JSON for record default value")
            struct = Struct(schema)
            for avro_field in avro_schema.fields:
                field = schema.field(avro_field.name)
                if field is None:
                    raise DataException(f"{avro_field.name} is not a valid field name")
                field_node = node.get(field.name())
                converted = (
                    None
                    if field_node is None
                    else to_connect_logical(
                        field.schema(),
                        self._default_from_json(field.schema(), avro_field.schema, field_node),
                    )
                )
                struct.put(avro_field.name, converted)
            return struct
        if isinstance(avro_schema, UnionSchema):
            first = avro_schema.types[0]
            if first.type == "null":
                return None
            member = schema.field(self.union_member_field_name(first, 0))
            if member is None:
                raise DataException("No union field for the default's branch")
            return to_connect_logical(
                member.schema(), self._default_from_json(member.schema(), first, node)
            )
        return None

    # ================================================================ values

    def from_connect_data(self, schema: Schema | None, value: Any) -> Any:
        """The generic Avro datum for a Connect value of ``schema`` (see the module doc).

        Raises :class:`~connect_data.DataException` when the value does not match the schema.
        """
        avro_schema = self.from_connect_schema(schema)
        encode = self.encoder(schema, avro_schema, physical=False)
        try:
            return encode(value)
        except RecursionError as e:
            raise DataException("Cannot convert the Connect value: nested too deeply") from e

    def to_connect_data(
        self, avro_schema: AvroSchema | str, value: Any, version: int | None = None
    ) -> SchemaAndValue | None:
        """The Connect schema and value of a generic Avro datum (``None`` for a ``None`` datum).

        ``version`` is used as the Connect schema version when the Avro schema has no
        ``connect.version``.
        """
        if isinstance(avro_schema, str):
            avro_schema = parse_schema(avro_schema)
        if value is None:
            return None
        schema = self.to_connect_schema_versioned(avro_schema, version)
        try:
            converted = self.decoder(avro_schema, schema, physical=False)(value)
        except (ValueError, OverflowError, TypeError) as e:  # e.g. a date out of Python's range
            raise DataException(f"Cannot convert the Avro datum: {type(e).__name__}: {e}") from e
        except RecursionError as e:
            raise DataException("Cannot convert the Avro datum: nested too deeply") from e
        return SchemaAndValue(schema, converted)

    def encoder(
        self, schema: Schema | None, avro_schema: AvroSchema, physical: bool
    ) -> Callable[[Any], Any]:
        """The compiled Connect-value-to-datum function for a schema pair (cached)."""
        key = (schema, id(avro_schema), physical)
        entry = self._encoders.get(key)
        if entry is None or entry[0] is not avro_schema:
            from converters.avro.codec import compile_encoder

            entry = (avro_schema, compile_encoder(self, schema, avro_schema, physical))
            self._encoders.put(key, entry)
        encode: Callable[[Any], Any] = entry[1]
        return encode

    def decoder(
        self, avro_schema: AvroSchema, schema: Schema | None, physical: bool
    ) -> Callable[[Any], Any]:
        """The compiled datum-to-Connect-value function for a schema pair (cached)."""
        key = (id(avro_schema), schema, physical)
        entry = self._decoders.get(key)
        if entry is None or entry[0] is not avro_schema:
            from converters.avro.codec import compile_decoder

            entry = (avro_schema, compile_decoder(self, avro_schema, schema, physical))
            self._decoders.put(key, entry)
        decode: Callable[[Any], Any] = entry[1]
        return decode


_ABSENT: Any = object()


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _number_int(value: Any) -> int:
    """``Number.intValue()``."""
    return _node_int(value)


def _parse_int(text: str | None, what: str) -> int:
    """Java's ``Integer.parseInt`` with a DataException naming the parameter."""
    if text is None:
        raise DataException(f"Missing {what} parameter")
    stripped = text
    if stripped[:1] in "+-":
        digits = stripped[1:]
    else:
        digits = stripped
    if not digits.isascii() or not digits.isdigit():
        raise DataException(f'Invalid {what} parameter: For input string: "{text}"')
    number = int(stripped)
    if not -(2**31) <= number < 2**31:
        raise DataException(f'Invalid {what} parameter: For input string: "{text}"')
    return number


def _same_struct(a: Schema, b: Schema) -> bool:
    """Whether ``b`` is (a copy of) struct ``a``: Java matches the very same name string."""
    a, b = underlying(a), underlying(b)
    if a is b:
        return True
    fields_a, fields_b = a.fields(), b.fields()
    return len(fields_a) == len(fields_b) and all(
        x is y for x, y in zip(fields_a, fields_b, strict=True)
    )


def _is_map_entry(schema: AvroSchema) -> bool:
    if not isinstance(schema, RecordSchema):
        return False
    if schema.namespace == m.NAMESPACE and schema.name == m.MAP_ENTRY_TYPE_NAME:
        return True
    return schema.props.get(m.CONNECT_INTERNAL_TYPE_NAME) == m.MAP_ENTRY_TYPE_NAME


def _named_branch(schema: AvroSchema) -> NamedSchema | None:
    """The named type a field of this Avro schema holds (directly or as its only branch)."""
    if isinstance(schema, NamedSchema):
        return schema
    if isinstance(schema, UnionSchema):
        non_null = [t for t in schema.types if t.type != "null"]
        if len(non_null) == 1 and isinstance(non_null[0], NamedSchema):
            return non_null[0]
    return None
