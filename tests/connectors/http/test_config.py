"""Tests of connectors.http.config: keys, defaults, header syntax and cross-key checks."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import connectors.http.config
from connect_data.config import ConfigException, Password
from connectors.http.config import (
    CONFIG_DEF,
    HttpPollSourceConfig,
    default_schema_name,
    parse_headers,
    redact_url,
)

BASE = {"http.url": "http://127.0.0.1:1/items", "topic": "items"}


def test_docstring_examples() -> None:
    """The module's examples give the output shown."""
    result = doctest.testmod(connectors.http.config)
    assert result.attempted > 0
    assert result.failed == 0


def test_defaults() -> None:
    """A configuration with only http.url and topic gets the documented defaults."""
    config = HttpPollSourceConfig(BASE)
    assert config.urls == ["http://127.0.0.1:1/items"]
    assert config.topic == "items"
    assert config.poll_interval_s == 5.0
    assert config.method == "GET"
    assert config.headers == []
    assert config.timeout_s == 30.0
    assert config.ssl_verify is True
    assert config.ssl_ca_location is None
    assert config.auth_type == "none"
    assert config.output_format == "string"
    assert config.records_path.tokens == ()
    assert (config.key_field, config.offset_field, config.offset_param) == ("", "", "")
    assert config.pagination == "none"
    assert config.max_pages == 100
    assert (config.retry_backoff_s, config.retry_backoff_max_s) == (1.0, 60.0)
    assert config.schema_name == "connectpy.http.items"


def test_values_are_read_in_their_shapes() -> None:
    """Case-insensitive choices are normalised; lists split; pointers parsed."""
    config = HttpPollSourceConfig(
        {
            **BASE,
            "http.url": "http://a/x, https://b/y",
            "http.method": "post",
            "output.format": "STRUCT",
            "http.records.path": "/data/items",
            "http.pagination.type": "Link",
            "http.auth.type": "Bearer",
            "http.auth.token": "t0k3n",
            "schema.name": "com.example.Item",
            "poll.interval.ms": "250",
        }
    )
    assert config.urls == ["http://a/x", "https://b/y"]
    assert config.method == "POST"
    assert config.output_format == "struct"
    assert config.records_path.tokens == ("data", "items")
    assert config.pagination == "link"
    assert config.auth_type == "bearer"
    assert config.auth_token.value() == "t0k3n"
    assert config.schema_name == "com.example.Item"
    assert config.poll_interval_s == 0.25


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        (["Accept: application/json"], [("Accept", "application/json")]),
        (["X-A:1", "X-B : two words "], [("X-A", "1"), ("X-B", "two words")]),
        (
            ["Accept: application/json", "text/plain", "X-Trace: on"],
            [("Accept", "application/json, text/plain"), ("X-Trace", "on")],
        ),
        (
            ["If-Modified-Since: Wed", "21 Oct 2015 07:28:00 GMT"],
            [("If-Modified-Since", "Wed, 21 Oct 2015 07:28:00 GMT")],
        ),
        (["X-Empty:"], [("X-Empty", "")]),
    ],
)
def test_header_syntax(entries: list[str], expected: list[tuple[str, str]]) -> None:
    """Entries are 'Name: value'; a piece that does not start with 'token:' continues a value."""
    assert parse_headers(entries) == expected


def test_headers_from_a_config_string() -> None:
    """http.headers is read from the comma-separated text a properties file holds."""
    config = HttpPollSourceConfig(
        {**BASE, "http.headers": "Accept: application/json, text/plain, X-Api-Version: 2"}
    )
    assert config.headers == [("Accept", "application/json, text/plain"), ("X-Api-Version", "2")]


@pytest.mark.parametrize("value", ["no colon here", "bad name: x", ": x"])
def test_headers_must_start_with_a_header(value: str) -> None:
    """A first entry that is not 'Name: value' is refused, naming http.headers."""
    with pytest.raises(
        ConfigException, match=r"for configuration http.headers: .* is not a 'Name: value' header"
    ):
        HttpPollSourceConfig({**BASE, "http.headers": value})


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [
        ({"http.url": "ftp://x/y"}, "http.url", "is not an absolute http:// or https:// URL"),
        ({"http.url": "/relative"}, "http.url", "is not an absolute"),
        ({"http.url": ""}, "http.url", "At least one URL is required"),
        ({"topic": " "}, "topic", "String must be non-empty"),
        ({"http.method": "DELETE"}, "http.method", "String must be one of"),
        ({"http.auth.type": "digest"}, "http.auth.type", "String must be one of"),
        ({"output.format": "avro"}, "output.format", "String must be one of"),
        ({"http.records.path": "data"}, "http.records.path", "must be empty or start with '/'"),
        ({"http.timeout.ms": "0"}, "http.timeout.ms", "Value must be at least 1"),
        ({"poll.interval.ms": "-1"}, "poll.interval.ms", "Value must be at least 0"),
        ({"http.auth.type": "basic"}, "http.auth.user", "required for http.auth.type=basic"),
        ({"http.auth.type": "bearer"}, "http.auth.token", "required for http.auth.type=bearer"),
        ({"http.offset.param": "since"}, "http.offset.param", "requires http.offset.field"),
        ({"http.offset.field": "/a~"}, "http.offset.field", "RFC 6901"),
        (
            {"http.pagination.type": "cursor"},
            "http.pagination.cursor.path",
            "required for http.pagination.type=cursor",
        ),
        (
            {"http.ssl.ca.location": "/no/such/ca.pem"},
            "http.ssl.ca.location",
            "is not a readable file",
        ),
    ],
)
def test_invalid_configs(change: dict[str, str], key: str, message: str) -> None:
    """Each invalid setting raises ConfigException naming the key and what is wrong."""
    with pytest.raises(ConfigException, match=key.replace(".", r"\.")) as info:
        HttpPollSourceConfig({**BASE, **change})
    assert message in str(info.value)


def test_ca_location_must_exist(tmp_path: Path) -> None:
    """An existing CA file is accepted."""
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    assert HttpPollSourceConfig({**BASE, "http.ssl.ca.location": str(ca)}).ssl_ca_location == str(
        ca
    )


def test_secrets_are_passwords_and_never_shown() -> None:
    """password and token are PASSWORD keys: hidden in str/repr of values and errors."""
    assert CONFIG_DEF.config_keys()["http.auth.password"].type.name == "PASSWORD"
    assert CONFIG_DEF.config_keys()["http.auth.token"].type.name == "PASSWORD"
    config = HttpPollSourceConfig(
        {**BASE, "http.auth.type": "basic", "http.auth.user": "u", "http.auth.password": "s3cr3t!"}
    )
    assert isinstance(config.auth_password, Password)
    assert "s3cr3t!" not in repr(config.values()) + str(config.values()) + repr(config)
    with pytest.raises(ConfigException) as info:
        HttpPollSourceConfig({**BASE, "http.auth.type": "bearer", "http.auth.token": ""})
    assert str(info.value).startswith("Invalid value [hidden] for configuration http.auth.token")


def test_worker_keys_are_ignored() -> None:
    """Keys of the worker and of Kafka Connect's connector config do not disturb parsing."""
    config = HttpPollSourceConfig(
        {**BASE, "connector.class": "x", "tasks.max": "3", "key.converter": "y", "name": "n"}
    )
    assert config.topic == "items"


@pytest.mark.parametrize(
    ("topic", "name"),
    [
        ("todos", "connectpy.http.todos"),
        ("my-topic", "connectpy.http.my_topic"),
        ("a.1b", "connectpy.http.a._1b"),
    ],
)
def test_default_schema_name(topic: str, name: str) -> None:
    """The default schema name is connectpy.http.<topic>, made a valid Avro full name."""
    assert default_schema_name(topic) == name


def test_redact_url() -> None:
    """Credentials in a URL are replaced by *** in messages."""
    assert redact_url("https://me:pw@host:8443/x?a=1") == "https://***@host:8443/x?a=1"
    assert redact_url("http://host/x") == "http://host/x"
