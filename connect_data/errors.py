"""The Kafka Connect exception hierarchy (``org.apache.kafka.connect.errors``).

Every error raised by connectpy's data layer, converters and runtime is a
:class:`ConnectException`. Connector code catches :class:`DataException` for bad data and
raises :class:`RetriableException` for temporary failures the runtime should retry.
"""

from __future__ import annotations

__all__ = [
    "ConnectException",
    "DataException",
    "RetriableException",
    "SchemaBuilderException",
    "SchemaProjectorException",
]


class ConnectException(Exception):
    """Base class of every Kafka Connect error (``org.apache.kafka.connect.errors.ConnectException``)."""


class DataException(ConnectException):
    """A value does not match its schema, or data cannot be converted."""


class SchemaBuilderException(DataException):
    """A :class:`~connect_data.SchemaBuilder` was used in a way that cannot give a valid schema."""


class SchemaProjectorException(DataException):
    """A value cannot be projected from its source schema onto the target schema."""


class RetriableException(ConnectException):
    """A temporary failure: the runtime retries the operation instead of failing the task."""


def class_name(value: object) -> str:
    """Describe the type of ``value`` the way Java's ``Object.getClass()`` appears in messages.

    Java writes ``class java.lang.Long``; connectpy writes ``class int``.
    """
    return f"class {type(value).__name__}"
