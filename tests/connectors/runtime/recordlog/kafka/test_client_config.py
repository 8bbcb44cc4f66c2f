"""Tests of connectors.runtime.recordlog.kafka.client_config (no broker needed)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import confluent_kafka
import pytest

from connect_data.config import ConfigException, Password
from connect_data.errors import ConnectException
from connectors.runtime.recordlog.kafka.client_config import (
    JAVA_ONLY,
    check_client_overrides,
    client_override_errors,
    common_client_config,
    create_client,
    override_policy_name,
    to_librdkafka,
)


def test_shared_names_pass_unchanged() -> None:
    """Properties both clients spell the same way are passed as they are."""
    props = {"acks": "all", "linger.ms": 5, "compression.type": "zstd", "client.id": "x"}
    assert to_librdkafka(props, "producer") == {
        "acks": "all",
        "linger.ms": "5",
        "compression.type": "zstd",
        "client.id": "x",
    }


def test_values_become_strings() -> None:
    """Booleans are written true/false, lists comma-joined, passwords revealed."""
    out = to_librdkafka(
        {
            "enable.idempotence": False,
            "bootstrap.servers": ["a:1", "b:2"],
            "sasl.password": Password("s"),
        },
        "producer",
    )
    assert out == {
        "enable.idempotence": "false",
        "bootstrap.servers": "a:1,b:2",
        "sasl.password": "s",
    }


@pytest.mark.parametrize(
    ("java", "value", "rd", "expected"),
    [
        ("send.buffer.bytes", "-1", "socket.send.buffer.bytes", "0"),
        ("receive.buffer.bytes", "65536", "socket.receive.buffer.bytes", "65536"),
        ("max.request.size", "2097152", "message.max.bytes", "2097152"),
        ("fetch.max.wait.ms", "100", "fetch.wait.max.ms", "100"),
        ("buffer.memory", "33554432", "queue.buffering.max.kbytes", "32768"),
        ("buffer.memory", "1000", "queue.buffering.max.kbytes", "1"),
        ("compression.zstd.level", "7", "compression.level", "7"),
        ("ssl.truststore.certificates", "PEMTEXT", "ssl.ca.pem", "PEMTEXT"),
        ("auto.offset.reset", "none", "auto.offset.reset", "error"),
        ("auto.offset.reset", "Earliest", "auto.offset.reset", "earliest"),
        (
            "ssl.endpoint.identification.algorithm",
            "",
            "ssl.endpoint.identification.algorithm",
            "none",
        ),
    ],
)
def test_renamed_and_adapted(java: str, value: str, rd: str, expected: str) -> None:
    """Java names librdkafka spells differently are renamed, with their values adapted."""
    out = to_librdkafka({java: value}, "consumer")
    assert out == {rd: expected}


def test_request_timeout_per_client_kind() -> None:
    """request.timeout.ms stays for producers and becomes socket.timeout.ms elsewhere."""
    assert to_librdkafka({"request.timeout.ms": "7"}, "producer") == {"request.timeout.ms": "7"}
    assert to_librdkafka({"request.timeout.ms": "7"}, "consumer") == {"socket.timeout.ms": "7"}
    assert to_librdkafka({"request.timeout.ms": "7"}, "admin") == {"socket.timeout.ms": "7"}


def test_java_only_names_are_dropped() -> None:
    """Serializers, interceptors, metrics and the like never reach librdkafka."""
    props = dict.fromkeys(JAVA_ONLY, "x")
    props["acks"] = "1"
    assert to_librdkafka(props, "producer") == {"acks": "1"}
    assert "key.serializer" in JAVA_ONLY and "max.poll.records" in JAVA_ONLY


def test_bad_buffer_memory() -> None:
    """A buffer.memory that is not a number is a ConfigException naming the key."""
    with pytest.raises(ConfigException, match=r"buffer\.memory"):
        to_librdkafka({"buffer.memory": "lots"}, "producer")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("org.apache.kafka.clients.consumer.CooperativeStickyAssignor", "cooperative-sticky"),
        ("org.apache.kafka.clients.consumer.RangeAssignor", "range"),
        ("range, roundrobin", "range,roundrobin"),
        ("RoundRobinAssignor", "roundrobin"),
    ],
)
def test_assignor_names(value: str, expected: str) -> None:
    """Java assignor class names and short names map to librdkafka's assignors."""
    assert to_librdkafka({"partition.assignment.strategy": value}, "consumer") == {
        "partition.assignment.strategy": expected
    }


def test_mixed_assignors_keep_the_cooperative_one(caplog: pytest.LogCaptureFixture) -> None:
    """Java's default list (range + cooperative) becomes cooperative-sticky, with a warning."""
    value = (
        "org.apache.kafka.clients.consumer.RangeAssignor,"
        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"
    )
    with caplog.at_level(logging.WARNING):
        out = to_librdkafka({"partition.assignment.strategy": value}, "consumer")
    assert out == {"partition.assignment.strategy": "cooperative-sticky"}
    assert "mixes eager and cooperative" in caplog.text


def test_unknown_assignor() -> None:
    """An assignor librdkafka lacks (Java's eager StickyAssignor) is a ConfigException."""
    with pytest.raises(ConfigException, match="StickyAssignor"):
        to_librdkafka(
            {"partition.assignment.strategy": "org.apache.kafka.clients.consumer.StickyAssignor"},
            "consumer",
        )


PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


def test_pem_truststore(tmp_path: Path) -> None:
    """A PEM trust store (declared or recognised) becomes ssl.ca.location; its password goes."""
    path = tmp_path / "ca.pem"
    path.write_text(PEM)
    sniffed = to_librdkafka(
        {"ssl.truststore.location": str(path), "ssl.truststore.password": "x"}, "consumer"
    )
    declared = to_librdkafka(
        {"ssl.truststore.location": str(path), "ssl.truststore.type": "PEM"}, "consumer"
    )
    assert sniffed == declared == {"ssl.ca.location": str(path)}


def test_jks_stores_are_refused(tmp_path: Path) -> None:
    """A JKS trust or key store cannot be read by librdkafka: a ConfigException explains."""
    jks = tmp_path / "store.jks"
    jks.write_bytes(b"\xfe\xed\xfe\xed" + b"\x00" * 20)
    with pytest.raises(ConfigException, match=r"JKS trust store.*ssl\.ca\.location"):
        to_librdkafka({"ssl.truststore.location": str(jks)}, "producer")
    with pytest.raises(ConfigException, match="JKS key store"):
        to_librdkafka({"ssl.keystore.location": str(jks)}, "producer")
    with pytest.raises(ConfigException, match="JKS trust store"):
        to_librdkafka({"ssl.truststore.location": "/missing/store.jks"}, "producer")


def test_keystores(tmp_path: Path) -> None:
    """A PKCS12 key store keeps its location and password; a PEM one is the cert and the key."""
    p12 = tmp_path / "client.p12"
    p12.write_bytes(b"\x30\x82\x01\x00")
    assert to_librdkafka(
        {
            "ssl.keystore.location": str(p12),
            "ssl.keystore.password": "pw",
            "ssl.key.password": "kp",
        },
        "producer",
    ) == {
        "ssl.keystore.location": str(p12),
        "ssl.keystore.password": "pw",
        "ssl.key.password": "kp",
    }
    pem = tmp_path / "client.pem"
    pem.write_text(PEM)
    assert to_librdkafka(
        {"ssl.keystore.location": str(pem), "ssl.keystore.type": "PEM"}, "producer"
    ) == {"ssl.certificate.location": str(pem), "ssl.key.location": str(pem)}


@pytest.mark.parametrize(
    ("jaas", "expected"),
    [
        (
            'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" '
            'password="s3cr\\"et";',
            {"sasl.username": "alice", "sasl.password": 's3cr"et'},
        ),
        (
            "org.apache.kafka.common.security.scram.ScramLoginModule required "
            'username="bob" password="pw";',
            {"sasl.username": "bob", "sasl.password": "pw"},
        ),
        (
            "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true "
            'keyTab="/etc/k.keytab" principal="connect@EXAMPLE.COM";',
            {
                "sasl.kerberos.keytab": "/etc/k.keytab",
                "sasl.kerberos.principal": "connect@EXAMPLE.COM",
            },
        ),
    ],
)
def test_jaas_config(jaas: str, expected: dict[str, str]) -> None:
    """sasl.jaas.config of the Plain, SCRAM and Kerberos login modules becomes librdkafka keys."""
    out = to_librdkafka({"sasl.jaas.config": jaas, "sasl.mechanism": "PLAIN"}, "producer")
    assert out == {**expected, "sasl.mechanism": "PLAIN"}


def test_unknown_login_module() -> None:
    """A login module connectpy cannot translate is a ConfigException naming it."""
    with pytest.raises(ConfigException, match="OAuthBearerLoginModule"):
        to_librdkafka(
            {
                "sasl.jaas.config": "org.apache.kafka.common.security.oauthbearer."
                "OAuthBearerLoginModule required;"
            },
            "producer",
        )


def test_common_client_config() -> None:
    """Only the top-level client keys of a worker file configure the worker's own clients."""
    worker = {
        "bootstrap.servers": "b:9092",
        "security.protocol": "SASL_SSL",
        "sasl.mechanism": "PLAIN",
        "ssl.ca.location": "/ca",
        "producer.acks": "1",
        "key.converter": "x",
        "offset.storage.topic": "o",
        "request.timeout.ms": "1000",
    }
    assert common_client_config(worker) == {
        "bootstrap.servers": "b:9092",
        "security.protocol": "SASL_SSL",
        "sasl.mechanism": "PLAIN",
        "ssl.ca.location": "/ca",
        "request.timeout.ms": "1000",
    }


def test_create_client_drops_unknown_names(caplog: pytest.LogCaptureFixture) -> None:
    """Names librdkafka does not know are dropped with a warning naming them."""
    seen: list[dict[str, Any]] = []

    def factory(conf: dict[str, Any]) -> confluent_kafka.Producer:
        seen.append(conf)
        return confluent_kafka.Producer(conf)

    with caplog.at_level(logging.WARNING):
        producer = create_client(
            factory,
            {"bootstrap.servers": "127.0.0.1:1", "made.up.one": "1", "made.up.two": "2"},
            "the test producer",
        )
    assert isinstance(producer, confluent_kafka.Producer)
    assert seen[-1] == {"bootstrap.servers": "127.0.0.1:1"}
    assert "made.up.one, made.up.two" in caplog.text and "the test producer" in caplog.text


def test_create_client_bad_value() -> None:
    """A value librdkafka refuses is a ConfigException naming the client."""
    with pytest.raises(ConfigException, match=r"the test producer.*request\.required\.acks"):
        create_client(
            confluent_kafka.Producer,
            {"bootstrap.servers": "127.0.0.1:1", "acks": "sometimes"},
            "the test producer",
        )


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("All", "All"),
        ("none", "None"),
        ("PRINCIPAL", "Principal"),
        (
            "org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy",
            "None",
        ),
        ("AllConnectorClientConfigOverridePolicy", "All"),
        (None, "All"),
    ],
)
def test_override_policy_names(value: Any, name: str) -> None:
    """Policies are named by alias or Kafka class name, in any case (All by default)."""
    assert override_policy_name(value) == name


def test_unknown_override_policy() -> None:
    """An unknown policy is a ConfigException on connector.client.config.override.policy."""
    with pytest.raises(ConfigException, match=r"connector\.client\.config\.override\.policy"):
        override_policy_name("Allowlist")


def test_override_errors_per_policy() -> None:
    """None refuses every override, Principal all but the three security keys, All none."""
    overrides = {"acks": "1", "security.protocol": "SSL", "sasl.jaas.config": "x"}
    assert client_override_errors("All", overrides) == {}
    assert client_override_errors("Principal", overrides) == {
        "acks": "The 'Principal' policy does not allow 'acks' to be overridden in the connector "
        "configuration."
    }
    assert set(client_override_errors("None", overrides)) == set(overrides)


def test_check_client_overrides() -> None:
    """The connector's prefixed keys come back without prefix, or the connector fails."""
    connector = {
        "name": "c",
        "producer.override.acks": "1",
        "consumer.override.max.poll.records": "5",
    }
    assert check_client_overrides("All", connector, "producer.override.", "c") == {"acks": "1"}
    assert check_client_overrides("None", {"name": "c"}, "producer.override.", "c") == {}
    with pytest.raises(ConnectException, match=r"Client Config Overrides not allowed.*'acks'"):
        check_client_overrides("None", connector, "producer.override.", "c")
