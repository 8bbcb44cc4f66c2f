"""The registries (local SQLite, mock scopes), client selection and subject name strategies."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError

from connect_data import DataException
from connect_data.config import ConfigException, Password
from converters.avro.registry import (
    LocalSchemaRegistry,
    RecordNameStrategy,
    TopicNameStrategy,
    TopicRecordNameStrategy,
    drop_mock_registry,
    embedded_registry,
    mock_registry,
    new_registry_client,
    remote_client_config,
    subject_name_strategy,
)
from converters.avro.schema import parse_schema

RECORD = '{"type":"record","name":"R","namespace":"ns","fields":[{"name":"a","type":"int"}]}'


def test_ids_are_global_and_versions_per_subject() -> None:
    """One id per schema text across subjects; versions count per subject."""
    registry = LocalSchemaRegistry()
    assert registry.register_schema("a", Schema('"int"')) == 1
    assert registry.register_schema("a", Schema('"int"')) == 1
    assert registry.register_schema("b", Schema('"int"')) == 1
    registry.set_compatibility(None, "NONE")
    assert registry.register_schema("a", Schema('"long"')) == 2
    assert registry.get_versions("a") == [1, 2]
    latest = registry.get_latest_version("a")
    assert (latest.version, latest.schema_id, latest.schema.schema_str) == (2, 2, '"long"')
    assert registry.get_version("a", 1).schema_id == 1
    assert registry.get_subjects() == ["a", "b"]
    assert registry.get_subjects_by_schema_id(1) == ["a", "b"]


def test_schemas_are_stored_in_canonical_text() -> None:
    """The stored text is Avro's toString() of the parsed schema (as the registry stores)."""
    registry = LocalSchemaRegistry()
    registry.register_schema("s", Schema('{ "type" : "record", "name":"R", "fields" : [] }'))
    assert registry.get_schema(1).schema_str == '{"type":"record","name":"R","fields":[]}'
    found = registry.lookup_schema("s", Schema('{"name":"R","type":"record","fields":[]}'))
    assert found.schema_id == 1 and found.version == 1


def test_errors_carry_the_registrys_codes() -> None:
    """Unknown subjects, versions and ids, and invalid schemas, give the registry's codes."""
    registry = LocalSchemaRegistry()
    with pytest.raises(SchemaRegistryError) as e:
        registry.get_latest_version("nope")
    assert e.value.error_code == 40401
    registry.register_schema("s", Schema('"int"'))
    with pytest.raises(SchemaRegistryError) as e:
        registry.get_version("s", 5)
    assert e.value.error_code == 40402
    with pytest.raises(SchemaRegistryError) as e:
        registry.get_schema(42)
    assert e.value.error_code == 40403
    with pytest.raises(SchemaRegistryError) as e:
        registry.lookup_schema("s", Schema('"string"'))
    assert e.value.error_code == 40403
    with pytest.raises(SchemaRegistryError) as e:
        registry.register_schema("s", Schema('{"type":"nope"}'))
    assert e.value.error_code == 42201
    with pytest.raises(SchemaRegistryError):
        registry.set_compatibility("s", "SIDEWAYS")


def test_compatibility_is_checked_on_registration() -> None:
    """BACKWARD by default: a new required field without default is refused with 409."""
    registry = LocalSchemaRegistry()
    registry.register_schema("s", Schema(RECORD))
    added = RECORD.replace('"type":"int"}', '"type":"int"},{"name":"b","type":"int"}')
    assert not registry.test_compatibility("s", Schema(added))
    with pytest.raises(SchemaRegistryError) as e:
        registry.register_schema("s", Schema(added))
    assert e.value.http_status_code == 409
    with_default = added.replace('"name":"b","type":"int"', '"name":"b","type":"int","default":0')
    assert registry.test_compatibility("s", Schema(with_default))
    assert registry.register_schema("s", Schema(with_default)) == 2
    assert registry.get_compatibility("s") == "BACKWARD"
    registry.set_compatibility("s", "forward_transitive")
    assert registry.get_compatibility("s") == "FORWARD_TRANSITIVE"


def test_normalize_registers_the_normalized_schema() -> None:
    """normalize_schemas=True stores the normalized text, as the registry does."""
    registry = LocalSchemaRegistry()
    text = '{"type":"string","b":1,"a":2}'
    registry.register_schema("s", Schema(text), normalize_schemas=True)
    assert registry.get_schema(1).schema_str == '{"type":"string","a":2,"b":1}'
    assert registry.lookup_schema("s", Schema(text), normalize_schemas=True).schema_id == 1


def test_deleting_subjects_and_versions() -> None:
    """Soft deletes hide versions; versions keep counting; permanent deletes remove them."""
    registry = LocalSchemaRegistry()
    registry.set_compatibility(None, "NONE")
    registry.register_schema("s", Schema('"int"'))
    registry.register_schema("s", Schema('"long"'))
    assert registry.delete_version("s", 2) == 2
    assert registry.get_versions("s") == [1]
    assert registry.delete_subject("s") == [1]
    assert registry.get_subjects() == []
    assert registry.get_subjects(deleted=True) == ["s"]
    assert registry.register_schema("s", Schema('"string"')) == 3
    assert registry.get_latest_version("s").version == 3
    assert registry.delete_subject("s", permanent=True) == [1, 2, 3]
    with pytest.raises(SchemaRegistryError):
        registry.delete_subject("s")


def test_file_registry_survives_reopening(tmp_path: Path) -> None:
    """Schemas and ids persist in the SQLite file."""
    path = tmp_path / "r.db"
    first = LocalSchemaRegistry(path)
    first.register_schema("s", Schema('"int"'))
    first.close()
    second = LocalSchemaRegistry(path)
    assert second.register_schema("t", Schema('"string"')) == 2
    assert second.lookup_schema("s", Schema('"int"')).schema_id == 1


def _register_many(path: str, prefix: str) -> list[int]:
    registry = LocalSchemaRegistry(path)
    return [
        registry.register_schema(
            f"{prefix}-{n}", Schema(f'{{"type":"fixed","name":"F{n}","size":{n + 1}}}')
        )
        for n in range(20)
    ]


def test_processes_sharing_a_file_agree_on_ids(tmp_path: Path) -> None:
    """Two processes registering the same schemas concurrently get the same ids."""
    path = str(tmp_path / "shared.db")
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        first, second = pool.starmap(_register_many, [(path, "a"), (path, "b")])
    assert first == second
    assert sorted(set(first)) == list(range(1, 21))


def test_mock_scopes_are_per_name_and_can_be_dropped() -> None:
    """mock_registry(scope) is one registry per scope until the scope is dropped."""
    registry = mock_registry("registry-test")
    assert mock_registry("registry-test") is registry
    registry.register_schema("s", Schema('"int"'))
    drop_mock_registry("registry-test")
    assert mock_registry("registry-test").get_subjects() == []


def test_client_selection_by_url(tmp_path: Path) -> None:
    """mock:// and embedded:// give local registries, http(s) confluent-kafka's client."""
    assert new_registry_client(["mock://sel"], {}) is mock_registry("sel")
    path = tmp_path / "e.db"
    assert new_registry_client([f"embedded://{path}"], {}) is embedded_registry(path)
    default = new_registry_client(["embedded://"], {"embedded.store.path": str(tmp_path / "x.db")})
    assert isinstance(default, LocalSchemaRegistry) and default.path.endswith("x.db")
    assert isinstance(new_registry_client(["http://127.0.0.1:1"], {}), SchemaRegistryClient)
    with pytest.raises(ConfigException, match="Only one mock scope"):
        new_registry_client(["mock://a", "mock://b"], {})
    with pytest.raises(ConfigException, match="Unsupported URL scheme"):
        new_registry_client(["ftp://x"], {})
    with pytest.raises(ConfigException, match=r"schema\.registry\.url"):
        new_registry_client([], {})


def test_remote_client_config_translates_the_java_keys() -> None:
    """Basic auth, TLS, proxy, timeouts and retries become confluent-kafka client settings."""
    conf = remote_client_config(
        ["https://a:8081", "https://b:8081"],
        {
            "basic.auth.credentials.source": "USER_INFO",
            "basic.auth.user.info": Password("u:p"),
            "schema.registry.ssl.ca.location": "/ca.pem",
            "schema.registry.ssl.certificate.location": "/cert.pem",
            "schema.registry.ssl.key.location": "/key.pem",
            "schema.registry.ssl.key.password": Password("kp"),
            "proxy.host": "proxy",
            "proxy.port": 3128,
            "http.read.timeout.ms": "2500",
            "max.retries": "1",
            "bearer.auth.credentials.source": "STATIC_TOKEN",
            "bearer.auth.token": Password("t"),
        },
    )
    assert conf == {
        "url": "https://a:8081,https://b:8081",
        "basic.auth.user.info": "u:p",
        "ssl.ca.location": "/ca.pem",
        "ssl.certificate.location": "/cert.pem",
        "ssl.key.location": "/key.pem",
        "ssl.key.password": "kp",
        "proxy": "http://proxy:3128",
        "timeout": 2.5,
        "max.retries": 1,
        "bearer.auth.credentials.source": "STATIC_TOKEN",
        "bearer.auth.token": "t",
    }
    sasl = remote_client_config(
        ["http://x"],
        {
            "basic.auth.credentials.source": "SASL_INHERIT",
            "sasl.jaas.config": 'org.Plain required username="k" password="s";',
        },
    )
    assert sasl["basic.auth.user.info"] == "k:s"
    url_source = remote_client_config(["http://x"], {"basic.auth.user.info": "ignored:x"})
    assert "basic.auth.user.info" not in url_source  # the default source is URL
    pem = remote_client_config(["https://x"], {"schema.registry.ssl.truststore.location": "/t.pem"})
    assert pem["ssl.ca.location"] == "/t.pem"
    with pytest.raises(ConfigException, match="Only PEM files"):
        remote_client_config(
            ["https://x"],
            {
                "schema.registry.ssl.truststore.location": "/t.jks",
                "schema.registry.ssl.truststore.type": "JKS",
            },
        )


def test_subject_name_strategies() -> None:
    """Topic, record and topic-record subjects; names resolve from Java and short forms."""
    record = parse_schema(RECORD)
    assert TopicNameStrategy().subject_name("t", True, record) == "t-key"
    assert RecordNameStrategy().subject_name("t", False, record) == "ns.R"
    assert TopicRecordNameStrategy().subject_name("t", False, record) == "t-ns.R"
    with pytest.raises(DataException, match="must only be a record schema"):
        RecordNameStrategy().subject_name("t", False, parse_schema('"int"'))
    java = "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"
    assert isinstance(subject_name_strategy(java), TopicRecordNameStrategy)
    assert isinstance(subject_name_strategy(None), TopicNameStrategy)
    assert isinstance(subject_name_strategy(RecordNameStrategy), RecordNameStrategy)
    with pytest.raises(ConfigException):
        subject_name_strategy("collections.OrderedDict")
