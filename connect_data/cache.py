"""A bounded least-recently-used cache (Kafka's ``SynchronizedCache(new LRUCache(n))``).

Converters and transformations keep what they derive from a schema (compiled codecs, updated
schemas) in one of these, keyed by the schema.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

__all__ = ["LRUCache"]

K = TypeVar("K")
V = TypeVar("V")


class LRUCache(Generic[K, V]):
    """A thread-safe mapping that keeps at most ``max_size`` entries, dropping the least used."""

    __slots__ = ("_entries", "_lock", "_max_size")

    def __init__(self, max_size: int) -> None:
        self._max_size = max_size
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        """The value cached for ``key`` (now the most recently used), or ``None``."""
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        """Cache ``value`` for ``key``, evicting the least recently used entry if over size."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > max(self._max_size, 0):
                self._entries.popitem(last=False)

    def size(self) -> int:
        """The number of cached entries."""
        return len(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
