"""Avro reader/writer schema compatibility (Avro's ``SchemaCompatibility``).

A reader schema can read data written with a writer schema when, following Avro's schema
resolution rules, every writer type resolves to the reader type: same type or an allowed
promotion (``int`` -> ``long``/``float``/``double``, ``long`` -> ``float``/``double``,
``float`` -> ``double``, ``string`` <-> ``bytes``), named types matching by name (or a reader
alias), reader record fields present in the writer or having a default, writer enum symbols
known to the reader (or a reader default symbol), equal fixed sizes, and each writer union
branch readable.

The Schema Registry's compatibility levels build on this: ``BACKWARD`` means the new schema
reads data written with the previous one, ``FORWARD`` the reverse, ``FULL`` both; the
``_TRANSITIVE`` forms check every earlier version instead of only the latest.
"""

from __future__ import annotations

from converters.avro.schema import (
    ArraySchema,
    AvroSchema,
    EnumSchema,
    FixedSchema,
    MapSchema,
    NamedSchema,
    RecordSchema,
    UnionSchema,
)

__all__ = ["COMPATIBILITY_LEVELS", "check_compatibility", "reader_writer_incompatibilities"]

COMPATIBILITY_LEVELS = (
    "NONE",
    "BACKWARD",
    "BACKWARD_TRANSITIVE",
    "FORWARD",
    "FORWARD_TRANSITIVE",
    "FULL",
    "FULL_TRANSITIVE",
)

_PROMOTIONS = {
    ("long", "int"),
    ("float", "int"),
    ("float", "long"),
    ("double", "int"),
    ("double", "long"),
    ("double", "float"),
    ("string", "bytes"),
    ("bytes", "string"),
}


def _difference(kind: str, path: str, description: str) -> str:
    return f"{{errorType:'{kind}', description:'{description}', path:'{path or '/'}'}}"


class _Checker:
    def __init__(self) -> None:
        self.in_progress: set[tuple[int, int]] = set()

    def check(self, reader: AvroSchema, writer: AvroSchema, path: str) -> list[str]:
        key = (id(reader), id(writer))
        if key in self.in_progress:
            return []  # a recursive type: assume compatible while it is being checked
        self.in_progress.add(key)
        try:
            return self._check(reader, writer, path)
        finally:
            self.in_progress.discard(key)

    def _check(self, reader: AvroSchema, writer: AvroSchema, path: str) -> list[str]:
        if isinstance(writer, UnionSchema):
            problems: list[str] = []
            for index, branch in enumerate(writer.types):
                problems.extend(self.check(reader, branch, f"{path}/{index}"))
            return problems
        if isinstance(reader, UnionSchema):
            for branch in reader.types:
                if not self.check(branch, writer, path):
                    return []
            return [
                _difference(
                    "MISSING_UNION_BRANCH",
                    path,
                    f"The new schema is missing a type inside a union field at path '{path}' "
                    f"in the old schema: {writer}",
                )
            ]
        if reader.type != writer.type:
            if (reader.type, writer.type) in _PROMOTIONS:
                return []
            return [
                _difference(
                    "TYPE_MISMATCH",
                    path,
                    f"The type (path '{path}') of a field in the new schema does not match "
                    f"with the old schema: reader type {reader.type.upper()} is not compatible "
                    f"with writer type {writer.type.upper()}",
                )
            ]
        if isinstance(reader, NamedSchema):
            assert isinstance(writer, NamedSchema)
            if reader.name != writer.name and writer.full_name not in _full_aliases(reader):
                return [
                    _difference(
                        "NAME_MISMATCH",
                        f"{path}/name",
                        f"The name of the schema has changed (path '{path}/name'): expected "
                        f"{writer.full_name}, found {reader.full_name}",
                    )
                ]
        if isinstance(reader, FixedSchema):
            assert isinstance(writer, FixedSchema)
            if reader.size != writer.size:
                return [
                    _difference(
                        "FIXED_SIZE_MISMATCH",
                        f"{path}/size",
                        f"The size of FIXED type field at path '{path}/size' in the new schema "
                        f"does not match with the old schema: expected {writer.size}, found "
                        f"{reader.size}",
                    )
                ]
            return []
        if isinstance(reader, EnumSchema):
            assert isinstance(writer, EnumSchema)
            missing = [s for s in writer.symbols if s not in reader.symbols]
            if missing and reader.default is None:
                return [
                    _difference(
                        "MISSING_ENUM_SYMBOLS",
                        f"{path}/symbols",
                        f"The new schema is missing enum symbols '{missing}' at path "
                        f"'{path}/symbols' in the old schema",
                    )
                ]
            return []
        if isinstance(reader, ArraySchema):
            assert isinstance(writer, ArraySchema)
            return self.check(reader.items, writer.items, f"{path}/items")
        if isinstance(reader, MapSchema):
            assert isinstance(writer, MapSchema)
            return self.check(reader.values, writer.values, f"{path}/values")
        if isinstance(reader, RecordSchema):
            assert isinstance(writer, RecordSchema)
            problems = []
            for position, field in enumerate(reader.fields):
                field_path = f"{path}/fields/{position}"
                written = writer.field(field.name)
                if written is None:
                    for alias in field.aliases:
                        written = writer.field(alias)
                        if written is not None:
                            break
                if written is None:
                    if not field.has_default():
                        problems.append(
                            _difference(
                                "READER_FIELD_MISSING_DEFAULT_VALUE",
                                field_path,
                                f"The field '{field.name}' at path '{field_path}' in the new "
                                "schema has no default value and is missing in the old schema",
                            )
                        )
                    continue
                problems.extend(self.check(field.schema, written.schema, f"{field_path}/type"))
            return problems
        return []


def _full_aliases(schema: NamedSchema) -> set[str]:
    result = set()
    for alias in schema.aliases:
        result.add(alias if "." in alias or not schema.namespace else f"{schema.namespace}.{alias}")
    return result


def reader_writer_incompatibilities(reader: AvroSchema, writer: AvroSchema) -> list[str]:
    """Why ``reader`` cannot read data written with ``writer`` (empty: it can)."""
    return _Checker().check(reader, writer, "")


def check_compatibility(level: str, new: AvroSchema, previous: list[AvroSchema]) -> list[str]:
    """The problems registering ``new`` after ``previous`` (oldest first) under ``level``."""
    level = level.upper()
    if level == "NONE" or not previous:
        return []
    targets = previous if level.endswith("_TRANSITIVE") else previous[-1:]
    problems: list[str] = []
    for old in reversed(targets):
        if level.startswith(("BACKWARD", "FULL")):
            problems.extend(reader_writer_incompatibilities(new, old))
        if level.startswith(("FORWARD", "FULL")):
            problems.extend(reader_writer_incompatibilities(old, new))
    return problems
