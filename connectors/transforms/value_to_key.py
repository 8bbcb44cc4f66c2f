"""``ValueToKey``: build the record key from fields of the value.

A port of ``org.apache.kafka.connect.transforms.ValueToKey``::

    transforms=key
    transforms.key.type=org.apache.kafka.connect.transforms.ValueToKey
    transforms.key.fields=customer_id,region
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data import DataException, Schema, SchemaBuilder
from connect_data.config import ConfigDef
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.lru_cache import SchemaCache
from connectors.transforms.util.replace_null_with_default import (
    REPLACE_NULL_WITH_DEFAULT_CONFIG,
    define_replace_null_with_default,
)
from connectors.transforms.util.requirements import require_map, require_struct
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.struct_copy import FieldCopies, copies_by_name, copy_fields
from connectors.transforms.util.validators import NonEmptyListValidator
from connectors.transforms.util.version import connectpy_version

__all__ = ["ValueToKey"]

R = TypeVar("R", bound=ConnectRecord)

FIELDS_CONFIG = "fields"

_PURPOSE = "copying fields from value to key"


class ValueToKey(Transformation[R], Generic[R]):
    """Replaces the key with a struct (or map) of the named fields of the value.

    With a schema the key schema holds the value's fields, in the configured order (built once
    per value schema); a field missing from the value schema is a
    :class:`~connect_data.DataException`. Without a schema the key is a map.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Replace the record key with a new key formed from a subset of fields in the record value."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = define_replace_null_with_default(
        ConfigDef().define(
            FIELDS_CONFIG,
            ConfigDef.Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            NonEmptyListValidator(),
            ConfigDef.Importance.HIGH,
            "Field names on the record value to extract as the record key.",
        )
    )

    def __init__(self) -> None:
        self._fields: list[str] = []
        self._replace_null_with_default = True
        self._cache: SchemaCache[Schema, tuple[Schema, FieldCopies]] = SchemaCache()

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``fields`` and ``replace.null.with.default``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the field names (at least one)."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._fields = [str(field) for field in config.get_list(FIELDS_CONFIG) or []]
        self._replace_null_with_default = bool(config.get_boolean(REPLACE_NULL_WITH_DEFAULT_CONFIG))
        self._cache = SchemaCache()

    def apply(self, record: R) -> R:
        """The record with its key built from its value."""
        if record.value_schema is None:
            value = require_map(record.value, _PURPOSE)
            key = {field: value.get(field) for field in self._fields}
            return record.new_record(key_schema=None, key=key)
        struct = require_struct(record.value, _PURPOSE)
        schema = struct.schema()
        plan = self._cache.get(schema)
        if plan is None:
            plan = self._plan(schema)
            self._cache.put(schema, plan)
        key_schema, copies = plan
        key_struct = copy_fields(struct, key_schema, copies, self._replace_null_with_default)
        return record.new_record(
            key_schema=key_schema, key=key_struct, value_schema=schema, value=struct
        )

    def _plan(self, schema: Schema) -> tuple[Schema, FieldCopies]:
        builder = SchemaBuilder.struct()
        for name in self._fields:
            field = schema.field(name)
            if field is None:
                raise DataException(f"Field does not exist: {name}")
            builder.field(name, field.schema())
        key_schema = builder.build()
        return key_schema, copies_by_name(key_schema)

    def close(self) -> None:
        """Drop the cached schemas."""
        self._cache = SchemaCache()
