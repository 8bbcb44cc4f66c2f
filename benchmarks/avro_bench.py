"""AvroConverter on the Order record against its floors, measured in the same run.

Contenders, each converting the Order record of ``../shared/vectors/bench-record.json``:

- ``AvroConverter`` (``mock://`` registry): ``from_connect_data`` (Struct -> wire bytes) and
  ``to_connect_data`` (wire bytes -> schema and Struct);
- the floor: fastavro's ``schemaless_writer`` / ``schemaless_reader`` with a pre-parsed schema
  on an equivalent plain dict (``decimal.Decimal`` and ``datetime`` values through fastavro's
  logical types; a second floor, ``raw``, uses the bytes and ints those become);
- confluent-kafka's ``AvroSerializer`` / ``AvroDeserializer`` (mock registry) on the same dict.

Rounds alternate the contenders (``benchmarks.timing``) so that a busy machine slows them
alike; each figure is the median of the rounds. Java's figures (Confluent's AvroConverter on
JDK 17, from CONFLUENT.md) are printed for reference. Run ``python -m benchmarks.avro_bench``
(``--quick`` for a short run, ``--json`` for JSON output) or ``python -m benchmarks``.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.timing import measure  # noqa: E402  (after the sys.path set-up above)

#: Confluent's Java AvroConverter on this record (CONFLUENT.md, JDK 17, median of 5 runs)
JAVA = {"serialize": 315_000, "deserialize": 220_000}

VECTORS = Path(
    __import__("os").environ.get("CONNECTPY_VECTORS", ROOT.parent / "shared" / "vectors")
)


def _order() -> tuple[Any, Any]:
    from tests.vectors import parse_schema_full, to_python

    record = json.loads((VECTORS / "bench-record.json").read_text(encoding="utf-8"))
    schema = parse_schema_full(record["schema"])
    return schema, to_python(record["value"], schema)


def _plain(struct: Any) -> Any:
    """The Struct as the plain dict a fastavro user would hold."""
    from connect_data import Struct

    if isinstance(struct, Struct):
        return {f.name(): _plain(struct.get(f)) for f in struct.schema().fields()}
    if isinstance(struct, list):
        return [_plain(x) for x in struct]
    if isinstance(struct, dict):
        return {k: _plain(v) for k, v in struct.items()}
    return struct


def contenders() -> tuple[dict[str, Callable[[], Any]], dict[str, Callable[[], Any]]]:
    """(serializers, deserializers) on the Order record."""
    from confluent_kafka.schema_registry import SchemaRegistryClient
    from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
    from confluent_kafka.serialization import MessageField, SerializationContext
    from fastavro import parse_schema, schemaless_reader, schemaless_writer

    from converters.avro import AvroConverter
    from converters.avro.codec import layout_of

    schema, value = _order()
    converter = AvroConverter()
    converter.configure({"schema.registry.url": "mock://avro-bench"}, False)
    wire = converter.from_connect_data("orders", schema, value)
    assert wire is not None
    writer = converter._writers[("orders", schema)]
    text = writer.avro_schema.to_string()

    logical = parse_schema(json.loads(text))
    plain = _plain(value)
    body = wire[5:]
    layout = layout_of(writer.avro_schema)
    raw_datum = copy.deepcopy(writer.encode(value)) if writer.encode else None

    def fastavro_write() -> bytes:
        out = io.BytesIO()
        schemaless_writer(out, logical, plain)
        return out.getvalue()

    def fastavro_write_raw() -> bytes:
        out = io.BytesIO()
        schemaless_writer(out, layout.parsed, raw_datum)
        return out.getvalue()

    assert fastavro_write() == body == fastavro_write_raw()

    client = SchemaRegistryClient.new_client({"url": "mock://avro-bench-ck"})
    serializer = AvroSerializer(client, text)
    deserializer = AvroDeserializer(client)
    context = SerializationContext("orders", MessageField.VALUE)
    ck_wire = serializer(plain, context)

    serializers = {
        "AvroConverter.from_connect_data": lambda: converter.from_connect_data(
            "orders", schema, value
        ),
        "fastavro schemaless_writer (floor)": fastavro_write,
        "fastavro schemaless_writer, raw values": fastavro_write_raw,
        "confluent-kafka AvroSerializer": lambda: serializer(plain, context),
    }
    deserializers = {
        "AvroConverter.to_connect_data": lambda: converter.to_connect_data("orders", wire),
        "fastavro schemaless_reader (floor)": lambda: schemaless_reader(
            io.BytesIO(body), logical, None
        ),
        "fastavro schemaless_reader, raw values": lambda: schemaless_reader(
            io.BytesIO(body), layout.parsed, None
        ),
        "confluent-kafka AvroDeserializer": lambda: deserializer(ck_wire, context),
    }
    return serializers, deserializers


def run(count: int, rounds: int, warmup: int) -> dict[str, Any]:
    """Measure both directions; returns the figures and the ratios to the floors."""
    serializers, deserializers = contenders()
    ser = measure(serializers, count, rounds, warmup)
    de = measure(deserializers, count, rounds, warmup)
    ours_ser = ser["AvroConverter.from_connect_data"]
    ours_de = de["AvroConverter.to_connect_data"]
    return {
        "serialize": ser,
        "deserialize": de,
        "ratios": {
            "serialize: floor / AvroConverter": ser["fastavro schemaless_writer (floor)"]
            / ours_ser,
            "deserialize: floor / AvroConverter": de["fastavro schemaless_reader (floor)"]
            / ours_de,
            "serialize: AvroConverter / confluent-kafka": ours_ser
            / ser["confluent-kafka AvroSerializer"],
            "deserialize: AvroConverter / confluent-kafka": ours_de
            / de["confluent-kafka AvroDeserializer"],
            "serialize: AvroConverter / Java": ours_ser / JAVA["serialize"],
            "deserialize: AvroConverter / Java": ours_de / JAVA["deserialize"],
        },
    }


def report(results: dict[str, Any]) -> str:
    """The figures as a text table."""
    lines = ["Avro (AvroConverter), Order record, records/s (median of interleaved rounds)"]
    for direction in ("serialize", "deserialize"):
        lines.append(f"  {direction}")
        for name, rate in results[direction].items():
            lines.append(f"    {name:<42} {rate:>10,.0f}")
        lines.append(f"    {'Java AvroConverter (CONFLUENT.md)':<42} {JAVA[direction]:>10,.0f}")
    lines.append("  ratios (targets: floor/ours <= 1.8, ours/confluent-kafka > 1)")
    for name, ratio in results["ratios"].items():
        lines.append(f"    {name:<42} {ratio:>10.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (for smoke tests)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    count, rounds, warmup = (500, 3, 200) if args.quick else (5_000, 21, 5_000)
    results = run(count, rounds, warmup)
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
