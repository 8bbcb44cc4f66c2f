"""Connector configuration validation as the REST API reports it (``ConfigInfos``), and the
configuration definitions of plugins (``GET /connector-plugins/{plugin}/config``).

:func:`validate_connector_config` follows Kafka Connect's ``AbstractHerder``: the runtime's
keys (with the ``transforms.*`` and ``predicates.*`` ones), the connector's own keys and its
``validate()``, then the keys of the connector's own ``key.converter``, ``value.converter`` and
``header.converter`` (under their prefixes). A missing ``connector.class`` or a class that
cannot be found is a bad request. Values of ``PASSWORD`` keys are shown as ``[hidden]``, and
they are removed from every error message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from connect_data.config import (
    NO_DEFAULT_VALUE,
    ConfigDef,
    ConfigException,
    ConfigKey,
    ConfigValue,
    Password,
    class_resolver_context,
)
from connectors.connector import Connector
from connectors.runtime import connector_config as cc
from connectors.runtime.plugins import Plugins
from connectors.runtime.rest.entities import (
    ConfigInfo,
    ConfigInfos,
    ConfigKeyInfo,
    ConfigValueInfo,
    ConnectorType,
)
from connectors.runtime.rest.errors import BadRequestException, NotFoundException
from connectors.runtime.secrets import register_secrets
from connectors.sink import SinkConnector
from connectors.source import SourceConnector
from connectors.transforms import Predicate, Transformation
from converters.converter import Converter, HeaderConverter

__all__ = [
    "connector_type",
    "convert_config_key",
    "generate_result",
    "plugin_config",
    "validate_connector_config",
]

NULL_VALUE_MESSAGE: Final = "Null value can not be supplied as the configuration value."
_CONVERTERS: Final = (
    (cc.HEADER_CONVERTER_CLASS_CONFIG, HeaderConverter, "header"),
    (cc.KEY_CONVERTER_CLASS_CONFIG, Converter, "key"),
    (cc.VALUE_CONVERTER_CLASS_CONFIG, Converter, "value"),
)


def _java_map(props: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{k}={v}" for k, v in props.items()) + "}"


def connector_type(cls: type | None) -> ConnectorType:
    """``source``, ``sink`` or ``unknown`` for a connector class."""
    if cls is not None and issubclass(cls, SourceConnector):
        return ConnectorType.SOURCE
    if cls is not None and issubclass(cls, SinkConnector):
        return ConnectorType.SINK
    return ConnectorType.UNKNOWN


def convert_config_key(key: ConfigKey, prefix: str = "") -> ConfigKeyInfo:
    """A :class:`ConfigKey` as the REST API describes it."""
    required = key.default_value is NO_DEFAULT_VALUE
    return ConfigKeyInfo(
        name=prefix + key.name,
        type=key.type.name,
        required=required,
        default_value=None
        if required
        else ConfigDef.convert_to_string(key.default_value, key.type),
        importance=None if key.importance is None else key.importance.name,
        documentation=key.documentation,
        group=key.group,
        order_in_group=key.order_in_group,
        width=key.width.name,
        display_name=key.display_name,
        dependents=list(key.dependents),
    )


def _convert_config_value(value: ConfigValue, type_: ConfigDef.Type | None) -> ConfigValueInfo:
    raw = value.value()
    if type_ is ConfigDef.Type.PASSWORD and raw is not None and not isinstance(raw, Password):
        raw = Password(str(raw))
    element_type = ConfigDef.Type.STRING if type_ is ConfigDef.Type.LIST else type_
    return ConfigValueInfo(
        name=value.name(),
        value=ConfigDef.convert_to_string(raw, type_),
        recommended_values=[
            ConfigDef.convert_to_string(r, element_type) for r in value.recommended_values() or []
        ],
        errors=list(value.error_messages()),
        visible=bool(value.visible()),
    )


def generate_result(
    name: str,
    keys: Mapping[str, ConfigKey],
    values: Sequence[ConfigValue],
    groups: Sequence[str],
) -> ConfigInfos:
    """Pair each key with its value (Kafka's ``AbstractHerder.generateResult``): values of
    undefined keys first, then every defined key in definition order."""
    error_count = 0
    configs: list[ConfigInfo] = []
    by_name: dict[str, ConfigValue] = {}
    for value in values:
        by_name[value.name()] = value
        if value.name() not in keys:
            configs.append(ConfigInfo(None, _convert_config_value(value, None)))
            error_count += len(value.error_messages())
    for key_name, key in keys.items():
        found = by_name.get(key_name)
        value_info = None
        if found is not None:
            value_info = _convert_config_value(found, key.type)
            error_count += len(found.error_messages())
        configs.append(ConfigInfo(convert_config_key(key), value_info))
    return ConfigInfos(name, error_count, list(groups), configs)


def _prefixed_result(
    keys: Mapping[str, ConfigKey], values: Sequence[ConfigValue], prefix: str
) -> ConfigInfos:
    error_count = 0
    groups: list[str] = []
    configs: list[ConfigInfo] = []
    for value in values:
        key = keys.get(value.name())
        definition = None
        if key is not None:
            if key.group is not None and key.group not in groups:
                groups.append(key.group)
            definition = convert_config_key(key, prefix)
        renamed = ConfigValue(
            prefix + value.name(),
            value.value(),
            value.recommended_values() or [],
            list(value.error_messages()),
        )
        renamed.visible(bool(value.visible()))
        if value.error_messages():
            error_count += 1
        configs.append(
            ConfigInfo(
                definition, _convert_config_value(renamed, None if key is None else key.type)
            )
        )
    return ConfigInfos("", error_count, groups, configs)


def _merge(name: str, parts: Sequence[ConfigInfos | None]) -> ConfigInfos:
    error_count = 0
    groups: list[str] = []
    configs: list[ConfigInfo] = []
    for part in parts:
        if part is None:
            continue
        error_count += part.error_count
        configs.extend(part.configs)
        groups.extend(g for g in part.groups if g not in groups)
    return ConfigInfos(name, error_count, groups, configs)


def _validate_converter(
    props: Mapping[str, str],
    class_value: ConfigValue | None,
    base: type,
    converter_type: str,
    prefix: str,
    secrets: dict[str, str],
) -> ConfigInfos | None:
    if class_value is None or class_value.error_messages():
        return None
    cls = class_value.value()
    if not isinstance(cls, type) or not issubclass(cls, base):
        return None
    try:
        instance: Any = cls()
        definition = instance.config()
    except Exception as exc:
        class_value.add_error_message(
            f"Failed to load ConfigDef from {converter_type} converter: {exc}"
        )
        return None
    if definition is None:
        return None
    converter_props: dict[str, Any] = {
        k[len(prefix) :]: v for k, v in props.items() if k.startswith(prefix)
    }
    converter_props.setdefault("converter.type", converter_type)
    _collect_secrets(definition.config_keys(), converter_props, prefix, secrets)
    try:
        values = definition.validate(converter_props)
    except Exception as exc:
        class_value.add_error_message(
            f"Failed to perform config validation for {converter_type} converter: {exc}"
        )
        return None
    return _prefixed_result(definition.config_keys(), values, prefix)


def _collect_secrets(
    keys: Mapping[str, ConfigKey], props: Mapping[str, Any], prefix: str, secrets: dict[str, str]
) -> None:
    for key in keys.values():
        if key.type is ConfigDef.Type.PASSWORD:
            raw = props.get(key.name)
            if isinstance(raw, str) and raw.strip():
                secrets[prefix + key.name] = raw


def _hide(text: str, secrets: Sequence[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, Password.HIDDEN)
    return text


def _scrub(infos: ConfigInfos, secrets: Mapping[str, str]) -> ConfigInfos:
    """Remove PASSWORD values from every value, recommended value and error message."""
    if not secrets:
        return infos
    texts = sorted({s for s in secrets.values() if len(s) >= 3}, key=len, reverse=True)
    scrubbed: list[ConfigInfo] = []
    for info in infos.configs:
        value = info.value
        if value is not None:
            shown = value.value
            if value.name in secrets and shown is not None:
                shown = Password.HIDDEN
            elif shown is not None:
                shown = _hide(shown, texts)
            value = ConfigValueInfo(
                name=value.name,
                value=shown,
                recommended_values=[
                    None if r is None else _hide(r, texts) for r in value.recommended_values
                ],
                errors=[_hide(e, texts) for e in value.errors],
                visible=value.visible,
            )
        scrubbed.append(ConfigInfo(info.definition, value))
    return ConfigInfos(infos.name, infos.error_count, infos.groups, scrubbed)


def validate_connector_config(
    plugins: Plugins,
    props: Mapping[str, str | None],
    *,
    exactly_once_available: bool | None = None,
) -> ConfigInfos:
    """Validate a connector configuration as ``PUT /connector-plugins/{type}/config/validate``.

    Raises :class:`BadRequestException` when ``connector.class`` is missing or names no
    connector.
    """
    conn_type = props.get(cc.CONNECTOR_CLASS_CONFIG)
    if conn_type is None:
        raise BadRequestException(f"Connector config {_java_map(props)} contains no connector type")
    try:
        connector_cls = plugins.plugin_class(conn_type, Connector, "Connector")
    except ConfigException as exc:
        raise BadRequestException(str(exc)) from exc
    given = {k: v for k, v in props.items() if v is not None}
    secrets: dict[str, str] = {}
    with class_resolver_context(plugins.resolve):
        definition = cc.enriched_config_def(plugins, given, connector_cls)
        validated = cc.validate_connector_config(
            plugins, given, exactly_once_available=exactly_once_available
        )
        values = {v.name(): v for v in validated.config_values()}
        for key, value in props.items():
            if value is None:
                values.setdefault(key, ConfigValue(key)).add_error_message(NULL_VALUE_MESSAGE)
        try:
            own = connector_cls().config()
        except Exception as exc:
            raise BadRequestException(
                f"{connector_cls.__module__}.{connector_cls.__qualname__}.config() failed: {exc}"
            ) from exc
        if own is None:
            raise BadRequestException(
                f"{connector_cls.__module__}.{connector_cls.__qualname__}.config() must return a "
                "ConfigDef that is not null."
            )
        keys: dict[str, ConfigKey] = dict(definition.config_keys())
        keys.update(own.config_keys())
        groups = list(definition.groups())
        groups.extend(g for g in own.groups() if g not in groups)
        _collect_secrets(keys, given, "", secrets)
        converter_infos = [
            _validate_converter(given, values.get(prop), base, kind, prop + ".", secrets)
            for prop, base, kind in _CONVERTERS
        ]
        connector_infos = generate_result(conn_type, keys, list(values.values()), groups)
    register_secrets(None, {k: Password(v) for k, v in secrets.items()})
    return _scrub(_merge(conn_type, [connector_infos, *converter_infos]), secrets)


def plugin_config(plugins: Plugins, plugin_name: str) -> list[ConfigKeyInfo]:
    """The configuration keys of a plugin (``GET /connector-plugins/{plugin}/config``): a
    connector's own keys then the runtime's, or a converter's, transformation's or
    predicate's keys. Raises :class:`NotFoundException` for an unknown plugin."""
    try:
        cls = plugins.resolve(plugin_name)
    except (ImportError, LookupError, AttributeError) as exc:
        raise NotFoundException(f"Unknown plugin {plugin_name}.") from exc
    if not isinstance(cls, type):
        raise NotFoundException(f"Unknown plugin {plugin_name}.")
    base: ConfigDef | None = None
    if issubclass(cls, SinkConnector):
        base = cc.sink_connector_config_def()
    elif issubclass(cls, SourceConnector):
        base = cc.source_connector_config_def()
    elif not issubclass(cls, (Converter, HeaderConverter, Transformation, Predicate)):
        raise BadRequestException(
            f"Invalid plugin class {plugin_name}. Valid types are sink, source, converter, "
            "header_converter, transformation, predicate."
        )
    try:
        with class_resolver_context(plugins.resolve):
            own = cls().config()
    except Exception as exc:
        raise BadRequestException(
            f"Failed to load the configuration of {plugin_name}: {exc}"
        ) from exc
    keys: dict[str, ConfigKey] = dict(own.config_keys()) if own is not None else {}
    if base is not None:
        for name, key in base.config_keys().items():
            keys.setdefault(name, key)
    return [convert_config_key(key) for key in keys.values()]
