"""Reading worker and connector configuration files: Java ``.properties`` and JSON.

:func:`parse_properties` follows ``java.util.Properties.load``: ``key=value``, ``key: value`` or
``key value``; ``#`` and ``!`` comment lines; a line ending in an odd number of backslashes
continues on the next line (whose leading whitespace is dropped); escapes ``\\t \\n \\r \\f``,
``\\uXXXX`` and ``\\<any>`` for that character. Files are read as UTF-8 (Latin-1 if they are
not valid UTF-8), where Java reads Latin-1 only.

Connector configurations may also be JSON, as Kafka Connect's REST API takes them: either
``{"name": "...", "config": {...}}`` or a flat object of keys and values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from connect_data.config import ConfigException

__all__ = ["load_config_file", "load_connector_config", "parse_properties"]

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


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigException(
            f"Cannot read the configuration file {path}: {exc.strerror or exc}"
        ) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _json_value(key: str, value: Any, path: Path) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    raise ConfigException(
        f"Configuration {key} in {path} must be a string, number or boolean, not "
        f"{type(value).__name__}"
    )


def _from_json(data: Any, path: Path) -> dict[str, str]:
    if not isinstance(data, Mapping):
        raise ConfigException(f"The JSON in {path} must be an object")
    name = data.get("name")
    config = data.get("config")
    if isinstance(config, Mapping):
        body = config
    elif config is None:
        body = data
    else:
        raise ConfigException(f'"config" in {path} must be an object')
    result: dict[str, str] = {}
    for key, value in body.items():
        text = _json_value(str(key), value, path)
        if text is not None:
            result[str(key)] = text
    if isinstance(config, Mapping) and name is not None:
        if "name" in result and result["name"] != str(name):
            raise ConfigException(
                f"Connector name configuration ({result['name']}) doesn't match connector name "
                f"({name}) in {path}"
            )
        result["name"] = str(name)
    return result


def load_config_file(path: str | Path) -> dict[str, str]:
    """A configuration file's keys: JSON when it ends in ``.json`` or starts with ``{``,
    else Java properties. Raises :class:`ConfigException` naming the file on error."""
    file = Path(path)
    text = _read_text(file)
    if file.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigException(f"{file} is not valid JSON: {exc}") from exc
        return _from_json(data, file)
    return parse_properties(text)


def load_connector_config(path: str | Path) -> dict[str, str]:
    """A connector configuration file (properties or JSON); it must name the connector."""
    config = load_config_file(path)
    if not config.get("name", "").strip():
        raise ConfigException(f"The connector configuration in {path} has no 'name'")
    return config
