"""Source offsets: their serialized form, the reader tasks use, the writer the loop flushes, and
the ``offset.storage.file.filename`` file store.

Ports ``OffsetStorageReaderImpl``, ``OffsetStorageWriter``, ``OffsetUtils`` and
``FileOffsetBackingStore``. As in Kafka Connect, an offset entry is stored as two JSON
documents: the key ``["<connector name>", {<source partition>}]`` and the value
``{<source offset>}`` (Kafka's internal JsonConverter with ``schemas.enable=false``; connectpy
writes map keys sorted so that equal partitions always give equal bytes).
"""

from __future__ import annotations

import base64
import logging
import os
import tempfile
import threading
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import orjson

from connect_data.errors import ConnectException, DataException
from connectors.offsets import OffsetStorageReader, PartitionOffsets, partition_key
from connectors.runtime.recordlog.backend import OffsetBackingStore

__all__ = [
    "FileOffsetBackingStore",
    "MemoryOffsetBackingStore",
    "OffsetStorageReaderImpl",
    "OffsetStorageWriter",
    "deserialize_offset_key",
    "serialize_offset_key",
    "serialize_offset_value",
    "validate_offset_format",
]

log = logging.getLogger(__name__)

_PRIMITIVES = (str, int, float, bool, bytes, bytearray, memoryview)


def validate_offset_format(data: Any, what: str = "Offsets") -> None:
    """Check a source partition or offset: a map of str keys to primitive values (or ``None``).

    Raises :class:`~connect_data.DataException` naming the offending key, as Kafka's
    ``OffsetUtils.validateFormat``.
    """
    if data is None:
        return
    if not isinstance(data, Mapping):
        raise DataException(f"{what} must be specified as a Map, not {type(data).__name__}")
    for key, value in data.items():
        if not isinstance(key, str):
            raise DataException(
                f"{what} may only contain keys of type String, but found key {key!r} of type "
                f"{type(key).__name__}"
            )
        if value is not None and not isinstance(value, _PRIMITIVES):
            raise DataException(
                f"{what} may only contain primitive types as values, but field {key} contains "
                f"{type(value).__name__}"
            )


def _json_default(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value, default=_json_default, option=orjson.OPT_SORT_KEYS)


def serialize_offset_key(namespace: str, partition: Mapping[str, Any]) -> bytes:
    """The stored key of a source partition of connector ``namespace``."""
    return _dumps([namespace, dict(partition)])


def serialize_offset_value(offset: Mapping[str, Any] | None) -> bytes | None:
    """The stored value of a source offset (``None`` for a tombstone)."""
    return None if offset is None else _dumps(dict(offset))


def deserialize_offset_key(key: bytes) -> tuple[str, dict[str, Any]] | None:
    """``(namespace, partition)`` from a stored key, or ``None`` if it is not one."""
    try:
        data = orjson.loads(key)
    except orjson.JSONDecodeError:
        return None
    if (
        not isinstance(data, list)
        or len(data) != 2
        or not isinstance(data[0], str)
        or not isinstance(data[1], dict)
    ):
        return None
    return data[0], data[1]


class OffsetStorageReaderImpl(OffsetStorageReader):
    """Reads the committed offsets of one connector (``namespace``) from a backing store."""

    def __init__(self, store: OffsetBackingStore, namespace: str) -> None:
        self._store = store
        self._namespace = namespace
        self._closed = False

    def offset(self, partition: Mapping[str, Any]) -> dict[str, Any] | None:
        return self.offsets([partition])[partition]

    def offsets(self, partitions: Collection[Mapping[str, Any]]) -> PartitionOffsets:
        if self._closed:
            raise ConnectException("Offset reader is closed.")
        keys: dict[bytes, Mapping[str, Any]] = {}
        for partition in partitions:
            validate_offset_format(partition, "Partitions")
            keys[serialize_offset_key(self._namespace, partition)] = partition
        try:
            raw = self._store.get(list(keys))
        except ConnectException:
            raise
        except Exception as exc:
            raise ConnectException(f"Failed to fetch offsets: {exc}") from exc
        entries: list[tuple[Mapping[str, Any], dict[str, Any] | None]] = []
        for key, partition in keys.items():
            value = raw.get(key)
            offset: dict[str, Any] | None = None
            if value is not None:
                try:
                    loaded = orjson.loads(value)
                    validate_offset_format(loaded)
                    offset = loaded
                except (orjson.JSONDecodeError, DataException) as exc:
                    log.error(
                        "Failed to deserialize offset data for connector %s: %s; "
                        "the partition is treated as having no offset",
                        self._namespace,
                        exc,
                    )
            entries.append((partition, offset))
        return PartitionOffsets(entries)

    def close(self) -> None:
        """Refuse further reads (a task being cancelled must not block on the store)."""
        self._closed = True


class OffsetStorageWriter:
    """Buffers the offsets a task's loop marks committable and flushes them to the store.

    Thread-safe: the task thread calls :meth:`offset`, the committer :meth:`begin_flush`,
    :meth:`do_flush` and :meth:`cancel_flush`. Only one flush runs at a time; offsets set while
    a flush runs go into the next one. A failed flush puts its offsets back under newer ones.
    """

    def __init__(self, store: OffsetBackingStore, namespace: str) -> None:
        self._store = store
        self._namespace = namespace
        self._lock = threading.Lock()
        self._data: dict[Any, tuple[Mapping[str, Any], Mapping[str, Any] | None]] = {}
        self._to_flush: dict[Any, tuple[Mapping[str, Any], Mapping[str, Any] | None]] | None = None

    def offset(self, partition: Mapping[str, Any] | None, offset: Mapping[str, Any] | None) -> None:
        """Set the offset to commit for a source partition (``None`` partitions are ignored)."""
        if partition is None:
            return
        with self._lock:
            self._data[partition_key(partition)] = (partition, offset)

    def begin_flush(self) -> bool:
        """Snapshot the offsets to flush; ``False`` if there are none."""
        with self._lock:
            if self._to_flush is not None:
                raise ConnectException(
                    "OffsetStorageWriter is already flushing; finish or cancel that flush first"
                )
            if not self._data:
                return False
            self._to_flush = self._data
            self._data = {}
            return True

    def serialized_snapshot(self) -> dict[bytes, bytes | None]:
        """The snapshot taken by :meth:`begin_flush`, serialized and validated."""
        with self._lock:
            snapshot = dict(self._to_flush or {})
        result: dict[bytes, bytes | None] = {}
        for partition, offset in snapshot.values():
            validate_offset_format(partition, "Partitions")
            validate_offset_format(offset)
            result[serialize_offset_key(self._namespace, partition)] = serialize_offset_value(
                offset
            )
        return result

    def do_flush(self) -> None:
        """Write the snapshot to the store; on error the snapshot is restored and it raises."""
        try:
            values = self.serialized_snapshot()
            self._store.set(values)
        except Exception:
            self.cancel_flush()
            raise
        self.complete_flush()

    def complete_flush(self) -> None:
        """Forget the snapshot after it was stored (by :meth:`do_flush` or a transaction)."""
        with self._lock:
            self._to_flush = None

    def cancel_flush(self) -> None:
        """Put the snapshot back, under offsets set since :meth:`begin_flush`."""
        with self._lock:
            if self._to_flush is not None:
                self._to_flush.update(self._data)
                self._data = self._to_flush
                self._to_flush = None


class MemoryOffsetBackingStore(OffsetBackingStore):
    """Offsets in a dict (``MemoryOffsetBackingStore``): for tests and as the file store's base."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[bytes, bytes] = {}

    def get(self, keys: Collection[bytes]) -> dict[bytes, bytes | None]:
        with self._lock:
            return {key: self._data.get(key) for key in keys}

    def set(self, values: Mapping[bytes, bytes | None]) -> None:
        with self._lock:
            for key, value in values.items():
                if value is None:
                    self._data.pop(key, None)
                else:
                    self._data[key] = value
            self._save()

    def entries(self) -> dict[bytes, bytes]:
        with self._lock:
            return dict(self._data)

    def _save(self) -> None:
        """Persist after a change; the memory store keeps nothing."""


class FileOffsetBackingStore(MemoryOffsetBackingStore):
    """Source offsets in a local file (``offset.storage.file.filename``), rewritten atomically.

    The file is JSON: ``{"<key as text>": "<value as text>"}`` (a temporary file is written,
    fsynced and renamed over the old one, so a crash leaves the old or the new version).
    """

    def __init__(self, filename: str | Path) -> None:
        super().__init__()
        self._path = Path(filename)

    def start(self) -> None:
        self._load()

    def _load(self) -> None:
        try:
            raw = self._path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise ConnectException(f"Cannot read the offsets file {self._path}: {exc}") from exc
        try:
            data = orjson.loads(raw) if raw.strip() else {}
        except orjson.JSONDecodeError as exc:
            raise ConnectException(
                f"The offsets file {self._path} is not the JSON connectpy writes: {exc}"
            ) from exc
        if not isinstance(data, dict):
            raise ConnectException(f"The offsets file {self._path} does not hold a JSON object")
        with self._lock:
            self._data = {str(k).encode(): str(v).encode() for k, v in data.items()}

    def _save(self) -> None:
        text = {k.decode(): v.decode() for k, v in self._data.items()}
        payload = orjson.dumps(text, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2)
        directory = self._path.parent
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self._path.name + ".", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
