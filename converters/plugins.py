"""Finding plugin classes by the names users write in configs (Kafka Connect's plugin lookup).

A worker or connector config names its plugins as Kafka Connect users already do::

    value.converter=org.apache.kafka.connect.json.JsonConverter
    key.converter=StringConverter
    connector.class=FileStreamSource
    header.converter=mypkg.headers.MyHeaderConverter

:func:`plugin_class` resolves such a name, in this order:

1. a Kafka or Confluent Java class name connectpy implements
   (``org.apache.kafka.connect.storage.StringConverter``,
   ``io.confluent.connect.avro.AvroConverter``, ...) or a name registered with :func:`register`;
2. the name of an entry point in the group ``connectpy.plugins`` of an installed distribution
   (entry point name = the alias, value = ``module:Class``), how third-party packages publish
   their plugins;
3. a Python path (``mypkg.mod.MyConverter``, ``mypkg.mod:MyConverter``; a Java nested-class
   ``$`` is read as ``.``), importable from ``sys.path``;
4. a short alias computed as Kafka computes plugin aliases: the simple class name
   (``JsonConverter``) and the name without its kind's suffix (``Json``, ``FileStreamSource``),
   both only while they name exactly one known plugin.

An unknown name raises :class:`PluginNotFoundError` (a :class:`ConfigException`) listing the
known names closest to it. :func:`list_plugins` lists the known plugins (what a future
``connectpy plugins`` command and ``GET /connector-plugins`` show); :func:`install_class_resolver`
makes ``ConfigDef.Type.CLASS`` settings resolve through the same rules.
"""

from __future__ import annotations

import builtins
import difflib
import enum
import importlib
import inspect
import logging
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, Final

from connect_data.config import ConfigException, load_class, set_class_resolver

__all__ = [
    "ENTRY_POINT_GROUP",
    "PluginDesc",
    "PluginNotFoundError",
    "PluginRegistry",
    "PluginType",
    "default_registry",
    "install_class_resolver",
    "list_plugins",
    "new_plugin",
    "plugin_class",
    "register",
    "register_plugin_type",
]

_log = logging.getLogger(__name__)

ENTRY_POINT_GROUP: Final = "connectpy.plugins"
"""The entry-point group third-party distributions publish their plugins in."""

UNDEFINED_VERSION: Final = "undefined"


class PluginType(enum.Enum):
    """The kinds of plugin, spelled as Kafka Connect's REST API spells them."""

    SOURCE = "source"
    SINK = "sink"
    CONVERTER = "converter"
    HEADER_CONVERTER = "header_converter"
    TRANSFORMATION = "transformation"
    PREDICATE = "predicate"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return self.value


# The base class of each kind, as a lazily imported path: connectors sits above converters.
_KIND_BASES: Final[dict[PluginType, str]] = {
    PluginType.SOURCE: "connectors:SourceConnector",
    PluginType.SINK: "connectors:SinkConnector",
    PluginType.CONVERTER: "converters.converter:Converter",
    PluginType.HEADER_CONVERTER: "converters.converter:HeaderConverter",
    PluginType.TRANSFORMATION: "connectors:Transformation",
    PluginType.PREDICATE: "connectors:Predicate",
}


def _stock_transformations() -> Iterator[tuple[str, str]]:
    """Kafka's stock SMTs and predicates, at ``connectors.transforms.<Name>[.Key|.Value]``."""
    java = "org.apache.kafka.connect.transforms"
    keyed = [
        "Cast",
        "ExtractField",
        "Flatten",
        "HeaderFrom",
        "HoistField",
        "InsertField",
        "MaskField",
        "ReplaceField",
        "SetSchemaMetadata",
        "TimestampConverter",
    ]
    for name in keyed:
        for part in ("Key", "Value"):
            yield f"{java}.{name}${part}", f"connectors.transforms.{name}.{part}"
        # the abstract outer class, so that naming it gets Kafka's "Did you mean ...$Key,
        # ...$Value?" instead of "not found"
        yield f"{java}.{name}", f"connectors.transforms.{name}"
    for name in ["DropHeaders", "Filter", "InsertHeader", "RegexRouter", "TimestampRouter"]:
        yield f"{java}.{name}", f"connectors.transforms.{name}"
    yield f"{java}.ValueToKey", "connectors.transforms.ValueToKey"
    for name in ["HasHeaderKey", "RecordIsTombstone", "TopicNameMatches"]:
        yield f"{java}.predicates.{name}", f"connectors.transforms.{name}"


def _builtin_table() -> list[tuple[str, str]]:
    """Java class name -> Python path of every Kafka/Confluent class connectpy implements."""
    kafka = "org.apache.kafka.connect"
    primitives = ["ByteArray", "Boolean", "Short", "Integer", "Long", "Float", "Double"]
    return [
        (f"{kafka}.json.JsonConverter", "converters.json.JsonConverter"),
        (f"{kafka}.storage.StringConverter", "converters.string.StringConverter"),
        (f"{kafka}.storage.SimpleHeaderConverter", "converters.header.SimpleHeaderConverter"),
        *(
            (f"{kafka}.converters.{name}Converter", f"converters.primitives.{name}Converter")
            for name in primitives
        ),
        ("io.confluent.connect.avro.AvroConverter", "converters.avro.AvroConverter"),
        (f"{kafka}.file.FileStreamSourceConnector", "connectors.file.FileStreamSourceConnector"),
        (f"{kafka}.file.FileStreamSinkConnector", "connectors.file.FileStreamSinkConnector"),
        # The HTTP polling source answers to the class name of the Java connector it replaces,
        # so existing worker configs run unchanged.
        ("com.example.connect.HttpPollSourceConnector", "connectors.http.HttpPollSourceConnector"),
        *_stock_transformations(),
        *(
            (f"org.apache.kafka.common.config.provider.{name}", f"connect_data.config.{name}")
            for name in ("FileConfigProvider", "DirectoryConfigProvider", "EnvVarConfigProvider")
        ),
    ]


class PluginNotFoundError(ConfigException, LookupError):
    """No plugin class of that name; the message lists the closest known names."""

    def __init__(self, name: str, message: str, suggestions: Iterable[str] = ()) -> None:
        self.plugin_name = name
        self.suggestions = list(suggestions)
        text = message
        if self.suggestions:
            text += f" Did you mean: {', '.join(self.suggestions)}?"
        super().__init__(text)


@dataclass(frozen=True)
class PluginDesc:
    """One known plugin of one kind: what ``connectpy plugins`` and the REST API list."""

    class_name: str
    """The class's Python path (``converters.string.StringConverter``)."""
    type: PluginType
    version: str
    """The plugin's ``version()``, or ``"undefined"`` if it has none."""
    java_name: str | None = None
    """The Kafka/Confluent class name it implements, if any."""
    aliases: tuple[str, ...] = ()
    """Every other name it can be found by (entry point names, short aliases)."""
    plugin_class: builtins.type | None = field(default=None, compare=False, repr=False)

    def as_dict(self) -> dict[str, str]:
        """Kafka's ``GET /connector-plugins`` shape: ``{"class": ..., "type": ..., "version": ...}``.

        ``class`` is the Java class name where there is one, so existing tooling recognises it.
        """
        return {
            "class": self.java_name or self.class_name,
            "type": self.type.value,
            "version": self.version,
        }


def _is_variant_holder(cls: type) -> bool:
    """An abstract class whose concrete variants are nested in it (``InsertField`` with
    ``InsertField.Key`` and ``InsertField.Value``): Kafka does not list those."""
    return inspect.isabstract(cls) and any(
        isinstance(member, type) and member is not cls and issubclass(member, cls)
        for member in vars(cls).values()
    )


def _python_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _load_path(path: str) -> type:
    """Load ``pkg.mod.Class`` / ``pkg.mod:Class`` (``$`` read as ``.``); raises LookupError."""
    return load_class(path.replace("$", "."))


class PluginRegistry:
    """The names and classes of plugins; :func:`default_registry` is the process-wide one.

    Thread-safe. Java names and registered aliases are fixed data; entry points are read on
    first use (and again after :meth:`refresh`).
    """

    def __init__(self, *, builtins: bool = True, entry_points: bool = True) -> None:
        self._lock = threading.RLock()
        self._names: dict[str, str | type] = {}
        self._java_names: set[str] = set()
        self._bases: dict[PluginType, list[type]] = {}
        self._kind_bases: dict[PluginType, list[str | type]] = {
            kind: [base] for kind, base in _KIND_BASES.items()
        }
        self._use_entry_points = entry_points
        self._entry_points: dict[str, metadata.EntryPoint] | None = None
        self._computed: dict[str, type] | None = None
        self._resolved: dict[str, type] = {}
        if builtins:
            for java_name, path in _builtin_table():
                self.register(path, java_name)

    # ------------------------------------------------------------------ registration

    def register(self, target: str | type, *names: str) -> None:
        """Make ``target`` (a class or its Python path) a known plugin, found by ``names`` too.

        ``names`` are Java class names or aliases; a name registered again points to the new
        target. A Java-looking name (with a ``.``) is listed as the plugin's ``java_name``.
        """
        with self._lock:
            key = target if isinstance(target, str) else _python_name(target)
            self._names.setdefault(key, target)
            for name in names:
                self._names[name] = target
                if "." in name:
                    self._java_names.add(name)
            self._invalidate()

    def register_plugin_type(self, kind: PluginType, base: str | type) -> None:
        """Count subclasses of ``base`` (a class or its Python path) as plugins of ``kind``."""
        with self._lock:
            self._kind_bases[kind].append(base)
            self._bases.clear()
            self._invalidate()

    def refresh(self) -> None:
        """Forget the entry points read and the aliases computed, so they are read again."""
        with self._lock:
            importlib.invalidate_caches()
            self._entry_points = None
            self._invalidate()

    def _invalidate(self) -> None:
        self._computed = None
        self._resolved.clear()

    # ------------------------------------------------------------------ lookup

    def plugin_class(self, name: str, kind: PluginType | None = None) -> type:
        """The class ``name`` refers to (see the module doc for the rules).

        With ``kind``, the class must also be a plugin of that kind. Raises
        :class:`PluginNotFoundError` (a :class:`ConfigException` and a :class:`LookupError`).
        """
        if not isinstance(name, str) or not name.strip():
            raise PluginNotFoundError(str(name), f"Class {name!r} could not be found.")
        name = name.strip()
        cls = self._resolved.get(name)
        if cls is None:
            cls = self._find(name)
            self._resolved[name] = cls
        if kind is not None and kind not in self.plugin_types(cls):
            raise PluginNotFoundError(
                name,
                f"Class {name} ({_python_name(cls)}) is not a {_KIND_TEXT[kind]}.",
                self._suggest(name, kind),
            )
        return cls

    def java_name(self, cls: type) -> str | None:
        """The Java class name ``cls`` is registered under (the Kafka class it ports), or None.

        Error reports and ``GET /connector-plugins`` show this name, so tools that know Kafka's
        classes recognise connectpy's.
        """
        tails = ("." + cls.__qualname__, "." + cls.__name__)
        with self._lock:
            named = [(n, t) for n, t in self._names.items() if n in self._java_names]
        for name, target in named:
            if target is cls:
                return name
            if isinstance(target, str) and target.endswith(tails):
                try:
                    if self.plugin_class(name) is cls:
                        return name
                except Exception:  # a registered plugin that cannot load here is not ``cls``
                    continue
        return None

    def new_plugin(self, name: str, kind: PluginType | None = None) -> Any:
        """A new instance of :meth:`plugin_class` ``(name, kind)``, made with no arguments."""
        cls = self.plugin_class(name, kind)
        try:
            return cls()
        except Exception as exc:
            raise ConfigException(
                f"Could not instantiate class {_python_name(cls)}: {type(exc).__name__}: {exc}"
            ) from exc

    def load(self, name: str) -> type:
        """:meth:`plugin_class` without a kind: usable as a ``ConfigDef`` class resolver."""
        return self.plugin_class(name)

    def _find(self, name: str) -> type:
        target = self._names.get(name)
        if target is not None:
            return self._materialize(name, target)
        entry = self._entry_point_map().get(name)
        if entry is not None:
            return self._load_entry_point(name, entry)
        if "." in name or ":" in name:
            try:
                return _load_path(name)
            except LookupError:
                pass
            except Exception as exc:
                raise PluginNotFoundError(
                    name, f"Class {name} could not be loaded: {type(exc).__name__}: {exc}"
                ) from exc
        computed = self._aliases().get(name)
        if computed is not None:
            return computed
        raise PluginNotFoundError(name, f"Class {name} could not be found.", self._suggest(name))

    def _materialize(self, name: str, target: str | type) -> type:
        if isinstance(target, type):
            return target
        try:
            return _load_path(target)
        except Exception as exc:
            raise PluginNotFoundError(
                name,
                f"Class {name} (Python class {target}) could not be loaded:"
                f" {type(exc).__name__}: {exc}",
            ) from exc

    def _load_entry_point(self, name: str, entry: metadata.EntryPoint) -> type:
        try:
            loaded = entry.load()
        except Exception as exc:
            raise PluginNotFoundError(
                name,
                f"Class {name} (entry point {entry.value} of {ENTRY_POINT_GROUP}) could not be"
                f" loaded: {type(exc).__name__}: {exc}",
            ) from exc
        if not isinstance(loaded, type):
            raise PluginNotFoundError(
                name, f"Entry point {name} = {entry.value} of {ENTRY_POINT_GROUP} is not a class."
            )
        return loaded

    def _entry_point_map(self) -> dict[str, metadata.EntryPoint]:
        if not self._use_entry_points:
            return {}
        with self._lock:
            if self._entry_points is None:
                found: dict[str, metadata.EntryPoint] = {}
                for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
                    found.setdefault(entry.name, entry)
                self._entry_points = found
            return self._entry_points

    # ------------------------------------------------------------------ known plugins

    def _known_classes(self) -> dict[type, set[str]]:
        """Every loadable known plugin class, with the explicit names it is known by."""
        classes: dict[type, set[str]] = {}
        for name, target in list(self._names.items()):
            try:
                cls = self._materialize(name, target)
            except PluginNotFoundError:
                _log.debug("plugin %s (%s) is not available", name, target)
                continue
            names = classes.setdefault(cls, set())
            if name != target:
                names.add(name)
        for name, entry in self._entry_point_map().items():
            try:
                cls = self._load_entry_point(name, entry)
            except PluginNotFoundError as exc:
                _log.warning("skipping plugin: %s", exc)
                continue
            classes.setdefault(cls, set()).add(name)
        return classes

    def _base_classes(self, kind: PluginType) -> list[type]:
        cached = self._bases.get(kind)
        if cached is not None:
            return cached
        bases: list[type] = []
        complete = True
        for base in self._kind_bases.get(kind, ()):  # UNKNOWN (config providers): none
            if isinstance(base, type):
                bases.append(base)
                continue
            try:
                bases.append(_load_path(base))
            except Exception:  # a layer that is not installed has no such plugins
                complete = False
                _log.debug("plugin base %s is not available", base)
        if complete:
            self._bases[kind] = bases
        return bases

    def plugin_types(self, cls: type) -> list[PluginType]:
        """The kinds ``cls`` is a plugin of (``[PluginType.UNKNOWN]`` if none)."""
        kinds = [
            kind
            for kind in self._kind_bases
            if any(issubclass(cls, base) for base in self._base_classes(kind))
        ]
        return kinds or [PluginType.UNKNOWN]

    def _aliases(self) -> dict[str, type]:
        """Kafka's computed aliases: simple and pruned names that name exactly one plugin."""
        with self._lock:
            if self._computed is None:
                candidates: dict[str, set[type]] = {}
                for cls in self._known_classes():
                    for kind in self.plugin_types(cls):
                        for alias in (cls.__name__, self._pruned_name(cls, kind)):
                            candidates.setdefault(alias, set()).add(cls)
                self._computed = {
                    alias: next(iter(found))
                    for alias, found in candidates.items()
                    if len(found) == 1
                }
            return self._computed

    def _pruned_name(self, cls: type, kind: PluginType) -> str:
        simple = cls.__name__
        if kind in (PluginType.SOURCE, PluginType.SINK):
            suffix = "Connector"
        else:
            own = [base for base in self._base_classes(kind) if issubclass(cls, base)]
            suffix = own[0].__name__ if own else ""
        position = simple.rfind(suffix) if suffix else -1
        return simple[:position] if position > 0 else simple

    def names(self) -> list[str]:
        """Every name an available plugin can be found by (Java names, aliases, Python paths)."""
        names = set(self._aliases())
        for cls, explicit in self._known_classes().items():
            names.add(_python_name(cls))
            names.update(explicit)
        return sorted(names)

    def _suggest(self, name: str, kind: PluginType | None = None) -> list[str]:
        if kind is None:
            candidates = self.names()
        else:
            candidates = []
            for desc in self.list_plugins(kind):
                candidates.append(desc.class_name)
                candidates.extend(desc.aliases)
                if desc.java_name:
                    candidates.append(desc.java_name)
        lowered: dict[str, str] = {}
        for candidate in candidates:
            lowered.setdefault(candidate.lower(), candidate)
        matches = difflib.get_close_matches(name.lower(), list(lowered), n=5, cutoff=0.6)
        if not matches:
            # a Java or Python path: compare the simple names too
            tail = name.replace("$", ".").replace(":", ".").rsplit(".", 1)[-1].lower()
            matches = difflib.get_close_matches(tail, list(lowered), n=5, cutoff=0.6)
        return [lowered[m] for m in matches]

    def list_plugins(self, kind: PluginType | str | None = None) -> list[PluginDesc]:
        """The known plugins (of ``kind``, a :class:`PluginType` or its name), sorted by class.

        A class that is several kinds (``StringConverter``: converter and header converter) is
        listed once per kind; with no ``kind``, classes of no known kind are left out.
        """
        wanted = PluginType(kind) if isinstance(kind, str) else kind
        aliases = self._aliases()
        result: list[PluginDesc] = []
        for cls, names in self._known_classes().items():
            if _is_variant_holder(cls):  # known only to explain itself ("Did you mean ...?")
                continue
            for plugin_type in self.plugin_types(cls):
                if plugin_type is PluginType.UNKNOWN and wanted is not PluginType.UNKNOWN:
                    continue
                if wanted is not None and plugin_type is not wanted:
                    continue
                python_name = _python_name(cls)
                own = sorted(
                    (names | {a for a, c in aliases.items() if c is cls}) - {python_name},
                    key=str.lower,
                )
                java = [n for n in own if n in self._java_names]
                result.append(
                    PluginDesc(
                        class_name=python_name,
                        type=plugin_type,
                        version=_version_of(cls),
                        java_name=java[0] if java else None,
                        aliases=tuple(n for n in own if n not in self._java_names),
                        plugin_class=cls,
                    )
                )
        result.sort(key=lambda d: (d.class_name, d.type.value))
        return result


_KIND_TEXT: Final = {
    PluginType.SOURCE: "source connector",
    PluginType.SINK: "sink connector",
    PluginType.CONVERTER: "converter",
    PluginType.HEADER_CONVERTER: "header converter",
    PluginType.TRANSFORMATION: "transformation",
    PluginType.PREDICATE: "predicate",
    PluginType.UNKNOWN: "plugin",
}


def _version_of(cls: type) -> str:
    """``cls().version()`` as Kafka's plugin scanner reports it, else ``"undefined"``."""
    if not callable(getattr(cls, "version", None)):
        return UNDEFINED_VERSION
    try:
        version = cls().version()
    except Exception:  # a plugin that cannot report a version is listed without one
        return UNDEFINED_VERSION
    return str(version) if version is not None else UNDEFINED_VERSION


_DEFAULT: PluginRegistry | None = None
_DEFAULT_LOCK: Final = threading.Lock()


def default_registry() -> PluginRegistry:
    """The process-wide registry the module-level functions use."""
    global _DEFAULT  # noqa: PLW0603  (one registry per process, as Kafka's one plugin loader)
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = PluginRegistry()
        return _DEFAULT


def plugin_class(name: str, kind: PluginType | None = None) -> type:
    """The plugin class ``name`` refers to; see :meth:`PluginRegistry.plugin_class`."""
    return default_registry().plugin_class(name, kind)


def new_plugin(name: str, kind: PluginType | None = None) -> Any:
    """A new instance of the plugin ``name``; see :meth:`PluginRegistry.new_plugin`."""
    return default_registry().new_plugin(name, kind)


def register(target: str | type, *names: str) -> None:
    """Make ``target`` known under ``names``; see :meth:`PluginRegistry.register`."""
    default_registry().register(target, *names)


def register_plugin_type(kind: PluginType, base: str | type) -> None:
    """Count subclasses of ``base`` as ``kind`` plugins; see :meth:`PluginRegistry.register_plugin_type`."""
    default_registry().register_plugin_type(kind, base)


def list_plugins(kind: PluginType | str | None = None) -> list[PluginDesc]:
    """The known plugins; see :meth:`PluginRegistry.list_plugins`."""
    return default_registry().list_plugins(kind)


def install_class_resolver() -> None:
    """Resolve ``ConfigDef.Type.CLASS`` values process-wide by these rules (the runtime calls it)."""
    set_class_resolver(default_registry().load)
