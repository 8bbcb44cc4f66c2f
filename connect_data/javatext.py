"""Java's text forms of values, for byte-identical output with Java Kafka Connect.

Kafka Connect writes numbers and values through Java's ``Double.toString``,
``Float.toString``, ``BigDecimal.toString`` and ``Object.toString``. Converters that must write
the same bytes as Java (JSON, String, headers) use these functions.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import math
import struct as _struct
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from connect_data.schema import Schema

__all__ = [
    "decimal_to_plain_string",
    "decimal_to_string",
    "double_to_string",
    "float_to_string",
    "round_float32",
    "to_java_string",
]

_F32 = _struct.Struct("<f")


def round_float32(value: float) -> float:
    """Round a Python float to the nearest IEEE-754 single-precision value (Java's ``(float) d``)."""
    try:
        return float(_F32.unpack(_F32.pack(value))[0])
    except OverflowError:
        return math.copysign(math.inf, value)


def _sci(digits: str, exponent: int, negative: bool) -> str:
    """Java's computerized scientific notation: ``d.ddddE[-]n`` with at least one fraction digit."""
    frac = digits[1:] or "0"
    return f"{'-' if negative else ''}{digits[0]}.{frac}E{exponent}"


def _plain(digits: str, exponent: int, negative: bool) -> str:
    """Plain notation for 1e-3 <= |x| < 1e7, with at least one fraction digit."""
    if exponent >= 0:
        int_part = digits[: exponent + 1].ljust(exponent + 1, "0")
        frac = digits[exponent + 1 :] or "0"
    else:
        int_part = "0"
        frac = "0" * (-exponent - 1) + digits
    return f"{'-' if negative else ''}{int_part}.{frac}"


def _format_shortest(text: str, negative: bool) -> str:
    """Format the shortest decimal ``text`` (a repr of a positive finite float) Java's way."""
    mantissa, _, exp_text = text.partition("e")
    exponent = int(exp_text) if exp_text else 0
    int_part, _, frac_part = mantissa.partition(".")
    digits = (int_part + frac_part).lstrip("0")
    # exponent of the first significant digit
    lead = len(int_part.lstrip("0"))
    if lead:
        exponent += lead - 1
    else:
        exponent -= len(frac_part) - len(frac_part.lstrip("0")) + 1
    digits = digits.rstrip("0") or "0"
    if -3 <= exponent < 7:
        return _plain(digits, exponent, negative)
    return _sci(digits, exponent, negative)


def double_to_string(value: float) -> str:
    """Java's ``Double.toString`` (JDK 19+ shortest digits): ``1.0``, ``1.0E-4``, ``1.0E7``."""
    if math.isnan(value):
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    magnitude = abs(value)
    if 1e-3 <= magnitude < 1e7:
        return repr(value)  # Python's repr is plain and shortest in this range, as Java's
    if value == 0.0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    text = repr(magnitude)
    if len(text.partition("e")[0].replace(".", "").strip("0")) == 1:
        # Java considers at least two digits and picks the closest: 4.9E-324, not 5.0E-324
        two = f"{magnitude:.1e}"
        if float(two) == magnitude:
            text = two
    return _format_shortest(text, value < 0)


def _float32_shortest(magnitude: float) -> str:
    """The shortest decimal that rounds back to the float32 ``magnitude`` (a positive finite value)."""
    # Java considers at least two significant digits and picks, among the decimals of the
    # shortest length that read back as the value, the closest (1.4E-45)
    for precision in range(1, 9):
        text = f"{magnitude:.{precision}e}"
        nearest = float(text)
        if round_float32(nearest) == magnitude:
            return text
        # Next to a power of two the value's rounding interval is lopsided: the nearest decimal
        # may fall outside it while its neighbour on the other side is inside.
        digits, _, exponent = text.partition("e")
        unscaled = int(digits.replace(".", "")) + (1 if nearest < magnitude else -1)
        other = f"{unscaled}e{int(exponent) - precision}"
        if round_float32(float(other)) == magnitude:
            return other
    return f"{magnitude:.8e}"


def float_to_string(value: float) -> str:
    """Java's ``Float.toString`` of ``value`` taken as a float32 (JDK 19+ shortest digits)."""
    value = round_float32(value)
    if math.isnan(value):
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0.0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    return _format_shortest(_float32_shortest(abs(value)), value < 0)


def decimal_to_string(value: decimal.Decimal) -> str:
    """Java's ``BigDecimal.toString`` (scientific notation where Java uses it: ``1E-10``, ``1.0E+3``).

    Python's ``str(Decimal)`` follows the same specification; Java has no negative zero.
    """
    if value.is_zero() and value.is_signed():
        value = value.copy_abs()
    return str(value)


def decimal_to_plain_string(value: decimal.Decimal) -> str:
    """Java's ``BigDecimal.toPlainString``: no exponent, trailing zeros kept."""
    if value.is_zero() and value.is_signed():
        value = value.copy_abs()
    return format(value, "f")


def _date_to_string(value: _dt.date | _dt.time) -> str:
    """``java.util.Date.toString()`` in UTC: ``Thu Jan 01 00:00:00 UTC 1970``."""
    if isinstance(value, _dt.datetime):
        moment = value.astimezone(_dt.timezone.utc) if value.tzinfo else value
    elif isinstance(value, _dt.date):
        moment = _dt.datetime(value.year, value.month, value.day)
    else:
        moment = _dt.datetime.combine(_dt.date(1970, 1, 1), value.replace(tzinfo=None))
    return moment.strftime("%a %b %d %H:%M:%S UTC %Y")


def to_java_string(value: Any, schema: Schema | None = None) -> str:
    """Java's ``String.valueOf(value)`` for Connect data: what ``StringConverter`` writes.

    ``schema`` (optional) tells float32 from float64 values; lists print as ``[a, 1, null]``,
    maps as ``{k=v}``, structs as ``Struct{a=1}``, dates as ``java.util.Date`` does in UTC.
    """
    from connect_data.schema import Type

    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if schema is not None and schema.type() is Type.FLOAT32:
            return float_to_string(value)
        return double_to_string(value)
    if isinstance(value, str):
        return value
    if isinstance(value, decimal.Decimal):
        return decimal_to_string(value)
    if isinstance(value, (_dt.date, _dt.time)):
        return _date_to_string(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "[" + ", ".join(str(b if b < 128 else b - 256) for b in bytes(value)) + "]"
    if isinstance(value, list):
        item_schema = _child(schema, Type.ARRAY)
        return "[" + ", ".join(to_java_string(item, item_schema) for item in value) + "]"
    if isinstance(value, Mapping):
        key_schema = (
            schema.key_schema() if schema is not None and schema.type() is Type.MAP else None
        )
        value_schema = _child(schema, Type.MAP)
        return (
            "{"
            + ", ".join(
                f"{to_java_string(k, key_schema)}={to_java_string(v, value_schema)}"
                for k, v in value.items()
            )
            + "}"
        )
    return repr(value)  # Struct's repr is Java's toString


def _child(schema: Schema | None, expected: object) -> Schema | None:
    if schema is None or schema.type() is not expected:
        return None
    return schema.value_schema()
