"""Kafka's default partitioner: murmur2 of the key bytes, so keys land where Java puts them."""

from __future__ import annotations

import itertools
from typing import Final

__all__ = ["KeyPartitioner", "murmur2"]

_MASK: Final = 0xFFFFFFFF
_M: Final = 0x5BD1E995
_SEED: Final = 0x9747B28C


def murmur2(data: bytes) -> int:
    """Kafka's ``Utils.murmur2``: the 32-bit murmur2 hash as a signed Java int."""
    length = len(data)
    h = (_SEED ^ length) & _MASK
    end = length - length % 4
    for i in range(0, end, 4):
        k = int.from_bytes(data[i : i + 4], "little")
        k = (k * _M) & _MASK
        k ^= k >> 24
        k = (k * _M) & _MASK
        h = ((h * _M) & _MASK) ^ k
    rest = length % 4
    if rest == 3:
        h ^= data[end + 2] << 16
    if rest >= 2:
        h ^= data[end + 1] << 8
    if rest >= 1:
        h ^= data[end]
        h = (h * _M) & _MASK
    h ^= h >> 13
    h = (h * _M) & _MASK
    h ^= h >> 15
    return h - (1 << 32) if h & 0x80000000 else h


class KeyPartitioner:
    """Picks a partition: the key's murmur2 hash (as Kafka), or round robin for null keys."""

    __slots__ = ("_counter",)

    def __init__(self) -> None:
        self._counter = itertools.count()

    def partition(self, key: bytes | None, num_partitions: int) -> int:
        """The partition of a record with ``key`` in a topic of ``num_partitions``."""
        if num_partitions <= 1:
            return 0
        if key is None:
            return next(self._counter) % num_partitions
        return (murmur2(key) & 0x7FFFFFFF) % num_partitions
