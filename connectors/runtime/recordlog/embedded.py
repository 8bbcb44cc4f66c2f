"""The embedded record log: topics, offsets and configs in one SQLite database file (WAL mode).

The default backend when a worker has no ``bootstrap.servers``. Everything lives in the file
named by ``embedded.store.path``:

- ``topics`` / ``partitions`` / ``records``: the append-only partitions. Offsets are dense and
  start at 0, as in Kafka; a record is visible to readers once its transaction commits.
- ``group_offsets``: the committed offsets of consumer groups (``connect-<connector>``).
- ``source_offsets``: source offsets as serialized key/value bytes, as Kafka Connect stores them.
- ``connector_configs``: connector configurations by name.
- ``connector_topics``: the topics each connector used (KIP-558 active topics).
- ``meta``: the schema version and the store's cluster id.

A transactional producer writes records and the source offsets covering them in one SQLite
transaction, so a source task restarted after ``kill -9`` resumes exactly after the last stored
record: exactly-once delivery for sources. Writes are committed with ``synchronous=NORMAL``
by default, which survives the death of the process at any moment; ``FULL`` also survives a
power loss, at the cost of an fsync per transaction.

Several processes may open the same file: writes are serialized by SQLite's lock and readers
never block writers. Consumer groups are coordinated inside one process only.
"""

from __future__ import annotations

import base64
import collections
import contextlib
import logging
import re
import sqlite3
import struct
import threading
import time
import uuid
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import orjson

from connect_data.errors import ConnectException, RetriableException
from connectors.record import OffsetAndMetadata, RecordMetadata, TimestampType, TopicPartition
from connectors.runtime.recordlog.backend import (
    ConfigBackingStore,
    Consumer,
    ConsumerRecord,
    DeliveryCallback,
    OffsetBackingStore,
    Producer,
    ProducerRecord,
    RebalanceListener,
    RecordLog,
    RecordLogAdmin,
    WakeupException,
)
from connectors.runtime.recordlog.partitioner import KeyPartitioner

__all__ = ["EmbeddedRecordLog"]

log = logging.getLogger(__name__)

_SCHEMA_VERSION: Final = "1"
_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS topics (
    name TEXT PRIMARY KEY,
    partitions INTEGER NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS partitions (
    id INTEGER PRIMARY KEY,
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    log_start INTEGER NOT NULL DEFAULT 0,
    log_end INTEGER NOT NULL DEFAULT 0,
    UNIQUE (topic, partition)
);
CREATE TABLE IF NOT EXISTS records (
    tp INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    timestamp_type INTEGER NOT NULL,
    key BLOB,
    value BLOB,
    headers BLOB,
    PRIMARY KEY (tp, offset)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS group_offsets (
    group_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    metadata TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (group_id, topic, partition)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS source_offsets (
    key BLOB PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS connector_configs (
    name TEXT PRIMARY KEY,
    config TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS connector_topics (
    connector TEXT NOT NULL,
    topic TEXT NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (connector, topic)
) WITHOUT ROWID;
"""

_MAX_TRANSACTION_RECORDS: Final = 10_000
_MAX_BUFFERED_RECORDS: Final = 50_000
_METADATA_REFRESH_S: Final = 0.5
_IDLE_RECHECK_S: Final = 0.05
_CREATE_TIME: Final = TimestampType.CREATE_TIME.id
_U16: Final = struct.Struct(">H")
_I32: Final = struct.Struct(">i")


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def encode_headers(headers: Sequence[tuple[str, bytes | None]]) -> bytes | None:
    """Pack serialized headers into one blob (``None`` when there are none)."""
    if not headers:
        return None
    parts: list[bytes] = []
    for key, value in headers:
        raw_key = key.encode("utf-8")
        parts.append(_U16.pack(len(raw_key)))
        parts.append(raw_key)
        if value is None:
            parts.append(_I32.pack(-1))
        else:
            parts.append(_I32.pack(len(value)))
            parts.append(bytes(value))
    return b"".join(parts)


def decode_headers(blob: bytes | None) -> tuple[tuple[str, bytes | None], ...]:
    """Unpack a blob written by :func:`encode_headers`."""
    if not blob:
        return ()
    result: list[tuple[str, bytes | None]] = []
    pos = 0
    while pos < len(blob):
        (key_len,) = _U16.unpack_from(blob, pos)
        pos += 2
        key = blob[pos : pos + key_len].decode("utf-8")
        pos += key_len
        (value_len,) = _I32.unpack_from(blob, pos)
        pos += 4
        if value_len < 0:
            result.append((key, None))
        else:
            result.append((key, blob[pos : pos + value_len]))
            pos += value_len
    return tuple(result)


class _Topic:
    __slots__ = ("ids", "name")

    def __init__(self, name: str, ids: list[int]) -> None:
        self.name = name
        self.ids = ids


class EmbeddedRecordLog(RecordLog):
    """The SQLite record log. Open one per process and share it between components.

    ``path`` is the database file (its directory is created); ``num_partitions`` the partition
    count of topics created automatically; ``synchronous`` SQLite's ``NORMAL`` or ``FULL``.
    """

    name = "embedded"

    def __init__(
        self,
        path: str | Path,
        num_partitions: int = 1,
        synchronous: str = "NORMAL",
        auto_create_topics: bool = True,
        busy_timeout_ms: int = 30_000,
    ) -> None:
        if num_partitions < 1:
            raise ConnectException(f"num.partitions must be at least 1, got {num_partitions}")
        sync = synchronous.strip().upper()
        if sync not in ("NORMAL", "FULL"):
            raise ConnectException(
                f"embedded.store.synchronous must be NORMAL or FULL, got {synchronous}"
            )
        self.path = Path(path)
        self.num_partitions = num_partitions
        self.auto_create_topics = auto_create_topics
        self._synchronous = sync
        self._busy_timeout_s = busy_timeout_ms / 1000.0
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._partitioner = KeyPartitioner()
        self._data = threading.Condition()
        self._data_version = 0
        self._groups = _GroupCoordinator(self)
        self._closed = False
        self._conn = self.connect()
        self._conn_lock = threading.RLock()
        with self.write_transaction(self._conn):
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                self._conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema', ?)", (_SCHEMA_VERSION,)
                )
            elif row[0] != _SCHEMA_VERSION:
                raise ConnectException(
                    f"The embedded store {self.path} has schema version {row[0]}, "
                    f"this connectpy reads version {_SCHEMA_VERSION}"
                )

    # ----------------------------------------------------------------- connections

    def connect(self) -> sqlite3.Connection:
        """A new connection to the database, in WAL mode, in autocommit (explicit BEGIN) mode."""
        try:
            conn = sqlite3.connect(
                str(self.path),
                timeout=self._busy_timeout_s,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA synchronous={self._synchronous}")
        except sqlite3.Error as exc:
            raise ConnectException(f"Cannot open the embedded store {self.path}: {exc}") from exc
        return conn

    @contextlib.contextmanager
    def write_transaction(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error) on ``conn``."""
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise RetriableException(f"The embedded store {self.path} is busy: {exc}") from exc
        try:
            yield conn
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise ConnectException(
                f"Commit to the embedded store {self.path} failed: {exc}"
            ) from exc

    def describe(self) -> str:
        return f"embedded store {self.path} (SQLite WAL, synchronous={self._synchronous})"

    def cluster_id(self) -> str:
        """A random id in Kafka's format (22 characters of URL-safe base64), created with the
        store file and kept in it."""
        with self._conn_lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'cluster_id'").fetchone()
            if row is not None:
                return str(row[0])
            candidate = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode("ascii").rstrip("=")
            with self.write_transaction(self._conn):
                self._conn.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('cluster_id', ?)",
                    (candidate,),
                )
                row = self._conn.execute(
                    "SELECT value FROM meta WHERE key = 'cluster_id'"
                ).fetchone()
            return str(row[0])

    # ----------------------------------------------------------------- topics

    def _topic(self, conn: sqlite3.Connection, name: str, create: bool) -> _Topic | None:
        """The topic's partition ids, creating the topic if asked (call inside a write txn)."""
        rows = conn.execute(
            "SELECT id FROM partitions WHERE topic = ? ORDER BY partition", (name,)
        ).fetchall()
        if rows:
            return _Topic(name, [r[0] for r in rows])
        if not create:
            return None
        self._create_topic(conn, name, self.num_partitions)
        rows = conn.execute(
            "SELECT id FROM partitions WHERE topic = ? ORDER BY partition", (name,)
        ).fetchall()
        return _Topic(name, [r[0] for r in rows])

    def _create_topic(self, conn: sqlite3.Connection, name: str, partitions: int) -> bool:
        _check_topic_name(name)
        if partitions < 1:
            raise ConnectException(
                f"A topic needs at least one partition, got {partitions} for {name}"
            )
        cursor = conn.execute(
            "INSERT OR IGNORE INTO topics (name, partitions, created_ms) VALUES (?, ?, ?)",
            (name, partitions, _now_ms()),
        )
        if cursor.rowcount == 0:
            return False
        conn.executemany(
            "INSERT INTO partitions (topic, partition) VALUES (?, ?)",
            [(name, p) for p in range(partitions)],
        )
        log.info("Created topic %s with %d partition(s) in the embedded store", name, partitions)
        return True

    def topics(self, conn: sqlite3.Connection | None = None) -> dict[str, int]:
        """Every topic with its partition count."""
        if conn is None:
            with self._conn_lock:
                return self.topics(self._conn)
        return dict(conn.execute("SELECT name, partitions FROM topics ORDER BY name").fetchall())

    def _offsets(
        self, conn: sqlite3.Connection, partitions: Collection[TopicPartition], column: str
    ) -> dict[TopicPartition, int]:
        result: dict[TopicPartition, int] = {}
        for tp in partitions:
            row = conn.execute(
                f"SELECT {column} FROM partitions WHERE topic = ? AND partition = ?",
                (tp.topic, tp.partition),
            ).fetchone()
            if row is None:
                raise ConnectException(f"Unknown topic partition {tp}")
            result[tp] = int(row[0])
        return result

    # ----------------------------------------------------------------- append

    def append(
        self,
        conn: sqlite3.Connection,
        records: Sequence[ProducerRecord],
        source_offsets: Mapping[bytes, bytes | None] | None = None,
    ) -> list[RecordMetadata]:
        """Append ``records`` (and store ``source_offsets``) in one transaction."""
        metadata: list[RecordMetadata] = []
        now = _now_ms()
        with self.write_transaction(conn):
            topics: dict[str, _Topic] = {}
            next_offsets: dict[int, int] = {}
            rows: list[tuple[Any, ...]] = []
            for record in records:
                topic = topics.get(record.topic)
                if topic is None:
                    found = self._topic(conn, record.topic, self.auto_create_topics)
                    if found is None:
                        raise ConnectException(
                            f"Topic {record.topic} does not exist in the embedded store and "
                            "automatic topic creation is disabled"
                        )
                    topic = topics[record.topic] = found
                count = len(topic.ids)
                partition = record.partition
                if partition is None:
                    partition = self._partitioner.partition(record.key, count)
                elif not 0 <= partition < count:
                    raise ConnectException(
                        f"Invalid partition given with record: {partition} is not in the range "
                        f"[0...{count}] of topic {record.topic}."
                    )
                tp_id = topic.ids[partition]
                offset = next_offsets.get(tp_id)
                if offset is None:
                    offset = conn.execute(
                        "SELECT log_end FROM partitions WHERE id = ?", (tp_id,)
                    ).fetchone()[0]
                next_offsets[tp_id] = offset + 1
                timestamp = now if record.timestamp is None else record.timestamp
                rows.append(
                    (
                        tp_id,
                        offset,
                        timestamp,
                        _CREATE_TIME,
                        record.key,
                        record.value,
                        encode_headers(record.headers),
                    )
                )
                metadata.append(
                    RecordMetadata(
                        topic=record.topic,
                        partition=partition,
                        offset=offset,
                        timestamp=timestamp,
                        serialized_key_size=-1 if record.key is None else len(record.key),
                        serialized_value_size=-1 if record.value is None else len(record.value),
                    )
                )
            if rows:
                conn.executemany(
                    "INSERT INTO records (tp, offset, timestamp, timestamp_type, key, value, headers)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                conn.executemany(
                    "UPDATE partitions SET log_end = ? WHERE id = ?",
                    [(end, tp_id) for tp_id, end in next_offsets.items()],
                )
            if source_offsets:
                _store_source_offsets(conn, source_offsets)
        if rows:
            self.notify_data()
        return metadata

    def notify_data(self) -> None:
        """Wake the consumers of this process: new records were committed."""
        with self._data:
            self._data_version += 1
            self._data.notify_all()

    def wait_for_data(self, seen_version: int, timeout: float) -> int:
        """Wait until records newer than ``seen_version`` were committed here, or ``timeout``."""
        with self._data:
            if self._data_version == seen_version and timeout > 0:
                self._data.wait(timeout)
            return self._data_version

    @property
    def data_version(self) -> int:
        """A counter bumped after every commit of records by this process."""
        return self._data_version

    # ----------------------------------------------------------------- factories

    def producer(
        self,
        client_id: str,
        config: Mapping[str, Any] | None = None,
        *,
        connector_config: Mapping[str, Any] | None = None,
    ) -> Producer:
        return _EmbeddedProducer(self, client_id)

    def consumer(
        self,
        group_id: str,
        client_id: str,
        config: Mapping[str, Any] | None = None,
        *,
        connector_config: Mapping[str, Any] | None = None,
    ) -> Consumer:
        return _EmbeddedConsumer(self, group_id, client_id, config or {})

    def admin(self) -> RecordLogAdmin:
        return _EmbeddedAdmin(self)

    def offset_store(self) -> OffsetBackingStore:
        return _EmbeddedOffsetStore(self)

    def atomic_source_offsets(self) -> bool:
        return True

    def config_store(self) -> ConfigBackingStore:
        return _EmbeddedConfigStore(self)

    @property
    def groups(self) -> _GroupCoordinator:
        """The in-process consumer group coordinator."""
        return self._groups

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with self._conn_lock:
            self._conn.close()
        self.notify_data()


def _check_topic_name(name: str) -> None:
    if (
        not name
        or name in (".", "..")
        or len(name) > 249
        or not re.fullmatch(r"[a-zA-Z0-9._-]+", name)
    ):
        raise ConnectException(
            f"Invalid topic name {name!r}: use 1 to 249 characters among ASCII letters, digits, "
            "'.', '_' and '-' (not '.' or '..' alone)"
        )


def _store_source_offsets(conn: sqlite3.Connection, values: Mapping[bytes, bytes | None]) -> None:
    upserts = [(k, v) for k, v in values.items() if v is not None]
    deletes = [(k,) for k, v in values.items() if v is None]
    if upserts:
        conn.executemany(
            "INSERT INTO source_offsets (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            upserts,
        )
    if deletes:
        conn.executemany("DELETE FROM source_offsets WHERE key = ?", deletes)


# --------------------------------------------------------------------- producer


class _EmbeddedProducer(Producer):
    """Queues records and appends them from a writer thread, many per transaction."""

    def __init__(self, log_: EmbeddedRecordLog, client_id: str) -> None:
        self._log = log_
        self._client_id = client_id
        self._conn = log_.connect()
        self._conn_lock = threading.Lock()
        self._cond = threading.Condition()
        self._queue: collections.deque[tuple[ProducerRecord, DeliveryCallback | None]] = (
            collections.deque()
        )
        self._idle = False
        self._in_flight = 0
        self._closed = False
        self._transaction: list[tuple[ProducerRecord, DeliveryCallback | None]] | None = None
        self._thread = threading.Thread(
            target=self._run, name=f"{client_id}-embedded-writer", daemon=True
        )
        self._thread.start()

    def send(self, record: ProducerRecord, callback: DeliveryCallback | None = None) -> None:
        if self._transaction is not None:
            self._transaction.append((record, callback))
            return
        if len(self._queue) >= _MAX_BUFFERED_RECORDS:
            with self._cond:
                while len(self._queue) >= _MAX_BUFFERED_RECORDS and not self._closed:
                    self._cond.wait(0.1)
        if self._closed:
            raise ConnectException(f"Producer {self._client_id} is closed")
        # Appending needs no lock (deque.append is atomic); the writer is woken only when it
        # sleeps. It marks itself idle before its last look at the queue, so no record is missed.
        self._queue.append((record, callback))
        if self._idle:
            with self._cond:
                self._cond.notify_all()

    def _run(self) -> None:
        queue = self._queue
        while True:
            with self._cond:
                while not queue and not self._closed:
                    self._idle = True
                    if queue:
                        break
                    self._cond.notify_all()  # flush() may be waiting for an empty queue
                    self._cond.wait(0.5)
                self._idle = False
                if not queue:
                    return
                batch = [queue.popleft() for _ in range(min(len(queue), _MAX_TRANSACTION_RECORDS))]
                self._in_flight = len(batch)
            self._write(batch, None)
            with self._cond:
                self._in_flight = 0
                self._cond.notify_all()

    def _write(
        self,
        batch: list[tuple[ProducerRecord, DeliveryCallback | None]],
        source_offsets: Mapping[bytes, bytes | None] | None,
    ) -> None:
        try:
            with self._conn_lock:
                metadata = self._log.append(self._conn, [r for r, _ in batch], source_offsets)
        except Exception as exc:
            for _, callback in batch:
                _call(callback, None, exc)
            if source_offsets is not None:
                raise
            return
        for (_, callback), meta in zip(batch, metadata, strict=True):
            _call(callback, meta, None)

    def flush(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._queue or self._in_flight:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining)
        return True

    def supports_transactions(self) -> bool:
        return True

    def begin_transaction(self) -> None:
        if self._transaction is not None:
            raise ConnectException("A transaction is already open")
        self.flush()
        self._transaction = []

    def commit_transaction(
        self, source_offsets: Mapping[bytes, bytes | None] | None = None
    ) -> None:
        batch = self._transaction
        if batch is None:
            raise ConnectException("No transaction is open")
        self._transaction = None
        if batch or source_offsets:
            self._write(batch, source_offsets or {})

    def abort_transaction(self) -> None:
        batch = self._transaction or []
        self._transaction = None
        error = ConnectException("The transaction was aborted")
        for _, callback in batch:
            _call(callback, None, error)

    def close(self, timeout: float | None = None) -> None:
        if self._transaction is not None:
            self.abort_transaction()
        self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        with self._conn_lock:
            self._conn.close()


def _call(
    callback: DeliveryCallback | None, meta: RecordMetadata | None, error: BaseException | None
) -> None:
    if callback is None:
        return
    try:
        callback(meta, error)
    except Exception:
        log.exception("A delivery callback failed")


# --------------------------------------------------------------------- consumer groups


class _GroupCoordinator:
    """Assigns partitions to the consumers of each group in this process (range assignment)."""

    def __init__(self, log_: EmbeddedRecordLog) -> None:
        self._log = log_
        self._lock = threading.Lock()
        self._members: dict[str, list[_EmbeddedConsumer]] = {}
        self._generation: dict[str, int] = {}
        self._topics: dict[str, int] = {}
        self._owners: dict[tuple[str, TopicPartition], _EmbeddedConsumer] = {}
        self._metadata_version = 0
        self._metadata_read_at = 0.0

    def join(self, group_id: str, member: _EmbeddedConsumer) -> None:
        with self._lock:
            members = self._members.setdefault(group_id, [])
            if member not in members:
                members.append(member)
            self._generation[group_id] = self._generation.get(group_id, 0) + 1

    def leave(self, group_id: str, member: _EmbeddedConsumer) -> None:
        with self._lock:
            members = self._members.get(group_id, [])
            if member in members:
                members.remove(member)
                self._generation[group_id] = self._generation.get(group_id, 0) + 1
            for key in [k for k, owner in self._owners.items() if owner is member]:
                del self._owners[key]
        self._log.notify_data()

    def claim(
        self, group_id: str, member: _EmbeddedConsumer, partitions: Collection[TopicPartition]
    ) -> set[TopicPartition]:
        """Take the partitions no other member still holds (the others wait for a release).

        A member that lost a partition releases it only after its revocation callback (which
        commits its offsets) ran, so the next owner starts from the committed position.
        """
        granted: set[TopicPartition] = set()
        with self._lock:
            members = self._members.get(group_id, [])
            for tp in partitions:
                owner = self._owners.get((group_id, tp))
                if owner is None or owner is member or owner not in members:
                    self._owners[(group_id, tp)] = member
                    granted.add(tp)
        return granted

    def release(
        self, group_id: str, member: _EmbeddedConsumer, partitions: Collection[TopicPartition]
    ) -> None:
        """Give up partitions after their revocation."""
        with self._lock:
            for tp in partitions:
                if self._owners.get((group_id, tp)) is member:
                    del self._owners[(group_id, tp)]
        self._log.notify_data()

    def refresh_metadata(self, conn: sqlite3.Connection, force: bool = False) -> None:
        now = time.monotonic()
        with self._lock:
            if not force and now - self._metadata_read_at < _METADATA_REFRESH_S:
                return
            self._metadata_read_at = now
        topics = self._log.topics(conn)
        with self._lock:
            if topics != self._topics:
                self._topics = topics
                self._metadata_version += 1

    def state(self, group_id: str) -> tuple[int, int]:
        """The (group generation, metadata version) an assignment was computed from."""
        with self._lock:
            return self._generation.get(group_id, 0), self._metadata_version

    def assignment(self, group_id: str, member: _EmbeddedConsumer) -> set[TopicPartition]:
        with self._lock:
            members = list(self._members.get(group_id, []))
            topics = dict(self._topics)
        result: set[TopicPartition] = set()
        for topic, count in topics.items():
            subscribed = [m for m in members if m.subscribes_to(topic)]
            if member not in subscribed:
                continue
            index = subscribed.index(member)
            per_member, extra = divmod(count, len(subscribed))
            start = index * per_member + min(index, extra)
            length = per_member + (1 if index < extra else 0)
            result.update(TopicPartition(topic, p) for p in range(start, start + length))
        return result


class _EmbeddedConsumer(Consumer):
    def __init__(
        self, log_: EmbeddedRecordLog, group_id: str, client_id: str, config: Mapping[str, Any]
    ) -> None:
        self._log = log_
        self._group_id = group_id
        self._client_id = client_id
        self._max_poll_records = int(config.get("max.poll.records", 500))
        reset = str(config.get("auto.offset.reset", "earliest")).strip().lower()
        if reset not in ("earliest", "latest", "none"):
            raise ConnectException(f"Invalid auto.offset.reset {reset!r}")
        self._auto_offset_reset = reset
        self._conn = log_.connect()
        self._conn_lock = threading.Lock()
        self._topics: frozenset[str] = frozenset()
        self._pattern: re.Pattern[str] | None = None
        self._listener: RebalanceListener | None = None
        self._subscribed = False
        self._manual = False
        self._state: tuple[int, int] = (-1, -1)
        self._assignment: set[TopicPartition] = set()
        self._target: set[TopicPartition] = set()
        self._pending: set[TopicPartition] = set()
        self._tp_ids: dict[TopicPartition, int] = {}
        self._positions: dict[TopicPartition, int] = {}
        self._paused: set[TopicPartition] = set()
        self._wakeup = False
        self._closed = False
        self._rotation = 0

    # subscription ------------------------------------------------------------

    def subscribes_to(self, topic: str) -> bool:
        if self._pattern is not None:
            return self._pattern.fullmatch(topic) is not None
        return topic in self._topics

    def subscribe(
        self,
        topics: Collection[str] | None = None,
        pattern: re.Pattern[str] | None = None,
        listener: RebalanceListener | None = None,
    ) -> None:
        if (topics is None) == (pattern is None):
            raise ConnectException("Subscribe to a list of topics or to a pattern, not both")
        self._topics = frozenset(topics or ())
        self._pattern = pattern
        self._listener = listener
        self._subscribed = True
        self._manual = False
        self._log.groups.join(self._group_id, self)
        with self._conn_lock:
            self._log.groups.refresh_metadata(self._conn, force=True)

    def assign(self, partitions: Collection[TopicPartition]) -> None:
        if self._subscribed:
            self._log.groups.leave(self._group_id, self)
            self._subscribed = False
        self._manual = True
        new = set(partitions)
        for tp in self._assignment - new:
            self._positions.pop(tp, None)
            self._paused.discard(tp)
        self._assignment = new
        with self._conn_lock:
            self._init_positions(new - set(self._positions))

    def _maybe_rebalance(self) -> None:
        if not self._subscribed:
            return
        groups = self._log.groups
        with self._conn_lock:
            groups.refresh_metadata(self._conn)
        state = groups.state(self._group_id)
        if state == self._state and not self._pending:
            return
        first = self._state == (-1, -1)
        if state != self._state:
            self._state = state
            self._target = groups.assignment(self._group_id, self)
        revoked = self._assignment - self._target
        if revoked:
            if self._listener is not None:
                self._listener.on_partitions_revoked(sorted(revoked))
            for tp in revoked:
                self._positions.pop(tp, None)
                self._paused.discard(tp)
                self._tp_ids.pop(tp, None)
            self._assignment -= revoked
            groups.release(self._group_id, self, revoked)
        wanted = self._target - self._assignment
        granted = groups.claim(self._group_id, self, wanted) if wanted else set()
        self._pending = wanted - granted
        if granted:
            self._assignment |= granted
            with self._conn_lock:
                self._init_positions(granted)
        if (granted or first) and self._listener is not None:
            self._listener.on_partitions_assigned(sorted(granted))

    def _tp_id(self, tp: TopicPartition) -> int | None:
        tp_id = self._tp_ids.get(tp)
        if tp_id is None:
            row = self._conn.execute(
                "SELECT id FROM partitions WHERE topic = ? AND partition = ?",
                (tp.topic, tp.partition),
            ).fetchone()
            if row is None:
                return None
            tp_id = self._tp_ids[tp] = int(row[0])
        return tp_id

    def _init_positions(self, partitions: Collection[TopicPartition]) -> None:
        committed = self._committed(partitions)
        for tp in partitions:
            found = committed.get(tp)
            if found is not None:
                self._positions[tp] = found.offset
                continue
            if self._auto_offset_reset == "none":
                raise ConnectException(f"No committed offset for {tp} in group {self._group_id}")
            column = "log_start" if self._auto_offset_reset == "earliest" else "log_end"
            row = self._conn.execute(
                f"SELECT {column} FROM partitions WHERE topic = ? AND partition = ?",
                (tp.topic, tp.partition),
            ).fetchone()
            self._positions[tp] = 0 if row is None else int(row[0])

    # reading -----------------------------------------------------------------

    def poll(self, timeout: float) -> list[ConsumerRecord]:
        if self._closed:
            raise ConnectException(f"Consumer {self._client_id} is closed")
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            if self._wakeup:
                self._wakeup = False
                raise WakeupException()
            self._maybe_rebalance()
            version = self._log.data_version
            records = self._fetch()
            if records:
                return records
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            self._log.wait_for_data(version, min(remaining, _IDLE_RECHECK_S))

    def _fetch(self) -> list[ConsumerRecord]:
        readable = sorted(self._assignment - self._paused)
        if not readable:
            return []
        self._rotation = (self._rotation + 1) % len(readable)
        readable = readable[self._rotation :] + readable[: self._rotation]
        result: list[ConsumerRecord] = []
        with self._conn_lock:
            for tp in readable:
                room = self._max_poll_records - len(result)
                if room <= 0:
                    break
                tp_id = self._tp_id(tp)
                if tp_id is None:
                    continue
                position = self._positions.get(tp, 0)
                rows = self._conn.execute(
                    "SELECT offset, timestamp, timestamp_type, key, value, headers FROM records "
                    "WHERE tp = ? AND offset >= ? ORDER BY offset LIMIT ?",
                    (tp_id, position, room),
                ).fetchall()
                if not rows:
                    continue
                topic, partition = tp.topic, tp.partition
                for offset, timestamp, ts_type, key, value, headers in rows:
                    result.append(
                        ConsumerRecord(
                            topic=topic,
                            partition=partition,
                            offset=offset,
                            timestamp=timestamp,
                            timestamp_type=TimestampType.for_id(ts_type),
                            key=key,
                            value=value,
                            headers=decode_headers(headers),
                        )
                    )
                self._positions[tp] = rows[-1][0] + 1
        return result

    def assignment(self) -> set[TopicPartition]:
        return set(self._assignment)

    def position(self, partition: TopicPartition) -> int:
        if partition not in self._assignment:
            raise ConnectException(
                f"Can only check the position of assigned partitions: {partition}"
            )
        return self._positions[partition]

    def seek(self, partition: TopicPartition, offset: int) -> None:
        if partition not in self._assignment:
            raise ConnectException(f"Can only seek assigned partitions: {partition}")
        if offset < 0:
            raise ConnectException(f"Invalid negative offset {offset} for {partition}")
        self._positions[partition] = offset

    def pause(self, partitions: Collection[TopicPartition]) -> None:
        for tp in partitions:
            if tp not in self._assignment:
                raise ConnectException(f"No current assignment for partition {tp}")
            self._paused.add(tp)

    def resume(self, partitions: Collection[TopicPartition]) -> None:
        for tp in partitions:
            if tp not in self._assignment:
                raise ConnectException(f"No current assignment for partition {tp}")
            self._paused.discard(tp)

    def paused(self) -> set[TopicPartition]:
        return set(self._paused)

    # offsets -----------------------------------------------------------------

    def commit_sync(self, offsets: Mapping[TopicPartition, OffsetAndMetadata]) -> None:
        if not offsets:
            return
        with self._conn_lock, self._log.write_transaction(self._conn):
            self._conn.executemany(
                "INSERT INTO group_offsets (group_id, topic, partition, offset, metadata) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (group_id, topic, partition) "
                "DO UPDATE SET offset = excluded.offset, metadata = excluded.metadata",
                [
                    (self._group_id, tp.topic, tp.partition, om.offset, om.metadata)
                    for tp, om in offsets.items()
                ],
            )

    def _committed(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, OffsetAndMetadata | None]:
        result: dict[TopicPartition, OffsetAndMetadata | None] = {}
        for tp in partitions:
            row = self._conn.execute(
                "SELECT offset, metadata FROM group_offsets "
                "WHERE group_id = ? AND topic = ? AND partition = ?",
                (self._group_id, tp.topic, tp.partition),
            ).fetchone()
            result[tp] = None if row is None else OffsetAndMetadata(int(row[0]), row[1])
        return result

    def committed(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, OffsetAndMetadata | None]:
        with self._conn_lock:
            return self._committed(partitions)

    def end_offsets(self, partitions: Collection[TopicPartition]) -> dict[TopicPartition, int]:
        with self._conn_lock:
            return self._log._offsets(self._conn, partitions, "log_end")

    def beginning_offsets(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, int]:
        with self._conn_lock:
            return self._log._offsets(self._conn, partitions, "log_start")

    def wakeup(self) -> None:
        self._wakeup = True
        self._log.notify_data()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._subscribed:
            self._log.groups.leave(self._group_id, self)
        with self._conn_lock:
            self._conn.close()


# --------------------------------------------------------------------- admin and stores


class _EmbeddedAdmin(RecordLogAdmin):
    def __init__(self, log_: EmbeddedRecordLog) -> None:
        self._log = log_
        self._conn = log_.connect()
        self._lock = threading.Lock()

    def create_topic(self, name: str, partitions: int | None = None) -> bool:
        count = self._log.num_partitions if partitions is None else partitions
        with self._lock, self._log.write_transaction(self._conn):
            return self._log._create_topic(self._conn, name, count)

    def list_topics(self) -> dict[str, int]:
        with self._lock:
            return self._log.topics(self._conn)

    def end_offsets(self, partitions: Collection[TopicPartition]) -> dict[TopicPartition, int]:
        with self._lock:
            return self._log._offsets(self._conn, partitions, "log_end")

    def beginning_offsets(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, int]:
        with self._lock:
            return self._log._offsets(self._conn, partitions, "log_start")

    def list_consumer_group_offsets(self, group_id: str) -> dict[TopicPartition, int]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT topic, partition, offset FROM group_offsets WHERE group_id = ? "
                "ORDER BY topic, partition",
                (group_id,),
            ).fetchall()
        return {TopicPartition(str(r[0]), int(r[1])): int(r[2]) for r in rows}

    def alter_consumer_group_offsets(
        self, group_id: str, offsets: Mapping[TopicPartition, int]
    ) -> None:
        if not offsets:
            return
        with self._lock, self._log.write_transaction(self._conn):
            self._conn.executemany(
                "INSERT INTO group_offsets (group_id, topic, partition, offset, metadata) "
                "VALUES (?, ?, ?, ?, '') ON CONFLICT (group_id, topic, partition) "
                "DO UPDATE SET offset = excluded.offset, metadata = excluded.metadata",
                [(group_id, tp.topic, tp.partition, int(o)) for tp, o in offsets.items()],
            )

    def delete_consumer_group_offsets(
        self, group_id: str, partitions: Collection[TopicPartition] | None = None
    ) -> None:
        with self._lock, self._log.write_transaction(self._conn):
            if partitions is None:
                self._conn.execute("DELETE FROM group_offsets WHERE group_id = ?", (group_id,))
            else:
                self._conn.executemany(
                    "DELETE FROM group_offsets WHERE group_id = ? AND topic = ? AND partition = ?",
                    [(group_id, tp.topic, tp.partition) for tp in partitions],
                )

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class _EmbeddedOffsetStore(OffsetBackingStore):
    def __init__(self, log_: EmbeddedRecordLog) -> None:
        self._log = log_
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._log.connect()
        return self._conn

    def start(self) -> None:
        with self._lock:
            self._connection()

    def stop(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def get(self, keys: Collection[bytes]) -> dict[bytes, bytes | None]:
        with self._lock:
            conn = self._connection()
            result: dict[bytes, bytes | None] = {}
            for key in keys:
                row = conn.execute(
                    "SELECT value FROM source_offsets WHERE key = ?", (key,)
                ).fetchone()
                result[key] = None if row is None else bytes(row[0])
            return result

    def set(self, values: Mapping[bytes, bytes | None]) -> None:
        if not values:
            return
        with self._lock:
            conn = self._connection()
            with self._log.write_transaction(conn):
                _store_source_offsets(conn, values)

    def entries(self) -> dict[bytes, bytes]:
        with self._lock:
            rows = self._connection().execute("SELECT key, value FROM source_offsets").fetchall()
        return {bytes(r[0]): bytes(r[1]) for r in rows}


class _EmbeddedConfigStore(ConfigBackingStore):
    def __init__(self, log_: EmbeddedRecordLog) -> None:
        self._log = log_
        self._conn = log_.connect()
        self._lock = threading.Lock()

    def put(self, name: str, config: Mapping[str, str]) -> None:
        with self._lock, self._log.write_transaction(self._conn):
            self._conn.execute(
                "INSERT INTO connector_configs (name, config, updated_ms) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET config = excluded.config, "
                "updated_ms = excluded.updated_ms",
                (name, orjson.dumps(dict(config)).decode(), _now_ms()),
            )

    def get(self, name: str) -> dict[str, str] | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT config FROM connector_configs WHERE name = ?", (name,)
            ).fetchone()
        return None if row is None else dict(orjson.loads(row[0]))

    def names(self) -> list[str]:
        with self._lock:
            rows = self._conn.execute("SELECT name FROM connector_configs ORDER BY name").fetchall()
        return [r[0] for r in rows]

    def remove(self, name: str) -> None:
        with self._lock, self._log.write_transaction(self._conn):
            self._conn.execute("DELETE FROM connector_configs WHERE name = ?", (name,))
