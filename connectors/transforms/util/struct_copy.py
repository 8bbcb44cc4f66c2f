"""Filling a struct of a derived schema from the fields of another struct.

``ReplaceField`` and ``ValueToKey`` compile, once per input schema, the schema they build and
for each of its fields the input field it is copied from; per record they only copy.
"""

from __future__ import annotations

from collections.abc import Iterable

from connect_data import Field, Schema, Struct

__all__ = ["copy_fields"]


def copy_fields(
    source: Struct,
    schema: Schema,
    copies: Iterable[tuple[Field, str]],
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
