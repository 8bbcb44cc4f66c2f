"""Tests of connect_data.config.transformer (Kafka's ConfigTransformerTest behaviours, and
AbstractConfig's resolution of config-provider references)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import ClassVar

import pytest

from connect_data.config import (
    ConfigData,
    ConfigException,
    ConfigProvider,
    ConfigTransformer,
    FileConfigProvider,
    resolve_config_variables,
)
from connect_data.config.transformer import instantiate_config_providers

MODULE = __name__


class TestConfigProvider(ConfigProvider):
    """Kafka's test provider: testPath has testKey, testPathWithTTL has a 1 ms TTL."""

    __test__ = False
    instances: ClassVar[list[TestConfigProvider]] = []

    def __init__(self) -> None:
        self.calls: list[tuple[str, frozenset[str] | None]] = []
        self.configs: dict[str, object] = {}
        self.closed = False
        TestConfigProvider.instances.append(self)

    def configure(self, configs: object) -> None:
        assert isinstance(configs, dict)
        self.configs = configs

    def get(self, path: str, keys: Collection[str] | None = None) -> ConfigData:
        self.calls.append((path, None if keys is None else frozenset(keys)))
        data: dict[str, str] = {}
        if path in ("testPath", "testPathWithTTL", ""):
            wanted = keys if keys is not None else ["testKey", "testKeyWithTTL"]
            for key in wanted:
                if key == "testKey":
                    data[key] = "testResult"
                elif key == "testKeyWithTTL":
                    data[key] = "testResultWithTTL"
                elif key == "testKeyWithBraces":
                    data[key] = "${test:testPath:testKey}"
        return ConfigData(data, 1 if path == "testPathWithTTL" else None)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def transformer() -> ConfigTransformer:
    return ConfigTransformer({"test": TestConfigProvider()})


def test_replace_variable(transformer: ConfigTransformer) -> None:
    """A reference with a path is replaced; no TTL is reported."""
    result = transformer.transform({"myKey": "${test:testPath:testKey}"})
    assert result.data() == {"myKey": "testResult"}
    assert result.ttls() == {}


def test_replace_variable_with_ttl(transformer: ConfigTransformer) -> None:
    """A provider's TTL is reported per path."""
    result = transformer.transform({"myKey": "${test:testPathWithTTL:testKeyWithTTL}"})
    assert result.data() == {"myKey": "testResultWithTTL"}
    assert result.ttls() == {"testPathWithTTL": 1}


def test_replace_multiple_variables_in_one_value(transformer: ConfigTransformer) -> None:
    """Several references in one value, with text around them, are all replaced."""
    result = transformer.transform(
        {"myKey": "${test:testPath:testKey}; ${test:testPathWithTTL:testKeyWithTTL}!"}
    )
    assert result.data() == {"myKey": "testResult; testResultWithTTL!"}


def test_unknown_provider_and_missing_key_are_left(transformer: ConfigTransformer) -> None:
    """A reference to an unknown provider or missing key stays as written."""
    configs = {
        "a": "${test:testPath:missingKey}",
        "b": "${other:testPath:testKey}",
        "c": "x ${other:p:k} ${test:testPath:testKey} y",
    }
    assert transformer.transform(configs).data() == {
        "a": "${test:testPath:missingKey}",
        "b": "${other:testPath:testKey}",
        "c": "x ${other:p:k} testResult y",
    }


def test_no_path(transformer: ConfigTransformer) -> None:
    """${provider:key} asks the provider with an empty path."""
    assert transformer.transform({"myKey": "${test:testKey}"}).data() == {"myKey": "testResult"}


def test_replacement_is_not_resolved_again(transformer: ConfigTransformer) -> None:
    """A value that itself looks like a reference is inserted as is (one pass only)."""
    result = transformer.transform({"myKey": "${test:testPath:testKeyWithBraces}"})
    assert result.data() == {"myKey": "${test:testPath:testKey}"}


def test_null_and_plain_values_pass_through(transformer: ConfigTransformer) -> None:
    """None values and values without references are returned unchanged."""
    assert transformer.transform({"a": None, "b": "plain", "c": "$not{a:ref}"}).data() == {
        "a": None,
        "b": "plain",
        "c": "$not{a:ref}",
    }


def test_provider_asked_once_per_path() -> None:
    """All keys referenced at one path are fetched with one get() call."""
    provider = TestConfigProvider()
    ConfigTransformer({"test": provider}).transform(
        {"a": "${test:testPath:testKey}", "b": "${test:testPath:testKeyWithTTL}", "c": "${test:x}"}
    )
    assert sorted(provider.calls, key=lambda c: c[0]) == [
        ("", frozenset({"x"})),
        ("testPath", frozenset({"testKey", "testKeyWithTTL"})),
    ]


def test_lazy_matching_splits_at_the_first_colons(transformer: ConfigTransformer) -> None:
    """The provider ends at the first ':', the path at the second; a reference cannot span
    lines (Java's '.' does not match line breaks)."""
    provider = TestConfigProvider()
    ConfigTransformer({"test": provider}).transform({"a": "${test:a:b:c}", "b": "${test:\nx}"})
    assert provider.calls == [("a", frozenset({"b:c"}))]


def test_file_provider_through_transformer(tmp_path: Path) -> None:
    """The documented example: ${file:<path>:fileKey} becomes the file's value."""
    file = tmp_path / "properties.txt"
    file.write_text("fileKey=someValue\n")
    provider = FileConfigProvider()
    provider.configure({})
    result = ConfigTransformer({"file": provider}).transform(
        {"someKey": f"${{file:{file}:fileKey}}"}
    )
    assert result.data() == {"someKey": "someValue"}


# ----------------------------------------------------------------- AbstractConfig's resolution


def test_resolve_config_variables_uses_the_configs_own_providers() -> None:
    """config.providers in a config resolve its own values; params reach configure()."""
    TestConfigProvider.instances.clear()
    props = {
        "config.providers": "test",
        "config.providers.test.class": f"{MODULE}.TestConfigProvider",
        "config.providers.test.param.testParam": "x",
        "sasl.password": "${test:testPath:testKey}",
        "count": 3,
    }
    resolved = resolve_config_variables(props)
    assert resolved["sasl.password"] == "testResult"
    assert resolved["count"] == 3
    assert resolved["config.providers.test.param.testParam"] == "x"
    [instance] = TestConfigProvider.instances
    assert instance.configs == {"testParam": "x"}
    assert instance.closed


def test_resolve_without_providers_is_a_copy() -> None:
    """Without config.providers, references stay and the result is a new dict."""
    props = {"a": "${test:testPath:testKey}"}
    resolved = resolve_config_variables(props)
    assert resolved == props and resolved is not props


def test_provider_names_without_class_are_skipped() -> None:
    """A name in config.providers without config.providers.<name>.class is ignored."""
    assert instantiate_config_providers({"config.providers": "nope, "}) == {}


def test_unloadable_provider_class_is_a_config_exception() -> None:
    """A class that cannot be found is refused naming the key."""
    with pytest.raises(ConfigException, match=r"config\.providers\.x\.class.*Could not load"):
        instantiate_config_providers(
            {"config.providers": "x", "config.providers.x.class": "no.such.Provider"}
        )


def test_non_provider_class_is_a_config_exception() -> None:
    """A class that is not a ConfigProvider is refused, and those created first are closed."""
    TestConfigProvider.instances.clear()
    with pytest.raises(ConfigException, match="not an instance of ConfigProvider"):
        instantiate_config_providers(
            {
                "config.providers": "ok,bad",
                "config.providers.ok.class": f"{MODULE}.TestConfigProvider",
                "config.providers.bad.class": "builtins.dict",
            }
        )
    assert [p.closed for p in TestConfigProvider.instances] == [True]
