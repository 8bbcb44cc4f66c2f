"""The runtime's keys of a connector configuration (``ConnectorConfig``, ``SourceConnectorConfig``,
``SinkConnectorConfig``), the transformation chain they describe, and validation.

Every connector configuration has ``name``, ``connector.class``, ``tasks.max``, optional
per-connector converters and ``transforms``/``predicates``; sink connectors add ``topics`` or
``topics.regex``; source connectors ``exactly.once.support`` and ``transaction.boundary``. The
rest of the keys belong to the connector itself (its :meth:`~connectors.Connector.config`).
"""

from __future__ import annotations

import functools
import inspect
import logging
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

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
    ValidString,
    class_resolver_context,
)
from connect_data.config.parsing import parse_type
from connect_data.errors import ConnectException
from connectors.connector import Connector
from connectors.runtime.plugins import Plugins, class_name
from connectors.sink import SinkConnector
from connectors.source import SourceConnector
from connectors.transforms import Predicate, Transformation

if TYPE_CHECKING:
    from connectors.runtime.errors.tolerance import ToleranceType

__all__ = [
    "ConnectorConfig",
    "connector_config_def",
    "enriched_config_def",
    "sink_connector_config_def",
    "source_connector_config_def",
    "validate_connector_config",
]

log = logging.getLogger(__name__)

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
ERRORS_RETRY_TIMEOUT_CONFIG: Final = "errors.retry.timeout"
ERRORS_RETRY_TIMEOUT_DEFAULT: Final = 0
ERRORS_RETRY_MAX_DELAY_CONFIG: Final = "errors.retry.delay.max.ms"
ERRORS_RETRY_MAX_DELAY_DEFAULT: Final = 60000
ERRORS_TOLERANCE_CONFIG: Final = "errors.tolerance"
ERRORS_TOLERANCE_DEFAULT: Final = "none"
ERRORS_LOG_ENABLE_CONFIG: Final = "errors.log.enable"
ERRORS_LOG_INCLUDE_MESSAGES_CONFIG: Final = "errors.log.include.messages"
DLQ_PREFIX: Final = "errors.deadletterqueue."
DLQ_TOPIC_NAME_CONFIG: Final = DLQ_PREFIX + "topic.name"
DLQ_TOPIC_REPLICATION_FACTOR_CONFIG: Final = DLQ_PREFIX + "topic.replication.factor"
DLQ_TOPIC_REPLICATION_FACTOR_DEFAULT: Final = 3
DLQ_CONTEXT_HEADERS_ENABLE_CONFIG: Final = DLQ_PREFIX + "context.headers.enable"
PREDICATE_CONFIG: Final = "predicate"
NEGATE_CONFIG: Final = "negate"

COMMON_GROUP: Final = "Common"
TRANSFORMS_GROUP: Final = "Transforms"
PREDICATES_GROUP: Final = "Predicates"
ERROR_GROUP: Final = "Error Handling"


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
        .define(
            ERRORS_RETRY_TIMEOUT_CONFIG,
            ConfigDef.Type.LONG,
            ERRORS_RETRY_TIMEOUT_DEFAULT,
            importance=ConfigDef.Importance.MEDIUM,
            documentation=(
                "The maximum duration in milliseconds that a failed operation will be "
                "reattempted. The default is 0, which means no retries will be attempted. Use -1 "
                "for infinite retries."
            ),
            group=ERROR_GROUP,
            order_in_group=1,
            width=ConfigDef.Width.MEDIUM,
            display_name="Retry Timeout for Errors",
        )
        .define(
            ERRORS_RETRY_MAX_DELAY_CONFIG,
            ConfigDef.Type.LONG,
            ERRORS_RETRY_MAX_DELAY_DEFAULT,
            importance=ConfigDef.Importance.MEDIUM,
            documentation=(
                "The maximum duration in milliseconds between consecutive retry attempts. "
                "Jitter will be added to the delay once this limit is reached to prevent "
                "thundering herd issues."
            ),
            group=ERROR_GROUP,
            order_in_group=2,
            width=ConfigDef.Width.MEDIUM,
            display_name="Maximum Delay Between Retries for Errors",
        )
        .define(
            ERRORS_TOLERANCE_CONFIG,
            ConfigDef.Type.STRING,
            ERRORS_TOLERANCE_DEFAULT,
            ValidString.in_("none", "all"),
            ConfigDef.Importance.MEDIUM,
            "Behavior for tolerating errors during connector operation. 'none' is the default "
            "value and signals that any error will result in an immediate connector task "
            "failure; 'all' changes the behavior to skip over problematic records.",
            ERROR_GROUP,
            3,
            ConfigDef.Width.SHORT,
            "Error Tolerance",
        )
        .define(
            ERRORS_LOG_ENABLE_CONFIG,
            ConfigDef.Type.BOOLEAN,
            False,
            importance=ConfigDef.Importance.MEDIUM,
            documentation=(
                "If true, write each error and the details of the failed operation and "
                "problematic record to the Connect application log. This is 'false' by default, "
                "so that only errors that are not tolerated are reported."
            ),
            group=ERROR_GROUP,
            order_in_group=4,
            width=ConfigDef.Width.SHORT,
            display_name="Log Errors",
        )
        .define(
            ERRORS_LOG_INCLUDE_MESSAGES_CONFIG,
            ConfigDef.Type.BOOLEAN,
            False,
            importance=ConfigDef.Importance.MEDIUM,
            documentation=(
                "Whether to include in the log the Connect record that resulted in a failure. "
                "For sink records, the topic, partition, offset, and timestamp will be logged. "
                "For source records, the key and value (and their schemas), all headers, and "
                "the timestamp, Kafka topic, Kafka partition, source partition, and source "
                "offset will be logged. This is 'false' by default, which will prevent record "
                "keys, values, and headers from being written to log files."
            ),
            group=ERROR_GROUP,
            order_in_group=5,
            width=ConfigDef.Width.SHORT,
            display_name="Log Error Details",
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
        .define(
            DLQ_TOPIC_NAME_CONFIG,
            ConfigDef.Type.STRING,
            "",
            importance=ConfigDef.Importance.MEDIUM,
            documentation=(
                "The name of the topic to be used as the dead letter queue (DLQ) for messages "
                "that result in an error when processed by this sink connector, or its "
                "transformations or converters. The topic name is blank by default, which means "
                "that no messages are to be recorded in the DLQ."
            ),
            group=ERROR_GROUP,
            order_in_group=6,
            width=ConfigDef.Width.MEDIUM,
            display_name="Dead Letter Queue Topic Name",
        )
        .define(
            DLQ_TOPIC_REPLICATION_FACTOR_CONFIG,
            ConfigDef.Type.SHORT,
            DLQ_TOPIC_REPLICATION_FACTOR_DEFAULT,
            importance=ConfigDef.Importance.MEDIUM,
            documentation=(
                "Replication factor used to create the dead letter queue topic when it doesn't "
                "already exist."
            ),
            group=ERROR_GROUP,
            order_in_group=7,
            width=ConfigDef.Width.MEDIUM,
            display_name="Dead Letter Queue Topic Replication Factor",
        )
        .define(
            DLQ_CONTEXT_HEADERS_ENABLE_CONFIG,
            ConfigDef.Type.BOOLEAN,
            False,
            importance=ConfigDef.Importance.MEDIUM,
            documentation=(
                "If true, add headers containing error context to the messages written to the "
                "dead letter queue. To avoid clashing with headers from the original record, "
                "all error context header keys, all error context header keys will start with "
                "<code>__connect.errors.</code>"
            ),
            group=ERROR_GROUP,
            order_in_group=8,
            width=ConfigDef.Width.MEDIUM,
            display_name="Enable Error Context Headers",
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
    plugins: Plugins,
    props: Mapping[str, Any],
    connector_cls: type | None,
    require_full_config: bool = False,
) -> ConfigDef:
    """The connector's runtime keys plus ``transforms.<alias>.*`` / ``predicates.<alias>.*``.

    Java's ``ConnectorConfig.enrich``: each transformation and predicate alias gets a ``type``
    key whose validator checks the class (a concrete :class:`~connectors.transforms.Transformation`
    or :class:`~connectors.transforms.Predicate`) and, for a transformation, that ``negate`` is
    not given without ``predicate``; then the keys of the class's :meth:`config` are embedded
    under the alias's prefix (a transformation's after its implicit ``predicate`` and
    ``negate``). With ``require_full_config`` (parsing a configuration to run it) a ``type``
    that is missing or not usable raises :class:`ConfigException`; without it (validation) the
    alias contributes only its ``type`` key, which then reports the problem.
    """
    definition = _base_def(connector_cls)
    with class_resolver_context(plugins.resolve):
        _EnrichablePlugin(
            "Transformation",
            TRANSFORMS_CONFIG,
            TRANSFORMS_GROUP,
            Transformation,
            props,
            require_full_config,
        ).enrich(definition)
        _EnrichablePlugin(
            "Predicate",
            PREDICATES_CONFIG,
            PREDICATES_GROUP,
            Predicate,
            props,
            require_full_config,
        ).enrich(definition)
    return definition


def _report_class_name(cls: type) -> str:
    """A class as configuration errors show it: its Java name if it ports one."""
    from connectors.runtime.errors.class_names import java_class_name

    java = java_class_name(cls)
    return java if java is not None else class_name(cls)


class _EnrichablePlugin:
    """Java's ``ConnectorConfig.EnrichablePlugin``: one kind of aliased plugin (see above)."""

    def __init__(
        self,
        kind: str,
        alias_config: str,
        alias_group: str,
        base: type,
        props: Mapping[str, Any],
        require_full_config: bool,
    ) -> None:
        self.kind = kind
        self.alias_config = alias_config
        self.alias_group = alias_group
        self.base = base
        self.props = props
        self.require_full_config = require_full_config

    def enrich(self, definition: ConfigDef) -> None:
        try:
            aliases = parse_type(
                self.alias_config, self.props.get(self.alias_config), ConfigDef.Type.LIST
            )
        except ConfigException:
            return  # the alias list's own key reports it
        if not isinstance(aliases, list):
            return
        for alias in dict.fromkeys(aliases):
            prefix = f"{self.alias_config}.{alias}."
            group = f"{self.alias_group}: {alias}"
            type_config = prefix + "type"

            def check(name: str, value: Any, prefix: str = prefix, key: str = type_config) -> None:
                self.validate_props(prefix)
                self.config_def_of(key, value)

            described = f"valid configs for {alias} {self.kind.lower()}"
            definition.define(
                type_config,
                ConfigDef.Type.CLASS,
                ConfigDef.NO_DEFAULT_VALUE,
                LambdaValidator.with_(check, functools.partial(str, described)),
                ConfigDef.Importance.HIGH,
                f"Class for the '{alias}' {self.kind.lower()}.",
                group,
                0,
                ConfigDef.Width.LONG,
                f"{self.base.__name__} type for {alias}",
            )
            child = self.populate_config_def(type_config)
            if child is None:
                continue
            taken = definition.names()
            if any(prefix + name in taken for name in child.names()):
                kept = ConfigDef()
                for key in child.config_keys().values():
                    if prefix + key.name in taken:
                        log.warning(
                            "%s config %s of %s is masked by the runtime's key of that name",
                            self.kind,
                            key.name,
                            alias,
                        )
                    else:
                        kept.define(key)
                child = kept
            definition.embed(prefix, group, 1, child)

    def validate_props(self, prefix: str) -> None:
        """Extra checks of the alias's keys (``negate`` needs ``predicate``)."""
        if self.base is not Transformation:
            return
        negate = prefix + NEGATE_CONFIG
        predicate = prefix + PREDICATE_CONFIG
        if negate in self.props and predicate not in self.props:
            raise ConfigException(
                f"Config '{negate}' was provided but there is no config '{predicate}' defining "
                "a predicate to be negated."
            )

    def initial_config_def(self) -> ConfigDef:
        definition = ConfigDef()
        if self.base is Transformation:
            definition.define(
                PREDICATE_CONFIG,
                ConfigDef.Type.STRING,
                None,
                importance=ConfigDef.Importance.MEDIUM,
                documentation=(
                    "The alias of a predicate used to determine whether to apply this "
                    "transformation."
                ),
            ).define(
                NEGATE_CONFIG,
                ConfigDef.Type.BOOLEAN,
                False,
                importance=ConfigDef.Importance.MEDIUM,
                documentation="Whether the configured predicate should be negated.",
            )
        return definition

    def populate_config_def(self, type_config: str) -> ConfigDef | None:
        """The alias's keys: the implicit ones and the class's (``None`` if it cannot say)."""
        definition = self.initial_config_def()
        try:
            cls = parse_type(type_config, self.props.get(type_config), ConfigDef.Type.CLASS)
            own = self.config_def_of(type_config, cls)
        except ConfigException:
            if self.require_full_config:
                raise
            return None
        for key in own.config_keys().values():
            if self.base is Transformation and key.name in (PREDICATE_CONFIG, NEGATE_CONFIG):
                log.warning(
                    "Transformer config %s is masked by implicit config of that name", key.name
                )
                continue
            if key.name in definition.config_keys():
                continue
            definition.define(key)
        return definition

    def config_def_of(self, key: str, cls: Any) -> ConfigDef:
        """The :meth:`config` of a new instance of ``cls`` (Java's
        ``getConfigDefFromConfigProvidingClass``); raises :class:`ConfigException`."""
        if not isinstance(cls, type) or not issubclass(cls, self.base):
            raise ConfigException(
                key, "null" if cls is None else _class_text(cls), f"Not a {self.base.__name__}"
            )
        if inspect.isabstract(cls):
            children = [
                _report_class_name(member)
                for name, member in sorted(vars(cls).items())
                if isinstance(member, type)
                and not name.startswith("_")
                and issubclass(member, cls)
                and not inspect.isabstract(member)
            ]
            message = f"{self.kind} is abstract and cannot be created."
            if children:
                message += f" Did you mean {', '.join(children)}?"
            raise ConfigException(key, _class_text(cls), message)
        try:
            plugin: Any = cls()
        except Exception as exc:
            raise ConfigException(
                key,
                _class_text(cls),
                f"Error getting config definition from {self.base.__name__}: {exc}",
            ) from exc
        definition = plugin.config()
        if definition is None:
            raise ConnectException(
                f"{class_name(cls)}.config() must return a ConfigDef that is not null."
            )
        if not isinstance(definition, ConfigDef):
            raise ConfigException(
                key, _class_text(cls), f"{class_name(cls)}.config() did not return a ConfigDef"
            )
        return definition


def _class_text(cls: Any) -> str:
    """Java's ``String.valueOf(Class)``: ``class <name>``."""
    return f"class {_report_class_name(cls)}" if isinstance(cls, type) else str(cls)


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
            super().__init__(enriched_config_def(plugins, props, connector_cls, True), props)

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

    def error_retry_timeout(self) -> int:
        """``errors.retry.timeout`` (milliseconds; ``-1`` for no limit)."""
        return int(self.get_long(ERRORS_RETRY_TIMEOUT_CONFIG) or 0)

    def error_max_delay_in_millis(self) -> int:
        """``errors.retry.delay.max.ms``."""
        return int(self.get_long(ERRORS_RETRY_MAX_DELAY_CONFIG) or 0)

    def error_tolerance_type(self) -> ToleranceType:
        """``errors.tolerance`` as a :class:`~connectors.runtime.errors.ToleranceType`."""
        from connectors.runtime.errors.tolerance import ToleranceType

        return ToleranceType.parse(self.get_string(ERRORS_TOLERANCE_CONFIG))

    def enable_error_log(self) -> bool:
        """``errors.log.enable``."""
        return bool(self.get_boolean(ERRORS_LOG_ENABLE_CONFIG))

    def include_record_details_in_error_log(self) -> bool:
        """``errors.log.include.messages``."""
        return bool(self.get_boolean(ERRORS_LOG_INCLUDE_MESSAGES_CONFIG))

    def dlq_topic_name(self) -> str:
        """``errors.deadletterqueue.topic.name`` (sink connectors; empty: no dead letter queue)."""
        return str(self.get_string(DLQ_TOPIC_NAME_CONFIG) or "")

    def dlq_topic_replication_factor(self) -> int:
        """``errors.deadletterqueue.topic.replication.factor``."""
        return int(self.get_short(DLQ_TOPIC_REPLICATION_FACTOR_CONFIG) or 0)

    def is_dlq_context_headers_enabled(self) -> bool:
        """``errors.deadletterqueue.context.headers.enable``."""
        return bool(self.get_boolean(DLQ_CONTEXT_HEADERS_ENABLE_CONFIG))

    def enable_errant_record_reporter(self) -> bool:
        """Whether sink tasks get an errant record reporter: a dead letter queue or the error
        log is configured."""
        return bool(self.dlq_topic_name().strip()) or self.enable_error_log()

    def sink_subscription(self) -> tuple[list[str] | None, re.Pattern[str] | None]:
        """The sink's ``topics`` list or compiled ``topics.regex`` (exactly one is set).

        Raises :class:`ConfigException` as Java's ``SinkConnectorConfig.validate``: both or
        neither set, or the dead letter queue topic among the topics read.
        """
        for name, value, message in _sink_problems(self.originals()):
            raise ConfigException(name, value, message)
        topics = [str(t) for t in self.get_list(TOPICS_CONFIG) or []]
        regex = self.get_string(TOPICS_REGEX_CONFIG) or ""
        if topics:
            return topics, None
        if regex:
            return None, re.compile(regex)
        raise ConfigException(
            TOPICS_CONFIG, None, f"Must configure one of {TOPICS_CONFIG} or {TOPICS_REGEX_CONFIG}"
        )


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
        for name, value, message in _sink_problems(props):
            if name not in values:
                values[name] = ConfigValue(name, value, [], [])
            values[name].add_error_message(message)
    for alias in _aliases(props, TRANSFORMS_CONFIG):
        predicate = props.get(f"{TRANSFORMS_CONFIG}.{alias}.predicate")
        if predicate and str(predicate).strip() not in _aliases(props, PREDICATES_CONFIG):
            key = f"{TRANSFORMS_CONFIG}.{alias}.{PREDICATE_CONFIG}"
            if key not in values:
                values[key] = ConfigValue(key, predicate, [], [])
            values[key].add_error_message(
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


def _is_blank(value: Any) -> bool:
    return value is None or not str(value).strip()


def _sink_problems(props: Mapping[str, Any]) -> list[tuple[str, Any, str]]:
    """``(key, value, message)`` for each problem of a sink's topics and dead letter queue
    topic (Java's ``SinkConnectorConfig.validate``)."""
    problems: list[tuple[str, Any, str]] = []
    topics_value = props.get(TOPICS_CONFIG)
    regex_value = props.get(TOPICS_REGEX_CONFIG)
    dlq_topic = str(props.get(DLQ_TOPIC_NAME_CONFIG) or "").strip()
    has_topics = not _is_blank(topics_value)
    has_regex = not _is_blank(regex_value)
    if has_topics and has_regex:
        message = (
            f"{TOPICS_CONFIG} and {TOPICS_REGEX_CONFIG} are mutually exclusive options, but "
            "both are set."
        )
        problems.append((TOPICS_CONFIG, topics_value, message))
        problems.append((TOPICS_REGEX_CONFIG, regex_value, message))
    if not has_topics and not has_regex:
        message = f"Must configure one of {TOPICS_CONFIG} or {TOPICS_REGEX_CONFIG}"
        problems.append((TOPICS_CONFIG, topics_value, message))
        problems.append((TOPICS_REGEX_CONFIG, regex_value, message))
    if dlq_topic:
        if has_topics:
            try:
                parsed = parse_type(TOPICS_CONFIG, topics_value, ConfigDef.Type.LIST) or []
            except ConfigException:
                parsed = []
            topics = list(dict.fromkeys(str(t) for t in parsed if t))
            if dlq_topic in topics:
                problems.append(
                    (
                        TOPICS_CONFIG,
                        topics_value,
                        f"The DLQ topic '{dlq_topic}' may not be included in the list of topics "
                        f"('{TOPICS_CONFIG}=[{', '.join(topics)}]') consumed by the connector",
                    )
                )
        if has_regex:
            try:
                matches = re.fullmatch(str(regex_value), dlq_topic) is not None
            except re.error:
                matches = False
            if matches:
                problems.append(
                    (
                        TOPICS_REGEX_CONFIG,
                        regex_value,
                        f"The DLQ topic '{dlq_topic}' may not be matched by the regex for the "
                        f"topics ('{TOPICS_REGEX_CONFIG}={regex_value}') consumed by the "
                        "connector",
                    )
                )
    return problems


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
