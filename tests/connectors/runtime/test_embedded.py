"""Tests of connectors.runtime.recordlog.embedded: the SQLite record log."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Collection, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_data.errors import ConnectException
from connectors import OffsetAndMetadata, RecordMetadata, TimestampType, TopicPartition
from connectors.runtime.recordlog import (
    EmbeddedRecordLog,
    ProducerRecord,
    RebalanceListener,
    WakeupException,
)
from connectors.runtime.recordlog.embedded import decode_headers, encode_headers


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedRecordLog]:
    log = EmbeddedRecordLog(tmp_path / "data" / "connect.db", num_partitions=2)
    yield log
    log.close()


def _send(log: EmbeddedRecordLog, records: list[ProducerRecord]) -> list[RecordMetadata]:
    producer = log.producer("test")
    results: list[tuple[RecordMetadata | None, BaseException | None]] = []
    for record in records:
        producer.send(record, lambda m, e: results.append((m, e)))
    assert producer.flush(5.0)
    producer.close()
    assert all(e is None for _, e in results), results
    return [m for m, _ in results if m is not None]


def _read_all(
    log: EmbeddedRecordLog, topic: str, group: str = "g"
) -> list[tuple[int, int, bytes | None]]:
    consumer = log.consumer(group, "reader")
    partitions = log.topics()[topic]
    consumer.assign([TopicPartition(topic, p) for p in range(partitions)])
    result: list[tuple[int, int, bytes | None]] = []
    while True:
        batch = consumer.poll(0.05)
        if not batch:
            break
        result.extend((r.partition, r.offset, r.value) for r in batch)
    consumer.close()
    return sorted(result)


def test_records_round_trip_with_dense_offsets(store: EmbeddedRecordLog) -> None:
    """Appended records read back with their key, value, headers and timestamp; offsets start at 0."""
    metadata = _send(
        store,
        [
            ProducerRecord(
                topic="t",
                partition=0,
                key=b"k",
                value=b"v1",
                timestamp=5,
                headers=[("h", b"x"), ("n", None)],
            ),
            ProducerRecord(topic="t", partition=0, value=None),
            ProducerRecord(topic="t", partition=1, key=None, value=b"v3"),
        ],
    )
    assert [(m.partition, m.offset) for m in metadata] == [(0, 0), (0, 1), (1, 0)]
    assert metadata[0].timestamp == 5 and metadata[0].serialized_value_size == 2
    assert metadata[1].serialized_value_size == -1
    consumer = store.consumer("g", "c")
    consumer.assign([TopicPartition("t", 0)])
    records = consumer.poll(1.0)
    consumer.close()
    first = records[0]
    assert (first.key, first.value, first.timestamp, first.headers) == (
        b"k",
        b"v1",
        5,
        (("h", b"x"), ("n", None)),
    )
    assert first.timestamp_type is TimestampType.CREATE_TIME
    assert records[1].value is None and records[1].timestamp > 0


def test_topics_are_created_with_num_partitions(store: EmbeddedRecordLog) -> None:
    """A topic written for the first time gets num.partitions partitions."""
    _send(store, [ProducerRecord(topic="auto", value=b"x")])
    assert store.topics() == {"auto": 2}
    assert store.admin().create_topic("made", 5)
    assert not store.admin().create_topic("made", 5)
    assert store.topics()["made"] == 5


def test_keys_choose_partitions_like_kafka(store: EmbeddedRecordLog) -> None:
    """Records with the same key land in the same partition."""
    metadata = _send(
        store, [ProducerRecord(topic="t", key=b"same", value=b"%d" % i) for i in range(5)]
    )
    assert len({m.partition for m in metadata}) == 1


def test_auto_create_can_be_disabled(tmp_path: Path) -> None:
    """With auto-creation off, writing to an unknown topic fails the record."""
    log = EmbeddedRecordLog(tmp_path / "c.db", auto_create_topics=False)
    producer = log.producer("p")
    errors: list[BaseException | None] = []
    producer.send(ProducerRecord(topic="nope", value=b"x"), lambda m, e: errors.append(e))
    producer.flush()
    producer.close()
    log.close()
    assert isinstance(errors[0], ConnectException) and "does not exist" in str(errors[0])


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            ProducerRecord(topic="t", partition=7, value=b"x"),
            "Invalid partition given with record: 7",
        ),
        (ProducerRecord(topic="bad topic!", value=b"x"), "Invalid topic name"),
    ],
)
def test_bad_records_fail_in_their_callback(
    store: EmbeddedRecordLog, record: ProducerRecord, message: str
) -> None:
    """An out-of-range partition or a bad topic name is reported to the callback."""
    producer = store.producer("p")
    errors: list[BaseException | None] = []
    producer.send(record, lambda m, e: errors.append(e))
    producer.flush()
    producer.close()
    assert message in str(errors[0])


def test_transaction_commits_records_and_offsets_together(store: EmbeddedRecordLog) -> None:
    """commit_transaction stores the records and the source offsets; callbacks ran first."""
    producer = store.producer("p")
    producer.begin_transaction()
    delivered: list[RecordMetadata | None] = []
    producer.send(
        ProducerRecord(topic="t", partition=0, value=b"a"), lambda m, e: delivered.append(m)
    )
    assert delivered == [] and "t" not in store.topics()
    producer.commit_transaction({b"key": b"offset"})
    assert len(delivered) == 1
    assert _read_all(store, "t") == [(0, 0, b"a")]
    assert store.offset_store().get([b"key"]) == {b"key": b"offset"}
    producer.close()


def test_aborted_transaction_stores_nothing(store: EmbeddedRecordLog) -> None:
    """abort_transaction drops the records and tells their callbacks."""
    producer = store.producer("p")
    producer.begin_transaction()
    errors: list[BaseException | None] = []
    producer.send(ProducerRecord(topic="t", partition=0, value=b"a"), lambda m, e: errors.append(e))
    producer.abort_transaction()
    producer.close()
    assert isinstance(errors[0], ConnectException)
    assert "t" not in store.topics() or _read_all(store, "t") == []


def test_an_uncommitted_transaction_is_lost_on_crash(tmp_path: Path) -> None:
    """Records of a transaction never committed are not in the file for the next process."""
    path = tmp_path / "c.db"
    log = EmbeddedRecordLog(path)
    producer = log.producer("p")
    _send(log, [ProducerRecord(topic="t", partition=0, value=b"kept")])
    producer.begin_transaction()
    producer.send(ProducerRecord(topic="t", partition=0, value=b"lost"))
    # no commit: the process "dies" here
    reopened = EmbeddedRecordLog(path)
    assert _read_all(reopened, "t") == [(0, 0, b"kept")]
    reopened.close()


def test_two_instances_on_one_file_keep_offsets_dense(tmp_path: Path) -> None:
    """Two logs on the same file (two processes) append without gaps or duplicate offsets."""
    path = tmp_path / "c.db"
    first, second = EmbeddedRecordLog(path), EmbeddedRecordLog(path)

    def write(log: EmbeddedRecordLog, tag: bytes) -> None:
        _send(
            log, [ProducerRecord(topic="t", partition=0, value=tag + b"%d" % i) for i in range(200)]
        )

    threads = [
        threading.Thread(target=write, args=(log, tag))
        for log, tag in ((first, b"a"), (second, b"b"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = _read_all(first, "t")
    assert [offset for _, offset, _ in rows] == list(range(400))
    first.close()
    second.close()


def test_group_offsets_are_committed_and_used(store: EmbeddedRecordLog) -> None:
    """A consumer starts at its group's committed offset; other groups start at the beginning."""
    _send(store, [ProducerRecord(topic="t", partition=0, value=b"%d" % i) for i in range(5)])
    tp = TopicPartition("t", 0)
    first = store.consumer("g", "c1")
    first.assign([tp])
    first.commit_sync({tp: OffsetAndMetadata(3, "meta")})
    first.close()
    again = store.consumer("g", "c2")
    again.assign([tp])
    assert again.position(tp) == 3
    assert again.committed([tp]) == {tp: OffsetAndMetadata(3, "meta")}
    assert [r.offset for r in again.poll(1.0)] == [3, 4]
    again.close()
    other = store.consumer("h", "c3")
    other.assign([tp])
    assert other.position(tp) == 0
    other.close()


def test_seek_pause_resume(store: EmbeddedRecordLog) -> None:
    """seek moves the position; paused partitions return nothing until resumed."""
    _send(store, [ProducerRecord(topic="t", partition=p, value=b"x") for p in (0, 0, 1)])
    consumer = store.consumer("g", "c")
    tps = [TopicPartition("t", 0), TopicPartition("t", 1)]
    consumer.assign(tps)
    consumer.pause([tps[0]])
    assert {(r.partition, r.offset) for r in consumer.poll(0.1)} == {(1, 0)}
    assert consumer.poll(0.05) == []
    consumer.resume([tps[0]])
    consumer.seek(tps[0], 1)
    assert [(r.partition, r.offset) for r in consumer.poll(0.1)] == [(0, 1)]
    assert consumer.end_offsets(tps) == {tps[0]: 2, tps[1]: 1}
    assert consumer.beginning_offsets(tps) == {tps[0]: 0, tps[1]: 0}
    with pytest.raises(ConnectException, match="No current assignment"):
        consumer.pause([TopicPartition("t", 9)])
    consumer.close()


def test_poll_wakes_up_when_records_arrive(store: EmbeddedRecordLog) -> None:
    """A poll waiting for data returns as soon as another thread commits records."""
    store.admin().create_topic("t", 1)
    consumer = store.consumer("g", "c")
    consumer.assign([TopicPartition("t", 0)])
    timer = threading.Timer(0.1, lambda: _send(store, [ProducerRecord(topic="t", value=b"x")]))
    timer.start()
    assert len(consumer.poll(5.0)) == 1
    timer.join()
    consumer.close()


def test_wakeup_interrupts_poll(store: EmbeddedRecordLog) -> None:
    """wakeup() makes a blocked poll raise WakeupException."""
    store.admin().create_topic("t", 1)
    consumer = store.consumer("g", "c")
    consumer.assign([TopicPartition("t", 0)])
    timer = threading.Timer(0.05, consumer.wakeup)
    timer.start()
    with pytest.raises(WakeupException):
        consumer.poll(10.0)
    timer.join()
    consumer.close()


class _Recorder(RebalanceListener):
    def __init__(self, on_revoke: object = None) -> None:
        self.events: list[tuple[str, list[TopicPartition]]] = []
        self.on_revoke = on_revoke

    def on_partitions_revoked(self, partitions: Collection[TopicPartition]) -> None:
        self.events.append(("revoked", sorted(partitions)))
        if callable(self.on_revoke):
            self.on_revoke(partitions)

    def on_partitions_assigned(self, partitions: Collection[TopicPartition]) -> None:
        self.events.append(("assigned", sorted(partitions)))


def test_group_members_split_partitions(store: EmbeddedRecordLog) -> None:
    """Two members of a group get disjoint partitions covering the topic."""
    store.admin().create_topic("t", 4)
    a, b = store.consumer("g", "a"), store.consumer("g", "b")
    listener_a = _Recorder()
    a.subscribe(["t"], listener=listener_a)
    a.poll(0)
    assert a.assignment() == {TopicPartition("t", p) for p in range(4)}
    b.subscribe(["t"], listener=_Recorder())
    b.poll(0)
    a.poll(0)
    b.poll(0)
    assert a.assignment().isdisjoint(b.assignment())
    assert len(a.assignment()) == len(b.assignment()) == 2
    assert listener_a.events[-1][0] == "revoked"
    b.close()
    a.poll(0)
    assert len(a.assignment()) == 4
    a.close()


def test_a_moved_partition_waits_for_the_previous_owner_to_commit(store: EmbeddedRecordLog) -> None:
    """The new owner starts from the offset the old owner committed while revoking."""
    _send(
        store,
        [ProducerRecord(topic="t", partition=p, value=b"x") for p in (0, 1) for _ in range(3)],
    )
    a = store.consumer("g", "a")

    def commit_on_revoke(partitions: Collection[TopicPartition]) -> None:
        a.commit_sync({tp: OffsetAndMetadata(a.position(tp)) for tp in partitions})

    a.subscribe(["t"], listener=_Recorder(commit_on_revoke))
    read_by_a = a.poll(0.1) + a.poll(0.1)
    assert len(read_by_a) == 6
    b = store.consumer("g", "b")
    b.subscribe(["t"], listener=_Recorder())
    assert b.poll(0) == [] and b.assignment() == set()  # a still holds its partitions
    a.poll(0)  # a revokes (and commits) one partition
    b.poll(0)
    assert len(b.assignment()) == 1
    tp = next(iter(b.assignment()))
    assert b.position(tp) == 3
    a.close()
    b.close()


def test_pattern_subscription_picks_up_new_topics(store: EmbeddedRecordLog) -> None:
    """A regex subscription is assigned topics created after it subscribed."""
    import re

    consumer = store.consumer("g", "c")
    consumer.subscribe(pattern=re.compile(r"logs-.*"), listener=_Recorder())
    assert consumer.poll(0) == []
    store.admin().create_topic("logs-a", 1)
    store.admin().create_topic("other", 1)
    _send(store, [ProducerRecord(topic="logs-a", value=b"x")])
    records = consumer.poll(2.0)
    assert [r.topic for r in records] == ["logs-a"]
    assert consumer.assignment() == {TopicPartition("logs-a", 0)}
    consumer.close()


def test_config_store(store: EmbeddedRecordLog) -> None:
    """Connector configurations are stored, replaced, listed and removed by name."""
    configs = store.config_store()
    configs.put("b", {"x": "1"})
    configs.put("a", {"x": "2"})
    configs.put("b", {"x": "3"})
    assert configs.names() == ["a", "b"] and configs.get("b") == {"x": "3"}
    configs.remove("a")
    assert configs.get("a") is None


def test_admin_lists_alters_and_deletes_group_offsets(store: EmbeddedRecordLog) -> None:
    """Group offsets committed by a consumer are listed, altered and deleted through the admin."""
    admin = store.admin()
    consumer = store.consumer("connect-sink", "c")
    consumer.commit_sync({TopicPartition("a", 0): OffsetAndMetadata(5)})
    consumer.close()
    assert admin.list_consumer_group_offsets("connect-sink") == {TopicPartition("a", 0): 5}
    admin.alter_consumer_group_offsets(
        "connect-sink", {TopicPartition("a", 0): 7, TopicPartition("b", 1): 2}
    )
    assert admin.list_consumer_group_offsets("connect-sink") == {
        TopicPartition("a", 0): 7,
        TopicPartition("b", 1): 2,
    }
    admin.delete_consumer_group_offsets("connect-sink", [TopicPartition("a", 0)])
    assert admin.list_consumer_group_offsets("connect-sink") == {TopicPartition("b", 1): 2}
    admin.delete_consumer_group_offsets("connect-sink")
    assert admin.list_consumer_group_offsets("connect-sink") == {}
    assert admin.list_consumer_group_offsets("other") == {}


def test_offset_store_entries(store: EmbeddedRecordLog) -> None:
    """entries() lists every stored source offset and leaves deleted ones out."""
    offsets = store.offset_store()
    offsets.set({b"k1": b"v1", b"k2": b"v2"})
    offsets.set({b"k1": None})
    assert offsets.entries() == {b"k2": b"v2"}
    offsets.stop()


def test_cluster_id_is_created_once_and_kept(tmp_path: Path) -> None:
    """The cluster id has Kafka's 22-character form and survives reopening the file."""
    path = tmp_path / "c.db"
    first = EmbeddedRecordLog(path)
    cluster_id = first.cluster_id()
    assert len(cluster_id) == 22 and cluster_id == first.cluster_id()
    first.close()
    second = EmbeddedRecordLog(path)
    assert second.cluster_id() == cluster_id
    second.close()
    assert EmbeddedRecordLog(tmp_path / "other.db").cluster_id() != cluster_id


def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    """The file is in WAL mode; a file of another schema version is refused."""
    path = tmp_path / "c.db"
    EmbeddedRecordLog(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    with pytest.raises(ConnectException, match="schema version 99"):
        EmbeddedRecordLog(path)


def test_bad_settings_are_refused(tmp_path: Path) -> None:
    """num.partitions below 1 or an unknown synchronous mode raise."""
    with pytest.raises(ConnectException, match=r"num\.partitions"):
        EmbeddedRecordLog(tmp_path / "a.db", num_partitions=0)
    with pytest.raises(ConnectException, match="synchronous"):
        EmbeddedRecordLog(tmp_path / "a.db", synchronous="OFF")


@given(st.lists(st.tuples(st.text(max_size=10), st.none() | st.binary(max_size=20)), max_size=6))
def test_headers_encoding_round_trips(headers: list[tuple[str, bytes | None]]) -> None:
    """Any list of header keys and raw values survives encode/decode in order."""
    assert list(decode_headers(encode_headers(headers))) == headers
