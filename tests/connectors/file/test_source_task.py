"""Tests of connectors.file.source_task (after Kafka's FileStreamSourceTaskTest)."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from connect_data import Schema
from connect_data.config import ConfigException
from connect_data.errors import ConnectException
from connectors import SourceRecord
from connectors.file import FileStreamSourceConnector, FileStreamSourceTask
from tests.connectors.task_contexts import FakeSourceTaskContext

TOPIC = "test"
FILE = FileStreamSourceConnector.FILE_CONFIG


class _QuickTask(FileStreamSourceTask):
    empty_wait_s = 0.01


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "file-stream-source-task-test"
    file.touch()
    return file


@pytest.fixture
def config(path: Path) -> dict[str, str]:
    return {FILE: str(path), FileStreamSourceConnector.TOPIC_CONFIG: TOPIC}


@pytest.fixture
def context() -> FakeSourceTaskContext:
    return FakeSourceTaskContext()


@pytest.fixture
def task(context: FakeSourceTaskContext) -> Iterator[FileStreamSourceTask]:
    source = _QuickTask()
    source.initialize(context)
    yield source
    source.stop()


def _offset(position: int) -> dict[str, int]:
    return {"position": position}


def test_normal_lifecycle(
    task: FileStreamSourceTask, config: dict[str, str], path: Path, context: FakeSourceTaskContext
) -> None:
    """Partial lines wait for their end; \\n, \\r and \\r\\n end lines; offsets are byte positions."""
    task.start(config)
    partition = {"filename": str(path)}
    with path.open("ab", buffering=0) as out:
        assert task.poll() is None
        out.write(b"partial line")
        assert task.poll() is None
        out.write(b" finished\n")
        records = task.poll()
        assert records is not None and len(records) == 1
        assert records[0].topic == TOPIC
        assert records[0].value == "partial line finished"
        assert records[0].value_schema == Schema.STRING_SCHEMA
        assert records[0].key is None and records[0].key_schema is None
        assert records[0].source_partition == partition
        assert records[0].source_offset == _offset(22)
        assert records[0].timestamp is not None and records[0].timestamp > 0
        assert task.poll() is None

        out.write(b"line1\rline2\r\nline3\nline4\n\r")
        records = task.poll()
        assert records is not None
        assert [r.value for r in records] == ["line1", "line2", "line3", "line4"]
        assert [r.source_offset for r in records] == [_offset(p) for p in (28, 35, 41, 47)]
        assert all(r.source_partition == partition for r in records)

        out.write(b"subsequent text")
        records = task.poll()
        assert records is not None
        assert [(r.value, r.source_offset) for r in records] == [("", _offset(48))]
    assert context.reader.requests == [partition]


def test_batch_size(task: FileStreamSourceTask, config: dict[str, str], path: Path) -> None:
    """A poll returns at most batch.size records; the rest come with the next polls."""
    config[FileStreamSourceConnector.TASK_BATCH_SIZE_CONFIG] = "5000"
    task.start(config)
    path.write_bytes(b"partial line finished\n" * 10_002)
    sizes = []
    while (records := task.poll()) is not None:
        sizes.append(len(records))
    assert sizes == [5000, 5000, 2]


def test_long_lines_are_read_whole(
    task: FileStreamSourceTask, config: dict[str, str], path: Path
) -> None:
    """A line longer than any read buffer comes out whole."""
    task.start(config)
    long_line = "x" * 300_000
    path.write_text(f"{long_line}\nshort\n")
    records = task.poll()
    assert records is not None
    assert [r.value for r in records] == [long_line, "short"]
    assert records[1].source_offset == _offset(300_007)


def test_resumes_from_committed_position(config: dict[str, str], path: Path) -> None:
    """After a restart the task starts reading at the committed position, not at the start."""
    path.write_bytes(b"one\ntwo\nthree\n")
    context = FakeSourceTaskContext()
    context.reader.commit({"filename": str(path)}, {"position": 4})
    task = _QuickTask()
    task.initialize(context)
    task.start(config)
    try:
        records = task.poll()
        assert records is not None
        assert [(r.value, r.source_offset) for r in records] == [
            ("two", _offset(8)),
            ("three", _offset(14)),
        ]
    finally:
        task.stop()


def test_restart_reads_every_line_once(config: dict[str, str], path: Path) -> None:
    """Stopping after a committed record and starting again neither skips nor repeats lines."""
    context = FakeSourceTaskContext()
    path.write_text("a\nb\nc\n", encoding="utf-8")
    first = _QuickTask()
    first.initialize(context)
    first.start(config)
    records = first.poll()
    assert records is not None
    context.reader.commit(records[1].source_partition or {}, records[1].source_offset)
    first.stop()
    with path.open("a", encoding="utf-8") as out:
        out.write("d\n")
    second = _QuickTask()
    second.initialize(context)
    second.start(config)
    try:
        again = second.poll()
        assert again is not None
        assert [r.value for r in again] == ["c", "d"]
    finally:
        second.stop()


def test_offset_position_of_wrong_type_fails(config: dict[str, str], path: Path) -> None:
    """A committed position that is not an integer fails the poll with ConnectException."""
    context = FakeSourceTaskContext()
    context.reader.commit({"filename": str(path)}, {"position": "10"})
    task = _QuickTask()
    task.initialize(context)
    task.start(config)
    with pytest.raises(ConnectException, match="Offset position is the incorrect type"):
        task.poll()
    task.stop()


def test_missing_topic_fails_start(task: FileStreamSourceTask, config: dict[str, str]) -> None:
    """A task configuration without topic is refused."""
    del config[FileStreamSourceConnector.TOPIC_CONFIG]
    with pytest.raises(ConfigException, match="topic"):
        task.start(config)


def test_reads_stdin_without_file(
    task: FileStreamSourceTask, config: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``file`` the task reads standard input; positions are not tracked."""
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"line\nnext\n")))
    del config[FILE]
    task.start(config)
    deadline = time.monotonic() + 5
    records: list[SourceRecord] = []
    while len(records) < 2 and time.monotonic() < deadline:
        records.extend(task.poll() or [])
    assert [r.value for r in records] == ["line", "next"]
    assert records[0].topic == TOPIC
    assert records[0].source_partition == {"filename": None}
    assert records[0].source_offset == {"position": None}


def test_missing_file_waits_and_returns_none(
    task: FileStreamSourceTask, config: dict[str, str], tmp_path: Path
) -> None:
    """A file that does not exist yet gives no records; once created it is read."""
    later = tmp_path / "created-later"
    config[FILE] = str(later)
    task.start(config)
    for _ in range(3):
        assert task.poll() is None
    later.write_text("hello\n")
    records = task.poll()
    assert records is not None and [r.value for r in records] == ["hello"]


def test_unreadable_path_fails(
    task: FileStreamSourceTask, config: dict[str, str], tmp_path: Path
) -> None:
    """A path that cannot be opened (a directory) fails the poll with ConnectException."""
    config[FILE] = str(tmp_path)
    task.start(config)
    with pytest.raises(ConnectException, match="Error while trying to open file"):
        task.poll()


def test_stop_wakes_a_waiting_poll(config: dict[str, str]) -> None:
    """stop() from another thread makes a poll that waits for data return None at once."""
    task = FileStreamSourceTask()  # waits a full second for data
    task.initialize(FakeSourceTaskContext())
    task.start(config)
    task.empty_wait_s = 0.0
    assert task.poll() is None  # opens the (empty) file
    task.empty_wait_s = 1.0
    timer = threading.Timer(0.05, task.stop)
    started = time.monotonic()
    timer.start()
    assert task.poll() is None
    assert time.monotonic() - started < 0.5
    timer.join()
    assert task.poll() is None
