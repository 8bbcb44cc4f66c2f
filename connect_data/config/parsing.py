"""Parsing configuration values by type, and writing them back as strings.

``ConfigDef.parseType`` and ``ConfigDef.convertToString`` of Java, exposed as
:meth:`ConfigDef.parse_type` and :meth:`ConfigDef.convert_to_string`.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from typing import Any, Final

from connect_data.config import _java
from connect_data.config.classes import class_resolver
from connect_data.config.enums import Type
from connect_data.config.exception import ConfigException
from connect_data.config.password import Password

__all__ = ["convert_to_string", "convert_to_string_map_with_password_values", "parse_type"]

# Java's "\\s*,\\s*": \s is ASCII whitespace only in java.util.regex.
_COMMA_WITH_WHITESPACE: Final = re.compile(r"[ \t\n\x0b\f\r]*,[ \t\n\x0b\f\r]*")

_INT_RANGES: Final = {
    Type.SHORT: (_java.SHORT_MIN, _java.SHORT_MAX, "a 16-bit integer (short)"),
    Type.INT: (_java.INT_MIN, _java.INT_MAX, "a 32-bit integer"),
    Type.LONG: (_java.LONG_MIN, _java.LONG_MAX, "a 64-bit integer (long)"),
}


def _error(name: str, value: Any, type_: Type, message: str) -> ConfigException:
    """A parse error; a ``PASSWORD`` value is never written into the message."""
    shown = Password.HIDDEN if type_ is Type.PASSWORD else value
    return ConfigException(name, shown, message)


def _to_double(value: Any) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def parse_type(name: str, value: Any, type_: Type) -> Any:
    """Parse ``value`` for configuration ``name`` of type ``type_``, as Java's ``parseType``.

    ``None`` stays ``None``. Strings are trimmed (Java's ``String.trim``) and then read per type;
    values already of the right Python type are kept. Raises :class:`ConfigException` worded as
    Java's, e.g. ``Invalid value x for configuration port: Not a number of type INT``.
    """
    if value is None:
        return None
    trimmed = _java.java_trim(value) if isinstance(value, str) else None
    if type_ is Type.BOOLEAN:
        if trimmed is not None:
            if _java.equals_ignore_case(trimmed, "true"):
                return True
            if _java.equals_ignore_case(trimmed, "false"):
                return False
        elif isinstance(value, bool):
            return value
        raise _error(name, value, type_, "Expected value to be either true or false")
    if type_ is Type.PASSWORD:
        if isinstance(value, Password):
            return value
        if trimmed is not None:
            return Password(trimmed)
        raise _error(
            name,
            value,
            type_,
            f"Expected value to be a string, but it was a {_java.type_name(value)}",
        )
    if type_ is Type.STRING:
        if trimmed is not None:
            return trimmed
        raise _error(
            name,
            value,
            type_,
            f"Expected value to be a string, but it was a {_java.type_name(value)}",
        )
    if type_ in _INT_RANGES:
        low, high, described = _INT_RANGES[type_]
        if trimmed is not None:
            parsed = _java.parse_integer(trimmed, low, high)
        elif isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise _error(
                name,
                value,
                type_,
                f"Expected value to be {described}, but it was a {_java.type_name(value)}",
            )
        else:
            parsed = int(value)
            if parsed < low or parsed > high:
                parsed = None
        if parsed is None:
            raise _error(name, value, type_, f"Not a number of type {type_}")
        return parsed
    if type_ is Type.DOUBLE:
        if trimmed is not None:
            double = _java.parse_double(trimmed)
            if double is None:
                raise _error(name, value, type_, f"Not a number of type {type_}")
            return double
        if isinstance(value, numbers.Number) and not isinstance(value, (bool, complex)):
            return _to_double(value)
        raise _error(
            name,
            value,
            type_,
            f"Expected value to be a double, but it was a {_java.type_name(value)}",
        )
    if type_ is Type.LIST:
        if isinstance(value, list):
            return value
        if isinstance(value, tuple):
            return list(value)
        if trimmed is not None:
            if not trimmed:
                return []
            return _COMMA_WITH_WHITESPACE.split(trimmed)
        raise _error(name, value, type_, "Expected a comma separated list.")
    if type_ is Type.CLASS:
        if isinstance(value, type):
            return value
        if trimmed is None:
            raise _error(name, value, type_, "Expected a Class instance or class name.")
        return _load(name, value, trimmed)
    raise ConfigException(name, value, f"Unknown type {type_!r}.")


def _load(name: str, value: str, class_name: str) -> type:
    try:
        loaded = class_resolver()(class_name)
    except ConfigException as exc:  # a resolver's own explanation (e.g. close matches) wins
        raise ConfigException(name, value, exc.message) from exc
    except (LookupError, AttributeError) as exc:
        raise ConfigException(name, value, f"Class {value} could not be found.") from exc
    except ImportError as exc:
        if _names_missing_part(exc, class_name):
            raise ConfigException(name, value, f"Class {value} could not be found.") from exc
        raise ConfigException(
            name, value, f"Class {value} could not be loaded: {type(exc).__name__}: {exc}"
        ) from exc
    except Exception as exc:
        raise ConfigException(
            name, value, f"Class {value} could not be loaded: {type(exc).__name__}: {exc}"
        ) from exc
    if not isinstance(loaded, type):
        raise ConfigException(name, value, f"Class {value} could not be found.")
    return loaded


def _names_missing_part(exc: ImportError, class_name: str) -> bool:
    """Whether ``exc`` says a module of ``class_name`` itself is missing (not a dependency)."""
    missing = exc.name
    if not isinstance(exc, ModuleNotFoundError) or not missing:
        return False
    return class_name == missing or class_name.startswith((missing + ".", missing + ":"))


def convert_to_string(parsed_value: Any, type_: Type | None) -> str | None:
    """Write a parsed value back as a string, as Java's ``ConfigDef.convertToString``.

    ``None`` gives ``None``; lists join with ``,``; classes give their dotted path (which
    :func:`~connect_data.config.load_class` loads back); a :class:`Password` gives ``[hidden]``.
    With ``type_=None`` the value's own Java ``toString`` is used.
    """
    if parsed_value is None:
        return None
    if type_ is Type.LIST:
        return ",".join(_java.java_str(item) for item in parsed_value)
    if type_ is Type.CLASS:
        if isinstance(parsed_value, type):
            return _java.class_name(parsed_value)
        return str(parsed_value)
    return _java.java_str(parsed_value)


def convert_to_string_map_with_password_values(configs: Mapping[str, Any]) -> dict[str, str]:
    """Every value as a string, **passwords included in clear** (Java's method of this name).

    For handing a parsed configuration to code that wants strings; never log the result.
    ``None`` values are left out.
    """
    result: dict[str, str] = {}
    for key, value in configs.items():
        text: str | None
        if isinstance(value, Password):
            text = value.value()
        elif isinstance(value, list):
            text = convert_to_string(value, Type.LIST)
        elif isinstance(value, type):
            text = convert_to_string(value, Type.CLASS)
        else:
            text = convert_to_string(value, None)
        if text is not None:
            result[key] = text
    return result
