"""A compacted topic mirrored in memory (Kafka Connect's ``KafkaBasedLog``): the worker's offsets
and configs topics.

:meth:`KafkaTopicLog.start` creates the topic if it is missing (compacted, with the configured
partitions and replication factor), then reads it from the beginning on a background thread
that keeps following it; every record goes to the ``on_record`` callback, in offset order per
partition. :meth:`~KafkaTopicLog.read_to_end` waits until the thread has read everything
written before the call; :meth:`~KafkaTopicLog.send_all` writes records and waits for the
broker's acknowledgement (``acks=all``).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import confluent_kafka

from connect_data.errors import ConnectException
from connectors.record import TopicPartition
from connectors.runtime.recordlog.kafka.admin import KafkaAdmin
from connectors.runtime.recordlog.kafka.client_config import create_client

__all__ = ["KafkaTopicLog", "RecordCallback"]

log = logging.getLogger(__name__)

RecordCallback = Callable[[int, int, bytes | None, bytes | None], None]
"""``(partition, offset, key, value)`` of each record read."""

_BATCH: Final = 500
_POLL_S: Final = 0.05


class KafkaTopicLog:
    """One compacted topic, written through a producer and followed by a consumer thread.

    ``client_config`` holds the librdkafka properties every client of the log uses
    (``bootstrap.servers``, security); ``partitions`` / ``replication_factor`` (``-1`` for the
    broker's defaults) apply only when the topic is created.
    """

    def __init__(
        self,
        topic: str,
        admin: KafkaAdmin,
        client_config: Mapping[str, str],
        on_record: RecordCallback,
        partitions: int = 1,
        replication_factor: int = -1,
        timeout_s: float = 60.0,
        what: str = "internal topic",
    ) -> None:
        self.topic = topic
        self._admin = admin
        self._client_config = dict(client_config)
        self._on_record = on_record
        self._partitions = partitions
        self._replication_factor = replication_factor
        self._timeout_s = timeout_s
        self._what = what
        self._lock = threading.Lock()
        self._progress = threading.Condition()
        self._positions: dict[int, int] = {}
        self._eof: set[int] = set()
        self._partition_ids: list[int] = []
        self._producer: confluent_kafka.Producer | None = None
        self._consumer: confluent_kafka.Consumer | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._failure: BaseException | None = None
        self._started = False

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> None:
        """Create the topic if needed and read it to the end (idempotent)."""
        with self._lock:
            if self._started:
                return
            count = self._ensure_topic()
            self._partition_ids = list(range(count))
            suffix = uuid.uuid4().hex[:8]
            self._producer = create_client(
                confluent_kafka.Producer,
                {
                    **self._client_config,
                    "client.id": f"connectpy-{self.topic}-producer-{suffix}",
                    "acks": "all",
                    "enable.idempotence": "true",
                    "partitioner": "murmur2_random",
                    "linger.ms": "0",
                },
                f"the producer of the {self._what} {self.topic}",
            )
            self._producer.list_topics(timeout=self._timeout_s)  # else the first write waits
            consumer = create_client(
                confluent_kafka.Consumer,
                {
                    **self._client_config,
                    "client.id": f"connectpy-{self.topic}-reader-{suffix}",
                    "group.id": f"connectpy-{self.topic}-reader",
                    "enable.auto.commit": "false",
                    "enable.auto.offset.store": "false",
                    "enable.partition.eof": "true",
                    "fetch.wait.max.ms": "100",
                    "isolation.level": "read_committed",
                },
                f"the reader of the {self._what} {self.topic}",
            )
            self._consumer = consumer
            consumer.list_topics(topic=None, timeout=self._timeout_s)
            consumer.assign(
                [
                    confluent_kafka.TopicPartition(self.topic, p, confluent_kafka.OFFSET_BEGINNING)
                    for p in self._partition_ids
                ]
            )
            self._positions = dict.fromkeys(self._partition_ids, 0)
            self._thread = threading.Thread(
                target=self._run, name=f"{self.topic}-reader", daemon=True
            )
            self._thread.start()
            self._started = True
        self.read_to_end(require_eof=True)
        log.info(
            "Read the %s %s (%d partition(s)) to its end",
            self._what,
            self.topic,
            len(self._partition_ids),
        )

    def _ensure_topic(self) -> int:
        count = self._admin.partitions_of(self.topic)
        if count:
            return count
        created = self._admin.create_topic_with(
            self.topic,
            partitions=self._partitions,
            replication_factor=self._replication_factor,
            topic_config={"cleanup.policy": "compact"},
            timeout_s=self._timeout_s,
        )
        if created is None:
            raise ConnectException(
                f"Unable to create the {self._what} {self.topic}: the cluster does not let "
                "this worker create topics; create it (compacted) beforehand"
            )
        if created:
            log.info(
                "Created the %s %s (compacted, %d partition(s), replication factor %d)",
                self._what,
                self.topic,
                self._partitions,
                self._replication_factor,
            )
        deadline = time.monotonic() + self._timeout_s
        while True:
            count = self._admin.partitions_of(self.topic)
            if count:
                return count
            if time.monotonic() >= deadline:
                raise ConnectException(
                    f"The {self._what} {self.topic} was created but does not appear in the "
                    "cluster's metadata"
                )
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop following the topic and release the clients."""
        with self._lock:
            if not self._started:
                return
            self._started = False
            self._stop.set()
            if self._thread is not None:
                self._thread.join(10.0)
            if self._producer is not None:
                self._producer.flush(5.0)
                self._producer.close()
                self._producer = None
            if self._consumer is not None:
                self._consumer.close()
                self._consumer = None

    # ----------------------------------------------------------------- reading

    def _run(self) -> None:
        consumer = self._consumer
        assert consumer is not None
        while not self._stop.is_set():
            try:
                messages = consumer.consume(_BATCH, _POLL_S)
            except Exception as exc:
                log.exception("The reader of the %s %s failed", self._what, self.topic)
                with self._progress:
                    self._failure = exc
                    self._progress.notify_all()
                return
            if not messages:
                continue
            with self._progress:
                for msg in messages:
                    partition = int(msg.partition() or 0)
                    offset = int(msg.offset() or 0)
                    error = msg.error()
                    if error is not None:
                        if error.code() == confluent_kafka.KafkaError._PARTITION_EOF:
                            self._eof.add(partition)
                            if offset > self._positions.get(partition, 0):
                                self._positions[partition] = offset
                        else:
                            log.warning(
                                "Reading the %s %s: %s", self._what, self.topic, error.str()
                            )
                        continue
                    try:
                        self._on_record(partition, offset, msg.key(), msg.value())
                    except Exception:
                        log.exception(
                            "Cannot apply the record at %s-%d@%d",
                            self.topic,
                            partition,
                            offset,
                        )
                    self._positions[partition] = offset + 1
                self._progress.notify_all()

    def read_to_end(self, timeout_s: float | None = None, require_eof: bool = False) -> None:
        """Wait until every record written before this call was read.

        The end is the log-end offset each partition reports (``require_eof`` also waits for
        the reader to have reached the end of every partition once). Raises
        :class:`~connect_data.ConnectException` after ``timeout_s`` (default: the log's).
        """
        if not self._started:
            raise ConnectException(f"The {self._what} {self.topic} is not started")
        timeout = self._timeout_s if timeout_s is None else timeout_s
        ends = self._admin.end_offsets([TopicPartition(self.topic, p) for p in self._partition_ids])
        targets = {tp.partition: offset for tp, offset in ends.items()}
        deadline = time.monotonic() + timeout
        with self._progress:
            while True:
                if self._failure is not None:
                    raise ConnectException(
                        f"The reader of the {self._what} {self.topic} failed: {self._failure}"
                    )
                behind = [
                    p
                    for p, target in targets.items()
                    if self._positions.get(p, 0) < target or (require_eof and p not in self._eof)
                ]
                if not behind:
                    return
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ConnectException(
                        f"Timed out after {timeout:.0f} s reading the {self._what} {self.topic} "
                        f"to its end (partitions {behind} behind)"
                    )
                self._progress.wait(min(remaining, 0.5))

    # ----------------------------------------------------------------- writing

    def send_all(
        self, records: Sequence[tuple[bytes, bytes | None]], timeout_s: float | None = None
    ) -> list[tuple[int, int]]:
        """Write ``(key, value)`` records (``None`` values are tombstones) and wait for all of
        them to be stored; their ``(partition, offset)`` in order. Raises
        :class:`~connect_data.ConnectException` if any failed or the wait timed out."""
        producer = self._producer
        if producer is None:
            raise ConnectException(f"The {self._what} {self.topic} is not started")
        timeout = self._timeout_s if timeout_s is None else timeout_s
        results: list[Any] = [None] * len(records)

        def reporter(index: int) -> Callable[[Any, Any], None]:
            def report(error: confluent_kafka.KafkaError | None, msg: Any) -> None:
                results[index] = error if error is not None else (msg.partition(), msg.offset())

            return report

        for index, (key, value) in enumerate(records):
            while True:
                try:
                    producer.produce(self.topic, value, key, on_delivery=reporter(index))
                    break
                except BufferError:
                    producer.poll(0.05)
        left = producer.flush(timeout)
        if left:
            raise ConnectException(
                f"Timed out after {timeout:.0f} s writing {left} record(s) to the {self._what} "
                f"{self.topic}"
            )
        failures = [r for r in results if isinstance(r, confluent_kafka.KafkaError)]
        if failures or any(r is None for r in results):
            detail = failures[0].str() if failures else "no acknowledgement"
            raise ConnectException(f"Failed to write to the {self._what} {self.topic}: {detail}")
        return [(int(p), int(o)) for p, o in results]

    def describe(self) -> str:
        """The topic and its partition count."""
        return f"{self.topic} ({len(self._partition_ids)} partition(s))"

    def __repr__(self) -> str:
        return f"KafkaTopicLog({self.topic!r})"
