"""Tests of connectors.file.sink_task (after Kafka's FileStreamSinkTaskTest)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from connect_data import Schema, SchemaBuilder, Struct
from connect_data.errors import ConnectException
from connectors import OffsetAndMetadata, SinkRecord, TopicPartition
from connectors.file import FileStreamSinkTask

NL = os.linesep


def _record(
    value: object, offset: int, schema: Schema | None = Schema.OPTIONAL_STRING_SCHEMA
) -> SinkRecord:
    return SinkRecord(
        topic="topic1", kafka_partition=0, value_schema=schema, value=value, kafka_offset=offset
    )


def test_put_flush() -> None:
    """put writes each value and a line separator; flush makes it visible."""
    out = io.StringIO()
    task = FileStreamSinkTask(out)
    task.start({})
    offsets = {TopicPartition("topic1", 0): OffsetAndMetadata(1)}
    task.put([_record("line1", 1)])
    task.flush(offsets)
    assert out.getvalue() == "line1" + NL
    task.put([_record("line2", 2), _record("line3", 1)])
    task.flush(offsets)
    assert out.getvalue() == f"line1{NL}line2{NL}line3{NL}"


def test_values_print_as_java_does() -> None:
    """None, numbers, lists, maps and structs print as Java's String.valueOf prints them."""
    schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()
    out = io.StringIO()
    task = FileStreamSinkTask(out)
    task.start({})
    task.put(
        [
            _record(None, 0),
            _record(1.0, 1, Schema.FLOAT64_SCHEMA),
            _record([1, None], 2, None),
            _record({"k": True}, 3, None),
            _record(Struct(schema).put("a", 7), 4, schema),
        ]
    )
    assert out.getvalue().split(NL) == ["null", "1.0", "[1, null]", "{k=true}", "Struct{a=7}", ""]


def test_start_appends_to_file(tmp_path: Path) -> None:
    """The file is created if missing and appended to by later tasks; stop() closes it."""
    path = tmp_path / "connect.output"
    task = FileStreamSinkTask()
    task.start({"file": str(path)})
    task.put([_record("line0", 1)])
    task.flush({})
    task.stop()
    assert path.read_text(encoding="utf-8") == "line0" + NL

    task = FileStreamSinkTask()
    task.start({"file": str(path)})
    task.put([_record("line1", 2), _record("liné2", 3)])
    task.flush({})
    task.stop()
    assert path.read_bytes() == f"line0{NL}line1{NL}liné2{NL}".encode()


def test_unwritable_file_fails_start(tmp_path: Path) -> None:
    """A file that cannot be created fails start() with ConnectException naming it."""
    missing = tmp_path / "no-such-dir" / "out.txt"
    with pytest.raises(ConnectException, match="Couldn't find or create file"):
        FileStreamSinkTask().start({"file": str(missing)})


def test_no_file_writes_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """Without ``file`` the task writes to standard output and does not close it."""
    task = FileStreamSinkTask()
    task.start({})
    task.put([_record("to stdout", 0)])
    task.flush({})
    task.stop()
    assert capsys.readouterr().out == "to stdout" + NL
