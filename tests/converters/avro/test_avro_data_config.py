"""AvroDataConfig: Confluent's keys, types and defaults."""

from __future__ import annotations

import pytest

from connect_data.config import ConfigException
from converters.avro import AvroDataConfig


def test_defaults_are_javas() -> None:
    """Every key defaults as in Java's AvroDataConfig / AbstractDataConfig."""
    config = AvroDataConfig()
    assert config.is_connect_meta_data()
    assert config.is_flatten_singleton_union()
    assert not config.is_enhanced_avro_schema_support()
    assert not config.is_generalized_sum_type_support()
    assert not config.is_scrub_invalid_names()
    assert not config.is_discard_type_doc_default()
    assert not config.is_allow_optional_map_keys()
    assert not config.ignore_default_for_nullables()
    assert config.schema_cache_size() == 1000


def test_values_parse_from_strings_and_unknown_keys_are_ignored() -> None:
    """Properties-file strings parse; keys of other components pass through unread."""
    config = AvroDataConfig(
        {
            "enhanced.avro.schema.support": "true",
            "schemas.cache.config": "5",
            "schema.registry.url": "mock://x",
        }
    )
    assert config.is_enhanced_avro_schema_support()
    assert config.schema_cache_size() == 5


def test_cache_size_is_at_least_one() -> None:
    """schemas.cache.config below 1 means 1, as Java's Math.max(1, size)."""
    assert AvroDataConfig({"schemas.cache.config": -3}).schema_cache_size() == 1


def test_bad_values_are_config_exceptions() -> None:
    """A value that does not parse as its type is a ConfigException."""
    with pytest.raises(ConfigException):
        AvroDataConfig({"connect.meta.data": "maybe"})


def test_builder_sets_keys() -> None:
    """Java's Builder: with_(key, value) ... build()."""
    config = AvroDataConfig.Builder().with_("scrub.invalid.names", True).build()
    assert config.is_scrub_invalid_names()
    keys = AvroDataConfig.base_config_def().names()
    assert "generalized.sum.type.support" in keys and "flatten.singleton.unions" in keys
