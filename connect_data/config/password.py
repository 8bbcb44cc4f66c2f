"""A configuration secret that never prints (``org.apache.kafka.common.config.types.Password``)."""

from __future__ import annotations

from typing import ClassVar, Final

__all__ = ["Password"]


class Password:
    """A secret configuration value (``Type.PASSWORD``) that cannot be logged by mistake.

    ``str()``, ``repr()`` and formatting all give ``"[hidden]"``; only :meth:`value` returns the
    secret. Two passwords are equal when their values are equal::

        >>> secret = Password("s3cret")
        >>> f"password={secret}"
        'password=[hidden]'
        >>> secret.value()
        's3cret'
    """

    HIDDEN: ClassVar[str] = "[hidden]"
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"Password value must be a str, not {type(value).__name__}")
        self._value: Final = value

    def value(self) -> str:
        """The secret itself. Never log it."""
        return self._value

    def __str__(self) -> str:
        return Password.HIDDEN

    def __repr__(self) -> str:
        return Password.HIDDEN

    def __format__(self, format_spec: str) -> str:
        return format(Password.HIDDEN, format_spec)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Password):
            return NotImplemented
        return self._value == other._value

    def __hash__(self) -> int:
        return hash(self._value)
