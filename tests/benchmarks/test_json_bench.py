"""The JSON benchmark section runs, measures what it says, and reports every row."""

from __future__ import annotations

import pytest

from benchmarks import json_bench
from benchmarks.timing import measure

needs_bench_record = pytest.mark.skipif(
    not (json_bench.VECTORS / "bench-record.json").exists(),
    reason=f"benchmark record not found in {json_bench.VECTORS} (set CONNECTPY_VECTORS)",
)


@needs_bench_record
def test_quick_run_reports_four_rows() -> None:
    """A short run gives one row per direction and schemas.enable, with Java's figures."""
    rows = json_bench.run(count=50, rounds=1, warmup=10)
    assert [(r["op"], r["schemas.enable"]) for r in rows] == [
        ("fromConnectData", True),
        ("toConnectData", True),
        ("fromConnectData", False),
        ("toConnectData", False),
    ]
    for row in rows:
        assert row["connectpy"] > 0 and row["floor"] > 0
        assert row["floor_library"] in ("orjson", "msgspec")
        assert row["java"] > 0
    text = json_bench.report(rows)
    assert "fromConnectData" in text and "toConnectData" in text


@needs_bench_record
def test_java_figures_are_the_jdk21_medians() -> None:
    """Java's reference figures come from bench-record.json (JDK 21, median of invocations)."""
    figures = json_bench.java_figures(json_bench._record())
    assert figures[("fromConnectData", True)] == 144771
    assert figures[("toConnectData", False)] == 255206


def test_measure_interleaves_and_takes_medians() -> None:
    """measure() calls every contender warmup + rounds * count times and returns rates."""
    calls = {"a": 0, "b": 0}

    def bump(name: str) -> None:
        calls[name] += 1

    rates = measure({"a": lambda: bump("a"), "b": lambda: bump("b")}, count=7, rounds=3, warmup=2)
    assert calls == {"a": 23, "b": 23}
    assert set(rates) == {"a", "b"} and all(rate > 0 for rate in rates.values())
