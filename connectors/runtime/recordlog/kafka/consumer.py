"""The Kafka consumer of the record-log interface (confluent-kafka ``Consumer``).

It behaves as Kafka's Java consumer where the runtime relies on it:

- a subscription joins the consumer group; with the default cooperative assignor
  (``cooperative-sticky``) a rebalance only moves the partitions that change owner, and the
  :class:`~connectors.runtime.recordlog.RebalanceListener` hears about them inside
  :meth:`KafkaConsumer.poll` (revoked, assigned, lost). Eager assignors (``range``,
  ``roundrobin``) revoke and reassign everything, as in Java;
- a newly assigned partition starts at the group's committed offset, else where
  ``auto.offset.reset`` says, and :meth:`~KafkaConsumer.position` knows that offset at once;
- :meth:`~KafkaConsumer.poll` returns as soon as records are available (up to
  ``max.poll.records``), or after the timeout, and :meth:`~KafkaConsumer.wakeup` interrupts it;
- a pattern subscription matches whole topic names with Python's ``re`` (Java's
  ``Pattern.matches``) and is re-evaluated against the cluster's topics every
  ``metadata.max.age.ms`` (at most every 5 s);
- offsets are never committed automatically, only by :meth:`~KafkaConsumer.commit_sync`.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Final

import confluent_kafka

from connect_data.errors import ConnectException, RetriableException
from connectors.record import OffsetAndMetadata, TimestampType, TopicPartition
from connectors.runtime.recordlog.backend import (
    Consumer,
    ConsumerRecord,
    RebalanceListener,
    WakeupException,
)
from connectors.runtime.recordlog.kafka.client_config import create_client

__all__ = ["KafkaConsumer"]

log = logging.getLogger(__name__)

_WAKEUP_SLICE_S: Final = 0.1
_PATTERN_REFRESH_MAX_S: Final = 5.0
_TIMESTAMP_TYPES: Final = {
    confluent_kafka.TIMESTAMP_NOT_AVAILABLE: TimestampType.NO_TIMESTAMP_TYPE,
    confluent_kafka.TIMESTAMP_CREATE_TIME: TimestampType.CREATE_TIME,
    confluent_kafka.TIMESTAMP_LOG_APPEND_TIME: TimestampType.LOG_APPEND_TIME,
}
_LATEST: Final = -1
_EARLIEST: Final = -2
_RETRIABLE_COMMIT_ERRORS: Final = frozenset(
    {
        confluent_kafka.KafkaError.REBALANCE_IN_PROGRESS,
        confluent_kafka.KafkaError.COORDINATOR_LOAD_IN_PROGRESS,
        confluent_kafka.KafkaError.COORDINATOR_NOT_AVAILABLE,
        confluent_kafka.KafkaError.NOT_COORDINATOR,
        confluent_kafka.KafkaError.REQUEST_TIMED_OUT,
        confluent_kafka.KafkaError._TIMED_OUT,
        confluent_kafka.KafkaError._TRANSPORT,
    }
)


def _ck(tp: TopicPartition, offset: int = confluent_kafka.OFFSET_INVALID) -> Any:
    return confluent_kafka.TopicPartition(tp.topic, tp.partition, offset)


def _tp(ck_tp: Any) -> TopicPartition:
    return TopicPartition(str(ck_tp.topic), int(ck_tp.partition))


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, confluent_kafka.KafkaException) and exc.args:
        error = exc.args[0]
        if isinstance(error, confluent_kafka.KafkaError):
            return f"{error.str()} ({error.name()})"
    return str(exc)


class KafkaConsumer(Consumer):
    """Reads records as a member of a consumer group (see the module docs).

    ``config`` holds librdkafka properties (already translated, ``group.id`` set);
    ``max_poll_records`` bounds a poll's batch, ``auto_offset_reset`` is ``earliest``,
    ``latest`` or ``none``, ``api_timeout_s`` bounds the blocking calls.
    """

    def __init__(
        self,
        config: dict[str, str],
        client_id: str,
        max_poll_records: int = 500,
        auto_offset_reset: str = "earliest",
        api_timeout_s: float = 60.0,
        metadata_max_age_s: float = 300.0,
    ) -> None:
        conf: dict[str, Any] = {"client.id": client_id, **config}
        conf["enable.auto.commit"] = "false"
        conf["enable.auto.offset.store"] = "false"
        conf.setdefault("partition.assignment.strategy", "cooperative-sticky")
        if "session.timeout.ms" in conf and "heartbeat.interval.ms" not in conf:
            conf["heartbeat.interval.ms"] = str(max(int(conf["session.timeout.ms"]) // 3, 10))
        strategies = str(conf["partition.assignment.strategy"])
        self._cooperative = "cooperative-sticky" in strategies
        conf["error_cb"] = self._on_error
        self._client_id = client_id
        self._group_id = str(conf.get("group.id", ""))
        self._consumer: confluent_kafka.Consumer = create_client(
            confluent_kafka.Consumer, conf, f"consumer {client_id}"
        )
        self._max_poll_records = max(int(max_poll_records), 1)
        reset = auto_offset_reset.strip().lower()
        if reset not in ("earliest", "latest", "none"):
            raise ConnectException(f"Invalid auto.offset.reset {auto_offset_reset!r}")
        self._reset = reset
        self._api_timeout_s = api_timeout_s
        self._pattern_refresh_s = min(max(metadata_max_age_s, 0.5), _PATTERN_REFRESH_MAX_S)
        self._listener: RebalanceListener | None = None
        self._pattern: re.Pattern[str] | None = None
        self._pattern_topics: list[str] = []
        self._next_pattern_check = 0.0
        self._subscribed = False
        self._assignment: set[TopicPartition] = set()
        self._positions: dict[TopicPartition, int] = {}
        self._paused: set[TopicPartition] = set()
        self._paused_keys: set[tuple[str, int]] = set()
        self._callback_error: BaseException | None = None
        self._wakeup = threading.Event()
        self._fatal: confluent_kafka.KafkaError | None = None
        self._closed = False
        self._warned_errors: set[int] = set()

    def _on_error(self, error: confluent_kafka.KafkaError) -> None:
        if error.fatal():
            self._fatal = error
            log.error("Consumer %s hit a fatal error: %s", self._client_id, error.str())
        else:
            log.debug("Consumer %s: %s", self._client_id, error.str())

    def _check_open(self) -> None:
        if self._closed:
            raise ConnectException(f"Consumer {self._client_id} is closed")
        if self._fatal is not None:
            raise ConnectException(
                f"Consumer {self._client_id} failed: {self._fatal.str()} ({self._fatal.name()})"
            )

    # ----------------------------------------------------------------- subscription

    def subscribe(
        self,
        topics: Collection[str] | None = None,
        pattern: re.Pattern[str] | None = None,
        listener: RebalanceListener | None = None,
    ) -> None:
        self._check_open()
        if (topics is None) == (pattern is None):
            raise ConnectException("Subscribe to a list of topics or to a pattern, not both")
        self._listener = listener
        self._pattern = pattern
        self._warm_metadata()
        if pattern is not None:
            self._pattern_topics = []
            self._next_pattern_check = 0.0
            self._refresh_pattern()
            return
        self._subscribe(sorted(set(topics or ())))

    def _subscribe(self, topics: list[str]) -> None:
        if not topics:
            if self._subscribed:
                self._consumer.unsubscribe()
                self._subscribed = False
            return
        self._consumer.subscribe(
            topics, on_assign=self._on_assign, on_revoke=self._on_revoke, on_lost=self._on_lost
        )
        self._subscribed = True

    def _warm_metadata(self) -> None:
        try:
            self._consumer.list_topics(timeout=self._api_timeout_s)
        except confluent_kafka.KafkaException as exc:
            log.warning("Consumer %s cannot read the cluster's metadata: %s", self._client_id, exc)

    def _refresh_pattern(self) -> None:
        pattern = self._pattern
        if pattern is None:
            return
        now = time.monotonic()
        if now < self._next_pattern_check:
            return
        self._next_pattern_check = now + self._pattern_refresh_s
        try:
            metadata = self._consumer.list_topics(timeout=self._api_timeout_s)
        except confluent_kafka.KafkaException as exc:
            log.warning("Consumer %s cannot list topics: %s", self._client_id, exc)
            return
        matching = sorted(
            name
            for name in metadata.topics
            if not name.startswith("__") and pattern.fullmatch(name) is not None
        )
        if matching != self._pattern_topics:
            log.info(
                "Consumer %s: topics matching %s are now %s",
                self._client_id,
                pattern.pattern,
                matching,
            )
            self._pattern_topics = matching
            self._subscribe(matching)

    def assign(self, partitions: Collection[TopicPartition]) -> None:
        self._check_open()
        if self._subscribed:
            self._consumer.unsubscribe()
            self._subscribed = False
        self._pattern = None
        self._listener = None
        self._warm_metadata()
        wanted = set(partitions)
        starts = self._start_offsets(wanted - set(self._positions))
        for tp in list(self._positions):
            if tp not in wanted:
                del self._positions[tp]
        self._positions.update(starts)
        self._paused &= wanted
        self._paused_keys = {(tp.topic, tp.partition) for tp in self._paused}
        self._assignment = wanted
        self._consumer.assign([_ck(tp, self._positions[tp]) for tp in sorted(wanted)])
        if self._paused:
            self._consumer.pause([_ck(tp) for tp in self._paused])

    # ----------------------------------------------------------------- rebalances

    def _start_offsets(self, partitions: Collection[TopicPartition]) -> dict[TopicPartition, int]:
        """Where reading starts: the committed offset, else per ``auto.offset.reset``."""
        if not partitions:
            return {}
        result: dict[TopicPartition, int] = {}
        missing: list[TopicPartition] = []
        for tp, committed in self._committed(partitions).items():
            if committed is None:
                missing.append(tp)
            else:
                result[tp] = committed.offset
        if missing:
            if self._reset == "none":
                raise ConnectException(
                    f"No committed offset for {', '.join(str(tp) for tp in missing)} in group "
                    f"{self._group_id} and auto.offset.reset is none"
                )
            spec = _EARLIEST if self._reset == "earliest" else _LATEST
            result.update(self._list_offsets(missing, spec))
        return result

    def _guard(self, what: str, call: Any, partitions: list[TopicPartition]) -> None:
        """Run a listener callback; its error is raised from the poll that ran it."""
        try:
            call(partitions)
        except Exception as exc:
            log.error("Consumer %s: the rebalance listener failed in %s", self._client_id, what)
            if self._callback_error is None:
                self._callback_error = exc

    def _on_assign(self, consumer: Any, partitions: list[Any]) -> None:
        gained = [_tp(p) for p in partitions]
        try:
            fresh = [tp for tp in gained if tp not in self._assignment]
            starts = self._start_offsets(fresh)
        except Exception as exc:
            log.error("Consumer %s cannot position %s: %s", self._client_id, gained, exc)
            if self._callback_error is None:
                self._callback_error = exc
            starts = {}
        if self._cooperative:
            consumer.incremental_assign(
                [_ck(tp, starts.get(tp, confluent_kafka.OFFSET_STORED)) for tp in gained]
            )
        else:
            consumer.assign(
                [_ck(tp, starts.get(tp, confluent_kafka.OFFSET_STORED)) for tp in gained]
            )
            self._assignment = set()
            self._positions.clear()
            self._paused.clear()
            self._paused_keys.clear()
        self._assignment.update(gained)
        self._positions.update(starts)
        log.debug("Consumer %s assigned %s", self._client_id, gained)
        listener = self._listener
        if listener is not None:
            self._guard("on_partitions_assigned", listener.on_partitions_assigned, sorted(gained))

    def _forget(self, partitions: list[TopicPartition]) -> None:
        for tp in partitions:
            self._assignment.discard(tp)
            self._positions.pop(tp, None)
            self._paused.discard(tp)
            self._paused_keys.discard((tp.topic, tp.partition))

    def _on_revoke(self, consumer: Any, partitions: list[Any]) -> None:
        lost = [_tp(p) for p in partitions]
        listener = self._listener
        if listener is not None:
            self._guard("on_partitions_revoked", listener.on_partitions_revoked, sorted(lost))
        self._unassign(consumer, partitions)
        self._forget(lost)
        log.debug("Consumer %s revoked %s", self._client_id, lost)

    def _on_lost(self, consumer: Any, partitions: list[Any]) -> None:
        lost = [_tp(p) for p in partitions]
        listener = self._listener
        if listener is not None:
            self._guard("on_partitions_lost", listener.on_partitions_lost, sorted(lost))
        self._unassign(consumer, partitions)
        self._forget(lost)
        log.warning("Consumer %s lost %s", self._client_id, lost)

    def _unassign(self, consumer: Any, partitions: list[Any]) -> None:
        try:
            if self._cooperative:
                consumer.incremental_unassign(partitions)
            else:
                consumer.unassign()
        except confluent_kafka.KafkaException as exc:
            log.debug("Consumer %s: unassign failed: %s", self._client_id, exc)

    def _raise_callback_error(self) -> None:
        error = self._callback_error
        if error is not None:
            self._callback_error = None
            raise error

    # ----------------------------------------------------------------- reading

    def poll(self, timeout: float) -> list[ConsumerRecord]:
        self._check_open()
        deadline = time.monotonic() + max(timeout, 0.0)
        if self._pattern is not None:
            self._refresh_pattern()
        while True:
            if self._wakeup.is_set():
                self._wakeup.clear()
                raise WakeupException()
            messages = self._consumer.consume(self._max_poll_records, 0)
            self._raise_callback_error()
            if messages:
                records = self._convert(messages)
                if records:
                    return records
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            first = self._consumer.poll(min(remaining, _WAKEUP_SLICE_S))
            self._raise_callback_error()
            if first is not None:
                batch = [first]
                if self._max_poll_records > 1:
                    batch.extend(self._consumer.consume(self._max_poll_records - 1, 0))
                    self._raise_callback_error()
                records = self._convert(batch)
                if records:
                    return records
            if self._fatal is not None:
                self._check_open()

    def _convert(self, messages: Sequence[Any]) -> list[ConsumerRecord]:
        records: list[ConsumerRecord] = []
        last: dict[tuple[str, int], int] = {}
        paused = self._paused_keys
        rewind: dict[tuple[str, int], int] = {}
        types = _TIMESTAMP_TYPES
        for msg in messages:
            error = msg.error()
            if error is not None:
                self._message_error(error)
                continue
            topic = msg.topic()
            partition = msg.partition()
            offset = msg.offset()
            key = (topic, partition)
            if paused and key in paused:
                rewind.setdefault(key, offset)
                continue
            ts_type, timestamp = msg.timestamp()
            headers = msg.headers()
            records.append(
                ConsumerRecord(
                    topic=topic,
                    partition=partition,
                    offset=offset,
                    timestamp=timestamp if ts_type else -1,
                    timestamp_type=types.get(ts_type, TimestampType.NO_TIMESTAMP_TYPE),
                    key=msg.key(),
                    value=msg.value(),
                    headers=headers if headers is not None else (),
                )
            )
            last[key] = offset
        for (topic, partition), offset in last.items():
            self._positions[TopicPartition(topic, partition)] = offset + 1
        for (topic, partition), offset in rewind.items():
            self.seek(TopicPartition(topic, partition), offset)
        return records

    def _message_error(self, error: confluent_kafka.KafkaError) -> None:
        code = error.code()
        if code == confluent_kafka.KafkaError._PARTITION_EOF:
            return
        if error.fatal():
            self._fatal = error
            self._check_open()
        if code not in self._warned_errors:
            self._warned_errors.add(code)
            log.warning("Consumer %s: %s (%s)", self._client_id, error.str(), error.name())
        else:
            log.debug("Consumer %s: %s (%s)", self._client_id, error.str(), error.name())

    def assignment(self) -> set[TopicPartition]:
        return set(self._assignment)

    def position(self, partition: TopicPartition) -> int:
        if partition not in self._assignment:
            raise ConnectException(
                f"Can only check the position of assigned partitions: {partition}"
            )
        position = self._positions.get(partition)
        if position is None:
            position = self._start_offsets([partition])[partition]
            self._positions[partition] = position
        return position

    def seek(self, partition: TopicPartition, offset: int) -> None:
        if partition not in self._assignment:
            raise ConnectException(f"Can only seek assigned partitions: {partition}")
        if offset < 0:
            raise ConnectException(f"Invalid negative offset {offset} for {partition}")
        try:
            self._consumer.seek(_ck(partition, offset))
        except confluent_kafka.KafkaException:
            # not fetching yet: (re)assign the partition at the offset instead
            if self._cooperative and self._subscribed:
                self._consumer.incremental_unassign([_ck(partition)])
                self._consumer.incremental_assign([_ck(partition, offset)])
            else:
                self._consumer.assign(
                    [
                        _ck(tp, offset if tp == partition else self._positions.get(tp, -1001))
                        for tp in sorted(self._assignment)
                    ]
                )
            if partition in self._paused:
                self._consumer.pause([_ck(partition)])
        self._positions[partition] = offset

    def pause(self, partitions: Collection[TopicPartition]) -> None:
        partitions = list(partitions)
        for tp in partitions:
            if tp not in self._assignment:
                raise ConnectException(f"No current assignment for partition {tp}")
        if partitions:
            self._consumer.pause([_ck(tp) for tp in partitions])
            self._paused.update(partitions)
            self._paused_keys.update((tp.topic, tp.partition) for tp in partitions)

    def resume(self, partitions: Collection[TopicPartition]) -> None:
        partitions = list(partitions)
        for tp in partitions:
            if tp not in self._assignment:
                raise ConnectException(f"No current assignment for partition {tp}")
        if partitions:
            self._consumer.resume([_ck(tp) for tp in partitions])
            self._paused.difference_update(partitions)
            self._paused_keys.difference_update((tp.topic, tp.partition) for tp in partitions)

    def paused(self) -> set[TopicPartition]:
        return set(self._paused)

    # ----------------------------------------------------------------- offsets

    def commit_sync(self, offsets: Mapping[TopicPartition, OffsetAndMetadata]) -> None:
        if not offsets:
            return
        self._check_open()
        request = []
        for tp, om in offsets.items():
            extra: dict[str, Any] = {}
            if om.metadata:
                extra["metadata"] = om.metadata
            if om.leader_epoch is not None:
                extra["leader_epoch"] = om.leader_epoch
            request.append(
                confluent_kafka.TopicPartition(tp.topic, tp.partition, om.offset, **extra)
            )
        try:
            result = self._consumer.commit(offsets=request, asynchronous=False)
        except confluent_kafka.KafkaException as exc:
            error = exc.args[0] if exc.args else None
            message = f"Commit of offsets for group {self._group_id} failed: {_error_text(exc)}"
            if isinstance(error, confluent_kafka.KafkaError) and (
                error.retriable() or error.code() in _RETRIABLE_COMMIT_ERRORS
            ):
                raise RetriableException(message) from exc
            raise ConnectException(message) from exc
        failed = [tp for tp in (result or []) if getattr(tp, "error", None) is not None]
        if failed:
            raise ConnectException(
                f"Commit of offsets for group {self._group_id} failed for "
                + ", ".join(f"{tp.topic}-{tp.partition}: {tp.error}" for tp in failed)
            )

    def _committed(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, OffsetAndMetadata | None]:
        if not partitions:
            return {}
        try:
            found = self._consumer.committed(
                [_ck(tp) for tp in partitions], timeout=self._api_timeout_s
            )
        except confluent_kafka.KafkaException as exc:
            raise ConnectException(
                f"Cannot read the committed offsets of group {self._group_id}: {_error_text(exc)}"
            ) from exc
        result: dict[TopicPartition, OffsetAndMetadata | None] = {}
        for item in found:
            tp = _tp(item)
            if item.offset is None or item.offset < 0:
                result[tp] = None
            else:
                result[tp] = OffsetAndMetadata(int(item.offset), item.metadata or "")
        return result

    def committed(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, OffsetAndMetadata | None]:
        self._check_open()
        return self._committed(partitions)

    def _list_offsets(
        self, partitions: Collection[TopicPartition], spec: int
    ) -> dict[TopicPartition, int]:
        if not partitions:
            return {}
        try:
            found = self._consumer.offsets_for_times(
                [_ck(tp, spec) for tp in partitions], timeout=self._api_timeout_s
            )
        except confluent_kafka.KafkaException as exc:
            raise ConnectException(
                f"Cannot list the offsets of {', '.join(str(tp) for tp in partitions)}: "
                f"{_error_text(exc)}"
            ) from exc
        result: dict[TopicPartition, int] = {}
        for item in found:
            if item.error is not None:
                raise ConnectException(
                    f"Cannot list the offsets of {item.topic}-{item.partition}: {item.error}"
                )
            result[_tp(item)] = max(int(item.offset), 0)
        return result

    def end_offsets(self, partitions: Collection[TopicPartition]) -> dict[TopicPartition, int]:
        self._check_open()
        ends = self._list_offsets(partitions, _LATEST)
        for tp in partitions:
            # the high watermark of the last fetch response, when there was one
            try:
                _low, high = self._consumer.get_watermark_offsets(_ck(tp), cached=True)
            except (confluent_kafka.KafkaException, RuntimeError):
                continue
            if high is not None and high >= 0:
                ends[tp] = max(ends.get(tp, 0), int(high))
        return ends

    def beginning_offsets(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, int]:
        self._check_open()
        return self._list_offsets(partitions, _EARLIEST)

    def wakeup(self) -> None:
        self._wakeup.set()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._listener = None
        try:
            self._consumer.close()
        except Exception as exc:
            log.debug("Consumer %s: close failed: %s", self._client_id, exc)
