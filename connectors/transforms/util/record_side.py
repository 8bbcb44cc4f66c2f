"""The key or the value of a record: the part a ``$Key`` / ``$Value`` transformation works on.

Java's stock transformations come in pairs (``InsertField$Key``, ``InsertField$Value``) that
differ only in which part of the record they read and replace. Here each variant names a
:class:`RecordSide`: :data:`KEY` or :data:`VALUE`.
"""

from __future__ import annotations

import types
from typing import Any, Final, TypeVar

from connect_data import ConnectHeaders, Schema
from connectors.record import KEEP, ConnectRecord

__all__ = ["KEY", "VALUE", "RecordSide", "nest_variant", "nest_variants"]

R = TypeVar("R", bound=ConnectRecord)


class RecordSide:
    """Reads and replaces one part (key or value) of a record."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def schema(self, record: ConnectRecord) -> Schema | None:
        """The schema of this part of ``record``."""
        raise NotImplementedError

    def value(self, record: ConnectRecord) -> Any:
        """This part of ``record``."""
        raise NotImplementedError

    def new_record(
        self,
        record: R,
        schema: Schema | None,
        value: Any,
        headers: ConnectHeaders | None = None,
    ) -> R:
        """A copy of ``record`` with this part replaced (and ``headers``, when given)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.name


class _KeySide(RecordSide):
    __slots__ = ()

    def schema(self, record: ConnectRecord) -> Schema | None:
        return record.key_schema

    def value(self, record: ConnectRecord) -> Any:
        return record.key

    def new_record(
        self,
        record: R,
        schema: Schema | None,
        value: Any,
        headers: ConnectHeaders | None = None,
    ) -> R:
        return record.new_record(
            key_schema=schema, key=value, headers=KEEP if headers is None else headers
        )


class _ValueSide(RecordSide):
    __slots__ = ()

    def schema(self, record: ConnectRecord) -> Schema | None:
        return record.value_schema

    def value(self, record: ConnectRecord) -> Any:
        return record.value

    def new_record(
        self,
        record: R,
        schema: Schema | None,
        value: Any,
        headers: ConnectHeaders | None = None,
    ) -> R:
        return record.new_record(
            value_schema=schema, value=value, headers=KEEP if headers is None else headers
        )


KEY: Final[RecordSide] = _KeySide("KEY")
"""The record key (``$Key`` variants)."""

VALUE: Final[RecordSide] = _ValueSide("VALUE")
"""The record value (``$Value`` variants)."""


def nest_variant(outer: type, inner: type, name: str) -> None:
    """Make ``inner`` the nested class ``outer.<name>`` (``InsertField.Key``).

    The class gets the name and qualified name of a nested class, so that it prints, pickles
    and loads by its dotted path (``connectors.transforms.insert_field.InsertField.Key``).
    """
    inner.__name__ = name
    inner.__qualname__ = f"{outer.__qualname__}.{name}"
    setattr(outer, name, inner)


def nest_variants(outer: type, key_doc: str, value_doc: str) -> None:
    """Define ``outer.Key`` and ``outer.Value``, the variants for the record key and value.

    Each is a subclass of ``outer`` whose ``_side`` is :data:`KEY` or :data:`VALUE`, documented
    by ``key_doc`` or ``value_doc``, and nested by :func:`nest_variant`.

    A generic ``outer`` gives generic variants (``InsertField.Key[SourceRecord]``), as a
    ``class Key(InsertField[R])`` statement would.
    """
    parameters = getattr(outer, "__parameters__", ())
    base: Any = outer[parameters] if parameters else outer  # type: ignore[index]
    for name, side, doc in (("Key", KEY, key_doc), ("Value", VALUE, value_doc)):
        members = {"__doc__": doc, "__module__": outer.__module__, "_side": side}

        def fill(namespace: dict[str, Any], members: dict[str, Any] = members) -> None:
            namespace.update(members)

        nest_variant(outer, types.new_class(name, (base,), exec_body=fill), name)
