"""The class names error reports show: Java's for classes that port a Java class.

The ``__connect.errors.class.name`` and ``__connect.errors.exception.class.name`` headers of
the dead letter queue, and the error log, name the class that failed and the exception it
raised. For classes that are ports of Kafka Connect classes (the stock converters and
transformations, ``SinkTask``, the ``org.apache.kafka.connect.errors`` exceptions) that is the
Java class name, so consumers of a dead letter queue see the same values whichever runtime
wrote it; any other class is named by its Python path (``mypkg.mod.Class``; built-in
exceptions by their bare name, ``ValueError``).
"""

from __future__ import annotations

import threading
from typing import Final

__all__ = ["class_name", "exception_class_name", "java_class_name", "report_class_name"]

_KAFKA: Final = "org.apache.kafka.connect"

# Python path -> Java name of the runtime's and the API's own classes.
_FIXED: Final = {
    "connect_data.errors.ConnectException": f"{_KAFKA}.errors.ConnectException",
    "connect_data.errors.DataException": f"{_KAFKA}.errors.DataException",
    "connect_data.errors.RetriableException": f"{_KAFKA}.errors.RetriableException",
    "connect_data.errors.SchemaBuilderException": f"{_KAFKA}.errors.SchemaBuilderException",
    "connect_data.errors.SchemaProjectorException": f"{_KAFKA}.errors.SchemaProjectorException",
    "connectors.errors.IllegalWorkerStateException": (
        f"{_KAFKA}.errors.IllegalWorkerStateException"
    ),
    "connect_data.config.exception.ConfigException": (
        "org.apache.kafka.common.config.ConfigException"
    ),
    "connectors.sink.SinkTask": f"{_KAFKA}.sink.SinkTask",
    "connectors.source.SourceTask": f"{_KAFKA}.source.SourceTask",
    "connectors.transforms.transformation.Transformation": f"{_KAFKA}.transforms.Transformation",
    "connectors.transforms.predicate.Predicate": f"{_KAFKA}.transforms.predicates.Predicate",
    "connectors.runtime.source_task.WorkerSourceTask": f"{_KAFKA}.runtime.WorkerSourceTask",
    "connectors.runtime.source_task.ExactlyOnceWorkerSourceTask": (
        f"{_KAFKA}.runtime.ExactlyOnceWorkerSourceTask"
    ),
    "connectors.runtime.sink_task.WorkerSinkTask": f"{_KAFKA}.runtime.WorkerSinkTask",
}

_cache: dict[type, str | None] = {}
_cache_lock: Final = threading.Lock()


def class_name(cls: type) -> str:
    """The dotted Python path of ``cls`` (built-ins by their bare name)."""
    if cls.__module__ == "builtins":
        return cls.__qualname__
    return f"{cls.__module__}.{cls.__qualname__}"


def java_class_name(cls: type) -> str | None:
    """The Java class ``cls`` is a port of, or ``None``."""
    with _cache_lock:
        if cls in _cache:
            return _cache[cls]
    found = _FIXED.get(class_name(cls)) or _registered_java_name(cls)
    with _cache_lock:
        _cache[cls] = found
    return found


def _registered_java_name(cls: type) -> str | None:
    """The Java name a stock plugin is registered under in :mod:`converters.plugins`."""
    from converters import plugins

    return plugins.default_registry().java_name(cls)


def report_class_name(cls: type | None) -> str:
    """The name error reports give ``cls``: its Java name if it has one, else its Python path."""
    if cls is None:
        return "null"
    return java_class_name(cls) or class_name(cls)


def exception_class_name(error: BaseException) -> str:
    """The name error reports give the class of ``error``."""
    return report_class_name(type(error))
