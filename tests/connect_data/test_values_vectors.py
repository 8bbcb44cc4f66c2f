"""Values against the reference vectors recorded from Kafka's Java ``Values`` class."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from connect_data import DataException, SchemaBuilderException, Values
from connect_data.logical import timestamp_millis
from tests.vectors import cases, parse_schema, schema_json, to_python, value_matches

VECTORS = "kafka-values.jsonl"
MILLIS_PER_DAY = 86_400_000
_METHODS = {
    "convertToBoolean": Values.convert_to_boolean,
    "convertToByte": Values.convert_to_byte,
    "convertToShort": Values.convert_to_short,
    "convertToInteger": Values.convert_to_integer,
    "convertToLong": Values.convert_to_long,
    "convertToFloat": Values.convert_to_float,
    "convertToDouble": Values.convert_to_double,
    "convertToString": Values.convert_to_string,
    "convertToList": Values.convert_to_list,
    "convertToMap": Values.convert_to_map,
    "convertToStruct": Values.convert_to_struct,
    "convertToDate": Values.convert_to_date,
    "convertToTime": Values.convert_to_time,
    "convertToTimestamp": Values.convert_to_timestamp,
}
_INT_BITS = {"int8": 8, "int16": 16, "int32": 32, "int64": 64}


def _instant(value: dt.date | dt.time) -> int:
    if isinstance(value, dt.datetime):
        return timestamp_millis(value)
    if isinstance(value, dt.date):
        return (value - dt.date(1970, 1, 1)).days * MILLIS_PER_DAY
    return ((value.hour * 60 + value.minute) * 60 + value.second) * 1000 + value.microsecond // 1000


def matches(actual: Any, tv: Any) -> bool:
    """:func:`value_matches`, except that any Python date, time or datetime matches a Java
    ``java.util.Date`` of the same instant: the harness types a Date by the schema at its
    position (a timestamp where there is none), Python by the value's own class. Times compare
    by time of day (Java may hold more than a day)."""
    if tv is None:
        return actual is None
    kind, v = tv["t"], tv["v"]
    if kind in ("date", "time", "timestamp") and isinstance(actual, (dt.date, dt.time)):
        expected = int(v) * MILLIS_PER_DAY if kind == "date" else int(v)
        if kind == "time" or isinstance(actual, dt.time):
            return _instant(actual) % MILLIS_PER_DAY == expected % MILLIS_PER_DAY
        return _instant(actual) == expected
    if kind == "array":
        return (
            isinstance(actual, list)
            and len(actual) == len(v)
            and all(matches(a, e) for a, e in zip(actual, v, strict=True))
        )
    if kind == "map":  # Values builds LinkedHashMaps: the order is Java's
        return (
            isinstance(actual, dict)
            and len(actual) == len(v)
            and all(
                matches(ak, ek) and matches(av, ev)
                for (ak, av), (ek, ev) in zip(actual.items(), v, strict=True)
            )
        )
    return value_matches(actual, tv)


def _has(tv: Any, kind: str) -> bool:
    if tv is None:
        return False
    if tv["t"] == kind:
        return True
    if tv["t"] == "array":
        return any(_has(item, kind) for item in tv["v"])
    if tv["t"] == "map":
        return any(_has(k, kind) or _has(x, kind) for k, x in tv["v"])
    if tv["t"] == "struct":
        return any(_has(x, kind) for x in tv["v"].values())
    return False


def _python_width(tv: dict[str, Any]) -> str:
    """The numeric type Values.infer_schema gives the Python value of a typed number."""
    value = to_python(tv)
    if tv["t"] in _INT_BITS:
        for name, bits in _INT_BITS.items():
            if -(1 << (bits - 1)) <= value < (1 << (bits - 1)):
                return name
    schema = Values.infer_schema(value)
    assert schema is not None
    return schema.type().get_name()


_NUMERIC = (*_INT_BITS, "float32", "float64")


def _children(tv: Any) -> list[list[Any]]:
    """The groups of typed values inside a collection (items; or keys and values)."""
    if tv is None:
        return []
    if tv["t"] == "array":
        return [tv["v"]]
    if tv["t"] == "map":
        return [[k for k, _ in tv["v"]], [x for _, x in tv["v"]]]
    return []


def _mixed_numeric_group(tv: Any) -> bool:
    """True when a list or map mixes number classes: Java infers nothing, Python widens ints."""
    for group in _children(tv):
        if len({x["t"] for x in group if x is not None and x["t"] in _NUMERIC}) > 1:
            return True
        if any(_mixed_numeric_group(x) for x in group):
            return True
    return False


def _width_mismatch(tv: Any) -> bool:
    """True when a number's Java class differs from the type Python infers from its value."""
    if tv is None:
        return False
    if tv["t"] in _NUMERIC:
        return _python_width(tv) != str(tv["t"])
    return any(_width_mismatch(x) for group in _children(tv) for x in group)


def _expected_error(case: dict[str, Any]) -> type[Exception]:
    """SchemaBuilderException where Java threw it; DataException for every other Java exception
    (NumberFormatException and NullPointerException escape Java's Values, not connectpy's)."""
    if case["error_class"].endswith("SchemaBuilderException"):
        return SchemaBuilderException
    return DataException


@pytest.mark.parametrize("case", cases(VECTORS, op="parseString"))
def test_parse_string(case: dict[str, Any]) -> None:
    """parse_string gives Java's schema and value, or None where Java returned null."""
    result = Values.parse_string(case["input"])
    if case["result_is_null"]:
        assert result is None
        return
    assert result is not None
    assert schema_json(result.schema()) == case["result_schema"]
    assert matches(result.value(), case["result_value"]), result.value()


@pytest.mark.parametrize(
    "case",
    [c for op in _METHODS for c in cases(VECTORS, op=op)] + cases(VECTORS, op="convertToDecimal"),
)
def test_convert(case: dict[str, Any]) -> None:
    """Each convert_to_* gives Java's value, or raises where Java threw."""
    if (
        case["op"] == "convertToString"
        and case["schema"] is None
        and _has(case["value"], "float32")
    ):
        pytest.skip("a float32 without a FLOAT32 schema prints as the double it is in Python")
    schema = parse_schema(case["schema"])
    value = to_python(case["value"], schema)

    def convert() -> Any:
        if case["op"] == "convertToDecimal":
            return Values.convert_to_decimal(schema, value, case["scale"])
        return _METHODS[case["op"]](schema, value)

    if case.get("error"):
        with pytest.raises(_expected_error(case)):
            convert()
        return
    result = convert()
    assert matches(result, case["result_value"]), result


@pytest.mark.parametrize("case", cases(VECTORS, op="inferSchema"))
def test_infer_schema(case: dict[str, Any]) -> None:
    """infer_schema gives Java's schema wherever the Python value determines it."""
    if _mixed_numeric_group(case["value"]) or (
        _width_mismatch(case["value"]) and case.get("result_schema") is not None
    ):
        pytest.skip("Java's answer depends on the boxed number class, which Python has not")
    value = to_python(case["value"])
    if case.get("error"):
        with pytest.raises(_expected_error(case)):
            Values.infer_schema(value)
        return
    assert schema_json(Values.infer_schema(value)) == case["result_schema"]
