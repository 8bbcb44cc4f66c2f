"""JSON trees with the semantics of Jackson's ``JsonNode`` accessors, as Kafka's JsonConverter uses them.

Kafka's ``JsonConverter`` reads payloads through Jackson's lenient accessors (``intValue()`` of
a text node is 0, ``textValue()`` of a number is null, ...). connectpy represents a JSON tree
with plain Python objects and reproduces those accessors here:

=================  ==========================================================================
Python object      Jackson node
=================  ==========================================================================
``None``           ``NullNode``
:data:`MISSING`    ``MissingNode`` (an absent object member, an empty document)
``bool``           ``BooleanNode``
``int``            ``IntNode`` / ``LongNode`` / ``BigIntegerNode`` (by magnitude)
``decimal.Decimal`` ``DecimalNode``: a JSON number with a fraction or exponent, exactly as written
``float``          a JSON number given as a Python float: taken as the ``DecimalNode`` of its
                   ``repr`` (what parsing that float's text gives); non-finite floats as
                   ``DoubleNode``
``str``            ``TextNode`` (also stands for ``BinaryNode``: its base64 text)
``list``           ``ArrayNode``
``dict``           ``ObjectNode``
=================  ==========================================================================
"""

from __future__ import annotations

import base64
import binascii
import decimal
import math
import struct
from collections.abc import Iterable
from typing import Any, Final

from connect_data.javatext import decimal_to_string, double_to_string

__all__ = [
    "MISSING",
    "as_text",
    "binary_value",
    "boolean_value",
    "decimal_value",
    "decode_base64",
    "double_value",
    "float_value",
    "int_value",
    "is_int",
    "is_integral_number",
    "is_number",
    "iterate",
    "long_value",
    "node_type",
    "text_value",
    "wrap_int32",
    "wrap_int64",
]


class _Missing:
    """Jackson's ``MissingNode``: no value at all (not even JSON null)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()

_INT32_MIN = -(2**31)
_INT32_MAX = 2**31 - 1


def wrap_int32(value: int) -> int:
    """Java's ``(int)`` narrowing of an integer: its low 32 bits, two's complement."""
    if _INT32_MIN <= value <= _INT32_MAX:
        return value
    return ((value + 2**31) & 0xFFFFFFFF) - 2**31


def wrap_int64(value: int) -> int:
    """Java's ``(long)`` narrowing of an integer: its low 64 bits, two's complement."""
    if -(2**63) <= value < 2**63:
        return value
    return ((value + 2**63) & 0xFFFFFFFFFFFFFFFF) - 2**63


def _float_as_decimal(value: float) -> decimal.Decimal:
    """The exact ``DecimalNode`` a finite Python float stands for (its shortest repr)."""
    return decimal.Decimal(repr(value))


def node_type(node: Any) -> str:
    """Jackson's ``getNodeType()`` name: ``ARRAY``, ``BOOLEAN``, ``NUMBER``, ``OBJECT`` ..."""
    if node is None:
        return "NULL"
    if node is MISSING:
        return "MISSING"
    if isinstance(node, bool):
        return "BOOLEAN"
    if isinstance(node, (int, float, decimal.Decimal)):
        return "NUMBER"
    if isinstance(node, str):
        return "STRING"
    if isinstance(node, list):
        return "ARRAY"
    if isinstance(node, dict):
        return "OBJECT"
    if isinstance(node, (bytes, bytearray)):
        return "BINARY"
    return "POJO"


def is_number(node: Any) -> bool:
    """``isNumber()``."""
    return isinstance(node, (int, float, decimal.Decimal)) and not isinstance(node, bool)


def is_integral_number(node: Any) -> bool:
    """``isIntegralNumber()``: an integer literal (no fraction, no exponent)."""
    return isinstance(node, int) and not isinstance(node, bool)


def is_int(node: Any) -> bool:
    """``isInt()``: an integer literal that Jackson holds in an ``IntNode`` (32-bit range)."""
    return isinstance(node, int) and not isinstance(node, bool) and _INT32_MIN <= node <= _INT32_MAX


def _decimal_long_value(value: decimal.Decimal) -> int:
    """``BigDecimal.longValue()`` (JDK 21): truncate toward zero, keep the low 64 bits."""
    if not value.is_finite():  # only from hand-built trees; Java has no such BigDecimal
        return 0
    if value.is_zero() or value.adjusted() < 0:
        return 0
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent >= 64:  # a multiple of 10**64, hence of 2**64: the low 64 bits are zero
        return 0
    return wrap_int64(int(value))


def _double_to_long(value: float) -> int:
    """Java's saturating ``(long)`` cast of a double."""
    if math.isnan(value):
        return 0
    if value >= 2.0**63:
        return 2**63 - 1
    if value <= -(2.0**63):
        return -(2**63)
    return int(value)


def long_value(node: Any) -> int:
    """``longValue()``: numbers truncated and narrowed as Java does; anything else is 0."""
    if isinstance(node, bool):
        return 0
    if isinstance(node, int):
        return wrap_int64(node)
    if isinstance(node, decimal.Decimal):
        return _decimal_long_value(node)
    if isinstance(node, float):
        if not math.isfinite(node):
            return _double_to_long(node)
        return _decimal_long_value(_float_as_decimal(node))
    return 0


def int_value(node: Any) -> int:
    """``intValue()``: the low 32 bits of :func:`long_value` (Java's ``(int)`` narrowing)."""
    if isinstance(node, float) and not math.isfinite(node):
        long = _double_to_long(node)
        return max(_INT32_MIN, min(_INT32_MAX, long))
    return wrap_int32(long_value(node))


_F32: Final = struct.Struct("<f")
_U32: Final = struct.Struct("<I")


def _float32_bits_step(value: float, upward: bool) -> float:
    """The float32 next to the float32 ``value`` (finite), toward +inf if ``upward``."""
    if value == 0.0:
        tiny = _F32.unpack(_U32.pack(1))[0]
        return float(tiny if upward else -tiny)
    bits = _U32.unpack(_F32.pack(value))[0]
    if (value > 0) == upward:
        bits += 1
    else:
        bits -= 1
    return float(_F32.unpack(_U32.pack(bits & 0xFFFFFFFF))[0])


def _round_to_float32(approx: float, exact: decimal.Decimal | int) -> float:
    """The float32 nearest to ``exact`` (ties to even), given its nearest double ``approx``.

    Rounding twice (exact -> double -> float32) is wrong only when the double lands exactly on
    the midpoint between two float32 values; that case is settled with exact arithmetic.
    """
    try:
        rounded = float(_F32.unpack(_F32.pack(approx))[0])
    except OverflowError:
        return math.copysign(math.inf, approx)
    if rounded == approx or not math.isfinite(rounded):
        return rounded
    neighbour = _float32_bits_step(rounded, approx > rounded)
    if not math.isfinite(neighbour):
        return rounded
    midpoint = (rounded + neighbour) / 2
    if approx != midpoint:
        return rounded
    exact_dec = decimal.Decimal(exact)
    mid_dec = decimal.Decimal(midpoint)
    if exact_dec == mid_dec:
        return rounded  # a true tie: the double rounding already went to even
    toward_neighbour = (exact_dec > mid_dec) == (neighbour > rounded)
    return neighbour if toward_neighbour else rounded


def _int_to_double(value: int) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _decimal_to_double(value: decimal.Decimal) -> float:
    if value.is_zero():
        return 0.0  # BigDecimal has no negative zero
    return float(value)


def double_value(node: Any) -> float:
    """``doubleValue()``: numbers rounded to the nearest double; anything else is 0.0."""
    if isinstance(node, bool):
        return 0.0
    if isinstance(node, int):
        return _int_to_double(node)
    if isinstance(node, decimal.Decimal):
        return _decimal_to_double(node)
    if isinstance(node, float):
        return 0.0 if node == 0.0 else node
    return 0.0


def float_value(node: Any) -> float:
    """``floatValue()``: numbers rounded *directly* to the nearest float32; anything else 0.0."""
    if isinstance(node, bool):
        return 0.0
    if isinstance(node, int):
        return _round_to_float32(_int_to_double(node), node)
    if isinstance(node, decimal.Decimal):
        if node.is_zero():
            return 0.0
        return _round_to_float32(float(node), node)
    if isinstance(node, float):
        if not math.isfinite(node):
            return node
        if node == 0.0:
            return 0.0
        return _round_to_float32(node, _float_as_decimal(node))
    return 0.0


def decimal_value(node: Any) -> decimal.Decimal:
    """``decimalValue()`` of a number node: exactly as written (scale from the text)."""
    if isinstance(node, bool):
        return decimal.Decimal(0)
    if isinstance(node, int):
        return decimal.Decimal(node)
    if isinstance(node, decimal.Decimal):
        return node.copy_abs() if node.is_zero() else node
    if isinstance(node, float):
        if not math.isfinite(node):
            raise ValueError(f"{node} has no decimal value")
        # BigDecimal.valueOf(double): the digits of Double.toString
        return decimal.Decimal(double_to_string(node))
    return decimal.Decimal(0)


def text_value(node: Any) -> str | None:
    """``textValue()``: the string of a text node, else ``None``."""
    return node if isinstance(node, str) else None


def binary_value(node: Any) -> bytes | None:
    """``binaryValue()``: base64-decoded text, raw binary, else ``None``.

    Raises ``ValueError`` for text that is not valid base64 (Jackson's ``IOException``).
    """
    if isinstance(node, str):
        return decode_base64(node)
    if isinstance(node, (bytes, bytearray)):
        return bytes(node)
    return None


def boolean_value(node: Any) -> bool:
    """``booleanValue()``: the value of a boolean node, else ``False``."""
    return node if isinstance(node, bool) else False


def iterate(node: Any) -> Iterable[Any]:
    """What ``for (JsonNode e : node)`` visits: array items, object values, else nothing."""
    if isinstance(node, list):
        return node
    if isinstance(node, dict):
        return node.values()
    return ()


def as_text(node: Any) -> str:
    """``asText()``: the text form of a value node; ``""`` for containers."""
    if isinstance(node, str):
        return node
    if node is None:
        return "null"
    if node is MISSING:
        return ""
    if node is True:
        return "true"
    if node is False:
        return "false"
    if isinstance(node, int):
        return str(node)
    if isinstance(node, decimal.Decimal):
        return decimal_to_string(node)
    if isinstance(node, float):
        return double_to_string(node)
    if isinstance(node, (bytes, bytearray)):
        return base64.b64encode(node).decode("ascii")
    return ""


# ------------------------------------------------------------------------------------------
# Base64 as Jackson reads it (Base64Variants.MIME_NO_LINEFEEDS, padding required)

_B64_VALUES: Final = {
    c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}


def _b64_slow(text: str) -> bytes:
    """Jackson's ``Base64Variant.decode``: whitespace allowed between quads, padding required."""
    out = bytearray()
    pos, end = 0, len(text)
    values = _B64_VALUES
    while True:
        while pos < end and text[pos] <= " ":
            pos += 1
        if pos >= end:
            return bytes(out)
        chars = text[pos : pos + 4]
        pos += len(chars)
        if len(chars) < 2 or chars[0] not in values or chars[1] not in values:
            raise ValueError(f"Illegal base64 content in {text!r}")
        bits = values[chars[0]] << 6 | values[chars[1]]
        if len(chars) < 3:
            raise ValueError("Unexpected end of base64-encoded String")
        if chars[2] == "=":
            if len(chars) < 4 or chars[3] != "=":
                raise ValueError("expected padding character '='")
            out.append(bits >> 4)
            continue
        if chars[2] not in values:
            raise ValueError(f"Illegal base64 character {chars[2]!r}")
        bits = bits << 6 | values[chars[2]]
        if len(chars) < 4:
            raise ValueError("Unexpected end of base64-encoded String")
        if chars[3] == "=":
            out += (bits >> 2).to_bytes(2, "big")
            continue
        if chars[3] not in values:
            raise ValueError(f"Illegal base64 character {chars[3]!r}")
        out += (bits << 6 | values[chars[3]]).to_bytes(3, "big")


_JAVA_TRIM: Final = "".join(map(chr, range(33)))  # what String.trim() removes


def decode_base64(text: str) -> bytes:
    """Decode base64 text as Jackson's ``TextNode.binaryValue()``; ``ValueError`` if invalid."""
    if len(text) % 4 == 0:
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            pass
    return _b64_slow(text.strip(_JAVA_TRIM))
