"""Timing helpers shared by the benchmark sections: interleaved rounds, median records/s."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

__all__ = ["measure", "rate"]


def rate(action: Callable[[], Any], count: int) -> float:
    """Records per second of ``count`` calls of ``action``."""
    start = time.perf_counter()
    for _ in range(count):
        action()
    return count / (time.perf_counter() - start)


def measure(
    contenders: dict[str, Callable[[], Any]], count: int, rounds: int, warmup: int
) -> dict[str, float]:
    """Median records/s of each contender over ``rounds`` interleaved rounds.

    Interleaving (A B C, A B C, ...) lets a busy machine slow every contender alike, so the
    ratios between them stay meaningful even when the absolute figures move.
    """
    for action in contenders.values():
        rate(action, warmup)
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, action in contenders.items():
            samples[name].append(rate(action, count))
    return {name: statistics.median(values) for name, values in samples.items()}
