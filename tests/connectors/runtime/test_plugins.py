"""Tests of connectors.runtime.plugins: the worker's lookup with plugin.path scanning."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from connect_data import SchemaAndValue
from connect_data.config import ConfigException
from connectors import SinkConnector, SourceConnector
from connectors.runtime.plugins import Plugins, PluginType
from converters.converter import Converter

PLUGIN_MODULE = """
from collections.abc import Mapping
from connectors import ConfigDef, SourceConnector


class QuietSourceConnector(SourceConnector):
    def version(self) -> str:
        return "9.9"

    def start(self, props: Mapping[str, str]) -> None: ...
    def task_class(self): raise NotImplementedError
    def task_configs(self, max_tasks: int): return []
    def stop(self) -> None: ...
    def config(self) -> ConfigDef: return ConfigDef()
"""


@pytest.fixture
def plugin_dir(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "quiet_plugin_mod.py").write_text(textwrap.dedent(PLUGIN_MODULE))
    saved = list(sys.path)
    yield tmp_path
    sys.path[:] = saved
    sys.modules.pop("quiet_plugin_mod", None)


def test_plugin_path_classes_resolve_by_alias(plugin_dir: Path) -> None:
    """A connector in a plugin.path module is found by its simple and suffix-less names."""
    plugins = Plugins([str(plugin_dir)])
    cls = plugins.plugin_class("QuietSource", SourceConnector, "Connector")
    assert cls.__name__ == "QuietSourceConnector"
    assert plugins.resolve("QuietSourceConnector") is cls
    listed = {d.class_name: d for d in plugins.discover(PluginType.SOURCE)}
    assert listed["quiet_plugin_mod.QuietSourceConnector"].version == "9.9"


def test_java_names_resolve() -> None:
    """Kafka's class names of the stock converters resolve."""
    cls = Plugins().plugin_class(
        "org.apache.kafka.connect.storage.StringConverter", Converter, "Converter"
    )
    assert cls.__name__ == "StringConverter"


def test_wrong_kind_is_a_config_error() -> None:
    """A class that is not of the expected kind is refused, naming both."""
    with pytest.raises(
        ConfigException, match=r"is not a subclass of connectors\.sink\.SinkConnector"
    ):
        Plugins().plugin_class(
            "tests.connectors.testplugins.CounterSourceConnector", SinkConnector, "Connector"
        )


def test_unknown_names_are_config_errors() -> None:
    """A name that resolves to nothing raises ConfigException naming it."""
    with pytest.raises(ConfigException, match="NoSuchConnector"):
        Plugins().plugin_class("NoSuchConnector", SourceConnector, "Connector")


class _Recording(Converter):
    def __init__(self) -> None:
        self.seen: tuple[dict[str, object], bool] | None = None

    def configure(self, configs: Mapping[str, object], is_key: bool) -> None:
        self.seen = (dict(configs), is_key)

    def from_connect_data(self, *args: object) -> bytes | None:
        return None

    def to_connect_data(self, *args: object) -> SchemaAndValue:
        return SchemaAndValue.NULL


def test_new_converter_sets_the_converter_type() -> None:
    """new_converter configures with converter.type key/value, over a given one (as Java)."""
    converter = Plugins().new_converter(_Recording, {"a": "1", "converter.type": "header"}, True)
    assert isinstance(converter, _Recording)
    assert converter.seen == ({"a": "1", "converter.type": "key"}, True)


def test_new_header_converter_resolves_names() -> None:
    """new_header_converter resolves a Java name and rejects a class that is not one."""
    plugins = Plugins()
    converter = plugins.new_header_converter(
        "org.apache.kafka.connect.storage.SimpleHeaderConverter", {}
    )
    assert type(converter).__name__ == "SimpleHeaderConverter"
    with pytest.raises(ConfigException, match="is not a HeaderConverter"):
        plugins.new_header_converter(_Recording, {})  # type: ignore[arg-type]
