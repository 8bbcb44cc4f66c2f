"""Reading Java ``.properties`` text as ``java.util.Properties.load`` does.

:func:`parse_properties` accepts ``key=value``, ``key: value`` or ``key value``; ``#`` and ``!``
comment lines; a line ending in an odd number of backslashes continues on the next line (whose
leading whitespace is dropped); escapes ``\\t \\n \\r \\f``, ``\\uXXXX`` and ``\\<any>`` for
that character. Worker and connector configuration files and the
:class:`~connect_data.config.providers.FileConfigProvider` read their files with it.
"""

from __future__ import annotations

import re
from typing import Final

from connect_data.config.exception import ConfigException

__all__ = ["parse_properties"]

_WHITESPACE: Final = " \t\f"
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
_ESCAPES: Final = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}


def _continues(line: str) -> bool:
    count = len(line) - len(line.rstrip("\\"))
    return count % 2 == 1


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out: list[str] = []
    i = 0
    length = len(text)
    while i < length:
        char = text[i]
        i += 1
        if char != "\\":
            out.append(char)
            continue
        if i >= length:
            break
        char = text[i]
        i += 1
        if char == "u":
            digits = text[i : i + 4]
            if len(digits) != 4 or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise ConfigException("Malformed \\uxxxx encoding.")
            out.append(chr(int(digits, 16)))
            i += 4
        else:
            out.append(_ESCAPES.get(char, char))
    result = "".join(out)
    try:  # \uD83D\uDE00: a UTF-16 surrogate pair is one character, as in a Java string
        return result.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:  # a lone surrogate stays as it is
        return result


def _split(line: str) -> tuple[str, str]:
    key_len = 0
    limit = len(line)
    value_start = limit
    has_separator = False
    preceding_backslash = False
    while key_len < limit:
        char = line[key_len]
        if char in "=:" and not preceding_backslash:
            value_start = key_len + 1
            has_separator = True
            break
        if char in _WHITESPACE and not preceding_backslash:
            value_start = key_len + 1
            break
        preceding_backslash = (not preceding_backslash) if char == "\\" else False
        key_len += 1
    while value_start < limit:
        char = line[value_start]
        if char not in _WHITESPACE:
            if not has_separator and char in "=:":
                has_separator = True
            else:
                break
        value_start += 1
    return line[:key_len], line[value_start:]


def parse_properties(text: str) -> dict[str, str]:
    """The key/value pairs of a ``.properties`` document (later keys win)."""
    lines = _LINE_BREAK.split(text)
    result: dict[str, str] = {}
    index = 0
    while index < len(lines):
        line = lines[index].lstrip(_WHITESPACE)
        index += 1
        if not line or line[0] in "#!":
            continue
        logical = line
        while _continues(logical):
            logical = logical[:-1]
            if index >= len(lines):
                break
            logical += lines[index].lstrip(_WHITESPACE)
            index += 1
        key, value = _split(logical)
        result[_unescape(key)] = _unescape(value)
    return result
