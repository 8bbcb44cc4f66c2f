"""The worker keys of the Kafka backend (``KafkaBackendConfig``): internal topics, topic creation
and the client-override policy, spelled and defaulted as in Kafka Connect's ``WorkerConfig`` /
``DistributedConfig``.

Every other worker key of the backend is a client property: ``bootstrap.servers`` and the
security keys at the top level (for the worker's own clients), ``producer.*``, ``consumer.*``
and ``admin.*`` for the clients of connectors (see :mod:`.client_config`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Final

from connect_data.config import (
    AbstractConfig,
    ConfigDef,
    ConfigException,
    LambdaValidator,
    NonEmptyString,
)
from connectors.runtime.recordlog.kafka.client_config import override_policy_name

__all__ = ["KafkaBackendConfig", "kafka_backend_config_def"]

OFFSET_STORAGE_TOPIC_CONFIG: Final = "offset.storage.topic"
OFFSET_STORAGE_TOPIC_DEFAULT: Final = "connect-offsets"
OFFSET_STORAGE_PARTITIONS_CONFIG: Final = "offset.storage.partitions"
OFFSET_STORAGE_REPLICATION_FACTOR_CONFIG: Final = "offset.storage.replication.factor"
CONFIG_TOPIC_CONFIG: Final = "config.storage.topic"
CONFIG_TOPIC_DEFAULT: Final = "connect-configs"
CONFIG_STORAGE_REPLICATION_FACTOR_CONFIG: Final = "config.storage.replication.factor"
TOPIC_CREATION_ENABLE_CONFIG: Final = "topic.creation.enable"
CONNECTOR_CLIENT_POLICY_CLASS_CONFIG: Final = "connector.client.config.override.policy"
CONNECTOR_CLIENT_POLICY_CLASS_DEFAULT: Final = "All"

_GROUP: Final = "Kafka backend"


def _minus_one_or_positive(name: str, value: Any) -> None:
    if value is None:
        return
    if value != -1 and value < 1:
        raise ConfigException(name, value, "Value must be -1 or at least 1")


def _policy(name: str, value: Any) -> None:
    override_policy_name(value)


_MINUS_ONE_OR_POSITIVE: Final = LambdaValidator.with_(
    _minus_one_or_positive, lambda: "-1 or [1,...]"
)


@functools.lru_cache(maxsize=1)
def kafka_backend_config_def() -> ConfigDef:
    """The :class:`ConfigDef` of the Kafka backend's own worker keys."""
    return (
        ConfigDef()
        .define(
            OFFSET_STORAGE_TOPIC_CONFIG,
            ConfigDef.Type.STRING,
            OFFSET_STORAGE_TOPIC_DEFAULT,
            NonEmptyString(),
            ConfigDef.Importance.HIGH,
            "The name of the compacted Kafka topic where source connector offsets are stored "
            "(unless offset.storage.file.filename is set). Kafka Connect requires it in "
            "distributed mode; connectpy defaults it.",
            group=_GROUP,
        )
        .define(
            OFFSET_STORAGE_PARTITIONS_CONFIG,
            ConfigDef.Type.INT,
            25,
            _MINUS_ONE_OR_POSITIVE,
            ConfigDef.Importance.LOW,
            "The number of partitions used when creating the offset storage topic; -1 for "
            "the broker's default.",
            group=_GROUP,
        )
        .define(
            OFFSET_STORAGE_REPLICATION_FACTOR_CONFIG,
            ConfigDef.Type.SHORT,
            3,
            _MINUS_ONE_OR_POSITIVE,
            ConfigDef.Importance.LOW,
            "Replication factor used when creating the offset storage topic; -1 for the "
            "broker's default. On a cluster of fewer than 3 brokers set it to 1 or -1.",
            group=_GROUP,
        )
        .define(
            CONFIG_TOPIC_CONFIG,
            ConfigDef.Type.STRING,
            CONFIG_TOPIC_DEFAULT,
            NonEmptyString(),
            ConfigDef.Importance.HIGH,
            "The name of the compacted Kafka topic where connector configurations are stored "
            "(one partition, Kafka Connect's record format).",
            group=_GROUP,
        )
        .define(
            CONFIG_STORAGE_REPLICATION_FACTOR_CONFIG,
            ConfigDef.Type.SHORT,
            3,
            _MINUS_ONE_OR_POSITIVE,
            ConfigDef.Importance.LOW,
            "Replication factor used when creating the configuration storage topic; -1 for "
            "the broker's default.",
            group=_GROUP,
        )
        .define(
            TOPIC_CREATION_ENABLE_CONFIG,
            ConfigDef.Type.BOOLEAN,
            True,
            importance=ConfigDef.Importance.LOW,
            documentation=(
                "Whether to allow automatic creation of topics used by source connectors, when "
                "source connectors are configured with `topic.creation.` properties. Each task "
                "creates a topic (with an admin client) before it first writes to it, if the "
                "topic does not exist."
            ),
            group=_GROUP,
        )
        .define(
            CONNECTOR_CLIENT_POLICY_CLASS_CONFIG,
            ConfigDef.Type.STRING,
            CONNECTOR_CLIENT_POLICY_CLASS_DEFAULT,
            LambdaValidator.with_(_policy, lambda: "None, Principal, All"),
            ConfigDef.Importance.MEDIUM,
            "Which client configurations connectors may override with producer.override.*, "
            "consumer.override.* and admin.override.*: None (none), Principal "
            "(security.protocol, sasl.jaas.config and sasl.mechanism) or All (any). Kafka's "
            "class names for these policies are accepted too.",
            group=_GROUP,
        )
    )


class KafkaBackendConfig(AbstractConfig):
    """The Kafka backend's keys of a worker configuration (other keys are ignored)."""

    def __init__(self, props: Mapping[str, Any]) -> None:
        definition = kafka_backend_config_def()
        own = {k: v for k, v in props.items() if k in definition.config_keys()}
        super().__init__(definition, own)

    def override_policy(self) -> str:
        """``None``, ``Principal`` or ``All``."""
        return override_policy_name(self.get_string(CONNECTOR_CLIENT_POLICY_CLASS_CONFIG))
