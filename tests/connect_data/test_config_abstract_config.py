"""AbstractConfig: typed getters, originals, prefixes and unused-key tracking."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import pytest

from connect_data.config import (
    AbstractConfig,
    ConfigDef,
    ConfigException,
    Configurable,
    NonNullValidator,
    Password,
)

Type = ConfigDef.Type
HIGH = ConfigDef.Importance.HIGH
LOW = ConfigDef.Importance.LOW

SECURITY_DEF = (
    ConfigDef()
    .define("sasl.mechanism", Type.STRING, "GSSAPI", importance=HIGH)
    .define("sasl.kerberos.kinit.cmd", Type.STRING, "/usr/bin/kinit", importance=LOW)
    .define("sasl.kerberos.service.name", Type.STRING, None, importance=LOW)
    .define("sasl.kerberos.min.time.before.relogin", Type.LONG, 60000, importance=LOW)
    .define("sasl.jaas.config", Type.PASSWORD, None, importance=LOW)
    .define("ssl.truststore.location", Type.STRING, None, importance=LOW)
    .define("ssl.keymanager.algorithm", Type.STRING, "SunX509", importance=LOW)
    .define("ssl.key.password", Type.PASSWORD, None, importance=HIGH)
    .define("ssl.provider", Type.STRING, None, importance=LOW)
)


class FakeReporter:
    """A plain class with a no-argument constructor."""


class ConfiguredReporter(FakeReporter, Configurable):
    """Reads metric.extra_config when configured, which marks it used."""

    def configure(self, configs: Mapping[str, Any]) -> None:
        self.extra = configs.get("metric.extra_config")


class ReporterConfig(AbstractConfig):
    """A config with one LIST key of class names."""

    CONFIG = ConfigDef().define("metric.reporters", Type.LIST, "", importance=LOW)

    def __init__(self, props: Mapping[str, Any]) -> None:
        super().__init__(ReporterConfig.CONFIG, props)


def test_typed_getters() -> None:
    """Each getter returns the parsed value and marks the key used."""
    definition = (
        ConfigDef()
        .define("s", Type.SHORT, 1, importance=LOW)
        .define("i", Type.INT, 2, importance=LOW)
        .define("l", Type.LONG, 3, importance=LOW)
        .define("d", Type.DOUBLE, 4, importance=LOW)
        .define("b", Type.BOOLEAN, True, importance=LOW)
        .define("t", Type.STRING, "x", importance=LOW)
        .define("ls", Type.LIST, "a,b", importance=LOW)
        .define("p", Type.PASSWORD, "pw", importance=LOW)
        .define("c", Type.CLASS, "json.JSONDecoder", importance=LOW)
    )
    config = AbstractConfig(definition, dict.fromkeys(("s", "i", "l"), "9") | {"extra": 1})
    assert (config.get_short("s"), config.get_int("i"), config.get_long("l")) == (9, 9, 9)
    assert config.get_double("d") == 4.0
    assert config.get_boolean("b") is True
    assert config.get_string("t") == "x"
    assert config.get_list("ls") == ["a", "b"]
    assert config.get_password("p") == Password("pw")
    assert config.get_class("c").__name__ == "JSONDecoder"  # type: ignore[union-attr]
    assert config.unused() == {"extra"}
    assert config.type_of("ls") is Type.LIST
    assert config.type_of("nope") is None


def test_unknown_key() -> None:
    """get of an undefined key raises ConfigException with Java's message."""
    config = ReporterConfig({})
    with pytest.raises(ConfigException) as excinfo:
        config.get("nope")
    assert str(excinfo.value) == "Unknown configuration 'nope'"


def test_non_string_key_rejected() -> None:
    """Keys must be strings."""
    with pytest.raises(ConfigException) as excinfo:
        AbstractConfig(ConfigDef(), {1: "x"})
    assert str(excinfo.value) == "Invalid value x for configuration 1: Key must be a string."


def test_parse_errors_raise_on_construction() -> None:
    """Construction parses and validates."""
    definition = ConfigDef().define("a", Type.INT, importance=HIGH)
    with pytest.raises(ConfigException):
        AbstractConfig(definition, {})
    with pytest.raises(ConfigException):
        AbstractConfig(definition, {"a": "x"})


def test_empty_list() -> None:
    """An empty LIST string gives an empty list."""
    definition = ConfigDef().define("a", Type.LIST, "", NonNullValidator(), HIGH, "doc")
    assert AbstractConfig(definition, {}).get_list("a") == []
    assert AbstractConfig(definition, {"a": ""}).get_list("a") == []
    assert AbstractConfig(definition, {"a": "b,c,d"}).get_list("a") == ["b", "c", "d"]


def test_originals_with_prefix() -> None:
    """Prefixed originals are returned stripped; reading one marks the original key used."""
    config = ReporterConfig({"foo.bar": "abc", "setting": "def", "foo.": "empty"})
    with_prefix = config.originals_with_prefix("foo.")
    assert config.unused() >= {"foo.bar"}
    assert with_prefix.get("bar") == "abc"
    assert "foo.bar" not in config.unused()
    assert with_prefix == {"bar": "abc"}
    assert config.originals_with_prefix("foo.", strip=False) == {"foo.bar": "abc"}


def test_originals_copy_and_overrides() -> None:
    """originals is a copy, with overrides applied on top."""
    config = ReporterConfig({"a": "1", "b": "2"})
    copy = config.originals({"b": "3"})
    assert copy == {"a": "1", "b": "3"}
    copy["a"] = "changed"
    assert config.originals() == {"a": "1", "b": "2"}
    assert config.unused() == {"a", "b"}
    assert config.originals()["a"] == "1"
    assert config.unused() == {"b"}


def test_originals_strings() -> None:
    """originals_strings refuses non-string values."""
    assert ReporterConfig({"a": "1"}).originals_strings() == {"a": "1"}
    with pytest.raises(ConfigException) as excinfo:
        ReporterConfig({"a": 1}).originals_strings()
    assert str(excinfo.value) == "Non-string value found in original settings for key a: int"


def test_values_with_prefix_override() -> None:
    """Prefixed settings override global ones and defaults, and reads mark both keys used."""
    config = AbstractConfig(
        SECURITY_DEF,
        {
            "sasl.mechanism": "PLAIN",
            "prefix.sasl.mechanism": "GSSAPI",
            "prefix.sasl.kerberos.kinit.cmd": "/usr/bin/kinit2",
            "prefix.ssl.truststore.location": "my location",
            "sasl.kerberos.service.name": "service name",
            "ssl.keymanager.algorithm": "algorithm",
        },
    )
    values = config.values_with_prefix_override("prefix.")

    assert {"prefix.sasl.mechanism", "sasl.mechanism"} <= config.unused()
    assert values.get("sasl.mechanism") == "GSSAPI"
    assert not {"prefix.sasl.mechanism", "sasl.mechanism"} & config.unused()

    assert "prefix.sasl.kerberos.kinit.cmd" in config.unused()
    assert values.get("sasl.kerberos.kinit.cmd") == "/usr/bin/kinit2"
    assert "prefix.sasl.kerberos.kinit.cmd" not in config.unused()

    assert values.get("ssl.truststore.location") == "my location"
    assert "prefix.ssl.truststore.location" not in config.unused()

    assert "ssl.keymanager.algorithm" in config.unused()
    assert values.get("ssl.keymanager.algorithm") == "algorithm"
    assert "ssl.keymanager.algorithm" not in config.unused()

    assert values.get("sasl.kerberos.service.name") == "service name"
    assert config.unused() == set()

    assert values.get("sasl.kerberos.min.time.before.relogin") == 60000
    assert values.get("ssl.key.password") is None


def test_values_with_secondary_prefix() -> None:
    """A prefixed key with a mechanism part is parsed by the definition of its last part."""
    config = AbstractConfig(
        SECURITY_DEF,
        {
            "listener.name.listener1.test-mechanism.sasl.jaas.config": "module1 required;",
            "test-mechanism.sasl.jaas.config": "module2 required;",
            "sasl.jaas.config": "module3 required;",
            "listener.name.listener1.gssapi.sasl.kerberos.kinit.cmd": "/usr/bin/kinit2",
            "listener.name.listener1.gssapi.sasl.kerberos.service.name": "testkafka",
            "listener.name.listener1.gssapi.sasl.kerberos.min.time.before.relogin": "60000",
            "ssl.provider": "TEST",
        },
    )
    values = config.values_with_prefix_override("listener.name.listener1.")
    assert values.get("test-mechanism.sasl.jaas.config") == Password("module1 required;")
    assert values.get("sasl.jaas.config") == Password("module3 required;")
    assert values.get("gssapi.sasl.kerberos.kinit.cmd") == "/usr/bin/kinit2"
    assert values.get("gssapi.sasl.kerberos.service.name") == "testkafka"
    assert values.get("gssapi.sasl.kerberos.min.time.before.relogin") == 60000
    assert "listener.name.listener1.gssapi.sasl.kerberos.kinit.cmd" not in config.unused()
    assert values.get("gssapi.ssl.provider") is None
    assert "ssl.provider" in config.unused()


def test_values_with_prefix_all_or_nothing() -> None:
    """Prefixed values win entirely when any exist; otherwise all values are returned."""
    config = AbstractConfig(
        SECURITY_DEF,
        {
            "sasl.mechanism": "PLAIN",
            "prefix1.sasl.mechanism": "GSSAPI",
            "prefix1.sasl.kerberos.kinit.cmd": "/usr/bin/kinit2",
            "prefix1.ssl.truststore.location": "my location",
            "sasl.kerberos.service.name": "service name",
            "ssl.keymanager.algorithm": "algorithm",
        },
    )
    first = config.values_with_prefix_all_or_nothing("prefix1.")
    assert first.get("sasl.mechanism") == "GSSAPI"
    assert first.get("sasl.kerberos.kinit.cmd") == "/usr/bin/kinit2"
    assert first.get("ssl.truststore.location") == "my location"
    assert "sasl.kerberos.service.name" not in first
    assert "ssl.keymanager.algorithm" not in first
    second = config.values_with_prefix_all_or_nothing("prefix2.")
    assert "sasl.kerberos.service.name" in second
    assert "ssl.keymanager.algorithm" in second


def test_values_and_non_internal_values() -> None:
    """values() holds every parsed value; non_internal_values() drops internal keys."""
    definition = (
        ConfigDef()
        .define("a", Type.INT, 1, importance=LOW)
        .define_internal("internal", Type.INT, 2, None, LOW)
    )
    config = AbstractConfig(definition, {})
    assert config.values() == {"a": 1, "internal": 2}
    assert config.non_internal_values() == {"a": 1}
    assert config.documentation_of("internal") == ""
    assert config.documentation_of("xyz") is None


@pytest.mark.parametrize(
    "value",
    [
        "",
        f"{__name__}.FakeReporter",
        f"{__name__}.FakeReporter, {__name__}.ConfiguredReporter",
    ],
)
def test_configured_instances_valid(value: str) -> None:
    """Valid class lists give one instance per class."""
    config = ReporterConfig({"metric.reporters": value})
    instances = config.get_configured_instances("metric.reporters", FakeReporter)
    assert len(instances) == len([part for part in value.split(",") if part])
    assert all(isinstance(instance, FakeReporter) for instance in instances)


@pytest.mark.parametrize(
    "value",
    [
        ",",
        "no.such.module.Reporter",
        "test1,test2",
        f"{__name__}.FakeReporter,",
        "json.JSONDecoder",
    ],
)
def test_configured_instances_invalid(value: str) -> None:
    """Unknown classes, empty names and classes of the wrong type raise ConfigException."""
    config = ReporterConfig({"metric.reporters": value})
    with pytest.raises(ConfigException):
        config.get_configured_instances("metric.reporters", FakeReporter)


def test_unused_after_configure() -> None:
    """Keys read by a configured instance count as used."""
    config = ReporterConfig(
        {"metric.reporters": f"{__name__}.ConfiguredReporter", "metric.extra_config": "my_value"}
    )
    assert "metric.extra_config" in config.unused()
    [reporter] = config.get_configured_instances("metric.reporters", FakeReporter)
    assert isinstance(reporter, ConfiguredReporter)
    assert reporter.extra == "my_value"
    assert config.unused() == set()


def test_configured_instance_of_class_key() -> None:
    """get_configured_instance builds the class of a CLASS key, configuring it."""
    definition = (
        ConfigDef()
        .define("class.prop", Type.CLASS, ConfiguredReporter, importance=HIGH)
        .define("none.prop", Type.CLASS, None, importance=HIGH)
    )
    config = AbstractConfig(definition, {"metric.extra_config": "v"})
    instance = config.get_configured_instance("class.prop", FakeReporter, {"x": 1})
    assert isinstance(instance, ConfiguredReporter)
    assert instance.extra == "v"
    assert config.get_configured_instance("none.prop", FakeReporter) is None
    with pytest.raises(ConfigException) as excinfo:
        config.get_configured_instance("class.prop", int)
    assert str(excinfo.value).endswith("ConfiguredReporter is not an instance of builtins.int")


def test_post_process_parsed_config() -> None:
    """Updates returned by post_process_parsed_config are applied and validated."""

    class Derived(AbstractConfig):
        def post_process_parsed_config(self, parsed_values: Mapping[str, Any]) -> Mapping[str, Any]:
            return {"b": parsed_values["a"] * 2}

    definition = (
        ConfigDef()
        .define("a", Type.INT, 1, importance=LOW)
        .define("b", Type.INT, 0, ConfigDef.Range.at_most(10), LOW)
    )
    assert Derived(definition, {"a": "3"}).get_int("b") == 6
    with pytest.raises(ConfigException):
        Derived(definition, {"a": "6"})


def test_log_all_hides_passwords(caplog: pytest.LogCaptureFixture) -> None:
    """do_log logs every value sorted by key, passwords as [hidden]."""
    definition = (
        ConfigDef()
        .define("b.secret", Type.PASSWORD, importance=HIGH)
        .define("a.list", Type.LIST, "x,y", importance=LOW)
    )
    with caplog.at_level(logging.INFO):
        AbstractConfig(definition, {"b.secret": "s3cret"}, do_log=True)
    assert "AbstractConfig values: \n\ta.list = [x, y]\n\tb.secret = [hidden]\n" in caplog.text
    assert "s3cret" not in caplog.text


def test_log_unused(caplog: pytest.LogCaptureFixture) -> None:
    """log_unused warns about each supplied key nothing read."""
    config = ReporterConfig({"typo.key": "1"})
    with caplog.at_level(logging.WARNING):
        config.log_unused()
    assert "The configuration 'typo.key' was supplied but isn't a known config." in caplog.text


def test_equality_by_originals() -> None:
    """Configs of the same class are equal when their originals are."""
    assert ReporterConfig({"a": "1"}) == ReporterConfig({"a": "1"})
    assert ReporterConfig({"a": "1"}) != ReporterConfig({"a": "2"})
    assert hash(ReporterConfig({"a": "1"})) == hash(ReporterConfig({"a": "1"}))
    assert ReporterConfig({}) != AbstractConfig(ReporterConfig.CONFIG, {})
