"""``ReplaceField``: keep, drop or rename fields of the key or value.

A port of ``org.apache.kafka.connect.transforms.ReplaceField``::

    transforms=tidy
    transforms.tidy.type=org.apache.kafka.connect.transforms.ReplaceField$Value
    transforms.tidy.exclude=password,ssn
    transforms.tidy.renames=cust_id:customer_id,ts:created_at

The pre-3.0 names ``whitelist`` and ``blacklist`` are read as ``include`` and ``exclude``.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from connect_data import Schema, SchemaBuilder
from connect_data.config import ConfigDef, ConfigException, LambdaValidator
from connectors.record import ConnectRecord
from connectors.transforms.transformation import Transformation
from connectors.transforms.util.deprecated_configs import translate_deprecated_configs
from connectors.transforms.util.lru_cache import SchemaCache
from connectors.transforms.util.record_side import RecordSide, nest_variants
from connectors.transforms.util.replace_null_with_default import (
    REPLACE_NULL_WITH_DEFAULT_CONFIG,
    define_replace_null_with_default,
)
from connectors.transforms.util.requirements import require_map, require_struct
from connectors.transforms.util.schema_util import copy_schema_basics
from connectors.transforms.util.simple_config import SimpleConfig
from connectors.transforms.util.struct_copy import FieldCopies, copy_fields
from connectors.transforms.util.version import connectpy_version

__all__ = ["ReplaceField", "parse_rename_mappings"]

R = TypeVar("R", bound=ConnectRecord)

EXCLUDE = "exclude"
INCLUDE = "include"
RENAMES = "renames"
DEPRECATED_ALIASES: Mapping[str, Sequence[str]] = {INCLUDE: ("whitelist",), EXCLUDE: ("blacklist",)}

_PURPOSE = "field replacement"


def _java_split(text: str, separator: str) -> list[str]:
    """``String.split``: trailing empty strings are removed."""
    parts = text.split(separator)
    if len(parts) == 1:
        return parts
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def parse_rename_mappings(mappings: Sequence[str]) -> dict[str, str]:
    """``old:new`` pairs as a dict; :class:`ConfigException` for a malformed pair."""
    renames: dict[str, str] = {}
    for mapping in mappings:
        parts = _java_split(mapping, ":")
        if len(parts) != 2:
            raise ConfigException(RENAMES, list(mappings), f"Invalid rename mapping: {mapping}")
        renames[parts[0]] = parts[1]
    return renames


def _validate_renames(_name: str, value: Any) -> None:
    parse_rename_mappings(value)


class ReplaceField(Transformation[R], Generic[R]):
    """Filters and renames the fields of a :class:`~connect_data.Struct` or map.

    ``exclude`` wins over ``include``; an empty ``include`` keeps every field. ``renames``
    renames the kept fields. With a schema, the new schema is built once per input schema.
    Null keys or values pass through. Use :attr:`ReplaceField.Key` or :attr:`ReplaceField.Value`.
    """

    OVERVIEW_DOC: ClassVar[str] = (
        "Filter or rename fields."
        "<p/>Use the concrete transformation type designed for the record key "
        "(<code>org.apache.kafka.connect.transforms.ReplaceField$Key</code>) or value "
        "(<code>org.apache.kafka.connect.transforms.ReplaceField$Value</code>)."
    )

    CONFIG_DEF: ClassVar[ConfigDef] = define_replace_null_with_default(
        ConfigDef()
        .define(
            EXCLUDE,
            ConfigDef.Type.LIST,
            [],
            importance=ConfigDef.Importance.MEDIUM,
            documentation="Fields to exclude. This takes precedence over the fields to include.",
        )
        .define(
            INCLUDE,
            ConfigDef.Type.LIST,
            [],
            importance=ConfigDef.Importance.MEDIUM,
            documentation="Fields to include. If specified, only these fields will be used.",
        )
        .define(
            RENAMES,
            ConfigDef.Type.LIST,
            [],
            LambdaValidator.with_(
                _validate_renames,
                lambda: "list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>",
            ),
            ConfigDef.Importance.MEDIUM,
            "Field rename mappings.",
        )
    )

    Key: ClassVar[type[ReplaceField[Any]]]
    """Works on the record key (``ReplaceField$Key``)."""
    Value: ClassVar[type[ReplaceField[Any]]]
    """Works on the record value (``ReplaceField$Value``)."""

    def __init__(self) -> None:
        self._exclude: frozenset[str] = frozenset()
        self._include: frozenset[str] = frozenset()
        self._renames: dict[str, str] = {}
        self._reverse_renames: dict[str, str] = {}
        self._replace_null_with_default = True
        self._cache: SchemaCache[Schema, tuple[Schema, FieldCopies]] = SchemaCache()

    @property
    @abstractmethod
    def _side(self) -> RecordSide:
        """The part of the record this variant works on."""

    def version(self) -> str:
        """The connectpy version."""
        return connectpy_version()

    def config(self) -> ConfigDef:
        """The definition of ``exclude``, ``include``, ``renames`` and ``replace.null.with.default``."""
        return self.CONFIG_DEF

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Read the field lists (``whitelist``/``blacklist`` count as ``include``/``exclude``)."""
        config = SimpleConfig(
            self.CONFIG_DEF, translate_deprecated_configs(configs, DEPRECATED_ALIASES)
        )
        self._exclude = frozenset(config.get_list(EXCLUDE) or ())
        self._include = frozenset(config.get_list(INCLUDE) or ())
        self._renames = parse_rename_mappings(config.get_list(RENAMES) or [])
        self._reverse_renames = {new: old for old, new in self._renames.items()}
        self._replace_null_with_default = bool(config.get_boolean(REPLACE_NULL_WITH_DEFAULT_CONFIG))
        self._cache = SchemaCache()

    def _keeps(self, field_name: str) -> bool:
        return field_name not in self._exclude and (
            not self._include or field_name in self._include
        )

    def _renamed(self, field_name: str) -> str:
        return self._renames.get(field_name, field_name)

    def apply(self, record: R) -> R:
        """The record with its key or value filtered and renamed."""
        side = self._side
        value = side.value(record)
        if value is None:
            return record
        if side.schema(record) is None:
            return self._apply_schemaless(record, value)
        return self._apply_with_schema(record, value)

    def _apply_schemaless(self, record: R, raw: Any) -> R:
        value = require_map(raw, _PURPOSE)
        updated = {
            self._renamed(name): field_value
            for name, field_value in value.items()
            if self._keeps(name)
        }
        return self._side.new_record(record, None, updated)

    def _apply_with_schema(self, record: R, raw: Any) -> R:
        value = require_struct(raw, _PURPOSE)
        schema = value.schema()
        plan = self._cache.get(schema)
        if plan is None:
            plan = self._plan(schema)
            self._cache.put(schema, plan)
        updated_schema, copies = plan
        updated = copy_fields(value, updated_schema, copies, self._replace_null_with_default)
        return self._side.new_record(record, updated_schema, updated)

    def _plan(self, schema: Schema) -> tuple[Schema, FieldCopies]:
        """The updated schema, and for each of its fields the source field name."""
        builder = copy_schema_basics(schema, SchemaBuilder.struct())
        for field in schema.fields():
            if self._keeps(field.name()):
                builder.field(self._renamed(field.name()), field.schema())
        updated_schema = builder.build()
        copies = tuple(
            (field, self._reverse_renames.get(field.name(), field.name()))
            for field in updated_schema.fields()
        )
        return updated_schema, copies

    def close(self) -> None:
        """Drop the cached schemas."""
        self._cache = SchemaCache()


nest_variants(
    ReplaceField,
    "Filters and renames the fields of the record key (``ReplaceField$Key``).",
    "Filters and renames the fields of the record value (``ReplaceField$Value``).",
)
