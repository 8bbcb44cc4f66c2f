"""Reading the source offsets the runtime committed (``org.apache.kafka.connect.storage.OffsetStorageReader``)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterator, Mapping
from typing import Any

__all__ = ["OffsetStorageReader", "PartitionOffsets", "partition_key"]


def partition_key(partition: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """A hashable, key-order-independent stand-in for a source partition map.

    Python dicts cannot be dict keys or set members; use this where Java would put a
    ``Map<String, ?>`` into a ``HashMap`` or ``HashSet``.
    """
    try:
        key = tuple(sorted(partition.items()))
        hash(key)
    except TypeError:  # unhashable values (lists, nested maps, bytearray) or unorderable keys
        return tuple(sorted((str(k), _freeze(v)) for k, v in partition.items()))
    return key


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    return value


class PartitionOffsets(Mapping[Mapping[str, Any], "dict[str, Any] | None"]):
    """The answer of :meth:`OffsetStorageReader.offsets`: source partition map -> offset.

    Index it with the partition maps you asked about (``offsets[{"file": "a.txt"}]``), even
    though dicts are not hashable; iterating yields those partition maps.
    """

    __slots__ = ("_entries",)

    def __init__(
        self, entries: Collection[tuple[Mapping[str, Any], dict[str, Any] | None]] = ()
    ) -> None:
        self._entries: dict[Any, tuple[Mapping[str, Any], dict[str, Any] | None]] = {
            partition_key(partition): (partition, offset) for partition, offset in entries
        }

    def __getitem__(self, partition: Mapping[str, Any]) -> dict[str, Any] | None:
        return self._entries[partition_key(partition)][1]

    def __contains__(self, partition: object) -> bool:
        return isinstance(partition, Mapping) and partition_key(partition) in self._entries

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        return (partition for partition, _ in self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        body = ", ".join(f"{p!r}: {o!r}" for p, o in self._entries.values())
        return "{" + body + "}"


class OffsetStorageReader(ABC):
    """Gives a source connector or task the offsets committed for its source partitions.

    A source task calls this in :meth:`~connectors.SourceTask.start` to resume where the
    previous run stopped::

        def start(self, props):
            offset = self.context.offset_storage_reader().offset({"file": self.filename})
            self.position = 0 if offset is None else offset["position"]

    The answer is exactly what the runtime last committed for the partition: the offset of
    the newest record that the record log acknowledged, never one past a record that was not
    stored. Partitions are compared by value (their keys and values), not by identity.
    """

    @abstractmethod
    def offset(self, partition: Mapping[str, Any]) -> dict[str, Any] | None:
        """The committed offset of one source partition, or ``None`` if there is none."""

    def offsets(self, partitions: Collection[Mapping[str, Any]]) -> PartitionOffsets:
        """The committed offsets of several partitions (``None`` for those without one)."""
        return PartitionOffsets([(p, self.offset(p)) for p in partitions])
