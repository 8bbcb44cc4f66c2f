"""Tests of connectors.runtime.offsets: serialization, reader, writer and the file store."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

import pytest

from connect_data.errors import ConnectException, DataException
from connectors.runtime.offsets import (
    FileOffsetBackingStore,
    MemoryOffsetBackingStore,
    OffsetStorageReaderImpl,
    OffsetStorageWriter,
    deserialize_offset_key,
    serialize_offset_key,
    serialize_offset_value,
    validate_offset_format,
)


def test_keys_are_kafka_connects_json_shape() -> None:
    """The stored key is ["<connector>", {partition}] as compact JSON with sorted keys."""
    assert serialize_offset_key("conn", {"b": 1, "a": "x"}) == b'["conn",{"a":"x","b":1}]'
    assert serialize_offset_value({"pos": 5}) == b'{"pos":5}'
    assert serialize_offset_value(None) is None
    assert deserialize_offset_key(b'["conn",{"a":"x"}]') == ("conn", {"a": "x"})
    assert deserialize_offset_key(b"[1]") is None


def test_bytes_values_are_base64_text() -> None:
    """A bytes offset value is written as base64, as Kafka's JsonConverter does schemaless."""
    assert serialize_offset_value({"b": b"\x00\x01"}) == b'{"b":"AAE="}'


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1], "must be specified as a Map"),
        ({1: "a"}, "keys of type String"),
        ({"a": [1]}, "primitive types as values, but field a contains list"),
        ({"a": {"b": 1}}, "field a contains dict"),
    ],
)
def test_offsets_must_be_flat_maps_of_primitives(data: object, message: str) -> None:
    """Nested or non-map offsets raise DataException naming the field."""
    with pytest.raises(DataException, match=message):
        validate_offset_format(data)


def test_writer_flushes_the_latest_offset_per_partition() -> None:
    """Several offsets for one partition flush as the last; the reader returns it."""
    store = MemoryOffsetBackingStore()
    writer = OffsetStorageWriter(store, "c")
    writer.offset({"f": "a"}, {"pos": 1})
    writer.offset({"f": "a"}, {"pos": 2})
    writer.offset({"f": "b"}, {"pos": 7})
    assert writer.begin_flush()
    writer.do_flush()
    reader = OffsetStorageReaderImpl(store, "c")
    assert reader.offset({"f": "a"}) == {"pos": 2}
    assert reader.offsets([{"f": "b"}, {"f": "z"}])[{"f": "b"}] == {"pos": 7}
    assert OffsetStorageReaderImpl(store, "other").offset({"f": "a"}) is None
    assert not writer.begin_flush()


class _FailingStore(MemoryOffsetBackingStore):
    def __init__(self) -> None:
        super().__init__()
        self.fail = True

    def set(self, values: Mapping[bytes, bytes | None]) -> None:
        if self.fail:
            raise OSError("disk full")
        super().set(values)


def test_failed_flush_keeps_offsets_under_newer_ones() -> None:
    """After a failed flush its offsets come back, but newer offsets set meanwhile win."""
    store = _FailingStore()
    writer = OffsetStorageWriter(store, "c")
    writer.offset({"f": "a"}, {"pos": 1})
    writer.offset({"f": "b"}, {"pos": 1})
    assert writer.begin_flush()
    writer.offset({"f": "a"}, {"pos": 2})
    with pytest.raises(OSError, match="disk full"):
        writer.do_flush()
    store.fail = False
    assert writer.begin_flush()
    writer.do_flush()
    reader = OffsetStorageReaderImpl(store, "c")
    assert reader.offset({"f": "a"}) == {"pos": 2} and reader.offset({"f": "b"}) == {"pos": 1}


def test_only_one_flush_at_a_time() -> None:
    """begin_flush while a flush is open raises."""
    writer = OffsetStorageWriter(MemoryOffsetBackingStore(), "c")
    writer.offset({"f": "a"}, {"pos": 1})
    writer.begin_flush()
    writer.offset({"f": "a"}, {"pos": 2})
    with pytest.raises(ConnectException, match="already flushing"):
        writer.begin_flush()


def test_null_offset_deletes() -> None:
    """Flushing a None offset removes the stored one."""
    store = MemoryOffsetBackingStore()
    writer = OffsetStorageWriter(store, "c")
    for offset in ({"pos": 1}, None):
        writer.offset({"f": "a"}, offset)
        writer.begin_flush()
        writer.do_flush()
    assert OffsetStorageReaderImpl(store, "c").offset({"f": "a"}) is None


def test_corrupt_stored_offset_reads_as_none() -> None:
    """A value that is not an offset map is logged and treated as no offset."""
    store = MemoryOffsetBackingStore()
    store.set({serialize_offset_key("c", {"f": "a"}): b"[1, 2]"})
    assert OffsetStorageReaderImpl(store, "c").offset({"f": "a"}) is None


def test_closed_reader_refuses_reads() -> None:
    """A reader closed by a cancelled task raises instead of blocking."""
    reader = OffsetStorageReaderImpl(MemoryOffsetBackingStore(), "c")
    reader.close()
    with pytest.raises(ConnectException, match="closed"):
        reader.offset({"f": "a"})


class _CountingStore(MemoryOffsetBackingStore):
    def __init__(self) -> None:
        super().__init__()
        self.gets = 0

    def get(self, keys: Collection[bytes]) -> dict[bytes, bytes | None]:
        self.gets += 1
        return super().get(keys)


def test_offsets_reads_all_partitions_at_once() -> None:
    """offsets() asks the store once for every partition."""
    store = _CountingStore()
    OffsetStorageReaderImpl(store, "c").offsets([{"f": str(i)} for i in range(5)])
    assert store.gets == 1


def test_file_store_survives_a_restart(tmp_path: Path) -> None:
    """Offsets set in one file store are read by a new one on the same file."""
    path = tmp_path / "offsets.json"
    first = FileOffsetBackingStore(path)
    first.start()
    first.set({b"k1": b"v1", b"k2": b"v2"})
    first.set({b"k2": None})
    second = FileOffsetBackingStore(path)
    second.start()
    assert second.get([b"k1", b"k2"]) == {b"k1": b"v1", b"k2": None}
    assert not list(tmp_path.glob("*.tmp"))


def test_file_store_rejects_a_foreign_file(tmp_path: Path) -> None:
    """A file that is not connectpy's JSON is a clear error (e.g. a Java offsets file)."""
    path = tmp_path / "offsets"
    path.write_bytes(b"\xac\xed\x00\x05sr\x00")
    with pytest.raises(ConnectException, match="is not the JSON connectpy writes"):
        FileOffsetBackingStore(path).start()


def test_memory_store_entries_list_what_is_stored() -> None:
    """entries() returns every stored key and value; deleted keys are gone."""
    store = MemoryOffsetBackingStore()
    store.set({b"a": b"1", b"b": b"2"})
    store.set({b"a": None})
    assert store.entries() == {b"b": b"2"}
