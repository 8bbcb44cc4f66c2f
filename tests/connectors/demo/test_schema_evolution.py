"""The demo's pieces: Avro field summaries, version descriptions, and a short run."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from confluent_kafka.schema_registry import Schema as RegistrySchema

from connect_data import ConnectException
from connectors.demo import DemoOptions, avro_fields, run_demo
from connectors.demo.schema_evolution import describe_versions, registered_versions
from converters.avro.registry import LocalSchemaRegistry


def _record(*fields: tuple[str, object]) -> str:
    return orjson.dumps(
        {
            "type": "record",
            "name": "r",
            "fields": [{"name": n, "type": t, "default": None} for n, t in fields],
        }
    ).decode()


def test_avro_fields_summarise_types() -> None:
    """Optional unions show their branch; arrays, maps and records are spelled out."""
    text = _record(
        ("id", ["null", "int"]),
        ("tags", ["null", {"type": "array", "items": ["null", "string"]}]),
        ("attrs", {"type": "map", "values": "long"}),
        (
            "owner",
            ["null", {"type": "record", "name": "o", "fields": [{"name": "n", "type": "string"}]}],
        ),
        ("either", ["int", "string"]),
        ("when", {"type": {"type": "long", "logicalType": "timestamp-millis"}}),
    )
    assert avro_fields(text) == (
        ("id", "int"),
        ("tags", "array<string>"),
        ("attrs", "map<long>"),
        ("owner", "{n:string}"),
        ("either", "int|string"),
        ("when", "long"),
    )


def test_versions_read_from_the_registry_and_described(tmp_path: Path) -> None:
    """Subject versions come back in order with ids; each line says what changed."""
    registry = LocalSchemaRegistry(tmp_path / "r.db")
    registry.register_schema("s-value", RegistrySchema(_record(("id", ["null", "int"])), "AVRO"))
    registry.register_schema(
        "s-value",
        RegistrySchema(_record(("id", ["null", "long"]), ("name", ["null", "string"])), "AVRO"),
    )
    versions = registered_versions(registry, "s-value")
    assert [(v.version, v.schema_id) for v in versions] == [(1, 1), (2, 2)]
    assert registered_versions(registry, "missing-value") == []
    lines = describe_versions(versions)
    assert lines[0] == "  s-value version 1 (schema id 1): first version"
    assert lines[2] == "  s-value version 2 (schema id 2): +name, id: int -> long"
    assert lines[3] == "      id:long, name:string"
    registry.close()


def test_a_short_run_writes_every_item(tmp_path: Path) -> None:
    """A 12-item run registers a version per stage and writes all items, keeping the files."""
    lines: list[str] = []
    options = DemoOptions(
        records=12,
        initial=2,
        stage_size=4,
        poll_interval_ms=20,
        sink_after=8,
        data_dir=tmp_path,
        output=tmp_path / "out" / "todos.csv",
        output_format="csv",
        duration=30,
    )
    result = run_demo(options, out=lines.append)
    assert result.completed and result.served == 12
    assert [v.version for v in result.versions] == [1, 2, 3]
    data_rows = [row for row in result.rows if row[0] != "id"]
    assert sorted(int(row[0]) for row in data_rows) == list(range(1, 13))
    assert (tmp_path / "out" / "todos.csv").exists()
    assert any("Schema versions registered under todos-value:" in line for line in lines)
    assert any(line.startswith("[") for line in lines)


def test_leftovers_of_an_earlier_run_are_refused(tmp_path: Path) -> None:
    """A data directory that already holds a store (or an existing output) is refused."""
    (tmp_path / "connect.db").write_bytes(b"")
    with pytest.raises(ConnectException, match="left from an earlier run"):
        run_demo(DemoOptions(data_dir=tmp_path), out=lambda line: None)
    output = tmp_path / "out.jsonl"
    output.write_text("{}\n")
    with pytest.raises(ConnectException, match=r"out\.jsonl is left"):
        run_demo(DemoOptions(data_dir=tmp_path / "fresh", output=output), out=lambda line: None)
