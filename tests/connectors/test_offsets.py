"""Tests of connectors.offsets: partition keys and the offsets() answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from connectors import OffsetStorageReader, PartitionOffsets, partition_key

_PRIMITIVE = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5))
_PARTITIONS = st.dictionaries(st.text(max_size=5), _PRIMITIVE, max_size=5)


@given(_PARTITIONS)
def test_partition_key_ignores_key_order(partition: dict[str, Any]) -> None:
    """Two maps with the same entries in another order have the same key."""
    reordered = dict(reversed(list(partition.items())))
    assert partition_key(partition) == partition_key(reordered)
    hash(partition_key(partition))


def test_partition_offsets_is_indexed_by_the_partition_maps() -> None:
    """Lookups take the (unhashable) dicts asked for; iteration yields them."""
    offsets = PartitionOffsets([({"f": "a"}, {"pos": 1}), ({"f": "b"}, None)])
    assert offsets[{"f": "a"}] == {"pos": 1}
    assert offsets[{"f": "b"}] is None
    assert {"f": "a"} in offsets and {"f": "c"} not in offsets
    assert list(offsets) == [{"f": "a"}, {"f": "b"}]
    assert len(offsets) == 2


class _Reader(OffsetStorageReader):
    def __init__(self, data: dict[str, int]) -> None:
        self.data = data

    def offset(self, partition: Mapping[str, Any]) -> dict[str, Any] | None:
        found = self.data.get(partition["f"])
        return None if found is None else {"pos": found}


def test_default_offsets_asks_offset_per_partition() -> None:
    """OffsetStorageReader.offsets falls back to offset() for each partition."""
    result = _Reader({"a": 3}).offsets([{"f": "a"}, {"f": "z"}])
    assert result[{"f": "a"}] == {"pos": 3} and result[{"f": "z"}] is None
