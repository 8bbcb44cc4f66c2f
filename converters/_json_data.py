"""Connect data <-> JSON trees, one value at a time: the reference port of Kafka's JsonConverter.

This module mirrors ``JsonConverter``'s private methods (``convertToJson``,
``convertToConnect``, ``asJsonSchema``, ``asConnectSchema``) step by step, including its lenient
coercions and its error messages. It walks the schema for every value, so it is the slow path:
:mod:`converters._json_codec` compiles faster per-schema code for the common cases and falls
back to this module for everything unusual (bad data, errors, odd schemas), so that both paths
give the same bytes, values and errors. JSON trees are described in :mod:`converters._json_nodes`.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import math
from collections.abc import Mapping
from typing import Any, Final

import orjson

from connect_data import (
    DataException,
    Schema,
    SchemaBuilder,
    Struct,
    Type,
)
from connect_data.cache import LRUCache
from connect_data.errors import class_name
from connect_data.javatext import float_to_string
from connect_data.logical import Date, Decimal, Time, Timestamp, timestamp_millis
from connect_data.schema import BYTES_TYPES, INT_RANGES
from converters import _json_nodes as nodes
from converters._json_write import write_tree

__all__ = ["JsonData", "schemaless_type"]

ENVELOPE_SCHEMA: Final = "schema"
ENVELOPE_PAYLOAD: Final = "payload"

DECIMAL_NAME: Final = Decimal.LOGICAL_NAME
DATE_NAME: Final = Date.LOGICAL_NAME
TIME_NAME: Final = Time.LOGICAL_NAME
TIMESTAMP_NAME: Final = Timestamp.LOGICAL_NAME
LOGICAL_NAMES: Final = frozenset((DECIMAL_NAME, DATE_NAME, TIME_NAME, TIMESTAMP_NAME))

#: JsonConverter's schema type names (``JsonSchema.*_TYPE_NAME``) by Connect type.
TYPE_NAMES: Final = {
    Type.BOOLEAN: "boolean",
    Type.INT8: "int8",
    Type.INT16: "int16",
    Type.INT32: "int32",
    Type.INT64: "int64",
    Type.FLOAT32: "float",
    Type.FLOAT64: "double",
    Type.BYTES: "bytes",
    Type.STRING: "string",
    Type.ARRAY: "array",
    Type.MAP: "map",
    Type.STRUCT: "struct",
}
_BUILDERS: Final = {
    "boolean": SchemaBuilder.bool,
    "int8": SchemaBuilder.int8,
    "int16": SchemaBuilder.int16,
    "int32": SchemaBuilder.int32,
    "int64": SchemaBuilder.int64,
    "float": SchemaBuilder.float32,
    "double": SchemaBuilder.float64,
    "bytes": SchemaBuilder.bytes,
    "string": SchemaBuilder.string,
}

FLOAT32_MAX: Final = 3.4028234663852886e38

#: The strings Java writes for non-finite doubles and floats, read back as those values.
SPECIAL_FLOATS: Final = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}

NULL_FOR_REQUIRED: Final = (
    "Conversion error: null value for field that is required and has no default value"
)


def invalid_type(schema_type: Type | str, value: Any) -> DataException:
    """``Invalid type for INT32: class str`` (Java's ClassCastException translation)."""
    return DataException(f"Invalid type for {schema_type}: {class_name(value)}")


def schemaless_type(value: Any) -> Type | None:
    """The schema type JsonConverter gives a value written without a schema (Java ``schemaType``)."""
    if isinstance(value, bool):
        return Type.BOOLEAN
    if isinstance(value, int):
        return Type.INT64
    if isinstance(value, float):
        return Type.FLOAT64
    if isinstance(value, str):
        return Type.STRING
    if isinstance(value, BYTES_TYPES):
        return Type.BYTES
    if isinstance(value, (list, tuple)):
        return Type.ARRAY
    if isinstance(value, Mapping):
        return Type.MAP
    if isinstance(value, Struct):
        return Type.STRUCT
    return None


def float32_node(value: float) -> float:
    """The JSON number Java writes for a float32: its shortest float32 digits, as a double."""
    if not math.isfinite(value):
        return value
    return float(float_to_string(value))


def _decimal_default(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return orjson.Fragment(str(value))
    raise TypeError


def _sorted_tree(node: Any) -> Any:
    """``node`` with the members of every object in key order (for :func:`tree_key`)."""
    if isinstance(node, dict):
        return {k: _sorted_tree(node[k]) for k in sorted(node)}
    if isinstance(node, list):
        return [_sorted_tree(v) for v in node]
    return node


def tree_key(node: Any) -> bytes:
    """A hashable key for a JSON tree: equal trees give equal keys.

    Equal as Jackson's ``JsonNode.equals``: objects compare as maps, so member order does not
    count (JsonConverter's schema cache finds ``{"type":..,"optional":..}`` under either order).
    """
    try:
        return orjson.dumps(node, default=_decimal_default, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # lone surrogates, or nesting beyond orjson's limit
        return write_tree(_sorted_tree(node))


class JsonData:
    """Converts single values and schemas between Connect and JSON trees, as Java does.

    ``decimal_numeric`` is ``decimal.format=NUMERIC``; ``replace_null`` is
    ``replace.null.with.default``; ``cache_size`` bounds both schema caches
    (``schemas.cache.size``).
    """

    def __init__(self, decimal_numeric: bool, replace_null: bool, cache_size: int) -> None:
        self.decimal_numeric = decimal_numeric
        self.replace_null = replace_null
        self._from_connect_cache: LRUCache[Schema, dict[str, Any]] = LRUCache(cache_size)
        self._to_connect_cache: LRUCache[bytes, Schema] = LRUCache(cache_size)

    def from_connect_cache_size(self) -> int:
        """The number of schemas whose schema JSON is cached."""
        return self._from_connect_cache.size()

    def to_connect_cache_size(self) -> int:
        """The number of schema JSON documents whose Connect schema is cached."""
        return self._to_connect_cache.size()

    # -------------------------------------------------------------------------- schemas

    def as_json_schema(self, schema: Schema | None) -> dict[str, Any] | None:
        """JsonConverter's schema JSON for ``schema`` (``None`` for no schema)."""
        if schema is None:
            return None
        cached = self._from_connect_cache.get(schema)
        if cached is None:
            cached = self._build_json_schema(schema)
            self._from_connect_cache.put(schema, cached)
        copy: dict[str, Any] = _copy_tree(cached)
        return copy

    def _build_json_schema(self, schema: Schema) -> dict[str, Any]:
        schema_type = schema.type()
        json_schema: dict[str, Any] = {"type": TYPE_NAMES[schema_type]}
        if schema_type is Type.ARRAY:
            json_schema["items"] = self.as_json_schema(schema.value_schema())
        elif schema_type is Type.MAP:
            json_schema["keys"] = self.as_json_schema(schema.key_schema())
            json_schema["values"] = self.as_json_schema(schema.value_schema())
        elif schema_type is Type.STRUCT:
            fields = []
            for field in schema.fields():
                field_json = self.as_json_schema(field.schema())
                assert field_json is not None
                field_json["field"] = field.name()
                fields.append(field_json)
            json_schema["fields"] = fields
        json_schema["optional"] = schema.is_optional()
        if schema.name() is not None:
            json_schema["name"] = schema.name()
        if schema.version() is not None:
            json_schema["version"] = schema.version()
        if schema.doc() is not None:
            json_schema["doc"] = schema.doc()
        parameters = schema.parameters()
        if parameters is not None:
            json_schema["parameters"] = dict(parameters)
        if schema.default_value() is not None:
            json_schema["default"] = self.convert_to_json(schema, schema.default_value())
        return json_schema

    def as_connect_schema(self, json_schema: Any) -> Schema | None:
        """The Connect schema described by JsonConverter schema JSON (``None`` for JSON null)."""
        if json_schema is None:
            return None
        key = tree_key(json_schema) if isinstance(json_schema, dict) else None
        if key is not None:
            cached = self._to_connect_cache.get(key)
            if cached is not None:
                return cached
        result = self._build_connect_schema(json_schema)
        if key is not None:
            self._to_connect_cache.put(key, result)
        return result

    def _build_connect_schema(self, json_schema: Any) -> Schema:
        get = json_schema.get if isinstance(json_schema, dict) else _no_member
        type_node = get("type")
        if not isinstance(type_node, str):
            raise DataException("Schema must contain 'type' field")
        builder: SchemaBuilder
        if type_node in _BUILDERS:
            builder = _BUILDERS[type_node]()
        elif type_node == "array":
            items = get("items")
            if items is None:
                raise DataException("Array schema did not specify the element type")
            item_schema = self.as_connect_schema(items)
            assert item_schema is not None
            builder = SchemaBuilder.array(item_schema)
        elif type_node == "map":
            keys = get("keys", nodes.MISSING)
            if keys is nodes.MISSING:
                raise DataException("Map schema did not specify the key type")
            values = get("values", nodes.MISSING)
            if values is nodes.MISSING:
                raise DataException("Map schema did not specify the value type")
            key_schema = self.as_connect_schema(keys)
            value_schema = self.as_connect_schema(values)
            builder = SchemaBuilder.map(key_schema, value_schema)  # type: ignore[arg-type]
        elif type_node == "struct":
            builder = SchemaBuilder.struct()
            fields = get("fields")
            if not isinstance(fields, list):
                raise DataException('Struct schema\'s "fields" argument is not an array.')
            for field in fields:
                field_name = field.get("field") if isinstance(field, dict) else None
                if not isinstance(field_name, str):
                    raise DataException("Struct schema's field name not specified properly")
                field_schema = self.as_connect_schema(field)
                assert field_schema is not None
                builder.field(field_name, field_schema)
        else:
            raise DataException(f"Unknown schema type: {type_node}")

        if get("optional") is True:
            builder.optional()
        else:
            builder.required()
        name = get("name")
        if isinstance(name, str):
            builder.name(name)
        version = get("version")
        if nodes.is_integral_number(version):
            builder.version(nodes.int_value(version))
        doc = get("doc")
        if isinstance(doc, str):
            builder.doc(doc)
        parameters = get("parameters")
        if isinstance(parameters, dict):
            for param_name, param_value in parameters.items():
                if not isinstance(param_value, str):
                    raise DataException("Schema parameters must have string values.")
                builder.parameter(param_name, param_value)
        default = get("default", nodes.MISSING)
        if default is not nodes.MISSING:
            builder.default_value(self.convert_to_connect(builder, default))
        return builder.build()

    # -------------------------------------------------------------------------- to JSON

    def convert_to_json(self, schema: Schema | None, value: Any) -> Any:
        """The JSON tree of a Connect value (Java ``convertToJson``); raises DataException."""
        if value is None:
            if schema is None:
                return None
            if self.replace_null and schema.default_value() is not None:
                return self.convert_to_json(schema, schema.default_value())
            if schema.is_optional():
                return None
            raise DataException(NULL_FOR_REQUIRED)

        if schema is not None:
            name = schema.name()
            if name in LOGICAL_NAMES:
                return self._logical_to_json(schema, name, value)
            schema_type = schema.type()
        elif isinstance(value, (list, tuple, Mapping)):
            return self._schemaless_to_json(value)
        else:
            found = schemaless_type(value)
            if found is None:
                raise DataException(
                    f"Java class {class_name(value)} does not have corresponding schema type."
                )
            schema_type = found

        if schema_type in INT_RANGES:
            if not isinstance(value, int) or isinstance(value, bool):
                raise invalid_type(schema_type, value)
            low, high = INT_RANGES[schema_type]
            if not low <= value <= high:
                raise DataException(
                    f"Invalid value for {schema_type}: {value} is out of range [{low}, {high}]"
                )
            return int(value)
        if schema_type is Type.FLOAT32:
            if not isinstance(value, float):
                raise invalid_type(schema_type, value)
            if math.isfinite(value) and abs(value) > FLOAT32_MAX:
                raise DataException(f"Invalid value for FLOAT32: {value} is out of range")
            return float32_node(value)
        if schema_type is Type.FLOAT64:
            if not isinstance(value, float):
                raise invalid_type(schema_type, value)
            return float(value)
        if schema_type is Type.BOOLEAN:
            if not isinstance(value, bool):
                raise invalid_type(schema_type, value)
            return value
        if schema_type is Type.STRING:
            if not isinstance(value, str):
                raise invalid_type(schema_type, value)
            return str(value)
        if schema_type is Type.BYTES:
            if not isinstance(value, BYTES_TYPES):
                raise invalid_type("bytes type", value)
            return base64.b64encode(value).decode("ascii")
        if schema_type is Type.ARRAY:
            if not isinstance(value, (list, tuple)):
                raise invalid_type(schema_type, value)
            item_schema = None if schema is None else schema.value_schema()
            return [self.convert_to_json(item_schema, item) for item in value]
        if schema_type is Type.MAP:
            if not isinstance(value, Mapping):
                raise invalid_type(schema_type, value)
            return self._map_to_json(schema, value)
        # STRUCT
        if not isinstance(value, Struct):
            raise invalid_type(schema_type, value)
        if value.schema() != schema:
            raise DataException("Mismatching schema.")
        assert schema is not None
        result = {}
        for field in schema.fields():
            if self.replace_null:
                field_value = value.get(field)
            else:
                field_value = value.get_without_default(field.name())
            result[field.name()] = self.convert_to_json(field.schema(), field_value)
        return result

    def _schemaless_to_json(self, value: Any) -> Any:
        """``convertToJson(null, value)`` for a list or map, without recursion (any depth)."""
        root: list[Any] = [None]
        # entries: (value, target container, slot); containers are filled in place
        stack: list[tuple[Any, Any, Any]] = [(value, root, 0)]
        while stack:
            item, target, slot = stack.pop()
            if isinstance(item, (list, tuple)):
                node: Any = [None] * len(item)
                children: Any = enumerate(item)
            elif isinstance(item, Mapping):
                if all(isinstance(k, str) for k in item):
                    node = dict.fromkeys(item)
                    children = item.items()
                else:
                    node = [[None, None] for _ in item]
                    pairs: list[tuple[Any, Any, Any]] = []
                    for i, (k, v) in enumerate(item.items()):
                        pairs.append((k, node[i], 0))
                        pairs.append((v, node[i], 1))
                    target[slot] = node
                    stack.extend(reversed(pairs))
                    continue
            else:
                target[slot] = self.convert_to_json(None, item)
                continue
            target[slot] = node
            stack.extend((v, node, k) for k, v in children)
        return root[0]

    def _map_to_json(self, schema: Schema | None, value: Mapping[Any, Any]) -> Any:
        if schema is None:
            key_schema = value_schema = None
            object_mode = all(isinstance(k, str) for k in value)
        else:
            key_schema = schema.key_schema()
            value_schema = schema.value_schema()
            object_mode = key_schema is not None and key_schema.type() is Type.STRING
        if object_mode:
            obj = {}
            for k, v in value.items():
                json_key = nodes.as_text(self.convert_to_json(key_schema, k))
                obj[json_key] = self.convert_to_json(value_schema, v)
            return obj
        return [
            [self.convert_to_json(key_schema, k), self.convert_to_json(value_schema, v)]
            for k, v in value.items()
        ]

    def _logical_to_json(self, schema: Schema, name: str | None, value: Any) -> Any:
        if name == DECIMAL_NAME:
            if not isinstance(value, decimal.Decimal):
                raise DataException(
                    f"Invalid type for Decimal, expected BigDecimal but was {class_name(value)}"
                )
            if not value.is_finite():
                raise DataException(f"Invalid value for Decimal: {value} is not a finite number")
            if self.decimal_numeric:
                return value
            return base64.b64encode(Decimal.from_logical(schema, value)).decode("ascii")
        if name == DATE_NAME:
            if not isinstance(value, dt.date):
                raise DataException(
                    f"Invalid type for Date, expected Date but was {class_name(value)}"
                )
            return Date.from_logical(schema, value)
        if name == TIME_NAME:
            if isinstance(value, dt.datetime):  # a java.util.Date on 1970-01-01, as Java takes
                millis = timestamp_millis(value)
                if not 0 <= millis <= 86400000:
                    raise DataException(
                        "Kafka Connect Time type should not have any date fields set to non-zero values."
                    )
                return millis
            if not isinstance(value, dt.time):
                raise DataException(
                    f"Invalid type for Time, expected Date but was {class_name(value)}"
                )
            return Time.from_logical(schema, value)
        # Timestamp
        if not isinstance(value, dt.datetime):
            raise DataException(
                f"Invalid type for Timestamp, expected Date but was {class_name(value)}"
            )
        return Timestamp.from_logical(schema, value)

    # -------------------------------------------------------------------------- to Connect

    def convert_to_connect(self, schema: Schema | None, node: Any) -> Any:
        """The Connect value of a JSON tree (Java ``convertToConnect``); raises DataException."""
        if schema is not None:
            schema_type = schema.type()
            if node is None or node is nodes.MISSING:
                if self.replace_null and schema.default_value() is not None:
                    return schema.default_value()
                if schema.is_optional():
                    return None
                raise DataException(f"Invalid null value for required {schema_type} field")
            name = schema.name()
            if name in LOGICAL_NAMES:
                return self._logical_to_connect(schema, name, node)
        else:
            if node is None or node is nodes.MISSING:
                return None
            kind = nodes.node_type(node)
            if kind == "BOOLEAN":
                schema_type = Type.BOOLEAN
            elif kind == "NUMBER":
                schema_type = Type.INT64 if nodes.is_integral_number(node) else Type.FLOAT64
            elif kind == "ARRAY":
                schema_type = Type.ARRAY
            elif kind == "OBJECT":
                schema_type = Type.MAP
            elif kind == "STRING":
                schema_type = Type.STRING
            else:
                raise DataException("Unknown schema type: null")

        if schema_type is Type.BOOLEAN:
            return nodes.boolean_value(node)
        if schema_type is Type.INT8:
            return _narrow(nodes.int_value(node), 8)
        if schema_type is Type.INT16:
            return _narrow(nodes.int_value(node), 16)
        if schema_type is Type.INT32:
            return nodes.int_value(node)
        if schema_type is Type.INT64:
            return nodes.long_value(node)
        if schema_type is Type.FLOAT32:
            if isinstance(node, str) and node in SPECIAL_FLOATS:  # Java reads 0.0 (compat doc)
                return SPECIAL_FLOATS[node]
            return nodes.float_value(node)
        if schema_type is Type.FLOAT64:
            if isinstance(node, str) and node in SPECIAL_FLOATS:
                return SPECIAL_FLOATS[node]
            return nodes.double_value(node)
        if schema_type is Type.BYTES:
            try:
                return nodes.binary_value(node)
            except ValueError as e:
                raise DataException("Invalid bytes field") from e
        if schema_type is Type.STRING:
            return nodes.text_value(node)
        if schema_type is Type.ARRAY:
            item_schema = None if schema is None else schema.value_schema()
            return [self.convert_to_connect(item_schema, item) for item in nodes.iterate(node)]
        if schema_type is Type.MAP:
            return self._map_to_connect(schema, node)
        # STRUCT
        assert schema is not None
        if not isinstance(node, dict):
            raise DataException(
                f"Structs should be encoded as JSON objects, but found {nodes.node_type(node)}"
            )
        struct = Struct(schema.schema())
        for field in schema.fields():
            struct.put(field, self.convert_to_connect(field.schema(), node.get(field.name())))
        return struct

    def _map_to_connect(self, schema: Schema | None, node: Any) -> dict[Any, Any]:
        key_schema = None if schema is None else schema.key_schema()
        value_schema = None if schema is None else schema.value_schema()
        result: dict[Any, Any] = {}
        if schema is None or (key_schema is not None and key_schema.type() is Type.STRING):
            if not isinstance(node, dict):
                raise DataException(
                    "Maps with string fields should be encoded as JSON objects, but found "
                    + nodes.node_type(node)
                )
            for k, v in node.items():
                result[k] = self.convert_to_connect(value_schema, v)
            return result
        if not isinstance(node, list):
            raise DataException(
                "Maps with non-string fields should be encoded as JSON array of tuples, but found "
                + nodes.node_type(node)
            )
        for entry in node:
            if not isinstance(entry, list):
                raise DataException(
                    "Found invalid map entry instead of array tuple: " + nodes.node_type(entry)
                )
            if len(entry) != 2:
                raise DataException(
                    f"Found invalid map entry, expected length 2 but found :{len(entry)}"
                )
            key = self.convert_to_connect(key_schema, entry[0])
            value = self.convert_to_connect(value_schema, entry[1])
            try:
                result[key] = value
            except TypeError as e:
                raise DataException(
                    f"Map keys of type {class_name(key)} cannot be used in a Python dict"
                ) from e
        return result

    def _logical_to_connect(self, schema: Schema, name: str | None, node: Any) -> Any:
        if name == DECIMAL_NAME:
            if nodes.is_number(node):
                try:
                    return nodes.decimal_value(node)
                except ValueError as e:
                    raise DataException("Invalid bytes for Decimal field") from e
            if isinstance(node, (str, bytes, bytearray)):
                try:
                    raw = nodes.binary_value(node)
                    assert raw is not None
                    return Decimal.to_logical(schema, raw)
                except (ValueError, DataException) as e:
                    raise DataException("Invalid bytes for Decimal field") from e
            raise DataException(
                "Invalid type for Decimal, underlying representation should be numeric or bytes "
                f"but was {nodes.node_type(node)}"
            )
        if name == DATE_NAME:
            if not nodes.is_int(node):
                raise DataException(
                    "Invalid type for Date, underlying representation should be integer but was "
                    + nodes.node_type(node)
                )
            return Date.to_logical(schema, node)
        if name == TIME_NAME:
            if not nodes.is_int(node):
                raise DataException(
                    "Invalid type for Time, underlying representation should be integer but was "
                    + nodes.node_type(node)
                )
            return Time.to_logical(schema, node)
        if not nodes.is_integral_number(node):
            raise DataException(
                "Invalid type for Timestamp, underlying representation should be integral but was "
                + nodes.node_type(node)
            )
        return Timestamp.to_logical(schema, nodes.long_value(node))


def _narrow(value: int, bits: int) -> int:
    """Java's ``(byte)`` / ``(short)`` cast of an int."""
    half = 1 << (bits - 1)
    return ((value + half) & ((1 << bits) - 1)) - half


def _no_member(name: str, default: Any = None) -> Any:
    """``JsonNode.get(name)`` on a node that is not an object: nothing."""
    return default


def _copy_tree(node: Any) -> Any:
    """A deep copy of a JSON tree (cached schema JSON must not be changed by callers)."""
    if isinstance(node, dict):
        return {k: _copy_tree(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy_tree(v) for v in node]
    return node
