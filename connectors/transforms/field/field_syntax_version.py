"""How a transformation reads field names: ``field.syntax.version`` (KIP-821).

``V1`` (the default) takes a field name as is, at the top level of the struct or map. ``V2``
reads dotted paths into nested structs and maps (``address.city``); a name that contains dots
is wrapped in backticks (```a.b`.c`` is the field ``c`` of the field ``a.b``).
"""

from __future__ import annotations

import enum
from typing import Final

from connect_data.config import (
    AbstractConfig,
    CaseInsensitiveValidString,
    ConfigDef,
    ConfigException,
)

__all__ = [
    "FIELD_SYNTAX_VERSION_CONFIG",
    "FIELD_SYNTAX_VERSION_DEFAULT_VALUE",
    "FIELD_SYNTAX_VERSION_DOC",
    "FieldSyntaxVersion",
]

FIELD_SYNTAX_VERSION_CONFIG: Final = "field.syntax.version"
FIELD_SYNTAX_VERSION_DEFAULT_VALUE: Final = "V1"

FIELD_SYNTAX_VERSION_DOC: Final = (
    "Defines the version of the syntax to access fields. "
    "If set to <code>V1</code>, then the field paths are limited to access the elements at "
    "the root level of the struct or map. "
    "If set to <code>V2</code>, the syntax will support accessing nested elements. "
    "To access nested elements, dotted notation is used. "
    "If dots are already included in the field name, "
    "then backtick pairs can be used to wrap field names containing dots. "
    'E.g. to access the subfield <code>baz</code> from a field named "foo.bar" in a '
    "struct/map the following format can be used to access its elements: "
    '"<code>foo.bar</code>.baz".'
)


class FieldSyntaxVersion(enum.Enum):
    """The field path syntax of a transformation: :attr:`V1` or :attr:`V2`."""

    V1 = "V1"
    """Top-level field names only (the behaviour before KIP-821)."""

    V2 = "V2"
    """Dotted paths into nested structs and maps, backticks around names with dots."""

    @staticmethod
    def append_config_to(config_def: ConfigDef) -> ConfigDef:
        """Define ``field.syntax.version`` in ``config_def`` and return it."""
        return config_def.define(
            FIELD_SYNTAX_VERSION_CONFIG,
            ConfigDef.Type.STRING,
            FIELD_SYNTAX_VERSION_DEFAULT_VALUE,
            CaseInsensitiveValidString.in_("V1", "V2"),
            ConfigDef.Importance.HIGH,
            FIELD_SYNTAX_VERSION_DOC,
        )

    @staticmethod
    def from_config(config: AbstractConfig) -> FieldSyntaxVersion:
        """The version set in ``config``; :class:`ConfigException` for an unknown one."""
        text = config.get_string(FIELD_SYNTAX_VERSION_CONFIG)
        try:
            return FieldSyntaxVersion((text or "").upper())
        except ValueError:
            raise ConfigException(
                FIELD_SYNTAX_VERSION_CONFIG, text, "Unrecognized field syntax version"
            ) from None

    def __str__(self) -> str:
        return self.name
