"""Creating converters the way a worker does, from a class name and settings.

:func:`make_converter` and :func:`make_header_converter` resolve the class by any name the
worker accepts (a Python dotted path, a Java class name such as
``org.apache.kafka.connect.json.JsonConverter``, or an alias such as ``JsonConverter``) and
configure it with the given settings, exactly as the worker configures ``value.converter``
with the keys under ``value.converter.``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from connectors.runtime.plugins import Plugins, default_plugins
from converters.converter import Converter, HeaderConverter

__all__ = [
    "DEFAULT_CONVERTER",
    "DEFAULT_HEADER_CONVERTER",
    "converter_from_config",
    "header_converter_from_config",
    "make_converter",
    "make_header_converter",
]

DEFAULT_CONVERTER: Final = "org.apache.kafka.connect.json.JsonConverter"
"""The converter the harnesses use when neither an instance nor ``key.converter`` /
``value.converter`` is given (with ``schemas.enable=true``, as Kafka's sample worker file)."""
DEFAULT_HEADER_CONVERTER: Final = "org.apache.kafka.connect.storage.SimpleHeaderConverter"
"""The worker's default ``header.converter``."""


def make_converter(
    name: str | type[Converter],
    config: Mapping[str, Any] | None = None,
    *,
    is_key: bool = False,
    plugins: Plugins | None = None,
) -> Converter:
    """A configured :class:`~converters.converter.Converter`.

    ``name`` is a class or any name the worker resolves; ``config`` holds the converter's own
    keys (``{"schemas.enable": "false"}``, without the ``value.converter.`` prefix).
    Raises :class:`~connect_data.config.ConfigException` for an unknown class or bad settings.
    """
    return (plugins or default_plugins()).new_converter(name, config or {}, is_key)


def make_header_converter(
    name: str | type[HeaderConverter] = DEFAULT_HEADER_CONVERTER,
    config: Mapping[str, Any] | None = None,
    *,
    plugins: Plugins | None = None,
) -> HeaderConverter:
    """A configured :class:`~converters.converter.HeaderConverter` (see :func:`make_converter`)."""
    return (plugins or default_plugins()).new_header_converter(name, config or {})


def _prefixed(config: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    return {k[len(prefix) :]: v for k, v in config.items() if k.startswith(prefix)}


def converter_from_config(
    config: Mapping[str, Any], key: str, *, is_key: bool, plugins: Plugins | None = None
) -> Converter:
    """The converter a connector configuration names under ``key`` (``value.converter``),
    configured with the keys under ``key + "."``; :data:`DEFAULT_CONVERTER` when unset."""
    name = config.get(key) or DEFAULT_CONVERTER
    return make_converter(str(name), _prefixed(config, key + "."), is_key=is_key, plugins=plugins)


def header_converter_from_config(
    config: Mapping[str, Any], plugins: Plugins | None = None
) -> HeaderConverter:
    """The ``header.converter`` of a connector configuration (the worker's default if unset)."""
    name = config.get("header.converter") or DEFAULT_HEADER_CONVERTER
    return make_header_converter(str(name), _prefixed(config, "header.converter."), plugins=plugins)
