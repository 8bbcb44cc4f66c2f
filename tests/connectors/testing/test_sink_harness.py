"""SinkTaskHarness: open/put/pre_commit/close as the worker drives them, context requests."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import pytest

from connect_data import Schema
from connect_data.errors import ConnectException
from connectors import OffsetAndMetadata, SinkRecord, SinkTask, TopicPartition
from connectors.testing import SinkTaskHarness
from tests.connectors.testplugins import LineFileSinkTask

TP0 = TopicPartition("t", 0)
TP1 = TopicPartition("t", 1)


class _Recording(SinkTask):
    """Records every call; pre_commit answers what ``safe`` says (else everything)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.safe: dict[TopicPartition, OffsetAndMetadata] | None = None
        self.rewind: dict[TopicPartition, int] = {}

    def version(self) -> str:
        return "1"

    def start(self, props: Mapping[str, str]) -> None:
        self.calls.append(("start", dict(props)))

    def open(self, partitions: Collection[TopicPartition]) -> None:
        self.calls.append(("open", sorted(partitions)))
        if self.rewind:
            self.context.offset(self.rewind)

    def put(self, records: Collection[SinkRecord]) -> None:
        self.calls.append(
            ("put", [(r.topic, r.kafka_partition, r.kafka_offset, r.value) for r in records])
        )

    def pre_commit(
        self, current_offsets: Mapping[TopicPartition, OffsetAndMetadata]
    ) -> dict[TopicPartition, OffsetAndMetadata]:
        self.calls.append(("pre_commit", dict(current_offsets)))
        return dict(current_offsets) if self.safe is None else dict(self.safe)

    def close(self, partitions: Collection[TopicPartition]) -> None:
        self.calls.append(("close", sorted(partitions)))

    def stop(self) -> None:
        self.calls.append(("stop", None))


def _names(task: _Recording) -> list[str]:
    return [name for name, _ in task.calls]


def test_lifecycle_order() -> None:
    """start, open, put, pre_commit, close and stop come in the worker's order."""
    harness = SinkTaskHarness(_Recording, {"k": "v"})
    harness.start([TP0])
    task = harness.task
    assert isinstance(task, _Recording)
    harness.put_values("t", ["a", "b"], schema=Schema.STRING_SCHEMA)
    harness.close()
    assert _names(task) == ["start", "open", "put", "pre_commit", "close", "stop"]
    assert task.calls[0] == ("start", {"k": "v"})
    assert task.calls[2] == ("put", [("t", 0, 0, "a"), ("t", 0, 1, "b")])
    assert task.calls[3] == ("pre_commit", {TP0: OffsetAndMetadata(2)})
    assert harness.committed == {TP0: OffsetAndMetadata(2)}


def test_partitions_are_opened_on_first_use_and_numbered_separately() -> None:
    """Putting to a new partition opens it; offsets count per partition."""
    with SinkTaskHarness(_Recording, {}) as harness:
        harness.put_values("t", ["a"])
        harness.put_values("t", ["b", "c"], partition=1)
        harness.put_values("t", ["d"])
        assert harness.assignment == {TP0, TP1}
        assert harness.current_offsets == {TP0: OffsetAndMetadata(2), TP1: OffsetAndMetadata(2)}
        task = harness.task
        assert isinstance(task, _Recording)
        assert [c for c in task.calls if c[0] == "open"] == [("open", [TP0]), ("open", [TP1])]


def test_commit_keeps_only_safe_offsets() -> None:
    """Offsets beyond what was put, or of other partitions, are not committed."""
    with SinkTaskHarness(_Recording, {}) as harness:
        harness.put_values("t", ["a", "b", "c"])
        task = harness.task
        assert isinstance(task, _Recording)
        task.safe = {
            TP0: OffsetAndMetadata(1),
            TP1: OffsetAndMetadata(9),
        }
        assert harness.commit() == {TP0: OffsetAndMetadata(1)}
        task.safe = {TP0: OffsetAndMetadata(99)}
        assert harness.commit() == {}
        assert harness.committed == {TP0: OffsetAndMetadata(1)}
        task.safe = None


def test_rewind_requests_renumber_later_records() -> None:
    """context.offset() in open() makes the next records start at that offset."""
    harness = SinkTaskHarness(_Recording, {})
    harness.start()
    task = harness.task
    assert isinstance(task, _Recording)
    task.rewind = {TP0: 40}
    records = harness.put_values("t", ["a"])
    assert records[0].kafka_offset == 0  # built before the partition was opened
    assert harness.put_values("t", ["b"])[0].kafka_offset == 40
    harness.close()


def test_revoke_commits_then_closes() -> None:
    """Revoking a partition commits it and closes it; the others stay open."""
    with SinkTaskHarness(_Recording, {}) as harness:
        harness.put_values("t", ["a"])
        harness.put_values("t", ["b"], partition=1)
        harness.revoke([TP1])
        assert harness.assignment == {TP0}
        assert harness.committed == {TP1: OffsetAndMetadata(1)}
        task = harness.task
        assert isinstance(task, _Recording)
        assert task.calls[-2:] == [
            ("pre_commit", {TP1: OffsetAndMetadata(1)}),
            ("close", [TP1]),
        ]


def test_put_bytes_goes_through_converters_and_transformations(tmp_path: Path) -> None:
    """Serialized values are read by the converters, then transformed, then put."""
    out = tmp_path / "out.txt"
    config = {
        "file": str(out),
        "value.converter": "JsonConverter",
        "value.converter.schemas.enable": "false",
        "key.converter.schemas.enable": "false",
        "transforms": "upper",
        "transforms.upper.type": "tests.connectors.testplugins.UpperCase",
    }
    with SinkTaskHarness(LineFileSinkTask, config) as harness:
        records = harness.put_bytes("t", [b'"one"', b'"two"'], keys=[b"1", b"2"])
        assert [r.value for r in records] == ["ONE", "TWO"]
        assert [r.key for r in records] == [1, 2]
    assert out.read_text() == "ONE\nTWO\n"


def test_put_bytes_reads_headers() -> None:
    """Header bytes are read by the header converter into the record's headers."""
    with SinkTaskHarness(_Recording, {"value.converter": "StringConverter"}) as harness:
        record = harness.put_bytes("t", [b"x"], headers=[("n", b"42")])[0]
    header = record.headers.last_with_name("n")
    assert header is not None and header.value() == 42


def test_keys_must_match_values() -> None:
    """A different number of keys and values is refused."""
    with (
        SinkTaskHarness(_Recording, {}) as harness,
        pytest.raises(ValueError, match="1 keys for 2"),
    ):
        harness.put_bytes("t", [b"1", b"2"], keys=[b"k"])


def test_context_records_requests() -> None:
    """pause/resume need an open partition; timeout and request_commit are recorded."""
    with SinkTaskHarness(_Recording, {}) as harness:
        harness.assign([TP0])
        context = harness.context
        context.pause(TP0)
        assert context.paused == {TP0}
        context.resume(TP0)
        assert context.paused == set()
        with pytest.raises(ConnectException, match="not assigned"):
            context.pause(TP1)
        context.timeout(500)
        context.request_commit()
        assert (context.timeout_ms, context.commit_requests) == (500, 1)
        assert context.assignment() == {TP0}


def test_flush_passes_current_offsets() -> None:
    """flush() calls the task's flush with the current offsets of open partitions."""
    flushed: list[Any] = []

    class _Flushing(_Recording):
        def flush(self, current_offsets: Mapping[TopicPartition, OffsetAndMetadata]) -> None:
            flushed.append(dict(current_offsets))

    with SinkTaskHarness(_Flushing, {}) as harness:
        harness.put_values("t", ["a"])
        harness.flush()
    assert flushed == [{TP0: OffsetAndMetadata(1)}]


def test_put_before_start_fails() -> None:
    """put before start raises ConnectException."""
    with pytest.raises(ConnectException, match="not started"):
        SinkTaskHarness(_Recording, {}).put([])
