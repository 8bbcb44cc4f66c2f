"""Java's narrowing casts and number parsers, as Cast and MaskField use them."""

from __future__ import annotations

import decimal
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectors.transforms.util.java_numbers import (
    NumberFormatError,
    double_to_long,
    narrow,
    parse_big_decimal,
    parse_double,
    parse_float,
    parse_integer,
    to_double,
    to_float,
    to_long,
)
from tests.strategies import java_ints


@pytest.mark.parametrize(
    ("value", "bits", "expected"),
    [(300, 8, 44), (128, 8, -128), (-129, 8, 127), (65536 + 5, 16, 5), (2**31, 32, -(2**31))],
)
def test_narrow_wraps(value: int, bits: int, expected: int) -> None:
    """Narrowing keeps the low bits as a signed number, as Java's casts do."""
    assert narrow(value, bits) == expected


@given(java_ints(64), st.sampled_from([8, 16, 32, 64]))
def test_narrow_is_identity_in_range(value: int, bits: int) -> None:
    """A value already in range is unchanged; any value lands in range."""
    narrowed = narrow(value, bits)
    assert -(1 << (bits - 1)) <= narrowed < (1 << (bits - 1))
    if -(1 << (bits - 1)) <= value < (1 << (bits - 1)):
        assert narrowed == value


@pytest.mark.parametrize(
    ("value", "bits", "expected"),
    [
        (1e20, 32, 2**31 - 1),
        (-1e20, 32, -(2**31)),
        (math.nan, 64, 0),
        (math.inf, 64, 2**63 - 1),
        (-2.9, 64, -2),
        (2.9, 32, 2),
    ],
)
def test_double_to_long_truncates_and_saturates(value: float, bits: int, expected: int) -> None:
    """Floating point truncates towards zero and saturates; NaN becomes 0."""
    assert double_to_long(value, bits) == expected


def test_to_long_of_decimal_keeps_low_bits() -> None:
    """BigDecimal.intValue drops the fraction and keeps the low 32 bits."""
    assert to_long(decimal.Decimal("4294967297.9"), 32) == 1
    assert to_long(decimal.Decimal("-42.5")) == -42


def test_to_long_rejects_bool() -> None:
    """A bool is not a Java Number."""
    with pytest.raises(TypeError):
        to_long(True)


def test_to_float_rounds_once_to_float32() -> None:
    """Number.floatValue rounds to the nearest float32 (ties to even)."""
    assert to_float(16777217) == 16777216.0
    assert to_float(0.1) == 0.10000000149011612
    assert to_double(2**1100) == math.inf


@pytest.mark.parametrize(
    ("text", "bits", "expected"),
    [("127", 8, 127), ("-128", 8, -128), ("+5", 16, 5), ("2147483647", 32, 2**31 - 1)],
)
def test_parse_integer_accepts_java_syntax(text: str, bits: int, expected: int) -> None:
    """Integer.parseInt and friends: optional sign, decimal digits."""
    assert parse_integer(text, bits) == expected


@pytest.mark.parametrize(
    ("text", "bits"), [("128", 8), (" 1", 32), ("1.0", 32), ("", 64), ("0x1", 32)]
)
def test_parse_integer_rejects_what_java_rejects(text: str, bits: int) -> None:
    """Out-of-range values, spaces, fractions and empty text are NumberFormatExceptions."""
    with pytest.raises(NumberFormatError):
        parse_integer(text, bits)


@pytest.mark.parametrize(
    ("text", "expected"),
    [(" 1.5 ", 1.5), ("1e3", 1000.0), ("2d", 2.0), ("-Infinity", -math.inf), ("0x1p4", 16.0)],
)
def test_parse_double_java_grammar(text: str, expected: float) -> None:
    """Double.parseDouble trims, accepts suffixes, Infinity and hexadecimal literals."""
    assert parse_double(text) == expected


@pytest.mark.parametrize("text", ["", "inf", "1,5", "nan", "1e"])
def test_parse_double_rejects(text: str) -> None:
    """Python-only spellings and malformed numbers are rejected."""
    with pytest.raises(NumberFormatError):
        parse_double(text)


def test_parse_float_rounds_to_float32() -> None:
    """Float.parseFloat gives the float32 nearest to the decimal text."""
    assert parse_float("0.1") == 0.10000000149011612
    assert parse_float("1e39") == math.inf
    assert math.isnan(parse_float("NaN"))


def test_parse_big_decimal() -> None:
    """new BigDecimal(String): plain and exponent forms; no spaces or words."""
    assert parse_big_decimal("123.0") == decimal.Decimal("123.0")
    assert parse_big_decimal("-1E+3") == decimal.Decimal("-1E+3")
    for bad in (" 1", "NaN", "1_0", ""):
        with pytest.raises(NumberFormatError):
            parse_big_decimal(bad)
