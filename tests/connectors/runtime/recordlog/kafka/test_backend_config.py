"""Tests of connectors.runtime.recordlog.kafka.backend_config (no broker needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connect_data.config import ConfigException
from connectors.runtime.recordlog.kafka.backend_config import (
    KafkaBackendConfig,
    kafka_backend_config_def,
)


def test_defaults_are_kafka_connects() -> None:
    """Unset keys take Kafka Connect's defaults (offsets topic named connect-offsets)."""
    config = KafkaBackendConfig({"bootstrap.servers": "b:9092", "key.converter": "x"})
    assert config.get_string("offset.storage.topic") == "connect-offsets"
    assert config.get_int("offset.storage.partitions") == 25
    assert config.get_short("offset.storage.replication.factor") == 3
    assert config.get_string("config.storage.topic") == "connect-configs"
    assert config.get_short("config.storage.replication.factor") == 3
    assert config.get_boolean("topic.creation.enable") is True
    assert config.override_policy() == "All"


def test_broker_defaults_allowed() -> None:
    """-1 asks for the broker's default partitions or replication factor."""
    config = KafkaBackendConfig(
        {"offset.storage.partitions": "-1", "offset.storage.replication.factor": "-1"}
    )
    assert config.get_int("offset.storage.partitions") == -1


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("offset.storage.partitions", "0"),
        ("offset.storage.replication.factor", "-3"),
        ("connector.client.config.override.policy", "Some"),
        ("offset.storage.topic", ""),
    ],
)
def test_invalid_values(key: str, value: str) -> None:
    """Bad values are ConfigExceptions naming the key."""
    with pytest.raises(ConfigException, match=key.replace(".", r"\.")):
        KafkaBackendConfig({key: value})


def test_policy_class_name() -> None:
    """Kafka's policy class names are accepted."""
    config = KafkaBackendConfig(
        {
            "connector.client.config.override.policy": (
                "org.apache.kafka.connect.connector.policy.PrincipalConnectorClientConfigOverridePolicy"
            )
        }
    )
    assert config.override_policy() == "Principal"


def test_docs_reference_is_generated() -> None:
    """docs/runtime.md holds exactly the to_markdown() output of the backend's ConfigDef."""
    text = (Path(__file__).resolve().parents[5] / "docs" / "runtime.md").read_text("utf-8")
    match = re.search(
        r"<!-- config-reference: kafka-backend -->\n(.*?)<!-- end config-reference -->",
        text,
        re.DOTALL,
    )
    assert match is not None, "docs/runtime.md has no kafka-backend reference"
    assert match.group(1) == kafka_backend_config_def().to_markdown(4).strip("\n") + "\n"
