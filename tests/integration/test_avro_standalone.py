"""``connectpy standalone`` with Confluent's AvroConverter and the embedded schema registry.

A source writes Avro records (Confluent wire format) into the embedded store, registering their
schema in the registry tables of the same SQLite file (``schema.registry.url=embedded://``); a
sink reads them back through the same converter. A second run reuses the registered id.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from connectors import TopicPartition
from connectors.runtime.recordlog import EmbeddedRecordLog
from converters.avro import AvroConverter, LocalSchemaRegistry
from tests.integration.test_standalone import SINK, Cli, cli, source_file, wait_for, worker_file

pytestmark = pytest.mark.integration

__all__ = ["cli"]  # the fixture, re-used

AVRO = {
    "value.converter": "io.confluent.connect.avro.AvroConverter",
    # a bare embedded:// finds the worker's own store (embedded.store.path=data/connect.db)
    "value.converter.schema.registry.url": "embedded://",
}


def _topic_bytes(db: Path, topic: str, partitions: int) -> list[bytes]:
    log = EmbeddedRecordLog(db)
    try:
        consumer = log.consumer("avro-check", "avro-check")
        tps = [TopicPartition(topic, p) for p in range(partitions)]
        consumer.assign(tps)
        ends = consumer.end_offsets(tps)
        values: list[bytes] = []
        while any(consumer.position(tp) < ends[tp] for tp in tps):
            values.extend(r.value or b"" for r in consumer.poll(0.05))
        consumer.close()
        return values
    finally:
        log.close()


def test_avro_records_through_the_embedded_registry(cli: Cli, tmp_path: Path) -> None:
    """Source -> Avro in the embedded store -> sink; the schema is registered once, in the store."""
    count = 100
    out = tmp_path / "out.txt"
    worker = worker_file(tmp_path, **AVRO)
    source = source_file(tmp_path, count, partitions=1, **{"tasks.max": "1"})
    sink = tmp_path / "sink.properties"
    sink.write_text(f"name=lines\nconnector.class={SINK}\ntopics=numbers\nfile={out}\n")
    proc = cli.start("standalone", str(worker), str(source), str(sink))
    wait_for(lambda: out.exists() and len(out.read_text().splitlines()) == count, proc=proc)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(15) == 0

    assert out.read_text().splitlines() == [f"p0:{n}" for n in range(count)]
    db = tmp_path / "data" / "connect.db"
    registry = LocalSchemaRegistry(db)
    assert registry.get_subjects() == ["numbers-value"]
    assert registry.get_schema(1).schema_str == '"string"'
    values = _topic_bytes(db, "numbers", 1)
    assert len(values) == count and all(v[:5] == b"\x00\x00\x00\x00\x01" for v in values)
    converter = AvroConverter(schema_registry_client=registry)
    converter.configure({}, False)
    assert converter.to_connect_data("numbers", values[0]).value() == "p0:0"
