"""Java's text and number rules that configuration parsing must follow exactly (private)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, Final

from connect_data.javatext import double_to_string

__all__ = [
    "compare_key",
    "equals_ignore_case",
    "java_str",
    "java_trim",
    "parse_double",
    "parse_integer",
    "type_name",
]

INT_MIN: Final = -(2**31)
INT_MAX: Final = 2**31 - 1
SHORT_MIN: Final = -(2**15)
SHORT_MAX: Final = 2**15 - 1
LONG_MIN: Final = -(2**63)
LONG_MAX: Final = 2**63 - 1

# Integer.parseInt / Long.parseLong: an optional sign then decimal digits (Character.digit
# accepts every Unicode decimal digit, as Python's \d and int() do), nothing else.
_INTEGER: Final = re.compile(r"[+-]?\d+")
# Double.parseDouble (FloatingDecimal): decimal or hexadecimal floating literals with an
# optional f/F/d/D suffix, or the exact words NaN and Infinity; ASCII digits only.
_DECIMAL_FLOAT: Final = re.compile(
    r"[+-]?(?:NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?)"
)
_HEX_FLOAT: Final = re.compile(
    r"([+-]?)0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP]([+-]?[0-9]+)[fFdD]?"
)


def java_trim(text: str) -> str:
    """``String.trim()``: strip every character up to U+0020 from both ends (not Unicode spaces)."""
    start = 0
    end = len(text)
    while start < end and text[start] <= " ":
        start += 1
    while end > start and text[end - 1] <= " ":
        end -= 1
    return text[start:end]


def equals_ignore_case(text: str, other: str) -> bool:
    """``String.equalsIgnoreCase``: equal length and equal char by char up to case."""
    if len(text) != len(other):
        return False
    for a, b in zip(text, other, strict=True):
        if a == b:
            continue
        upper_a, upper_b = a.upper(), b.upper()
        if upper_a == upper_b or upper_a.lower() == upper_b.lower():
            continue
        return False
    return True


def parse_integer(text: str, low: int, high: int) -> int | None:
    """Integer.parseInt, Long.parseLong or Short.parseShort; ``None`` where Java throws."""
    if _INTEGER.fullmatch(text) is None:
        return None
    if len(text.lstrip("+-").lstrip("0")) > 20:
        return None  # out of every range; also keeps int() clear of its digit limit
    value = int(text)
    if value < low or value > high:
        return None
    return value


def parse_double(text: str) -> float | None:
    """``Double.parseDouble`` of an already trimmed string; ``None`` where Java throws."""
    if _DECIMAL_FLOAT.fullmatch(text) is not None:
        negative = text.startswith("-")
        body = text.lstrip("+-")
        if body == "NaN":
            return math.nan
        if body == "Infinity":
            return -math.inf if negative else math.inf
        if body[-1] in "fFdD":
            body = body[:-1]
        value = float(body)
        return -value if negative else value
    match = _HEX_FLOAT.fullmatch(text)
    if match is None:
        return None
    sign, mantissa, exponent = match.groups()
    try:
        value = float.fromhex(f"0x{mantissa}p{exponent}")
    except OverflowError:
        value = math.inf
    return -value if sign == "-" else value


def type_name(value: object) -> str:
    """The name of ``value``'s type, where Java's messages print ``getClass().getName()``."""
    return type(value).__name__


def java_str(value: Any) -> str:
    """Java's ``String.valueOf`` for configuration values.

    ``None`` is ``null``, booleans ``true``/``false``, floats as ``Double.toString``, lists
    ``[a, b]``, mappings ``{k=v}``, classes ``class module.Name``; a ``Password`` prints its own
    ``[hidden]`` text through ``str``.
    """
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return double_to_string(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return "[" + ", ".join(java_str(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{java_str(k)}={java_str(v)}" for k, v in value.items()) + "}"
    if isinstance(value, type):
        return f"class {class_name(value)}"
    return str(value)


def class_name(cls: type) -> str:
    """``Class.getName()`` in Python: the dotted path that loads ``cls`` back."""
    return f"{cls.__module__}.{cls.__qualname__}"


def compare_key(name: str) -> bytes:
    """A sort key that orders strings as Java's ``String.compareTo`` (by UTF-16 code units)."""
    return name.encode("utf-16-be", "surrogatepass")
