"""A parsed configuration that remembers which keys were read (``AbstractConfig``)."""

from __future__ import annotations

import abc
import logging
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from connect_data.config._java import compare_key, java_str, type_name
from connect_data.config.classes import class_resolver
from connect_data.config.definition import ConfigDef
from connect_data.config.enums import Type
from connect_data.config.exception import ConfigException
from connect_data.config.password import Password

__all__ = ["AbstractConfig", "Configurable"]

T = TypeVar("T")


class Configurable(abc.ABC):
    """A class that takes its settings through ``configure(configs)`` after construction.

    ``org.apache.kafka.common.Configurable``: :meth:`AbstractConfig.get_configured_instance`
    calls :meth:`configure` with the originals on instances of subclasses of this class.
    """

    @abc.abstractmethod
    def configure(self, configs: Mapping[str, Any]) -> None:
        """Configure this instance with the given key/value pairs."""


class _RecordingMap(dict[str, Any]):
    """A dict copy whose reads mark the (prefixed) key as used in the owning config."""

    def __init__(
        self,
        owner: AbstractConfig,
        values: Mapping[str, Any] | None = None,
        prefix: str = "",
        with_ignore_fallback: bool = False,
    ) -> None:
        super().__init__(values or {})
        self._owner = owner
        self._prefix = prefix
        self._with_ignore_fallback = with_ignore_fallback

    def _record(self, key: object) -> None:
        if isinstance(key, str):
            self._owner.ignore(self._prefix + key)
            if self._with_ignore_fallback:
                self._owner.ignore(key)

    def __getitem__(self, key: str) -> Any:
        self._record(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._record(key)
        return super().get(key, default)


class AbstractConfig:
    """A configuration parsed against a :class:`ConfigDef`, with typed getters.

    Subclass it per component, as in Java::

        class MySinkConfig(AbstractConfig):
            CONFIG_DEF = ConfigDef().define("topics", ConfigDef.Type.LIST,
                                            importance=ConfigDef.Importance.HIGH)

            def __init__(self, props):
                super().__init__(MySinkConfig.CONFIG_DEF, props)

    Construction parses and validates (raising :class:`ConfigException`); getters such as
    :meth:`get_int` return parsed values and record the key as used, so :meth:`unused` can
    report keys that were supplied but never read.
    """

    def __init__(
        self, definition: ConfigDef, originals: Mapping[Any, Any], do_log: bool = False
    ) -> None:
        for key, value in originals.items():
            if not isinstance(key, str):
                raise ConfigException(java_str(key), value, "Key must be a string.")
        self._originals: dict[str, Any] = dict(originals)
        self._used: set[str] = set()
        self._definition = definition
        self._values = definition.parse(self._originals)
        updates = self.post_process_parsed_config(dict(self._values))
        if updates:
            self._values.update(updates)
            definition.parse(self._values)
        if do_log:
            self.log_all()

    def post_process_parsed_config(self, parsed_values: Mapping[str, Any]) -> Mapping[str, Any]:
        """Override to derive "secondary defaults" from the parsed values.

        Return the updates to apply; they are validated again. The default returns none.
        """
        return {}

    # ----------------------------------------------------------------- getters

    def definition(self) -> ConfigDef:
        """The :class:`ConfigDef` this configuration was parsed with."""
        return self._definition

    def get(self, key: str) -> Any:
        """The parsed value of ``key``; raises :class:`ConfigException` for an undefined key."""
        if key not in self._values:
            raise ConfigException(f"Unknown configuration '{key}'")
        self._used.add(key)
        return self._values[key]

    def ignore(self, key: str) -> None:
        """Mark ``key`` as used without reading it."""
        self._used.add(key)

    def get_short(self, key: str) -> int | None:
        """The value of a ``SHORT`` key."""
        return cast("int | None", self.get(key))

    def get_int(self, key: str) -> int | None:
        """The value of an ``INT`` key."""
        return cast("int | None", self.get(key))

    def get_long(self, key: str) -> int | None:
        """The value of a ``LONG`` key."""
        return cast("int | None", self.get(key))

    def get_double(self, key: str) -> float | None:
        """The value of a ``DOUBLE`` key."""
        return cast("float | None", self.get(key))

    def get_list(self, key: str) -> list[Any] | None:
        """The value of a ``LIST`` key (strings, unless given as a list of other values)."""
        return cast("list[Any] | None", self.get(key))

    def get_boolean(self, key: str) -> bool | None:
        """The value of a ``BOOLEAN`` key."""
        return cast("bool | None", self.get(key))

    def get_string(self, key: str) -> str | None:
        """The value of a ``STRING`` key."""
        return cast("str | None", self.get(key))

    def get_password(self, key: str) -> Password | None:
        """The value of a ``PASSWORD`` key; call ``.value()`` on it for the secret."""
        return cast("Password | None", self.get(key))

    def get_class(self, key: str) -> type | None:
        """The value of a ``CLASS`` key."""
        return cast("type | None", self.get(key))

    def type_of(self, key: str) -> Type | None:
        """The defined type of ``key``, or ``None`` if it is not defined."""
        config_key = self._definition.config_keys().get(key)
        return None if config_key is None else config_key.type

    def documentation_of(self, key: str) -> str | None:
        """The documentation of ``key``, or ``None`` if it is not defined."""
        config_key = self._definition.config_keys().get(key)
        return None if config_key is None else config_key.documentation

    def unused(self) -> set[str]:
        """The supplied keys that nothing has read (nor marked with :meth:`ignore`)."""
        return set(self._originals) - self._used

    # ----------------------------------------------------------------- originals

    def originals(self, config_overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """A copy of the supplied settings (plus ``config_overrides``); reads mark keys used."""
        copy = _RecordingMap(self, self._originals)
        if config_overrides:
            copy.update(config_overrides)
        return copy

    def originals_strings(self) -> dict[str, str]:
        """The supplied settings, all of which must be strings (else :class:`ConfigException`)."""
        copy = _RecordingMap(self)
        for key, value in self._originals.items():
            if not isinstance(value, str):
                found = "null" if value is None else type_name(value)
                raise ConfigException(
                    f"Non-string value found in original settings for key {key}: {found}"
                )
            copy[key] = value
        return cast("dict[str, str]", copy)

    def originals_with_prefix(self, prefix: str, strip: bool = True) -> dict[str, Any]:
        """The supplied settings whose key starts with ``prefix`` (and is longer than it).

        With ``strip`` the prefix is removed from the returned keys. Reading a key from the
        result marks the original (prefixed) key as used.
        """
        result = _RecordingMap(self, prefix=prefix if strip else "")
        for key, value in self._originals.items():
            if key.startswith(prefix) and len(key) > len(prefix):
                result[key[len(prefix) :] if strip else key] = value
        return result

    def values_with_prefix_override(self, prefix: str) -> dict[str, Any]:
        """All parsed values, with ``<prefix><key>`` settings overriding ``<key>``.

        A prefixed key that is not defined but whose part after its first dot is (the
        ``listener.name.x.mechanism.key`` form) is kept with that secondary prefix.
        """
        result = _RecordingMap(self, self._values, prefix, with_ignore_fallback=True)
        keys = self._definition.config_keys()
        for key, value in self._originals.items():
            if not key.startswith(prefix) or len(key) <= len(prefix):
                continue
            unprefixed = key[len(prefix) :]
            config_key = keys.get(unprefixed)
            if config_key is None:
                config_key = keys.get(unprefixed[unprefixed.find(".") + 1 :])
            if config_key is not None:
                result[unprefixed] = self._definition.parse_value(config_key, value, True)
        return result

    def values_with_prefix_all_or_nothing(self, prefix: str) -> dict[str, Any]:
        """The prefixed settings parsed, if there is any; else all parsed values."""
        with_prefix = {
            key[len(prefix) :]: value
            for key, value in self._originals.items()
            if key.startswith(prefix) and len(key) > len(prefix)
        }
        if not with_prefix:
            return _RecordingMap(self, self._values, "", with_ignore_fallback=True)
        result = _RecordingMap(self, prefix=prefix, with_ignore_fallback=True)
        keys = self._definition.config_keys()
        for key, value in with_prefix.items():
            config_key = keys.get(key)
            if config_key is not None:
                result[key] = self._definition.parse_value(config_key, value, True)
        return result

    def values(self) -> dict[str, Any]:
        """A copy of every parsed value; reads mark keys used."""
        return _RecordingMap(self, self._values)

    def non_internal_values(self) -> dict[str, Any]:
        """:meth:`values` without the keys defined with :meth:`ConfigDef.define_internal`."""
        keys = self._definition.config_keys()
        return _RecordingMap(
            self,
            {
                key: value
                for key, value in self._values.items()
                if key not in keys or not keys[key].internal_config
            },
        )

    # ----------------------------------------------------------------- logging

    def _logger(self) -> logging.Logger:
        cls = type(self)
        return logging.getLogger(f"{cls.__module__}.{cls.__qualname__}")

    def log_all(self) -> None:
        """Log every parsed value at INFO, sorted by key; passwords show as ``[hidden]``."""
        lines = [f"{type(self).__name__} values: "]
        for key in sorted(self._values, key=compare_key):
            lines.append(f"\t{key} = {java_str(self._values[key])}")
        self._logger().info("\n".join(lines) + "\n")

    def log_unused(self) -> None:
        """Log a warning for each supplied key that nothing has read."""
        for key in sorted(self.unused()):
            self._logger().warning(
                "The configuration '%s' was supplied but isn't a known config.", key
            )

    # ----------------------------------------------------------------- instances

    def get_configured_instance(
        self, key: str, expected: type[T], config_overrides: Mapping[str, Any] | None = None
    ) -> T | None:
        """An instance of the class held by ``key`` (``None`` if unset), configured if it is a
        :class:`Configurable` with the originals plus ``config_overrides``."""
        cls = self.get_class(key)
        return self._configured(cls, expected, self.originals(config_overrides))

    def get_configured_instances(
        self, key: str, expected: type[T], config_overrides: Mapping[str, Any] | None = None
    ) -> list[T]:
        """One configured instance per class named in the ``LIST`` key ``key``."""
        return self.get_configured_instances_of(self.get_list(key), expected, config_overrides)

    def get_configured_instances_of(
        self,
        class_names: list[Any] | None,
        expected: type[T],
        config_overrides: Mapping[str, Any] | None = None,
    ) -> list[T]:
        """One configured instance per class or class name in ``class_names``."""
        if class_names is None:
            return []
        configs = self.originals(config_overrides)
        instances: list[T] = []
        for klass in class_names:
            instance = self._configured(klass, expected, configs)
            if instance is not None:
                instances.append(instance)
        return instances

    def _configured(self, klass: Any, expected: type[T], configs: dict[str, Any]) -> T | None:
        if klass is None:
            return None
        if isinstance(klass, str):
            try:
                klass = class_resolver()(klass)
            except (ImportError, LookupError, AttributeError) as exc:
                raise ConfigException(f"Class {klass} cannot be found") from exc
        elif not isinstance(klass, type):
            raise ConfigException(
                f"Unexpected element of type {type_name(klass)}, expected String or Class"
            )
        try:
            instance = klass()
        except Exception as exc:
            raise ConfigException(
                f"Could not instantiate class {klass.__module__}.{klass.__qualname__}: {exc}"
            ) from exc
        if not isinstance(instance, expected):
            raise ConfigException(
                f"{klass.__module__}.{klass.__qualname__} is not an instance of "
                f"{expected.__module__}.{expected.__qualname__}"
            )
        if isinstance(instance, Configurable):
            instance.configure(configs)
        return instance

    # ----------------------------------------------------------------- identity

    def __eq__(self, other: object) -> bool:
        if other is None or type(other) is not type(self):
            return NotImplemented
        return self._originals == other._originals

    def __hash__(self) -> int:
        return hash(frozenset(self._originals))
