"""The Kafka Connect plugin API: what connector, task and transformation authors code against.

A port of ``org.apache.kafka.connect.connector``, ``.source``, ``.sink``, ``.transforms`` and
``.storage.OffsetStorageReader``, with the configuration classes of
``org.apache.kafka.common.config`` re-exported so a plugin needs only this package::

    from connectors import ConfigDef, SourceConnector, SourceRecord, SourceTask

The runtime that runs plugins lives in :mod:`connectors.runtime`; plugins never import it.
"""

from connect_data.config import (
    AbstractConfig,
    Config,
    ConfigDef,
    ConfigException,
    ConfigValue,
    Password,
)
from connectors.connector import Connector, ConnectorContext
from connectors.offsets import OffsetStorageReader, PartitionOffsets, partition_key
from connectors.record import (
    ConnectRecord,
    OffsetAndMetadata,
    RecordMetadata,
    SinkRecord,
    SourceRecord,
    TimestampType,
    TopicPartition,
)
from connectors.sink import (
    ErrantRecordReporter,
    SinkConnector,
    SinkConnectorContext,
    SinkTask,
    SinkTaskContext,
)
from connectors.source import (
    ConnectorTransactionBoundaries,
    ExactlyOnceSupport,
    SourceConnector,
    SourceConnectorContext,
    SourceTask,
    SourceTaskContext,
    TransactionBoundary,
    TransactionContext,
)
from connectors.task import Task
from connectors.transforms import Predicate, Transformation

__all__ = [
    "AbstractConfig",
    "Config",
    "ConfigDef",
    "ConfigException",
    "ConfigValue",
    "ConnectRecord",
    "Connector",
    "ConnectorContext",
    "ConnectorTransactionBoundaries",
    "ErrantRecordReporter",
    "ExactlyOnceSupport",
    "OffsetAndMetadata",
    "OffsetStorageReader",
    "PartitionOffsets",
    "Password",
    "Predicate",
    "RecordMetadata",
    "SinkConnector",
    "SinkConnectorContext",
    "SinkRecord",
    "SinkTask",
    "SinkTaskContext",
    "SourceConnector",
    "SourceConnectorContext",
    "SourceRecord",
    "SourceTask",
    "SourceTaskContext",
    "Task",
    "TimestampType",
    "TopicPartition",
    "TransactionBoundary",
    "TransactionContext",
    "Transformation",
    "partition_key",
]
