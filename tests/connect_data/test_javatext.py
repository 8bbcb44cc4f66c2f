"""javatext: Java's Double.toString, Float.toString, BigDecimal.toString and String.valueOf."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import struct as _struct
from fractions import Fraction

import pytest
from hypothesis import given

from connect_data import Schema, SchemaBuilder, Struct
from connect_data.javatext import (
    decimal_to_plain_string,
    decimal_to_string,
    double_to_string,
    float_to_string,
    round_float32,
    to_java_string,
)
from tests.strategies import float32s, float64s

# ------------------------------------------------------------------ known Java outputs (JDK 19+)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.0, "1.0"),
        (100.0, "100.0"),
        (0.001, "0.001"),
        (1.0e-4, "1.0E-4"),
        (1.0e7, "1.0E7"),
        (9999999.0, "9999999.0"),
        (1.23456789123e8, "1.23456789123E8"),
        (123456789.0, "1.23456789E8"),
        (12345.678, "12345.678"),
        (0.30000000000000004, "0.30000000000000004"),
        (9.999999999999998e-4, "9.999999999999998E-4"),
        (1.0e-5, "1.0E-5"),
        (1.0e21, "1.0E21"),
        (1.0e23, "1.0E23"),
        (2.0e23, "2.0E23"),
        (2.82879384806159e17, "2.82879384806159E17"),
        (5e-324, "4.9E-324"),
        (2.2250738585072014e-308, "2.2250738585072014E-308"),
        (1.7976931348623157e308, "1.7976931348623157E308"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (-1.5, "-1.5"),
        (-1.0e-10, "-1.0E-10"),
        (math.nan, "NaN"),
        (math.inf, "Infinity"),
        (-math.inf, "-Infinity"),
    ],
)
def test_double_to_string(value: float, text: str) -> None:
    """double_to_string gives Java's Double.toString text."""
    assert double_to_string(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.1, "0.1"),
        (1.2, "1.2"),
        (100.0, "100.0"),
        (3.14159, "3.14159"),
        (0.001, "0.001"),
        (1.0e-4, "1.0E-4"),
        (1.0e10, "1.0E10"),
        (2.15e9, "2.15E9"),
        (-1.6828903e13, "-1.6828903E13"),
        (16777216.0, "1.6777216E7"),
        (1.4e-45, "1.4E-45"),
        (3.4028234663852886e38, "3.4028235E38"),
        (1.1754943508222875e-38, "1.1754944E-38"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (math.nan, "NaN"),
        (math.inf, "Infinity"),
        (1e39, "Infinity"),
        (-1e39, "-Infinity"),
    ],
)
def test_float_to_string(value: float, text: str) -> None:
    """float_to_string gives Java's Float.toString of the value rounded to float32."""
    assert float_to_string(value) == text


@pytest.mark.parametrize(
    ("text", "java"),
    [
        ("100.00", "100.00"),
        ("1E-10", "1E-10"),
        ("1.0E+3", "1.0E+3"),
        ("-5E+2", "-5E+2"),
        ("-0.000", "0.000"),
        ("0.000001", "0.000001"),
        ("0.0000001", "1E-7"),
        ("123.456", "123.456"),
        ("-1.23E+5", "-1.23E+5"),
        ("0E+2", "0E+2"),
    ],
)
def test_decimal_to_string(text: str, java: str) -> None:
    """decimal_to_string gives Java's BigDecimal.toString (no negative zero)."""
    assert decimal_to_string(decimal.Decimal(text)) == java


@pytest.mark.parametrize(
    ("text", "java"),
    [("1E-7", "0.0000001"), ("1.0E+3", "1000"), ("-0.00", "0.00"), ("12.50", "12.50")],
)
def test_decimal_to_plain_string(text: str, java: str) -> None:
    """decimal_to_plain_string gives Java's BigDecimal.toPlainString."""
    assert decimal_to_plain_string(decimal.Decimal(text)) == java


def test_round_float32() -> None:
    """round_float32 rounds to the nearest float32 and overflows to infinity."""
    assert round_float32(0.1) == 0.10000000149011612
    assert round_float32(1e39) == math.inf
    assert round_float32(-1e39) == -math.inf
    assert math.isnan(round_float32(math.nan))


# ------------------------------------------------------------------ an independent reference
# Java (JDK 19+) picks, among the decimals that round to the value, those of minimal length (at
# least 2 digits), and of those the one closest to the value (even last digit on a tie).


def _rounding_interval(value: float, bits: int) -> tuple[Fraction, Fraction, bool]:
    fmt, ifmt = ("<f", "<I") if bits == 32 else ("<d", "<Q")
    pattern = _struct.unpack(ifmt, _struct.pack(fmt, value))[0]
    below = _struct.unpack(fmt, _struct.pack(ifmt, pattern - 1))[0] if pattern > 1 else 0.0
    above = _struct.unpack(fmt, _struct.pack(ifmt, pattern + 1))[0]
    exact = Fraction(value)
    low = (Fraction(below) + exact) / 2 if pattern > 1 else exact / 2
    if math.isinf(above):
        high = exact + (exact - Fraction(below)) / 2
    else:
        high = (Fraction(above) + exact) / 2
    return low, high, pattern % 2 == 0


def _reference_digits(value: float, bits: int) -> tuple[int, int]:
    """(digits, exponent) with value ~ digits * 10**exponent, chosen as Java does."""
    exact = Fraction(value)
    low, high, inclusive = _rounding_interval(value, bits)

    def inside(candidate: Fraction) -> bool:
        return low <= candidate <= high if inclusive else low < candidate < high

    top = math.floor(math.log10(value))
    while Fraction(10) ** top > exact:
        top -= 1
    while Fraction(10) ** (top + 1) <= exact:
        top += 1
    for length in range(2, 20):
        exponent = top - length + 1
        scale = Fraction(10) ** exponent
        floor = math.floor(exact / scale)
        options = [d for d in (floor, floor + 1) if inside(d * scale)]
        if options:
            best = min(options, key=lambda d: (abs(d * scale - exact), d % 2))
            return best, exponent
    raise AssertionError(value)


def _reference_text(value: float, bits: int) -> str:
    digits, exponent = _reference_digits(abs(value), bits)
    text = str(digits).rstrip("0")
    exponent += len(str(digits)) - len(text)
    point = len(text) + exponent  # position of the decimal point from the left
    sign = "-" if value < 0 else ""
    if -3 < point <= 7:  # 1e-3 <= |x| < 1e7
        if point <= 0:
            return f"{sign}0.{'0' * -point}{text}"
        if point >= len(text):
            return f"{sign}{text}{'0' * (point - len(text))}.0"
        return f"{sign}{text[:point]}.{text[point:]}"
    return f"{sign}{text[0]}.{text[1:] or '0'}E{point - 1}"


@pytest.mark.parametrize("power", range(-149, 128))
def test_float_to_string_powers_of_two(power: int) -> None:
    """Float.toString of every float32 power of two matches the reference selection."""
    value = math.ldexp(1.0, power)
    assert float_to_string(value) == _reference_text(value, 32)


def test_double_to_string_powers_of_two() -> None:
    """Double.toString of every double power of two matches the reference selection."""
    for power in range(-1074, 1024):
        value = math.ldexp(1.0, power)
        assert double_to_string(value) == _reference_text(value, 64), power


@given(float32s(allow_nan=False))
def test_float_to_string_matches_reference(value: float) -> None:
    """Float.toString of any finite float32 matches the reference selection and reads back."""
    if math.isinf(value) or value == 0:
        return
    text = float_to_string(value)
    assert text == _reference_text(value, 32)
    assert round_float32(float(text)) == value


@given(float64s(allow_nan=False))
def test_double_to_string_matches_reference(value: float) -> None:
    """Double.toString of any finite double matches the reference selection and reads back."""
    if math.isinf(value) or value == 0:
        return
    text = double_to_string(value)
    assert text == _reference_text(value, 64)
    assert float(text) == value


# ------------------------------------------------------------------ String.valueOf of Connect data


def test_to_java_string_values() -> None:
    """to_java_string prints values as Java's String.valueOf / toString do."""
    assert to_java_string(None) == "null"
    assert to_java_string(True) == "true"
    assert to_java_string(42) == "42"
    assert to_java_string(1.0e10) == "1.0E10"
    assert to_java_string(2.15e9, Schema.FLOAT32_SCHEMA) == "2.15E9"
    assert to_java_string(decimal.Decimal("1E-7")) == "1E-7"
    assert to_java_string(["a", 1, None]) == "[a, 1, null]"
    assert to_java_string({"k": "v", "n": None}) == "{k=v, n=null}"
    assert to_java_string(b"\x01\xff") == "[1, -1]"
    assert to_java_string(dt.date(1970, 1, 1)) == "Thu Jan 01 00:00:00 UTC 1970"


def test_to_java_string_uses_nested_schemas() -> None:
    """Nested float32 values print with float32 digits when the schema says so."""
    schema = SchemaBuilder.array(Schema.FLOAT32_SCHEMA).build()
    assert to_java_string([0.1], schema) == "[0.1]"
    map_schema = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT32_SCHEMA).build()
    assert to_java_string({"a": round_float32(0.1)}, map_schema) == "{a=0.1}"


def test_to_java_string_struct() -> None:
    """A Struct prints as Struct{name=value,...} without its null fields."""
    schema = (
        SchemaBuilder.struct()
        .field("a", Schema.INT32_SCHEMA)
        .field("b", Schema.OPTIONAL_STRING_SCHEMA)
        .field("c", Schema.STRING_SCHEMA)
        .build()
    )
    assert to_java_string(Struct(schema).put("a", 1).put("c", "x")) == "Struct{a=1,c=x}"
