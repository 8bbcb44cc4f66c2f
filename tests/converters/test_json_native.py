"""JsonConverter's C writer (converters._json_native) against the exact path.

Every field kind of a plan is given valid values at its edges and values no Struct.put would
have let in (as code filling ``Struct._values`` directly may do): the converter must write
exactly what the reference path writes, or raise the same DataException. The same cases run
with the generated Python writers (the ``json_writer`` fixture).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import gc
import tracemalloc
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_data import (
    DataException,
    Date,
    Decimal,
    Schema,
    SchemaBuilder,
    Struct,
    Time,
    Timestamp,
)
from converters import JsonConverter
from converters._json_codec import _risky_numbers_py
from converters._json_compile import Fallback, compile_writer, writer_plan
from converters._json_data import JsonData
from converters._json_write import fix_escapes
from tests.converters.conftest import native_missing

TOPIC = "orders"
UTC = dt.timezone.utc

ADDRESS = (
    SchemaBuilder.struct()
    .name("Address")
    .field("street", Schema.STRING_SCHEMA)
    .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
    .build()
)
EDGE = (
    SchemaBuilder.struct()
    .name("Edge")
    .field("i8", Schema.INT8_SCHEMA)
    .field("i64", Schema.INT64_SCHEMA)
    .field("f64", Schema.FLOAT64_SCHEMA)
    .field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA)
    .field("flag", Schema.BOOLEAN_SCHEMA)
    .field("text", Schema.STRING_SCHEMA)
    .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
    .field("amount", Decimal.schema(2))
    .field("whole", Decimal.builder(0).optional().build())
    .field("fine", Decimal.builder(20).optional().build())
    .field("created", Timestamp.SCHEMA)
    .field("day", Date.builder().optional().build())
    .field("clock", Time.builder().optional().build())
    .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
    .field("nums", SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build())
    .field("prices", SchemaBuilder.array(Decimal.schema(2)).optional().build())
    .field("attributes", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
    .field(
        "stamps",
        SchemaBuilder.map(Schema.STRING_SCHEMA, Timestamp.builder().optional().build())
        .optional()
        .build(),
    )
    .field("names", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).optional().build())
    .field("shipping", ADDRESS)
    .field(
        "billing",
        SchemaBuilder.struct()
        .name("Address")
        .field("street", Schema.STRING_SCHEMA)
        .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
        .optional()
        .build(),
    )
    .field("count", SchemaBuilder.int32().optional().default_value(7).build())
    .build()
)


def _valid() -> Struct:
    return (
        Struct(EDGE)
        .put("i8", -128)
        .put("i64", 2**63 - 1)
        .put("f64", 411.52)
        .put("f32", 1.5)
        .put("flag", True)
        .put("text", "Ada")
        .put("raw", b"\x00\xff")
        .put("amount", decimal.Decimal("4115.20"))
        .put("whole", decimal.Decimal("12"))
        .put("fine", decimal.Decimal("1." + "0" * 20))
        .put("created", dt.datetime(2023, 11, 14, 22, 13, 20, 123_000, tzinfo=UTC))
        .put("day", dt.date(2024, 2, 29))
        .put("clock", dt.time(13, 14, 15, 16_000))
        .put("tags", ["a", "b"])
        .put("nums", [1, None, -(2**31)])
        .put("prices", [decimal.Decimal("1.00"), decimal.Decimal("-0.01")])
        .put("attributes", {"k": "v"})
        .put("stamps", {"t": dt.datetime(1970, 1, 1, tzinfo=UTC), "n": None})
        .put("names", {1: "one", -2: "minus two"})
        .put("shipping", Struct(ADDRESS).put("street", "12 Way"))
        .put("billing", None)
        .put("count", None)
    )


class _Text(str):
    pass


class _Float(float):
    pass


class _Decimal(decimal.Decimal):
    pass


def _long_decimal(digits: int, negative: bool = False) -> decimal.Decimal:
    text = "9" * (digits - 2) + ".99"
    return decimal.Decimal(("-" if negative else "") + text)


# Scalars of a Struct were validated by Struct.put, so both writers trust their types and
# ranges (out-of-range ints written past put are not covered); items of lists and maps are
# checked.
_EDGES: list[tuple[str, Any]] = [
    ("i8", 127),
    ("i8", None),
    ("i64", -(2**63)),
    ("f64", 0.0),
    ("f64", -0.0),
    ("f64", 1e-3),
    ("f64", 9.999e-4),
    ("f64", 1e7),
    ("f64", -1e7),
    ("f64", 9999999.999),
    ("f64", float("nan")),
    ("f64", float("inf")),
    ("f64", float("-inf")),
    ("f64", 5e-324),
    ("f64", _Float(1.5)),
    ("f32", 3.4028234663852886e38),
    ("f32", 1e39),
    ("text", ""),
    ("text", 'quote " backslash \\ slash /'),
    ("text", "controls \x00\x01\x08\t\n\x0c\r\x1f\x7f"),
    ("text", "é ü 中文 \u2028"),
    ("text", "emoji \U0001f600 and \U0010ffff"),
    ("text", "lone \ud800 surrogate"),
    ("raw", b""),
    ("raw", b"\x00\x01\x02\x03"),
    ("raw", bytearray(b"xyz")),
    ("raw", memoryview(b"xyzw")),
    ("raw", "not bytes"),
    ("amount", decimal.Decimal("0.00")),
    ("amount", decimal.Decimal("-0.00")),
    ("amount", decimal.Decimal("-0.05")),
    ("amount", decimal.Decimal("1.27")),
    ("amount", decimal.Decimal("1.28")),
    ("amount", decimal.Decimal("-1.28")),
    ("amount", decimal.Decimal("-1.29")),
    ("amount", decimal.Decimal("327.67")),
    ("amount", decimal.Decimal("327.68")),
    ("amount", decimal.Decimal("-327.68")),
    ("amount", decimal.Decimal("-327.69")),
    ("amount", _long_decimal(18)),
    ("amount", _long_decimal(18, negative=True)),
    ("amount", _long_decimal(19)),
    ("amount", _long_decimal(19, negative=True)),
    ("amount", _long_decimal(40)),
    ("amount", decimal.Decimal("92233720368547758.07")),
    ("amount", decimal.Decimal("-92233720368547758.08")),
    ("amount", decimal.Decimal("4115.2")),
    ("amount", decimal.Decimal("4.1152")),
    ("amount", decimal.Decimal("1.23E+5")),
    ("amount", decimal.Decimal("1E-2")),
    ("amount", decimal.Decimal("NaN")),
    ("amount", decimal.Decimal("sNaN")),
    ("amount", decimal.Decimal("-Infinity")),
    ("amount", _Decimal("1.00")),
    ("amount", "1.00"),
    ("amount", 1.0),
    ("amount", None),
    ("whole", decimal.Decimal("-128")),
    ("whole", decimal.Decimal("1.0")),
    ("fine", decimal.Decimal("-1." + "5" * 20)),
    ("created", dt.datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)),
    ("created", dt.datetime(1, 1, 1, 0, 0, 0, 1_500, tzinfo=UTC)),
    ("created", dt.datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)),
    ("created", dt.datetime(2000, 2, 29, 12, tzinfo=UTC)),
    ("created", dt.datetime(1900, 3, 1, tzinfo=UTC)),
    (
        "created",
        dt.datetime(2023, 1, 1, 1, 0, 0, 123_456, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    ),
    ("created", dt.datetime(1969, 7, 20, 20, 17, 40, 500)),
    ("created", dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(0)))),
    ("created", dt.date(2020, 1, 1)),
    ("created", 1700000000000),
    ("day", dt.date(1, 1, 1)),
    ("day", dt.datetime(2020, 1, 1)),
    ("clock", dt.time(23, 59, 59, 999_999)),
    ("clock", dt.time(1, tzinfo=UTC)),
    ("tags", []),
    ("tags", ["x", None]),
    ("tags", ["x", _Text("y")]),
    ("tags", ["x", 2]),
    ("tags", ("x",)),
    ("nums", [2**31]),
    ("nums", [None, None]),
    ("nums", [True]),
    ("prices", [decimal.Decimal("1.0")]),
    ("prices", [None]),
    ("prices", []),
    ("attributes", {}),
    ("attributes", {1: "b"}),
    ("attributes", {_Text("a"): "b"}),
    ("attributes", {"a": _Text("b")}),
    ("attributes", {"a": 1}),
    ("attributes", {"a": None}),
    ("attributes", {None: "b"}),
    ("attributes", {"é\U0001f600": "\x01"}),
    ("stamps", {"a": dt.datetime(2020, 1, 1)}),
    ("stamps", {1: None}),
    ("stamps", {"a": "2020"}),
    ("names", {}),
    ("names", {"1": "one"}),
    ("names", {1: None}),
    ("names", {2**40: "x"}),
    ("shipping", Struct(ADDRESS).put("street", "s").put("zip", "z")),
    ("shipping", Struct(ADDRESS)),
    ("shipping", None),
    ("shipping", {"street": "s"}),
    (
        "shipping",
        Struct(SchemaBuilder.struct().field("street", Schema.STRING_SCHEMA).build()).put(
            "street", "s"
        ),
    ),
    ("billing", Struct(ADDRESS).put("street", "b")),
    ("count", 3),
]


def _struct_with(field: str, value: Any) -> Struct:
    struct = _valid()
    index = [f.name() for f in EDGE.fields()].index(field)
    struct._values[index] = value  # as code filling a Struct directly may do
    return struct


def _outcome(function: Any) -> Any:
    try:
        return function()
    except DataException as e:
        return ("error", str(e))


@pytest.mark.parametrize("replace", [True, False], ids=["replace-null", "keep-null"])
@pytest.mark.parametrize("schemas_enable", [True, False], ids=["schemas", "schemaless"])
@pytest.mark.parametrize(("field", "value"), _EDGES)
def test_edges_write_what_the_exact_path_writes(
    json_writer: str, schemas_enable: bool, replace: bool, field: str, value: Any
) -> None:
    """Each value writes the exact path's bytes or raises its DataException, on both writers."""
    conv = JsonConverter()
    conv.configure({"schemas.enable": schemas_enable, "replace.null.with.default": replace}, False)
    conv.from_connect_data(TOPIC, EDGE, _valid())  # compile; EDGE becomes the last schema
    struct = _struct_with(field, value)
    exact = _outcome(lambda: conv._codec.serialize_exact(TOPIC, EDGE, struct))
    assert _outcome(lambda: conv.from_connect_data(TOPIC, EDGE, struct)) == exact
    assert _outcome(lambda: conv.from_connect_data(TOPIC, EDGE, struct)) == exact  # again


def _native_or_skip() -> None:
    reason = native_missing()
    if reason is not None:
        pytest.skip(f"SKIPPED LOUDLY: {reason}")


def _writer(schemas_enable: bool = False, native: bool = True) -> Any:
    data = JsonData(decimal_numeric=False, replace_null=True, cache_size=10)
    prefix = b'{"schema":{},"payload":' if schemas_enable else None
    return compile_writer(EDGE, data, prefix, native=native)


def test_native_writer_is_used_when_built() -> None:
    """A JsonConverter compiles the C writer whenever it is built."""
    _native_or_skip()
    conv = JsonConverter()
    conv.configure({"schemas.enable": False}, False)
    conv.from_connect_data(TOPIC, EDGE, _valid())
    assert type(conv._codec.last_writer[1]).__name__ == "Writer"


@pytest.mark.parametrize("schemas_enable", [True, False])
def test_native_and_python_writers_agree_on_valid_values(schemas_enable: bool) -> None:
    """For valid values both writers give the same bytes (no fallback on the common case)."""
    _native_or_skip()
    native, python = _writer(schemas_enable), _writer(schemas_enable, native=False)
    billing_field = EDGE.field("billing")
    assert billing_field is not None
    billing = billing_field.schema()
    for struct in [_valid(), _struct_with("billing", Struct(billing).put("street", "b"))]:
        assert native(struct) == python(struct)
    if schemas_enable:
        assert native(_valid()).startswith(b'{"schema":{},"payload":{"i8":-128,')
        assert native(_valid()).endswith(b"}}")


def test_native_writer_raises_fallback_or_type_error_only() -> None:
    """Values it cannot write send the record to the exact path; nothing else escapes."""
    _native_or_skip()
    writer = _writer()
    for field, value in _EDGES:
        with contextlib.suppress(Fallback, TypeError):
            writer(_struct_with(field, value))
    with pytest.raises(Fallback):
        writer(None)
    with pytest.raises(Fallback):
        writer({"i8": 1})
    with pytest.raises(TypeError):
        writer()
    with pytest.raises(TypeError):
        writer(_valid(), _valid())


def test_native_writer_plan_errors_are_clear() -> None:
    """A malformed plan is refused at construction with a ValueError naming the problem."""
    _native_or_skip()
    from converters._json_native import Writer

    good = writer_plan(EDGE, JsonData(False, True, 10))
    with pytest.raises(ValueError, match="unknown kind"):
        Writer(("nope", ()), Fallback, orjson.dumps, fix_escapes)
    with pytest.raises(ValueError, match="must be"):
        Writer(("pass",), Fallback, orjson.dumps, fix_escapes)
    with pytest.raises(ValueError, match="scale"):
        Writer(("decimal", (), 0, decimal.Decimal, str), Fallback, orjson.dumps, fix_escapes)
    with pytest.raises(ValueError, match="__slots__"):
        Writer(("struct", (), dict, EDGE, (), ()), Fallback, orjson.dumps, fix_escapes)
    with pytest.raises(TypeError):
        Writer(good, Fallback, orjson.dumps, fix_escapes, "not bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Writer(good, "not an exception", orjson.dumps, fix_escapes)  # type: ignore[arg-type]


def test_native_writer_does_not_leak() -> None:
    """Thousands of records, written or refused, leave no memory behind."""
    _native_or_skip()
    writer = _writer(schemas_enable=True)
    cases = [_valid()] + [_struct_with(field, value) for field, value in _EDGES]

    def run(rounds: int) -> None:
        for _ in range(rounds):
            for struct in cases:
                with contextlib.suppress(Fallback, TypeError):
                    writer(struct)

    run(20)  # caches (float text, interned strings) settle first
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        run(200)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # 200 rounds of ~120 records: a leak of one small object per record would be >1 MB
    assert grown < 64 * 1024, f"{grown} bytes not released"


@settings(max_examples=2000, deadline=None)
@given(
    st.binary(max_size=120)
    | st.text(alphabet="0123456789-. ae", max_size=90).map(str.encode)
    | st.integers(min_value=-(10**25), max_value=10**25).map(lambda n: b'{"n":%d}' % n)
)
def test_risky_numbers_scan_matches_the_python_test(data: bytes) -> None:
    """The reader's one-pass C scan answers as the Python translate-and-search does."""
    _native_or_skip()
    from converters import _json_native

    assert _json_native.risky_numbers(data) == _risky_numbers_py(data)
