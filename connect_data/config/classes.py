"""How ``Type.CLASS`` configuration values are turned from names into classes.

Java loads a class name through the thread's context class loader, which Kafka Connect points
at a plugin's class loader so that aliases such as ``JsonConverter`` resolve. The Python
equivalent is a *class resolver*: a function from a name to a class that raises
``ImportError``/``LookupError``/``AttributeError`` when there is no such class.

- :func:`load_class` is the default resolver: a dotted Python path (``package.module.Class``,
  nested classes as ``package.module.Outer.Inner``), ``package.module:Class``, or the name of a
  builtin (``str``).
- :func:`set_class_resolver` installs a process-wide resolver (the runtime's plugin registry
  does this, so Java class names and aliases resolve too).
- :func:`class_resolver_context` overrides it for the current thread or task only.
"""

from __future__ import annotations

import builtins
import contextvars
import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final

__all__ = [
    "ClassResolver",
    "class_resolver",
    "class_resolver_context",
    "load_class",
    "set_class_resolver",
]

ClassResolver = Callable[[str], type]
"""A function that returns the class named by its argument or raises ``ImportError``,
``LookupError`` or ``AttributeError`` when there is none."""


def _walk(obj: object, path: list[str], name: str) -> type:
    for part in path:
        obj = getattr(obj, part)
    if not isinstance(obj, type):
        raise LookupError(f"{name} is not a class")
    return obj


def _import(module_name: str) -> object | None:
    """Import ``module_name``; ``None`` if that module (or a parent package) does not exist.

    A module that exists but fails while importing one of *its* dependencies raises.
    """
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        missing = exc.name or ""
        if module_name == missing or module_name.startswith(missing + "."):
            return None
        raise


def load_class(name: str) -> type:
    """Load the class named by a dotted Python path (the default class resolver).

    ``"json.JSONDecoder"``, ``"pkg.mod.Outer.Inner"``, ``"pkg.mod:Outer.Inner"`` and builtin
    names such as ``"str"`` are accepted. Raises ``LookupError`` if nothing of that name is
    found or it is not a class.
    """
    if not name or name != name.strip():
        raise LookupError(f"Class {name} could not be found.")
    if ":" in name:
        module_name, _, attribute = name.partition(":")
        module = _import(module_name) if module_name else None
        if module is None or not attribute:
            raise LookupError(f"Class {name} could not be found.")
        return _walk(module, attribute.split("."), name)
    parts = name.split(".")
    if len(parts) == 1:
        return _walk(builtins, parts, name)
    for split in range(len(parts) - 1, 0, -1):
        module = _import(".".join(parts[:split]))
        if module is not None:
            return _walk(module, parts[split:], name)
    raise LookupError(f"Class {name} could not be found.")


_process_resolver: ClassResolver = load_class
_context_resolver: Final[contextvars.ContextVar[ClassResolver | None]] = contextvars.ContextVar(
    "connect_data_config_class_resolver", default=None
)


def class_resolver() -> ClassResolver:
    """The resolver in force here: the context's override, else the process-wide one."""
    return _context_resolver.get() or _process_resolver


def set_class_resolver(resolver: ClassResolver | None) -> ClassResolver:
    """Install ``resolver`` for the whole process (``None`` restores :func:`load_class`).

    Returns the resolver it replaces.
    """
    global _process_resolver  # noqa: PLW0603  (the one process-wide setting, as Java's class loader)
    previous = _process_resolver
    _process_resolver = resolver or load_class
    return previous


@contextmanager
def class_resolver_context(resolver: ClassResolver) -> Iterator[None]:
    """Resolve class names with ``resolver`` inside the ``with`` block (this thread/task only)."""
    token = _context_resolver.set(resolver)
    try:
        yield
    finally:
        _context_resolver.reset(token)
