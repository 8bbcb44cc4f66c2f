"""The runtime's keys of a connector configuration (``ConnectorConfig``, ``SourceConnectorConfig``,
``SinkConnectorConfig``), the transformation chain they describe, and validation.

Every connector configuration has ``name``, ``connector.class``, ``tasks.max``, optional
per-connector converters and ``transforms``/``predicates``; sink connectors add ``topics`` or
``topics.regex``; source connectors ``exactly.once.support`` and ``transaction.boundary``. The
rest of the keys belong to the connector itself (its :meth:`~connectors.Connector.config`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from connect_data.config import (
    AbstractConfig,
    CaseInsensitiveValidString,
    Config,
    ConfigDef,
    ConfigException,
    ConfigValue,
    LambdaValidator,
    NonEmptyStringWithoutControlChars,
    Range,
    Validator,
    class_resolver_context,
)
from connectors.connector import Connector
from connectors.runtime.plugins import Plugins, class_name
from connectors.sink import SinkConnector
from connectors.source import SourceConnector
from connectors.transforms import Predicate, Transformation

__all__ = [
    "ConnectorConfig",
    "connector_config_def",
    "enriched_config_def",
    "sink_connector_config_def",
    "source_connector_config_def",
    "validate_connector_config",
]

NAME_CONFIG: Final = "name"
CONNECTOR_CLASS_CONFIG: Final = "connector.class"
TASKS_MAX_CONFIG: Final = "tasks.max"
TASKS_MAX_ENFORCE_CONFIG: Final = "tasks.max.enforce"
KEY_CONVERTER_CLASS_CONFIG: Final = "key.converter"
VALUE_CONVERTER_CLASS_CONFIG: Final = "value.converter"
HEADER_CONVERTER_CLASS_CONFIG: Final = "header.converter"
TRANSFORMS_CONFIG: Final = "transforms"
PREDICATES_CONFIG: Final = "predicates"
CONFIG_RELOAD_ACTION_CONFIG: Final = "config.action.reload"
TOPICS_CONFIG: Final = "topics"
TOPICS_REGEX_CONFIG: Final = "topics.regex"
EXACTLY_ONCE_SUPPORT_CONFIG: Final = "exactly.once.support"
TRANSACTION_BOUNDARY_CONFIG: Final = "transaction.boundary"
TRANSACTION_BOUNDARY_INTERVAL_CONFIG: Final = "transaction.boundary.interval.ms"

COMMON_GROUP: Final = "Common"
TRANSFORMS_GROUP: Final = "Transforms"
PREDICATES_GROUP: Final = "Predicates"


class _UniqueAliases(Validator):
    """A LIST of aliases without duplicates."""

    def __init__(self, what: str) -> None:
        self._what = what

    def ensure_valid(self, name: str, value: Any) -> None:
        aliases = list(value or [])
        if len(set(aliases)) != len(aliases):
            raise ConfigException(name, value, "Duplicate alias provided.")

    def __str__(self) -> str:
        return f"unique {self._what} aliases"


class _PluginClass(Validator):
    """A CLASS value that subclasses ``base`` and is not abstract."""

    def __init__(self, base: type) -> None:
        self._base = base

    def ensure_valid(self, name: str, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, type) or not issubclass(value, self._base):
            raise ConfigException(name, value, f"Not a {self._base.__name__}")
        if getattr(value, "__abstractmethods__", None):
            raise ConfigException(name, value, "This class is abstract and cannot be created.")

    def __str__(self) -> str:
        return f"A {self._base.__name__} class"


class _Regex(Validator):
    def ensure_valid(self, name: str, value: Any) -> None:
        if value:
            try:
                re.compile(value)
            except re.error as exc:
                raise ConfigException(name, value, f"Invalid regex: {exc}") from exc

    def __str__(self) -> str:
        return "A valid regular expression"


def _null_or_at_least_zero(name: str, value: Any) -> None:
    if value is not None and value < 0:
        raise ConfigException(name, value, "Value must be at least 0")


_NULL_OR_AT_LEAST_ZERO: Final = LambdaValidator.with_(_null_or_at_least_zero, lambda: "[0,...]")


def connector_config_def() -> ConfigDef:
    """The keys every connector configuration has (``ConnectorConfig.configDef()``)."""
    return (
        ConfigDef()
        .define(
            NAME_CONFIG,
            ConfigDef.Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            NonEmptyStringWithoutControlChars(),
            ConfigDef.Importance.HIGH,
            "Globally unique name to use for this connector.",
            COMMON_GROUP,
            1,
            ConfigDef.Width.MEDIUM,
            "Connector name",
        )
        .define(
            CONNECTOR_CLASS_CONFIG,
            ConfigDef.Type.STRING,
            importance=ConfigDef.Importance.HIGH,
            documentation=(
                "Name or alias of the class for this connector: a Python dotted path, a Java "
                "class name connectpy knows, the simple class name, or the simple name without "
                "the Connector suffix (FileStreamSink for FileStreamSinkConnector)."
            ),
            group=COMMON_GROUP,
            order_in_group=2,
            width=ConfigDef.Width.LONG,
            display_name="Connector class",
        )
        .define(
            TASKS_MAX_CONFIG,
            ConfigDef.Type.INT,
            1,
            Range.at_least(1),
            ConfigDef.Importance.HIGH,
            "Maximum number of tasks to use for this connector.",
            COMMON_GROUP,
            3,
            ConfigDef.Width.SHORT,
            "Tasks max",
        )
        .define(
            TASKS_MAX_ENFORCE_CONFIG,
            ConfigDef.Type.BOOLEAN,
            True,
            importance=ConfigDef.Importance.LOW,
            documentation=(
                "Whether to fail the connector when it asks for more tasks than tasks.max "
                "(when false, the extra tasks run and a warning is logged)."
            ),
            group=COMMON_GROUP,
            order_in_group=4,
            width=ConfigDef.Width.SHORT,
            display_name="Enforce tasks max",
        )
        .define(
            KEY_CONVERTER_CLASS_CONFIG,
            ConfigDef.Type.CLASS,
            None,
            importance=ConfigDef.Importance.LOW,
            documentation=(
                "Converter class for this connector's record keys, overriding the worker's "
                "key.converter; its settings follow the key.converter. prefix."
            ),
            group=COMMON_GROUP,
            order_in_group=5,
            width=ConfigDef.Width.SHORT,
            display_name="Key converter class",
        )
        .define(
            VALUE_CONVERTER_CLASS_CONFIG,
            ConfigDef.Type.CLASS,
            None,
            importance=ConfigDef.Importance.LOW,
            documentation=(
                "Converter class for this connector's record values, overriding the worker's "
                "value.converter; its settings follow the value.converter. prefix."
            ),
            group=COMMON_GROUP,
            order_in_group=6,
            width=ConfigDef.Width.SHORT,
            display_name="Value converter class",
        )
        .define(
            HEADER_CONVERTER_CLASS_CONFIG,
            ConfigDef.Type.CLASS,
            None,
            importance=ConfigDef.Importance.LOW,
            documentation=(
                "HeaderConverter class for this connector's record headers, overriding the "
                "worker's header.converter; its settings follow the header.converter. prefix."
            ),
            group=COMMON_GROUP,
            order_in_group=7,
            width=ConfigDef.Width.SHORT,
            display_name="Header converter class",
        )
        .define(
            TRANSFORMS_CONFIG,
            ConfigDef.Type.LIST,
            "",
            _UniqueAliases("transformation"),
            ConfigDef.Importance.LOW,
            "Aliases for the transformations to be applied to records.",
            TRANSFORMS_GROUP,
            8,
            ConfigDef.Width.LONG,
            "Transforms",
        )
        .define(
            PREDICATES_CONFIG,
            ConfigDef.Type.LIST,
            "",
            _UniqueAliases("predicate"),
            ConfigDef.Importance.LOW,
            "Aliases for the predicates used by transformations.",
            PREDICATES_GROUP,
            9,
            ConfigDef.Width.LONG,
            "Predicates",
        )
        .define(
            CONFIG_RELOAD_ACTION_CONFIG,
            ConfigDef.Type.STRING,
            "restart",
            CaseInsensitiveValidString.in_("none", "restart"),
            ConfigDef.Importance.LOW,
            "The action to take when a change in the connector's configuration providers "
            "changes its configuration: none or restart.",
            COMMON_GROUP,
            10,
            ConfigDef.Width.MEDIUM,
            "Reload action",
        )
    )


def sink_connector_config_def() -> ConfigDef:
    """The keys of a sink connector configuration (``SinkConnectorConfig``)."""
    return (
        connector_config_def()
        .define(
            TOPICS_CONFIG,
            ConfigDef.Type.LIST,
            "",
            importance=ConfigDef.Importance.HIGH,
            documentation=(
                "List of topics to consume, separated by commas. Only one of topics or "
                "topics.regex should be specified."
            ),
            group=COMMON_GROUP,
            order_in_group=4,
            width=ConfigDef.Width.LONG,
            display_name="Topics",
        )
        .define(
            TOPICS_REGEX_CONFIG,
            ConfigDef.Type.STRING,
            "",
            _Regex(),
            ConfigDef.Importance.HIGH,
            "Regular expression giving topics to consume (matched against the whole topic "
            "name, with Python's re). Only one of topics or topics.regex should be specified.",
            COMMON_GROUP,
            4,
            ConfigDef.Width.LONG,
            "Topics regex",
        )
    )


def source_connector_config_def() -> ConfigDef:
    """The keys of a source connector configuration (``SourceConnectorConfig``)."""
    return (
        connector_config_def()
        .define(
            EXACTLY_ONCE_SUPPORT_CONFIG,
            ConfigDef.Type.STRING,
            "requested",
            CaseInsensitiveValidString.in_("requested", "required"),
            ConfigDef.Importance.MEDIUM,
            "Whether exactly-once delivery is required for this connector. With required, the "
            "connector fails to start unless the worker can give exactly-once delivery (the "
            "embedded store with source offsets kept in it) and the connector does not say it "
            "cannot.",
            COMMON_GROUP,
            11,
            ConfigDef.Width.SHORT,
            "Exactly once support",
        )
        .define(
            TRANSACTION_BOUNDARY_CONFIG,
            ConfigDef.Type.STRING,
            "poll",
            CaseInsensitiveValidString.in_("poll", "interval"),
            ConfigDef.Importance.MEDIUM,
            "When records and their source offsets are committed together (exactly-once "
            "mode): poll commits every batch a task's poll() returns; interval commits every "
            "transaction.boundary.interval.ms.",
            COMMON_GROUP,
            12,
            ConfigDef.Width.SHORT,
            "Transaction boundary",
        )
        .define(
            TRANSACTION_BOUNDARY_INTERVAL_CONFIG,
            ConfigDef.Type.LONG,
            None,
            _NULL_OR_AT_LEAST_ZERO,
            ConfigDef.Importance.LOW,
            "With transaction.boundary=interval, the time between commits; the worker's "
            "offset.flush.interval.ms when unset.",
            COMMON_GROUP,
            13,
            ConfigDef.Width.SHORT,
            "Transaction boundary interval",
        )
    )


def _base_def(connector_cls: type | None) -> ConfigDef:
    if connector_cls is not None and issubclass(connector_cls, SinkConnector):
        return sink_connector_config_def()
    if connector_cls is not None and issubclass(connector_cls, SourceConnector):
        return source_connector_config_def()
    return connector_config_def()


def _aliases(props: Mapping[str, Any], key: str) -> list[str]:
    raw = props.get(key)
    if raw is None:
        return []
    if isinstance(raw, str):
        return [a.strip() for a in raw.split(",") if a.strip()]
    return [str(a) for a in raw]


def enriched_config_def(
    plugins: Plugins, props: Mapping[str, Any], connector_cls: type | None
) -> ConfigDef:
    """The connector's runtime keys plus ``transforms.<alias>.*`` / ``predicates.<alias>.*``.

    Each transformation and predicate contributes ``type`` and its own :meth:`config` keys
    under its prefix (Java's ``ConnectorConfig.enrich``). A class that cannot be loaded leaves
    its ``type`` key to report the error.
    """
    definition = _base_def(connector_cls)
    with class_resolver_context(plugins.resolve):
        for alias in dict.fromkeys(_aliases(props, TRANSFORMS_CONFIG)):
            prefix = f"{TRANSFORMS_CONFIG}.{alias}."
            group = f"{TRANSFORMS_GROUP}: {alias}"
            definition.define(
                prefix + "type",
                ConfigDef.Type.CLASS,
                ConfigDef.NO_DEFAULT_VALUE,
                _PluginClass(Transformation),
                ConfigDef.Importance.HIGH,
                "Class for the '" + alias + "' transformation.",
                group,
                -1,
                ConfigDef.Width.LONG,
                "Transformation type for " + alias,
            )
            definition.define(
                prefix + "negate",
                ConfigDef.Type.BOOLEAN,
                False,
                importance=ConfigDef.Importance.MEDIUM,
                documentation="Whether the configured predicate should be negated.",
                group=group,
                display_name="Negate predicate for " + alias,
            )
            definition.define(
                prefix + "predicate",
                ConfigDef.Type.STRING,
                None,
                importance=ConfigDef.Importance.MEDIUM,
                documentation=(
                    "The alias of a predicate used to determine whether to apply this "
                    "transformation."
                ),
                group=group,
                display_name="Predicate for " + alias,
            )
            _embed_plugin(plugins, definition, props, prefix, group, Transformation)
        for alias in dict.fromkeys(_aliases(props, PREDICATES_CONFIG)):
            prefix = f"{PREDICATES_CONFIG}.{alias}."
            group = f"{PREDICATES_GROUP}: {alias}"
            definition.define(
                prefix + "type",
                ConfigDef.Type.CLASS,
                ConfigDef.NO_DEFAULT_VALUE,
                _PluginClass(Predicate),
                ConfigDef.Importance.HIGH,
                "Class for the '" + alias + "' predicate.",
                group,
                -1,
                ConfigDef.Width.LONG,
                "Predicate type for " + alias,
            )
            _embed_plugin(plugins, definition, props, prefix, group, Predicate)
    return definition


def _embed_plugin(
    plugins: Plugins,
    definition: ConfigDef,
    props: Mapping[str, Any],
    prefix: str,
    group: str,
    base: type,
) -> None:
    name = props.get(prefix + "type")
    if not isinstance(name, str) or not name.strip():
        return
    try:
        cls = plugins.resolve(name)
    except (ImportError, LookupError, AttributeError):
        return
    if not (isinstance(cls, type) and issubclass(cls, base)):
        return
    try:
        plugin: Any = cls()
        plugin_def = plugin.config()
    except Exception:
        return
    if plugin_def is None:
        return
    taken = set(definition.names())
    for key in plugin_def.config_keys().values():
        full = prefix + key.name
        if full in taken:
            continue
        definition.define(
            full,
            key.type,
            key.default_value,
            key.validator,
            key.importance,
            key.documentation,
            group,
            key.order_in_group,
            key.width,
            key.display_name,
            [prefix + d for d in key.dependents],
            None,
        )


class ConnectorConfig(AbstractConfig):
    """A parsed connector configuration, with the transformation keys resolved.

    Raises :class:`ConfigException` for a missing ``name``/``connector.class`` or a bad value.
    """

    def __init__(
        self, plugins: Plugins, props: Mapping[str, str], connector_cls: type | None
    ) -> None:
        self.plugins = plugins
        self.connector_cls = connector_cls
        with class_resolver_context(plugins.resolve):
            super().__init__(enriched_config_def(plugins, props, connector_cls), props)

    @property
    def name(self) -> str:
        """The connector's name."""
        return str(self.get_string(NAME_CONFIG))

    def tasks_max(self) -> int:
        """``tasks.max``."""
        return int(self.get_int(TASKS_MAX_CONFIG) or 1)

    def transform_aliases(self) -> list[str]:
        """The ``transforms`` aliases in order."""
        return [str(a) for a in self.get_list(TRANSFORMS_CONFIG) or []]

    def predicate_aliases(self) -> list[str]:
        """The ``predicates`` aliases in order."""
        return [str(a) for a in self.get_list(PREDICATES_CONFIG) or []]

    def sink_subscription(self) -> tuple[list[str] | None, re.Pattern[str] | None]:
        """The sink's ``topics`` list or compiled ``topics.regex`` (exactly one is set)."""
        topics = [str(t) for t in self.get_list(TOPICS_CONFIG) or []]
        regex = self.get_string(TOPICS_REGEX_CONFIG) or ""
        if topics and regex:
            raise ConfigException(
                f"{TOPICS_CONFIG} and {TOPICS_REGEX_CONFIG} are mutually exclusive options, but "
                "both are set."
            )
        if topics:
            return topics, None
        if regex:
            return None, re.compile(regex)
        raise ConfigException(f"Must configure one of {TOPICS_CONFIG} or {TOPICS_REGEX_CONFIG}")


def validate_connector_config(
    plugins: Plugins, props: Mapping[str, str], *, exactly_once_available: bool | None = None
) -> Config:
    """Validate a connector configuration as ``PUT /connector-plugins/{type}/config/validate``.

    Reports every problem per key: the runtime keys, the transformations' and predicates'
    keys, and the connector's own (from its :meth:`~connectors.Connector.validate`).
    ``exactly_once_available`` tells whether the worker can honour
    ``exactly.once.support=required`` (``None`` skips that check).
    """
    connector_cls: type | None = None
    class_error: str | None = None
    name = props.get(CONNECTOR_CLASS_CONFIG)
    if name is None or not str(name).strip():
        class_error = (
            f'Missing required configuration "{CONNECTOR_CLASS_CONFIG}" which has no default value.'
        )
    else:
        try:
            connector_cls = plugins.plugin_class(str(name), Connector, "Connector")
        except ConfigException as exc:
            class_error = str(exc)
    with class_resolver_context(plugins.resolve):
        definition = enriched_config_def(plugins, props, connector_cls)
        values = definition.validate_all(props)
    if class_error is not None:
        values[CONNECTOR_CLASS_CONFIG].add_error_message(class_error)
    if connector_cls is not None and issubclass(connector_cls, SinkConnector):
        topics = values.get(TOPICS_CONFIG)
        regex = values.get(TOPICS_REGEX_CONFIG)
        has_topics = bool(topics is not None and topics.value())
        has_regex = bool(regex is not None and regex.value())
        if has_topics and has_regex and topics is not None and regex is not None:
            message = (
                f"{TOPICS_CONFIG} and {TOPICS_REGEX_CONFIG} are mutually exclusive options, "
                "but both are set."
            )
            topics.add_error_message(message)
            regex.add_error_message(message)
        elif not has_topics and not has_regex and topics is not None and regex is not None:
            message = f"Must configure one of {TOPICS_CONFIG} or {TOPICS_REGEX_CONFIG}"
            topics.add_error_message(message)
            regex.add_error_message(message)
    for alias in _aliases(props, TRANSFORMS_CONFIG):
        predicate = props.get(f"{TRANSFORMS_CONFIG}.{alias}.predicate")
        if predicate and str(predicate).strip() not in _aliases(props, PREDICATES_CONFIG):
            values[f"{TRANSFORMS_CONFIG}.{alias}.predicate"].add_error_message(
                f"Transformation {alias} refers to the predicate {predicate}, which is not "
                f"among {PREDICATES_CONFIG}"
            )
    if connector_cls is not None and issubclass(connector_cls, SourceConnector):
        _check_exactly_once(connector_cls, props, values, exactly_once_available)
    result = list(values.values())
    if connector_cls is not None:
        try:
            connector = connector_cls()
            own = connector.validate(props)
        except Exception as exc:
            values[CONNECTOR_CLASS_CONFIG].add_error_message(
                f"{class_name(connector_cls)}.validate() failed: {exc}"
            )
        else:
            known = {v.name() for v in result}
            for config_value in own.config_values():
                if config_value.name() in known:
                    values[config_value.name()].error_messages().extend(
                        m
                        for m in config_value.error_messages()
                        if m not in values[config_value.name()].error_messages()
                    )
                else:
                    result.append(config_value)
    return Config(result)


def _check_exactly_once(
    connector_cls: type,
    props: Mapping[str, str],
    values: dict[str, ConfigValue],
    available: bool | None,
) -> None:
    support = values.get(EXACTLY_ONCE_SUPPORT_CONFIG)
    if support is None or str(support.value() or "").lower() != "required":
        return
    if available is False:
        support.add_error_message(
            "This worker cannot give exactly-once delivery: it needs the embedded store with "
            "source offsets kept in it (no offset.storage.file.filename)."
        )
        return
    try:
        answer = connector_cls().exactly_once_support(props)
    except Exception as exc:
        support.add_error_message(f"Failed to ask the connector about exactly-once support: {exc}")
        return
    from connectors.source import ExactlyOnceSupport

    if answer is None:
        support.add_error_message(
            "The connector does not say whether it supports exactly-once delivery with this "
            "configuration (its exactly_once_support() returned None)."
        )
    elif answer is ExactlyOnceSupport.UNSUPPORTED:
        support.add_error_message(
            "The connector does not support exactly-once delivery with this configuration."
        )
