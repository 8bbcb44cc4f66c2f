"""Filling a struct of a derived schema from the fields of another struct.

``ReplaceField``, ``ValueToKey`` and ``HeaderFrom`` (``move``) compile, once per input schema,
the schema they build and for each of its fields the name of the input field it is copied
from (:data:`FieldCopies`); per record they only copy.
"""

from __future__ import annotations

from typing import TypeAlias

from connect_data import Field, Schema, Struct

__all__ = ["FieldCopies", "copies_by_name", "copy_fields"]

FieldCopies: TypeAlias = tuple[tuple[Field, str], ...]
"""Each field of a derived schema, paired with the name of the source field it takes."""


def copies_by_name(schema: Schema) -> FieldCopies:
    """Each field of ``schema`` taken from the source field of the same name."""
    return tuple((field, field.name()) for field in schema.fields())


def copy_fields(
    source: Struct,
    schema: Schema,
    copies: FieldCopies,
    replace_null_with_default: bool,
) -> Struct:
    """A struct of ``schema`` whose fields hold the named fields of ``source``.

    ``copies`` pairs each field of ``schema`` with the name of the ``source`` field it takes.
    With ``replace_null_with_default`` a null source field gives its default value, otherwise
    null (``replace.null.with.default``).
    """
    target = Struct(schema)
    if replace_null_with_default:
        for field, name in copies:
            target.put(field, source.get(name))
    else:
        for field, name in copies:
            target.put(field, source.get_without_default(name))
    return target
