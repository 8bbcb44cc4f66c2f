"""Connector and task states, as Kafka Connect reports them (``AbstractStatus``, ``TaskStatus``).

The worker records every transition in a :class:`StatusTracker`; a FAILED status keeps the
failure's trace (with secrets removed, see :mod:`connectors.runtime.secrets`).
"""

from __future__ import annotations

import enum
import logging
import threading
import time
import traceback
from collections.abc import Callable

import attrs

from connectors.runtime.secrets import redactor

__all__ = ["ConnectorTaskId", "State", "Status", "StatusTracker", "failure_trace"]

log = logging.getLogger(__name__)


class State(enum.Enum):
    """The state of a connector or task (``AbstractStatus.State``)."""

    UNASSIGNED = "UNASSIGNED"
    RUNNING = "RUNNING"
    PAUSED = "PAUSED"
    STOPPED = "STOPPED"
    FAILED = "FAILED"
    DESTROYED = "DESTROYED"
    RESTARTING = "RESTARTING"

    def __str__(self) -> str:
        return self.value


@attrs.frozen(order=True)
class ConnectorTaskId:
    """A task's identity: its connector's name and its index (``ConnectorTaskId``)."""

    connector: str
    task: int

    def __str__(self) -> str:
        return f"{self.connector}-{self.task}"


@attrs.frozen(kw_only=True)
class Status:
    """One status: ``id`` is a connector name or a :class:`ConnectorTaskId`."""

    id: str | ConnectorTaskId
    state: State
    worker_id: str
    trace: str | None = None
    generation: int = 0
    updated_ms: int = attrs.field(factory=lambda: time.time_ns() // 1_000_000)


def failure_trace(exc: BaseException) -> str:
    """The exception's trace as Kafka Connect's status shows it, with secrets removed."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return redactor.scrub(text)


Listener = Callable[[Status], None]


class StatusTracker:
    """The current status of every connector and task of a worker. Thread-safe."""

    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self._lock = threading.Lock()
        self._connectors: dict[str, Status] = {}
        self._tasks: dict[ConnectorTaskId, Status] = {}
        self._listeners: list[Listener] = []

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener`` with every new status."""
        with self._lock:
            self._listeners.append(listener)

    def put(self, id_: str | ConnectorTaskId, state: State, trace: str | None = None) -> Status:
        """Record a new state for a connector (by name) or a task."""
        status = Status(id=id_, state=state, worker_id=self.worker_id, trace=trace)
        with self._lock:
            if isinstance(id_, ConnectorTaskId):
                previous = self._tasks.get(id_)
                generation = 0 if previous is None else previous.generation + 1
                status = attrs.evolve(status, generation=generation)
                self._tasks[id_] = status
            else:
                previous = self._connectors.get(id_)
                generation = 0 if previous is None else previous.generation + 1
                status = attrs.evolve(status, generation=generation)
                self._connectors[id_] = status
            listeners = list(self._listeners)
        kind = "Task" if isinstance(id_, ConnectorTaskId) else "Connector"
        if state is State.FAILED:
            log.error("%s %s is now FAILED", kind, id_)
        else:
            log.info("%s %s is now %s", kind, id_, state)
        for listener in listeners:
            try:
                listener(status)
            except Exception:
                log.exception("A status listener failed")
        return status

    def connector(self, name: str) -> Status | None:
        """The connector's status, or ``None``."""
        with self._lock:
            return self._connectors.get(name)

    def task(self, id_: ConnectorTaskId) -> Status | None:
        """The task's status, or ``None``."""
        with self._lock:
            return self._tasks.get(id_)

    def tasks(self, connector: str) -> list[Status]:
        """The statuses of a connector's tasks, by task index."""
        with self._lock:
            return [s for i, s in sorted(self._tasks.items()) if i.connector == connector]

    def connectors(self) -> list[str]:
        """The names of the connectors with a status."""
        with self._lock:
            return sorted(self._connectors)

    def forget_task(self, id_: ConnectorTaskId) -> None:
        """Drop the status of a task that was removed (Kafka marks it DESTROYED)."""
        with self._lock:
            self._tasks.pop(id_, None)

    def forget(self, connector: str) -> None:
        """Drop a deleted connector and its tasks."""
        with self._lock:
            self._connectors.pop(connector, None)
            for id_ in [i for i in self._tasks if i.connector == connector]:
                del self._tasks[id_]
