"""make_converter and friends: converters created and configured as a worker does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from connect_data import Schema
from connect_data.config import ConfigException
from connectors.testing import make_converter, make_header_converter
from connectors.testing.converters import converter_from_config, header_converter_from_config
from converters import JsonConverter, SimpleHeaderConverter, StringConverter


@pytest.mark.parametrize(
    "name", ["JsonConverter", "org.apache.kafka.connect.json.JsonConverter", JsonConverter]
)
def test_resolved_by_any_worker_name(name: str | type) -> None:
    """Aliases, Java class names and classes all give a configured converter."""
    converter = make_converter(name, {"schemas.enable": "false"})
    assert isinstance(converter, JsonConverter)
    assert converter.from_connect_data("t", Schema.STRING_SCHEMA, "x") == b'"x"'


class _Recording(StringConverter):
    def configure(self, configs: Mapping[str, Any], is_key: bool | None = None) -> None:
        super().configure(configs, is_key)
        self.seen = (dict(configs), is_key)


def test_converters_are_configured_with_their_role() -> None:
    """is_key and converter.type reach configure(), with the given settings."""
    key = make_converter(_Recording, {"a": "1"}, is_key=True)
    value = make_converter(_Recording)
    assert isinstance(key, _Recording) and isinstance(value, _Recording)
    assert key.seen == ({"a": "1", "converter.type": "key"}, True)
    assert value.seen == ({"converter.type": "value"}, False)


def test_unknown_converter_is_a_config_error() -> None:
    """An unknown name raises ConfigException naming it."""
    with pytest.raises(ConfigException, match="NoSuchConverter"):
        make_converter("NoSuchConverter")


def test_from_config_reads_prefixed_settings() -> None:
    """value.converter and its value.converter.* settings, as the worker reads them."""
    config = {
        "value.converter": "JsonConverter",
        "value.converter.schemas.enable": "false",
        "key.converter.schemas.enable": "true",
    }
    converter = converter_from_config(config, "value.converter", is_key=False)
    assert converter.from_connect_data("t", Schema.INT32_SCHEMA, 5) == b"5"


def test_from_config_defaults_to_json_with_schemas() -> None:
    """Without value.converter the harness default is JsonConverter with schemas."""
    converter = converter_from_config({}, "value.converter", is_key=False)
    assert converter.from_connect_data("t", Schema.INT32_SCHEMA, 5) == (
        b'{"schema":{"type":"int32","optional":false},"payload":5}'
    )


def test_header_converters() -> None:
    """The default header converter is SimpleHeaderConverter."""
    assert isinstance(header_converter_from_config({}), SimpleHeaderConverter)
    converter = make_header_converter()
    assert converter.from_connect_header("t", "h", Schema.STRING_SCHEMA, "v") == b"v"
