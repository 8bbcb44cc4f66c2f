"""The enumerations that describe a configuration key: its type, importance and display width.

Reach them as ``ConfigDef.Type``, ``ConfigDef.Importance`` and ``ConfigDef.Width``, as in Java.
"""

from __future__ import annotations

import enum

__all__ = ["Importance", "Type", "Width"]


class _JavaEnum(enum.Enum):
    """An enum whose ``str()`` is its constant name, as Java's ``Enum.toString``."""

    def __str__(self) -> str:
        return self.name

    def ordinal(self) -> int:
        """The position of this constant in its declaration, as Java's ``Enum.ordinal()``."""
        return list(type(self)).index(self)


class Type(_JavaEnum):
    """The type of a configuration value, and so how :meth:`ConfigDef.parse` reads it.

    ======== ============================ =====================================================
    Type     Python value after parsing   accepted input
    ======== ============================ =====================================================
    BOOLEAN  ``bool``                     a bool, or ``"true"``/``"false"`` in any case
    STRING   ``str`` (trimmed)            a str
    INT      ``int`` (32-bit range)       an int, or a decimal string
    SHORT    ``int`` (16-bit range)       an int, or a decimal string
    LONG     ``int`` (64-bit range)       an int, or a decimal string
    DOUBLE   ``float``                    a number (not bool), or a Java double literal
    LIST     ``list``                     a list/tuple, or a comma-separated string
    CLASS    ``type``                     a class, or a dotted class path (loaded at parse time)
    PASSWORD :class:`Password`            a Password, or a str (trimmed, then hidden)
    ======== ============================ =====================================================
    """

    BOOLEAN = "boolean"
    STRING = "string"
    INT = "int"
    SHORT = "short"
    LONG = "long"
    DOUBLE = "double"
    LIST = "list"
    CLASS = "class"
    PASSWORD = "password"

    def is_sensitive(self) -> bool:
        """Whether values of this type are secrets (only ``PASSWORD``)."""
        return self is Type.PASSWORD


class Importance(_JavaEnum):
    """How likely a user is to need to set a configuration (docs list ``HIGH`` first)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Width(_JavaEnum):
    """The width a UI should give a configuration's input field."""

    NONE = "none"
    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"


Type.__qualname__ = "ConfigDef.Type"
Importance.__qualname__ = "ConfigDef.Importance"
Width.__qualname__ = "ConfigDef.Width"
