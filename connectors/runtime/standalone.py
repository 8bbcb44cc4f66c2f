"""Standalone mode: one worker running the connectors given to it (``StandaloneHerder``).

The herder starts each connector, asks it for task configurations and starts the tasks; when
a connector calls ``request_task_reconfiguration()`` it asks again and restarts the tasks if
the configurations changed. It also answers the REST API (:mod:`connectors.runtime.rest`):
connector and task information and statuses, creation with validation, restarts, pause /
resume / stop, active topics and offsets, with Kafka Connect's semantics and errors.

Connectors created or changed over the REST API are stored in the record log's config store
and started again by :meth:`StandaloneHerder.start` after a restart. Connectors given to
:meth:`StandaloneHerder.put_connector_config` (the command line's files, as Kafka's
``connect-standalone`` takes them) are not stored: they run while the process runs.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Collection, Mapping, Sequence
from typing import Generic, TypeVar

import attrs

from connect_data.errors import ConnectException
from connectors.runtime import connector_offsets
from connectors.runtime.connector_config import CONNECTOR_CLASS_CONFIG, NAME_CONFIG
from connectors.runtime.rest.entities import (
    ActiveTopicsInfo,
    ConfigInfos,
    ConnectorInfo,
    ConnectorOffset,
    ConnectorOffsets,
    ConnectorState,
    ConnectorStateInfo,
    ConnectorType,
    InitialState,
    Message,
    TaskInfo,
    TaskState,
)
from connectors.runtime.rest.errors import (
    AlreadyExistsException,
    BadRequestException,
    NotFoundException,
)
from connectors.runtime.rest.validation import connector_type, validate_connector_config
from connectors.runtime.status import ConnectorTaskId, State
from connectors.runtime.worker import Worker
from connectors.runtime.worker_task import TargetState

__all__ = ["Created", "StandaloneHerder"]

log = logging.getLogger(__name__)

T = TypeVar("T")

_INITIAL_TARGETS = {
    InitialState.RUNNING: TargetState.STARTED,
    InitialState.PAUSED: TargetState.PAUSED,
    InitialState.STOPPED: TargetState.STOPPED,
}


@attrs.frozen
class Created(Generic[T]):
    """A result and whether the call created it (``Herder.Created``: 201 rather than 200)."""

    created: bool
    result: T


class StandaloneHerder:
    """Drives a :class:`Worker` from connector configurations."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.configs: dict[str, dict[str, str]] = {}
        self.task_configs: dict[str, list[dict[str, str]]] = {}
        self.target_states: dict[str, TargetState] = {}
        self.stored: set[str] = set()
        """The connectors whose configuration is in the record log's config store."""
        self.running = threading.Event()
        """Set once :meth:`start` has finished (``GET /health`` reports it)."""
        self._lock = threading.RLock()
        self._requests: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="herder", daemon=True)
        worker.reconfiguration_listener = self.request_task_reconfiguration
        worker.config_transformer.restart_connector = self.restart_connector

    def start(self, exclude: Collection[str] = ()) -> None:
        """Start the worker, the herder's thread and the connectors in the config store
        (except those named in ``exclude``: the command line gives them)."""
        self.worker.start()
        self._thread.start()
        self._start_stored_connectors(set(exclude))
        self.running.set()

    def stop(self) -> None:
        """Stop every connector and task, then the worker."""
        self.running.clear()
        self._requests.put(None)
        self._thread.join(10.0)
        with self._lock:
            self.worker.stop()
            self.configs.clear()
            self.task_configs.clear()

    def _start_stored_connectors(self, exclude: set[str]) -> None:
        store = self.worker.record_log.config_store()
        try:
            names = store.names()
        except Exception as exc:
            log.error("Cannot read the stored connector configurations: %s", exc)
            return
        for name in names:
            if name in exclude:
                log.warning(
                    "Connector %s is given on the command line and also stored from the REST "
                    "API; running the command line's configuration",
                    name,
                )
                continue
            props = store.get(name)
            if props is None:
                continue
            log.info("Starting connector %s from the config store", name)
            with self._lock:
                self.stored.add(name)
                self._put(name, props)

    # ----------------------------------------------------------------- queries

    def connectors(self) -> list[str]:
        """The names of the connectors, sorted."""
        with self._lock:
            return sorted(self.configs)

    def _config(self, name: str) -> dict[str, str]:
        config = self.configs.get(name)
        if config is None:
            raise NotFoundException(f"Connector {name} not found")
        return config

    def connector_type(self, props: Mapping[str, str] | None) -> ConnectorType:
        """``source``, ``sink`` or ``unknown`` for a connector configuration."""
        if not props or not props.get(CONNECTOR_CLASS_CONFIG):
            return ConnectorType.UNKNOWN
        try:
            return connector_type(self.worker.connector_class(props))
        except Exception:
            return ConnectorType.UNKNOWN

    def connector_info(self, name: str) -> ConnectorInfo:
        """A connector's configuration as submitted, its task ids and its type."""
        with self._lock:
            config = self._config(name)
            tasks = [ConnectorTaskId(name, i) for i in range(len(self.task_configs.get(name, [])))]
            return ConnectorInfo(name, dict(config), tasks, self.connector_type(config))

    def connector_config(self, name: str) -> dict[str, str]:
        """A connector's configuration as submitted."""
        with self._lock:
            return dict(self._config(name))

    def task_infos(self, name: str) -> list[TaskInfo]:
        """The configuration of each of a connector's tasks."""
        with self._lock:
            self._config(name)
            return [
                TaskInfo(ConnectorTaskId(name, i), dict(config))
                for i, config in enumerate(self.task_configs.get(name, []))
            ]

    def connector_status(self, name: str) -> ConnectorStateInfo:
        """The state of a connector and of each of its tasks."""
        status = self.worker.status.connector(name)
        if status is None:
            raise NotFoundException(f"No status found for connector {name}")
        tasks = [
            TaskState(
                s.id.task if isinstance(s.id, ConnectorTaskId) else 0,
                s.state.value,
                s.worker_id,
                s.trace,
            )
            for s in self.worker.status.tasks(name)
        ]
        with self._lock:
            config = self.configs.get(name)
        return ConnectorStateInfo(
            name,
            ConnectorState(status.state.value, status.worker_id, status.trace),
            tasks,
            self.connector_type(config),
        )

    def task_status(self, task_id: ConnectorTaskId) -> TaskState:
        """The state of one task."""
        status = self.worker.status.task(task_id)
        if status is None:
            raise NotFoundException(f"No status found for task {task_id}")
        return TaskState(task_id.task, status.state.value, status.worker_id, status.trace)

    # ----------------------------------------------------------------- connectors

    def validate_connector_config(self, props: Mapping[str, str | None]) -> ConfigInfos:
        """Validate a connector configuration (``PUT .../config/validate``), with its
        config-provider references resolved as Kafka does; the result shows them as given."""
        transformer = self.worker.config_transformer
        resolved = transformer.transform({k: v for k, v in props.items() if v is not None})
        infos = validate_connector_config(
            self.worker.plugins,
            {k: None if v is None else resolved.get(k, v) for k, v in props.items()},
            exactly_once_available=self.worker.exactly_once_sources(),
        )
        return transformer.restore_references(props, infos)

    def put_connector_config(self, props: Mapping[str, str]) -> bool:
        """Create (or replace) and start a connector without storing it (the command line's
        connectors); ``False`` if it did not start (its status tells why)."""
        name = props.get(NAME_CONFIG)
        if not name:
            raise ConnectException("Connector configuration must include the 'name' key")
        with self._lock:
            return self._put(name, props)

    def create_connector(
        self,
        name: str,
        props: Mapping[str, str | None],
        *,
        allow_replace: bool,
        initial_state: InitialState | None = None,
    ) -> Created[ConnectorInfo]:
        """Validate, store and (re)start a connector, as ``POST /connectors`` (no replace)
        and ``PUT /connectors/{name}/config`` (replace) do.

        Raises :class:`BadRequestException` listing the configuration errors, or
        :class:`AlreadyExistsException` when it exists and ``allow_replace`` is false.
        """
        infos = self.validate_connector_config(props)
        if infos.error_count > 0:
            lines = [e for c in infos.configs if c.value is not None for e in c.value.errors]
            raise BadRequestException(
                f"Connector configuration is invalid and contains the following "
                f"{infos.error_count} error(s):\n"
                + "".join(f"{line}\n" for line in lines)
                + "You can also find the above list of errors at the endpoint "
                "`/connector-plugins/{connectorType}/config/validate`"
            )
        config = {k: v for k, v in props.items() if v is not None}
        with self._lock:
            created = name not in self.configs
            if not created and not allow_replace:
                raise AlreadyExistsException(f"Connector {name} already exists")
            if created and initial_state is not None:
                self.target_states[name] = _INITIAL_TARGETS[initial_state]
            try:
                self.worker.record_log.config_store().put(name, config)
            except Exception as exc:
                raise ConnectException(
                    f"Failed to store the configuration of connector {name}: {exc}"
                ) from exc
            self.stored.add(name)
            self._put(name, config)
            return Created(created, self.connector_info(name))

    def patch_connector_config(
        self, name: str, patch: Mapping[str, str | None]
    ) -> Created[ConnectorInfo]:
        """Change some keys of a connector's configuration (``None`` removes a key)."""
        with self._lock:
            config = dict(self._config(name))
            for key, value in patch.items():
                if value is None:
                    config.pop(key, None)
                else:
                    config[key] = value
            return self.create_connector(name, config, allow_replace=True)

    def _put(self, name: str, props: Mapping[str, str]) -> bool:
        if name in self.configs:
            self._remove_connector_tasks(name)
            self.worker.stop_connector(name)
        self.configs[name] = dict(props)
        target = self.target_states.setdefault(name, TargetState.STARTED)
        if not self.worker.start_connector(name, props, target):
            return False
        if target is TargetState.STOPPED:
            self.worker.status.put(name, State.STOPPED)
        self._update_connector_tasks(name)
        return True

    def delete_connector(self, name: str) -> None:
        """Stop and forget a connector (and its stored configuration and active topics)."""
        with self._lock:
            self._config(name)
            self._remove_connector_tasks(name)
            self.worker.stop_connector(name)
            del self.configs[name]
            self.target_states.pop(name, None)
            self.worker.config_transformer.cancel_restarts(name)
            if name in self.stored:
                self.stored.discard(name)
                self.worker.record_log.config_store().remove(name)
            if self.worker.active_topics is not None:
                self.worker.active_topics.reset(name)
            self.worker.status.forget(name)

    def pause_connector(self, name: str) -> None:
        """Pause a connector and its tasks."""
        self._set_target(name, TargetState.PAUSED)

    def resume_connector(self, name: str) -> None:
        """Resume a paused or stopped connector and its tasks."""
        self._set_target(name, TargetState.STARTED)

    def stop_connector(self, name: str) -> None:
        """Stop a connector and remove its tasks, keeping its configuration and offsets
        (Kafka's ``PUT /connectors/{name}/stop``); :meth:`resume_connector` starts it again."""
        self._set_target(name, TargetState.STOPPED)

    def _set_target(self, name: str, target: TargetState) -> None:
        with self._lock:
            if name not in self.configs:
                raise NotFoundException(f"Unknown connector {name}")
            self.target_states[name] = target
            if target is TargetState.STOPPED:
                self._remove_connector_tasks(name)
            self.worker.set_target_state(name, target)
            if target is TargetState.STARTED:
                self._update_connector_tasks(name)

    # ----------------------------------------------------------------- restarts

    def restart_connector(self, name: str) -> None:
        """Restart the connector object only (its tasks keep running unless its new task
        configurations differ)."""
        with self._lock:
            config = self._config(name)
            self.worker.stop_connector(name)
            target = self.target_states.get(name, TargetState.STARTED)
            if not self.worker.start_connector(name, config, target):
                raise ConnectException(f"Failed to start connector: {name}")
            if target is TargetState.STOPPED:
                self.worker.status.put(name, State.STOPPED)
            self._update_connector_tasks(name)

    def restart_task(self, task_id: ConnectorTaskId) -> None:
        """Stop and start one task with its current configuration."""
        with self._lock:
            config = self._config(task_id.connector)
            tasks = self.task_configs.get(task_id.connector, [])
            if not 0 <= task_id.task < len(tasks):
                raise NotFoundException(f"Task {task_id} not found")
            self.worker.stop_and_await_tasks([task_id])
            target = self.target_states.get(task_id.connector, TargetState.STARTED)
            if not self.worker.start_task(task_id, config, tasks[task_id.task], target):
                raise ConnectException(f"Failed to start task: {task_id}")

    def restart_connector_and_tasks(
        self, name: str, *, only_failed: bool, include_tasks: bool
    ) -> ConnectorStateInfo:
        """Restart the connector and/or its tasks as ``POST .../restart?includeTasks&onlyFailed``
        asks; returns the status with RESTARTING for what is restarted."""
        with self._lock:
            if name not in self.configs:
                raise NotFoundException(f"Unknown connector: {name}")
            status = self.worker.status.connector(name)
            if status is None:
                raise NotFoundException(f"Status for connector {name} not found")
            config = self.configs[name]
            restart_connector = not only_failed or status.state is State.FAILED
            task_configs = self.task_configs.get(name, [])
            statuses = [
                s
                for s in self.worker.status.tasks(name)
                if isinstance(s.id, ConnectorTaskId) and s.id.task < len(task_configs)
            ]
            restart_ids = [
                s.id
                for s in statuses
                if include_tasks
                and isinstance(s.id, ConnectorTaskId)
                and (not only_failed or s.state is State.FAILED)
            ]
            restarting = State.RESTARTING.value
            plan = ConnectorStateInfo(
                name,
                ConnectorState(
                    restarting if restart_connector else status.state.value,
                    status.worker_id,
                    status.trace,
                ),
                [
                    TaskState(
                        s.id.task if isinstance(s.id, ConnectorTaskId) else 0,
                        restarting if s.id in restart_ids else s.state.value,
                        s.worker_id,
                        s.trace,
                    )
                    for s in statuses
                ],
                self.connector_type(config),
            )
            log.info(
                "Restarting connector %s%s (only failed: %s)",
                name,
                " and its tasks" if include_tasks else "",
                only_failed,
            )
            target = self.target_states.get(name, TargetState.STARTED)
            if restart_connector:
                self.worker.stop_connector(name)
                self.worker.status.put(name, State.RESTARTING)
            if restart_ids:
                self.worker.stop_and_await_tasks(restart_ids)
                for task_id in restart_ids:
                    self.worker.status.put(task_id, State.RESTARTING)
            if restart_connector:
                if self.worker.start_connector(name, config, target):
                    if target is TargetState.STOPPED:
                        self.worker.status.put(name, State.STOPPED)
                else:
                    log.error("Connector '%s' restart failed", name)
            for task_id in restart_ids:
                self.worker.start_task(task_id, config, task_configs[task_id.task], target)
            return plan

    def request_task_reconfiguration(self, name: str) -> None:
        """Queue a re-computation of the connector's task configurations."""
        self._requests.put(name)

    # ----------------------------------------------------------------- topics and offsets

    def connector_active_topics(self, name: str) -> ActiveTopicsInfo:
        """The topics the connector used (an empty set for an unknown connector, as Kafka)."""
        store = self.worker.active_topics
        return ActiveTopicsInfo(name, [] if store is None else store.topics(name))

    def reset_connector_active_topics(self, name: str) -> None:
        """Empty the connector's set of active topics."""
        if self.worker.active_topics is not None:
            self.worker.active_topics.reset(name)

    def connector_offsets(self, name: str) -> ConnectorOffsets:
        """The connector's current offsets (source partitions, or its consumer group's)."""
        with self._lock:
            config = dict(self._config(name))
        return connector_offsets.connector_offsets(self.worker, name, config)

    def alter_connector_offsets(self, name: str, offsets: Sequence[ConnectorOffset]) -> Message:
        """Write offsets for a STOPPED connector."""
        if not offsets:
            raise ConnectException("The offsets to be altered may not be null or empty")
        return self._modify_offsets(name, offsets)

    def reset_connector_offsets(self, name: str) -> Message:
        """Remove every offset of a STOPPED connector."""
        return self._modify_offsets(name, None)

    def _modify_offsets(self, name: str, offsets: Sequence[ConnectorOffset] | None) -> Message:
        with self._lock:
            config = dict(self._config(name))
            if self.target_states.get(name) is not TargetState.STOPPED or self.task_configs.get(
                name
            ):
                raise BadRequestException(
                    "Connectors must be in the STOPPED state before their offsets can be "
                    "modified. This can be done for the specified connector by issuing a 'PUT' "
                    f"request to the '/connectors/{name}/stop' endpoint"
                )
            return connector_offsets.modify_connector_offsets(self.worker, name, config, offsets)

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
        worker_connector = self.worker.connectors.get(name)
        if worker_connector is None or worker_connector.failed:
            return
        if worker_connector.state is not TargetState.STARTED:
            return
        new_configs = self.worker.connector_task_configs(name)
        if self._failed(name):
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

    def _failed(self, name: str) -> bool:
        worker_connector = self.worker.connectors.get(name)
        return worker_connector is None or worker_connector.failed

    def _remove_connector_tasks(self, name: str) -> None:
        ids = [i for i in list(self.worker.tasks) if i.connector == name]
        if ids:
            self.worker.stop_and_await_tasks(ids)
        for task_id in [s.id for s in self.worker.status.tasks(name)]:
            if isinstance(task_id, ConnectorTaskId):
                self.worker.status.forget_task(task_id)
        self.task_configs.pop(name, None)
