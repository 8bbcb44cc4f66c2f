"""The settings every converter shares: ``converter.type`` (``ConverterConfig``, ``ConverterType``).

Ports ``org.apache.kafka.connect.storage.ConverterConfig`` and ``ConverterType``. A converter
configured with ``configure(configs, is_key)`` records its role as ``converter.type`` (``key`` or
``value``); a header converter is configured with ``configure(configs)`` and must be told
``converter.type=header`` (the worker does this), exactly as in Kafka Connect.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from connect_data.config import AbstractConfig, ConfigDef, ValidString

__all__ = ["ConverterConfig", "ConverterType"]


class ConverterType(enum.Enum):
    """How a converter is used: for record keys, record values or headers."""

    KEY = "key"
    VALUE = "value"
    HEADER = "header"

    def get_name(self) -> str:
        """The lower-case name used as the ``converter.type`` value (``"key"``)."""
        return self.value

    @classmethod
    def with_name(cls, name: str | None) -> ConverterType | None:
        """The type named ``name`` ignoring case; ``None`` for ``None`` or an unknown name."""
        if name is None:
            return None
        try:
            return cls(name.lower())
        except ValueError:
            return None


class ConverterConfig(AbstractConfig):
    """Base of the converters' configurations: defines ``converter.type``.

    Subclasses build their :class:`ConfigDef` from :meth:`new_config_def` and add their own keys.
    """

    TYPE_CONFIG = "converter.type"
    TYPE_DOC = "How this converter will be used."

    @staticmethod
    def new_config_def() -> ConfigDef:
        """A new :class:`ConfigDef` holding ``converter.type`` (required: key, value or header)."""
        return ConfigDef().define(
            ConverterConfig.TYPE_CONFIG,
            ConfigDef.Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            ValidString.in_(
                ConverterType.KEY.get_name(),
                ConverterType.VALUE.get_name(),
                ConverterType.HEADER.get_name(),
            ),
            ConfigDef.Importance.LOW,
            ConverterConfig.TYPE_DOC,
        )

    def __init__(self, definition: ConfigDef, props: Mapping[str, Any]) -> None:
        super().__init__(definition, props)

    def type(self) -> ConverterType | None:
        """The converter's role from ``converter.type``."""
        return ConverterType.with_name(self.get_string(ConverterConfig.TYPE_CONFIG))


def with_converter_type(configs: Mapping[str, Any], is_key: bool) -> dict[str, Any]:
    """A copy of ``configs`` with ``converter.type`` set to ``key`` or ``value``.

    What Java's ``configure(configs, isKey)`` does before delegating to ``configure(configs)``.
    """
    conf = dict(configs)
    conf[ConverterConfig.TYPE_CONFIG] = (
        ConverterType.KEY.get_name() if is_key else ConverterType.VALUE.get_name()
    )
    return conf
