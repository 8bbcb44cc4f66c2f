"""The worker's configuration: Kafka Connect's ``WorkerConfig`` / ``StandaloneConfig`` keys plus
the embedded store's.

Keys are spelled as in Kafka Connect, so a ``connect-standalone.properties`` file works as is
(keys connectpy does not use are accepted and ignored). The reference
table in ``docs/runtime.md`` is generated from :func:`worker_config_def`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any, Final

from connect_data.config import (
    AbstractConfig,
    CaseInsensitiveValidString,
    ConfigDef,
    ConfigException,
    Range,
    Validator,
    class_resolver_context,
    resolve_config_variables,
)
from connectors.runtime.plugins import Plugins, default_plugins

__all__ = ["WorkerConfig", "parse_listener", "worker_config_def"]

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
LISTENERS_CONFIG: Final = "listeners"
LISTENERS_DEFAULT: Final = "http://127.0.0.1:8083"
REST_ADVERTISED_HOST_NAME_CONFIG: Final = "rest.advertised.host.name"
REST_ADVERTISED_PORT_CONFIG: Final = "rest.advertised.port"
REST_ADVERTISED_LISTENER_CONFIG: Final = "rest.advertised.listener"
ACCESS_CONTROL_ALLOW_ORIGIN_CONFIG: Final = "access.control.allow.origin"
ACCESS_CONTROL_ALLOW_METHODS_CONFIG: Final = "access.control.allow.methods"
TOPIC_TRACKING_ENABLE_CONFIG: Final = "topic.tracking.enable"
TOPIC_TRACKING_ALLOW_RESET_CONFIG: Final = "topic.tracking.allow.reset"
CONFIG_PROVIDERS_CONFIG: Final = "config.providers"

_COMMON: Final = "Common"
_EMBEDDED: Final = "Embedded store"
_REST: Final = "REST API"


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
                TOPIC_TRACKING_ENABLE_CONFIG,
                ConfigDef.Type.BOOLEAN,
                True,
                importance=ConfigDef.Importance.LOW,
                documentation=(
                    "Whether the worker records the topics each connector writes to or reads "
                    "from (its active topics, shown by GET /connectors/{name}/topics)."
                ),
                group=_COMMON,
            )
            .define(
                CONFIG_PROVIDERS_CONFIG,
                ConfigDef.Type.LIST,
                "",
                importance=ConfigDef.Importance.LOW,
                documentation=(
                    "Comma-separated names of ConfigProvider classes, loaded and used in the "
                    "order specified. Each name needs config.providers.{name}.class (a Java "
                    "or Python class name) and takes config.providers.{name}.param.{key} "
                    "settings. Connector configurations, and this configuration, may then "
                    "refer to ${name:[path:]key} instead of holding secrets (see Config "
                    "providers above)."
                ),
                group=_COMMON,
            )
            .define(
                TOPIC_TRACKING_ALLOW_RESET_CONFIG,
                ConfigDef.Type.BOOLEAN,
                True,
                importance=ConfigDef.Importance.LOW,
                documentation=(
                    "Whether PUT /connectors/{name}/topics/reset may empty a connector's set of "
                    "active topics."
                ),
                group=_COMMON,
            )
            .define(
                LISTENERS_CONFIG,
                ConfigDef.Type.LIST,
                LISTENERS_DEFAULT,
                _Listeners(),
                ConfigDef.Importance.LOW,
                "Comma-separated URIs the REST API listens on, as http://host:port. An empty "
                "host or 0.0.0.0 binds every interface, port 0 a free port. The default "
                "binds the loopback interface only (Kafka's default, http://:8083, binds every "
                "interface).",
                group=_REST,
            )
            .define(
                REST_ADVERTISED_HOST_NAME_CONFIG,
                ConfigDef.Type.STRING,
                None,
                importance=ConfigDef.Importance.LOW,
                documentation=(
                    "The host name of the worker's advertised URL (logged at start, and part of "
                    "the worker id shown in statuses); the listener's host when unset."
                ),
                group=_REST,
            )
            .define(
                REST_ADVERTISED_PORT_CONFIG,
                ConfigDef.Type.INT,
                None,
                importance=ConfigDef.Importance.LOW,
                documentation=(
                    "The port of the worker's advertised URL; the listener's port when unset."
                ),
                group=_REST,
            )
            .define(
                REST_ADVERTISED_LISTENER_CONFIG,
                ConfigDef.Type.STRING,
                None,
                importance=ConfigDef.Importance.LOW,
                documentation=(
                    "The protocol of the listener whose address is advertised (http); the "
                    "first listener's when unset."
                ),
                group=_REST,
            )
            .define(
                ACCESS_CONTROL_ALLOW_ORIGIN_CONFIG,
                ConfigDef.Type.STRING,
                "",
                importance=ConfigDef.Importance.LOW,
                documentation=(
                    "The Access-Control-Allow-Origin value for cross-origin requests to the REST "
                    "API: an origin, or * for any. Empty (the default) allows none."
                ),
                group=_REST,
            )
            .define(
                ACCESS_CONTROL_ALLOW_METHODS_CONFIG,
                ConfigDef.Type.STRING,
                "",
                importance=ConfigDef.Importance.LOW,
                documentation=(
                    "Comma-separated methods allowed in cross-origin requests when "
                    "access.control.allow.origin is set; GET, POST and HEAD when empty."
                ),
                group=_REST,
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


_LISTENER: Final = re.compile(
    r"^([A-Za-z][A-Za-z0-9+.-]*)://\[?([0-9a-zA-Z\-%._:]*)\]?:(-?[0-9]+)$"
)


def parse_listener(listener: str) -> tuple[str, str, int]:
    """``(protocol, host, port)`` of a listener URI such as ``http://127.0.0.1:8083``.

    Raises :class:`ConfigException` for anything else (the protocol is lower-cased; IPv6 hosts
    are written in brackets, ``http://[::1]:8083``).
    """
    match = _LISTENER.match(listener.strip())
    if match is None:
        raise ConfigException(
            LISTENERS_CONFIG,
            listener,
            "Listener must be of the form protocol://host:port (for example http://127.0.0.1:8083)",
        )
    protocol, host, port = match.group(1).lower(), match.group(2), int(match.group(3))
    if not 0 <= port <= 65535:
        raise ConfigException(LISTENERS_CONFIG, listener, "Port must be between 0 and 65535")
    return protocol, host, port


class _Listeners(Validator):
    """A non-empty list of http listeners."""

    def ensure_valid(self, name: str, value: Any) -> None:
        listeners = [str(v) for v in value or []]
        if not listeners:
            raise ConfigException(name, value, "Empty listeners list")
        for listener in listeners:
            protocol, _, _ = parse_listener(listener)
            if protocol != "http":
                raise ConfigException(
                    name,
                    listener,
                    "connectpy's REST API serves http only (put a TLS-terminating proxy in "
                    "front of it for https)",
                )

    def __str__(self) -> str:
        return "List of comma-separated URIs, ex: http://127.0.0.1:8083"


@functools.lru_cache(maxsize=8)
def worker_config_def(plugins: Plugins | None = None) -> ConfigDef:
    """The worker's :class:`ConfigDef` (class names resolved with ``plugins``)."""
    return _define(plugins or default_plugins())


class WorkerConfig(AbstractConfig):
    """A parsed worker configuration (``WorkerConfig``)."""

    def __init__(self, props: Mapping[str, Any], plugins: Plugins | None = None) -> None:
        self.plugins = plugins or Plugins(_plugin_path(props))
        with class_resolver_context(self.plugins.resolve):
            # as Kafka's AbstractConfig: ${provider:path:key} values resolved by the
            # config.providers this configuration declares
            super().__init__(worker_config_def(self.plugins), resolve_config_variables(props))

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
