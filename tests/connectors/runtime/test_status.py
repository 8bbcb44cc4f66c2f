"""Tests of connectors.runtime.status: the status tracker."""

from __future__ import annotations

from connectors.runtime.status import ConnectorTaskId, State, Status, StatusTracker, failure_trace


def test_tracker_keeps_the_latest_status_with_a_generation() -> None:
    """Each new state of a task replaces the old one and bumps its generation."""
    tracker = StatusTracker("host:1")
    seen: list[Status] = []
    tracker.add_listener(seen.append)
    task = ConnectorTaskId("c", 1)
    tracker.put("c", State.RUNNING)
    tracker.put(task, State.RUNNING)
    tracker.put(task, State.FAILED, "trace")
    current = tracker.task(task)
    assert current is not None and current.state is State.FAILED and current.generation == 1
    assert current.trace == "trace" and current.worker_id == "host:1"
    assert [s.state for s in tracker.tasks("c")] == [State.FAILED]
    assert len(seen) == 3 and tracker.connectors() == ["c"]
    tracker.forget("c")
    assert tracker.connector("c") is None and tracker.tasks("c") == []


def test_failure_trace_has_the_exception_and_cause() -> None:
    """The trace names the exception type, its message and its cause."""
    try:
        try:
            raise KeyError("inner")
        except KeyError as inner:
            raise RuntimeError("outer") from inner
    except RuntimeError as exc:
        trace = failure_trace(exc)
    assert "RuntimeError: outer" in trace and "KeyError: 'inner'" in trace


def test_task_ids_print_like_java() -> None:
    """ConnectorTaskId prints as name-index."""
    assert str(ConnectorTaskId("orders", 2)) == "orders-2"


def test_forget_task_drops_one_task_only() -> None:
    """forget_task removes one task's status; the connector and other tasks stay."""
    tracker = StatusTracker("w")
    tracker.put("c", State.RUNNING)
    tracker.put(ConnectorTaskId("c", 0), State.RUNNING)
    tracker.put(ConnectorTaskId("c", 1), State.FAILED, "trace")
    tracker.forget_task(ConnectorTaskId("c", 1))
    assert [s.id for s in tracker.tasks("c")] == [ConnectorTaskId("c", 0)]
    assert tracker.connector("c") is not None
