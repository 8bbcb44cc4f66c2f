"""The thread that runs one task, its state machine, and its counters (``WorkerTask``).

A worker task starts its plugin task, reports RUNNING, loops in :meth:`WorkerTask.execute`
until asked to stop, then closes; an exception escaping the loop marks it FAILED with the
trace. Pausing makes the loop wait without polling; resuming continues where it was.
"""

from __future__ import annotations

import enum
import logging
import threading
from abc import ABC, abstractmethod
from typing import Any

from connectors.runtime.errors.retry_with_tolerance_operator import RetryWithToleranceOperator
from connectors.runtime.errors.tolerance import ToleranceType
from connectors.runtime.status import ConnectorTaskId, State, StatusTracker, failure_trace

__all__ = ["TargetState", "TaskMetrics", "WorkerTask", "default_operator"]

log = logging.getLogger(__name__)


class TargetState(enum.Enum):
    """What the worker wants a connector and its tasks to do (``TargetState``)."""

    STARTED = "STARTED"
    PAUSED = "PAUSED"
    STOPPED = "STOPPED"


class TaskMetrics:
    """Counters a task updates and the progress reporter reads.

    Each counter is written by one thread only (the task's, or the producer's callback
    thread), so reads from the reporter are safe without locks.
    """

    __slots__ = (
        "committed_at",
        "kind",
        "lag",
        "partitions",
        "pending",
        "processed",
        "stored",
    )

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.processed = 0
        """Records polled from a source task, or put into a sink task."""
        self.stored = 0
        """Source records the log acknowledged."""
        self.pending = 0
        """Source records waiting for acknowledgement (as of the last iteration)."""
        self.lag: int | None = None
        """Sink: records in assigned partitions not yet read (refreshed periodically)."""
        self.partitions = 0
        """Sink: the number of assigned partitions."""
        self.committed_at: float | None = None
        """``time.monotonic()`` of the last successful offset commit."""


def default_operator() -> RetryWithToleranceOperator[Any]:
    """The operator of a task whose connector sets no ``errors.*`` key: no retries, no
    tolerance, no reporters."""
    return RetryWithToleranceOperator(0, 60000, ToleranceType.NONE)


class WorkerTask(ABC):
    """Runs a task on its own thread; subclasses implement the loop.

    ``retry_with_tolerance_operator`` handles the errors of the task's converters and
    transformations (see :mod:`connectors.runtime.errors`); stopping the task ends its
    retries, and closing it closes its error reporters.
    """

    def __init__(
        self,
        task_id: ConnectorTaskId,
        status: StatusTracker,
        initial_state: TargetState,
        kind: str,
        retry_with_tolerance_operator: RetryWithToleranceOperator[Any] | None = None,
    ) -> None:
        self.id = task_id
        self.retry_with_tolerance_operator = (
            retry_with_tolerance_operator
            if retry_with_tolerance_operator is not None
            else default_operator()
        )
        self._status = status
        self._target_state = initial_state
        self._cond = threading.Condition()
        self._stopping = False
        self._cancelled = False
        self._failed = False
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self.metrics = TaskMetrics(kind)

    def __str__(self) -> str:
        return f"WorkerTask{{id={self.id}}}"

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> None:
        """Start the task's thread."""
        self._thread = threading.Thread(target=self.run, name=f"task-thread-{self.id}", daemon=True)
        self._thread.start()

    def run(self) -> None:
        """The thread's body: run the loop, then close; never raises."""
        try:
            self._do_run()
        except BaseException as exc:
            self._failed = True
            if not self._cancelled:
                log.error(
                    "%s Task threw an uncaught and unrecoverable exception. Task is being killed "
                    "and will not recover until manually restarted",
                    self,
                    exc_info=exc,
                )
                self._status.put(self.id, State.FAILED, failure_trace(exc))
        finally:
            try:
                self.close()
            except Exception:
                log.exception("%s Failed to close the task", self)
            try:
                self.retry_with_tolerance_operator.close()
            except Exception:
                log.exception("%s Failed to close the error reporters", self)
            if not self._failed and not self._cancelled:
                self._status.put(self.id, State.UNASSIGNED)
            self._done.set()

    def _do_run(self) -> None:
        with self._cond:
            if self._stopping:
                return
            if self._target_state is TargetState.PAUSED:
                self.on_pause()
                if not self.await_unpause():
                    return
        self.initialize_and_start()
        self._status.put(self.id, State.RUNNING)
        self.execute()

    @abstractmethod
    def initialize_and_start(self) -> None:
        """Initialize and start the plugin task (on the task's thread)."""

    @abstractmethod
    def execute(self) -> None:
        """The loop; returns when :meth:`is_stopping`."""

    @abstractmethod
    def close(self) -> None:
        """Stop the plugin task and release resources (on the task's thread)."""

    def stop(self) -> None:
        """Ask the loop to finish; returns at once (see :meth:`await_stop`)."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self.retry_with_tolerance_operator.trigger_stop()

    def cancel(self) -> None:
        """Give up on a task that did not stop in time: its final commit is skipped."""
        self._cancelled = True

    def await_stop(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the thread to end; whether it did."""
        return self._done.wait(max(timeout, 0.0))

    def is_stopping(self) -> bool:
        """Whether :meth:`stop` was called."""
        return self._stopping

    def is_cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._cancelled

    def is_failed(self) -> bool:
        """Whether the task failed."""
        return self._failed

    # ----------------------------------------------------------------- pause / resume

    def transition_to(self, state: TargetState) -> None:
        """Pause or resume the task."""
        with self._cond:
            if self._stopping:
                return
            self._target_state = state
            self._cond.notify_all()

    def should_pause(self) -> bool:
        """Whether the task should be paused now."""
        return self._target_state is TargetState.PAUSED

    def await_unpause(self) -> bool:
        """Wait while paused; ``False`` if the task was stopped instead."""
        with self._cond:
            while self._target_state is TargetState.PAUSED:
                if self._stopping:
                    return False
                self._cond.wait()
            return not self._stopping

    def on_pause(self) -> None:
        """Report PAUSED."""
        self._status.put(self.id, State.PAUSED)

    def on_resume(self) -> None:
        """Report RUNNING again."""
        self._status.put(self.id, State.RUNNING)
