"""``schema.compatibility``: how a storage sink handles records whose value schemas change.

A port of the behaviour of Confluent's ``StorageSchemaCompatibility`` (kafka-connect-storage-
common), the rule its S3, HDFS and GCS sinks apply. A sink keeps a *reference* value schema
(per output; here per topic) and, for each record, asks :meth:`should_change_schema`:

- ``NONE``: the reference changes whenever the record's schema differs from it, and records are
  written with their own schema (:meth:`project` returns them unchanged).
- ``BACKWARD`` and ``FULL``: the reference changes only when the record's schema has a *higher*
  version; a record with an older (or equal) version is projected onto the reference with
  :class:`~connect_data.SchemaProjector` (new optional fields filled with their defaults,
  numbers widened), so the output follows the newest schema seen.
- ``FORWARD``: the reference changes only when the record's schema has a *lower* version;
  records with newer versions are projected onto the older reference (fields it lacks dropped).

``BACKWARD``, ``FORWARD`` and ``FULL`` need versioned value schemas (a converter backed by a
schema registry, such as ``AvroConverter``, gives them); mixing records with and without value
schemas is refused in every mode. Only value schemas are compared and projected.
"""

from __future__ import annotations

import enum
from typing import TypeVar

from connect_data import Schema, SchemaProjector, SchemaProjectorException
from connectors.record import ConnectRecord

__all__ = ["StorageSchemaCompatibility"]

R = TypeVar("R", bound=ConnectRecord)


class StorageSchemaCompatibility(enum.Enum):
    """The ``schema.compatibility`` modes (see the module docs)."""

    NONE = "NONE"
    BACKWARD = "BACKWARD"
    FORWARD = "FORWARD"
    FULL = "FULL"

    @classmethod
    def get_compatibility(cls, name: str | None) -> StorageSchemaCompatibility:
        """The mode called ``name`` (case-insensitive); ``NONE`` for anything else, as Java."""
        try:
            return cls[(name or "").strip().upper()]
        except KeyError:
            return cls.NONE

    def should_change_schema(
        self,
        record: ConnectRecord,
        current_key_schema: Schema | None,
        current_value_schema: Schema | None,
    ) -> bool:
        """Whether ``record``'s value schema should become the new reference.

        Raises :class:`~connect_data.SchemaProjectorException` when one of the two schemas is
        missing and the other is not, or, in the modes that compare versions, when either
        schema has no version.
        """
        return self._validate_and_check(record.value_schema, current_value_schema)

    def _validate_and_check(self, value_schema: Schema | None, current: Schema | None) -> bool:
        if value_schema is None and current is None:
            return False
        if value_schema is None or current is None:
            raise SchemaProjectorException(
                "Switch between schema-based and schema-less data is not supported"
            )
        if self is StorageSchemaCompatibility.NONE:
            return value_schema != current
        record_version = value_schema.version()
        current_version = current.version()
        if record_version is None or current_version is None:
            raise SchemaProjectorException(
                f"Schema version required for {self.value} compatibility"
            )
        if self is StorageSchemaCompatibility.FORWARD:
            return record_version < current_version
        return record_version > current_version

    def project(
        self,
        record: R,
        current_key_schema: Schema | None,
        current_value_schema: Schema | None,
    ) -> R:
        """``record`` with its value projected onto ``current_value_schema``.

        ``NONE`` returns the record unchanged, as does every mode when the schemas are equal.
        Otherwise the result carries ``current_key_schema`` and ``current_value_schema`` (the
        key itself is kept), as Java's does. Raises
        :class:`~connect_data.SchemaProjectorException` when the value cannot be projected
        (a narrowing, a missing required field, a different schema name).
        """
        if self is StorageSchemaCompatibility.NONE:
            return record
        source = record.value_schema
        if source is None or current_value_schema is None or source == current_value_schema:
            return record
        value = SchemaProjector.project(source, record.value, current_value_schema)
        return record.new_record(
            key_schema=current_key_schema,
            value_schema=current_value_schema,
            value=value,
        )
