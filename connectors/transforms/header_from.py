"""``HeaderFrom``: move or copy fields of the key or value into headers.

A port of ``org.apache.kafka.connect.transforms.HeaderFrom``::

    transforms=trace
    transforms.trace.type=org.apache.kafka.connect.transforms.HeaderFrom$Value
    transforms.trace.fields=trace_id,tenant
    transforms.trace.headers=trace-id,tenant
    transforms.trace.operation=move
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from connect_data import DataException, Schema, SchemaBuilder, Struct
from connect_data.config import ConfigDef, ConfigException, ValidString
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.lru_cache import SchemaCache
from connectors.transforms.util.record_side import RecordSide, nest_variants
from connectors.transforms.util.replace_null_with_default import (
    REPLACE_NULL_WITH_DEFAULT_CONFIG,
    define_replace_null_with_default,
)
from connectors.transforms.util.requirements import require_map, require_struct
from connectors.transforms.util.schema_util import copy_schema_basics
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.struct_copy import FieldCopies, copies_by_name, copy_fields
from connectors.transforms.util.validators import NonEmptyListValidator
from connectors.transforms.util.version import connectpy_version

__all__ = ["HeaderFrom"]

R = TypeVar("R", bound=ConnectRecord)

FIELDS_FIELD = "fields"
HEADERS_FIELD = "headers"
OPERATION_FIELD = "operation"
MOVE_OPERATION = "move"
COPY_OPERATION = "copy"


class HeaderFrom(Transformation[R], Generic[R]):
    """Adds the named fields of the key or value as headers, removing them with ``move``.

    ``fields`` and ``headers`` pair up by position. With a schema the headers get the fields'
    schemas, and ``move`` builds the reduced schema once per input schema. Use
    :attr:`HeaderFrom.Key` or :attr:`HeaderFrom.Value`.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Moves or copies fields in the key/value of a record into that record's headers. "
        "Corresponding elements of <code>fields</code> and <code>headers</code> together "
        "identify a field and the header it should be moved or copied to. Use the concrete "
        "transformation type designed for the record key "
        "(<code>org.apache.kafka.connect.transforms.HeaderFrom$Key</code>) or value "
        "(<code>org.apache.kafka.connect.transforms.HeaderFrom$Value</code>)."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = define_replace_null_with_default(
        ConfigDef()
        .define(
            FIELDS_FIELD,
            ConfigDef.Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            NonEmptyListValidator(),
            ConfigDef.Importance.HIGH,
            "Field names in the record whose values are to be copied or moved to headers.",
        )
        .define(
            HEADERS_FIELD,
            ConfigDef.Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            NonEmptyListValidator(),
            ConfigDef.Importance.HIGH,
            "Header names, in the same order as the field names listed in the fields "
            "configuration property.",
        )
        .define(
            OPERATION_FIELD,
            ConfigDef.Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            ValidString.in_(MOVE_OPERATION, COPY_OPERATION),
            ConfigDef.Importance.HIGH,
            "Either <code>move</code> if the fields are to be moved to the headers (removed from "
            "the key/value), or <code>copy</code> if the fields are to be copied to the headers "
            "(retained in the key/value).",
        )
    )

    Key: ClassVar[type[HeaderFrom[Any]]]
    """Takes the fields from the record key (``HeaderFrom$Key``)."""
    Value: ClassVar[type[HeaderFrom[Any]]]
    """Takes the fields from the record value (``HeaderFrom$Value``)."""

    def __init__(self) -> None:
        self._fields: list[str] = []
        self._headers: list[str] = []
        self._operation = COPY_OPERATION
        self._replace_null_with_default = True
        self._move_schema_cache: SchemaCache[Schema, tuple[Schema, FieldCopies]] = SchemaCache()

    @property
    @abstractmethod
    def _side(self) -> RecordSide:
        """The part of the record this variant works on."""

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``fields``, ``headers``, ``operation`` and ``replace.null.with.default``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the field and header names (as many of each) and the operation."""
        config = SimpleConfig(self.CONFIG_DEF, configs)
        self._fields = [str(f) for f in config.get_list(FIELDS_FIELD) or []]
        self._headers = [str(h) for h in config.get_list(HEADERS_FIELD) or []]
        if len(self._headers) != len(self._fields):
            raise ConfigException(
                f"'{FIELDS_FIELD}' config must have the same number of elements as "
                f"'{HEADERS_FIELD}' config."
            )
        self._operation = config.get_string(OPERATION_FIELD) or COPY_OPERATION
        self._replace_null_with_default = bool(config.get_boolean(REPLACE_NULL_WITH_DEFAULT_CONFIG))
        self._move_schema_cache = SchemaCache()

    def apply(self, record: R) -> R:
        """The record with the fields added as headers (and removed, for ``move``)."""
        side = self._side
        schema = side.schema(record)
        if schema is None:
            return self._apply_schemaless(record, side.value(record))
        return self._apply_with_schema(record, side.value(record), schema)

    def _field_value(self, struct: Struct, name: str) -> Any:
        if self._replace_null_with_default:
            return struct.get(name)
        return struct.get_without_default(name)

    def _apply_with_schema(self, record: R, raw: Any, schema: Schema) -> R:
        headers = record.headers.duplicate()
        struct = require_struct(raw, f"header {self._operation}")
        if self._operation == MOVE_OPERATION:
            updated_schema, copies = self._move_schema(schema)
            updated: Any = copy_fields(
                struct, updated_schema, copies, self._replace_null_with_default
            )
        else:
            updated_schema = schema
            updated = struct
        own_schema = struct.schema()
        for field_name, header_name in zip(self._fields, self._headers, strict=True):
            field_value = (
                self._field_value(struct, field_name)
                if own_schema.field(field_name) is not None
                else None
            )
            header_field = schema.field(field_name)
            if header_field is None:
                raise DataException(f"{field_name} is not a valid field name")
            headers.add(header_name, field_value, header_field.schema())
        return self._side.new_record(record, updated_schema, updated, headers)

    def _move_schema(self, schema: Schema) -> tuple[Schema, FieldCopies]:
        """``schema`` without the moved fields, and each of its fields paired with its name."""
        moved = self._move_schema_cache.get(schema)
        if moved is None:
            builder = copy_schema_basics(schema, SchemaBuilder.struct())
            for field in schema.fields():
                if field.name() not in self._fields:
                    builder.field(field.name(), field.schema())
            moved_schema = builder.build()
            moved = (moved_schema, copies_by_name(moved_schema))
            self._move_schema_cache.put(schema, moved)
        return moved

    def _apply_schemaless(self, record: R, raw: Any) -> R:
        headers = record.headers.duplicate()
        value = require_map(raw, f"header {self._operation}")
        updated = dict(value)
        move = self._operation == MOVE_OPERATION
        for field_name, header_name in zip(self._fields, self._headers, strict=True):
            field_value = value.get(field_name)
            if move:
                updated.pop(field_name, None)
            headers.add(header_name, field_value, None)
        return self._side.new_record(record, None, updated, headers)


nest_variants(
    HeaderFrom,
    "Takes the fields from the record key (``HeaderFrom$Key``).",
    "Takes the fields from the record value (``HeaderFrom$Value``).",
)
