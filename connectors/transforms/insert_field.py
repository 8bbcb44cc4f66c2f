"""``InsertField``: add record metadata or a fixed value as fields of the key or value.

A port of ``org.apache.kafka.connect.transforms.InsertField``. Configure it as in Kafka::

    transforms=addMeta
    transforms.addMeta.type=org.apache.kafka.connect.transforms.InsertField$Value
    transforms.addMeta.topic.field=source_topic
    transforms.addMeta.timestamp.field=ingested_at!
    transforms.addMeta.static.field=origin
    transforms.addMeta.static.value=eu-west
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

import attrs

from connect_data import Field, Schema, SchemaBuilder, Struct, Timestamp
from connect_data.config import ConfigDef, ConfigException
from connect_data.logical import datetime_from_millis
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.lru_cache import SchemaCache
from connectors.transforms.util.record_side import RecordSide, nest_variants
from connectors.transforms.util.replace_null_with_default import (
    REPLACE_NULL_WITH_DEFAULT_CONFIG,
    define_replace_null_with_default,
)
from connectors.transforms.util.requirements import (
    require_map,
    require_sink_record,
    require_struct,
)
from connectors.transforms.util.schema_util import copy_schema_basics
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.version import connectpy_version

__all__ = ["InsertField"]

R = TypeVar("R", bound=ConnectRecord)

TOPIC_FIELD = "topic.field"
PARTITION_FIELD = "partition.field"
OFFSET_FIELD = "offset.field"
TIMESTAMP_FIELD = "timestamp.field"
STATIC_FIELD = "static.field"
STATIC_VALUE = "static.value"

_OPTIONALITY_DOC = (
    "Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it "
    "optional (the default)."
)
_PURPOSE = "field insertion"
_OPTIONAL_TIMESTAMP_SCHEMA = Timestamp.builder().optional().build()


@attrs.frozen
class _InsertionSpec:
    """A field to insert: its name and whether its schema is optional (``name?``/``name!``)."""

    name: str
    optional: bool

    @staticmethod
    def parse(spec: str | None) -> _InsertionSpec | None:
        if spec is None:
            return None
        if spec.endswith("?"):
            return _InsertionSpec(spec[:-1], True)
        if spec.endswith("!"):
            return _InsertionSpec(spec[:-1], False)
        return _InsertionSpec(spec, True)

    def schema(self, optional_schema: Schema, required_schema: Schema) -> Schema:
        return optional_schema if self.optional else required_schema


class InsertField(Transformation[R], Generic[R]):
    """Inserts the topic, partition, offset, timestamp and/or a static value as fields.

    Works on a :class:`~connect_data.Struct` (the schema gets the new fields, cached per input
    schema) or, without a schema, on a map. Use :attr:`InsertField.Key` or
    :attr:`InsertField.Value` (Java's ``InsertField$Key`` / ``InsertField$Value``). Records whose
    key or value is null pass through unchanged. ``offset.field`` only works on sink records.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Insert field(s) using attributes from the record metadata or a configured static value."
        "<p/>Use the concrete transformation type designed for the record key "
        "(<code>org.apache.kafka.connect.transforms.InsertField$Key</code>) or value "
        "(<code>org.apache.kafka.connect.transforms.InsertField$Value</code>)."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = define_replace_null_with_default(
        ConfigDef()
        .define(
            TOPIC_FIELD,
            ConfigDef.Type.STRING,
            None,
            importance=ConfigDef.Importance.MEDIUM,
            documentation="Field name for Kafka topic. " + _OPTIONALITY_DOC,
        )
        .define(
            PARTITION_FIELD,
            ConfigDef.Type.STRING,
            None,
            importance=ConfigDef.Importance.MEDIUM,
            documentation="Field name for Kafka partition. " + _OPTIONALITY_DOC,
        )
        .define(
            OFFSET_FIELD,
            ConfigDef.Type.STRING,
            None,
            importance=ConfigDef.Importance.MEDIUM,
            documentation=(
                "Field name for Kafka offset - only applicable to sink connectors.<br/>"
                + _OPTIONALITY_DOC
            ),
        )
        .define(
            TIMESTAMP_FIELD,
            ConfigDef.Type.STRING,
            None,
            importance=ConfigDef.Importance.MEDIUM,
            documentation="Field name for record timestamp. " + _OPTIONALITY_DOC,
        )
        .define(
            STATIC_FIELD,
            ConfigDef.Type.STRING,
            None,
            importance=ConfigDef.Importance.MEDIUM,
            documentation="Field name for static data field. " + _OPTIONALITY_DOC,
        )
        .define(
            STATIC_VALUE,
            ConfigDef.Type.STRING,
            None,
            importance=ConfigDef.Importance.MEDIUM,
            documentation="Static field value, if field name configured.",
        )
    )

    Key: ClassVar[type[InsertField[Any]]]
    """Inserts into the record key (``InsertField$Key``)."""
    Value: ClassVar[type[InsertField[Any]]]
    """Inserts into the record value (``InsertField$Value``)."""

    def __init__(self) -> None:
        self._topic_field: _InsertionSpec | None = None
        self._partition_field: _InsertionSpec | None = None
        self._offset_field: _InsertionSpec | None = None
        self._timestamp_field: _InsertionSpec | None = None
        self._static_field: _InsertionSpec | None = None
        self._static_value: str | None = None
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
        """The definition of ``topic.field``, ``partition.field``, ... ``static.value``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the field names; at least one must be set, and ``static.field`` needs a value."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._topic_field = _InsertionSpec.parse(config.get_string(TOPIC_FIELD))
        self._partition_field = _InsertionSpec.parse(config.get_string(PARTITION_FIELD))
        self._offset_field = _InsertionSpec.parse(config.get_string(OFFSET_FIELD))
        self._timestamp_field = _InsertionSpec.parse(config.get_string(TIMESTAMP_FIELD))
        self._static_field = _InsertionSpec.parse(config.get_string(STATIC_FIELD))
        self._static_value = config.get_string(STATIC_VALUE)
        self._replace_null_with_default = bool(config.get_boolean(REPLACE_NULL_WITH_DEFAULT_CONFIG))
        if (
            self._topic_field is None
            and self._partition_field is None
            and self._offset_field is None
            and self._timestamp_field is None
            and self._static_field is None
        ):
            raise ConfigException("No field insertion configured")
        if self._static_field is not None and self._static_value is None:
            raise ConfigException(
                STATIC_VALUE,
                None,
                f"No value specified for static field: {self._static_field.name}",
            )
        self._cache = SchemaCache()

    def apply(self, record: R) -> R:
        """The record with the configured fields added to its key or value."""
        side = self._side
        value = side.value(record)
        if value is None:
            return record
        if side.schema(record) is None:
            return self._apply_schemaless(record, value)
        return self._apply_with_schema(record, value)

    def _apply_schemaless(self, record: R, raw: Any) -> R:
        value = require_map(raw, _PURPOSE)
        updated = dict(value)
        if self._topic_field is not None:
            updated[self._topic_field.name] = record.topic
        if self._partition_field is not None and record.kafka_partition is not None:
            updated[self._partition_field.name] = record.kafka_partition
        if self._offset_field is not None:
            updated[self._offset_field.name] = require_sink_record(record, _PURPOSE).kafka_offset
        if self._timestamp_field is not None and record.timestamp is not None:
            updated[self._timestamp_field.name] = record.timestamp
        if self._static_field is not None and self._static_value is not None:
            updated[self._static_field.name] = self._static_value
        return self._side.new_record(record, None, updated)

    def _apply_with_schema(self, record: R, raw: Any) -> R:
        value = require_struct(raw, _PURPOSE)
        cache = self._cache
        schema = value.schema()
        updated_schema = cache.get(schema)
        if updated_schema is None:
            updated_schema = self._make_updated_schema(schema)
            cache.put(schema, updated_schema)
        updated = Struct(updated_schema)
        with_default = self._replace_null_with_default
        for field in schema.fields():
            field_value = (
                value.get(field) if with_default else value.get_without_default(field.name())
            )
            updated.put(field.name(), field_value)
        if self._topic_field is not None:
            updated.put(self._topic_field.name, record.topic)
        if self._partition_field is not None and record.kafka_partition is not None:
            updated.put(self._partition_field.name, record.kafka_partition)
        if self._offset_field is not None:
            updated.put(self._offset_field.name, require_sink_record(record, _PURPOSE).kafka_offset)
        if self._timestamp_field is not None and record.timestamp is not None:
            updated.put(self._timestamp_field.name, datetime_from_millis(record.timestamp))
        if self._static_field is not None and self._static_value is not None:
            updated.put(self._static_field.name, self._static_value)
        return self._side.new_record(record, updated_schema, updated)

    def _make_updated_schema(self, schema: Schema) -> Schema:
        builder = copy_schema_basics(schema, SchemaBuilder.struct())
        field: Field
        for field in schema.fields():
            builder.field(field.name(), field.schema())
        if self._topic_field is not None:
            builder.field(
                self._topic_field.name,
                self._topic_field.schema(Schema.OPTIONAL_STRING_SCHEMA, Schema.STRING_SCHEMA),
            )
        if self._partition_field is not None:
            builder.field(
                self._partition_field.name,
                self._partition_field.schema(Schema.OPTIONAL_INT32_SCHEMA, Schema.INT32_SCHEMA),
            )
        if self._offset_field is not None:
            builder.field(
                self._offset_field.name,
                self._offset_field.schema(Schema.OPTIONAL_INT64_SCHEMA, Schema.INT64_SCHEMA),
            )
        if self._timestamp_field is not None:
            builder.field(
                self._timestamp_field.name,
                self._timestamp_field.schema(_OPTIONAL_TIMESTAMP_SCHEMA, Timestamp.SCHEMA),
            )
        if self._static_field is not None:
            builder.field(
                self._static_field.name,
                self._static_field.schema(Schema.OPTIONAL_STRING_SCHEMA, Schema.STRING_SCHEMA),
            )
        return builder.build()

    def close(self) -> None:
        """Drop the cached schemas."""
        self._cache = SchemaCache()


nest_variants(
    InsertField,
    "Inserts fields into the record key (``InsertField$Key``).",
    "Inserts fields into the record value (``InsertField$Value``).",
)
