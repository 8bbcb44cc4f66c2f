"""Tests of connectors.runtime.recordlog.partitioner: Kafka's murmur2 key partitioning."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectors.runtime.recordlog.partitioner import KeyPartitioner, murmur2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21", -973932308),
        ("foobar", -790332482),
        ("a-little-bit-long-string", -985981536),
        ("a-little-bit-longer-string", -1486304829),
        ("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971),
        ("abc", 479470107),
    ],
)
def test_murmur2_matches_kafka(text: str, expected: int) -> None:
    """murmur2 gives the values of Kafka's Utils.murmur2 for its test strings."""
    assert murmur2(text.encode()) == expected


@given(st.binary(max_size=64), st.integers(1, 64))
def test_key_partition_is_stable_and_in_range(key: bytes, partitions: int) -> None:
    """The same key always lands in the same partition, within range."""
    partitioner = KeyPartitioner()
    first = partitioner.partition(key, partitions)
    assert 0 <= first < partitions
    assert partitioner.partition(key, partitions) == first


def test_null_keys_go_round_robin() -> None:
    """Records without key are spread over every partition."""
    partitioner = KeyPartitioner()
    assert {partitioner.partition(None, 3) for _ in range(6)} == {0, 1, 2}
