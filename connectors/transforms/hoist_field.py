"""``HoistField``: wrap the key or value in a struct (or map) with one field.

A port of ``org.apache.kafka.connect.transforms.HoistField``::

    transforms=wrap
    transforms.wrap.type=org.apache.kafka.connect.transforms.HoistField$Value
    transforms.wrap.field=line
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data import Schema, SchemaBuilder, Struct
from connect_data.config import ConfigDef
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.lru_cache import SchemaCache
from connectors.transforms.util.record_side import RecordSide, nest_variants
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.version import connectpy_version

__all__ = ["HoistField"]

R = TypeVar("R", bound=ConnectRecord)

FIELD_CONFIG = "field"


class HoistField(Transformation[R], Generic[R]):
    """Wraps the key or value as the single field ``field`` of a struct (with a schema) or map.

    The wrapping schema is built once per input schema. Use :attr:`HoistField.Key` or
    :attr:`HoistField.Value`.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Wrap data using the specified field name in a Struct when schema present, or a Map in "
        "the case of schemaless data.<p/>Use the concrete transformation type designed for the "
        "record key (<code>org.apache.kafka.connect.transforms.HoistField$Key</code>) or value "
        "(<code>org.apache.kafka.connect.transforms.HoistField$Value</code>)."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = ConfigDef().define(
        FIELD_CONFIG,
        ConfigDef.Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        importance=ConfigDef.Importance.MEDIUM,
        documentation=(
            "Field name for the single field that will be created in the resulting Struct or Map."
        ),
    )

    Key: ClassVar[type[HoistField[Any]]]
    """Wraps the record key (``HoistField$Key``)."""
    Value: ClassVar[type[HoistField[Any]]]
    """Wraps the record value (``HoistField$Value``)."""

    def __init__(self) -> None:
        self._field_name = ""
        self._cache: SchemaCache[Schema, Schema] = SchemaCache()

    @property
    @abstractmethod
    def _side(self) -> RecordSide:
        """The part of the record this variant works on."""

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``field``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the name of the wrapping field."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._field_name = config.get_string(FIELD_CONFIG) or ""
        self._cache = SchemaCache()

    def apply(self, record: R) -> R:
        """The record with its key or value wrapped."""
        side = self._side
        schema = side.schema(record)
        value = side.value(record)
        if schema is None:
            return side.new_record(record, None, {self._field_name: value})
        updated_schema = self._cache.get(schema)
        if updated_schema is None:
            updated_schema = SchemaBuilder.struct().field(self._field_name, schema).build()
            self._cache.put(schema, updated_schema)
        return side.new_record(
            record, updated_schema, Struct(updated_schema).put(self._field_name, value)
        )

    def close(self) -> None:
        """Drop the cached schemas."""
        self._cache = SchemaCache()


nest_variants(
    HoistField,
    "Wraps the record key (``HoistField$Key``).",
    "Wraps the record value (``HoistField$Value``).",
)
