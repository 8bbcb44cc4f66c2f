"""Replacing ``${provider:[path:]key}`` references in configs (``ConfigTransformer``, KIP-297).

A reference names a :class:`~connect_data.config.providers.ConfigProvider` by the name it was
given, an optional path, and a key: ``${file:/etc/secrets.properties:db.password}``,
``${env:DB_PASSWORD}``. :meth:`ConfigTransformer.transform` asks each provider once per path
for the keys referenced there and replaces the references with the values; a reference to an
unknown provider or to a key the provider does not have stays as written.

:func:`resolve_config_variables` does for a whole configuration what Kafka's ``AbstractConfig``
does with its originals: it creates the providers the configuration itself declares
(``config.providers``, ``config.providers.<name>.class``, ``config.providers.<name>.param.*``),
resolves the references in its string values, and closes the providers.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

from connect_data.config.classes import class_resolver
from connect_data.config.exception import ConfigException
from connect_data.config.providers import ConfigProvider

__all__ = [
    "CONFIG_PROVIDERS_CONFIG",
    "VARIABLE_PATTERN",
    "ConfigTransformer",
    "ConfigTransformerResult",
    "close_quietly",
    "instantiate_config_providers",
    "resolve_config_variables",
]

log = logging.getLogger(__name__)

CONFIG_PROVIDERS_CONFIG: Final = "config.providers"
"""The setting listing the names of the config providers to create."""

_ANY: Final = "[^\n\r\u0085\u2028\u2029]"  # Java's "." (no DOTALL): anything but a line break
VARIABLE_PATTERN: Final = re.compile(rf"\$\{{({_ANY}*?):(({_ANY}*?):)?({_ANY}*?)\}}")
"""``${provider:[path:]key}``: groups 1 = provider, 3 = path (``None`` when absent), 4 = key.

The parts are matched lazily, so the first ``:`` ends the provider name, a second one the path,
and the first ``}`` the reference; a path containing ``:`` (``C:\\dir``) therefore cannot be
written, as in Kafka."""

_EMPTY_PATH: Final = ""


class ConfigTransformerResult:
    """What :meth:`ConfigTransformer.transform` returns: the configs with references
    replaced, and the TTL (in milliseconds) of each path whose provider gave one."""

    __slots__ = ("_data", "_ttls")

    def __init__(self, data: Mapping[str, str | None], ttls: Mapping[str, int]) -> None:
        self._data = dict(data)
        self._ttls = dict(ttls)

    def data(self) -> dict[str, str | None]:
        """The transformed configs (every key of the input)."""
        return self._data

    def ttls(self) -> dict[str, int]:
        """Path -> milliseconds until its values should be read again."""
        return self._ttls


def _variable(match: re.Match[str]) -> tuple[str, str, str]:
    return match.group(1), match.group(3) or _EMPTY_PATH, match.group(4)


class ConfigTransformer:
    """Replaces references to the given providers (name -> provider) in config values."""

    def __init__(self, config_providers: Mapping[str, ConfigProvider]) -> None:
        self._providers = dict(config_providers)

    def transform(self, configs: Mapping[str, str | None]) -> ConfigTransformerResult:
        """``configs`` with every resolvable reference replaced; ``None`` values stay."""
        wanted: dict[str, dict[str, set[str]]] = {}
        for value in configs.values():
            if value is None or "${" not in value:
                continue
            for match in VARIABLE_PATTERN.finditer(value):
                provider, path, key = _variable(match)
                wanted.setdefault(provider, {}).setdefault(path, set()).add(key)

        found: dict[str, dict[str, dict[str, str]]] = {}
        ttls: dict[str, int] = {}
        for name, keys_by_path in wanted.items():
            instance = self._providers.get(name)
            if instance is None:
                continue
            for path, keys in keys_by_path.items():
                config_data = instance.get(path, set(keys))
                ttl = config_data.ttl()
                if ttl is not None and ttl >= 0:
                    ttls[path] = ttl
                found.setdefault(name, {})[path] = config_data.data()

        def replace(match: re.Match[str]) -> str:
            provider, path, key = _variable(match)
            replacement = found.get(provider, {}).get(path, {}).get(key)
            return match.group(0) if replacement is None else replacement

        data: dict[str, str | None] = {}
        for config_key, value in configs.items():
            if value is None or "${" not in value:
                data[config_key] = value
            else:
                data[config_key] = VARIABLE_PATTERN.sub(replace, value)
        return ConfigTransformerResult(data, ttls)


def _provider_class_key(name: str) -> str:
    return f"{CONFIG_PROVIDERS_CONFIG}.{name}.class"


def _param_prefix(name: str) -> str:
    return f"{CONFIG_PROVIDERS_CONFIG}.{name}.param."


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return None


def instantiate_config_providers(props: Mapping[str, Any]) -> dict[str, ConfigProvider]:
    """The providers ``props`` declares (name -> configured provider).

    Each name in ``config.providers`` (comma-separated) that has a
    ``config.providers.<name>.class`` gets an instance of that class (resolved with the class
    resolver in force, so Java class names work under a worker), configured with its
    ``config.providers.<name>.param.*`` settings (prefix removed). Names without a class are
    skipped. Raises :class:`ConfigException` if a class cannot be found or is not a
    :class:`ConfigProvider`; providers created before the error are closed.
    """
    names = _text(props.get(CONFIG_PROVIDERS_CONFIG))
    if not names:
        return {}
    providers: dict[str, ConfigProvider] = {}
    try:
        for name in (n.strip() for n in names.split(",")):
            class_key = _provider_class_key(name)
            class_name = _text(props.get(class_key))
            if not name or class_name is None:
                continue
            try:
                cls = class_resolver()(class_name.strip())
            except (ImportError, LookupError, AttributeError) as exc:
                log.error("Could not load config provider class %s: %s", class_name, exc)
                raise ConfigException(
                    class_key,
                    class_name,
                    "Could not load config provider class or one of its dependencies",
                ) from exc
            if not (isinstance(cls, type) and issubclass(cls, ConfigProvider)):
                raise ConfigException(
                    class_key, class_name, "Class is not an instance of ConfigProvider"
                )
            provider = cls()
            providers[name] = provider
            prefix = _param_prefix(name)
            provider.configure(
                {k[len(prefix) :]: v for k, v in props.items() if k.startswith(prefix)}
            )
    except BaseException:
        close_quietly(providers.values())
        raise
    return providers


def close_quietly(providers: Iterable[ConfigProvider]) -> None:
    """Close each provider, logging (not raising) what fails."""
    for provider in providers:
        try:
            provider.close()
        except Exception as exc:
            log.warning("Failed to close config provider %s: %s", type(provider).__name__, exc)


def resolve_config_variables(props: Mapping[str, Any]) -> dict[str, Any]:
    """``props`` with the references in its string values resolved by the providers it
    declares itself (as ``AbstractConfig`` resolves its originals); ``props`` unchanged (as a
    copy) when it declares none. The providers are closed before returning."""
    resolved = dict(props)
    providers = instantiate_config_providers(props)
    if not providers:
        return resolved
    try:
        candidates = {k: v for k, v in props.items() if isinstance(v, str) and "${" in v}
        if candidates:
            resolved.update(ConfigTransformer(providers).transform(candidates).data())
    finally:
        close_quietly(providers.values())
    return resolved
