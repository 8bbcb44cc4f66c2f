"""Writing JSON text exactly as Kafka's JsonConverter (Jackson 2.16) writes it.

Jackson's output differs from orjson's in three ways, all handled here:

* numbers: Java's ``Double.toString`` (``1.0E-4``, ``1.0E7``), ``BigDecimal.toString`` for
  decimals; NaN and infinities as the strings ``"NaN"``, ``"Infinity"``, ``"-Infinity"``;
* control characters other than ``\\b \\t \\n \\f \\r`` escaped with *upper-case* hex
  (``\\u001F``);
* characters outside the Basic Multilingual Plane escaped as a UTF-16 surrogate pair
  (``\\uD83D\\uDE00``), lone surrogates escaped on their own.

:func:`number_fragment` and :func:`fix_escapes` are the pieces the compiled encoders use around
``orjson.dumps``; :func:`write_tree` writes any JSON tree (see :mod:`converters._json_nodes`).
"""

from __future__ import annotations

import decimal
import math
import re
from typing import Any, Final

import orjson

from connect_data import DataException
from connect_data.javatext import decimal_to_string, double_to_string

__all__ = [
    "MAX_DEPTH",
    "fix_escapes",
    "float_node",
    "needs_fix",
    "prepare",
    "write_tree",
]

#: Jackson 2.16's ``StreamWriteConstraints`` / ``StreamReadConstraints`` nesting limit.
MAX_DEPTH: Final = 1000

_FIX_RE: Final = re.compile(rb"\\\\|\\u00([0-9a-f]{2})|[\xf0-\xf7][\x80-\xbf]{3}")


def _fix_match(match: re.Match[bytes]) -> bytes:
    text = match.group(0)
    if text == b"\\\\":
        return text
    hex_digits = match.group(1)
    if hex_digits is not None:
        return b"\\u00" + hex_digits.upper()
    code = ord(text.decode("utf-8"))
    high = 0xD800 + ((code - 0x10000) >> 10)
    low = 0xDC00 + ((code - 0x10000) & 0x3FF)
    return b"\\u%X\\u%X" % (high, low)


def needs_fix(out: bytes) -> bool:
    """True if orjson output ``out`` holds text that Jackson writes differently."""
    return b"\\u00" in out or (not out.isascii() and max(out) >= 0xF0)


def fix_escapes(out: bytes) -> bytes:
    """Rewrite orjson output with Jackson's escapes (upper-case hex, escaped non-BMP chars)."""
    if needs_fix(out):
        return _FIX_RE.sub(_fix_match, out)
    return out


_SPECIAL_FLOATS: Final = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def float_node(value: float) -> Any:
    """What orjson must be given for a double so that it writes Java's text.

    Plain floats in [1e-3, 1e7) (and zero) print identically; others become an
    ``orjson.Fragment`` with Java's text; NaN and infinities become strings.
    """
    magnitude = abs(value)
    if 1e-3 <= magnitude < 1e7 or magnitude == 0.0:
        return value
    if math.isfinite(value):
        return orjson.Fragment(double_to_string(value))
    return _SPECIAL_FLOATS[repr(value)]


def prepare(node: Any) -> Any:
    """Replace the numbers of a tree by what orjson writes in Java's form (iteratively)."""
    if isinstance(node, float):
        return float_node(node)
    if isinstance(node, decimal.Decimal):
        return orjson.Fragment(decimal_to_string(node))
    if not isinstance(node, (list, dict)):
        return node
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any, int]] = [(node, root, 0, 1)]
    while stack:
        source, target, slot, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise DataException(
                f"Document nesting depth ({depth}) exceeds the maximum allowed ({MAX_DEPTH})"
            )
        if isinstance(source, list):
            copy: Any = [None] * len(source)
            items: Any = enumerate(source)
        else:
            copy = dict.fromkeys(source)
            items = source.items()
        target[slot] = copy
        for key, item in items:
            if isinstance(item, (list, dict)):
                stack.append((item, copy, key, depth + 1))
            elif isinstance(item, float):
                copy[key] = float_node(item)
            elif isinstance(item, decimal.Decimal):
                copy[key] = orjson.Fragment(decimal_to_string(item))
            else:
                copy[key] = item
    return root[0]


_SHORT_ESCAPES: Final = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_ESCAPE_RE: Final = re.compile('["\\\\\x00-\x1f\ud800-\udfff\U00010000-\U0010ffff]')


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    short = _SHORT_ESCAPES.get(char)
    if short is not None:
        return short
    code = ord(char)
    if code >= 0x10000:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04X}\\u{0xDC00 + (code & 0x3FF):04X}"
    return f"\\u{code:04X}"


def _quote(text: str) -> str:
    return '"' + _ESCAPE_RE.sub(_escape_char, text) + '"'


def _scalar_text(node: Any) -> str:
    if node is None:
        return "null"
    if node is True:
        return "true"
    if node is False:
        return "false"
    if isinstance(node, str):
        return _quote(node)
    if isinstance(node, int):
        return str(node)
    if isinstance(node, float):
        if math.isfinite(node):
            return double_to_string(node)
        return '"' + _SPECIAL_FLOATS[repr(node)] + '"'
    if isinstance(node, decimal.Decimal):
        return decimal_to_string(node)
    if isinstance(node, orjson.Fragment):
        contents = node.contents
        return contents.decode("utf-8") if isinstance(contents, bytes) else contents
    raise DataException(f"Cannot write {type(node).__name__} as JSON")


def _write_slow(node: Any) -> bytes:
    """A pure-Python, iterative writer (for what orjson refuses: deep trees, lone surrogates)."""
    parts: list[str] = []
    # stack entries: ("v", node, depth) to write a value, or ("s", text) to write text
    stack: list[tuple[Any, ...]] = [("v", node, 0)]
    while stack:
        entry = stack.pop()
        if entry[0] == "s":
            parts.append(entry[1])
            continue
        value, depth = entry[1], entry[2]
        if isinstance(value, (list, dict)):
            if depth + 1 > MAX_DEPTH:
                raise DataException(
                    f"Document nesting depth ({depth + 1}) exceeds the maximum allowed "
                    f"({MAX_DEPTH})"
                )
            todo: list[tuple[Any, ...]] = []
            if isinstance(value, list):
                parts.append("[")
                for i, item in enumerate(value):
                    if i:
                        todo.append(("s", ","))
                    todo.append(("v", item, depth + 1))
                todo.append(("s", "]"))
            else:
                parts.append("{")
                for i, (key, item) in enumerate(value.items()):
                    todo.append(("s", ("," if i else "") + _quote(key) + ":"))
                    todo.append(("v", item, depth + 1))
                todo.append(("s", "}"))
            stack.extend(reversed(todo))
        else:
            parts.append(_scalar_text(value))
    return "".join(parts).encode("utf-8", "surrogatepass")


def write_tree(node: Any) -> bytes:
    """The compact JSON text Jackson writes for a JSON tree."""
    prepared = prepare(node)
    try:
        out = orjson.dumps(prepared)
    except TypeError:  # orjson's recursion limit (255) or a lone surrogate
        return _write_slow(prepared)
    return fix_escapes(out)
