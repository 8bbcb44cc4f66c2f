"""The FileStream connectors through connectors.testing: the task harnesses and an embedded worker."""

from __future__ import annotations

from pathlib import Path

from connect_data import Schema, SchemaBuilder, Struct
from connectors import OffsetAndMetadata, TopicPartition
from connectors.file import (
    FileStreamSinkConnector,
    FileStreamSinkTask,
    FileStreamSourceConnector,
    FileStreamSourceTask,
)
from connectors.testing import (
    EmbeddedConnectCluster,
    SinkTaskHarness,
    SourceTaskHarness,
    make_converter,
    task_config_of,
    wait_until,
)

STRING = "org.apache.kafka.connect.storage.StringConverter"


def _source(path: Path) -> SourceTaskHarness[FileStreamSourceTask]:
    config = task_config_of(FileStreamSourceConnector, {"file": str(path), "topic": "lines"})
    return SourceTaskHarness(FileStreamSourceTask, config)


def test_lines_become_json_string_records(tmp_path: Path) -> None:
    """Each complete line is a STRING record, written by JsonConverter as a worker would."""
    path = tmp_path / "in.txt"
    path.write_text("alpha\nbeta\r\ngam")
    with _source(path) as harness:
        records = harness.poll_until(2)
        assert [r.value_json() for r in records] == [
            {"schema": {"type": "string", "optional": False}, "payload": "alpha"},
            {"schema": {"type": "string", "optional": False}, "payload": "beta"},
        ]
        assert records[0].key is None and records[0].timestamp is not None
        assert harness.poll() == []


def test_restart_resumes_after_the_committed_position(tmp_path: Path) -> None:
    """After a commit and a restart, only the lines appended later are read."""
    path = tmp_path / "in.txt"
    path.write_text("one\ntwo\n")
    with _source(path) as harness:
        harness.poll_until(2)
        harness.commit()
        assert harness.committed_offset({"filename": str(path)}) == {"position": 8}
        with path.open("a") as handle:
            handle.write("three\n")
        harness.restart()
        assert [r.value_json()["payload"] for r in harness.poll_until(1)] == ["three"]


def test_a_crash_reads_uncommitted_lines_again(tmp_path: Path) -> None:
    """Lines read after the last commit are read again after a crash (at least once)."""
    path = tmp_path / "in.txt"
    path.write_text("one\ntwo\n")
    with _source(path) as harness:
        harness.poll_until(2)
        harness.restart(commit=False)
        assert [r.value_json()["payload"] for r in harness.poll_until(2)] == ["one", "two"]


def test_sink_prints_values_as_java_does(tmp_path: Path) -> None:
    """Strings, numbers, nulls and structs are printed in Java's String.valueOf form."""
    out = tmp_path / "out.txt"
    point = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build()
    with SinkTaskHarness(FileStreamSinkTask, {"file": str(out)}) as harness:
        harness.put_values("t", ["text", None])
        harness.put_values("t", [Struct(point).put("x", 1)], schema=point)
        harness.put_values("t", [1.5], schema=Schema.FLOAT64_SCHEMA)
        assert harness.commit() == {TopicPartition("t", 0): OffsetAndMetadata(4)}
    assert out.read_text() == "text\nnull\nStruct{x=1}\n1.5\n"


def test_sink_reads_bytes_through_the_configured_converter(tmp_path: Path) -> None:
    """Bytes from the log go through value.converter before reaching the task."""
    out = tmp_path / "out.txt"
    config = task_config_of(
        FileStreamSinkConnector,
        {"file": str(out), "topics": "t", "value.converter": STRING},
    )
    with SinkTaskHarness(FileStreamSinkTask, config) as harness:
        harness.put_bytes("t", ["héllo".encode(), None])
    assert out.read_text(encoding="utf-8") == "héllo\nnull\n"


def test_source_to_sink_through_an_embedded_worker(tmp_path: Path) -> None:
    """Kafka's quickstart: lines of a file reach another file through a topic, by Java class
    names, and after a worker restart only appended lines follow (no duplicates)."""
    source_file, sink_file = tmp_path / "test.txt", tmp_path / "test.sink.txt"
    source_file.write_text("foo\nbar\n")
    with EmbeddedConnectCluster(data_dir=tmp_path / "data") as connect:
        connect.configure_connector(
            "local-file-source",
            {
                "connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector",
                "tasks.max": "1",
                "file": str(source_file),
                "topic": "connect-test",
            },
        )
        connect.configure_connector(
            "local-file-sink",
            {
                "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
                "tasks.max": "1",
                "file": str(sink_file),
                "topics": "connect-test",
            },
        )
        connect.wait_for_connector_and_tasks_running("local-file-source", 1)
        connect.wait_for_connector_and_tasks_running("local-file-sink", 1)
        wait_until(lambda: sink_file.exists() and sink_file.read_text() == "foo\nbar\n", 15)
        connect.restart_worker()
        with source_file.open("a") as handle:
            handle.write("baz\n")
        wait_until(lambda: sink_file.read_text() == "foo\nbar\nbaz\n", 15, sink_file.read_text)
        values = [
            r.value
            for r in connect.consume_all(5, "connect-test", value_converter=make_converter(STRING))
        ]
    assert values == ["foo", "bar", "baz"]
