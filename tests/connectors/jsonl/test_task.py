"""JsonLinesSinkTask: schema.compatibility per topic, JSON lines and CSV output, flush and nulls."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_data import ConnectException, DataException, Schema, SchemaBuilder, Struct
from connectors import OffsetAndMetadata, TopicPartition
from connectors.jsonl import JsonLinesSinkTask
from connectors.testing import SinkTaskHarness


def _schema(version: int, *fields: str, views: Schema = Schema.OPTIONAL_INT32_SCHEMA) -> Schema:
    builder = SchemaBuilder.struct().name("todo").version(version)
    builder.field("id", Schema.INT32_SCHEMA)
    for name in fields:
        builder.field(name, views if name == "views" else Schema.OPTIONAL_STRING_SCHEMA)
    return builder.build()


V1 = _schema(1)
V2 = _schema(2, "title")
V3 = _schema(3, "title", "views")
V4 = _schema(4, "title", "views", views=Schema.OPTIONAL_INT64_SCHEMA)


def _value(schema: Schema, **values: Any) -> Struct:
    struct = Struct(schema)
    for name, value in values.items():
        struct.put(name, value)
    return struct


def _lines(path: Path) -> list[Any]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def _harness(tmp_path: Path, **config: str) -> SinkTaskHarness[JsonLinesSinkTask]:
    return SinkTaskHarness(JsonLinesSinkTask, {"file": str(tmp_path / "out.jsonl"), **config})


def test_backward_projects_older_records_onto_the_newest_schema(tmp_path: Path) -> None:
    """Once a newer version is seen, older records are written with its fields (null-filled)."""
    with _harness(tmp_path, **{"schema.compatibility": "BACKWARD"}) as harness:
        harness.put_values("t", [_value(V1, id=1)], schema=V1)
        harness.put_values("t", [_value(V3, id=2, title="b", views=7)], schema=V3)
        harness.put_values("t", [_value(V2, id=3, title="c")], schema=V2, partition=1)
        harness.put_values("t", [_value(V4, id=4, views=2**40)], schema=V4)
        harness.put_values("t", [_value(V3, id=5, views=2**31 - 1)], schema=V3, partition=1)
        stats = harness.task.stats if harness.task else None
    assert _lines(tmp_path / "out.jsonl") == [
        {"id": 1},
        {"id": 2, "title": "b", "views": 7},
        {"id": 3, "title": "c", "views": None},
        {"id": 4, "title": None, "views": 2**40},
        {"id": 5, "title": None, "views": 2**31 - 1},
    ]
    assert stats is not None
    assert (stats.written, stats.projected, stats.schema_changes) == (5, 2, 3)
    assert stats.reference_versions == {"t": 4}


def test_forward_keeps_the_oldest_schema(tmp_path: Path) -> None:
    """FORWARD projects newer records onto the oldest version seen, dropping new fields."""
    with _harness(tmp_path, **{"schema.compatibility": "forward"}) as harness:
        harness.put_values("t", [_value(V2, id=1, title="a")], schema=V2)
        harness.put_values("t", [_value(V3, id=2, title="b", views=1)], schema=V3)
        harness.put_values("t", [_value(V1, id=3)], schema=V1)
        harness.put_values("t", [_value(V2, id=4, title="d")], schema=V2)
    assert _lines(tmp_path / "out.jsonl") == [
        {"id": 1, "title": "a"},
        {"id": 2, "title": "b"},
        {"id": 3},
        {"id": 4},
    ]


def test_none_writes_each_record_with_its_own_schema(tmp_path: Path) -> None:
    """NONE (the default) never projects."""
    with _harness(tmp_path) as harness:
        harness.put_values("t", [_value(V3, id=1, views=1)], schema=V3)
        harness.put_values("t", [_value(V1, id=2)], schema=V1)
    assert _lines(tmp_path / "out.jsonl") == [{"id": 1, "title": None, "views": 1}, {"id": 2}]


def test_each_topic_has_its_own_reference(tmp_path: Path) -> None:
    """A newer schema on one topic does not change another topic's records."""
    with _harness(tmp_path, **{"schema.compatibility": "FULL"}) as harness:
        harness.put_values("a", [_value(V3, id=1, views=1)], schema=V3)
        harness.put_values("b", [_value(V1, id=2)], schema=V1)
    assert _lines(tmp_path / "out.jsonl") == [{"id": 1, "title": None, "views": 1}, {"id": 2}]


def test_unprojectable_record_fails_with_its_position(tmp_path: Path) -> None:
    """A record that cannot be projected fails the task, naming topic, partition and offset."""
    with _harness(tmp_path, **{"schema.compatibility": "FORWARD"}) as harness:
        harness.put_values("t", [_value(V3, id=1, views=1)], schema=V3)
        with pytest.raises(
            ConnectException, match=r"offset 1 of t-0 with schema.compatibility=FORWARD"
        ):
            harness.put_values("t", [_value(V4, id=2, views=2**40)], schema=V4)


def test_unversioned_schemas_fail_in_backward_mode(tmp_path: Path) -> None:
    """BACKWARD needs schema versions."""
    unversioned = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build()
    with _harness(tmp_path, **{"schema.compatibility": "BACKWARD"}) as harness:
        harness.put_values("t", [_value(unversioned, id=1)], schema=unversioned)
        with pytest.raises(ConnectException, match="Schema version required for BACKWARD"):
            harness.put_values("t", [_value(unversioned, id=2)], schema=unversioned)


def test_null_values_fail_by_default(tmp_path: Path) -> None:
    """A tombstone fails the task unless behavior.on.null.values=ignore."""
    with _harness(tmp_path) as harness, pytest.raises(DataException, match="Null valued records"):
        harness.put_values("t", [None])


def test_null_values_can_be_ignored(tmp_path: Path) -> None:
    """With behavior.on.null.values=ignore tombstones are skipped and counted."""
    with _harness(tmp_path, **{"behavior.on.null.values": "IGNORE"}) as harness:
        harness.put_values("t", ["a", None, "b"], schema=Schema.OPTIONAL_STRING_SCHEMA)
        assert harness.task is not None and harness.task.stats.ignored == 1
    assert _lines(tmp_path / "out.jsonl") == ["a", "b"]


def test_rows_are_durable_after_flush_and_offsets_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pre_commit flushes and fsyncs the file before the offsets are committed."""
    out = tmp_path / "out.jsonl"
    synced: list[bytes] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(out.read_bytes())
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with _harness(tmp_path) as harness:
        harness.put_values("t", ["x", "y"], schema=Schema.STRING_SCHEMA)
        committed = harness.commit()
        assert synced == [b'"x"\n"y"\n']
        assert committed == {TopicPartition("t", 0): OffsetAndMetadata(2)}


def test_appends_to_an_existing_file_and_creates_directories(tmp_path: Path) -> None:
    """The file is appended to, its directory created if missing."""
    out = tmp_path / "new" / "dir" / "out.jsonl"
    for value in ("first", "second"):
        with SinkTaskHarness(JsonLinesSinkTask, {"file": str(out)}) as harness:
            harness.put_values("t", [value], schema=Schema.STRING_SCHEMA)
    assert out.read_text() == '"first"\n"second"\n'


def test_unwritable_file_fails_start(tmp_path: Path) -> None:
    """A file that cannot be opened fails start() with ConnectException."""
    (tmp_path / "dir").mkdir()
    harness = SinkTaskHarness(JsonLinesSinkTask, {"file": str(tmp_path / "dir")})
    with pytest.raises(ConnectException, match="Couldn't find or create file"):
        harness.start()


def test_csv_output_from_converter_bytes(tmp_path: Path) -> None:
    """CSV rows of records read through the JSON converter, with a header line."""
    out = tmp_path / "out.csv"
    config = {"file": str(out), "format": "csv", "schema.compatibility": "BACKWARD"}
    schema_json = {
        "type": "struct",
        "name": "todo",
        "version": 1,
        "fields": [{"field": "id", "type": "int32"}, {"field": "title", "type": "string"}],
    }
    values = [
        orjson.dumps({"schema": schema_json, "payload": {"id": i, "title": f"t{i}"}})
        for i in (1, 2)
    ]
    with SinkTaskHarness(JsonLinesSinkTask, config) as harness:
        harness.put_bytes("t", values)
    assert out.read_text() == "id,title\n1,t1\n2,t2\n"


def test_put_before_start_fails() -> None:
    """put() on a task that was not started raises ConnectException."""
    with pytest.raises(ConnectException, match="before start"):
        JsonLinesSinkTask().put([])


def _growing(version: int) -> Schema:
    builder = SchemaBuilder.struct().name("g").version(version)
    for index in range(version):
        builder.field(f"f{index}", Schema.OPTIONAL_INT64_SCHEMA)
    return builder.build()


GROWING = {v: _growing(v) for v in range(1, 6)}


@given(
    versions=st.lists(st.integers(1, 5), min_size=1, max_size=12),
    mode=st.sampled_from(["BACKWARD", "FULL", "FORWARD"]),
)
@settings(max_examples=40, deadline=None)
def test_rows_follow_the_running_max_or_min_version(versions: list[int], mode: str) -> None:
    """Each row has the fields of the highest (BACKWARD/FULL) or lowest (FORWARD) version seen
    so far, with each record's own values kept."""
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "out.jsonl"
        config = {"file": str(out), "schema.compatibility": mode}
        with SinkTaskHarness(JsonLinesSinkTask, config) as harness:
            for n, version in enumerate(versions):
                schema = GROWING[version]
                value = Struct(schema)
                for index in range(version):
                    value.put(f"f{index}", n * 10 + index)
                harness.put_values("t", [value], schema=schema)
        rows = _lines(out)
    pick = min if mode == "FORWARD" else max
    for n, row in enumerate(rows):
        reference = pick(versions[: n + 1])
        assert list(row) == [f"f{i}" for i in range(reference)]
        own = versions[n]
        assert row == {f"f{i}": (n * 10 + i if i < own else None) for i in range(reference)}
