"""Hypothesis strategies shared by the test modules.

Keep each strategy generic (a kind of Connect value, schema or input), documented in one line,
and add new ones rather than changing existing ones: several test modules use them.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from hypothesis import strategies as st

from connect_data import Date, Decimal, Schema, SchemaBuilder, Struct, Time, Timestamp, Type
from connect_data.javatext import round_float32
from connect_data.logical import decimal_from_unscaled

INT_BITS = {"int8": 8, "int16": 16, "int32": 32, "int64": 64}


def java_ints(bits: int) -> st.SearchStrategy[int]:
    """Ints in the range of a ``bits``-wide Java integer type (8, 16, 32 or 64)."""
    return st.integers(min_value=-(1 << (bits - 1)), max_value=(1 << (bits - 1)) - 1)


def float32s(allow_nan: bool = True) -> st.SearchStrategy[float]:
    """Python floats that hold an exact float32 value (what a FLOAT32 value reads back as)."""
    return st.floats(width=32, allow_nan=allow_nan).map(round_float32)


def float64s(allow_nan: bool = True) -> st.SearchStrategy[float]:
    """Any Python float (a FLOAT64 value), including infinities, -0.0 and, optionally, NaN."""
    return st.floats(allow_nan=allow_nan)


def bytes_values(max_size: int = 64) -> st.SearchStrategy[bytes]:
    """Byte strings, empty included (BYTES values, and garbage input for deserializers)."""
    return st.binary(max_size=max_size)


def java_strings(max_size: int = 40) -> st.SearchStrategy[str]:
    """Strings Java can hold as well-formed UTF-16 (no unpaired surrogates), BMP and beyond."""
    return st.text(max_size=max_size)


def strings_with_surrogates(max_size: int = 20) -> st.SearchStrategy[str]:
    """Strings that may hold unpaired (or separately written paired) surrogate code points."""
    return st.text(
        alphabet=st.one_of(
            st.characters(),
            st.characters(categories=["Cs"]),
        ),
        max_size=max_size,
    )


def values_text_round_trips() -> st.SearchStrategy[tuple[Any, Any]]:
    """(schema, value) pairs that Values.parse_string(Values.convert_to_string(...)) gives back.

    Where Java's text form reads back unchanged: booleans; ints with their smallest integer
    schema; non-integral float32s; doubles beyond the float32 range; integers beyond long as
    Decimal(scale 0); dates from 1970-01-02, millisecond times and timestamps (not at midnight);
    strings that read as nothing else; and non-empty lists and maps of one such kind (strings
    inside them without delimiters, quotes or backslashes).
    """
    import datetime as dt
    import decimal
    import math

    from connect_data import Date, Decimal, Schema, SchemaBuilder, Time, Timestamp

    def smallest(value: int) -> Any:
        for bits, schema in (
            (8, Schema.INT8_SCHEMA),
            (16, Schema.INT16_SCHEMA),
            (32, Schema.INT32_SCHEMA),
        ):
            if -(1 << (bits - 1)) <= value < (1 << (bits - 1)):
                return schema
        return Schema.INT64_SCHEMA

    def not_a_literal(text: str) -> bool:
        trimmed = text.strip("".join(chr(c) for c in range(33)))
        if trimmed in ("true", "false", "null"):
            return False
        first = trimmed[:1]
        return not (first in "+-[{" and first) and not (first.isdecimal() and ord(first) <= 0xFFFF)

    utc = dt.timezone.utc
    epoch = dt.datetime(1970, 1, 1, tzinfo=utc)
    day = 86_400_000
    ints = java_ints(64)
    float32_fractions = float32s(allow_nan=False).filter(
        lambda f: math.isfinite(f) and f != math.floor(f)
    )
    huge_doubles = st.floats(min_value=3.5e38, allow_infinity=False).flatmap(
        lambda f: st.sampled_from([f, -f])
    )
    big_integers = st.integers(min_value=1 << 63, max_value=1 << 200).flatmap(
        lambda i: st.sampled_from([i, -i - 1])
    )
    embedded_strings = st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ", max_size=12
    ).filter(lambda s: s == "" or s.strip() != "")
    top_strings = st.text(max_size=20).filter(not_a_literal)
    dates = st.dates(min_value=dt.date(1970, 1, 2))
    times = st.times().map(lambda t: t.replace(microsecond=t.microsecond // 1000 * 1000))
    timestamps = (
        st.integers(min_value=day, max_value=253402300799999)
        .filter(lambda ms: ms % day != 0)
        .map(lambda ms: epoch + dt.timedelta(milliseconds=ms))
    )

    scalars: st.SearchStrategy[tuple[Any, Any]] = st.one_of(
        st.booleans().map(lambda b: (Schema.BOOLEAN_SCHEMA, b)),
        ints.map(lambda i: (smallest(i), i)),
        float32_fractions.map(lambda f: (Schema.FLOAT32_SCHEMA, f)),
        huge_doubles.map(lambda f: (Schema.FLOAT64_SCHEMA, f)),
        big_integers.map(lambda i: (Decimal.schema(0), decimal.Decimal(i))),
        dates.map(lambda d: (Date.SCHEMA, d)),
        times.map(lambda t: (Time.SCHEMA, t)),
        timestamps.map(lambda t: (Timestamp.SCHEMA, t)),
        top_strings.map(lambda s: (Schema.STRING_SCHEMA, s)),
    )
    int_lists = st.lists(ints, min_size=1, max_size=5).map(
        lambda xs: (
            SchemaBuilder.array(max((smallest(x) for x in xs), key=_int_schema_rank)).build(),
            xs,
        )
    )
    other_lists = st.one_of(
        st.lists(st.booleans(), min_size=1, max_size=5).map(
            lambda xs: (SchemaBuilder.array(Schema.BOOLEAN_SCHEMA).build(), xs)
        ),
        st.lists(float32_fractions, min_size=1, max_size=5).map(
            lambda xs: (SchemaBuilder.array(Schema.FLOAT32_SCHEMA).build(), xs)
        ),
        st.lists(embedded_strings, min_size=1, max_size=5).map(
            lambda xs: (SchemaBuilder.array(Schema.STRING_SCHEMA).build(), xs)
        ),
        st.lists(dates, min_size=1, max_size=3).map(
            lambda xs: (SchemaBuilder.array(Date.SCHEMA).build(), xs)
        ),
    )
    string_maps = st.dictionaries(embedded_strings, ints, min_size=1, max_size=4).map(
        lambda d: (
            SchemaBuilder.map(
                Schema.STRING_SCHEMA,
                max((smallest(v) for v in d.values()), key=_int_schema_rank),
            ).build(),
            d,
        )
    )
    int_maps = st.dictionaries(ints, embedded_strings, min_size=1, max_size=4).map(
        lambda d: (
            SchemaBuilder.map(
                max((smallest(k) for k in d), key=_int_schema_rank), Schema.STRING_SCHEMA
            ).build(),
            d,
        )
    )
    return st.one_of(scalars, int_lists, other_lists, string_maps, int_maps)


def _int_schema_rank(schema: Any) -> int:
    """The width rank of an integer schema (INT8 < INT16 < INT32 < INT64)."""
    return ["int8", "int16", "int32", "int64"].index(schema.type().get_name())


# ------------------------------------------------------------------ Connect schemas and values

_PRIMITIVE_TYPES = [t for t in Type if t.is_primitive()]
_LOGICAL_KINDS = ["decimal", "date", "time", "timestamp"]
_SCHEMA_NAMES = st.none() | st.sampled_from(["a", "b", "com.example.Record"])
_SCHEMA_PARAMETERS = st.none() | st.dictionaries(
    st.sampled_from(["k", "p"]), st.sampled_from(["v", "w"]), max_size=2
)
_UTC = _dt.timezone.utc


def _logical_builder(kind: str, scale: int) -> SchemaBuilder:
    if kind == "decimal":
        return Decimal.builder(scale)
    builders = {"date": Date.builder, "time": Time.builder, "timestamp": Timestamp.builder}
    return builders[kind]()


@st.composite
def schemas(
    draw: st.DrawFn, max_depth: int = 2, logical: bool = True, defaults: bool = True
) -> Schema:
    """Built schemas of any type made through SchemaBuilder: optional or not, with names,
    versions, docs, parameters and valid defaults (none on structs) drawn from small pools (so
    equal schemas occur), logical types, and structs / arrays / maps nested to ``max_depth``."""
    kinds: list[Any] = list(_PRIMITIVE_TYPES)
    if logical:
        kinds += _LOGICAL_KINDS
    if max_depth > 0:
        kinds += [Type.ARRAY, Type.MAP, Type.STRUCT]
    kind = draw(st.sampled_from(kinds))
    if isinstance(kind, str):
        builder = _logical_builder(kind, draw(st.integers(-3, 6)))
    else:
        if kind is Type.ARRAY:
            builder = SchemaBuilder.array(draw(schemas(max_depth - 1, logical, defaults)))
        elif kind is Type.MAP:
            key = draw(schemas(0, logical, defaults).filter(_hashable_values))
            builder = SchemaBuilder.map(key, draw(schemas(max_depth - 1, logical, defaults)))
        else:
            builder = SchemaBuilder(kind)
        if kind is Type.STRUCT:
            names = draw(st.lists(st.sampled_from("abcdef"), unique=True, max_size=4))
            for field_name in names:
                builder.field(field_name, draw(schemas(max_depth - 1, logical, defaults)))
        schema_name = draw(_SCHEMA_NAMES)
        if schema_name is not None:
            builder.name(schema_name)
        parameters = draw(_SCHEMA_PARAMETERS)
        if parameters:
            builder.parameters(parameters)
    if draw(st.booleans()):
        builder.optional()
    version = draw(st.none() | st.integers(1, 3))
    if version is not None and builder.version() is None:
        builder.version(version)
    doc = draw(st.none() | st.sampled_from(["doc", "other doc"]))
    if doc is not None:
        builder.doc(doc)
    # no default Structs: as in Java, a default Struct holds the builder as its schema, so it
    # never equals the default of another, equal-looking schema
    if defaults and builder.type() is not Type.STRUCT and draw(st.integers(0, 3)) == 0:
        builder.default_value(draw(values_for(builder, nulls=False)))
    return builder.build()


def _hashable_values(schema: Schema) -> bool:
    """True when values of ``schema`` can be dict keys (no lists or dicts inside, no NaN)."""
    return schema.type() in _PRIMITIVE_TYPES


def values_for(
    schema: Schema, nulls: bool = True, allow_nan: bool = False
) -> st.SearchStrategy[Any]:
    """Valid values of ``schema`` (a built schema or a builder): ``None`` for optional schemas
    (when ``nulls``), ints in the type's range, float32-exact floats for FLOAT32, Decimals at
    the schema's scale, dates, millisecond times and UTC datetimes for the logical types,
    lists, dicts and fully populated Structs."""
    name = schema.name()
    schema_type = schema.type()
    strategy: st.SearchStrategy[Any]
    if name == Decimal.LOGICAL_NAME:
        scale = Decimal.scale(schema)
        strategy = st.integers(-(10**20), 10**20).map(lambda u: decimal_from_unscaled(u, scale))
    elif name == Date.LOGICAL_NAME:
        strategy = st.dates()
    elif name == Time.LOGICAL_NAME:
        strategy = st.integers(0, 86399999).map(
            lambda ms: (_dt.datetime(1970, 1, 1) + _dt.timedelta(milliseconds=ms)).time()
        )
    elif name == Timestamp.LOGICAL_NAME:
        strategy = st.integers(-62135596800000, 253402300799999).map(
            lambda ms: _dt.datetime(1970, 1, 1, tzinfo=_UTC) + _dt.timedelta(milliseconds=ms)
        )
    elif schema_type.get_name() in INT_BITS:
        strategy = java_ints(INT_BITS[schema_type.get_name()])
    elif schema_type is Type.FLOAT32:
        strategy = float32s(allow_nan=allow_nan)
    elif schema_type is Type.FLOAT64:
        strategy = float64s(allow_nan=allow_nan)
    elif schema_type is Type.BOOLEAN:
        strategy = st.booleans()
    elif schema_type is Type.STRING:
        strategy = java_strings()
    elif schema_type is Type.BYTES:
        strategy = bytes_values()
    elif schema_type is Type.ARRAY:
        item_schema = schema.value_schema()
        assert item_schema is not None
        strategy = st.lists(values_for(item_schema, nulls, allow_nan), max_size=4)
    elif schema_type is Type.MAP:
        key_schema, value_schema = schema.key_schema(), schema.value_schema()
        assert key_schema is not None and value_schema is not None
        strategy = st.dictionaries(
            values_for(key_schema, nulls, allow_nan),
            values_for(value_schema, nulls, allow_nan),
            max_size=4,
        )
    else:
        strategy = _structs(schema, nulls, allow_nan)
    if nulls and schema.is_optional():
        return st.none() | strategy
    return strategy


@st.composite
def _structs(draw: st.DrawFn, schema: Schema, nulls: bool, allow_nan: bool) -> Struct:
    struct = Struct(schema)
    for field in schema.fields():
        struct.put(field, draw(values_for(field.schema(), nulls, allow_nan)))
    return struct


# ---------------------------------------------------------------------------- parsed JSON

JSON_KEYS = st.sampled_from(["id", "name", "n", "tags", "owner", "x-y", "x_y", "1st"])
"""A few object keys, so that records drawn independently share, gain and lose fields."""


def json_numbers() -> st.SearchStrategy[int | float]:
    """JSON numbers as parsed: int32-sized, int64-sized and larger ints, and finite floats."""
    return st.one_of(
        st.integers(min_value=-(1 << 31), max_value=(1 << 31) - 1),
        st.integers(min_value=-(1 << 63), max_value=(1 << 63) - 1),
        st.integers(min_value=1 << 63, max_value=1 << 70),
        st.floats(allow_nan=False, allow_infinity=False),
    )


def json_values(max_leaves: int = 8) -> st.SearchStrategy[Any]:
    """Parsed JSON values of any kind: null, booleans, numbers, text, arrays and objects."""
    scalars = st.none() | st.booleans() | json_numbers() | st.text(max_size=6)
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=3) | st.dictionaries(JSON_KEYS, children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


def json_objects(max_leaves: int = 8) -> st.SearchStrategy[dict[str, Any]]:
    """Parsed JSON objects whose fields hold any JSON values (kinds may differ per record)."""
    return st.dictionaries(JSON_KEYS, json_values(max_leaves), max_size=5)


_JSON_KINDS = ("boolean", "number", "text")


def _json_kind_plans() -> st.SearchStrategy[Any]:
    leaf = st.sampled_from(_JSON_KINDS)
    return st.recursive(
        leaf,
        lambda children: (
            st.tuples(st.just("array"), children)
            | st.dictionaries(JSON_KEYS, children, min_size=1, max_size=4)
        ),
        max_leaves=6,
    )


def _json_value_of_kind(plan: Any) -> st.SearchStrategy[Any]:
    if plan == "boolean":
        value: st.SearchStrategy[Any] = st.booleans()
    elif plan == "number":
        value = json_numbers().filter(lambda n: abs(n) < (1 << 63) or isinstance(n, float))
    elif plan == "text":
        value = st.text(max_size=6)
    elif isinstance(plan, tuple):
        value = st.lists(_json_value_of_kind(plan[1]), max_size=3)
    else:
        value = st.fixed_dictionaries(
            {}, optional={key: _json_value_of_kind(kind) for key, kind in plan.items()}
        )
    return st.none() | value


@st.composite
def kind_consistent_json_batches(draw: st.DrawFn) -> list[list[dict[str, Any]]]:
    """Batches of JSON objects in which each field keeps one JSON kind (numbers may widen).

    Fields come and go and may be null, but a field that is a number stays a number (of any
    width up to int64, or a float), an object stays an object, and so on.
    """
    plan = draw(st.dictionaries(JSON_KEYS, _json_kind_plans(), min_size=1, max_size=5))
    record = st.fixed_dictionaries(
        {}, optional={key: _json_value_of_kind(kind) for key, kind in plan.items()}
    )
    return draw(st.lists(st.lists(record, min_size=1, max_size=4), min_size=1, max_size=5))


# ---------------------------------------------------------------------------- Avro schemas

_AVRO_PRIMITIVES = st.sampled_from(["int", "long", "float", "double", "boolean", "string", "bytes"])
_AVRO_FIELD_NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True)


@st.composite
def avro_schema_documents(draw: st.DrawFn, depth: int = 0, path: str = "R") -> Any:
    """Avro schemas as decoded JSON: primitives, arrays, maps, nullable unions and records
    (uniquely named after their position) nested up to three levels."""
    if depth > 2:
        return draw(_AVRO_PRIMITIVES)
    kind = draw(st.sampled_from(["primitive", "array", "map", "record", "union"]))
    if kind == "primitive":
        return draw(_AVRO_PRIMITIVES)
    if kind == "array":
        return {"type": "array", "items": draw(avro_schema_documents(depth + 1, path + "a"))}
    if kind == "map":
        return {"type": "map", "values": draw(avro_schema_documents(depth + 1, path + "m"))}
    if kind == "union":
        return ["null", draw(_AVRO_PRIMITIVES)]
    field_names = draw(st.lists(_AVRO_FIELD_NAMES, max_size=4, unique=True))
    return {
        "type": "record",
        "name": path,
        "fields": [
            {"name": name, "type": draw(avro_schema_documents(depth + 1, f"{path}_{i}"))}
            for i, name in enumerate(field_names)
        ],
    }
