"""The Kafka producer of the record-log interface (confluent-kafka ``Producer``).

Records are sent asynchronously; a background thread polls the producer, so delivery callbacks
run on that thread as soon as the broker acknowledged (or finally rejected) each record. No
record is flushed on its own: :meth:`KafkaProducer.flush` is for commit points and shutdown.

Defaults, as a Kafka Connect source producer (any of them can be changed with ``producer.*`` or
``producer.override.*``): ``acks=all``, ``delivery.timeout.ms`` at its maximum (retry until
stored). connectpy also turns on idempotence (no duplicates from the producer's own retries),
and partitions keyed records with murmur2 like the Java producer (librdkafka's
``murmur2_random``), so a key lands on the partition a Java worker would pick.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Final

import confluent_kafka

from connect_data.errors import ConnectException, RetriableException
from connectors.record import RecordMetadata
from connectors.runtime.recordlog.backend import DeliveryCallback, Producer, ProducerRecord
from connectors.runtime.recordlog.kafka.client_config import create_client
from connectors.runtime.recordlog.kafka.topic_creation import TopicCreator

__all__ = ["PRODUCER_DEFAULTS", "KafkaProducer"]

log = logging.getLogger(__name__)

PRODUCER_DEFAULTS: Final[dict[str, str]] = {
    "acks": "all",
    "enable.idempotence": "true",
    "delivery.timeout.ms": str(2**31 - 1),
    "partitioner": "murmur2_random",
}
"""librdkafka properties every connectpy producer starts from."""

_POLL_S: Final = 0.1
_QUEUE_FULL_WAIT_S: Final = 0.5
_WARM_UP_S: Final = 5.0


def _delivery_error(error: confluent_kafka.KafkaError, topic: str) -> ConnectException:
    message = f"Failed to store a record in topic {topic}: {error.str()} ({error.name()})"
    if error.retriable() and not error.fatal():
        return RetriableException(message)
    return ConnectException(message)


def _or_minus_one(value: int | None) -> int:
    return -1 if value is None else int(value)


def _on_delivery(
    callback: DeliveryCallback, key_size: int, value_size: int
) -> Callable[[confluent_kafka.KafkaError | None, confluent_kafka.Message], None]:
    def on_delivery(error: confluent_kafka.KafkaError | None, msg: confluent_kafka.Message) -> None:
        topic = msg.topic() or ""
        try:
            if error is not None:
                callback(None, _delivery_error(error, topic))
                return
            ts_type, timestamp = msg.timestamp()
            callback(
                RecordMetadata(
                    topic=topic,
                    partition=int(msg.partition() or 0),
                    offset=_or_minus_one(msg.offset()),
                    timestamp=(
                        timestamp if ts_type != confluent_kafka.TIMESTAMP_NOT_AVAILABLE else -1
                    ),
                    serialized_key_size=key_size,
                    serialized_value_size=value_size,
                ),
                None,
            )
        except Exception:
            log.exception("A delivery callback for topic %s failed", topic)

    return on_delivery


class KafkaProducer(Producer):
    """Sends records to Kafka (see the module docs).

    ``config`` holds librdkafka properties (already translated); ``topic_creator`` creates
    each topic before its first record when the connector configured ``topic.creation.*``.
    """

    def __init__(
        self,
        config: dict[str, str],
        client_id: str,
        topic_creator: TopicCreator | None = None,
    ) -> None:
        conf: dict[str, Any] = {**PRODUCER_DEFAULTS, "client.id": client_id, **config}
        acks = str(conf.get("acks", "all")).strip().lower()
        if acks not in ("all", "-1") and "enable.idempotence" not in config:
            conf["enable.idempotence"] = "false"
        self._fatal: confluent_kafka.KafkaError | None = None
        conf["error_cb"] = self._on_error
        self._client_id = client_id
        self._producer: confluent_kafka.Producer = create_client(
            confluent_kafka.Producer, conf, f"producer {client_id}"
        )
        self._topic_creator = topic_creator
        self._closed = False
        self._warm_up()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._poll_loop, name=f"{client_id}-delivery", daemon=True
        )
        self._thread.start()

    def _warm_up(self) -> None:
        """Fetch the cluster's metadata now: an idempotent producer's first record otherwise
        waits for it (about half a second)."""
        try:
            self._producer.list_topics(timeout=_WARM_UP_S)
        except confluent_kafka.KafkaException as exc:
            log.debug("Producer %s: no metadata yet: %s", self._client_id, exc)

    def _on_error(self, error: confluent_kafka.KafkaError) -> None:
        if error.fatal():
            self._fatal = error
            log.error("Producer %s hit a fatal error: %s", self._client_id, error.str())
        elif error.code() == confluent_kafka.KafkaError._ALL_BROKERS_DOWN:
            log.warning("Producer %s: %s", self._client_id, error.str())
        else:
            log.debug("Producer %s: %s", self._client_id, error.str())

    def _poll_loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._producer.poll(_POLL_S)
            except Exception:
                log.exception("Producer %s: polling for delivery reports failed", self._client_id)

    def send(self, record: ProducerRecord, callback: DeliveryCallback | None = None) -> None:
        if self._closed:
            raise ConnectException(f"Producer {self._client_id} is closed")
        if self._fatal is not None:
            raise ConnectException(
                f"Producer {self._client_id} cannot send any more records after a fatal error: "
                f"{self._fatal.str()}"
            )
        topic = record.topic
        if self._topic_creator is not None:
            self._topic_creator.maybe_create(topic)
        kwargs: dict[str, Any] = {}
        if record.partition is not None:
            kwargs["partition"] = record.partition
        if record.timestamp is not None:
            kwargs["timestamp"] = record.timestamp
        if record.headers:
            kwargs["headers"] = list(record.headers)
        if callback is not None:
            kwargs["on_delivery"] = _on_delivery(
                callback,
                -1 if record.key is None else len(record.key),
                -1 if record.value is None else len(record.value),
            )
        deadline = 0.0
        while True:
            try:
                self._producer.produce(topic, record.value, record.key, **kwargs)
                return
            except BufferError as exc:
                now = time.monotonic()
                if not deadline:
                    deadline = now + _QUEUE_FULL_WAIT_S
                elif now >= deadline:
                    raise RetriableException(
                        f"Producer {self._client_id}: the local queue is full "
                        "(queue.buffering.max.messages / queue.buffering.max.kbytes)"
                    ) from exc
                self._stop.wait(0.005)
            except confluent_kafka.KafkaException as exc:
                # refused at once (too large, unknown partition...): as Java's send(), the
                # record's callback gets the error
                error = exc.args[0] if exc.args else None
                detail = error.str() if isinstance(error, confluent_kafka.KafkaError) else str(exc)
                failure = ConnectException(
                    f"Producer {self._client_id} cannot send a record to topic {topic}: {detail}"
                )
                failure.__cause__ = exc
                if callback is None:
                    raise failure from exc
                callback(None, failure)
                return

    def flush(self, timeout: float | None = None) -> bool:
        remaining = self._producer.flush(-1 if timeout is None else max(timeout, 0.0))
        return remaining == 0

    def close(self, timeout: float | None = None) -> None:
        if self._closed:
            return
        self._closed = True
        left = self._producer.flush(-1 if timeout is None else max(timeout, 0.0))
        if left:
            log.warning(
                "Producer %s closed with %d record(s) not acknowledged; they are dropped",
                self._client_id,
                left,
            )
            self._producer.purge()
            self._producer.flush(1.0)
        self._stop.set()
        self._thread.join(5.0)
        # release the admin client of topic creation now: an AdminClient has no close(), and
        # a closed producer may stay referenced (by its task) long after it is closed
        self._topic_creator = None
        try:
            self._producer.close()
        except Exception as exc:  # pragma: no cover - close errors are only logged
            log.debug("Producer %s: close failed: %s", self._client_id, exc)

    def __len__(self) -> int:
        """Records not yet acknowledged."""
        return len(self._producer)
