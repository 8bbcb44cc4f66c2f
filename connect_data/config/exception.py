"""The error raised for a bad configuration (``org.apache.kafka.common.config.ConfigException``)."""

from __future__ import annotations

from typing import Any, Final

from connect_data.config._java import java_str

__all__ = ["ConfigException"]

_NO_VALUE: Final = object()


class ConfigException(Exception):
    """A configuration is invalid: missing, of the wrong type, or rejected by a validator.

    Raised two ways, as in Java::

        ConfigException("Unknown configuration 'foo'")          # a plain message
        ConfigException("batch.size", "-1", "Value must be at least 0")
        # -> "Invalid value -1 for configuration batch.size: Value must be at least 0"

    In the second form the value is written as Java's ``toString`` would write it (``null``,
    ``true``, ``[a, b]``); a :class:`~connect_data.config.Password` is written ``[hidden]``.
    :attr:`name` holds the configuration name of the second form (``None`` for the first); the
    value itself is not kept on the exception, so a secret cannot leak through it.
    """

    name: str | None

    def __init__(self, name: str, value: Any = _NO_VALUE, message: str | None = None) -> None:
        if value is _NO_VALUE and message is None:
            self.name = None
            super().__init__(name)
            return
        shown = "null" if value is _NO_VALUE else java_str(value)
        text = f"Invalid value {shown} for configuration {name}"
        if message is not None:
            text += f": {message}"
        self.name = name
        super().__init__(text)

    @property
    def message(self) -> str:
        """The full message, as Java's ``getMessage()``."""
        return str(self.args[0]) if self.args else ""
