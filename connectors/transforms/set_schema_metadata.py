"""``SetSchemaMetadata``: set the name and/or version of the key or value schema.

A port of ``org.apache.kafka.connect.transforms.SetSchemaMetadata``::

    transforms=name
    transforms.name.type=org.apache.kafka.connect.transforms.SetSchemaMetadata$Value
    transforms.name.schema.name=com.example.Order
    transforms.name.schema.version=3
"""

from __future__ import annotations

import logging
from abc import abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data import ConnectSchema, Schema, Struct, Type
from connect_data.config import ConfigDef, ConfigException
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.lru_cache import SchemaCache
from connectors.transforms.util.record_side import RecordSide, nest_variants
from connectors.transforms.util.replace_null_with_default import (
    REPLACE_NULL_WITH_DEFAULT_CONFIG,
    define_replace_null_with_default,
)
from connectors.transforms.util.requirements import require_schema
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.version import connectpy_version

__all__ = ["SetSchemaMetadata", "update_schema_in"]

log = logging.getLogger(__name__)

R = TypeVar("R", bound=ConnectRecord)

SCHEMA_NAME = "schema.name"
SCHEMA_VERSION = "schema.version"


def update_schema_in(
    key_or_value: Any, updated_schema: Schema, replace_null_with_default: bool = True
) -> Any:
    """``key_or_value`` re-created under ``updated_schema`` if it is a struct, else unchanged.

    The updated schema must have the same fields as the struct's own schema (only its name or
    version differ). With ``replace_null_with_default`` a null field takes its default.
    """
    if not isinstance(key_or_value, Struct):
        return key_or_value
    updated = Struct(updated_schema)
    for field in updated_schema.fields():
        updated.put(
            field,
            key_or_value.get(field)
            if replace_null_with_default
            else key_or_value.get_without_default(field.name()),
        )
    return updated


class SetSchemaMetadata(Transformation[R], Generic[R]):
    """Gives the key or value schema a new name and/or version; the data stays the same.

    A record without a schema for that part is an error, unless the part is null. Struct
    values are re-created under the renamed schema. Use :attr:`SetSchemaMetadata.Key` or
    :attr:`SetSchemaMetadata.Value`.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Set the schema name, version or both on the record's key "
        "(<code>org.apache.kafka.connect.transforms.SetSchemaMetadata$Key</code>) or value "
        "(<code>org.apache.kafka.connect.transforms.SetSchemaMetadata$Value</code>) schema."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = define_replace_null_with_default(
        ConfigDef()
        .define(
            SCHEMA_NAME,
            ConfigDef.Type.STRING,
            None,
            importance=ConfigDef.Importance.HIGH,
            documentation="Schema name to set.",
        )
        .define(
            SCHEMA_VERSION,
            ConfigDef.Type.INT,
            None,
            importance=ConfigDef.Importance.HIGH,
            documentation="Schema version to set.",
        )
    )

    Key: ClassVar[type[SetSchemaMetadata[Any]]]
    """Renames the key schema (``SetSchemaMetadata$Key``)."""
    Value: ClassVar[type[SetSchemaMetadata[Any]]]
    """Renames the value schema (``SetSchemaMetadata$Value``)."""

    def __init__(self) -> None:
        self._schema_name: str | None = None
        self._schema_version: int | None = None
        self._replace_null_with_default = True
        self._cache: SchemaCache[Schema, Schema] = SchemaCache()

    @property
    @abstractmethod
    def _side(self) -> RecordSide:
        """The part of the record this variant works on."""

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``schema.name``, ``schema.version`` and ``replace.null.with.default``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the name and version; at least one must be set."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._schema_name = config.get_string(SCHEMA_NAME)
        self._schema_version = config.get_int(SCHEMA_VERSION)
        self._replace_null_with_default = bool(config.get_boolean(REPLACE_NULL_WITH_DEFAULT_CONFIG))
        if self._schema_name is None and self._schema_version is None:
            raise ConfigException("Neither schema name nor version configured")
        self._cache = SchemaCache()

    def apply(self, record: R) -> R:
        """The record with its key or value schema renamed."""
        side = self._side
        value = side.value(record)
        schema = side.schema(record)
        if value is None and schema is None:
            return record
        schema = require_schema(schema, "updating schema metadata")
        updated_schema = self._cache.get(schema)
        if updated_schema is None:
            updated_schema = self._updated(schema)
            self._cache.put(schema, updated_schema)
        return side.new_record(
            record,
            updated_schema,
            update_schema_in(value, updated_schema, self._replace_null_with_default),
        )

    def _updated(self, schema: Schema) -> Schema:
        schema_type = schema.type()
        updated = ConnectSchema(
            schema_type,
            schema.is_optional(),
            schema.default_value(),
            self._schema_name if self._schema_name is not None else schema.name(),
            self._schema_version if self._schema_version is not None else schema.version(),
            schema.doc(),
            schema.parameters(),
            schema.fields() if schema_type is Type.STRUCT else None,
            schema.key_schema() if schema_type is Type.MAP else None,
            schema.value_schema() if schema_type in (Type.MAP, Type.ARRAY) else None,
        )
        log.debug("SetSchemaMetadata: original schema %s, updated schema %s", schema, updated)
        return updated


nest_variants(
    SetSchemaMetadata,
    "Renames the key schema (``SetSchemaMetadata$Key``).",
    "Renames the value schema (``SetSchemaMetadata$Value``).",
)
