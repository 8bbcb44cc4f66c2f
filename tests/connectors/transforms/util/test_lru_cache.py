"""SchemaCache: Java's SynchronizedCache(new LRUCache(16)) for derived schemas."""

from __future__ import annotations

from connectors.transforms.util.lru_cache import DEFAULT_CACHE_SIZE, SchemaCache


def test_keeps_at_most_max_size_entries_dropping_the_least_recently_used() -> None:
    """Putting past the size evicts the entry used longest ago; get refreshes an entry."""
    cache: SchemaCache[str, int] = SchemaCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert cache.get("b") is None
    assert cache.get("a") == 1
    assert cache.get("c") == 3
    assert len(cache) == cache.size() == 2


def test_default_size_is_javas() -> None:
    """The default holds 16 schemas, as the Java transformations."""
    cache: SchemaCache[int, int] = SchemaCache()
    for i in range(20):
        cache.put(i, i)
    assert DEFAULT_CACHE_SIZE == 16
    assert len(cache) == 16
    assert cache.get(3) is None
    assert cache.get(19) == 19
