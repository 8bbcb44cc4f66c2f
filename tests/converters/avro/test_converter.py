"""AvroConverter: Confluent's wire format through real registry clients, and bad input."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from confluent_kafka.schema_registry import Schema as RegistrySchema
from confluent_kafka.schema_registry import SchemaRegistryClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_data import (
    DataException,
    Decimal,
    RetriableException,
    Schema,
    SchemaAndValue,
    SchemaBuilder,
    Struct,
    Timestamp,
)
from connect_data.config import ConfigException
from converters.avro import AvroConverter, LocalSchemaRegistry
from converters.avro.registry import mock_registry
from tests.converters.avro.registry_server import serve
from tests.strategies import schemas, values_for

_scopes = itertools.count()

ORDER = (
    SchemaBuilder.struct()
    .name("shop.Order")
    .field("id", Schema.INT64_SCHEMA)
    .field("amount", Decimal.schema(2))
    .field("ts", Timestamp.SCHEMA)
    .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
    .field("note", Schema.OPTIONAL_STRING_SCHEMA)
    .build()
)


def _order(order_id: int = 1) -> Struct:
    import datetime as dt
    import decimal

    return (
        Struct(ORDER)
        .put("id", order_id)
        .put("amount", decimal.Decimal("9.99"))
        .put("ts", dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc))
        .put("tags", ["a"])
    )


def _scope() -> str:
    return f"mock://converter-test-{next(_scopes)}"


def _converter(url: str | None = None, is_key: bool = False, /, **configs: Any) -> AvroConverter:
    # url and is_key are positional-only so that dotted config keys passed as **{...} can
    # never be taken for them.
    converter = AvroConverter()
    converter.configure({"schema.registry.url": url or _scope(), **configs}, is_key)
    return converter


def _same(actual: Struct, expected: Struct) -> None:
    for field in expected.schema().fields():
        assert actual.get(field.name()) == expected.get(field)


# ---------------------------------------------------------------- wire format and round trips


def test_wire_format_is_magic_byte_schema_id_and_avro_binary() -> None:
    """Bytes are 0, the big-endian schema id, then the Avro binary (the Java vector's bytes)."""
    converter = _converter()
    data = converter.from_connect_data("orders", ORDER, _order())
    assert data is not None
    assert data[:5] == b"\x00\x00\x00\x00\x01"
    assert data[5:].startswith(b"\x02\x04\x03\xe7")  # id 1, two bytes of 999


def test_values_read_back_with_the_registered_version() -> None:
    """to_connect_data gives the value back, its schema versioned by the subject version."""
    url = _scope()
    data = _converter(url).from_connect_data("orders", ORDER, _order())
    result = _converter(url).to_connect_data("orders", data)
    assert result.schema() is not None and result.schema().version() == 1  # type: ignore[union-attr]
    assert result.schema().name() == "shop.Order"  # type: ignore[union-attr]
    _same(result.value(), _order())


def test_null_values_are_tombstones() -> None:
    """None (optional schema) writes None; None bytes read as SchemaAndValue.NULL."""
    converter = _converter()
    assert converter.from_connect_data("t", Schema.OPTIONAL_STRING_SCHEMA, None) is None
    assert converter.to_connect_data("t", None) is SchemaAndValue.NULL
    with pytest.raises(DataException, match="Found null value for non-optional schema"):
        converter.from_connect_data("t", Schema.STRING_SCHEMA, None)


def test_key_converter_uses_the_key_subject() -> None:
    """Keys register under <topic>-key, values under <topic>-value."""
    url = _scope()
    _converter(url, True).from_connect_data("t", Schema.STRING_SCHEMA, "k")
    _converter(url).from_connect_data("t", Schema.STRING_SCHEMA, "v")
    assert sorted(mock_registry(url[7:]).get_subjects()) == ["t-key", "t-value"]


@pytest.mark.parametrize(
    ("strategy", "subject"),
    [
        ("io.confluent.kafka.serializers.subject.TopicNameStrategy", "orders-value"),
        ("io.confluent.kafka.serializers.subject.RecordNameStrategy", "shop.Order"),
        ("TopicRecordNameStrategy", "orders-shop.Order"),
        ("converters.avro.registry.RecordNameStrategy", "shop.Order"),
    ],
)
def test_subject_name_strategies(strategy: str, subject: str) -> None:
    """The three Confluent strategies, by Java class name, short name or Python path."""
    url = _scope()
    converter = _converter(url, **{"value.subject.name.strategy": strategy})
    data = converter.from_connect_data("orders", ORDER, _order())
    assert mock_registry(url[7:]).get_subjects() == [subject]
    _same(converter.to_connect_data("orders", data).value(), _order())


def test_record_name_strategy_needs_a_record() -> None:
    """RecordNameStrategy with a non-record schema is a DataException."""
    converter = _converter(**{"value.subject.name.strategy": "RecordNameStrategy"})
    with pytest.raises(DataException, match="must only be a record schema"):
        converter.from_connect_data("t", Schema.STRING_SCHEMA, "x")


def test_unknown_strategy_is_a_config_error() -> None:
    """An unknown strategy name fails configuration."""
    with pytest.raises(ConfigException, match="Unknown subject name strategy"):
        _converter(None, True, **{"key.subject.name.strategy": "NoSuchStrategy"})


def test_mock_scopes_are_shared_by_url_and_separate_between_urls() -> None:
    """Converters naming one mock scope share its registry; another scope starts at id 1."""
    url = _scope()
    _converter(url).from_connect_data("a", Schema.STRING_SCHEMA, "x")
    second = _converter(url).from_connect_data("b", Schema.INT32_SCHEMA, 1)
    assert second is not None and second[1:5] == (2).to_bytes(4, "big")
    other = _converter().from_connect_data("b", Schema.INT32_SCHEMA, 1)
    assert other is not None and other[1:5] == (1).to_bytes(4, "big")


def test_same_schema_in_two_subjects_has_one_id() -> None:
    """Like the Schema Registry, one schema text has one id whatever the subject."""
    url = _scope()
    first = _converter(url).from_connect_data("a", Schema.STRING_SCHEMA, "x")
    second = _converter(url).from_connect_data("b", Schema.STRING_SCHEMA, "x")
    assert first == second


def test_given_client_wins_over_the_url() -> None:
    """schema_registry_client= is used instead of schema.registry.url (Java's constructor)."""
    registry = LocalSchemaRegistry()
    converter = AvroConverter(schema_registry_client=registry)
    converter.configure({"schema.registry.url": "http://127.0.0.1:1"}, False)
    converter.from_connect_data("t", Schema.STRING_SCHEMA, "x")
    assert registry.get_subjects() == ["t-value"]
    assert converter.schema_registry_client is registry


def test_confluent_kafka_mock_client_can_be_given() -> None:
    """confluent-kafka's own mock client works as schema_registry_client."""
    client = SchemaRegistryClient.new_client({"url": "mock://ck-mock"})
    converter = AvroConverter(schema_registry_client=client)
    converter.configure({}, False)
    data = converter.from_connect_data("t", ORDER, _order())
    _same(converter.to_connect_data("t", data).value(), _order())


def test_config_definition_and_required_url() -> None:
    """config() lists Java's keys; without a client, schema.registry.url is required."""
    keys = AvroConverter().config().names()
    for key in (
        "schema.registry.url",
        "auto.register.schemas",
        "use.latest.version",
        "latest.compatibility.strict",
        "normalize.schemas",
        "key.subject.name.strategy",
        "basic.auth.user.info",
        "enhanced.avro.schema.support",
        "schemas.cache.config",
    ):
        assert key in keys
    with pytest.raises(ConfigException, match=r"schema\.registry\.url"):
        AvroConverter().configure({}, False)
    with pytest.raises(ConfigException, match="configured before use"):
        AvroConverter(LocalSchemaRegistry()).from_connect_data("t", Schema.STRING_SCHEMA, "x")


# ---------------------------------------------------------------- registration modes


def test_auto_register_false_looks_the_schema_up() -> None:
    """Without auto-registration an unregistered schema fails, a registered one is found."""
    url = _scope()
    converter = _converter(url, **{"auto.register.schemas": False})
    with pytest.raises(DataException, match="Failed to serialize Avro data from topic t"):
        converter.from_connect_data("t", Schema.STRING_SCHEMA, "x")
    mock_registry(url[7:]).register_schema("t-value", RegistrySchema('"string"', "AVRO"))
    converter = _converter(url, **{"auto.register.schemas": False})
    assert converter.from_connect_data("t", Schema.STRING_SCHEMA, "x") == b"\0\0\0\0\x01\x02x"


def test_use_latest_version_writes_with_the_latest_schema() -> None:
    """use.latest.version writes with the subject's latest schema (fields by name, the
    latest schema's extra fields from their defaults)."""
    url = _scope()
    registry = mock_registry(url[7:])
    latest = {
        "type": "record",
        "name": "R",
        "fields": [
            {"name": "extra", "type": "string", "default": "e"},
            {"name": "a", "type": "int"},
        ],
    }
    schema_id = registry.register_schema("t-value", RegistrySchema(json.dumps(latest), "AVRO"))
    connect = SchemaBuilder.struct().name("R").field("a", Schema.INT32_SCHEMA).build()
    converter = _converter(url, **{"auto.register.schemas": False, "use.latest.version": True})
    data = converter.from_connect_data("t", connect, Struct(connect).put("a", 7))
    assert data == b"\0" + schema_id.to_bytes(4, "big") + b"\x02e\x0e"
    back = converter.to_connect_data("t", data).value()
    assert back.get("extra") == "e" and back.get("a") == 7


def test_use_latest_version_checks_compatibility_strictly() -> None:
    """The latest schema must read what the Connect schema writes (unless not strict)."""
    url = _scope()
    registry = mock_registry(url[7:])
    registry.register_schema(
        "t-value",
        RegistrySchema('{"type":"record","name":"R","fields":[{"name":"b","type":"int"}]}'),
    )
    connect = SchemaBuilder.struct().name("R").field("a", Schema.INT32_SCHEMA).build()
    converter = _converter(url, **{"auto.register.schemas": False, "use.latest.version": True})
    with pytest.raises(DataException, match="Incompatible schema"):
        converter.from_connect_data("t", connect, Struct(connect).put("a", 7))


def test_use_schema_id() -> None:
    """use.schema.id writes with the given id when its schema can read the data."""
    url = _scope()
    registry = mock_registry(url[7:])
    registry.register_schema("other", RegistrySchema('"int"'))
    schema_id = registry.register_schema("x", RegistrySchema('"long"'))
    converter = _converter(url, **{"auto.register.schemas": False, "use.schema.id": schema_id})
    data = converter.from_connect_data("t", Schema.INT64_SCHEMA, 5)
    assert data == b"\0" + schema_id.to_bytes(4, "big") + b"\x0a"
    strict = _converter(url, **{"auto.register.schemas": False, "use.schema.id": schema_id})
    with pytest.raises(DataException, match="Incompatible schema"):
        strict.from_connect_data("t", Schema.STRING_SCHEMA, "x")


def test_normalize_schemas_registers_the_normalized_text() -> None:
    """normalize.schemas registers the normalized form (sorted properties)."""
    url = _scope()
    converter = _converter(url, **{"normalize.schemas": True})
    converter.from_connect_data("t", Decimal.schema(2), __import__("decimal").Decimal("1.00"))
    text = mock_registry(url[7:]).get_latest_version("t-value").schema.schema_str
    assert text is not None
    assert text.startswith('{"type":"bytes","logicalType":"decimal","precision":64,"scale":2')


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00\x00", b"\x01\x00\x00\x00\x01\x02x", b'{"json": true}'],
    ids=["empty", "short", "magic-1", "json"],
)
def test_not_confluent_avro_is_a_data_exception(data: bytes) -> None:
    """Bytes without the magic byte and a schema id: DataException "Unknown magic byte!"."""
    with pytest.raises(DataException, match="Unknown magic byte!"):
        _converter().to_connect_data("t", data)


def test_unknown_schema_id_is_a_data_exception() -> None:
    """An id the registry does not know fails naming the topic and the id."""
    with pytest.raises(DataException, match=r"topic t .*schema for id 99"):
        _converter().to_connect_data("t", b"\x00\x00\x00\x00\x63\x02x")


def test_truncated_and_garbage_avro_are_data_exceptions() -> None:
    """Avro data that ends early, does not decode or leaves bytes over is a DataException."""
    converter = _converter()
    data = converter.from_connect_data("t", ORDER, _order())
    assert data is not None
    for bad in (data[:-3], data[:6], data + b"\x00", data[:5] + b"\xff" * 20):
        with pytest.raises(DataException, match="Failed to deserialize data for topic t"):
            converter.to_connect_data("t", bad)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"\xff\xfe", "\ufffd\ufffd"),
        (b"a\xed\xa0\x80b", "a\ufffdb"),  # an encoded surrogate: one U+FFFD in Java, 3 in Python
        (b"x\xed\xa0", "x\ufffd"),
        (b"\xc3", "\ufffd"),
    ],
)
def test_invalid_utf8_strings_read_as_java_reads_them(raw: bytes, text: str) -> None:
    """Invalid UTF-8 in a string or map key reads with U+FFFD where Java's Utf8.toString()
    puts them; the fields after it read unchanged."""
    converter = _converter()
    schema = (
        SchemaBuilder.struct()
        .name("r")
        .field("s", Schema.STRING_SCHEMA)
        .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
        .field("n", Schema.INT32_SCHEMA)
        .build()
    )
    value = Struct(schema).put("s", "#" * len(raw)).put("m", {"@" * len(raw): 5}).put("n", 9)
    data = converter.from_connect_data("t", schema, value)
    assert data is not None
    data = data.replace(b"#" * len(raw), raw).replace(b"@" * len(raw), raw)
    result = converter.to_connect_data("t", data).value()
    assert (result.get("s"), result.get("m"), result.get("n")) == (text, {text: 5}, 9)


def test_value_not_matching_the_schema_names_the_topic() -> None:
    """A value of the wrong type fails with a DataException naming the topic."""
    converter = _converter()
    with pytest.raises(DataException, match="topic orders: Invalid type for INT32: class str"):
        converter.from_connect_data("orders", Schema.INT32_SCHEMA, "x")
    with pytest.raises(DataException, match="topic orders"):
        converter.from_connect_data("orders", Schema.INT32_SCHEMA, 2**40)


def test_non_avro_schema_id_is_refused() -> None:
    """An id holding a JSON schema cannot be read by the Avro converter."""
    url = _scope()
    schema_id = mock_registry(url[7:]).register_schema("j", RegistrySchema("{}", "JSON"))
    with pytest.raises(DataException, match="is a JSON schema, not Avro"):
        _converter(url).to_connect_data("t", b"\0" + schema_id.to_bytes(4, "big") + b"\x00")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_unreachable_registry_is_retriable() -> None:
    """A registry that refuses connections gives RetriableException, quickly and clearly."""
    url = f"http://127.0.0.1:{_closed_port()}"
    converter = _converter(url, **{"max.retries": 0})
    start = time.monotonic()
    with pytest.raises(RetriableException, match="Network connection error while serializing"):
        converter.from_connect_data("t", Schema.STRING_SCHEMA, "x")
    with pytest.raises(RetriableException, match="Network connection error while deserializ"):
        converter.to_connect_data("t", b"\x00\x00\x00\x00\x01\x02x")
    assert time.monotonic() - start < 10


# ---------------------------------------------------------------- a real HTTP registry


def test_http_registry_with_basic_auth() -> None:
    """USER_INFO credentials reach the registry; the round trip works over HTTP."""
    with serve(user_info="fred:letmein") as server:
        configs = {
            "basic.auth.credentials.source": "USER_INFO",
            "schema.registry.basic.auth.user.info": "fred:letmein",
        }
        writer = _converter(server.url, **configs)
        data = writer.from_connect_data("orders", ORDER, _order())
        result = _converter(server.url, **configs).to_connect_data("orders", data)
        _same(result.value(), _order())
        assert result.schema().version() == 1  # type: ignore[union-attr]
        assert ("POST", "/subjects/orders-value/versions?normalize=False") in server.requests


def test_http_registry_credentials_in_the_url() -> None:
    """basic.auth.credentials.source=URL (the default) uses the URL's user info."""
    with serve(user_info="u:p") as server:
        url = server.url.replace("http://", "http://u:p@")
        assert _converter(url).from_connect_data("t", Schema.STRING_SCHEMA, "x") is not None


def test_http_registry_rejecting_credentials_is_a_data_exception() -> None:
    """A 401 answer is not retriable: DataException naming the topic."""
    with serve(user_info="fred:letmein") as server:
        converter = _converter(
            server.url,
            **{"basic.auth.credentials.source": "USER_INFO", "basic.auth.user.info": "fred:x"},
        )
        with pytest.raises(DataException, match="Unauthorized"):
            converter.from_connect_data("t", Schema.STRING_SCHEMA, "x")


def test_http_registry_rejecting_an_incompatible_schema() -> None:
    """A schema the subject's compatibility level refuses (HTTP 409) is a DataException."""
    with serve() as server:
        v1 = SchemaBuilder.struct().name("R").field("a", Schema.INT32_SCHEMA).build()
        v2 = SchemaBuilder.struct().name("R").field("b", Schema.INT32_SCHEMA).build()
        _converter(server.url).from_connect_data("t", v1, Struct(v1).put("a", 1))
        with pytest.raises(DataException, match="incompatible with an earlier schema"):
            _converter(server.url).from_connect_data("t", v2, Struct(v2).put("b", 1))


def test_http_registry_outage_is_retriable() -> None:
    """A 503 answer (registry unavailable) is a RetriableException."""
    with serve() as server:
        server.fail_with = 503
        converter = _converter(server.url, **{"max.retries": 0})
        with pytest.raises(RetriableException, match="Schema Registry unavailable"):
            converter.from_connect_data("t", Schema.STRING_SCHEMA, "x")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A self-signed certificate for localhost (skips when openssl is missing)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    directory = tmp_path_factory.mktemp("tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "OPENSSL_CONF": "/dev/null"},
    )  # fmt: skip
    yield cert, key


def test_https_registry_with_the_tls_keys(certificate: tuple[Path, Path]) -> None:
    """schema.registry.ssl.ca.location makes the client trust the registry's certificate."""
    cert, key = certificate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    with serve(tls=context) as server:
        converter = _converter(server.url, **{"schema.registry.ssl.ca.location": str(cert)})
        data = converter.from_connect_data("t", Schema.STRING_SCHEMA, "x")
        assert converter.to_connect_data("t", data).value() == "x"
        untrusting = _converter(server.url, **{"max.retries": 0})
        with pytest.raises(DataException, match="CERTIFICATE_VERIFY_FAILED") as failure:
            untrusting.from_connect_data("t2", Schema.STRING_SCHEMA, "x")
        assert not isinstance(failure.value, RetriableException)  # a TLS setup error


# ---------------------------------------------------------------- the embedded registry


def test_embedded_registry_keeps_ids_across_restarts(tmp_path: Path) -> None:
    """embedded:///file keeps schemas in SQLite: a new process finds the same ids."""
    path = tmp_path / "registry.db"
    url = f"embedded://{path}"
    first = _converter(url).from_connect_data("t", ORDER, _order())
    schema_id = first[1:5]  # type: ignore[index]
    reopened = LocalSchemaRegistry(path)
    assert reopened.get_subjects() == ["t-value"]
    converter = AvroConverter(schema_registry_client=reopened)
    converter.configure({}, False)
    assert converter.from_connect_data("t", ORDER, _order())[1:5] == schema_id  # type: ignore[index]
    _same(converter.to_connect_data("t", first).value(), _order())


def test_embedded_url_without_path_uses_the_embedded_store(tmp_path: Path) -> None:
    """embedded:// keeps the registry in embedded.store.path (the record log's database)."""
    store = tmp_path / "data" / "connect.db"
    converter = _converter("embedded://", **{"embedded.store.path": str(store)})
    converter.from_connect_data("t", Schema.STRING_SCHEMA, "x")
    assert store.exists()
    assert LocalSchemaRegistry(store).get_subjects() == ["t-value"]


def test_config_reference_in_the_docs_is_generated() -> None:
    """docs/converters.md holds AvroConverter's config().to_markdown() verbatim."""
    from tests.converters.config_docs import config_reference, expected_reference

    markdown = AvroConverter().config().to_markdown(4)
    assert config_reference("converters.avro.AvroConverter") == expected_reference(markdown)


def test_caches_are_bounded_by_schemas_cache_config() -> None:
    """The converter's per-schema caches keep at most schemas.cache.config entries."""
    converter = _converter(**{"schemas.cache.config": 2})
    for version in range(1, 6):
        schema = SchemaBuilder.string().version(version).build()
        data = converter.from_connect_data("t", schema, "x")
        assert converter.to_connect_data("t", data).value() == "x"
    assert len(converter._writers) == 2 and len(converter._readers) <= 2


def test_same_schema_in_two_topics_reads_with_each_subjects_version() -> None:
    """One schema id at version 1 of topic1 and version 2 of topic2 reads with each version."""
    url = _scope()
    registry = mock_registry(url[7:])
    v1 = '{"type":"record","name":"Foo","fields":[{"name":"key","type":"int"}]}'
    v2 = (
        '{"type":"record","name":"Foo","fields":[{"name":"key","type":"int"},'
        '{"name":"value","type":"string"}]}'
    )
    schema_id = registry.register_schema("topic1-value", RegistrySchema(v2))
    registry.register_schema("topic2-value", RegistrySchema(v1))  # the mock checks nothing
    assert registry.register_schema("topic2-value", RegistrySchema(v2)) == schema_id
    data = b"\0" + schema_id.to_bytes(4, "big") + b"\x1e\x06bar"
    converter = _converter(url)
    assert converter.to_connect_data("topic1", data).schema().version() == 1  # type: ignore[union-attr]
    assert converter.to_connect_data("topic2", data).schema().version() == 2  # type: ignore[union-attr]
    assert converter.to_connect_data("topic2", data).value().get("value") == "bar"


def test_connect_version_wins_over_the_registry_version() -> None:
    """A Connect schema version written as connect.version is kept (Java's testVersionMaintained)."""
    url = _scope()
    converter = _converter(url)
    newer = (
        SchemaBuilder.struct()
        .version(2)
        .field("orig", Schema.OPTIONAL_INT16_SCHEMA)
        .field("new", Schema.OPTIONAL_INT16_SCHEMA)
        .build()
    )
    older = SchemaBuilder.struct().version(1).field("orig", Schema.OPTIONAL_INT16_SCHEMA).build()
    newer_data = converter.from_connect_data("t", newer, Struct(newer))
    older_data = converter.from_connect_data("t", older, Struct(older))
    assert converter.to_connect_data("t", newer_data).schema().version() == 2  # type: ignore[union-attr]
    assert converter.to_connect_data("t", older_data).schema().version() == 1  # type: ignore[union-attr]


def _plain(value: Any) -> Any:
    """A Connect value with struct defaults applied, as plain Python data."""
    if isinstance(value, Struct):
        return {f.name(): _plain(value.get(f)) for f in value.schema().fields()}
    if isinstance(value, list):
        return [_plain(x) for x in value]
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_schema_and_value_round_trip_through_the_wire(data: st.DataObject) -> None:
    """Property: from_connect_data then to_connect_data gives the value back, for any schema
    (struct fields left null read back as their defaults, as Java writes them)."""
    schema = data.draw(schemas())
    value = data.draw(values_for(schema))
    url = "mock://round-trip-property"
    try:
        wire = _converter(url).from_connect_data("t", schema, value)
    except DataException as e:  # two different structs drawn with one name
        assert "Two different Avro types are named" in str(e)
        return
    result = _converter(url).to_connect_data("t", wire)
    if wire is None:
        assert value is None and result is SchemaAndValue.NULL
        return
    assert _plain(result.value()) == _plain(value)
    assert result.schema().type() is schema.type()  # type: ignore[union-attr]
