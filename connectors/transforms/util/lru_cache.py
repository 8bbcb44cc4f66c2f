"""The bounded cache each stock transformation keeps of the schemas it derived.

Java's transformations hold ``new SynchronizedCache<>(new LRUCache<>(16))``: a transformation
builds the updated schema once per input schema and reuses it, so per-record work does not walk
the schema. :class:`SchemaCache` is that cache: least-recently-used, thread-safe, 16 entries.
"""

from __future__ import annotations

from typing import Final, TypeVar

from connect_data.cache import LRUCache

__all__ = ["DEFAULT_CACHE_SIZE", "SchemaCache"]

DEFAULT_CACHE_SIZE: Final = 16

K = TypeVar("K")
V = TypeVar("V")


class SchemaCache(LRUCache[K, V]):
    """An :class:`~connect_data.cache.LRUCache` of :data:`DEFAULT_CACHE_SIZE` entries by default.

    Keys are schemas (built schemas compare by content, builders by identity), values whatever
    the transformation derived from them: an updated schema or a compiled plan.
    """

    __slots__ = ()

    def __init__(self, max_size: int = DEFAULT_CACHE_SIZE) -> None:
        super().__init__(max_size)
