"""Validators for single configuration values (``ConfigDef.Validator`` and its implementations).

A validator is any object with ``ensure_valid(name, value)`` that raises
:class:`ConfigException` for a bad value. Its ``str()`` is what the generated documentation
shows under "Valid Values", exactly as Java's ``toString()``::

    >>> str(Range.between(0, 14))
    '[0,...,14]'
    >>> str(ValidString.in_("a", "b"))
    '[a, b]'

Validators run on the *parsed* value (after :meth:`ConfigDef.parse` turned ``"5"`` into ``5``),
and also on ``None`` when a key is unset and defaults to ``None``.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from connect_data.config._java import java_str, type_name
from connect_data.config.exception import ConfigException

__all__ = [
    "CaseInsensitiveValidString",
    "CompositeValidator",
    "LambdaValidator",
    "ListSize",
    "NonEmptyString",
    "NonEmptyStringWithoutControlChars",
    "NonNullValidator",
    "Range",
    "ValidList",
    "ValidString",
    "Validator",
]


@runtime_checkable
class Validator(Protocol):
    """Checks one configuration value (``ConfigDef.Validator``).

    Implement :meth:`ensure_valid` and a ``__str__`` describing the valid values for the docs.
    """

    def ensure_valid(self, name: str, value: Any) -> None:
        """Raise :class:`ConfigException` if ``value`` is not valid for configuration ``name``."""
        ...


class _Described:
    """``repr()`` shows the class and the Java ``toString()`` text."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self})"


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, (bool, complex))


def _as_double(value: Any) -> float:
    """``Number.doubleValue()``: huge integers become infinities instead of raising."""
    try:
        return float(value)
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")


def _wrong_type(name: str, value: Any, expected: str) -> ConfigException:
    return ConfigException(
        name, value, f"Expected value to be {expected}, but it was a {type_name(value)}"
    )


class Range(_Described, Validator):
    """A numeric range with inclusive bounds; values compare as doubles, as in Java.

    Use the factories: ``Range.at_least(0)``, ``Range.at_most(100)``, ``Range.between(1, 10)``.
    """

    __slots__ = ("_max", "_min")

    def __init__(self, min: float | None, max: float | None) -> None:
        self._min = min
        self._max = max

    @classmethod
    def at_least(cls, min: float) -> Range:
        """A range checking only the lower bound: ``[min,...]``."""
        return cls(min, None)

    @classmethod
    def at_most(cls, max: float) -> Range:
        """A range checking only the upper bound: ``[...,max]``."""
        return cls(None, max)

    @classmethod
    def between(cls, min: float, max: float) -> Range:
        """A range checking both bounds: ``[min,...,max]``."""
        return cls(min, max)

    def ensure_valid(self, name: str, value: Any) -> None:
        if value is None:
            raise ConfigException(name, None, "Value must be non-null")
        if not _is_number(value):
            raise _wrong_type(name, value, "a number")
        number = _as_double(value)
        if self._min is not None and number < _as_double(self._min):
            raise ConfigException(name, value, f"Value must be at least {java_str(self._min)}")
        if self._max is not None and number > _as_double(self._max):
            raise ConfigException(name, value, f"Value must be no more than {java_str(self._max)}")

    def __str__(self) -> str:
        if self._min is None and self._max is None:
            return "[...]"
        if self._min is None:
            return f"[...,{java_str(self._max)}]"
        if self._max is None:
            return f"[{java_str(self._min)},...]"
        return f"[{java_str(self._min)},...,{java_str(self._max)}]"


class ValidString(_Described, Validator):
    """The value must be one of the given strings, exactly (case-sensitive)."""

    __slots__ = ("_valid",)

    def __init__(self, valid_strings: Sequence[str]) -> None:
        self._valid = list(valid_strings)

    @classmethod
    def in_(cls, *valid_strings: str) -> ValidString:
        """``ValidString.in("a", "b")`` in Java."""
        return cls(valid_strings)

    def valid_strings(self) -> list[str]:
        """The accepted strings, in the order given."""
        return list(self._valid)

    def ensure_valid(self, name: str, value: Any) -> None:
        if value is not None and not isinstance(value, str):
            raise _wrong_type(name, value, "a string")
        if value not in self._valid:
            raise ConfigException(name, value, "String must be one of: " + ", ".join(self._valid))

    def __str__(self) -> str:
        return "[" + ", ".join(self._valid) + "]"


class CaseInsensitiveValidString(_Described, Validator):
    """The value must be one of the given strings, compared without regard to case.

    The docs list the accepted strings upper-cased, in the order given (Java prints them in
    hash-set order).
    """

    __slots__ = ("_valid",)

    def __init__(self, valid_strings: Sequence[str]) -> None:
        self._valid = list(dict.fromkeys(s.upper() for s in valid_strings))

    @classmethod
    def in_(cls, *valid_strings: str) -> CaseInsensitiveValidString:
        """``CaseInsensitiveValidString.in("a", "b")`` in Java."""
        return cls(valid_strings)

    def ensure_valid(self, name: str, value: Any) -> None:
        if value is not None and not isinstance(value, str):
            raise _wrong_type(name, value, "a string")
        if value is None or value.upper() not in self._valid:
            raise ConfigException(
                name, value, "String must be one of (case insensitive): " + ", ".join(self._valid)
            )

    def __str__(self) -> str:
        return "(case insensitive) [" + ", ".join(self._valid) + "]"


class ValidList(_Described, Validator):
    """Every element of a ``LIST`` value must be one of the given strings."""

    __slots__ = ("_valid_string",)

    def __init__(self, valid_strings: Sequence[str]) -> None:
        self._valid_string = ValidString(valid_strings)

    @classmethod
    def in_(cls, *valid_strings: str) -> ValidList:
        """``ValidList.in("a", "b")`` in Java."""
        return cls(valid_strings)

    def ensure_valid(self, name: str, value: Any) -> None:
        if value is None:
            raise ConfigException(name, None, "Value must be non-null")
        if not isinstance(value, (list, tuple)):
            raise _wrong_type(name, value, "a list")
        for item in value:
            self._valid_string.ensure_valid(name, item)

    def __str__(self) -> str:
        return str(self._valid_string)


class NonNullValidator(_Described, Validator):
    """The value must not be ``None``."""

    __slots__ = ()

    def ensure_valid(self, name: str, value: Any) -> None:
        if value is None:
            raise ConfigException(name, "null", "entry must be non null")

    def __str__(self) -> str:
        return "non-null string"


class NonEmptyString(_Described, Validator):
    """The value must not be the empty string (``None`` passes)."""

    __slots__ = ()

    def ensure_valid(self, name: str, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, str):
            raise _wrong_type(name, value, "a string")
        if value == "":
            raise ConfigException(name, value, "String must be non-empty")

    def __str__(self) -> str:
        return "non-empty string"


def _is_iso_control(char: str) -> bool:
    code = ord(char)
    return code <= 0x1F or 0x7F <= code <= 0x9F


class NonEmptyStringWithoutControlChars(_Described, Validator):
    """The value must be non-empty and hold no ISO control character (``None`` passes)."""

    __slots__ = ()

    @classmethod
    def non_empty_string_without_control_chars(cls) -> NonEmptyStringWithoutControlChars:
        """The Java factory method of the same name."""
        return cls()

    def ensure_valid(self, name: str, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, str):
            raise _wrong_type(name, value, "a string")
        if value == "":
            raise ConfigException(name, value, "String may not be empty")
        found = [str(ord(char)) for char in value if _is_iso_control(char)]
        if found:
            raise ConfigException(
                name,
                value,
                "String may not contain control sequences but had the following ASCII chars: "
                + ", ".join(found),
            )

    def __str__(self) -> str:
        return "non-empty string without ISO control characters"


class ListSize(_Described, Validator):
    """A ``LIST`` value may hold at most ``max_size`` elements."""

    __slots__ = ("_max_size",)

    def __init__(self, max_size: int) -> None:
        self._max_size = max_size

    @classmethod
    def at_most_of_size(cls, max_size: int) -> ListSize:
        """``ListSize.atMostOfSize(n)`` in Java."""
        return cls(max_size)

    def ensure_valid(self, name: str, value: Any) -> None:
        if value is None:
            raise ConfigException(name, None, "Value must be non-null")
        if not isinstance(value, (list, tuple)):
            raise _wrong_type(name, value, "a list")
        if len(value) > self._max_size:
            raise ConfigException(name, value, f"exceeds maximum list size of [{self._max_size}].")

    def __str__(self) -> str:
        return f"List containing maximum of {self._max_size} elements"


class LambdaValidator(_Described, Validator):
    """A validator made of two functions: one that checks, one that describes.

    ``LambdaValidator.with_(check, lambda: "positive even numbers")`` where ``check(name, value)``
    raises :class:`ConfigException` for a bad value.
    """

    __slots__ = ("_ensure_valid", "_to_string")

    def __init__(
        self, ensure_valid: Callable[[str, Any], object], to_string: Callable[[], str]
    ) -> None:
        self._ensure_valid = ensure_valid
        self._to_string = to_string

    @classmethod
    def with_(
        cls, ensure_valid: Callable[[str, Any], object], to_string: Callable[[], str]
    ) -> LambdaValidator:
        """``LambdaValidator.with(ensureValid, toString)`` in Java."""
        return cls(ensure_valid, to_string)

    def ensure_valid(self, name: str, value: Any) -> None:
        self._ensure_valid(name, value)

    def __str__(self) -> str:
        return self._to_string()


class CompositeValidator(_Described, Validator):
    """Runs several validators in order; the first failure is raised."""

    __slots__ = ("_validators",)

    def __init__(self, validators: Sequence[Validator]) -> None:
        self._validators = tuple(validators)

    @classmethod
    def of(cls, *validators: Validator) -> CompositeValidator:
        """``CompositeValidator.of(v1, v2, ...)`` in Java."""
        return cls(validators)

    def ensure_valid(self, name: str, value: Any) -> None:
        for validator in self._validators:
            validator.ensure_valid(name, value)

    def __str__(self) -> str:
        return ", ".join(str(validator) for validator in self._validators)
