"""The worker's configuration: Kafka Connect's ``WorkerConfig`` / ``StandaloneConfig`` keys plus
the embedded store's.

Keys are spelled as in Kafka Connect, so a ``connect-standalone.properties`` file works as is
(keys connectpy does not use, such as ``listeners``, are accepted and ignored). The reference
table in ``docs/runtime.md`` is generated from :func:`worker_config_def`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Final

from connect_data.config import (
    AbstractConfig,
    CaseInsensitiveValidString,
    ConfigDef,
    Range,
    class_resolver_context,
)
from connectors.runtime.plugins import Plugins, default_plugins

__all__ = ["WorkerConfig", "worker_config_def"]

BOOTSTRAP_SERVERS_CONFIG: Final = "bootstrap.servers"
KEY_CONVERTER_CLASS_CONFIG: Final = "key.converter"
VALUE_CONVERTER_CLASS_CONFIG: Final = "value.converter"
HEADER_CONVERTER_CLASS_CONFIG: Final = "header.converter"
HEADER_CONVERTER_CLASS_DEFAULT: Final = "org.apache.kafka.connect.storage.SimpleHeaderConverter"
TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG: Final = "task.shutdown.graceful.timeout.ms"
OFFSET_COMMIT_INTERVAL_MS_CONFIG: Final = "offset.flush.interval.ms"
OFFSET_COMMIT_TIMEOUT_MS_CONFIG: Final = "offset.flush.timeout.ms"
OFFSET_STORAGE_FILE_FILENAME_CONFIG: Final = "offset.storage.file.filename"
PLUGIN_PATH_CONFIG: Final = "plugin.path"
EMBEDDED_STORE_PATH_CONFIG: Final = "embedded.store.path"
EMBEDDED_STORE_PATH_DEFAULT: Final = "connectpy-data/connect.db"
EMBEDDED_STORE_SYNCHRONOUS_CONFIG: Final = "embedded.store.synchronous"
NUM_PARTITIONS_CONFIG: Final = "num.partitions"
AUTO_CREATE_TOPICS_ENABLE_CONFIG: Final = "auto.create.topics.enable"
THROUGHPUT_LOG_INTERVAL_MS_CONFIG: Final = "throughput.log.interval.ms"

_COMMON: Final = "Common"
_EMBEDDED: Final = "Embedded store"


def _define(resolver_plugins: Plugins) -> ConfigDef:
    with class_resolver_context(resolver_plugins.resolve):
        return (
            ConfigDef()
            .define(
                BOOTSTRAP_SERVERS_CONFIG,
                ConfigDef.Type.LIST,
                "",
                importance=ConfigDef.Importance.HIGH,
                documentation=(
                    "A list of host/port pairs of the Kafka cluster to use as the record log, "
                    "in the form host1:port1,host2:port2,... When empty (the default), the "
                    "worker uses the embedded store instead (see embedded.store.path)."
                ),
                group=_COMMON,
            )
            .define(
                KEY_CONVERTER_CLASS_CONFIG,
                ConfigDef.Type.CLASS,
                importance=ConfigDef.Importance.HIGH,
                documentation=(
                    "Converter class for record keys: the format of the keys written to or read "
                    "from the record log (for example "
                    "org.apache.kafka.connect.json.JsonConverter). Its settings follow the "
                    "key.converter. prefix (key.converter.schemas.enable=false)."
                ),
                group=_COMMON,
            )
            .define(
                VALUE_CONVERTER_CLASS_CONFIG,
                ConfigDef.Type.CLASS,
                importance=ConfigDef.Importance.HIGH,
                documentation=(
                    "Converter class for record values: the format of the values written to or "
                    "read from the record log. Its settings follow the value.converter. prefix."
                ),
                group=_COMMON,
            )
            .define(
                HEADER_CONVERTER_CLASS_CONFIG,
                ConfigDef.Type.CLASS,
                HEADER_CONVERTER_CLASS_DEFAULT,
                importance=ConfigDef.Importance.LOW,
                documentation=(
                    "HeaderConverter class for record header values. The default "
                    "(SimpleHeaderConverter) writes values as strings and reads them back with "
                    "their schema inferred. Its settings follow the header.converter. prefix."
                ),
                group=_COMMON,
            )
            .define(
                TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG,
                ConfigDef.Type.LONG,
                5000,
                Range.at_least(0),
                ConfigDef.Importance.LOW,
                "Amount of time to wait for tasks to shut down gracefully. This is the total "
                "amount of time, not per task: all tasks are told to stop, then waited on in turn.",
                group=_COMMON,
            )
            .define(
                OFFSET_COMMIT_INTERVAL_MS_CONFIG,
                ConfigDef.Type.LONG,
                60000,
                Range.at_least(0),
                ConfigDef.Importance.LOW,
                "Interval at which to try committing offsets for tasks: source offsets stored "
                "outside the record log, and the consumer offsets of sink tasks.",
                group=_COMMON,
            )
            .define(
                OFFSET_COMMIT_TIMEOUT_MS_CONFIG,
                ConfigDef.Type.LONG,
                5000,
                Range.at_least(0),
                ConfigDef.Importance.LOW,
                "Maximum number of milliseconds to wait for records to flush and partition "
                "offset data to be committed to offset storage before cancelling the process "
                "and restoring the offset data to be committed in a future attempt.",
                group=_COMMON,
            )
            .define(
                OFFSET_STORAGE_FILE_FILENAME_CONFIG,
                ConfigDef.Type.STRING,
                "",
                importance=ConfigDef.Importance.LOW,
                documentation=(
                    "File to store source connector offsets in. When empty (the default) with "
                    "the embedded store, source offsets are stored in the embedded store in the "
                    "same transaction as the records (exactly-once); set it to keep them in a "
                    "file instead (at-least-once)."
                ),
                group=_COMMON,
            )
            .define(
                PLUGIN_PATH_CONFIG,
                ConfigDef.Type.LIST,
                None,
                importance=ConfigDef.Importance.LOW,
                documentation=(
                    "Directories holding plugins (Python modules and packages). They are put "
                    "first on the import path, and their top-level modules are searched for "
                    "connectors, converters and transformations."
                ),
                group=_COMMON,
            )
            .define(
                THROUGHPUT_LOG_INTERVAL_MS_CONFIG,
                ConfigDef.Type.LONG,
                30000,
                Range.at_least(0),
                ConfigDef.Importance.LOW,
                "Interval between the log lines that report each task's throughput and lag; "
                "0 turns them off.",
                group=_COMMON,
            )
            .define(
                EMBEDDED_STORE_PATH_CONFIG,
                ConfigDef.Type.STRING,
                EMBEDDED_STORE_PATH_DEFAULT,
                importance=ConfigDef.Importance.HIGH,
                documentation=(
                    "The SQLite database file of the embedded store (relative paths start at the "
                    "working directory). It holds the topics, consumer group offsets, source "
                    "offsets and connector configurations; several workers may share it."
                ),
                group=_EMBEDDED,
            )
            .define(
                EMBEDDED_STORE_SYNCHRONOUS_CONFIG,
                ConfigDef.Type.STRING,
                "NORMAL",
                CaseInsensitiveValidString.in_("NORMAL", "FULL"),
                ConfigDef.Importance.LOW,
                "SQLite's synchronous setting for the embedded store. NORMAL keeps every "
                "committed transaction when the process dies; FULL also when the machine loses "
                "power, at the cost of an fsync per transaction.",
                group=_EMBEDDED,
            )
            .define(
                NUM_PARTITIONS_CONFIG,
                ConfigDef.Type.INT,
                1,
                Range.at_least(1),
                ConfigDef.Importance.MEDIUM,
                "The number of partitions of topics the embedded store creates automatically.",
                group=_EMBEDDED,
            )
            .define(
                AUTO_CREATE_TOPICS_ENABLE_CONFIG,
                ConfigDef.Type.BOOLEAN,
                True,
                importance=ConfigDef.Importance.MEDIUM,
                documentation=(
                    "Whether the embedded store creates a topic (with num.partitions partitions) "
                    "when a record is first written to it."
                ),
                group=_EMBEDDED,
            )
        )


@functools.lru_cache(maxsize=8)
def worker_config_def(plugins: Plugins | None = None) -> ConfigDef:
    """The worker's :class:`ConfigDef` (class names resolved with ``plugins``)."""
    return _define(plugins or default_plugins())


class WorkerConfig(AbstractConfig):
    """A parsed worker configuration (``WorkerConfig``)."""

    def __init__(self, props: Mapping[str, Any], plugins: Plugins | None = None) -> None:
        self.plugins = plugins or Plugins(_plugin_path(props))
        with class_resolver_context(self.plugins.resolve):
            super().__init__(worker_config_def(self.plugins), props)

    def embedded(self) -> bool:
        """Whether the record log is the embedded store (no ``bootstrap.servers``)."""
        return not self.get_list(BOOTSTRAP_SERVERS_CONFIG)

    def offset_commit_interval_ms(self) -> int:
        """``offset.flush.interval.ms``."""
        return int(self.get_long(OFFSET_COMMIT_INTERVAL_MS_CONFIG) or 0)

    def offset_commit_timeout_ms(self) -> int:
        """``offset.flush.timeout.ms``."""
        return int(self.get_long(OFFSET_COMMIT_TIMEOUT_MS_CONFIG) or 0)

    def offsets_file(self) -> str | None:
        """``offset.storage.file.filename``, or ``None`` when unset."""
        value = self.get_string(OFFSET_STORAGE_FILE_FILENAME_CONFIG)
        return value or None


def _plugin_path(props: Mapping[str, Any]) -> list[str]:
    raw = props.get(PLUGIN_PATH_CONFIG)
    if raw is None:
        return []
    if isinstance(raw, str):
        return [p.strip() for p in raw.split(",") if p.strip()]
    return [str(p) for p in raw]
