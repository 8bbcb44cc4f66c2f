"""Active topics (KIP-558): the topics each connector has written to or read from.

As in Kafka Connect, a source task's topic counts once the record log acknowledged a record
written to it, and a sink task's once a record was read from it. The worker wraps the
producer of each source task and the consumer of each sink task (see
:class:`TopicTrackingProducer` and :class:`TopicTrackingConsumer`) when ``topic.tracking.enable``
is true; ``GET /connectors/{name}/topics`` lists the set and ``PUT .../topics/reset`` empties
it (it fills again as records flow).

The embedded store keeps the sets in its ``connector_topics`` table, so they survive restarts
and every process sharing the file sees them (Kafka keeps them in its status topic). Other
record logs keep them in memory for the life of the worker.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Mapping

from connect_data.errors import ConnectException
from connectors.record import OffsetAndMetadata, RecordMetadata, TopicPartition
from connectors.runtime.recordlog.backend import (
    Consumer,
    ConsumerRecord,
    DeliveryCallback,
    Producer,
    ProducerRecord,
    RebalanceListener,
    RecordLog,
)
from connectors.runtime.recordlog.embedded import EmbeddedRecordLog

__all__ = [
    "ActiveTopicsStore",
    "EmbeddedActiveTopicsStore",
    "MemoryActiveTopicsStore",
    "TopicTrackingConsumer",
    "TopicTrackingProducer",
    "open_active_topics_store",
]


class ActiveTopicsStore(ABC):
    """The set of active topics of each connector. Thread-safe.

    :meth:`known` hands out the live set a task wrapper checks on its per-record path (a set
    lookup, no lock); :meth:`record` adds to it and to the backing storage.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._known: dict[str, set[str]] = {}

    def known(self, connector: str) -> set[str]:
        """The live set of topics already recorded for ``connector`` (do not modify it)."""
        with self._lock:
            known = self._known.get(connector)
            if known is None:
                known = set(self._read(connector))
                self._known[connector] = known
            return known

    def record(self, connector: str, topic: str) -> None:
        """Remember that ``connector`` used ``topic``."""
        with self._lock:
            known = self._known.setdefault(connector, set())
            if topic in known:
                return
            self._write(connector, topic)
            known.add(topic)

    def topics(self, connector: str) -> list[str]:
        """The active topics of ``connector``, sorted (empty for an unknown connector)."""
        with self._lock:
            return sorted(self._read(connector))

    def reset(self, connector: str) -> None:
        """Forget the active topics of ``connector``."""
        with self._lock:
            self._delete(connector)
            known = self._known.get(connector)
            if known is not None:
                known.clear()

    def close(self) -> None:  # noqa: B027  (optional hook)
        """Release the storage; the default does nothing."""

    @abstractmethod
    def _read(self, connector: str) -> Collection[str]: ...

    @abstractmethod
    def _write(self, connector: str, topic: str) -> None: ...

    @abstractmethod
    def _delete(self, connector: str) -> None: ...


class MemoryActiveTopicsStore(ActiveTopicsStore):
    """Active topics kept in memory for the life of the worker."""

    def _read(self, connector: str) -> Collection[str]:
        return set(self._known.get(connector, ()))

    def _write(self, connector: str, topic: str) -> None:
        """Nothing to persist: :meth:`record` updates the in-memory set."""

    def _delete(self, connector: str) -> None:
        """Nothing to persist: :meth:`reset` clears the in-memory set."""


class EmbeddedActiveTopicsStore(ActiveTopicsStore):
    """Active topics in the embedded store's ``connector_topics`` table."""

    def __init__(self, record_log: EmbeddedRecordLog) -> None:
        super().__init__()
        self._log = record_log
        self._conn: sqlite3.Connection | None = record_log.connect()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise ConnectException("The active topics store is closed")
        return self._conn

    def _read(self, connector: str) -> Collection[str]:
        rows = (
            self._connection()
            .execute("SELECT topic FROM connector_topics WHERE connector = ?", (connector,))
            .fetchall()
        )
        return {str(row[0]) for row in rows}

    def _write(self, connector: str, topic: str) -> None:
        conn = self._connection()
        with self._log.write_transaction(conn):
            conn.execute(
                "INSERT OR IGNORE INTO connector_topics (connector, topic, updated_ms) "
                "VALUES (?, ?, ?)",
                (connector, topic, time.time_ns() // 1_000_000),
            )

    def _delete(self, connector: str) -> None:
        conn = self._connection()
        with self._log.write_transaction(conn):
            conn.execute("DELETE FROM connector_topics WHERE connector = ?", (connector,))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def open_active_topics_store(record_log: RecordLog) -> ActiveTopicsStore:
    """The store for ``record_log``: its table for the embedded store, memory otherwise."""
    if isinstance(record_log, EmbeddedRecordLog):
        return EmbeddedActiveTopicsStore(record_log)
    return MemoryActiveTopicsStore()


class TopicTrackingProducer(Producer):
    """A producer that records the topics of acknowledged records as ``connector``'s."""

    __slots__ = ("_connector", "_known", "_producer", "_send", "_store")

    def __init__(self, producer: Producer, store: ActiveTopicsStore, connector: str) -> None:
        self._producer = producer
        self._send = producer.send
        self._store = store
        self._connector = connector
        self._known = store.known(connector)

    def send(self, record: ProducerRecord, callback: DeliveryCallback | None = None) -> None:
        if record.topic in self._known:
            self._send(record, callback)
        else:
            self._send(record, self._tracking(record.topic, callback))

    def _tracking(self, topic: str, callback: DeliveryCallback | None) -> DeliveryCallback:
        def tracked(metadata: RecordMetadata | None, error: BaseException | None) -> None:
            if error is None:
                self._store.record(self._connector, topic)
            if callback is not None:
                callback(metadata, error)

        return tracked

    def flush(self, timeout: float | None = None) -> bool:
        return self._producer.flush(timeout)

    def close(self, timeout: float | None = None) -> None:
        self._producer.close(timeout)

    def supports_transactions(self) -> bool:
        return self._producer.supports_transactions()

    def begin_transaction(self) -> None:
        self._producer.begin_transaction()

    def commit_transaction(
        self, source_offsets: Mapping[bytes, bytes | None] | None = None
    ) -> None:
        self._producer.commit_transaction(source_offsets)

    def abort_transaction(self) -> None:
        self._producer.abort_transaction()


class TopicTrackingConsumer(Consumer):
    """A consumer that records the topics of the records it returns as ``connector``'s."""

    __slots__ = ("_connector", "_consumer", "_known", "_store")

    def __init__(self, consumer: Consumer, store: ActiveTopicsStore, connector: str) -> None:
        self._consumer = consumer
        self._store = store
        self._connector = connector
        self._known = store.known(connector)

    def poll(self, timeout: float) -> list[ConsumerRecord]:
        records = self._consumer.poll(timeout)
        known = self._known
        for record in records:
            if record.topic not in known:
                self._store.record(self._connector, record.topic)
        return records

    def subscribe(
        self,
        topics: Collection[str] | None = None,
        pattern: re.Pattern[str] | None = None,
        listener: RebalanceListener | None = None,
    ) -> None:
        self._consumer.subscribe(topics, pattern, listener)

    def assign(self, partitions: Collection[TopicPartition]) -> None:
        self._consumer.assign(partitions)

    def assignment(self) -> set[TopicPartition]:
        return self._consumer.assignment()

    def position(self, partition: TopicPartition) -> int:
        return self._consumer.position(partition)

    def seek(self, partition: TopicPartition, offset: int) -> None:
        self._consumer.seek(partition, offset)

    def pause(self, partitions: Collection[TopicPartition]) -> None:
        self._consumer.pause(partitions)

    def resume(self, partitions: Collection[TopicPartition]) -> None:
        self._consumer.resume(partitions)

    def paused(self) -> set[TopicPartition]:
        return self._consumer.paused()

    def commit_sync(self, offsets: Mapping[TopicPartition, OffsetAndMetadata]) -> None:
        self._consumer.commit_sync(offsets)

    def commit_async(
        self,
        offsets: Mapping[TopicPartition, OffsetAndMetadata],
        callback: Callable[
            [Mapping[TopicPartition, OffsetAndMetadata], BaseException | None], None
        ],
    ) -> None:
        self._consumer.commit_async(offsets, callback)

    def committed(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, OffsetAndMetadata | None]:
        return self._consumer.committed(partitions)

    def end_offsets(self, partitions: Collection[TopicPartition]) -> dict[TopicPartition, int]:
        return self._consumer.end_offsets(partitions)

    def beginning_offsets(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, int]:
        return self._consumer.beginning_offsets(partitions)

    def wakeup(self) -> None:
        self._consumer.wakeup()

    def close(self) -> None:
        self._consumer.close()
