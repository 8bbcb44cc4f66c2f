"""EmbeddedConnectCluster: a real worker in-process on a temporary embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from connect_data.config import ConfigException
from connect_data.errors import ConnectException
from connectors.testing import EmbeddedConnectCluster, make_converter, wait_until

SOURCE = "tests.connectors.testplugins.CounterSourceConnector"
SINK = "tests.connectors.testplugins.LineFileSinkConnector"


@pytest.fixture
def connect() -> Iterator[EmbeddedConnectCluster]:
    with EmbeddedConnectCluster() as cluster:
        yield cluster


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def test_source_to_sink(connect: EmbeddedConnectCluster, tmp_path: Path) -> None:
    """A source writes a topic, a sink reads it into a file, statuses are RUNNING."""
    out = tmp_path / "out.txt"
    connect.configure_connector("count", {"connector.class": SOURCE, "topic": "n", "count": "5"})
    connect.configure_connector("lines", {"connector.class": SINK, "topics": "n", "file": str(out)})
    connect.wait_for_connector_and_tasks_running("count", 1)
    connect.wait_for_connector_and_tasks_running("lines", 1)
    wait_until(lambda: len(_lines(out)) == 5, 10, lambda: f"lines: {_lines(out)}")
    assert _lines(out) == [f"p0:{n}" for n in range(5)]
    status = connect.connector_status("count")
    assert (status.type, status.connector.state, [t.state for t in status.tasks]) == (
        "source",
        "RUNNING",
        ["RUNNING"],
    )
    assert status.to_json()["tasks"] == [
        {"id": 0, "state": "RUNNING", "worker_id": "embedded-worker"}
    ]
    assert connect.connector_status("lines").type == "sink"
    assert connect.connectors() == ["count", "lines"]


def test_produce_and_consume_with_converters(connect: EmbeddedConnectCluster) -> None:
    """Produced bytes are read back raw and through converters, per partition in order."""
    connect.create_topic("t", 2)
    connect.produce("t", '{"a": 1}', key="k1", partition=1)
    connect.produce_all("t", [(None, '{"a": 2}'), ("k3", b'{"a": 3}')], partition=0)
    json = make_converter("JsonConverter", {"schemas.enable": "false"})
    records = connect.consume(
        3, 5, "t", value_converter=json, key_converter=make_converter("StringConverter")
    )
    by_partition = sorted((r.partition, r.offset, r.key, r.value) for r in records)
    assert by_partition == [(0, 0, None, {"a": 2}), (0, 1, "k3", {"a": 3}), (1, 0, "k1", {"a": 1})]
    assert {r.raw_value for r in records} == {b'{"a": 1}', b'{"a": 2}', b'{"a": 3}'}
    assert connect.end_offsets("t") == {0: 2, 1: 1}
    assert len(connect.consume_all(5, "t")) == 3


def test_consume_times_out_with_the_count(connect: EmbeddedConnectCluster) -> None:
    """Too few records raise AssertionError saying how many were found."""
    connect.create_topic("few")
    connect.produce("few", "x")
    with pytest.raises(AssertionError, match="found 1, expected 2"):
        connect.consume(2, 0.3, "few")


def test_invalid_configuration_is_refused(connect: EmbeddedConnectCluster) -> None:
    """configure_connector validates first and lists the errors (as the REST API's 400)."""
    with pytest.raises(ConfigException, match="topics"):
        connect.configure_connector("bad", {"connector.class": SINK, "file": "x"})
    with pytest.raises(ConfigException, match=r"connector\.class"):
        connect.configure_connector("bad", {"topics": "t"})
    assert connect.connectors() == []


def test_failing_task_is_reported(connect: EmbeddedConnectCluster) -> None:
    """A task that raises shows FAILED with its trace."""
    connect.configure_connector(
        "fails", {"connector.class": SOURCE, "topic": "n", "fail.at": "3", "batch.size": "1"}
    )
    trace = connect.wait_for_task_failed("fails")
    assert "failing as asked at 3" in trace


def test_pause_resume_stop_and_delete(connect: EmbeddedConnectCluster) -> None:
    """Target states reach the connector and its tasks; delete forgets it."""
    connect.configure_connector(
        "count", {"connector.class": SOURCE, "topic": "n", "poll.interval.ms": "10"}
    )
    connect.wait_for_connector_and_tasks_running("count", 1)
    connect.pause_connector("count")
    connect.wait_for_connector_state("count", "PAUSED", task_state="PAUSED", num_tasks=1)
    connect.resume_connector("count")
    connect.wait_for_connector_and_tasks_running("count", 1)
    connect.stop_connector("count")
    connect.wait_for_connector_state("count", "STOPPED", num_tasks=0)
    connect.delete_connector("count")
    assert connect.connectors() == []
    with pytest.raises(ConnectException, match="No status"):
        connect.connector_status("count")


def test_restart_worker_keeps_connectors_and_offsets(tmp_path: Path) -> None:
    """A restarted worker runs the same connectors and resumes from the stored offsets."""
    with EmbeddedConnectCluster(data_dir=tmp_path / "data") as connect:
        connect.configure_connector(
            "count", {"connector.class": SOURCE, "topic": "n", "count": "4"}
        )
        wait_until(
            lambda: (
                sum(connect.end_offsets("n").values()) == 4 if "n" in connect.topics() else False
            ),
            10,
        )
        connect.restart_worker()
        connect.wait_for_connector_and_tasks_running("count", 1)
        connect.configure_connector(
            "count", {"connector.class": SOURCE, "topic": "n", "count": "6"}
        )
        wait_until(lambda: sum(connect.end_offsets("n").values()) == 6, 10)
        values = [r.raw_value for r in connect.consume_all(5, "n")]
    assert values == [f"p0:{n}".encode() for n in range(6)]
    assert (tmp_path / "data" / "connect.db").exists()


def test_temporary_directory_is_removed() -> None:
    """Without data_dir the cluster's temporary directory is gone after stop()."""
    cluster = EmbeddedConnectCluster().start()
    directory = cluster.data_dir
    assert directory is not None and directory.exists()
    assert cluster.store_path == directory / "connect.db"
    cluster.stop()
    assert not directory.exists()
    with pytest.raises(ConnectException, match="not running"):
        _ = cluster.worker


def test_task_object_is_reachable(connect: EmbeddedConnectCluster) -> None:
    """task() gives the connector's task instance, for inspection."""
    connect.configure_connector("count", {"connector.class": SOURCE, "topic": "n", "count": "1"})
    connect.wait_for_connector_and_tasks_running("count", 1)
    assert type(connect.task("count")).__name__ == "CounterSourceTask"
    with pytest.raises(ConnectException, match="not running"):
        connect.task("count", 1)
