"""SourceTaskHarness: poll -> transformations -> converters, offset commits and restarts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from connect_data import DataException, RetriableException, Schema
from connect_data.errors import ConnectException
from connectors import RecordMetadata, SourceRecord, SourceTask
from connectors.runtime.offsets import FileOffsetBackingStore
from connectors.testing import SourceTaskHarness, make_converter, task_config_of
from tests.connectors.testplugins import CounterSourceConnector, CounterSourceTask

STRING = "org.apache.kafka.connect.storage.StringConverter"


def _config(**extra: str) -> dict[str, str]:
    return {"topic": "numbers", "count": "5", "batch.size": "2", **extra}


def test_records_are_converted_as_the_worker_writes_them() -> None:
    """The default JsonConverter (with schemas) gives the bytes a worker would append."""
    with SourceTaskHarness(CounterSourceTask, _config()) as harness:
        records = harness.poll()
    assert [r.value_json() for r in records] == [
        {"schema": {"type": "string", "optional": False}, "payload": "p0:0"},
        {"schema": {"type": "string", "optional": False}, "payload": "p0:1"},
    ]
    assert records[0].key_json()["payload"] == "p0-0"
    assert records[0].topic == "numbers" and records[0].partition is None
    assert records[0].source.source_offset == {"n": 0}


def test_converters_come_from_the_configuration() -> None:
    """key.converter / value.converter and their settings are read from the config."""
    config = _config(
        **{
            "value.converter": "JsonConverter",
            "value.converter.schemas.enable": "false",
            "key.converter": STRING,
        }
    )
    with SourceTaskHarness(CounterSourceTask, config) as harness:
        record = harness.poll()[0]
    assert (record.key, record.value) == (b"p0-0", b'"p0:0"')


def test_converter_instances_win() -> None:
    """Converters passed as arguments are used instead of the configuration's."""
    harness = SourceTaskHarness(
        CounterSourceTask,
        _config(**{"value.converter": "JsonConverter"}),
        value_converter=make_converter(STRING),
    )
    with harness:
        assert harness.poll()[0].value_text() == "p0:0"


def test_transformations_apply_and_drop() -> None:
    """transforms in the configuration run before the converters; dropped records are kept aside."""
    config = _config(
        **{
            "value.converter": STRING,
            "transforms": "upper,drop",
            "transforms.upper.type": "tests.connectors.testplugins.UpperCase",
            "transforms.drop.type": "org.apache.kafka.connect.transforms.Filter",
            "transforms.drop.predicate": "odd",
            "predicates": "odd",
            "predicates.odd.type": "tests.connectors.testplugins.ValueStartsWith",
            "predicates.odd.prefix": "P0:1",
        }
    )
    with SourceTaskHarness(CounterSourceTask, config) as harness:
        written = harness.poll_until(3)
        assert [r.value_text() for r in written] == ["P0:0", "P0:2", "P0:3"]
        assert [r.value for r in harness.dropped] == ["p0:1"]
        harness.commit()
        assert harness.committed_offset({"partition": "p0"}) == {"n": 3}


def test_commit_and_restart_resume_after_the_committed_offset() -> None:
    """A restarted task reads its committed offsets and continues after them."""
    harness = SourceTaskHarness(
        CounterSourceTask, _config(), value_converter=make_converter(STRING)
    )
    with harness:
        assert [r.value_text() for r in harness.poll()] == ["p0:0", "p0:1"]
        assert harness.committed_offset({"partition": "p0"}) is None
        harness.commit()
        assert harness.committed_offset({"partition": "p0"}) == {"n": 1}
        harness.restart()
        assert [r.value_text() for r in harness.poll_until(3)] == ["p0:2", "p0:3", "p0:4"]
        assert harness.starts == 2


def test_a_crash_loses_uncommitted_offsets() -> None:
    """restart(commit=False) drops the acknowledged but uncommitted offsets: records repeat."""
    harness = SourceTaskHarness(
        CounterSourceTask, _config(), value_converter=make_converter(STRING)
    )
    with harness:
        harness.poll()
        harness.commit()
        harness.poll()
        harness.restart(commit=False)
        assert [r.value_text() for r in harness.poll()] == ["p0:2", "p0:3"]


def test_stop_commits_like_the_worker() -> None:
    """Stopping commits the acknowledged offsets (the worker's final commit)."""
    harness = SourceTaskHarness(CounterSourceTask, _config())
    with harness:
        harness.poll()
    assert harness.committed_offset({"partition": "p0"}) == {"n": 1}


def test_commit_record_and_commit_reach_the_task() -> None:
    """Each written record is acknowledged with metadata; commit() calls the task's commit."""
    with SourceTaskHarness(CounterSourceTask, _config()) as harness:
        harness.poll()
        harness.poll()
        harness.commit()
        task = harness.task
        assert isinstance(task, CounterSourceTask)
        metadata = [m for _, m in task.committed]
        assert all(isinstance(m, RecordMetadata) for m in metadata)
        assert [(m.topic, m.partition, m.offset) for m in metadata] == [
            ("numbers", 0, n) for n in range(4)
        ]
        assert task.commits == 1


def test_offsets_survive_in_a_given_store(tmp_path: Any) -> None:
    """With a file store, a second harness resumes from what the first committed."""
    path = tmp_path / "offsets.json"
    for expected in (["p0:0", "p0:1"], ["p0:2", "p0:3"]):
        harness = SourceTaskHarness(
            CounterSourceTask,
            _config(),
            value_converter=make_converter(STRING),
            offset_store=FileOffsetBackingStore(path),
        )
        with harness:
            assert [r.value_text() for r in harness.poll()] == expected


class _BadOffsetTask(SourceTask):
    def version(self) -> str:
        return "1"

    def start(self, props: Mapping[str, str]) -> None:
        self.calls = 0

    def poll(self) -> list[SourceRecord] | None:
        self.calls += 1
        if self.calls == 1:
            raise RetriableException("not yet")
        return [
            SourceRecord(
                source_partition={"file": "x"},
                source_offset={"where": [1, 2]},
                topic="t",
                value_schema=Schema.STRING_SCHEMA,
                value="v",
            )
        ]

    def stop(self) -> None:
        pass


def test_offsets_are_validated_on_commit() -> None:
    """An offset that is not a map of primitives fails the commit, as in the worker."""
    harness = SourceTaskHarness(_BadOffsetTask, {}).start()
    assert len(harness.poll_until(1)) == 1
    with pytest.raises(DataException, match="primitive types"):
        harness.commit()
    harness.stop(commit=False)


class _StampedTask(SourceTask):
    """Emits one record per timestamp in ``timestamps`` (comma-separated)."""

    def version(self) -> str:
        return "1"

    def start(self, props: Mapping[str, str]) -> None:
        self.stamps = [int(t) for t in props["timestamps"].split(",")]

    def poll(self) -> list[SourceRecord] | None:
        return [
            SourceRecord(topic="t", value_schema=Schema.STRING_SCHEMA, value="v", timestamp=ts)
            for ts in self.stamps
        ]

    def stop(self) -> None:
        pass


def test_record_timestamps_are_checked_as_the_worker_does() -> None:
    """-1 means no timestamp; another negative timestamp raises the worker's ConnectException."""
    with SourceTaskHarness(_StampedTask, {"timestamps": "-1,0,7"}) as harness:
        assert [r.timestamp for r in harness.poll()] == [None, 0, 7]
    harness = SourceTaskHarness(_StampedTask, {"timestamps": "-5"})
    with harness, pytest.raises(ConnectException, match="Invalid record timestamp -5") as caught:
        harness.poll()
    assert caught.type is ConnectException  # not a DataException: the record's data is fine


def test_poll_propagates_retriable_exceptions() -> None:
    """poll() itself lets the task's RetriableException through (poll_until retries it)."""
    with SourceTaskHarness(_BadOffsetTask, {}) as harness, pytest.raises(RetriableException):
        harness.poll()


def test_poll_until_times_out() -> None:
    """Too few records within the timeout raise AssertionError with the counts."""
    harness = SourceTaskHarness(CounterSourceTask, _config(count="1"))
    with harness, pytest.raises(AssertionError, match="produced 1 of 2 records"):
        harness.poll_until(2, timeout=0.2)


def test_lifecycle_errors() -> None:
    """Polling before start and starting twice raise ConnectException."""
    harness = SourceTaskHarness(CounterSourceTask, _config())
    with pytest.raises(ConnectException, match="not started"):
        harness.poll()
    harness.start()
    with pytest.raises(ConnectException, match="already started"):
        harness.start()
    harness.close()


def test_task_config_of_asks_the_connector() -> None:
    """task_config_of starts the connector and returns the chosen task configuration."""
    config = {"topic": "t", "partitions": "3", "tasks.max": "2"}
    assert task_config_of(CounterSourceConnector, config, 1)["task.partitions"] == "p1"
    with pytest.raises(ConnectException, match="no task 2"):
        task_config_of(CounterSourceConnector, config, 2)
