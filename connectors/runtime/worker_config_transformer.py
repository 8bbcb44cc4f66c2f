"""Resolving config-provider references in connector configs (``WorkerConfigTransformer``).

The worker creates the providers its configuration declares (``config.providers``,
``config.providers.<name>.class``, ``config.providers.<name>.param.*``) and resolves
``${provider:[path:]key}`` references in a connector's configuration each time it starts the
connector or one of its tasks. The herder, the config store and the REST API keep the
configuration as submitted, references included; task configurations a connector generates
get the references back (:meth:`WorkerConfigTransformer.reverse_transform`) before the herder
keeps them.

Every value a provider supplies is registered with the log redactor
(:mod:`connectors.runtime.secrets`), so it never appears in logs or status traces. When a
provider gives its values a TTL and the connector's ``config.action.reload`` is ``restart``
(the default), the connector is restarted once the TTL has passed, to read them again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

import attrs

from connect_data.config import ConfigData, ConfigProvider, ConfigTransformer
from connect_data.config.transformer import (
    VARIABLE_PATTERN,
    close_quietly,
    instantiate_config_providers,
)
from connectors.runtime.connector_config import CONFIG_RELOAD_ACTION_CONFIG
from connectors.runtime.rest.entities import ConfigInfo, ConfigInfos
from connectors.runtime.secrets import redactor

__all__ = ["WorkerConfigTransformer"]

log = logging.getLogger(__name__)


class _Recording(ConfigProvider):
    """Passes ``get`` through to a provider and registers the values it returns as secrets."""

    def __init__(self, provider: ConfigProvider) -> None:
        self._provider = provider

    def get(self, path: str, keys: Collection[str] | None = None) -> ConfigData:
        data = self._provider.get(path, keys)
        redactor.add(data.data().values())
        return data


class WorkerConfigTransformer:
    """The worker's config providers and what it does with them.

    ``restart_connector`` is called (on a timer thread) with a connector's name when values
    it uses expire; the herder sets it. Nothing is scheduled while it is ``None``.
    """

    def __init__(self, providers: Mapping[str, ConfigProvider]) -> None:
        self.providers = dict(providers)
        self._transformer = ConfigTransformer(
            {name: _Recording(provider) for name, provider in self.providers.items()}
        )
        self.restart_connector: Callable[[str], None] | None = None
        self._timers: dict[tuple[str, str], threading.Timer] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_worker_props(cls, props: Mapping[str, Any]) -> WorkerConfigTransformer:
        """The providers declared in a worker configuration's originals (class names are
        resolved with the class resolver in force)."""
        return cls(instantiate_config_providers(props))

    def transform(
        self, configs: Mapping[str, str], connector_name: str | None = None
    ) -> dict[str, str]:
        """``configs`` with references resolved; with ``connector_name``, also schedule the
        connector's restart when a value expires (if its ``config.action.reload`` says so).

        Raises :class:`~connect_data.config.ConfigException` when a provider cannot read.
        """
        if not self.providers or not any("${" in v for v in configs.values() if v):
            return dict(configs)
        result = self._transformer.transform(configs)
        ttls = result.ttls()
        if connector_name is not None and ttls:
            action = (configs.get(CONFIG_RELOAD_ACTION_CONFIG) or "restart").strip().lower()
            if action == "restart":
                for path, ttl in ttls.items():
                    self._schedule_restart(connector_name, path, ttl)
        return {k: v for k, v in result.data().items() if v is not None}

    def _schedule_restart(self, connector: str, path: str, ttl_ms: int) -> None:
        restart = self.restart_connector
        if restart is None:
            return
        log.info("Scheduling a restart of connector %s in %d ms", connector, ttl_ms)

        def fire() -> None:
            with self._lock:
                self._timers.pop((connector, path), None)
            try:
                restart(connector)
            except Exception:
                log.exception("Unexpected error during connector restart")

        timer = threading.Timer(ttl_ms / 1000.0, fire)
        timer.daemon = True
        timer.name = f"config-reload-{connector}"
        with self._lock:
            previous = self._timers.pop((connector, path), None)
            if previous is not None:
                previous.cancel()
            self._timers[(connector, path)] = timer
        timer.start()

    def cancel_restarts(self, connector: str) -> None:
        """Forget the scheduled restarts of a connector (it was deleted)."""
        with self._lock:
            keys = [key for key in self._timers if key[0] == connector]
            timers = [self._timers.pop(key) for key in keys]
        for timer in timers:
            timer.cancel()

    @staticmethod
    def reverse_transform(
        raw_connector_config: Mapping[str, str], task_configs: Sequence[Mapping[str, str]]
    ) -> list[dict[str, str]]:
        """Task configurations with each key that holds a reference in the connector's raw
        configuration set back to that raw value (so resolved secrets copied into task
        configurations are not kept by the herder)."""
        with_references = [
            key
            for key, value in raw_connector_config.items()
            if value and VARIABLE_PATTERN.search(value) is not None
        ]
        result: list[dict[str, str]] = []
        for config in task_configs:
            copy = dict(config)
            for key in with_references:
                if key in copy:
                    copy[key] = raw_connector_config[key]
            result.append(copy)
        return result

    @staticmethod
    def restore_references(raw: Mapping[str, str | None], infos: ConfigInfos) -> ConfigInfos:
        """Validation results of a resolved configuration shown as submitted: each value
        that held a reference is shown with the reference, and values supplied by providers
        are hidden from error messages."""
        configs: list[ConfigInfo] = []
        for info in infos.configs:
            value = info.value
            if value is not None:
                raw_value = raw.get(value.name)
                if raw_value is not None and VARIABLE_PATTERN.search(raw_value) is not None:
                    value = attrs.evolve(value, value=raw_value)
                value = attrs.evolve(value, errors=[redactor.scrub(e) for e in value.errors])
                configs.append(attrs.evolve(info, value=value))
            else:
                configs.append(info)
        return attrs.evolve(infos, configs=configs)

    def close(self) -> None:
        """Cancel the scheduled restarts and close the providers."""
        with self._lock:
            timers = list(self._timers.values())
            self._timers.clear()
        for timer in timers:
            timer.cancel()
        close_quietly(self.providers.values())
