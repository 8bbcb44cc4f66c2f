"""The worker's stores in compacted topics: source offsets (``KafkaOffsetBackingStore``) and
connector configurations (``KafkaConfigBackingStore``), in the record formats of Kafka Connect.

- Offsets topic (``offset.storage.topic``): the key is ``["<connector>",{<source partition>}]``
  and the value ``{<source offset>}``, both JSON as Kafka's JsonConverter writes them without
  schemas (serialized by :mod:`connectors.runtime.offsets`); a ``null`` value deletes the
  entry. Keys are partitioned with murmur2 as the Java producer does.
- Configs topic (``config.storage.topic``, one partition): the key is ``connector-<name>`` and
  the value ``{"properties":{...}}``; a ``null`` value deletes the connector. Other records a
  Java worker writes there (task configurations, target states, commits) are ignored.

Both mirror their topic in memory (:class:`~.topic_log.KafkaTopicLog`): a read first catches
up with the topic's end; a write returns once the broker stored it, and is visible to the
next read in this process at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Mapping
from typing import Final

import orjson

from connect_data.errors import ConnectException
from connectors.runtime.recordlog.backend import ConfigBackingStore, OffsetBackingStore
from connectors.runtime.recordlog.kafka.topic_log import KafkaTopicLog

__all__ = ["KafkaConfigBackingStore", "KafkaOffsetBackingStore", "SharedOffsetStore"]

log = logging.getLogger(__name__)

CONNECTOR_PREFIX: Final = "connector-"


class _Mirror:
    """Latest value per key, ignoring records older than the one already applied."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.values: dict[bytes, tuple[int, int, bytes | None]] = {}

    def apply(self, partition: int, offset: int, key: bytes | None, value: bytes | None) -> None:
        if key is None:
            return
        with self.lock:
            current = self.values.get(key)
            if current is not None and current[0] == partition and current[1] > offset:
                return
            self.values[key] = (partition, offset, value)

    def get(self, key: bytes) -> bytes | None:
        with self.lock:
            found = self.values.get(key)
        return None if found is None else found[2]


class _TopicStore:
    def __init__(self, make_log: Callable[[Callable[..., None]], KafkaTopicLog]) -> None:
        self._mirror = _Mirror()
        self._log = make_log(self._mirror.apply)
        self._start_lock = threading.Lock()
        self._started = False

    def _ensure_started(self) -> None:
        with self._start_lock:
            if not self._started:
                self._log.start()
                self._started = True

    def _write(self, entries: list[tuple[bytes, bytes | None]], timeout_s: float | None) -> None:
        self._ensure_started()
        placed = self._log.send_all(entries, timeout_s)
        for (key, value), (partition, offset) in zip(entries, placed, strict=True):
            self._mirror.apply(partition, offset, key, value)

    def close(self) -> None:
        """Stop following the topic."""
        with self._start_lock:
            if self._started:
                self._started = False
                self._log.stop()


class KafkaOffsetBackingStore(_TopicStore, OffsetBackingStore):
    """Source offsets in the compacted offsets topic (see the module docs).

    One store serves the whole worker; tasks get :class:`SharedOffsetStore` views of it.
    ``write_timeout_s`` bounds :meth:`set`.
    """

    def __init__(
        self,
        make_log: Callable[[Callable[..., None]], KafkaTopicLog],
        write_timeout_s: float | None = None,
    ) -> None:
        super().__init__(make_log)
        self._write_timeout_s = write_timeout_s

    def start(self) -> None:
        self._ensure_started()

    def stop(self) -> None:
        self.close()

    def get(self, keys: Collection[bytes]) -> dict[bytes, bytes | None]:
        self._ensure_started()
        self._log.read_to_end()
        return {key: self._mirror.get(key) for key in keys}

    def set(self, values: Mapping[bytes, bytes | None]) -> None:
        if values:
            self._write(list(values.items()), self._write_timeout_s)

    def entries(self) -> dict[bytes, bytes]:
        """Every stored (not deleted) key and value, after reading the topic to its end."""
        self._ensure_started()
        self._log.read_to_end()
        with self._mirror.lock:
            return {k: v[2] for k, v in self._mirror.values.items() if v[2] is not None}


class SharedOffsetStore(OffsetBackingStore):
    """A task's view of the worker's offset store: ``start`` opens the shared store, ``stop``
    leaves it open for the other tasks (the record log closes it)."""

    def __init__(self, store: KafkaOffsetBackingStore) -> None:
        self._store = store

    def start(self) -> None:
        self._store.start()

    def get(self, keys: Collection[bytes]) -> dict[bytes, bytes | None]:
        return self._store.get(keys)

    def set(self, values: Mapping[bytes, bytes | None]) -> None:
        self._store.set(values)

    def entries(self) -> dict[bytes, bytes]:
        return self._store.entries()


class KafkaConfigBackingStore(_TopicStore, ConfigBackingStore):
    """Connector configurations in the compacted configs topic (see the module docs)."""

    def _read(self) -> None:
        self._ensure_started()
        self._log.read_to_end()

    def put(self, name: str, config: Mapping[str, str]) -> None:
        value = orjson.dumps({"properties": {str(k): str(v) for k, v in config.items()}})
        self._write([(f"{CONNECTOR_PREFIX}{name}".encode(), value)], None)

    def get(self, name: str) -> dict[str, str] | None:
        self._read()
        raw = self._mirror.get(f"{CONNECTOR_PREFIX}{name}".encode())
        return None if raw is None else _properties(name, raw)

    def names(self) -> list[str]:
        self._read()
        with self._mirror.lock:
            keys = [k for k, v in self._mirror.values.items() if v[2] is not None]
        names: list[str] = []
        for key in keys:
            text = key.decode("utf-8", "replace")
            if text.startswith(CONNECTOR_PREFIX):
                names.append(text[len(CONNECTOR_PREFIX) :])
        return sorted(names)

    def remove(self, name: str) -> None:
        self._write([(f"{CONNECTOR_PREFIX}{name}".encode(), None)], None)


def _properties(name: str, raw: bytes) -> dict[str, str] | None:
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ConnectException(
            f"The stored configuration of connector {name} is not JSON: {exc}"
        ) from exc
    if isinstance(data, dict) and "schema" in data and "payload" in data:
        data = data["payload"]
    properties = data.get("properties") if isinstance(data, dict) else None
    if not isinstance(properties, dict):
        log.error("The stored configuration of connector %s has no properties; ignored", name)
        return None
    return {str(k): str(v) for k, v in properties.items()}
