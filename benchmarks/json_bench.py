"""JsonConverter on the Order record against the JSON floor, measured in the same run.

For each direction (``from_connect_data`` / ``to_connect_data``) and each ``schemas.enable``
setting, the contenders are:

- ``JsonConverter`` (Struct -> bytes, bytes -> schema and Struct);
- the floor: the fastest JSON library (orjson or msgspec, both measured) encoding the same
  JSON document as a prepared plain dict, or decoding the same bytes to plain objects.

Java's figures (Kafka's JsonConverter on JDK 21, from ``bench-record.json``) are printed for
reference. Rounds alternate the contenders; each figure is the median of the rounds. Run
``python -m benchmarks.json_bench`` (``--quick`` for a short run, ``--json`` for JSON output).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

VECTORS = Path(os.environ.get("CONNECTPY_VECTORS", ROOT.parent / "shared" / "vectors"))

#: ratio targets against the floor: (op, schemas.enable) -> at most this many times slower
TARGETS = {
    ("fromConnectData", True): 2.0,
    ("toConnectData", True): 2.5,
    ("fromConnectData", False): 4.0,
    ("toConnectData", False): 4.0,
}


def _record() -> dict[str, Any]:
    record: dict[str, Any] = json.loads((VECTORS / "bench-record.json").read_text("utf-8"))
    return record


def _order(record: dict[str, Any]) -> tuple[Any, Any]:
    """The Order schema and Struct, built through the public API."""
    from tests.vectors import parse_schema, to_python

    schema = parse_schema(record["schema"])
    return schema, to_python(record["value"], schema)


def java_figures(record: dict[str, Any]) -> dict[tuple[str, bool], float]:
    """Kafka's records/s on JDK 21 (median across JVM invocations), by (op, schemas.enable)."""
    figures = {}
    for result in record["results"]:
        if result["jvm"].startswith("JDK 21"):
            figures[(result["op"], result["schemas.enable"])] = result["median_across_invocations"]
    return figures


def contenders(
    schemas_enable: bool,
) -> tuple[dict[str, Callable[[], Any]], dict[str, Callable[[], Any]]]:
    """(serializers, deserializers) on the Order record for one ``schemas.enable`` value."""
    import msgspec
    import orjson

    from converters import JsonConverter

    record = _record()
    schema, value = _order(record)
    converter = JsonConverter()
    converter.configure({"schemas.enable": schemas_enable}, False)
    data = converter.from_connect_data("t", schema, value)
    assert data is not None
    key = "schemas.enable=true (default config)" if schemas_enable else "schemas.enable=false"
    assert data == record["serialized"][key].encode("utf-8"), "not Java's bytes"
    plain = orjson.loads(data)  # the same JSON document as a prepared plain dict
    encoder = msgspec.json.Encoder()
    decoder = msgspec.json.Decoder()
    assert orjson.dumps(plain) == data

    serializers: dict[str, Callable[[], Any]] = {
        "connectpy": lambda: converter.from_connect_data("t", schema, value),
        "orjson": lambda: orjson.dumps(plain),
        "msgspec": lambda: encoder.encode(plain),
    }
    deserializers: dict[str, Callable[[], Any]] = {
        "connectpy": lambda: converter.to_connect_data("t", data),
        "orjson": lambda: orjson.loads(data),
        "msgspec": lambda: decoder.decode(data),
    }
    return serializers, deserializers


def run(count: int, rounds: int, warmup: int) -> list[dict[str, Any]]:
    """One row per (op, schemas.enable): connectpy, the floor, the ratio, Java's figure."""
    from benchmarks.timing import measure
    from converters._json_compile import native_writer_available

    java = java_figures(_record())
    writer = "native" if native_writer_available() else "python"
    rows = []
    for schemas_enable in (True, False):
        serializers, deserializers = contenders(schemas_enable)
        for op, group in (("fromConnectData", serializers), ("toConnectData", deserializers)):
            figures = measure(group, count, rounds, warmup)
            ours = figures.pop("connectpy")
            floor_name = max(figures, key=lambda name: figures[name])
            floor = figures[floor_name]
            rows.append(
                {
                    "op": op,
                    "schemas.enable": schemas_enable,
                    "connectpy": ours,
                    "floor": floor,
                    "floor_library": floor_name,
                    "libraries": figures,
                    "ratio": floor / ours,
                    "target": TARGETS[(op, schemas_enable)],
                    "java": java[(op, schemas_enable)],
                    "vs_java": ours / java[(op, schemas_enable)],
                    "writer": writer,
                }
            )
    return rows


def report(rows: list[dict[str, Any]]) -> str:
    """The figures as a text table."""
    lines = [
        "JsonConverter, Order record: records/s (median of interleaved rounds)",
        f"  {'op':<16} {'schemas':<8} {'connectpy':>10} {'floor':>10} {'(library)':<10} "
        f"{'ratio':>6} {'target':>7} {'Java':>9} {'vs Java':>8}",
    ]
    for row in rows:
        lines.append(
            f"  {row['op']:<16} {str(row['schemas.enable']).lower():<8} "
            f"{row['connectpy']:>10,.0f} {row['floor']:>10,.0f} {row['floor_library']:<10} "
            f"{row['ratio']:>5.2f}x {row['target']:>6.1f}x {row['java']:>9,.0f} "
            f"{row['vs_java']:>7.2f}x"
        )
    lines.append(
        "  ratio = floor / connectpy (how many times slower than the bare JSON library); "
        "vs Java = connectpy / Java"
    )
    if rows and rows[0]["writer"] != "native":
        lines.append(
            "  (generated Python writers: the C extension converters._json_native is not built "
            "or CONNECTPY_PURE_PYTHON=1)"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (for smoke tests)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    count, rounds, warmup = (500, 3, 200) if args.quick else (20_000, 7, 5_000)
    rows = run(count, rounds, warmup)
    print(json.dumps(rows, indent=2) if args.json else report(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
