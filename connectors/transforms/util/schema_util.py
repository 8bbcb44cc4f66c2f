"""Copying a schema's name, version, doc and parameters (Java's ``util.SchemaUtil``)."""

from __future__ import annotations

from connect_data import Schema, SchemaBuilder, Type

__all__ = ["copy_schema_basics"]


def copy_schema_basics(source: Schema, builder: SchemaBuilder | None = None) -> SchemaBuilder:
    """A builder with ``source``'s name, version, doc and parameters.

    Without ``builder``, a new one of ``source``'s type (arrays and maps keep their item, key
    and value schemas). Optionality and the default value are not copied, as in Java.
    """
    if builder is None:
        schema_type = source.type()
        if schema_type is Type.ARRAY:
            builder = SchemaBuilder.array(_required(source.value_schema()))
        elif schema_type is Type.MAP:
            builder = SchemaBuilder.map(
                _required(source.key_schema()), _required(source.value_schema())
            )
        else:
            builder = SchemaBuilder(schema_type)
    name = source.name()
    if name is not None:
        builder.name(name)
    version = source.version()
    if version is not None:
        builder.version(version)
    doc = source.doc()
    if doc is not None:
        builder.doc(doc)
    parameters = source.parameters()
    if parameters is not None:
        builder.parameters(parameters)
    return builder


def _required(schema: Schema | None) -> Schema:
    if schema is None:  # pragma: no cover - built array and map schemas always have them
        raise ValueError("array and map schemas need their item schemas")
    return schema
