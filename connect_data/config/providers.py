"""Config providers: where ``${provider:[path:]key}`` references in configs get their values.

A :class:`ConfigProvider` (``org.apache.kafka.common.config.provider.ConfigProvider``, KIP-297)
answers :meth:`ConfigProvider.get` with a :class:`ConfigData`: the values of some keys found at
a path. The :class:`~connect_data.config.transformer.ConfigTransformer` replaces references in
configuration values with them, so that secrets can stay in files or the environment instead
of in connector configurations. Three providers come with connectpy, as with Kafka:

- :class:`FileConfigProvider`: the keys of a Java ``.properties`` file (path = the file);
- :class:`DirectoryConfigProvider`: one key per regular file in a directory, its value the
  file's content (path = the directory);
- :class:`EnvVarConfigProvider`: the process's environment variables (no path).

The file and directory providers take ``allowed.paths`` (a comma-separated list of absolute,
existing paths): when it is set, only paths under one of them are read; any other path yields
no data (and a warning), so a connector configuration cannot read arbitrary files of the
worker. The environment provider takes ``allowlist.pattern``, a regular expression that a
variable's name must contain a match of to be visible.

A worker configures providers with ``config.providers=file`` and
``config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider``
(Java class names resolve to these classes); ``config.providers.file.param.<key>`` settings are
passed to :meth:`ConfigProvider.configure`.
"""

from __future__ import annotations

import abc
import logging
import os
import re
from collections.abc import Callable, Collection, Mapping
from pathlib import Path, PurePath
from typing import Any, Final

from connect_data.config.abstract_config import Configurable
from connect_data.config.exception import ConfigException
from connect_data.config.properties import parse_properties

__all__ = [
    "ALLOWED_PATHS_CONFIG",
    "ENV_VAR_ALLOWLIST_PATTERN_CONFIG",
    "AllowedPaths",
    "ConfigChangeCallback",
    "ConfigData",
    "ConfigProvider",
    "DirectoryConfigProvider",
    "EnvVarConfigProvider",
    "FileConfigProvider",
]

log = logging.getLogger(__name__)

ALLOWED_PATHS_CONFIG: Final = "allowed.paths"
"""The file and directory providers' setting: the comma-separated paths they may read under."""

ENV_VAR_ALLOWLIST_PATTERN_CONFIG: Final = "allowlist.pattern"
"""The environment provider's setting: a regex a variable's name must contain a match of."""

_NOT_CONFIGURED: Final = "The provider has not been configured yet."


class ConfigData:
    """The values a provider found at one path, and how long they stay valid.

    ``ttl`` is in milliseconds; ``None`` means the values do not expire.
    """

    __slots__ = ("_data", "_ttl")

    def __init__(self, data: Mapping[str, str], ttl: int | None = None) -> None:
        self._data = dict(data)
        self._ttl = ttl

    def data(self) -> dict[str, str]:
        """The keys found and their values."""
        return self._data

    def ttl(self) -> int | None:
        """Milliseconds until the values should be read again; ``None`` for never."""
        return self._ttl

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ConfigData):
            return NotImplemented
        return self._data == other._data and self._ttl == other._ttl

    __hash__ = None  # type: ignore[assignment]  # mutable data, as Java's HashMap

    def __repr__(self) -> str:
        # the keys only: the values are usually secrets
        return f"ConfigData(keys={sorted(self._data)!r}, ttl={self._ttl!r})"


ConfigChangeCallback = Callable[[str, ConfigData], None]
"""Called with a path and its new data when subscribed keys change."""


class ConfigProvider(Configurable, abc.ABC):
    """A source of configuration values, referred to as ``${name:[path:]key}`` in configs.

    Implement :meth:`get`; override :meth:`configure` to take settings (a worker passes its
    ``config.providers.<name>.param.*`` keys, prefix removed) and :meth:`close` to release
    resources. Instances are also context managers that close on exit.
    """

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Take this provider's settings (none by default)."""

    @abc.abstractmethod
    def get(self, path: str, keys: Collection[str] | None = None) -> ConfigData:
        """The values of ``keys`` at ``path`` (every key there when ``keys`` is ``None``).

        Keys that do not exist are left out of the result. An empty ``path`` means the
        provider's default location, if it has one.
        """

    def subscribe(self, path: str, keys: Collection[str], callback: ConfigChangeCallback) -> None:
        """Ask to be called back when ``keys`` at ``path`` change (unsupported by default)."""
        raise NotImplementedError(f"{type(self).__name__} does not support subscriptions")

    def unsubscribe(self, path: str, keys: Collection[str], callback: ConfigChangeCallback) -> None:
        """Cancel a :meth:`subscribe` (unsupported by default)."""
        raise NotImplementedError(f"{type(self).__name__} does not support subscriptions")

    def unsubscribe_all(self) -> None:
        """Cancel every subscription (unsupported by default)."""
        raise NotImplementedError(f"{type(self).__name__} does not support subscriptions")

    def close(self) -> None:
        """Release the provider's resources (nothing by default)."""

    def __enter__(self) -> ConfigProvider:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AllowedPaths:
    """The ``allowed.paths`` of a file or directory provider.

    Built from the setting's value: ``None`` or empty allows every path; otherwise each
    comma-separated entry must be an absolute path that exists, or :class:`ConfigException`.
    """

    __slots__ = ("_paths",)

    def __init__(self, config_value: str | None) -> None:
        self._paths: list[PurePath] | None = None
        if config_value:
            paths: list[PurePath] = []
            for entry in config_value.split(","):
                normalised = Path(_normalise(entry))
                if not (normalised.is_absolute() and normalised.exists()):
                    raise ConfigException(
                        f"Path {normalised} is not valid. The path should be absolute and exist"
                    )
                paths.append(normalised)
            self._paths = paths

    def parse_untrusted_path(self, path: str) -> Path | None:
        """``path`` as a :class:`~pathlib.Path` (normalised when paths are restricted), or
        ``None`` when it is outside every allowed path."""
        if self._paths is None:
            return Path(path)
        normalised = Path(_normalise(path))
        if any(normalised.is_relative_to(allowed) for allowed in self._paths):
            return normalised
        return None


def _normalise(path: str) -> str:
    """``..`` and ``.`` removed without touching the file system, as Java's ``normalize()``."""
    if not path:
        return path
    return os.path.normpath(path)


def _allowed_paths(configs: Mapping[str, Any]) -> AllowedPaths:
    value = configs.get(ALLOWED_PATHS_CONFIG)
    return AllowedPaths(None if value is None else str(value))


class FileConfigProvider(ConfigProvider):
    """Values from Java ``.properties`` files: ``${file:/path/to/secrets.properties:key}``.

    The path is the file (read as UTF-8); the keys are its property keys.
    """

    def __init__(self) -> None:
        self._allowed: AllowedPaths | None = None

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Take ``allowed.paths``."""
        self._allowed = _allowed_paths(configs)

    def get(self, path: str, keys: Collection[str] | None = None) -> ConfigData:
        """The values of ``keys`` (every key when ``None``) in the properties file ``path``;
        no data for an empty or disallowed path, :class:`ConfigException` if it cannot be read."""
        if self._allowed is None:
            raise ConfigException(_NOT_CONFIGURED)
        if not path:
            return ConfigData({})
        file = self._allowed.parse_untrusted_path(path)
        if file is None:
            log.warning("The path %s is not allowed to be accessed", path)
            return ConfigData({})
        try:
            text = file.read_bytes().decode("utf-8")
        except (OSError, ValueError) as exc:
            log.error("Could not read properties from file %s: %s", path, exc)
            raise ConfigException(f"Could not read properties from file {path}") from exc
        properties = parse_properties(text)
        if keys is None:
            return ConfigData(properties)
        return ConfigData({k: properties[k] for k in keys if k in properties})


class DirectoryConfigProvider(ConfigProvider):
    """Values from a directory of files: ``${dir:/run/secrets:db-password}``.

    The path is the directory; each regular file in it (not in subdirectories) is a key, the
    file's name, whose value is the file's whole content (UTF-8, trailing newline included).
    This is the layout of Kubernetes and Docker secret volumes.
    """

    def __init__(self) -> None:
        self._allowed: AllowedPaths | None = None

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Take ``allowed.paths``."""
        self._allowed = _allowed_paths(configs)

    def get(self, path: str, keys: Collection[str] | None = None) -> ConfigData:
        """The contents of the files named by ``keys`` (every regular file when ``None``) in
        the directory ``path``; no data for an empty, disallowed or non-directory path."""
        if self._allowed is None:
            raise ConfigException(_NOT_CONFIGURED)
        if not path:
            return ConfigData({})
        directory = self._allowed.parse_untrusted_path(path)
        if directory is None:
            log.warning("The path %s is not allowed to be accessed", path)
            return ConfigData({})
        if not directory.is_dir():
            log.warning("The path %s is not a directory", path)
            return ConfigData({})
        wanted = None if keys is None else set(keys)
        try:
            entries = list(directory.iterdir())
        except OSError as exc:
            raise ConfigException(f"Could not list directory {directory}") from exc
        data: dict[str, str] = {}
        for entry in entries:
            if wanted is not None and entry.name not in wanted:
                continue
            if not entry.is_file():
                continue
            try:
                data[entry.name] = entry.read_bytes().decode("utf-8", "replace")
            except OSError as exc:
                raise ConfigException(
                    f"Could not read file {entry} for property {entry.name}"
                ) from exc
        return ConfigData(data)


class EnvVarConfigProvider(ConfigProvider):
    """Values from environment variables: ``${env:DB_PASSWORD}`` (no path).

    ``allowlist.pattern`` (a regular expression, default: everything) limits the variables
    visible to those whose name contains a match. ``environment`` replaces the process's
    environment (read once, when the provider is created), for tests.
    """

    def __init__(self, environment: Mapping[str, str] | None = None) -> None:
        self._environment = dict(os.environ if environment is None else environment)
        self._pattern: re.Pattern[str] | None = None

    def configure(self, configs: Mapping[str, Any]) -> None:
        """Take ``allowlist.pattern``."""
        if ENV_VAR_ALLOWLIST_PATTERN_CONFIG in configs:
            value = str(configs[ENV_VAR_ALLOWLIST_PATTERN_CONFIG])
            try:
                self._pattern = re.compile(value)
            except re.error as exc:
                raise ConfigException(
                    ENV_VAR_ALLOWLIST_PATTERN_CONFIG, value, f"Invalid regular expression: {exc}"
                ) from exc
        else:
            self._pattern = re.compile(".*")
            log.info("No pattern for environment variables provided. Using default pattern '(.*)'.")

    def get(self, path: str, keys: Collection[str] | None = None) -> ConfigData:
        """The allowed environment variables among ``keys`` (all allowed when ``None``);
        :class:`ConfigException` if ``path`` is not empty."""
        if path:
            raise ConfigException(
                f"Path is not supported for EnvVarConfigProvider, invalid value '{path}'"
            )
        if self._pattern is None:
            raise ConfigException(_NOT_CONFIGURED)
        pattern = self._pattern
        wanted = None if keys is None else set(keys)
        return ConfigData(
            {
                name: value
                for name, value in self._environment.items()
                if (wanted is None or name in wanted) and pattern.search(name) is not None
            }
        )
