"""Plugin lookup: Java names, Python paths, Kafka-style aliases, entry points, listing."""

from __future__ import annotations

import textwrap
import uuid
from pathlib import Path
from typing import Any

import pytest

from connect_data.config import ConfigDef, ConfigException, class_resolver_context
from converters import plugins
from converters.converter import Converter, HeaderConverter
from converters.plugins import PluginNotFoundError, PluginRegistry, PluginType
from converters.primitives import ByteArrayConverter, IntegerConverter
from converters.string import StringConverter
from converters.version import connectpy_version

CONVERTER_MODULE = """
from converters.converter import Converter


class {name}(Converter):
    def configure(self, configs, is_key):
        pass

    def from_connect_data(self, topic, schema, value, headers=None):
        return b"x"

    def to_connect_data(self, topic, data, headers=None):
        return None

    def version(self):
        return "9.9"

    class Nested(Converter):
        def configure(self, configs, is_key):
            pass

        def from_connect_data(self, topic, schema, value, headers=None):
            return b"y"

        def to_connect_data(self, topic, data, headers=None):
            return None
"""


def write_module(root: Path, class_name: str = "MyConverter") -> str:
    """Write a uniquely named package with a converter class under ``root``; its module name."""
    package = f"plugpkg_{uuid.uuid4().hex[:12]}"
    (root / package).mkdir(parents=True)
    (root / package / "__init__.py").write_text("")
    (root / package / "mod.py").write_text(CONVERTER_MODULE.format(name=class_name))
    return f"{package}.mod"


def write_dist(root: Path, entry_points: dict[str, str]) -> None:
    """Write a minimal installed distribution whose entry points are ``entry_points``."""
    name = f"plugdist_{uuid.uuid4().hex[:8]}"
    dist = root / f"{name}-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    lines = "\n".join(f"{name} = {value}" for name, value in entry_points.items())
    (dist / "entry_points.txt").write_text(f"[{plugins.ENTRY_POINT_GROUP}]\n{lines}\n")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory on sys.path for modules and distributions written by a test."""
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    return root


# ----------------------------------------------------------------- Java class names

KAFKA_NAMES = {
    "org.apache.kafka.connect.storage.StringConverter": StringConverter,
    "org.apache.kafka.connect.converters.ByteArrayConverter": ByteArrayConverter,
    "org.apache.kafka.connect.converters.IntegerConverter": IntegerConverter,
}


@pytest.mark.parametrize(("name", "cls"), list(KAFKA_NAMES.items()))
def test_java_class_names_resolve_to_connectpy_classes(name: str, cls: type) -> None:
    """The Kafka class names users have in configs resolve to the connectpy classes."""
    assert PluginRegistry().plugin_class(name) is cls
    assert plugins.plugin_class(name) is cls


def test_every_builtin_java_name_maps_to_a_connectpy_path() -> None:
    """The built-in table covers Kafka's and Confluent's converters, file connectors and SMTs."""
    table = dict(plugins._builtin_table())
    assert table["org.apache.kafka.connect.json.JsonConverter"] == "converters.json.JsonConverter"
    assert table["io.confluent.connect.avro.AvroConverter"] == "converters.avro.AvroConverter"
    assert table["org.apache.kafka.connect.file.FileStreamSourceConnector"] == (
        "connectors.file.FileStreamSourceConnector"
    )
    assert "org.apache.kafka.connect.storage.SimpleHeaderConverter" in table
    assert "org.apache.kafka.connect.transforms.InsertField$Value" in table
    assert table["com.example.connect.HttpPollSourceConnector"] == (
        "connectors.http.HttpPollSourceConnector"
    )


def test_every_builtin_java_name_loads() -> None:
    """Every Java name in the built-in table resolves to a class that exists."""
    registry = PluginRegistry()
    for java_name, _path in plugins._builtin_table():
        assert isinstance(registry.plugin_class(java_name), type), java_name


def test_names_are_trimmed() -> None:
    """Surrounding whitespace, as in a properties file, is ignored."""
    assert PluginRegistry().plugin_class("  StringConverter ") is StringConverter


# ----------------------------------------------------------------- Python paths


@pytest.mark.parametrize(
    "name",
    ["converters.string.StringConverter", "converters.string:StringConverter"],
)
def test_python_paths_resolve(name: str) -> None:
    """A dotted path or module:Class path of a class resolves to it."""
    assert PluginRegistry().plugin_class(name) is StringConverter


def test_python_path_of_a_module_on_sys_path(site: Path) -> None:
    """A class in a module written to a sys.path directory resolves by its dotted path."""
    module = write_module(site)
    registry = PluginRegistry()
    cls = registry.plugin_class(f"{module}.MyConverter")
    assert cls.__name__ == "MyConverter"
    assert registry.plugin_types(cls) == [PluginType.CONVERTER]
    assert registry.new_plugin(f"{module}:MyConverter").from_connect_data("t", None, 1) == b"x"


def test_java_nested_class_separator_is_accepted(site: Path) -> None:
    """``Outer$Inner`` is read as the nested class ``Outer.Inner``."""
    module = write_module(site)
    cls = PluginRegistry().plugin_class(f"{module}.MyConverter$Nested")
    assert cls.__qualname__ == "MyConverter.Nested"


def test_module_that_fails_to_import_is_reported(site: Path) -> None:
    """A module that raises on import gives PluginNotFoundError naming the failure."""
    (site / "broken_plugin_mod.py").write_text("raise RuntimeError('boom')\n")
    with pytest.raises(PluginNotFoundError, match="could not be loaded: RuntimeError: boom"):
        PluginRegistry().plugin_class("broken_plugin_mod.Thing")


# ----------------------------------------------------------------- aliases


@pytest.mark.parametrize(
    ("alias", "cls"),
    [
        ("StringConverter", StringConverter),
        ("String", StringConverter),
        ("ByteArrayConverter", ByteArrayConverter),
        ("ByteArray", ByteArrayConverter),
        ("Integer", IntegerConverter),
    ],
)
def test_short_aliases_resolve(alias: str, cls: type) -> None:
    """The simple class name and the name without the kind suffix resolve, as in Kafka."""
    assert PluginRegistry().plugin_class(alias) is cls


def test_connector_alias_drops_connector_suffix(site: Path) -> None:
    """A source connector is found by its simple name and without the ``Connector`` suffix."""
    package = f"connpkg_{uuid.uuid4().hex[:10]}"
    (site / f"{package}.py").write_text(
        textwrap.dedent(
            """
            from connectors import SourceConnector

            class FileLikeSourceConnector(SourceConnector):
                pass
            """
        )
    )
    registry = PluginRegistry(builtins=False)
    registry.register(f"{package}.FileLikeSourceConnector", "org.example.FileLikeSourceConnector")
    cls = registry.plugin_class("FileLikeSource")
    assert cls is registry.plugin_class("FileLikeSourceConnector")
    assert cls is registry.plugin_class("org.example.FileLikeSourceConnector")
    assert registry.plugin_types(cls) == [PluginType.SOURCE]
    (desc,) = registry.list_plugins("source")
    assert desc.java_name == "org.example.FileLikeSourceConnector"
    assert desc.version == "undefined"  # abstract: cannot be instantiated for a version


def test_ambiguous_aliases_are_not_used(site: Path) -> None:
    """A simple name shared by two known plugins is no alias; the full names still work."""
    first, second = write_module(site, "Twin"), write_module(site, "Twin")
    registry = PluginRegistry(builtins=False)
    registry.register(f"{first}.Twin")
    registry.register(f"{second}.Twin")
    with pytest.raises(PluginNotFoundError):
        registry.plugin_class("Twin")
    assert registry.plugin_class(f"{second}.Twin").__module__ == second


def test_registered_names_resolve(site: Path) -> None:
    """register() makes a class known under extra names, and lists it."""
    module = write_module(site, "Registered")
    registry = PluginRegistry(builtins=False)
    registry.register(f"{module}.Registered", "com.example.RegisteredConverter", "Reg")
    cls = registry.plugin_class("Reg")
    assert registry.plugin_class("com.example.RegisteredConverter") is cls
    (desc,) = registry.list_plugins(PluginType.CONVERTER)
    assert desc.java_name == "com.example.RegisteredConverter"
    assert "Reg" in desc.aliases and "Registered" in desc.aliases
    assert desc.version == "9.9"


def test_register_accepts_a_class() -> None:
    """A class object can be registered directly."""
    registry = PluginRegistry(builtins=False)
    registry.register(StringConverter, "MyString")
    assert registry.plugin_class("MyString") is StringConverter


# ----------------------------------------------------------------- entry points


def test_entry_point_plugins_resolve_and_are_listed(site: Path) -> None:
    """An entry point of group connectpy.plugins is found by its name and listed."""
    module = write_module(site, "EntryConverter")
    write_dist(site, {"EntryAlias": f"{module}:EntryConverter"})
    registry = PluginRegistry()
    cls = registry.plugin_class("EntryAlias")
    assert cls.__name__ == "EntryConverter"
    assert registry.plugin_class("Entry") is cls  # computed alias of an entry-point plugin
    listed = {d.class_name: d for d in registry.list_plugins(PluginType.CONVERTER)}
    desc = listed[f"{module}.EntryConverter"]
    assert "EntryAlias" in desc.aliases
    assert desc.version == "9.9"
    assert desc.as_dict() == {
        "class": f"{module}.EntryConverter",
        "type": "converter",
        "version": "9.9",
    }


def test_broken_entry_point_is_reported_and_skipped_in_listing(site: Path) -> None:
    """An entry point whose module is missing fails lookup clearly and is left out of lists."""
    write_dist(site, {"Ghost": "no_such_plugin_module_xyz:Ghost"})
    registry = PluginRegistry()
    with pytest.raises(PluginNotFoundError, match="entry point no_such_plugin_module_xyz:Ghost"):
        registry.plugin_class("Ghost")
    assert all("Ghost" not in d.aliases for d in registry.list_plugins())


def test_refresh_reads_new_entry_points(site: Path) -> None:
    """Entry points installed after the first lookup are seen after refresh()."""
    registry = PluginRegistry()
    with pytest.raises(PluginNotFoundError):
        registry.plugin_class("LateAlias")
    module = write_module(site, "LateConverter")
    write_dist(site, {"LateAlias": f"{module}:LateConverter"})
    registry.refresh()
    assert registry.plugin_class("LateAlias").__name__ == "LateConverter"


# ----------------------------------------------------------------- errors


def test_unknown_name_lists_close_matches() -> None:
    """A misspelt name raises PluginNotFoundError (a ConfigException) suggesting the right one."""
    with pytest.raises(PluginNotFoundError) as info:
        PluginRegistry().plugin_class("StringConvertr")
    assert isinstance(info.value, ConfigException)
    assert isinstance(info.value, LookupError)
    assert "Class StringConvertr could not be found." in str(info.value)
    assert info.value.suggestions[0] == "StringConverter"


def test_misspelt_java_name_suggests_the_java_name() -> None:
    """A misspelt Java class name suggests the right Java class name."""
    with pytest.raises(PluginNotFoundError) as info:
        PluginRegistry().plugin_class("org.apache.kafka.connect.storage.StringConvertor")
    assert "org.apache.kafka.connect.storage.StringConverter" in info.value.suggestions


def test_wrong_kind_is_rejected() -> None:
    """Asking for a kind the class is not raises ConfigException naming the kind."""
    with pytest.raises(PluginNotFoundError, match="is not a source connector"):
        PluginRegistry().plugin_class("StringConverter", PluginType.SOURCE)
    assert PluginRegistry().plugin_class("String", PluginType.HEADER_CONVERTER) is StringConverter


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_name_is_rejected(name: str) -> None:
    """An empty name raises PluginNotFoundError."""
    with pytest.raises(PluginNotFoundError):
        PluginRegistry().plugin_class(name)


def test_unavailable_builtin_is_reported_as_not_loadable() -> None:
    """A registered name whose module is not there names the Python class it expected."""
    registry = PluginRegistry(builtins=False)
    registry.register("converters.no_such_module.Thing", "org.example.Thing")
    with pytest.raises(
        PluginNotFoundError, match=r"Python class converters\.no_such_module\.Thing"
    ):
        registry.plugin_class("org.example.Thing")


# ----------------------------------------------------------------- listing and kinds


def test_list_plugins_by_kind() -> None:
    """Converters are listed as converters and header converters, with connectpy's version."""
    registry = PluginRegistry()
    converters = {d.class_name: d for d in registry.list_plugins(PluginType.CONVERTER)}
    headers = {d.class_name for d in registry.list_plugins("header_converter")}
    string = converters["converters.string.StringConverter"]
    assert string.java_name == "org.apache.kafka.connect.storage.StringConverter"
    assert string.version == connectpy_version()
    assert string.as_dict()["class"] == "org.apache.kafka.connect.storage.StringConverter"
    assert "converters.string.StringConverter" in headers
    assert "converters.primitives.LongConverter" in headers
    assert registry.list_plugins(PluginType.SOURCE) == [] or all(
        d.type is PluginType.SOURCE for d in registry.list_plugins(PluginType.SOURCE)
    )


def test_list_plugins_without_kind_lists_each_kind() -> None:
    """Without a kind, a converter that is also a header converter appears once per kind."""
    kinds = [
        d.type
        for d in plugins.list_plugins()
        if d.class_name == "converters.primitives.BooleanConverter"
    ]
    assert sorted(k.value for k in kinds) == ["converter", "header_converter"]


def test_register_plugin_type_adds_a_kind_base() -> None:
    """Subclasses of a base registered for a kind count as plugins of that kind."""

    class Base:
        pass

    class ThingBase(Base):
        pass

    registry = PluginRegistry(builtins=False)
    assert registry.plugin_types(ThingBase) == [PluginType.UNKNOWN]
    registry.register_plugin_type(PluginType.TRANSFORMATION, Base)
    registry.register(ThingBase)
    assert registry.plugin_types(ThingBase) == [PluginType.TRANSFORMATION]
    # Kafka prunes a non-connector's simple name by its kind's base class name
    assert registry.plugin_class("Thing") is ThingBase


def test_new_plugin_instantiates() -> None:
    """new_plugin returns a fresh instance of the named class."""
    first = plugins.new_plugin("StringConverter", PluginType.CONVERTER)
    assert isinstance(first, StringConverter)
    assert first is not plugins.new_plugin("StringConverter")
    assert isinstance(first, Converter) and isinstance(first, HeaderConverter)


# ----------------------------------------------------------------- ConfigDef integration


def test_config_def_class_values_resolve_through_the_registry() -> None:
    """With the registry as class resolver, CLASS settings accept Java names and aliases."""
    definition = ConfigDef().define(
        "value.converter", ConfigDef.Type.CLASS, importance=ConfigDef.Importance.HIGH
    )
    registry = PluginRegistry()
    with class_resolver_context(registry.load):
        for name in ["org.apache.kafka.connect.storage.StringConverter", "String"]:
            parsed: dict[str, Any] = definition.parse({"value.converter": name})
            assert parsed["value.converter"] is StringConverter
        with pytest.raises(ConfigException, match="Class Nope could not be found"):
            definition.parse({"value.converter": "Nope"})


def test_abstract_smt_java_names_resolve_but_are_not_listed() -> None:
    """InsertField (no $Key/$Value) resolves to the abstract class, which is not listed."""
    from connectors.transforms import InsertField

    registry = PluginRegistry()
    assert registry.plugin_class("org.apache.kafka.connect.transforms.InsertField") is InsertField
    listed = {d.class_name for d in registry.list_plugins("transformation")}
    assert "connectors.transforms.insert_field.InsertField" not in listed
    assert "connectors.transforms.insert_field.InsertField.Value" in listed


def test_java_name_is_the_reverse_lookup() -> None:
    """java_name gives the Java class a plugin class is registered under, None for others."""
    from connectors.transforms import InsertField
    from converters.json import JsonConverter

    registry = PluginRegistry()
    assert registry.java_name(JsonConverter) == "org.apache.kafka.connect.json.JsonConverter"
    assert registry.java_name(StringConverter) == (
        "org.apache.kafka.connect.storage.StringConverter"
    )
    assert registry.java_name(InsertField.Value) == (
        "org.apache.kafka.connect.transforms.InsertField$Value"
    )
    assert registry.java_name(PluginRegistry) is None
