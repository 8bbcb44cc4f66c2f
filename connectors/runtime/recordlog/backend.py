"""The record-log interface the worker runs on: producer, consumer, admin and offset stores.

Shaped after Kafka's clients so that a Kafka implementation (confluent-kafka) fits beside the
embedded SQLite one:

- :class:`Producer` sends asynchronously: :meth:`Producer.send` queues a record and the
  delivery callback runs later, on the producer's own thread, once the log stored the record
  (or failed to). :meth:`Producer.flush` waits for every callback. Transactions
  (:meth:`Producer.begin_transaction` ... :meth:`Producer.commit_transaction`) make a batch of
  records and the source offsets that cover them visible together or not at all.
- :class:`Consumer` reads as a member of a consumer group: assignments arrive through a
  :class:`RebalanceListener` called inside :meth:`Consumer.poll`; positions, ``seek``, ``pause``
  and committed group offsets work as in Kafka's consumer.
- :class:`OffsetBackingStore` holds source offsets as serialized key/value bytes, as Kafka
  Connect's ``OffsetBackingStore`` does.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

import attrs

from connectors.record import OffsetAndMetadata, RecordMetadata, TimestampType, TopicPartition

__all__ = [
    "ConfigBackingStore",
    "Consumer",
    "ConsumerRecord",
    "DeliveryCallback",
    "OffsetBackingStore",
    "Producer",
    "ProducerRecord",
    "RebalanceListener",
    "RecordLog",
    "RecordLogAdmin",
    "WakeupException",
]

Headers = Sequence[tuple[str, bytes | None]]


@attrs.frozen(kw_only=True, slots=True)
class ProducerRecord:
    """A serialized record to append: ``partition=None`` lets the log pick one by key hash."""

    topic: str
    partition: int | None = None
    key: bytes | None = None
    value: bytes | None = None
    timestamp: int | None = None
    headers: Headers = ()


@attrs.frozen(kw_only=True, slots=True)
class ConsumerRecord:
    """A serialized record read from the log."""

    topic: str
    partition: int
    offset: int
    timestamp: int
    timestamp_type: TimestampType
    key: bytes | None
    value: bytes | None
    headers: Headers = ()


DeliveryCallback = Callable[[RecordMetadata | None, BaseException | None], None]
"""Called once per sent record: ``(metadata, None)`` when stored, ``(None, error)`` if not."""


class WakeupException(Exception):
    """Raised from a blocked :meth:`Consumer.poll` by :meth:`Consumer.wakeup`."""


class Producer(ABC):
    """Appends records to the log (Kafka's ``Producer``)."""

    @abstractmethod
    def send(self, record: ProducerRecord, callback: DeliveryCallback | None = None) -> None:
        """Queue ``record``; ``callback`` runs once it is stored or has failed.

        May raise :class:`~connect_data.RetriableException` when the producer cannot accept
        the record now (the caller backs off and sends it again).
        """

    @abstractmethod
    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued record's callback ran; ``False`` on timeout."""

    @abstractmethod
    def close(self, timeout: float | None = None) -> None:
        """Flush (up to ``timeout`` seconds) and release the producer."""

    def supports_transactions(self) -> bool:
        """Whether :meth:`begin_transaction` and friends are available."""
        return False

    def begin_transaction(self) -> None:
        """Start a transaction: records sent from now on are stored only at commit."""
        raise NotImplementedError("this producer is not transactional")

    def commit_transaction(
        self, source_offsets: Mapping[bytes, bytes | None] | None = None
    ) -> None:
        """Store the transaction's records, and ``source_offsets`` with them, atomically.

        Callbacks of the transaction's records run before this returns. ``source_offsets``
        are serialized offset entries (``None`` deletes a key) for the log's offset store.
        """
        raise NotImplementedError("this producer is not transactional")

    def abort_transaction(self) -> None:
        """Discard the transaction's records; their callbacks get an error."""
        raise NotImplementedError("this producer is not transactional")


class RebalanceListener(ABC):
    """Told about partitions gained and lost by a :class:`Consumer`, inside its ``poll``."""

    @abstractmethod
    def on_partitions_revoked(self, partitions: Collection[TopicPartition]) -> None:
        """These partitions leave this consumer; commit their offsets now."""

    @abstractmethod
    def on_partitions_assigned(self, partitions: Collection[TopicPartition]) -> None:
        """These partitions are now read by this consumer."""

    def on_partitions_lost(self, partitions: Collection[TopicPartition]) -> None:
        """These partitions were lost without a chance to commit (default: as revoked)."""
        self.on_partitions_revoked(partitions)


class Consumer(ABC):
    """Reads records as a member of a consumer group (Kafka's ``Consumer``)."""

    @abstractmethod
    def subscribe(
        self,
        topics: Collection[str] | None = None,
        pattern: re.Pattern[str] | None = None,
        listener: RebalanceListener | None = None,
    ) -> None:
        """Subscribe to ``topics`` or to every topic matching ``pattern``."""

    @abstractmethod
    def assign(self, partitions: Collection[TopicPartition]) -> None:
        """Read exactly these partitions, outside any group rebalancing (no subscription)."""

    @abstractmethod
    def poll(self, timeout: float) -> list[ConsumerRecord]:
        """Records from the assigned, unpaused partitions; waits up to ``timeout`` seconds.

        Rebalance callbacks run inside this call. Raises :class:`WakeupException` if
        :meth:`wakeup` was called.
        """

    @abstractmethod
    def assignment(self) -> set[TopicPartition]:
        """The partitions assigned to this consumer."""

    @abstractmethod
    def position(self, partition: TopicPartition) -> int:
        """The offset of the next record :meth:`poll` returns from ``partition``."""

    @abstractmethod
    def seek(self, partition: TopicPartition, offset: int) -> None:
        """Read ``partition`` from ``offset`` on."""

    @abstractmethod
    def pause(self, partitions: Collection[TopicPartition]) -> None:
        """Stop returning records of these assigned partitions."""

    @abstractmethod
    def resume(self, partitions: Collection[TopicPartition]) -> None:
        """Return records of these partitions again."""

    @abstractmethod
    def paused(self) -> set[TopicPartition]:
        """The paused partitions."""

    @abstractmethod
    def commit_sync(self, offsets: Mapping[TopicPartition, OffsetAndMetadata]) -> None:
        """Commit the group's offsets (the next offset to read, per partition)."""

    def commit_async(
        self,
        offsets: Mapping[TopicPartition, OffsetAndMetadata],
        callback: Callable[
            [Mapping[TopicPartition, OffsetAndMetadata], BaseException | None], None
        ],
    ) -> None:
        """Commit without waiting; ``callback`` runs in a later :meth:`poll` (or now)."""
        try:
            self.commit_sync(offsets)
        except Exception as exc:
            callback(offsets, exc)
        else:
            callback(offsets, None)

    @abstractmethod
    def committed(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, OffsetAndMetadata | None]:
        """The group's committed offsets for these partitions."""

    @abstractmethod
    def end_offsets(self, partitions: Collection[TopicPartition]) -> dict[TopicPartition, int]:
        """The offset the next appended record of each partition will get."""

    @abstractmethod
    def beginning_offsets(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, int]:
        """The first available offset of each partition."""

    @abstractmethod
    def wakeup(self) -> None:
        """Make a blocked (or the next) :meth:`poll` raise :class:`WakeupException`."""

    @abstractmethod
    def close(self) -> None:
        """Leave the group and release the consumer (no commit)."""


class RecordLogAdmin(ABC):
    """Topic administration."""

    @abstractmethod
    def create_topic(self, name: str, partitions: int | None = None) -> bool:
        """Create a topic (``num.partitions`` when ``partitions`` is ``None``); ``False`` if it exists."""

    @abstractmethod
    def list_topics(self) -> dict[str, int]:
        """Every topic with its partition count."""

    @abstractmethod
    def end_offsets(self, partitions: Collection[TopicPartition]) -> dict[TopicPartition, int]:
        """The next offset of each partition."""

    @abstractmethod
    def beginning_offsets(
        self, partitions: Collection[TopicPartition]
    ) -> dict[TopicPartition, int]:
        """The first available offset of each partition."""

    def list_consumer_group_offsets(self, group_id: str) -> dict[TopicPartition, int]:
        """The committed offset of every partition of consumer group ``group_id``."""
        raise NotImplementedError(f"{type(self).__name__} cannot list consumer group offsets")

    def alter_consumer_group_offsets(
        self, group_id: str, offsets: Mapping[TopicPartition, int]
    ) -> None:
        """Set committed offsets of consumer group ``group_id`` (which has no active member)."""
        raise NotImplementedError(f"{type(self).__name__} cannot alter consumer group offsets")

    def delete_consumer_group_offsets(
        self, group_id: str, partitions: Collection[TopicPartition] | None = None
    ) -> None:
        """Forget committed offsets of consumer group ``group_id`` (every one when
        ``partitions`` is ``None``, as deleting the group does)."""
        raise NotImplementedError(f"{type(self).__name__} cannot delete consumer group offsets")


class OffsetBackingStore(ABC):
    """Stores source offsets as serialized key and value bytes (``OffsetBackingStore``)."""

    def start(self) -> None:  # noqa: B027  (optional hook)
        """Open the store; the default does nothing."""

    def stop(self) -> None:  # noqa: B027  (optional hook)
        """Close the store; the default does nothing."""

    @abstractmethod
    def get(self, keys: Collection[bytes]) -> dict[bytes, bytes | None]:
        """The stored value of each key (``None`` for none)."""

    @abstractmethod
    def set(self, values: Mapping[bytes, bytes | None]) -> None:
        """Store all entries durably before returning (``None`` deletes); raises on failure."""

    def entries(self) -> dict[bytes, bytes]:
        """Every stored key and value (the REST API's offsets endpoints list them)."""
        raise NotImplementedError(f"{type(self).__name__} cannot list its entries")


class ConfigBackingStore(ABC):
    """Stores connector configurations by connector name."""

    @abstractmethod
    def put(self, name: str, config: Mapping[str, str]) -> None:
        """Store (or replace) a connector's configuration."""

    @abstractmethod
    def get(self, name: str) -> dict[str, str] | None:
        """A connector's stored configuration, or ``None``."""

    @abstractmethod
    def names(self) -> list[str]:
        """The names of the stored connectors."""

    @abstractmethod
    def remove(self, name: str) -> None:
        """Forget a connector's configuration."""


class RecordLog(ABC):
    """A record-log backend: the factory of producers, consumers and stores."""

    name: str = "record log"

    @abstractmethod
    def producer(
        self,
        client_id: str,
        config: Mapping[str, Any] | None = None,
        *,
        connector_config: Mapping[str, Any] | None = None,
    ) -> Producer:
        """A new producer. ``connector_config`` is the configuration of the connector it
        writes for, if any (the Kafka backend checks its client overrides and creates topics
        per its ``topic.creation.*`` keys)."""

    @abstractmethod
    def consumer(
        self,
        group_id: str,
        client_id: str,
        config: Mapping[str, Any] | None = None,
        *,
        connector_config: Mapping[str, Any] | None = None,
    ) -> Consumer:
        """A new consumer in group ``group_id`` (``connector_config``: as for :meth:`producer`)."""

    @abstractmethod
    def admin(self) -> RecordLogAdmin:
        """The topic administration client."""

    @abstractmethod
    def offset_store(self) -> OffsetBackingStore:
        """The store of source offsets kept in this log."""

    def atomic_source_offsets(self) -> bool:
        """Whether a transactional producer stores source offsets in the same transaction as
        the records (so sources get exactly-once delivery)."""
        return False

    @abstractmethod
    def config_store(self) -> ConfigBackingStore:
        """The store of connector configurations."""

    @abstractmethod
    def close(self) -> None:
        """Release the backend."""

    def describe(self) -> str:
        """One line naming the backend and where it stores data (for logs)."""
        return self.name

    def cluster_id(self) -> str | None:
        """The id of the cluster behind this log (``GET /`` shows it), if it has one."""
        return None
