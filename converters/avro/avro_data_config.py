"""``AvroDataConfig``: the settings of :class:`~converters.avro.AvroData`.

A port of Confluent's ``io.confluent.connect.avro.AvroDataConfig`` (with the keys of its base
``AbstractDataConfig``): the same keys, types and defaults, so a converter configured for Java
(``value.converter.enhanced.avro.schema.support=true``) behaves the same here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connect_data.config import AbstractConfig, ConfigDef

__all__ = ["AvroDataConfig"]


class AvroDataConfig(AbstractConfig):
    """The settings of :class:`~converters.avro.AvroData`.

    Example::

        config = AvroDataConfig({"enhanced.avro.schema.support": True})
        avro_data = AvroData(config)

    Unknown keys are ignored (the converter passes all its settings here).
    """

    GENERALIZED_SUM_TYPE_SUPPORT_CONFIG = "generalized.sum.type.support"
    GENERALIZED_SUM_TYPE_SUPPORT_DEFAULT = False
    GENERALIZED_SUM_TYPE_SUPPORT_DOC = (
        "Represent Avro unions and enums in the format-neutral Connect form "
        "(connect_union_N structs, org.apache.kafka.connect.data.Enum parameters), shared "
        "with the Protobuf and JSON Schema converters."
    )
    IGNORE_DEFAULT_FOR_NULLABLES_CONFIG = "ignore.default.for.nullables"
    IGNORE_DEFAULT_FOR_NULLABLES_DEFAULT = False
    IGNORE_DEFAULT_FOR_NULLABLES_DOC = (
        "Write null for an optional struct field left null, instead of the field's default."
    )
    SCHEMAS_CACHE_SIZE_CONFIG = "schemas.cache.config"
    SCHEMAS_CACHE_SIZE_DEFAULT = 1000
    SCHEMAS_CACHE_SIZE_DOC = "How many converted schemas each cache (one per direction) keeps."

    ENHANCED_AVRO_SCHEMA_SUPPORT_CONFIG = "enhanced.avro.schema.support"
    ENHANCED_AVRO_SCHEMA_SUPPORT_DEFAULT = False
    ENHANCED_AVRO_SCHEMA_SUPPORT_DOC = (
        "Keep Avro enums as enums (their symbols in the Connect schema's parameters) and name "
        "union branches of records, enums and fixed by their full names."
    )
    SCRUB_INVALID_NAMES_CONFIG = "scrub.invalid.names"
    SCRUB_INVALID_NAMES_DEFAULT = False
    SCRUB_INVALID_NAMES_DOC = (
        "Rewrite record, field and namespace names that are not valid Avro names (characters "
        "outside [A-Za-z0-9_] become _) instead of failing."
    )
    CONNECT_META_DATA_CONFIG = "connect.meta.data"
    CONNECT_META_DATA_DEFAULT = True
    CONNECT_META_DATA_DOC = (
        "Write the Connect schema's metadata (doc, version, parameters, default, name, int8 "
        "and int16 types) as connect.* properties of the Avro schema, and read them back."
    )
    ALLOW_OPTIONAL_MAP_KEYS_CONFIG = "allow.optional.map.keys"
    ALLOW_OPTIONAL_MAP_KEYS_DEFAULT = False
    ALLOW_OPTIONAL_MAP_KEYS_DOC = (
        "Write a Connect map whose keys are optional strings as an Avro map (otherwise as an "
        "array of key/value records)."
    )
    DISCARD_TYPE_DOC_DEFAULT_CONFIG = "discard.type.doc.default"
    DISCARD_TYPE_DOC_DEFAULT_DEFAULT = False
    DISCARD_TYPE_DOC_DEFAULT_DOC = (
        "Carry only field docs and field defaults between Avro and Connect schemas, not the "
        "docs and defaults of the types themselves."
    )
    FLATTEN_SINGLETON_UNIONS_CONFIG = "flatten.singleton.unions"
    FLATTEN_SINGLETON_UNIONS_DEFAULT = True
    FLATTEN_SINGLETON_UNIONS_DOC = (
        "Whether to flatten a union with a single branch into that branch's type."
    )

    @staticmethod
    def base_config_def() -> ConfigDef:
        """The :class:`ConfigDef` of every AvroData key (Java's ``baseConfigDef()``)."""
        c = AvroDataConfig
        boolean = ConfigDef.Type.BOOLEAN
        medium = ConfigDef.Importance.MEDIUM
        low = ConfigDef.Importance.LOW
        return (
            ConfigDef()
            .define(
                c.GENERALIZED_SUM_TYPE_SUPPORT_CONFIG,
                boolean,
                c.GENERALIZED_SUM_TYPE_SUPPORT_DEFAULT,
                importance=medium,
                documentation=c.GENERALIZED_SUM_TYPE_SUPPORT_DOC,
            )
            .define(
                c.IGNORE_DEFAULT_FOR_NULLABLES_CONFIG,
                boolean,
                c.IGNORE_DEFAULT_FOR_NULLABLES_DEFAULT,
                importance=medium,
                documentation=c.IGNORE_DEFAULT_FOR_NULLABLES_DOC,
            )
            .define(
                c.SCHEMAS_CACHE_SIZE_CONFIG,
                ConfigDef.Type.INT,
                c.SCHEMAS_CACHE_SIZE_DEFAULT,
                importance=low,
                documentation=c.SCHEMAS_CACHE_SIZE_DOC,
            )
            .define(
                c.ENHANCED_AVRO_SCHEMA_SUPPORT_CONFIG,
                boolean,
                c.ENHANCED_AVRO_SCHEMA_SUPPORT_DEFAULT,
                importance=medium,
                documentation=c.ENHANCED_AVRO_SCHEMA_SUPPORT_DOC,
            )
            .define(
                c.SCRUB_INVALID_NAMES_CONFIG,
                boolean,
                c.SCRUB_INVALID_NAMES_DEFAULT,
                importance=medium,
                documentation=c.SCRUB_INVALID_NAMES_DOC,
            )
            .define(
                c.CONNECT_META_DATA_CONFIG,
                boolean,
                c.CONNECT_META_DATA_DEFAULT,
                importance=low,
                documentation=c.CONNECT_META_DATA_DOC,
            )
            .define(
                c.DISCARD_TYPE_DOC_DEFAULT_CONFIG,
                boolean,
                c.DISCARD_TYPE_DOC_DEFAULT_DEFAULT,
                importance=low,
                documentation=c.DISCARD_TYPE_DOC_DEFAULT_DOC,
            )
            .define(
                c.ALLOW_OPTIONAL_MAP_KEYS_CONFIG,
                boolean,
                c.ALLOW_OPTIONAL_MAP_KEYS_DEFAULT,
                importance=low,
                documentation=c.ALLOW_OPTIONAL_MAP_KEYS_DOC,
            )
            .define(
                c.FLATTEN_SINGLETON_UNIONS_CONFIG,
                boolean,
                c.FLATTEN_SINGLETON_UNIONS_DEFAULT,
                importance=low,
                documentation=c.FLATTEN_SINGLETON_UNIONS_DOC,
            )
        )

    def __init__(self, props: Mapping[str, Any] | None = None) -> None:
        super().__init__(AvroDataConfig.base_config_def(), props or {})

    def _flag(self, key: str) -> bool:
        return bool(self.get_boolean(key))

    def is_generalized_sum_type_support(self) -> bool:
        """``generalized.sum.type.support``: unions and enums in the cross-format form."""
        return self._flag(self.GENERALIZED_SUM_TYPE_SUPPORT_CONFIG)

    def ignore_default_for_nullables(self) -> bool:
        """``ignore.default.for.nullables``: write null, not the default, for unset optionals."""
        return self._flag(self.IGNORE_DEFAULT_FOR_NULLABLES_CONFIG)

    def schema_cache_size(self) -> int:
        """``schemas.cache.config``: how many converted schemas each cache keeps (at least 1)."""
        return max(1, self.get_int(self.SCHEMAS_CACHE_SIZE_CONFIG) or 0)

    def is_enhanced_avro_schema_support(self) -> bool:
        """``enhanced.avro.schema.support``: keep enum symbols and full record names."""
        return self._flag(self.ENHANCED_AVRO_SCHEMA_SUPPORT_CONFIG)

    def is_scrub_invalid_names(self) -> bool:
        """``scrub.invalid.names``: rewrite names that are not valid Avro names."""
        return self._flag(self.SCRUB_INVALID_NAMES_CONFIG)

    def is_connect_meta_data(self) -> bool:
        """``connect.meta.data``: write and read the ``connect.*`` schema properties."""
        return self._flag(self.CONNECT_META_DATA_CONFIG)

    def is_discard_type_doc_default(self) -> bool:
        """``discard.type.doc.default``: keep only Avro field docs and defaults."""
        return self._flag(self.DISCARD_TYPE_DOC_DEFAULT_CONFIG)

    def is_allow_optional_map_keys(self) -> bool:
        """``allow.optional.map.keys``: write maps with optional string keys as Avro maps."""
        return self._flag(self.ALLOW_OPTIONAL_MAP_KEYS_CONFIG)

    def is_flatten_singleton_union(self) -> bool:
        """``flatten.singleton.unions``: read a one-branch union as that branch's type."""
        return self._flag(self.FLATTEN_SINGLETON_UNIONS_CONFIG)

    class Builder:
        """Java's ``AvroDataConfig.Builder``: ``Builder().with_("key", value).build()``."""

        def __init__(self) -> None:
            self._props: dict[str, Any] = {}

        def with_(self, key: str, value: Any) -> AvroDataConfig.Builder:
            """Set one key."""
            self._props[key] = value
            return self

        def build(self) -> AvroDataConfig:
            """The configuration."""
            return AvroDataConfig(self._props)
