"""Sink connectors and tasks: data from the record log into an external system.

Ports ``org.apache.kafka.connect.sink``: :class:`SinkConnector`, :class:`SinkTask`, their
contexts and :class:`ErrantRecordReporter`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Mapping
from concurrent.futures import Future
from typing import TYPE_CHECKING, overload

from connectors.connector import Connector, ConnectorContext
from connectors.task import Task

if TYPE_CHECKING:
    from connectors.record import OffsetAndMetadata, SinkRecord, TopicPartition

__all__ = [
    "ErrantRecordReporter",
    "SinkConnector",
    "SinkConnectorContext",
    "SinkTask",
    "SinkTaskContext",
]


class ErrantRecordReporter(ABC):
    """Sends a record the task could not handle to the connector's error reporting."""

    @abstractmethod
    def report(self, record: SinkRecord, error: BaseException) -> Future[None]:
        """Report ``record`` as failed with ``error``; the future completes once reported."""


class SinkConnectorContext(ConnectorContext):
    """The context of a :class:`SinkConnector` (nothing beyond :class:`ConnectorContext`)."""


class SinkConnector(Connector):
    """A connector that writes records from topics to an external system (``SinkConnector``).

    The topics come from the ``topics`` (a comma-separated list) or ``topics.regex`` key of the
    connector configuration; the runtime subscribes the tasks to them, in the consumer group
    ``connect-<connector name>``.
    """

    TOPICS_CONFIG = "topics"

    context: SinkConnectorContext

    def alter_offsets(
        self,
        connector_config: Mapping[str, str],
        offsets: Mapping[TopicPartition, int | None],
    ) -> bool:
        """Accept (``True``) or refuse (``False``, the default) a user's change of offsets."""
        return False


class SinkTaskContext(ABC):
    """What a sink task can ask of the runtime (``SinkTaskContext``).

    All methods are meant to be called from the task's own thread (inside ``put``,
    ``open``, ``pre_commit``...).
    """

    @abstractmethod
    def configs(self) -> dict[str, str]:
        """The task's configuration."""

    @overload
    def offset(self, offsets: Mapping[TopicPartition, int], /) -> None: ...
    @overload
    def offset(self, partition: TopicPartition, offset: int, /) -> None: ...
    @abstractmethod
    def offset(
        self,
        offsets_or_partition: Mapping[TopicPartition, int] | TopicPartition,
        offset: int | None = None,
        /,
    ) -> None:
        """Rewind or skip ahead: the next records read from a partition start at ``offset``.

        Pass one partition and offset, or a map of them. Typical use: a task that stores its
        position in the external system reads it in :meth:`SinkTask.open` and calls this.
        """

    @abstractmethod
    def timeout(self, timeout_ms: int) -> None:
        """After a :class:`~connect_data.RetriableException` from ``put``, wait this long before
        the same records are delivered again (instead of the next poll's usual wait)."""

    @abstractmethod
    def assignment(self) -> set[TopicPartition]:
        """The partitions currently assigned to this task."""

    @abstractmethod
    def pause(self, *partitions: TopicPartition) -> None:
        """Stop reading from these assigned partitions until :meth:`resume`."""

    @abstractmethod
    def resume(self, *partitions: TopicPartition) -> None:
        """Read again from partitions paused by :meth:`pause`."""

    @abstractmethod
    def request_commit(self) -> None:
        """Ask for an offset commit (``pre_commit`` then commit) as soon as possible."""

    def errant_record_reporter(self) -> ErrantRecordReporter | None:
        """The reporter for records the task cannot handle, or ``None`` if none is set up."""
        return None


class SinkTask(Task):
    """A task that writes records to an external system (``SinkTask``).

    The runtime calls :meth:`initialize`, :meth:`start`, :meth:`open` with the partitions
    assigned to the task, then :meth:`put` with each batch of records, and periodically (every
    ``offset.flush.interval.ms``, or when :meth:`SinkTaskContext.request_commit` asks)
    :meth:`pre_commit`, whose answer it commits as the consumer group's offsets. The default
    ``pre_commit`` calls :meth:`flush` and commits everything ``put`` received, which is right
    for a task that writes synchronously in ``put`` or in ``flush``. On shutdown or when
    partitions are taken away: ``pre_commit``, :meth:`close`, then :meth:`stop`.

    Delivery is at least once: after a crash, records put since the last commit are put again.
    Raise :class:`~connect_data.RetriableException` from ``put`` to have the same batch
    delivered again after :meth:`SinkTaskContext.timeout`; any other exception fails the task.
    """

    TOPICS_CONFIG = "topics"
    TOPICS_REGEX_CONFIG = "topics.regex"

    context: SinkTaskContext
    """The runtime's context, set by :meth:`initialize`."""

    def initialize(self, context: SinkTaskContext) -> None:
        """Give the task its context; called once before :meth:`start`."""
        self.context = context

    @abstractmethod
    def put(self, records: Collection[SinkRecord]) -> None:
        """Write (or buffer) a batch of records; the batch may be empty."""

    def flush(self, current_offsets: Mapping[TopicPartition, OffsetAndMetadata]) -> None:
        """Make everything given to :meth:`put` durable; the default does nothing.

        ``current_offsets`` holds, per partition, the offset after the last record put.
        """

    def pre_commit(
        self, current_offsets: Mapping[TopicPartition, OffsetAndMetadata]
    ) -> dict[TopicPartition, OffsetAndMetadata]:
        """The offsets that are safe to commit; the default flushes and returns them all.

        Return fewer (or smaller) offsets when some records are not yet durable, or an
        empty dict to skip this commit. Offsets beyond what was put are ignored.
        """
        self.flush(current_offsets)
        return dict(current_offsets)

    def open(self, partitions: Collection[TopicPartition]) -> None:
        """Partitions were assigned to this task; set up writers for them (default: nothing)."""

    def close(self, partitions: Collection[TopicPartition]) -> None:
        """Partitions were taken from this task, after a final ``pre_commit`` (default: nothing)."""
