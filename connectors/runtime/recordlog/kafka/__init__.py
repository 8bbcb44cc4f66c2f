"""The Kafka record-log backend (confluent-kafka): selected when a worker configuration has
``bootstrap.servers``. See :mod:`.record_log` for what each client is configured with, and
:mod:`.client_config` for how Java client properties map to librdkafka's.
"""

from __future__ import annotations

from connectors.runtime.recordlog.kafka.admin import KafkaAdmin
from connectors.runtime.recordlog.kafka.backend_config import (
    KafkaBackendConfig,
    kafka_backend_config_def,
)
from connectors.runtime.recordlog.kafka.client_config import (
    check_client_overrides,
    client_override_errors,
    to_librdkafka,
)
from connectors.runtime.recordlog.kafka.consumer import KafkaConsumer
from connectors.runtime.recordlog.kafka.producer import KafkaProducer
from connectors.runtime.recordlog.kafka.record_log import KafkaRecordLog
from connectors.runtime.recordlog.kafka.stores import (
    KafkaConfigBackingStore,
    KafkaOffsetBackingStore,
)
from connectors.runtime.recordlog.kafka.topic_creation import TopicCreation, TopicCreationGroup
from connectors.runtime.recordlog.kafka.topic_log import KafkaTopicLog

__all__ = [
    "KafkaAdmin",
    "KafkaBackendConfig",
    "KafkaConfigBackingStore",
    "KafkaConsumer",
    "KafkaOffsetBackingStore",
    "KafkaProducer",
    "KafkaRecordLog",
    "KafkaTopicLog",
    "TopicCreation",
    "TopicCreationGroup",
    "check_client_overrides",
    "client_override_errors",
    "kafka_backend_config_def",
    "to_librdkafka",
]
