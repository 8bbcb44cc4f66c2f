"""Tests of connectors.runtime.recordlog.kafka.consumer against the tansu broker."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Collection, Iterator
from typing import Any

import pytest

from connect_data.errors import ConnectException
from connectors.record import OffsetAndMetadata, TimestampType, TopicPartition
from connectors.runtime.recordlog import ConsumerRecord, RebalanceListener, WakeupException
from connectors.runtime.recordlog.kafka.consumer import KafkaConsumer
from tests.integration.conftest import KafkaBroker
from tests.integration.kafka_helpers import FAST_GROUP, create_topic, produce, unique, wait_for

pytestmark = pytest.mark.integration


class Listener(RebalanceListener):
    """Records the callbacks, and each assigned partition's position when assigned."""

    def __init__(self, consumer: Callable[[], KafkaConsumer] | None = None) -> None:
        self.events: list[tuple[str, list[TopicPartition]]] = []
        self.positions: dict[TopicPartition, int] = {}
        self._consumer = consumer
        self.lock = threading.Lock()

    def on_partitions_assigned(self, partitions: Collection[TopicPartition]) -> None:
        with self.lock:
            self.events.append(("assigned", list(partitions)))
        if self._consumer is not None:
            for tp in partitions:
                self.positions[tp] = self._consumer().position(tp)

    def on_partitions_revoked(self, partitions: Collection[TopicPartition]) -> None:
        with self.lock:
            self.events.append(("revoked", list(partitions)))

    def on_partitions_lost(self, partitions: Collection[TopicPartition]) -> None:
        with self.lock:
            self.events.append(("lost", list(partitions)))


class Consumers:
    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self.made: list[KafkaConsumer] = []

    def __call__(self, group: str, **extra: Any) -> KafkaConsumer:
        reset = str(extra.pop("auto_offset_reset", "earliest"))
        config = {"bootstrap.servers": self.bootstrap, "group.id": group, **FAST_GROUP}
        config.update({k.replace("_", "."): str(v) for k, v in extra.items()})
        consumer = KafkaConsumer(
            config, unique("test-consumer"), auto_offset_reset=reset, metadata_max_age_s=0.5
        )
        self.made.append(consumer)
        return consumer


@pytest.fixture
def consumers(kafka_broker: KafkaBroker) -> Iterator[Consumers]:
    made = Consumers(kafka_broker.bootstrap_servers)
    yield made
    for consumer in made.made:
        consumer.close()


def fill(broker: KafkaBroker, topic: str, partitions: int, per_partition: int) -> None:
    produce(
        broker.bootstrap_servers,
        topic,
        [
            (p, f"k{p}-{n}".encode(), f"p{p}-{n}".encode())
            for p in range(partitions)
            for n in range(per_partition)
        ],
    )


def poll_until(consumer: KafkaConsumer, count: int, timeout: float = 20.0) -> list[ConsumerRecord]:
    records: list[ConsumerRecord] = []
    deadline = time.monotonic() + timeout
    while len(records) < count:
        assert time.monotonic() < deadline, f"read {len(records)} of {count} records"
        records.extend(consumer.poll(0.2))
    return records


def test_subscribe_reads_everything(consumers: Consumers, kafka_broker: KafkaBroker) -> None:
    """A subscribed consumer is assigned every partition at its start, and reads all records."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("cons-all"), 2)
    fill(kafka_broker, topic, 2, 30)
    consumer = consumers(unique("group"))
    listener = Listener(lambda: consumer)
    consumer.subscribe(topics=[topic], listener=listener)
    records = poll_until(consumer, 60)
    tps = {TopicPartition(topic, 0), TopicPartition(topic, 1)}
    assert listener.events == [("assigned", sorted(tps))]
    assert listener.positions == dict.fromkeys(tps, 0)
    assert consumer.assignment() == tps
    assert sorted((r.partition, r.offset) for r in records) == [
        (p, n) for p in range(2) for n in range(30)
    ]
    first = min((r for r in records if r.partition == 1), key=lambda r: r.offset)
    assert (first.key, first.value, first.headers) == (b"k1-0", b"p1-0", ())
    assert first.timestamp_type is TimestampType.CREATE_TIME and first.timestamp > 0
    assert {tp: consumer.position(tp) for tp in tps} == dict.fromkeys(tps, 30)


def test_eager_assignor(consumers: Consumers, kafka_broker: KafkaBroker) -> None:
    """With an eager assignor (Java's RangeAssignor) the whole assignment is given at once."""
    from connectors.runtime.recordlog.kafka.client_config import to_librdkafka

    topic = create_topic(kafka_broker.bootstrap_servers, unique("cons-eager"), 2)
    fill(kafka_broker, topic, 2, 3)
    strategy = to_librdkafka(
        {"partition.assignment.strategy": "org.apache.kafka.clients.consumer.RangeAssignor"},
        "consumer",
    )["partition.assignment.strategy"]
    consumer = consumers(unique("group"), partition_assignment_strategy=strategy)
    listener = Listener(lambda: consumer)
    consumer.subscribe(topics=[topic], listener=listener)
    assert len(poll_until(consumer, 6)) == 6
    tps = [TopicPartition(topic, 0), TopicPartition(topic, 1)]
    assert listener.events == [("assigned", tps)]
    assert listener.positions == dict.fromkeys(tps, 0)
    consumer.close()
    assert listener.events == [("assigned", tps)], "no callback after close"


def test_commit_and_resume(consumers: Consumers, kafka_broker: KafkaBroker) -> None:
    """Committed offsets are where the group's next member starts; only those are committed."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("cons-commit"), 2)
    fill(kafka_broker, topic, 2, 10)
    group = unique("group")
    first = consumers(group)
    first.subscribe(topics=[topic])
    poll_until(first, 20)
    tp0, tp1 = TopicPartition(topic, 0), TopicPartition(topic, 1)
    first.commit_sync({tp0: OffsetAndMetadata(4), tp1: OffsetAndMetadata(7, "meta")})
    committed = first.committed([tp0, tp1])
    assert {tp: om.offset if om else None for tp, om in committed.items()} == {tp0: 4, tp1: 7}
    first.close()
    second = consumers(group)
    listener = Listener(lambda: second)
    second.subscribe(topics=[topic], listener=listener)
    records = poll_until(second, 9)
    assert listener.positions == {tp0: 4, tp1: 7}
    assert sorted((r.partition, r.offset) for r in records) == [(0, n) for n in range(4, 10)] + [
        (1, n) for n in range(7, 10)
    ]


def test_reset_policies(consumers: Consumers, kafka_broker: KafkaBroker) -> None:
    """Without a committed offset, latest starts at the end and none refuses to guess."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("cons-reset"), 1)
    for n in range(3):  # one record per batch: this broker's end offset is exact then
        produce(kafka_broker.bootstrap_servers, topic, [(0, None, f"old{n}".encode())])
    tp = TopicPartition(topic, 0)
    latest = consumers(unique("group"), auto_offset_reset="latest")
    latest.assign([tp])
    assert latest.position(tp) == 3
    produce(kafka_broker.bootstrap_servers, topic, [(0, None, b"new")])
    assert [r.value for r in poll_until(latest, 1)] == [b"new"]
    strict = consumers(unique("group"), auto_offset_reset="none")
    with pytest.raises(ConnectException, match="No committed offset"):
        strict.assign([tp])


def test_pause_seek_and_offsets(consumers: Consumers, kafka_broker: KafkaBroker) -> None:
    """Paused partitions return nothing until resumed; seek rewinds; offsets are listed."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("cons-pause"), 2)
    fill(kafka_broker, topic, 2, 5)
    tp0, tp1 = TopicPartition(topic, 0), TopicPartition(topic, 1)
    consumer = consumers(unique("group"))
    consumer.assign([tp0, tp1])
    consumer.pause([tp0])
    assert consumer.paused() == {tp0}
    records = poll_until(consumer, 5)
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        records.extend(consumer.poll(0.1))
    assert {r.partition for r in records} == {1} and len(records) == 5
    consumer.resume([tp0])
    assert sorted(r.offset for r in poll_until(consumer, 5) if r.partition == 0) == list(range(5))
    consumer.seek(tp1, 3)
    assert consumer.position(tp1) == 3
    assert [(r.partition, r.offset) for r in poll_until(consumer, 2)] == [(1, 3), (1, 4)]
    assert consumer.beginning_offsets([tp0, tp1]) == {tp0: 0, tp1: 0}
    assert consumer.end_offsets([tp0, tp1]) == {tp0: 5, tp1: 5}
    other = TopicPartition(topic, 7)
    with pytest.raises(ConnectException, match="assigned"):
        consumer.position(other)
    with pytest.raises(ConnectException, match="assignment"):
        consumer.pause([other])


def test_max_poll_records(consumers: Consumers, kafka_broker: KafkaBroker) -> None:
    """A poll returns at most max.poll.records records."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("cons-max"), 1)
    fill(kafka_broker, topic, 1, 20)
    consumer = KafkaConsumer(
        {"bootstrap.servers": kafka_broker.bootstrap_servers, "group.id": unique("g")},
        "max-poll",
        max_poll_records=3,
    )
    consumers.made.append(consumer)
    consumer.assign([TopicPartition(topic, 0)])
    sizes = [len(consumer.poll(2.0)) for _ in range(4)]
    assert max(sizes) == 3 and sum(sizes) >= 9


def test_wakeup(consumers: Consumers, kafka_broker: KafkaBroker) -> None:
    """wakeup() makes a blocked poll raise WakeupException promptly; the consumer still works."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("cons-wake"), 1)
    consumer = consumers(unique("group"))
    consumer.assign([TopicPartition(topic, 0)])
    timer = threading.Timer(0.3, consumer.wakeup)
    timer.start()
    started = time.monotonic()
    with pytest.raises(WakeupException):
        consumer.poll(10.0)
    assert time.monotonic() - started < 2.0
    produce(kafka_broker.bootstrap_servers, topic, [(0, None, b"after")])
    assert [r.value for r in poll_until(consumer, 1)] == [b"after"]


def test_poll_returns_as_soon_as_records_arrive(
    consumers: Consumers, kafka_broker: KafkaBroker
) -> None:
    """A long poll returns when the first records arrive, not at its timeout."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("cons-latency"), 1)
    consumer = consumers(unique("group"))
    consumer.assign([TopicPartition(topic, 0)])
    assert consumer.poll(0.3) == []
    timer = threading.Timer(
        0.3, produce, args=(kafka_broker.bootstrap_servers, topic, [(0, None, b"x")])
    )
    timer.start()
    started = time.monotonic()
    records = consumer.poll(15.0)
    assert [r.value for r in records] == [b"x"]
    assert time.monotonic() - started < 5.0


def test_pattern_subscription(consumers: Consumers, kafka_broker: KafkaBroker) -> None:
    """A pattern matches whole topic names, and topics created later join the subscription."""
    tag = unique("pat")
    first = create_topic(kafka_broker.bootstrap_servers, f"{tag}-a", 1)
    create_topic(kafka_broker.bootstrap_servers, f"{tag}-a-not", 1)
    consumer = consumers(unique("group"))
    listener = Listener()
    consumer.subscribe(pattern=re.compile(rf"{re.escape(tag)}-[a-z]"), listener=listener)
    wait_for(lambda: bool(consumer.poll(0.1)) or bool(consumer.assignment()), 20, "assignment")
    assert consumer.assignment() == {TopicPartition(first, 0)}
    second = create_topic(kafka_broker.bootstrap_servers, f"{tag}-b", 1)
    produce(kafka_broker.bootstrap_servers, second, [(0, None, b"late topic")])

    def got_second() -> bool:
        return any(r.topic == second for r in consumer.poll(0.1))

    wait_for(got_second, 30, "records of the new topic")
    assert consumer.assignment() == {TopicPartition(first, 0), TopicPartition(second, 0)}


class Member(threading.Thread):
    """Polls a consumer on its own thread (rebalance callbacks run inside poll)."""

    def __init__(self, consumer: KafkaConsumer, listener: Listener) -> None:
        super().__init__(daemon=True)
        self.consumer = consumer
        self.listener = listener
        self.stopping = threading.Event()
        self.owned: set[TopicPartition] = set()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                self.consumer.poll(0.1)
                self.owned = self.consumer.assignment()
        except BaseException as exc:
            self.error = exc


def test_cooperative_rebalance(consumers: Consumers, kafka_broker: KafkaBroker) -> None:
    """A joining member takes partitions without the others revoking the ones they keep;
    a leaving member's partitions go back to the others."""
    topic = create_topic(kafka_broker.bootstrap_servers, unique("cons-coop"), 4)
    group = unique("group")
    everything = {TopicPartition(topic, p) for p in range(4)}
    one = Member(consumers(group), Listener())
    one.consumer.subscribe(topics=[topic], listener=one.listener)
    one.start()
    wait_for(lambda: one.owned == everything, 20, "the first member owning every partition")
    two = Member(consumers(group), Listener())
    two.consumer.subscribe(topics=[topic], listener=two.listener)
    two.start()
    try:
        wait_for(lambda: len(two.owned) == 2 and len(one.owned) == 2, 30, "a 2/2 split")
        assert one.owned | two.owned == everything and not one.owned & two.owned
        revoked = [set(p) for kind, p in one.listener.events if kind == "revoked"]
        assert set().union(*revoked) == two.owned
        assert all(kind != "lost" for kind, _ in one.listener.events)
        two.stopping.set()
        two.join(5)
        two.consumer.close()
        wait_for(lambda: one.owned == everything, 30, "partitions back to the first member")
    finally:
        one.stopping.set()
        two.stopping.set()
        one.join(5)
        two.join(5)
    assert one.error is None and two.error is None


def test_closed_consumer(consumers: Consumers, kafka_broker: KafkaBroker) -> None:
    """A closed consumer refuses to poll; closing twice is harmless."""
    consumer = consumers(unique("group"))
    consumer.close()
    consumer.close()
    with pytest.raises(ConnectException, match="closed"):
        consumer.poll(0.1)
