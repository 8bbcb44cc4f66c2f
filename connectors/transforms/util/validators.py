"""Validators of the stock transformations' settings (Java's ``util.NonEmptyListValidator``
and ``util.RegexValidator``)."""

from __future__ import annotations

from typing import Any

from connect_data.config import ConfigException, Validator
from connectors.transforms.util.java_regex import JavaRegexError, compile_java_regex

__all__ = ["NonEmptyListValidator", "RegexValidator"]


class NonEmptyListValidator(Validator):
    """A ``LIST`` setting that must name at least one item (docs: ``non-empty list``)."""

    def ensure_valid(self, name: str, value: Any) -> None:
        if value is None or len(value) == 0:
            raise ConfigException(name, value, "Empty list")

    def __str__(self) -> str:
        return "non-empty list"

    def __repr__(self) -> str:
        return "NonEmptyListValidator()"


class RegexValidator(Validator):
    """A ``STRING`` setting holding a Java regular expression (docs: ``valid regex``)."""

    def ensure_valid(self, name: str, value: Any) -> None:
        try:
            compile_java_regex(value)
        except (JavaRegexError, TypeError) as exc:
            raise ConfigException(name, value, f"Invalid regex: {exc}") from exc

    def __str__(self) -> str:
        return "valid regex"

    def __repr__(self) -> str:
        return "RegexValidator()"
