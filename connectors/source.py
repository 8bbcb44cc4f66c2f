"""Source connectors and tasks: data from an external system into the record log.

Ports ``org.apache.kafka.connect.source``: :class:`SourceConnector`, :class:`SourceTask`, their
contexts, and the exactly-once enums.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from connectors.connector import Connector, ConnectorContext
from connectors.task import Task

if TYPE_CHECKING:
    from connectors.offsets import OffsetStorageReader
    from connectors.record import RecordMetadata, SourceRecord

__all__ = [
    "ConnectorTransactionBoundaries",
    "ExactlyOnceSupport",
    "SourceConnector",
    "SourceConnectorContext",
    "SourceTask",
    "SourceTaskContext",
    "TransactionBoundary",
    "TransactionContext",
]


class ExactlyOnceSupport(enum.Enum):
    """Whether a source connector can give exactly-once delivery (``ExactlyOnceSupport``)."""

    SUPPORTED = "SUPPORTED"
    UNSUPPORTED = "UNSUPPORTED"


class ConnectorTransactionBoundaries(enum.Enum):
    """Whether a source connector can define its own transaction boundaries."""

    SUPPORTED = "SUPPORTED"
    UNSUPPORTED = "UNSUPPORTED"


class TransactionBoundary(enum.Enum):
    """When the runtime commits a transaction of source records (``transaction.boundary``).

    ``str()`` is the lower-case configuration value (``poll``, ``interval``, ``connector``).
    """

    POLL = "poll"
    INTERVAL = "interval"
    CONNECTOR = "connector"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def from_property(cls, value: str) -> TransactionBoundary:
        """Parse a ``transaction.boundary`` value, ignoring case and surrounding spaces."""
        text = value.strip().lower()
        for member in cls:
            if member.value == text:
                return member
        raise ValueError(f"No transaction boundary named {value!r}")


TransactionBoundary.DEFAULT = TransactionBoundary.POLL  # type: ignore[attr-defined]


class TransactionContext(ABC):
    """Lets a task define transaction boundaries itself (``transaction.boundary=connector``)."""

    @abstractmethod
    def commit_transaction(self, record: SourceRecord | None = None) -> None:
        """Commit the transaction after ``record`` (or after the current batch when ``None``)."""

    @abstractmethod
    def abort_transaction(self, record: SourceRecord | None = None) -> None:
        """Abort the transaction after ``record`` (or the current batch when ``None``)."""


class SourceConnectorContext(ConnectorContext):
    """A :class:`ConnectorContext` that also reads the connector's committed source offsets."""

    @abstractmethod
    def offset_storage_reader(self) -> OffsetStorageReader:
        """The reader of this connector's committed source offsets."""


class SourceConnector(Connector):
    """A connector that reads from an external system (``SourceConnector``).

    Its tasks are :class:`SourceTask` subclasses. After :meth:`initialize`, :attr:`context` is a
    :class:`SourceConnectorContext`.
    """

    context: SourceConnectorContext

    def exactly_once_support(
        self, connector_config: Mapping[str, str]
    ) -> ExactlyOnceSupport | None:
        """Whether this connector can give exactly-once delivery with ``connector_config``.

        ``None`` (the default) means it does not say.
        """
        return None

    def can_define_transaction_boundaries(
        self, connector_config: Mapping[str, str]
    ) -> ConnectorTransactionBoundaries:
        """Whether its tasks can define transaction boundaries; the default is unsupported."""
        return ConnectorTransactionBoundaries.UNSUPPORTED

    def alter_offsets(
        self,
        connector_config: Mapping[str, str],
        offsets: Mapping[Any, Mapping[str, Any] | None],
    ) -> bool:
        """Accept (``True``) or refuse (``False``, the default) a user's change of offsets."""
        return False


class SourceTaskContext(ABC):
    """What a source task can ask of the runtime (``SourceTaskContext``)."""

    @abstractmethod
    def configs(self) -> dict[str, str]:
        """The task's configuration."""

    @abstractmethod
    def offset_storage_reader(self) -> OffsetStorageReader:
        """The reader of the committed offsets of this connector's source partitions."""

    def transaction_context(self) -> TransactionContext | None:
        """The transaction context when the connector defines transaction boundaries, else ``None``."""
        return None


class SourceTask(Task):
    """A task that polls an external system for records (``SourceTask``).

    The runtime calls :meth:`initialize`, :meth:`start`, then :meth:`poll` in a loop on the
    task's own thread. Each :class:`~connectors.SourceRecord` carries a source partition and
    offset; the runtime stores the record, then commits its offset, so after a restart
    ``self.context.offset_storage_reader()`` tells the task where to resume.

    ``poll`` should block for a short while (up to about a second) when there is no data and
    return ``None`` or ``[]``; :meth:`stop` is called from another thread and must make a
    blocked ``poll`` return. Raise :class:`~connect_data.RetriableException` from ``poll`` for
    a temporary failure (the runtime polls again); any other exception fails the task.
    """

    TRANSACTION_BOUNDARY_CONFIG = "transaction.boundary"

    context: SourceTaskContext
    """The runtime's context, set by :meth:`initialize`."""

    def initialize(self, context: SourceTaskContext) -> None:
        """Give the task its context; called once before :meth:`start`."""
        self.context = context

    @abstractmethod
    def poll(self) -> list[SourceRecord] | None:
        """Return the records available now, or ``None``/``[]`` if there are none."""

    def commit(self) -> None:
        """Called after the runtime committed source offsets; the default does nothing.

        Acknowledge the external system here if it needs to be told what was stored.
        """

    def commit_record(self, record: SourceRecord, metadata: RecordMetadata | None) -> None:
        """Called for each record once the record log stored it (``metadata`` says where).

        ``metadata`` is ``None`` when a transformation dropped the record. Called from the
        runtime's threads, possibly not the task's own. The default does nothing.
        """
