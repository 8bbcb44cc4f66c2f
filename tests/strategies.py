"""Hypothesis strategies shared by the test modules.

Keep each strategy generic (a kind of Connect value, schema or input), documented in one line,
and add new ones rather than changing existing ones: several test modules use them.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from connect_data.javatext import round_float32

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
