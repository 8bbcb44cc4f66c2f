"""The configuration of :class:`~connectors.jsonl.JsonLinesSinkConnector` and its task.

:data:`CONFIG_DEF` defines the connector's own keys (the generated reference is in
docs/connectors.md); ``topics`` / ``topics.regex`` are the keys every sink connector has.
:class:`JsonLinesSinkConfig` parses a configuration and gives the values in the shapes the
task uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from connect_data.config import (
    AbstractConfig,
    CaseInsensitiveValidString,
    ConfigDef,
    NonEmptyString,
)
from connectors.jsonl.compatibility import StorageSchemaCompatibility

__all__ = ["CONFIG_DEF", "JsonLinesSinkConfig"]

FILE_CONFIG: Final = "file"
FORMAT_CONFIG: Final = "format"
SCHEMA_COMPATIBILITY_CONFIG: Final = "schema.compatibility"
BEHAVIOR_ON_NULL_VALUES_CONFIG: Final = "behavior.on.null.values"

FORMAT_JSONL: Final = "jsonl"
FORMAT_CSV: Final = "csv"
NULL_VALUES_IGNORE: Final = "ignore"
NULL_VALUES_FAIL: Final = "fail"

_GROUP: Final = "Output"

CONFIG_DEF: Final = (
    ConfigDef()
    .define(
        FILE_CONFIG,
        ConfigDef.Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        NonEmptyString(),
        ConfigDef.Importance.HIGH,
        "The file the records are appended to (created, with its directory, if missing).",
        _GROUP,
        1,
        ConfigDef.Width.LONG,
        "Output file",
    )
    .define(
        FORMAT_CONFIG,
        ConfigDef.Type.STRING,
        FORMAT_JSONL,
        CaseInsensitiveValidString.in_(FORMAT_JSONL, FORMAT_CSV),
        ConfigDef.Importance.HIGH,
        "How each record's value is written: jsonl (one JSON document per line; a struct "
        "becomes an object with its fields in schema order) or csv (one row per record, one "
        "column per top-level field, with a header row before the first row and whenever the "
        "columns change).",
        _GROUP,
        2,
        ConfigDef.Width.SHORT,
        "Output format",
    )
    .define(
        SCHEMA_COMPATIBILITY_CONFIG,
        ConfigDef.Type.STRING,
        StorageSchemaCompatibility.NONE.value,
        CaseInsensitiveValidString.in_(*(c.value for c in StorageSchemaCompatibility)),
        ConfigDef.Importance.HIGH,
        "The schema compatibility rule applied when the value schemas of a topic's records "
        "change, as in Confluent's storage sinks. NONE: each record is written with its own "
        "schema. BACKWARD or FULL: the record with the highest schema version seen so far sets "
        "the schema, and records with older versions are projected onto it (new fields get "
        "their defaults, numbers widen). FORWARD: the lowest version seen sets the schema, and "
        "newer records are projected onto it (fields it lacks are dropped). BACKWARD, FORWARD "
        "and FULL need versioned schemas, such as those of AvroConverter.",
        _GROUP,
        3,
        ConfigDef.Width.SHORT,
        "Schema compatibility",
    )
    .define(
        BEHAVIOR_ON_NULL_VALUES_CONFIG,
        ConfigDef.Type.STRING,
        NULL_VALUES_FAIL,
        CaseInsensitiveValidString.in_(NULL_VALUES_IGNORE, NULL_VALUES_FAIL),
        ConfigDef.Importance.LOW,
        "What to do with a record whose value is null (a tombstone): fail the task, or ignore "
        "the record.",
        _GROUP,
        4,
        ConfigDef.Width.SHORT,
        "Behavior for null values",
    )
)


class JsonLinesSinkConfig(AbstractConfig):
    """A parsed configuration (raises :class:`~connect_data.config.ConfigException`)."""

    def __init__(self, props: Mapping[str, Any]) -> None:
        super().__init__(CONFIG_DEF, props)

    @property
    def file(self) -> Path:
        """``file``."""
        return Path(str(self.get_string(FILE_CONFIG)))

    @property
    def format(self) -> str:
        """``format``, lower-cased."""
        return str(self.get_string(FORMAT_CONFIG)).strip().lower()

    @property
    def compatibility(self) -> StorageSchemaCompatibility:
        """``schema.compatibility``."""
        return StorageSchemaCompatibility.get_compatibility(
            self.get_string(SCHEMA_COMPATIBILITY_CONFIG)
        )

    @property
    def fail_on_null_values(self) -> bool:
        """Whether ``behavior.on.null.values`` is ``fail``."""
        value = str(self.get_string(BEHAVIOR_ON_NULL_VALUES_CONFIG)).strip().lower()
        return value == NULL_VALUES_FAIL
