"""The worker's plugin lookup: :mod:`converters.plugins` plus ``plugin.path`` scanning.

Names resolve by the rules of :mod:`converters.plugins` (Java class names of the stock plugins,
``connectpy.plugins`` entry points, Python dotted paths, Kafka's short aliases). On top of that,
as Kafka Connect scans its ``plugin.path``, the worker puts every ``plugin.path`` directory
first on ``sys.path`` and, the first time a name is not found (or when plugins are listed),
imports the top-level modules of those directories and the plugin packages under
``connectors`` and registers every plugin class found, so that their simple names and
suffix-less aliases (``CounterSource`` for ``CounterSourceConnector``) resolve too.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar

from connect_data.config import ConfigException, class_resolver_context
from converters.converter import Converter, HeaderConverter
from converters.plugins import PluginDesc, PluginNotFoundError, PluginRegistry, PluginType

__all__ = ["PluginDesc", "PluginType", "Plugins", "class_name", "default_plugins"]

log = logging.getLogger(__name__)

T = TypeVar("T")

_SCANNED_PACKAGE: Final = "connectors"
_SKIPPED: Final = ("connectors.runtime", "connectors.transforms")


def class_name(cls: type) -> str:
    """The dotted Python path of a class."""
    return f"{cls.__module__}.{cls.__qualname__}"


class Plugins:
    """Resolves plugin names for one worker (see the module docs)."""

    def __init__(
        self, plugin_path: Sequence[str] | None = None, registry: PluginRegistry | None = None
    ) -> None:
        self.registry = registry or PluginRegistry()
        self._lock = threading.RLock()
        self._scanned = False
        self.plugin_path = [
            str(Path(p.strip()).expanduser().resolve()) for p in plugin_path or () if p.strip()
        ]
        for entry in reversed(self.plugin_path):
            if entry not in sys.path:
                sys.path.insert(0, entry)

    def resolve(self, name: str) -> type:
        """The class named ``name``; raises ``LookupError``. A ``ConfigDef`` class resolver."""
        try:
            return self.registry.plugin_class(name)
        except PluginNotFoundError:
            if not self._scan():
                raise
        return self.registry.plugin_class(name)

    def plugin_class(self, name: str, expected: type, what: str) -> type[Any]:
        """Resolve ``name`` and check it is a concrete subclass of ``expected``.

        Raises :class:`ConfigException` naming ``what`` was looked for.
        """
        try:
            cls = self.resolve(name)
        except PluginNotFoundError as exc:
            raise ConfigException(
                f"Failed to find any class that implements {what} and which name matches "
                f"{name}: {exc}"
            ) from exc
        except (ImportError, LookupError, AttributeError) as exc:
            raise ConfigException(
                f"Failed to find any class that implements {what} and which name matches {name}"
            ) from exc
        if not (inspect.isclass(cls) and issubclass(cls, expected)):
            raise ConfigException(
                f"Class {name} ({class_name(cls)}) is not a subclass of {class_name(expected)}"
            )
        if inspect.isabstract(cls):
            raise ConfigException(f"Class {name} ({class_name(cls)}) is abstract")
        return cls

    def new_converter(
        self, name: str | type[Converter], configs: Mapping[str, Any], is_key: bool
    ) -> Converter:
        """A :class:`~converters.converter.Converter` of ``name`` (a class, or any name
        :meth:`plugin_class` resolves) configured with ``configs`` and ``converter.type``
        (``key`` or ``value``), class names in them resolved by this lookup (Java's
        ``Plugins.newConverter``). Raises :class:`ConfigException`."""
        cls = name if isinstance(name, type) else self.plugin_class(name, Converter, "Converter")
        converter = cls()
        if not isinstance(converter, Converter):
            raise ConfigException(f"{name} is not a Converter")
        with class_resolver_context(self.resolve):
            converter.configure({**configs, "converter.type": "key" if is_key else "value"}, is_key)
        return converter

    def new_header_converter(
        self, name: str | type[HeaderConverter], configs: Mapping[str, Any]
    ) -> HeaderConverter:
        """A :class:`~converters.converter.HeaderConverter` of ``name`` configured with
        ``configs`` and ``converter.type=header`` (see :meth:`new_converter`)."""
        cls = (
            name
            if isinstance(name, type)
            else self.plugin_class(name, HeaderConverter, "HeaderConverter")
        )
        converter = cls()
        if not isinstance(converter, HeaderConverter):
            raise ConfigException(f"{name} is not a HeaderConverter")
        with class_resolver_context(self.resolve):
            converter.configure({**configs, "converter.type": "header"})
        return converter

    def discover(self, kind: PluginType | str | None = None) -> list[PluginDesc]:
        """Every plugin known after scanning (of ``kind``), as :func:`list_plugins` lists them."""
        self._scan()
        return self.registry.list_plugins(kind)

    # ----------------------------------------------------------------- scanning

    def _scan(self) -> bool:
        """Import and register the plugin modules once; whether this call did it."""
        with self._lock:
            if self._scanned:
                return False
            self._scanned = True
            found = 0
            for module in self._modules():
                for _, obj in inspect.getmembers(module, inspect.isclass):
                    if obj.__module__ != module.__name__ or obj.__name__.startswith("_"):
                        continue
                    if inspect.isabstract(obj):
                        continue
                    if self.registry.plugin_types(obj) == [PluginType.UNKNOWN]:
                        continue
                    self.registry.register(obj)
                    found += 1
            log.debug("Registered %d plugin classes found by scanning", found)
            return True

    def _modules(self) -> Iterator[Any]:
        names: list[str] = []
        try:
            package = importlib.import_module(_SCANNED_PACKAGE)
            names.extend(
                info.name
                for info in pkgutil.walk_packages(
                    package.__path__, prefix=_SCANNED_PACKAGE + ".", onerror=lambda _: None
                )
                if not info.name.startswith(_SKIPPED)
            )
        except ImportError:
            pass
        for entry in self.plugin_path:
            names.extend(info.name for info in pkgutil.iter_modules([entry]))
        for name in names:
            try:
                yield importlib.import_module(name)
            except Exception as exc:
                log.warning("Skipping module %s while looking for plugins: %s", name, exc)


_default: Plugins | None = None
_default_lock = threading.Lock()


def default_plugins() -> Plugins:
    """A process-wide :class:`Plugins` without ``plugin.path`` (for tools and tests)."""
    global _default  # noqa: PLW0603  (one lazily built lookup per process)
    with _default_lock:
        if _default is None:
            _default = Plugins()
        return _default
