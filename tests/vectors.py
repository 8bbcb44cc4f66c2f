"""Loads the reference vectors recorded from Kafka's and Confluent's Java classes.

The vectors live in ``../shared/vectors`` (beside the repository; ``CONNECTPY_VECTORS`` overrides
the location). Typed values (``{"t": "int32", "v": 5}``) are described in that folder's
README/KAFKA.md; :func:`to_python` builds the Python value a connectpy user would hold, and
:func:`assert_value_matches` compares an actual Python value with an expected typed value the
way the vectors' README says to (float32 rounding, unordered Java HashMaps, NaN).
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import math
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from connect_data import Schema, Struct, Type
from connect_data.javatext import round_float32
from connect_data.logical import datetime_from_millis, decimal_from_unscaled, unscaled_value

if TYPE_CHECKING:
    from converters.json import JsonConverter

VECTORS_DIR = Path(
    os.environ.get("CONNECTPY_VECTORS", Path(__file__).resolve().parents[2] / "shared" / "vectors")
)


@cache
def load(name: str) -> list[dict[str, Any]]:
    """All cases of ``name`` (e.g. ``"kafka-values.jsonl"``), skipping the test run if missing."""
    path = VECTORS_DIR / name
    if not path.exists():
        pytest.skip(f"reference vectors not found at {path} (set CONNECTPY_VECTORS)")
    text = path.read_text(encoding="utf-8")
    # split on \n only: some strings hold a raw U+2028, which str.splitlines() would split on
    return [json.loads(line) for line in text.split("\n") if line.strip()]


def cases(name: str, **match: Any) -> list[Any]:
    """pytest params (id = the case id) of the cases of ``name`` whose fields equal ``match``."""
    path = VECTORS_DIR / name
    if not path.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no vectors at {path}"))]
    selected = [c for c in load(name) if all(c.get(k) == v for k, v in match.items())]
    return [pytest.param(c, id=c["id"]) for c in selected]


def parse_schema(schema_json: Any) -> Schema | None:
    """A Connect schema from JsonConverter's schema JSON (as the Java harness parsed it)."""
    if schema_json is None:
        return None

    return _schema_parser().as_connect_schema(schema_json)


@cache
def _schema_parser() -> JsonConverter:
    from converters.json import JsonConverter

    converter = JsonConverter()
    converter.configure({}, False)
    return converter


def _float(v: Any) -> float:
    if isinstance(v, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[v]
    return float(v)


def decimal_at_scale(text: str, scale: int) -> decimal.Decimal:
    """``new BigDecimal(text).setScale(scale)`` (exact; the vectors never need rounding)."""
    value = decimal.Decimal(text)
    current = -int(value.as_tuple().exponent)
    unscaled = unscaled_value(value)
    if scale >= current:
        return decimal_from_unscaled(unscaled * 10 ** (scale - current), scale)
    factor = 10 ** (current - scale)
    assert unscaled % factor == 0, f"{text} cannot be set to scale {scale} exactly"
    return decimal_from_unscaled(unscaled // factor, scale)


def to_python(tv: Any, schema: Schema | None = None) -> Any:
    """The Python value of typed value ``tv``; ``schema`` is needed to build structs."""
    if tv is None:
        return None
    t, v = tv["t"], tv["v"]
    if t in ("int8", "int16", "int32", "int64"):
        return int(v)
    if t == "float32":
        return round_float32(_float(v))
    if t == "float64":
        return _float(v)
    if t in ("boolean", "string"):
        return v
    if t == "bytes":
        return base64.b64decode(v)
    if t == "decimal":
        return decimal_at_scale(v, tv["scale"])
    if t == "date":
        return dt.date(1970, 1, 1) + dt.timedelta(days=v)
    if t == "time":
        return (dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=v)).time()
    if t == "timestamp":
        return datetime_from_millis(v)
    if t == "array":
        item_schema = _part(schema, Type.ARRAY, "value")
        return [to_python(item, item_schema) for item in v]
    if t == "map":
        key_schema = _part(schema, Type.MAP, "key")
        value_schema = _part(schema, Type.MAP, "value")
        return {to_python(k, key_schema): to_python(x, value_schema) for k, x in v}
    if t == "struct":
        struct_schema = parse_schema(tv["schema"]) if "schema" in tv else schema
        assert struct_schema is not None and struct_schema.type() is Type.STRUCT
        struct = Struct(struct_schema)
        for name, field_tv in v.items():
            field = struct_schema.field(name)
            assert field is not None, name
            struct.put(field, to_python(field_tv, field.schema()))
        return struct
    raise AssertionError(f"unknown typed value {tv!r}")


def _part(schema: Schema | None, expected: Type, part: str) -> Schema | None:
    """The key or value schema of an ARRAY/MAP schema; ``None`` when ``schema`` is another type
    (a value that does not fit its schema, for cases that expect an error)."""
    if schema is None or schema.type() is not expected:
        return None
    return schema.key_schema() if part == "key" else schema.value_schema()


def value_matches(actual: Any, tv: Any) -> bool:
    """True when the Python value ``actual`` equals the typed value ``tv`` (see module doc)."""
    if tv is None:
        return actual is None
    t, v = tv["t"], tv["v"]
    if t in ("int8", "int16", "int32", "int64"):
        return type(actual) is int and actual == int(v)
    if t in ("float32", "float64"):
        if not isinstance(actual, float):
            return False
        expected = _float(v)
        if t == "float32":
            expected, actual = round_float32(expected), round_float32(actual)
        if math.isnan(expected):
            return math.isnan(actual)
        return actual == expected and math.copysign(1, actual) == math.copysign(1, expected)
    if t == "boolean":
        return actual is v
    if t == "string":
        return isinstance(actual, str) and actual == v
    if t == "bytes":
        return isinstance(actual, (bytes, bytearray, memoryview)) and bytes(
            actual
        ) == base64.b64decode(v)
    if t == "decimal":
        return (
            isinstance(actual, decimal.Decimal)
            and actual == decimal.Decimal(v)
            and -int(actual.as_tuple().exponent) == tv["scale"]
        )
    if t in ("date", "time", "timestamp"):
        return bool(actual == to_python(tv))
    if t == "array":
        return (
            isinstance(actual, list)
            and len(actual) == len(v)
            and all(value_matches(a, e) for a, e in zip(actual, v, strict=True))
        )
    if t == "map":
        if not isinstance(actual, dict) or len(actual) != len(v):
            return False
        remaining = list(actual.items())
        for ek, ev in v:  # Java HashMap order is not significant: match as a multiset
            for i, (ak, av) in enumerate(remaining):
                if value_matches(ak, ek) and value_matches(av, ev):
                    del remaining[i]
                    break
            else:
                return False
        return True
    if t == "struct":
        if not isinstance(actual, Struct):
            return False
        fields = actual.schema().fields()
        if [f.name() for f in fields] != list(v):
            return False
        return all(value_matches(actual.get_without_default(f.name()), v[f.name()]) for f in fields)
    raise AssertionError(f"unknown typed value {tv!r}")


def assert_value_matches(actual: Any, tv: Any) -> None:
    """Assert :func:`value_matches`, showing both sides on failure."""
    assert value_matches(actual, tv), f"actual {actual!r} does not match expected {tv!r}"


def schema_json(schema: Schema | None) -> Any:
    """JsonConverter's schema JSON of ``schema`` (for comparing with ``result_schema``)."""
    if schema is None:
        return None
    return _schema_parser().as_json_schema(schema)


# ---------------------------------------------------------------- schema JSON with struct defaults
# and cycle cuts (the CONFLUENT.md harness format, a superset of JsonConverter's schema JSON)


class RefSchema(Schema):
    """A reference to an enclosing struct schema (a ``{"$ref": name}`` cycle cut), optional or
    not; it answers like the struct it refers to, except :meth:`is_optional`."""

    __slots__ = ("_optional", "_target")

    def __init__(self, target: Schema, optional: bool) -> None:
        self._target = target
        self._optional = optional

    def wrapped(self) -> Schema:
        """The referenced schema."""
        return self._target

    def type(self) -> Type:
        return self._target.type()

    def is_optional(self) -> bool:
        return self._optional

    def default_value(self) -> Any:
        return self._target.default_value()

    def name(self) -> str | None:
        return self._target.name()

    def version(self) -> int | None:
        return self._target.version()

    def doc(self) -> str | None:
        return self._target.doc()

    def parameters(self) -> Any:
        return self._target.parameters()

    def key_schema(self) -> Schema | None:
        return self._target.key_schema()

    def value_schema(self) -> Schema | None:
        return self._target.value_schema()

    def fields(self) -> Any:
        return self._target.fields()

    def field(self, field_name: str) -> Any:
        return self._target.field(field_name)

    def schema(self) -> Schema:
        return self._target


_JSON_TYPES = {
    "int8": Type.INT8,
    "int16": Type.INT16,
    "int32": Type.INT32,
    "int64": Type.INT64,
    "float": Type.FLOAT32,
    "double": Type.FLOAT64,
    "boolean": Type.BOOLEAN,
    "string": Type.STRING,
    "bytes": Type.BYTES,
    "array": Type.ARRAY,
    "map": Type.MAP,
    "struct": Type.STRUCT,
}
_TYPE_JSON = {v: k for k, v in _JSON_TYPES.items()}


def parse_schema_full(schema_json: Any, _refs: dict[str, Schema] | None = None) -> Schema | None:
    """A Connect schema from the harness schema JSON: JsonConverter's format plus struct
    defaults (the default Struct is built on the SchemaBuilder, as Connect code does) and
    ``{"$ref": name, "optional": b}`` references to an enclosing struct of that name."""
    from connect_data import SchemaBuilder

    if schema_json is None:
        return None
    refs = {} if _refs is None else _refs
    if "$ref" in schema_json:
        return RefSchema(refs[schema_json["$ref"]], bool(schema_json.get("optional", False)))
    schema_type = _JSON_TYPES[schema_json["type"]]
    if schema_type is Type.ARRAY:
        items = parse_schema_full(schema_json["items"], refs)
        assert items is not None
        builder = SchemaBuilder.array(items)
    elif schema_type is Type.MAP:
        keys = parse_schema_full(schema_json["keys"], refs)
        values = parse_schema_full(schema_json["values"], refs)
        assert keys is not None and values is not None
        builder = SchemaBuilder.map(keys, values)
    else:
        builder = SchemaBuilder(schema_type)
    if schema_json.get("name") is not None:
        builder.name(schema_json["name"])
        if schema_type is Type.STRUCT:
            refs[schema_json["name"]] = builder
    if schema_type is Type.STRUCT:
        for field_json in schema_json.get("fields", []):
            field_schema = parse_schema_full(field_json, refs)
            assert field_schema is not None
            builder.field(field_json["field"], field_schema)
    if schema_json.get("optional"):
        builder.optional()
    if schema_json.get("version") is not None:
        builder.version(schema_json["version"])
    if schema_json.get("doc") is not None:
        builder.doc(schema_json["doc"])
    if schema_json.get("parameters") is not None:
        builder.parameters(schema_json["parameters"])
    if schema_json.get("default") is not None:
        builder.default_value(default_from_json(builder, schema_json["default"]))
    return builder.build()


def default_from_json(schema: Schema, value: Any) -> Any:
    """A default written by JsonConverter (``decimal.format=BASE64``) as the Python value."""
    from connect_data import Date, Decimal, Time, Timestamp

    if value is None:
        return None
    name = schema.name()
    if name == Decimal.LOGICAL_NAME:
        return Decimal.to_logical(schema, base64.b64decode(value))
    if name == Date.LOGICAL_NAME:
        return Date.to_logical(schema, value)
    if name == Time.LOGICAL_NAME:
        return Time.to_logical(schema, value)
    if name == Timestamp.LOGICAL_NAME:
        return Timestamp.to_logical(schema, value)
    schema_type = schema.type()
    if schema_type is Type.FLOAT32:
        return round_float32(_float(value))
    if schema_type is Type.FLOAT64:
        return _float(value)
    if schema_type is Type.BYTES:
        return base64.b64decode(value)
    if schema_type is Type.ARRAY:
        item_schema = schema.value_schema()
        assert item_schema is not None
        return [default_from_json(item_schema, item) for item in value]
    if schema_type is Type.MAP:
        key_schema, value_schema = schema.key_schema(), schema.value_schema()
        assert key_schema is not None and value_schema is not None
        pairs = value.items() if isinstance(value, dict) else value
        return {
            default_from_json(key_schema, k): default_from_json(value_schema, v) for k, v in pairs
        }
    if schema_type is Type.STRUCT:
        struct = Struct(schema)
        for field in schema.fields():
            if field.name() in value:
                struct.put(field, default_from_json(field.schema(), value[field.name()]))
        return struct
    return value


def default_to_json(schema: Schema, value: Any) -> Any:
    """A Python value as JsonConverter writes a default (``decimal.format=BASE64``); float32
    values are written with Java's ``Float.toString`` digits, as the vectors hold them."""
    from connect_data import Date, Decimal, Time, Timestamp
    from connect_data.javatext import float_to_string

    if value is None:
        return None
    name = schema.name()
    if name == Decimal.LOGICAL_NAME:
        return base64.b64encode(Decimal.from_logical(schema, value)).decode()
    if name == Date.LOGICAL_NAME:
        return Date.from_logical(schema, value)
    if name == Time.LOGICAL_NAME:
        return Time.from_logical(schema, value)
    if name == Timestamp.LOGICAL_NAME:
        return Timestamp.from_logical(schema, value)
    schema_type = schema.type()
    if schema_type is Type.FLOAT32:
        return float(float_to_string(value)) if math.isfinite(value) else float_to_string(value)
    if schema_type is Type.BYTES:
        return base64.b64encode(bytes(value)).decode()
    if schema_type is Type.ARRAY:
        item_schema = schema.value_schema()
        assert item_schema is not None
        return [default_to_json(item_schema, item) for item in value]
    if schema_type is Type.MAP:
        key_schema, value_schema = schema.key_schema(), schema.value_schema()
        assert key_schema is not None and value_schema is not None
        if key_schema.type() is Type.STRING:
            return {k: default_to_json(value_schema, v) for k, v in value.items()}
        return [
            [default_to_json(key_schema, k), default_to_json(value_schema, v)]
            for k, v in value.items()
        ]
    if schema_type is Type.STRUCT:
        return {f.name(): default_to_json(f.schema(), value.get(f)) for f in schema.fields()}
    return value


def _underlying(schema: Schema) -> Schema:
    wrapped = getattr(schema, "wrapped", None)
    while callable(wrapped):
        schema = wrapped()
        wrapped = getattr(schema, "wrapped", None)
    return schema


def schema_json_full(schema: Schema | None, _path: tuple[Schema, ...] = ()) -> Any:
    """The harness schema JSON of ``schema``: JsonConverter's format, struct defaults included,
    and a recursive struct cut to ``{"$ref": name, "optional": b}`` one level down."""
    if schema is None:
        return None
    target = _underlying(schema)
    if any(target is seen for seen in _path):
        return {"$ref": schema.name(), "optional": schema.is_optional()}
    path = (*_path, target)
    result: dict[str, Any] = {"type": _TYPE_JSON[schema.type()]}
    if schema.type() is Type.STRUCT:
        result["fields"] = [
            {**schema_json_full(f.schema(), path), "field": f.name()} for f in schema.fields()
        ]
    elif schema.type() is Type.ARRAY:
        result["items"] = schema_json_full(schema.value_schema(), path)
    elif schema.type() is Type.MAP:
        result["keys"] = schema_json_full(schema.key_schema(), path)
        result["values"] = schema_json_full(schema.value_schema(), path)
    result["optional"] = schema.is_optional()
    if schema.name() is not None:
        result["name"] = schema.name()
    if schema.version() is not None:
        result["version"] = schema.version()
    if schema.doc() is not None:
        result["doc"] = schema.doc()
    if schema.parameters() is not None:
        result["parameters"] = dict(schema.parameters() or {})
    if schema.default_value() is not None:
        result["default"] = default_to_json(schema, schema.default_value())
    return result
