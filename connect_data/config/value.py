"""The result of validating a configuration: one :class:`ConfigValue` per key, and :class:`Config`.

``org.apache.kafka.common.config.ConfigValue`` and ``org.apache.kafka.common.config.Config``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, overload

from connect_data.config._java import java_str

__all__ = ["Config", "ConfigValue"]

_UNSET: Final = object()


class ConfigValue:
    """What validation found for one configuration key.

    As in Java, each property is a getter when called without an argument and a setter when
    called with one: ``cv.value()`` reads the parsed value, ``cv.value(5)`` replaces it.
    ``error_messages()`` is empty when the value is valid.
    """

    __slots__ = ("_error_messages", "_name", "_recommended_values", "_value", "_visible")

    def __init__(
        self,
        name: str,
        value: Any = None,
        recommended_values: Iterable[Any] | None = None,
        error_messages: Iterable[str] | None = None,
        visible: bool = True,
    ) -> None:
        self._name = name
        self._value = value
        self._recommended_values: list[Any] = list(recommended_values or ())
        self._error_messages: list[str] = list(error_messages or ())
        self._visible = visible

    def name(self) -> str:
        """The configuration key."""
        return self._name

    @overload
    def value(self) -> Any: ...
    @overload
    def value(self, value: Any) -> None: ...
    def value(self, value: Any = _UNSET) -> Any:
        """The parsed value (``None`` if it could not be parsed); with an argument, set it."""
        if value is _UNSET:
            return self._value
        self._value = value
        return None

    @overload
    def recommended_values(self) -> list[Any]: ...
    @overload
    def recommended_values(self, values: Iterable[Any]) -> None: ...
    def recommended_values(self, values: Iterable[Any] | None = None) -> list[Any] | None:
        """The values a recommender suggests; with an argument, replace them."""
        if values is None:
            return self._recommended_values
        self._recommended_values = list(values)
        return None

    def error_messages(self) -> list[str]:
        """Every problem found with this key, in the order found (empty when valid)."""
        return self._error_messages

    def add_error_message(self, message: str) -> None:
        """Record one more problem with this key."""
        self._error_messages.append(message)

    @overload
    def visible(self) -> bool: ...
    @overload
    def visible(self, visible: bool) -> None: ...
    def visible(self, visible: bool | None = None) -> bool | None:
        """Whether a UI should show this key now; with an argument, set it."""
        if visible is None:
            return self._visible
        self._visible = visible
        return None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ConfigValue):
            return NotImplemented
        return (
            self._name == other._name
            and self._value == other._value
            and self._recommended_values == other._recommended_values
            and self._error_messages == other._error_messages
            and self._visible == other._visible
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, so unhashable as Python expects

    def __repr__(self) -> str:
        """Java's ``toString``: ``[name,value,[recommended],[errors],visible]``."""
        return (
            f"[{self._name},{java_str(self._value)},{java_str(self._recommended_values)},"
            f"{java_str(self._error_messages)},{java_str(self._visible)}]"
        )


class Config:
    """The validation result of a whole configuration: one :class:`ConfigValue` per key."""

    __slots__ = ("_config_values",)

    def __init__(self, config_values: Iterable[ConfigValue]) -> None:
        self._config_values = list(config_values)

    def config_values(self) -> list[ConfigValue]:
        """The per-key results."""
        return self._config_values

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Config):
            return NotImplemented
        return self._config_values == other._config_values

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Config({self._config_values!r})"
