"""Record-log backends: the interface and the embedded SQLite implementation.

:func:`open_record_log` picks the backend a worker configuration asks for: the embedded store
when ``bootstrap.servers`` is empty, the Kafka backend (:mod:`.kafka`) otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from connectors.runtime.recordlog.embedded import EmbeddedRecordLog

if TYPE_CHECKING:
    from connectors.runtime.worker_config import WorkerConfig

__all__ = [
    "ConfigBackingStore",
    "Consumer",
    "ConsumerRecord",
    "DeliveryCallback",
    "EmbeddedRecordLog",
    "OffsetBackingStore",
    "Producer",
    "ProducerRecord",
    "RebalanceListener",
    "RecordLog",
    "RecordLogAdmin",
    "WakeupException",
    "open_record_log",
]


def open_record_log(config: WorkerConfig) -> RecordLog:
    """The record log a worker configuration names (the embedded store without
    ``bootstrap.servers``)."""
    from connectors.runtime import worker_config as wc

    if not config.embedded():
        # bootstrap.servers is set: the Kafka backend (confluent-kafka, imported only here)
        from connectors.runtime.recordlog.kafka import KafkaRecordLog

        return KafkaRecordLog.from_worker_config(config)
    return EmbeddedRecordLog(
        str(config.get_string(wc.EMBEDDED_STORE_PATH_CONFIG)),
        num_partitions=int(config.get_int(wc.NUM_PARTITIONS_CONFIG) or 1),
        synchronous=str(config.get_string(wc.EMBEDDED_STORE_SYNCHRONOUS_CONFIG) or "NORMAL"),
        auto_create_topics=bool(config.get_boolean(wc.AUTO_CREATE_TOPICS_ENABLE_CONFIG)),
    )
