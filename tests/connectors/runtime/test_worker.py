"""Tests of connectors.runtime.worker (driven through the standalone herder, in-process)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from connectors import ConfigDef, SourceConnector, SourceRecord, SourceTask, TopicPartition
from connectors.runtime.recordlog import RecordLog
from connectors.runtime.standalone import StandaloneHerder
from connectors.runtime.status import ConnectorTaskId, State, StatusTracker
from connectors.runtime.worker import Worker
from connectors.runtime.worker_config import WorkerConfig
from connectors.task import Task
from tests.connectors import testplugins

SOURCE = "tests.connectors.testplugins.CounterSourceConnector"
SINK = "tests.connectors.testplugins.LineFileSinkConnector"


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


def task_state(status: StatusTracker, task_id: ConnectorTaskId) -> State | None:
    """The state of a task, or None before it reports one."""
    current = status.task(task_id)
    return None if current is None else current.state


def connector_state(status: StatusTracker, name: str) -> State | None:
    """The state of a connector, or None before it reports one."""
    current = status.connector(name)
    return None if current is None else current.state


@pytest.fixture
def worker_props(tmp_path: Path) -> dict[str, str]:
    return {
        "key.converter": "org.apache.kafka.connect.storage.StringConverter",
        "value.converter": "StringConverter",
        "offset.flush.interval.ms": "50",
        "embedded.store.path": str(tmp_path / "data" / "connect.db"),
        "throughput.log.interval.ms": "0",
    }


class Running:
    def __init__(self, props: Mapping[str, str]) -> None:
        self.config = WorkerConfig(props)
        self.log = _open(self.config)
        self.worker = Worker(self.config, self.log, "w1")
        self.herder = StandaloneHerder(self.worker)
        self.herder.start()

    def values(self, topic: str) -> list[str]:
        """The values in the topic now (up to the end offsets when called)."""
        consumer = self.log.consumer("check", "check")
        partitions = self.log.admin().list_topics().get(topic, 0)
        tps = [TopicPartition(topic, p) for p in range(partitions)]
        consumer.assign(tps)
        ends = consumer.end_offsets(tps)
        values: list[str] = []
        while any(consumer.position(tp) < ends[tp] for tp in tps):
            for record in consumer.poll(0.05):
                if record.offset < ends[TopicPartition(record.topic, record.partition)]:
                    values.append((record.value or b"").decode())
        consumer.close()
        return values

    def stop(self) -> None:
        self.herder.stop()
        self.log.close()


def _open(config: WorkerConfig) -> RecordLog:
    from connectors.runtime.recordlog import open_record_log

    return open_record_log(config)


@pytest.fixture
def running(worker_props: dict[str, str]) -> Iterator[Running]:
    instance = Running(worker_props)
    yield instance
    instance.stop()


def source_config(**extra: str) -> dict[str, str]:
    return {"name": "counter", "connector.class": SOURCE, "topic": "numbers", **extra}


def test_source_and_sink_connectors_move_every_record(running: Running, tmp_path: Path) -> None:
    """A source writes every record once; a sink with two tasks writes each to its file."""
    out = tmp_path / "out.txt"
    assert running.herder.put_connector_config(
        source_config(partitions="3", count="40", **{"tasks.max": "2"})
    )
    assert running.herder.put_connector_config(
        {
            "name": "lines",
            "connector.class": SINK,
            "topics": "numbers",
            "file": str(out),
            "tasks.max": "2",
        }
    )
    wait_for(lambda: len(running.values("numbers")) == 120)
    wait_for(lambda: out.exists() and len(out.read_text().splitlines()) >= 120)
    expected = {f"p{p}:{n}" for p in range(3) for n in range(40)}
    assert sorted(running.values("numbers")) == sorted(expected)
    assert set(out.read_text().splitlines()) == expected
    assert [s.state for s in running.worker.status.tasks("counter")] == [State.RUNNING] * 2
    assert connector_state(running.worker.status, "lines") is State.RUNNING


def test_connector_converter_overrides_apply(running: Running) -> None:
    """value.converter on the connector, with its own prefix settings, wins over the worker's."""
    assert running.herder.put_connector_config(
        source_config(
            count="2",
            **{
                "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable": "false",
            },
        )
    )
    wait_for(lambda: len(running.values("numbers")) == 2)
    assert running.values("numbers") == ['"p0:0"', '"p0:1"']


def test_transforms_are_applied(running: Running) -> None:
    """A transformation chain from transforms.* changes the records written."""
    assert running.herder.put_connector_config(
        source_config(
            count="3",
            transforms="upper",
            **{"transforms.upper.type": "tests.connectors.testplugins.UpperCase"},
        )
    )
    wait_for(lambda: len(running.values("numbers")) == 3)
    assert running.values("numbers") == ["P0:0", "P0:1", "P0:2"]


class TooManyConnector(testplugins.CounterSourceConnector):
    def task_configs(self, max_tasks: int) -> list[dict[str, str]]:
        return [dict(self.props) for _ in range(max_tasks + 1)]


def test_tasks_max_is_enforced(running: Running) -> None:
    """A connector asking for more tasks than tasks.max fails and starts none."""
    config = source_config(**{"connector.class": f"{__name__}.TooManyConnector"})
    running.herder.put_connector_config(config)
    status = running.worker.status.connector("counter")
    assert status is not None and status.state is State.FAILED
    assert "greater than 1, the maximum number of tasks" in (status.trace or "")
    assert running.worker.tasks == {}


def test_tasks_max_enforce_false_only_warns(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    """With tasks.max.enforce=false, the extra tasks run after a warning."""
    config = source_config(
        count="1",
        **{"connector.class": f"{__name__}.TooManyConnector", "tasks.max.enforce": "false"},
    )
    with caplog.at_level(logging.WARNING):
        assert running.herder.put_connector_config(config)
    assert len(running.worker.tasks) == 2
    assert "greater than 1" in caplog.text


class ReconfiguringConnector(testplugins.CounterSourceConnector):
    partitions = 1

    def task_configs(self, max_tasks: int) -> list[dict[str, str]]:
        self.props["partitions"] = str(ReconfiguringConnector.partitions)
        return super().task_configs(max_tasks)


def test_request_task_reconfiguration_restarts_changed_tasks(running: Running) -> None:
    """request_task_reconfiguration() recomputes the task configs and restarts the tasks."""
    ReconfiguringConnector.partitions = 1
    config = source_config(
        count="2", **{"connector.class": f"{__name__}.ReconfiguringConnector", "tasks.max": "1"}
    )
    assert running.herder.put_connector_config(config)
    wait_for(lambda: len(running.values("numbers")) == 2)
    ReconfiguringConnector.partitions = 2
    running.worker.connectors["counter"].connector.context.request_task_reconfiguration()
    wait_for(lambda: len(running.values("numbers")) == 4)
    assert sorted(running.values("numbers")) == ["p0:0", "p0:1", "p1:0", "p1:1"]
    assert running.herder.task_configs["counter"][0]["task.partitions"] == "p0,p1"


def test_raise_error_fails_the_connector(running: Running) -> None:
    """context.raise_error(exc) marks the connector FAILED with the trace."""
    assert running.herder.put_connector_config(source_config(count="1"))
    running.worker.connectors["counter"].connector.context.raise_error(RuntimeError("lost it"))
    status = running.worker.status.connector("counter")
    assert status is not None and status.state is State.FAILED
    assert "RuntimeError: lost it" in (status.trace or "")


def test_pause_and_resume_a_connector(running: Running) -> None:
    """Pausing stops the tasks from producing; resuming continues where they were."""
    assert running.herder.put_connector_config(
        source_config(**{"poll.interval.ms": "5", "batch.size": "1"})
    )
    wait_for(lambda: len(running.values("numbers")) >= 3)
    running.herder.pause_connector("counter")
    task_id = ConnectorTaskId("counter", 0)
    wait_for(lambda: task_state(running.worker.status, task_id) is State.PAUSED)
    assert connector_state(running.worker.status, "counter") is State.PAUSED
    time.sleep(0.05)
    paused_count = len(running.values("numbers"))
    time.sleep(0.1)
    assert len(running.values("numbers")) == paused_count
    running.herder.resume_connector("counter")
    wait_for(lambda: len(running.values("numbers")) > paused_count + 2)
    values = running.values("numbers")
    assert values == [f"p0:{n}" for n in range(len(values))]


def test_a_restarted_worker_resumes_from_committed_offsets(worker_props: dict[str, str]) -> None:
    """Stopping and starting again continues the sequence without loss or duplicates."""
    first = Running(worker_props)
    first.herder.put_connector_config(
        source_config(count="30", **{"batch.size": "5", "poll.interval.ms": "1"})
    )
    wait_for(lambda: len(first.values("numbers")) >= 10)
    first.stop()
    second = Running(worker_props)
    second.herder.put_connector_config(source_config(count="30", **{"batch.size": "5"}))
    wait_for(lambda: len(second.values("numbers")) == 30)
    assert second.values("numbers") == [f"p0:{n}" for n in range(30)]
    second.stop()


def test_offsets_file_gives_at_least_once(worker_props: dict[str, str], tmp_path: Path) -> None:
    """With offset.storage.file.filename the worker runs the at-least-once loop on that file."""
    worker_props["offset.storage.file.filename"] = str(tmp_path / "offsets.json")
    running = Running(worker_props)
    assert not running.worker.exactly_once_sources()
    running.herder.put_connector_config(source_config(count="5"))
    wait_for(lambda: len(running.values("numbers")) == 5)
    running.stop()
    assert '"n\\":4' in (tmp_path / "offsets.json").read_text()


def test_exactly_once_required_is_refused_without_it(
    worker_props: dict[str, str], tmp_path: Path
) -> None:
    """exactly.once.support=required fails the tasks when offsets live in a file."""
    worker_props["offset.storage.file.filename"] = str(tmp_path / "offsets.json")
    running = Running(worker_props)
    running.herder.put_connector_config(source_config(**{"exactly.once.support": "required"}))
    status = running.worker.status.task(ConnectorTaskId("counter", 0))
    assert status is not None and status.state is State.FAILED
    assert "requires exactly-once delivery" in (status.trace or "")
    running.stop()


def test_bad_connector_config_fails_the_connector(running: Running) -> None:
    """A config that does not parse marks the connector FAILED and starts nothing."""
    assert not running.herder.put_connector_config(source_config(**{"tasks.max": "0"}))
    status = running.worker.status.connector("counter")
    assert status is not None and status.state is State.FAILED
    assert "tasks.max" in (status.trace or "")


def test_secrets_never_reach_status_traces(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    """A PASSWORD value in an exception message is hidden in the trace and the logs."""
    from connectors.runtime.secrets import RedactingFilter

    config = source_config(secret="s3cr3t-value", **{"fail.at": "0"})
    handler_filter = RedactingFilter()
    caplog.handler.addFilter(handler_filter)
    assert running.herder.put_connector_config(
        {**config, "connector.class": f"{__name__}.LeakyConnector"}
    )
    task_id = ConnectorTaskId("counter", 0)
    wait_for(lambda: task_state(running.worker.status, task_id) is State.FAILED)
    status = running.worker.status.task(task_id)
    assert status is not None
    trace = status.trace or ""
    assert "s3cr3t-value" not in trace and "[hidden]" in trace
    assert "s3cr3t-value" not in caplog.text
    caplog.handler.removeFilter(handler_filter)


class LeakyConnector(testplugins.CounterSourceConnector):
    def task_class(self) -> type[Task]:
        return LeakyTask


class LeakyTask(SourceTask):
    def start(self, props: Mapping[str, str]) -> None:
        self.secret = props["secret"]

    def poll(self) -> list[SourceRecord] | None:
        raise RuntimeError(f"could not log in with password {self.secret}")

    def stop(self) -> None:
        pass


class _NoConfig(SourceConnector):
    def start(self, props: Mapping[str, str]) -> None:
        pass

    def task_class(self) -> type[Task]:
        raise NotImplementedError

    def task_configs(self, max_tasks: int) -> list[dict[str, str]]:
        return []

    def stop(self) -> None:
        pass

    def config(self) -> ConfigDef:
        return ConfigDef()


def test_unknown_connector_class_is_reported(running: Running) -> None:
    """A connector.class that resolves to nothing fails with the name in the trace."""
    assert not running.herder.put_connector_config(
        source_config(**{"connector.class": "NoSuchThing"})
    )
    status = running.worker.status.connector("counter")
    assert status is not None and "NoSuchThing" in (status.trace or "")


def test_delete_connector_stops_its_tasks(running: Running) -> None:
    """Deleting a connector stops and forgets it and its tasks."""
    assert running.herder.put_connector_config(source_config(**{"poll.interval.ms": "5"}))
    running.herder.delete_connector("counter")
    assert running.worker.tasks == {} and running.worker.connectors == {}
    assert running.worker.status.connector("counter") is None


def test_worker_config_requires_converters(tmp_path: Path) -> None:
    """key.converter and value.converter are required, as in Kafka."""
    from connect_data.config import ConfigException

    with pytest.raises(ConfigException, match=r"key\.converter"):
        WorkerConfig({"value.converter": "StringConverter"})


def test_stop_and_resume_a_connector(running: Running) -> None:
    """A stopped connector has no tasks and status STOPPED; resuming restarts it where it was."""
    assert running.herder.put_connector_config(
        source_config(**{"poll.interval.ms": "5", "batch.size": "1"})
    )
    wait_for(lambda: len(running.values("numbers")) >= 3)
    running.herder.stop_connector("counter")
    assert running.worker.tasks == {}
    assert connector_state(running.worker.status, "counter") is State.STOPPED
    stopped_count = len(running.values("numbers"))
    running.herder.resume_connector("counter")
    wait_for(lambda: len(running.values("numbers")) > stopped_count + 2)
    values = running.values("numbers")
    assert values == [f"p0:{n}" for n in range(len(values))]
