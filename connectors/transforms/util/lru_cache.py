"""The bounded cache each stock transformation keeps of the schemas it derived.

Java's transformations hold ``new SynchronizedCache<>(new LRUCache<>(16))``: a transformation
builds the updated schema once per input schema and reuses it, so per-record work does not walk
the schema. :class:`SchemaCache` is that cache: least-recently-used, thread-safe, 16 entries.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Final, Generic, TypeVar

__all__ = ["DEFAULT_CACHE_SIZE", "SchemaCache"]

DEFAULT_CACHE_SIZE: Final = 16

K = TypeVar("K")
V = TypeVar("V")


class SchemaCache(Generic[K, V]):
    """A thread-safe least-recently-used mapping of at most ``max_size`` entries.

    Keys are schemas (built schemas compare by content, builders by identity), values whatever
    the transformation derived from them: an updated schema or a compiled plan.
    """

    __slots__ = ("_entries", "_lock", "_max_size")

    def __init__(self, max_size: int = DEFAULT_CACHE_SIZE) -> None:
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
        """Cache ``value`` for ``key``, dropping the least recently used entry when full."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._max_size:
                self._entries.popitem(last=False)

    def size(self) -> int:
        """The number of cached entries."""
        return len(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
