"""Standalone mode: one worker running the connectors given to it (``StandaloneHerder``).

The herder starts each connector, asks it for task configurations and starts the tasks; when
a connector calls ``request_task_reconfiguration()`` it asks again and restarts the tasks if
the configurations changed. Connector configurations are also stored in the record log's
config store.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Mapping

from connect_data.errors import ConnectException
from connectors.runtime.connector_config import NAME_CONFIG
from connectors.runtime.status import ConnectorTaskId
from connectors.runtime.worker import Worker
from connectors.runtime.worker_task import TargetState

__all__ = ["StandaloneHerder"]

log = logging.getLogger(__name__)


class StandaloneHerder:
    """Drives a :class:`Worker` from connector configurations."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.configs: dict[str, dict[str, str]] = {}
        self.task_configs: dict[str, list[dict[str, str]]] = {}
        self.target_states: dict[str, TargetState] = {}
        self._lock = threading.RLock()
        self._requests: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="herder", daemon=True)
        worker.reconfiguration_listener = self.request_task_reconfiguration

    def start(self) -> None:
        """Start the worker and the herder's thread."""
        self.worker.start()
        self._thread.start()

    def stop(self) -> None:
        """Stop every connector and task, then the worker."""
        self._requests.put(None)
        self._thread.join(10.0)
        with self._lock:
            self.worker.stop()
            self.configs.clear()
            self.task_configs.clear()

    # ----------------------------------------------------------------- connectors

    def put_connector_config(self, props: Mapping[str, str]) -> bool:
        """Create (or replace) and start a connector; ``False`` if it did not start."""
        name = props.get(NAME_CONFIG)
        if not name:
            raise ConnectException("Connector configuration must include the 'name' key")
        with self._lock:
            if name in self.configs:
                self._remove_connector_tasks(name)
                self.worker.stop_connector(name)
            self.configs[name] = dict(props)
            try:
                self.worker.record_log.config_store().put(name, props)
            except Exception as exc:
                log.warning("Cannot store the configuration of connector %s: %s", name, exc)
            target = self.target_states.setdefault(name, TargetState.STARTED)
            if not self.worker.start_connector(name, props, target):
                return False
            self._update_connector_tasks(name)
            return True

    def delete_connector(self, name: str) -> None:
        """Stop and forget a connector."""
        with self._lock:
            if name not in self.configs:
                raise ConnectException(f"Connector {name} not found")
            self._remove_connector_tasks(name)
            self.worker.stop_connector(name)
            del self.configs[name]
            self.target_states.pop(name, None)
            self.worker.status.forget(name)

    def pause_connector(self, name: str) -> None:
        """Pause a connector and its tasks."""
        self._set_target(name, TargetState.PAUSED)

    def resume_connector(self, name: str) -> None:
        """Resume a paused connector and its tasks."""
        self._set_target(name, TargetState.STARTED)

    def stop_connector(self, name: str) -> None:
        """Stop a connector and remove its tasks, keeping its configuration and offsets
        (Kafka's ``PUT /connectors/{name}/stop``); :meth:`resume_connector` starts it again."""
        self._set_target(name, TargetState.STOPPED)

    def _set_target(self, name: str, target: TargetState) -> None:
        with self._lock:
            if name not in self.configs:
                raise ConnectException(f"Connector {name} not found")
            self.target_states[name] = target
            if target is TargetState.STOPPED:
                self._remove_connector_tasks(name)
            self.worker.set_target_state(name, target)
            if target is TargetState.STARTED:
                self._update_connector_tasks(name)

    def request_task_reconfiguration(self, name: str) -> None:
        """Queue a re-computation of the connector's task configurations."""
        self._requests.put(name)

    # ----------------------------------------------------------------- tasks

    def _run(self) -> None:
        while True:
            name = self._requests.get()
            if name is None:
                return
            try:
                with self._lock:
                    if name in self.configs:
                        self._update_connector_tasks(name)
            except Exception:
                log.exception("Failed to reconfigure the tasks of connector %s", name)

    def _update_connector_tasks(self, name: str) -> None:
        new_configs = self.worker.connector_task_configs(name)
        worker_connector = self.worker.connectors.get(name)
        if worker_connector is None or worker_connector.failed:
            return
        if worker_connector.state is not TargetState.STARTED:
            return
        old_configs = self.task_configs.get(name)
        if old_configs == new_configs:
            return
        if old_configs is not None:
            log.info("Reconfiguring the tasks of connector %s", name)
        self._remove_connector_tasks(name)
        self.task_configs[name] = new_configs
        target = self.target_states.get(name, TargetState.STARTED)
        for index, task_config in enumerate(new_configs):
            self.worker.start_task(
                ConnectorTaskId(name, index), self.configs[name], task_config, target
            )

    def _remove_connector_tasks(self, name: str) -> None:
        ids = [i for i in list(self.worker.tasks) if i.connector == name]
        if ids:
            self.worker.stop_and_await_tasks(ids)
        self.task_configs.pop(name, None)
