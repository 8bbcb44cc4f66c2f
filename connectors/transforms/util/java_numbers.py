"""Java's numeric conversions, as the stock transformations apply them to Connect values.

Java narrows numbers with casts that wrap (``(byte) 300 == 44``), converts floating point to
integers by truncating towards zero and saturating (``(int) 1e20 == Integer.MAX_VALUE``,
``(int) NaN == 0``), and parses text with ``Byte.parseByte`` ... ``Double.parseDouble``, whose
grammars differ from Python's ``int()`` and ``float()``. ``Cast`` and ``MaskField`` must give the
values Java gives, so they go through these functions.
"""

from __future__ import annotations

import decimal
import math
import re
import struct
from typing import Final

from connect_data.javatext import round_float32

__all__ = [
    "INT_BITS",
    "NumberFormatError",
    "double_to_long",
    "narrow",
    "parse_big_decimal",
    "parse_double",
    "parse_float",
    "parse_integer",
    "to_double",
    "to_float",
    "to_long",
]

INT_BITS: Final = {"int8": 8, "int16": 16, "int32": 32, "int64": 64}

_F32: Final = struct.Struct("<f")
_F32_BITS: Final = struct.Struct("<I")
_LONG_MIN: Final = -(1 << 63)
_LONG_MAX: Final = (1 << 63) - 1

# Integer.parseInt and friends: an optional sign, then digits (any Unicode decimal digit, as
# Character.digit accepts), nothing else - no spaces, no underscores.
_INTEGER: Final = re.compile(r"[+-]?\d+")
# FloatingDecimal.readJavaFormatString after trim(): decimal or hexadecimal literals with an
# optional type suffix, or the words NaN and Infinity. ASCII digits only.
_DECIMAL_FLOAT: Final = re.compile(
    r"([+-]?)(NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[fFdD]?"
)
_HEX_FLOAT: Final = re.compile(
    r"([+-]?)0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP]([+-]?[0-9]+)[fFdD]?"
)
# new BigDecimal(String): sign, digits with an optional point, an optional exponent.
_BIG_DECIMAL: Final = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


class NumberFormatError(ValueError):
    """Text that Java's number parsers reject (``NumberFormatException``)."""


def narrow(value: int, bits: int) -> int:
    """The low ``bits`` bits of ``value`` as a signed integer: Java's narrowing cast."""
    mask = (1 << bits) - 1
    value &= mask
    return value - (1 << bits) if value >> (bits - 1) else value


def double_to_long(value: float, bits: int = 64) -> int:
    """Java's cast of a double to ``int`` (``bits=32``) or ``long``: truncate, saturate, NaN is 0."""
    if math.isnan(value):
        return 0
    low = -(1 << (bits - 1))
    high = (1 << (bits - 1)) - 1
    if value >= high:
        return high
    if value <= low:
        return low
    return int(value)


def to_long(value: int | float | decimal.Decimal, bits: int = 64) -> int:
    """``Number.longValue()`` (``bits=64``) or ``Number.intValue()`` (``bits=32``) of a value.

    Integers wrap, floating point truncates and saturates, decimals (``BigDecimal``) drop the
    fraction and keep the low-order bits.
    """
    if isinstance(value, bool):
        raise TypeError("a bool is not a Number")
    if isinstance(value, int):
        return narrow(value, bits)
    if isinstance(value, float):
        return double_to_long(value, bits)
    if not value.is_finite():
        raise NumberFormatError(f"{value} has no integer value")
    return narrow(int(value), bits)


def to_double(value: int | float | decimal.Decimal) -> float:
    """``Number.doubleValue()``: the nearest double (an infinity when out of range)."""
    if isinstance(value, decimal.Decimal):
        try:
            return float(value)
        except OverflowError:  # pragma: no cover - float(Decimal) saturates to inf itself
            return math.copysign(math.inf, value)
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def to_float(value: int | float | decimal.Decimal) -> float:
    """``Number.floatValue()``: the nearest float32, as a Python float."""
    if isinstance(value, float):
        return round_float32(value)
    if isinstance(value, int):
        # Round once, directly to float32, as Java's long-to-float conversion does.
        return round_float32(float(_round_int_to_bits(value, 24)))
    return round_float32(float(_round_decimal_to_bits(value, 24)))


def _round_int_to_bits(value: int, bits: int) -> int:
    """``value`` rounded half-to-even to ``bits`` significant binary digits."""
    magnitude = abs(value)
    extra = magnitude.bit_length() - bits
    if extra <= 0:
        return value
    quotient, remainder = divmod(magnitude, 1 << extra)
    half = 1 << (extra - 1)
    if remainder > half or (remainder == half and quotient & 1):
        quotient += 1
    rounded = quotient << extra
    return -rounded if value < 0 else rounded


def _round_decimal_to_bits(value: decimal.Decimal, bits: int) -> decimal.Decimal | float:
    if not value.is_finite():
        return float(value)
    if value == value.to_integral_value():
        return decimal.Decimal(_round_int_to_bits(int(value), bits))
    return value


def parse_integer(text: str, bits: int) -> int:
    """``Byte.parseByte`` (8), ``Short.parseShort`` (16), ``Integer.parseInt`` (32), ``Long.parseLong`` (64)."""
    if not _INTEGER.fullmatch(text):
        raise NumberFormatError(f'For input string: "{text}"')
    value = int(text)
    if not -(1 << (bits - 1)) <= value < (1 << (bits - 1)):
        raise NumberFormatError(f'Value out of range. Value:"{text}" Radix:10')
    return value


def _java_trim(text: str) -> str:
    start, end = 0, len(text)
    while start < end and text[start] <= " ":
        start += 1
    while end > start and text[end - 1] <= " ":
        end -= 1
    return text[start:end]


def parse_double(text: str) -> float:
    """``Double.parseDouble``: Java's floating-point literal grammar, surrounding spaces ignored."""
    trimmed = _java_trim(text)
    match = _DECIMAL_FLOAT.fullmatch(trimmed)
    if match:
        sign, body = match.group(1), match.group(2)
        if body == "NaN":
            if sign:
                raise NumberFormatError(f'For input string: "{text}"')
            return math.nan
        return float(sign + ("inf" if body == "Infinity" else body))
    hex_match = _HEX_FLOAT.fullmatch(trimmed)
    if hex_match:
        sign, mantissa, exponent = hex_match.groups()
        return float.fromhex(f"{sign}0x{mantissa}p{exponent}")
    raise NumberFormatError(f'For input string: "{text}"' if trimmed else "empty String")


def parse_float(text: str) -> float:
    """``Float.parseFloat``: as :func:`parse_double`, rounded to float32."""
    match = _DECIMAL_FLOAT.fullmatch(_java_trim(text))
    if match and match.group(2) not in ("NaN", "Infinity"):
        # Round the exact decimal once, straight to float32 (no double rounding).
        exact = decimal.Decimal(match.group(1) + match.group(2))
        return _decimal_to_float32(exact)
    return round_float32(parse_double(text))


def _float32_neighbours(value: float) -> tuple[float, float]:
    """The float32 values just below and just above the float32 ``value``."""
    bits = _F32_BITS.unpack(_F32.pack(value))[0]
    if value > 0:
        lower, upper = bits - 1, bits + 1
    else:
        lower, upper = bits + 1, bits - 1
    return (
        float(_F32.unpack(_F32_BITS.pack(lower & 0xFFFFFFFF))[0]),
        float(_F32.unpack(_F32_BITS.pack(upper & 0xFFFFFFFF))[0]),
    )


def _decimal_to_float32(value: decimal.Decimal) -> float:
    """The float32 nearest to an exact decimal (ties to even), as a Python float."""
    candidate = round_float32(float(value))
    if math.isinf(candidate) or candidate == 0.0:
        return candidate
    # float(value) may have rounded across a float32 midpoint: compare the neighbours exactly.
    best = candidate
    with decimal.localcontext() as context:
        context.prec = 200
        best_error = abs(decimal.Decimal(best) - value)
        for neighbour in _float32_neighbours(candidate):
            if math.isinf(neighbour) or math.isnan(neighbour):
                continue
            error = abs(decimal.Decimal(neighbour) - value)
            if error < best_error:
                best, best_error = neighbour, error
    return best


def parse_big_decimal(text: str) -> decimal.Decimal:
    """``new BigDecimal(String)``: a plain or exponent decimal literal, no spaces."""
    if not _BIG_DECIMAL.fullmatch(text):
        raise NumberFormatError(
            f"Character {text[:1] or 'array'} is neither a decimal digit number, decimal point, "
            'nor "e" notation exponential mark.'
        )
    return decimal.Decimal(text)


def check_long_range(value: int) -> int:
    """``value`` if it fits a Java ``long``; else :class:`NumberFormatError`."""
    if not _LONG_MIN <= value <= _LONG_MAX:
        raise NumberFormatError(f"{value} is out of the range of a long")
    return value
